"""Huisvesting en opvang: taakstelling tegen realisatie per halfjaar en
gemeente, AZC-bezetting tegen capaciteit, wachttijd in het AZC na koppeling
en de spreiding van gehuisveste statushouders over de wijken."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import charts
from monitor import formatting as fmt
from monitor import presentation as pres
from monitor import registry
from pages.ui import data, frame, render
from pages.ui.card import render_indicator_detail
from pages.ui.filters import current_filters, filter_summary_markdown, block_notice
from pages.ui.passport import block_heading


# More rows than this: a scrolling grid instead of a table laid out whole.
LONG_TABLE = 12


def _realisation_cell(pct, running: bool) -> str:
    if pct is None or pd.isna(pct):
        return fmt.MISSING
    if running:  # provisional: shown, not judged
        return pres.fmt_value(pct, "pct")
    # judged on the value as shown, as every other output judges it
    s = pres.status(pres.shown_number(pct, "pct"), 100, "hoger_beter")
    return f"{s.symbol} {pres.fmt_value(pct, 'pct')}"


def render_taakstelling(f) -> None:
    st.subheader("Taakstelling en realisatie per halfjaar")
    st.markdown("De opgave per halfjaar is de taakstelling van het Rijk plus de achterstand aan het "
                "begin van het halfjaar (negatief = voorsprong); wat niet gehuisvest is, schuift "
                "door naar het volgende halfjaar. Norm: 100% van de opgave. Deze cijfers publiceert "
                "het Rijk per gemeente; ze worden volledig getoond.")
    snap = data.snapshot()
    df = data.get("taakstelling", f)
    if df.empty:
        st.info("Geen taakstellingsgegevens geladen.")
        return
    df = df[pd.to_datetime(df["period_start"]) <= pd.Timestamp(f.peildatum)]
    region = registry.region_label(f)
    namen = {**data.gemeente_namen(snap), "ALL": region}
    codes = list(dict.fromkeys(df["gemeentecode"]))
    if len(f.gemeenten) == 1:
        codes = [c for c in codes if c != "ALL"]
    chosen = st.selectbox("Gemeente in de grafiek", codes, key="hv_gemeente",
                          format_func=lambda c: namen.get(c, c))
    render.registered("huisvesting.taakstelling", namen.get(chosen, chosen), key="hv_taak", f=f)
    shown = df[df["gemeentecode"].isin(codes)]
    running = [pd.Timestamp(e) > pd.Timestamp(f.peildatum) for e in shown["period_end"]]
    wide = shown.assign(cel=[_realisation_cell(r, run) for r, run in
                             zip(shown["realisatie_pct"], running)]).pivot(
        index="gemeentecode", columns="periode", values="cel")
    wide = wide.reindex([c for c in codes if c in wide.index])
    wide.index = [namen.get(c, c) for c in wide.index]
    ends = dict(zip(shown["periode"], shown["period_end"]))
    wide.columns = [fmt.period_nl(c) + (" (lopend)" if pd.Timestamp(ends[c]) > pd.Timestamp(f.peildatum)
                                        else "") for c in wide.columns]

    def colour(v):
        for s in (pres.ON_TRACK, pres.ATTENTION, pres.OFF_TRACK):
            if str(v).startswith(s.symbol):
                return f"background-color:{s.background};color:{s.colour};font-weight:600"
        return "color:#555"

    st.markdown("**Realisatie per gemeente en halfjaar** — ✔ op koers (≥ 100%) · "
                "▲ aandacht (90–99%) · ✖ uit koers (< 90%); een lopend halfjaar is voorlopig")
    if len(wide) > LONG_TABLE:
        # a grid that draws the rows in view: nationally 343 rows x 10 halfjaren
        # as a plain table are most of what the browser has to lay out. Newest
        # halfjaar first: a grid wider than the screen opens on its left edge.
        st.markdown("Nieuwste halfjaar eerst.")
        st.dataframe(wide[wide.columns[::-1]].style.map(colour), width="stretch", height=420)
    else:
        st.table(wide.style.map(colour))
    render.caption(f"Bron: {charts.TAAKSTELLING_SOURCE} · peildatum {fmt.date_nl(f.peildatum)} · "
                   "realisatie = gehuisvest ÷ (taakstelling + achterstand begin); – : geen opgave in dat "
                   "halfjaar")


def render_azc(f) -> None:
    st.subheader("Bezetting van de COA-locaties tegen de capaciteit")
    df = data.get("azc_bezetting")
    if df.empty:
        st.info("Geen COA-bezettingsbestanden geladen.")
        return
    df = df[pd.to_datetime(df["peildatum"]) <= pd.Timestamp(f.peildatum)]
    if df.empty:
        st.info("Geen bezettingscijfers tot deze peildatum.")
        return
    render.registered("huisvesting.azc_bezetting", key="hv_azc", f=f)
    block_heading("Bewoners per locatie: vergunninghouders, niet in BRP, minderjarigen",
                  "huisvesting.coa_locatie_samenstelling",
                  f.peildatum)
    measure = st.segmented_control("Samenstelling van de bewoners", list(charts.AZC_MEASURES),
                                   default="vergunninghouders", key="hv_azc_maat",
                                   format_func=lambda m: charts.AZC_MEASURES[m])
    render.registered("huisvesting.azc_samenstelling", measure or "vergunninghouders",
                      key="hv_azc_maat_chart", f=f)
    last = df[df["peildatum"] == df["peildatum"].max()]
    st.markdown(f"**Stand {fmt.date_nl(last['peildatum'].max())}**")
    st.dataframe(pd.DataFrame({
        "Locatie": last["locatie"],
        "Type opvang": last["type_opvang"],
        "Capaciteit": [fmt.number(c) for c in last["capaciteit"]],
        "Bezetting": [fmt.number(b) for b in last["bezetting"]],
        "Bezettingsgraad": [pres.fmt_value(g, "pct") for g in last["bezettingsgraad_pct"]],
    }), hide_index=True, width="stretch")


def render_wachttijd(f) -> None:
    st.subheader("Wachttijd in het AZC na koppeling")
    ind = data.indicator(data.snapshot(), "huisvesting.wachttijd_azc_mediaan_dagen")
    render_indicator_detail(ind, f, "doelgroep")


def render_wijken(f) -> None:
    st.subheader("Spreiding over de wijken")
    st.markdown("Het beleid vraagt statushouders gespreid over de gemeente te huisvesten (seeds "
                "001 en 003): het aandeel van de gehuisveste inburgeraars per wijk, ten opzichte "
                "van het aantal gehuisvesten in die gemeente.")
    block_notice(f, "De spreiding over de wijken volgt")
    snap = data.snapshot()
    df = data.get("huisvesting_wijk", f)
    if df.empty:
        st.info("Geen gehuisveste inburgeraars voor deze selectie.")
        return
    namen = data.gemeente_namen(snap)
    codes = list(dict.fromkeys(df["gemeentecode"]))
    chosen = st.selectbox("Gemeente", codes, key="hv_wijk_gemeente",
                          format_func=lambda c: namen.get(c, c))
    render.registered("huisvesting.wijken", chosen, key="hv_wijk", f=f)


def main() -> None:
    frame.page_start()
    f = current_filters()
    st.title("Huisvesting en opvang")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary_markdown(f)}")
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
