"""Full build vs a reindex with one report changed, at about 1k, 10k and 100k chunks.

The corpus is synthetic: reports of --paragraphs paragraphs drawn from the sample reports
(seeded, with replacement), enough of them to reach each size. The encoder is the deterministic
fake of tests/fakes.py, so what is timed is everything but a real model; the time spent inside
the encoder is printed apart. One full build per size (at 100k it takes minutes); the reindex
with one report changed (a line appended) is timed --repeat times, the median reported.

    PYTHONPATH=src python bench/reindex_scale.py [--sizes 1000 10000 100000] [--paragraphs 30]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from praktyki import Engine, Settings
from praktyki.chunk import chunk_document
from praktyki.index import current_version
from praktyki.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.fakes import HashEncoder  # noqa: E402


class TimedEncoder(HashEncoder):
    """The fake encoder, keeping count of its texts and of the seconds spent in it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.texts = 0

    def encode_document(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        start = time.perf_counter()
        out = super().encode_document(texts)
        self.seconds += time.perf_counter() - start
        self.texts += len(texts)
        return out

    def reset(self) -> None:
        self.seconds, self.texts = 0.0, 0


def report_text(paragraphs: list[str], rng: random.Random, number: int, count: int) -> str:
    return f"Raport syntetyczny {number}\n\n" + "\n\n".join(rng.choices(paragraphs, k=count))


def make_corpus(target: Path, chunks: int, per_report: int) -> int:
    docs, _ = load_corpus(ROOT / "corpus")
    paragraphs = [p for d in docs for p in d.text.split("\n\n") if len(p.split()) > 20]
    rng = random.Random(0)
    probe = report_text(paragraphs, random.Random(1), 0, per_report)
    per = len(chunk_document("probe", probe, min_words=60, max_words=200, overlap=1))
    reports = max(2, math.ceil(chunks / per))
    for i in range(reports):
        folder = target / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = report_text(paragraphs, rng, i, per_report)
        (folder / f"raport-{i:05d}.txt").write_text(text, "utf-8")
    return reports


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def measure(chunks: int, per_report: int, repeat: int, workdir: Path) -> dict[str, float | int]:
    corpus, index = workdir / "corpus", workdir / "index"
    reports = make_corpus(corpus, chunks, per_report)
    encoder = TimedEncoder()
    engine = Engine(Settings(corpus_dir=corpus, index_dir=index, data_dir=workdir), encoder)
    start = time.perf_counter()
    full = engine.index()
    full_s = time.perf_counter() - start
    full_encoder, full_texts = encoder.seconds, encoder.texts
    changed = corpus / "000" / "raport-00001.txt"
    times, encoder_times = [], []
    for run in range(repeat):
        text = changed.read_text("utf-8") + f"\n\nDopisek numer {run} po zmianie raportu.\n"
        changed.write_text(text, "utf-8")
        encoder.reset()
        start = time.perf_counter()
        one = engine.index()
        times.append(time.perf_counter() - start)
        encoder_times.append(encoder.seconds)
        assert one.updated == ["000/raport-00001"], one.to_json()
    one_s, one_encoder = statistics.median(times), statistics.median(encoder_times)
    version = current_version(index)
    assert version is not None
    return {
        "reports": reports,
        "chunks": full.chunks,
        "full_s": round(full_s, 2),
        "full_encoder_s": round(full_encoder, 2),
        "full_texts_embedded": full_texts,
        "one_changed_s": round(one_s, 2),
        "one_changed_runs_s": [round(t, 2) for t in times],
        "one_changed_encoder_s": round(one_encoder, 2),
        "one_changed_texts_embedded": encoder.texts,
        "ratio": round(full_s / one_s, 1),
        "ratio_outside_encoder": round((full_s - full_encoder) / (one_s - one_encoder), 1),
        "version_mb": round(size_mb(version), 1),
        "version_files": sorted(p.name for p in version.iterdir()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--paragraphs", type=int, default=30, help="paragraphs per report")
    parser.add_argument("--repeat", type=int, default=3, help="reindexes timed; the median")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    for chunks in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            row = measure(chunks, args.paragraphs, args.repeat, Path(tmp))
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
