"""Integratiemonitor: entry point. Reads the configuration from the
environment (the only place besides the ETL's command line that does),
builds the navigation, the shared sidebar filters and the demo banner, then
runs the chosen page.

    streamlit run app.py
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from pages.ui import nav

# A local PNG (see frame.FAVICON); before any st.Page icon can become the favicon.
st.set_page_config(layout="wide", page_title="Integratiemonitor",
                   page_icon=str(Path(__file__).resolve().parent / "pages" / "ui" / "favicon.png"))
# The Dutch navigation first (pages/ui/nav.py says why), and on a first start
# the page's frame, before the imports below, which take ~2,5 s on a first
# start (measured: `time python -c "import streamlit"` 3,0 s, with monitor and
# pages.ui 5,3 s).
NAV = nav.register()
DB = Path(os.environ.get("MONITOR_DB") or Path(__file__).resolve().parent / "data" / "monitor.duckdb")
AUTO_DEMO = os.environ.get("MONITOR_AUTO_DEMO", "1") != "0"
WAITING = st.empty()


def _first_start_frame() -> None:
    """Title and notice while the demo store is built."""
    st.title("Integratiemonitor")
    st.info("Eerste start: de monitor bouwt de synthetische demodata op. Dat duurt ongeveer "
            "een halve minuut; daarna verschijnt het overzicht vanzelf.",
            icon=":material/hourglass_top:")


if AUTO_DEMO and not DB.exists():
    with WAITING.container():
        _first_start_frame()

from etl.bootstrap import ensure_demo_store  # noqa: E402  (after the navigation, see above)
from monitor import access  # noqa: E402
from monitor.filters import page_uses_filters  # noqa: E402
from pages.ui import basket, data, frame, present  # noqa: E402
from pages.ui.filters import current_filters, filter_summary, render_sidebar_filters  # noqa: E402
from monitor import formatting as fmt  # noqa: E402


def ensure_store(db: Path, auto_demo: bool) -> bool:
    """True when a store is there (building the demo store on a first run
    when `auto_demo`, under the frame drawn above); otherwise shows the Dutch
    instructions."""
    if db.exists():
        WAITING.empty()
        return True
    failed = None
    if auto_demo:
        with WAITING.container():
            _first_start_frame()
            with st.spinner("Demodata opbouwen…"):
                try:
                    ensure_demo_store(db)
                except Exception as exc:  # shown, never a stack trace
                    failed = type(exc).__name__
        if db.exists():
            WAITING.empty()
            return True
    if failed:
        WAITING.error(f"De demodata kon niet worden opgebouwd ({failed}).")
    else:
        WAITING.empty()
    frame.render_store_missing(db)
    return False


def render_print_details(url_path: str) -> str | None:
    """Peildatum and filters for the print header, on pages that use them."""
    if not page_uses_filters(url_path):
        return None
    f = current_filters()
    return f"peildatum {fmt.date_nl(f.peildatum)} · {filter_summary(f)}"


def main() -> None:
    frame.app_run_started()
    nav = NAV
    access.require_login()
    if not ensure_store(DB, auto_demo=AUTO_DEMO):
        st.stop()
    data.use_store(DB)
    st.session_state[frame.VIA_APP] = True
    data.ACTIVITY.started()
    try:
        # Filters that would change nothing on this page are not offered;
        # the session keeps the chosen ones for the next page that uses them.
        if present.active() or page_uses_filters(nav.url_path):
            render_sidebar_filters()
        basket.sync()
        if present.active():
            present.run()
            return
        frame.render_demo_banner()
        frame.render_print_header(nav.title, render_print_details(nav.url_path))
        nav.run()
    finally:
        st.session_state.pop(frame.VIA_APP, None)
        data.ACTIVITY.ended()
        # shared decisions in the background, once pages are drawn (data.warm)
        if os.environ.get("MONITOR_WARM", "1") != "0":
            data.warm(data.snapshot())
        if os.environ.get("MONITOR_PNG_WARM", "1") != "0":
            data.warm_png()


main()
