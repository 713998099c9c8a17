"""Gradio Blocks: builds the page and wires events; every handler calls Engine and render."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
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
from . import security
from .admin import build_admin_tab
from .chat import build_chat_tab
from .notes import error
from .trainer import build_trainer_tab

log = logging.getLogger(__name__)

PAGE_JS = (Path(__file__).parent / "page.js").read_text("utf-8")
CSS = """
.gradio-container { max-width: 980px !important; margin: auto; }
#chat a.cite { font-weight: 600; text-decoration: underline; padding: 0 1px; }
#chat a.cite:focus-visible, #chat summary:focus-visible { outline: 2px solid #3730a3; }
.tab-container button.selected { color: #3730a3; }
footer, footer a, footer button { color: #4b5563 !important; }
/* Table headers break between words only ("Fragmenty", not "Fragme nty"). */
#admin-docs th, #admin-docs th *, #admin-audit th, #admin-audit th * {
  word-break: normal !important; overflow-wrap: normal !important; hyphens: manual;
}
mark { background: #fff3b0; color: inherit; }
details summary { cursor: pointer; }
.report-viewer { max-height: 420px; overflow-y: auto; padding: 0 12px; }
.report-viewer mark.passage { display: inline; padding: 2px 0; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; min-width: 0 !important; }
  .gradio-container > .main { padding-left: 8px !important; padding-right: 8px !important; }
  .gradio-container .gallery, .gradio-container .gallery-item { white-space: normal !important; }
  .gradio-container .row { flex-wrap: wrap; }
  #ask-row > *, #comment-row > * { flex: 1 1 100% !important; min-width: 100% !important; }
  .tab-container { flex-wrap: wrap; height: auto !important; }
  .tab-container button { white-space: normal; padding-left: 8px; padding-right: 8px; }
}
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
            raise error(messages.describe_error(exc)) from exc

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
    # Labels, tabs and buttons darker than Soft's indigo-500, for 4.5:1 contrast (WCAG AA).
    return gr.themes.Soft(
        font=["system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    ).set(
        block_label_text_color="*primary_800",
        block_title_text_color="*primary_800",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_600",
        body_text_color_subdued="*neutral_600",
    )


STATUS_UPDATE_SECONDS = 10.0


def prepare(settings: Settings) -> Engine:
    """An Engine with its index open and its model loaded, so that the first question is
    answered as fast as any other; the index is built from the corpus on first start."""
    started = time.perf_counter()
    engine = Engine(settings)
    # A damaged live version with an intact older one keeps serving (the admin is warned);
    # with none intact the index is rebuilt here rather than the app failing to start.
    if not engine.has_index() or engine.index_is_stale() or not engine.index_usable():
        log.warning(messages.INDEX_BUILDING)
        report = engine.index()
        for error in report.errors:
            log.warning("Pominięto plik: %s", error)
    _limit_threads(settings.compute_threads)
    engine.warm_up()
    log.warning(messages.READY.format(seconds=time.perf_counter() - started))
    if engine.fallback is not None:
        log.error(messages.index_fallback(engine.fallback.broken, engine.fallback.serving))
    return engine


def _limit_threads(threads: int) -> None:
    """After the index is built (which wants every core): with one thread per question a query
    embeds in ~30 ms whatever else runs, with two it took up to 0.5 s while another process ran.
    Torch is touched only when questions use it (``query_runtime="torch"``); otherwise it is
    imported by a later reindex, which may take every core."""
    import faiss

    faiss.omp_set_num_threads(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


def serve(settings: Settings) -> None:
    for warning in security.start_up_warnings(settings):
        log.warning(warning)
    app = build_app(prepare(settings))
    app.queue(
        default_concurrency_limit=settings.concurrency,
        max_size=settings.queue_size,
        # "auto" sends every waiting client its queue position each time any answer is done:
        # with 32 waiting that is 32 messages per answer, for a position the chat never shows.
        status_update_rate=STATUS_UPDATE_SECONDS,
    ).launch(
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
        i18n=I18N,
        js=PAGE_JS,
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve(Settings())
