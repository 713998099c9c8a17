"""Workshop handouts: examples with a numbered source list, as Markdown or DOCX."""

from __future__ import annotations

import atexit
import datetime as dt
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .escape import docx_text, markdown_text
from .examples import Example
from .messages import polish_date


def _heading(n: int, e: Example) -> str:
    who = e.organisation or e.title
    where = ", ".join(x for x in (e.region, e.date[:4]) if x)
    return f"{n}. {who}" + (f" ({where})" if where else "")


AUTHOR = "Praktyki — baza dobrych praktyk ekonomii społecznej"


def _source(n: int, e: Example) -> str:
    """'[n] title — publisher, region, date, page': what a reader can look up, no internal id."""
    details = ", ".join(
        x
        for x in (e.publisher, e.region, polish_date(e.date), f"s. {e.page}" if e.page else "")
        if x
    )
    return f"[{n}] {e.title}" + (f" — {details}" if details else "")


def _intro(topic: str, today: dt.date) -> str:
    return (
        f"Zestawienie przygotowane {polish_date(today.isoformat())} z raportów bazy dobrych "
        f"praktyk ekonomii społecznej. Opisy to zdania z raportów; numer w nawiasie wskazuje "
        f"źródło."
    )


def to_markdown(topic: str, examples: Sequence[Example], today: dt.date | None = None) -> str:
    """The handout as Markdown; the topic and all report text escaped, so the trainer tab and
    any Markdown viewer show them as text, never as tags, links or images."""
    today = today or dt.date.today()
    md = markdown_text
    lines = [f"# Przykłady do warsztatów: {md(topic)}", "", _intro(topic, today), ""]
    if not examples:
        lines.append("Nie znaleziono przykładów na ten temat.")
    for n, e in enumerate(examples, start=1):
        lines += [f"## {md(_heading(n, e))}", "", f"{md(e.summary)} \\[{n}\\]", ""]
        if len(e.organisations) > 1:
            lines += [f"Organizacje: {md(', '.join(e.organisations))}", ""]
    lines += ["## Źródła", ""]
    lines += [f"- {md(_source(n, e))}" for n, e in enumerate(examples, start=1)]
    return "\n".join(lines).rstrip() + "\n"


def write_docx(
    path: Path, topic: str, examples: Sequence[Example], today: dt.date | None = None
) -> Path:
    import docx

    today = today or dt.date.today()
    document = docx.Document()
    topic = docx_text(topic)
    _polish_a4(document)
    props = document.core_properties
    props.title = f"Przykłady do warsztatów: {topic}"[:255]
    props.subject = topic
    props.author = props.last_modified_by = AUTHOR
    props.language = "pl-PL"
    document.add_heading(f"Przykłady do warsztatów: {topic}", level=0)
    document.add_paragraph(_intro(topic, today))
    if not examples:
        document.add_paragraph("Nie znaleziono przykładów na ten temat.")
    for n, e in enumerate(examples, start=1):
        document.add_heading(docx_text(_heading(n, e)), level=1)
        document.add_paragraph(docx_text(f"{e.summary} [{n}]"))
        if len(e.organisations) > 1:
            document.add_paragraph(docx_text(f"Organizacje: {', '.join(e.organisations)}"))
    document.add_heading("Źródła", level=1)
    for n, e in enumerate(examples, start=1):
        document.add_paragraph(docx_text(_source(n, e)))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _polish_a4(document: Any) -> None:
    """A4 pages, and Polish proofing in the default run style that every style inherits
    (python-docx's template is US Letter and en-US)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "pl-PL")
class HandoutFiles:
    """Handout files for download, in one folder per process: each request's folder is removed
    once older than ``keep_seconds`` (the web app has copied it to its own cache by then), and
    the whole folder when the process ends, so requests leave nothing behind in /tmp."""

    def __init__(self, keep_seconds: float = 300.0) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="praktyki-handouts-"))
        self.keep_seconds = keep_seconds
        self._lock = threading.Lock()
        atexit.register(self.close)

    def write(self, topic: str, examples: Sequence[Example]) -> tuple[Path, Path]:
        """(Markdown, DOCX) of one handout."""
        self._prune()
        folder = self.root / uuid.uuid4().hex
        folder.mkdir()
        name = f"przyklady-{_slug(topic)}"
        markdown = folder / f"{name}.md"
        markdown.write_text(to_markdown(topic, examples), "utf-8")
        return markdown, write_docx(folder / f"{name}.docx", topic, examples)

    def _prune(self) -> None:
        cutoff = time.time() - self.keep_seconds
        with self._lock:
            for folder in self.root.iterdir():
                if folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _slug(topic: str) -> str:
    return re.sub(r"[^\w-]+", "-", topic.lower()).strip("-")[:40] or "przyklady"
