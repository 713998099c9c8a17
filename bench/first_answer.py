"""Time to first answer after a restart: start `python app.py` over a built index (and a
converted model), wait for the page, ask one question through the chat endpoint, and report
the seconds from process start to page up and to the first answer.

    python bench/first_answer.py [--index DIR] [--runs 3] [--question "..."]

The index is built once beforehand (not timed) when the folder has none. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Która spółdzielnia socjalna prowadzi kino w Łodzi?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_page(url: str, proc: subprocess.Popen[bytes], limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app.py exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the page did not come up")


def app_env(index_dir: Path, port: int, **settings: str) -> dict[str, str]:
    """The environment for `python app.py` over the sample corpus and ``index_dir`` on
    ``port``, with further PRAKTYKI_ settings."""
    return {
        **os.environ,
        "PRAKTYKI_INDEX_DIR": str(index_dir),
        "PRAKTYKI_CORPUS_DIR": str(ROOT / "corpus"),
        "PRAKTYKI_PORT": str(port),
        "PRAKTYKI_HOST": "127.0.0.1",
        **{f"PRAKTYKI_{name.upper()}": value for name, value in settings.items()},
    }


def ensure_index(index_dir: Path) -> None:
    """Build the sample corpus's index in ``index_dir`` unless one is there (not timed)."""
    from praktyki import Engine, Settings

    engine = Engine(Settings(corpus_dir=ROOT / "corpus", index_dir=index_dir))
    if not engine.has_index():
        engine.index()


def one_run(index_dir: Path, question: str, log: Path) -> dict[str, float]:
    from gradio_client import Client

    port = _free_port()
    env = app_env(index_dir, port)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")], env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_for_page(url, proc)
            page_up = time.monotonic() - started
            client = Client(url, analytics_enabled=False, verbose=False)
            # The chat endpoint without its session state: question, chat, the four filters.
            result = client.predict(
                question,
                [],
                "wszystkie",
                "bez ograniczeń",
                "bez ograniczeń",
                "wszystkie",
                api_name="/chat",
            )
            answered = time.monotonic() - started
            if "Źródła" not in str(result):
                raise RuntimeError(f"no answer with sources: {result!r:.300}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return {"page_up_s": round(page_up, 2), "first_answer_s": round(answered, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, help="Index folder to build or reuse.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index or Path(tmp) / "index"
        ensure_index(index_dir)  # not timed: the benchmark is about a restart
        runs = [
            one_run(index_dir, args.question, Path(tmp) / f"app-{i}.log") for i in range(args.runs)
        ]
    print(
        json.dumps(
            {
                "runs": runs,
                "median_first_answer_s": statistics.median(r["first_answer_s"] for r in runs),
                "median_page_up_s": statistics.median(r["page_up_s"] for r in runs),
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
