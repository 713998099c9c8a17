"""Term statistics of one index version, read off its search backend's lexical index."""

from __future__ import annotations

import math
from collections.abc import Callable

from .index import IndexVersion

Ranked = list[tuple[int, float]]  # (chunk row, score), best first


def document_frequencies(version: IndexVersion, terms: list[str]) -> list[int]:
    """In how many passages each term occurs."""
    return version.search.document_frequencies(terms)


def inverse_document_frequency(version: IndexVersion) -> Callable[[str], float]:
    """idf of a folded lemma over the passages; a word no passage has counts as rare."""
    passages = len(version.row_doc)

    def idf(term: str) -> float:
        found = document_frequencies(version, [term])
        df = found[0] if found else 0
        return math.log((passages + 1) / (df + 0.5))

    return idf
