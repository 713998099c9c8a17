"""Questions asked at once are embedded together, and each gets its own vector back (the torch
runtime; ONNX Runtime runs them side by side, see test_onnx_query.py)."""

import threading

import numpy as np
import pytest

from praktyki import Settings

from .conftest import MODEL_CACHE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def torch_encoder():
    from praktyki.embed import Encoder

    return Encoder(Settings(data_dir=MODEL_CACHE, query_runtime="torch"))


QUESTIONS = [
    "Która spółdzielnia socjalna prowadzi kino w Łodzi?",
    "ile osob zatrudnia zaz w srodzie wielkopolskiej",
    "Which social cooperative runs a cinema?",
    "klauzule społeczne w zamówieniach gminy",
    "Kto założył Centrum Integracji Społecznej?",
    "przykłady spółdzielni prowadzących gastronomię",
]


def test_concurrent_questions_get_the_vectors_they_get_alone(torch_encoder, monkeypatch):
    encoder = torch_encoder
    alone = np.vstack([encoder.encode_query([q]) for q in QUESTIONS])
    passes = []
    model_encode = encoder.model.encode_query

    def counted(texts, **kwargs):
        passes.append(len(texts))
        return model_encode(texts, **kwargs)

    monkeypatch.setattr(encoder.model, "encode_query", counted)
    together: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(QUESTIONS) * 2)

    def ask(i: int) -> None:
        start.wait()
        together[i] = encoder.encode_query([QUESTIONS[i % len(QUESTIONS)]])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(QUESTIONS) * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, vector in together.items():
        assert vector.shape == (1, encoder.dimension)
        # Padding in a batch moves a cosine by float rounding only.
        assert float(vector[0] @ alone[i % len(QUESTIONS)]) > 0.9999
    assert sum(passes) == len(together) and len(passes) < len(together), passes
    assert encoder.encode_query([]).shape == (0, encoder.dimension)


def test_a_failing_batch_fails_every_question_in_it(torch_encoder, monkeypatch):
    encoder = torch_encoder

    def broken(*args, **kwargs):
        raise RuntimeError("model gone")

    monkeypatch.setattr(encoder.model, "encode_query", broken)
    try:
        encoder.encode_query(["pytanie"])
    except RuntimeError as exc:
        assert "model gone" in str(exc)
    else:
        raise AssertionError("the error was swallowed")
    assert encoder._waiting == []


def test_passages_under_bf16_autocast_keep_their_float32_vectors(torch_encoder):
    passages = [q * 12 for q in QUESTIONS]  # passage-length texts
    torch_encoder.bf16_passages = False
    full = torch_encoder.encode_document(passages)
    torch_encoder.bf16_passages = True
    try:
        half = torch_encoder.encode_document(passages)
    finally:
        torch_encoder.bf16_passages = False
    assert not np.array_equal(full, half)  # autocast did run
    assert float((full * half).sum(axis=1).min()) > 0.9999
