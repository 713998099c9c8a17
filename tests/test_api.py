"""Retrieval and answers on the sample corpus, through the same Engine the app uses, on each
search backend (embedded FAISS + bm25s, and Milvus)."""

import pytest

from praktyki.answer import grounded
from praktyki.errors import InvalidQuestion

SEED = "2017/kielce-lodzkie"


@pytest.mark.parametrize(
    "question",
    [
        "Która spółdzielnia socjalna prowadzi kino w Łodzi?",
        "spoldzielnia socjalna kino lodz",
        "kinie studyjnym w Łodzi",
        "Which social cooperative runs a cinema in Łódź?",
    ],
)
def test_cinema_question_finds_the_seed_report_first(backend_engine, question):
    assert backend_engine.search(question).hits[0].chunk.doc_id == SEED


def test_answer_cites_the_sentence_and_passage(backend_engine):
    answer = backend_engine.ask("Która spółdzielnia socjalna prowadzi kino w Łodzi?")
    assert not answer.no_answer
    assert answer.language == "pl"
    assert "[1]" in answer.text
    assert "Odblask" in answer.text or "Kino Bodo" in answer.text
    first = answer.citations[0]
    assert first.hit.chunk.doc_id == SEED
    assert first.hit.doc.title == "Relacja z warsztatów wyjazdowych"
    assert first.hit.doc.region == "świętokrzyskie"
    assert first.hit.doc.date == "2017-05-24"


def test_sources_cite_each_report_once(backend_engine):
    answer = backend_engine.ask("Przykłady spółdzielni socjalnych prowadzących gastronomię", k=5)
    doc_ids = [c.hit.chunk.doc_id for c in answer.citations]
    assert len(doc_ids) == len(set(doc_ids)) == 5


def test_every_marker_points_to_a_passage_containing_its_sentence(backend_engine):
    for question in [
        "Jak gmina może wykorzystać klauzule społeczne?",
        "Ile osób zatrudnia spółdzielnia Communal Service?",
        "piekarnia spółdzielnia socjalna",
        "Which foundation runs a café in Kraków?",
    ]:
        answer = backend_engine.ask(question)
        assert grounded(answer), question
        for citation in answer.citations:
            assert citation.sentence in " ".join(citation.hit.chunk.text.split())
        for s in answer.sentences:
            chunk = answer.citations[s.n - 1].hit.chunk
            assert s.text == " ".join(chunk.text[s.start - chunk.start : s.end - chunk.start].split())


def test_english_question_gets_a_note_and_polish_passages(backend_engine):
    answer = backend_engine.ask("Which social cooperative runs a cinema in Łódź?")
    assert answer.language == "en"
    assert answer.note
    assert answer.citations[0].hit.chunk.doc_id == SEED


@pytest.mark.parametrize(
    "question",
    [
        "Jaka będzie pogoda w Krakowie w najbliższy weekend?",
        "Czy któraś spółdzielnia socjalna prowadzi myjnię samochodową?",
    ],
)
def test_questions_no_report_answers_are_declined_with_nearest_passages(backend_engine, question):
    answer = backend_engine.ask(question)
    assert answer.no_answer
    assert answer.text.startswith("Raporty w bazie nie odpowiadają")
    assert answer.citations  # nearest passages are still shown


def test_empty_question_is_rejected(backend_engine):
    with pytest.raises(InvalidQuestion):
        backend_engine.ask("   ")
