"""Trainer mode: distinct practices for a topic, each told in the report's own sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .chunk import Sentence
from .types import Hit

SUMMARY_SENTENCES = 3
SUMMARY_MARGIN = 0.015  # a third sentence must be nearly as close to the topic as the best


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


def summarise(scored: Sequence[tuple[Sentence, float]]) -> list[Sentence]:
    """The best sentence, the one before it (which usually names whom it is about) and the one
    after it when that is nearly as close to the topic: one practice, told coherently."""
    if not scored:
        return []
    best = max(range(len(scored)), key=lambda i: scored[i][1])
    keep = [i for i in (best - 1, best) if i >= 0]
    after = best + 1
    if after < len(scored) and scored[after][1] >= scored[best][1] - SUMMARY_MARGIN:
        keep.append(after)
    if len(keep) < 2 and after < len(scored):
        keep.append(after)
    return [scored[i][0] for i in keep[:SUMMARY_SENTENCES]]


def build_examples(
    hits: Sequence[Hit], scored: Sequence[Sequence[tuple[Sentence, float]]], n: int
) -> list[Example]:
    """One entry per report and per organisation: never the same practice twice."""
    examples: list[Example] = []
    seen_docs: set[str] = set()
    seen_orgs: set[str] = set()
    for hit, sentences in zip(hits, scored, strict=True):
        if hit.chunk.doc_id in seen_docs:
            continue
        chosen = summarise(sentences)
        summary = [s.text for s in chosen]
        organisations = main_organisations(hit, chosen[-1].end if chosen else len(hit.chunk.text))
        if organisations and organisations[0].lower() in seen_orgs:
            continue
        seen_docs.add(hit.chunk.doc_id)
        if organisations:
            seen_orgs.add(organisations[0].lower())
        doc = hit.doc
        examples.append(
            Example(
                doc_id=hit.chunk.doc_id,
                title=doc.title if doc else hit.chunk.doc_id,
                organisations=organisations,
                region=doc.region if doc else "",
                date=doc.date if doc else "",
                summary=" ".join(summary),
                sentences=tuple(summary),
                chunk_id=hit.chunk.chunk_id,
                page=hit.page,
            )
        )
        if len(examples) == n:
            break
    return examples
