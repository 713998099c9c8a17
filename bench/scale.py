"""Retrieval latency and memory at 1k, 10k and 100k chunks: exact (flat) vs HNSW.

Synthetic chunks are made from the sample corpus' sentences: each is 3-6 random sentences, its
vector the normalised mean of those sentences' real embeddings plus a little noise, so vectors
cluster the way real passages do. Queries are the dev questions, embedded by the real model on
every call (query embedding is part of the measured latency), then searched densely and
lexically (bm25s over the same lemmas as production) and fused.

    python bench/scale.py [--sizes 1000 10000 100000] [--queries 60]

Prints p50/p95 latency, index memory, HNSW recall@10 against flat, and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path

import bm25s
import faiss
import numpy as np

from praktyki.chunk import split_sentences
from praktyki.config import Settings
from praktyki.embed import Encoder
from praktyki.faiss_backend import HNSW_EF_SEARCH, HNSW_M
from praktyki.fuse import rrf
from praktyki.language import detect_language
from praktyki.lemmas import Analyzer
from praktyki.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def synthetic(sentences: list[str], vectors: np.ndarray, n: int, rng: np.random.Generator):
    texts, out = [], np.empty((n, vectors.shape[1]), dtype=np.float32)
    for i in range(n):
        picks = rng.choice(len(sentences), size=rng.integers(3, 7), replace=False)
        texts.append(" ".join(sentences[j] for j in picks))
        v = vectors[picks].mean(axis=0) + rng.normal(0, 0.01, vectors.shape[1])
        out[i] = v / np.linalg.norm(v)
    return texts, out


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def measure(encoder, analyzer, dense, lexical, queries, candidates=50) -> list[float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        vector = encoder.encode_query([q])
        _, rows = dense.search(vector, candidates)
        lang = detect_language(q)
        terms = [t for t in analyzer.terms(q, lang) if t in lexical.vocab_dict]
        scores = lexical.get_scores(terms) if terms else np.zeros(dense.ntotal)
        top = np.argpartition(-scores, candidates)[:candidates]
        rrf([[(int(r), 0.0) for r in rows[0]], [(int(r), float(scores[r])) for r in top]], [1, 1])
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    encoder = Encoder(Settings())
    docs, _ = load_corpus(ROOT / "corpus")
    sentences = [s.text for d in docs for s in split_sentences(d.text) if s.words >= 5]
    sentence_vectors = encoder.encode_document(sentences)
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "tests" / "data" / "dev_questions.jsonl")
        .read_text("utf-8")
        .splitlines()
    ][: args.queries]
    analyzer = Analyzer()
    analyzer.learn(d.text for d in docs)
    encoder.encode_query(questions[:5])  # warm up

    results = []
    for n in args.sizes:
        texts, vectors = synthetic(sentences, sentence_vectors, n, rng)
        lexical = bm25s.BM25()
        lexical.index([analyzer.terms(t) for t in texts], show_progress=False)
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        start = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 200
        hnsw.add(vectors)
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        hnsw_build = time.perf_counter() - start
        qv = encoder.encode_query(questions)
        _, exact = flat.search(qv, 10)
        _, approx = hnsw.search(qv, 10)
        recall = float(
            np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
        )
        row = {
            "chunks": n,
            "hnsw_recall@10": round(recall, 4),
            "hnsw_build_s": round(hnsw_build, 1),
        }
        for name, index in (("flat", flat), ("hnsw", hnsw)):
            times = measure(encoder, analyzer, index, lexical, questions)
            row[f"{name}_p50_ms"] = round(statistics.median(times), 1)
            row[f"{name}_p95_ms"] = round(percentile(times, 95), 1)
            row[f"{name}_index_mb"] = round(len(faiss.serialize_index(index)) / 2**20, 1)
        row["bm25_mb"] = round(
            sum(a.nbytes for a in lexical.scores.values() if hasattr(a, "nbytes")) / 2**20, 1
        )
        results.append(row)
        print(json.dumps(row), flush=True)

    base = results[0]
    print(
        f"\nmachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(
        f"{'chunks':>8} {'flat p50':>9} {'flat p95':>9} {'hnsw p50':>9} {'hnsw p95':>9} "
        f"{'hnsw/flat p95':>14} {'p95 vs 1k':>10} {'recall':>7} {'flat MB':>8} {'hnsw MB':>8}"
    )
    for r in results:
        print(
            f"{r['chunks']:>8} {r['flat_p50_ms']:>9} {r['flat_p95_ms']:>9} {r['hnsw_p50_ms']:>9} "
            f"{r['hnsw_p95_ms']:>9} {r['hnsw_p95_ms'] / r['flat_p95_ms']:>14.2f} "
            f"{r['flat_p95_ms'] / base['flat_p95_ms']:>10.2f} {r['hnsw_recall@10']:>7} "
            f"{r['flat_index_mb']:>8} {r['hnsw_index_mb']:>8}"
        )


if __name__ == "__main__":
    main()
