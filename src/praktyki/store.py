"""SQLite metadata of one index version: documents and chunks, rows aligned with FAISS ids."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .types import Chunk, DocInfo, Document

MIGRATIONS: list[str] = [
    # 1: documents and chunks; chunks.row is the FAISS / BM25 row id.
    """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL DEFAULT '',
        year INTEGER,
        region TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'pl',
        organisations TEXT NOT NULL DEFAULT '[]',
        meta TEXT NOT NULL DEFAULT '{}',
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE chunks (
        row INTEGER PRIMARY KEY,
        chunk_id TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        page INTEGER
    );
    CREATE INDEX chunks_doc ON chunks(doc_id);
    """,
]

_DOC_COLUMNS = "doc_id, path, title, date, region, language, year, organisations, meta"


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    if not readonly:
        migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> None:
    """Apply numbered migrations past PRAGMA user_version, each in its own transaction."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    for number, script in enumerate(migrations[version:], start=version + 1):
        with conn:
            conn.executescript(script)
            conn.execute(f"PRAGMA user_version = {number}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def insert_document(conn: sqlite3.Connection, doc: Document, content_hash: str) -> None:
    meta = {k: _jsonable(v) for k, v in doc.meta.items() if k not in {"organisations"}}
    conn.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.doc_id,
            doc.path,
            doc.title,
            doc.date,
            doc.meta.get("year"),
            doc.region,
            str(doc.meta.get("language") or "pl"),
            json.dumps(doc.meta.get("organisations", []), ensure_ascii=False),
            json.dumps(meta, ensure_ascii=False),
            content_hash,
            doc.text,
        ),
    )


def insert_chunks(
    conn: sqlite3.Connection, first_row: int, chunks: Iterable[Chunk], pages: Iterable[int | None]
) -> None:
    conn.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?)",
        [
            (first_row + i, c.chunk_id, c.doc_id, c.ordinal, c.text, c.start, c.end, page)
            for i, (c, page) in enumerate(zip(chunks, pages, strict=True))
        ],
    )


def chunk_doc_ids(conn: sqlite3.Connection) -> list[str]:
    """doc_id per row, in row order: what grouping and filtering need in memory."""
    return [r[0] for r in conn.execute("SELECT doc_id FROM chunks ORDER BY row")]


def fetch_chunks(
    conn: sqlite3.Connection, rows: Sequence[int]
) -> dict[int, tuple[Chunk, int | None]]:
    if not rows:
        return {}
    marks = ",".join("?" * len(rows))
    found = conn.execute(
        f'SELECT row, chunk_id, doc_id, ordinal, text, start, "end", page FROM chunks '
        f"WHERE row IN ({marks})",
        [int(r) for r in rows],
    )
    return {
        r["row"]: (
            Chunk(r["chunk_id"], r["doc_id"], r["ordinal"], r["text"], r["start"], r["end"]),
            r["page"],
        )
        for r in found
    }


def doc_infos(conn: sqlite3.Connection) -> dict[str, DocInfo]:
    return {
        r["doc_id"]: DocInfo(
            r["doc_id"],
            r["title"],
            r["date"],
            r["region"],
            r["language"],
            r["path"],
            r["year"],
            tuple((o["name"], o["form"]) for o in json.loads(r["organisations"])),
            tuple(json.loads(r["meta"]).get("regions") or ()),
        )
        for r in conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents")
    }


def document_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT d.doc_id, d.path, d.title, d.date, d.year, d.region, d.language, d.organisations, "
        "d.content_hash, COUNT(c.row) AS chunks FROM documents d "
        "LEFT JOIN chunks c ON c.doc_id = d.doc_id GROUP BY d.doc_id ORDER BY d.doc_id"
    )
    return [{**dict(r), "organisations": json.loads(r["organisations"])} for r in rows]


def document_text(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return row[0] if row else None
