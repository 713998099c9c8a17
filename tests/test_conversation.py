"""Follow-ups, filters, trainer examples, handouts, feedback, and citations that hold."""

from __future__ import annotations

import json

import docx
from click.testing import CliRunner

from praktyki import Settings
from praktyki.answer import grounded
from praktyki.cli import cli
from praktyki.evaluate import load_questions
from praktyki.feedback import FeedbackStore
from praktyki.filters import Filters
from praktyki.followup import Turn, resolve

from .conftest import DEV_QUESTIONS

SEED = "2017/kielce-lodzkie"


def test_region_follow_up_keeps_the_topic_and_sets_the_filter():
    previous = Turn("Które spółdzielnie socjalne prowadzą restauracje?", Filters(), ("a",))
    resolved = resolve("a w łódzkim?", previous)
    assert resolved.followup
    assert resolved.filters.region == "łódzkie"
    assert resolved.question.startswith("Które spółdzielnie socjalne prowadzą restauracje?")


def test_new_full_question_is_not_a_follow_up():
    previous = Turn("Która spółdzielnia prowadzi kino?", Filters(region="łódzkie"), (SEED,))
    resolved = resolve("Jak działa pralnia zakładu aktywności zawodowej w Środzie?", previous)
    assert not resolved.followup
    assert resolved.filters == Filters()


def test_two_turn_conversation_about_the_same_place(engine):
    first, turn = engine.converse("Jak działa pralnia ZAZ w Środzie Wielkopolskiej?")
    assert (
        first.citations[0].hit.chunk.doc_id
        == "2017/zaklad-aktywnosci-zawodowej-pralnia-sroda-wielkopolska"
    )
    second, _ = engine.converse("ile osób tam pracuje?", turn)
    assert second.query == "ile osób tam pracuje?"
    assert {c.hit.chunk.doc_id for c in second.citations} == {first.citations[0].hit.chunk.doc_id}
    assert not second.no_answer


def test_two_turn_conversation_changing_region(engine):
    _, turn = engine.converse("Które spółdzielnie socjalne prowadzą restauracje?")
    second, turn2 = engine.converse("a w mazowieckim?", turn)
    assert second.citations
    assert all(
        "mazowieckie" in (c.hit.doc.regions or (c.hit.doc.region,)) for c in second.citations
    )
    assert (
        second.citations[0].hit.chunk.doc_id
        == "2019/spoldzielnia-socjalna-stara-wisla-plock-kuchnia-regionalna"
    )
    assert turn2.filters.region == "mazowieckie"


def test_filters_apply_inside_retrieval_and_never_empty_existing_results(engine):
    answer = engine.ask("spółdzielnia socjalna", filters=Filters(region="opolskie"), k=5)
    regions = {c.hit.doc.region for c in answer.citations}
    assert regions == {"opolskie"}
    # Both opolskie reports, though neither ranks first unfiltered (a report may be cited
    # with two passages when the answer quotes both).
    assert len({c.hit.chunk.doc_id for c in answer.citations}) == 2
    by_year = engine.ask(
        "spółdzielnia socjalna", filters=Filters(year_from=2023, year_to=2024), k=10
    )
    assert by_year.citations
    assert all(c.hit.doc.year in (2023, 2024) for c in by_year.citations)
    zaz = engine.ask("pralnia", filters=Filters(org_type="ZAZ"), k=10)
    assert all(any(form == "ZAZ" for _, form in c.hit.doc.organisations) for c in zaz.citations)


def test_every_marker_in_dev_set_answers_is_backed_by_its_passage(engine):
    checked = 0
    for q in load_questions(DEV_QUESTIONS):
        answer = engine.ask(q.question)
        if answer.no_answer:
            continue
        for part in answer.text.split("] ")[:]:
            if "[" not in part:
                continue
            sentence, _, number = part.rpartition(" [")
            number = number.rstrip("]")
            passage = " ".join(answer.citations[int(number) - 1].hit.chunk.text.split())
            assert sentence.split("] ")[-1].strip() in passage, (q.id, sentence)
            checked += 1
        assert grounded(answer), q.id
        for c in answer.citations:
            assert c.sentence in " ".join(c.hit.chunk.text.split())
    assert checked > 80


def test_trainer_examples_are_distinct_and_sourced(engine):
    examples = engine.examples("spółdzielnie socjalne prowadzące gastronomię", n=5)
    assert len(examples) == 5
    assert len({e.doc_id for e in examples}) == 5
    assert len({e.organisation for e in examples}) == 5
    for e in examples:
        assert 1 <= len(e.sentences) <= 3
        assert e.region and e.date and e.title
    docs = {e.doc_id for e in examples}
    assert "2019/bar-mleczny-spoldzielnia-socjalna-lublin" in docs


def test_examples_cli_exports_docx_and_json(tmp_path, fake_sample_index, fake_model):
    out = tmp_path / "przyklady.docx"
    result = CliRunner().invoke(
        cli,
        [
            "examples",
            "spółdzielnie socjalne prowadzące gastronomię",
            "--index",
            str(fake_sample_index),
            "-n",
            "4",
            "--format",
            "docx",
            "-o",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["topic"] == "spółdzielnie socjalne prowadzące gastronomię"
    assert len(data["examples"]) == 4
    assert set(data["examples"][0]) == {
        "doc_id",
        "title",
        "organisations",
        "region",
        "date",
        "summary",
        "citation",
    }
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Przykłady do warsztatów: spółdzielnie socjalne prowadzące gastronomię"
    assert "Źródła" in texts
    sources = texts[texts.index("Źródła") + 1 :]
    assert [s[:3] for s in sources] == ["[1]", "[2]", "[3]", "[4]"]


def test_feedback_is_stored_and_exported(tmp_path, monkeypatch):
    db = tmp_path / "app.sqlite"
    store = FeedbackStore(db)
    store.record(1, "Kto prowadzi kino?", "Spółdzielnia Odblask. [1]", ["2017/kielce-lodzkie#5"])
    store.record(-1, "Ile osób?", "…", ["x#1"], comment="  Nie ta liczba.  ")
    monkeypatch.setenv("PRAKTYKI_APP_DB", str(db))
    out = tmp_path / "opinie.csv"
    result = CliRunner().invoke(cli, ["feedback", "--export", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "id,at,rating,comment,question,answer,chunk_ids"
    assert len(lines) == 3
    assert "Nie ta liczba." in lines[2]
    assert Settings().app_db == db
