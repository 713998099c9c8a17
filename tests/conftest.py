"""Shared fixtures: the real model, a real index of the sample corpus built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from praktyki import Engine, Settings
from praktyki.config import default_data_dir

from .fakes import HashEncoder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV_QUESTIONS = ROOT / "tests" / "data" / "dev_questions.jsonl"
# The converted default model is a user cache shared with the app, so the suite builds it at
# most once per machine rather than once per test.
MODEL_CACHE = Path(os.environ.get("PRAKTYKI_TEST_DATA_DIR") or default_data_dir())

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

# A test that uses one of these fixtures, directly or through another fixture, needs the real
# embedding model (or an index built with it), a served app or Chromium: it belongs to the slow
# tier, which `pytest -m "not slow"` (make test-fast) leaves out and plain `pytest` runs.
REAL_MODEL_FIXTURES = frozenset(
    {"encoder", "sample_index", "engine", "writable_index", "backend_engine", "milvus_engine"}
)
BROWSER_FIXTURES = frozenset({"server", "browser", "page"})
# Fixtures that start Milvus (milvus-lite, in the process or as a server): slow as well.
MILVUS_FIXTURES = frozenset(
    {"backend_engine", "milvus_engine", "fake_milvus_engine", "milvus_server", "milvus_lite"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        backend = getattr(getattr(item, "callspec", None), "params", {}).get("backend_engine")
        if used & MILVUS_FIXTURES and backend != "faiss":
            item.add_marker(pytest.mark.milvus)
            item.add_marker(pytest.mark.slow)
        if used & REAL_MODEL_FIXTURES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


class RealModelInFastTest(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _no_real_model_in_fast_tests(request: pytest.FixtureRequest, monkeypatch) -> None:
    """A fast test that reaches the real model fails at once instead of quietly costing a minute:
    give it tests/fakes.HashEncoder, or mark it slow if it judges retrieval quality."""
    if request.node.get_closest_marker("slow"):
        return

    from praktyki.embed import Encoder

    def refuse(self, settings) -> None:
        raise RealModelInFastTest(
            f"{request.node.nodeid} loads the real embedding model but is not marked slow"
        )

    monkeypatch.setattr(Encoder, "__init__", refuse)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> HashEncoder:
    """Every encoder the code under test makes itself (CLI commands, app start-up) is the fake."""
    fake = HashEncoder()
    monkeypatch.setattr("praktyki.embed.Encoder", lambda _settings: fake)
    return fake


@pytest.fixture(scope="session")
def fake_sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus indexed with the fake encoder: for tests that do not judge retrieval."""
    index_dir = tmp_path_factory.mktemp("fake-sample-index")
    settings = Settings(index_dir=index_dir, corpus_dir=CORPUS, data_dir=MODEL_CACHE)
    Engine(settings, HashEncoder()).index()
    return index_dir


@pytest.fixture(scope="session")
def fake_engine(fake_sample_index: Path) -> Engine:
    """Read-only engine over ``fake_sample_index``; tests that write use ``fake_writable_index``."""
    settings = Settings(index_dir=fake_sample_index, corpus_dir=CORPUS, data_dir=MODEL_CACHE)
    return Engine(settings, HashEncoder())


@pytest.fixture
def fake_writable_index(fake_sample_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index-copy"
    shutil.copytree(fake_sample_index, copy)
    return copy


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


def milvus_settings(index_dir: Path, uri: str | Path, **more) -> Settings:
    """Settings of an index searched in Milvus; its collections named after the index folder,
    so that several indexes share one Milvus."""
    prefix = "t_" + "".join(c if c.isalnum() else "_" for c in Path(index_dir).name)
    return Settings(
        index_dir=index_dir,
        corpus_dir=more.pop("corpus_dir", CORPUS),
        data_dir=MODEL_CACHE,
        backend="milvus",
        milvus_uri=str(uri),
        milvus_collection=prefix,
        **more,
    )


@pytest.fixture(scope="session")
def milvus_lite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedded milvus-lite file for the session (one process may open it once)."""
    return tmp_path_factory.mktemp("milvus") / "tests.db"


@pytest.fixture(scope="session")
def milvus_engine(sample_index: Path, encoder, milvus_lite: Path, tmp_path_factory) -> Engine:
    """The sample index searched in Milvus. Built from a copy of the embedded index, so its
    passage and sentence vectors are reused, not embedded again."""
    index_dir = tmp_path_factory.mktemp("milvus-sample-index")
    shutil.rmtree(index_dir)
    shutil.copytree(sample_index, index_dir)
    engine = Engine(milvus_settings(index_dir, milvus_lite), encoder)
    engine.index()
    return engine


@pytest.fixture(scope="session", params=["faiss", "milvus"])
def backend_engine(request: pytest.FixtureRequest) -> Engine:
    """The sample corpus engine on each search backend: retrieval tests run against both."""
    return request.getfixturevalue("engine" if request.param == "faiss" else "milvus_engine")


@pytest.fixture(scope="session")
def fake_milvus_engine(
    fake_sample_index: Path, milvus_lite: Path, tmp_path_factory: pytest.TempPathFactory
) -> Engine:
    """The fake-encoder sample index searched in Milvus, for tests of the backend itself."""
    index_dir = tmp_path_factory.mktemp("fake-milvus-index")
    shutil.rmtree(index_dir)
    shutil.copytree(fake_sample_index, index_dir)
    engine = Engine(milvus_settings(index_dir, milvus_lite), HashEncoder())
    engine.index()
    return engine


@pytest.fixture
def writable_index(sample_index: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index-copy"
    shutil.copytree(sample_index, copy)
    return copy


# The browser fixtures live apart; imported here so that one server serves every test module.
from .ui_fixtures import browser, page, server  # noqa: E402, F401
