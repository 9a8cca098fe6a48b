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

from monitor import access

# A local PNG (see frame.FAVICON); before any st.Page icon can become the favicon.
st.set_page_config(layout="wide", page_title="Integratiemonitor",
                   page_icon=str(Path(__file__).resolve().parent / "pages" / "ui" / "favicon.png"))

from pages.ui import basket, data, frame, present  # noqa: E402  (after set_page_config)
from pages.ui.filters import current_filters, filter_summary, render_sidebar_filters  # noqa: E402
from monitor import formatting as fmt  # noqa: E402
from monitor.filters import page_uses_filters  # noqa: E402

DEFAULT_DB = Path(__file__).resolve().parent / "data" / "monitor.duckdb"


def ensure_store(db: Path, auto_demo: bool) -> bool:
    """True when a store is there (building the demo store on a first run
    when `auto_demo`); otherwise shows the Dutch instructions."""
    if db.exists():
        return True
    if auto_demo:
        from etl.bootstrap import ensure_demo_store

        with st.spinner("Eerste start: de demodata wordt opgebouwd. Dit duurt even…"):
            try:
                ensure_demo_store(db)
            except Exception as exc:  # shown, never a stack trace
                st.error(f"De demodata kon niet worden opgebouwd ({type(exc).__name__}).")
        if db.exists():
            return True
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
    db = Path(os.environ.get("MONITOR_DB") or DEFAULT_DB)
    nav = st.navigation(frame.navigation_pages(), position="sidebar", expanded=True)
    access.require_login()
    if not ensure_store(db, auto_demo=os.environ.get("MONITOR_AUTO_DEMO", "1") != "0"):
        st.stop()
    data.use_store(db)
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
        data.warm(data.snapshot())


main()
