"""Gradio Blocks: builds the page and wires events; every handler calls Engine and render."""

from __future__ import annotations

import logging
import os
from typing import Any

from .. import messages
from ..answer import to_json
from ..api import Engine
from ..config import Settings
from ..errors import PraktykiError
from .admin import build_admin_tab
from .render import answer_markdown

log = logging.getLogger(__name__)

CSS = """
.gradio-container { max-width: 960px !important; margin: auto; }
mark { background: #fff3b0; color: inherit; }
details summary { cursor: pointer; }
"""


def _offline() -> None:
    # Gradio phones home for analytics and version checks unless told not to.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build_app(engine: Engine) -> Any:
    _offline()
    import gradio as gr

    def respond(message: str, history: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
        history = list(history or [])
        if not (message or "").strip():
            raise gr.Error(messages.empty_question())
        try:
            answer = engine.ask(message)
        except PraktykiError as exc:
            raise gr.Error(messages.describe_error(exc)) from exc
        history.append({"role": "user", "content": message})
        history.append({"role": "assistant", "content": answer_markdown(answer)})
        return "", history

    def ask(question: str) -> dict[str, Any]:
        try:
            return to_json(engine.ask(question))
        except PraktykiError as exc:
            raise gr.Error(messages.describe_error(exc)) from exc

    with gr.Blocks(title=messages.APP_TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"# {messages.APP_TITLE}\n\n{messages.APP_INTRO}")
        with gr.Tab(messages.TAB_CHAT, elem_id="tab-chat"):
            _chat_tab(gr, respond)
        with gr.Tab(messages.TAB_ADMIN, elem_id="tab-admin"):
            build_admin_tab(engine)
        gr.api(ask, api_name="ask")
    return app


def _chat_tab(gr: Any, respond: Any) -> None:
    chat = gr.Chatbot(
        label=messages.CHAT_LABEL,
        height=520,
        sanitize_html=True,
        elem_id="chat",
        feedback_options=None,
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
    gr.Examples(messages.EXAMPLE_QUESTIONS, inputs=question, label=messages.EXAMPLES_LABEL)
    clear = gr.Button(messages.CLEAR, variant="secondary", size="sm")
    send.click(respond, [question, chat], [question, chat], api_name="chat")
    question.submit(respond, [question, chat], [question, chat], api_visibility="private")
    clear.click(lambda: ("", []), None, [question, chat], api_visibility="private")


def theme() -> Any:
    import gradio as gr

    # System fonts only: the default theme would fetch web fonts from the internet.
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


def prepare(settings: Settings) -> Engine:
    """An Engine with an index: built from the corpus on first start."""
    engine = Engine(settings)
    if not engine.has_index():
        log.warning(messages.INDEX_BUILDING)
        report = engine.index()
        for error in report.errors:
            log.warning("Pominięto plik: %s", error)
    engine.version  # noqa: B018 - load the index and model before the first question
    return engine


def serve(settings: Settings) -> None:
    _offline()
    app = build_app(prepare(settings))
    app.queue(default_concurrency_limit=4).launch(
        server_name=settings.host,
        server_port=settings.port,
        theme=theme(),
        css=CSS,
        footer_links=["api"],
        show_error=True,
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve(Settings())
