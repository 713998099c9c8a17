"""The DOCX side of the held-out sets (bench/heldout3, bench/heldout4): a report laid out as
office staff write them in Word – a header and footer on every page, headings, an agenda table
and plain paragraphs. A set's make_docx.py holds its text and calls build().
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.shared import Pt


def build(
    out: Path,
    blocks: Sequence[tuple[str, str]],
    agenda: Sequence[Sequence[str]],
    header: str,
    footer: str,
    title: str,
    author: str,
) -> Path:
    """Write the report to ``out``: blocks of kind h1, h2, agenda (the table) or a paragraph."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    section = doc.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    for kind, text in blocks:
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "agenda":
            table = doc.add_table(rows=0, cols=4)
            table.style = "Table Grid"
            for row in agenda:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
        else:
            doc.add_paragraph(text)
    doc.core_properties.title = title
    doc.core_properties.author = author
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


def source_text(blocks: Sequence[tuple[str, str]], agenda: Sequence[Sequence[str]]) -> str:
    """The report's text (paragraphs and agenda rows), for checking answer phrases."""
    parts: list[str] = []
    for kind, text in blocks:
        if kind == "agenda":
            parts.extend(" | ".join(row) for row in agenda)
        else:
            parts.append(text)
    return "\n\n".join(parts)
