"""Knowledge-base administration: who may act, safe uploads, and the audit log."""

from __future__ import annotations

import datetime as dt
import hmac
import os
import re
import secrets
import tempfile
import threading
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from .appdb import AppTable
from .errors import PraktykiError, UnsupportedFile
from .limits import password_weakness
from .load import READERS

SESSION_SECONDS = 8 * 3600
_UNSAFE = re.compile(r"[^\w.\- ]+")


class AccessDenied(PraktykiError):
    def __init__(self, reason: str = "admin login required") -> None:
        self.reason = reason
        super().__init__(reason)


class AdminDisabled(AccessDenied):
    def __init__(self) -> None:
        super().__init__("admin is disabled: set PRAKTYKI_ADMIN_USER and PRAKTYKI_ADMIN_PASSWORD")


class UploadRejected(PraktykiError):
    def __init__(self, name: str, reason: str) -> None:
        self.path = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class AdminAuth:
    """Checks credentials from settings and hands out short-lived session tokens.

    Tokens live only in this process; every admin operation asks :meth:`user_for` itself, so a
    caller who skips the login form (a direct API call) holds no token and is refused."""

    def __init__(self, user: str | None, password: str | None) -> None:
        self._user = user or ""
        self._password = password or ""
        # A weak password keeps the admin tab off rather than guarding it badly.
        self.weakness = (
            password_weakness(self._user, self._password)
            if self._user and self._password
            else None
        )
        self._sessions: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return bool(self._user and self._password) and self.weakness is None

    def login(self, user: str, password: str) -> str:
        if not self.enabled:
            raise AdminDisabled()
        ok_user = hmac.compare_digest(user.encode(), self._user.encode())
        ok_password = hmac.compare_digest(password.encode(), self._password.encode())
        if not (ok_user and ok_password):
            time.sleep(0.5)  # slows guessing down
            raise AccessDenied("wrong user name or password")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = (user, time.time() + SESSION_SECONDS)
        return token

    def user_for(self, token: str | None) -> str:
        if not self.enabled:
            raise AdminDisabled()
        with self._lock:
            found = self._sessions.get(token or "")
            if found is None or found[1] < time.time():
                self._sessions.pop(token or "", None)
                raise AccessDenied()
            return found[0]

    def logout(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)


def safe_filename(name: str) -> str:
    """The file's own name only, without directories, odd characters or a leading dot."""
    base = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name).strip()
    base = _UNSAFE.sub("-", base).strip(" .-")
    stem, suffix = os.path.splitext(base)
    stem = stem.strip(" .-")
    if not stem or suffix.lower() not in READERS:
        raise UploadRejected(name, "unsupported file type")
    return f"{stem[:100]}{suffix.lower()}"


def check_content(name: str, data: bytes) -> None:
    """The type is judged by the bytes, not by the extension."""
    suffix = Path(name).suffix.lower()
    if not data:
        raise UploadRejected(name, "the file is empty")
    if suffix == ".pdf" and not data.lstrip()[:5] == b"%PDF-":
        raise UploadRejected(name, "not a PDF document")
    if suffix == ".docx" and not _is_docx(data):
        raise UploadRejected(name, "not a DOCX document")
    if suffix in {".txt", ".md", ".markdown", ".html", ".htm"}:
        head = data[:65536]
        if b"\x00" in head or head.startswith((b"%PDF-", b"PK\x03\x04")):
            raise UploadRejected(name, "binary content in a text file")
        if suffix in {".html", ".htm"} and b"<" not in head:
            raise UploadRejected(name, "not an HTML page")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def save_upload(corpus_dir: Path, name: str, data: bytes, max_bytes: int) -> Path:
    """Write an upload into the corpus atomically; an existing report of that name is replaced."""
    safe = safe_filename(name)
    if len(data) > max_bytes:
        raise UploadRejected(name, f"larger than {max_bytes // (1024 * 1024)} MB")
    try:
        check_content(safe, data)
    except UploadRejected:
        raise
    except Exception as exc:  # a damaged upload is refused, never a crash
        raise UploadRejected(name, f"damaged file ({type(exc).__name__})") from exc
    test_parse(safe, data)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / safe
    fd, tmp = tempfile.mkstemp(dir=corpus_dir, prefix=".upload-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
    return target


def test_parse(name: str, data: bytes) -> None:
    """Read the upload as the indexer will, outside the corpus: a file that cannot be read is
    refused before it can be saved next to the good ones."""
    from .load import read_safely

    with tempfile.TemporaryDirectory(prefix="praktyki-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            read_safely(path, Path(tmp))
        except PraktykiError as exc:
            raise UploadRejected(name, getattr(exc, "reason", str(exc))) from exc


def remove_report(corpus_dir: Path, path: str) -> None:
    """Delete a report file, refusing anything outside the corpus folder."""
    target = Path(path).resolve()
    if corpus_dir.resolve() not in target.parents:
        raise UnsupportedFile(path, "outside the corpus folder")
    target.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    user: str
    action: str
    detail: str


class AuditLog:
    """Who did what and when, append-only."""

    def __init__(self, path: Path) -> None:
        self._table = AppTable(
            path,
            "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
            "user TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)",
        )

    def record(self, user: str, action: str, detail: str = "") -> None:
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._table.write(
            "INSERT INTO audit (at, user, action, detail) VALUES (?,?,?,?)",
            (at, user, action, detail),
        )

    def entries(self, limit: int = 100) -> list[AuditEntry]:
        rows = self._table.read(
            "SELECT at, user, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [AuditEntry(*row) for row in rows]
