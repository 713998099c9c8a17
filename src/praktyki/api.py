"""Engine: the one library API that the CLI, the web app, evaluation and tests call."""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from . import answer as answering
from . import coverage, store
from .admin import (
    AccessDenied,
    AdminAuth,
    AuditEntry,
    AuditLog,
    UploadRejected,
    remove_report,
    save_upload,
)
from .chunk import Sentence
from .config import Settings
from .errors import InvalidQuestion, PraktykiError
from .examples import Example, build_examples, main_organisations
from .feedback import FeedbackStore
from .filters import Filters, matching_doc_ids
from .followup import Turn, resolve
from .fuse import group_by_document, rrf, weighted
from .index import BuildReport, IndexVersion, Progress, build_index, current_version, open_index
from .language import detect_language
from .retrieve import dense_search, lexical_search
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


class UploadsRejected(PraktykiError):
    def __init__(self, saved: list[str], rejected: list[UploadRejected]) -> None:
        self.saved = saved
        self.rejected = rejected
        super().__init__("; ".join(str(r) for r in rejected))


class Engine:
    def __init__(self, settings: Settings | None = None, encoder: Any = None) -> None:
        self.settings = settings or Settings()
        self._encoder = encoder
        self._version: IndexVersion | None = None
        self._lock = threading.Lock()
        self._admin: AdminAuth | None = None
        self._audit: AuditLog | None = None
        self._feedback: FeedbackStore | None = None

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
    def search(
        self,
        question: str,
        *,
        k: int | None = None,
        mode: Mode = "hybrid",
        filters: Filters | None = None,
    ) -> SearchResult:
        question = _validate(question)
        k = k or self.settings.top_k
        version = self.version
        language = detect_language(question)
        query_vector = self.encoder.encode_query([question])[0]
        n = self.settings.candidates
        allowed = _allowed_rows(version, filters)
        # Both retrievers always run: the "not covered" evidence needs both, in every mode.
        dense = dense_search(version, query_vector, n, allowed)
        all_terms = version.analyzer.terms(question, language)
        vocab = version.lexical.vocab_dict
        lexical = lexical_search(version, [t for t in all_terms if t in vocab], n, allowed)
        weight = LEXICAL_WEIGHT.get(language, FOREIGN_LEXICAL_WEIGHT)
        fused = {"hybrid": None, "dense": dense, "bm25": lexical}[mode]
        if fused is None:
            combine = weighted if self.settings.fusion == "weighted" else rrf
            fused = combine([dense, lexical], [1.0, weight])
        top = group_by_document(fused, version.row_doc)[:k]
        hits = self._hits(version, top, "hybrid" if mode == "hybrid" else mode)
        evidence = self._evidence(version, language, dense, lexical, hits, all_terms)
        return SearchResult(
            question,
            language,
            hits,
            evidence,
            query_vector,
            frozenset(all_terms),
        )

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        mode: Mode = "hybrid",
        filters: Filters | None = None,
    ) -> Answer:
        result = self.search(question, k=k, mode=mode, filters=filters)
        scored = self._scored_sentences(result)
        return answering.compose(
            result.query, result.language, result.hits, scored, no_answer=not result.covered
        )

    def converse(
        self, question: str, previous: Turn | None = None, filters: Filters | None = None
    ) -> tuple[Answer, Turn]:
        """Answer a question in a conversation: an elliptic follow-up is read against the
        previous turn. Returns the answer and the turn the next question may refer to."""
        resolved = resolve(_validate(question), previous, filters)
        scope = dataclasses.replace(resolved.filters, doc_ids=resolved.doc_ids)
        answer = self.ask(resolved.question, filters=scope)
        answer = dataclasses.replace(answer, query=question)
        top = answer.citations[0].hit if answer.citations and not answer.no_answer else None
        turn = Turn(
            question=resolved.question,
            filters=resolved.filters,
            doc_ids=tuple(c.hit.chunk.doc_id for c in answer.citations) if top else (),
            organisation=_subject(answer) if top else "",
        )
        return answer, turn

    @property
    def feedback(self) -> FeedbackStore:
        if self._feedback is None:
            self._feedback = FeedbackStore(self.settings.app_db)
        return self._feedback

    def examples(self, topic: str, *, n: int = 5, filters: Filters | None = None) -> list[Example]:
        """Distinct practices for a workshop: one per report and organisation."""
        result = self.search(topic, k=max(2 * n, 8), filters=filters)
        return build_examples(result.hits, self._scored_sentences(result), n)

    def _scored_sentences(self, result: SearchResult) -> list[list[tuple[Sentence, float]]]:
        return answering.score_sentences(
            result.query_vector,
            set(result.query_terms),
            result.hits,
            self.encoder.encode_document,
            self.version.analyzer,
        )

    def _evidence(
        self,
        version: IndexVersion,
        language: str,
        dense: list[tuple[int, float]],
        lexical: list[tuple[int, float]],
        hits: tuple[Hit, ...],
        all_terms: list[str],
    ) -> coverage.Evidence:
        content = set(all_terms)
        vocab = version.lexical.vocab_dict
        found: set[str] = set()
        for hit in hits[:2]:  # the two best passages
            found |= set(version.analyzer.terms(hit.chunk.text))
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
        infos = version.infos
        return tuple(
            Hit(chunks[row][0], score, retriever, infos.get(chunks[row][0].doc_id), chunks[row][1])
            for row, score in ranked
            if row in chunks
        )

    def with_index_dir(self, index_dir: Path) -> Engine:
        """The same settings and loaded model over another index directory."""
        return Engine(self.settings.model_copy(update={"index_dir": index_dir}), self.encoder)

    # -- administration (every operation checks the session itself) -------------------
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

    def login(self, user: str, password: str) -> str:
        try:
            token = self.admin.login(user, password)
        except AccessDenied:
            self.audit.record(user or "?", "login-failed")
            raise
        self.audit.record(user, "login")
        return token

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
            raise InvalidQuestion(f"no report {doc_id!r} in the index")
        remove_report(self.settings.corpus_dir, info.path)
        self.audit.record(user, "delete", doc_id)

    def reindex(self, token: str | None, progress: Progress | None = None) -> BuildReport:
        user = self.admin.user_for(token)
        report = self.index(progress=progress)
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

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        return store.document_rows(self.version.conn)

    def document_text(self, doc_id: str) -> str | None:
        return store.document_text(self.version.conn, doc_id)


def _subject(answer: Answer) -> str:
    """The organisation the answer's best sentence is about: what "tam" or "ich" refers to."""
    best = answer.citations[0]
    text = best.hit.chunk.text
    at = text.find(best.sentence[:30]) if best.sentence else -1
    end = at + len(best.sentence) if at >= 0 else len(text)
    return next(iter(main_organisations(best.hit, end)), "")


def _allowed_rows(version: IndexVersion, filters: Filters | None) -> np.ndarray | None:
    """Chunk rows of the reports the filters admit; None when nothing is filtered."""
    if filters is None or not filters.active():
        return None
    docs = matching_doc_ids(version.infos.values(), filters)
    numbers = [i for i, doc_id in enumerate(version.doc_ids) if doc_id in docs]
    return np.flatnonzero(np.isin(version.row_doc, numbers))


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
