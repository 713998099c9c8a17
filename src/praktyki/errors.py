"""Exception tree. Messages are English and carry fields; cli.py and ui/ translate them."""

from __future__ import annotations

from pathlib import Path


class PraktykiError(Exception):
    """Base of every error praktyki raises on purpose."""


class UnsupportedFile(PraktykiError):
    def __init__(self, path: Path | str, reason: str = "unsupported file type") -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class BrokenFile(PraktykiError):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DuplicateReport(PraktykiError):
    """Two files that would be one report: "a.md" and "a.txt" in one folder."""

    def __init__(self, path: Path | str, doc_id: str, names: str) -> None:
        self.path = str(path)
        self.doc_id = doc_id
        self.names = names
        self.reason = f"another file gives the same report id {doc_id!r} ({names})"
        super().__init__(f"{self.path}: {self.reason}")


class IndexMissing(PraktykiError):
    def __init__(self, index_dir: Path | str) -> None:
        self.index_dir = str(index_dir)
        super().__init__(f"no index in {self.index_dir}; run `praktyki index` first")


class IndexMismatch(PraktykiError):
    def __init__(self, index_dir: Path | str, reason: str) -> None:
        self.index_dir = str(index_dir)
        self.reason = reason
        super().__init__(f"index in {self.index_dir} does not match the settings: {reason}")


class IndexCorrupt(PraktykiError):
    """An index version whose files do not match its manifest, or cannot be read."""

    def __init__(self, version_dir: Path | str, reason: str) -> None:
        self.version_dir = str(version_dir)
        self.version = Path(version_dir).name
        self.reason = reason
        super().__init__(
            f"index version {self.version} is damaged ({reason}); run `praktyki index` to repair it"
        )


class ModelUnavailable(PraktykiError):
    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(f"embedding model {model!r} is unavailable: {reason}")


class SearchUnavailable(PraktykiError):
    """The search server (Milvus) cannot be reached, or did not answer in time."""

    def __init__(self, address: str, reason: str) -> None:
        self.address = address
        self.reason = reason
        super().__init__(f"search server {address} is unavailable: {reason}")


class EmptyCorpus(PraktykiError):
    def __init__(self, corpus_dir: Path | str) -> None:
        self.corpus_dir = str(corpus_dir)
        super().__init__(f"no readable reports in {self.corpus_dir}")


class InvalidFilter(PraktykiError):
    """``code``: "unknown-region" (``value``) or "years-reversed"."""

    def __init__(self, reason: str, code: str, value: str = "") -> None:
        self.reason = reason
        self.code = code
        self.value = value
        super().__init__(reason)


class InvalidQuestion(PraktykiError):
    """``code``: "empty", "too-long" (``limit``), "no-words" or "unknown-report"."""

    def __init__(self, reason: str, code: str = "", limit: int = 0) -> None:
        self.reason = reason
        self.code = code
        self.limit = limit
        super().__init__(reason)


class GenerationFailed(PraktykiError):
    """The language model gave no usable answer. ``code``: "unreachable", "timeout", "http"
    (``status``) or "malformed"; the caller shows the extractive answer instead."""

    def __init__(self, code: str, reason: str, status: int = 0) -> None:
        self.code = code
        self.reason = reason
        self.status = status
        super().__init__(f"language model failed ({code}): {reason}")
