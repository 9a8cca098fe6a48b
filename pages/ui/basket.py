"""The Raadspresentatie basket in the UI: kept in the URL (`mand=`) and in
the session (a page switch clears the URL; the session puts it back), the
"Aan presentatie toevoegen" control beside each registered chart."""

from __future__ import annotations

import streamlit as st

from monitor import basket, registry
from monitor.charts import Chart
from pages.ui import data

STATE = "_im_mand"


def source():
    """monitor.queries.Source through the pages' cache, so a deck uses
    exactly the tables the pages showed."""
    return data.source()


def keys() -> list[str]:
    return list(st.session_state.get(STATE) or [])


def _write(new: list[str]) -> None:
    st.session_state[STATE] = list(new)
    if new:
        st.query_params[basket.PARAM] = basket.to_param(new)
    elif basket.PARAM in st.query_params:
        del st.query_params[basket.PARAM]


def sync() -> None:
    """Once per run (app.py): the URL decides when it names a basket,
    otherwise the session's basket goes back into the URL."""
    if basket.PARAM in st.query_params:
        st.session_state[STATE] = basket.parse(st.query_params.get_all(basket.PARAM))
    elif keys():
        st.query_params[basket.PARAM] = basket.to_param(keys())


def set_keys(new: list[str]) -> None:
    _write(new)


def _toggle(key: str) -> None:
    _write(basket.toggle(keys(), key))


def add_control(c: Chart, widget_key: str) -> None:
    """The button beside a chart that puts it in (or takes it out of) the
    basket; the URL changes with it. Only a registered chart gets it: the
    deck rebuilds a chart from its key through the registry."""
    if not registry.knows(c.key):
        return
    inside = c.key in keys()
    st.button("Uit presentatie halen" if inside else "Aan presentatie toevoegen",
              key=f"mand_{widget_key}", on_click=_toggle, args=(c.key,),
              icon=":material/remove_from_queue:" if inside else ":material/add_to_queue:",
              help="De Raadspresentatie (in het menu) maakt van de verzamelde grafieken één "
                   "PowerPoint. De verzameling staat in de link.")


def add_budget_control(scenario_query: dict[str, str]) -> None:
    """The same control for the budget scenarios as they are now: the deck
    gets them as a table."""
    key = basket.budget_key(scenario_query)
    inside = key in keys()
    st.button("Scenario's uit presentatie halen" if inside else
              "Scenario's aan presentatie toevoegen", key="mand_begroting", on_click=_toggle,
              args=(key,), icon=":material/remove_from_queue:" if inside else
              ":material/add_to_queue:",
              help="De Raadspresentatie zet de scenario's zoals ze nu zijn als tabel in de "
                   "PowerPoint.")
