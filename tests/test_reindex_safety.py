"""No downtime, no loss: a killed indexer leaves the old index serving; chat runs during reindex."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from praktyki import Engine, Settings
from praktyki.index import current_version

from .conftest import CORPUS, MODEL_CACHE


def _many_reports(corpus, n):
    for i in range(n):
        (corpus / f"nowy-{i:03d}.txt").write_text(
            f"Raport {i}\n\nSpółdzielnia socjalna numer {i} prowadzi pracownię stolarską "
            f"i zatrudnia {i + 3} osoby w gminie Wola {i}. " * 6,
            encoding="utf-8",
        )


def test_indexer_killed_mid_run_leaves_old_index_and_next_run_completes(
    tmp_path, writable_index, encoder
):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    _many_reports(corpus, 40)
    before = current_version(writable_index)
    env = {**os.environ, "PRAKTYKI_DATA_DIR": str(MODEL_CACHE), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "praktyki",
            "index",
            "--corpus",
            str(corpus),
            "--index",
            str(writable_index),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not list(writable_index.glob(".tmp-*/meta.sqlite")):
        time.sleep(0.05)
    assert list(writable_index.glob(".tmp-*")), "the indexer never started writing"
    time.sleep(1.0)  # well inside embedding
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    assert current_version(writable_index) == before
    settings = Settings(index_dir=writable_index, corpus_dir=corpus, data_dir=MODEL_CACHE)
    engine = Engine(settings, encoder)
    assert engine.search("kino studyjne w Łodzi").hits[0].chunk.doc_id == "2017/kielce-lodzkie"

    report = engine.index()
    assert len(report.added) == 40
    assert not list(writable_index.glob(".tmp-*"))
    assert (
        engine.search("pracownia stolarska spółdzielni numer 7 w gminie Wola 7")
        .hits[0]
        .chunk.doc_id.startswith("nowy-")
    )


def test_chat_is_answered_throughout_a_reindex(tmp_path, fake_writable_index):
    from .fakes import HashEncoder

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    settings = Settings(index_dir=fake_writable_index, corpus_dir=corpus, data_dir=MODEL_CACHE)
    engine = Engine(settings, HashEncoder())
    old = engine.version.name
    failures: list[BaseException] = []
    builder = threading.Thread(target=lambda: engine.index(rebuild=True))
    builder.start()
    answered = 0
    while builder.is_alive():
        try:
            answer = engine.ask("Która spółdzielnia socjalna prowadzi kino w Łodzi?")
            assert answer.citations[0].hit.chunk.doc_id == "2017/kielce-lodzkie"
            answered += 1
        except BaseException as exc:
            failures.append(exc)
    builder.join()
    assert not failures
    assert answered >= 3
    assert engine.version.name != old
    assert (
        engine.ask("Która spółdzielnia socjalna prowadzi kino w Łodzi?")
        .citations[0]
        .hit.chunk.doc_id
        == "2017/kielce-lodzkie"
    )


# -- a damaged live version ---------------------------------------------------------------------


def _two_versions(tmp_path):
    """An index whose live version knows report c, and an intact older one that does not."""
    from .fakes import HashEncoder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Raport A\n\nSpółdzielnia socjalna prowadzi piekarnię w Radomiu.")
    (corpus / "b.txt").write_text("Raport B\n\nStowarzyszenie prowadzi hostel w Zakopanem.")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d")
    Engine(settings, HashEncoder()).index()
    (corpus / "c.txt").write_text("Raport C\n\nFundacja prowadzi myjnię samochodową w Płocku.")
    Engine(settings, HashEncoder()).index()
    return settings, current_version(settings.index_dir)


def _damage(version, how):
    if how == "meta.sqlite overwritten":
        (version / "meta.sqlite").write_bytes(b"to nie jest baza danych " * 200)
    elif how == "dense.faiss truncated":
        data = (version / "dense.faiss").read_bytes()
        (version / "dense.faiss").write_bytes(data[: len(data) // 2])
    elif how == "manifest.json garbled":
        (version / "manifest.json").write_bytes(b"\x00{garbage")
    else:  # one byte flipped: only the checksum sees it
        data = bytearray((version / "sentence_vectors.npy").read_bytes())
        data[-5] ^= 0xFF
        (version / "sentence_vectors.npy").write_bytes(bytes(data))


DAMAGE = [
    "meta.sqlite overwritten",
    "dense.faiss truncated",
    "manifest.json garbled",
    "sentence_vectors.npy bit flip",
]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_live_version_falls_back_and_index_repairs_it(tmp_path, monkeypatch, how):
    from click.testing import CliRunner

    from praktyki.cli import cli

    from .fakes import HashEncoder

    settings, live = _two_versions(tmp_path)
    running = Engine(settings, HashEncoder())
    assert running.ask("myjnia samochodowa fundacji w Płocku").citations[0].hit.chunk.doc_id == "c"
    _damage(live, how)

    restarted = Engine(settings, HashEncoder())
    for engine in (running, restarted):
        answer = engine.ask("piekarnia spółdzielni socjalnej w Radomiu")
        assert answer.citations[0].hit.chunk.doc_id == "a"
    assert restarted.fallback is not None
    assert restarted.fallback.broken == live.name
    assert restarted.fallback.serving != live.name
    assert "c" not in restarted.version.infos  # the older version answers
    if how != "manifest.json garbled":  # a running engine keeps the manifest it read
        assert running.fallback is not None and running.fallback.broken == live.name

    monkeypatch.setattr("praktyki.embed.Encoder", lambda _settings: HashEncoder())
    result = CliRunner().invoke(
        cli,
        ["index", "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir),
         "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["repaired"] == [live.name]
    assert not live.exists()
    for engine in (running, restarted):
        assert engine.fallback is None
        answer = engine.ask("myjnia samochodowa fundacji w Płocku")
        assert answer.citations[0].hit.chunk.doc_id == "c"


def test_only_version_damaged_is_reported_and_rebuilt_at_start(tmp_path, monkeypatch):
    from praktyki.errors import IndexCorrupt
    from praktyki.messages import describe_error
    from praktyki.ui.app import prepare

    from .fakes import HashEncoder

    settings, live = _two_versions(tmp_path)
    older = [p for p in settings.index_dir.glob("v-*") if p != live]
    shutil.rmtree(older[0])
    _damage(live, "meta.sqlite overwritten")
    with pytest.raises(IndexCorrupt) as caught:
        Engine(settings, HashEncoder()).ask("piekarnia w Radomiu")
    assert "uszkodzony" in describe_error(caught.value)

    monkeypatch.setattr("praktyki.embed.Encoder", lambda _settings: HashEncoder())
    engine = prepare(settings)
    assert engine.fallback is None
    assert engine.ask("myjnia samochodowa w Płocku").citations[0].hit.chunk.doc_id == "c"


def test_a_pointer_left_by_a_crash_before_the_swap_is_removed(tmp_path):
    from .fakes import HashEncoder

    settings, _ = _two_versions(tmp_path)
    leftover = settings.index_dir / ".current.0123456789abcdef"
    leftover.write_text("v-nothing", "utf-8")
    Engine(settings, HashEncoder()).index()
    assert not leftover.exists()
