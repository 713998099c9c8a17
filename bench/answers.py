"""Answer integrity and trainer speed on the sample corpus.

1. Every answer sentence of the dev-question answers: does it stand, word for word, at its
   offsets in the passage its [n] cites? Prints the share verified.
2. Trainer mode: median time of a topic query with its DOCX and Markdown handout written.

    python bench/answers.py [--index DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

from praktyki import Engine, Settings, handout
from praktyki.answer import grounded
from praktyki.evaluate import load_questions

ROOT = Path(__file__).resolve().parent.parent
TOPICS = [
    "spółdzielnie socjalne prowadzące gastronomię",
    "klauzule społeczne w zamówieniach publicznych",
    "spółdzielnie socjalne osób prawnych zakładane przez samorządy",
    "zatrudnienie osób wychodzących z bezdomności",
    "zakłady aktywności zawodowej",
    "wizyty studyjne",
    "zlecanie zadań publicznych organizacjom pozarządowym",
    "turystyka i wioski tematyczne",
    "centra i kluby integracji społecznej",
    "usługi opiekuńcze dla seniorów",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        engine = Engine(Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir))
        if not engine.has_index():
            engine.index()
        markers = verified = 0
        for q in load_questions(ROOT / "tests" / "data" / "dev_questions.jsonl"):
            answer = engine.ask(q.question)
            for s in answer.sentences:
                markers += 1
                verified += grounded(dataclasses.replace(answer, sentences=(s,)))
        print(
            f"answer sentences verified against their cited passages: {verified}/{markers} "
            f"= {verified / max(markers, 1):.3f}"
        )

        times = []
        for topic in TOPICS:
            start = time.perf_counter()
            found = engine.examples(topic, n=5)
            handout.write_docx(Path(tmp) / "h.docx", topic, found)
            (Path(tmp) / "h.md").write_text(handout.to_markdown(topic, found), "utf-8")
            times.append(time.perf_counter() - start)
        print(
            f"trainer query + DOCX/MD export, {len(TOPICS)} topics on {os.cpu_count()} cores: "
            f"median {statistics.median(times):.2f} s, max {max(times):.2f} s"
        )


if __name__ == "__main__":
    main()
