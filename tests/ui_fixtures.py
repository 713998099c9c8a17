"""The real app for browser tests: one `praktyki serve` per test session, headless Chromium
driven by Playwright, pages that may not leave the machine."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import CORPUS, MODEL_CACHE, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Screenshots of every browser test land here (ignored by git).
ARTIFACTS = ROOT / "test-artifacts"
ADMIN = ("admin", "Tajne-Haslo-123")
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(args: list[str], env: dict[str, str], log_path: Path, limit: float) -> Iterator[str]:
    """`praktyki serve` with ``args`` and ``env`` (over the process's own), offline, until its
    page answers; yields its URL and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **env}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "praktyki", "serve", "--port", str(port), *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + limit
            while time.time() < deadline:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"praktyki serve exited with {proc.returncode}: "
                        f"{log_path.read_text()[-3000:]}"
                    )
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(1)
            else:
                raise RuntimeError("praktyki serve did not answer in time")
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="session")
def server(sample_index: Path, tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("ui")
    index_copy = work / "index"
    shutil.copytree(sample_index, index_copy)
    shutil.copytree(CORPUS, work / "corpus")  # admins upload into it: never the repository's
    env = {
        "PRAKTYKI_DATA_DIR": str(MODEL_CACHE),
        "PRAKTYKI_CORPUS_DIR": str(work / "corpus"),
        "PRAKTYKI_ADMIN_USER": ADMIN[0],
        "PRAKTYKI_ADMIN_PASSWORD": ADMIN[1],
        # One server serves every browser test: their ratings are not one flooding client.
        "PRAKTYKI_FEEDBACK_PER_MINUTE": "1000",
        "PRAKTYKI_APP_DB": str(work / "app.sqlite"),
    }
    log_path = tmp_path_factory.mktemp("ui-log") / "serve.log"
    with served(["--index", str(index_copy)], env, log_path, limit=180) as url:
        yield SimpleNamespace(url=url, app_db=work / "app.sqlite", log=log_path)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing; .ci/run must install it")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="pl-PL")
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    yield page
    context.close()
    assert not [u for u in outside if "favicon" not in u], f"requests left the machine: {outside}"
