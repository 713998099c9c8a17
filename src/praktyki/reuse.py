"""What a build may take from the last intact version instead of redoing it.

A report whose file has the same bytes (or whose parsed text, title and metadata hash the same)
lends its rows to the next version: its document row, chunks, sentences and their BM25 terms,
the forms it teaches the lexicon, and its passage and sentence vectors. Only new and changed
reports are read, chunked, lemmatised and embedded; a reused report is lemmatised again only
when a word it spells without diacritics now resolves to another lemma.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import store
from .lemmas import lemma
from .versions import MANIFEST

log = logging.getLogger(__name__)

SENTENCE_VECTORS = "sentence_vectors.npy"
LEXICON = "lexicon.json"


@dataclass
class Previous:
    """The last intact version, as far as a build reuses it."""

    path: Path
    manifest: dict[str, Any]
    learned: dict[str, str]  # its lexicon: what its keys were resolved through
    vectors: np.ndarray  # passage vectors by chunk row
    chunks: dict[str, tuple[int, int]]  # doc id -> (first chunk row, chunks)
    sentences: dict[str, tuple[int, int]]  # doc id -> (first sentence row, sentences)
    sentence_vectors: np.ndarray

    def lends(self, doc_id: str) -> bool:
        return doc_id in self.chunks and doc_id in self.manifest.get("documents", {})

    def chunk_vectors(self, doc_id: str) -> np.ndarray:
        first, count = self.chunks[doc_id]
        return np.asarray(self.vectors[first : first + count], dtype=np.float32)

    def sentence_block(self, doc_id: str) -> tuple[int, np.ndarray]:
        first, count = self.sentences.get(doc_id, (0, 0))
        return first, self.sentence_vectors[first : first + count]


def load_previous(
    version: Path | None,
    expected: dict[str, Any],
    vectors_of: Callable[[Path, dict[str, Any]], np.ndarray | None],
) -> Previous | None:
    """The version's reusable parts if it was built as ``expected`` says (format, model,
    dimension, chunking); None otherwise, or if any part cannot be read."""
    if version is None:
        return None
    try:
        manifest = json.loads((version / MANIFEST).read_text("utf-8"))
        if any(manifest.get(key) != value for key, value in expected.items()):
            return None
        vectors = vectors_of(version, manifest)
        if vectors is None or len(vectors) != manifest.get("chunks"):
            return None
        conn = store.connect(version / "meta.sqlite", readonly=True)
        try:
            chunks = store.spans(conn, "chunks")
            sentences = store.spans(conn, "sentences")
        finally:
            conn.close()
        learned = json.loads((version / LEXICON).read_text("utf-8"))
        sentence_vectors = np.load(version / SENTENCE_VECTORS, mmap_mode="r")
    except (OSError, ValueError, KeyError, RuntimeError, sqlite3.Error) as exc:
        log.warning("Previous index unusable for reuse, rebuilding everything: %s", exc)
        return None
    return Previous(version, manifest, learned, vectors, chunks, sentences, sentence_vectors)


def known_files(previous: Previous | None) -> Callable[[str, Path, str], bool]:
    """Whether a corpus file need not be read: the previous version holds a report of that id
    from a file of the same kind with the same bytes."""
    documents = previous.manifest.get("documents", {}) if previous else {}

    def known(doc_id: str, path: Path, digest: str) -> bool:
        old = documents.get(doc_id)
        return (
            previous is not None
            and old is not None
            and previous.lends(doc_id)
            and old.get("source") == digest
            and Path(old.get("path", "")).suffix.lower() == path.suffix.lower()
        )

    return known


def changed_words(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """Words typed without diacritics that the new lexicon resolves otherwise than the old
    (lemmas.Analyzer.resolve_key): reused terms looking them up are stale."""
    differ = (old.keys() ^ new.keys()) | {f for f in old.keys() & new.keys() if old[f] != new[f]}
    return {f for f in differ if _resolved(old, f) != _resolved(new, f)}


def _resolved(learned: dict[str, str], word: str) -> str:
    found = learned.get(word)
    return found if found is not None else lemma(word)
