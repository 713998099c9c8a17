"""The checks a held-out set's verify.py runs (bench/heldout3, bench/heldout4): every line of
questions.jsonl has exactly the planned fields and valid values, ids are unique and numbered;
every relevant doc_id names exactly one file in corpus/; every answer phrase occurs (ignoring case
and runs of whitespace) in the text of each relevant report – for PDFs in make_pdfs.source_text
and in the de-hyphenated text extracted from the built PDF, for a DOCX in make_docx.source_text
and in the text read back from the file, for HTML in the visible text of <main>; trainer and
unanswerable questions have no answer, unanswerable ones no relevant report, trainers at least
two; names the "never covered" questions ask about occur in no report.
"""

from __future__ import annotations

import collections
import importlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import docx
from pypdf import PdfReader

FIELDS = {"id", "question", "relevant", "type", "answer_type", "lang", "answer"}
TYPES = {"fact", "no_diacritics", "keyword", "paraphrase", "english", "trainer", "unanswerable"}
ANSWER_TYPES = {"who", "how_many", "when", "where", "name", "what_does", "definition", "how_to", "yes_no", "other"}


class MainText(HTMLParser):
    """Collects the visible text inside <main>, skipping scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        elif tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and self.skip == 0:
            self.parts.append(data)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def pdf_text(path: Path, doc_id: str, make_pdfs: ModuleType) -> str:
    """Text of the built PDF without running headers and footers, hyphenated line ends joined."""
    footer = norm(str(make_pdfs.REPORTS[doc_id]["footer"]))
    lines = [
        line
        for page in PdfReader(path).pages
        for line in (page.extract_text() or "").splitlines()
        if "| str. " not in line and norm(line) not in footer
    ]
    return re.sub(r"(\w)-\n(\w)", r"\1\2", "\n".join(lines))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


def texts_of(
    doc_id: str, path: Path, make_pdfs: ModuleType, make_docx: ModuleType
) -> list[str]:
    """Every text an answer phrase must be found in (source and, for built files, the file)."""
    suffix = path.suffix
    if suffix == ".pdf":
        return [make_pdfs.source_text(doc_id), pdf_text(path, doc_id, make_pdfs)]
    if suffix == ".docx":
        return [make_docx.source_text(doc_id), docx_text(path)]
    raw = path.read_text(encoding="utf-8")
    if suffix == ".html":
        parser = MainText()
        parser.feed(raw)
        return [" ".join(parser.parts)]
    return [raw]


def main(here: Path, prefix: str, absent: list[str]) -> int:
    """Check ``here``/questions.jsonl against ``here``/corpus, built by the set's own make_pdfs
    and make_docx; ids run {prefix}001, {prefix}002, …; no report may contain a name of
    ``absent``. Prints counts and problems; returns the exit status."""
    sys.path.insert(0, str(here))
    make_docx = importlib.import_module("make_docx")
    make_pdfs = importlib.import_module("make_pdfs")
    corpus = here / "corpus"
    errors: list[str] = []
    files = {str(p.relative_to(corpus).with_suffix("")): p for p in sorted(corpus.rglob("*.*"))}
    if len(files) != len(list(corpus.rglob("*.*"))):
        errors.append("two files share a doc_id")
    texts = {doc_id: [norm(t) for t in texts_of(doc_id, path, make_pdfs, make_docx)] for doc_id, path in files.items()}
    questions = [json.loads(line) for line in (here / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, q in enumerate(questions, 1):
        qid = q.get("id")
        if qid != f"{prefix}{n:03d}":
            errors.append(f"{qid}: expected id {prefix}{n:03d}")
        keys = set(q)
        need = FIELDS - ({"answer"} if q.get("type") in ("trainer", "unanswerable") else set())
        if keys != need:
            errors.append(f"{qid}: fields {sorted(keys)} != {sorted(need)}")
        if q.get("type") not in TYPES:
            errors.append(f"{qid}: bad type {q.get('type')}")
        if q.get("answer_type") not in ANSWER_TYPES:
            errors.append(f"{qid}: bad answer_type {q.get('answer_type')}")
        if q.get("lang") not in ("pl", "en"):
            errors.append(f"{qid}: bad lang {q.get('lang')}")
        if (q.get("type") == "english") != (q.get("lang") == "en") and q.get("type") != "unanswerable":
            errors.append(f"{qid}: english type and lang disagree")
        relevant = q.get("relevant", [])
        for doc_id in relevant:
            if doc_id not in files:
                errors.append(f"{qid}: no report {doc_id}")
        if q.get("type") == "unanswerable" and relevant:
            errors.append(f"{qid}: unanswerable but names reports")
        if q.get("type") == "trainer" and len(relevant) < 2:
            errors.append(f"{qid}: trainer with fewer than two reports")
        if q.get("type") not in ("trainer", "unanswerable"):
            answers = q.get("answer", [])
            if not relevant or not 1 <= len(answers) <= 3:
                errors.append(f"{qid}: needs reports and 1-3 answer phrases")
            for phrase in answers:
                for doc_id in relevant:
                    for text in texts.get(doc_id, []):
                        if norm(phrase) not in text:
                            errors.append(f"{qid}: {phrase!r} not in {doc_id}")
    for name in absent:
        for doc_id, doc_texts in texts.items():
            if any(name.lower() in t for t in doc_texts):
                errors.append(f"absent name {name!r} occurs in {doc_id}")
    for key in ("type", "answer_type", "lang"):
        counts = collections.Counter(q.get(key) for q in questions)
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"questions: {len(questions)}, reports: {len(files)}")
    for error in errors:
        print("FAIL", error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0
