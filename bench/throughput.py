"""Sustained answers per second and latency under concurrent chat users (issue #11).

Starts `python app.py` on a built index of the sample corpus, then for each user count (default
1, 8, 32) runs that many gradio_client users, each asking dev questions through the chat
endpoint one after another for ``--seconds``. Prints answers/s, p50 and p95 latency per count.

    python bench/throughput.py [--index DIR] [--users 1 8 32] [--seconds 30] [--backend milvus]

With ``--backend milvus`` the passages live in Milvus: milvus-lite's own server on a TCP port (as
Milvus standalone would serve several replicas), indexed from the embedded index's vectors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from first_answer import ROOT, _free_port, _wait_for_page, app_env, ensure_index

from praktyki.milvus_lite_server import milvus_lite_server

ANY = "bez ograniczeń"
_TLS = ssl.create_default_context()
ALL = "wszystkie"


def _questions() -> list[str]:
    from praktyki.evaluate import load_questions

    return [q.question for q in load_questions(ROOT / "tests" / "data" / "dev_questions.jsonl")]


def _user(url: str, questions: list[str], offset: int, until: float, out: list[float]) -> None:
    from gradio_client import Client

    # gradio_client builds a fresh TLS context (loading every CA certificate) for each call,
    # ~20 ms of CPU on this machine's shared cores, although the app is served over plain
    # http; one context shared by all users keeps the clients' cost near a browser's.
    client = Client(url, analytics_enabled=False, verbose=False, ssl_verify=_TLS)
    i = offset
    while time.monotonic() < until:
        started = time.monotonic()
        client.predict(questions[i % len(questions)], [], ALL, ANY, ANY, ALL, api_name="/chat")
        out.append(time.monotonic() - started)
        i += 1


def load(url: str, users: int, seconds: float, questions: list[str]) -> dict[str, float]:
    latencies: list[list[float]] = [[] for _ in range(users)]
    until = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=_user, args=(url, questions, 7 * u, until, latencies[u]))
        for u in range(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    flat = sorted(x for per_user in latencies for x in per_user)
    return {
        "users": users,
        "answers": len(flat),
        "answers_per_s": round(len(flat) / elapsed, 2),
        "p50_s": round(statistics.median(flat), 3) if flat else 0.0,
        "p95_s": round(flat[int(0.95 * (len(flat) - 1))], 3) if flat else 0.0,
    }


def index_in_milvus(index_dir: Path, uri: str) -> None:
    """The sample corpus indexed into Milvus; the embedded index next to it lends its vectors."""
    from praktyki import Engine, Settings

    Engine(
        Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir, backend="milvus", milvus_uri=uri)
    ).index()


def serve_and_load(
    index_dir: Path, tmp: Path, users: list[int], seconds: float, **settings: str
) -> list[dict[str, float]]:
    port = _free_port()
    # The benchmark measures service, not refusals: the queue holds every user.
    env = app_env(index_dir, port, app_db=str(tmp / "app.sqlite"), queue_size="256", **settings)
    url = f"http://127.0.0.1:{port}"
    with (tmp / "app.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")], env=env, stdout=log, stderr=log
        )
        try:
            _wait_for_page(url, proc)
            questions = _questions()
            return [load(url, n, seconds, questions) for n in users]
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, help="Index folder to build or reuse.")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--backend", choices=["faiss", "milvus"], default="faiss")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        index_dir = args.index or tmp / "index"
        ensure_index(index_dir)
        if args.backend == "faiss":
            rows = serve_and_load(index_dir, tmp, args.users, args.seconds)
        else:
            milvus_index = tmp / "milvus-index"
            shutil.copytree(index_dir, milvus_index)
            with milvus_lite_server(tmp / "milvus.db") as uri:
                index_in_milvus(milvus_index, uri)
                rows = serve_and_load(
                    milvus_index, tmp, args.users, args.seconds, backend="milvus", milvus_uri=uri
                )
    summary = {"backend": args.backend, "cpus": os.cpu_count(), "seconds": args.seconds}
    print(json.dumps({**summary, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
