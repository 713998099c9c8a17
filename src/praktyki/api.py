"""Engine: the one library API that the CLI, the web app, evaluation and tests call."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import answer as answering
from . import coverage, extract, store
from .administration import Administration, UploadsRejected  # noqa: F401 - callers import it here
from .backend import SearchBackend, backend_for
from .config import Settings
from .embed import TextEncoder
from .errors import IndexCorrupt, IndexMissing, InvalidQuestion, PraktykiError
from .examples import Example, build_examples, main_organisations
from .feedback import FeedbackStore
from .filters import Filters
from .filters import check as check_filters
from .followup import Turn, resolve
from .fuse import group_by_document, lexical_margin, question_weights, rare_share
from .index import FORMAT as INDEX_FORMAT
from .index import (
    MANIFEST,
    BuildReport,
    IndexVersion,
    Progress,
    backend_name,
    build_index,
    current_version,
    open_version,
    read_manifest,
)
from .language import detect_language, load_profiles
from .limits import MAX_COMMENT_CHARS, RateLimiter, bounded
from .normalize import fold
from .question import QUESTION_LEMMAS, QuestionAnalysis, analyse, recase, typed_in_lower_case
from .retrieve import document_frequencies, inverse_document_frequency
from .types import Answer, Chunk, Hit, SentenceRecord
from .versions import Fallback, open_best

if TYPE_CHECKING:
    from .generate import Draft

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "bm25", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "bm25", "dense")
MAX_QUESTION_CHARS = 1000
# Lexical evidence counts for less when the question is not in the reports' language.
LEXICAL_WEIGHT = {"pl": 1.0}
FOREIGN_LEXICAL_WEIGHT = 0.3
ANSWER_REPORTS = 3  # every sentence of this many best reports competes to answer
NAMING_REPORTS = 4  # a name the question gives must appear in one of this many best reports
WARM_UP_QUESTION = "Które spółdzielnie socjalne prowadzą kawiarnie?"


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    language: str
    hits: tuple[Hit, ...]  # one per report, best first
    evidence: coverage.Evidence
    query_vector: np.ndarray
    query_terms: frozenset[str]
    analysis: QuestionAnalysis
    version: IndexVersion

    @property
    def covered(self) -> bool:
        return coverage.is_covered(self.evidence, checked=self.analysis.answer_type != "list")


class Engine(Administration):
    """Search and answering; administration (login, uploads, deletion, reindexing, audit)
    comes from :class:`Administration`, which checks the session in every operation."""

    def __init__(
        self, settings: Settings | None = None, encoder: TextEncoder | None = None
    ) -> None:
        self.settings = settings or Settings()
        self._encoder = encoder
        self._version: IndexVersion | None = None
        self._pointed: Path | None = None  # what `current` named when _version was chosen
        self._fallback: Fallback | None = None
        self._lock = threading.Lock()
        self._feedback: FeedbackStore | None = None
        self._feedback_limit = RateLimiter("feedback", self.settings.feedback_per_minute, 60.0)
        self._backend: SearchBackend | None = None

    # -- set-up --------------------------------------------------------------------------
    @property
    def encoder(self) -> TextEncoder:
        if self._encoder is None:
            from .embed import Encoder

            self._encoder = Encoder(self.settings)
        return self._encoder

    @property
    def version(self) -> IndexVersion:
        """The current index version; a newer one written by any process is picked up here,
        and a damaged one gives way to the newest intact version (see :attr:`fallback`)."""
        current = self._live()
        with self._lock:
            served = self._version
            if served is None or current != self._pointed or not served.unchanged():
                self._version, self._fallback = open_best(
                    self.settings.index_dir, current, lambda p: open_version(p, self.settings)
                )
                self._pointed = current
            return self._version

    def warm_up(self) -> None:
        """Open the index, load the model and the lemmatiser's dictionary, and answer one
        question, so that the first user's question waits for none of them."""
        # One question does it all: it opens the version, loads the model and the dictionaries
        # (cached tries, milliseconds) and runs the encoder's slow first pass.
        load_profiles()
        self.ask(WARM_UP_QUESTION)

    @property
    def fallback(self) -> Fallback | None:
        """Set while the live version is damaged and an older one answers in its place."""
        with contextlib.suppress(PraktykiError):
            self.version  # noqa: B018 - re-checks the live version
        return self._fallback

    @property
    def backend(self) -> SearchBackend:
        if self._backend is None:
            self._backend = backend_for(self.settings)
        return self._backend

    def _live(self) -> Path | None:
        """The live version, as the search backend records it for every process."""
        name = self.backend.active(self.settings.index_dir)
        if name is None:
            return None
        version = self.settings.index_dir / name
        return version if (version / MANIFEST).exists() else None

    def has_index(self) -> bool:
        return current_version(self.settings.index_dir) is not None

    def index_is_stale(self) -> bool:
        """An index written by an older praktyki (another format) or for the other backend:
        rebuilt, never refused."""
        version = current_version(self.settings.index_dir)
        try:
            manifest = read_manifest(version) if version is not None else None
        except (OSError, ValueError):
            return False  # damaged, not stale: opening it falls back or reports it
        return manifest is not None and (
            manifest.get("format") != INDEX_FORMAT
            or backend_name(manifest) != self.settings.backend
        )

    def index_usable(self) -> bool:
        """Some intact version can answer (the live one or a fallback)."""
        try:
            self.version  # noqa: B018
        except (IndexCorrupt, IndexMissing):
            return False
        return True

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
        question = validate_question(question)
        if filters is not None:
            check_filters(filters)
        k = k or self.settings.top_k
        version = self.version
        language = detect_language(question)
        query_vector = self.encoder.encode_query([question])[0]
        n = self.settings.candidates
        all_terms = version.analyzer.terms(question, language)
        vocab = version.search.vocabulary()
        known = [t for t in all_terms if t in vocab]
        base = LEXICAL_WEIGHT.get(language, FOREIGN_LEXICAL_WEIGHT)

        def weigh(lexical: list[tuple[int, float]]) -> tuple[float, float]:
            if self.settings.fusion == "zscore":
                # Standardised scores carry how sure each ranking is; a foreign question's
                # weak lexical list is weak in its scores, not by a weight.
                return (1.0, 1.0)
            if self.settings.fusion != "adaptive":
                return (1.0, base)
            return question_weights(
                rare_share(document_frequencies(version, known), len(version.row_doc)),
                base,
                lexical_margin(lexical, version.row_doc),
            )

        # Both retrievers always run: the "not covered" evidence needs both, in every mode.
        found = version.search.fused(query_vector, known, n, filters, weigh, self.settings.fusion)
        dense, lexical = found.dense, found.lexical
        fused = {"hybrid": found.fused, "dense": dense, "bm25": lexical}[mode]
        top = group_by_document(fused, version.row_doc)[:k]
        hits = self._hits(version, top, "hybrid" if mode == "hybrid" else mode)
        evidence = self._evidence(version, language, dense, lexical, hits, all_terms)
        analysis = analyse(
            _recased(question, language, version, hits),
            language,
            version.analyzer,
            typed_lower=typed_in_lower_case(question),
        )
        return SearchResult(
            question,
            language,
            hits,
            evidence,
            query_vector,
            frozenset(all_terms),
            analysis,
            version,
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
        return self.answer(result, k or self.settings.top_k)

    def answer(self, result: SearchResult, k: int) -> Answer:
        """The sentences of the best reports that answer the analysed question, cited; or an
        honest decline saying what the reports lack."""
        version, analysis = result.version, result.analysis
        texts = _folded_texts(result, NAMING_REPORTS)
        ranked, records = self._candidates(result, texts)
        decline = self._decline(result, ranked, texts)
        if decline is None:
            by_position = {(r.doc_id, r.ordinal): r for r in records}
            ranked = extract.about_the_subject(analysis, ranked)
            naming = analysis.answer_type in extract.NAMING_TYPES
            chosen = (
                extract.choose_per_report(ranked, by_position)
                if analysis.answer_type == "list"
                else extract.choose(
                    ranked, by_position, naming, introduce=naming and not analysis.names_subject
                )
            )
            if extract.lacks_answer(analysis, chosen):
                from . import messages

                about = extract.credited_subject(ranked)
                decline = messages.not_stated(
                    result.language, about, analysis.answer_type, analysis.predicate
                )
                chosen = []
        else:
            chosen = []
        answer = answering.compose(
            result.query,
            result.language,
            result.hits,
            chosen,
            _passages(version),
            version.infos,
            k=k,
            answer_type=analysis.answer_type,
            decline=decline,
        )
        return self._with_supporting_sentences(answer, result)

    def _with_supporting_sentences(self, answer: Answer, result: SearchResult) -> Answer:
        """A source the answer does not quote still shows which of its sentences is closest
        to the question, so the reader sees why it is listed."""
        version = result.version
        citations = []
        for c in answer.citations:
            if not c.sentence:
                inside = [
                    r
                    for r in version.sentences(c.hit.chunk.doc_id)
                    if c.hit.chunk.start <= r.start and r.end <= c.hit.chunk.end
                ]
                if inside:
                    vectors = version.sentence_vectors[[r.row for r in inside]]
                    best = int(np.argmax(np.asarray(vectors, np.float32) @ result.query_vector))
                    c = dataclasses.replace(c, sentence=inside[best].text)
            citations.append(c)
        return dataclasses.replace(answer, citations=tuple(citations))

    def _candidates(
        self,
        result: SearchResult,
        texts: dict[str, extract.Named],
        reports: int = ANSWER_REPORTS,
    ) -> tuple[list[extract.Candidate], list[SentenceRecord]]:
        """Every sentence of the best reports, scored. ``texts``: what (at least) those
        reports name, read once per question for every name check."""
        version = result.version
        docs = [h.chunk.doc_id for h in result.hits[:reports]]
        records = [
            r
            for d in sorted(set(docs))  # report order as stored, each report once
            for r in version.sentences(d)
            if len(r.text.split()) <= self.settings.chunk_max_words and "fragment" not in r.tokens
        ]
        if not records:
            return [], []
        vectors = np.asarray(version.sentence_vectors[[r.row for r in records]], np.float32)
        cosines = vectors @ result.query_vector.reshape(-1).astype(np.float32)
        analyzer = version.analyzer

        def organisation_terms(name: str) -> frozenset[str]:
            return frozenset(analyzer.terms(name))

        bound = result.analysis.constraints
        unbound = frozenset(
            d for d in docs if bound and not all(_mentions(result, texts[d], c) for c in bound)
        )

        # "Lider Reintegracji" may stand only in a heading of the report that answers: the
        # report names the subject's own words (not its kind) anywhere in its text.
        subject_terms = result.analysis.subject_terms
        naming = frozenset(
            d
            for d in docs
            if d in texts
            and any(
                t in texts[d].lemmas
                or re.search(r"\b" + re.escape(t), texts[d].folded)
                or extract.in_host(texts[d], t)
                for t in subject_terms
            )
        )
        ranked = extract.score_candidates(
            result.analysis,
            records,
            cosines,
            {d: i for i, d in enumerate(docs)},
            {h.chunk.doc_id: (h.chunk.start, h.chunk.end) for h in result.hits},
            organisation_terms,
            lambda word: analyzer.term(word, "pl"),
            inverse_document_frequency(version),
            unbound,
            naming,
        )
        return ranked, records

    def _decline(
        self,
        result: SearchResult,
        ranked: list[extract.Candidate],
        texts: dict[str, extract.Named],
    ) -> str | None:
        """Why no answer is given, in the user's words; None when the reports answer. What the
        question names comes first (no report describes it), then what it asks for (no
        sentence carries it), then whether retrieval found anything close at all."""
        from . import messages

        analysis, language = result.analysis, result.language
        if not ranked:
            return messages.not_covered(language)
        reports = texts.values()
        if analysis.names_subject and not any(
            _mentions(result, t, analysis.subject) for t in reports
        ):
            return messages.subject_unknown(language, analysis.subject)
        # The question's places and years are checked against all the best reports together.
        missing = [
            c for c in analysis.constraints if not any(_mentions(result, t, c) for t in reports)
        ]
        if missing:
            return messages.subject_unknown(language, ", ".join(missing))
        # The organisation the report credits by the asked name, before one only near it.
        about = extract.credited_subject(ranked)
        about = about or next((c.record.organisation for c in ranked if c.about_subject), "")
        about = about or (analysis.subject if analysis.names_subject else "")
        # When the reports follow the organisation asked about by name, only what they say of
        # it answers: another organisation's year or head count is not its.
        pool = extract.subject_pool(analysis, ranked)
        if not extract.has_answer(analysis, pool or ranked):
            return messages.not_stated(language, about, analysis.answer_type, analysis.predicate)
        if not result.covered or extract.unattested(analysis, ranked):
            return messages.not_covered(language)
        asks_explanation = analysis.answer_type == "definition" or analysis.procedural
        if asks_explanation and not extract.explains(analysis, ranked):
            return messages.not_explained(language, analysis.answer_type)
        return None

    def drafts(
        self, answer: Answer, question: str = "", analysis: QuestionAnalysis | None = None
    ) -> Iterator[Draft]:
        """``answer`` rewritten by the language model at PRAKTYKI_LLM_URL from the passages
        it cites, sentence by sentence as each is verified; the last draft is final. Without
        a model: ``answer`` itself, once. ``question``: as resolved in a conversation."""
        from .generate import drafts

        if not self.settings.llm_url:
            return drafts(self.settings, answer, question, None, fold)
        analyzer = self.version.analyzer
        question = question or answer.query
        analysis = analysis or analyse(question, answer.language, analyzer)
        return drafts(self.settings, answer, question, analysis, analyzer.term)

    def converse(
        self, question: str, previous: Turn | None = None, filters: Filters | None = None
    ) -> tuple[Answer, Turn]:
        """Answer a question in a conversation: an elliptic follow-up is read against the
        previous turn. Returns the answer and the turn the next question may refer to."""
        resolved = resolve(validate_question(question), previous, filters)
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
        """Distinct practices for a workshop: one per organisation, each credited from the
        sentences that describe it. A topic no report covers gets none."""
        result = self.search(topic, k=max(2 * n, 8), filters=filters)
        if not coverage.is_covered(result.evidence):
            return []
        version = result.version
        texts = _folded_texts(result, len(result.hits))
        ranked, records = self._candidates(result, texts, reports=len(result.hits))
        return build_examples(
            ranked,
            {(r.doc_id, r.ordinal): r for r in records},
            version.infos,
            _passages(version),
            lambda doc_id: store.document_text(version.conn, doc_id) or "",
            n,
            frozenset(extract.stem(t) for t in result.analysis.terms if t not in QUESTION_LEMMAS),
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
        content = coverage.content_terms(all_terms)
        vocab = version.search.vocabulary()
        found: set[str] = set()
        for hit in hits[:2]:  # the two best passages
            found |= set(version.analyzer.terms(hit.chunk.text))
        dense_docs = [int(d) for d, _ in _doc_order(dense, version.row_doc)]
        lexical_docs = [int(d) for d, _ in _doc_order(lexical, version.row_doc)]
        return coverage.Evidence(
            dense_top=dense[0][1] if dense else 0.0,
            dense_margin=coverage.dense_margin(dense),
            coverage=len(content & found) / len(content) if content else 0.0,
            missing=coverage.missing(content, vocab),
            agreement=coverage.agreement(dense_docs, lexical_docs),
            terms=len(content),
            lexical=language == "pl",
        )

    def _hits(
        self, version: IndexVersion, ranked: list[tuple[int, float]], retriever: str
    ) -> tuple[Hit, ...]:
        chunks = version.search.fetch_chunks([row for row, _ in ranked])
        infos = version.infos
        return tuple(
            Hit(chunks[row][0], score, retriever, infos.get(chunks[row][0].doc_id), chunks[row][1])
            for row, score in ranked
            if row in chunks
        )

    def with_index_dir(self, index_dir: Path) -> Engine:
        """The same settings and loaded model over another index directory."""
        return Engine(self.settings.model_copy(update={"index_dir": index_dir}), self.encoder)

    def add_feedback(
        self, answer: Answer, rating: int, comment: str = "", client: str = ""
    ) -> None:
        """👍 (1), 👎 (-1) or a comment (0) on an answer, a few a minute per client."""
        bounded(comment, "comment", MAX_COMMENT_CHARS)
        self._feedback_limit.check(client)
        self.feedback.record(
            rating,
            answer.query,
            answer.text,
            [c.hit.chunk.chunk_id for c in answer.citations],
            comment,
        )

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """The indexed reports, the most recently added (by file time) first."""
        rows = self.version.search.documents()
        return sorted(rows, key=lambda r: self._file_time(r["path"]), reverse=True)

    def _file_time(self, path: str) -> float:
        file = Path(path) if Path(path).is_absolute() else self.settings.corpus_dir / path
        try:
            return file.stat().st_mtime
        except OSError:
            return 0.0

    def report_years(self) -> list[int]:
        """The years the reports are from, oldest first: what a year filter can choose."""
        return sorted({i.year for i in self.version.infos.values() if i.year is not None})

    def passages(self, doc_id: str) -> list[Chunk]:
        """Every passage of one report, in report order."""
        return [chunk for chunk, _ in _passages(self.version)(doc_id)]

    def document_text(self, doc_id: str) -> str | None:
        return store.document_text(self.version.conn, doc_id)


def _subject(answer: Answer) -> str:
    """The organisation the answer's first sentence is about: what "tam" or "ich" refers to."""
    if answer.sentences and answer.sentences[0].organisation:
        return answer.sentences[0].organisation
    best = answer.citations[0]
    return next(iter(main_organisations(best.hit, len(best.hit.chunk.text))), "")


def _passages(version: IndexVersion) -> answering.Passages:
    """(passage, page) of a report, in report order, from this index version."""
    return lambda doc_id: [(c, p) for _, c, p in store.doc_chunks(version.conn, doc_id)]


def _recased(question: str, language: str, version: IndexVersion, hits: Sequence[Hit]) -> str:
    """A Polish question typed in lower case, with the names the best reports use capitalised."""
    if language != "pl" or not typed_in_lower_case(question):
        return question
    return recase(question, [version.name_counts(h.chunk.doc_id) for h in hits[:NAMING_REPORTS]])


def _folded_texts(result: SearchResult, reports: int) -> dict[str, extract.Named]:
    """What the best reports name (folded text, lemmas), read once per question, and only
    when the question names something (a subject, a place, a year) to look for in them."""
    analysis = result.analysis
    if not (analysis.names_subject or analysis.constraints):
        return {}
    version = result.version
    return {
        h.chunk.doc_id: extract.named(
            version.folded_text(h.chunk.doc_id), version.lemmas(h.chunk.doc_id)
        )
        for h in result.hits[:reports]
    }


def _mentions(result: SearchResult, report: extract.Named, name: str) -> bool:
    analyzer = result.version.analyzer
    return extract.mentions(report, name, lambda word: analyzer.term(word, "pl"))


def _doc_order(ranked: Sequence[tuple[int, float]], row_doc: np.ndarray) -> list[tuple[int, float]]:
    return [(int(row_doc[row]), score) for row, score in group_by_document(list(ranked), row_doc)]


def validate_question(question: str) -> str:
    """The question with its whitespace collapsed; raises InvalidQuestion when it is no text,
    empty, too long or wordless, before any work is done."""
    if not isinstance(question, str):  # an API caller may send anything
        raise InvalidQuestion("the question is not text", "empty")
    question = " ".join(question.split())
    try:
        question.encode("utf-8")
    except UnicodeEncodeError as exc:  # undecodable bytes from a shell argument
        raise InvalidQuestion("the question is not valid UTF-8", "encoding") from exc
    if not question:
        raise InvalidQuestion("empty question", "empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"question longer than {MAX_QUESTION_CHARS} characters", "too-long", MAX_QUESTION_CHARS
        )
    if not any(ch.isalnum() for ch in question):  # emoji or punctuation alone asks nothing
        raise InvalidQuestion("the question has no words", "no-words")
    return question


def evaluate(engine: Engine, questions: Sequence[Any], modes: Sequence[Mode]) -> dict[str, Any]:
    """Run every question through each mode on one index; metrics per mode, per type."""
    from . import evaluate as metrics
    from . import generate

    out: dict[str, Any] = {}
    for mode in modes:
        generations: list[generate.Generation] = []

        def ask(
            question: str, mode: Mode = mode, generations: list = generations
        ) -> tuple[list[str], bool, str, bool]:
            result = engine.search(question, k=10, mode=mode)
            answer = engine.answer(result, engine.settings.top_k)
            grounded = answering.grounded
            if engine.settings.llm_url:  # what the reader ends up seeing in this mode
                *_, draft = engine.drafts(answer, question, result.analysis)
                generations.append(draft.generation)
                answer = draft.answer
                term = result.version.analyzer.term
                grounded = lambda a: generate.grounded(a, term)  # noqa: E731
            return (
                [h.chunk.doc_id for h in result.hits],
                answer.no_answer,
                answer.text,
                grounded(answer),
            )

        out[mode] = metrics.report(metrics.run(questions, ask))
        if engine.settings.llm_url:
            out[mode]["generation"] = generate.summary(generations)
    return {"modes": out}
