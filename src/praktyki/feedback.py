"""Thumbs up/down and comments on answers, kept in SQLite with what was asked and cited."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .appdb import AppTable

COLUMNS = ["id", "at", "rating", "comment", "question", "answer", "chunk_ids"]
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """User text as a spreadsheet shows it: a leading quote keeps a formula a string."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self._table = AppTable(
            path,
            "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
            "rating INTEGER NOT NULL, comment TEXT NOT NULL, question TEXT NOT NULL, "
            "answer TEXT NOT NULL, chunk_ids TEXT NOT NULL)",
        )

    def record(
        self, rating: int, question: str, answer: str, chunk_ids: Sequence[str], comment: str = ""
    ) -> int:
        """rating: 1 (👍), -1 (👎) or 0 (a comment alone)."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return self._table.write(
            "INSERT INTO feedback (at, rating, comment, question, answer, chunk_ids) "
            "VALUES (?,?,?,?,?,?)",
            (at, rating, comment.strip(), question, answer, json.dumps(list(chunk_ids))),
        )

    def rows(self) -> list[dict[str, Any]]:
        found = self._table.read(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
        return [dict(zip(COLUMNS, row, strict=True)) for row in found]

    def export_csv(self, path: Path) -> int:
        rows = self.rows()
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
        return len(rows)
