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
from .lemmas import LOOKUP, Analyzer, forms
from .load import Source, read_corpus
from .reuse import LEXICON, SENTENCE_VECTORS, Previous, changed_words, known_files, load_previous
from .sentences import analyse_sentences
from .types import Chunk, DocInfo, Document, SentenceRecord

log = logging.getLogger(__name__)

FORMAT = 6  # 2: sentences with vectors; 3: unnamed visits tracked; 4: 'prowadzona od' dates;
# 5: street addresses, PDF running headers dropped; 6: reports reusable per file (store
# migration 3), no vectors.npy beside dense.faiss
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
        expected = _reusable_when(settings, encoder.dimension)
        previous = None if rebuild else load_previous(intact, expected, backend)
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
            build = _Build(tmp, previous, old_docs, settings, encoder, report, progress)
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


def _reusable_when(settings: Settings, dimension: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "model": settings.embedding_model,
        "dimension": dimension,
        "chunking": chunking_settings(settings),
        "analyzer": ANALYZER_VERSION,
    }


class _Build:
    """One new version: reports copied from the previous version or analysed afresh, then
    what spans the corpus (lexicon, BM25, the vector index) over all of them."""

    def __init__(
        self,
        out: Path,
        previous: Previous | None,
        old_docs: dict[str, Any],
        settings: Settings,
        encoder: TextEncoder,
        report: BuildReport,
        progress: Progress | None,
    ) -> None:
        self.out = out
        self.previous = previous
        self.old_docs = old_docs
        self.settings = settings
        self.encoder = encoder
        self.report = report
        self.progress = progress
        self.conn = store.connect(out / "meta.sqlite")
        self.chunk_rows = 0
        self.blocks: list[np.ndarray] = []  # passage vectors in row order; zeros to embed
        self.to_embed: list[tuple[int, str]] = []  # (row, text) still without a vector
        self.sentences = _SentenceTable(encoder.dimension)
        self.manifest_docs: dict[str, Any] = {}
        self.taught: dict[str, dict[str, Any]] = {}  # doc id -> lemmas.forms of text and title
        self.moves: list[tuple[str, str, int, int]] = []  # reports copied: store.copy_reports

    def write(self, sources: list[Source], writer: PassageWriter) -> None:
        if self.previous is not None:
            store.attach_previous(self.conn, self.previous.path / "meta.sqlite")
        lent = {s.doc_id: self._lends(s) for s in sources}
        analyzer = self._lexicon(sources, lent)
        for source in sources:
            if lent[source.doc_id]:
                self._copy(source)
            else:
                assert source.document is not None
                self._analyse(source, source.document, analyzer)
        if self.previous is not None:
            store.copy_reports(self.conn, self.moves)
            self._refresh_terms(analyzer)
            store.detach_previous(self.conn)
        self.conn.commit()
        self.report.removed = sorted(set(self.old_docs) - set(self.manifest_docs))
        self.report.chunks = self.chunk_rows
        dim = self.encoder.dimension
        matrix = np.vstack(self.blocks) if self.blocks else np.zeros((0, dim), np.float32)
        _embed_missing(matrix, self.to_embed, self.encoder, self.progress)
        np.save(self.out / SENTENCE_VECTORS, self.sentences.vectors(self.encoder, self.progress))
        _write_passages(writer, store.doc_infos(self.conn), store.passages(self.conn), matrix)
        self.conn.close()
        # Sorted keys: a version reached by reuse and one built afresh write the same file.
        (self.out / LEXICON).write_text(
            json.dumps(analyzer.learned, ensure_ascii=False, sort_keys=True), "utf-8"
        )
        manifest = {
            **_reusable_when(self.settings, int(dim)),
            "praktyki_version": __version__,
            **writer.finish(),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "chunks": self.chunk_rows,
            "documents": self.manifest_docs,
            "files": versions.file_checksums(self.out),
        }
        (self.out / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8"
        )

    def _lends(self, source: Source) -> bool:
        """Whether the previous version holds this report as it now is."""
        if self.previous is None or not self.previous.lends(source.doc_id):
            return False
        if source.document is None:  # the same bytes: not even read
            return True
        return bool(self.old_docs[source.doc_id]["hash"] == content_hash(source.document))

    def _lexicon(self, sources: list[Source], lent: dict[str, bool]) -> Analyzer:
        """The corpus lexicon from what each report teaches, in corpus order: texts, then
        titles, as ``Analyzer.learn`` over them would learn it."""
        taught = store.taught_forms(self.conn, [d for d, yes in lent.items() if yes])
        for s in sources:
            if not lent[s.doc_id]:
                assert s.document is not None
                taught[s.doc_id] = {
                    "text": forms(s.document.text),
                    "title": forms(s.document.title),
                }
        analyzer = Analyzer()
        for part in ("text", "title"):
            for s in sources:
                analyzer.teach(taught[s.doc_id][part])
        self.taught = taught
        return analyzer

    def _copy(self, source: Source) -> None:
        assert self.previous is not None
        doc_id = source.doc_id
        old_first, count = self.previous.chunks[doc_id]
        old_sentence, vectors = self.previous.sentence_block(doc_id)
        self.moves.append(
            (doc_id, source.path, self.chunk_rows - old_first, self.sentences.rows - old_sentence)
        )
        self.blocks.append(self.previous.chunk_vectors(doc_id))
        self.sentences.reuse(vectors)
        self.chunk_rows += count
        self.report.unchanged += 1
        old = self.old_docs[doc_id]
        self.manifest_docs[doc_id] = {
            "hash": old["hash"], "path": source.path, "chunks": count, "source": source.digest,
        }  # fmt: skip

    def _analyse(self, source: Source, doc: Document, analyzer: Analyzer) -> None:
        digest = content_hash(doc)
        settings = self.settings
        chunks = chunk_document(
            doc.doc_id,
            doc.text,
            min_words=settings.chunk_min_words,
            max_words=settings.chunk_max_words,
            overlap=settings.chunk_overlap_sentences,
            breaks=doc.meta.get("page_starts") or (),
        )
        language = _language(doc)
        # BM25 sees the title with every passage; the embedding sees its heading too.
        keys = [analyzer.keys(embedding_text(doc.title, c.text), language) for c in chunks]
        first = self.chunk_rows
        store.insert_document(self.conn, doc, digest, source.digest, self.taught[doc.doc_id])
        store.insert_chunks(
            self.conn, first, chunks, [_page_of(doc, c) for c in chunks], keys,
            [analyzer.resolve(k) for k in keys],
        )  # fmt: skip
        self.sentences.add(self.conn, doc, analyzer, language)
        old = self.old_docs.get(doc.doc_id)
        if old is not None and old["hash"] == digest:
            self.report.unchanged += 1  # the same text, analysed and embedded again
        else:
            (self.report.updated if old else self.report.added).append(doc.doc_id)
        for i, c in enumerate(chunks):
            self.to_embed.append((first + i, embedding_text(doc.title, c.text, heading_of(doc, c))))
        self.blocks.append(np.zeros((len(chunks), self.encoder.dimension), np.float32))
        self.chunk_rows += len(chunks)
        self.manifest_docs[doc.doc_id] = {
            "hash": digest, "path": source.path, "chunks": len(chunks), "source": source.digest,
        }  # fmt: skip

    def _refresh_terms(self, analyzer: Analyzer) -> None:
        """Copied terms were resolved through the previous lexicon; where it resolves a word
        otherwise now, resolve them again from their keys."""
        assert self.previous is not None
        changed = [LOOKUP + w for w in changed_words(self.previous.learned, analyzer.learned)]
        for table in ("chunks", "sentences"):
            rows = store.keys_holding(self.conn, table, changed)
            fresh = ((" ".join(analyzer.resolve(keys.split())), row) for row, keys in rows)
            store.set_terms(self.conn, table, fresh)


def _language(doc: Document) -> str:
    return "pl" if str(doc.meta.get("language") or "pl") == "pl" else "en"


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
    """One stream of batches across all reports, so a build of many small reports fills every
    batch."""
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
    """Sentences of every report into SQLite, their vectors reused from the previous version
    or embedded once per build, so that no question ever embeds a sentence."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self.rows = 0
        self.reused: list[tuple[int, np.ndarray]] = []  # (first row, vectors) copied as they are
        self.to_embed: list[tuple[int, str]] = []

    def add(self, conn: Any, doc: Document, analyzer: Analyzer, language: str) -> None:
        names = [str(o["name"]) for o in doc.meta.get("organisations") or []]
        found = analyse_sentences(doc.text, names)
        keys = [analyzer.keys(s.text, language) for s in found]
        records = [
            SentenceRecord(
                self.rows + i, doc.doc_id, s.ordinal, s.text, s.start, s.end, s.organisation,
                s.leaning, s.tokens, tuple(analyzer.resolve(k)),
            )
            for i, (s, k) in enumerate(zip(found, keys, strict=True))
        ]  # fmt: skip
        store.insert_sentences(conn, self.rows, doc.doc_id, records, keys)
        self.to_embed.extend((r.row, r.text) for r in records)
        self.rows += len(records)

    def reuse(self, vectors: np.ndarray) -> None:
        """The next rows, copied with their vectors."""
        self.reused.append((self.rows, vectors))
        self.rows += len(vectors)

    def vectors(self, encoder: TextEncoder, progress: Progress | None) -> np.ndarray:
        # Half precision: a cosine to rank a report's sentences needs no more, and it halves
        # the largest file of a version. Reused rows are half precision already.
        matrix = np.zeros((self.rows, self.dimension), np.float16)
        for first, block in self.reused:
            matrix[first : first + len(block)] = block
        _embed_missing(matrix, self.to_embed, encoder, progress, step="sentences")
        return matrix


def _write_passages(
    writer: PassageWriter,
    infos: dict[str, DocInfo],
    rows: list[tuple[int, Chunk, int | None, tuple[str, ...]]],
    matrix: np.ndarray,
) -> None:
    """Every passage, report by report, to the search backend: its vector, and for BM25 the
    folded lemmas of its report's title and its text."""
    start = 0
    while start < len(rows):  # a report's chunks are consecutive rows
        doc_id = rows[start][1].doc_id
        end = start
        while end < len(rows) and rows[end][1].doc_id == doc_id:
            end += 1
        passages = [Passage(r, c, page, terms, matrix[r]) for r, c, page, terms in rows[start:end]]
        writer.add_report(infos[doc_id], passages)
        start = end


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
        analyzer=Analyzer(json.loads((version / LEXICON).read_text("utf-8"))),
        conn=conn,
        row_doc=row_doc,
        doc_ids=doc_ids,
        infos=infos,
        sentence_vectors=np.load(version / SENTENCE_VECTORS, mmap_mode="r"),
        stamps=versions.stamps(version, manifest),
    )
