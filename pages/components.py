"""Shared Streamlit UI helpers for the pages: demo banner, sidebar filters
(kept in the URL), cached data access, chart styling and captions,
suppression note and the indicator passport.

Not a page: app.py registers every page explicitly with st.Page, so this file
is never shown in the navigation. No SQL here: data comes from
monitor.indicators (aggregates only, already disclosure-controlled).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import formatting as fmt
from monitor import presentation as pres
from monitor import store

PALETTE = pres.OKABE_ITO
SUPPRESSED_TEXT = "<5"
SUPPRESSION_EXPLANATION = (
    "Cellen met 1 tot 4 personen, en percentages over minder dan 10 personen, worden niet "
    "getoond (‘<5’ of ‘–’), zodat niemand herkenbaar is. Waar een getoond totaal een "
    "verborgen cel zou verraden, is ook een naburige cel verborgen. Een verborgen cel is "
    "nooit 0."
)


# --------------------------------------------------------------------------
# Data access: cached per store version, so a new load shows without restart
# --------------------------------------------------------------------------

def _version():
    return store.store_version()


@st.cache_data(show_spinner=False, max_entries=2048)
def _call(name: str, version, args: tuple, kwargs: tuple):
    from monitor import indicators

    return getattr(indicators, name)(*args, **dict(kwargs))


def data(name: str, *args, **kwargs):
    """monitor.indicators.<name>(*args, **kwargs), cached on the store version."""
    return _call(name, _version(), args, tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False)
def _load_info(version) -> dict:
    return store.load_info()


def load_info() -> dict:
    return _load_info(_version())


# --------------------------------------------------------------------------
# Store missing and demo banner
# --------------------------------------------------------------------------

def render_store_missing(db: Path) -> None:
    st.title("Integratiemonitor")
    st.error("Er zijn nog geen gegevens geladen.", icon=":material/database:")
    st.markdown(
        f"De monitor leest de opslag **{db}**, maar dat bestand bestaat nog niet. "
        "Bouw eerst de opslag op. Voor de synthetische demodata:"
    )
    st.code("python -m etl demo data/demo_drop\n"
            "python -m etl load data/demo_drop --db data/monitor.duckdb", language="bash")
    st.markdown("Voor een echte levering: `python -m etl load LEVERINGSMAP --db data/monitor.duckdb`. "
                "Daarna deze pagina vernieuwen; herstarten is niet nodig.")


def render_demo_banner() -> None:
    info = load_info()
    if info and bool(info.get("is_demo")):
        st.warning(
            "**Demodata** – dit zijn synthetische gegevens, bedoeld om de monitor te laten zien. "
            "De cijfers gaan niet over echte inwoners en zijn niet geschikt voor besluitvorming.",
            icon=":material/science:",
        )


# --------------------------------------------------------------------------
# Filters: sidebar widgets <-> URL query parameters <-> session
# --------------------------------------------------------------------------

_W = {  # Filters field -> widget key
    "peildatum": "flt_peildatum",
    "gemeenten": "flt_gemeenten",
    "doelgroep": "flt_doelgroep",
    "geslacht": "flt_geslacht",
    "leeftijdsgroep": "flt_leeftijdsgroep",
    "leerroute": "flt_leerroute",
    "cohort": "flt_cohort",
}
_LABELS = {
    "doelgroep": "Doelgroep",
    "geslacht": "Geslacht",
    "leeftijdsgroep": "Leeftijdsgroep",
    "leerroute": "Leerroute",
    "cohort": "Cohort (jaar PIP)",
}
GESLACHT_NL = {"M": "Man", "V": "Vrouw", "X": "X (anders/onbekend)"}
_HELP = {
    "peildatum": "De datum waarop de cijfers worden bepaald (telkens een maandeinde).",
    "gemeenten": "Kies één of meer gemeenten; leeg laten toont de hele regio.",
    "doelgroep": "Asielstatushouder, nareiziger, gezinsmigrant of overig.",
    "geslacht": "Geslacht zoals geregistreerd.",
    "leeftijdsgroep": "Leeftijd op de peildatum.",
    "leerroute": "Leerroute uit het PIP.",
    "cohort": "Het jaar waarin het PIP is getekend.",
}


def filter_options() -> dict:
    return data("filter_options")


def gemeente_namen() -> dict[str, str]:
    return dict(data("gemeente_namen"))


def _query_dict() -> dict:
    """The filter parameters in the URL (other parameters belong to pages)."""
    from monitor.filters import QUERY_KEYS

    qp = st.query_params
    out = {}
    for key in qp.keys():
        if key not in QUERY_KEYS:
            continue
        values = qp.get_all(key)
        out[key] = values[-1] if len(values) == 1 else list(values)
    return out


def _write_query(query: dict) -> None:
    """Put the filter parameters in the URL, leaving other parameters alone."""
    from monitor.filters import QUERY_KEYS

    for key in QUERY_KEYS:
        if key in query:
            if st.query_params.get(key) != query[key]:
                st.query_params[key] = query[key]
        elif key in st.query_params:
            del st.query_params[key]


def render_sidebar_filters():
    """The seven filters in the sidebar, in sync with the URL. The chosen
    Filters are kept in st.session_state['filters'] (see current_filters)."""
    from monitor.filters import Filters, filters_from_query, filters_to_query

    options = filter_options()
    url = _query_dict()
    last = st.session_state.get("_flt_query")
    if last is None or (url and url != last):
        # fresh session or an edited/pasted link: the URL decides. (A page
        # switch clears the URL; then the session keeps the filters.)
        f, notices = filters_from_query(url, options)
        for field, key in _W.items():
            value = getattr(f, field, None)
            st.session_state[key] = value if field == "peildatum" else list(value or ())
        st.session_state["_flt_notices"] = (notices, filters_to_query(f))

    namen = gemeente_namen()
    sb = st.sidebar
    sb.markdown("### Filters")
    peildata = list(options.get("peildatum") or [])
    if st.session_state.get(_W["peildatum"]) not in peildata and peildata:
        st.session_state[_W["peildatum"]] = peildata[-1]
    sb.selectbox("Peildatum", peildata, key=_W["peildatum"], format_func=fmt.date_nl,
                 help=_HELP["peildatum"])
    sb.multiselect("Gemeente", list(options.get("gemeenten") or []), key=_W["gemeenten"],
                   format_func=lambda c: namen.get(c, c), placeholder="Hele regio",
                   help=_HELP["gemeenten"])
    for field in ("doelgroep", "geslacht", "leeftijdsgroep", "leerroute", "cohort"):
        choices = list(options.get(field) or [])
        current = [v for v in (st.session_state.get(_W[field]) or ()) if v in choices]
        st.session_state[_W[field]] = current
        label_of = (lambda v: GESLACHT_NL.get(v, v)) if field == "geslacht" else str
        sb.multiselect(_LABELS[field], choices, key=_W[field], format_func=label_of,
                       placeholder="Alle", help=_HELP[field])

    def chosen(field):
        picked = tuple(st.session_state.get(_W[field]) or ())
        return () if len(picked) == len(options.get(field) or ()) else picked

    f = Filters(peildatum=st.session_state.get(_W["peildatum"]),
                **{field: chosen(field) for field in _W if field != "peildatum"})
    query = filters_to_query(f)
    if url != query:
        _write_query(query)
    st.session_state["_flt_query"] = query
    st.session_state["filters"] = f
    sb.caption("De filters staan in de adresbalk: een gekopieerde link opent dezelfde weergave.")

    notices, for_query = st.session_state.get("_flt_notices", ([], None))
    if notices and for_query == query:
        for n in notices:
            st.warning(n, icon=":material/link:")
    return f


def current_filters():
    f = st.session_state.get("filters")
    if f is None:  # a page run on its own (not through app.py)
        f = render_sidebar_filters()
    return f


def filter_summary(f) -> str:
    """The chosen filters in words, for captions."""
    namen = gemeente_namen()
    parts = [", ".join(namen.get(c, c) for c in f.gemeenten) if f.gemeenten else "hele regio"]
    for field in ("doelgroep", "geslacht", "leeftijdsgroep", "leerroute", "cohort"):
        v = getattr(f, field, None)
        if v:
            shown = ", ".join(GESLACHT_NL.get(x, x) if field == "geslacht" else str(x) for x in v)
            parts.append(f"{_LABELS[field].split(' (')[0].lower()}: {shown}")
    return "; ".join(parts)


# --------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------

def style_fig(fig: go.Figure, height: int = 320, legend: bool = True,
              y_title: str | None = None, x_title: str | None = None) -> go.Figure:
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS,
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        colorway=PALETTE,
        font=dict(family="Source Sans Pro, Arial, sans-serif", size=13),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=bool(legend),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title=None),
        hoverlabel=dict(bgcolor="white"),
    )
    fig.update_xaxes(showgrid=False, linecolor="#999", title=x_title)
    fig.update_yaxes(gridcolor="#E5E5E5", zeroline=False, title=y_title)
    return fig


def month_ticks(fig: go.Figure, dates) -> None:
    """Dutch month labels on a date axis (plotly has no Dutch locale built in)."""
    dates = sorted({pd.Timestamp(d) for d in dates})
    if not dates:
        return
    step = max(1, len(dates) // 8)
    ticks = dates[::step]
    fig.update_xaxes(tickvals=ticks,
                     ticktext=[f"{fmt.MONTHS_NL_SHORT[t.month - 1]} {t.year}" for t in ticks])


def chart(fig: go.Figure, source: str, peildatum, key: str | None = None, note: str | None = None):
    # no mode bar: its tooltips are English only
    st.plotly_chart(fig, width="stretch", config={"displayModeBar": False}, key=key)
    chart_caption(source, peildatum, note)


def chart_caption(source: str, peildatum, note: str | None = None) -> None:
    info = load_info()
    loaded = fmt.datetime_nl(info.get("loaded_at")) if info else fmt.MISSING
    text = f"Bron: {source} · peildatum {fmt.date_nl(peildatum)} · geladen {loaded}"
    if note:
        text += f" · {note}"
    st.caption(text)


def suppression_note(count: int | None = None) -> None:
    if count == 0:
        return
    lead = f"{count} cel(len) verborgen. " if count else ""
    st.caption(f"‘<5’ / ‘–’: {lead}{SUPPRESSION_EXPLANATION}")


# --------------------------------------------------------------------------
# Status legend
# --------------------------------------------------------------------------

def status_badge(s: pres.Status) -> str:
    return (f"<span class='im-badge' style='color:{s.colour};background:{s.background};"
            f"border:1px solid {s.colour}'>{s.symbol} {s.label}</span>")


def render_status_legend() -> None:
    items = " ".join(
        f"{status_badge(s)}<span class='im-legend-text'>{s.explanation}</span>"
        for s in (pres.ON_TRACK, pres.ATTENTION, pres.OFF_TRACK, pres.INFO, pres.NO_NORM))
    st.markdown(f"<div class='im-legend'>{items}</div>", unsafe_allow_html=True)


CSS = """
<style>
.im-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:0.8rem;
  font-weight:600;white-space:nowrap}
.im-legend{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin:4px 0 10px}
.im-legend-text{font-size:0.8rem;color:#444;margin-right:12px}
.im-ind{border-top:1px solid #E5E5E5;padding-top:6px;margin-top:6px}
.im-ind-name{font-size:0.85rem;color:#333;line-height:1.2;min-height:2.1em}
.im-ind-value{font-size:1.55rem;font-weight:700;line-height:1.2}
.im-ind-norm{font-size:0.78rem;color:#555}
.im-sentence{font-size:0.8rem;color:#333;margin-top:2px}
.im-cluster{font-size:1.05rem;font-weight:700;margin:10px 0 2px;padding:4px 8px;
  background:#F3F6F9;border-left:4px solid #0072B2}
.im-domain{font-weight:700;font-size:0.95rem}
</style>
"""


def inject_css() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


VIA_APP = "_im_via_app"


def render_frame() -> None:
    """Sidebar filters and demo banner: app.py renders them for every page."""
    render_sidebar_filters()
    render_demo_banner()


def navigation_pages() -> dict[str, list]:
    """Every page, explicitly (no auto-discovery), grouped by cluster."""
    return {
        "Overzicht": [
            st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        ],
        "1 De Basis": [
            st.Page("pages/cluster_1_basis.py", title="Rechten en verantwoordelijkheden",
                    icon=":material/balance:"),
        ],
        "2 IJkpunten en middelen": [
            st.Page("pages/cluster_2_ijkpunten.py", title="IJkpunten en middelen",
                    icon=":material/home_work:"),
            st.Page("pages/huisvesting.py", title="Huisvesting en opvang", icon=":material/apartment:"),
        ],
        "3 Ondersteuners": [
            st.Page("pages/cluster_3_ondersteuners.py", title="Ondersteuners", icon=":material/translate:"),
            st.Page("pages/inburgeringsroute.py", title="Inburgeringsroute", icon=":material/route:"),
        ],
        "4 Sociale verbindingen": [
            st.Page("pages/cluster_4_verbindingen.py", title="Sociale verbindingen",
                    icon=":material/diversity_3:"),
        ],
        "Sturing en verantwoording": [
            st.Page("pages/uitvoeringsprogramma.py", title="Uitvoeringsprogramma",
                    icon=":material/event_note:"),
            st.Page("pages/begroting.py", title="Begroting", icon=":material/euro:"),
            st.Page("pages/databronnen.py", title="Databronnen", icon=":material/database:"),
        ],
    }


def page_start() -> None:
    """First call of every page. Normally app.py has drawn the frame already.
    Because the page files live in a folder named pages/, Streamlit runs the
    first request of a fresh server process in its legacy pages-folder mode,
    which runs a page file directly, without app.py. Then register the real
    navigation (which ends that mode for the process) and rerun, so app.py
    draws the page as usual: a copied deep link works after a restart too."""
    if not st.session_state.get(VIA_APP):
        if not st.session_state.get("_im_legacy_rerun"):
            st.session_state["_im_legacy_rerun"] = True
            st.navigation(navigation_pages(), position="hidden")
            st.rerun()
        render_frame()  # should not happen; never show a page without its frame
    st.session_state.pop("_im_legacy_rerun", None)
    inject_css()


# --------------------------------------------------------------------------
# Indicator passport
# --------------------------------------------------------------------------

def render_passport(meta: dict, peildatum) -> None:
    """Definition, source, norm with its seed, peildatum, last load."""
    info = load_info()
    st.markdown(f"**{meta.get('name', meta.get('id'))}**  \n`{meta.get('id')}`")
    domain = str(meta.get("domain", ""))
    st.markdown(f"**Domein:** {domain} {pres.DOMAINS.get(domain, '')}")
    st.markdown(f"**Definitie:** {meta.get('definition') or fmt.MISSING}")
    st.markdown(f"**Bron:** {meta.get('source') or fmt.MISSING}")
    norm = meta.get("norm")
    norm_text = meta.get("norm_text") or (
        pres.fmt_value(norm, meta.get("unit")) if norm is not None and not pd.isna(norm) else "geen norm")
    seed = meta.get("norm_source")
    st.markdown(f"**Norm:** {norm_text}" + (f" ({seed})" if seed else ""))
    direction = str(meta.get("direction") or "").lower()
    st.markdown("**Richting:** " + ("hoger is beter" if direction in pres.HIGHER
                                     else "lager is beter" if direction in pres.LOWER
                                     else "geen oordeel (ter informatie)"))
    st.markdown(f"**Peildatum:** {fmt.date_nl(peildatum)}")
    st.markdown(f"**Laatst geladen:** {fmt.datetime_nl(info.get('loaded_at')) if info else fmt.MISSING}")
    st.caption(SUPPRESSION_EXPLANATION)


def passport_popover(meta: dict, peildatum, key: str) -> None:
    with st.popover("Indicatorpaspoort", icon=":material/info:", width="content"):
        render_passport(meta, peildatum)


# --------------------------------------------------------------------------
# Normalised views on monitor.indicators (pages never see raw column names)
# --------------------------------------------------------------------------

def _pick(df: pd.DataFrame, *names: str) -> str | None:
    for n in names:
        if n in df.columns:
            return n
    return None


def _norm_values(df: pd.DataFrame) -> pd.DataFrame:
    """Rename to: peildatum, value, numerator, denominator, suppressed (+ rest)."""
    if df is None:
        return pd.DataFrame(columns=["value", "suppressed"])
    df = df.copy()
    ren = {}
    for target, names in {
        "indicator_id": ("indicator_id", "id", "indicator"),
        "value": ("value", "waarde"),
        "suppressed": ("suppressed", "onderdrukt", "is_suppressed"),
        "gemeentecode": ("gemeentecode", "gemeente", "code"),
    }.items():
        col = _pick(df, *names)
        if col and col != target and target not in df.columns:
            ren[col] = target
    df = df.rename(columns=ren)
    if "suppressed" not in df.columns:
        df["suppressed"] = df["value"].isna() if "value" in df.columns else False
    df["suppressed"] = df["suppressed"].fillna(False).astype(bool)
    if "peildatum" in df.columns:
        df["peildatum"] = pd.to_datetime(df["peildatum"]).dt.date
    return df


def catalogue() -> pd.DataFrame:
    df = data("catalogue").copy()
    ren = {}
    for target, names in {
        "id": ("id", "indicator_id"),
        "name": ("naam", "name", "titel", "title", "label"),
        "domain": ("domain", "domein"),
        "unit": ("eenheid", "unit"),
        "norm": ("norm", "norm_value", "normwaarde"),
        "direction": ("richting", "direction"),
        "definition": ("definitie", "definition"),
        "source": ("bronnen", "source", "bron"),
        "norm_source": ("norm_source", "norm_bron", "seed", "norm_seed"),
        "norm_text": ("norm_text", "norm_tekst", "norm_label"),
        "headline": ("headline", "kern", "is_headline"),
        "subject": ("subject", "onderwerp", "zin"),
        "breakdowns": ("breakdowns", "dimensions", "uitsplitsingen"),
    }.items():
        col = _pick(df, *names)
        if col and col != target and target not in df.columns:
            ren[col] = target
    df = df.rename(columns=ren)
    for col in ("unit", "norm", "direction", "definition", "source", "norm_source",
                "norm_text", "headline", "subject"):
        if col not in df.columns:
            df[col] = None
    df["domain"] = df["domain"].astype(str)
    # norm: a number where there is one; the catalogue's text otherwise
    numeric = pd.to_numeric(df["norm"], errors="coerce")
    df["norm_text"] = [
        nt if isinstance(nt, str) and nt.strip() else
        (v.strip() if isinstance(v, str) and v.strip() and pd.isna(n) else None)
        for nt, n, v in zip(df["norm_text"], numeric, df["norm"])]
    df["norm"] = numeric.astype(object).where(numeric.notna(), None)
    df["source"] = df["source"].map(source_label)
    return df


SOURCE_LABELS = {
    "inburgeraars": "registratie inburgeraars (team Inburgering)",
    "participatie": "registratie participatie (team Inburgering)",
    "uitkeringen": "uitkeringsregistratie gemeente",
    "taakstelling": "taakstelling gemeente",
    "coa_bezetting": "COA bezettingsoverzicht",
    "coa_koppelingen": "COA koppelingen",
    "vista_voortgang": "VISTA-college voortgang",
    "enquete": "enquête inburgeraars",
    "acties": "acties uitvoeringsprogramma",
    "begroting": "begroting gemeente",
}


def source_label(raw) -> str | None:
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return None
    parts = [p.strip() for p in str(raw).replace(";", ",").split(",") if p.strip()]
    return ", ".join(SOURCE_LABELS.get(p, p) for p in parts)


def meta_of(indicator_id: str) -> dict:
    cat = catalogue()
    row = cat[cat["id"] == indicator_id]
    return {} if row.empty else _clean(row.iloc[0].to_dict())


def _clean(d: dict) -> dict:
    """NaN/NA -> None, so `meta.get(x) or default` works."""
    return {k: (None if pd.api.types.is_scalar(v) and pd.isna(v) else v) for k, v in d.items()}


def indicators_of_domain(domain: str) -> pd.DataFrame:
    cat = catalogue()
    return cat[cat["domain"] == str(domain)]


def headline_ids(domain: str, n: int = 2) -> list[str]:
    cat = indicators_of_domain(domain)
    if cat.empty:
        return []
    flagged = cat[pd.to_numeric(cat["headline"], errors="coerce").fillna(0) > 0]
    chosen = list(flagged["id"]) if not flagged.empty else []
    chosen += [i for i in cat["id"] if i not in chosen]
    return chosen[:n]


def series(indicator_id: str, f) -> pd.DataFrame:
    df = _norm_values(data("series", indicator_id, f))
    if "peildatum" in df.columns:
        df = df.sort_values("peildatum")
    return df


def headline(f) -> pd.DataFrame:
    return _norm_values(data("headline", f.peildatum, f))


def breakdown(indicator_id: str, peildatum, dimension: str, f) -> pd.DataFrame:
    df = _norm_values(data("breakdown", indicator_id, peildatum, dimension, f))
    col = _pick(df, "member", dimension, "categorie", "category", "key")
    if col and col != "categorie":
        df = df.rename(columns={col: "categorie"})
    return df


def by_gemeente(indicator_id: str, peildatum, f) -> pd.DataFrame:
    df = _norm_values(data("by_gemeente", indicator_id, peildatum, f))
    if "member" in df.columns:
        df = df.rename(columns={"member": "categorie"})
    return df


def value_text(value, suppressed: bool, unit, shown: str | None = None) -> str:
    """The value as shown; a suppressed cell as its display text ('<5' for a
    small count, '–' otherwise), never 0."""
    if suppressed:
        if shown and not (isinstance(shown, float) and pd.isna(shown)):
            return str(shown)
        return SUPPRESSED_TEXT if (unit or "").lower() == "aantal" else "–"
    return pres.fmt_value(value, unit)


def row_texts(df: pd.DataFrame, unit) -> list[str]:
    shown = df["weergave"] if "weergave" in df.columns else [None] * len(df)
    return [value_text(v, s, unit, w) for v, s, w in zip(df["value"], df["suppressed"], shown)]


def subject_of(meta: dict) -> str:
    s = meta.get("subject")
    if s and not pd.isna(s):
        return str(s)
    if meta.get("id") in pres.SUBJECTS:
        return pres.SUBJECTS[meta["id"]]
    name = str(meta.get("name") or meta.get("id"))
    lead = {"pct": "Het percentage", "aantal": "Het aantal"}.get((meta.get("unit") or "").lower(), "De waarde")
    return f"{lead} ‘{name[0].lower() + name[1:] if name[1:2].islower() else name}’"


# --------------------------------------------------------------------------
# Charts per indicator: time series, breakdown, gemeenten side by side
# --------------------------------------------------------------------------

DIMENSIONS = {
    "doelgroep": "Doelgroep",
    "geslacht": "Geslacht",
    "leeftijdsgroep": "Leeftijdsgroep",
    "leerroute": "Leerroute",
    "cohort": "Cohort (jaar PIP)",
}


def _is_pct(unit) -> bool:
    return (unit or "").lower() in {"pct", "%", "percentage", "procent"}


def _axis_title(unit) -> str:
    u = (unit or "").lower()
    return {"pct": "%", "%": "%", "dagen": "dagen", "days": "dagen", "uren": "uren"}.get(u, "aantal")


def _hover(meta: dict) -> str:
    unit = meta.get("unit")
    if _is_pct(unit):
        return "%{y:.1f}%"
    if (unit or "").lower() in {"dagen", "days"}:
        return "%{y:,.0f} dagen"
    return "%{y:,.0f}"


def _norm_line(fig: go.Figure, meta: dict, horizontal: bool = True) -> None:
    norm = meta.get("norm")
    if norm is None or pd.isna(norm):
        return
    label = f"norm {pres.fmt_value(norm, meta.get('unit'))}"
    if horizontal:
        fig.add_hline(y=float(norm), line_dash="dash", line_color="#444", line_width=1,
                      annotation_text=label, annotation_position="top left",
                      annotation_font_size=11)
    else:
        fig.add_vline(x=float(norm), line_dash="dash", line_color="#444", line_width=1,
                      annotation_text=label, annotation_position="top right",
                      annotation_font_size=11)


def series_figure(ser: pd.DataFrame, meta: dict, peildatum) -> go.Figure:
    fig = go.Figure()
    ser = ser[pd.to_datetime(ser["peildatum"]) <= pd.Timestamp(peildatum)] if not ser.empty else ser
    keyed = "key" in ser.columns and ser["key"].notna().any()
    groups = list(ser.groupby("key", sort=True)) if keyed else [(None, ser)]
    unit = meta.get("unit")
    for i, (key, g) in enumerate(groups):
        g = g.sort_values("peildatum")
        y = g["value"].where(~g["suppressed"])
        text = row_texts(g, unit)
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(g["peildatum"]), y=y, mode="lines+markers",
            name=fmt.period_nl(key) if key is not None else meta.get("name"),
            line=dict(color=PALETTE[i % len(PALETTE)], width=2),
            marker=dict(size=5, symbol=["circle", "square", "diamond", "triangle-up", "x"][i % 5]),
            customdata=text, connectgaps=False,
            hovertemplate="%{x|%d-%m-%Y}: %{customdata}<extra>%{fullData.name}</extra>"))
    _norm_line(fig, meta)
    style_fig(fig, legend=bool(keyed), y_title=_axis_title(unit))
    month_ticks(fig, ser["peildatum"] if not ser.empty else [])
    if _is_pct(unit):
        fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return fig


def bar_figure(df: pd.DataFrame, cat_col: str, meta: dict, labels: dict | None = None,
               highlight: str | None = None, height: int = 300) -> go.Figure:
    """Horizontal bars; suppressed cells get no bar but the text '<5' / '–'."""
    unit = meta.get("unit")
    df = df.copy()
    cats = [str((labels or {}).get(c, c)) for c in df[cat_col]]
    values = pd.to_numeric(df["value"], errors="coerce").where(~df["suppressed"])
    text = [t + (" (verborgen)" if s else "") for t, s in zip(row_texts(df, unit), df["suppressed"])]
    colours = [PALETTE[1] if (highlight is not None and str(c) == highlight) else PALETTE[0]
               for c in df[cat_col]]
    fig = go.Figure(go.Bar(
        y=cats, x=values.fillna(0).where(~df["suppressed"], 0), orientation="h",
        marker_color=colours, text=text, textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>"))
    _norm_line(fig, meta, horizontal=False)
    style_fig(fig, height=max(height, 40 * len(cats) + 80), legend=False, x_title=_axis_title(unit))
    fig.update_yaxes(autorange="reversed", type="category")
    top = values.max()
    if pd.notna(top):
        norm = meta.get("norm")
        hi = max(float(top), float(norm) if norm is not None and not pd.isna(norm) else 0)
        fig.update_xaxes(range=[0, hi * 1.25 if hi > 0 else 1])
    if _is_pct(unit):
        fig.update_xaxes(ticksuffix="%")
    return fig


def render_indicator_detail(meta: dict, f, dimension: str, source: str | None = None) -> None:
    """One indicator: headline value, then tabs with the time series, the
    breakdown, the gemeenten side by side; the passport one click away."""
    ind = meta["id"]
    unit = meta.get("unit")
    source = source or meta.get("source") or "registraties gemeente"
    ser = series(ind, f)
    now = ser[pd.to_datetime(ser["peildatum"]) == pd.Timestamp(f.peildatum)] if not ser.empty else ser
    if "key" in now.columns and now["key"].notna().any():
        current_txt = f"{now['key'].nunique()} waarden (zie grafiek)"
        status = pres.NO_NORM
        value = None
    else:
        value = now["value"].iloc[-1] if not now.empty else None
        supp = bool(now["suppressed"].iloc[-1]) if not now.empty else False
        current_txt = row_texts(now.tail(1), unit)[0] if not now.empty else fmt.MISSING
        status = pres.UNKNOWN if (supp or value is None or pd.isna(value)) else \
            pres.status(value, meta.get("norm"), meta.get("direction"))
    with st.container(border=True):
        head, pop = st.columns([3, 1], vertical_alignment="center")
        with head:
            st.markdown(
                f"**{meta.get('name')}** &nbsp; <span class='im-ind-value' style='font-size:1.3rem;"
                f"color:{status.colour}'>{current_txt}</span> &nbsp; {status_badge(status)}",
                unsafe_allow_html=True)
        with pop:
            with st.popover("Paspoort", icon=":material/info:", key=f"pp_{ind}", width="stretch"):
                render_passport(meta, f.peildatum)
        t1, t2, t3 = st.tabs(["Ontwikkeling", f"Naar {DIMENSIONS[dimension].split(' (')[0].lower()}",
                              "Gemeenten naast elkaar"])
        with t1:
            if ser.empty:
                st.info("Nog geen reeks voor deze indicator.")
            else:
                chart(series_figure(ser, meta, f.peildatum), source, f.peildatum, key=f"ts_{ind}")
        with t2:
            bd = breakdown(ind, f.peildatum, dimension, f)
            if bd.empty or "categorie" not in bd.columns:
                st.info("Voor deze indicator is geen uitsplitsing naar "
                        f"{DIMENSIONS[dimension].split(' (')[0].lower()} beschikbaar "
                        "(bijvoorbeeld omdat de enquête anoniem is).")
            else:
                labels = GESLACHT_NL if dimension == "geslacht" else None
                chart(bar_figure(bd, "categorie", meta, labels=labels, highlight="Totaal"), source,
                      f.peildatum, key=f"bd_{ind}", note="totaal in oranje")
                suppression_note(int(bd["suppressed"].sum()))
        with t3:
            bg = by_gemeente(ind, f.peildatum, f)
            if bg.empty:
                st.info("Geen vergelijking per gemeente beschikbaar.")
            else:
                namen = gemeente_namen()
                bg = bg.copy()
                if "naam" not in bg.columns:
                    bg["naam"] = [namen.get(m, m) for m in bg["categorie"]]
                bg["naam"] = bg["naam"].fillna(bg["categorie"]).astype(str)
                chart(bar_figure(bg, "naam", meta, highlight="Regio"), source,
                      f.peildatum, key=f"gm_{ind}",
                      note="regio in oranje; de andere filters gelden ook hier")
                suppression_note(int(bg["suppressed"].sum()))


def render_cluster_page(cluster: str) -> None:
    page_start()
    f = current_filters()
    st.title(f"Cluster {cluster} · {pres.CLUSTERS[cluster]}")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary(f)}")
    domains = pres.domains_of(cluster)
    c1, c2 = st.columns([3, 2])
    with c1:
        domain = domains[0] if len(domains) == 1 else st.segmented_control(
            "Domein", domains, default=domains[0], key=f"domein_{cluster}",
            format_func=lambda d: f"{d} {pres.DOMAINS[d]}")
        domain = domain or domains[0]
    with c2:
        dimension = st.selectbox("Uitsplitsen naar", list(DIMENSIONS), key=f"dim_{cluster}",
                                 format_func=lambda d: DIMENSIONS[d])
    render_status_legend()
    st.subheader(f"{domain} {pres.DOMAINS[domain]}")
    inds = indicators_of_domain(domain)
    if inds.empty:
        st.info("Voor dit domein zijn nog geen indicatoren beschikbaar.")
    for _, meta in inds.iterrows():
        render_indicator_detail(_clean(meta.to_dict()), f, dimension)
