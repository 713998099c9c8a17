"""The search-backend seam: what the Engine needs from the store of an index version's passages.

Two implementations: the embedded default (FAISS + bm25s beside the version's SQLite metadata,
``faiss_backend.py``) and Milvus (``milvus_backend.py``). Both keep each version's metadata
(reports, passages, sentences and their vectors) in the version directory; the backend holds
what is searched, returns chunk rows, and knows which version is live.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from .config import Settings
from .filters import Filters
from .types import Chunk, DocInfo

Ranked = list[tuple[int, float]]  # (chunk row, score), best first
Fusion = Literal["zscore", "rrf", "adaptive", "weighted"]
# (dense, lexical) fusion weights for one question, given its lexical ranking.
Weigh = Callable[[Ranked], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage as a backend stores it: its row in the version, what BM25 sees of it (the
    folded lemmas of its title and text) and its unit-length vector."""

    row: int
    chunk: Chunk
    page: int | None
    terms: tuple[str, ...]
    vector: np.ndarray


@dataclass(frozen=True, slots=True)
class Retrieval:
    dense: Ranked
    lexical: Ranked
    fused: Ranked


class PassageWriter(Protocol):
    """Fills the store of one new version, report by report, before it goes live."""

    # Whether the writer takes a whole version at once through ``add_rows`` rather than report
    # by report: at 100k passages, making a Passage of each costs seconds of every reindex.
    takes_rows: bool

    def add_rows(self, terms: Sequence[str], matrix: np.ndarray) -> None:
        """Every passage of the version: ``terms[row]`` its BM25 terms, space-joined, and
        ``matrix[row]`` its vector. Only for writers that take rows."""
        ...

    def add_report(self, info: DocInfo, passages: Sequence[Passage]) -> None: ...

    def replace_report(self, info: DocInfo, passages: Sequence[Passage]) -> None: ...

    def delete_report(self, doc_id: str) -> None: ...

    def finish(self) -> dict[str, Any]:
        """Write what is left; returns what the manifest records about the store."""
        ...

    def abort(self) -> None: ...


class PassageSearch(Protocol):
    """The searchable passages of one opened version. ``filters`` limit every search to the
    reports they admit (region, year range, organisation type, doc ids)."""

    @property
    def size(self) -> int:
        """Passages stored."""
        ...

    def dense(self, query_vector: np.ndarray, k: int, filters: Filters | None) -> Ranked: ...

    def lexical(self, terms: Sequence[str], k: int, filters: Filters | None) -> Ranked: ...

    def fused(
        self,
        query_vector: np.ndarray,
        terms: Sequence[str],
        k: int,
        filters: Filters | None,
        weigh: Weigh,
        fusion: Fusion,
    ) -> Retrieval:
        """Dense and lexical rankings of up to ``k`` passages each and their fusion, as
        ``fuse.py`` fuses them with the weights ``weigh`` gives."""
        ...

    def vocabulary(self) -> Mapping[str, Any]:
        """The lexical index's terms: a question's term outside it matches no passage."""
        ...

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        """In how many passages each known term occurs."""
        ...

    def fetch_chunks(self, rows: Sequence[int]) -> dict[int, tuple[Chunk, int | None]]: ...

    def documents(self) -> list[dict[str, Any]]:
        """One row per indexed report: id, path, title, date, year, region, chunks…"""
        ...


class SearchBackend(Protocol):
    """Makes, opens, switches and retires the stores of index versions."""

    name: str

    def writer(self, out: Path, name: str, dimension: int) -> PassageWriter:
        """A writer for version ``name``, whose directory is being written at ``out``."""
        ...

    def open(
        self,
        version_dir: Path,
        manifest: Mapping[str, Any],
        conn: Any,
        row_doc: np.ndarray,
        doc_ids: Sequence[str],
        infos: Mapping[str, DocInfo],
    ) -> PassageSearch:
        """Open a version's store; ``conn`` is its SQLite metadata, ``row_doc`` the report
        number of each row."""
        ...

    def stored_vectors(self, version_dir: Path, manifest: Mapping[str, Any]) -> np.ndarray | None:
        """The passage vectors of an intact version, by row, for the next build to reuse; None
        when they cannot be had (that build then embeds every passage again)."""
        ...

    def activate(self, index_dir: Path, name: str) -> None:
        """Make version ``name`` the live one for every process reading this index."""
        ...

    def active(self, index_dir: Path) -> str | None:
        """The live version's name, or None before the first build."""
        ...

    def retire(self, keep: set[str]) -> None:
        """Drop the stores of versions other than ``keep``."""
        ...


def backend_for(settings: Settings) -> SearchBackend:
    if settings.backend == "milvus":
        from .milvus_backend import MilvusBackend

        return MilvusBackend(settings)
    from .faiss_backend import FaissBackend

    return FaissBackend(settings)
