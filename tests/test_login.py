"""Login against a real OIDC provider, in real Chromium: a local provider
(oidc-provider-mock) started here, one Streamlit server on port 8560 with a
secrets file of its own. Logged in, a page and a download work and the
download is audited under the login; logged out, or in a fresh browser,
every page shows only the login screen and offers no download. Every wrong
setup of [auth] closes the app with a Dutch message."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from monitor import access, audit
from tests.browser import CHROMIUM, browser, streamlit_server, wait_idle  # noqa: F401

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")

ROOT = Path(__file__).resolve().parent.parent
PORT = 8560
APP = f"http://127.0.0.1:{PORT}"
USER = "a.jansen@maastricht.nl"
PAGES = ["", "databronnen", "inburgeringsroute", "raadspresentatie", "evaluatie", "begroting"]


def secrets_text(metadata_url: str) -> str:
    return (f'[auth]\nredirect_uri = "{APP}/oauth2callback"\n'
            'cookie_secret = "een-lang-willekeurig-geheim-voor-de-test"\n'
            'client_id = "integratiemonitor"\nclient_secret = "geheim"\n'
            f'server_metadata_url = "{metadata_url}"\n')


def _server(db: Path, secrets: Path, log_dir: Path):
    return streamlit_server(db, log_dir, PORT, ("--secrets.files", str(secrets)))


@pytest.fixture(scope="module")
def setup(demo_store, tmp_path_factory):
    from oidc_provider_mock import run_server_in_thread

    db, _ = demo_store
    folder = tmp_path_factory.mktemp("login")
    secrets = folder / "secrets.toml"
    with run_server_in_thread() as provider:
        metadata = f"http://localhost:{provider.server_port}/.well-known/openid-configuration"
        secrets.write_text(secrets_text(metadata), encoding="utf-8")
        with _server(db, secrets, folder):
            yield {"db": db, "secrets": secrets, "metadata": metadata}


def _context(browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    # the provider's page styles itself from a CDN; nothing here may leave the machine
    ctx.route("**/*", lambda route: route.abort() if not route.request.url.startswith(
        ("http://127.0.0.1", "http://localhost")) else route.continue_())
    return ctx


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page)


def _closed(page) -> None:
    """Only the login screen: its button, no data, no download."""
    assert page.get_by_role("button", name="Inloggen").count() == 1
    assert page.locator("[data-testid='stDownloadButton']").count() == 0
    assert page.locator("[data-testid='stDataFrame'], [data-testid='stTable'], "
                        ".stPlotlyChart, [data-testid='stMetric']").count() == 0


def _log_in(page) -> None:
    _open(page, APP + "/")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("input[name='sub']", timeout=30_000)
    page.fill("input[name='sub']", USER)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(APP + "/**", timeout=30_000)
    page.wait_for_selector("text=Ingelogd als", timeout=60_000)
    wait_idle(page)


def test_without_a_session_every_page_is_closed(setup, browser):  # noqa: F811
    ctx = _context(browser)
    page = ctx.new_page()
    for path in PAGES:
        _open(page, f"{APP}/{path}")
        _closed(page)
        assert "Ingelogd als" not in page.content()
    ctx.close()


def test_login_a_page_and_an_audited_download_then_logout(setup, browser):  # noqa: F811
    ctx = _context(browser)
    page = ctx.new_page()
    _log_in(page)
    assert page.locator("text=Ingelogd als").first.inner_text().endswith(USER)
    _open(page, APP + "/inburgeringsroute")
    # the chart component is a lazily loaded bundle: it can mount well after
    # the script run has ended
    page.wait_for_selector(".stPlotlyChart", timeout=60_000)
    assert page.locator(".stPlotlyChart").count() > 0
    log = audit.path_beside(setup["db"])
    before = len(audit.read(log))
    with page.expect_download(timeout=60_000) as d:
        page.locator("[data-testid='stDownloadButton'] button").filter(has_text="CSV").first.click()
    download = d.value
    with open(download.path(), "rb") as fh:
        assert fh.read().decode("utf-8-sig").startswith("De inburgeringsroute in stappen")
    lines = audit.read(log)[before:]
    assert [(x["actor"], x["action"]) for x in lines] == [(USER, "download")]
    media = download.url
    assert "/media/" in media
    page.get_by_role("button", name="Uitloggen").click()
    # the provider confirms the end of its session, then sends the browser back
    page.get_by_role("button", name="End session").click()
    page.wait_for_selector("button:has-text('Inloggen')", timeout=60_000)
    # the file of the download lived with the logged-in session and is gone with it
    deadline = time.monotonic() + 15
    while True:
        try:
            status = urllib.request.urlopen(media, timeout=5).status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status == 404 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 404, f"{media} after logout: {status}"
    wait_idle(page)
    for path in ("inburgeringsroute", "databronnen"):
        _open(page, f"{APP}/{path}")
        _closed(page)
    ctx.close()


WRONG = {
    "cookie_secret ontbreekt": lambda t: t.replace('cookie_secret = "een-lang-willekeurig-geheim-'
                                                   'voor-de-test"\n', ""),
    "redirect_uri ontbreekt": lambda t: "\n".join(x for x in t.splitlines()
                                                 if not x.startswith("redirect_uri")),
    "client_id leeg": lambda t: t.replace('client_id = "integratiemonitor"', 'client_id = ""'),
    "provider onvolledig": lambda t: t.replace('client_id = "integratiemonitor"\n'
                                               'client_secret = "geheim"\n', "")
    .replace("server_metadata_url", "[auth.entra]\nserver_metadata_url"),
    "[Auth] met hoofdletter": lambda t: t.replace("[auth]", "[Auth]"),
    "TOML onleesbaar": lambda t: t.replace('client_secret = "geheim"', 'client_secret = "geheim'),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_every_wrong_setup_closes_the_app(setup, browser, case):  # noqa: F811
    good = setup["secrets"].read_text(encoding="utf-8")
    wrong = WRONG[case](good)
    assert wrong != good
    ctx = _context(browser)
    page = ctx.new_page()
    try:
        setup["secrets"].write_text(wrong, encoding="utf-8")
        for path in ("", "databronnen", "raadspresentatie"):
            _open(page, f"{APP}/{path}")
            alert = page.locator("[data-testid='stAlertContentError']")
            assert alert.count() == 1
            text = alert.inner_text()
            assert "Het dashboard blijft daarom dicht" in text, text
            assert page.get_by_role("button", name="Inloggen").count() == 0
            assert page.locator("[data-testid='stDownloadButton'], [data-testid='stDataFrame'], "
                                "[data-testid='stTable'], .stPlotlyChart").count() == 0
            assert "geheim" not in text  # a secret's value is never repeated
    finally:
        setup["secrets"].write_text(good, encoding="utf-8")
        ctx.close()
    assert access.check({"auth": {}}).state == access.BROKEN
