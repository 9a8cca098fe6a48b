"""Every page as a user gets it, on a built store: its render time through
Streamlit's AppTest (as tests/test_pages.py runs pages), and the app's memory
after a real browser has opened every page.

    python bench/apprun.py apptest --db bench/out/national.duckdb [--runs 3]
    python bench/apprun.py rss --db bench/out/national.duckdb [--port 8613]

Each prints one JSON object; bench/run.py calls both in child processes, so
neither Streamlit's caches nor its memory count in the other's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-test-script-state='notRunning']"


def page_files() -> list[str]:
    """The pages in navigation order, read from the one place that lists
    them (pages/ui/nav.py), so a new page is measured without a change here."""
    text = (ROOT / "pages" / "ui" / "nav.py").read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r'ROOT / "(pages/[\w/]+\.py)"', text)))


FILTERED = "pages/overzicht.py, gemeente + geslacht V"


def _first_gemeente(db: Path) -> str:
    from monitor import indicators

    return next(iter(indicators.gemeente_namen(db)))


def store_env(db: Path) -> dict:
    return {**os.environ, "MONITOR_DB": str(db), "MONITOR_AUTO_DEMO": "0",
            "PYTHONPATH": str(ROOT)}


def apptest(db: Path, runs: int) -> dict:
    """Seconds per page: the first render in a fresh process (Streamlit's
    caches cold, as after a restart or a new load) and the later ones
    (cache warm, as for the next user), min and median."""
    os.environ.update(store_env(db))
    from streamlit.testing.v1 import AppTest

    out = {}
    for page in page_files():
        times, errors = [], []
        for _ in range(runs):
            at = AppTest.from_file(str(APP), default_timeout=600)
            started = time.perf_counter()
            at.run()
            if page != "pages/overzicht.py":
                # The landing page is what the app runs first; the page's own
                # render is the switch.
                started = time.perf_counter()
                at.switch_page(page).run()
            times.append(time.perf_counter() - started)
            errors += [str(e.value)[:200] for e in at.exception]
        warm = times[1:] or times
        out[page] = {"first_s": times[0], "warm_min_s": min(warm),
                     "warm_median_s": statistics.median(warm), "runs": runs,
                     "exceptions": errors[:3]}
        print(f"{page}: {times[0]:.2f}s eerst, {statistics.median(warm):.2f}s daarna",
              file=sys.stderr, flush=True)
    return out


def _rss_mib(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


@contextmanager
def app_server(db: Path, port: int, env: dict | None = None):
    """The app on `port` on this store, until the block ends: (base URL, process)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**store_env(db), **(env or {})}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("Streamlit-server kwam niet op")
        yield base, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def app_rss(db: Path, port: int) -> dict:
    """Start the app on `port`, open every page in Chromium one after the
    other in one browser session (as one user clicking through), wait until
    each has finished running, then read the server's resident memory."""
    from playwright.sync_api import sync_playwright

    with app_server(db, port) as (base, server):
        idle_rss = _rss_mib(server.pid)[0]
        per_page = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            visits = [(page, "/" if Path(page).stem == "overzicht" else f"/{Path(page).stem}")
                      for page in page_files()]
            # then what a user does next: the overview for one gemeente under a
            # person filter, which takes the decisions behind both filters
            visits.append((FILTERED, f"/?gemeente={_first_gemeente(db)}&geslacht=V"))
            for page, path in visits:
                started = time.perf_counter()
                tab.goto(base + path, timeout=300_000)
                tab.wait_for_selector("h1", timeout=300_000)
                # Streamlit marks the app while the script runs; twice, as a
                # rerun can start right after the first run ends.
                for _ in range(2):
                    tab.wait_for_selector(IDLE, timeout=300_000)
                    tab.wait_for_timeout(500)
                per_page[page] = {"browser_s": time.perf_counter() - started,
                                  "server_rss_mib": _rss_mib(server.pid)[0]}
            browser.close()
        rss, peak = _rss_mib(server.pid)
        return {"idle_rss_mib": idle_rss, "rss_after_all_mib": per_page[visits[-2][0]]["server_rss_mib"],
                "rss_after_filter_mib": rss, "peak_rss_mib": peak, "pages": per_page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("apptest", "rss"))
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8613)
    args = parser.parse_args()
    result = apptest(args.db, args.runs) if args.what == "apptest" else app_rss(args.db, args.port)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
