"""Per-question cost of ``Engine.ask`` on the sample corpus: median and p95 over the dev
questions, after one warm-up pass. Uses only ``Engine(Settings).index()/ask()``, so the same
script measures an older checkout too (``PYTHONPATH=<old checkout>/src python bench/ask_latency.py``).

    python bench/ask_latency.py [--index DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import praktyki
from praktyki import Engine, Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, help="Index folder to build or reuse.")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "tests" / "data" / "dev_questions.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        engine = Engine(Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir))
        if not engine.has_index():
            engine.index()
        for q in questions:  # warm-up: model, index and caches loaded
            engine.ask(q)
        times = []
        for _ in range(args.rounds):
            for q in questions:
                start = time.perf_counter()
                engine.ask(q)
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"Engine.ask, praktyki from {Path(praktyki.__file__).parent}, {len(questions)} questions "
        f"x {args.rounds} rounds, {os.cpu_count()} cores {platform.machine()}: "
        f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms"
    )


if __name__ == "__main__":
    main()
