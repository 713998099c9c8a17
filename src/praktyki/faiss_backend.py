"""The embedded backend (the default): FAISS for meaning, bm25s for words, in the version's
directory beside its SQLite metadata; the ``current`` pointer file says which version is live."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np

from . import store, versions
from .backend import Fusion, Passage, Ranked, Retrieval, Weigh
from .config import Settings
from .filters import Filters, matching_doc_ids
from .fuse import rrf, weighted, zscore, zscore_floors
from .lexical import bm25_index
from .types import Chunk, DocInfo

log = logging.getLogger(__name__)

# Exact search stays well inside the latency budget up to here (bench/scale.py); past it HNSW.
FLAT_MAX_ROWS = 200_000
HNSW_M = 32
HNSW_EF_SEARCH = 256
MIN_HNSW_RECALL = 0.98
DENSE_FILE = "dense.faiss"
LEXICAL_DIR = "bm25"


class FaissBackend:
    name = "faiss"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def writer(self, out: Path, name: str, dimension: int) -> FaissWriter:
        return FaissWriter(out, dimension)

    def open(
        self,
        version_dir: Path,
        manifest: Mapping[str, Any],
        conn: Any,
        row_doc: np.ndarray,
        doc_ids: Sequence[str],
        infos: Mapping[str, DocInfo],
    ) -> FaissSearch:
        dense = faiss.read_index(str(version_dir / DENSE_FILE))
        if isinstance(dense, faiss.IndexHNSWFlat):
            dense.hnsw.efSearch = int(manifest["dense_index"].get("ef_search", HNSW_EF_SEARCH))
        lexical = bm25s.BM25.load(str(version_dir / LEXICAL_DIR), show_progress=False)
        return FaissSearch(dense, lexical, conn, row_doc, doc_ids, infos)

    def stored_vectors(self, version_dir: Path, manifest: Mapping[str, Any]) -> np.ndarray | None:
        # The index is the one copy of the vectors: flat and HNSW-flat both keep them whole.
        dense = faiss.read_index(str(version_dir / DENSE_FILE))
        return np.asarray(dense.reconstruct_n(0, dense.ntotal), dtype=np.float32)

    def activate(self, index_dir: Path, name: str) -> None:
        versions.swap_pointer(index_dir, name)

    def active(self, index_dir: Path) -> str | None:
        version = versions.pointed_version(index_dir)
        return version.name if version is not None else None

    def retire(self, keep: set[str]) -> None:
        pass  # a version's FAISS and bm25s files go with its directory


class FaissWriter:
    """Collects a version's passages in row order; writes the FAISS and bm25s files at the end."""

    takes_rows = True

    def __init__(self, out: Path, dimension: int) -> None:
        self.out = out
        self.dimension = dimension
        self.reports: dict[str, list[Passage]] = {}
        self.rows: tuple[Sequence[str], np.ndarray] | None = None

    def add_rows(self, terms: Sequence[str], matrix: np.ndarray) -> None:
        if len(terms) != len(matrix):
            raise ValueError("one vector per passage")
        self.rows = (terms, matrix)

    def add_report(self, info: DocInfo, passages: Sequence[Passage]) -> None:
        self.reports[info.doc_id] = list(passages)

    def replace_report(self, info: DocInfo, passages: Sequence[Passage]) -> None:
        self.reports[info.doc_id] = list(passages)

    def delete_report(self, doc_id: str) -> None:
        self.reports.pop(doc_id, None)

    def finish(self) -> dict[str, Any]:
        if self.rows is not None and not self.reports:
            terms, matrix = self.rows
            dense_info = write_dense(self.out, np.ascontiguousarray(matrix, dtype=np.float32))
            lexical = bm25_index([t.split() for t in terms])
            lexical.save(str(self.out / LEXICAL_DIR), show_progress=False)
            return {"dense_index": dense_info}
        if self.rows is not None:
            raise ValueError("passages given both as rows and report by report")
        passages = sorted((p for ps in self.reports.values() for p in ps), key=lambda p: p.row)
        if [p.row for p in passages] != list(range(len(passages))):
            # FAISS numbers vectors by position: a gap would shift later rows off their metadata.
            raise ValueError("the embedded index needs passage rows 0..n-1 without gaps")
        matrix = np.empty((len(passages), self.dimension), np.float32)
        for p in passages:
            matrix[p.row] = p.vector
        dense_info = write_dense(self.out, matrix)
        bm25_index([p.terms for p in passages]).save(str(self.out / LEXICAL_DIR), show_progress=False)
        return {"dense_index": dense_info}

    def abort(self) -> None:
        self.reports.clear()
        self.rows = None


def write_dense(out: Path, matrix: np.ndarray) -> dict[str, Any]:
    """Flat (exact) up to FLAT_MAX_ROWS; past that HNSW, kept only if its top 10 recovers at
    least MIN_HNSW_RECALL of the exact top 10 on a sample of the index's own vectors."""
    dim = matrix.shape[1]
    if len(matrix) > FLAT_MAX_ROWS:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 200
        hnsw.add(matrix)
        for ef in (HNSW_EF_SEARCH, 2 * HNSW_EF_SEARCH, 4 * HNSW_EF_SEARCH):
            hnsw.hnsw.efSearch = ef
            recall = hnsw_recall(hnsw, matrix)
            if recall >= MIN_HNSW_RECALL:
                faiss.write_index(hnsw, str(out / DENSE_FILE))
                return {"kind": "hnsw", "ef_search": ef, "recall@10": round(recall, 4)}
        log.warning("HNSW recall %.3f below %.2f; keeping exact search", recall, MIN_HNSW_RECALL)
    flat = faiss.IndexFlatIP(dim)
    flat.add(matrix)
    faiss.write_index(flat, str(out / DENSE_FILE))
    return {"kind": "flat"}


def hnsw_recall(index: faiss.Index, matrix: np.ndarray, sample: int = 200, k: int = 10) -> float:
    rng = np.random.default_rng(0)
    rows = rng.choice(len(matrix), size=min(sample, len(matrix)), replace=False)
    # Perturbed copies of stored vectors stand in for queries near the data.
    queries = matrix[rows] + rng.normal(0, 0.02, (len(rows), matrix.shape[1])).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact = np.argsort(-(queries @ matrix.T), axis=1)[:, :k]
    _, approx = index.search(queries, k)
    return float(np.mean([len(set(a) & set(e)) / k for a, e in zip(approx, exact, strict=True)]))


class FaissSearch:
    """Filters become the rows of the reports they admit, applied inside both searches."""

    def __init__(
        self,
        dense: faiss.Index,
        lexical: bm25s.BM25,
        conn: Any,
        row_doc: np.ndarray,
        doc_ids: Sequence[str],
        infos: Mapping[str, DocInfo],
    ) -> None:
        self.index = dense
        self.bm25 = lexical
        self.conn = conn
        self.row_doc = row_doc
        self.doc_ids = list(doc_ids)
        self.infos = infos

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        """Chunk rows of the reports the filters admit; None when nothing is filtered."""
        if filters is None or not filters.active():
            return None
        docs = matching_doc_ids(self.infos.values(), filters)
        numbers = [i for i, doc_id in enumerate(self.doc_ids) if doc_id in docs]
        return np.flatnonzero(np.isin(self.row_doc, numbers))

    def dense(self, query_vector: np.ndarray, k: int, filters: Filters | None) -> Ranked:
        return self._dense(query_vector, k, self._allowed(filters))

    def _dense(self, query_vector: np.ndarray, k: int, allowed: np.ndarray | None) -> Ranked:
        if allowed is not None and len(allowed) == 0:
            return []
        k = min(k, self.index.ntotal)
        params = None
        if allowed is not None:
            # Filtering inside the search keeps k results whenever k matching chunks exist.
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
        scores, rows = self.index.search(query_vector.reshape(1, -1), k, params=params)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]

    def lexical(self, terms: Sequence[str], k: int, filters: Filters | None) -> Ranked:
        return self._lexical(terms, k, self._allowed(filters))

    def _lexical(self, terms: Sequence[str], k: int, allowed: np.ndarray | None) -> Ranked:
        if terms:
            scores = np.asarray(self.bm25.get_scores(list(terms)), dtype=np.float32)
        else:
            scores = np.zeros(self.index.ntotal, dtype=np.float32)
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

    def fused(
        self,
        query_vector: np.ndarray,
        terms: Sequence[str],
        k: int,
        filters: Filters | None,
        weigh: Weigh,
        fusion: Fusion,
    ) -> Retrieval:
        allowed = self._allowed(filters)
        dense = self._dense(query_vector, k, allowed)
        lexical = self._lexical(terms, k, allowed)
        weights = list(weigh(lexical))
        if fusion == "zscore":
            floors = zscore_floors(dense, lexical, k)
            return Retrieval(dense, lexical, zscore([dense, lexical], weights, self.row_doc, floors))
        combine = weighted if fusion == "weighted" else rrf
        return Retrieval(dense, lexical, combine([dense, lexical], weights))

    def vocabulary(self) -> Mapping[str, Any]:
        return self.bm25.vocab_dict

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """Read off the BM25 index's term columns."""
        indptr = self.bm25.scores["indptr"]
        vocab = self.bm25.vocab_dict
        return [int(indptr[vocab[t] + 1] - indptr[vocab[t]]) for t in terms if t in vocab]

    def fetch_chunks(self, rows: Sequence[int]) -> dict[int, tuple[Chunk, int | None]]:
        return store.fetch_chunks(self.conn, rows)

    def documents(self) -> list[dict[str, Any]]:
        return store.document_rows(self.conn)
