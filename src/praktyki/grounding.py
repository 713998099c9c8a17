"""Does a passage support a sentence a language model wrote? Pure checks over strings.

A generated sentence is shown only when every number (dates included) and every name in it
stands in the passage it cites, and enough of its content words are the passage's words, by
lemma or by folded stem, since Polish inflects ("w Łodzi" stands for "Łódź").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .lemmas import split_words, stop_words
from .normalize import fold

# Calibrated on bench/dev2 (`python bench/grounding_threshold.py --index DIR`): of 1 862
# sentences of the passages given for a question checked against another given passage (what
# a model citing the wrong [n] looks like), the number and name checks refuse 1 332; of the
# other 530, coverage lets through 13% at 0.40, 5.7% at 0.55, 4.0% at 0.60, 1.3% at 0.75.
# 0.60 is the lowest letting through at most 5%.
COVERAGE_THRESHOLD = 0.60
STEM = 5  # letters of a folded word compared when lemmas disagree ("spółdzielni"/"spółdzielnią")
SHARED_RUN = 5  # words in a row taken from the instructions: the sentence echoes the prompt

# Words a faithful summary adds around what a report says, never a claim of its own.
FRAME_WORDS = frozenset(
    fold(w)
    for w in ["raport", "raporcie", "raportu", "raporty", "fragment", "fragmencie", "fragmentu",
              "według", "opisuje", "opisano", "podaje", "wspomina", "wynika", "źródło", "tekst"]
)  # fmt: skip

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_NAME = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*")
_SENTENCE_START = re.compile(r"^[\W\d_]*")


@dataclass(frozen=True, slots=True)
class Verdict:
    supported: bool
    reason: str  # "ok", "number", "name", "coverage", "prompt", "empty"
    coverage: float
    missing: tuple[str, ...] = ()  # what the passage lacks: numbers, names or content words


def numbers(text: str) -> set[str]:
    """Numbers as values: "1 200" and "1200" are one, "2,5" and "2.5" too."""
    out = set()
    for m in _NUMBER.finditer(text):
        value = re.sub(r"[ \u00a0\u202f]", "", m.group()).replace(",", ".")
        out.add(value.rstrip("0").rstrip(".") if "." in value else value)
    return out


def names(sentence: str) -> list[str]:
    """Capitalised words and acronyms; the sentence's first word only when it is an acronym,
    since any word starts a sentence with a capital."""
    found = []
    body = _SENTENCE_START.sub("", sentence)
    for m in _NAME.finditer(body):
        word = m.group()
        first = m.start() == 0
        if (not first or (word.isupper() and len(word) > 1)) and len(word) > 1:
            found.append(word)
    return found


def _stem(word: str) -> str:
    return fold(word)[:STEM]


@dataclass(frozen=True, slots=True)
class Passage:
    """What a sentence is checked against, read once per passage."""

    text: str
    terms: frozenset[str]  # folded lemmas
    stems: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def read(cls, text: str, term: Callable[[str], str]) -> Passage:
        words = split_words(text)
        return cls(
            text,
            frozenset(term(w) for w in words),
            frozenset(_stem(w) for w in words),
            frozenset(numbers(text)),
        )


def check(
    sentence: str,
    passage: Passage,
    term: Callable[[str], str],
    threshold: float = COVERAGE_THRESHOLD,
) -> Verdict:
    """``term``: word -> folded lemma, the index's own lemmatiser."""
    missing_numbers = sorted(numbers(sentence) - passage.numbers)
    if missing_numbers:
        return Verdict(False, "number", 0.0, tuple(missing_numbers))
    missing_names = [
        n for n in names(sentence) if _stem(n) not in passage.stems and term(n) not in passage.terms
    ]
    if missing_names:
        return Verdict(False, "name", 0.0, tuple(missing_names))
    stops = stop_words("pl")
    content = [
        w
        for w in split_words(sentence)
        if w not in stops and len(w) > 2 and not w.isdigit() and fold(w) not in FRAME_WORDS
    ]
    if not content:
        return Verdict(False, "empty", 0.0)
    uncovered = [
        w for w in content if term(w) not in passage.terms and _stem(w) not in passage.stems
    ]
    coverage = 1 - len(uncovered) / len(content)
    if coverage < threshold:
        return Verdict(False, "coverage", coverage, tuple(uncovered))
    return Verdict(True, "ok", coverage)


def echoes(sentence: str, instructions: str, passage: str, run: int = SHARED_RUN) -> bool:
    """The sentence repeats ``run`` words in a row of the instructions that the passage does
    not hold itself: the model is reciting its prompt, whatever a report asked it to do."""
    words = [fold(w) for w in split_words(sentence)]
    source = " " + " ".join(fold(w) for w in split_words(instructions)) + " "
    own = " " + " ".join(fold(w) for w in split_words(passage)) + " "
    for i in range(len(words) - run + 1):
        piece = " " + " ".join(words[i : i + run]) + " "
        if piece in source and piece not in own:
            return True
    return False
