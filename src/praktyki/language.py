"""Which language a question (or a report) is in, deterministically."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs
from langdetect.detector_factory import init_factory

from .normalize import fold

DetectorFactory.seed = 0  # langdetect samples at random; a fixed seed makes answers repeatable

_POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_MARKERS = frozenset(
    [
        "the",
        "of",
        "and",
        "what",
        "which",
        "who",
        "where",
        "how",
        "why",
        "when",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "in",
        "for",
        "with",
        "that",
        "this",
        "these",
        "those",
        "there",
        "their",
        "any",
        "some",
        "examples",
        "example",
        "about",
        "from",
        "an",
        "a",
        "to",
        "by",
        "can",
        "could",
        "should",
        "would",
        "has",
        "have",
    ]
)
# Folded, so that Polish typed without diacritics is still recognised.
_POLISH_MARKERS = frozenset(
    [
        "i",
        "w",
        "z",
        "na",
        "do",
        "od",
        "sie",
        "jak",
        "jaki",
        "jaka",
        "jakie",
        "ktora",
        "ktory",
        "ktore",
        "gdzie",
        "ile",
        "czy",
        "co",
        "kto",
        "prowadzi",
        "spoldzielnia",
        "spoldzielni",
        "socjalna",
        "gmina",
        "gminy",
        "dla",
        "przez",
        "oraz",
        "jest",
        "sa",
        "ktorzy",
        "osob",
        "przyklady",
        "przyklad",
        "fundacja",
        "stowarzyszenie",
        "zatrudnia",
    ]
)
SHORT_QUESTION_WORDS = 4


def load_profiles() -> None:
    """langdetect reads its language profiles at first use (~1 s, unlocked: questions arriving
    together each read them); at start-up, the first question without diacritics waits for
    nothing."""
    init_factory()


def detect_language(text: str) -> str:
    """ISO 639-1 code. Short or ambiguous questions count as Polish unless clearly not."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "pl"
    english = sum(w in _ENGLISH_MARKERS for w in words)
    polish = sum(fold(w) in _POLISH_MARKERS for w in words)
    # Place names keep their Polish letters in English questions ("a cinema in Łódź").
    if english >= 2 and english > polish:
        return "en"
    if _POLISH_LETTERS.search(text):
        return "pl"
    if len(words) < SHORT_QUESTION_WORDS:
        return "en" if english and not polish else "pl"
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return "pl"
    top = ranked[0]
    if polish > english:
        return "pl"
    if english > polish and english >= 2:
        return "en"
    return top.lang if top.prob >= 0.9 else "pl"
