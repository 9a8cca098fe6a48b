"""Uitvoeringsprogramma (bijlage 3): de acties op een tijdlijn 2024–2027 per
kwartaal en actielijn, met statuskleuren; vertraagde acties eerst. Per actie
staat erbij of haar planning uit de tekst van het document komt of niet
(monitor.action_plan). The sidebar filters do not apply: the action plan is
one snapshot for the whole programme."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import action_plan
from monitor import formatting as fmt
from pages import components as ui

STATUS = {  # colour, pattern, symbol; order = sort order (delayed first)
    "Vertraagd": ("#D55E00", "x", "✖"),
    "Loopt": ("#0072B2", "", "▶"),
    "Niet gestart": ("#999999", ".", "○"),
    "Afgerond": ("#009E73", "/", "✔"),
}
LINES = ["Taal", "Participatie", "Betaald werk", "Borging", "Aandachtspunten"]


def render_timeline(df: pd.DataFrame, today: dt.date) -> None:
    """Bars per action; a planning that is not in the document's text is drawn
    lighter and its label starts with ≈."""
    df = df.copy()
    df["_s"] = df["status"].map({k: i for i, k in enumerate(STATUS)}).fillna(len(STATUS))
    df["_l"] = df["actielijn"].map({k: i for i, k in enumerate(LINES)}).fillna(len(LINES))
    df = df.sort_values(["_s", "_l", "actie_id"])
    df["label"] = [f"{s_sym} {'' if k == action_plan.IN_TEXT else '≈ '}{a} · "
                   f"{o[:48]}{'…' if len(o) > 48 else ''}"
                   for a, o, s_sym, k in zip(df["actie_id"], df["omschrijving"].fillna(""),
                                             [STATUS.get(s, ('', '', '?'))[2] for s in df["status"]],
                                             df["planning"])]
    fig = go.Figure()
    for status, (colour, pattern, symbol) in STATUS.items():
        g = df[df["status"] == status]
        if g.empty:
            continue
        start = pd.to_datetime(g["start_date"])
        end = pd.to_datetime(g["end_date"]) + pd.Timedelta(days=1)
        fig.add_trace(go.Bar(
            y=g["label"], x=(end - start).dt.total_seconds() * 1000, base=start,
            orientation="h", name=f"{symbol} {status}",
            marker=dict(color=colour, pattern_shape=pattern,
                        opacity=[1.0 if k == action_plan.IN_TEXT else 0.55 for k in g["planning"]]),
            customdata=list(zip(g["actielijn"], [fmt.period_nl(s) for s in g["start"]],
                                [fmt.period_nl(e) for e in g["einde"]], g["uitvoering"].fillna(""),
                                g["planning_uitleg"])),
            hovertemplate="%{y}<br>Actielijn %{customdata[0]}<br>%{customdata[1]} t/m "
                          "%{customdata[2]}<br>Uitvoering: %{customdata[3]}<br>%{customdata[4]}"
                          "<extra>" + status + "</extra>"))
    fig.add_vline(x=pd.Timestamp(today), line_dash="dash", line_color="#444")
    fig.add_annotation(x=pd.Timestamp(today), y=1.02, yref="paper", text="stand gegevens",
                       showarrow=False, font=dict(size=11))
    ui.style_fig(fig, height=max(320, 26 * len(df) + 120))
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array",
                     categoryarray=list(df["label"]))
    quarters = pd.date_range("2024-01-01", "2027-10-01", freq="QS")
    fig.update_xaxes(type="date", range=[pd.Timestamp("2024-01-01"), pd.Timestamp("2028-01-01")],
                     tickvals=quarters, ticktext=[f"K{(q.month - 1) // 3 + 1}<br>{q.year}"
                                                  if q.month == 1 else f"K{(q.month - 1) // 3 + 1}"
                                                  for q in quarters], showgrid=True,
                     gridcolor="#EEE")
    ui.chart(fig, "acties uitvoeringsprogramma (gemeente)", today, key="acties_tl")


def _data_date() -> dt.date:
    """The newest date of the loaded data: the statuses are that snapshot."""
    dates = list(ui.filter_options().get("peildatum") or [])
    return dates[-1] if dates else dt.date.today()


def main() -> None:
    ui.page_start()
    st.title("Uitvoeringsprogramma Taal en Participatie 2024–2027")
    df = ui.data("acties")
    if df.empty:
        st.info("Geen actiebestand geladen.")
        return
    demo = bool(ui.load_info().get("is_demo"))
    sources = [action_plan.planning_source(o, demo) for o in df["omschrijving"]]
    df = df.assign(planning=[k for k, _ in sources], planning_uitleg=[t for _, t in sources])
    st.info(action_plan.EXPLANATION + (action_plan.EXPLANATION_DEMO if demo else ""),
            icon=":material/event_note:")
    counts = df["status"].value_counts()
    cols = st.columns(len(STATUS))
    for col, (status, (colour, _p, symbol)) in zip(cols, STATUS.items()):
        col.metric(f"{symbol} {status}", fmt.number(int(counts.get(status, 0))))
    lines = st.multiselect("Actielijn", LINES, default=[], placeholder="Alle actielijnen",
                           key="acties_lijn")
    shown = df[df["actielijn"].isin(lines)] if lines else df
    today = _data_date()
    render_timeline(shown, today)
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
