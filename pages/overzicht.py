"""Overzicht: het kader in één oogopslag (bijlage A4 van het beleidskader):
4 clusters, 13 domeinen, per domein de kernindicatoren met waarde, norm,
status, trend, sparkline en één zin. Elk domein krijgt even veel ruimte."""

from __future__ import annotations

import streamlit as st

from monitor import charts
from monitor import formatting as fmt
from monitor import presentation as pres
from monitor import judgement, signals
from monitor.peildatum import is_provisional
from monitor.peildatum import label as peildatum_label
from monitor.catalogue import Indicator, headline_of_domain
from pages.ui import data, frame, render
from pages.ui.filters import current_filters, filter_summary_markdown

COLUMNS = 5  # domains per row: the widest cluster (2) has five
CLUSTER_PAGES = {"1": "pages/cluster_1_basis.py", "2": "pages/cluster_2_ijkpunten.py",
                 "3": "pages/cluster_3_ondersteuners.py", "4": "pages/cluster_4_verbindingen.py"}


def render_header(f) -> None:
    st.title(f"Integratiemonitor {data.region_name(data.snapshot())}")
    st.markdown(
        f"**Van opvang tot integratie in één oogopslag** · peildatum "
        f"**{peildatum_label(f.peildatum, data.filter_options(data.snapshot()).get('peildatum_default'))}** · "
        f"{filter_summary_markdown(f)}")
    frame.render_status_legend()


def render_indicator(ind: Indicator, row: dict | None) -> None:
    row = row or {}
    j = judgement.judge_headline(ind, {**row, "peildatum": row.get("peildatum")}) \
        if row.get("peildatum") is not None else None
    status = j.status if j else pres.UNKNOWN
    norm_text = ("norm " + ind.norm_text) if ind.norm_text else (
        f"norm {pres.fmt_value(ind.norm, ind.unit)}" if ind.norm is not None
        else "geen norm" if status is pres.NO_COMPARISON
        else "geen norm: vergeleken met een jaar eerder")
    if ind.norm_source and ind.norm is not None:
        norm_text += f" · {ind.norm_source}"
    shown = j.now.label if j else fmt.MISSING
    st.markdown(
        f"<div class='im-ind'><div class='im-ind-name'>{ind.name}</div>"
        f"<span class='im-ind-value' style='color:{status.colour}'>{shown}</span> "
        f"<span style='font-size:1.2rem' aria-hidden='true'>{j.arrow if j else ''}</span> "
        f"{frame.status_badge(status)}<div class='im-ind-norm'>{norm_text}</div></div>",
        unsafe_allow_html=True)
    points = list(row.get("sparkline") or [])
    if ind.frequency == "jaar":  # one survey a year: one point per year, not monthly steps
        points = list({d.year: (d, v) for d, v in points}.values())
    colour = status.colour if status not in (pres.NO_NORM, pres.UNKNOWN) else pres.OKABE_ITO[0]
    st.markdown(charts.sparkline_svg(points, colour), unsafe_allow_html=True)
    text = j.sentence if j else "Geen gegevens op deze peildatum of voor dit filter."
    st.markdown(f"<div class='im-sentence'>{text}</div>", unsafe_allow_html=True)


def render_signals(rows: list[dict], indicators: list[Indicator], provisional: bool) -> None:
    found = signals.signals(rows, {i.id: i for i in indicators}, provisional=provisional)
    # Collapsed: the first screen is for the figures; the count says whether
    # opening it is worth it, and on paper it prints open.
    good = sum(1 for s in found if s.good)
    bad = sum(1 for s in found if s.good is False)
    if provisional:
        label = "Signalen: geen op een voorlopige peildatum"
    elif found:
        label = (f"Signalen ({len(found)}): {good} gunstig, {bad} ongunstig, "
                 f"{len(found) - good - bad} zonder goede richting")
    else:
        label = "Signalen (0)"
    with st.expander(label, expanded=False, icon=":material/notifications:",
                     key="im_signals"):
        if provisional:
            st.markdown("Deze peildatum is voorlopig: niet elke bron heeft de maand al volledig "
                        "geleverd, dus hier geen signalen. Kies het laatste volledige maandeinde "
                        "voor de signalen.")
        elif not found:
            st.markdown("Geen indicator passeerde sinds het vorige maandeinde zijn norm, en geen "
                        "verandering over een jaar is groter dan toeval verklaart.")
        for s in found:
            mark = "▲" if s.good else "▼" if s.good is False else "●"
            st.markdown(f"{mark} {s.text}")
        st.caption("‘Meer dan toeval’: het verschil met een jaar eerder is zo groot dat het bij dit "
                   "aantal personen niet door toeval komt (zie het paspoort). Vaste aantallen zoals "
                   "de taakstelling en de COA-bezetting tellen alleen als ze hun norm passeren.")
    # on paper the expander does not open: the signals as a list of their own
    lines = "".join(f"<li>{'▲' if s.good else '▼' if s.good is False else '●'} {s.text}</li>"
                    for s in found) or "<li>Geen signalen.</li>"
    st.markdown(f"<div class='im-print-only im-print-signals'><strong>{label}</strong>"
                f"<ul>{lines}</ul></div>", unsafe_allow_html=True)


def render_domain(domain: str, indicators: list[Indicator], rows: dict,
                  side_by_side: bool = False) -> None:
    with st.container(border=True):
        st.markdown(f"<div class='im-domain'>{domain} {pres.DOMAINS[domain]}</div>",
                    unsafe_allow_html=True)
        chosen = headline_of_domain(indicators, domain)
        if not chosen:
            st.caption("Nog geen indicator voor dit domein.")
        places = st.container(key=f"im_side_{domain}").columns(len(chosen), gap="medium") \
            if side_by_side and chosen else [st.container()] * len(chosen)
        for place, ind in zip(places, chosen):
            with place:
                render_indicator(ind, rows.get(ind.id))
        st.page_link(CLUSTER_PAGES[pres.cluster_of(domain)], label="Details van dit domein",
                     icon=":material/arrow_forward:", query_params={"domein": domain})


def render_clusters(f) -> None:
    snap = data.snapshot()
    current = data.get("headline", f)
    indicators = data.catalogue(snap)
    rows = {r["id"]: r for r in current.to_dict("records")} if not current.empty else {}
    dflt = data.filter_options(snap).get("peildatum_default")
    render_signals(list(rows.values()), indicators, is_provisional(f.peildatum, dflt))
    for cluster, name in pres.CLUSTERS.items():
        st.markdown(f"<div class='im-cluster'>Cluster {cluster} · {name}</div>", unsafe_allow_html=True)
        domains = pres.domains_of(cluster)
        with st.container(key=f"im_{'single' if len(domains) == 1 else 'tiles'}_{cluster}"):
            if len(domains) == 1:
                # A cluster of one domain: its indicators side by side instead
                # of one narrow tile stacking them beside a row of empty space;
                # each a little wider than a tile (on a laptop the tile takes
                # the whole row: pages/ui/frame.py).
                wide = max(1, min(COLUMNS, len(headline_of_domain(indicators, domains[0])) + 1))
                place = st.columns([wide, COLUMNS - wide])[0] if wide < COLUMNS else st.container()
                with place:
                    render_domain(domains[0], indicators, rows, side_by_side=True)
                continue
            cols = st.columns(COLUMNS)
            for col, domain in zip(cols, domains):
                with col:
                    render_domain(domain, indicators, rows)
    render.caption(f"Bron: registraties gemeente (team Inburgering), COA, VISTA-college en enquête "
                   f"inburgeraars · peildatum {fmt.date_nl(f.peildatum)} · trendpijl: verandering "
                   "ten opzichte van dezelfde peildatum een jaar eerder (of het dichtstbijzijnde eerdere "
                   "maandeinde)")
    render.suppression_note()


def main() -> None:
    frame.page_start()
    f = current_filters()
    render_header(f)
    render_clusters(f)


main()
