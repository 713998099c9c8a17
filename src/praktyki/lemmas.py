"""Lexical analysis for BM25: words -> folded lemmas, Polish and English stop lists.

Users type without diacritics ("spoldzielniach"), which the lemmatiser does not know. The corpus
itself does: every word seen while indexing teaches ``folded surface form -> folded lemma``, so a
query typed without diacritics is lemmatised through that table first.
"""

from __future__ import annotations

import fcntl
import re
import threading
from collections.abc import Container, Iterable
from functools import lru_cache

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory
from stop_words import get_stop_words

from .config import default_data_dir
from .normalize import fold

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Question phrasing carries no topic: "podaj przykłady", "jakie są", "what are some examples".
_QUESTION_WORDS_PL = [
    "podaj",
    "podać",
    "wymień",
    "pokaż",
    "opisz",
    "jaki",
    "jaka",
    "jakie",
    "jakich",
    "jakim",
    "który",
    "która",
    "które",
    "których",
    "przykład",
    "przykłady",
    "przykładów",
    "informacja",
    "informacje",
    "chodzi",
    "znaleźć",
    "szukam",
    "interesuje",
    "mieć",
    "ma",
    "mają",
    "można",
    "gdzie",
    "kiedy",
    "ile",
    "czy",
    "np",
    "tj",
    "m.in",
    "itp",
    "itd",
]
_QUESTION_WORDS_EN = [
    "example",
    "examples",
    "tell",
    "show",
    "give",
    "find",
    "please",
    "describe",
    "list",
    "any",
]


@lru_cache(maxsize=4)
def stop_words(language: str) -> frozenset[str]:
    """Stop words as typed with and without diacritics."""
    if language == "pl":
        words = [*get_stop_words("polish"), *_QUESTION_WORDS_PL]
    else:
        words = [*get_stop_words("english"), *_QUESTION_WORDS_EN]
    return frozenset(words) | frozenset(fold(w) for w in words)


# simplemma's own dictionaries, as MARISA tries cached on disk: built once (~10 s), then opened
# in milliseconds, where the default dict is decoded afresh (~5 s) by every process that starts.
_TRIES = default_data_dir() / "simplemma" / simplemma.__version__
_factory = TrieDictionaryFactory(disk_cache_dir=str(_TRIES))
_lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory))
_opened: set[str] = set()
_opening = threading.Lock()


def _open_dictionary(language: str) -> None:
    """Open (building it the first time) the language's trie; a file lock lets one process
    write the cache while others wait for it rather than reading half a file."""
    with _opening:
        if language in _opened:
            return
        _TRIES.mkdir(parents=True, exist_ok=True)
        with open(_TRIES / f".{language}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _factory.get_dictionary(language)
        _opened.add(language)


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str = "pl") -> str:
    if language not in _opened:
        _open_dictionary(language)
    return fold(_lemmatizer.lemmatize(word, lang=language))


def split_words(text: str) -> list[str]:
    """Words in lower case; a hyphenated compound also gives its parts ("second-hand" is
    found as "second hand" too)."""
    words = []
    for word in WORD.findall(text.lower()):
        words.append(word)
        if "-" in word:
            words.extend(part for part in word.split("-") if part)
    return words


LOOKUP = "="  # marks a key resolved through the corpus lexicon; no word or lemma holds "="


def forms(text: str) -> dict[str, str]:
    """What one text teaches the lexicon: folded form -> folded lemma of its last spelling with
    diacritics. Forms typed without diacritics teach nothing: they lemmatise as they are."""
    out: dict[str, str] = {}
    for word in split_words(text):
        folded = fold(word)
        if folded != word:
            out[folded] = lemma(word)
    return out


class Analyzer:
    """Turns text into BM25 terms; ``learned`` maps folded surface forms to folded lemmas.

    A text's terms are its keys resolved through ``learned``: a key is a lemma, or a word typed
    without diacritics whose lemma the corpus decides ("zrodla" is "źródła" once the corpus
    spells it so). Only that resolving depends on the whole corpus, so a report's stored terms
    stay valid until the lexicon changes for one of the words it looks up."""

    def __init__(
        self, learned: dict[str, str] | None = None, known: Container[str] = frozenset()
    ) -> None:
        self.learned: dict[str, str] = dict(learned or {})
        # The terms a built index holds, for questions only (a build leaves it empty, so that a
        # report's terms never depend on the others'): a word typed without diacritics that is
        # one of them stays as it is.
        self.known = known

    def learn(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.teach(forms(text))

    def teach(self, taught: dict[str, str]) -> None:
        """A later spelling with diacritics wins, as if its text were read after the others."""
        self.learned.update(taught)

    def term(self, word: str, language: str = "pl") -> str:
        return self.resolve_key(self.key(word, language))

    def key(self, word: str, language: str = "pl") -> str:
        if language != "pl":
            return lemma(word, "en") if word.isascii() else fold(word)
        return LOOKUP + word if fold(word) == word else lemma(word)

    def resolve_key(self, key: str) -> str:
        if not key.startswith(LOOKUP):
            return key
        word = key[1:]
        found = self.learned.get(word)
        if found is not None:
            return found
        found = lemma(word)
        # "piotrkow" is the reports' lemma of "Piotrkowie"; the lemmatiser, not knowing the
        # folded form, guesses "piotrkowo", which no report has. A guess the reports have is
        # what the same word in a report became, and stays.
        return word if word in self.known and found not in self.known else found

    def keys(self, text: str, language: str = "pl") -> list[str]:
        stops = stop_words(language)
        return [
            self.key(word, language)
            for word in split_words(text)
            if word not in stops and (len(word) > 1 or word.isdigit())
        ]

    def resolve(self, keys: Iterable[str]) -> list[str]:
        return [self.resolve_key(k) for k in keys]

    def terms(self, text: str, language: str = "pl") -> list[str]:
        return self.resolve(self.keys(text, language))
