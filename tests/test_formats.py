"""Every supported format read correctly; every kind of bad file reported, the rest indexed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from praktyki import Engine, Settings
from praktyki.load import load_document

from .conftest import CORPUS, MODEL_CACHE
from .fakes import HashEncoder
from .reports import PAGE_ONE, PAGE_THREE, PAGE_TWO, make_docx, make_html, make_pdf


def test_pdf_text_per_page_and_metadata(tmp_path):
    path = make_pdf(
        tmp_path / "sprawozdanie.pdf", [PAGE_ONE, PAGE_TWO, PAGE_THREE], title="Zielony Młyn"
    )
    doc = load_document(path, tmp_path)
    assert doc.title == "Zielony Młyn"
    assert doc.region == "mazowieckie"
    assert "tłocznię soków" in doc.text
    starts = doc.meta["page_starts"]
    assert len(starts) == 3
    assert doc.text[starts[1] :].startswith("W 2022 r. spółdzielnia uruchomiła tłocznię")


def test_docx_paragraphs_and_headings(tmp_path):
    path = make_docx(
        tmp_path / "pralnia.docx",
        "Pralnia społeczna w Radomiu",
        [
            ("Początki", "Fundacja „Czysta Szansa” otworzyła pralnię w 2020 r."),
            ("Zatrudnienie", "Pralnia zatrudnia osiem osób."),
        ],
    )
    doc = load_document(path, tmp_path)
    assert doc.title == "Pralnia społeczna w Radomiu"
    assert [h for _, h in doc.meta["headings"]] == ["Początki", "Zatrudnienie"]
    assert {"name": "Fundacja „Czysta Szansa”", "form": "fundacja"} in doc.meta["organisations"]


def test_html_main_text_without_menus_or_footer(tmp_path):
    path = make_html(
        tmp_path / "strona.html",
        "Kawiarnia w Toruniu",
        [
            "Fundacja „Dobry Start” otworzyła kawiarnię w Toruniu, w województwie kujawsko-pomorskim.",
            "Kawiarnia zatrudnia sześć osób z niepełnosprawnością intelektualną.",
        ],
    )
    doc = load_document(path, tmp_path)
    assert doc.title == "Kawiarnia w Toruniu"
    assert doc.date == "2021-03-04"
    assert "zatrudnia sześć osób" in doc.text
    assert "Kontakt" not in doc.text
    assert "Wszelkie prawa" not in doc.text


def _bad_empty(d: Path) -> Path:
    (d / "pusty.txt").write_bytes(b"")
    return d / "pusty.txt"


def _bad_junk_pdf(d: Path) -> Path:
    (d / "smieci.pdf").write_bytes(bytes(range(256)) * 64)
    return d / "smieci.pdf"


def _bad_truncated_pdf(d: Path) -> Path:
    path = make_pdf(d / "uciety.pdf", [PAGE_ONE, PAGE_TWO])
    path.write_bytes(path.read_bytes()[:700])
    return path


def _bad_encrypted_pdf(d: Path) -> Path:
    return make_pdf(d / "zaszyfrowany.pdf", [PAGE_ONE], password="tajne")


def _bad_docx_not_zip(d: Path) -> Path:
    (d / "nie-zip.docx").write_text("To nie jest dokument Word.")
    return d / "nie-zip.docx"


def _bad_huge_text(d: Path) -> Path:
    line = "Spółdzielnia socjalna prowadzi pralnię i zatrudnia osoby bezrobotne.\n"
    with (d / "ogromny.txt").open("w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(line.encode()) + 1):
            handle.write(line)
    return d / "ogromny.txt"


BAD_FILES = {
    "empty": (_bad_empty, "the file is empty"),
    "junk-named-pdf": (_bad_junk_pdf, "PDF"),
    "truncated-pdf": (_bad_truncated_pdf, "PDF"),
    "encrypted-pdf": (_bad_encrypted_pdf, "password"),
    "docx-not-zip": (_bad_docx_not_zip, "not a DOCX"),
    "50-mb-text": (_bad_huge_text, "larger than"),
}


@pytest.fixture
def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    engine = Engine(
        Settings(index_dir=tmp_path / "index", corpus_dir=corpus, data_dir=MODEL_CACHE),
        HashEncoder(),
    )
    engine.index()
    return corpus, engine


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_reported_and_nothing_is_lost(small_corpus, kind):
    corpus, engine = small_corpus
    before = {d["doc_id"] for d in engine.documents()}
    make, expected = BAD_FILES[kind]
    bad = make(corpus)
    (corpus / "dobry.txt").write_text(
        "Nowy raport\n\nStowarzyszenie prowadzi stadninę koni w Bieszczadach.\n"
    )
    report = engine.index()
    assert [Path(e.path).name for e in report.errors] == [bad.name]
    assert expected in report.errors[0].reason
    assert report.added == ["dobry"]
    after = {d["doc_id"] for d in engine.documents()}
    assert after == before | {"dobry"}
    assert engine.search("stadnina koni w Bieszczadach").hits[0].chunk.doc_id == "dobry"


def test_cp1250_file_is_indexed_with_polish_letters(small_corpus):
    corpus, engine = small_corpus
    text = "Spółdzielnia „Żuraw” w Łęcznej\n\nSpółdzielnia socjalna „Żuraw” prowadzi wędzarnię ryb nad jeziorem w Łęcznej."
    (corpus / "stary.txt").write_bytes(text.encode("cp1250"))
    report = engine.index()
    assert report.errors == []
    assert report.added == ["stary"]
    hit = engine.search("wędzarnia ryb spółdzielnia Żuraw").hits[0]
    assert hit.chunk.doc_id == "stary"
    assert "wędzarnię ryb" in hit.chunk.text


def test_pdf_running_header_dropped_and_page_broken_sentence_joined(tmp_path):
    header = "Raport z wizyty studyjnej | ROPS w Opolu | str. {}\n"
    pages = [
        header.format(1) + "Spółdzielnia Socjalna „Smak Nysy” przygotowuje posiłki dla Domu "
        "Pomocy Społecznej w",
        header.format(2) + "Nysie oraz dla dwóch szkół. Zatrudnia dziewięć osób.",
        header.format(3) + "Wizyta zakończyła się w Opolu podsumowaniem.",
    ]
    doc = load_document(make_pdf(tmp_path / "raport.pdf", pages, title="Wizyta"), tmp_path)
    assert "Raport z wizyty studyjnej" not in doc.text
    assert "Pomocy Społecznej w Nysie oraz dla dwóch szkół." in " ".join(doc.text.split())
    assert doc.text[doc.meta["page_starts"][2] :].startswith("Wizyta zakończyła się")


def test_a_pdf_line_that_goes_on_with_a_number_is_one_sentence(tmp_path):
    page = (
        "W dniach 19–21 września 2023 r. ośrodek zorganizował wizytę studyjną na Pomorzu. "
        "W wyjeździe wzięło udział\n21 osób, w tym pracownicy ośrodków pomocy społecznej."
    )
    doc = load_document(make_pdf(tmp_path / "raport.pdf", [page], title="Wizyta"), tmp_path)
    assert "W wyjeździe wzięło udział 21 osób, w tym" in doc.text
