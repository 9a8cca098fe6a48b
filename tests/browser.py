"""What every browser test shares: Debian's Chromium, a fresh app server on
a store, and a wait for the app to have settled."""

from __future__ import annotations

import contextlib
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, log_dir: Path, port: int | None = None, extra_args=()):
    """A freshly started server on the store `db`; yields its URL. The browser
    tests of other files start theirs here too, with their own arguments."""
    port = port or _free_port()
    env = {**os.environ, "MONITOR_DB": str(db), "MONITOR_AUTO_DEMO": "0"}
    log = open(log_dir / f"server-{port}.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         *extra_args],
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
def server(demo_store, tmp_path_factory):
    db, _ = demo_store
    with streamlit_server(db, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Settled: connected, the script not running, and neither attribute changed
# for `quiet` ms. A MutationObserver sees every change, also a rerun that
# starts and ends between two polls; polling by timer, not animation frames,
# so a starved or background renderer still answers.
SETTLED = """(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app) return false;
  if (window.__imApp !== app) {
    window.__imApp = app;
    window.__imChanged = performance.now();
    new MutationObserver(() => { window.__imChanged = performance.now(); })
      .observe(app, {attributes: true,
                     attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
  }
  return app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && performance.now() - window.__imChanged >= quiet;
}"""


def wait_idle(page, quiet_ms: int = 600, timeout: int = 120_000) -> None:
    """Wait until the app has run and stayed idle for `quiet_ms`: a page that
    writes its state into the URL runs twice, and on a busy machine the
    second run can start well after the first ended."""
    page.wait_for_function(SETTLED, arg=quiet_ms, polling=100, timeout=timeout)


def open_page(page, url: str) -> None:
    """Navigate as a shared link does and wait for the app to settle."""
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page)
