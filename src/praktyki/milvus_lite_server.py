"""milvus-lite's own server binary on a TCP port, standing in for Milvus standalone: several app
replicas on one machine, the two-replica test and the Milvus throughput benchmark share it."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def milvus_lite_server(db_file: Path, wait: float = 60) -> Iterator[str]:
    """Serve ``db_file`` on a free loopback port until the block ends; yields the URI for
    PRAKTYKI_MILVUS_URI. Raises RuntimeError when the server does not start."""
    from milvus_lite.server import Server

    port = _free_port()
    server = Server(str(db_file), f"127.0.0.1:{port}")
    if not server.init() or not server.start():
        raise RuntimeError("milvus-lite server did not start")
    try:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
