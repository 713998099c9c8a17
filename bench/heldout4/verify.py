"""Check the heldout4 question set against its corpus.

    /work/main/.venv/bin/python bench/heldout4/verify.py

Checks: every line of questions.jsonl has exactly the planned fields and valid values, ids are
unique and numbered x001, x002, ...; every relevant doc_id names exactly one file in corpus/;
every answer phrase occurs (ignoring case and runs of whitespace) in the text of each relevant
report – for PDFs in make_pdfs.source_text, also in the de-hyphenated text extracted from the
built PDF; for the DOCX in make_docx.source_text and in the text read back from the .docx file;
for HTML in the visible text of the <main> element; trainer and unanswerable questions have no
answer, unanswerable ones no relevant report, trainers at least two; names the "never covered"
questions ask about occur in no report. Prints counts by type, answer_type and lang.
Exits 1 on any failure.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE))

import make_docx  # noqa: E402
import make_pdfs  # noqa: E402

FIELDS = {"id", "question", "relevant", "type", "answer_type", "lang", "answer"}
TYPES = {"fact", "no_diacritics", "keyword", "paraphrase", "english", "trainer", "unanswerable"}
ANSWER_TYPES = {"who", "how_many", "when", "where", "name", "what_does", "definition", "how_to", "yes_no", "other"}
# Unanswerable questions about things no report covers name these; none may occur in any report.
ABSENT = [
    "Przemyśl",
    "Łomż",
    "Elbląg",
    "Elblą",
    "bank żywności",
    "hospicj",
    "chronion",
    "Jeleni",
    "Koszalin",
    "rolnik",
]


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


def pdf_text(path: Path, doc_id: str) -> str:
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


def texts_of(doc_id: str, path: Path) -> list[str]:
    """Every text an answer phrase must be found in (source and, for built files, the file)."""
    suffix = path.suffix
    if suffix == ".pdf":
        return [make_pdfs.source_text(doc_id), pdf_text(path, doc_id)]
    if suffix == ".docx":
        return [make_docx.source_text(doc_id), docx_text(path)]
    raw = path.read_text(encoding="utf-8")
    if suffix == ".html":
        parser = MainText()
        parser.feed(raw)
        return [" ".join(parser.parts)]
    return [raw]


def main() -> int:
    errors: list[str] = []
    files = {str(p.relative_to(CORPUS).with_suffix("")): p for p in sorted(CORPUS.rglob("*.*"))}
    if len(files) != len(list(CORPUS.rglob("*.*"))):
        errors.append("two files share a doc_id")
    texts = {doc_id: [norm(t) for t in texts_of(doc_id, path)] for doc_id, path in files.items()}
    questions = [json.loads(line) for line in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, q in enumerate(questions, 1):
        qid = q.get("id")
        if qid != f"x{n:03d}":
            errors.append(f"{qid}: expected id x{n:03d}")
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
    for name in ABSENT:
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


if __name__ == "__main__":
    sys.exit(main())
