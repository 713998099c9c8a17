"""A deterministic stand-in for the embedding model, for tests that are not about retrieval
quality (as simonw/llm's tests use their EmbedDemo model): same text, same vector, no model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from praktyki.backend import Passage
from praktyki.types import Chunk


class HashEncoder:
    """Bag of hashed words, L2-normalised: shares words, shares direction."""

    dimension = 384
    batch_size = 64

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_document(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts)


class CountingEncoder(HashEncoder):
    """HashEncoder that remembers every text it embedded for a document."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode_document(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode_document(texts)


def hashed_passages(doc_id: str, texts: list[str], first_row: int) -> list[Passage]:
    """A report's passages as a backend stores them, one per text, embedded by HashEncoder."""
    vectors = HashEncoder().encode_document(texts)
    return [
        Passage(
            first_row + i,
            Chunk(f"{doc_id}#{i}", doc_id, i, text, 0, len(text)),
            None,
            tuple(text.lower().split()),
            vectors[i],
        )
        for i, text in enumerate(texts)
    ]
