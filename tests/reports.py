"""Real report files in every supported format, made on the fly for tests."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    *glob.glob("/usr/share/fonts/truetype/**/*Sans*.ttf", recursive=True),
]


def font_path() -> str:
    for candidate in FONT_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail("no TrueType font for Polish PDFs; the chromium install brings DejaVu")
    pytest.skip("no TrueType font installed")


def make_pdf(path: Path, pages: list[str], title: str = "", password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Sans", fname=font_path())
    pdf.set_font("Sans", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(path))
        writer.encrypt(password)
        writer.write(path)
    return path


def make_docx(path: Path, title: str, sections: list[tuple[str, str]]) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for heading, text in sections:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.save(str(path))
    return path


def make_html(path: Path, title: str, paragraphs: list[str]) -> Path:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(
        f"<!doctype html><html lang='pl'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta name='date' content='2021-03-04'></head><body>"
        f"<nav><a href='/'>Strona główna</a> <a href='/k'>Kontakt</a> <a href='/m'>Mapa strony</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>© 2021 Regionalny Ośrodek Polityki Społecznej. Wszelkie prawa zastrzeżone.</footer>"
        f"</body></html>",
        encoding="utf-8",
    )
    return path


PAGE_ONE = (
    "Sprawozdanie roczne Spółdzielni Socjalnej „Zielony Młyn” za 2022 r. Spółdzielnia działa "
    "w województwie mazowieckim, w gminie Sochaczew, i zatrudnia dwanaście osób. Prowadzi "
    "ogrody społeczne oraz sprzedaż warzyw z upraw ekologicznych na lokalnym targu."
)
PAGE_TWO = (
    "W 2022 r. spółdzielnia uruchomiła tłocznię soków jabłkowych. Tłocznia przerabia owoce "
    "od okolicznych sadowników i wytwarza rocznie około 40 tysięcy litrów soku, który trafia "
    "do szkół i przedszkoli w powiecie sochaczewskim w ramach klauzul społecznych."
)
PAGE_THREE = (
    "Plany na kolejny rok obejmują otwarcie sklepu internetowego i zatrudnienie trzech osób "
    "z niepełnosprawnościami. Zarząd dziękuje Ośrodkowi Wsparcia Ekonomii Społecznej za pomoc."
)
