"""Follow-up detection: elliptic questions are read against the previous turn; a question with
its own subject is never rewritten."""

from __future__ import annotations

import pytest

from praktyki.filters import Filters
from praktyki.followup import Turn, resolve

CINEMA = Turn(
    "Która spółdzielnia socjalna prowadzi kino w Łodzi?",
    Filters(),
    ("2017/kielce-lodzkie",),
    "Spółdzielnia Socjalna Kino",
)


@pytest.mark.parametrize(
    "question",
    [
        "To jak gmina może wykorzystać klauzule społeczne?",
        "Czy ZAZ może prowadzić sklep?",
        "Czy spółdzielnia socjalna płaci VAT?",
        "Czy fundacja może zatrudniać?",
        "A jak gmina może wykorzystać klauzule społeczne?",
        "I jakie dotacje dostają spółdzielnie socjalne w łódzkim?",
        "Co to jest centrum integracji społecznej?",
        "Jak założyć spółdzielnię socjalną?",
    ],
)
def test_a_question_with_its_own_subject_is_never_rewritten(question):
    resolved = resolve(question, CINEMA)
    assert not resolved.followup
    assert resolved.question == question
    assert resolved.doc_ids == ()
    assert resolved.filters == Filters()


@pytest.mark.parametrize(
    ("question", "doc_ids", "region"),
    [
        ("ile osób tam pracuje?", ("2017/kielce-lodzkie",), None),
        ("Czy tam pracują osoby niepełnosprawne?", ("2017/kielce-lodzkie",), None),
        ("a w łódzkim?", (), "łódzkie"),
        ("A jak jest w mazowieckim?", (), "mazowieckie"),
        ("a ile to kosztowało?", (), None),
        ("Jakie filmy oni pokazują?", ("2017/kielce-lodzkie",), None),
    ],
)
def test_elliptic_questions_are_read_against_the_previous_turn(question, doc_ids, region):
    resolved = resolve(question, CINEMA)
    assert resolved.followup
    assert resolved.doc_ids == doc_ids
    assert resolved.filters.region == region
    if not doc_ids:
        assert CINEMA.question in resolved.question
