"""Inburgeringsroute (bijlage 2 van het uitvoeringsprogramma): koppeling →
huisvesting → brede intake → PIP → leerroute → MAP/KNM/PVT → voldaan, met
aantallen en mediane doorlooptijden per stap, de wachtlijst en de termijn."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import formatting as fmt
from pages import components as ui

SOURCE = "registratie inburgeraars (team Inburgering)"


STEPS = {  # step -> (label, lead time measured from)
    "koppeling": ("Koppeling aan gemeente", "vergunning"),
    "huisvesting": ("Huisvesting", "koppeling"),
    "brede_intake": ("Brede intake", "huisvesting (of vergunning)"),
    "pip": ("PIP getekend", "brede intake"),
    "leerroute": ("Start leerroute", "PIP"),
    "map": ("MAP afgerond", "PIP"),
    "knm": ("KNM afgerond", "PIP"),
    "pvt": ("PVT afgerond", "PIP"),
    "voldaan": ("Voldaan", "PIP"),
}
TERMIJN = {"termijn_lopend": "Binnen de termijn", "termijn_verstreken": "Termijn verstreken"}


def route_data(f) -> pd.DataFrame:
    df = ui.data("route", f)
    return df if df is not None else pd.DataFrame()


def render_funnel(f) -> None:
    st.subheader("De route in stappen")
    df = route_data(f)
    steps = df[df["step"].isin(STEPS)].sort_values("stap") if not df.empty else df
    if steps.empty:
        st.info("Geen routegegevens voor deze selectie.")
        return
    labels = [STEPS[s][0] for s in steps["step"]]
    text = ui.row_texts(steps, "aantal")
    fig = go.Figure(go.Funnel(
        y=labels, x=[0 if s else v for v, s in zip(steps["value"], steps["suppressed"])],
        text=text, textinfo="text", marker=dict(color=ui.PALETTE[0]),
        connector=dict(line=dict(color="#BBBBBB")),
        hovertemplate="%{y}: %{text} personen<extra></extra>"))
    ui.style_fig(fig, height=420, legend=False)
    c1, c2 = st.columns([3, 2])
    with c1:
        ui.chart(fig, SOURCE, f.peildatum, key="route_funnel",
                 note="personen in beeld die deze stap op de peildatum hebben gezet")
    with c2:
        st.markdown("**Aantallen en mediane doorlooptijd per stap**")
        tbl = pd.DataFrame({
            "Stap": labels,
            "Personen": text,
            "Doorlooptijd vanaf": [STEPS[s][1] for s in steps["step"]],
            "Mediaan": [("–" if m is None or pd.isna(m) else f"{fmt.number(m)} dagen")
                        for m in steps["mediaan_dagen"]],
        })
        st.dataframe(tbl, hide_index=True, width="stretch")
        st.caption("Doorlooptijd: mediaan aantal dagen tussen de vorige stap en deze stap, over "
                   "de personen die beide stappen hebben gezet; ‘–’ bij minder dan 10 personen.")
    ui.suppression_note(int(steps["suppressed"].sum()))


def render_wachtlijst(f) -> None:
    st.subheader("Wachtlijst: gehuisvest, nog geen PIP")
    meta = ui.meta_of("taal.wachtlijst_pip")
    if meta:
        ui.render_indicator_detail(meta, f, "doelgroep", source=SOURCE)


def render_termijn(f) -> None:
    st.subheader("Inburgeringstermijn: drie jaar vanaf het PIP")
    df = route_data(f)
    df = df[df["step"].isin(TERMIJN)] if not df.empty else df
    rows = pd.DataFrame({"step": list(TERMIJN)}).merge(df, on="step", how="left")
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool)
    rows["value"] = rows["value"].astype(object).where(rows["value"].notna() | rows["suppressed"], 0)
    text = ui.row_texts(rows, "aantal")
    marks = {"termijn_lopend": "✔", "termijn_verstreken": "✖"}
    fig = go.Figure(go.Bar(
        x=[TERMIJN[s] for s in rows["step"]],
        y=[0 if s else v for v, s in zip(rows["value"], rows["suppressed"])],
        text=[f"{marks[s]} {t}" for s, t in zip(rows["step"], text)],
        textposition="outside", cliponaxis=False,
        marker_color=[ui.PALETTE[0], ui.PALETTE[3]], marker_pattern_shape=["", "x"],
        hovertemplate="%{x}: %{text}<extra></extra>"))
    ui.style_fig(fig, height=320, legend=False, y_title="actieve inburgeraars")
    ui.chart(fig, SOURCE, f.peildatum, key="route_termijn",
             note="actief = PIP getekend, nog niet voldaan of ontheven")
    ui.suppression_note(int(rows["suppressed"].sum()))


def main() -> None:
    ui.page_start()
    f = ui.current_filters()
    st.title("Inburgeringsroute")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {ui.filter_summary(f)}  \n"
                "Het stroomschema van bijlage 2 van het uitvoeringsprogramma: van koppeling tot voldaan.")
    render_funnel(f)
    c1, c2 = st.columns(2)
    with c1:
        render_termijn(f)
    with c2:
        render_wachtlijst(f)


main()
