"""The lemmatiser opens simplemma's dictionaries as cached tries: the same lemmas as simplemma's
default dictionaries, without decoding the Polish one at every start."""

import simplemma

from praktyki import lemmas

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
    analyzer = lemmas.Analyzer()
    assert analyzer.terms("w spółdzielniach i gminach") == analyzer.terms("spółdzielnia, gmina")
