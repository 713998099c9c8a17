import shutil

import pytest

from praktyki import Engine, Settings
from praktyki.admin import (
    AccessDenied,
    AdminAuth,
    AdminDisabled,
    UploadRejected,
    check_content,
    safe_filename,
)
from praktyki.api import UploadsRejected

from .conftest import CORPUS, MODEL_CACHE
from .fakes import HashEncoder
from .reports import PAGE_ONE, PAGE_TWO, make_pdf


def test_admin_is_off_without_credentials():
    auth = AdminAuth(None, None)
    assert not auth.enabled
    with pytest.raises(AdminDisabled):
        auth.login("admin", "")
    with pytest.raises(AdminDisabled):
        auth.user_for("anything")


def test_login_hands_out_tokens_that_handlers_check():
    auth = AdminAuth("admin", "Tajne-Haslo-2026")
    with pytest.raises(AccessDenied):
        auth.login("admin", "wrong")
    token = auth.login("admin", "Tajne-Haslo-2026")
    assert auth.user_for(token) == "admin"
    for forged in (None, "", "x" * 43):
        with pytest.raises(AccessDenied):
            auth.user_for(forged)
    auth.logout(token)
    with pytest.raises(AccessDenied):
        auth.user_for(token)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\raport.PDF", "raport.pdf"),
        (".ukryty.md", "ukryty.md"),
        ("Raport roczny 2023 (wersja 2).docx", "Raport roczny 2023 -wersja 2.docx"),
        ("spółdzielnia „Łąka”.html", "spółdzielnia -Łąka.html"),
    ],
)
def test_upload_names_are_sanitised(name, safe):
    assert safe_filename(name) == safe


@pytest.mark.parametrize("name", ["program.exe", "..", ".md", "bez-rozszerzenia"])
def test_unsupported_names_are_rejected(name):
    with pytest.raises(UploadRejected):
        safe_filename(name)


def test_type_is_checked_by_content(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", [PAGE_ONE]).read_bytes()
    check_content("r.pdf", pdf)
    with pytest.raises(UploadRejected, match="not a PDF"):
        check_content("r.pdf", b"GIF89a not really")
    with pytest.raises(UploadRejected, match="not a DOCX"):
        check_content("r.docx", pdf)
    with pytest.raises(UploadRejected, match="binary"):
        check_content("r.txt", pdf)


@pytest.fixture
def admin_engine(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / "2017", corpus / "2017")
    settings = Settings(
        index_dir=tmp_path / "index",
        corpus_dir=corpus,
        data_dir=MODEL_CACHE,
        admin_user="admin",
        admin_password="Tajne-Haslo-2026",
        app_db=tmp_path / "app.sqlite",
        max_upload_mb=1,
    )
    engine = Engine(settings, HashEncoder())
    engine.index()
    return engine


def test_admin_operations_need_a_session_and_are_audited(admin_engine, tmp_path):
    pdf = make_pdf(tmp_path / "upload.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    with pytest.raises(AccessDenied):
        admin_engine.add_reports(None, [("zielony-mlyn.pdf", pdf)])
    with pytest.raises(AccessDenied):
        admin_engine.reindex("forged-token")
    with pytest.raises(AccessDenied):
        admin_engine.delete_report("", "2017/kielce-lodzkie")

    token = admin_engine.login("admin", "Tajne-Haslo-2026")
    saved = admin_engine.add_reports(token, [("../zielony-mlyn.pdf", pdf)])
    assert [p.split("/")[-1] for p in saved] == ["zielony-mlyn.pdf"]
    report = admin_engine.reindex(token)
    assert report.added == ["zielony-mlyn"]
    answer = admin_engine.ask("Ile litrów soku rocznie wytwarza tłocznia spółdzielni Zielony Młyn?")
    assert answer.citations[0].hit.chunk.doc_id == "zielony-mlyn"
    assert answer.citations[0].hit.page == 2

    admin_engine.delete_report(token, "2017/kielce-lodzkie")
    assert admin_engine.reindex(token).removed == ["2017/kielce-lodzkie"]
    actions = [e.action for e in admin_engine.audit_entries(token)]
    assert actions[:5] == ["reindex", "delete", "reindex", "upload", "login"]
    assert all(e.user == "admin" for e in admin_engine.audit_entries(token))


def test_rejected_uploads_are_named_and_good_ones_kept(admin_engine):
    token = admin_engine.login("admin", "Tajne-Haslo-2026")
    with pytest.raises(UploadsRejected) as caught:
        admin_engine.add_reports(
            token,
            [
                ("dobry.txt", "Dobry raport\n\nFundacja prowadzi świetlicę.".encode()),
                ("udawany.pdf", b"To nie jest PDF"),
                ("duzy.txt", b"a" * (2 * 1024 * 1024)),
            ],
        )
    assert [r.path for r in caught.value.rejected] == ["udawany.pdf", "duzy.txt"]
    assert [p.split("/")[-1] for p in caught.value.saved] == ["dobry.txt"]
