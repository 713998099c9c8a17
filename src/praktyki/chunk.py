"""Sentence splitting for Polish report prose and sentence-aware chunking.

pysbd and sentencex both split after "r.", "sp.", "tj." and "św." in Polish, which these reports
use in every paragraph, so boundaries are found here with an explicit abbreviation list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .types import Chunk

# Abbreviations that never end a sentence: a capital after them starts a name, not a sentence.
NEVER_FINAL = frozenset(
    [
        "ul",
        "al",
        "pl",
        "os",
        "m.in",
        "np",
        "tj",
        "tzw",
        "św",
        "sp",
        "ok",
        "ds",
        "dr",
        "prof",
        "mgr",
        "inż",
        "hab",
        "ks",
        "im",
        "nr",
        "pkt",
        "ust",
        "art",
        "ww",
        "wg",
        "por",
        "zob",
        "godz",
        "tel",
        "gm",
        "pow",
        "woj",
        "przew",
        "prez",
        "red",
        "k",
        "dz",
        "poz",
        "lit",
        "ppkt",
    ]
)
# Abbreviations that often end a sentence ("… w 2017 r. Następnie …"): split before a capital.
MAY_BE_FINAL = frozenset(
    ["r", "br", "o.o", "itd", "itp", "tys", "mln", "mld", "zł", "proc", "wyd"]
)
# Fewer words than this before such an abbreviation are no sentence ("Dnia 25 lipca br."):
# the capital after it starts a name ("Dnia 25 lipca br. Spółdzielnia … została …").
_MIN_WORDS_BEFORE_FINAL_ABBREVIATION = 5

_BOUNDARY = re.compile(r"[.!?…]+[\"”»’)]*(?=\s)")
# Paragraphs glued together by a page's markup: "…pani Monika Łakoma.Następnie swoją…". A
# word of three small letters or more, a full stop, a capitalised word: no abbreviation or
# initial looks like that; an address ("www.Onet.pl") is left whole.
_GLUED = re.compile(r"(?<=[a-ząćęłńóśźż]{3})[.!?](?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2})")
_NEXT_START = re.compile(r"\s+([„\"«(]?[A-ZĄĆĘŁŃÓŚŹŻ0-9])")
_TOKEN_BEFORE = re.compile(r"([\w.]+)$")
_LINE_BREAK = re.compile(r"\n\s*")
_HEADING_MAX_WORDS = 12
_CONTINUES = re.compile(r"[,;(\-–—]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their character offsets in ``text``; paragraphs and headings always end one."""
    sentences: list[Sentence] = []
    for p_start, p_end in _paragraph_spans(text):
        start = p_start
        for cut in _sentence_ends(text, p_start, p_end):
            _append(sentences, text, start, cut)
            start = cut
        _append(sentences, text, start, p_end)
    return sentences


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank lines, headings, list items and lines that end a sentence all close a paragraph;
    a line wrapped mid-sentence does not."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        if _is_paragraph_break(text[start : m.start()], m.group(), text[m.end() : m.end() + 2]):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return spans


def _is_paragraph_break(before: str, gap: str, after: str) -> bool:
    last_line = before.rsplit("\n", 1)[-1].strip()
    if gap.count("\n") > 1 or not last_line or not after:
        return True
    if last_line[-1] in '.!?…:;"”»)':
        return True
    if after[0] in "-–•*#" or after[0].isdigit():
        return True
    short = len(last_line.split()) <= _HEADING_MAX_WORDS
    return short and not _CONTINUES.search(last_line) and after[0].isupper()


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text, start, end):
        following = _NEXT_START.match(text, m.end(), end)
        if following is None:
            continue
        begun = cuts[-1] if cuts else start
        if m.group().startswith(".") and not _period_ends_sentence(text, begun, m.start()):
            continue
        cuts.append(m.end())
    glued = [m.end() for m in _GLUED.finditer(text, start, end) if not _in_address(text, m.start())]
    return sorted(cuts + glued) if glued else cuts


def _in_address(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` sits in a web or e-mail address: "www.Onet.pl"."""
    before = text[: dot].rsplit(maxsplit=1)[-1] if text[:dot].strip() else ""
    after = text[dot + 1 :].split(maxsplit=1)[0] if text[dot + 1 :].strip() else ""
    return any(mark in before for mark in ("www", "/", "@")) or "." in after.rstrip(".,;:!?")


def _period_ends_sentence(text: str, begun: int, dot: int) -> bool:
    token = _TOKEN_BEFORE.search(text, begun, dot)
    if token is None:
        return True
    word = token.group(1)
    lowered = word.lower().lstrip(".")
    if lowered in NEVER_FINAL:
        return False
    if lowered in MAY_BE_FINAL and (
        len(text[begun:dot].split()) < _MIN_WORDS_BEFORE_FINAL_ABBREVIATION
    ):
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Kowalski"
    return not (word.isdigit() and len(word) <= 2 and _looks_like_date(text, dot))


def _looks_like_date(text: str, dot: int) -> bool:
    # "12.05.2019" is matched as a whole token already; this catches "12. maja" style ordinals.
    return text[dot + 1 : dot + 3].strip()[:1].islower()


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped or not any(c.isalnum() for c in stripped):
        return
    offset = start + (len(raw) - len(raw.lstrip()))
    out.append(Sentence(" ".join(stripped.split()), offset, offset + len(stripped)))


def chunk_document(
    doc_id: str,
    text: str,
    *,
    min_words: int = 60,
    max_words: int = 200,
    overlap: int = 1,
    breaks: Sequence[int] = (),
) -> list[Chunk]:
    """Whole sentences grouped to about ``min_words``..``max_words`` words, ``overlap`` sentences
    repeated at the start of the next chunk so a fact on a boundary is found in both.

    No chunk crosses an offset in ``breaks`` (PDF page starts), so each chunk has one page."""
    sentences = [piece for s in split_sentences(text) for piece in _split_long(s, max_words)]
    section = [bisect_right(sorted(breaks), s.start) for s in sentences]
    groups: list[list[Sentence]] = []
    i = 0
    while i < len(sentences):
        group = [sentences[i]]
        j = i + 1
        while j < len(sentences) and _words(group) < min_words and section[j] == section[i]:
            if _words(group) + sentences[j].words > max_words:
                break
            group.append(sentences[j])
            j += 1
        groups.append(group)
        if j >= len(sentences):
            break
        back = max(i + 1, j - overlap)
        i = back if section[back] == section[j] else j
    if not breaks:  # a short last page stays its own chunk: it has its own page number
        groups = _merge_short_tail(groups, min_words, max_words)
    return [
        Chunk(
            chunk_id=f"{doc_id}#{n}",
            doc_id=doc_id,
            ordinal=n,
            text=text[g[0].start : g[-1].end],
            start=g[0].start,
            end=g[-1].end,
        )
        for n, g in enumerate(groups)
    ]


def _words(group: list[Sentence]) -> int:
    return sum(s.words for s in group)


def _merge_short_tail(
    groups: list[list[Sentence]], min_words: int, max_words: int
) -> list[list[Sentence]]:
    """A last chunk made only of the overlap plus a line or two adds noise; fold it back."""
    if len(groups) < 2 or _words(groups[-1]) >= min_words // 2:
        return groups
    prev, last = groups[-2], groups[-1]
    extra = [s for s in last if s.start >= prev[-1].end]
    if _words(prev) + sum(s.words for s in extra) > max_words:
        return groups
    return [*groups[:-2], prev + extra]


def _split_long(sentence: Sentence, max_words: int) -> list[Sentence]:
    """A 'sentence' over the limit (a list run together, a table row) is cut at word bounds."""
    if sentence.words <= max_words:
        return [sentence]
    pieces, spans = [], [m.span() for m in re.finditer(r"\S+", sentence.text)]
    for k in range(0, len(spans), max_words):
        a, b = spans[k][0], spans[min(k + max_words, len(spans)) - 1][1]
        pieces.append(Sentence(sentence.text[a:b], sentence.start + a, sentence.start + b))
    return pieces
