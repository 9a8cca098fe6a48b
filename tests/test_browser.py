"""End to end in real Chromium: open the overview, change the gemeente
filter, check the URL changed, open that URL in a fresh page and check the
same figures show."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IDLE = "[data-test-script-state='notRunning']"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_store, tmp_path_factory):
    db, _ = demo_store
    port = _free_port()
    env = {**os.environ, "MONITOR_DB": str(db), "MONITOR_AUTO_DEMO": "0"}
    log = open(tmp_path_factory.mktemp("streamlit") / "server.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail("streamlit start niet:\n" + log.read()[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE, timeout=60_000)


def figures(page) -> list[str]:
    """The headline values of the overview, in order."""
    page.wait_for_selector(".im-ind-value", timeout=60_000)
    return page.locator(".im-ind-value").all_inner_texts()


def test_gemeente_filter_in_url_reopens_same_view(server, browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200})
    page = ctx.new_page()
    page.goto(server + "/")
    wait_idle(page)
    assert "Integratiemonitor" in page.title() or page.get_by_text("Integratiemonitor").count()
    region = figures(page)
    assert len(region) >= 13

    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="Vaals").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**gemeente=GM0981**", timeout=30_000)
    wait_idle(page)
    vaals = figures(page)
    link = page.url
    assert "peildatum=" in link
    assert vaals != region, "de gemeentekeuze veranderde geen enkel getal"
    ctx.close()

    fresh = browser.new_context(viewport={"width": 1600, "height": 1200})
    page2 = fresh.new_page()
    page2.goto(link)
    wait_idle(page2)
    assert figures(page2) == vaals
    assert "gemeente=GM0981" in page2.url
    fresh.close()
