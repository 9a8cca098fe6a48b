"""What a user waits for in Chromium: from navigation (or a filter change, or
a slider move) until the page is complete: the script idle, no element stale
or a grey placeholder, and every visible chart drawn by plotly.

    python bench/browser.py pages --db bench/out/regio.duckdb --port 8571 [--warm-runs 2]
    python bench/browser.py interact --db bench/out/regio.duckdb --port 8572

`pages`: a fresh server; every page once in one browser session (the first
visitor after a start or a load, caches cold), then again in new sessions
(warm). `interact`: on a warm server, a gemeente chosen in the sidebar on the
overview and on a cluster page, and a budget slider moved one step. Prints
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.apprun import CHROMIUM, page_files  # noqa: E402
from bench.apprun import app_server as server  # noqa: E402

# True once the page is complete. A chart that is not visible (a closed tab
# or expander) has no size to draw in: plotly draws it when shown.
COMPLETE_JS = """() => {
  const app = document.querySelector('[data-test-script-state]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('h1')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (c.offsetParent === null) continue;
    if (!c.querySelector('.main-svg')) return false;
  }
  return true;
}"""
COUNT_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].length"""
# complete must hold this long: a rerun can start right after a run ends
STABLE_MS = 400


def wait_complete(tab, started: float, timeout_s: float = 120) -> float:
    """Seconds from `started` until the page was complete (and stayed so)."""
    deadline = time.perf_counter() + timeout_s
    while True:
        tab.wait_for_function(COMPLETE_JS, polling=25,
                              timeout=max(1, deadline - time.perf_counter()) * 1000)
        done = time.perf_counter()
        tab.wait_for_timeout(STABLE_MS)
        if tab.evaluate(COMPLETE_JS):
            return done - started
        if time.perf_counter() > deadline:
            raise TimeoutError("pagina werd niet compleet")


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=[
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def page_path(page: str) -> str:
    return "/" if Path(page).stem == "overzicht" else f"/{Path(page).stem}"


def visit_all(browser, base: str) -> dict:
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = ctx.new_page()
    out = {}
    for page in page_files():
        started = time.perf_counter()
        tab.goto(base + page_path(page), timeout=300_000)
        out[page] = {"s": wait_complete(tab, started), "charts": tab.evaluate(COUNT_JS)}
        print(f"{page}: {out[page]['s']:.2f}s, {out[page]['charts']} grafieken", file=sys.stderr,
              flush=True)
    ctx.close()
    return out


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pid: int, window_s: float = 3.0, busy_s: float = 0.15,
               timeout_s: float = 900) -> float:
    """Seconds until the server has finished its background work (the
    decisions it takes once per store version while nobody waits): less
    than `busy_s` CPU in `window_s`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        before = _cpu_s(pid)
        time.sleep(window_s)
        if _cpu_s(pid) - before < busy_s:
            return time.perf_counter() - started
    raise TimeoutError("de server werd niet rustig")


def pages(db: Path, port: int, warm_runs: int) -> dict:
    """Every page for the first visitor after a start, then (once the
    server's background work is done) for later visitors."""
    from playwright.sync_api import sync_playwright

    with server(db, port) as (base, proc), sync_playwright() as pw:
        browser = launch(pw)
        first = visit_all(browser, base)
        quiet = wait_quiet(proc.pid)
        print(f"achtergrondwerk klaar na nog {quiet:.0f} s", file=sys.stderr, flush=True)
        warm = [visit_all(browser, base) for _ in range(warm_runs)]
        browser.close()
    out = {page: {"first_s": first[page]["s"], "charts": first[page]["charts"],
                  "warm_s": statistics.median(w[page]["s"] for w in warm)}
           for page in first}
    return {"pages": out, "background_after_first_visit_s": quiet}


def _choose_gemeente(tab, name: str) -> float:
    box = tab.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Gemeente").first
    box.click()
    tab.keyboard.type(name)
    tab.wait_for_timeout(300)
    started = time.perf_counter()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    return wait_complete(tab, started)


def interact(db: Path, port: int, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    from monitor import indicators

    names = list(indicators.gemeente_namen(db).values())[:runs + 1]
    out = {"filter_overzicht_s": [], "filter_cluster_s": [], "slider_begroting_s": []}
    with server(db, port) as (base, _), sync_playwright() as pw:
        browser = launch(pw)
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        tab = ctx.new_page()
        for path, key in (("/", "filter_overzicht_s"),
                          ("/cluster_2_ijkpunten", "filter_cluster_s")):
            for name in names:  # the first one warms the server's caches
                tab.goto(base + path, timeout=300_000)
                wait_complete(tab, time.perf_counter())
                out[key].append(_choose_gemeente(tab, name))
        tab.goto(base + "/begroting", timeout=300_000)
        wait_complete(tab, time.perf_counter())
        slider = tab.locator('[data-testid="stSlider"] input[type="range"]').first
        for _ in range(runs + 1):
            slider.focus()
            started = time.perf_counter()
            tab.keyboard.press("ArrowRight")
            out["slider_begroting_s"].append(wait_complete(tab, started))
        browser.close()
    return {k: {"first_s": v[0], "warm_median_s": statistics.median(v[1:]), "warm_max_s": max(v[1:])}
            for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("pages", "interact"))
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--port", type=int, default=8571)
    parser.add_argument("--warm-runs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = (pages(args.db, args.port, args.warm_runs) if args.what == "pages"
              else interact(args.db, args.port, args.runs))
    result = {"date": time.strftime("%Y-%m-%d %H:%M"), "loadavg": os.getloadavg(),
              "db": str(args.db), "command": "python bench/browser.py " + " ".join(sys.argv[1:]),
              "result": result}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
