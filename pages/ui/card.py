"""One indicator in detail (headline value, development, breakdown, the
gemeenten side by side, passport) and the cluster page made of them."""

from __future__ import annotations

import streamlit as st

from monitor import dimensions as dims
from monitor import formatting as fmt
from monitor import presentation as pres
from monitor import judgement
from monitor.catalogue import Indicator, of_domain
from monitor.filters import Filters, combination_conflict
from pages.ui import data, frame, render
from pages.ui.filters import current_filters, filter_summary_markdown
from pages.ui.passport import render_passport

DOMAIN_PARAM = "domein"
BREAKDOWN_PARAM = "uitsplitsing"
# Key prefix of a card's tabs (+ the indicator id); tests open each tab by it.
TABS_KEY = "tabs_"
# the breakdown selector: every dimension but the gemeente (its own tab)
BREAKDOWNS = {d.column: d.label for d in dims.TABLE if d.kind != "gemeente"}


def render_indicator_detail(ind: Indicator, f: Filters, dimension: str) -> None:
    ser = data.get("series", ind.id, f)
    if "key" in ser.columns and ser["key"].notna().any():
        current_txt, status = f"{ser['key'].nunique()} waarden (zie grafiek)", pres.INFO
    else:
        # the one judgement: the same as the overview's tile and the chart's sentence
        j = judgement.judge(ind, ser, f.peildatum)
        current_txt, status = j.now.label, j.status
    word = dims.word(dimension)
    with st.container(border=True):
        head, pop = st.columns([5, 2], vertical_alignment="center")
        with head:
            st.markdown(
                f"**{ind.name}** &nbsp; <span class='im-ind-value' style='font-size:1.3rem;"
                f"color:{status.colour}'>{current_txt}</span> &nbsp; {frame.status_badge(status)}",
                unsafe_allow_html=True)
        with pop:
            with st.popover("Paspoort", icon=":material/info:", key=f"pp_{ind.id}", width="stretch"):
                render_passport(ind, f.peildatum)
        # Only the open tab is computed and drawn (a click on another reruns the
        # page): a cluster page drew three charts per card, two of them hidden,
        # and drawing was most of the wait in the browser.
        t1, t2, t3 = st.tabs(["Ontwikkeling", f"Naar {word}", "Gemeenten naast elkaar"],
                             key=f"{TABS_KEY}{ind.id}", on_change="rerun")
        # each tab is a registered chart: what it shows is what the deck rebuilds
        with t1:
            if t1.open is not False:
                render.registered("indicator.reeks", ind.id, key=f"ts_{ind.id}", f=f)
        with t2:
            if t2.open is not False:
                render.registered("indicator.uitsplitsing", f"{ind.id}/{dimension}",
                                  key=f"bd_{ind.id}", f=f)
        with t3:
            if t3.open is not False:
                render.registered("indicator.gemeenten", ind.id, key=f"gm_{ind.id}", f=f)


def _to_url(param: str, key: str) -> None:
    """A view choice goes into the link, so a shared link shows the same tab
    and breakdown (the filters are written by the sidebar)."""
    value = st.session_state.get(key)
    if value:
        st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def render_cluster_page(cluster: str) -> str:
    frame.page_start()
    f = current_filters()
    st.title(f"Cluster {cluster} · {pres.CLUSTERS[cluster]}")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary_markdown(f)}")
    domains = pres.domains_of(cluster)
    # The domain tabs get the full width: beside the breakdown choice the
    # last tab was cut off at a laptop's width.
    c1 = st.container()
    c2 = st.columns([2, 3])[0]
    with c1:
        asked = st.query_params.get(DOMAIN_PARAM)
        key = f"domein_{cluster}"
        domain = domains[0] if len(domains) == 1 else st.segmented_control(
            "Domein", domains, default=asked if asked in domains else domains[0], key=key,
            format_func=lambda d: f"{d} {pres.DOMAINS[d]}", on_change=_to_url,
            args=(DOMAIN_PARAM, key))
        domain = domain or domains[0]
    with c2:
        # Only breakdowns that combine with the chosen filters: with a herkomst
        # filter that is its own dimension, so no card opens on a refusal. The
        # key follows the choice offered, so a choice that left the list is
        # not carried into it.
        offered = [d for d in BREAKDOWNS if not combination_conflict(f, d)]
        wanted = st.query_params.get(BREAKDOWN_PARAM)
        key = f"dim_{cluster}_{len(offered)}"
        dimension = st.selectbox("Uitsplitsen naar", offered, key=key,
                                 index=offered.index(wanted) if wanted in offered else 0,
                                 format_func=lambda d: BREAKDOWNS[d], on_change=_to_url,
                                 args=(BREAKDOWN_PARAM, key))
    frame.render_status_legend()
    st.subheader(f"{domain} {pres.DOMAINS[domain]}")
    inds = of_domain(data.catalogue(data.snapshot()), domain)
    if not inds:
        st.info("Voor dit domein zijn nog geen indicatoren beschikbaar.")
    for ind in inds:
        render_indicator_detail(ind, f, dimension)
    return domain
