"""Gradio Blocks: builds the page and wires events; every handler calls Engine and render."""

from __future__ import annotations

import logging
import os
import time
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
from ..metadata import REGIONS
from .admin import build_admin_tab
from .chat import build_chat_tab
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

# Gradio's Polish locale lacks these; the keys are Gradio's own, so its components use them.
I18N = gr.I18n(
    pl={
        "chatbot.copy_message": "Kopiuj wiadomość",
        "chatbot.copied_message": "Skopiowano wiadomość",
    }
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
            build_chat_tab(engine)
        with gr.Tab(messages.TAB_TRAINER, elem_id="tab-trainer"):
            build_trainer_tab(engine, REGIONS)
        with gr.Tab(messages.TAB_ADMIN, elem_id="tab-admin"):
            build_admin_tab(engine)
        gr.api(ask, api_name="ask")
    return app


def theme() -> Any:
    # System fonts only: the default theme would fetch web fonts from the internet.
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


def prepare(settings: Settings) -> Engine:
    """An Engine with its index open and its model loaded, so that the first question is
    answered as fast as any other; the index is built from the corpus on first start."""
    started = time.perf_counter()
    engine = Engine(settings)
    if not engine.has_index() or engine.index_is_stale():
        log.warning(messages.INDEX_BUILDING)
        report = engine.index()
        for error in report.errors:
            log.warning("Pominięto plik: %s", error)
    engine.warm_up()
    log.warning(messages.READY.format(seconds=time.perf_counter() - started))
    return engine


def serve(settings: Settings) -> None:
    app = build_app(prepare(settings))
    app.queue(default_concurrency_limit=4).launch(
        server_name=settings.host,
        server_port=settings.port,
        theme=theme(),
        css=CSS,
        footer_links=["api"],
        show_error=True,
        i18n=I18N,
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve(Settings())
