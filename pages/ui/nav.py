"""The navigation: every page, explicitly, with its Dutch title.

Because the page files live in a folder named pages/, the first run of a
fresh server process starts in Streamlit's legacy pages-folder mode, which
lists those files by their raw names ("app, begroting, cluster 1 basis…")
until st.navigation runs. .streamlit/config.toml hides that list
(client.showSidebarNavigation = false) and register() shows the Dutch one.
Its own module, importing Streamlit only, so that app.py registers the
navigation before it imports the rest (seconds on a first start).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]


def navigation_pages() -> dict[str, list]:
    """Every page, explicitly (no auto-discovery), grouped by cluster."""
    return {
        "Overzicht": [
            st.Page(ROOT / "pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
            st.Page(ROOT / "pages/vergelijken.py", title="Vergelijken",
                    icon=":material/compare_arrows:"),
        ],
        "1 De Basis": [
            st.Page(ROOT / "pages/cluster_1_basis.py", title="Rechten en verantwoordelijkheden",
                    icon=":material/balance:"),
        ],
        "2 IJkpunten en middelen": [
            st.Page(ROOT / "pages/cluster_2_ijkpunten.py", title="IJkpunten en middelen",
                    icon=":material/home_work:"),
            st.Page(ROOT / "pages/huisvesting.py", title="Huisvesting en opvang", icon=":material/apartment:"),
            st.Page(ROOT / "pages/cohorten.py", title="Cohorten", icon=":material/stacked_line_chart:"),
        ],
        "3 Ondersteuners": [
            st.Page(ROOT / "pages/cluster_3_ondersteuners.py", title="Ondersteuners", icon=":material/translate:"),
            st.Page(ROOT / "pages/inburgeringsroute.py", title="Inburgeringsroute", icon=":material/route:"),
        ],
        "4 Sociale verbindingen": [
            st.Page(ROOT / "pages/cluster_4_verbindingen.py", title="Sociale verbindingen",
                    icon=":material/diversity_3:"),
        ],
        "Sturing en verantwoording": [
            st.Page(ROOT / "pages/uitvoeringsprogramma.py", title="Uitvoeringsprogramma",
                    icon=":material/event_note:"),
            st.Page(ROOT / "pages/begroting.py", title="Begroting", icon=":material/euro:"),
            st.Page(ROOT / "pages/databronnen.py", title="Databronnen", icon=":material/database:"),
        ],
        "Delen en presenteren": [
            st.Page(ROOT / "pages/raadspresentatie.py", title="Raadspresentatie",
                    icon=":material/slideshow:"),
            st.Page(ROOT / "pages/evaluatie.py", title="Evaluatierapportage",
                    icon=":material/summarize:"),
            st.Page(ROOT / "pages/toegankelijkheid.py", title="Toegankelijkheidsverklaring",
                    icon=":material/accessibility:"),
        ],
    }


def register(position: str = "sidebar"):
    """Register the navigation; the page to run. The config's hidden legacy
    list must not hide this one: with the option off, Streamlit would move a
    sidebar navigation to hidden too."""
    st.set_option("client.showSidebarNavigation", True)
    return st.navigation(navigation_pages(), position=position, expanded=True)
