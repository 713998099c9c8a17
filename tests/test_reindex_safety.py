"""No downtime, no loss: a killed indexer leaves the old index serving; chat runs during reindex."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

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


def test_chat_is_answered_throughout_a_reindex(tmp_path, writable_index, encoder):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    engine = Engine(
        Settings(index_dir=writable_index, corpus_dir=corpus, data_dir=MODEL_CACHE), encoder
    )
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
