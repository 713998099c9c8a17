"""Questions embedded by ONNX Runtime get the vectors torch gives them, side by side from many
threads, and a restarted encoder neither imports torch nor exports again."""

from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np
import pytest

from praktyki import Settings, onnx_query
from praktyki.embed import resolve_model_path

from .conftest import MODEL_CACHE

pytestmark = pytest.mark.slow

QUESTIONS = [
    "Która spółdzielnia socjalna prowadzi kino w Łodzi?",
    "ile osob zatrudnia zaz w srodzie wielkopolskiej",
    "Which social cooperative runs a cinema?",
    "Kto założył Centrum Integracji Społecznej „Przystań”?",
    "  przykłady spółdzielni prowadzących gastronomię  ",
    "Ile kosztował obiad (12,50 zł) w 2021 r.?",
]


def test_questions_get_the_vectors_torch_gives_them(encoder):
    assert encoder._query is not None, "the default encoder embeds questions with ONNX Runtime"
    onnx = encoder.encode_query(QUESTIONS)
    torch_vectors = encoder._run(QUESTIONS, query=True)
    assert onnx.dtype == np.float32 and onnx.shape == (len(QUESTIONS), encoder.dimension)
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert float((onnx * torch_vectors).sum(axis=1).min()) > 0.9999


def test_questions_from_many_threads_each_get_their_own_vector(encoder):
    alone = np.vstack([encoder.encode_query([q]) for q in QUESTIONS])
    got: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(QUESTIONS) * 3)

    def ask(i: int) -> None:
        start.wait()
        got[i] = encoder.encode_query([QUESTIONS[i % len(QUESTIONS)]])[0]

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(QUESTIONS) * 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == len(threads)
    for i, vector in got.items():
        assert float(vector @ alone[i % len(QUESTIONS)]) > 0.99999


def test_a_restarted_encoder_opens_the_export_without_torch(encoder):
    code = (
        "import sys; from pathlib import Path; from praktyki import Settings;"
        "from praktyki.embed import Encoder;"
        f"e = Encoder(Settings(data_dir=Path({str(MODEL_CACHE)!r})));"
        "v = e.encode_query(['Ile osób zatrudnia ZAZ?']);"
        "print(e._query is not None, 'torch' in sys.modules, v.shape)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[0] == "True False (1, 384)", out.stderr[-2000:]


def test_a_damaged_export_is_not_opened(encoder, tmp_path):
    folder = onnx_query.folder_for(MODEL_CACHE, resolve_model_path(Settings(data_dir=MODEL_CACHE)))
    assert (folder / "meta.json").is_file()
    damaged = tmp_path / "export"
    damaged.mkdir()
    for name in ("meta.json", "tokenizer.json"):
        (damaged / name).write_bytes((folder / name).read_bytes())
    (damaged / "model.onnx").write_bytes((folder / "model.onnx").read_bytes()[:100_000])
    assert onnx_query.open_exported(damaged, threads=1) is None
    assert onnx_query.open_exported(tmp_path / "nothing-here", threads=1) is None


def test_an_export_follows_the_model_weights(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"one")
    first = onnx_query.folder_for(tmp_path, str(model))
    (model / "model.safetensors").write_bytes(b"other weights")
    assert onnx_query.folder_for(tmp_path, str(model)) != first
    assert onnx_query.folder_for(tmp_path, "another/model") != first


def test_a_model_without_mean_pooling_is_left_to_torch(encoder, tmp_path):
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(resolve_model_path(Settings(data_dir=MODEL_CACHE)), device="cpu")
    assert onnx_query._plan(model) is not None
    model[1].pooling_mode = "cls"
    assert onnx_query._plan(model) is None
    assert onnx_query.export(model, tmp_path / "export", threads=1) is None
    assert not (tmp_path / "export").exists()
    assert onnx_query.rejected(tmp_path / "export")


def test_an_export_that_embeds_differently_is_refused_and_remembered(tmp_path, monkeypatch):
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(resolve_model_path(Settings(data_dir=MODEL_CACHE)), device="cpu")
    monkeypatch.setattr(onnx_query, "MIN_COSINE", 1.01)  # no export can reach it
    assert onnx_query.export(model, tmp_path / "export", threads=1) is None
    assert not (tmp_path / "export").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["export.rejected"]  # no half-written copy
    assert onnx_query.rejected(tmp_path / "export")


def test_with_a_refused_export_questions_go_to_torch_without_exporting_again(
    encoder, tmp_path, monkeypatch
):
    from praktyki.embed import Encoder

    folder = tmp_path / "onnx" / "refused"
    folder.parent.mkdir()
    (folder.parent / "refused.rejected").write_text("cosine to torch 0.9\n")
    monkeypatch.setattr(onnx_query, "folder_for", lambda *_: folder)

    def never(*args, **kwargs):
        raise AssertionError("a refused export is not tried again")

    monkeypatch.setattr(onnx_query, "export", never)
    fallback = Encoder(Settings(data_dir=MODEL_CACHE))
    assert fallback._query is None
    vectors = fallback.encode_query(QUESTIONS[:2])
    assert float((vectors * encoder.encode_query(QUESTIONS[:2])).sum(axis=1).min()) > 0.9999
