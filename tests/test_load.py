from pathlib import Path

import pytest

from praktyki.errors import BrokenFile, UnsupportedFile
from praktyki.load import load_corpus, load_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_seed_report_markdown_with_front_matter():
    doc = load_document(CORPUS / "2017" / "kielce-lodzkie.md", CORPUS)
    assert doc.doc_id == "2017/kielce-lodzkie"
    assert doc.title == "Relacja z warsztatów wyjazdowych"
    assert doc.date == "2017-05-24"
    assert doc.region == "świętokrzyskie"
    assert doc.meta["source"] == "Regionalny Ośrodek Polityki Społecznej w Kielcach"
    assert "Kino Bodo" in doc.text
    assert "---" not in doc.text
    names = [o["name"] for o in doc.meta["organisations"]]
    assert "Spółdzielnia Socjalna Communal Service" in names


def test_txt_title_is_first_line_and_region_found_in_text(tmp_path):
    path = tmp_path / "2020" / "raport.txt"
    path.parent.mkdir()
    path.write_text(
        "\n\nKawiarnia społeczna w Toruniu\nData publikacji: 03.02.2020\n\n"
        "Fundacja „Dobry Start” otworzyła kawiarnię w województwie kujawsko-pomorskim.",
        encoding="utf-8",
    )
    doc = load_document(path, tmp_path)
    assert doc.doc_id == "2020/raport"
    assert doc.title == "Kawiarnia społeczna w Toruniu"
    assert doc.date == "2020-02-03"
    assert doc.region == "kujawsko-pomorskie"
    assert doc.meta["organisations"] == [{"name": "Fundacja „Dobry Start”", "form": "fundacja"}]


def test_cp1250_text_keeps_polish_letters(tmp_path):
    path = tmp_path / "stary.txt"
    path.write_bytes("Spółdzielnia socjalna w Łodzi\n\nZażółć gęślą jaźń.".encode("cp1250"))
    doc = load_document(path, tmp_path)
    assert doc.title == "Spółdzielnia socjalna w Łodzi"
    assert "Zażółć gęślą jaźń." in doc.text


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: Tytu\xc5\x82\n---\nTre\xc5\x9b\xc4\x87 raportu.\n")
    assert load_document(path, tmp_path).title == "Tytuł"


def test_empty_and_unsupported_files_are_reported(tmp_path):
    (tmp_path / "pusty.txt").write_text("")
    (tmp_path / "arkusz.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(BrokenFile):
        load_document(tmp_path / "pusty.txt", tmp_path)
    with pytest.raises(UnsupportedFile):
        load_document(tmp_path / "arkusz.xlsx", tmp_path)


def test_corpus_load_skips_bad_files_and_keeps_the_rest(tmp_path):
    (tmp_path / "dobry.md").write_text("# Dobry raport\n\nSpółdzielnia działa w Łodzi.\n")
    (tmp_path / "pusty.txt").write_text("")
    docs, errors = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["dobry"]
    assert [Path(e.path).name for e in errors] == ["pusty.txt"]


def test_sample_corpus_is_large_enough_and_loads_cleanly():
    docs, errors = load_corpus(CORPUS)
    assert errors == []
    assert len(docs) >= 26
    for doc in docs:
        assert 150 <= len(doc.text.split()) <= 550, doc.doc_id
        assert doc.region, doc.doc_id
        assert doc.date, doc.doc_id


def test_a_town_named_after_a_region_is_not_that_region():
    from praktyki.metadata import find_region, last_region_before

    text = "Hostel w miejscowości Stronie Śląskie (powiat kłodzki, województwo dolnośląskie)."
    assert find_region(text) == "dolnośląskie"
    assert last_region_before(text + " Stronie Śląskie ma hostel.", len(text) + 30) == (
        "dolnośląskie"
    )
    assert find_region("Spółdzielnia działa w województwie śląskim.") == "śląskie"
