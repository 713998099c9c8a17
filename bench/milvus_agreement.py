"""Do the Milvus and the embedded (FAISS + bm25s) backends find the same reports?

For each question set, indexes its corpus with the embedded backend, then the same index with the
Milvus backend (its vectors reused, not embedded again), and asks every question of both: the mean
share of the embedded top 10 reports that Milvus also returns, and each backend's MRR@10. The
issue's bar: overlap >= 0.95 and MRR@10 within 0.01.

    python bench/milvus_agreement.py [--sets sample dev2 heldout] [--milvus-uri URI] [--json]

With no --milvus-uri, milvus-lite runs embedded on a file in a temporary folder; give
http://host:19530 to measure against a Milvus server.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from praktyki import Engine, Settings
from praktyki.evaluate import agreement, load_questions

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "sample": (ROOT / "corpus", ROOT / "tests" / "data" / "dev_questions.jsonl"),
    "dev2": (ROOT / "bench" / "dev2" / "corpus", ROOT / "bench" / "dev2" / "questions.jsonl"),
    "heldout": (
        ROOT / "bench" / "heldout" / "corpus",
        ROOT / "bench" / "heldout" / "questions.jsonl",
    ),
}


def ranked_reports(engine: Engine):
    return lambda question: [h.chunk.doc_id for h in engine.search(question, k=10).hits]


def measure(name: str, work: Path, uri: str, encoder) -> dict[str, float | int | str]:
    corpus, questions_file = SETS[name]
    embedded = Engine(Settings(corpus_dir=corpus, index_dir=work / name / "faiss"), encoder)
    embedded.index()
    shutil.copytree(work / name / "faiss", work / name / "milvus")
    milvus = Engine(
        embedded.settings.model_copy(
            update={
                "index_dir": work / name / "milvus",
                "backend": "milvus",
                "milvus_uri": uri,
                "milvus_collection": f"bench_{name}",
            }
        ),
        encoder,
    )
    milvus.index()
    questions = load_questions(questions_file)
    started = time.perf_counter()
    figures = agreement(ranked_reports(embedded), ranked_reports(milvus), questions)
    seconds = time.perf_counter() - started
    return {
        "set": name,
        "questions": figures["questions"],
        "overlap@10": figures["overlap@10"],
        "mrr@10 faiss": figures["mrr@10 first"],
        "mrr@10 milvus": figures["mrr@10 second"],
        "mrr@10 difference": round(abs(figures["mrr@10 first"] - figures["mrr@10 second"]), 4),
        "seconds per question, both": round(seconds / max(len(questions), 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["dev2", "heldout"])
    parser.add_argument("--milvus-uri", help="Milvus to use (default: milvus-lite in a file)")
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args()
    from praktyki.embed import Encoder

    encoder = Encoder(Settings())
    with tempfile.TemporaryDirectory() as tmp:
        uri = args.milvus_uri or str(Path(tmp) / "bench.db")
        rows = [measure(name, Path(tmp), uri, encoder) for name in args.sets]
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    print(f"{'set':<8} {'questions':>9} {'overlap@10':>10} {'MRR faiss':>9} {'MRR milvus':>10}")
    for r in rows:
        print(
            f"{r['set']:<8} {r['questions']:>9} {r['overlap@10']:>10.4f} "
            f"{r['mrr@10 faiss']:>9.4f} {r['mrr@10 milvus']:>10.4f}"
        )


if __name__ == "__main__":
    main()
