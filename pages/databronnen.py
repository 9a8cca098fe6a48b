"""Databronnen: elk geladen bestand, wanneer, rijen gelezen/geladen/
afgekeurd, de redenen van afkeur gegroepeerd (nooit een identificerend
gegeven) en de versheid per bron tegen de verwachte frequentie."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from monitor import formatting as fmt
from monitor.disclosure import COMBINATION_RULE, EXPLANATION
from pages.ui import data, frame

FRESH = {"Actueel": "✔ Actueel", "Verouderd": "▲ Verouderd", "Ontbreekt": "✖ Ontbreekt",
         "Zonder datum": "○ Geladen, bestand zonder datum",
         "Datum in de toekomst": "✖ Fout in levering: bestand gedateerd na vandaag",
         "Lopende periode": "✔ Actueel (periode loopt nog)"}


def render_load() -> None:
    info = data.load_info(data.snapshot())
    c1, c2, c3 = st.columns(3)
    loaded = info.get("loaded_at")
    c1.metric("Laatst geladen", fmt.date_nl(loaded), help=fmt.datetime_nl(loaded))
    c2.metric("Levering", str(info.get("drop_name") or fmt.MISSING))
    c3.metric("Gemeenten in de regio", fmt.number(info.get("gemeenten")))
    if info.get("demo_key"):
        st.caption("Geladen met de demo-sleutel voor pseudonimisering: alleen geschikt voor demodata.")


def render_freshness() -> None:
    st.subheader("Versheid per bron")
    df = data.get("databronnen_versheid", dt.date.today())
    if df.empty:
        st.info("Geen bronnen.")
        return
    tbl = pd.DataFrame({
        "Bron": df["bron"],
        "Verwachte frequentie": df["frequentie"],
        "Nieuwste bestand": [fmt.date_nl(d) for d in df["nieuwste"]],
        "Leeftijd (dagen)": [fmt.number(a) for a in df["leeftijd_dagen"]],
        "Status": [FRESH.get(s, s) for s in df["status"]],
    })
    st.dataframe(tbl, hide_index=True, width="stretch",
                 column_config={"Status": st.column_config.TextColumn(width="large")})
    st.caption("✔ actueel: binnen de verwachte frequentie plus een marge · ▲ verouderd · ✖ geen bestand "
               "geladen, of een bestand gedateerd na vandaag (fout in de levering: controleer de "
               "bestandsnaam; een jaar- of maandbestand over een periode die nog loopt, draagt "
               "het einde van die periode en is actueel) · ○ de bestandsnaam draagt geen datum "
               "(zie laaddatum)")


def render_default_peildatum() -> None:
    opts = data.filter_options(data.snapshot())
    dflt, by = opts.get("peildatum_default"), opts.get("peildatum_bepaald_door") or []
    later = [d for d in opts.get("peildatum") or [] if dflt and d > dflt]
    if dflt is None:
        return
    who = (", ".join(by[:-1]) + " en " + by[-1]) if len(by) > 1 else (by[0] if by else "de bronnen")
    verb = "bepalen" if len(by) > 1 else "bepaalt"
    text = (f"**Standaardpeildatum: {fmt.date_nl(dflt)}**, het laatste maandeinde dat elke maandelijkse "
            f"bron volledig heeft geleverd. {who} {verb} die datum: {'hun' if len(by) > 1 else 'zijn'} "
            "nieuwste levering reikt niet verder.")
    if later:
        text += (" " + ", ".join(fmt.date_nl(d) for d in later) + " is te kiezen, maar voorlopig: "
                 "die maand is nog niet volledig geleverd, dus daar geen signalen en geen vergelijking "
                 "met volle maanden.")
    st.markdown(text)


def render_files() -> None:
    st.subheader("Geladen bestanden")
    df = data.get("databronnen")
    if not df.empty:
        df = df.drop_duplicates("file")
    if df.empty:
        st.info("Geen bestanden.")
        return
    tbl = pd.DataFrame({
        "Bestand": df["file"],
        "Soort": df["extract"].fillna("onbekend"),
        "Gebruikt": ["ja" if u else "nee" for u in df["used"]],
        "Datum bestand": [fmt.date_short_nl(d) for d in df["file_date"]],
        "Gelezen": [fmt.number(n) for n in df["rows_read"]],
        "Geladen": [fmt.number(n) for n in df["rows_loaded"]],
        "Afgekeurd": [fmt.number(n) for n in df["rows_rejected"]],
        "Opmerking": df["error"].fillna(""),
    })
    st.dataframe(tbl, hide_index=True, width="stretch")
    st.caption("Een bestand dat niet gebruikt is, is vervangen door een nieuwere momentopname of niet herkend.")


def render_rejections() -> None:
    st.subheader("Afgekeurde rijen, gegroepeerd naar reden")
    df = data.get("databronnen")
    df = df[df["reason"].notna()] if not df.empty else df
    if df.empty:
        st.success("Geen afgekeurde rijen in de laatste lading.", icon=":material/check_circle:")
        return
    tbl = pd.DataFrame({
        "Bestand": df["file"], "Kolom": df["kolom"].fillna("–"), "Reden": df["reason"],
        "Rijen": [fmt.number(n) for n in df["rows_with_reason"]],
    })
    st.dataframe(tbl, hide_index=True, width="stretch")
    st.caption("Alleen bestand, kolom en reden: rijnummers en identificerende gegevens (BSN, "
               "V-nummer) staan in het laadrapport voor de beheerder, nooit op het scherm.")


def render_privacy() -> None:
    st.subheader("Kleine groepen en combinaties")
    st.markdown(EXPLANATION)
    st.markdown(COMBINATION_RULE)


def main() -> None:
    frame.page_start()
    st.title("Databronnen")
    render_load()
    render_freshness()
    render_default_peildatum()
    render_files()
    render_rejections()
    render_privacy()


main()
