"""The BM25 index of a version's passages, built with whole-array arithmetic.

bm25s builds its index with a Python loop per passage; at 100k passages that is seconds of
every reindex, since BM25 weights depend on corpus-wide document frequencies and average length
and so are rebuilt whole. This computes the same matrix as ``bm25s.BM25(method="lucene")``
(Robertson term frequency, Lucene idf, float32 weights, CSC by term) in a few array operations,
and hands it to bm25s to save and search.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import bm25s
import numpy as np
from scipy import sparse


def bm25_index(passages: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> bm25s.BM25:
    """A bm25s index of ``passages`` (each its list of terms), as ``BM25().index`` builds it;
    term ids are numbered in order of first occurrence."""
    retriever = bm25s.BM25(k1=k1, b=b, method="lucene", idf_method="lucene")
    lengths = np.fromiter(map(len, passages), dtype=np.int64, count=len(passages))
    flat = list(chain.from_iterable(passages))
    # C-level loops only: at 10M terms a Python loop per term is the slowest part.
    vocab = {term: i for i, term in enumerate(dict.fromkeys(flat))}
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    n_docs, n_vocab = len(passages), len(vocab)
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    # Term counts per (passage, term), in CSC layout (by term, then passage): scipy builds and
    # sums it in linear time, where sorting the pairs would not be.
    counts = sparse.csc_matrix(
        (np.ones(len(ids), dtype=np.float64), (docs, ids)), shape=(n_docs, n_vocab)
    )
    counts.sum_duplicates()
    counts.sort_indices()
    rows, tf, indptr = counts.indices, counts.data, counts.indptr.astype(np.int64)
    df = np.diff(indptr)
    terms = np.repeat(np.arange(n_vocab, dtype=np.int64), df)
    idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
    avg_len = lengths.mean() if len(ids) else np.float64(1)  # no terms at all: no weights
    # In float64, as bm25s computes it, then stored as float32.
    norm = k1 * ((1 - b) + b * lengths / avg_len)
    data = (idf[terms].astype(np.float64) * (tf / (norm[rows] + tf))).astype(np.float32)
    retriever.scores = {
        "data": data,
        "indices": rows.astype(np.int32),
        "indptr": indptr,
        "num_docs": n_docs,
    }
    vocab[""] = n_vocab  # bm25s' empty token, scoring passages without terms
    retriever.vocab_dict = vocab
    retriever.unique_token_ids_set = set(vocab.values())
    retriever.nonoccurrence_array = None  # only BM25L and BM25+ have one
    return retriever
