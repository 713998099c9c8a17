"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and misbehaves
on request: the failure modes a language-model server shows in production (down, HTTP errors,
stalls, a byte now and then, garbage, a cut stream), and a scripted completion for checking
what verification does with a given text. The real model is tested in test_llm_server.py."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    text: str = ""  # what the "model" writes, streamed in small pieces
    requests: list[dict[str, Any]] = field(default_factory=list)  # bodies and headers received


def _events(text: str) -> Iterator[bytes]:
    for i in range(0, len(text), 4):
        delta = {"choices": [{"index": 0, "delta": {"content": text[i : i + 4]}}]}
        yield f"data: {json.dumps(delta, ensure_ascii=False)}\n\n".encode()
    done = {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    yield f"data: {json.dumps(done)}\n\n".encode()
    yield b"data: [DONE]\n\n"


class _Handler(BaseHTTPRequestHandler):
    script: Script

    def log_message(self, *args: Any) -> None:  # quiet test output
        pass

    def _start(self, status: int = 200, kind: str = "text/event-stream") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.script.requests.append({"body": body, "headers": dict(self.headers)})
        behaviour = self.path.strip("/").split("/")[0]
        # The client may give up, as it should past its deadline.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            getattr(self, f"_{behaviour}")()

    def _stream(self) -> None:
        self._start()
        for event in _events(self.script.text):
            self.wfile.write(event)
            self.wfile.flush()

    def _json(self) -> None:
        self._start(kind="application/json")
        message = {"role": "assistant", "content": self.script.text}
        self.wfile.write(json.dumps({"choices": [{"message": message}]}).encode())

    def _error500(self) -> None:
        self._start(500, "application/json")
        self.wfile.write(b'{"error": "model crashed"}')

    def _error401(self) -> None:
        self._start(401, "application/json")
        self.wfile.write(b'{"error": "bad key"}')

    def _stall(self) -> None:
        time.sleep(8)

    def _trickle(self) -> None:
        """Keeps the connection alive with a comment line every 0.2 s, never answering."""
        self._start()
        for _ in range(40):
            self.wfile.write(b": still thinking\n\n")
            self.wfile.flush()
            time.sleep(0.2)

    def _garbage(self) -> None:
        self._start()
        self.wfile.write(b'data: {"choices": [{"delta": {"content": "Spo\n\n')

    def _html(self) -> None:
        self._start(200, "text/html")
        self.wfile.write(b"<html>proxy login</html>")

    def _cut(self) -> None:
        self._start()
        for event in list(_events(self.script.text))[:3]:
            self.wfile.write(event)
        self.wfile.flush()


@contextmanager
def llm_server() -> Iterator[tuple[str, Script]]:
    """(base address, script); ``f"{address}/stream/v1"`` is an OpenAI-compatible base URL."""
    script = Script()
    handler = type("Handler", (_Handler,), {"script": script})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", script
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
