"""The array-built BM25 index scores exactly as bm25s' own build, and survives save and load."""

from __future__ import annotations

import random

import bm25s
import numpy as np

from praktyki.lexical import bm25_index


def _passages() -> list[list[str]]:
    rng = random.Random(0)
    words = [f"w{i}" for i in range(300)] + ["spółdzielnia", "łódź", "kino"]
    out = [[rng.choice(words) for _ in range(rng.randint(1, 60))] for _ in range(400)]
    out[7] = []  # a passage of stop words only
    return out


def test_scores_equal_bm25s_to_the_bit(tmp_path):
    passages = _passages()
    reference = bm25s.BM25()
    reference.index(passages, show_progress=False)
    built = bm25_index(passages)
    assert set(built.vocab_dict) == set(reference.vocab_dict)
    rng = random.Random(1)
    vocabulary = sorted({t for p in passages for t in p})
    for _ in range(50):
        query = rng.sample(vocabulary, 3)
        assert np.array_equal(built.get_scores(query), reference.get_scores(query))
    built.save(str(tmp_path / "bm25"), show_progress=False)
    loaded = bm25s.BM25.load(str(tmp_path / "bm25"))
    assert np.array_equal(loaded.get_scores(["kino", "w1"]), built.get_scores(["kino", "w1"]))


def test_term_ids_follow_first_occurrence():
    built = bm25_index([["b", "a"], ["c", "a"]])
    assert built.vocab_dict == {"b": 0, "a": 1, "c": 2, "": 3}
