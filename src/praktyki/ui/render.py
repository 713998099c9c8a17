"""Answer -> Markdown for the chat: answer sentences, then numbered, expandable sources."""

from __future__ import annotations

import html

from .. import messages
from ..escape import markdown_text
from ..messages import polish_date
from ..types import Answer, Citation


def source_line(c: Citation) -> str:
    """'[n] title — region, date, s. 3' (the page only for PDFs)."""
    doc = c.hit.doc
    title = doc.title if doc else c.hit.chunk.doc_id
    where = [doc.region if doc else "", polish_date(doc.date) if doc else ""]
    if c.hit.page:
        where.append(f"{messages.PAGE} {c.hit.page}")
    details = ", ".join(x for x in where if x)
    return f"[{c.n}] {title}" + (f" — {details}" if details else "")


def organisations_line(c: Citation) -> str:
    doc = c.hit.doc
    if not doc or not doc.organisations:
        return ""
    return f"{messages.ORGANISATIONS}: " + ", ".join(name for name, _ in doc.organisations[:6])


def passage_html(c: Citation, quoted: tuple[str, ...] = ()) -> str:
    """The passage with the sentences the answer quotes from it (else its closest sentence)
    emphasised, escaped for the chat."""
    text = html.escape(" ".join(c.hit.chunk.text.split()))
    for sentence in quoted or ((c.sentence,) if c.sentence else ()):
        escaped = html.escape(sentence)
        text = text.replace(escaped, f"<mark><strong>{escaped}</strong></mark>", 1)
    return text


def source_anchor(number: int, n: int) -> str:
    """The id of source [n] of the number-th answer of a conversation: unique on the page."""
    return f"zrodlo-{number}-{n}"


def answer_markdown(answer: Answer, number: int = 0) -> str:
    """``number``: the answer's place in the conversation, so that each [n] links to the
    source of its own answer."""
    parts = []
    if answer.note:
        parts.append(f"_{markdown_text(answer.note)}_")
    if answer.sentences:
        parts.append(
            " ".join(
                f'{markdown_text(s.text)} <a href="#{source_anchor(number, s.n)}" '
                f'class="cite">[{s.n}]</a>'
                for s in answer.sentences
            )
        )
    else:
        parts.append(markdown_text(answer.text))
    quoted: dict[int, tuple[str, ...]] = {c.n: () for c in answer.citations}
    for s in answer.sentences:
        quoted[s.n] = (*quoted[s.n], s.text)
    if answer.citations:
        header = messages.NEAREST_HEADER if answer.no_answer else messages.SOURCES_HEADER
        parts.append(f"**{header}:**")
        for c in answer.citations:
            orgs = organisations_line(c)
            parts.append(
                f'<details id="{source_anchor(number, c.n)}">'
                f"<summary>{html.escape(source_line(c))}</summary>\n\n"
                + (f"<p><em>{html.escape(orgs)}</em></p>\n\n" if orgs else "")
                + f"<blockquote>{passage_html(c, quoted[c.n])}</blockquote>\n\n</details>"
            )
    return "\n\n".join(parts)


def document_html(title: str, text: str, start: int, end: int, sentence: str = "") -> str:
    """The whole report with the cited passage marked (id="passage", for scrolling) and its
    supporting sentence emphasised."""
    before, passage, after = text[:start], text[start:end], text[end:]
    marked = html.escape(passage)
    if sentence:
        flat = " ".join(sentence.split())
        at = " ".join(passage.split()).find(flat)
        if at >= 0:
            marked = html.escape(" ".join(passage.split())).replace(
                html.escape(flat), f"<strong>{html.escape(flat)}</strong>", 1
            )
    body = (
        html.escape(before)
        + f'<mark id="passage" class="passage">{marked}</mark>'
        + html.escape(after)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f'<div class="report-viewer"><h3>{html.escape(title)}</h3>{paragraphs}</div>'


def source_choices(answer: Answer) -> list[tuple[str, int]]:
    return [(source_line(c), i) for i, c in enumerate(answer.citations)]
