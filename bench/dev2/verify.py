"""Check the dev2 question set against its corpus.

    /work/main/.venv/bin/python bench/dev2/verify.py

Checks: questions.jsonl parses and has the planned counts; every doc_id names exactly one
report; every expected answer phrase occurs (case-insensitively) in the text of each relevant
report — for PDFs after joining hyphenated line ends; unanswerable questions name no report;
organisations the "detail left out" questions ask about are described somewhere, and the
names and places of the "never mentioned" ones appear in no report; reports are 900–1600 words;
PDFs have 3–4 pages, each with its running header (page number) and co-funding footer.
Exits 1 on any failure.
"""

from __future__ import annotations

import collections
import html
import json
import re
import sys
from pathlib import Path

from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

TYPE_COUNTS = {
    "fact": 20,
    "no_diacritics": 14,
    "keyword": 8,
    "paraphrase": 12,
    "english": 8,
    "unanswerable": 14,
    "trainer": 4,
}
ANSWER_TYPES = {
    "who",
    "how_many",
    "when",
    "where",
    "name",
    "what_does",
    "definition",
    "how_to",
    "yes_no",
    "list",
}
CORE_TYPES = ["who", "how_many", "when", "where", "name", "what_does"]
# "detail left out": the organisation is described, the asked detail is not
DESCRIBED = [
    "Dom z Gliny",
    "Warta Razem",
    "Morska Bryza",
    "Nowy Szyb",
    "Roztoczańska Kraina",
    "Bystrzycy Kłodzkiej",
    "Warsztat Przyszłości",
    "Kętrzyn",
    "Jabłoniowy Sad",
]
# "never mentioned": none of these may occur in any report
ABSENT = [
    "Bursztynowy Szlak",
    "Elbląg",
    "Elblągu",
    "Przemyśl",
    "Srebrna Nić",
    "Suwałk",
    "Sandomierz",
    "Złoty Kłos",
    "Tczew",
]


def pdf_text(path: Path) -> tuple[str, list[str]]:
    pages = [p.extract_text() or "" for p in PdfReader(path).pages]
    raw = "\n".join(pages)
    joined = re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1\2", raw)
    return joined, pages


def html_text(path: Path) -> str:
    raw = path.read_text("utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def report_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdf_text(path)[0]
    if path.suffix == ".html":
        return html_text(path)
    return path.read_text("utf-8")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def main() -> int:
    errors: list[str] = []
    docs = {
        str(p.relative_to(CORPUS).with_suffix("")): p
        for p in sorted(CORPUS.rglob("*"))
        if p.is_file()
    }
    texts = {d: norm(report_text(p)) for d, p in docs.items()}

    print(f"{len(docs)} reports")
    for d, p in docs.items():
        words = len(texts[d].split())
        extra = ""
        if p.suffix == ".pdf":
            _, pages = pdf_text(p)
            extra = f", {len(pages)} pages"
            if not 3 <= len(pages) <= 4:
                errors.append(f"{d}: {len(pages)} pages")
            for n, page in enumerate(pages, 1):
                if f"| str. {n}" not in page:
                    errors.append(f"{d}: page {n} has no running header")
                if "Europejskiego Funduszu Społecznego" not in page:
                    errors.append(f"{d}: page {n} has no co-funding footer")
                if n > 1 and re.search(r"\w-\n\w", page) is None:
                    errors.append(f"{d}: page {n} has no hyphenated line end")
        print(f"  {d}{p.suffix}: {words} words{extra}")
        if not 900 <= words <= 1600:
            errors.append(f"{d}: {words} words")

    questions = []
    with open(HERE / "questions.jsonl", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                questions.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: {e}")
    ids = [q["id"] for q in questions]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")

    types = collections.Counter(q["type"] for q in questions)
    atypes = collections.Counter(q["answer_type"] for q in questions)
    answerable_atypes = collections.Counter(
        q["answer_type"] for q in questions if q["type"] not in ("unanswerable", "trainer")
    )
    if dict(types) != TYPE_COUNTS:
        errors.append(f"type counts {dict(types)} != {TYPE_COUNTS}")
    for t in CORE_TYPES:
        if answerable_atypes[t] < 6:
            errors.append(f"answer_type {t}: only {answerable_atypes[t]} answerable questions")

    phrases = 0
    for q in questions:
        qid = q["id"]
        keys = {"id", "question", "relevant", "type", "answer_type", "lang", "answer"}
        if set(q) != keys:
            errors.append(f"{qid}: keys {sorted(q)}")
        if q["answer_type"] not in ANSWER_TYPES:
            errors.append(f"{qid}: answer_type {q['answer_type']}")
        if q["lang"] != ("en" if q["type"] == "english" else q["lang"]):
            errors.append(f"{qid}: english question with lang {q['lang']}")
        for d in q["relevant"]:
            if d not in docs:
                errors.append(f"{qid}: unknown doc_id {d}")
        if q["type"] == "unanswerable":
            if q["relevant"] or q["answer"]:
                errors.append(f"{qid}: unanswerable with relevant/answer")
            continue
        if q["type"] == "trainer":
            if q["answer"] or q["answer_type"] != "list" or not q["relevant"]:
                errors.append(f"{qid}: trainer must have relevant, answer [] and answer_type list")
            continue
        if q["type"] == "no_diacritics" and (
            q["question"] != q["question"].lower() or re.search(r"[ąćęłńóśźż]", q["question"])
        ):
            errors.append(f"{qid}: no_diacritics question has capitals or Polish letters")
        if not 1 <= len(q["answer"]) <= 3 or len(q["relevant"]) != 1:
            errors.append(f"{qid}: needs 1 relevant report and 1-3 answers")
        for a in q["answer"]:
            phrases += 1
            if not 1 <= len(a.split()) <= 5:
                errors.append(f"{qid}: answer {a!r} is not 1-5 words")
            for d in q["relevant"]:
                if d in texts and norm(a) not in texts[d]:
                    errors.append(f"{qid}: {a!r} not in {d}")

    everything = " ".join(texts.values())
    for name in DESCRIBED:
        if norm(name) not in everything:
            errors.append(f"described organisation {name!r} is in no report")
    for name in ABSENT:
        if norm(name) in everything:
            errors.append(f"{name!r} should be in no report")

    answerable = sum(1 for q in questions if q["type"] not in ("unanswerable", "trainer"))
    print(f"{len(questions)} questions, {answerable} answerable, {phrases} answer phrases checked")
    print("type:", dict(sorted(types.items())))
    print("answer_type (all):", dict(sorted(atypes.items())))
    print("answer_type (answerable):", dict(sorted(answerable_atypes.items())))
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
