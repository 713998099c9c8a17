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
import hashlib
import json
import logging
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__, store, versions
from .backend import Passage, PassageSearch, PassageWriter, SearchBackend, backend_for
from .chunk import chunk_document
from .config import Settings
from .embed import TextEncoder
from .errors import EmptyCorpus, IndexCorrupt, IndexMismatch, IndexMissing, PraktykiError
from .lemmas import Analyzer
from .load import load_corpus
from .sentences import analyse_sentences
from .types import Chunk, DocInfo, Document, SentenceRecord

log = logging.getLogger(__name__)

FORMAT = 6  # 2: sentences with vectors; 3: unnamed visits tracked; 4: 'prowadzona od' dates;
# 5: street addresses, PDF running headers dropped; 6: a winner named after its verb
ANALYZER_VERSION = 2  # 2: hyphenated compounds also give their parts
POINTER = versions.POINTER
MANIFEST = versions.MANIFEST
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[PraktykiError] = field(default_factory=list)
    chunks: int = 0
    version: str = ""
    repaired: list[str] = field(default_factory=list)  # damaged versions this build replaced

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "errors": [
                {"path": getattr(e, "path", ""), "error": getattr(e, "reason", str(e))}
                for e in self.errors
            ],
            "chunks": self.chunks,
            "version": self.version,
            "repaired": self.repaired,
        }


def chunking_settings(settings: Settings) -> dict[str, int]:
    return {
        "min_words": settings.chunk_min_words,
        "max_words": settings.chunk_max_words,
        "overlap": settings.chunk_overlap_sentences,
    }


def content_hash(doc: Document) -> str:
    payload = json.dumps(
        {"title": doc.title, "text": doc.text, "meta": doc.meta}, sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def embedding_text(title: str, chunk_text: str, heading: str = "") -> str:
    """The title (and the section heading) travel with every chunk into the embedding only:
    they say what the report and the section are about."""
    context = " — ".join(x for x in (title, heading) if x and x not in chunk_text[: len(x) + 5])
    return f"{context}\n{chunk_text}" if context else chunk_text


def heading_of(doc: Document, chunk: Chunk) -> str:
    heading = ""
    for offset, text in doc.meta.get("headings") or []:
        if int(offset) <= chunk.start:
            heading = str(text)
    return heading


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


SENTENCE_VECTORS = "sentence_vectors.npy"


@dataclass
class _Previous:
    manifest: dict[str, Any]
    vectors: np.ndarray
    rows_by_doc: dict[str, list[int]]
    sentence_vectors: np.ndarray
    sentence_rows: dict[str, list[int]]


def _load_previous(version: Path | None, settings: Settings, encoder_dim: int) -> _Previous | None:
    if version is None:
        return None
    try:
        manifest = read_manifest(version)
        compatible = (
            manifest.get("format") == FORMAT
            and manifest.get("model") == settings.embedding_model
            and manifest.get("dimension") == encoder_dim
            and manifest.get("chunking") == chunking_settings(settings)
        )
        if not compatible:
            return None
        vectors = np.load(version / "vectors.npy", mmap_mode="r")
        conn = store.connect(version / "meta.sqlite", readonly=True)
        rows_by_doc: dict[str, list[int]] = {}
        for row, doc_id in enumerate(store.chunk_doc_ids(conn)):
            rows_by_doc.setdefault(doc_id, []).append(row)
        sentence_rows = store.sentence_rows_by_doc(conn)
        conn.close()
        sentence_vectors = np.load(version / SENTENCE_VECTORS, mmap_mode="r")
    except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
        log.warning("Previous index unusable for reuse, rebuilding everything: %s", exc)
        return None
    return _Previous(manifest, vectors, rows_by_doc, sentence_vectors, sentence_rows)


def build_index(
    settings: Settings,
    encoder: TextEncoder,
    corpus_dir: Path | None = None,
    index_dir: Path | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Index ``corpus_dir`` into a new version of ``index_dir``, re-embedding only what changed."""
    corpus_dir = corpus_dir or settings.corpus_dir
    index_dir = index_dir or settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    backend = backend_for(settings)
    with _BuildLock(index_dir):
        _remove_stale_temporaries(index_dir)
        documents, errors = load_corpus(corpus_dir, progress)
        if not documents:
            raise EmptyCorpus(corpus_dir)
        # Only an intact version lends its vectors; a damaged live one is replaced, not reused.
        intact, damaged = versions.newest_intact(index_dir)
        previous = None if rebuild else _load_previous(intact, settings, encoder.dimension)
        report = BuildReport(errors=errors, repaired=[d.version for d in damaged])
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=index_dir))
        name = f"v-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        writer = backend.writer(tmp, name, encoder.dimension)
        try:
            # What the report calls new, changed or removed is judged against the last intact
            # version even when nothing of it is reused (--rebuild, another model).
            old_docs = read_manifest(intact).get("documents", {}) if intact else {}
            _write_version(
                tmp, documents, previous, old_docs, settings, encoder, report, progress, writer
            )
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


def _write_version(
    out: Path,
    documents: list[Document],
    previous: _Previous | None,
    old_docs: dict[str, Any],
    settings: Settings,
    encoder: TextEncoder,
    report: BuildReport,
    progress: Progress | None,
    writer: PassageWriter,
) -> None:
    analyzer = _learn_analyzer(documents)
    sentences = _SentenceTable(analyzer, encoder.dimension)
    conn = store.connect(out / "meta.sqlite")
    vectors: list[np.ndarray] = []
    to_embed: list[tuple[int, str]] = []  # (row, text) still without a vector
    all_chunks: list[Chunk] = []
    manifest_docs: dict[str, Any] = {}
    for doc in documents:
        digest = content_hash(doc)
        chunks = chunk_document(
            doc.doc_id,
            doc.text,
            min_words=settings.chunk_min_words,
            max_words=settings.chunk_max_words,
            overlap=settings.chunk_overlap_sentences,
            breaks=doc.meta.get("page_starts") or (),
        )
        first = len(all_chunks)
        store.insert_document(conn, doc, digest)
        store.insert_chunks(conn, first, chunks, [_page_of(doc, c) for c in chunks])
        old = old_docs.get(doc.doc_id)
        reuse = previous is not None and old is not None and old["hash"] == digest
        sentences.add(conn, doc, previous if reuse else None)
        if reuse:
            assert previous is not None
            report.unchanged += 1
            vectors.extend(previous.vectors[previous.rows_by_doc[doc.doc_id]])
        else:
            if old is not None and old["hash"] == digest:
                report.unchanged += 1  # the same text, embedded again
            else:
                (report.updated if old else report.added).append(doc.doc_id)
            for i, c in enumerate(chunks):
                to_embed.append((first + i, embedding_text(doc.title, c.text, heading_of(doc, c))))
            vectors.extend(np.zeros((len(chunks), encoder.dimension), np.float32))
        all_chunks.extend(chunks)
        manifest_docs[doc.doc_id] = {"hash": digest, "path": doc.path, "chunks": len(chunks)}
    conn.commit()
    report.removed = sorted(set(old_docs) - set(manifest_docs))
    report.chunks = len(all_chunks)
    matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, encoder.dimension))
    _embed_missing(matrix, to_embed, encoder, progress)
    np.save(out / "vectors.npy", matrix)
    np.save(out / SENTENCE_VECTORS, sentences.vectors(encoder, progress))
    _write_passages(writer, store.doc_infos(conn), documents, all_chunks, matrix, analyzer)
    conn.close()
    (out / "lexicon.json").write_text(json.dumps(analyzer.learned, ensure_ascii=False), "utf-8")
    manifest = {
        "format": FORMAT,
        "praktyki_version": __version__,
        "model": settings.embedding_model,
        "dimension": int(encoder.dimension),
        "chunking": chunking_settings(settings),
        "analyzer": ANALYZER_VERSION,
        **writer.finish(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "chunks": len(all_chunks),
        "documents": manifest_docs,
        "files": versions.file_checksums(out),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")


def _page_of(doc: Document, chunk: Chunk) -> int | None:
    starts = doc.meta.get("page_starts")
    if not starts:
        return None
    page = 1
    for number, start in enumerate(starts, start=1):
        if start <= chunk.start:
            page = number
    return page


def _embed_missing(
    matrix: np.ndarray,
    to_embed: list[tuple[int, str]],
    encoder: TextEncoder,
    progress: Progress | None,
    step: str = "embed",
) -> None:
    from tqdm import tqdm

    batch = max(1, getattr(encoder, "batch_size", 16))
    unit = "sentence" if step == "sentences" else "chunk"
    with tqdm(total=len(to_embed), desc="Embedding", unit=unit, disable=None) as bar:
        for start in range(0, len(to_embed), batch):
            part = to_embed[start : start + batch]
            matrix[[row for row, _ in part]] = encoder.encode_document([t for _, t in part])
            bar.update(len(part))
            if progress:
                progress(step, min(start + batch, len(to_embed)), len(to_embed))


class _SentenceTable:
    """Sentences of every report into SQLite, their vectors reused by content hash or embedded
    once per build, so that no question ever embeds a sentence."""

    def __init__(self, analyzer: Analyzer, dimension: int) -> None:
        self.analyzer = analyzer
        self.dimension = dimension
        self.rows = 0
        self.reused: list[np.ndarray] = []  # vector blocks taken from the previous version
        self.reused_rows: list[int] = []  # the rows they go to, in the same order
        self.to_embed: list[tuple[int, str]] = []

    def add(self, conn: Any, doc: Document, previous: _Previous | None) -> None:
        names = [str(o["name"]) for o in doc.meta.get("organisations") or []]
        language = "pl" if str(doc.meta.get("language") or "pl") == "pl" else "en"
        records = [
            SentenceRecord(
                self.rows + i, doc.doc_id, s.ordinal, s.text, s.start, s.end, s.organisation,
                s.leaning, s.tokens, tuple(self.analyzer.terms(s.text, language)),
            )
            for i, s in enumerate(analyse_sentences(doc.text, names))
        ]  # fmt: skip
        store.insert_sentences(conn, self.rows, doc.doc_id, records)
        old = previous.sentence_rows.get(doc.doc_id) if previous else None
        if previous is not None and old is not None and len(old) == len(records):
            self.reused.append(np.asarray(previous.sentence_vectors[old], dtype=np.float32))
            self.reused_rows.extend(r.row for r in records)
        else:
            self.to_embed.extend((r.row, r.text) for r in records)
        self.rows += len(records)

    def vectors(self, encoder: TextEncoder, progress: Progress | None) -> np.ndarray:
        matrix = np.zeros((self.rows, self.dimension), np.float32)
        if self.reused:
            matrix[self.reused_rows] = np.vstack(self.reused)
        _embed_missing(matrix, self.to_embed, encoder, progress, step="sentences")
        # Half precision: a cosine to rank a report's sentences needs no more, and it halves
        # the largest file of a version.
        return matrix.astype(np.float16)


def _write_passages(
    writer: PassageWriter,
    infos: dict[str, DocInfo],
    documents: list[Document],
    chunks: list[Chunk],
    matrix: np.ndarray,
    analyzer: Analyzer,
) -> None:
    """Every passage, report by report, to the search backend: its vector, and for BM25 the
    folded lemmas of its report's title and its text."""
    first = 0
    for doc in documents:  # a report's chunks are consecutive rows, in document order
        language = "pl" if str(doc.meta.get("language") or "pl") == "pl" else "en"
        end = first
        while end < len(chunks) and chunks[end].doc_id == doc.doc_id:
            end += 1
        passages = [
            Passage(
                row,
                chunks[row],
                _page_of(doc, chunks[row]),
                tuple(analyzer.terms(embedding_text(doc.title, chunks[row].text), language)),
                matrix[row],
            )
            for row in range(first, end)
        ]
        writer.add_report(infos[doc.doc_id], passages)
        first = end


def _learn_analyzer(documents: list[Document]) -> Analyzer:
    analyzer = Analyzer()
    analyzer.learn(d.text for d in documents)
    analyzer.learn(d.title for d in documents)
    return analyzer


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

    @property
    def name(self) -> str:
        return self.path.name

    def unchanged(self) -> bool:
        """No file of this version was overwritten since it was checked and opened."""
        return versions.stamps(self.path, self.manifest) == self.stamps


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
    return IndexVersion(
        path=version,
        manifest=manifest,
        search=backend.open(version, manifest, conn, row_doc, doc_ids, infos),
        analyzer=Analyzer(json.loads((version / "lexicon.json").read_text("utf-8"))),
        conn=conn,
        row_doc=row_doc,
        doc_ids=doc_ids,
        infos=infos,
        sentence_vectors=np.load(version / SENTENCE_VECTORS, mmap_mode="r"),
        stamps=versions.stamps(version, manifest),
    )
