"""Calibrate grounding.COVERAGE_THRESHOLD on a development set.

For every question whose extractive answer is given, the passages a language model would see
(generate.sources_of) are split into sentences. A sentence checked against its own passage is
what a faithful model writes at best; checked against another passage of the same question it
is what a model citing the wrong [n], or writing what no given passage says, looks like: same
topic, same kind of facts (dev2's reports name several organisations with a headcount, a year
and an amount each). Printed: how many of those wrong pairs the number and name checks already
refuse, and for each threshold the share of the rest that content-word coverage lets through.
The threshold is the lowest with at most 5% let through.

    python bench/grounding_threshold.py [--questions bench/dev2/questions.jsonl]
        [--corpus bench/dev2/corpus] [--index DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from praktyki import Engine, Settings
from praktyki.chunk import split_sentences
from praktyki.evaluate import load_questions
from praktyki.generate import sources_of
from praktyki.grounding import Passage, check

ROOT = Path(__file__).resolve().parent.parent
GRID = [round(0.05 * i, 2) for i in range(8, 20)]
LET_THROUGH = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=ROOT / "bench/dev2/questions.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench/dev2/corpus")
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        engine = Engine(Settings(corpus_dir=args.corpus, index_dir=index_dir))
        if not engine.has_index():
            engine.index()
        term = engine.version.analyzer.term
        own: list[float] = []
        own_refused: Counter[str] = Counter()  # own passage, refused whatever the threshold
        wrong: list[float] = []  # coverage of wrong pairs that pass the number and name checks
        refused = pairs = 0
        for q in load_questions(args.questions):
            answer = engine.ask(q.question)
            if answer.no_answer:
                continue
            given = sources_of(answer)
            passages = {c.n: Passage.read(c.hit.chunk.text, term) for c in given}
            for c in given:
                for piece in split_sentences(c.hit.chunk.text):
                    sentence = " ".join(piece.text.split())
                    if piece.words < 5:
                        continue
                    verdict = check(sentence, passages[c.n], term, 0.0)
                    own.append(verdict.coverage)
                    if not verdict.supported:
                        own_refused[verdict.reason] += 1
                    for n, other in passages.items():
                        if n == c.n or sentence in " ".join(other.text.split()):
                            continue
                        pairs += 1
                        verdict = check(sentence, other, term, 0.0)
                        if verdict.reason in ("number", "name"):
                            refused += 1
                        elif verdict.reason != "empty":
                            wrong.append(verdict.coverage)
    print(f"sentences checked against their own passage: {len(own)}, coverage min {min(own):.3f}")
    print(
        f"checked against another given passage: {pairs}; refused for a number or a name: "
        f"{refused} ({refused / pairs:.3f}); left to coverage: {len(wrong)}"
    )
    chosen = None
    for t in GRID:
        through = sum(c >= t for c in wrong) / len(wrong)
        print(f"  threshold {t:.2f}: {through:.3f} of them let through")
        if chosen is None and through <= LET_THROUGH:
            chosen = t
    print(f"lowest threshold letting through at most {LET_THROUGH:.0%}: {chosen}")


if __name__ == "__main__":
    main()
