"""Streams a chat completion from an OpenAI-compatible server (vLLM, Ollama, llama.cpp…).

The whole answer has one deadline, ``llm_timeout``: the HTTP read runs in a worker thread and
the caller waits on a queue, so a server that trickles a byte now and then cannot hold the
reader past it. Every way the server can fail becomes :class:`GenerationFailed`.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from .config import Settings
from .errors import GenerationFailed

log = logging.getLogger(__name__)

_Event = tuple[str, Any]  # ("token", str) | ("done", None) | ("error", GenerationFailed)


def stream_tokens(settings: Settings, messages: list[dict[str, str]]) -> Iterator[str]:
    """The completion's text pieces as they arrive; raises GenerationFailed."""
    deadline = time.monotonic() + settings.llm_timeout
    events: queue.Queue[_Event] = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(
        target=_read, args=(settings, messages, events, stop), daemon=True, name="llm-stream"
    )
    worker.start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise queue.Empty
                kind, value = events.get(timeout=remaining)
            except queue.Empty:
                raise GenerationFailed(
                    "timeout", f"no complete answer within {settings.llm_timeout:g} s"
                ) from None
            if kind == "token":
                yield value
            elif kind == "done":
                return
            else:
                raise value
    finally:
        stop.set()  # the worker leaves at its next piece; a blocked read ends at its timeout


def _request(settings: Settings, messages: list[dict[str, str]]) -> tuple[str, dict, dict]:
    url = (settings.llm_url or "").rstrip("/") + "/chat/completions"
    headers = {"Accept": "text/event-stream"}
    if settings.llm_api_key is not None:
        headers["Authorization"] = f"Bearer {settings.llm_api_key.get_secret_value()}"
    body = {
        "model": settings.llm_model or "default",
        "messages": messages,
        "stream": True,
        "max_tokens": settings.llm_max_tokens,
        "temperature": 0,
    }
    return url, headers, body


def _read(
    settings: Settings,
    messages: list[dict[str, str]],
    events: queue.Queue[_Event],
    stop: threading.Event,
) -> None:
    url, headers, body = _request(settings, messages)
    timeout = httpx.Timeout(settings.llm_timeout)
    try:
        with (
            httpx.Client(timeout=timeout) as client,
            client.stream("POST", url, json=body, headers=headers) as response,
        ):
            if response.status_code >= 400:
                raise GenerationFailed("http", f"HTTP {response.status_code}", response.status_code)
            if "text/event-stream" not in response.headers.get("content-type", ""):
                # A server that ignores "stream" answers with one JSON completion.
                data = json.loads(response.read())
                events.put(("token", str(data["choices"][0]["message"]["content"] or "")))
                events.put(("done", None))
                return
            _read_events(response, events, stop)
    except GenerationFailed as exc:
        events.put(("error", exc))
    except httpx.ConnectError as exc:
        events.put(("error", GenerationFailed("unreachable", type(exc).__name__)))
    except httpx.TimeoutException as exc:
        events.put(("error", GenerationFailed("timeout", type(exc).__name__)))
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        # A connection cut mid-stream, JSON that is not a completion, bytes that are not UTF-8.
        events.put(("error", GenerationFailed("malformed", type(exc).__name__)))


def _read_events(
    response: httpx.Response, events: queue.Queue[_Event], stop: threading.Event
) -> None:
    """Server-sent events: ``data: {json}`` lines, ``data: [DONE]`` at the end."""
    finished = False
    for line in response.iter_lines():
        if stop.is_set():
            return
        if not line or line.startswith(":"):
            continue
        if not line.startswith("data:"):
            raise GenerationFailed("malformed", "a line that is no server-sent event")
        payload = line[5:].strip()
        if payload == "[DONE]":
            events.put(("done", None))
            return
        event = json.loads(payload)
        if "error" in event:
            raise GenerationFailed("http", "the server reported an error mid-stream")
        choice = event["choices"][0]
        piece = (choice.get("delta") or {}).get("content") or ""
        if not isinstance(piece, str):
            raise GenerationFailed("malformed", "content that is not text")
        if piece:
            events.put(("token", piece))
        finished = finished or bool(choice.get("finish_reason"))
    if not finished:
        raise GenerationFailed("malformed", "the stream ended before the answer did")
    events.put(("done", None))
