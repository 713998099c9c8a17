"""Engine: the one library API that the CLI, the web app, evaluation and tests call."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from . import answer as answering
from . import coverage, store
from .config import Settings
from .errors import InvalidQuestion
from .fuse import group_by_document, rrf, weighted
from .index import BuildReport, IndexVersion, Progress, build_index, current_version, open_index
from .language import detect_language
from .retrieve import dense_search, lexical_search, lexical_terms
from .types import Answer, Hit

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "bm25", "dense")
MAX_QUESTION_CHARS = 1000
# Lexical evidence counts for less when the question is not in the reports' language.
LEXICAL_WEIGHT = {"pl": 1.0}
FOREIGN_LEXICAL_WEIGHT = 0.3


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    language: str
    hits: tuple[Hit, ...]  # one per report, best first
    evidence: coverage.Evidence
    query_vector: np.ndarray
    query_terms: frozenset[str]

    @property
    def covered(self) -> bool:
        return coverage.is_covered(self.evidence)


class Engine:
    def __init__(self, settings: Settings | None = None, encoder: Any = None) -> None:
        self.settings = settings or Settings()
        self._encoder = encoder
        self._version: IndexVersion | None = None
        self._lock = threading.Lock()

    # -- set-up --------------------------------------------------------------------------
    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            from .embed import Encoder

            self._encoder = Encoder(self.settings)
        return self._encoder

    @property
    def version(self) -> IndexVersion:
        """The current index version; a newer one written by any process is picked up here."""
        current = current_version(self.settings.index_dir)
        with self._lock:
            if self._version is None or (current is not None and current != self._version.path):
                self._version = open_index(self.settings.index_dir, self.settings)
            return self._version

    def has_index(self) -> bool:
        return current_version(self.settings.index_dir) is not None

    def index(
        self,
        corpus_dir: Path | None = None,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> BuildReport:
        return build_index(
            self.settings,
            self.encoder,
            corpus_dir or self.settings.corpus_dir,
            self.settings.index_dir,
            rebuild=rebuild,
            progress=progress,
        )

    # -- questions -------------------------------------------------------------------------
    def search(self, question: str, *, k: int | None = None, mode: Mode = "hybrid") -> SearchResult:
        question = _validate(question)
        k = k or self.settings.top_k
        version = self.version
        language = detect_language(question)
        query_vector = self.encoder.encode_query([question])[0]
        n = self.settings.candidates
        # Both retrievers always run: the "not covered" evidence needs both, in every mode.
        dense = dense_search(version, query_vector, n)
        terms = lexical_terms(version, question, language)
        lexical = lexical_search(version, terms, n)
        weight = LEXICAL_WEIGHT.get(language, FOREIGN_LEXICAL_WEIGHT)
        fused = {"hybrid": None, "dense": dense, "bm25": lexical}[mode]
        if fused is None:
            combine = weighted if self.settings.fusion == "weighted" else rrf
            fused = combine([dense, lexical], [1.0, weight])
        top = group_by_document(fused, version.row_doc)[:k]
        all_terms = version.analyzer.terms(question, language)
        evidence = self._evidence(version, language, dense, lexical, top, all_terms)
        return SearchResult(
            question,
            language,
            self._hits(version, top, "hybrid" if mode == "hybrid" else mode),
            evidence,
            query_vector,
            frozenset(all_terms),
        )

    def ask(self, question: str, *, k: int | None = None, mode: Mode = "hybrid") -> Answer:
        result = self.search(question, k=k, mode=mode)
        scored = answering.score_sentences(
            result.query_vector,
            set(result.query_terms),
            result.hits,
            self.encoder.encode_document,
            self.version.analyzer,
        )
        return answering.compose(
            result.query, result.language, result.hits, scored, no_answer=not result.covered
        )

    def _evidence(
        self,
        version: IndexVersion,
        language: str,
        dense: list[tuple[int, float]],
        lexical: list[tuple[int, float]],
        top: list[tuple[int, float]],
        all_terms: list[str],
    ) -> coverage.Evidence:
        content = set(all_terms)
        vocab = version.lexical.vocab_dict
        best_rows = [row for row, _ in top[:2]]
        texts = store.fetch_chunks(version.conn, best_rows)
        found: set[str] = set()
        for row in best_rows:
            found |= set(version.analyzer.terms(texts[row][0].text)) if row in texts else set()
        dense_docs = [int(d) for d, _ in _doc_order(dense, version.row_doc)]
        lexical_docs = [int(d) for d, _ in _doc_order(lexical, version.row_doc)]
        return coverage.Evidence(
            dense_top=dense[0][1] if dense else 0.0,
            dense_margin=coverage.dense_margin(dense),
            coverage=len(content & found) / len(content) if content else 0.0,
            missing=sum(term not in vocab for term in content),
            agreement=coverage.agreement(dense_docs, lexical_docs),
            terms=len(content),
            lexical=language == "pl",
        )

    def _hits(
        self, version: IndexVersion, ranked: list[tuple[int, float]], retriever: str
    ) -> tuple[Hit, ...]:
        chunks = store.fetch_chunks(version.conn, [row for row, _ in ranked])
        infos = store.doc_infos(version.conn)
        return tuple(
            Hit(chunks[row][0], score, retriever, infos.get(chunks[row][0].doc_id))
            for row, score in ranked
            if row in chunks
        )

    def with_index_dir(self, index_dir: Path) -> Engine:
        """The same settings and loaded model over another index directory."""
        return Engine(self.settings.model_copy(update={"index_dir": index_dir}), self.encoder)

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        return store.document_rows(self.version.conn)

    def document_text(self, doc_id: str) -> str | None:
        return store.document_text(self.version.conn, doc_id)


def _doc_order(ranked: Sequence[tuple[int, float]], row_doc: np.ndarray) -> list[tuple[int, float]]:
    return [(int(row_doc[row]), score) for row, score in group_by_document(list(ranked), row_doc)]


def _validate(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise InvalidQuestion("empty question")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"question longer than {MAX_QUESTION_CHARS} characters")
    return question


def evaluate(engine: Engine, questions: Sequence[Any], modes: Sequence[Mode]) -> dict[str, Any]:
    """Run every question through each mode on one index; metrics per mode, per type."""
    from . import evaluate as metrics

    out: dict[str, Any] = {}
    for mode in modes:

        def search(question: str, mode: Mode = mode) -> tuple[list[str], bool]:
            result = engine.search(question, k=10, mode=mode)
            return [h.chunk.doc_id for h in result.hits], not result.covered

        out[mode] = metrics.report(metrics.run(questions, search))
    return {"modes": out}
