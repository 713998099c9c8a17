"""Build, swap and open index versions: SQLite metadata + manifest in one directory, and the
searchable passages in the search backend (``backend.py``; by default FAISS + bm25s files in the
same directory).

Every build writes a complete new version into a temporary folder, renames it into place and then
makes it live (the embedded backend flips the ``current`` pointer file with ``os.replace``).
Readers either see the old version or the new one, never half of either; a build killed at any
moment leaves the old version serving.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import json
import logging
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from . import store, versions
from .backend import PassageSearch, SearchBackend, backend_for
from .build import (
    FORMAT,
    BuildReport,
    Progress,
    VersionBuild,
    reusable_when,
)
from .config import Settings
from .embed import TextEncoder
from .errors import EmptyCorpus, IndexCorrupt, IndexMismatch, IndexMissing
from .lemmas import Analyzer
from .load import read_corpus
from .normalize import fold
from .question import name_counts
from .reuse import LEXICON, SENTENCE_VECTORS, known_files, load_previous
from .types import DocInfo, SentenceRecord

log = logging.getLogger(__name__)

POINTER = versions.POINTER
MANIFEST = versions.MANIFEST


def current_version(index_dir: Path) -> Path | None:
    pointer = index_dir / POINTER
    try:
        name = pointer.read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    version = index_dir / name
    return version if (version / MANIFEST).exists() else None


def read_manifest(version_dir: Path) -> dict[str, Any]:
    return json.loads((version_dir / MANIFEST).read_text("utf-8"))


class _BuildLock:
    """One builder per index directory; a second waits instead of racing."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / ".build.lock"

    def __enter__(self) -> _BuildLock:
        self.handle = open(self.path, "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def build_index(
    settings: Settings,
    encoder: TextEncoder,
    corpus_dir: Path | None = None,
    index_dir: Path | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Index ``corpus_dir`` into a new version of ``index_dir``, redoing only what changed."""
    corpus_dir = corpus_dir or settings.corpus_dir
    index_dir = index_dir or settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    backend = backend_for(settings)
    with _BuildLock(index_dir):
        _remove_stale_temporaries(index_dir)
        # Only an intact version lends its rows; a damaged live one is replaced, not reused.
        intact, damaged = versions.newest_intact(index_dir)
        expected = reusable_when(settings, encoder.dimension)
        previous = None if rebuild else load_previous(intact, expected, _vectors_of(settings))
        sources, errors = read_corpus(corpus_dir, progress, known_files(previous))
        if not sources:
            raise EmptyCorpus(corpus_dir)
        report = BuildReport(errors=errors, repaired=[d.version for d in damaged])
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=index_dir))
        name = f"v-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        writer = backend.writer(tmp, name, encoder.dimension)
        try:
            # What the report calls new, changed or removed is judged against the last intact
            # version even when nothing of it is reused (--rebuild, another model).
            old_docs = read_manifest(intact).get("documents", {}) if intact else {}
            build = VersionBuild(tmp, previous, old_docs, settings, encoder, report, progress)
            build.write(sources, writer)
            tmp.rename(index_dir / name)
        except BaseException:
            writer.abort()
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        backend.activate(index_dir, name)
        keep = {name, intact.name if intact else name}
        _remove_old_versions(index_dir, keep)
        backend.retire(keep)
        report.version = name
        return report


def _vectors_of(settings: Settings) -> Callable[[Path, dict[str, Any]], np.ndarray | None]:
    """Passage vectors of a version, read from the backend that built it: an embedded index
    lends its vectors to a first Milvus build, too."""

    def read(version: Path, manifest: dict[str, Any]) -> np.ndarray | None:
        built_by = settings.model_copy(update={"backend": backend_name(manifest)})
        return backend_for(built_by).stored_vectors(version, manifest)

    return read


def _remove_stale_temporaries(index_dir: Path) -> None:
    # Only called under the build lock, so any temporary left here belongs to a dead build.
    for leftover in index_dir.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    # A pointer written just before a crash, never swapped in.
    for leftover in index_dir.glob(f".{POINTER}.*"):
        leftover.unlink(missing_ok=True)


def _remove_old_versions(index_dir: Path, keep: set[str]) -> None:
    """Keep the new version and the intact one before it: a reader may still be opening it,
    and it is what the chat falls back to should the new one be damaged."""
    for old in index_dir.glob("v-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


REPORTS_CACHED = 256


@dataclass
class IndexVersion:
    """One opened, read-only index version."""

    path: Path
    manifest: dict[str, Any]
    search: PassageSearch  # the searchable passages, in the backend that built them
    analyzer: Analyzer
    conn: Any
    row_doc: np.ndarray  # doc number per chunk row
    doc_ids: list[str]
    infos: dict[str, DocInfo]
    sentence_vectors: np.ndarray  # one row per stored sentence, float16, memory-mapped
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A version never changes, and a few reports answer most questions: reading and
        # rebuilding their sentences and folded text took a fifth of a chat answer's CPU.
        # The caches close over the connection, not the version, so that a version replaced
        # by a reindex is freed at once rather than by the cycle collector.
        cached = functools.lru_cache(maxsize=REPORTS_CACHED)
        self.sentences = cached(functools.partial(_report_sentences, self.conn))
        self.folded_text = cached(functools.partial(_folded_report, self.conn))
        # Read from the cached sentences, not from the store a second time.
        self.lemmas = cached(functools.partial(_report_lemmas, self.sentences))
        self.name_counts = cached(functools.partial(_report_name_counts, self.conn))

    @property
    def name(self) -> str:
        return self.path.name

    def unchanged(self) -> bool:
        """No file of this version was overwritten since it was checked and opened."""
        return versions.stamps(self.path, self.manifest) == self.stamps


def _report_sentences(conn: sqlite3.Connection, doc_id: str) -> tuple[SentenceRecord, ...]:
    """Every sentence of one report, in report order."""
    return tuple(store.doc_sentences(conn, [doc_id]))


def _folded_report(conn: sqlite3.Connection, doc_id: str) -> str:
    """The report's text folded (lower case, no diacritics), for name and year checks."""
    return fold(store.document_text(conn, doc_id) or "")


def _report_lemmas(
    sentences: Callable[[str], tuple[SentenceRecord, ...]], doc_id: str
) -> frozenset[str]:
    """The lemmas of the report's words, for name checks that inflection defeats."""
    return frozenset(t for r in sentences(doc_id) for t in r.terms)


def _report_name_counts(conn: sqlite3.Connection, doc_id: str) -> Mapping[str, tuple[int, int]]:
    """How the report writes each word, capitalised or not (see question.recase); read-only,
    as every question shares it."""
    return MappingProxyType(name_counts(store.document_text(conn, doc_id) or ""))


def open_index(index_dir: Path, settings: Settings) -> IndexVersion:
    version = current_version(index_dir)
    if version is None:
        raise IndexMissing(index_dir)
    return open_version(version, settings)


def open_version(version: Path, settings: Settings) -> IndexVersion:
    """Open one version after checking its files against the manifest. IndexCorrupt if any
    part is damaged; IndexMismatch if it was built for other settings."""
    manifest = versions.checked_manifest(version)
    index_dir = version.parent
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(index_dir, f"index format {manifest.get('format')}, expected {FORMAT}")
    if manifest.get("model") != settings.embedding_model:
        raise IndexMismatch(
            index_dir,
            f"built with {manifest.get('model')!r}, settings say {settings.embedding_model!r}",
        )
    if backend_name(manifest) != settings.backend:
        raise IndexMismatch(
            index_dir,
            f"built for the {backend_name(manifest)} backend, settings say {settings.backend}",
        )
    try:
        return _open_checked(version, manifest, backend_for(settings))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, sqlite3.Error) as exc:
        # faiss reports a truncated file as RuntimeError, SQLite a garbled one as DatabaseError.
        raise IndexCorrupt(version, f"{type(exc).__name__}: {exc}") from exc


def backend_name(manifest: dict[str, Any]) -> str:
    """The backend a version was built for; versions that do not say are embedded ones."""
    return str(manifest.get("backend") or "faiss")


def _open_checked(version: Path, manifest: dict[str, Any], backend: SearchBackend) -> IndexVersion:
    conn = store.connect(version / "meta.sqlite", readonly=True)
    row_doc_ids = store.chunk_doc_ids(conn)
    doc_ids = sorted(set(row_doc_ids))
    number = {d: i for i, d in enumerate(doc_ids)}
    row_doc = np.array([number[d] for d in row_doc_ids], dtype=np.int32)
    infos = store.doc_infos(conn)
    search = backend.open(version, manifest, conn, row_doc, doc_ids, infos)
    return IndexVersion(
        path=version,
        manifest=manifest,
        search=search,
        analyzer=Analyzer(
            json.loads((version / LEXICON).read_text("utf-8")), known=search.vocabulary()
        ),
        conn=conn,
        row_doc=row_doc,
        doc_ids=doc_ids,
        infos=infos,
        sentence_vectors=np.load(version / SENTENCE_VECTORS, mmap_mode="r"),
        stamps=versions.stamps(version, manifest),
    )
