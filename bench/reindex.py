"""Incremental reindex after changing one report in a 100-report corpus, vs a full rebuild.

The corpus is the sample reports plus reports assembled from their paragraphs (shuffled, so
each is distinct text). Times are medians of --repeat runs; the ratio is what matters.

    python bench/reindex.py [--reports 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from praktyki import Engine, Settings
from praktyki.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(target: Path, reports: int) -> None:
    shutil.copytree(ROOT / "corpus", target)
    docs, _ = load_corpus(ROOT / "corpus")
    paragraphs = [p for d in docs for p in d.text.split("\n\n") if len(p.split()) > 20]
    rng = random.Random(0)
    for i in range(reports - len(docs)):
        body = "\n\n".join(rng.sample(paragraphs, 5))
        (target / f"syntetyczny-{i:03d}.txt").write_text(
            f"Raport syntetyczny {i}\n\n{body}\n", "utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.reports)
        engine = Engine(Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index"))
        engine.encoder  # noqa: B018 - load the model outside the timings
        full, one = [], []
        for run in range(args.repeat):
            start = time.perf_counter()
            report = engine.index(rebuild=True)
            full.append(time.perf_counter() - start)
            changed = corpus / "2017" / "kielce-lodzkie.md"
            changed.write_text(changed.read_text("utf-8") + f"\nDopisek numer {run}.\n", "utf-8")
            start = time.perf_counter()
            incremental = engine.index()
            one.append(time.perf_counter() - start)
            assert incremental.updated == ["2017/kielce-lodzkie"], incremental.to_json()
        print(
            f"machine: {os.cpu_count()} cores; {len(engine.documents())} reports, {report.chunks} chunks"
        )
        print(f"full rebuild: median {statistics.median(full):.1f} s")
        print(f"one report changed: median {statistics.median(one):.2f} s")
        print(f"ratio incremental/full: {statistics.median(one) / statistics.median(full):.3f}")


if __name__ == "__main__":
    main()
