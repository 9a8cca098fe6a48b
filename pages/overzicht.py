"""Overzicht: het kader in één oogopslag (bijlage A4 van het beleidskader):
4 clusters, 13 domeinen, per domein de kernindicatoren met waarde, norm,
status, trend, sparkline en één zin. Elk domein krijgt even veel ruimte."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import formatting as fmt
from monitor import presentation as pres
from pages import components as ui

COLUMNS = 5          # domains per row: the widest cluster (2) has five
CARD_HEIGHT = 560    # px, the same for every domain


def render_header(f) -> None:
    st.title("Integratiemonitor Maastricht-Heuvelland")
    st.markdown(
        f"**Van opvang tot integratie in één oogopslag** · peildatum **{fmt.date_nl(f.peildatum)}** · "
        f"{ui.filter_summary(f)}")
    ui.render_status_legend()


def sparkline(points: list, colour: str) -> go.Figure:
    shown = [(d, v) for d, v in points if v is not None and not pd.isna(v)]
    fig = go.Figure()
    if shown:
        xs = [pd.Timestamp(d) for d, _ in shown]
        ys = [float(v) for _, v in shown]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=2),
                                 hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=[xs[-1]], y=[ys[-1]], mode="markers",
                                 marker=dict(color=colour, size=6), hoverinfo="skip"))
    fig.update_layout(height=50, margin=dict(l=0, r=0, t=2, b=2), showlegend=False,
                      plot_bgcolor="white", paper_bgcolor="white",
                      separators=fmt.PLOTLY_SEPARATORS)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def render_indicator(meta: dict, row: dict | None) -> None:
    unit = meta.get("unit")
    row = row or {}
    value = row.get("value")
    suppressed = bool(row.get("suppressed"))
    missing = value is None or pd.isna(value)
    status = pres.UNKNOWN if (suppressed or missing) else \
        pres.status(value, meta.get("norm"), meta.get("direction"))
    arrow = "" if suppressed else pres.trend_arrow(row.get("vorig_jaar"), value)
    norm = meta.get("norm")
    norm_text = ("norm " + meta["norm_text"]) if meta.get("norm_text") else (
        f"norm {pres.fmt_value(norm, unit)}" if norm is not None else "geen norm")
    shown = ui.value_text(value, suppressed, unit, row.get("weergave"))
    trend_word = {"↗": "gestegen", "↘": "gedaald", "→": "gelijk gebleven"}.get(arrow, "")
    st.markdown(
        f"<div class='im-ind'><div class='im-ind-name'>{meta.get('name')}</div>"
        f"<span class='im-ind-value' style='color:{status.colour}'>{shown}</span> "
        f"<span style='font-size:1.2rem' title='{trend_word} t.o.v. een jaar eerder'>{arrow}</span> "
        f"{ui.status_badge(status)}<div class='im-ind-norm'>{norm_text}</div></div>",
        unsafe_allow_html=True)
    points = list(row.get("sparkline") or [])
    colour = status.colour if status not in (pres.NO_NORM, pres.UNKNOWN) else pres.OKABE_ITO[0]
    st.plotly_chart(sparkline(points, colour), width="stretch",
                    config={"staticPlot": True, "displayModeBar": False}, key=f"spark_{meta['id']}")
    if suppressed:
        text = row.get("reden") or "Te weinig personen om een waarde te tonen."
    elif missing:
        text = "Geen gegevens op deze peildatum of voor dit filter."
    elif not [v for _, v in points if v is not None and not pd.isna(v)]:
        text = f"{ui.subject_of(meta)} is {shown} op {fmt.date_nl(row.get('peildatum'))}."
    else:
        text = pres.sentence(ui.subject_of(meta), points, unit)
    st.markdown(f"<div class='im-sentence'>{text}</div>", unsafe_allow_html=True)


def render_domain(domain: str, rows: dict) -> None:
    with st.container(border=True, height=CARD_HEIGHT):
        st.markdown(f"<div class='im-domain'>{domain} {pres.DOMAINS[domain]}</div>",
                    unsafe_allow_html=True)
        ids = ui.headline_ids(domain)
        if not ids:
            st.caption("Nog geen indicator voor dit domein.")
        for ind in ids:
            render_indicator(ui.meta_of(ind), rows.get(ind))


def render_clusters(f) -> None:
    current = ui.data("headline", f.peildatum, f)
    rows = {r["id"]: r for r in current.to_dict("records")} if not current.empty else {}
    for cluster, name in pres.CLUSTERS.items():
        st.markdown(f"<div class='im-cluster'>Cluster {cluster} · {name}</div>", unsafe_allow_html=True)
        cols = st.columns(COLUMNS)
        for col, domain in zip(cols, pres.domains_of(cluster)):
            with col:
                render_domain(domain, rows)
    ui.chart_caption("registraties gemeente (team Inburgering), COA, VISTA-college en enquête inburgeraars",
                     f.peildatum, "trendpijl: verandering ten opzichte van 12 maanden eerder")
    ui.suppression_note()


def main() -> None:
    ui.page_start()
    f = ui.current_filters()
    render_header(f)
    render_clusters(f)


main()
