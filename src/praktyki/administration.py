"""Administration of the knowledge base: login, uploads, deletion, reindexing and the audit log.

:class:`Administration` is the half of :class:`praktyki.api.Engine` that changes the knowledge
base; the other half searches and answers. Every operation checks the session itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .admin import (
    AccessDenied,
    AdminAuth,
    AuditEntry,
    AuditLog,
    UploadRejected,
    remove_report,
    save_upload,
)
from .config import Settings
from .errors import InvalidQuestion, PraktykiError
from .index import BuildReport, IndexVersion, Progress
from .limits import MAX_USER_CHARS, LoginThrottle


class UploadsRejected(PraktykiError):
    def __init__(self, saved: list[str], rejected: list[UploadRejected]) -> None:
        self.saved = saved
        self.rejected = rejected
        super().__init__("; ".join(str(r) for r in rejected))


class Administration:
    """Needs from the Engine it is part of: ``settings``, the live ``version`` and ``index()``."""

    settings: Settings
    _admin: AdminAuth | None = None
    _audit: AuditLog | None = None
    _throttle: LoginThrottle | None = None

    if TYPE_CHECKING:  # provided by the Engine

        @property
        def version(self) -> IndexVersion: ...

        def index(
            self,
            corpus_dir: Path | None = None,
            *,
            rebuild: bool = False,
            progress: Progress | None = None,
        ) -> BuildReport: ...

    @property
    def _login_throttle(self) -> LoginThrottle:
        if self._throttle is None:
            self._throttle = LoginThrottle()
        return self._throttle

    @property
    def admin(self) -> AdminAuth:
        if self._admin is None:
            password = self.settings.admin_password
            self._admin = AdminAuth(
                self.settings.admin_user, password.get_secret_value() if password else None
            )
        return self._admin

    @property
    def audit(self) -> AuditLog:
        if self._audit is None:
            self._audit = AuditLog(self.settings.app_db)
        return self._audit

    def login(self, user: str, password: str, client: str = "") -> str:
        """A session token; a client guessing passwords is locked out for longer and longer."""
        self._login_throttle.check(client)
        try:
            token = self.admin.login(user or "", password or "")
        except AccessDenied:
            self._login_throttle.failed(client)
            self.audit.record((user or "?")[:MAX_USER_CHARS], "login-failed", client)
            raise
        self._login_throttle.succeeded(client)
        self.audit.record(user, "login", client)
        return token

    def logout(self, token: str | None) -> None:
        try:
            user = self.admin.user_for(token)
        except AccessDenied:
            return  # nothing to end
        self.admin.logout(token)
        self.audit.record(user, "logout")

    def add_reports(self, token: str | None, files: Sequence[tuple[str, bytes]]) -> list[str]:
        """Save uploaded reports into the corpus (not yet indexed); returns the saved paths.
        A rejected file raises after the good ones are saved, naming every rejected one."""
        user = self.admin.user_for(token)
        saved, rejected = [], []
        for name, data in files:
            try:
                path = save_upload(
                    self.settings.corpus_dir, name, data, self.settings.max_upload_mb * 2**20
                )
            except UploadRejected as exc:
                rejected.append(exc)
                self.audit.record(user, "upload-rejected", f"{name}: {exc.reason}")
                continue
            saved.append(str(path))
            self.audit.record(user, "upload", path.name)
        if rejected:
            raise UploadsRejected(saved, rejected)
        return saved

    def delete_report(self, token: str | None, doc_id: str) -> None:
        user = self.admin.user_for(token)
        info = self.version.infos.get(doc_id)
        if info is None:
            raise InvalidQuestion(f"no report {doc_id!r} in the index", "unknown-report")
        remove_report(self.settings.corpus_dir, info.path)
        self.audit.record(user, "delete", doc_id)

    def reindex(self, token: str | None, progress: Progress | None = None) -> BuildReport:
        user = self.admin.user_for(token)
        try:
            report = self.index(progress=progress)
        except PraktykiError as exc:
            self.audit.record(user, "reindex-failed", type(exc).__name__)
            raise
        counts = {
            "added": len(report.added),
            "updated": len(report.updated),
            "removed": len(report.removed),
            "skipped": len(report.errors),
        }
        self.audit.record(user, "reindex", json.dumps(counts))
        return report

    def audit_entries(self, token: str | None, limit: int = 100) -> list[AuditEntry]:
        self.admin.user_for(token)
        return self.audit.entries(limit)
