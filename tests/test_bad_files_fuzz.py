"""One bad file never stops indexing: over 200 damaged files (the kinds that broke builds, and
random mutations of real pdf/docx/html files) go through the indexer and the upload check next
to good reports. Every good report is indexed, every file is either indexed or reported with a
Polish reason, and nothing crashes."""

from __future__ import annotations

import contextlib
import io
import json
import random
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from praktyki import Engine, Settings
from praktyki.admin import UploadRejected, save_upload
from praktyki.cli import EXIT_PARTIAL, cli
from praktyki.load import iter_corpus_files, read_safely
from praktyki.messages import translate_reason

from .fakes import HashEncoder
from .reports import PAGE_ONE, PAGE_THREE, PAGE_TWO, make_docx, make_html, make_pdf

GOOD_TEXT = (
    "Spółdzielnia Socjalna „Dobry Chleb” z Gniezna prowadzi piekarnię i zatrudnia dziewięć osób. "
    "Powstała w 2018 r. z inicjatywy gminy i parafii, a chleb trafia do szkół w powiecie."
)
DOCX_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
)


def _docx_with(document_xml: bytes, base: bytes) -> bytes:
    """A real DOCX with its word/document.xml replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _corrupt_deflate(base: bytes) -> bytes:
    raw = bytearray(base)
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + 5 + min(40, info.compress_size - 10)):
        raw[i] ^= 0x5A
    return bytes(raw)


def _pdf_with_huge_stream() -> bytes:
    """A PDF whose one content stream inflates to 300 MB of zeros."""
    squeeze = zlib.compressobj(9)
    chunk = b"\0" * (10 * 1024 * 1024)
    stream = b"".join(squeeze.compress(chunk) for _ in range(30)) + squeeze.flush()
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(stream)}/Filter/FlateDecode>>stream\n".encode()
        + stream
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body


def _mutations(data: bytes, suffix: str, count: int, rng: random.Random) -> list[tuple[str, bytes]]:
    out = []
    for i in range(count):
        raw = bytearray(data)
        kind = i % 4
        if kind == 0:
            raw = raw[: rng.randrange(1, len(raw))]
        elif kind == 1:
            for _ in range(rng.randrange(1, 60)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        elif kind == 2:
            at = rng.randrange(len(raw))
            raw[at:at] = rng.randbytes(rng.randrange(1, 400))
        else:
            at = rng.randrange(len(raw))
            raw[at : at + rng.randrange(1, 2000)] = b"\0" * 10
        out.append((f"mutant{suffix.replace('.', '-')}-{i:03d}{suffix}", bytes(raw)))
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, list[tuple[str, bytes]]]:
    """Good reports and over 200 bad ones, as (name, bytes)."""
    work = tmp_path_factory.mktemp("fuzz-sources")
    pdf = make_pdf(work / "r.pdf", [PAGE_ONE, PAGE_TWO, PAGE_THREE]).read_bytes()
    docx = make_docx(work / "r.docx", "Raport", [("Piekarnia", GOOD_TEXT)]).read_bytes()
    html = make_html(work / "r.html", "Dobry Chleb", [GOOD_TEXT, PAGE_ONE]).read_bytes()
    good = [
        ("dobry-chleb.md", f"---\ntitle: Dobry Chleb\n---\n{GOOD_TEXT}\n".encode()),
        ("zielony-mlyn.pdf", pdf),
        ("raport-docx.docx", docx),
        ("strona.html", html),
    ]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>"
        + DOCX_HEAD
        + b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    many = DOCX_HEAD + b"<w:body>" + b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 68_000
    named_bad = [
        ("uciety-dokument.docx", _docx_with(DOCX_HEAD + b"<w:body><w:p>", docx)),
        ("pusty-dokument.docx", _docx_with(b"", docx)),
        ("miliard-smiechow.docx", _docx_with(laughs, docx)),
        ("zly-deflate.docx", _corrupt_deflate(docx)),
        ("68-tysiecy-akapitow.docx", _docx_with(many + b"</w:body></w:document>", docx)),
        ("ogromny-strumien.pdf", _pdf_with_huge_stream()),
        ("pusty.txt", b""),
        ("nie-pdf.pdf", b"To nie jest PDF, tylko tekst."),
        ("nie-docx.docx", b"PK\x03\x04 to nie jest archiwum"),
        ("binarny.txt", b"\x00\x01\x02" * 100),
        ("pusta-strona.html", b"<html><head><title></title></head><body></body></html>"),
        ("zla-naglowka.md", b"---\ntitle: [nie zamkni\n---\ntekst"),
    ]
    rng = random.Random(20261201)
    mutants = (
        _mutations(pdf, ".pdf", 70, rng)
        + _mutations(docx, ".docx", 70, rng)
        + _mutations(html, ".html", 50, rng)
    )
    return {"good": good, "named_bad": named_bad, "mutants": mutants}


def test_indexing_survives_every_bad_file(files, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    everything = files["good"] + files["named_bad"] + files["mutants"]
    assert len(files["named_bad"]) + len(files["mutants"]) >= 200
    for name, data in everything:
        (corpus / name).write_bytes(data)
    # Two files that would be one report: both reported.
    (corpus / "duplikat.md").write_text("Raport w Markdown o spółdzielni socjalnej.", "utf-8")
    (corpus / "duplikat.txt").write_text("Raport tekstowy o spółdzielni socjalnej.", "utf-8")

    slowest = max(_load_time(path, corpus) for path in iter_corpus_files(corpus))
    engine = Engine(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d"),
        HashEncoder(),
    )
    report = engine.index()

    indexed = {row["doc_id"] for row in engine.documents()}
    reported = {Path(e.path).name for e in report.errors}
    for name, _ in files["good"]:
        assert Path(name).stem in indexed, name
    for name, _ in files["named_bad"]:
        assert name in reported, name
    assert {"duplikat.md", "duplikat.txt"} <= reported
    assert "duplikat" not in indexed
    for path in iter_corpus_files(corpus):  # every file is indexed or reported, never lost
        assert (path.stem in indexed) != (path.name in reported), path.name
    for error in report.errors:
        polish = translate_reason(error.reason)
        assert polish != error.reason and polish.endswith("."), error.reason
    assert slowest < 60, f"one file took {slowest:.0f} s to read"


def _load_time(path: Path, root: Path) -> float:
    start = time.perf_counter()
    with contextlib.suppress(Exception):  # only the time is measured here
        read_safely(path, root)
    return time.perf_counter() - start


def test_uploads_are_test_parsed_before_they_are_saved(files, tmp_path):
    corpus = tmp_path / "corpus"
    saved, rejected = [], []
    for name, data in files["good"] + files["named_bad"] + files["mutants"]:
        try:
            saved.append(save_upload(corpus, name, data, 50 * 2**20).name)
        except UploadRejected as exc:
            rejected.append(name)
            assert translate_reason(exc.reason) != exc.reason
    assert {name for name, _ in files["good"]} <= set(saved)
    assert {name for name, _ in files["named_bad"]} <= set(rejected)
    on_disk = {p.name for p in iter_corpus_files(corpus)}
    assert on_disk == set(saved)  # nothing rejected was written


def test_cli_reports_skipped_files_in_polish_with_exit_3(files, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in files["good"][:1] + files["named_bad"][:4]:
        (corpus / name).write_bytes(data)
    monkeypatch.setattr("praktyki.api.Engine.encoder", HashEncoder())
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(corpus), "--index", str(tmp_path / "i"), "--json"]
    )
    assert result.exit_code == EXIT_PARTIAL, result.output
    data = json.loads(result.stdout)
    assert len(data["errors"]) == 4
    assert all(e["message"] and e["message"] != e["error"] for e in data["errors"])
    assert "Traceback" not in result.output
