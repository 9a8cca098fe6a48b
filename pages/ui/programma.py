"""Blocks under a cluster page for what the programme steers on beyond the
single indicators: Z-route capacity (domain 2.3) and VISTA levels per skill
(domain 3.2)."""

from __future__ import annotations

import streamlit as st

from monitor import charts, zroute
from monitor import formatting as fmt
from pages.ui import data, render
from pages.ui.filters import current_filters
from pages.ui.passport import block_heading

NORMEN = {
    f"800 uur in 3 jaar ({fmt.number(zroute.NORM_UREN_PER_WEEK, 1)} uur per week)":
        zroute.NORM_UREN_PER_WEEK,
    f"800 uur over 40 lesweken per jaar ({fmt.number(zroute.NORM_UREN_PER_LESWEEK, 1)} uur per week)":
        zroute.NORM_UREN_PER_LESWEEK,
}


def render_z_route() -> None:
    f = current_filters()
    snap = data.snapshot()
    block_heading("Z-route: capaciteit participatieplekken", "werk.z_route_capaciteit", f.peildatum)
    st.markdown("Hoeveel uur participatie per week de actieve Z-route-inburgeraars nodig hebben, "
                "tegen de uren van hun lopende activiteiten. Het uitvoeringsprogramma rekent met "
                "ongeveer 88 personen en 580 uur per week: 88 × 6,6 uur, de 6,67 uur van 800 uur "
                "over 3 × 40 lesweken naar beneden afgerond.")
    # The seed's 580 hours a week are counted over 40 lesweken: that norm
    # first, so the chart and its reference line speak the same measure.
    label = st.radio("Norm", list(NORMEN), index=list(NORMEN.values()).index(
        zroute.NORM_UREN_PER_LESWEEK), horizontal=True, key="z_route_norm")
    norm = NORMEN[label]
    df = data.z_route(snap, f, norm)
    if df.empty:
        st.info("Op deze peildatum zijn er geen actieve Z-route-inburgeraars binnen de filters.")
        return
    namen = data.gemeente_namen(snap)
    p = df["peildatum"].iloc[0]
    render.chart(charts.z_route_capaciteit(df, namen, p, norm), key="z_route_capaciteit")
    render.chart(charts.z_route_schema(df, namen, p), key="z_route_schema")


def render_vista_niveaus() -> None:
    f = current_filters()
    snap = data.snapshot()
    block_heading("Taalniveau per vaardigheid", "taal.niveau_per_vaardigheid", f.peildatum)
    df = data.vista_niveaus(snap, f)
    if df.empty or not df["value"].map(lambda v: v is not None and v > 0).any():
        st.info("Er is geen VISTA-bestand op of voor deze peildatum.")
        return
    render.chart(charts.vista_niveaus(df, df["peildatum"].iloc[0]), key="vista_niveaus")
