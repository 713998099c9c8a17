"""Extractive answers: the best 1-3 sentences of the cited passages, each with its [n] marker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import messages
from .chunk import Sentence, split_sentences
from .lemmas import Analyzer
from .types import Answer, Citation, Hit

EmbedQuery = Callable[[Sequence[str]], np.ndarray]
MAX_ANSWER_SENTENCES = 3
SENTENCE_PASSAGES = 2  # answer sentences come from the best passages only
SAME_PASSAGE_MARGIN = 0.03  # a further sentence must be nearly as good as the best one,
OTHER_PASSAGE_MARGIN = 0.01  # and closer still when it comes from another report
MIN_SENTENCE_WORDS = 4


def candidate_sentences(hit: Hit) -> list[Sentence]:
    """Sentences that can stand alone in an answer: headings and fragments cannot."""
    sentences = split_sentences(hit.chunk.text)
    complete = [s for s in sentences if s.words >= MIN_SENTENCE_WORDS and s.text[-1:] in '.!?…”")']
    return complete or sentences


def score_sentences(
    query_vector: np.ndarray,
    query_terms: set[str],
    hits: Sequence[Hit],
    embed_passages: EmbedQuery,
    analyzer: Analyzer,
) -> list[list[tuple[Sentence, float]]]:
    """Per hit, its sentences scored by closeness to the question: cosine of embeddings plus a
    small bonus for each content word of the question the sentence contains."""
    per_hit = [candidate_sentences(h) for h in hits]
    flat = [s.text for sentences in per_hit for s in sentences]
    if not flat:
        return [[] for _ in hits]
    vectors = embed_passages(flat)
    cosines = vectors @ query_vector.reshape(-1)
    out, i = [], 0
    for sentences in per_hit:
        scored = []
        for s in sentences:
            overlap = len(query_terms & set(analyzer.terms(s.text))) / max(1, len(query_terms))
            scored.append((s, float(cosines[i]) + 0.05 * overlap))
            i += 1
        out.append(scored)
    return out


def compose(
    query: str,
    language: str,
    hits: Sequence[Hit],
    scored: Sequence[Sequence[tuple[Sentence, float]]],
    no_answer: bool,
) -> Answer:
    """Number the hits as sources; pick the answer sentences; say so when nothing fits."""
    citations = tuple(
        Citation(n, hit, _best(scored[n - 1]).text if scored[n - 1] else "")
        for n, hit in enumerate(hits, start=1)
    )
    note = messages.foreign_question_note(language)
    if no_answer or not citations:
        return Answer(query, language, messages.not_covered(language), citations, True, note)
    picks = _pick_sentences(scored)
    text = " ".join(f"{_as_sentence(s.text)} [{n}]" for n, s in picks)
    return Answer(query, language, text, citations, False, note)


def _best(scored: Sequence[tuple[Sentence, float]]) -> Sentence:
    return max(scored, key=lambda pair: pair[1])[0]


def _pick_sentences(
    scored: Sequence[Sequence[tuple[Sentence, float]]],
) -> list[tuple[int, Sentence]]:
    ranked = [
        (score, n, sentence)
        for n, sentences in enumerate(scored[:SENTENCE_PASSAGES], start=1)
        for sentence, score in sentences
    ]
    ranked.sort(key=lambda item: (-item[0], item[1]))
    if not ranked:
        return []
    best_score = ranked[0][0]
    picks: list[tuple[int, Sentence]] = []
    seen: set[str] = set()
    best_n = ranked[0][1]
    for score, n, sentence in ranked:
        if len(picks) == MAX_ANSWER_SENTENCES:
            break
        margin = SAME_PASSAGE_MARGIN if n == best_n else OTHER_PASSAGE_MARGIN
        if score < best_score - margin or sentence.text in seen:  # overlap repeats sentences
            continue
        seen.add(sentence.text)
        picks.append((n, sentence))
    # Read in the reports' own order: by source, then by place in the passage.
    return sorted(picks, key=lambda pick: (pick[0], pick[1].start))


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in '.!?…”"' else f"{text}."


def to_json(answer: Answer) -> dict[str, Any]:
    """The stable JSON shape of ``praktyki ask --json`` and the web app's ``ask`` endpoint."""
    return {
        "query": answer.query,
        "language": answer.language,
        "answer": answer.text,
        "no_answer": answer.no_answer,
        "note": answer.note,
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
