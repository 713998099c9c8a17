"""Starting the app: the model and the index are ready before the first question."""

from __future__ import annotations

import logging
import shutil

from praktyki import Settings, messages
from praktyki.ui.app import prepare

from .conftest import CORPUS, MODEL_CACHE


def test_prepare_loads_model_and_index_before_serving(
    fake_sample_index, fake_model, tmp_path, caplog
):
    index_dir = tmp_path / "index"
    shutil.copytree(fake_sample_index, index_dir)
    settings = Settings(index_dir=index_dir, corpus_dir=CORPUS, data_dir=MODEL_CACHE)
    with caplog.at_level(logging.INFO):
        engine = prepare(settings)
    assert engine._encoder is fake_model
    assert engine._version is not None
    assert "serwer przyjmuje pytania" in caplog.text


def test_every_indexing_step_has_a_polish_name(tmp_path):
    from praktyki import Engine

    from .fakes import HashEncoder

    stages: set[str] = set()
    engine = Engine(
        Settings(index_dir=tmp_path / "index", corpus_dir=CORPUS, data_dir=MODEL_CACHE),
        HashEncoder(),
    )
    engine.index(progress=lambda stage, done, total: stages.add(stage))
    assert stages == {"load", "embed", "sentences"}
    names = {messages.index_step(s) for s in stages}
    assert names == {
        "Wczytywanie raportów",
        "Obliczanie wektorów fragmentów",
        "Obliczanie wektorów zdań",
    }
