"""Data that crosses pipeline steps: frozen, slotted, no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    path: str
    title: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str:
        return str(self.meta.get("date") or "")

    @property
    def region(self) -> str:
        return str(self.meta.get("region") or "")


@dataclass(frozen=True, slots=True)
class Chunk:
    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What a citation shows about the report a chunk comes from."""

    doc_id: str
    title: str
    date: str = ""
    region: str = ""
    language: str = "pl"
    path: str = ""
    year: int | None = None
    organisations: tuple[tuple[str, str], ...] = ()  # (name, legal form)
    regions: tuple[str, ...] = ()  # every województwo the report is about
    publisher: str = ""  # who published it, from the report's front matter when given


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk
    score: float
    retriever: str
    doc: DocInfo | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """A report's sentence as the index stores it; ``row`` is its vector's row."""

    row: int
    doc_id: str
    ordinal: int
    text: str
    start: int  # character offsets in the report's text
    end: int
    organisation: str  # the organisation named last at or before it
    leaning: bool  # cannot stand alone: opens with a pronoun or conjunction, or a quote's tail
    tokens: frozenset[str]  # answer tokens it carries: number, year, date, place, name…
    terms: tuple[str, ...]  # folded lemmas, as BM25 sees them


@dataclass(frozen=True, slots=True)
class AnswerSentence:
    """One sentence of an answer, with the source it rests on and where it stands there."""

    text: str
    n: int  # the citation number
    doc_id: str
    chunk_id: str
    start: int  # character offsets in the report's text
    end: int
    organisation: str = ""  # whom the sentence is about, as the report names it


@dataclass(frozen=True, slots=True)
class Citation:
    n: int
    hit: Hit
    sentence: str


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    language: str
    text: str
    citations: tuple[Citation, ...]
    no_answer: bool
    note: str = ""
    sentences: tuple[AnswerSentence, ...] = ()
    answer_type: str = ""
