"""Puts a monitor.charts.Chart on the screen: the figure, its caption with
source and peildatum, and the note on hidden cells."""

from __future__ import annotations

import streamlit as st

from monitor import formatting as fmt
from monitor.charts import Chart
from pages.ui import data

SUPPRESSION_EXPLANATION = (
    "Cellen met 1 tot 4 personen, en percentages over minder dan 10 personen, worden niet "
    "getoond (‘<5’ of ‘–’), zodat niemand herkenbaar is. Waar een getoond totaal een "
    "verborgen cel zou verraden, is ook een naburige cel verborgen. Een verborgen cel is "
    "nooit 0."
)


def caption(text: str) -> None:
    """A source line with the moment of the last load."""
    info = data.load_info(data.snapshot())
    loaded = fmt.datetime_nl(info.get("loaded_at")) if info else fmt.MISSING
    st.caption(f"{text} · geladen {loaded}")


def suppression_note(count: int | None = None) -> None:
    if count == 0:
        return
    lead = f"{count} cel(len) verborgen. " if count else ""
    st.caption(f"‘<5’ / ‘–’: {lead}{SUPPRESSION_EXPLANATION}")


def chart(c: Chart, key: str | None = None) -> None:
    # no mode bar: its tooltips are English only
    st.plotly_chart(c.figure, width="stretch", config={"displayModeBar": False},
                    key=key or f"chart_{c.key}")
    caption(c.caption)
    if c.suppressed:
        suppression_note(c.suppressed)
