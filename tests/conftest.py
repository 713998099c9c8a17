"""Shared fixtures: the real model, a real index of the sample corpus built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from praktyki import Engine, Settings
from praktyki.config import _default_data_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV_QUESTIONS = ROOT / "tests" / "data" / "dev_questions.jsonl"
# The converted default model is a user cache shared with the app, so the suite builds it at
# most once per machine rather than once per test.
MODEL_CACHE = Path(os.environ.get("PRAKTYKI_TEST_DATA_DIR") or _default_data_dir())

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's .env or writes the repository's index/."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PRAKTYKI_DATA_DIR", str(MODEL_CACHE))
    monkeypatch.setenv("PRAKTYKI_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("PRAKTYKI_CORPUS_DIR", str(CORPUS))


@pytest.fixture(scope="session")
def encoder():
    from praktyki.embed import Encoder

    return Encoder(Settings(data_dir=MODEL_CACHE))


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    index_dir = tmp_path_factory.mktemp("sample-index")
    Engine(Settings(index_dir=index_dir, corpus_dir=CORPUS, data_dir=MODEL_CACHE), encoder).index()
    return index_dir


@pytest.fixture(scope="session")
def engine(sample_index: Path, encoder) -> Engine:
    """Read-only engine over the sample corpus index; tests that write use ``writable_index``."""
    return Engine(
        Settings(index_dir=sample_index, corpus_dir=CORPUS, data_dir=MODEL_CACHE), encoder
    )


@pytest.fixture
def writable_index(sample_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index-copy"
    shutil.copytree(sample_index, copy)
    return copy


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test module (Playwright's sync API allows one)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing; .ci/run must install it")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()
