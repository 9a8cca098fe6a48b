"""Cohorten: hoe een cohort ervoor staat een vast aantal maanden na
huisvesting of koppeling (naar CBS, Asiel en integratie), zodat cohorten op
gelijke afstand van hun start te vergelijken zijn."""

from __future__ import annotations

import streamlit as st

from monitor import formatting as fmt
from monitor.escaping import markdown_text
from pages.ui import data, frame, render
from pages.ui.filters import block_notice, current_filters, filter_summary_markdown
from pages.ui.passport import block_heading

def render_pair(df, measures, f) -> None:
    with st.container(key=f"im_pair_{measures[0]}"):
        cols = st.columns(2)
        for col, measure in zip(cols, measures):
            with col:
                c = render.build("cohorten.curve", measure, f)
                if c is None:
                    continue
                st.markdown(f"**{markdown_text(c.title)}**")
                render.chart(c, key=f"cohort_{measure}")


def main() -> None:
    frame.page_start()
    f = current_filters()
    st.title("Cohorten")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary_markdown(f)}  \n"
                "Elk cohort is het jaar waarin iemand is gehuisvest of gekoppeld. De lijnen laten "
                "zien hoe een cohort ervoor staat 3 tot 36 maanden na die start, zoals in de "
                "CBS-monitor *Asiel en integratie*: zo vergelijkt u cohorten op gelijke afstand "
                "van hun start. Meetpunten na de peildatum tellen nog niet mee.")
    block_notice(f, "De cohortlijnen en het land van herkomst hieronder volgen")
    df = data.get("cohort_curves", f)
    if df.empty:
        st.info("Geen cohortgegevens voor deze selectie.")
        return
    block_heading("Werk en uitkering na huisvesting", "werk.cohort_werk_uitkering", f.peildatum)
    render_pair(df, ("werk", "uitkering"), f)
    block_heading("PIP en leerroute na koppeling", "taal.cohort_pip_leerroute", f.peildatum)
    render_pair(df, ("pip", "leerroute"), f)
    render_land(f)


def render_land(f) -> None:
    st.subheader("Land van herkomst")
    render.registered("cohorten.land_van_herkomst", key="land_van_herkomst", f=f)


main()
