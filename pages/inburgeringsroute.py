"""Inburgeringsroute (bijlage 2 van het uitvoeringsprogramma): koppeling →
huisvesting → brede intake → PIP → leerroute → MAP/KNM/PVT → voldaan, met
aantallen en mediane doorlooptijden per stap, de wachtlijst en de termijn."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import formatting as fmt
from pages.ui import data, frame, render
from pages.ui.card import render_indicator_detail
from pages.ui.filters import block_notice, current_filters, filter_summary_markdown


def render_steps(f) -> None:
    st.subheader("De route in stappen")
    block_notice(f, "De route in stappen en de inburgeringstermijn volgen")
    c = render.build("route.stappen", f=f)
    if c is None:
        return
    c1, c2 = st.container(key="im_pair_steps").columns([3, 2])
    with c1:
        render.chart(c, key="route_steps")
    with c2:
        st.markdown("**Aantallen en mediane doorlooptijd per stap**")
        st.table(pd.DataFrame({
            "Stap": c.table["Stap"],
            "Personen": c.table["Weergave"],
            "Doorlooptijd vanaf": c.table["Doorlooptijd vanaf"],
            "Mediaan": [fmt.MISSING if m is None or pd.isna(m) else f"{fmt.number(m)} dagen"
                        for m in c.table["Mediane doorlooptijd (dagen)"]],
        }).set_index("Stap"))
        st.caption("Doorlooptijd: mediaan aantal dagen tussen de vorige stap en deze stap, over "
                   "de personen die beide stappen hebben gezet; ‘–’ bij minder dan 10 personen.")


def render_wachtlijst(f) -> None:
    st.subheader("Wachtlijst: gehuisvest, nog geen PIP")
    render_indicator_detail(data.indicator(data.snapshot(), "taal.wachtlijst_pip"), f, "doelgroep")


def render_termijn(f) -> None:
    st.subheader("Inburgeringstermijn: drie jaar vanaf het PIP")
    render.registered("route.termijn", key="route_termijn", f=f)


def main() -> None:
    frame.page_start()
    f = current_filters()
    st.title("Inburgeringsroute")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary_markdown(f)}  \n"
                "Het stroomschema van bijlage 2 van het uitvoeringsprogramma: van koppeling tot "
                "voldaan. Niet iedereen begint bij de eerste stap: alleen asielstatushouders en nareizigers "
                "worden door het COA aan de gemeente gekoppeld; gezinsmigranten en overige "
                "inburgeraars beginnen bij huisvesting of de brede intake. Daarom kan een latere stap meer "
                "personen tellen dan de koppeling, en volgen de modules (PVT, KNM, MAP) geen vaste "
                "volgorde.")
    render_steps(f)
    c1, c2 = st.container(key="im_pair_termijn").columns(2)
    with c1:
        render_termijn(f)
    with c2:
        render_wachtlijst(f)


main()
