"""Fusion of ranked lists and grouping by report: pure functions over (row, score) lists."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Ranked = list[tuple[int, float]]

RRF_K = 60


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
