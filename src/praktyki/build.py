"""The contents of one new index version: each report copied from the last intact version
(``reuse.py``) or read, chunked, lemmatised and embedded afresh, then what spans the corpus (the
lexicon, BM25 and the vector index) over all of them. ``index.py`` decides where it is written
and makes it live.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__, store, versions
from .backend import Passage, PassageWriter
from .chunk import chunk_document
from .config import Settings
from .embed import TextEncoder
from .errors import PraktykiError
from .lemmas import LOOKUP, Analyzer, forms
from .load import Source
from .reuse import LEXICON, SENTENCE_VECTORS, Previous, changed_words
from .sentences import analyse_sentences
from .types import Chunk, DocInfo, Document, SentenceRecord

FORMAT = 19  # 2: sentences with vectors; 3: unnamed visits tracked; 4: 'prowadzona od' dates;
# 5: street addresses, PDF running headers dropped; 6: reports reusable per file (store
# migration 3), no vectors.npy beside dense.faiss, a winner named after its verb is a subject,
# 'przedsiębiorstwo społeczne „X”' an organisation; 7: 'Oznacza to…', 'Dodatkowo…' lean
# on the sentence before, a 'means' token, a PDF line opening with a number runs on; 8: an
# agenda line names its stop without making it the subject of the prose after the agenda;
# 9: counts in words ('jedenaście'), 'Tu działa X' presents X, 'Założyły ją…' leans;
# 10: a short whole sentence is not a heading, 'w centrum X' / 'w budynku' say where;
# 11: 'robi', 'graweruje', 'wypożycza' are activities; 12: 'Tam czekała na nas X',
# 'pojawiła się X' present the next host; 13: 'Centrum prowadzi od 2010 r. Fundacja X',
# 'Utworzyło go Stowarzyszenie X' name an operator; 14: a new day of a visit ('Drugi dzień
# rozpoczął się w Krośnie') leaves the last stop; 15: landmarks ('pod arkadami', 'przy
# ratuszu') say where; 16: 'sześcioro', 'dziewięcioro' are counts; 17: a few words before
# 'r.' or 'br.' are no sentence ('Dnia 25 lipca br. Spółdzielnia… została…'), names in
# capitals, 'przy wsparciu X' keeps the subject, 'piątka osób', 'o nazwie X', 'w muzeum',
# 'w pracowni renowacji mebli' tells a trade; 18: an organisation named by its kind alone at
# a sentence's start ('Prezes spółdzielni…') is the last one of that kind, 'przyznano X' presents X,
# 'czterodniowa' is a count; 19: paragraphs glued by markup ('Łakoma.Następnie') are two
# sentences
ANALYZER_VERSION = 2  # 2: hyphenated compounds also give their parts

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


def reusable_when(settings: Settings, dimension: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "model": settings.embedding_model,
        "dimension": dimension,
        "chunking": chunking_settings(settings),
        "analyzer": ANALYZER_VERSION,
    }


class VersionBuild:
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
        self.moves: list[tuple[str, str, str, int, int]] = []  # reports copied: store.copy_reports

    def write(self, sources: list[Source], writer: PassageWriter) -> None:
        try:
            self._write(sources, writer)
        finally:
            self.conn.close()  # also when the build fails: the folder is then removed

    def _write(self, sources: list[Source], writer: PassageWriter) -> None:
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
        self.sentences.write(self.out / SENTENCE_VECTORS, self.encoder, self.progress)
        if writer.takes_rows:
            writer.add_rows(store.passage_terms(self.conn), matrix)
        else:
            rows = store.passages(self.conn)
            _write_passages(writer, store.doc_infos(self.conn), rows, matrix)
        self.conn.close()
        # Sorted keys: a version reached by reuse and one built afresh write the same file.
        (self.out / LEXICON).write_text(
            json.dumps(analyzer.learned, ensure_ascii=False, sort_keys=True), "utf-8"
        )
        manifest = {
            **reusable_when(self.settings, int(dim)),
            "praktyki_version": __version__,
            **writer.finish(),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "chunks": self.chunk_rows,
            "documents": self.manifest_docs,
            "files": versions.file_checksums(self.out),
        }
        (self.out / versions.MANIFEST).write_text(
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
        self.moves.append((
            doc_id, source.path, source.digest, self.chunk_rows - old_first,
            self.sentences.rows - old_sentence,
        ))  # fmt: skip
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
        pages = [_page_of(doc, c) for c in chunks]
        store.insert_chunks(self.conn, first, chunks, pages, [analyzer.resolve(k) for k in keys])
        every = keys + self.sentences.add(self.conn, doc, analyzer, language)
        # The words whose terms the lexicon decides: a later lexicon may decide otherwise.
        lookups = {k[1:] for ks in every for k in ks if k.startswith(LOOKUP)}
        taught = self.taught[doc.doc_id]
        store.insert_document(self.conn, doc, digest, source.digest, taught, lookups)
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
        """Copied terms were resolved through the previous lexicon; where a word they look up
        resolves otherwise now, resolve the rows of the reports holding it again."""
        assert self.previous is not None
        changed = changed_words(self.previous.learned, analyzer.learned)
        docs = store.looking_up(self.conn, changed) if changed else []
        # Rare, and few reports: analysing their text again costs less than storing keys.
        chunks = store.row_texts(self.conn, "chunks", docs)
        store.set_terms(self.conn, "chunks", [
            (" ".join(analyzer.terms(embedding_text(title, text), _language_of(lang))), row)
            for row, text, title, lang in chunks
        ])  # fmt: skip
        sentences = store.row_texts(self.conn, "sentences", docs)
        store.set_terms(self.conn, "sentences", [
            (" ".join(analyzer.terms(text, _language_of(lang))), row)
            for row, text, _, lang in sentences
        ])  # fmt: skip


def _language(doc: Document) -> str:
    return _language_of(str(doc.meta.get("language") or "pl"))


def _language_of(stored: str) -> str:
    return "pl" if stored == "pl" else "en"


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

    def add(
        self, conn: Any, doc: Document, analyzer: Analyzer, language: str
    ) -> list[list[str]]:
        """The report's sentences, to be embedded; returns their keys."""
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
        store.insert_sentences(conn, self.rows, doc.doc_id, records)
        self.to_embed.extend((r.row, r.text) for r in records)
        self.rows += len(records)
        return keys

    def reuse(self, vectors: np.ndarray) -> None:
        """The next rows, copied with their vectors."""
        self.reused.append((self.rows, vectors))
        self.rows += len(vectors)

    def write(self, path: Path, encoder: TextEncoder, progress: Progress | None) -> None:
        """Half precision: a cosine to rank a report's sentences needs no more, and it halves
        the largest file of a version. Filled in place, through a memory map: at 100k
        passages the file is 180 MB, and a copy in memory first would double the copying."""
        if self.rows == 0:
            np.save(path, np.zeros((0, self.dimension), np.float16))
            return
        shape = (self.rows, self.dimension)
        matrix = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=shape)
        for first, block in self.reused:  # half precision already
            matrix[first : first + len(block)] = block
        _embed_missing(matrix, self.to_embed, encoder, progress, step="sentences")
        matrix.flush()
        del matrix


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
