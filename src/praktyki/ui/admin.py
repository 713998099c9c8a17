"""The admin tab: log in, upload, list, delete, reindex, audit log. Every handler passes the
session token to Engine, which checks it: hiding the tab is not what protects these actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import messages
from ..admin import AccessDenied
from ..api import Engine, UploadsRejected
from ..errors import PraktykiError
from .notes import error, note
from .render import polish_date


def client_of(request: Any) -> str:
    """The peer address of a request: what per-client limits count. Forwarded-for headers are
    not trusted, as anyone can send them."""
    client = getattr(request, "client", None)
    return str(getattr(client, "host", "") or "")


def _denied(gr: Any, exc: AccessDenied) -> Exception:
    return error(messages.admin_denied(exc.reason))


def _tables(engine: Engine, token: str) -> tuple[list[list[Any]], Any, list[list[str]]]:
    import gradio as gr

    docs = engine.documents()
    rows = [
        [
            d["title"],
            polish_date(d["date"]),
            d["region"],
            ", ".join(o["name"] for o in d["organisations"]),
            d["chunks"],
            d["doc_id"],
        ]
        for d in docs
    ]
    audit = [
        [
            messages.audit_time(e.at),
            e.user,
            messages.audit_action(e.action),
            messages.audit_detail(e.action, e.detail),
        ]
        for e in engine.audit_entries(token)
    ]
    # The delete list names reports by title (with the id to tell same-titled ones apart).
    choices = [(f"{d['title']} ({d['doc_id']})", d["doc_id"]) for d in docs]
    return rows, gr.update(choices=choices, value=None), audit


def build_admin_tab(engine: Engine) -> None:
    import gradio as gr

    if not engine.admin.enabled:
        weak = engine.admin.weakness is not None
        text = messages.ADMIN_WEAK_PASSWORD if weak else messages.ADMIN_DISABLED
        gr.Markdown(text, elem_id="admin-disabled")
        return

    token = gr.State("")
    with gr.Row(elem_id="admin-login-form") as login_form:
        user = gr.Textbox(label=messages.ADMIN_USER, elem_id="admin-user")
        password = gr.Textbox(label=messages.ADMIN_PASSWORD, type="password", elem_id="admin-pass")
        login_btn = gr.Button(messages.ADMIN_LOGIN, variant="primary", elem_id="admin-login")
    status = gr.Markdown(elem_id="admin-status")
    with gr.Column(visible=False) as panel:
        logout_btn = gr.Button(messages.ADMIN_LOGOUT, size="sm", elem_id="admin-logout")
        files = gr.File(
            label=messages.ADMIN_FILES,
            file_count="multiple",
            type="filepath",
            elem_id="admin-files",
        )
        with gr.Row():
            upload_btn = gr.Button(messages.ADMIN_UPLOAD, variant="primary", elem_id="admin-upload")
            reindex_btn = gr.Button(messages.ADMIN_REINDEX, elem_id="admin-reindex")
        result = gr.Markdown(elem_id="admin-result")
        docs = gr.Dataframe(
            headers=messages.ADMIN_DOC_HEADERS,
            label=messages.ADMIN_DOCUMENTS,
            elem_id="admin-docs",
            interactive=False,
            wrap=True,
            # Each column wide enough for its header word, so headers never break inside it.
            column_widths=["24%", "12%", "15%", "22%", "12%", "15%"],
        )
        with gr.Row():
            pick = gr.Dropdown(label=messages.ADMIN_DELETE_PICK, choices=[], elem_id="admin-pick")
            delete_btn = gr.Button(messages.ADMIN_DELETE, variant="stop", elem_id="admin-delete")
            refresh_btn = gr.Button(messages.ADMIN_REFRESH, size="sm")
        audit = gr.Dataframe(
            headers=messages.ADMIN_AUDIT_HEADERS,
            label=messages.ADMIN_AUDIT,
            interactive=False,
            wrap=True,
            elem_id="admin-audit",
        )

    def login(name: str, secret: str, request: gr.Request):
        try:
            new_token = engine.login(name, secret, client_of(request))
        except AccessDenied as exc:
            # A mistyped password is a note next to the form, not an error overlay.
            keep, hidden = gr.update(), gr.update(visible=False)
            denied = note(messages.admin_denied(exc.reason))
            return "", denied, hidden, keep, "", keep, keep, keep
        except PraktykiError as exc:  # locked out after too many guesses: a note too
            keep, hidden = gr.update(), gr.update(visible=False)
            return "", note(messages.describe_error(exc)), hidden, keep, "", keep, keep, keep
        rows, choices, log = _tables(engine, new_token)
        shown = messages.ADMIN_LOGGED_IN.format(user=name)
        fallback = engine.fallback
        if fallback is not None:
            shown += "\n\n" + messages.index_fallback(fallback.broken, fallback.serving)
        # The form gives way to the panel; the status replaces any failed-login note.
        panel_on, form_off = gr.update(visible=True), gr.update(visible=False)
        return new_token, shown, panel_on, form_off, "", rows, choices, log

    def logout(current: str):
        engine.logout(current)
        hidden, shown = gr.update(visible=False), gr.update(visible=True)
        return "", messages.ADMIN_LOGGED_OUT, hidden, shown, "", [], gr.update(choices=[]), []

    def reindex_with_progress(current: str, progress: Any) -> str:
        def report(stage: str, done: int, total: int) -> None:
            progress((done, total), desc=messages.index_step(stage))

        return messages.reindex_summary(engine.reindex(current, progress=report).to_json())

    def upload(current: str, paths: list[str] | None, progress=gr.Progress()):  # noqa: B008
        try:
            engine.admin.user_for(current)
            payload = [(Path(p).name, Path(p).read_bytes()) for p in paths or []]
            rejected: list[str] = []
            try:
                engine.add_reports(current, payload)
            except UploadsRejected as exc:
                rejected = [messages.upload_rejected(r.path, r.reason) for r in exc.rejected]
            text = messages.admin_result(rejected, reindex_with_progress(current, progress))
            return (text, None, *_tables(engine, current))
        except AccessDenied as exc:
            raise _denied(gr, exc) from exc
        except PraktykiError as exc:
            raise error(messages.describe_error(exc)) from exc

    def reindex(current: str, progress=gr.Progress()):  # noqa: B008
        try:
            return (reindex_with_progress(current, progress), *_tables(engine, current))
        except AccessDenied as exc:
            raise _denied(gr, exc) from exc
        except PraktykiError as exc:
            raise error(messages.describe_error(exc)) from exc

    def delete(current: str, doc_id: str | None, progress=gr.Progress()):  # noqa: B008
        try:
            if not doc_id:
                return (note(messages.ADMIN_DELETE_NOTHING), *_tables(engine, current))
            engine.delete_report(current, doc_id)
            return (reindex_with_progress(current, progress), *_tables(engine, current))
        except AccessDenied as exc:
            raise _denied(gr, exc) from exc
        except PraktykiError as exc:
            raise error(messages.describe_error(exc)) from exc

    def refresh(current: str):
        try:
            return _tables(engine, current)
        except AccessDenied as exc:
            raise _denied(gr, exc) from exc

    login_btn.click(
        login,
        [user, password],
        [token, status, panel, login_form, password, docs, pick, audit],
        api_name="admin_login",
        show_progress="hidden",
    )
    logout_btn.click(
        logout,
        [token],
        [token, status, panel, login_form, password, docs, pick, audit],
        api_visibility="private",
        show_progress="hidden",
    )
    upload_btn.click(
        upload, [token, files], [result, files, docs, pick, audit], api_name="admin_upload"
    )
    reindex_btn.click(reindex, [token], [result, docs, pick, audit], api_name="admin_reindex")
    delete_btn.click(delete, [token, pick], [result, docs, pick, audit], api_name="admin_delete")
    refresh_btn.click(refresh, [token], [docs, pick, audit], api_name="admin_documents")
