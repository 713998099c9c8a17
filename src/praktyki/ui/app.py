"""Gradio Blocks: builds the page and wires events; every handler calls Engine and render."""

from __future__ import annotations

import logging
import os
from typing import Any

# Gradio reads these when it is imported: no analytics, no hub look-ups.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr

from .. import messages
from ..answer import to_json
from ..api import Engine
from ..config import Settings
from ..errors import PraktykiError
from ..escape import markdown_text
from ..filters import Filters
from ..metadata import ORG_TYPES, REGIONS
from . import security
from .admin import build_admin_tab, client_of
from .render import answer_markdown, document_html, source_choices
from .trainer import build_trainer_tab

log = logging.getLogger(__name__)

CSS = """
.gradio-container { max-width: 980px !important; margin: auto; }
mark { background: #fff3b0; color: inherit; }
details summary { cursor: pointer; }
.report-viewer { max-height: 420px; overflow-y: auto; padding: 0 12px; }
.report-viewer mark.passage { display: inline; padding: 2px 0; }
@media (max-width: 640px) { .gradio-container { padding: 4px !important; } }
"""
SCROLL_TO_PASSAGE = (
    "() => { setTimeout(() => document.getElementById('passage')"
    "?.scrollIntoView({block: 'center'}), 100); }"
)


def _filters(region: str | None, year_from: Any, year_to: Any, org_type: str | None) -> Filters:
    return Filters(
        region=None if region in (None, "", messages.ALL_REGIONS) else region,
        # An empty gr.Number may arrive as 0; no report is from year 0.
        year_from=int(year_from) if year_from else None,
        year_to=int(year_to) if year_to else None,
        org_type=None if org_type in (None, "", messages.ALL_ORG_TYPES) else org_type,
    )


def build_app(engine: Engine) -> Any:

    def ask(question: str) -> dict[str, Any]:
        try:
            return to_json(engine.ask(question))
        except PraktykiError as exc:
            raise gr.Error(messages.describe_error(exc)) from exc

    with gr.Blocks(title=messages.APP_TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"# {messages.APP_TITLE}\n\n{messages.APP_INTRO}")
        with gr.Tab(messages.TAB_CHAT, elem_id="tab-chat"):
            _chat_tab(engine)
        with gr.Tab(messages.TAB_TRAINER, elem_id="tab-trainer"):
            build_trainer_tab(engine, REGIONS)
        with gr.Tab(messages.TAB_ADMIN, elem_id="tab-admin"):
            build_admin_tab(engine)
        gr.api(ask, api_name="ask")
    return app


def _chat_tab(engine: Engine) -> None:
    turn = gr.State(None)  # what a follow-up question may refer to
    answers = gr.State([])  # the answers of this conversation, in order, for sources and feedback
    chat = gr.Chatbot(
        label=messages.CHAT_LABEL,
        height=520,
        sanitize_html=True,
        elem_id="chat",
        feedback_options=("Like", "Dislike"),
    )
    with gr.Row():
        question = gr.Textbox(
            label=messages.QUESTION_LABEL,
            placeholder=messages.QUESTION_PLACEHOLDER,
            scale=5,
            autofocus=True,
            elem_id="question",
        )
        send = gr.Button(messages.SEND, variant="primary", scale=1, elem_id="send")
    with gr.Accordion(messages.FILTERS, open=False, elem_id="filters"), gr.Row():
        region = gr.Dropdown(
            [messages.ALL_REGIONS, *REGIONS],
            value=messages.ALL_REGIONS,
            label=messages.REGION,
            elem_id="filter-region",
        )
        year_from = gr.Number(
            value=None, label=messages.YEAR_FROM, precision=0, elem_id="filter-from"
        )
        year_to = gr.Number(value=None, label=messages.YEAR_TO, precision=0, elem_id="filter-to")
        org_type = gr.Dropdown(
            [messages.ALL_ORG_TYPES, *ORG_TYPES],
            value=messages.ALL_ORG_TYPES,
            label=messages.ORG_TYPE,
            elem_id="filter-org",
        )
    gr.Examples(messages.EXAMPLE_QUESTIONS, inputs=question, label=messages.EXAMPLES_LABEL)
    with gr.Row():
        comment = gr.Textbox(label=messages.FEEDBACK_COMMENT, scale=4, elem_id="comment")
        send_comment = gr.Button(messages.FEEDBACK_SEND, scale=1, elem_id="send-comment")
    with gr.Accordion(messages.OPEN_SOURCE, open=True, elem_id="viewer-box"):
        source = gr.Dropdown(
            choices=[], label=messages.OPEN_SOURCE, show_label=False, elem_id="open-source"
        )
        viewer = gr.HTML(f"<p>{messages.VIEWER_EMPTY}</p>", elem_id="viewer")
    clear = gr.Button(messages.CLEAR, variant="secondary", size="sm")

    def respond(message, history, past_turn, past, *filter_values):
        history, past = list(history or []), list(past or [])
        if not (message or "").strip():
            raise gr.Error(messages.empty_question())
        try:
            answer, next_turn = engine.converse(message, past_turn, _filters(*filter_values))
        except PraktykiError as exc:
            raise gr.Error(messages.describe_error(exc)) from exc
        # The question is shown as typed: no Markdown image or link of its own is loaded.
        history.append({"role": "user", "content": markdown_text(message)})
        history.append({"role": "assistant", "content": answer_markdown(answer)})
        past.append(answer)
        choices = gr.update(choices=source_choices(answer), value=None)
        return "", history, next_turn, past, choices

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
            _record(engine, past[answer_number], 1 if data.liked else -1, "", request)

    def send_feedback(text: str, past: list[Any], request: gr.Request):
        if not past:
            raise gr.Error(messages.FEEDBACK_NOTHING)
        if (text or "").strip():
            _record(engine, past[-1], 0, text, request)
            gr.Info(messages.FEEDBACK_THANKS)
        return ""

    inputs = [question, chat, turn, answers, region, year_from, year_to, org_type]
    outputs = [question, chat, turn, answers, source]
    send.click(respond, inputs, outputs, api_name="chat")
    question.submit(respond, inputs, outputs, api_visibility="private")
    source.change(open_source, [source, answers], viewer, api_visibility="private").then(
        None, js=SCROLL_TO_PASSAGE
    )
    chat.like(like, [answers], None, api_visibility="private")
    send_comment.click(send_feedback, [comment, answers], comment, api_visibility="private")
    clear.click(
        lambda: ("", [], None, [], gr.update(choices=[], value=None)),
        None,
        outputs,
        api_visibility="private",
    )


def _record(engine: Engine, answer: Any, rating: int, comment: str, request: Any) -> None:
    try:
        engine.add_feedback(answer, rating, comment, client_of(request))
    except PraktykiError as exc:
        raise gr.Error(messages.describe_error(exc)) from exc


def theme() -> Any:
    # System fonts only: the default theme would fetch web fonts from the internet.
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


def prepare(settings: Settings) -> Engine:
    """An Engine with an index: built from the corpus on first start."""
    engine = Engine(settings)
    # A damaged live version with an intact older one keeps serving (the admin is warned);
    # with none intact the index is rebuilt here rather than the app failing to start.
    if not engine.has_index() or engine.index_is_stale() or not engine.index_usable():
        log.warning(messages.INDEX_BUILDING)
        report = engine.index()
        for error in report.errors:
            log.warning("Pominięto plik: %s", error)
    engine.version  # noqa: B018 - load the index and model before the first question
    if engine.fallback is not None:
        log.error(messages.index_fallback(engine.fallback.broken, engine.fallback.serving))
    return engine


def serve(settings: Settings) -> None:
    for warning in security.start_up_warnings(settings):
        log.warning(warning)
    app = build_app(prepare(settings))
    app.queue(default_concurrency_limit=4, max_size=settings.queue_size).launch(
        server_name=settings.host,
        server_port=settings.port,
        share=False,  # never a public tunnel, whatever GRADIO_SHARE says
        # Gradio would keep every call's inputs (the admin password too) in localStorage.
        run_history=False,
        max_file_size=settings.max_upload_mb * 2**20,
        app_kwargs={"middleware": security.middleware(settings)},
        ssl_certfile=str(settings.ssl_certfile) if settings.ssl_certfile else None,
        ssl_keyfile=str(settings.ssl_keyfile) if settings.ssl_keyfile else None,
        theme=theme(),
        css=CSS,
        footer_links=["api"],
        show_error=False,  # internal exception text never reaches a user; gr.Error still does
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve(Settings())
