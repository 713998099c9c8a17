"""The app's own SQLite file (audit log, feedback): one table per user, shared safely by threads."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class AppTable:
    def __init__(self, path: Path, schema: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False)
        # Feedback and the audit log name users and their questions: owner only.
        os.chmod(path, 0o600)
        self._lock = threading.Lock()
        with self._lock, self._conn:
            self._conn.execute(schema)

    def write(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; returns the new row id."""
        with self._lock, self._conn:
            return int(self._conn.execute(sql, params).lastrowid or 0)

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()
