"""The chat tab: question, answer with numbered sources, filters, feedback, source viewer.

User mistakes (an empty question, a comment with nothing to comment on) get a Polish note next
to the field, never a toast or an overlay: the reader keeps the page as it was."""

from __future__ import annotations

import contextlib
from typing import Any

import gradio as gr

from .. import messages
from ..api import Engine, validate_question
from ..errors import PraktykiError
from ..escape import markdown_text
from ..filters import Filters, parse_year
from ..metadata import ORG_TYPES, REGIONS
from .admin import client_of
from .notes import note
from .render import answer_markdown, document_html, source_choices

SCROLL_TO_PASSAGE = (
    "() => { setTimeout(() => document.getElementById('passage')"
    "?.scrollIntoView({block: 'center'}), 100); }"
)


def _filters(region: str | None, year_from: Any, year_to: Any, org_type: str | None) -> Filters:
    return Filters(
        region=None if region in (None, "", messages.ALL_REGIONS) else region,
        year_from=_year(year_from),
        year_to=_year(year_to),
        org_type=None if org_type in (None, "", messages.ALL_ORG_TYPES) else org_type,
    )


def _year(value: Any) -> int | None:
    """Empty (or "bez ograniczeń") means no limit."""
    return None if value == messages.YEAR_ANY else parse_year(value)


def _filter(choices: list[str], label: str, elem_id: str) -> Any:
    """A filter list whose first choice is "no limit". Any value an API caller sends gets
    through to the library, which refuses one no list offers with a Polish note (Gradio's own
    check would answer in English)."""
    return gr.Dropdown(
        choices, value=choices[0], label=label, elem_id=elem_id, allow_custom_value=True
    )


def build_chat_tab(engine: Engine) -> None:
    turn = gr.State(None)  # what a follow-up question may refer to
    answers = gr.State([])  # the answers of this conversation, in order, for sources and feedback
    chat = gr.Chatbot(
        label=messages.CHAT_LABEL,
        show_label=False,
        height=520,
        sanitize_html=True,
        elem_id="chat",
        feedback_options=("Like", "Dislike"),
        buttons=["copy"],
    )
    with gr.Row(elem_id="ask-row"):
        question = gr.Textbox(
            label=messages.QUESTION_LABEL,
            placeholder=messages.QUESTION_PLACEHOLDER,
            scale=5,
            elem_id="question",
        )
        send = gr.Button(messages.SEND, variant="primary", scale=1, elem_id="send")
    hint = gr.Markdown("", elem_id="question-hint")
    with gr.Accordion(messages.FILTERS, open=False, elem_id="filters"), gr.Row():
        region = _filter([messages.ALL_REGIONS, *REGIONS], messages.REGION, "filter-region")
        # A number field shows "0" when empty; a list offers only years that have reports.
        years = [messages.YEAR_ANY, *(str(y) for y in engine.report_years())]
        year_from = _filter(years, messages.YEAR_FROM, "filter-from")
        year_to = _filter(years, messages.YEAR_TO, "filter-to")
        org_type = _filter([messages.ALL_ORG_TYPES, *ORG_TYPES], messages.ORG_TYPE, "filter-org")
    gr.Examples(messages.EXAMPLE_QUESTIONS, inputs=question, label=messages.EXAMPLES_LABEL)
    with gr.Row(elem_id="comment-row"):
        comment = gr.Textbox(label=messages.FEEDBACK_COMMENT, scale=4, elem_id="comment")
        send_comment = gr.Button(messages.FEEDBACK_SEND, scale=1, elem_id="send-comment")
    comment_note = gr.Markdown("", elem_id="comment-note")
    with gr.Accordion(messages.OPEN_SOURCE, open=True, elem_id="viewer-box"):
        source = gr.Dropdown(
            choices=[], label=messages.OPEN_SOURCE, show_label=False, elem_id="open-source"
        )
        viewer = gr.HTML(f"<p>{messages.VIEWER_EMPTY}</p>", elem_id="viewer")
    clear = gr.Button(messages.CLEAR, variant="secondary", size="sm", elem_id="clear")

    def respond(message, history, past_turn, past, *filter_values):
        """First the question with a status, at once; then the answer in its place."""
        history, past = list(history or []), list(past or [])
        try:
            validate_question(message)
        except PraktykiError as exc:
            yield message, history, past_turn, past, gr.update(), note(messages.describe_error(exc))
            return
        # The question is shown as typed: no Markdown image or link of its own is loaded.
        asked = [*history, {"role": "user", "content": markdown_text(message)}]
        waiting = {"role": "assistant", "content": messages.SEARCHING}
        yield "", [*asked, waiting], past_turn, past, gr.update(), ""
        try:
            answer, next_turn = engine.converse(message, past_turn, _filters(*filter_values))
        except PraktykiError as exc:
            # The question goes back into the box, so nothing typed is lost.
            yield message, history, past_turn, past, gr.update(), note(messages.describe_error(exc))
            return
        choices = gr.update(choices=source_choices(answer), value=None)
        # One draft without a language model; with one, each verified sentence as it comes.
        for draft in engine.drafts(answer, next_turn.question):
            shown = {"role": "assistant", "content": answer_markdown(draft.answer, len(past))}
            yield "", [*asked, shown], next_turn, [*past, draft.answer], choices, ""

    def open_source(index: int | None, past: list[Any]):
        if index is None or not past:
            return f"<p>{messages.VIEWER_EMPTY}</p>"
        citation = past[-1].citations[int(index)]
        chunk, doc = citation.hit.chunk, citation.hit.doc
        text = engine.document_text(chunk.doc_id) or chunk.text
        title = doc.title if doc else chunk.doc_id
        return document_html(title, text, chunk.start, chunk.end, citation.sentence)

    def like(past: list[Any], data: gr.LikeData, request: gr.Request) -> None:
        position = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer_number = int(position) // 2  # user and assistant messages alternate
        if answer_number < len(past):
            with contextlib.suppress(PraktykiError):  # too many ratings: the extra ones drop
                engine.add_feedback(
                    past[answer_number], 1 if data.liked else -1, "", client_of(request)
                )

    def send_feedback(text: str, past: list[Any], request: gr.Request):
        if not past:
            return text, note(messages.FEEDBACK_NOTHING)
        if not (text or "").strip():
            return text, note(messages.FEEDBACK_EMPTY)
        try:
            engine.add_feedback(past[-1], 0, text, client_of(request))
        except PraktykiError as exc:  # too long, or too many: the comment stays in the box
            return text, note(messages.describe_error(exc))
        return "", messages.FEEDBACK_THANKS

    def reset():
        """A new conversation: nothing of the old one is shown, followed up or rated."""
        empty = f"<p>{messages.VIEWER_EMPTY}</p>"
        return "", [], None, [], gr.update(choices=[], value=None), "", empty, "", ""

    quiet: dict[str, Any] = {"show_progress": "hidden"}
    inputs = [question, chat, turn, answers, region, year_from, year_to, org_type]
    outputs = [question, chat, turn, answers, source, hint]
    send.click(respond, inputs, outputs, api_name="chat", **quiet)
    question.submit(respond, inputs, outputs, api_visibility="private", **quiet)
    source.change(open_source, [source, answers], viewer, api_visibility="private", **quiet).then(
        None, js=SCROLL_TO_PASSAGE
    )
    chat.like(like, [answers], None, api_visibility="private", **quiet)
    send_comment.click(
        send_feedback, [comment, answers], [comment, comment_note], api_visibility="private"
    )
    everything = [*outputs, viewer, comment, comment_note]
    clear.click(reset, None, everything, api_visibility="private", **quiet)
    chat.clear(reset, None, everything, api_visibility="private", **quiet)
