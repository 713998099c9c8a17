"""A reindex reuses unchanged reports (rows, terms, vectors) and ends where a full build would."""

from __future__ import annotations

import json
import shutil
import sqlite3

import faiss
import numpy as np
import pytest

from praktyki import Engine, Settings
from praktyki.index import current_version
from praktyki.load import READERS, read_md

from .conftest import CORPUS, MODEL_CACHE
from .fakes import CountingEncoder, HashEncoder

QUERIES = [
    "kino studyjne w Łodzi",
    "spółdzielnia socjalna remonty budynków gminnych",
    "zrodla finansowania w lodzi",
    "Fundacja prowadzi myjnię",
]


def _engine(corpus, index, encoder=None) -> Engine:
    settings = Settings(corpus_dir=corpus, index_dir=index, data_dir=MODEL_CACHE)
    return Engine(settings, encoder or HashEncoder())


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    # Typed without diacritics: these words' lemmas depend on how the rest of the corpus
    # spells them ("lodzi" is "łodzi" once a report writes it so).
    (corpus / "ascii.txt").write_text(
        "Raport bez polskich liter\n\nW lodzi dzialaja spoldzielnie socjalne, a zrodla ich "
        "finansowania sa rozne. Spoldzielnia w lodzi prowadzi kawiarnie.\n",
        "utf-8",
    )
    return corpus


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]


def _state(index) -> dict:
    """What a version holds, with the parts that name the version or the time left out."""
    version = current_version(index)
    manifest = json.loads((version / "manifest.json").read_text("utf-8"))
    conn = sqlite3.connect(version / "meta.sqlite")
    dense = faiss.read_index(str(version / "dense.faiss"))
    state = {
        "documents": manifest["documents"],
        "chunks": manifest["chunks"],
        "tables": {t: _rows(conn, t) for t in ("documents", "chunks", "sentences")},
        "lexicon": (version / "lexicon.json").read_text("utf-8"),
        "vectors": dense.reconstruct_n(0, dense.ntotal),
        "sentence_vectors": np.load(version / "sentence_vectors.npy"),
        "files": sorted(p.name for p in version.iterdir()),
    }
    conn.close()
    return state


def _same(a: dict, b: dict) -> None:
    for key in ("documents", "chunks", "tables", "lexicon", "files"):
        assert a[key] == b[key], key
    np.testing.assert_array_equal(a["vectors"], b["vectors"])
    np.testing.assert_array_equal(a["sentence_vectors"], b["sentence_vectors"])


def _results(engine: Engine) -> list[list[tuple[str, float]]]:
    return [[(h.chunk.chunk_id, round(h.score, 6)) for h in engine.search(q).hits] for q in QUERIES]


def test_one_changed_report_is_all_that_is_read_and_embedded(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    encoder = CountingEncoder()
    engine = _engine(corpus, tmp_path / "index", encoder)
    engine.index()
    read: list[str] = []

    def counting_md(path):
        read.append(path.name)
        return read_md(path)

    monkeypatch.setitem(READERS, ".md", counting_md)
    changed = corpus / "2017" / "kielce-lodzkie.md"
    changed.write_text(
        changed.read_text("utf-8") + "\nSpółdzielnia otworzyła też pralnię w Łodzi.\n", "utf-8"
    )
    encoder.texts.clear()
    report = engine.index()

    assert read == ["kielce-lodzkie.md"]
    assert report.updated == ["2017/kielce-lodzkie"]
    assert report.unchanged == len(list(corpus.rglob("*.*"))) - 1
    conn = engine.version.conn
    chunks = conn.execute("SELECT text FROM chunks WHERE doc_id = '2017/kielce-lodzkie'")
    sentences = conn.execute("SELECT text FROM sentences WHERE doc_id = '2017/kielce-lodzkie'")
    expected = len(chunks.fetchall()) + len(sentences.fetchall())
    assert len(encoder.texts) == expected  # that report's passages and sentences, nothing else
    assert not (current_version(tmp_path / "index") / "vectors.npy").exists()


def test_reindex_ends_where_a_full_build_does(tmp_path):
    corpus = _corpus(tmp_path)
    engine = _engine(corpus, tmp_path / "index")
    engine.index()
    changed = corpus / "2017" / "kielce-lodzkie.md"
    changed.write_text(changed.read_text("utf-8") + "\nDopisek o pralni.\n", "utf-8")
    (corpus / "2017" / "cis-lask-remonty-budynkow-gminnych.md").unlink()
    # Spelt with diacritics, these change what the unchanged ascii report's words lemmatise to.
    (corpus / "nowy.txt").write_text(
        "Nowy raport\n\nFundacja prowadzi myjnię w Łodzi; źródła jej dochodów są dwa.\n", "utf-8"
    )
    engine.index()
    full = _engine(corpus, tmp_path / "full")
    full.index()

    _same(_state(tmp_path / "index"), _state(tmp_path / "full"))
    assert _results(engine) == _results(full)
    terms = engine.version.conn.execute("SELECT terms FROM chunks WHERE doc_id = 'ascii'")
    assert "lodz" in terms.fetchone()[0].split()  # resolved through the new lexicon


def test_a_file_touched_but_unchanged_is_reused_and_rebuild_redoes_everything(tmp_path):
    corpus = _corpus(tmp_path)
    encoder = CountingEncoder()
    engine = _engine(corpus, tmp_path / "index", encoder)
    first = engine.index()
    total = len(encoder.texts)
    touched = corpus / "ascii.txt"
    touched.write_bytes(touched.read_bytes().replace(b"\n", b"\r\n"))  # other bytes, same text
    encoder.texts.clear()
    again = engine.index()
    assert encoder.texts == []
    assert again.unchanged == len(first.added)
    full = _engine(corpus, tmp_path / "full")
    full.index()
    _same(_state(tmp_path / "index"), _state(tmp_path / "full"))  # the new digest recorded too
    rebuilt = engine.index(rebuild=True)
    assert len(encoder.texts) == total
    assert rebuilt.unchanged == len(first.added)
    assert rebuilt.added == rebuilt.updated == rebuilt.removed == []


@pytest.mark.parametrize("part", ["dense.faiss", "meta.sqlite"])
def test_a_damaged_version_lends_nothing(tmp_path, part):
    corpus = _corpus(tmp_path)
    encoder = CountingEncoder()
    engine = _engine(corpus, tmp_path / "index", encoder)
    engine.index()
    total = len(encoder.texts)
    version = current_version(tmp_path / "index")
    data = bytearray((version / part).read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside the vectors, or inside the rows
    (version / part).write_bytes(bytes(data))
    encoder.texts.clear()
    report = engine.index()
    assert report.repaired == [version.name]
    assert len(encoder.texts) == total
    full = _engine(corpus, tmp_path / "full")
    full.index()
    _same(_state(tmp_path / "index"), _state(tmp_path / "full"))
