"""Does a passage support a generated sentence: numbers, names, content words, prompt echoes."""

from __future__ import annotations

from praktyki.grounding import Passage, check, echoes, names, numbers
from praktyki.lemmas import Analyzer

PASSAGE = (
    "Spółdzielnia Socjalna „Lubelska Stołówka” prowadzi bar mleczny przy ul. Królewskiej "
    "w Lublinie. Założona w marcu 2016 r. przez pięć kobiet, dziś zatrudnia 12 osób i "
    "codziennie przygotowuje ok. 1 200 posiłków, a obiad kosztuje 9,50 zł."
)
TERM = Analyzer().term


def _check(sentence: str):
    return check(sentence, Passage.read(PASSAGE, TERM), TERM)


def test_a_faithful_paraphrase_in_other_inflected_forms_is_supported():
    verdict = _check("Lubelska Stołówka zatrudnia 12 osób i przygotowuje 1200 posiłków dziennie.")
    assert verdict.supported, verdict
    assert _check("Spółdzielnię założyło pięć kobiet w 2016 roku w Lublinie.").supported


def test_a_number_or_date_the_passage_lacks_is_unsupported():
    verdict = _check("Lubelska Stołówka zatrudnia 15 osób.")
    assert (verdict.supported, verdict.reason, verdict.missing) == (False, "number", ("15",))
    assert _check("Spółdzielnię założono w 2017 roku w Lublinie.").reason == "number"
    assert _check("Obiad kosztuje 9.50 zł w barze mlecznym.").supported  # 9,50 = 9.50


def test_a_name_the_passage_lacks_is_unsupported():
    verdict = _check("Bar mleczny w Krakowie prowadzi spółdzielnia założona przez kobiety.")
    assert (verdict.reason, verdict.missing) == ("name", ("Krakowie",))
    assert _check("Bar prowadzi fundacja OWES w Lublinie.").missing == ("OWES",)


def test_content_words_the_passage_never_uses_are_unsupported():
    verdict = _check("Spółdzielnia organizuje koncerty jazzowe i wycieczki rowerowe dla turystów.")
    assert (verdict.supported, verdict.reason) == (False, "coverage")
    assert "koncerty" in verdict.missing


def test_numbers_and_names_are_read_as_values_and_capitals():
    assert numbers("1 200 osób, 2,5 mln zł i 2016 r.") == {"1200", "2.5", "2016"}
    assert names("Spółdzielnia w Łodzi i CIS w Gdyni.") == ["Łodzi", "CIS", "Gdyni"]
    assert names("OWES pomógł.") == ["OWES"]


def test_a_sentence_reciting_the_instructions_echoes_them():
    rules = "Odpowiadasz po polsku wyłącznie na podstawie ponumerowanych fragmentów raportów."
    assert echoes("Zasady: odpowiadasz po polsku wyłącznie na podstawie fragmentów.", rules, "")
    assert not echoes("Bar mleczny prowadzi spółdzielnia w Lublinie.", rules, PASSAGE)
    # A report that itself holds the words is quoted, not echoing the prompt.
    assert not echoes(rules, rules, rules)
