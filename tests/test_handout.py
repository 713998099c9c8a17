"""Workshop handouts: A4, Polish proofing, a real author, sources a reader can look up."""

from __future__ import annotations

import datetime as dt

import docx
from docx.oxml.ns import qn

from praktyki import handout
from praktyki.examples import Example

EXAMPLE = Example(
    doc_id="2019/bar-mleczny-torun",
    title="Bar mleczny prowadzony przez spółdzielnię socjalną",
    organisations=("Spółdzielnia Socjalna „Smak”",),
    region="kujawsko-pomorskie",
    date="2019-05-14",
    summary="Spółdzielnia prowadzi bar mleczny w Toruniu.",
    sentences=("Spółdzielnia prowadzi bar mleczny w Toruniu.",),
    chunk_id="2019/bar-mleczny-torun#0",
    publisher="Ośrodek Wsparcia Ekonomii Społecznej w Toruniu",
)


def test_docx_handout_is_polish_a4_with_real_author_and_readable_sources(tmp_path):
    path = handout.write_docx(tmp_path / "h.docx", "gastronomia", [EXAMPLE], dt.date(2026, 3, 2))
    document = docx.Document(str(path))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "pl-PL"
    assert document.core_properties.author == handout.AUTHOR
    assert document.core_properties.title == "Przykłady do warsztatów: gastronomia"
    texts = [p.text for p in document.paragraphs]
    sources = texts[texts.index("Źródła") + 1 :]
    assert sources == [
        "[1] Bar mleczny prowadzony przez spółdzielnię socjalną — Ośrodek Wsparcia Ekonomii "
        "Społecznej w Toruniu, kujawsko-pomorskie, 14 maja 2019"
    ]
    assert not any("2019/bar-mleczny" in t for t in texts)


def test_markdown_handout_lists_sources_without_internal_ids():
    text = handout.to_markdown("gastronomia", [EXAMPLE], dt.date(2026, 3, 2))
    # Report text is escaped for Markdown ("\\[1\\]"), so it renders as typed.
    assert "- \\[1\\] Bar mleczny prowadzony przez spółdzielnię socjalną — Ośrodek" in text
    assert "2019/bar-mleczny" not in text
