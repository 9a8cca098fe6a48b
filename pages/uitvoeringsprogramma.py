"""Uitvoeringsprogramma (bijlage 3): de acties op een tijdlijn 2024–2027 per
kwartaal en actielijn, met statuskleuren; vertraagde acties eerst."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from monitor import charts
from monitor import formatting as fmt
from pages.ui import data, frame, render
from pages.ui.filters import current_filters

STATUS = charts.ACTION_STATUS
LINES = charts.ACTION_LINES


def render_timeline(df: pd.DataFrame, today: dt.date) -> None:
    render.chart(charts.acties_timeline(df, today), key="acties_tl")


def main() -> None:
    frame.page_start()
    f = current_filters()
    st.title("Uitvoeringsprogramma Taal en Participatie 2024–2027")
    df = data.acties(data.snapshot())
    if df.empty:
        st.info("Geen actiebestand geladen.")
        return
    counts = df["status"].value_counts()
    cols = st.columns(len(STATUS))
    for col, (status, (colour, _p, symbol)) in zip(cols, STATUS.items()):
        col.metric(f"{symbol} {status}", fmt.number(int(counts.get(status, 0))))
    lines = st.multiselect("Actielijn", LINES, default=[], placeholder="Alle actielijnen",
                           key="acties_lijn")
    shown = df[df["actielijn"].isin(lines)] if lines else df
    today = f.peildatum
    render_timeline(shown, today)
    st.markdown("**Vertraagde acties**")
    late = shown[shown["status"] == "Vertraagd"]
    if late.empty:
        st.success("Geen vertraagde acties.", icon=":material/check_circle:")
    else:
        st.dataframe(late[["actie_id", "actielijn", "omschrijving", "uitvoering", "einde", "toelichting"]]
                     .assign(einde=lambda d: d["einde"].map(fmt.period_nl))
                     .rename(columns={"actie_id": "Actie", "actielijn": "Actielijn",
                                      "omschrijving": "Omschrijving", "uitvoering": "Uitvoering",
                                      "einde": "Gepland klaar", "toelichting": "Toelichting"}),
                     hide_index=True, width="stretch")


main()
