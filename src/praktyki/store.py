"""SQLite metadata of one index version: documents and chunks, rows aligned with FAISS ids."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .types import Chunk, DocInfo, Document, SentenceRecord

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
    # 2: every sentence of a report, with what answering needs, computed once at index time;
    # sentences.row is the row of its vector in sentence_vectors.npy.
    """
    CREATE TABLE sentences (
        row INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        leaning INTEGER NOT NULL DEFAULT 0,
        tokens TEXT NOT NULL DEFAULT '',
        terms TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sentences_doc ON sentences(doc_id, ordinal);
    """,
    # 3: what lets the next version reuse a report without reading it again: the file's digest,
    # the forms it teaches the lexicon, the words its terms look up in the lexicon (lemmas.
    # Analyzer.keys), and its passages' BM25 terms.
    """
    ALTER TABLE documents ADD COLUMN source TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN forms TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN lookups TEXT NOT NULL DEFAULT '';
    ALTER TABLE chunks ADD COLUMN terms TEXT NOT NULL DEFAULT '';
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


def insert_document(
    conn: sqlite3.Connection,
    doc: Document,
    content_hash: str,
    source: str = "",
    forms: dict[str, Any] | None = None,
    lookups: Iterable[str] = (),
) -> None:
    meta = {k: _jsonable(v) for k, v in doc.meta.items() if k not in {"organisations"}}
    conn.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            source,
            json.dumps(forms or {}, ensure_ascii=False, sort_keys=True),
            " ".join(sorted(lookups)),
        ),
    )


def insert_chunks(
    conn: sqlite3.Connection,
    first_row: int,
    chunks: Iterable[Chunk],
    pages: Iterable[int | None],
    terms: Iterable[Sequence[str]],
) -> None:
    conn.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (first_row + i, c.chunk_id, c.doc_id, c.ordinal, c.text, c.start, c.end, page,
             " ".join(t))
            for i, (c, page, t) in enumerate(zip(chunks, pages, terms, strict=True))
        ],
    )  # fmt: skip


def insert_sentences(
    conn: sqlite3.Connection,
    first_row: int,
    doc_id: str,
    sentences: Iterable[SentenceRecord],
) -> None:
    conn.executemany(
        "INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (first_row + i, doc_id, s.ordinal, s.text, s.start, s.end, s.organisation,
             int(s.leaning), " ".join(sorted(s.tokens)), " ".join(s.terms))
            for i, s in enumerate(sentences)
        ],
    )  # fmt: skip


def doc_sentences(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[SentenceRecord]:
    """Every sentence of these reports, in report order."""
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    rows = conn.execute(
        f'SELECT row, doc_id, ordinal, text, start, "end", organisation, leaning, tokens, terms '
        f"FROM sentences WHERE doc_id IN ({marks}) ORDER BY doc_id, ordinal",
        list(doc_ids),
    )
    return [
        SentenceRecord(
            r["row"], r["doc_id"], r["ordinal"], r["text"], r["start"], r["end"],
            r["organisation"], bool(r["leaning"]), frozenset(r["tokens"].split()),
            tuple(r["terms"].split()),
        )
        for r in rows
    ]  # fmt: skip


def doc_chunks(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, Chunk, int | None]]:
    """Every passage of one report: (row, chunk, page), in report order."""
    found = conn.execute(
        'SELECT row, chunk_id, doc_id, ordinal, text, start, "end", page FROM chunks '
        "WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    )
    return [
        (r["row"], Chunk(r["chunk_id"], r["doc_id"], r["ordinal"], r["text"], r["start"], r["end"]),
         r["page"])
        for r in found
    ]  # fmt: skip


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


PUBLISHER_KEYS = ("publisher", "wydawca", "source", "źródło")


def publisher_of(meta: dict[str, Any]) -> str:
    """The publisher a report's front matter names, under any of its usual keys."""
    return next((str(meta[k]).strip() for k in PUBLISHER_KEYS if meta.get(k)), "")


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
            publisher_of(json.loads(r["meta"])),
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


# -- reuse of a previous version's rows (index.py) --------------------------------------------

PREVIOUS = "previous"  # the schema name the previous version's database is attached under


def attach_previous(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"ATTACH DATABASE ? AS {PREVIOUS}", (str(path),))


def detach_previous(conn: sqlite3.Connection) -> None:
    conn.commit()
    conn.execute(f"DETACH DATABASE {PREVIOUS}")


def spans(conn: sqlite3.Connection, table: str) -> dict[str, tuple[int, int]]:
    """First row and number of rows of each report in ``chunks`` or ``sentences``: a report's
    rows are consecutive."""
    if table not in {"chunks", "sentences"}:
        raise ValueError(table)
    found = conn.execute(f"SELECT doc_id, MIN(row), COUNT(*) FROM {table} GROUP BY doc_id")
    return {doc_id: (int(first), int(count)) for doc_id, first, count in found}


def taught_forms(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """What each report teaches the lexicon (lemmas.forms of its text and of its title)."""
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(doc_ids), 500):
        part = list(doc_ids[start : start + 500])
        marks = ",".join("?" * len(part))
        for doc_id, forms in conn.execute(
            f"SELECT doc_id, forms FROM {PREVIOUS}.documents WHERE doc_id IN ({marks})", part
        ):
            out[doc_id] = json.loads(forms)
    return out


def copy_reports(
    conn: sqlite3.Connection, moves: Sequence[tuple[str, str, str, int, int]]
) -> None:
    """Reports' rows from the attached previous version, each move ``(doc_id, path, source,
    shift, sentence_shift)`` giving the report's file and its digest now, and how far its chunk
    and sentence rows move. One statement a table: row by row costs seconds at 100k passages."""
    conn.execute(
        "CREATE TEMP TABLE moves "
        "(doc_id TEXT PRIMARY KEY, path TEXT, source TEXT, shift INT, sentences INT)"
    )
    conn.executemany("INSERT INTO temp.moves VALUES (?,?,?,?,?)", moves)
    conn.execute(
        "INSERT INTO documents SELECT d.doc_id, m.path, d.title, d.date, d.year, d.region, "
        "d.language, d.organisations, d.meta, d.content_hash, d.text, m.source, d.forms, "
        "d.lookups "
        f"FROM {PREVIOUS}.documents d JOIN temp.moves m ON m.doc_id = d.doc_id"
    )
    conn.execute(
        "INSERT INTO chunks SELECT c.row + m.shift, c.chunk_id, c.doc_id, c.ordinal, c.text, "
        'c.start, c."end", c.page, c.terms '
        f"FROM {PREVIOUS}.chunks c JOIN temp.moves m ON m.doc_id = c.doc_id"
    )
    conn.execute(
        "INSERT INTO sentences SELECT s.row + m.sentences, s.doc_id, s.ordinal, s.text, s.start, "
        's."end", s.organisation, s.leaning, s.tokens, s.terms '
        f"FROM {PREVIOUS}.sentences s JOIN temp.moves m ON m.doc_id = s.doc_id"
    )
    conn.execute("DROP TABLE temp.moves")


def looking_up(conn: sqlite3.Connection, words: set[str]) -> list[str]:
    """Reports whose terms look any of ``words`` up in the lexicon."""
    found = conn.execute("SELECT doc_id, lookups FROM documents")
    return [doc_id for doc_id, lookups in found if not words.isdisjoint(lookups.split())]


def row_texts(
    conn: sqlite3.Connection, table: str, doc_ids: Sequence[str]
) -> list[tuple[int, str, str, str]]:
    """(row, text, report title, report language) of these reports' rows in ``chunks`` or
    ``sentences``."""
    if table not in {"chunks", "sentences"}:
        raise ValueError(table)
    out: list[tuple[int, str, str, str]] = []
    for start in range(0, len(doc_ids), 500):
        part = list(doc_ids[start : start + 500])
        marks = ",".join("?" * len(part))
        query = (
            f"SELECT t.row, t.text, d.title, d.language FROM {table} t "
            f"JOIN documents d ON d.doc_id = t.doc_id WHERE t.doc_id IN ({marks})"
        )
        out.extend(tuple(r) for r in conn.execute(query, part))
    return out


def set_terms(conn: sqlite3.Connection, table: str, terms: Iterable[tuple[str, int]]) -> None:
    if table not in {"chunks", "sentences"}:
        raise ValueError(table)
    conn.executemany(f"UPDATE {table} SET terms = ? WHERE row = ?", list(terms))


def passages(conn: sqlite3.Connection) -> list[tuple[int, Chunk, int | None, tuple[str, ...]]]:
    """Every passage in row order: (row, chunk, page, terms)."""
    found = conn.execute(
        'SELECT row, chunk_id, doc_id, ordinal, text, start, "end", page, terms FROM chunks '
        "ORDER BY row"
    )
    return [
        (r[0], Chunk(r[1], r[2], r[3], r[4], r[5], r[6]), r[7], tuple(r[8].split()))
        for r in found
    ]


def passage_terms(conn: sqlite3.Connection) -> list[str]:
    """Every passage's BM25 terms, space-joined, in row order."""
    return [r[0] for r in conn.execute("SELECT terms FROM chunks ORDER BY row")]
