"""The lemmatiser opens simplemma's dictionaries as cached tries: the same lemmas as simplemma's
default dictionaries, without decoding the Polish one at every start."""

import simplemma

from praktyki import lemmas
from praktyki.lemmas import Analyzer

WORDS = [
    "spółdzielniach",
    "spółdzielni",
    "socjalnych",
    "gminie",
    "gminy",
    "zatrudnia",
    "zatrudnionych",
    "osób",
    "osobom",
    "warsztatach",
    "terapii",
    "zajęciowej",
    "prowadziła",
    "prowadzi",
    "kinie",
    "kawiarnię",
    "uczestników",
    "Łodzi",
    "stowarzyszeniu",
    "fundacji",
    "klauzul",
    "społecznych",
    "zamówieniach",
    "publicznych",
]


def test_lemmas_equal_simplemmas_default_dictionaries():
    for word in WORDS:
        assert lemmas.lemma(word) == lemmas.fold(simplemma.lemmatize(word, lang="pl")), word
    assert lemmas.lemma("cooperatives", "en") == "cooperative"


def test_the_polish_dictionary_is_cached_on_disk():
    lemmas.lemma("spółdzielniach")
    assert (lemmas._TRIES / "pl.dic").stat().st_size > 1_000_000


def test_inflected_forms_meet_in_one_term():
    analyzer = Analyzer()
    assert analyzer.terms("w spółdzielniach i gminach") == analyzer.terms("spółdzielnia, gmina")


def test_a_place_typed_without_diacritics_meets_the_reports_lemma():
    report = "Centrum Integracji Społecznej w Piotrkowie Trybunalskim działa od 2007 r."
    building = Analyzer()
    building.learn([report])
    indexed = building.terms(report)
    # A built index's analyzer knows the terms it holds; the build's own does not.
    asking = Analyzer(building.learned, known=frozenset(indexed))
    assert set(asking.terms("w Piotrkowie Trybunalskim")) <= set(indexed)
    assert set(asking.terms("od kiedy cis piotrkow trybunalski")) >= {"piotrkow", "trybunalski"}
    assert building.terms("piotrkow") != ["piotrkow"]  # a build never depends on other reports
