"""The Begroting page's four charts as monitor.charts.Chart values (figure,
the table behind it, a one-line conclusion, source), so they get a PNG, a
CSV and a slide like every other chart. Model outcomes only: no person data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from monitor.charts import Chart
from monitor.escaping import plotly_text
from monitor.formatting import PLOTLY_SEPARATORS, euro
from monitor.presentation import OKABE_ITO

from .inputs import RESERVE_CAP, YEARS
from .model import BudgetResult, SensitivityRow, headline_figures, waterfall_steps

SOURCE = "begrotingsmodel (beleidskader en uitvoeringsprogramma)"
NOTE = "modeluitkomst, geen besluit"
# Colour-blind safe (Okabe-Ito); every coloured figure also carries its sign
# or label in text, so colour is never the only cue.
COLORS = (OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2])
UP, DOWN, TOTAL, CAP = OKABE_ITO[0], OKABE_ITO[1], "#444444", OKABE_ITO[3]
WHOLE = "2024–2027"


def _layout(fig: go.Figure, **kw) -> go.Figure:
    fig.update_layout(separators=PLOTLY_SEPARATORS, margin=dict(t=40, b=40, l=10, r=10),
                      hoverlabel=dict(namelength=-1), plot_bgcolor="white",
                      paper_bgcolor="white", **kw)
    return fig


def signed(v: Decimal) -> str:
    return euro(v, cents=False, signed=True).replace("-", "−")


def _money(v) -> float:
    return float(v)


def saldo(results: list[tuple[str, BudgetResult]], key: str, peildatum: dt.date | None) -> Chart:
    fig = go.Figure()
    patterns = ("", "/", ".")
    for n, (name, res) in enumerate(results):
        fig.add_trace(go.Bar(x=[str(y) for y in YEARS], y=[_money(r.saldo) for r in res.years],
                             name=plotly_text(name),
                             marker=dict(color=COLORS[n], pattern_shape=patterns[n]),
                             text=[euro(r.saldo, cents=False) for r in res.years],
                             textposition="outside", cliponaxis=False, textangle=-90,
                             textfont=dict(size=11),
                             hovertemplate=f"{plotly_text(name)}<br>%{{x}}: € %{{y:,.2f}}"
                                           "<extra></extra>"))
    _layout(fig, barmode="group",
            yaxis=dict(title="Saldo (€)", tickprefix="€ ", tickformat=",.0f",
                       gridcolor="#E5E5E5", zeroline=True, zerolinecolor="#444"),
            legend=dict(orientation="h", y=-0.15), height=420)
    # years are labels: without this plotly reads "2024" as a number and ticks 2.023,5
    fig.update_xaxes(type="category")
    rows = [{"Scenario": name, **{f"Saldo {r.year} (€)": _money(r.saldo) for r in res.years},
             f"Saldo {WHOLE} (€)": _money(res.saldo_total)} for name, res in results]
    parts = [f"{name} {euro(res.saldo_total, cents=False)}" for name, res in results]
    return Chart(key=key, title="Saldo per jaar per scenario",
                 conclusion=f"Saldo {WHOLE} vóór inzet van de reserve: " + "; ".join(parts) + ".",
                 figure=fig, table=pd.DataFrame(rows), source=SOURCE, peildatum=peildatum,
                 note=NOTE)


def waterfall(name: str, result: BudgetResult, year: int | None, key: str,
              peildatum: dt.date | None) -> Chart:
    steps = waterfall_steps(result, year)
    fig = go.Figure(go.Waterfall(
        x=[s[0] for s in steps], y=[_money(s[1]) for s in steps], measure=[s[2] for s in steps],
        text=[euro(s[1], cents=False) if s[2] == "total" else signed(s[1]) for s in steps],
        textposition="outside", cliponaxis=False,
        increasing=dict(marker_color=UP), decreasing=dict(marker_color=DOWN),
        totals=dict(marker_color=TOTAL), connector=dict(line=dict(color="#999")),
        hovertemplate="%{x}: € %{y:,.2f}<extra></extra>",
    ))
    period = WHOLE if year is None else str(year)
    _layout(fig, yaxis=dict(title="Bedrag (€)", tickprefix="€ ", tickformat=",.0f",
                            gridcolor="#E5E5E5"), showlegend=False, height=460)
    table = pd.DataFrame({"Stap": [s[0] for s in steps],
                          "Bedrag (€)": [_money(s[1]) for s in steps],
                          "Soort": ["totaal" if s[2] == "total" else "erbij of eraf"
                                    for s in steps]})
    end = steps[-1][1] if steps else Decimal(0)
    return Chart(key=key, title=f"Van inkomsten naar saldo, {period} ({name})",
                 conclusion=f"{name}: het saldo {period} komt uit op {euro(end, cents=False)} "
                            "(blauw = erbij, oranje = eraf).",
                 figure=fig, table=table, source=SOURCE, peildatum=peildatum,
                 note=NOTE + "; een SPUK-overschot gaat er als aparte stap af")


def reserve(results: list[tuple[str, BudgetResult]], key: str, peildatum: dt.date | None) -> Chart:
    fig = go.Figure()
    x = ["Begin 2024"] + [f"Eind {y}" for y in YEARS]
    symbols = ("circle", "square", "diamond")
    rows = []
    for n, (name, res) in enumerate(results):
        y = [res.years[0].reserve_opening] + [r.reserve_closing for r in res.years]
        draws = [0.0] + [_money(r.reserve_draw) for r in res.years]
        fig.add_trace(go.Scatter(
            x=x, y=[_money(v) for v in y], name=plotly_text(name), mode="lines+markers+text",
            line=dict(color=COLORS[n], width=3), marker=dict(symbol=symbols[n], size=9),
            text=[euro(v, cents=False) for v in y], textposition="top center",
            customdata=draws,
            hovertemplate=f"{plotly_text(name)}<br>%{{x}}: € %{{y:,.0f}}<br>onttrokken: "
                          "€ %{customdata:,.0f}"
                          "<extra></extra>"))
        rows.append({"Scenario": name, **{f"{lab} (€)": _money(v) for lab, v in zip(x, y)}})
    fig.add_hline(y=_money(RESERVE_CAP), line=dict(color=CAP, dash="dash"),
                  annotation_text="Plafond € 400.000 (raadsbesluit)",
                  annotation_position="bottom right")
    _layout(fig, yaxis=dict(title="Stand (€)", tickprefix="€ ", tickformat=",.0f",
                            rangemode="tozero", gridcolor="#E5E5E5"),
            legend=dict(orientation="h", y=-0.15), height=420)
    parts = [f"{name} {euro(res.years[-1].reserve_closing, cents=False)}" for name, res in results]
    return Chart(key=key, title="Reserve Vreemdelingen (modeluitkomst)",
                 conclusion=f"Reserve Vreemdelingen eind {YEARS[-1]}: " + "; ".join(parts) + ".",
                 figure=fig, table=pd.DataFrame(rows), source=SOURCE, peildatum=peildatum,
                 note=NOTE + "; plafond € 400.000 (raadsbesluit)")


def sensitivity(rows: list[SensitivityRow], name: str, key: str,
                peildatum: dt.date | None) -> Chart:
    rows = [r for r in rows if r.swing > 0][:12][::-1]  # largest on top
    labels = [r.label for r in rows]
    fig = go.Figure()
    for attr, legend, colour, pattern in (("low", "Invoer 10% lager", OKABE_ITO[5], "/"),
                                          ("high", "Invoer 10% hoger", OKABE_ITO[0], "")):
        vals = [getattr(r, attr) for r in rows]
        fig.add_trace(go.Bar(
            y=labels, x=[_money(v) for v in vals], orientation="h", name=legend,
            marker=dict(color=colour, pattern_shape=pattern),
            text=[signed(v) if v else "" for v in vals], textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}, " + legend.lower() + ": € %{x:,.0f}<extra></extra>"))
    biggest = max((_money(r.swing) for r in rows), default=1.0) or 1.0
    _layout(fig, barmode="group", height=160 + 52 * max(len(rows), 1),
            xaxis=dict(title=f"Verandering saldo {WHOLE} (€)", tickprefix="€ ",
                       tickformat=",.0f", zeroline=True, zerolinecolor="#444",
                       range=[-biggest * 1.45, biggest * 1.45], gridcolor="#E5E5E5"),
            yaxis=dict(automargin=True), legend=dict(orientation="h", y=-0.12))
    ordered = rows[::-1]
    table = pd.DataFrame({"Invoer": [r.label for r in ordered],
                          "Invoer 10% lager (€)": [_money(r.low) for r in ordered],
                          "Invoer 10% hoger (€)": [_money(r.high) for r in ordered]})
    conclusion = (f"{name}: het saldo {WHOLE} reageert het sterkst op {ordered[0].label.lower()} "
                  f"({signed(ordered[0].high)} bij 10% hoger)." if ordered else
                  f"{name}: geen invoer verandert het saldo {WHOLE}.")
    return Chart(key=key, title=f"Gevoeligheid van het saldo {WHOLE} ({name})",
                 conclusion=conclusion, figure=fig, table=table, source=SOURCE,
                 peildatum=peildatum, note=NOTE + "; elke invoer 10% lager en 10% hoger")


def _per_person(res: BudgetResult) -> list[tuple[str, Decimal, bool]]:
    return [("SPUK per persoon (3 jaar)", res.income_per_person, True),
            ("Kosten per traject", res.cost_per_person, False),
            ("Resultaat per persoon", res.result_per_person, True)]


def scenario_table(results: list[tuple[str, BudgetResult]], key: str, peildatum: dt.date | None,
                   actual_applied: bool) -> Chart:
    """The scenarios side by side as a table: one row per headline figure
    in which they differ (all of them when there is one scenario), one column
    per scenario by name; in the deck a real table. The conclusion names
    what the last scenario does to the saldo against the first."""
    figures = [headline_figures(res) + _per_person(res) for _, res in results]
    labels = [label for label, _, _ in figures[0]]
    differ = [i for i in range(len(labels))
              if len({round(f[i][1]) for f in figures}) > 1]
    rows = []
    for i, label in enumerate(labels):
        values = [f[i][1] for f in figures]
        if differ and i not in differ:
            continue
        row = {"Cijfer": label}
        row.update({name: euro(v, cents=False) for (name, _), v in zip(results, values)})
        rows.append(row)
    columns = ["Cijfer"] + [name for name, _ in results]
    table = pd.DataFrame(rows, columns=columns)
    # a scenario name comes from a link: text in plotly's table, never markup
    fig = go.Figure(go.Table(header=dict(values=[plotly_text(c) for c in table.columns], align="left"),
                             cells=dict(values=[[plotly_text(v) if isinstance(v, str) else v
                                                 for v in table[c]] for c in table.columns],
                                        align="left")))
    _layout(fig, height=120 + 30 * len(rows))
    note = "saldo vóór inzet van de reserve; alleen de cijfers waarin de scenario's verschillen"
    if actual_applied:
        note += "; met de actuele aantallen uit de geladen gegevens waar het scenario dat vraagt"
    (first, base), (last, res) = results[0], results[-1]
    if len(results) == 1:
        conclusion = (f"{first}: saldo 2024–2027 {euro(res.saldo_total, cents=False)}, reserve "
                      f"eind {YEARS[-1]} {euro(res.years[-1].reserve_closing, cents=False)}.")
    elif not differ:
        conclusion = f"De {len(results)} scenario's geven dezelfde uitkomsten."
    else:
        diff = res.saldo_total - base.saldo_total
        how = ("evenveel als" if not round(diff) else
               f"{euro(abs(diff), cents=False)} {'hoger' if diff > 0 else 'lager'} dan")
        conclusion = (f"‘{last}’ geeft een saldo 2024–2027 van "
                      f"{euro(res.saldo_total, cents=False)}: {how} ‘{first}’.")
    return Chart(key=key, title="Begroting: scenario's naast elkaar",
                 conclusion=conclusion, figure=fig, table=table,
                 source=SOURCE, peildatum=peildatum, note=note, extra={"deck": "table"})
