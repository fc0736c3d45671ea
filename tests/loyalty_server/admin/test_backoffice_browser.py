"""The web back office in a real browser (Playwright + Debian's chromium, headless) against the real
reference server over HTTP: an admin signs in, sets up a store with its merchant and POS, adds a
gift-card series (a refused one first: the reason shows beside its field), pre-issues 5 cards (the CSV
download is the one place numbers are whole) and makes a pairing code; a terminal configured with
nothing but that code (CLI, in-process) identifies one of the new cards and activates it with 40; the
back office then shows the card active with its balance, masked, and the liability report includes it.
Screenshots of the pages in English and Polish go to build/backoffice/."""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.pos_client.cli.conftest import Cli

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "build" / "backoffice"
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("playwright") is None or not CHROMIUM.exists(),
    reason="needs Playwright for Python (pip, the dev extra) and Debian's chromium at /usr/bin/chromium "
    "(scripts/setup.sh installs both)",
)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "server")
    yield running
    stop_server(running)


@pytest.fixture
def page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
        yield context.new_page()
        context.close()
        browser.close()


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_back_office_sets_up_a_till_that_pairs_by_code_and_sells_a_preissued_card(
    server: RunningServer,
    page: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    admin = server.manifest["admin"]
    page.set_extra_http_headers({"Accept-Language": "en"})

    # Signing in: the pages need a session; a wrong password is refused on the form.
    first = page.goto(server.manifest["adminUrl"])
    assert first is not None and page.url.endswith("/admin/login")
    csp = first.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    _shot(page, "en-login")
    page.fill("input[name=user]", admin["user"])
    page.fill("input[name=password]", "not the password")
    page.click("button.primary")
    expect(page.locator(".notice.bad")).to_contain_text("INVALID_CREDENTIALS")
    page.fill("input[name=password]", admin["password"])
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Stores and POS")
    session = next(c for c in page.context.cookies() if c["name"] == "bo_session")
    assert session["httpOnly"] and session["sameSite"] == "Strict"

    # A store, its merchant (in the merchant group MG-PL) and POS 1.
    page.fill("form[action='/admin/stores'] input[name=store]", "30")
    page.fill("form[action='/admin/stores'] input[name=name]", "Gdynia")
    page.fill("form[action='/admin/stores'] input[name=address]", "ul. Świętojańska 1")
    page.click("form[action='/admin/stores'] button")
    expect(page.locator(".notice.ok")).to_contain_text("Store added")
    store = page.locator("#store-30")
    store.locator("input[name=name]").fill("Gdynia shop")
    store.locator("form[action$='/merchant'] button").click()
    expect(page.locator(".notice.ok")).to_contain_text("Merchant added")
    page.click("nav >> text=Merchants")
    page.select_option("select[name=merchant]", "M030")
    page.select_option("select[name=group]", "MG-PL")
    page.click("form[action='/admin/merchant-groups/join'] button")
    expect(page.locator(".notice.ok")).to_contain_text("joined")
    _shot(page, "en-merchants")
    page.click("nav >> text=Stores and POS")
    page.locator("#store-30 input[name=pos]").fill("1")
    page.locator("#store-30 form[action$='/pos'] button").click()
    expect(page.locator("#pos-30-1")).to_contain_text("unpaired")

    # A gift-card series: a length the prefix does not fit is refused beside the length field.
    page.click("nav >> text=Series")
    form = page.locator("form[action='/admin/series']")
    for name, value in {
        "seriesNumber": "GC-WEB", "description": "Web gift card", "prefix": "6077", "length": "8",
        "currency": "PLN", "minAmount": "10", "maxAmount": "500", "validityDays": "365",
    }.items():  # fmt: skip
        form.locator(f"input[name={name}]").fill(value)
    form.locator("select[name=kind]").select_option("giftcard")
    form.locator("select[name=issuerGroup]").select_option("MG-PL")
    form.locator("select[name=acceptorGroup]").select_option("MG-PL")
    form.locator("button").click()
    length_error = page.locator("label:has(input[name=length]) .field-error")
    expect(length_error).to_contain_text("leaves no room")
    _shot(page, "en-series-refused")
    page.locator("form[action='/admin/series'] input[name=length]").fill("16")
    page.locator("form[action='/admin/series'] button").click()
    expect(page.locator(".notice.ok")).to_contain_text("Series added")
    row = page.locator("#series-GC-WEB")
    expect(row).to_contain_text("6077 / 16")

    # Pre-issue 5 cards: the CSV comes as a download (the one place the numbers are whole).
    row.locator("input[name=count]").fill("5")
    with page.expect_download() as download:
        row.locator("button").click()
    batch = tmp_path / "batch.csv"
    download.value.save_as(batch)
    rows = list(csv.DictReader(batch.open(encoding="utf-8")))
    assert len(rows) == 5 and all(r["number"].startswith("6077") and len(r["number"]) == 16 for r in rows)
    assert len({r["number"] for r in rows}) == 5
    _shot(page, "en-series")

    # The pairing code, shown big with its expiry.
    page.click("nav >> text=Stores and POS")
    _shot(page, "en-stores")
    page.locator("#pos-30-1 form[action$='/pair'] button").click()
    code = page.locator("#pairing-code").inner_text().strip()
    assert len(code) == 9 and code[4] == "-"
    expires = datetime.fromisoformat(str(page.locator("#pairing-expiry").get_attribute("datetime")))
    assert timedelta(0) < expires - datetime.now(UTC) <= timedelta(hours=1)
    _shot(page, "en-pairing")

    # A till configured only with that code identifies a new card and activates it with 40.
    till = Cli(tmp_path / "till" / "terminal.toml", capsys)
    paired = till("config", "pair", "--server", server.base_url, "--code", code,
                  "--data-dir", str(tmp_path / "till" / "data"))  # fmt: skip
    assert paired.code == 0, paired.err
    assert (paired.data["store"], paired.data["pos"]) == (30, 1)
    number = rows[3]["number"]
    assert till.ok("identify", number, "--issuing")["seriesNumber"] == "GC-WEB"
    assert till.ok("giftcard", "activate", number, "--amount", "40")["state"] == "applied"

    # The back office sees the card active with its balance, masked, and the liability includes it.
    page.goto(server.base_url + "/admin/stores")
    expect(page.locator("#pos-30-1")).to_contain_text("paired")
    page.click("nav >> text=Cards")
    page.fill("input[name=number]", number)
    page.click("form[action='/admin/instruments'] button")
    expect(page.locator("#instrument-status")).to_have_text("active")
    expect(page.locator("#instrument-balance")).to_have_text("40.00 PLN")
    html = page.content()
    assert number not in html and number[-4:] in html and number not in page.url
    expect(page.locator("table")).to_contain_text("30/1")
    _shot(page, "en-card")
    page.click("nav >> text=Reports")
    expect(page.locator("#liability-GC-WEB")).to_contain_text("40.00 PLN")
    assert page.locator("#liability-GC-WEB td").nth(2).inner_text() == "1"
    _shot(page, "en-reports")
    page.click("nav >> text=Audit")
    expect(page.locator("table.audit")).to_contain_text("instruments.issue")
    assert all(r["number"] not in page.content() for r in rows)
    _shot(page, "en-audit")

    # In Polish: the same pages, the menu and the card's state in Polish.
    page.click(".langs >> text=PL")
    expect(page.locator("h1")).to_have_text("Dziennik zmian")
    page.click("nav >> text=Karty")
    page.fill("input[name=number]", number)
    page.click("form[action='/admin/instruments'] button")
    expect(page.locator("#instrument-status")).to_have_text("aktywna")
    _shot(page, "pl-card")
    for nav, name in (("Sklepy i kasy", "pl-stores"), ("Serie", "pl-series"), ("Raporty", "pl-reports"),
                      ("Kupcy", "pl-merchants"), ("Klienci", "pl-customers")):  # fmt: skip
        page.click(f"nav >> text={nav}")
        expect(page.locator("h1").first).to_be_visible()
        _shot(page, name)
    page.set_viewport_size({"width": 768, "height": 1024})  # a tablet, upright
    page.click("nav >> text=Sklepy i kasy")
    assert page.evaluate("document.documentElement.scrollWidth") <= 768  # no sideways scrolling
    _shot(page, "pl-stores-tablet")

    # Signing out ends the session: the pages send the browser back to the sign-in form.
    page.click("form[action='/admin/logout'] button")
    page.goto(server.base_url + "/admin/reports")
    assert page.url.endswith("/admin/login")


TEMPLATES = Path(__file__).resolve().parents[3] / "loyalty_server" / "admin" / "web" / "templates"


def test_every_template_text_has_its_polish() -> None:
    import re

    from loyalty_server.admin.web.i18n import PL

    texts = {
        m[1] for f in TEMPLATES.glob("*.html") for m in re.findall(r"_\((['\"])(.*?)\1\)", f.read_text())
    }
    labels = {
        m for f in TEMPLATES.glob("*.html") for m in re.findall(r'\("[^"]+", "([^"]+)"\)', f.read_text())
    }
    assert len(texts) > 100
    assert sorted((texts | labels) - set(PL) - {"T", " ", " UTC", "storecredit"}) == []


def test_posts_without_the_session_csrf_token_are_refused(tmp_path: Path) -> None:
    """Over plain HTTP (no browser): a signed-in POST without, or with another session's, token is 403."""
    import re

    import httpx

    running = start_server(tmp_path / "server")
    try:
        admin = running.manifest["admin"]

        def signed_in() -> tuple[httpx.Client, str]:
            client = httpx.Client(base_url=running.base_url)
            form = client.get("/admin/login").text
            pre = re.search(r'name="csrf" value="([^"]+)"', form)
            assert pre is not None
            client.post("/admin/login", data={**admin, "csrf": pre[1]})
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/admin/stores").text)
            assert token is not None
            return client, token[1]

        one, one_token = signed_in()
        two, two_token = signed_in()
        assert one_token != two_token
        store = {"store": "41", "name": "Hel"}
        assert one.post("/admin/stores", data=store).status_code == 403
        assert one.post("/admin/stores", data={**store, "csrf": two_token}).status_code == 403
        assert "Store 41" not in one.get("/admin/stores").text
        assert one.post("/admin/stores", data={**store, "csrf": one_token}).status_code == 303
        assert "Store 41" in one.get("/admin/stores").text
        # No session at all: back to the sign-in form, nothing changed.
        anon = httpx.Client(base_url=running.base_url)
        assert (
            anon.post("/admin/stores", data={"store": "42", "name": "x"}).headers["location"]
            == "/admin/login"
        )
        one.close(), two.close(), anon.close()
    finally:
        stop_server(running)


def test_the_series_form_adds_a_loyalty_series_that_keeps_money(tmp_path: Path) -> None:
    """The back office's "Add a series" form over plain HTTP: a loyalty series with account money."""
    import re

    import httpx

    running = start_server(tmp_path / "server")
    try:
        client = httpx.Client(base_url=running.base_url)
        pre = re.search(r'name="csrf" value="([^"]+)"', client.get("/admin/login").text)
        assert pre is not None
        client.post("/admin/login", data={**running.manifest["admin"], "csrf": pre[1]})
        page = client.get("/admin/series").text
        assert 'name="account"' in page and "LM</td><td>loyalty card (money)" in page
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token is not None
        form = {
            "seriesNumber": "LW",
            "kind": "loyaltycard",
            "description": "Wallet",
            "prefix": "27",
            "length": "13",
            "currency": "PLN",
            "issuerGroup": "MG-PL",
            "acceptorGroup": "MG-PL",
            "account": "money",
            "csrf": token[1],
        }
        assert client.post("/admin/series", data=form).status_code == 303
        assert "LW</td><td>loyalty card (money)" in client.get("/admin/series").text
        client.close()
    finally:
        stop_server(running)
