"""Dense and lexical candidate search over one index version: rows and raw scores."""

from __future__ import annotations

import math
from collections.abc import Callable

import faiss
import numpy as np

from .index import IndexVersion

Ranked = list[tuple[int, float]]  # (chunk row, score), best first


def dense_search(
    version: IndexVersion, query_vector: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> Ranked:
    if allowed is not None and len(allowed) == 0:
        return []
    k = min(k, version.dense.ntotal)
    params = None
    if allowed is not None:
        # Filtering inside the search keeps k results whenever k matching chunks exist.
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
    scores, rows = version.dense.search(query_vector.reshape(1, -1), k, params=params)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]


def lexical_scores(version: IndexVersion, terms: list[str]) -> np.ndarray:
    if not terms:
        return np.zeros(version.dense.ntotal, dtype=np.float32)
    return np.asarray(version.lexical.get_scores(terms), dtype=np.float32)


def lexical_search(
    version: IndexVersion, terms: list[str], k: int, allowed: np.ndarray | None = None
) -> Ranked:
    scores = lexical_scores(version, terms)
    if allowed is not None:
        mask = np.full(scores.shape, -np.inf, dtype=np.float32)
        mask[allowed] = 0.0
        scores = scores + mask
    k = min(k, len(scores))
    if k == 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(r), float(scores[r])) for r in top if scores[r] > 0]


def document_frequencies(version: IndexVersion, terms: list[str]) -> list[int]:
    """In how many passages each term occurs, read off the BM25 index's term columns."""
    indptr = version.lexical.scores["indptr"]
    vocab = version.lexical.vocab_dict
    return [int(indptr[vocab[t] + 1] - indptr[vocab[t]]) for t in terms if t in vocab]


def inverse_document_frequency(version: IndexVersion) -> Callable[[str], float]:
    """idf of a folded lemma over the passages; a word no passage has counts as rare."""
    passages = len(version.row_doc)

    def idf(term: str) -> float:
        found = document_frequencies(version, [term])
        df = found[0] if found else 0
        return math.log((passages + 1) / (df + 0.5))

    return idf
