"""Integratiemonitor: entry point. Builds the navigation (explicit pages,
grouped by cluster), the shared sidebar filters and the demo banner, then runs
the chosen page.

    streamlit run app.py
"""

from __future__ import annotations

import os

import streamlit as st

from monitor import access, store

st.set_page_config(layout="wide", page_title="Integratiemonitor", page_icon=":material/monitoring:")

from pages import components as ui  # noqa: E402  (after set_page_config)


def ensure_store() -> bool:
    """True when a store is there (building the demo store on a first run
    unless MONITOR_AUTO_DEMO=0); otherwise shows the Dutch instructions."""
    db = store.db_path()
    if db.exists():
        return True
    if os.environ.get("MONITOR_AUTO_DEMO", "1") != "0":
        try:
            from etl.bootstrap import ensure_demo_store
        except ImportError:
            ensure_demo_store = None
        if ensure_demo_store is not None:
            with st.spinner("Eerste start: de demodata wordt opgebouwd. Dit duurt even…"):
                try:
                    ensure_demo_store(db)
                except Exception as exc:  # shown, never a stack trace
                    st.error(f"De demodata kon niet worden opgebouwd ({type(exc).__name__}).")
            if db.exists():
                return True
    ui.render_store_missing(db)
    return False


def main() -> None:
    nav = st.navigation(ui.navigation_pages(), position="sidebar")
    access.require_login()  # after st.navigation: before it, Streamlit serves pages/ directly
    if not ensure_store():
        st.stop()
    st.session_state[ui.VIA_APP] = True
    try:
        ui.render_frame()
        nav.run()
    finally:
        st.session_state.pop(ui.VIA_APP, None)


main()
