"""The fast tier stays fast and honest: the real model is out of its reach, and the fake encoder
that stands in for it is a deterministic function of the text."""

from __future__ import annotations

import numpy as np
import pytest

from praktyki import Settings

from .conftest import MODEL_CACHE, RealModelInFastTest
from .fakes import HashEncoder


def test_a_test_not_marked_slow_cannot_load_the_real_model():
    from praktyki.embed import Encoder

    with pytest.raises(RealModelInFastTest, match="not marked slow"):
        Encoder(Settings(data_dir=MODEL_CACHE))


def test_tests_using_the_real_model_or_the_app_are_slow(request):
    slow = {"encoder", "sample_index", "engine", "writable_index", "server", "browser", "page"}
    assert not slow & set(request.node.fixturenames)
    assert request.node.get_closest_marker("slow") is None
    for item in request.session.items:
        if slow & set(item.fixturenames):
            assert item.get_closest_marker("slow"), item.nodeid


def test_the_fake_encoder_is_a_deterministic_function_of_the_text():
    fake = HashEncoder()
    texts = ["Spółdzielnia socjalna prowadzi piekarnię", "hostel stowarzyszenia w górach", ""]
    first, again = fake.encode_document(texts), HashEncoder().encode_query(texts)
    assert first.shape == (3, fake.dimension) and first.dtype == np.float32
    assert np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0)
    assert not first[2].any()
    query = fake.encode_query(["piekarnię prowadzi spółdzielnia"])[0]
    assert query @ first[0] > query @ first[1]
