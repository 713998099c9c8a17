"""The admin tab as an admin meets it, in real Chromium: log in and out, tables, uploads."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .reports import make_docx
from .ui_fixtures import ADMIN, ARTIFACTS

pytestmark = pytest.mark.browser
# Each header cell's text as rendered lines: one line unless it is broken inside a word.
HEADER_LINES = """ths => ths.map(th => {
    const text = th.querySelector('.header') || th;
    const range = document.createRange();
    range.selectNodeContents(text);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
        .map(r => Math.round(r.top)));
    return [text.innerText.trim(), tops.size];
})"""


def _first_cells(page, table: str) -> list[str]:
    """The first column, top down (the table draws its rows as ARIA rows and grid cells)."""
    page.locator(table).scroll_into_view_if_needed()
    rows = page.locator(f"{table} [role=row]:has([role=gridcell])")
    rows.first.wait_for(timeout=15_000)
    cells = rows.evaluate_all(
        "rows => rows.map(r => r.querySelector('[role=gridcell]').innerText.trim())"
    )
    return [c for c in cells if c]


def _log_in(page, password: str = ADMIN[1]) -> None:
    page.locator("#admin-user input, #admin-user textarea").first.fill(ADMIN[0])
    page.locator("#admin-pass input").first.fill(password)
    page.locator("#admin-login").click()


def test_admin_logs_in_sees_polish_tables_uploads_and_logs_out(server, page, tmp_path):
    page.goto(server.url)
    page.get_by_role("tab", name="Administracja").click()
    _log_in(page, "zle-haslo")
    page.locator("#admin-status").get_by_text("Nieprawidłowy").wait_for(timeout=15_000)
    _log_in(page)
    page.get_by_text("Zalogowano jako").wait_for(timeout=30_000)
    status = page.locator("#admin-status").inner_text()
    assert "Nieprawidłowy" not in status
    expect(page.locator("#admin-login")).to_be_hidden(timeout=15_000)
    expect(page.locator("#admin-pass")).to_be_hidden(timeout=15_000)
    expect(page.locator("#admin-logout")).to_be_visible(timeout=15_000)

    for table in ("#admin-docs", "#admin-audit"):
        headers = page.locator(f"{table} thead th").evaluate_all(HEADER_LINES)
        assert headers and all(lines == 1 for _, lines in headers if _), headers
    first_time = _first_cells(page, "#admin-audit")[0]
    assert "UTC" not in first_time
    shown = dt.datetime.strptime(first_time.strip(), "%d.%m.%Y %H:%M:%S")
    warsaw = dt.datetime.now(ZoneInfo("Europe/Warsaw")).replace(tzinfo=None)
    assert abs((warsaw - shown).total_seconds()) < 600

    page.locator("#admin-pick input").click()
    options = page.get_by_role("option").all_inner_texts()
    assert any("Relacja z warsztatów wyjazdowych (2017/kielce-lodzkie)" in o for o in options)
    page.keyboard.press("Escape")

    good = make_docx(
        tmp_path / "pasieka-gorlice.docx",
        "Pasieka spółdzielni socjalnej w Gorlicach",
        [("Miód", "Spółdzielnia Socjalna „Barć” prowadzi pasiekę w Gorlicach od 2021 r.")],
    )
    bad = tmp_path / "zepsuty.pdf"
    bad.write_bytes(b"to nie jest PDF")
    page.locator("#admin-files input[type=file]").set_input_files([str(good), str(bad)])
    page.wait_for_timeout(1500)
    page.locator("#admin-upload").click()
    page.locator("#admin-result").get_by_text("Indeks gotowy").wait_for(timeout=120_000)
    result = page.locator("#admin-result")
    assert result.locator("li").filter(has_text="zepsuty.pdf").count() == 1
    assert result.locator("li").filter(has_text="Indeks gotowy").count() == 0
    assert result.locator("p").filter(has_text=re.compile("^Indeks gotowy")).count() == 1
    assert _first_cells(page, "#admin-docs")[0] == "Pasieka spółdzielni socjalnej w Gorlicach"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-1280.png"), full_page=True)

    page.locator("#admin-logout").click()
    page.locator("#admin-login").wait_for(state="visible", timeout=15_000)
    expect(page.locator("#admin-status").get_by_text("Wylogowano")).to_be_visible(timeout=15_000)
    expect(page.locator("#admin-upload")).to_be_hidden(timeout=15_000)
