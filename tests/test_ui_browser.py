"""The real app in a real headless Chromium, driven by Playwright; plus its gradio_client API."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .reports import PAGE_ONE, PAGE_THREE, PAGE_TWO, make_docx, make_pdf
from .ui_fixtures import ADMIN, ARTIFACTS, LOCAL

pytestmark = pytest.mark.browser


def test_chat_answers_with_cited_sources(server, page):
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill("Która spółdzielnia socjalna prowadzi kino w Łodzi?")
    page.get_by_role("button", name="Zapytaj").click()
    bot = page.locator("#chat .message.bot, #chat [data-testid='bot']").last
    bot.wait_for(timeout=60_000)
    page.get_by_text("Źródła:").wait_for(timeout=60_000)
    text = page.locator("#chat").inner_text()
    assert "[1]" in text
    assert "Relacja z warsztatów wyjazdowych" in text
    assert "świętokrzyskie" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-answer.png"), full_page=True)


def test_page_is_polish(server, page):
    page.goto(server.url)
    page.get_by_text("Przykładowe pytania").wait_for(timeout=30_000)
    expect(page.get_by_role("button", name="Zapytaj")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Wyczyść rozmowę")).to_be_visible(timeout=15_000)


def test_ask_endpoint_with_gradio_client(server):
    from gradio_client import Client

    client = Client(server.url, analytics_enabled=False, verbose=False)
    data = client.predict("spoldzielnia socjalna kino lodz", api_name="/ask")
    assert data["no_answer"] is False
    assert data["citations"][0]["doc_id"] == "2017/kielce-lodzkie"


def test_admin_uploads_pdf_and_docx_then_chat_cites_the_page(server, page, tmp_path):
    pdf = make_pdf(
        tmp_path / "zielony-mlyn.pdf",
        [PAGE_ONE, PAGE_TWO, PAGE_THREE],
        title="Sprawozdanie Zielony Młyn",
    )
    docx = make_docx(
        tmp_path / "pralnia-radom.docx",
        "Pralnia społeczna w Radomiu",
        [
            ("Początki", "Fundacja „Czysta Szansa” otworzyła pralnię w Radomiu w 2020 r."),
            ("Zatrudnienie", "Pralnia zatrudnia osiem osób."),
        ],
    )
    page.goto(server.url)
    page.get_by_role("tab", name="Administracja").click()
    page.locator("#admin-user input, #admin-user textarea").first.fill(ADMIN[0])
    page.locator("#admin-pass input").first.fill(ADMIN[1])
    page.locator("#admin-login").click()
    page.get_by_text("Zalogowano jako").wait_for(timeout=30_000)
    page.locator("#admin-files input[type=file]").set_input_files([str(pdf), str(docx)])
    page.wait_for_timeout(1500)  # the upload to the server finishes before the button is used
    page.locator("#admin-upload").click()
    page.get_by_text("Indeks gotowy").wait_for(timeout=120_000)
    result = page.locator("#admin-result").inner_text()
    assert "dodano 2" in result
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-upload.png"), full_page=True)

    page.get_by_role("tab", name="Czat").click()
    page.get_by_label("Twoje pytanie").fill(
        "Ile litrów soku rocznie wytwarza tłocznia spółdzielni Zielony Młyn?"
    )
    page.get_by_role("button", name="Zapytaj").click()
    page.get_by_text("Źródła:").wait_for(timeout=60_000)
    text = page.locator("#chat").inner_text()
    assert "Sprawozdanie Zielony Młyn" in text
    assert "s. 2" in text


def test_admin_endpoints_refuse_callers_without_a_login(server):
    from gradio_client import Client

    client = Client(server.url, analytics_enabled=False, verbose=False)
    for endpoint in ("/admin_reindex", "/admin_documents"):
        with pytest.raises(Exception, match="zalogowania"):
            client.predict(api_name=endpoint)
    with pytest.raises(Exception, match="zalogowania"):
        client.predict(None, api_name="/admin_upload")


def _ask(page, question: str, answers_before: int) -> str:
    page.get_by_label("Twoje pytanie").fill(question)
    page.get_by_role("button", name="Zapytaj").click()
    page.wait_for_function(
        f"document.querySelectorAll('#chat .message.bot, #chat .bot.message').length > {answers_before}",
        timeout=60_000,
    )
    page.wait_for_timeout(300)
    return page.locator("#chat .message.bot, #chat .bot.message").last.inner_text()


def test_two_turn_conversation_and_opening_a_source(server, page):
    page.goto(server.url)
    first = _ask(page, "Jak działa pralnia ZAZ w Środzie Wielkopolskiej?", 0)
    assert "Prawie dwie tony prania dziennie" in first
    second = _ask(page, "ile osób tam pracuje?", 1)
    assert "Prawie dwie tony prania dziennie" in second
    # Answered from the report the conversation is about (one or more of its passages).
    sources = [line for line in second.splitlines() if line.startswith("[")]
    assert sources and all("Prawie dwie tony prania dziennie" in line for line in sources)
    page.locator("#open-source input").click()
    page.get_by_role("option").first.click()
    passage = page.locator("#viewer mark#passage")
    passage.wait_for(timeout=15_000)
    assert passage.is_visible()
    assert page.locator("#viewer strong").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "conversation-and-source.png"), full_page=True)


def test_filtered_question(server, page):
    page.goto(server.url)
    page.get_by_text("Filtry").click()
    region = page.locator("#filter-region input")
    region.click()
    region.fill("opolskie")
    page.get_by_role("option", name="opolskie", exact=True).click()
    _ask(page, "spółdzielnia socjalna zatrudnia osoby bezdomne", 0)
    text = page.locator("#chat").inner_text()
    assert "Źródła:" in text
    sources = [line for line in text.splitlines() if re.match(r"\W*\[\d+\] ", line)]
    assert sources and all("opolskie" in line for line in sources)
    page.screenshot(path=str(ARTIFACTS / "filtered-question.png"), full_page=True)


def test_trainer_query_exported_to_docx(server, page, tmp_path):
    import docx

    page.goto(server.url)
    page.get_by_role("tab", name="Przykłady do warsztatów").click()
    page.locator("#trainer-topic textarea, #trainer-topic input").first.fill(
        "spółdzielnie socjalne prowadzące gastronomię"
    )
    page.locator("#trainer-find").click()
    page.locator("#dl-docx").wait_for(state="visible", timeout=60_000)
    with page.expect_download() as download_info:
        page.locator("#dl-docx").click()
    path = tmp_path / "handout.docx"
    download_info.value.save_as(path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[0] == "Przykłady do warsztatów: spółdzielnie socjalne prowadzące gastronomię"
    assert "Źródła" in texts
    assert sum(t.startswith("[") for t in texts[texts.index("Źródła") :]) == 5
    page.screenshot(path=str(ARTIFACTS / "trainer-handout.png"), full_page=True)


def test_feedback_is_recorded(server, page):
    import sqlite3

    def last_row() -> int:  # the server (and its feedback table) serves every browser test
        try:
            with sqlite3.connect(server.app_db) as conn:
                return conn.execute("SELECT coalesce(max(rowid), 0) FROM feedback").fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    before = last_row()
    page.goto(server.url)
    _ask(page, "Która spółdzielnia socjalna prowadzi kino w Łodzi?", 0)
    page.locator("#chat button[aria-label='Lubię to']").last.click()
    page.locator("#comment textarea, #comment input").first.fill("Przydatne, dziękuję.")
    page.locator("#send-comment").click()
    deadline = time.time() + 15
    rows: list = []
    while time.time() < deadline and len(rows) < 2:
        try:
            with sqlite3.connect(server.app_db) as conn:
                rows = conn.execute(
                    "SELECT rating, comment, question, chunk_ids FROM feedback WHERE rowid > ?",
                    (before,),
                ).fetchall()
        except sqlite3.OperationalError:  # the table appears with the first feedback
            rows = []
        time.sleep(0.3)
    assert {r[0] for r in rows} == {1, 0}
    assert any(r[1] == "Przydatne, dziękuję." for r in rows)
    assert all(r[2] == "Która spółdzielnia socjalna prowadzi kino w Łodzi?" for r in rows)
    assert all("2017/kielce-lodzkie#" in r[3] for r in rows)


def test_phone_width_layout_has_no_sideways_scroll(server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="pl-PL", is_mobile=True
    )
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort(),
    )
    page = context.new_page()
    page.goto(server.url)
    page.get_by_text("Przykładowe pytania").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    # On load the page stays at its title: nothing scrolls to (focuses) the question box.
    assert page.evaluate("window.scrollY") == 0
    # A phone browser widens its layout viewport to fit content, so innerWidth would grow
    # with the page: the width to fit is the device's 390 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Twoje pytanie").fill("spoldzielnia socjalna kino lodz")
    page.get_by_label("Twoje pytanie").press("Enter")  # the keyboard alone sends a question
    page.get_by_text("Źródła:").wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ("Zapytaj", "Wyślij komentarz"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    tab = page.get_by_role("tab", name="Administracja").bounding_box()
    assert tab and tab["x"] + tab["width"] <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-390.png"), full_page=True)
    context.close()


def test_chat_label_does_not_cover_messages(server, page):
    page.goto(server.url)
    _ask(page, "Która spółdzielnia socjalna prowadzi kino w Łodzi?", 0)
    # Messages scroll under anything drawn over the conversation area, so nothing may be.
    log = page.locator("#chat [role=log]").first.bounding_box()
    assert log
    for label in page.locator("#chat [data-testid=block-label]").all():
        box = label.bounding_box()
        if box and label.is_visible():
            inside_x = box["x"] < log["x"] + log["width"] and log["x"] < box["x"] + box["width"]
            inside_y = box["y"] < log["y"] + log["height"] and log["y"] < box["y"] + box["height"]
            assert not (inside_x and inside_y), (box, log)
