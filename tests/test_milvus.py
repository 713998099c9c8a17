"""The Milvus backend against a real Milvus engine (milvus-lite 2.5.1: in the process, or as a
server on a TCP port): filters, upsert and delete by report, version switching, agreement with
the embedded backend, and two app replicas sharing one Milvus server."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from praktyki import Engine, Settings
from praktyki.backend import backend_for
from praktyki.evaluate import agreement, load_questions
from praktyki.filters import Filters, matching_doc_ids
from praktyki.milvus_lite_server import milvus_lite_server
from praktyki.types import DocInfo

from .conftest import CORPUS, DEV_QUESTIONS, MODEL_CACHE, milvus_settings
from .fakes import CountingEncoder, HashEncoder, hashed_passages
from .ui_fixtures import ADMIN, served

SEED = "2017/kielce-lodzkie"
FILTERS = [
    Filters(region="łódzkie"),
    Filters(region="Opolskie"),
    Filters(year_from=2019),
    Filters(year_to=2017),
    Filters(year_from=2016, year_to=2018),
    Filters(org_type="ZAZ"),
    Filters(org_type="spółdzielnia socjalna", year_from=2018),
    Filters(doc_ids=(SEED, "2017/cis-lask-remonty-budynkow-gminnych")),
    Filters(region="mazowieckie", org_type="fundacja"),
]


def _docs(ranked, version) -> set[str]:
    return {version.doc_ids[int(version.row_doc[row])] for row, _ in ranked}


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_filters_admit_exactly_the_reports_they_match(fake_milvus_engine, filters):
    version = fake_milvus_engine.version
    expected = matching_doc_ids(version.infos.values(), filters)
    vector = HashEncoder().encode_query(["spółdzielnia socjalna"])[0]
    everything = version.search.size
    assert _docs(version.search.dense(vector, everything, filters), version) == expected
    terms = version.analyzer.terms("spółdzielnia socjalna praca osoby")
    assert _docs(version.search.lexical(terms, everything, filters), version) <= expected


@pytest.mark.parametrize("fusion", ["zscore", "rrf"])
def test_fake_encoder_rankings_match_the_embedded_backend(
    fake_engine, fake_milvus_engine, fusion, monkeypatch
):
    # Z-scores are fused here for both backends; rank fusion runs in Milvus' hybrid search.
    for engine in (fake_engine, fake_milvus_engine):
        monkeypatch.setattr(engine.settings, "fusion", fusion)
    for question in [
        "kino studyjne w Łodzi",
        "Które spółdzielnie socjalne prowadzą kawiarnie?",
        "klauzule społeczne w zamówieniach gminy",
        "Which foundation runs a café in Kraków?",
    ]:
        for filters in (None, Filters(year_from=2018)):
            ours = fake_milvus_engine.search(question, k=10, filters=filters)
            theirs = fake_engine.search(question, k=10, filters=filters)
            assert [h.chunk.doc_id for h in ours.hits] == [h.chunk.doc_id for h in theirs.hits]
            assert [h.chunk.chunk_id for h in ours.hits] == [h.chunk.chunk_id for h in theirs.hits]
            assert ours.covered == theirs.covered


def test_bm25_scores_rank_as_bm25s_does(fake_engine, fake_milvus_engine):
    """Milvus' BM25 (k1 1.5, b 0.75) is bm25s' lucene score times k1 + 1."""
    terms = fake_engine.version.analyzer.terms("spółdzielnia socjalna prowadzi kawiarnię")
    ours = fake_milvus_engine.version.search.lexical(terms, 20, None)
    theirs = fake_engine.version.search.lexical(terms, 20, None)
    assert len(ours) == len(theirs) == 20

    def in_order(ranked, scale=1.0):  # ties (the same score) in row order
        return sorted((-round(score / scale, 4), row) for row, score in ranked)

    assert in_order(ours, 2.5) == in_order(theirs)


def test_reports_are_replaced_and_deleted_by_doc_id(milvus_lite, tmp_path):
    settings = milvus_settings(tmp_path / "index", milvus_lite)
    backend = backend_for(settings)
    out = tmp_path / "v-test"
    out.mkdir()
    writer = backend.writer(out, "v-test", 384)
    cafe, laundry = DocInfo("a/cafe", "Kawiarnia", year=2020), DocInfo("b/laundry", "Pralnia")
    writer.add_report(cafe, hashed_passages("a/cafe", ["kawiarnia kawa", "kawiarnia ciasto"], 0))
    writer.add_report(laundry, hashed_passages("b/laundry", ["pralnia pranie"], 2))
    writer.replace_report(cafe, hashed_passages("a/cafe", ["kawiarnia herbata"], 0))
    writer.delete_report("b/laundry")
    manifest = writer.finish()
    row_doc = np.zeros(1, np.int32)
    search = backend.open(out, manifest, None, row_doc, ["a/cafe"], {"a/cafe": cafe})
    chunks = search.fetch_chunks([0, 1, 2])
    assert [c.text for c, _ in chunks.values()] == ["kawiarnia herbata"]
    assert search.lexical(["pralnia"], 10, None) == []
    assert [r for r, _ in search.lexical(["herbata"], 10, None)] == [0]
    assert json.loads((out / "vocabulary.json").read_text()) == {"herbata": 1, "kawiarnia": 1}
    backend.retire(set())
    assert not backend.client.has_collection(manifest["collection"])


def _own_copy(engine: Engine, tmp_path: Path, collection: str) -> tuple[Settings, Path]:
    """Settings of a copy of ``engine``'s index and of the sample corpus that a test may change,
    in Milvus collections of its own; and that corpus."""
    index_dir, corpus = tmp_path / "index", tmp_path / "corpus"
    shutil.copytree(engine.settings.index_dir, index_dir)
    shutil.copytree(CORPUS, corpus)
    update = {"index_dir": index_dir, "corpus_dir": corpus, "milvus_collection": collection}
    return engine.settings.model_copy(update=update), corpus


def test_reindex_switches_the_live_version_for_every_reader(fake_milvus_engine, tmp_path):
    settings, corpus = _own_copy(fake_milvus_engine, tmp_path, "t_switch")
    writer, reader = Engine(settings, HashEncoder()), Engine(settings, HashEncoder())
    writer.index()
    first = reader.version.name
    (corpus / "2024" / "myjnia.md").write_text(
        "---\ntitle: Myjnia Lśniąca Fala\ndate: 2024-03-01\nregion: wielkopolskie\n---\n\n"
        "Spółdzielnia socjalna Lśniąca Fala prowadzi myjnię samochodową w Gnieźnie.\n",
        "utf-8",
    )
    report = writer.index()
    assert report.added == ["2024/myjnia"]
    assert reader.version.name == report.version != first
    hits = reader.search("myjnia samochodowa Lśniąca Fala w Gnieźnie").hits
    assert hits[0].chunk.doc_id == "2024/myjnia"
    collections = set(writer.backend.client.list_collections())
    assert writer.backend.collection(report.version) in collections
    assert writer.backend.collection(first) in collections  # the fallback stays
    writer.index()
    assert writer.backend.collection(first) not in set(writer.backend.client.list_collections())


def test_a_reindex_takes_unchanged_reports_vectors_back_from_milvus(fake_milvus_engine, tmp_path):
    settings, corpus = _own_copy(fake_milvus_engine, tmp_path, "t_reuse")
    encoder = CountingEncoder()
    engine = Engine(settings, encoder)
    assert engine.index().updated == []
    assert encoder.texts == []  # every vector read back from the copied version's collection
    seed = corpus / "2017" / "kielce-lodzkie.md"
    seed.write_text(seed.read_text("utf-8") + "\nSpółdzielnia otworzyła też pralnię.\n", "utf-8")
    report = engine.index()
    assert report.updated == [SEED]
    rows = engine.version.conn.execute(
        "SELECT (SELECT COUNT(*) FROM chunks WHERE doc_id = ?) "
        "+ (SELECT COUNT(*) FROM sentences WHERE doc_id = ?)",
        (SEED, SEED),
    ).fetchone()[0]
    assert len(encoder.texts) == rows
    assert engine.search("kino studyjne w Łodzi").hits[0].chunk.doc_id == SEED


def test_ivf_flat_index_finds_what_flat_finds(
    fake_sample_index, fake_engine, milvus_lite, tmp_path
):
    """milvus-lite's approximate index (no HNSW there), searched with nprobe 32 of 128 lists."""
    index_dir = tmp_path / "ivf"
    shutil.copytree(fake_sample_index, index_dir)
    settings = milvus_settings(index_dir, milvus_lite, milvus_index_type="IVF_FLAT")
    engine = Engine(settings, HashEncoder())
    engine.index()
    assert engine.version.manifest["dense_index"]["kind"] == "ivf_flat"
    for question in ["kino studyjne w Łodzi", "Które spółdzielnie socjalne prowadzą kawiarnie?"]:
        ours = [h.chunk.doc_id for h in engine.search(question, k=5).hits]
        assert ours == [h.chunk.doc_id for h in fake_engine.search(question, k=5).hits]


def test_an_embedded_index_is_stale_for_the_milvus_backend(fake_sample_index, milvus_lite):
    engine = Engine(milvus_settings(fake_sample_index, milvus_lite), HashEncoder())
    assert engine.has_index()
    assert engine.index_is_stale()


# -- the real model: agreement with the embedded backend ---------------------------------
def ranked_reports(engine: Engine):
    return lambda question: [h.chunk.doc_id for h in engine.search(question, k=10).hits]


def test_milvus_agrees_with_the_embedded_backend_on_dev_questions(engine, milvus_engine):
    questions = load_questions(DEV_QUESTIONS)[:40]
    figures = agreement(ranked_reports(engine), ranked_reports(milvus_engine), questions)
    assert figures["overlap@10"] >= 0.95, figures
    assert abs(figures["mrr@10 first"] - figures["mrr@10 second"]) <= 0.01, figures


# -- two app replicas on one Milvus server ---------------------------------------------------
@pytest.fixture(scope="session")
def milvus_server(tmp_path_factory: pytest.TempPathFactory):
    """milvus-lite's own server binary listening on a TCP port, as Milvus standalone would."""
    try:
        with milvus_lite_server(tmp_path_factory.mktemp("milvus-server") / "server.db") as uri:
            yield uri
    except RuntimeError as exc:
        pytest.fail(str(exc))


def test_two_replicas_on_one_milvus_server_share_a_reindex(
    milvus_server, sample_index, encoder, tmp_path
):
    from gradio_client import Client

    index_dir, corpus = tmp_path / "index", tmp_path / "corpus"
    shutil.copytree(sample_index, index_dir)
    shutil.copytree(CORPUS, corpus)
    settings = milvus_settings(index_dir, milvus_server, corpus_dir=corpus)
    Engine(settings, encoder).index()
    env = {
        "PRAKTYKI_BACKEND": "milvus",
        "PRAKTYKI_MILVUS_URI": milvus_server,
        "PRAKTYKI_MILVUS_COLLECTION": settings.milvus_collection,
        "PRAKTYKI_CORPUS_DIR": str(corpus),
        "PRAKTYKI_DATA_DIR": str(MODEL_CACHE),
        "PRAKTYKI_ADMIN_USER": ADMIN[0],
        "PRAKTYKI_ADMIN_PASSWORD": ADMIN[1],
        "PRAKTYKI_APP_DB": str(tmp_path / "app.sqlite"),
    }
    question = "Która spółdzielnia socjalna prowadzi myjnię samochodową w Gnieźnie?"
    args = ["--index", str(index_dir)]
    with (
        served(args, env, tmp_path / "a.log", limit=300) as a,
        served(args, env, tmp_path / "b.log", limit=300) as b,
    ):
        first, second = (Client(url, analytics_enabled=False, verbose=False) for url in (a, b))
        for client in (first, second):
            data = client.predict("spoldzielnia socjalna kino lodz", api_name="/ask")
            assert data["citations"][0]["doc_id"] == SEED
        assert second.predict(question, api_name="/ask")["no_answer"]
        (corpus / "2024" / "myjnia.md").write_text(
            "---\ntitle: Myjnia Lśniąca Fala\ndate: 2024-03-01\nregion: wielkopolskie\n---\n\n"
            "Spółdzielnia socjalna Lśniąca Fala prowadzi myjnię samochodową w Gnieźnie. "
            "Myje samochody mieszkańców i floty gminy; zatrudnia sześć osób.\n",
            "utf-8",
        )
        first.predict(*ADMIN, api_name="/admin_login")
        first.predict(api_name="/admin_reindex")
        # The other replica answers from the new version at its next question.
        data = second.predict(question, api_name="/ask")
        assert data["citations"][0]["doc_id"] == "2024/myjnia"
        assert first.predict(question, api_name="/ask")["citations"][0]["doc_id"] == "2024/myjnia"


def test_a_stopped_milvus_server_is_reported_in_polish_without_minutes_of_retries(tmp_path):
    from praktyki.errors import SearchUnavailable
    from praktyki.messages import describe_error

    index_dir = tmp_path / "index"
    with milvus_lite_server(tmp_path / "server.db") as uri:
        settings = milvus_settings(index_dir, uri).model_copy(update={"milvus_timeout": 2.0})
        engine = Engine(settings, HashEncoder())
        engine.index()
        assert engine.ask("spółdzielnia socjalna kino Łódź").citations
    started = time.monotonic()
    with pytest.raises(SearchUnavailable) as raised:
        engine.ask("spółdzielnia socjalna kino Łódź")
    assert time.monotonic() - started < 12  # a 2 s timeout, where pymilvus alone retries 3.5 min
    assert "127.0.0.1" in str(raised.value)
    assert describe_error(raised.value).startswith("Baza wyszukiwania jest chwilowo niedostępna")


def test_the_alias_probe_quietens_only_its_own_thread(caplog):
    import logging
    import threading

    from praktyki.milvus_backend import _quiet_probe

    logger = logging.getLogger("pymilvus.decorators")
    inside, done = threading.Event(), threading.Event()

    def probe() -> None:
        with _quiet_probe():
            logger.error("refused alias call")
            inside.set()
            done.wait(5)

    thread = threading.Thread(target=probe)
    with caplog.at_level(logging.ERROR, logger="pymilvus.decorators"):
        thread.start()
        inside.wait(5)
        logger.error("server down while another thread probes")
        done.set()
        thread.join()
        logger.error("server down afterwards")
    messages = [r.getMessage() for r in caplog.records]
    assert "refused alias call" not in messages
    assert "server down while another thread probes" in messages
    assert "server down afterwards" in messages
