"""Retrieval metrics over a question file: Recall@k, MRR@10, nDCG@10, declines; pure maths."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import PraktykiError
from .normalize import fold

CUTOFFS = (1, 5, 10)
METRICS = (
    *(f"recall@{k}" for k in CUTOFFS),
    "mrr@10",
    "ndcg@10",
    "answered",
    "grounded",
    "declined_unanswerable",
    "declined_answerable",
)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    question: str
    relevant: tuple[str, ...]
    type: str = "other"
    lang: str = ""
    answer: tuple[str, ...] = ()  # phrases, any of which a correct answer text contains
    answer_type: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    ranked: tuple[str, ...]  # doc_ids, best first
    declined: bool
    answer_text: str = ""
    grounded: bool = True  # every [n] of the answer holds its sentence

    @property
    def answered(self) -> bool:
        """The answer a person reads holds the asked fact."""
        text = _flat(self.answer_text)
        return not self.declined and any(_flat(p) in text for p in self.question.answer)


class BadQuestionFile(PraktykiError):
    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path = str(path)
        self.reason = f"line {line}: {reason}"
        super().__init__(f"{path}: {self.reason}")


def load_questions(path: Path) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                Question(
                    id=str(raw["id"]),
                    question=str(raw["question"]),
                    relevant=tuple(raw.get("relevant") or ()),
                    type=str(raw.get("type") or "other"),
                    lang=str(raw.get("lang") or ""),
                    answer=_phrases(raw.get("answer")),
                    answer_type=str(raw.get("answer_type") or ""),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise BadQuestionFile(path, number, str(exc)) from exc
    return questions


def _phrases(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return tuple(str(v) for v in value or () if str(v).strip())


def _flat(text: str) -> str:
    """Case, diacritics and spacing aside, as a reader compares."""
    return " ".join(fold(text).replace("–", "-").split())


def recall_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    return len(relevant & set(ranked[:k])) / len(relevant)


def mrr_at(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1.0 / math.log2(r + 1) for r, d in enumerate(ranked[:k], start=1) if d in relevant)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal if ideal else 0.0


def summarise(outcomes: Sequence[Outcome]) -> dict[str, float | int]:
    answerable = [o for o in outcomes if o.question.relevant]
    unanswerable = [o for o in outcomes if not o.question.relevant]
    out: dict[str, float | int] = {"questions": len(answerable) + len(unanswerable)}
    if answerable:
        for k in CUTOFFS:
            out[f"recall@{k}"] = _mean(
                recall_at(o.ranked, set(o.question.relevant), k) for o in answerable
            )
        out["mrr@10"] = _mean(mrr_at(o.ranked, set(o.question.relevant)) for o in answerable)
        out["ndcg@10"] = _mean(ndcg_at(o.ranked, set(o.question.relevant)) for o in answerable)
        out["declined_answerable"] = _mean(float(o.declined) for o in answerable)
        with_phrase = [o for o in answerable if o.question.answer]
        if with_phrase:
            out["answered"] = _mean(float(o.answered) for o in with_phrase)
    given = [o for o in outcomes if not o.declined]
    if given:
        out["grounded"] = _mean(float(o.grounded) for o in given)
    if unanswerable:
        out["declined_unanswerable"] = _mean(float(o.declined) for o in unanswerable)
    return out


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    by_type: dict[str, list[Outcome]] = defaultdict(list)
    by_answer_type: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_type[o.question.type].append(o)
        by_answer_type[o.question.answer_type or "other"].append(o)
    return {
        "overall": summarise(outcomes),
        "by_type": {t: summarise(group) for t, group in sorted(by_type.items())},
        "by_answer_type": {t: summarise(g) for t, g in sorted(by_answer_type.items())},
    }


Asked = tuple[Sequence[str], bool, str, bool]  # ranked doc_ids, declined, answer text, grounded


def run(questions: Sequence[Question], ask: Callable[[str], Asked]) -> list[Outcome]:
    """``ask`` returns, for a question, (ranked doc_ids, declined, answer text, grounded)."""
    outcomes = []
    for q in questions:
        ranked, declined, text, grounded = ask(q.question)
        outcomes.append(Outcome(q, tuple(ranked), declined, text, grounded))
    return outcomes


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return round(sum(items) / len(items), 4) if items else 0.0


def agreement(
    first: Callable[[str], Sequence[str]],
    second: Callable[[str], Sequence[str]],
    questions: Sequence[Question],
    k: int = 10,
) -> dict[str, float | int]:
    """How alike two retrievers rank reports (two search backends over one corpus): the mean
    share of the first's top ``k`` that the second also returns, and each one's MRR@10 over
    the answerable questions. ``first`` and ``second`` give ranked doc ids for a question."""
    overlap, mrr_first, mrr_second = [], [], []
    for q in questions:
        a, b = list(first(q.question))[:k], list(second(q.question))[:k]
        overlap.append(len(set(a) & set(b)) / len(a) if a else float(not b))
        if q.relevant:
            mrr_first.append(mrr_at(a, set(q.relevant)))
            mrr_second.append(mrr_at(b, set(q.relevant)))
    return {
        "questions": len(questions),
        f"overlap@{k}": _mean(overlap),
        "mrr@10 first": _mean(mrr_first),
        "mrr@10 second": _mean(mrr_second),
    }
