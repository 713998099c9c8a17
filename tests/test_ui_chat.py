"""The chat as people meet it, in real Chromium: waiting, dead ends, clearing, filters."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from .ui_fixtures import ADMIN, ARTIFACTS

pytestmark = pytest.mark.browser
CINEMA = "Która spółdzielnia socjalna prowadzi kino w Łodzi?"
LAUNDRY = "Jak działa pralnia ZAZ w Środzie Wielkopolskiej?"
BOT = "#chat .message.bot, #chat .bot.message"
# Records every text the page shows between two checks, however briefly.
WATCH = """() => {
    window.__seen = [];
    window.__progress = [];
    new MutationObserver(() => {
        window.__seen.push(document.body.innerText);
        for (const e of document.querySelectorAll('.progress-text'))
            if (e.checkVisibility({opacityProperty: true, visibilityProperty: true}))
                window.__progress.push(e.outerHTML);
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def _no_toast_or_overlay(page) -> None:
    assert page.locator(".toast-body, [data-testid='toast-body']").count() == 0
    assert not page.get_by_text("Error", exact=True).count()
    assert page.locator("#question .error, .wrap.error, .error-container").count() == 0


def _answers(page) -> int:
    return page.locator(BOT).count()


def _wait_answer(page, before: int) -> None:
    page.wait_for_function(
        f"[...document.querySelectorAll('{BOT}')].filter(m => m.innerText.includes('Źródła')"
        f" || m.innerText.includes('Najbliższe')).length > {before}",
        timeout=60_000,
    )


def test_question_appears_at_once_with_a_polish_status_then_the_answer(server, page):
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill(CINEMA)
    page.evaluate(WATCH)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    seen = page.evaluate("window.__seen")
    assert any("Szukam w raportach…" in text and CINEMA in text for text in seen)
    assert page.evaluate("window.__progress") == []  # no English "processing | 0.2s"
    assert "Szukam w raportach…" not in page.locator("#chat").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-1280.png"), full_page=True)


def test_empty_question_gets_a_note_next_to_the_box_not_an_error(server, page):
    page.goto(server.url)
    page.get_by_text("Przykładowe pytania").wait_for(timeout=30_000)
    page.get_by_role("button", name="Zapytaj").click()
    page.locator("#question-hint").get_by_text("Wpisz pytanie").wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    _no_toast_or_overlay(page)
    assert page.get_by_label("Twoje pytanie").is_editable()
    assert "Traceback" not in server.log.read_text()


def test_wrong_admin_password_gets_a_note_not_an_error(server, page):
    page.goto(server.url)
    page.get_by_role("tab", name="Administracja").click()
    page.locator("#admin-user input, #admin-user textarea").first.fill(ADMIN[0])
    page.locator("#admin-pass input").first.fill("zle-haslo")
    page.locator("#admin-login").click()
    page.locator("#admin-status").get_by_text("Nieprawidłowy login lub hasło").wait_for(
        timeout=15_000
    )
    page.wait_for_timeout(500)
    _no_toast_or_overlay(page)
    assert "Traceback" not in server.log.read_text()


def test_clearing_the_chat_resets_the_whole_conversation(server, page):
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill(CINEMA)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    assert page.locator("#chat").get_by_role("button", name="Udostępnij").count() == 0
    assert page.locator("#chat").get_by_role("button", name="Share").count() == 0
    page.locator("#chat").get_by_role("button", name="Wyczyść czat").click()
    page.wait_for_function(f"document.querySelectorAll('{BOT}').length === 0")
    page.locator("#open-source input").click()
    page.wait_for_timeout(300)
    assert page.get_by_role("option").count() == 0
    page.keyboard.press("Escape")
    page.get_by_label("Twoje pytanie").fill(LAUNDRY)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    # The server serves every browser test: only a rating stored after this click counts.
    before = _last_feedback_row(server.app_db)
    page.locator("#chat button[aria-label='Lubię to']").last.click()
    deadline, rows = time.time() + 15, []
    while time.time() < deadline and not rows:
        try:
            with sqlite3.connect(server.app_db) as conn:
                rows = conn.execute(
                    "SELECT question FROM feedback WHERE rating = 1 AND rowid > ?", (before,)
                ).fetchall()
        except sqlite3.OperationalError:
            rows = []
        time.sleep(0.3)
    assert rows == [(LAUNDRY,)]


def _last_feedback_row(app_db) -> int:
    try:
        with sqlite3.connect(app_db) as conn:
            return conn.execute("SELECT coalesce(max(rowid), 0) FROM feedback").fetchone()[0]
    except sqlite3.OperationalError:  # the table appears with the first feedback
        return 0


def test_year_filters_are_empty_by_default(server, page):
    page.goto(server.url)
    page.get_by_text("Filtry").click()
    for field in ("#filter-from input", "#filter-to input"):
        assert page.locator(field).input_value() == "bez ograniczeń"
    page.locator("#filter-to input").click()
    years = [t.replace("✓", "").strip() for t in page.get_by_role("option").all_inner_texts()]
    assert years[0] == "bez ograniczeń"
    assert "0" not in years and "2017" in years


def test_citation_markers_open_their_own_source_from_the_keyboard(server, page):
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill(CINEMA)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    page.get_by_label("Twoje pytanie").fill(LAUNDRY)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 1)
    page.wait_for_timeout(1000)  # the chat's own scroll to the new answer ends
    first = page.locator(BOT).first
    marker = first.get_by_role("link", name="[1]").first
    marker.focus()  # a link: reachable with Tab, opened with Enter
    page.keyboard.press("Enter")
    source = first.locator("details").first
    page.wait_for_function("e => e.open", arg=source.element_handle(), timeout=5_000)
    assert "[1]" in source.locator("summary").inner_text()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # In sight: its top within the window and within the chat's own scrolling area.
    page.wait_for_function(
        """e => {
            const box = e.getBoundingClientRect();
            const log = e.closest('[role=log]').getBoundingClientRect();
            return box.top >= 0 && box.top < innerHeight && box.top >= log.top - 1
                && box.top < log.bottom;
        }""",
        arg=source.element_handle(),
        timeout=5_000,
    )
    assert page.locator(BOT).last.locator("details[open]").count() == 0


def test_chat_speaks_polish_to_screen_readers_and_copies_plain_text(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill(CINEMA)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    page.wait_for_timeout(300)
    assert page.locator("#chat [role=log]").get_attribute("aria-label") == "Rozmowa"
    labels = page.locator("#chat [data-testid=user], #chat [data-testid=bot]").evaluate_all(
        "ms => ms.map(m => m.getAttribute('aria-label'))"
    )
    assert labels[0] == f"Pytanie: {CINEMA}"
    assert labels[1].startswith("Odpowiedź: ")
    assert all(
        "message" not in label and "<" not in label and "**" not in label for label in labels
    )
    buttons = page.locator("#chat button").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label'))"
    )
    assert "Kopiuj wiadomość" in buttons
    assert not [b for b in buttons if b and ("Copy" in b or "Share" in b)]
    page.locator(BOT).last.hover()
    page.locator("#chat button[aria-label='Kopiuj wiadomość']").last.click()
    page.wait_for_timeout(300)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and "**" not in copied and "\\[" not in copied
    assert "\nŹródła:\n[1] Relacja z warsztatów wyjazdowych" in copied
    assert copied.splitlines()[0].endswith("[1]") or "[1]" in copied.split("\n\n")[0]
    context.close()


def test_labels_and_buttons_reach_aa_contrast(server, page):
    script = (Path(__file__).parent / "contrast.js").read_text("utf-8")
    page.goto(server.url)
    page.get_by_label("Twoje pytanie").fill(CINEMA)
    page.get_by_role("button", name="Zapytaj").click()
    _wait_answer(page, 0)
    assert page.evaluate(script) == []
    page.get_by_role("tab", name="Administracja").click()
    page.locator("#admin-login").wait_for()
    assert page.evaluate(script) == []


@pytest.mark.parametrize(
    ("region", "year", "org", "expected"),
    [
        ("Narnia", "bez ograniczeń", "wszystkie", "Nie ma województwa „Narnia”"),
        ("wszystkie", "dwa tysiące", "wszystkie", "nie jest rokiem"),
        ("wszystkie", "bez ograniczeń", "Kooperatywa", "Nie ma typu organizacji"),
    ],
)
def test_a_filter_no_list_offers_gets_a_polish_note_over_the_api(
    server, region, year, org, expected
):
    from gradio_client import Client

    client = Client(server.url, analytics_enabled=False, verbose=False)
    result = client.predict(
        "Która spółdzielnia socjalna prowadzi kino?", [], region, year, "bez ograniczeń", org,
        api_name="/chat",
    )  # fmt: skip
    assert expected in str(result)
    assert "not in the list of choices" not in str(result)
