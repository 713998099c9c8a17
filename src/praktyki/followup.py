"""Elliptic follow-up questions ("a w łódzkim?", "ile osób tam pracuje?") read against the
previous turn of the same conversation, by rules rather than an LLM."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .filters import Filters
from .lemmas import split_words, stop_words
from .metadata import find_region
from .normalize import fold

# A question opening with these continues the previous one: "a w łódzkim?", "i w 2019?".
# Not "to" ("To jak gmina…?" is "So how…?") nor "czy" (it opens any yes/no question).
_CONTINUATIONS = frozenset(["a", "i", "oraz", "ale"])
# Words that point back at what the previous answer was about.
_DEICTIC = frozenset(
    fold(w)
    for w in [
        "tam",
        "tamże",
        "tamtejsza",
        "tamtejszy",
        "tamtejsze",
        "ta",
        "ten",
        "tego",
        "tej",
        "tę",
        "tą",
        "te",
        "tych",
        "tym",
        "ich",
        "im",
        "nich",
        "nimi",
        "oni",
        "one",
        "ona",
        "ono",
        "jej",
        "jego",
        "niej",
        "niego",
        "nią",
        "niemu",
        "ów",
        "owa",
        "owe",
    ]
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
SHORT = 5  # content words at most, for a question to count as elliptic
# A continuation ("a …", "i …") with more content words than this names its own subject.
OWN_SUBJECT = 2


@dataclass(frozen=True, slots=True)
class Turn:
    """What the next question may refer back to."""

    question: str
    filters: Filters
    doc_ids: tuple[str, ...]
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Resolved:
    question: str  # what retrieval searches for
    filters: Filters
    doc_ids: tuple[str, ...] = ()  # when set, answer from these reports only
    followup: bool = False


def _content_words(question: str) -> list[str]:
    stops = stop_words("pl")
    return [w for w in split_words(question) if w not in stops and fold(w) not in _DEICTIC]


def resolve(question: str, previous: Turn | None, filters: Filters | None = None) -> Resolved:
    filters = filters or Filters()
    if previous is None:
        return Resolved(question, filters)
    words = [fold(w) for w in split_words(question)]
    content = _content_words(question)
    region = find_region(question)
    year = _YEAR.search(question)
    continues = bool(words) and words[0] in _CONTINUATIONS
    deictic = any(w in _DEICTIC for w in words)
    if not (continues or deictic) or len(content) > SHORT:
        return Resolved(question, filters)
    merged = _merge_filters(previous.filters, filters)
    if region or year:
        # "a w łódzkim?" / "a w 2019?": the same question, another place or time.
        merged = dataclasses.replace(
            merged,
            region=region or merged.region,
            year_from=int(year[1]) if year else merged.year_from,
            year_to=int(year[1]) if year else merged.year_to,
        )
        rest = [w for w in content if not find_region(w) and not _YEAR.fullmatch(w)]
        if len(rest) > OWN_SUBJECT:
            return Resolved(question, filters)
        text = " ".join([previous.question, *rest])
        return Resolved(text, merged, followup=True)
    if deictic and previous.doc_ids:
        # "ile osób tam pracuje?": about the organisation the previous answer was about.
        text = f"{question} {previous.organisation}".strip()
        return Resolved(text, merged, doc_ids=previous.doc_ids[:1], followup=True)
    if len(content) > OWN_SUBJECT:
        return Resolved(question, filters)
    return Resolved(f"{question} {previous.question}", merged, followup=True)


def _merge_filters(old: Filters, new: Filters) -> Filters:
    """Filters set now win; otherwise the conversation keeps the ones it had."""
    return Filters(
        region=new.region or old.region,
        year_from=new.year_from if new.year_from is not None else old.year_from,
        year_to=new.year_to if new.year_to is not None else old.year_to,
        org_type=new.org_type or old.org_type,
    )
