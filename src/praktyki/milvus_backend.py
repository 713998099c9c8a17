"""The Milvus backend: each index version's passages in one Milvus collection, searched there.

A passage is one entity: chunk id (primary key), its row in the version, report id, the report's
regions, year and organisation types for filtering, the folded lemmas BM25 sees (a text field with
a whitespace analyzer feeding Milvus' BM25 function into a sparse vector) and its 384-d vector
(inner product). Dense and lexical searches both carry the filter expression; their rankings are
fused here as ``fuse.zscore`` fuses them, or, with ``PRAKTYKI_FUSION=rrf``, by Milvus'
``hybrid_search`` with reciprocal rank fusion, k = 60, as ``fuse.rrf``.

The live version is the collection an alias points at, where the server has aliases; milvus-lite
has none, so there a one-row record collection names it. Either is read at every question, so a
reindex made through one app replica is seen by all the others at their next question.

The version's metadata (reports, passages, sentences and their vectors) stays in its directory
beside the manifest, as with the embedded backend: replicas share the index folder.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import store, versions
from .backend import Fusion, Passage, Ranked, Retrieval, Weigh
from .config import Settings
from .errors import IndexCorrupt, SearchUnavailable
from .filters import Filters
from .fuse import RRF_K, rrf, weighted, zscore, zscore_floors
from .normalize import fold
from .types import Chunk, DocInfo

log = logging.getLogger(__name__)

VOCABULARY = "vocabulary.json"  # term -> passages containing it, for idf and known terms
LIVE = "live"  # the alias suffix and the record's key
MAX_TEXT_BYTES = 65_535  # Milvus' longest VARCHAR
INSERT_BATCH = 1000
QUERY_BATCH = 10_000  # under Milvus' 16 384 results a query
# bm25s' defaults (method "lucene"), so both backends rank words alike.
BM25_K1 = 1.5
BM25_B = 0.75
IVF_NLIST = 128
IVF_NPROBE = 32  # a quarter of the lists: approximate, unlike FLAT

_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()
_has_aliases: dict[str, bool] = {}  # per Milvus URI, once learned: milvus-lite has none


def client_for(uri: str, token: str = "", timeout: float | None = None) -> Any:
    """One client per Milvus per process: milvus-lite lets one process open a file once.
    Raises SearchUnavailable when Milvus cannot be reached; the calls that answer a question
    give up after ``timeout`` seconds."""
    from pymilvus import MilvusClient

    if "://" not in uri:  # a milvus-lite file
        path = Path(uri).expanduser().absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        uri = str(path)
    with _clients_lock:
        if (uri, token) not in _clients:
            with _unavailable(uri):
                client = MilvusClient(uri=uri, token=token, timeout=timeout)
                _clients[(uri, token)] = _Guarded(client, uri, timeout)
        return _clients[(uri, token)]


@contextlib.contextmanager
def _unavailable(uri: str) -> Iterator[None]:
    """A Milvus that cannot be reached (down, or past the timeout) becomes one error the app
    words for users; a refused request ("alias not found") stays pymilvus' own error."""
    from pymilvus.exceptions import MilvusException

    try:
        yield
    except MilvusException as exc:
        message = str(getattr(exc, "message", exc))
        if _unreachable(exc, message):
            raise SearchUnavailable(_public(uri), message) from exc
        raise


def _unreachable(exc: BaseException, message: str) -> bool:
    import grpc

    cause = exc.__cause__
    if isinstance(cause, grpc.RpcError) and cause.code() in (
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
    ):
        return True
    return any(m in message for m in ("Fail connecting", "Retry timeout", "Retry run out"))


def _public(uri: str) -> str:
    """The address without credentials, fit for a log or a message."""
    scheme, sep, rest = uri.partition("://")
    return f"{scheme}{sep}{rest.rpartition('@')[2]}" if sep else uri


# What answering a question asks of Milvus: these give up after the timeout, where pymilvus
# alone retries a stopped server 75 times (3.5 minutes here) before saying so.
_READS = frozenset(
    {"search", "hybrid_search", "query", "has_collection", "describe_alias", "describe_collection"}
)


class _Guarded:
    """A MilvusClient whose calls raise SearchUnavailable when Milvus cannot be reached, and
    whose reads on a question's path give up after the timeout."""

    def __init__(self, client: Any, uri: str, timeout: float | None) -> None:
        self._client, self._uri, self._timeout = client, uri, timeout

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute
        # pymilvus's retry loop honours only an int timeout; a float means "retry 75 times".
        timeout = math.ceil(self._timeout) if self._timeout and name in _READS else None

        def call(*args: Any, **kwargs: Any) -> Any:
            if timeout is not None:
                kwargs.setdefault("timeout", timeout)
            with _unavailable(self._uri):
                return attribute(*args, **kwargs)

        return call


class _QuietProbe(logging.Filter):
    """pymilvus logs an ERROR for each refused call; asking whether the server has aliases
    (milvus-lite has none) is no error. Only the asking thread is quietened: other questions
    running at the same time keep their logs."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(self.local, "quiet", False)


_QUIET = _QuietProbe()
logging.getLogger("pymilvus.decorators").addFilter(_QUIET)


@contextlib.contextmanager
def _quiet_probe() -> Iterator[None]:
    _QUIET.local.quiet = True
    try:
        yield
    finally:
        _QUIET.local.quiet = False


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def expression(filters: Filters | None) -> str:
    """The filter expression admitting exactly what ``filters.matches`` admits."""
    if filters is None or not filters.active():
        return ""
    parts = []
    if filters.doc_ids:
        parts.append(f"doc_id in [{', '.join(_quoted(d) for d in filters.doc_ids)}]")
    if filters.region:
        parts.append(f"array_contains(regions, {_quoted(fold(filters.region))})")
    if filters.org_type:
        parts.append(f"array_contains(org_types, {_quoted(fold(filters.org_type))})")
    # year 0 stands for an undated report, which no year limit admits.
    if filters.year_from is not None:
        parts.append(f"(year != 0 and year >= {int(filters.year_from)})")
    if filters.year_to is not None:
        parts.append(f"(year != 0 and year <= {int(filters.year_to)})")
    return " and ".join(parts)


def _truncated(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= MAX_TEXT_BYTES:
        return text
    return data[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore")


class MilvusBackend:
    name = "milvus"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.prefix = settings.milvus_collection
        self._versions: dict[str, str] = {}  # collection -> version name, learned from Milvus

    @property
    def client(self) -> Any:
        token = self.settings.milvus_token
        return client_for(
            self.settings.milvus_uri,
            token.get_secret_value() if token else "",
            self.settings.milvus_timeout,
        )

    @property
    def _aliases(self) -> bool | None:
        if "://" not in self.settings.milvus_uri:
            return False  # embedded milvus-lite: no aliases, and no need to ask
        return _has_aliases.get(self.settings.milvus_uri)

    @_aliases.setter
    def _aliases(self, value: bool) -> None:
        _has_aliases[self.settings.milvus_uri] = value

    def collection(self, name: str) -> str:
        return f"{self.prefix}_{name}".replace("-", "_")

    def writer(self, out: Path, name: str, dimension: int) -> MilvusWriter:
        return MilvusWriter(self.client, self.collection(name), name, out, dimension, self.settings)

    def open(
        self,
        version_dir: Path,
        manifest: Mapping[str, Any],
        conn: Any,
        row_doc: np.ndarray,
        doc_ids: Sequence[str],
        infos: Mapping[str, DocInfo],
    ) -> MilvusSearch:
        collection = str(manifest.get("collection") or self.collection(version_dir.name))
        if not self.client.has_collection(collection):
            raise IndexCorrupt(version_dir, f"Milvus has no collection {collection}")
        self.client.load_collection(collection)
        vocabulary = json.loads((version_dir / VOCABULARY).read_text("utf-8"))
        dense: dict[str, Any] = {"metric_type": "IP"}
        kind = (manifest.get("dense_index") or {}).get("kind")
        if kind == "hnsw":
            dense["params"] = {"ef": self.settings.milvus_hnsw_ef}
        elif kind == "ivf_flat":
            dense["params"] = {"nprobe": IVF_NPROBE}
        return MilvusSearch(self.client, collection, conn, vocabulary, row_doc, dense)

    def stored_vectors(self, version_dir: Path, manifest: Mapping[str, Any]) -> np.ndarray | None:
        """Read back from the version's collection, so the version directory holds no copy."""
        collection = str(manifest.get("collection") or self.collection(version_dir.name))
        total = int(manifest.get("chunks") or 0)
        matrix = np.zeros((total, int(manifest["dimension"])), np.float32)
        seen = 0
        try:
            self.client.load_collection(collection)
            for start in range(0, total, QUERY_BATCH):
                found = self.client.query(
                    collection,
                    filter=f"row >= {start} and row < {start + QUERY_BATCH}",
                    output_fields=["row", "vector"],
                    limit=QUERY_BATCH,
                )
                for entity in found:
                    matrix[int(entity["row"])] = entity["vector"]
                seen += len(found)
        except Exception as exc:  # any failure only costs embedding again
            log.warning("Could not read the vectors of %s back: %s", collection, exc)
            return None
        return matrix if seen == total else None

    # -- which version is live ----------------------------------------------------------------
    @property
    def alias(self) -> str:
        return f"{self.prefix}_{LIVE}"

    @property
    def record(self) -> str:
        return f"{self.prefix}_{LIVE}_version"

    def activate(self, index_dir: Path, name: str) -> None:
        # The version directory's own pointer too, so the folder describes itself.
        versions.swap_pointer(index_dir, name)
        collection = self.collection(name)
        if self._try_alias(collection):
            return
        self._ensure_record()
        self.client.upsert(self.record, [{"key": LIVE, "version": name, "v": [0.0, 0.0]}])

    def _try_alias(self, collection: str) -> bool:
        if self._aliases is False:
            return False
        try:
            with _quiet_probe():
                try:
                    self.client.alter_alias(collection, self.alias)
                except SearchUnavailable:
                    raise
                except Exception:  # the alias does not exist yet
                    self.client.create_alias(collection, self.alias)
        except SearchUnavailable:
            raise
        except Exception as exc:  # milvus-lite: UNIMPLEMENTED
            log.info("Milvus has no collection aliases (%s); using a version record", exc)
            self._aliases = False
            return False
        self._aliases = True
        return True

    def _ensure_record(self) -> None:
        from pymilvus import DataType

        if self.client.has_collection(self.record):
            return
        schema = self.client.create_schema(auto_id=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=16)
        schema.add_field("version", DataType.VARCHAR, max_length=256)
        schema.add_field("v", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector field
        index = self.client.prepare_index_params()
        index.add_index("v", index_type="FLAT", metric_type="L2")
        self.client.create_collection(self.record, schema=schema, index_params=index)

    def active(self, index_dir: Path) -> str | None:
        if self._aliases is not False:
            found = self._aliased()
            if found is not None or self._aliases:
                return found
        if not self.client.has_collection(self.record):
            return None
        rows = self.client.query(self.record, filter=f'key == "{LIVE}"', output_fields=["version"])
        return str(rows[0]["version"]) if rows else None

    def _aliased(self) -> str | None:
        try:
            with _quiet_probe():
                collection = self.client.describe_alias(self.alias)["collection_name"]
        except SearchUnavailable:
            raise  # a server that is down is no server without aliases
        except Exception as exc:
            if "UNIMPLEMENTED" in str(exc) or "unimplemented" in str(exc).lower():
                self._aliases = False
            return None
        self._aliases = True
        if collection not in self._versions:
            described = self.client.describe_collection(collection)
            self._versions[collection] = str(described.get("description") or "")
        return self._versions[collection] or None

    def retire(self, keep: set[str]) -> None:
        kept = {self.collection(name) for name in keep}
        start = f"{self.prefix}_v_"
        for collection in self.client.list_collections():
            if collection.startswith(start) and collection not in kept:
                self.client.drop_collection(collection)


class MilvusWriter:
    """Creates the version's collection, inserts report by report, and flushes at the end."""

    takes_rows = False  # each entity carries its report's fields for filtering

    def add_rows(self, terms: Sequence[str], matrix: np.ndarray) -> None:
        raise NotImplementedError("the Milvus writer takes passages report by report")

    def __init__(
        self, client: Any, collection: str, name: str, out: Path, dimension: int, settings: Settings
    ) -> None:
        self.client = client
        self.collection = collection
        self.out = out
        self.index_type = settings.milvus_index_type
        self.inverted = settings.milvus_inverted_indexes
        self.terms: dict[str, Counter[str]] = {}  # per report: passages holding each term
        if client.has_collection(collection):  # left by a build killed after creating it
            client.drop_collection(collection)
        client.create_collection(
            collection,
            schema=_schema(client, dimension),
            index_params=_index_params(client, self.index_type, self.inverted),
            description=name,
        )

    def add_report(self, info: DocInfo, passages: Sequence[Passage]) -> None:
        rows = [_entity(info, p) for p in passages]
        for start in range(0, len(rows), INSERT_BATCH):
            self.client.insert(self.collection, rows[start : start + INSERT_BATCH])
        self.terms[info.doc_id] = Counter(t for p in passages for t in set(p.terms))

    def replace_report(self, info: DocInfo, passages: Sequence[Passage]) -> None:
        """Upsert the report's passages by chunk id; passages it no longer has go."""
        kept = {p.chunk.chunk_id for p in passages}
        old = self.client.query(
            self.collection, filter=f"doc_id == {_quoted(info.doc_id)}", output_fields=["chunk_id"]
        )
        gone = [r["chunk_id"] for r in old if r["chunk_id"] not in kept]
        if gone:
            self.client.delete(self.collection, ids=gone)
        rows = [_entity(info, p) for p in passages]
        for start in range(0, len(rows), INSERT_BATCH):
            self.client.upsert(self.collection, rows[start : start + INSERT_BATCH])
        self.terms[info.doc_id] = Counter(t for p in passages for t in set(p.terms))

    def delete_report(self, doc_id: str) -> None:
        self.client.delete(self.collection, filter=f"doc_id == {_quoted(doc_id)}")
        self.terms.pop(doc_id, None)

    def finish(self) -> dict[str, Any]:
        self.client.flush(self.collection)
        self.client.load_collection(self.collection)
        vocabulary: Counter[str] = Counter()
        for counts in self.terms.values():
            vocabulary.update(counts)
        (self.out / VOCABULARY).write_text(
            json.dumps(dict(sorted(vocabulary.items())), ensure_ascii=False), "utf-8"
        )
        return {
            "backend": "milvus",
            "collection": self.collection,
            "dense_index": {"kind": self.index_type.lower(), "metric": "IP"},
        }

    def abort(self) -> None:
        try:
            self.client.drop_collection(self.collection)
        except Exception as exc:  # the build's own error matters more
            log.warning("Could not drop %s after a failed build: %s", self.collection, exc)


def _schema(client: Any, dimension: int) -> Any:
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False)
    schema.add_field("chunk_id", DataType.VARCHAR, is_primary=True, max_length=1024)
    schema.add_field("row", DataType.INT64)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=1024)
    for number in ("ordinal", "start", "end", "page", "year"):  # page 0, year 0: none
        schema.add_field(number, DataType.INT64)
    schema.add_field("text", DataType.VARCHAR, max_length=MAX_TEXT_BYTES)
    for name in ("regions", "org_types"):
        schema.add_field(
            name, DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=64, max_length=128
        )
    schema.add_field(
        "terms",
        DataType.VARCHAR,
        max_length=MAX_TEXT_BYTES,
        enable_analyzer=True,
        analyzer_params={"tokenizer": "whitespace"},  # the lemmas are folded already
    )
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
    schema.add_function(
        Function(
            name="bm25",
            function_type=FunctionType.BM25,
            input_field_names=["terms"],
            output_field_names=["sparse"],
        )
    )
    return schema


def _index_params(client: Any, index_type: str, inverted: bool) -> Any:
    params = client.prepare_index_params()
    vector_params = {"nlist": IVF_NLIST} if index_type == "IVF_FLAT" else {}
    if index_type == "HNSW":
        vector_params = {"M": 32, "efConstruction": 200}
    params.add_index("vector", index_type=index_type, metric_type="IP", params=vector_params)
    params.add_index(
        "sparse",
        index_type="SPARSE_INVERTED_INDEX",
        metric_type="BM25",
        params={"bm25_k1": BM25_K1, "bm25_b": BM25_B},
    )
    if inverted:
        for name in ("doc_id", "year", "regions", "org_types"):
            params.add_index(name, index_type="INVERTED")
    return params


def _entity(info: DocInfo, passage: Passage) -> dict[str, Any]:
    chunk = passage.chunk
    return {
        "chunk_id": chunk.chunk_id,
        "row": passage.row,
        "doc_id": chunk.doc_id,
        "ordinal": chunk.ordinal,
        "start": chunk.start,
        "end": chunk.end,
        "page": passage.page or 0,
        "year": info.year or 0,
        "text": _truncated(chunk.text),
        "regions": sorted({fold(r) for r in (info.regions or (info.region,))})[:64],
        "org_types": sorted({fold(form) for _, form in info.organisations})[:64],
        "terms": _truncated(" ".join(passage.terms)),
        "vector": np.asarray(passage.vector, np.float32).tolist(),
    }


class MilvusSearch:
    def __init__(
        self,
        client: Any,
        collection: str,
        conn: Any,
        vocabulary: dict[str, int],
        row_doc: np.ndarray,
        dense_params: dict[str, Any],
    ) -> None:
        self.client = client
        self.collection = collection
        self.conn = conn
        self._vocabulary = vocabulary
        self.row_doc = row_doc
        self._size = len(row_doc)
        self.dense_params = dense_params

    @property
    def size(self) -> int:
        return self._size

    def _dense_request(self, query_vector: np.ndarray) -> dict[str, Any]:
        return {
            "data": [np.asarray(query_vector, np.float32).reshape(-1).tolist()],
            "anns_field": "vector",
            "param": self.dense_params,
        }

    def dense(self, query_vector: np.ndarray, k: int, filters: Filters | None) -> Ranked:
        request = self._dense_request(query_vector)
        found = self.client.search(
            self.collection,
            data=request["data"],
            anns_field="vector",
            search_params=request["param"],
            limit=min(k, max(self._size, 1)),
            filter=expression(filters),
            output_fields=["row"],
        )
        return _ranked(found)

    def lexical(self, terms: Sequence[str], k: int, filters: Filters | None) -> Ranked:
        if not terms:
            return []
        found = self.client.search(
            self.collection,
            data=[" ".join(terms)],
            anns_field="sparse",
            search_params={"metric_type": "BM25"},
            limit=min(k, max(self._size, 1)),
            filter=expression(filters),
            output_fields=["row"],
        )
        # Equal scores in row order, whatever order the segments returned them in.
        ranked = sorted(_ranked(found), key=lambda item: (-item[1], item[0]))
        return [(row, score) for row, score in ranked if score > 0]

    def fused(
        self,
        query_vector: np.ndarray,
        terms: Sequence[str],
        k: int,
        filters: Filters | None,
        weigh: Weigh,
        fusion: Fusion,
    ) -> Retrieval:
        dense = self.dense(query_vector, k, filters)
        lexical = self.lexical(terms, k, filters)
        weights = weigh(lexical)
        if fusion == "zscore":
            floors = zscore_floors(dense, lexical, k)
            fused = zscore([dense, lexical], list(weights), self.row_doc, floors)
            return Retrieval(dense, lexical, fused)
        if fusion == "weighted" or weights[0] != weights[1] or not terms or not dense:
            # Milvus' RRF takes no weights: a foreign question's lighter lexical list, and
            # score-based fusion, are fused here exactly as fuse.py does.
            combine = weighted if fusion == "weighted" else rrf
            return Retrieval(dense, lexical, combine([dense, lexical], list(weights)))
        return Retrieval(dense, lexical, self._hybrid(query_vector, terms, k, filters, weights[0]))

    def _hybrid(
        self,
        query_vector: np.ndarray,
        terms: Sequence[str],
        k: int,
        filters: Filters | None,
        weight: float,
    ) -> Ranked:
        from pymilvus import AnnSearchRequest, RRFRanker

        where = expression(filters) or None
        limit = min(k, max(self._size, 1))
        dense = self._dense_request(query_vector)
        requests = [
            AnnSearchRequest(dense["data"], "vector", dense["param"], limit, expr=where),
            AnnSearchRequest(
                [" ".join(terms)], "sparse", {"metric_type": "BM25"}, limit, expr=where
            ),
        ]
        found = self.client.hybrid_search(
            self.collection, requests, RRFRanker(RRF_K), limit=2 * limit, output_fields=["row"]
        )
        # Ties broken by row, as fuse.rrf breaks them.
        return sorted(
            ((row, weight * score) for row, score in _ranked(found)),
            key=lambda item: (-item[1], item[0]),
        )

    def vocabulary(self) -> Mapping[str, Any]:
        return self._vocabulary

    def document_frequencies(self, terms: Sequence[str]) -> list[int]:
        return [int(self._vocabulary[t]) for t in terms if t in self._vocabulary]

    def fetch_chunks(self, rows: Sequence[int]) -> dict[int, tuple[Chunk, int | None]]:
        if not rows:
            return {}
        found = self.client.query(
            self.collection,
            filter=f"row in [{', '.join(str(int(r)) for r in rows)}]",
            output_fields=["row", "chunk_id", "doc_id", "ordinal", "text", "start", "end", "page"],
        )
        return {
            int(r["row"]): (
                Chunk(r["chunk_id"], r["doc_id"], r["ordinal"], r["text"], r["start"], r["end"]),
                int(r["page"]) or None,
            )
            for r in found
        }

    def documents(self) -> list[dict[str, Any]]:
        return store.document_rows(self.conn)


def _ranked(found: Any) -> Ranked:
    hits = found[0] if found else []
    return [(int(h["entity"]["row"]), float(h["distance"])) for h in hits]
