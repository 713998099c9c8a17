"""Trainer mode: distinct practices for a topic, each told in the report's own sentences."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .answer import Passages
from .extract import Candidate, stem
from .metadata import find_region, last_region_before
from .normalize import fold
from .types import Chunk, DocInfo, Hit, SentenceRecord

SUMMARY_SENTENCES = 3
NAMING_WINDOW = 4  # how far back the sentence naming a practice's organisation may stand
# A sentence is on the topic when it holds half of the topic's words, or is this close to it
# (calibrated on the dev topics of bench/answers.py; nonsense topics stay below).
MIN_TOPIC_FOCUS = 0.5
MIN_TOPIC_COSINE = 0.86


@dataclass(frozen=True, slots=True)
class Example:
    doc_id: str
    title: str
    organisations: tuple[str, ...]
    region: str
    date: str
    summary: str
    sentences: tuple[str, ...]
    chunk_id: str
    page: int | None = None
    publisher: str = ""

    @property
    def organisation(self) -> str:
        return self.organisations[0] if self.organisations else ""

    @property
    def citation(self) -> str:
        where = ", ".join(x for x in (self.region, self.date) if x)
        page = f", s. {self.page}" if self.page else ""
        return f"{self.title} — {where}{page}" if where else f"{self.title}{page}"

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "organisations": list(self.organisations),
            "region": self.region,
            "date": self.date,
            "summary": self.summary,
            "citation": self.citation,
        }


def main_organisations(hit: Hit, window_end: int) -> tuple[str, ...]:
    """The report's organisations, the one named last before the end of the summary first:
    that is whom the summary is about."""
    if hit.doc is None:
        return ()
    names = [name for name, _ in hit.doc.organisations]
    text = hit.chunk.text.lower()

    def last_mention(name: str) -> int:
        core = name.split("„")[-1].rstrip("”").strip().lower()
        return text.rfind(core[:8], 0, window_end) if core else -1

    positions = {name: last_mention(name) for name in names}
    return tuple(sorted(names, key=lambda n: (-positions[n], names.index(n))))


def build_examples(
    ranked: Sequence[Candidate],
    by_position: Mapping[tuple[str, int], SentenceRecord],
    infos: Mapping[str, DocInfo],
    passages: Passages,
    document_text: Callable[[str], str],
    n: int,
    topic: frozenset[str] = frozenset(),
) -> list[Example]:
    """One entry per practice: the organisation a sentence is about, told in that sentence and
    its neighbours about the same organisation; never the same organisation twice. A sentence
    about no organisation, or one neither close to the topic nor sharing its words, is no
    practice."""
    examples: list[Example] = []
    seen: set[str] = set()
    # A handout shows as many reports as it can: a second practice of one report waits until
    # every report has had its turn.
    for first_pass in (True, False):
        used = {e.doc_id for e in examples}
        for c in ranked:
            if first_pass and c.record.doc_id in used:
                continue
            example = _example(c, by_position, infos, passages, document_text, topic, seen)
            if example is None:
                continue
            seen.add(fold(example.organisation))
            used.add(example.doc_id)
            examples.append(example)
            if len(examples) == n:
                return examples
    return examples


def _example(
    c: Candidate,
    by_position: Mapping[tuple[str, int], SentenceRecord],
    infos: Mapping[str, DocInfo],
    passages: Passages,
    document_text: Callable[[str], str],
    topic: frozenset[str],
    seen: set[str],
) -> Example | None:
    """The practice a candidate sentence tells, credited from its own sentences; None when it
    is about no organisation, one already shown, or no practice on the topic."""
    organisation = c.record.organisation
    if not organisation or fold(organisation) in seen:
        return None
    told = _told(c.record, by_position)
    if not told or not _on_topic(c, told, topic):
        return None
    if not any("activity" in r.tokens for r in told) and c.focus == 0:
        return None
    found = passages(c.record.doc_id)
    chunk = _passage_holding(told, found)
    if chunk is None and told[-1] is not c.record:
        told = told[:-1]  # the sentence after may stand in the next passage only
        chunk = _passage_holding(told, found)
    if chunk is None:
        return None
    doc = infos.get(c.record.doc_id)
    text = document_text(c.record.doc_id)
    summary = tuple(r.text for r in told)
    return Example(
        doc_id=c.record.doc_id,
        title=doc.title if doc else c.record.doc_id,
        organisations=(organisation,),
        region=region_of_passage(" ".join(summary), text, told[0].start, doc),
        date=doc.date if doc else "",
        summary=" ".join(summary),
        sentences=summary,
        chunk_id=chunk[0].chunk_id,
        page=chunk[1],
        publisher=doc.publisher if doc else "",
    )


def _passage_holding(
    told: Sequence[SentenceRecord], found: Sequence[tuple[Chunk, int | None]]
) -> tuple[Chunk, int | None] | None:
    return next(
        ((ch, page) for ch, page in found if ch.start <= told[0].start and told[-1].end <= ch.end),
        None,
    )


def _on_topic(c: Candidate, told: Sequence[SentenceRecord], topic: frozenset[str]) -> bool:
    """Close to the topic in meaning, or holding its words: the sentence most of the asked-about
    ones, or the told sentences together most of the topic's words (which for "kluby
    integracji społecznej" are all words of a kind, not of a name)."""
    if c.focus >= MIN_TOPIC_FOCUS or c.cosine >= MIN_TOPIC_COSINE:
        return True
    words = {stem(t) for r in told for t in r.terms}
    return bool(topic) and len(topic & words) / len(topic) >= MIN_TOPIC_FOCUS


def _told(
    record: SentenceRecord, by_position: Mapping[tuple[str, int], SentenceRecord]
) -> list[SentenceRecord]:
    """The sentence that names the organisation (this one, or one of the four before it about
    the same organisation), the sentence itself and the one after about the same
    organisation: one practice, credited where the reader can see it. Empty when no sentence
    close by names the organisation."""
    naming = None
    for step in range(0, NAMING_WINDOW + 1):
        r = by_position.get((record.doc_id, record.ordinal - step))
        if r is None or r.organisation != record.organisation:
            break
        if "org" in r.tokens:
            naming = r
            break
    if naming is None:
        return []
    told = [naming] if naming is not record else []
    told.append(record)
    after = by_position.get((record.doc_id, record.ordinal + 1))
    if after is not None and after.organisation == record.organisation:
        told.append(after)
    return told[:SUMMARY_SENTENCES]


def region_of_passage(summary: str, text: str, start: int, doc: DocInfo | None) -> str:
    """The województwo the practice is in: named in its own sentences, else the one the report
    named last before them (a visit report moves from region to region), else the report's."""
    named = find_region(summary)
    if named:
        return named
    before = last_region_before(text, start)
    if before:
        return before
    return doc.region if doc else ""
