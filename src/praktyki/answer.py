"""Extractive answers: the chosen sentences, each followed by the [n] of the passage that holds
it; sources numbered in the order the answer cites them, then the other close reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import messages
from .types import Answer, AnswerSentence, Chunk, Citation, DocInfo, Hit, SentenceRecord

Passages = Callable[[str], Sequence[tuple[Chunk, int | None]]]


def compose(
    query: str,
    language: str,
    hits: Sequence[Hit],
    chosen: Sequence[SentenceRecord],
    passages: Passages,
    infos: Mapping[str, DocInfo],
    *,
    k: int,
    answer_type: str = "",
    decline: str | None = None,
) -> Answer:
    """Number the sources the chosen sentences rest on, then the rest of the close reports."""
    note = messages.foreign_question_note(language)
    if decline is not None or not chosen:
        citations = tuple(Citation(n, hit, "") for n, hit in enumerate(hits[:k], start=1))
        text = decline or messages.not_covered(language)
        return Answer(query, language, text, citations, True, note, (), answer_type)
    by_doc = {h.chunk.doc_id: h for h in hits}
    cited: list[Hit] = []
    number: dict[str, int] = {}
    sentences: list[AnswerSentence] = []
    for record in chosen:
        hit = _passage_for(record, by_doc.get(record.doc_id), passages, infos)
        if hit is None:  # a sentence longer than any passage: no passage can show it whole
            continue
        if hit.chunk.chunk_id not in number:
            cited.append(hit)
            number[hit.chunk.chunk_id] = len(cited)
        n = number[hit.chunk.chunk_id]
        sentences.append(
            AnswerSentence(
                record.text, n, record.doc_id, hit.chunk.chunk_id, record.start, record.end,
                record.organisation,
            )
        )  # fmt: skip
    if not sentences:
        return compose(query, language, hits, (), passages, infos, k=k, answer_type=answer_type)
    cited_docs = {h.chunk.doc_id for h in cited}
    for hit in hits:
        if len(cited) >= max(k, len(number)):
            break
        if hit.chunk.doc_id not in cited_docs:
            cited.append(hit)
            cited_docs.add(hit.chunk.doc_id)
    first: dict[int, str] = {}
    for s in sentences:
        first.setdefault(s.n, s.text)
    citations = tuple(Citation(n, hit, first.get(n, "")) for n, hit in enumerate(cited, start=1))
    text = " ".join(f"{s.text} [{s.n}]" for s in sentences)
    return Answer(query, language, text, citations, False, note, tuple(sentences), answer_type)


def _passage_for(
    record: SentenceRecord, hit: Hit | None, passages: Passages, infos: Mapping[str, DocInfo]
) -> Hit | None:
    """The report's retrieved passage when it holds the sentence, else the first that does."""
    if hit is not None and _holds(hit.chunk, record):
        return hit
    for chunk, page in passages(record.doc_id):
        if _holds(chunk, record):
            score = hit.score if hit is not None else 0.0
            return Hit(chunk, score, hit.retriever if hit else "hybrid", infos.get(chunk.doc_id), page)
    return None


def _holds(chunk: Chunk, record: SentenceRecord) -> bool:
    return chunk.doc_id == record.doc_id and chunk.start <= record.start and record.end <= chunk.end


def grounded(answer: Answer) -> bool:
    """Every answer sentence stands, word for word, at its offsets in the passage it cites."""
    for s in answer.sentences:
        chunk = answer.citations[s.n - 1].hit.chunk
        if chunk.chunk_id != s.chunk_id or not (chunk.start <= s.start and s.end <= chunk.end):
            return False
        raw = chunk.text[s.start - chunk.start : s.end - chunk.start]
        if " ".join(raw.split()) != s.text:
            return False
    return True


def to_json(answer: Answer) -> dict[str, Any]:
    """The stable JSON shape of ``praktyki ask --json`` and the web app's ``ask`` endpoint."""
    return {
        "query": answer.query,
        "language": answer.language,
        "answer": answer.text,
        "no_answer": answer.no_answer,
        "note": answer.note,
        "answer_type": answer.answer_type,
        "sentences": [
            {
                "text": s.text,
                "n": s.n,
                "doc_id": s.doc_id,
                "chunk_id": s.chunk_id,
                "start": s.start,
                "end": s.end,
            }
            for s in answer.sentences
        ],
        "citations": [
            {
                "n": c.n,
                "doc_id": c.hit.chunk.doc_id,
                "title": c.hit.doc.title if c.hit.doc else "",
                "region": c.hit.doc.region if c.hit.doc else "",
                "date": c.hit.doc.date if c.hit.doc else "",
                "organisations": [name for name, _ in c.hit.doc.organisations] if c.hit.doc else [],
                "page": c.hit.page,
                "chunk_id": c.hit.chunk.chunk_id,
                "score": round(c.hit.score, 6),
                "sentence": c.sentence,
                "text": c.hit.chunk.text,
            }
            for c in answer.citations
        ],
    }
