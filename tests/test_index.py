import json
import shutil

import pytest

from praktyki import Engine, Settings, faiss_backend
from praktyki.errors import EmptyCorpus, IndexMismatch, IndexMissing
from praktyki.index import current_version, read_manifest

from .conftest import CORPUS, MODEL_CACHE
from .fakes import HashEncoder

# Building, reuse, swapping and refusals do not depend on the model: the fake encoder keeps
# these tests in the fast tier.
FAKE = HashEncoder()


def _engine(index_dir, corpus_dir, encoder=FAKE) -> Engine:
    return Engine(
        Settings(index_dir=index_dir, corpus_dir=corpus_dir, data_dir=MODEL_CACHE), encoder
    )


def test_build_then_open_round_trip(fake_sample_index, fake_engine):
    sample_index, engine = fake_sample_index, fake_engine
    version = current_version(sample_index)
    manifest = read_manifest(version)
    assert manifest["model"] == "intfloat/multilingual-e5-small"
    assert manifest["dimension"] == 384
    assert manifest["chunking"] == {"min_words": 60, "max_words": 200, "overlap": 1}
    assert len(manifest["documents"]) == len(list(CORPUS.rglob("*.*")))
    assert all(len(d["hash"]) == 64 for d in manifest["documents"].values())
    opened = engine.version
    assert opened.search.size == manifest["chunks"] == len(opened.row_doc)
    docs = {d["doc_id"]: d for d in engine.documents()}
    seed = docs["2017/kielce-lodzkie"]
    assert seed["title"] == "Relacja z warsztatów wyjazdowych"
    assert seed["region"] == "świętokrzyskie"
    assert seed["chunks"] >= 3
    assert not list(sample_index.glob(".tmp-*"))


def test_reindex_reuses_unchanged_and_handles_changes(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    engine = _engine(tmp_path / "index", corpus)
    first = engine.index()
    assert sorted(first.added) == sorted(f"2017/{p.stem}" for p in (corpus / "2017").iterdir())
    again = engine.index()
    assert again.added == again.updated == again.removed == []
    assert again.unchanged == len(first.added)

    seed = corpus / "2017" / "kielce-lodzkie.md"
    seed.write_text(seed.read_text("utf-8") + "\nSpółdzielnia otworzyła też pralnię.\n", "utf-8")
    (corpus / "2017" / "cis-lask-remonty-budynkow-gminnych.md").unlink()
    (corpus / "2017" / "nowy.txt").write_text("Nowy raport\n\nFundacja prowadzi myjnię w Łodzi.\n")
    third = engine.index()
    assert third.updated == ["2017/kielce-lodzkie"]
    assert third.removed == ["2017/cis-lask-remonty-budynkow-gminnych"]
    assert third.added == ["2017/nowy"]
    # The report's own words: the added report must be searchable (ranking paraphrases is the
    # real model's job, judged in test_api and the retrieval tests).
    hit = engine.search("Fundacja prowadzi myjnię w Łodzi").hits[0]
    assert hit.chunk.doc_id == "2017/nowy"


def test_new_version_is_swapped_in_for_a_running_engine(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Raport A\n\nSpółdzielnia socjalna prowadzi piekarnię w Radomiu.\n"
    )
    engine = _engine(tmp_path / "index", corpus)
    engine.index()
    old = engine.version.name
    (corpus / "b.txt").write_text("Raport B\n\nStowarzyszenie prowadzi hostel w górach.\n")
    other_process = _engine(tmp_path / "index", corpus)
    other_process.index()
    assert engine.version.name != old
    assert engine.search("hostel stowarzyszenia w górach").hits[0].chunk.doc_id == "b"
    pointer = (tmp_path / "index" / "current").read_text().strip()
    assert pointer == engine.version.name


def test_missing_index_and_model_mismatch_are_refused(tmp_path, fake_sample_index):
    with pytest.raises(IndexMissing):
        _engine(tmp_path / "nothing", CORPUS).version  # noqa: B018
    copy = tmp_path / "copy"
    shutil.copytree(fake_sample_index, copy)
    version = current_version(copy)
    manifest = json.loads((version / "manifest.json").read_text())
    manifest["model"] = "some/other-model"
    (version / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch):
        _engine(copy, CORPUS).version  # noqa: B018


def test_empty_corpus_is_an_error_and_keeps_the_old_index(tmp_path, fake_writable_index):
    before = current_version(fake_writable_index)
    (tmp_path / "empty").mkdir()
    with pytest.raises(EmptyCorpus):
        _engine(fake_writable_index, tmp_path / "empty").index()
    assert current_version(fake_writable_index) == before


def test_large_index_switches_to_hnsw_with_a_recall_check(tmp_path, monkeypatch):
    monkeypatch.setattr(faiss_backend, "FLAT_MAX_ROWS", 10)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    engine = _engine(tmp_path / "index", corpus)
    engine.index()
    dense = read_manifest(current_version(tmp_path / "index"))["dense_index"]
    assert dense["kind"] == "hnsw"
    assert dense["recall@10"] >= 0.98
    assert engine.search("kino studyjne w Łodzi").hits[0].chunk.doc_id == "2017/kielce-lodzkie"


def test_an_index_of_an_older_format_is_stale_and_rebuilt(tmp_path):
    import json

    from praktyki import Engine, Settings
    from praktyki.index import current_version

    from .fakes import HashEncoder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.md").write_text("Spółdzielnia socjalna prowadzi piekarnię w Gnieźnie.", "utf-8")
    engine = Engine(Settings(corpus_dir=corpus, index_dir=tmp_path / "i"), HashEncoder())
    engine.index()
    assert not engine.index_is_stale()
    manifest = current_version(tmp_path / "i") / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**data, "format": 1}), "utf-8")
    assert engine.index_is_stale()
    engine.index()
    assert not engine.index_is_stale()


def test_rebuild_reports_unchanged_reports_as_unchanged(tmp_path):
    from .fakes import HashEncoder

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    engine = Engine(Settings(corpus_dir=corpus, index_dir=tmp_path / "i"), HashEncoder())
    first = engine.index()
    (corpus / "2017" / "nowy.txt").write_text("Nowy raport\n\nFundacja prowadzi myjnię w Łodzi.\n")
    again = engine.index(rebuild=True)
    assert again.added == ["2017/nowy"]
    assert again.updated == again.removed == []
    assert again.unchanged == len(first.added)
