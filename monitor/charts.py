"""Every chart the product shows, as one value: the plotly figure, the
disclosure-controlled table behind it (the exact rows, Dutch headers), a
title, a one-line Dutch conclusion, the source and the peildatum.

One builder per chart kind. Pages only render a Chart; a PNG, a CSV and a
slide are made from the same object, so what leaves the screen can never be
re-queried or re-suppressed differently. Builders take tables that already
passed monitor.disclosure; suppressed cells arrive with value None and a
`weergave` ("<5" / "–"). Importable without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import dimensions as dims
from . import formatting as fmt
from . import judgement
from . import presentation as pres
from .action_plan import IN_TEXT
from .escaping import plotly_text
from .catalogue import Indicator
from .chance import wilson
from .values import RATIO_UNITS, axis_title, is_percent

PALETTE = pres.OKABE_ITO
SUPPRESSED_COUNT = pres.SUPPRESSED_COUNT
SUPPRESSED_OTHER = pres.SUPPRESSED_OTHER

# monitor/dimensions.py declares the dimensions; these are views of it
DIMENSION_LABELS = {d.column: d.label for d in dims.TABLE}
dimension_word = dims.word


# Chart.extra key: the charts that stand for this one on slides (one too long
# for a slide), in order
SLIDE_PARTS = "slides"


@dataclass(frozen=True, eq=False)
class Chart:
    key: str
    title: str
    conclusion: str
    figure: go.Figure
    table: pd.DataFrame
    source: str
    peildatum: dt.date | None
    note: str | None = None
    suppressed: int = 0
    extra: dict = field(default_factory=dict)
    # What the date means: an indicator's peildatum, or the delivery a snapshot
    # (the action statuses) was taken from, which is not the peildatum the
    # slides beside it carry.
    dated: str = "peildatum"

    @property
    def date_line(self) -> str:
        return f"{self.dated} {fmt.date_nl(self.peildatum)}"

    @property
    def caption(self) -> str:
        text = f"Bron: {self.source} · {self.date_line}"
        return text + (f" · {self.note}" if self.note else "")

    def file_stem(self) -> str:
        """File name without extension: what, and which peildatum."""
        # letters as they are (enquête, not enqu-te); only what a file system
        # or a mail client mangles becomes a hyphen
        slug = re.sub(r"[^\w]+|_", "-", self.title.lower()).strip("-")[:60]
        day = self.peildatum.isoformat() if self.peildatum else "zonder-peildatum"
        return f"{slug}_{day}"


# --- styling ------------------------------------------------------------------

def style(fig: go.Figure, height: int = 320, legend: bool = True, y_title: str | None = None,
          x_title: str | None = None) -> go.Figure:
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS, height=height, margin=dict(l=10, r=10, t=30, b=10),
        colorway=PALETTE, font=dict(family="Source Sans Pro, Arial, sans-serif", size=13),
        plot_bgcolor="white", paper_bgcolor="white", showlegend=bool(legend),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title=None),
        hoverlabel=dict(bgcolor="white"))
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


def _norm_line(fig: go.Figure, ind: Indicator, horizontal: bool = True) -> None:
    if ind.norm is None:
        return
    label = f"norm {pres.fmt_value(ind.norm, ind.unit)}"
    line = dict(line_dash="dash", line_color="#444", line_width=1, annotation_text=label,
                annotation_font_size=11)
    if horizontal:
        fig.add_hline(y=ind.norm, annotation_position="top left", **line)
    else:
        fig.add_vline(x=ind.norm, annotation_position="top right", **line)


def _missing(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


def value_text(value, suppressed: bool, unit: str | None, shown=None) -> str:
    """The value as shown; a suppressed cell as its display text ('<5' for a
    small count, '–' otherwise), never 0."""
    return pres.shown_text(value, suppressed, unit, shown)


def row_texts(df: pd.DataFrame, unit: str | None) -> list[str]:
    shown = df["weergave"] if "weergave" in df.columns else [None] * len(df)
    return [value_text(v, bool(s), unit, w)
            for v, s, w in zip(df["value"], df["suppressed"], shown)]


def _r1(v):
    """One decimal, half up, as a CSV cell (never Python's half-to-even)."""
    return None if _missing(v) else float(fmt.rounded_half_up(v, 1))


def _number(v):
    return None if _missing(v) else float(v)


def value_table(df: pd.DataFrame, label_col: str, label_header: str, unit: str | None,
                labels: dict | None = None) -> pd.DataFrame:
    """The rows a chart shows: numbers as numbers (None where hidden), the
    shown text beside them, and why a cell is hidden."""
    reasons = df["reden"] if "reden" in df.columns else [None] * len(df)
    value_header = {"pct": "Waarde (%)", "score": "Waarde (%)", "dagen": "Waarde (dagen)",
                    "uren": "Waarde (uren)", "per_cursist": "Waarde (gemiddeld per cursist)"
                    }.get(unit or "", "Waarde (aantal)")
    out = pd.DataFrame({
        label_header: [labels.get(x, x) if labels else x for x in df[label_col]],
        value_header: [_number(v) for v in df["value"]],
        "Weergave": row_texts(df, unit),
    })
    if unit in RATIO_UNITS:
        out["Teller"] = [_number(v) for v in df["numerator"]]
        out["Noemer"] = [_number(v) for v in df["denominator"]]
    out["Toelichting"] = ["" if _missing(r) else str(r) for r in reasons]
    return out


# --- indicator charts -----------------------------------------------------------

def _big_number(ind: Indicator, value, text: str, when: dt.date) -> go.Figure:
    """One data point: a big number with its date, not an empty chart."""
    fig = go.Figure(go.Indicator(
        mode="number", value=_number(value) if value is not None else None,
        number=dict(suffix="%" if is_percent(ind.unit) else
                    {"dagen": " dagen", "uren": " uur", "per_cursist": " per cursist"}.get(ind.unit, ""),
                    valueformat=".0f" if (value or 0) >= 10 or ind.unit == "aantal" else ".1f"),
        title=dict(text=f"op {fmt.date_nl(when)}<br><span style='font-size:0.8em'>"
                        "het enige meetmoment tot nu toe</span>")))
    if value is None:
        fig.add_annotation(text=text, showarrow=False, font=dict(size=40), x=0.5, y=0.45)
    style(fig, height=260, legend=False)
    return fig


def indicator_series(ind: Indicator, ser: pd.DataFrame, peildatum: dt.date,
                     store_start: dt.date | None = None,
                     references: list[dict] | None = None) -> Chart:
    """The development of an indicator up to the peildatum: monthly as a
    line, a yearly indicator (the survey) as one bar per year, a single
    measurement as a big number with its date."""
    ser = ser[pd.to_datetime(ser["peildatum"]) <= pd.Timestamp(peildatum)] if not ser.empty else ser
    keyed = "key" in ser.columns and ser["key"].notna().any()
    yearly = ind.frequency in ("jaar", "halfjaar") and not keyed
    rows = ser.sort_values("peildatum") if not ser.empty else ser
    if yearly and not rows.empty:
        # one figure per period: the monthly peildata of a period repeat or
        # accumulate it, so the period's last peildatum stands for it
        periods = [pres.period_label(ind.frequency, d) for d in rows["peildatum"]]
        rows = rows.assign(_p=periods).groupby("_p", sort=False).tail(1)
    notes = []
    first = rows["peildatum"].min() if not rows.empty else None
    if first is not None and store_start is not None and first > store_start and not yearly:
        notes.append(f"de reeks begint op {fmt.date_nl(first)}: daarvoor zijn er geen gegevens "
                     "voor deze indicator")
    fig = go.Figure()
    if not keyed and len(rows) == 1:
        only = rows.iloc[0]
        fig = _big_number(ind, None if only["suppressed"] else only["value"],
                          row_texts(rows, ind.unit)[0], only["peildatum"])
    elif yearly:
        y = [None if s else _number(v) for v, s in zip(rows["value"], rows["suppressed"])]
        cis = [wilson(v, d) if v is not None and ind.is_survey else None
               for v, d in zip(y, rows["denominator"])]
        labels = [pres.period_label(ind.frequency, d)
                  + (" (lopend)" if pres.is_running(ind.frequency, d) else "") for d in rows["peildatum"]]
        fig.add_trace(go.Bar(x=labels, y=[v or 0 for v in y],
                             text=row_texts(rows, ind.unit), textposition="inside",
                             insidetextanchor="start", textfont=dict(color="white"),
                             cliponaxis=False, marker_color=PALETTE[0], name=ind.name,
                             error_y=dict(type="data", symmetric=False, color="#333",
                                          array=[(c[1] - v) if c else 0 for c, v in zip(cis, y)],
                                          arrayminus=[(v - c[0]) if c else 0 for c, v in zip(cis, y)]),
                             hovertemplate="%{x}: %{text}<extra></extra>"))
        if ind.is_survey:
            notes.append("de streepjes geven het 95%-betrouwbaarheidsinterval van de enquête")
        _norm_line(fig, ind)
        style(fig, legend=False, y_title=axis_title(ind.unit),
              x_title="enquêtejaar" if ind.is_survey else "halfjaar" if ind.frequency == "halfjaar" else "jaar")
        fig.update_xaxes(type="category")
        fig.update_yaxes(rangemode="tozero")
        if is_percent(ind.unit):
            top = max([v for v in y if v is not None] + [ind.norm or 0, 100])
            fig.update_yaxes(ticksuffix="%", range=[0, top * 1.08])
    else:
        groups = list(rows.groupby("key", sort=True)) if keyed else [(None, rows)]
        for i, (key, g) in enumerate(groups):
            y = [None if s else _number(v) for v, s in zip(g["value"], g["suppressed"])]
            fig.add_trace(go.Scatter(
                x=pd.to_datetime(g["peildatum"]), y=y, mode="lines+markers",
                name=fmt.period_nl(key) if key is not None else ind.name,
                line=dict(color=PALETTE[i % len(PALETTE)], width=2),
                marker=dict(size=5, symbol=["circle", "square", "diamond", "triangle-up", "x"][i % 5]),
                customdata=row_texts(g, ind.unit), connectgaps=False,
                hovertemplate="%{x|%d-%m-%Y}: %{customdata}<extra>%{fullData.name}</extra>"))
        _norm_line(fig, ind)
        style(fig, legend=bool(keyed), y_title=axis_title(ind.unit))
        month_ticks(fig, rows["peildatum"] if not rows.empty else [])
        if first is not None:
            fig.update_xaxes(range=[pd.Timestamp(first) - pd.Timedelta(days=10),
                                    pd.Timestamp(peildatum) + pd.Timedelta(days=10)])
        fig.update_yaxes(rangemode="tozero")
        if is_percent(ind.unit):
            fig.update_yaxes(ticksuffix="%")
        elif ind.unit == "aantal":
            # persons come whole: no 0,2-steps on a small count's axis
            shown = [v for v in (_number(v) for v in rows["value"]) if v is not None]
            if max(shown, default=0) < 5:
                fig.update_yaxes(dtick=1, range=[0, max(shown + [1]) + 0.5])
    if not rows.empty and rows["suppressed"].any():
        notes.append("een onderbreking is een verborgen waarde (te weinig personen)")
    _reference_lines(fig, references, notes)
    label = ("Enquêtejaar" if ind.is_survey else "Periode") if yearly else "Peildatum"
    dates = [pres.period_label(ind.frequency, d)
             + (" (lopend)" if pres.is_running(ind.frequency, d) else "") if yearly
             else fmt.date_nl(d) for d in rows["peildatum"]]
    table = (value_table(rows.assign(_d=dates), "_d", label, ind.unit)
             if not rows.empty else pd.DataFrame())
    if keyed and not rows.empty:
        table.insert(1, "Periode", [fmt.period_nl(k) for k in rows["key"]])
    if yearly and ind.is_survey and not rows.empty:
        cis = [None if s else wilson(v, d) for v, d, s in
               zip(rows["value"], rows["denominator"], rows["suppressed"])]
        table.insert(2, "Ondergrens 95% (%)", [_r1(c[0]) if c else None for c in cis])
        table.insert(3, "Bovengrens 95% (%)", [_r1(c[1]) if c else None for c in cis])
    # the one judgement (monitor.judgement) on the series as shown: the
    # sentence the overview's tile and the evaluation report also print
    conclusion = (f"{ind.name}: zie de grafiek." if keyed or rows.empty
                  else judgement.judge(ind, ser, peildatum).sentence)
    if yearly and not rows.empty and any(pres.is_running(ind.frequency, d) for d in rows["peildatum"]):
        notes.append("lopend: de periode loopt nog op de peildatum, een voorlopig cijfer")
    return Chart(key=f"{ind.id}/reeks", title=f"{ind.name}: ontwikkeling", conclusion=conclusion,
                 figure=fig, table=table, source=ind.source, peildatum=peildatum,
                 note="; ".join(notes) or None,
                 suppressed=int(rows["suppressed"].sum()) if not rows.empty else 0)


def _reference_lines(fig: go.Figure, references: list[dict] | None, notes: list[str]) -> None:
    """Published figures (monitor.reference) as lines beside the product's
    own, each named with area, publisher and year, its full source in the
    note: shown as a reference, never as if computed."""
    places = ("top right", "top left", "bottom right", "bottom left")
    for i, ref in enumerate(references or []):
        fig.add_hline(y=float(ref["waarde"]), line_dash="dashdot", line_color="#6A3D9A",
                      line_width=1.5, annotation_text=plotly_text(ref["label"]),
                      annotation_position=places[i % len(places)],
                      annotation_font_size=11, annotation_font_color="#6A3D9A")
    # one note per source: a caption is one line in a PNG and on a slide
    by_source: dict[tuple, list[str]] = {}
    for ref in references or []:
        by_source.setdefault((ref["bron"], ref["peildatum"]), []).append(ref["label"])
    for (bron, day), labels in by_source.items():
        notes.append(f"{' en '.join(labels)}: gepubliceerd cijfer, bron {bron}, peildatum "
                     f"{fmt.date_nl(day)}, niet door de monitor berekend")


def _bars(df: pd.DataFrame, labels: list[str], ind: Indicator, highlight: str | None,
          height: int = 300) -> go.Figure:
    """Horizontal bars; a suppressed cell gets no bar but its text '<5' / '–'."""
    values = [None if s else _number(v) for v, s in zip(df["value"], df["suppressed"])]
    text = [t + (" (verborgen)" if s else "") for t, s in zip(row_texts(df, ind.unit),
                                                              df["suppressed"])]
    colours = [PALETTE[1] if highlight is not None and lab == highlight else PALETTE[0]
               for lab in labels]
    fig = go.Figure(go.Bar(y=[plotly_text(lab) for lab in labels],
                           x=[0 if v is None else v for v in values], orientation="h",
                           marker_color=colours, text=text, textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    _norm_line(fig, ind, horizontal=False)
    style(fig, height=max(height, 40 * len(labels) + 80), legend=False,
          x_title=axis_title(ind.unit))
    fig.update_yaxes(autorange="reversed", type="category")
    shown = [v for v in values if v is not None]
    hi = max(shown + ([ind.norm] if ind.norm is not None else []), default=0)
    fig.update_xaxes(range=[0, hi * 1.25 if hi > 0 else 1])
    if is_percent(ind.unit):
        fig.update_xaxes(ticksuffix="%")
    return fig


def _extremes(labels: list[str], df: pd.DataFrame, unit: str | None) -> str:
    # on the values as shown: two bars labelled alike are no highest and lowest
    shown = [(lab, pres.shown_number(v, unit), v) for lab, v, s, t in
             zip(labels, df["value"], df["suppressed"], df["is_total"])
             if not s and not t and not _missing(v)]
    if len(shown) < 2:
        return ""
    hi = max(shown, key=lambda x: x[1])
    lo = min(shown, key=lambda x: x[1])
    if hi[1] == lo[1]:
        return ""
    return (f"hoogste: {hi[0]} ({pres.fmt_value(hi[2], unit)}), "
            f"laagste: {lo[0]} ({pres.fmt_value(lo[2], unit)})")


def _members(ind: Indicator, df: pd.DataFrame, labels: list[str], total_label: str,
             header: str, key: str, title: str, lead: str, note: str,
             peildatum: dt.date) -> Chart:
    """Bars of the members of one dimension with their total highlighted."""
    fig = _bars(df, labels, ind, highlight=total_label)
    table = value_table(df.assign(_l=labels), "_l", header, ind.unit)
    extremes = _extremes(labels, df, ind.unit)
    total = df[df["is_total"]]
    total_txt = row_texts(total, ind.unit)[0] if not total.empty else fmt.MISSING
    conclusion = f"{lead}: {total_label.lower()} {total_txt}" + (f"; {extremes}." if extremes else ".")
    if pres.is_running(ind.frequency, peildatum):
        # a period still running: provisional everywhere it is shown
        period = pres.period_label(ind.frequency, peildatum)
        conclusion = f"{lead}, {period} (lopend, voorlopig): {conclusion[len(lead) + 2:]}"
        note = f"{note}; lopend: {period} loopt nog op de peildatum, een voorlopig cijfer"
    return Chart(key=key, title=title, conclusion=conclusion, figure=fig, table=table,
                 source=ind.source, peildatum=peildatum, note=note,
                 suppressed=int(df["suppressed"].sum()))


def indicator_breakdown(ind: Indicator, df: pd.DataFrame, dimension: str,
                        peildatum: dt.date) -> Chart:
    """The indicator per value of a person dimension, the total first."""
    dim = dims.BY_COLUMN[dimension]
    word = dim.word
    labels = [dim.member_label(m) for m in df["member"]]
    return _members(ind, df, labels, "Totaal", dim.label,
                    f"{ind.id}/{dimension}", f"{ind.name} naar {word}", f"{ind.name} naar {word}",
                    "totaal in oranje", peildatum)


def indicator_by_gemeente(ind: Indicator, df: pd.DataFrame, namen: dict[str, str],
                          peildatum: dt.date) -> Chart:
    """The gemeenten side by side, the region first."""
    labels = ["Regio" if t else namen.get(m, m) for m, t in zip(df["member"], df["is_total"])]
    return _members(ind, df, labels, "Regio", "Gemeente", f"{ind.id}/gemeenten",
                    f"{ind.name} per gemeente", f"{ind.name} per gemeente",
                    "regio in oranje; de andere filters gelden ook hier", peildatum)


SPARK_W, SPARK_H = 200, 50


def sparkline_svg(points: list, colour: str) -> str:
    """The small trend line of an overview card as inline SVG: a card has no
    use for plotly's interaction, and two dozen plotly figures were most of
    the overview's time in the browser. Time runs left to right in
    proportion; hidden values are left out (the line joins their
    neighbours), the last shown value is a dot. Decorative: the card's
    sentence says what it shows."""
    shown = [(pd.Timestamp(d), float(v)) for d, v in points if not _missing(v)]
    parts = []
    if shown:
        t0, t1 = shown[0][0].value, shown[-1][0].value
        lo, hi = min(v for _, v in shown), max(v for _, v in shown)
        pad = 4  # room for the dot and the stroke

        def xy(t, v):
            x = pad + (SPARK_W - 2 * pad) * ((t.value - t0) / (t1 - t0) if t1 > t0 else 1)
            y = pad + (SPARK_H - 2 * pad) * ((hi - v) / (hi - lo) if hi > lo else 0.5)
            return f"{x:.1f},{y:.1f}"

        coords = [xy(t, v) for t, v in shown]
        if len(coords) > 1:
            parts.append(f"<polyline points='{' '.join(coords)}' fill='none' stroke='{colour}' "
                         "stroke-width='2' vector-effect='non-scaling-stroke'/>")
        x, y = coords[-1].split(",")
        # a round cap on a zero-length stroke: a dot that stays round however
        # the card stretches the drawing
        parts.append(f"<path d='M{x} {y}h0' stroke='{colour}' stroke-width='7' "
                     "stroke-linecap='round' vector-effect='non-scaling-stroke'/>")
    return (f"<svg class='im-spark' viewBox='0 0 {SPARK_W} {SPARK_H}' preserveAspectRatio='none' "
            f"width='100%' height='{SPARK_H}' aria-hidden='true' focusable='false'>"
            + "".join(parts) + "</svg>")


# --- housing and reception -----------------------------------------------------------

TAAKSTELLING_SOURCE = "taakstelling gemeente (Rijk, toezicht provincie)"


def taakstelling(df: pd.DataFrame, label: str, peildatum: dt.date) -> Chart:
    """Taakstelling, backlog and housed per half year for one gemeente (or
    the region); the realisation is computed in SQL."""
    g = df.sort_values("periode")
    running = [pd.Timestamp(e) > pd.Timestamp(peildatum) for e in g["period_end"]]
    periods = [fmt.period_nl(p) + (" (lopend)" if r else "") for p, r in zip(g["periode"], running)]
    housed = [_number(v) for v in g["gehuisvest"]]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=periods, y=g["taakstelling"], name="Taakstelling",
                         marker_color=PALETTE[5],
                         hovertemplate="%{x}: taakstelling %{y:,.0f}<extra></extra>"))
    fig.add_trace(go.Bar(x=periods, y=g["achterstand_begin"], name="Achterstand begin halfjaar",
                         marker_color=PALETTE[1], marker_pattern_shape="/",
                         hovertemplate="%{x}: achterstand %{y:,.0f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=periods, y=housed, name="Gehuisvest", mode="lines+markers",
        marker=dict(size=10, symbol="diamond", color=PALETTE[0]),
        line=dict(color=PALETTE[0], width=2),
        hovertemplate="%{x}: gehuisvest %{y:,.0f}<extra></extra>"))
    fig.update_layout(barmode="relative")
    style(fig, height=360, y_title="personen")
    table = pd.DataFrame({
        "Halfjaar": periods,
        "Taakstelling": [_number(v) for v in g["taakstelling"]],
        "Achterstand begin": [_number(v) for v in g["achterstand_begin"]],
        "Opgave": [_number(v) for v in g["opgave"]],
        "Gehuisvest": housed,
        "Realisatie (%)": [_number(v) for v in g["realisatie_pct"]],
    })
    # worded as the overview words the indicator (monitor.judgement): the
    # running half year provisional, the last completed one as its verdict
    done = pd.Series(running, index=g.index)
    last = g[g["realisatie_pct"].notna() & ~done].tail(1)
    now = g[g["realisatie_pct"].notna() & done].tail(1)
    parts = []
    if not now.empty:
        parts.append(f"voorlopig {pres.fmt_value(now['realisatie_pct'].iloc[0], 'pct')} in "
                     f"{fmt.period_nl(now['periode'].iloc[0])} (lopend)")
    if not last.empty:
        parts.append(f"het laatste afgesloten halfjaar ({fmt.period_nl(last['periode'].iloc[0])}): "
                     f"{fmt.number(last['gehuisvest'].iloc[0])} van de opgave van "
                     f"{fmt.number(last['opgave'].iloc[0])} gehuisvest "
                     f"({pres.fmt_value(last['realisatie_pct'].iloc[0], 'pct')})")
    conclusion = (f"{label}: " + "; ".join(parts) + ".") if parts \
        else f"{label}: nog geen realisatie bekend."
    return Chart(key=f"huisvesting.taakstelling/{label}", title=f"Taakstelling en realisatie, {label}",
                 conclusion=conclusion, figure=fig, table=table, source=TAAKSTELLING_SOURCE,
                 peildatum=peildatum)


AZC_NORM = 650  # seed 001: AZC Maastricht at most 650 residents


def azc_bezetting(df: pd.DataFrame, peildatum: dt.date) -> Chart:
    """Occupancy against capacity per COA location over time."""
    fig = go.Figure()
    for i, (loc, g) in enumerate(df.groupby("locatie", sort=True)):
        g = g.sort_values("peildatum")
        colour = PALETTE[i % len(PALETTE)]
        x = pd.to_datetime(g["peildatum"])
        name = plotly_text(loc)
        fig.add_trace(go.Scatter(
            x=x, y=g["bezetting"], name=name, mode="lines+markers",
            line=dict(color=colour, width=2),
            marker=dict(symbol=["circle", "square", "diamond", "triangle-up"][i % 4]),
            hovertemplate="%{x|%d-%m-%Y}: %{y:,.0f} bewoners<extra>" + name + "</extra>"))
        fig.add_trace(go.Scatter(
            x=x, y=g["capaciteit"], name=f"capaciteit {name}", mode="lines", showlegend=False,
            line=dict(color=colour, width=1, dash="dot"),
            hovertemplate="capaciteit %{y:,.0f}<extra>" + name + "</extra>"))
    fig.add_hline(y=AZC_NORM, line_dash="dash", line_color="#444", line_width=1,
                  annotation_text="maximum AZC Maastricht: 650 bewoners",
                  annotation_position="top left", annotation_font_size=11)
    style(fig, height=380, y_title="bewoners")
    fig.update_yaxes(rangemode="tozero")
    month_ticks(fig, df["peildatum"])
    rows = df.sort_values(["peildatum", "locatie"])
    table = pd.DataFrame({
        "Peildatum": [fmt.date_nl(d) for d in rows["peildatum"]],
        "Locatie": [str(x) for x in rows["locatie"]],
        "Capaciteit": [_number(v) for v in rows["capaciteit"]],
        "Bezetting": [_number(v) for v in rows["bezetting"]],
    })
    last = rows[rows["peildatum"] == rows["peildatum"].max()]
    conclusion = (f"Op {fmt.date_nl(last['peildatum'].max())} woonden "
                  f"{fmt.number(last['bezetting'].sum())} bewoners in de COA-locaties, bij een "
                  f"capaciteit van {fmt.number(last['capaciteit'].sum())}.")
    return Chart(key="huisvesting.azc_bezetting", title="Bezetting COA-locaties tegen capaciteit",
                 conclusion=conclusion, figure=fig, table=table, source="COA bezettingsoverzicht",
                 peildatum=peildatum,
                 note="stippellijn: capaciteit per locatie; filters op persoonskenmerken gelden hier niet")


AZC_MEASURES = {"vergunninghouders": "Vergunninghouders die wachten op een woning",
                "niet_in_brp": "Bewoners niet in de BRP",
                "minderjarig": "Minderjarige bewoners"}


def azc_samenstelling(df: pd.DataFrame, measure: str, peildatum: dt.date) -> Chart:
    """One of the COA's sub-counts per location over time. These count
    persons and are not published per location, so they passed disclosure
    control: a hidden month is a gap."""
    label = AZC_MEASURES[measure]
    fig = go.Figure()
    for i, (loc, g) in enumerate(df.groupby("locatie", sort=True)):
        g = g.sort_values("peildatum")
        name = plotly_text(loc)
        y = [_number(v) for v in g[measure]]
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(g["peildatum"]), y=y, name=name, mode="lines+markers",
            line=dict(color=PALETTE[i % len(PALETTE)], width=2), connectgaps=False,
            marker=dict(symbol=["circle", "square", "diamond", "triangle-up"][i % 4]),
            hovertemplate="%{x|%d-%m-%Y}: %{y:,.0f}<extra>" + name + "</extra>"))
    style(fig, height=340, y_title="bewoners")
    fig.update_yaxes(rangemode="tozero")
    month_ticks(fig, df["peildatum"])
    rows = df.sort_values(["peildatum", "locatie"])
    values = [_number(v) for v in rows[measure]]
    table = pd.DataFrame({
        "Peildatum": [fmt.date_nl(d) for d in rows["peildatum"]],
        "Locatie": [str(x) for x in rows["locatie"]],
        f"{label} (aantal)": values,
        "Weergave": [SUPPRESSED_COUNT if v is None else fmt.number(v) for v in values],
    })
    last = rows[rows["peildatum"] == rows["peildatum"].max()]
    shown = [_number(v) for v in last[measure] if _number(v) is not None]
    conclusion = (f"{label}: {fmt.number(sum(shown))} op {fmt.date_nl(last['peildatum'].max())}"
                  + (" (locaties met minder dan 5 niet meegeteld)" if len(shown) < len(last) else "")
                  + ".")
    hidden = sum(v is None for v in values)
    return Chart(key=f"huisvesting.azc_{measure}", title=f"{label} per COA-locatie",
                 conclusion=conclusion, figure=fig, table=table, source="COA bezettingsoverzicht",
                 peildatum=peildatum, suppressed=hidden,
                 note="een onderbreking is een maand met 1 tot 4 bewoners" if hidden else None)


def wijk_spreiding(df: pd.DataFrame, gemeente: str, naam: str, peildatum: dt.date) -> Chart:
    """Share of the housed inburgeraars per wijk of one gemeente; the shares
    are computed in SQL from disclosure-controlled counts."""
    g = df[(df["gemeentecode"] == gemeente) & ~df["is_total"].astype(bool)].sort_values("wijkcode")
    labels = [f"wijk {str(w)[-2:]}" if str(w).startswith("WK") else str(w) for w in g["wijkcode"]]
    ind = Indicator(id="huisvesting.wijk_aandeel", domain="2.1", name="Aandeel per wijk",
                    definition="", unit="pct", sources=("inburgeraars",), norm=None,
                    norm_text=None, norm_source=None, direction="neutraal", frequency="maand",
                    headline=False, counts_persons=True, reference=False)
    bars = g.assign(value=g["aandeel_pct"], numerator=g["value"], denominator=None,
                    is_total=False)
    fig = _bars(bars, labels, ind, highlight=None, height=260)
    if labels:
        fig.add_vline(x=100.0 / len(labels), line_dash="dot", line_color="#444", line_width=1,
                      annotation_text="gelijk verdeeld", annotation_position="top right",
                      annotation_font_size=11)
    table = pd.DataFrame({
        "Wijk": [str(w) for w in g["wijkcode"]],
        "Gehuisvest (aantal)": [None if s else _number(v) for v, s in zip(g["value"], g["suppressed"])],
        "Aandeel (%)": [_number(v) for v in g["aandeel_pct"]],
        "Weergave": row_texts(g, "aantal"),
    })
    tot = df[(df["gemeentecode"] == gemeente) & df["is_total"].astype(bool)]
    total_txt = row_texts(tot, "aantal")[0] if not tot.empty else fmt.MISSING
    conclusion = f"{naam}: {total_txt} gehuisveste inburgeraars over {len(labels)} wijken."
    return Chart(key=f"huisvesting.wijken/{gemeente}", title=f"Spreiding over de wijken, {naam}",
                 conclusion=conclusion, figure=fig, table=table,
                 source="registratie inburgeraars (wijkcode woonadres)", peildatum=peildatum,
                 suppressed=int(g["suppressed"].sum()))


# --- the inburgeringsroute -------------------------------------------------------------

ROUTE_SOURCE = "registratie inburgeraars (team Inburgering)"
ROUTE_STEPS = {  # step -> (label, lead time measured from)
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


def route_steps(df: pd.DataFrame, peildatum: dt.date) -> Chart:
    """Persons in view per step of the route at the peildatum. Later steps
    are not subsets of earlier ones (someone can finish KNM before the
    leerroute starts), so this is drawn as bars, not as a funnel."""
    steps = df[df["step"].isin(ROUTE_STEPS)].sort_values("stap")
    labels = [ROUTE_STEPS[s][0] for s in steps["step"]]
    text = row_texts(steps, "aantal")
    values = [None if s else _number(v) for v, s in zip(steps["value"], steps["suppressed"])]
    fig = go.Figure(go.Bar(y=labels, x=[0 if v is None else v for v in values], orientation="h",
                           text=text, textposition="outside", cliponaxis=False,
                           marker_color=PALETTE[0],
                           hovertemplate="%{y}: %{text} personen<extra></extra>"))
    style(fig, height=420, legend=False, x_title="personen")
    fig.update_yaxes(autorange="reversed", type="category")
    # room beyond the longest bar for its value, which otherwise runs off a narrow chart
    fig.update_xaxes(range=[0, max([v for v in values if v is not None], default=0) * 1.18 or 1])
    table = pd.DataFrame({
        "Stap": labels,
        "Personen": values,
        "Weergave": text,
        "Doorlooptijd vanaf": [ROUTE_STEPS[s][1] for s in steps["step"]],
        "Mediane doorlooptijd (dagen)": [_number(m) for m in steps["mediaan_dagen"]],
    })
    first = next((t for t, v in zip(text, values) if v is not None), fmt.MISSING)
    done = dict(zip(steps["step"], text)).get("voldaan", fmt.MISSING)
    conclusion = f"Op de peildatum: {first} gekoppeld, {done} voldaan aan de inburgeringsplicht."
    return Chart(key="route.stappen", title="De inburgeringsroute in stappen",
                 conclusion=conclusion, figure=fig, table=table, source=ROUTE_SOURCE,
                 peildatum=peildatum, note="personen in beeld die deze stap op de peildatum hebben gezet",
                 suppressed=int(steps["suppressed"].sum()))


def route_termijn(df: pd.DataFrame, peildatum: dt.date) -> Chart:
    """Active inburgeraars within and past their three-year termijn."""
    rows = pd.DataFrame({"step": list(TERMIJN)}).merge(df[df["step"].isin(TERMIJN)], on="step",
                                                       how="left")
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool)
    rows["value"] = rows["value"].astype(object).where(rows["value"].notna() | rows["suppressed"], 0)
    text = row_texts(rows, "aantal")
    marks = {"termijn_lopend": "✔", "termijn_verstreken": "✖"}
    values = [None if s else _number(v) for v, s in zip(rows["value"], rows["suppressed"])]
    fig = go.Figure(go.Bar(
        x=[TERMIJN[s] for s in rows["step"]], y=[0 if v is None else v for v in values],
        text=[f"{marks[s]} {t}" for s, t in zip(rows["step"], text)],
        textposition="outside", cliponaxis=False,
        marker_color=[PALETTE[0], PALETTE[3]], marker_pattern_shape=["", "x"],
        hovertemplate="%{x}: %{text}<extra></extra>"))
    style(fig, height=320, legend=False, y_title="actieve inburgeraars")
    fig.update_yaxes(range=[0, max([v for v in values if v is not None], default=0) * 1.15 or 1])
    table = pd.DataFrame({"Termijn": [TERMIJN[s] for s in rows["step"]], "Personen": values,
                          "Weergave": text})
    conclusion = (f"{text[1]} actieve inburgeraars zijn over hun termijn van drie jaar, "
                  f"{text[0]} zitten er nog binnen.")
    return Chart(key="route.termijn", title="Inburgeringstermijn: drie jaar vanaf het PIP",
                 conclusion=conclusion, figure=fig, table=table, source=ROUTE_SOURCE,
                 peildatum=peildatum, note="actief = PIP getekend, nog niet voldaan of ontheven",
                 suppressed=int(rows["suppressed"].sum()))


# --- the action plan ---------------------------------------------------------------------

ACTION_STATUS = {  # colour, pattern, symbol; order = sort order (delayed first)
    "Vertraagd": ("#D55E00", "x", "✖"),
    "Loopt": ("#0072B2", "", "▶"),
    "Niet gestart": ("#767676", ".", "○"),
    "Afgerond": ("#009E73", "/", "✔"),
}
ACTION_LINES = ["Taal", "Participatie", "Betaald werk", "Borging", "Aandachtspunten"]


def acties_timeline(df: pd.DataFrame, today: dt.date, label_chars: int = 48) -> Chart:
    """The actions of the programme on a quarter timeline, delayed first. With
    a `planning` column (monitor.action_plan), a planning that is not in the
    document's text is drawn lighter and its label starts with ≈."""
    df = df.copy()
    df["_s"] = df["status"].map({k: i for i, k in enumerate(ACTION_STATUS)}).fillna(len(ACTION_STATUS))
    df["_l"] = df["actielijn"].map({k: i for i, k in enumerate(ACTION_LINES)}).fillna(len(ACTION_LINES))
    df = df.sort_values(["_s", "_l", "actie_id"])
    if "planning" not in df:
        df = df.assign(planning=IN_TEXT, planning_uitleg="")
    omschrijving = [str(o) for o in df["omschrijving"].fillna("")]
    df["label"] = [f"{ACTION_STATUS.get(s, ('', '', '?'))[2]} {'' if k == IN_TEXT else '≈ '}"
                   f"{plotly_text(a)} · "
                   f"{plotly_text(o[:label_chars])}{'…' if len(o) > label_chars else ''}"
                   for a, o, s, k in zip(df["actie_id"], omschrijving, df["status"], df["planning"])]
    fig = go.Figure()
    for status, (colour, pattern, symbol) in ACTION_STATUS.items():
        g = df[df["status"] == status]
        if g.empty:
            continue
        start = pd.to_datetime(g["start_date"])
        end = pd.to_datetime(g["end_date"]) + pd.Timedelta(days=1)
        fig.add_trace(go.Bar(
            y=g["label"], x=(end - start).dt.total_seconds() * 1000, base=start,
            orientation="h", name=f"{symbol} {status}",
            marker=dict(color=colour, pattern_shape=pattern,
                        opacity=[1.0 if k == IN_TEXT else 0.55 for k in g["planning"]]),
            customdata=list(zip(g["actielijn"], [fmt.period_nl(s) for s in g["start"]],
                                [fmt.period_nl(e) for e in g["einde"]],
                                [plotly_text(u) for u in g["uitvoering"].fillna("")],
                                [plotly_text(p) for p in g["planning_uitleg"]])),
            hovertemplate="%{y}<br>Actielijn %{customdata[0]}<br>%{customdata[1]} t/m "
                          "%{customdata[2]}<br>Uitvoering: %{customdata[3]}<br>%{customdata[4]}"
                          "<extra>" + status + "</extra>"))
    fig.add_vline(x=pd.Timestamp(today), line_dash="dash", line_color="#444")
    fig.add_annotation(x=pd.Timestamp(today), y=1.02, yref="paper", text="stand gegevens",
                       showarrow=False, font=dict(size=11))
    style(fig, height=max(320, 26 * len(df) + 120))
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array",
                     categoryarray=list(df["label"]))
    quarters = pd.date_range("2024-01-01", "2027-10-01", freq="QS")
    fig.update_xaxes(type="date", range=[pd.Timestamp("2024-01-01"), pd.Timestamp("2028-01-01")],
                     tickvals=quarters, ticktext=[f"K{(q.month - 1) // 3 + 1}<br>{q.year}"
                                                  if q.month == 1 else f"K{(q.month - 1) // 3 + 1}"
                                                  for q in quarters], showgrid=True,
                     gridcolor="#EEE")
    table = pd.DataFrame({
        "Actie": df["actie_id"], "Actielijn": df["actielijn"], "Omschrijving": omschrijving,
        "Start": [fmt.period_nl(s) for s in df["start"]],
        "Einde": [fmt.period_nl(e) for e in df["einde"]], "Status": df["status"],
        "Herkomst planning": df["planning_uitleg"]})
    counts = df["status"].value_counts()
    conclusion = (f"{int(counts.get('Afgerond', 0))} van de {len(df)} acties afgerond, "
                  f"{int(counts.get('Loopt', 0))} lopen, {int(counts.get('Vertraagd', 0))} vertraagd.")
    return Chart(key="acties.tijdlijn", title="Acties uitvoeringsprogramma 2024–2027",
                 conclusion=conclusion, figure=fig, table=table,
                 source="acties uitvoeringsprogramma (gemeente)", peildatum=today,
                 dated="stand per")


# --- cohort curves -------------------------------------------------------------------------

# the palette without its yellow, which is too light for a thin line on white
COHORT_COLOURS = [c for c in PALETTE if c.upper() != "#F0E442"]
COHORT_SOURCE_HOUSING = "uitkeringenbestanden (gemeente) en registratie inburgeraars"
COHORT_MEASURES = {  # measure -> title, (verb, outcome), start event, population
    "werk": ("Inkomen uit werk na huisvesting", ("had", "inkomen uit werk"), "huisvesting",
             "gehuisveste personen die in het uitkeringenbestand van die maand staan"),
    "uitkering": ("Participatiewet-uitkering na huisvesting",
                  ("had", "een Participatiewet-uitkering"), "huisvesting",
                  "gehuisveste personen die in het uitkeringenbestand van die maand staan"),
    "pip": ("PIP getekend na koppeling", ("had", "het PIP getekend"), "koppeling",
            "gekoppelde personen die nog in de gemeente wonen"),
    "leerroute": ("Leerroute gestart na koppeling", ("was", "met de leerroute gestart"),
                  "koppeling", "gekoppelde personen die nog in de gemeente wonen"),
}


def cohort_curves(df: pd.DataFrame, measure: str, peildatum: dt.date) -> Chart:
    """One line per cohort: the share with an outcome k months after the
    cohort's start date, so cohorts are compared at equal time since start
    (CBS, Asiel en integratie). A hidden point is a gap in its line."""
    title, (verb, outcome), start, population = COHORT_MEASURES[measure]
    x_title, cohort_word = f"maanden na {start}", f"jaar {start}"
    rows = df[df["measure"] == measure].sort_values(["cohort", "months"])
    fig = go.Figure()
    shown_cohorts, hidden_cohorts = [], []
    for cohort, g in rows.groupby("cohort", sort=True):
        y = [None if s else _number(v) for v, s in zip(g["value"], g["suppressed"])]
        if all(v is None for v in y):
            hidden_cohorts.append(cohort)
            continue
        shown_cohorts.append(cohort)
        # a cohort keeps its colour and marker in every chart and under every filter
        i = int(cohort) % len(COHORT_COLOURS)
        colour = COHORT_COLOURS[i]
        fig.add_trace(go.Scatter(
            x=[int(m) for m in g["months"]], y=y, mode="lines+markers", name=f"cohort {cohort}",
            line=dict(color=colour, width=2), connectgaps=False,
            marker=dict(size=7, symbol=["circle", "square", "diamond", "triangle-up", "x",
                                        "star", "cross"][i]),
            customdata=[t if _missing(d) else f"{t} van {fmt.number(d)} personen"
                        for t, d in zip(row_texts(g, "pct"), g["denominator"])],
            hovertemplate="na %{x} maanden: %{customdata}<extra>%{fullData.name}</extra>"))
    style(fig, height=340, y_title="% van het cohort", x_title=x_title)
    ticks = sorted({int(m) for m in rows["months"]})
    fig.update_xaxes(tickvals=ticks, ticktext=[str(t) for t in ticks],
                     range=[0, max(ticks + [36]) + 1])
    # low shares (work in the first years) stay readable: the axis ends a
    # little above the highest shown point, at most at 100%
    top = max([_number(v) for v, s in zip(rows["value"], rows["suppressed"])
               if not s and not _missing(v)], default=100.0)
    fig.update_yaxes(range=[0, min(105.0, max(10.0, top * 1.2))], ticksuffix="%")
    table = value_table(rows.assign(_c=[str(c) for c in rows["cohort"]]), "_c",
                        f"Cohort ({cohort_word})", "pct")
    table.insert(1, x_title[0].upper() + x_title[1:], [int(m) for m in rows["months"]])
    # the newest cohort at the longest time it has a shown value for,
    # against the other cohorts at that same time
    conclusion = f"Te weinig personen per cohort om een percentage te tonen ({title.lower()})."
    visible = rows[~rows["suppressed"].astype(bool)]
    if not visible.empty:
        newest = visible[visible["cohort"] == visible["cohort"].max()]
        k = int(newest["months"].max())
        at_k = visible[visible["months"] == k].sort_values("cohort", ascending=False)
        parts = [f"{pres.fmt_value(v, 'pct')} van cohort {c}" for c, v in
                 zip(at_k["cohort"].head(3), at_k["value"].head(3))]
        conclusion = f"{k} maanden na {start} {verb} {parts[0]} {outcome}"
        if len(parts) > 1:
            conclusion += ", tegen " + " en ".join(parts[1:])
        conclusion += "."
    hidden = int(rows["suppressed"].sum()) if not rows.empty else 0
    note = (f"per cohort het aandeel van de {population}, 3, 6, 12, 18, 24 en 36 maanden na de "
            "koppeling; een jong cohort telt alleen wie lang genoeg geleden is gekoppeld")
    if measure in ("werk", "uitkering"):
        note = (f"per cohort het aandeel van de {population} (de maand van huisvesting plus 6, 12, "
                "18, 24 of 36 maanden); een jong cohort telt alleen wie lang genoeg geleden is "
                "gehuisvest")
    if hidden:
        note += "; een onderbreking is een verborgen waarde (minder dan 10 personen)"
    if hidden_cohorts:
        names = " en ".join(str(c) for c in hidden_cohorts)
        note += f"; cohort {names} niet getekend: overal minder dan 10 personen"
    source = COHORT_SOURCE_HOUSING if measure in ("werk", "uitkering") else ROUTE_SOURCE
    return Chart(key=f"cohorten.{measure}", title=title, conclusion=conclusion, figure=fig,
                 table=table, source=source, peildatum=peildatum, note=note, suppressed=hidden,
                 extra={"cohorts": shown_cohorts})


# --- land van herkomst ---------------------------------------------------------------------

def land_van_herkomst(df: pd.DataFrame, peildatum: dt.date) -> Chart:
    """Housed persons per land van herkomst, largest first, "Overig" last;
    the rare countries are already grouped and the counts protected."""
    rows = df[~df["is_total"].astype(bool)]
    labels = [str(x) for x in rows["land"]]
    values = [None if s else _number(v) for v, s in zip(rows["value"], rows["suppressed"])]
    shares = [_number(a) for a in rows["aandeel_pct"]]
    text = [t if a is None else f"{t} ({pres.fmt_value(a, 'pct')})"
            for t, a in zip(row_texts(rows, "aantal"), shares)]
    colours = [PALETTE[5] if lab == "Overig" else PALETTE[0] for lab in labels]
    # the country is register text: data, never markup, in the figure and the sentence
    safe = [plotly_text(lab) for lab in labels]
    fig = go.Figure(go.Bar(y=safe, x=[0 if v is None else v for v in values], orientation="h",
                           marker_color=colours, text=text, textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    style(fig, height=max(260, 30 * len(labels) + 80), legend=False, x_title="gehuisveste personen")
    fig.update_yaxes(autorange="reversed", type="category")
    hi = max([v for v in values if v is not None], default=0)
    fig.update_xaxes(range=[0, hi * 1.3 if hi > 0 else 1])
    table = pd.DataFrame({
        "Land van herkomst": labels,
        "Gehuisvest (aantal)": values,
        "Aandeel (%)": shares,
        "Weergave": row_texts(rows, "aantal"),
    })
    total = df[df["is_total"].astype(bool)]
    total_txt = row_texts(total, "aantal")[0] if not total.empty else fmt.MISSING
    named = [f"{s} ({fmt.number(v)}, {pres.fmt_value(a, 'pct')})"
             for lab, s, v, a in zip(labels, safe, values, shares)
             if lab != "Overig" and v is not None and a is not None]
    if named:
        conclusion = (f"Van de {total_txt} gehuisveste inburgeraars komen de meesten uit "
                      f"{named[0]}" + (f", gevolgd door {named[1]}" if len(named) > 1 else "") + ".")
    else:
        conclusion = (f"{total_txt} gehuisveste inburgeraars; geen land met 10 of meer personen in "
                      "deze selectie.")
    return Chart(key="cohorten.land_van_herkomst", title="Land van herkomst van gehuisveste inburgeraars",
                 conclusion=conclusion, figure=fig, table=table,
                 source="registratie inburgeraars (land van herkomst)", peildatum=peildatum,
                 note="landen met minder dan 10 personen in deze selectie staan samen onder ‘Overig’",
                 suppressed=int(rows["suppressed"].sum()))


# --- Z-route capacity and VISTA levels per skill ---------------------------------
# Builders for monitor.zroute and monitor.vista; their tables arrive with
# hidden cells as None.

Z_SCHEMA_LABELS = {"achter": "Achter op schema", "op_schema": "Op schema", "voor": "Voor op schema"}
Z_SEED_UREN_PER_WEEK = 580.0


def _place_labels(codes, namen: dict[str, str]) -> list[str]:
    return ["Regio" if c == "ALL" else namen.get(c, c) for c in codes]


def _count_or_hidden(v, shown=None) -> str:
    """A count as shown; a hidden one as its display text from disclosure
    control ("<5" only for a real 1-4, "–" for a cell hidden to protect
    another), "–" where none came with it."""
    if not _missing(v):
        return fmt.number(v)
    return shown if isinstance(shown, str) and shown else SUPPRESSED_OTHER


def _shown_texts(df: pd.DataFrame, col: str) -> list[str]:
    texts = df[f"weergave_{col}"] if f"weergave_{col}" in df.columns else [None] * len(df)
    return [_count_or_hidden(v, w) for v, w in zip(df[col], texts)]


def z_route_capaciteit(df: pd.DataFrame, namen: dict[str, str], peildatum: dt.date,
                       norm_per_week: float) -> Chart:
    """Participation hours per week the active Z-route persons need (persons
    x norm) against the hours per week of their ongoing activities, per
    gemeente and for the region, with seed 002's 580 hours as reference."""
    labels = _place_labels(df["gemeentecode"], namen)
    need = [_number(v) for v in df["uren_nodig"]]
    offered = [_number(v) for v in df["uren_per_week"]]
    # hours are hidden with their persons: the persons' display text
    persons = _shown_texts(df, "z_personen")
    fig = go.Figure()
    for name, values, colour in (("Nodig (personen × norm)", need, PALETTE[0]),
                                 ("Lopende activiteiten", offered, PALETTE[1])):
        fig.add_trace(go.Bar(
            x=labels, y=values, name=name, marker_color=colour,
            text=[p if v is None else fmt.number(v) for v, p in zip(values, persons)],
            textposition="outside",
            hovertemplate="%{x}: %{y:,.0f} uur per week<extra>" + name + "</extra>"))
    # The reference line is named in the legend: an annotation on the line
    # itself runs through the bar labels of whichever gemeente is near 580.
    fig.add_hline(y=Z_SEED_UREN_PER_WEEK, line_dash="dash", line_color="#444", line_width=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", hoverinfo="skip",
                             line={"dash": "dash", "color": "#444", "width": 1},
                             name="Uitvoeringsprogramma, Maastricht: ca. 580 uur per week (88 personen)"))
    style(fig, height=360, y_title="uur per week")
    fig.update_layout(barmode="group")
    fig.update_yaxes(rangemode="tozero")
    table = pd.DataFrame({
        "Gemeente": labels,
        "Actieve Z-route-inburgeraars": [_number(v) for v in df["z_personen"]],
        "Weergave": persons,
        "Nodig (uur per week)": [_r1(v) for v in need],
        "Lopende activiteiten (uur per week)": [_r1(v) for v in offered],
        "Verschil (uur per week)": [None if n is None or o is None else _r1(o - n)
                                    for n, o in zip(need, offered)],
    })
    region = df[df["gemeentecode"] == "ALL"]
    if region.empty or _missing(region["uren_nodig"].iloc[0]):
        conclusion = "Te weinig actieve Z-route-inburgeraars om de capaciteit te tonen."
    else:
        # rounded as shown, so the sentence's difference is that of its own figures
        n, o = (fmt.rounded_half_up(region["uren_nodig"].iloc[0]),
                fmt.rounded_half_up(region["uren_per_week"].iloc[0]))
        conclusion = (f"De {fmt.number(region['z_personen'].iloc[0])} actieve Z-route-inburgeraars "
                      f"hebben samen {fmt.number(n)} uur participatie per week nodig; hun lopende "
                      f"activiteiten bieden {fmt.number(o)} uur "
                      f"({'een tekort' if o < n else 'een overschot'} van {fmt.number(abs(o - n))} uur).")
    return Chart(key="werk.z_route_capaciteit", title="Z-route: participatie-uren per week, nodig en lopend",
                 conclusion=conclusion, figure=fig, table=table,
                 source="inburgeraars en participatie (gemeente)", peildatum=peildatum,
                 suppressed=sum(_missing(v) for v in df["z_personen"]),
                 note=(f"norm {fmt.number(norm_per_week, 1)} uur per week per persoon; "
                       "<5: 1 tot 4 personen, niet getoond; –: verborgen om een kleine groep "
                       "te beschermen"))


def z_route_schema(df: pd.DataFrame, namen: dict[str, str], peildatum: dt.date) -> Chart:
    """Active Z-route persons behind, on or ahead of the pro-rata norm of
    werk.z_uren_op_schema_pct, per gemeente and for the region."""
    labels = _place_labels(df["gemeentecode"], namen)
    fig = go.Figure()
    for i, (col, name) in enumerate(Z_SCHEMA_LABELS.items()):
        values = [_number(v) for v in df[col]]
        fig.add_trace(go.Bar(
            x=labels, y=values, name=name, marker_color=PALETTE[[5, 2, 1][i]],
            marker_pattern_shape=["/", "", "."][i],
            text=_shown_texts(df, col),
            textposition="inside",
            hovertemplate="%{x}: %{y:,.0f} personen<extra>" + name + "</extra>"))
    style(fig, height=340, y_title="personen")
    # A label that does not fit its segment is dropped rather than drawn
    # over the next one; the table under the chart has every count.
    fig.update_layout(barmode="stack", uniformtext_minsize=10, uniformtext_mode="hide")
    # A gemeente whose every segment is hidden would read as "nobody": say so.
    for label, (_, row) in zip(labels, df.iterrows()):
        if all(_missing(row[c]) for c in Z_SCHEMA_LABELS) and not _missing(row["z_personen"]):
            fig.add_annotation(x=label, y=0, yanchor="bottom", showarrow=False,
                               text="verborgen<br>(kleine groepen)", font={"size": 11})
    table = pd.DataFrame({"Gemeente": labels})
    for col, name in Z_SCHEMA_LABELS.items():
        table[f"{name} (aantal)"] = [_number(v) for v in df[col]]
        table[f"{name} (weergave)"] = _shown_texts(df, col)
    region = df[df["gemeentecode"] == "ALL"]
    if region.empty or _missing(region["achter"].iloc[0]):
        conclusion = "De verdeling over het schema is te klein om te tonen."
    else:
        conclusion = (f"In de regio lopen {fmt.number(region['achter'].iloc[0])} van de "
                      f"{fmt.number(region['z_personen'].iloc[0])} actieve Z-route-inburgeraars "
                      "achter op de norm van 800 uur in 3 jaar (naar rato); deze verdeling "
                      "telt de uren sinds het PIP en hangt niet af van de gekozen weeknorm.")
    return Chart(key="werk.z_route_schema", title="Z-route: uren op schema",
                 conclusion=conclusion, figure=fig, table=table,
                 source="inburgeraars en participatie (gemeente)", peildatum=peildatum,
                 suppressed=int(sum(df[c].map(_missing).sum() for c in Z_SCHEMA_LABELS)),
                 note="op schema: uren sinds het PIP ≥ 800 × dagen sinds PIP ÷ 1095 (max. 800); "
                      "voor: meer dan 1,25 keer die norm; <5: 1 tot 4 personen; –: verborgen om "
                      "een kleine groep te beschermen")


VISTA_SKILL_LABELS = {"lezen": "Lezen", "luisteren": "Luisteren", "spreken": "Spreken",
                      "schrijven": "Schrijven"}


def vista_niveaus(df: pd.DataFrame, peildatum: dt.date) -> Chart:
    """Small multiples: per skill the learners per last measured level, from
    the newest VISTA file on or before the peildatum."""
    skills = [s for s in VISTA_SKILL_LABELS if s in set(df["vaardigheid"])]
    levels = df[df["niveau"] != "totaal"]
    fig = make_subplots(rows=1, cols=max(1, len(skills)), shared_yaxes=True,
                        subplot_titles=[VISTA_SKILL_LABELS[s] for s in skills])
    for i, skill in enumerate(skills, start=1):
        g = levels[levels["vaardigheid"] == skill]
        values = [_number(v) for v in g["value"]]
        fig.add_trace(go.Bar(
            x=list(g["niveau"].replace({"nog niet gemeten": "n.n.g."})), y=values,
            name=VISTA_SKILL_LABELS[skill], marker_color=PALETTE[i % len(PALETTE)],
            text=[value_text(v, bool(s), "aantal", w)
                  for v, s, w in zip(g["value"], g["suppressed"], g["weergave"])],
            textposition="outside", showlegend=False,
            hovertemplate="%{x}: %{y:,.0f} cursisten<extra>" + VISTA_SKILL_LABELS[skill] + "</extra>"),
            row=1, col=i)
    style(fig, height=340, legend=False)
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title="cursisten", row=1, col=1)
    table = pd.DataFrame({
        "Vaardigheid": [VISTA_SKILL_LABELS.get(s, s) for s in df["vaardigheid"]],
        "Niveau": list(df["niveau"]),
        "Cursisten (aantal)": [_number(v) for v in df["value"]],
        "Weergave": [value_text(v, bool(s), "aantal", w)
                     for v, s, w in zip(df["value"], df["suppressed"], df["weergave"])],
    })
    speak = levels[(levels["vaardigheid"] == "spreken") & levels["niveau"].isin(["B1", "B2"])]
    total = df[(df["vaardigheid"] == "spreken") & (df["niveau"] == "totaal")]["value"]
    if total.empty or _missing(total.iloc[0]) or speak["value"].map(_missing).any():
        conclusion = "Niveaus per vaardigheid van de cursisten die nog les volgen."
    else:
        conclusion = (f"{fmt.number(speak['value'].sum())} van de {fmt.number(total.iloc[0])} "
                      "cursisten spreken op B1 of hoger.")
    return Chart(key="taal.vista_niveaus", title="Taalniveau per vaardigheid (VISTA)",
                 conclusion=conclusion, figure=fig, table=table, source="VISTA-college voortgang",
                 peildatum=peildatum, suppressed=int(df["suppressed"].astype(bool).sum()),
                 note="laatst gemeten niveau, cursisten die niet zijn uitgevallen; n.n.g. = nog niet "
                      "gemeten; <5: 1 tot 4 cursisten; –: verborgen om een kleine groep te "
                      "beschermen")


# --- comparing gemeenten: the funnel plot ------------------------------------------------
# Built from a monitor.compare.Comparison, whose points are only gemeenten
# whose figure disclosure control shows.

VERDICT_LABELS = {"hoger": "duidelijk hoger", "lager": "duidelijk lager", "binnen": "binnen toeval"}
# per kind of comparison (monitor.compare): the x axis, the y axis and the
# table's value column; a median's unit comes from the indicator
FUNNEL_AXES = {"aandeel": ("aantal personen (noemer)", "%", "Waarde (%)"),
               "per_1000_inwoners": ("inwoners", "per 1.000 inwoners",
                                     "Per 1.000 inwoners"),
               "mediaan": ("aantal personen (mediaan over)", None, None)}


def _label_positions(x, y, reference) -> list[str]:
    """A name above or below its point, alternating along the axis, so the
    names of gemeenten of about the same size (side by side in the plot) do
    not print over each other; a single point above the group's value keeps
    its name above, one below it below."""
    xs, ys = [float(v) for v in x], [float(v) for v in y]
    if len(xs) == 1:
        return ["top center" if ys[0] >= (reference or 0) else "bottom center"]
    out = [""] * len(xs)
    for rank, i in enumerate(sorted(range(len(xs)), key=lambda i: (xs[i], ys[i]))):
        out[i] = "bottom center" if rank % 2 == 0 else "top center"
    return out


def funnel_value_text(x, kind: str, unit: str) -> str:
    """A figure of the comparison (monitor.compare's scale) as the page
    writes it: 25%, 1,4 per 1.000 inwoners, 98 dagen."""
    from .compare import SCALE
    if x is None or pd.isna(x):
        return fmt.MISSING
    v = SCALE[kind] * float(x)
    if kind == "per_1000_inwoners":
        return f"{fmt.number(v, 2)} per 1.000 inwoners"
    return pres.fmt_value(v, "pct" if kind == "aandeel" else unit)


# A name in the plot takes about this share of the plot's width per
# character and of its height (13 px text in a plot of ~900 x 300 px, on
# screen, in a PNG and on a slide alike).
NAME_WIDTH_PER_CHAR = 0.009
NAME_HEIGHT = 0.09
# More gemeenten outside the limits than this are named in the caption, not
# in the plot: nationally their names printed over each other and the legend.
MAX_NAMED_OUTLIERS = 4


def _name_layout(named: list[str], x, y, reference, log_x: bool,
                 y_range) -> tuple[list[str], bool]:
    """Where the name of each named point goes ("top center" or "bottom
    center"; "" for a point without a name), and whether two names would
    print over each other. Names side by side alternate above and below
    (_label_positions); a name that would leave the plot at the top or the
    bottom goes to the other side of its point."""
    idx = [i for i, n in enumerate(named) if n]
    out = [""] * len(named)
    if not idx:
        return out, False
    xs = np.asarray(x, dtype=float)
    xs = np.log10(np.maximum(xs, 1e-9)) if log_x else xs
    ys = np.asarray(y, dtype=float)
    lo, hi = y_range if y_range else (float(ys.min()), float(ys.max()))
    nx = (xs - xs.min()) / ((xs.max() - xs.min()) or 1.0)
    ny = (ys - lo) / ((hi - lo) or 1.0)
    boxes = []
    for i, pos in zip(idx, _label_positions([xs[i] for i in idx], [ys[i] for i in idx],
                                            reference)):
        if pos.startswith("top") and ny[i] + 1.2 * NAME_HEIGHT > 1.0:
            pos = "bottom center"
        elif pos.startswith("bottom") and ny[i] - 1.2 * NAME_HEIGHT < 0.0:
            pos = "top center"
        out[i] = pos
        mid = ny[i] + (0.6 if pos.startswith("top") else -0.6) * NAME_HEIGHT
        boxes.append((nx[i], mid, len(named[i]) * NAME_WIDTH_PER_CHAR))
    crowded = any(abs(x1 - x2) < (w1 + w2) / 2 and abs(y1 - y2) < NAME_HEIGHT
                  for k, (x1, y1, w1) in enumerate(boxes) for x2, y2, w2 in boxes[k + 1:])
    return out, crowded


def _outlier_note(names, shares, verdicts, most: int = 6) -> str:
    """The gemeenten outside the limits, for the caption, the furthest first."""
    parts = []
    for verdict, furthest_first in (("hoger", True), ("lager", False)):
        mine = sorted(((s, n) for n, s, o in zip(names, shares, verdicts) if o == verdict),
                      reverse=furthest_first)
        if not mine:
            continue
        shown = ", ".join(n for _, n in mine[:most])
        rest = len(mine) - most
        parts.append(f"{VERDICT_LABELS[verdict]}: {shown}"
                     + (f" en {rest} andere" if rest > 0 else ""))
    return "buiten de 99,8%-grenzen, " + "; ".join(parts) if parts else ""


def funnel_plot(ind: Indicator, comp, peildatum: dt.date, references: list[dict] | None = None,
                key: str | None = None) -> Chart:
    """Every shown gemeente of the group as a point against its size (persons,
    or inhabitants for a count per 1.000), the group's value, the 95% and
    99,8% limits, the chosen gemeente highlighted, and published reference
    figures as lines with their source. `references`: rows with label,
    waarde (on the indicator's scale), bron, peildatum (monitor.reference);
    a count per 1.000 inhabitants draws none (a published count is not on
    that scale)."""
    from .compare import SCALE
    f = comp.funnel
    kind = getattr(comp, "kind", "aandeel")
    scale = SCALE[kind]
    x_title, y_title, value_col = FUNNEL_AXES[kind]
    y_title = y_title or axis_title(ind.unit)
    value_col = value_col or f"Mediaan ({axis_title(ind.unit)})"
    if kind == "per_1000_inwoners":
        references = []
    pts = f.points
    fig = go.Figure()
    names = [plotly_text(n) for n in pts["naam"]] if not pts.empty else []
    if not f.curve.empty:
        x = f.curve["n"].tolist()
        for key_, label, dash, colour in (("998", "99,8%-grens", "solid", "#888"),
                                          ("95", "95%-grens", "dash", "#555")):
            for side in ("hi", "lo"):
                fig.add_trace(go.Scatter(
                    x=x, y=[scale * v for v in f.curve[f"{side}{key_}"]], mode="lines",
                    line=dict(color=colour, dash=dash, width=1.2,
                              shape="hv" if kind == "mediaan" else "linear"),
                    name=label, legendgroup=label, showlegend=side == "hi", hoverinfo="skip"))
    if f.reference is not None and not pts.empty:
        lo_x = float(f.curve["n"].min()) if not f.curve.empty else float(pts["denominator"].min())
        hi_x = float(f.curve["n"].max()) if not f.curve.empty else float(pts["denominator"].max())
        what = "mediaan van de groep" if kind == "mediaan" else "groep samen"
        fig.add_trace(go.Scatter(x=[lo_x, hi_x], y=[scale * f.reference] * 2, mode="lines",
                                 line=dict(color=PALETTE[0], width=2),
                                 name=f"{what} ({funnel_value_text(f.reference, kind, ind.unit)})",
                                 hoverinfo="skip"))
    size_word = "inwoners" if kind == "per_1000_inwoners" else "personen"
    log_x = bool(not pts.empty
                 and pts["denominator"].max() / max(1.0, pts["denominator"].min()) > 5)
    # the axis spans every point's own 99,8% limits and the reference lines, not
    # the curve's far ends at the smallest n
    ys = ([scale * v for v in pts["share"]] + [scale * v for v in pts["lo998"]]
          + [scale * v for v in pts["hi998"]] if not pts.empty else []) + \
        [float(r["waarde"]) for r in references or []]
    y_range = None
    if ys:
        pad = max(2.0 if kind == "aandeel" else 0.0, (max(ys) - min(ys)) * 0.08)
        top = 100.0 if kind == "aandeel" else max(ys) + pad
        y_range = (max(0.0, min(ys) - pad), min(top, max(ys) + pad))
    outliers_in_caption = ""
    if not pts.empty:
        focal = (pts["gemeentecode"] == comp.focal).to_numpy()
        symbols = {"hoger": "triangle-up", "lager": "triangle-down", "binnen": "circle"}
        hover = [f"{n}: {funnel_value_text(s, kind, ind.unit)}"
                 + (f" ({fmt.number(c)} personen)" if kind == "per_1000_inwoners" else "")
                 + f" bij {fmt.number(d)} {size_word}<br>{VERDICT_LABELS[o]}"
                 + (f"; rang {r}" if r else "")
                 for n, s, d, c, o, r in zip(names, pts["share"], pts["denominator"],
                                             pts["numerator"], pts["oordeel"],
                                             pts.get("rang_tekst", [""] * len(pts)))]
        # Named in the plot: the chosen gemeente and those outside the limits,
        # the points a reader asks about (names of gemeenten within chance
        # overprinted each other; hover and table name all), unless those
        # names would print over each other: then the caption names them.
        outlier = (pts["oordeel"] != "binnen").to_numpy() & ~focal
        x_all, y_all = pts["denominator"].to_numpy(dtype=float), scale * pts["share"].to_numpy(
            dtype=float)
        reference = None if f.reference is None else scale * f.reference
        named = [n if f_ or o else "" for n, f_, o in zip(names, focal, outlier)]
        positions, crowded = _name_layout(named, x_all, y_all, reference, log_x, y_range)
        if outlier.sum() > MAX_NAMED_OUTLIERS or crowded:
            outliers_in_caption = _outlier_note(list(pts["naam"][outlier]),
                                                list(y_all[outlier]),
                                                list(pts["oordeel"][outlier]))
            named = [n if f_ else "" for n, f_ in zip(names, focal)]
            positions, _ = _name_layout(named, x_all, y_all, reference, log_x, y_range)
        for mine, label, colour, size in ((False, "andere gemeenten", PALETTE[0], 10),
                                          (True, comp.focal_name, PALETTE[1], 16)):
            sel = focal if mine else ~focal
            if not sel.any():
                continue
            text = [n for n, s in zip(named, sel) if s]
            show_text = any(text)
            fig.add_trace(go.Scatter(
                x=pts["denominator"][sel], y=scale * pts["share"][sel],
                mode="markers+text" if show_text else "markers",
                marker=dict(size=size, color=colour, line=dict(color="white", width=1),
                            symbol=[symbols[o] if not mine else "diamond"
                                    for o in pts["oordeel"][sel]]),
                text=text if show_text else None,
                textposition=[p or "top center" for p, s in zip(positions, sel) if s],
                # a light halo: the chosen gemeente's name often sits among
                # dozens of points and limit lines
                textfont=dict(size=13, color="#222", shadow="auto",
                              weight="bold" if mine else "normal"),
                name=plotly_text(label), customdata=[h for h, s in zip(hover, sel) if s],
                hovertemplate="%{customdata}<extra></extra>", cliponaxis=False))
    notes = []
    _reference_lines(fig, references, notes)
    if outliers_in_caption:
        notes.append(outliers_in_caption)
    style(fig, height=440, x_title=f"aantal {size_word}" if kind == "per_1000_inwoners"
          else x_title, y_title=y_title)
    if kind == "aandeel":
        fig.update_yaxes(ticksuffix="%")
    if log_x:
        lo_n, hi_n = float(pts["denominator"].min()) * 0.8, float(pts["denominator"].max()) * 1.15
        ticks = [t for t in (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000,
                             50000, 100000, 200000, 500000, 1000000) if lo_n <= t <= hi_n]
        fig.update_xaxes(type="log", tickvals=ticks, ticktext=[fmt.number(t) for t in ticks])
    else:
        # whole numbers with a thousands point (plotly's default says 50k)
        fig.update_xaxes(tickformat=",d")
    if y_range:
        fig.update_yaxes(range=list(y_range))
    digits = 2 if kind == "per_1000_inwoners" else 1
    limit_unit = {"aandeel": "%", "per_1000_inwoners": "per 1.000"}.get(kind, axis_title(ind.unit))

    def scaled(v):
        return None if v is None or pd.isna(v) else float(fmt.rounded_half_up(scale * v, digits))
    table = pd.DataFrame({
        "Gemeente": names,
        **({"Personen (teller)": [_number(v) for v in pts["numerator"]]}
           if kind == "per_1000_inwoners" else {}),
        ("Inwoners" if kind == "per_1000_inwoners" else "Personen (noemer)"):
            [_number(v) for v in pts["denominator"]],
        value_col: [scaled(v) for v in pts["share"]],
        f"Ondergrens 99,8% ({limit_unit})": [scaled(v) for v in pts["lo998"]],
        f"Bovengrens 99,8% ({limit_unit})": [scaled(v) for v in pts["hi998"]],
        "Oordeel": [VERDICT_LABELS[o] for o in pts["oordeel"]],
        "Rang (95%-interval)": list(pts["rang_tekst"]) if "rang_tekst" in pts else [],
    }) if not pts.empty else pd.DataFrame()
    if f.hidden:
        notes.append(f"{f.hidden} gemeente(n) van deze groep niet getoond (te weinig personen)")
    if f.unknown:
        notes.append(f"{f.unknown} gemeente(n) zonder inwonertal in het regiobestand niet getoond")
    if f.dispersion is not None and f.dispersion.widened:
        notes.append("grenzen verbreed voor overdispersie (additief random-effectsmodel)")
    what = {"per_1000_inwoners": " per 1.000 inwoners", "mediaan": ""}.get(kind, "")
    # the indicator first: on a slide the conclusion is the title, and a deck
    # may hold several funnels
    conclusion = f"{ind.name}{what}: {comp.sentence()}"
    if comp.focal_point is not None and "rang_tekst" in comp.focal_point and len(pts) > 1:
        # in the caption, not the sentence: a third line of title does not fit a slide or PNG
        notes.insert(0, f"rang van {comp.focal_name}: {comp.focal_point['rang_tekst']} "
                        "(95%-interval)")

    return Chart(key=key or f"vergelijking/{ind.id}~{comp.focal}~{comp.group}",
                 title=plotly_text(f"{ind.name}{what}: {comp.focal_name} vergeleken met "
                                   f"{comp.group_label}"),
                 conclusion=conclusion, figure=fig, table=table, source=ind.source,
                 peildatum=peildatum, note="; ".join(notes) or None, suppressed=f.hidden)

