"""Blocks under a cluster page for what the programme steers on beyond the
single indicators: Z-route capacity (domain 2.3) and VISTA levels per skill
(domain 3.2)."""

from __future__ import annotations

import streamlit as st

from monitor import zroute
from monitor import formatting as fmt
from pages.ui import render
from pages.ui.filters import block_notice, current_filters
from pages.ui.passport import block_heading

# label -> the norm's argument of the registered chart (monitor.registry.Z_NORMS)
NORMEN = {
    f"800 uur in 3 jaar ({fmt.number(zroute.NORM_UREN_PER_WEEK, 1)} uur per week)": "jaar",
    f"800 uur over 40 lesweken per jaar ({fmt.number(zroute.NORM_UREN_PER_LESWEEK, 1)} uur per week)":
        "lesweken",
}


def render_z_route() -> None:
    f = current_filters()
    block_heading("Z-route: capaciteit participatieplekken", "werk.z_route_capaciteit", f.peildatum)
    st.markdown("Hoeveel uur participatie per week de actieve Z-route-inburgeraars nodig hebben, "
                "tegen de uren van hun lopende activiteiten. Het uitvoeringsprogramma rekent met "
                "ongeveer 88 personen en 580 uur per week: 88 × 6,6 uur, de 6,67 uur van 800 uur "
                "over 3 × 40 lesweken naar beneden afgerond.")
    # The seed's 580 hours a week are counted over 40 lesweken: that norm
    # first, so the chart and its reference line speak the same measure.
    label = st.radio("Norm", list(NORMEN), index=list(NORMEN.values()).index("lesweken"),
                     horizontal=True, key="z_route_norm")
    norm = NORMEN[label]
    block_notice(f, "De Z-route volgt")
    if render.registered("werk.z_route_capaciteit", norm, key="z_route_capaciteit", f=f):
        render.registered("werk.z_route_schema", key="z_route_schema", f=f)


def render_vista_niveaus() -> None:
    f = current_filters()
    block_heading("Taalniveau per vaardigheid", "taal.niveau_per_vaardigheid", f.peildatum)
    block_notice(f, "Het taalniveau per vaardigheid volgt")
    render.registered("taal.vista_niveaus", key="vista_niveaus", f=f)
