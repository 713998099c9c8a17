"""Fusion of ranked lists and grouping by report: pure functions over (row, score) lists."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Ranked = list[tuple[int, float]]

RRF_K = 60
# Per-question weights for PRAKTYKI_FUSION=adaptive (README "Fusion"): a question that names
# rare things (an organisation, a village, a number) is best found by its words; one in its own
# words, by meaning. Measured on four question sets, equal-weight RRF was as good or better, so
# it stays the default; adaptive suits corpora where BM25 is decisive on names.
RARE_SHARE_OF_CHUNKS = 0.01  # a term in at most this share of passages (or 3) is rare
LEXICAL_BOOST = 1.0  # lexical weight = base * (1 + LEXICAL_BOOST * share of rare terms)
DENSE_BOOST = 0.5  # dense weight = 1 + DENSE_BOOST * share of common terms


def rare_share(document_frequencies: Sequence[int], passages: int) -> float:
    """Share of a question's known terms that few passages contain."""
    if not document_frequencies:
        return 0.0
    limit = max(3, RARE_SHARE_OF_CHUNKS * passages)
    return sum(df <= limit for df in document_frequencies) / len(document_frequencies)


MARGIN_BOOST = 1.0  # lexical weight grows with how far BM25's best report leads its second


def lexical_margin(ranked: Ranked, row_doc: np.ndarray) -> float:
    """How decisively the lexical ranking picks one report: (best - second) / best, over
    each report's best passage. A rare name in the question makes it large."""
    scores = [score for _, score in group_by_document(ranked, row_doc)[:2]]
    if not scores or scores[0] <= 0:
        return 0.0
    return (scores[0] - (scores[1] if len(scores) > 1 else 0.0)) / scores[0]


def question_weights(rare: float, lexical_base: float, margin: float = 0.0) -> tuple[float, float]:
    """(dense, lexical) weights for fusing one question's two rankings."""
    lexical = lexical_base * (1.0 + LEXICAL_BOOST * rare + MARGIN_BOOST * margin * rare)
    return 1.0 + DENSE_BOOST * (1.0 - rare), lexical


def rrf(rankings: Sequence[Ranked], weights: Sequence[float], k: int = RRF_K) -> Ranked:
    """Reciprocal rank fusion: sum of weight / (k + rank) over the lists a row appears in."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (row, _) in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def weighted(rankings: Sequence[Ranked], weights: Sequence[float]) -> Ranked:
    """Convex combination of scores scaled to [0, 1] by each list's own maximum and minimum."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        scores = np.array([s for _, s in ranking], dtype=np.float64)
        low, high = float(scores.min()), float(scores.max())
        span = high - low or 1.0
        for row, score in ranking:
            fused[row] = fused.get(row, 0.0) + weight * (score - low) / span
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def group_by_document(ranked: Ranked, row_doc: np.ndarray, per_doc: int = 1) -> Ranked:
    """Keep each report's best ``per_doc`` chunks, in fused order, so one report does not
    crowd out the others in a source list."""
    seen: dict[int, int] = {}
    out: Ranked = []
    for row, score in ranked:
        doc = int(row_doc[row])
        if seen.get(doc, 0) < per_doc:
            seen[doc] = seen.get(doc, 0) + 1
            out.append((row, score))
    return out
