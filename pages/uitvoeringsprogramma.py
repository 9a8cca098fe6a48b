"""Uitvoeringsprogramma (bijlage 3): de acties op een tijdlijn 2024–2027 per
kwartaal en actielijn, met statuskleuren; vertraagde acties eerst. Per actie
staat erbij of haar planning uit de tekst van het document komt of niet
(monitor.action_plan). The sidebar filters do not apply: the action plan is
one snapshot for the whole programme."""

from __future__ import annotations


import streamlit as st

from monitor import action_plan, charts, registry
from monitor import formatting as fmt
from pages.ui import data, frame, render

STATUS = charts.ACTION_STATUS
LINES = charts.ACTION_LINES


def main() -> None:
    frame.page_start()
    st.title("Uitvoeringsprogramma Taal en Participatie 2024–2027")
    df = data.get("acties")
    if df.empty:
        st.info("Geen actiebestand geladen.")
        return
    demo = frame.is_demo()
    sources = [action_plan.planning_source(o, demo) for o in df["omschrijving"]]
    df = df.assign(planning=[k for k, _ in sources], planning_uitleg=[t for _, t in sources])
    st.info(action_plan.EXPLANATION + (action_plan.EXPLANATION_DEMO if demo else ""),
            icon=":material/event_note:")
    counts = df["status"].value_counts()
    cols = st.columns(len(STATUS))
    for col, (status, (colour, _p, symbol)) in zip(cols, STATUS.items()):
        col.metric(f"{symbol} {status}", fmt.number(int(counts.get(status, 0))))
    lines = st.multiselect("Actielijn", LINES, default=[], placeholder="Alle actielijnen", select_all=False,
                           key="acties_lijn")
    shown = df[df["actielijn"].isin(lines)] if lines else df
    today = registry.data_date(data.source())
    render.registered("acties.tijdlijn", registry.action_lines_arg(lines), key="acties_tl")
    st.caption("Balken en labels met ≈ (lichter): planning niet uit de tekst van het document. "
               f"De lijn ‘stand gegevens’ is {fmt.date_nl(today)}, de datum van de statussen.")
    st.markdown("**Vertraagde acties**")
    late = shown[shown["status"] == "Vertraagd"]
    if late.empty:
        st.success("Geen vertraagde acties.", icon=":material/check_circle:")
    else:
        st.dataframe(late[["actie_id", "actielijn", "omschrijving", "uitvoering", "einde",
                           "planning", "toelichting"]]
                     .assign(einde=lambda d: d["einde"].map(fmt.period_nl))
                     .rename(columns={"actie_id": "Actie", "actielijn": "Actielijn",
                                      "omschrijving": "Omschrijving", "uitvoering": "Uitvoering",
                                      "einde": "Gepland klaar", "planning": "Planning",
                                      "toelichting": "Toelichting"}),
                     hide_index=True, width="stretch")
    with st.expander("Planning per actie: uit het document of niet"):
        st.dataframe(shown[["actie_id", "omschrijving", "start", "einde", "planning_uitleg"]]
                     .assign(start=lambda d: d["start"].map(fmt.period_nl),
                             einde=lambda d: d["einde"].map(fmt.period_nl))
                     .rename(columns={"actie_id": "Actie", "omschrijving": "Omschrijving",
                                      "start": "Start", "einde": "Einde",
                                      "planning_uitleg": "Herkomst planning"}),
                     hide_index=True, width="stretch")


main()
