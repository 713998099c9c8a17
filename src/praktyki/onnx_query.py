"""Questions embedded by ONNX Runtime: the sentence-transformers model exported once, checked
against itself, then run without torch.

A question is a dozen tokens, so torch spends most of its ~30 ms in Python between small
operators, holding the interpreter lock that every other chat request needs too. ONNX Runtime
runs the whole graph in C++ with the lock released, in ~12 ms, and several questions run at
once on several cores. Passages stay with torch: in batches both runtimes take the same time.
(sentence-transformers' own ``backend="onnx"`` needs optimum-onnx, which pins transformers 4.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .hub import cached_file

log = logging.getLogger(__name__)

FORMAT = 1
# The export is kept only when it embeds these as torch does: diacritics, English, a list,
# and a text longer than the model's window (truncation must match too).
PROBES = (
    "Ile osób zatrudnia Spółdzielnia Socjalna „Żółty Kąt” w Łodzi?",
    "kto zalozyl fundacje w lublinie",
    "Which social cooperative runs a catering business?",
    "CIS, KIS, ZAZ i WTZ: przykłady z 2019 r. (woj. śląskie)",
    " ".join(["spółdzielnia socjalna prowadzi kawiarnię i catering dla szkół"] * 80),
)
MIN_COSINE = 0.9999


class QueryModel:
    """An exported model: ``encode`` gives unit-length float32 vectors for questions, equal
    (cosine ≥ 0.9999) to what the sentence-transformers model gives, and is thread-safe."""

    def __init__(self, folder: Path, threads: int) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        self.dimension = int(meta["dimension"])
        self.prompt = str(meta["prompt"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(meta["max_length"]))
        self._tokenizer.enable_padding(pad_id=int(meta["pad_id"]))
        # The tokenizer's Rust object refuses a second caller while it is borrowed.
        self._tokenize_lock = threading.Lock()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._tokenize_lock:
            encodings = self._tokenizer.encode_batch([self.prompt + t for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (hidden,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        weights = mask[..., None].astype(np.float32)
        mean = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        return np.ascontiguousarray(mean / np.maximum(norms, 1e-12), dtype=np.float32)


def folder_for(data_dir: Path, model_path: str) -> Path:
    """One export per model and weights: a new conversion or another model gets its own."""
    return data_dir / "onnx" / _fingerprint(model_path)


def _fingerprint(model_path: str) -> str:
    path = Path(model_path)
    stamp: list[Any] = [FORMAT, model_path]
    if not path.is_dir():  # a model from the Hugging Face cache: its snapshot names its revision
        config = cached_file(model_path, "config.json")
        path = config.parent if config else path
    if path.is_dir():
        for name in ("model.safetensors", "pytorch_model.bin", "tokenizer.json"):
            with contextlib.suppress(OSError):
                info = (path / name).stat()
                stamp += [name, info.st_size, info.st_mtime_ns]
    return hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:16]


def open_exported(folder: Path, threads: int) -> QueryModel | None:
    if not (folder / "meta.json").is_file():
        return None
    try:
        return QueryModel(folder, threads)
    except Exception as exc:  # a damaged export is made again, never fatal
        log.warning("ONNX query model in %s unusable (%s); exporting again", folder, exc)
        return None


def export(model: Any, folder: Path, threads: int) -> QueryModel | None:
    """Export ``model`` (a SentenceTransformer) to ``folder`` and return it opened, or None
    when the model is not a plain transformer with mean pooling or the export embeds
    differently; the caller then embeds questions with torch."""
    plan = _plan(model)
    if plan is None:
        _reject(folder, "not a transformer with mean pooling")
        return None
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in folder.parent.glob(f".{folder.name}.*"):  # a killed export's half-written copy
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        _write(model, plan, work)
        exported = QueryModel(work, threads)
        probes = [p.strip() for p in PROBES]
        expected = model.encode_query(probes, normalize_embeddings=True, convert_to_numpy=True)
        cosines = (exported.encode(probes) * expected).sum(axis=1)
        if float(cosines.min()) < MIN_COSINE:
            log.warning("ONNX export embeds differently (cosine %.5f); using torch", cosines.min())
            _reject(folder, f"cosine to torch {float(cosines.min()):.5f}")
            return None
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(folder)
        os.replace(work, folder)
    except Exception as exc:
        log.warning("ONNX export failed (%s); questions are embedded with torch", exc)
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return exported  # its session and tokenizer are in memory: the move does not touch them


def rejected(folder: Path) -> bool:
    """Whether this model's export was found not to reproduce it: every later start then uses
    torch at once instead of importing it to export again. (A failure such as a full disk is
    not remembered.) Delete the ``.rejected`` file to try again."""
    return _rejection(folder).is_file()


def _rejection(folder: Path) -> Path:
    return folder.parent / f"{folder.name}.rejected"


def _reject(folder: Path, reason: str) -> None:
    with contextlib.suppress(OSError):
        folder.parent.mkdir(parents=True, exist_ok=True)
        _rejection(folder).write_text(reason + "\n", "utf-8")


def _plan(model: Any) -> dict[str, Any] | None:
    """What the export must reproduce, if the model is one it can reproduce."""
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    modules = list(model)
    if not modules or not isinstance(modules[0], Transformer):
        return None
    rest = modules[1:]
    if not rest or not isinstance(rest[0], Pooling) or rest[0].pooling_mode != "mean":
        return None
    if not getattr(rest[0], "include_prompt", True):  # the mean would leave the prompt out
        return None
    if any(not isinstance(m, Normalize) for m in rest[1:]):
        return None
    tokenizer = model.tokenizer
    if getattr(tokenizer, "backend_tokenizer", None) is None or tokenizer.pad_token_id is None:
        return None
    return {
        "prompt": model.prompts.get("query", ""),
        "max_length": int(model.max_seq_length),
        "pad_id": int(tokenizer.pad_token_id),
        "dimension": int(model.get_embedding_dimension()),
        "token_types": "token_type_ids" in tokenizer.model_input_names,
    }


def _write(model: Any, plan: dict[str, Any], folder: Path) -> None:
    import torch

    token_types = bool(plan["token_types"])

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = model[0].auto_model.eval()  # a submodule: weights, not constants

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            extra = {"token_type_ids": torch.zeros_like(input_ids)} if token_types else {}
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, **extra
            ).last_hidden_state

    sample = model.tokenizer([plan["prompt"] + "przykład"], return_tensors="pt")
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
        torch.onnx.export(
            LastHiddenState(),
            (sample["input_ids"], sample["attention_mask"]),
            str(folder / "model.onnx"),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=17,
            dynamo=False,
        )
    model.tokenizer.backend_tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "meta.json").write_text(json.dumps(plan), "utf-8")
