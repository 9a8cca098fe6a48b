"""Huisvesting en opvang: taakstelling tegen realisatie per halfjaar en
gemeente, AZC-bezetting tegen capaciteit, wachttijd in het AZC na koppeling
en de spreiding van gehuisveste statushouders over de wijken."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import formatting as fmt
from monitor import presentation as pres
from pages import components as ui

AZC_NORM = 650  # seed 001: AZC Maastricht at most 650 residents


def _status_cell(pct_value, suppressed: bool) -> str:
    if suppressed or pd.isna(pct_value):
        return "– verborgen"
    s = pres.status(pct_value, 100, "hoger")
    return f"{s.symbol} {fmt.pct(pct_value / 100, 0)}"


def _region_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The region per half year: sums over the gemeenten. Gehuisvest stays
    hidden where a gemeente's count is hidden (else it could be derived)."""
    rows = []
    for periode, g in df.groupby("periode", sort=True):
        hidden = g["gehuisvest"].isna().any()
        rows.append({"gemeentecode": "ALL", "gemeente": "Hele regio", "periode": periode,
                     "period_start": g["period_start"].iloc[0],
                     "taakstelling": g["taakstelling"].sum(),
                     "achterstand_begin": g["achterstand_begin"].sum(),
                     "gehuisvest": None if hidden else g["gehuisvest"].sum(),
                     "opgave": g["opgave"].sum()})
    return pd.DataFrame(rows)


def render_taakstelling(f) -> None:
    st.subheader("Taakstelling en realisatie per halfjaar")
    st.markdown("De opgave per halfjaar is de taakstelling van het Rijk plus de achterstand aan het "
                "begin van het halfjaar (negatief = voorsprong); wat niet gehuisvest is, schuift "
                "door naar het volgende halfjaar. Norm: 100% van de opgave.")
    df = ui.data("taakstelling", f)
    if df.empty:
        st.info("Geen taakstellingsgegevens geladen.")
        return
    df = df[pd.to_datetime(df["period_start"]) <= pd.Timestamp(f.peildatum)]
    if len(f.gemeenten) != 1:
        region = _region_rows(df)
        if f.gemeenten:
            region["gemeente"] = "Gekozen gemeenten samen"
        df = pd.concat([region, df], ignore_index=True)
    df["gehuisvest"] = df["gehuisvest"].astype(object)
    df["realisatie"] = [None if (g is None or pd.isna(g) or not o) else 100.0 * g / o
                        for g, o in zip(df["gehuisvest"], df["opgave"])]
    namen = {**ui.gemeente_namen(),
             "ALL": "Gekozen gemeenten samen" if f.gemeenten else "Hele regio"}
    codes = list(dict.fromkeys(df["gemeentecode"]))
    chosen = st.selectbox("Gemeente in de grafiek", codes, key="hv_gemeente",
                          format_func=lambda c: namen.get(c, c))
    g = df[df["gemeentecode"] == chosen].sort_values("periode")
    periods = [fmt.period_nl(p) for p in g["periode"]]
    housed = [None if (v is None or pd.isna(v)) else float(v) for v in g["gehuisvest"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=periods, y=g["taakstelling"], name="Taakstelling",
                         marker_color=ui.PALETTE[5],
                         hovertemplate="%{x}: taakstelling %{y:,.0f}<extra></extra>"))
    fig.add_trace(go.Bar(x=periods, y=g["achterstand_begin"], name="Achterstand begin halfjaar",
                         marker_color=ui.PALETTE[1], marker_pattern_shape="/",
                         hovertemplate="%{x}: achterstand %{y:,.0f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=periods, y=housed, name="Gehuisvest", mode="lines+markers+text",
        text=["–" if h is None else "" for h in housed], textposition="top center",
        marker=dict(size=10, symbol="diamond", color=ui.PALETTE[0]),
        line=dict(color=ui.PALETTE[0], width=2),
        hovertemplate="%{x}: gehuisvest %{y:,.0f}<extra></extra>"))
    fig.update_layout(barmode="relative")
    ui.style_fig(fig, height=360, y_title="personen")
    ui.chart(fig, "taakstelling gemeente (Rijk, toezicht provincie)", f.peildatum, key="hv_taak")

    def cell(r):
        if r is None or pd.isna(r):
            return "– verborgen"
        s = pres.status(r, 100, "hoger_beter")
        return f"{s.symbol} {fmt.pct(r / 100, 0)}"

    table = df.assign(cel=[cell(r) for r in df["realisatie"]])
    wide = table.pivot(index="gemeentecode", columns="periode", values="cel")
    wide = wide.reindex([c for c in codes if c in wide.index])
    wide.index = [namen.get(c, c) for c in wide.index]
    wide.columns = [fmt.period_nl(c) for c in wide.columns]

    def colour(v):
        for s in (pres.ON_TRACK, pres.ATTENTION, pres.OFF_TRACK):
            if str(v).startswith(s.symbol):
                return f"background-color:{s.background};color:{s.colour};font-weight:600"
        return "color:#555"

    st.markdown("**Realisatie per gemeente en halfjaar** — ✔ op koers (≥ 100%) · "
                "▲ aandacht (90–99%) · ✖ uit koers (< 90%)")
    st.dataframe(wide.style.map(colour), width="stretch")
    ui.chart_caption("taakstelling gemeente", f.peildatum,
                     "realisatie = gehuisvest ÷ (taakstelling + achterstand begin)")
    ui.suppression_note()


def render_azc(f) -> None:
    st.subheader("Bezetting van de COA-locaties tegen de capaciteit")
    df = ui.data("azc_bezetting")
    if df.empty:
        st.info("Geen COA-bezettingsbestanden geladen.")
        return
    df = df[pd.to_datetime(df["peildatum"]) <= pd.Timestamp(f.peildatum)]
    if df.empty:
        st.info("Geen bezettingscijfers tot deze peildatum.")
        return
    fig = go.Figure()
    for i, (loc, g) in enumerate(df.groupby("locatie", sort=True)):
        g = g.sort_values("peildatum")
        colour = ui.PALETTE[i % len(ui.PALETTE)]
        x = pd.to_datetime(g["peildatum"])
        fig.add_trace(go.Scatter(x=x, y=g["bezetting"], name=loc, mode="lines+markers",
                                 line=dict(color=colour, width=2),
                                 marker=dict(symbol=["circle", "square", "diamond", "triangle-up"][i % 4]),
                                 hovertemplate="%{x|%d-%m-%Y}: %{y:,.0f} bewoners<extra>" + loc + "</extra>"))
        fig.add_trace(go.Scatter(x=x, y=g["capaciteit"], name=f"capaciteit {loc}", mode="lines",
                                 showlegend=False, line=dict(color=colour, width=1, dash="dot"),
                                 hovertemplate="capaciteit %{y:,.0f}<extra>" + loc + "</extra>"))
    fig.add_hline(y=AZC_NORM, line_dash="dash", line_color="#444", line_width=1,
                  annotation_text="maximum AZC Maastricht: 650 bewoners",
                  annotation_position="top left", annotation_font_size=11)
    ui.style_fig(fig, height=380, y_title="bewoners")
    ui.month_ticks(fig, df["peildatum"])
    ui.chart(fig, "COA bezettingsoverzicht", f.peildatum, key="hv_azc",
             note="stippellijn: capaciteit per locatie; filters op persoonskenmerken gelden hier niet")
    last = df[df["peildatum"] == df["peildatum"].max()].copy()
    st.markdown(f"**Stand {fmt.date_nl(last['peildatum'].max())}**")
    st.dataframe(pd.DataFrame({
        "Locatie": last["locatie"], "Type opvang": last["type_opvang"],
        "Capaciteit": [fmt.number(c) for c in last["capaciteit"]],
        "Bezetting": [ui.value_text(b, b is None or pd.isna(b), "aantal") for b in last["bezetting"]],
        "Bezettingsgraad": [fmt.MISSING if (b is None or pd.isna(b) or not c) else fmt.pct(b / c, 0)
                            for b, c in zip(last["bezetting"], last["capaciteit"])],
    }), hide_index=True, width="stretch")


def render_wachttijd(f) -> None:
    st.subheader("Wachttijd in het AZC na koppeling")
    meta = ui.meta_of("huisvesting.wachttijd_azc_mediaan_dagen")
    if not meta:
        st.info("Indicator niet beschikbaar.")
        return
    ui.render_indicator_detail(meta, f, "doelgroep")


def render_wijken(f) -> None:
    st.subheader("Spreiding over de wijken")
    st.markdown("Het beleid vraagt statushouders gespreid over de gemeente te huisvesten (seeds "
                "001 en 003). Per gemeente: het aandeel van de gehuisveste inburgeraars per wijk, "
                "ten opzichte van het aantal gehuisvesten in die gemeente.")
    df = ui.data("huisvesting_wijk", f)
    if df.empty:
        st.info("Geen gehuisveste inburgeraars voor deze selectie.")
        return
    namen = ui.gemeente_namen()
    codes = list(dict.fromkeys(df["gemeentecode"]))
    cols = st.columns(min(3, len(codes)) or 1)
    meta = {"unit": "pct", "norm": None}
    for i, code in enumerate(codes):
        g = df[df["gemeentecode"] == code]
        tot = g[g["is_total"].astype(bool)]
        parts = g[~g["is_total"].astype(bool)].sort_values("wijkcode")
        total = None if tot.empty else tot["value"].iloc[0]
        total_txt = ui.row_texts(tot, "aantal")[0] if not tot.empty else fmt.MISSING
        share = [None if (s or total is None or pd.isna(total) or not total or v is None)
                 else 100.0 * float(v) / float(total)
                 for v, s in zip(parts["value"], parts["suppressed"])]
        bars = pd.DataFrame({
            "wijk": [f"wijk {str(w)[-2:]}" if str(w).startswith("WK") else str(w)
                     for w in parts["wijkcode"]],
            "value": share, "suppressed": parts["suppressed"].tolist()})
        if "weergave" in parts.columns:
            bars["weergave"] = parts["weergave"].tolist()
        with cols[i % len(cols)]:
            st.markdown(f"**{namen.get(code, code)}** · {total_txt} gehuisvest")
            fig = ui.bar_figure(bars, "wijk", meta, height=200)
            if len(bars):
                fig.add_vline(x=100.0 / len(bars), line_dash="dot", line_color="#444", line_width=1,
                              annotation_text="gelijk verdeeld", annotation_position="top right",
                              annotation_font_size=11)
            ui.chart(fig, "registratie inburgeraars (wijkcode woonadres)", f.peildatum,
                     key=f"wk_{code}")
    ui.suppression_note(int(df["suppressed"].sum()))


def main() -> None:
    ui.page_start()
    f = ui.current_filters()
    st.title("Huisvesting en opvang")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {ui.filter_summary(f)}")
    t1, t2, t3, t4 = st.tabs(["Taakstelling", "AZC-bezetting", "Wachttijd AZC", "Spreiding wijken"])
    with t1:
        render_taakstelling(f)
    with t2:
        render_azc(f)
    with t3:
        render_wachttijd(f)
    with t4:
        render_wijken(f)


main()
