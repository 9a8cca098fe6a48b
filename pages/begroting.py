"""Begroting: the what-if model of the SPUK, the uitvoeringskosten, the
Faciliteitenbesluit and the Reserve Vreemdelingen, with up to three named
scenarios side by side.

UI only: every figure comes from monitor.budget. A slider move reruns this
script, which recomputes the model; the store is read only through cached
functions, so that path does no queries. The scenarios live in session state
and are mirrored to the URL, so a link reproduces them.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import budget as bm
from monitor.formatting import PLOTLY_SEPARATORS, euro, number, pct

STATE = "begroting.scenarios"
NOTICES = "begroting.link_notices"
COUNT_KEY = "begroting.aantal"
EDIT_KEY = "begroting.bewerk"
CHART_YEAR_KEY = "begroting.waterval_jaar"

from pages.ui import basket
from pages.ui.frame import page_start

COLORS = ("#0b5394", "#e69138", "#6aa84f")
UP, DOWN, TOTAL = "#6aa84f", "#cc0000", "#0b5394"


# --- Store access (guarded and cached) ----------------------------------------

def _store():
    try:
        from monitor import store
    except Exception:  # the page must work without a store module or driver
        return None
    return store


def _indicators():
    from monitor import indicators

    return indicators


def _store_version():
    """A cheap file stat, no query: it lets the caches below notice a new load."""
    store = _store()
    try:
        return store.store_version() if store else None
    except Exception:
        return None


@st.cache_data(ttl=600, show_spinner=False)
def _actual_counts(version) -> tuple[dict | None, dict | None, tuple[str, ...]]:
    """(housed per year, AZC residents not in the BRP per year, notes)."""
    store = _store()
    if store is None:
        return None, None, ("Actuele aantallen zijn niet beschikbaar: de gegevensopslag is niet "
                            "geïnstalleerd. De ingevoerde aantallen blijven gelden.",)
    notes = []
    housed = azc = None
    try:
        housed = dict(_indicators().housed_asielstatushouders_per_year()) or None
        if housed is None:
            notes.append("De geladen gegevens bevatten geen gehuisveste asielstatushouders; de "
                         "ingevoerde aantallen blijven gelden.")
    except AttributeError:
        notes.append("Actuele aantallen gehuisveste asielstatushouders zijn (nog) niet "
                     "beschikbaar; de ingevoerde aantallen blijven gelden.")
    except Exception:
        notes.append("Actuele aantallen zijn niet beschikbaar: er zijn nog geen gegevens geladen "
                     "of de opslag is niet leesbaar. De ingevoerde aantallen blijven gelden.")
    fetch_azc = getattr(_indicators(), "azc_residents_not_in_brp_per_year", None)
    if fetch_azc is None:
        notes.append("Het aantal AZC-bewoners dat niet in de BRP staat komt (nog) niet uit het "
                     "COA-overzicht; het ingevoerde aantal blijft gelden.")
    else:
        try:
            azc = dict(fetch_azc()) or None
        except Exception:
            notes.append("Het aantal AZC-bewoners dat niet in de BRP staat is niet beschikbaar; "
                         "het ingevoerde aantal blijft gelden.")
    return housed, azc, tuple(notes)


# --- Scenario state -----------------------------------------------------------

def _scenarios() -> list[bm.Scenario]:
    return st.session_state[STATE]


def _init_state() -> None:
    if STATE in st.session_state:
        return
    scenarios, notices = bm.scenarios_from_query(st.query_params.to_dict())
    st.session_state[STATE] = scenarios
    st.session_state[NOTICES] = notices
    st.session_state[COUNT_KEY] = len(scenarios)


def _widget_keys(i: int) -> list[str]:
    prefix = f"s{i + 1}."
    return [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)
            and not k.endswith(".naam")]


def _reset(i: int) -> None:
    sc = _scenarios()[i]
    _scenarios()[i] = bm.Scenario(sc.name, bm.DEFAULT_INPUTS, False)
    for key in _widget_keys(i):
        del st.session_state[key]


def _copy_from_first(i: int) -> None:
    first = _scenarios()[0]
    sc = _scenarios()[i]
    _scenarios()[i] = bm.Scenario(sc.name, first.inputs, first.use_actual)
    for key in _widget_keys(i):
        del st.session_state[key]


def _set_count() -> None:
    scenarios = _scenarios()
    n = st.session_state[COUNT_KEY]
    while len(scenarios) < n:
        # A new scenario starts as a copy of the first: what-ifs are variations.
        first = scenarios[0]
        scenarios.append(bm.Scenario(bm.default_name(len(scenarios) + 1), first.inputs,
                                     first.use_actual))
    del scenarios[n:]
    if st.session_state.get(EDIT_KEY, 0) >= n:
        st.session_state[EDIT_KEY] = 0


# --- Widgets ------------------------------------------------------------------

def _to_widget(spec: bm.InputSpec, v):
    if spec.unit == "euro":
        return float(v)
    if spec.unit == "fractie":
        return float(v * 100)
    return v


def _from_widget(spec: bm.InputSpec, x):
    if spec.unit == "euro":
        return Decimal(f"{float(x):.2f}")
    if spec.unit == "fractie":
        return (Decimal(f"{float(x):.2f}") / 100).quantize(Decimal("0.0001"))
    if spec.unit in ("aantal", "jaar"):
        return int(x)
    return x


def _help(spec: bm.InputSpec) -> str:
    default = spec.default
    if spec.unit == "euro":
        shown = euro(default)
    elif spec.unit == "fractie":
        shown = pct(default, 2)
    elif spec.unit == "keuze":
        shown = bm.FACILITY_USE_LABELS[default]
    else:
        shown = number(default) if spec.unit == "aantal" else str(default)
    return f"{spec.help}\n\nStandaard (seed): {shown}."


def _input_widget(spec: bm.InputSpec, key: str, current, disabled: bool = False):
    """One widget for one input; returns the model value."""
    if key not in st.session_state:
        st.session_state[key] = _to_widget(spec, current)
    help_text = _help(spec)
    value = st.session_state[key]
    if spec.unit == "keuze":
        x = st.radio(spec.label, list(bm.FACILITY_USE_LABELS),
                     format_func=bm.FACILITY_USE_LABELS.get, key=key, help=help_text,
                     disabled=disabled)
    elif spec.unit == "fractie":
        x = st.slider(spec.label, min_value=1.0, max_value=100.0, step=0.01, format="%.2f%%",
                      key=key, help=help_text, disabled=disabled)
    elif spec.unit == "jaar":
        x = st.slider(spec.label, min_value=2024, max_value=2027, step=1, key=key,
                      help=help_text, disabled=disabled)
    elif spec.unit == "aantal":
        if spec.widget == "slider":
            top = max(int(spec.slider_max), int(value))
            x = st.slider(spec.label, min_value=int(spec.minimum), max_value=top, step=1,
                          key=key, help=help_text, disabled=disabled)
        else:
            x = st.number_input(spec.label, min_value=int(spec.minimum),
                                max_value=int(spec.maximum), step=1, key=key, help=help_text,
                                disabled=disabled)
    else:  # euro
        if spec.widget == "slider":
            top = max(float(spec.slider_max), float(value))
            x = st.slider(spec.label, min_value=0.0, max_value=top, step=float(spec.step),
                          format="€ %.0f", key=key, help=help_text, disabled=disabled)
        else:
            x = st.number_input(spec.label, min_value=0.0, max_value=float(spec.maximum),
                                step=0.01 if spec.step < 1 else float(spec.step), format="%.2f",
                                key=key, help=help_text, disabled=disabled)
        if x is not None:
            st.caption(euro(_from_widget(spec, x)))
    if x is None:  # a cleared number field keeps the last value
        return current
    return _from_widget(spec, x)


def _input_panel(i: int, actual) -> None:
    """Widgets for scenario i (0-based); writes the values back into state."""
    sc = _scenarios()[i]
    prefix = f"s{i + 1}."
    housed, azc, notes = actual
    toggle_key = prefix + "actueel"
    if toggle_key not in st.session_state:
        st.session_state[toggle_key] = sc.use_actual
    use_actual = st.session_state[toggle_key]
    values = {}
    for group, specs in bm.specs_by_group().items():
        title, intro = bm.GROUPS[group]
        with st.expander(title, expanded=group in ("aantallen", "acties")):
            st.caption(intro)
            if group == "aantallen":
                use_actual = st.toggle(
                    "Gebruik actuele aantallen", key=toggle_key,
                    help="Neem de gehuisveste asielstatushouders per jaar (en, zodra beschikbaar, "
                         "de AZC-bewoners niet in de BRP) over uit de geladen gegevens. Jaren "
                         "zonder gegevens houden de ingevoerde waarde.")
                if use_actual:
                    for note in notes:
                        st.info(note)
            for spec in specs:
                key = prefix + spec.name
                overridden = None
                if use_actual and spec.name.startswith("housed_") and housed:
                    overridden = housed.get(int(spec.name.rsplit("_", 1)[1]))
                if use_actual and spec.name.startswith("azc_not_in_brp_") and azc:
                    overridden = azc.get(int(spec.name.rsplit("_", 1)[1]))
                if overridden is not None:
                    # A separate key, so the typed-in value returns when the
                    # option is switched off again.
                    shown_key = key + "@actueel"
                    st.session_state[shown_key] = min(int(overridden), int(spec.maximum))
                    st.slider(f"{spec.label} (actueel)", min_value=0,
                              max_value=max(int(spec.slider_max), int(overridden)),
                              key=shown_key, disabled=True, help=_help(spec))
                    values[spec.name] = getattr(sc.inputs, spec.name)
                else:
                    values[spec.name] = _input_widget(spec, key, getattr(sc.inputs, spec.name))
    _scenarios()[i] = bm.Scenario(sc.name, bm.BudgetInputs.model_validate(values), use_actual)


# --- Charts -------------------------------------------------------------------

def _layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    fig.update_layout(title=title, separators=PLOTLY_SEPARATORS, margin=dict(t=60, b=40),
                      hoverlabel=dict(namelength=-1), **kw)
    return fig


def _waterfall(result: bm.BudgetResult, year: int | None) -> go.Figure:
    steps = bm.waterfall_steps(result, year)
    fig = go.Figure(go.Waterfall(
        x=[s[0] for s in steps], y=[float(s[1]) for s in steps], measure=[s[2] for s in steps],
        text=[euro(s[1], cents=False) for s in steps], textposition="outside",
        increasing=dict(marker_color=UP), decreasing=dict(marker_color=DOWN),
        totals=dict(marker_color=TOTAL), connector=dict(line=dict(color="#999")),
        hovertemplate="%{x}: € %{y:,.2f}<extra></extra>",
    ))
    period = "2024–2027" if year is None else str(year)
    return _layout(fig, f"Van inkomsten naar saldo, {period}",
                   yaxis=dict(title="Bedrag (€)", tickprefix="€ ", tickformat=",.0f"),
                   showlegend=False)


def _reserve_chart(results: list[tuple[str, bm.BudgetResult]]) -> go.Figure:
    fig = go.Figure()
    x = ["Begin 2024"] + [f"Eind {y}" for y in bm.YEARS]
    for n, (name, res) in enumerate(results):
        y = [float(res.years[0].reserve_opening)] + [float(r.reserve_closing) for r in res.years]
        draws = [0.0] + [float(r.reserve_draw) for r in res.years]
        fig.add_trace(go.Scatter(
            x=x, y=y, name=name, mode="lines+markers", line=dict(color=COLORS[n], width=3),
            customdata=draws,
            hovertemplate=f"{name}<br>%{{x}}: € %{{y:,.0f}}<br>onttrokken: € %{{customdata:,.0f}}"
                          "<extra></extra>"))
    fig.add_hline(y=float(bm.RESERVE_CAP), line=dict(color=DOWN, dash="dash"),
                  annotation_text="Plafond € 400.000 (raadsbesluit)",
                  annotation_position="bottom right")
    return _layout(fig, "Reserve Vreemdelingen",
                   yaxis=dict(title="Stand (€)", tickprefix="€ ", tickformat=",.0f",
                              rangemode="tozero"),
                   legend=dict(orientation="h", y=-0.15))


def _sensitivity_chart(rows: list[bm.SensitivityRow], name: str) -> go.Figure:
    rows = [r for r in rows if r.swing > 0][:12][::-1]  # largest on top
    labels = [r.label for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=labels, x=[float(r.low) for r in rows], orientation="h",
                         name="Invoer 10% lager", marker_color="#9fc5e8",
                         hovertemplate="%{y}, 10% lager: € %{x:,.0f}<extra></extra>"))
    fig.add_trace(go.Bar(y=labels, x=[float(r.high) for r in rows], orientation="h",
                         name="Invoer 10% hoger", marker_color="#0b5394",
                         hovertemplate="%{y}, 10% hoger: € %{x:,.0f}<extra></extra>"))
    return _layout(fig, f"Gevoeligheid van het saldo 2024–2027 ({name})",
                   barmode="overlay", height=140 + 32 * max(len(rows), 1),
                   xaxis=dict(title="Verandering saldo 2024–2027 (€)", tickprefix="€ ",
                              tickformat=",.0f", zeroline=True),
                   legend=dict(orientation="h", y=-0.2))


def _saldo_chart(results: list[tuple[str, bm.BudgetResult]]) -> go.Figure:
    fig = go.Figure()
    for n, (name, res) in enumerate(results):
        fig.add_trace(go.Bar(x=[str(y) for y in bm.YEARS], y=[float(r.saldo) for r in res.years],
                             name=name, marker_color=COLORS[n],
                             text=[euro(r.saldo, cents=False) for r in res.years],
                             hovertemplate=f"{name}<br>%{{x}}: € %{{y:,.2f}}<extra></extra>"))
    return _layout(fig, "Saldo per jaar per scenario", barmode="group",
                   yaxis=dict(title="Saldo (€)", tickprefix="€ ", tickformat=",.0f"),
                   legend=dict(orientation="h", y=-0.15))


# --- Tables -------------------------------------------------------------------

def _year_table(res: bm.BudgetResult) -> pd.DataFrame:
    def line(label, attr, fmt=euro, total=True):
        vals = [getattr(r, attr) for r in res.years]
        cells = [fmt(v) for v in vals]
        cells.append(fmt(sum(vals, Decimal(0))) if total else "")
        return [label, *cells]

    def yes(v):
        return "ja" if v else "nee"

    rows = [
        line("Gehuisvest in het jaar (cohort)", "housed", number),
        line("SPUK-inkomsten (per traject)", "spuk_income"),
        line("Trajectkosten", "traject_costs"),
        line("Ruimte voor extra acties", "room"),
        line("Inzet extra acties", "actions"),
        line("Saldo SPUK (over / tekort)", "saldo_spuk"),
        line("  waarvan onbenutte SPUK-ruimte", "unused_room"),
        line("Basisformatie", "basisformatie"),
        line("Tijdelijke extra inzet", "extra_capacity"),
        line("Tijdelijke beleidsmedewerker", "policy_officer"),
        line("Totale uitvoeringskosten", "execution_costs"),
        line("Uitvoeringsmiddelen 570610905", "budget"),
        line("Saldo uitvoering", "saldo_execution"),
        line("Faciliteitenbesluit (raming)", "facility"),
        line("  waarvan ingezet als dekking", "facility_cover"),
        line("Saldo", "saldo"),
        line("Reserve: stand begin jaar", "reserve_opening", total=False),
        line("Reserve: onttrekking", "reserve_draw"),
        line("Reserve: aanvulling", "reserve_topup"),
        line("Reserve: boven plafond", "reserve_skimmed"),
        line("Reserve: stand eind jaar", "reserve_closing", total=False),
        line("Tekort na reserve", "shortfall_after_reserve"),
        line("Inzet boven SPUK-ruimte?", "actions_exceed_room", yes, total=False),
        line("Reserve nodig?", "reserve_needed", yes, total=False),
        line("SPUK-ontvangsten per kalenderjaar", "spuk_receipts"),
    ]
    cols = ["Post", *[str(y) for y in bm.YEARS], "2024–2027"]
    return pd.DataFrame(rows, columns=cols)


def _comparison(results: list[tuple[str, bm.BudgetResult]]) -> pd.DataFrame:
    rows = []
    for y in bm.YEARS:
        rows.append([f"Saldo {y}", *[euro(r.year(y).saldo) for _, r in results]])
    rows.append(["Saldo 2024–2027", *[euro(r.saldo_total) for _, r in results]])
    rows.append(["Onbenutte SPUK-ruimte 2024–2027",
                 *[euro(sum((y.unused_room for y in r.years), Decimal(0))) for _, r in results]])
    rows.append(["Reserve eind 2027", *[euro(r.years[-1].reserve_closing) for _, r in results]])
    rows.append(["Reserve nodig in", *[", ".join(str(y.year) for y in r.years
                                                 if y.reserve_needed) or "–"
                                       for _, r in results]])
    rows.append(["Plafond reserve bereikt in", *[", ".join(str(y.year) for y in r.years
                                                           if y.cap_reached) or "–"
                                                 for _, r in results]])
    rows.append(["Inzet boven SPUK-ruimte in", *[", ".join(str(y.year) for y in r.years
                                                           if y.actions_exceed_room) or "–"
                                                 for _, r in results]])
    return pd.DataFrame(rows, columns=["", *[name for name, _ in results]])


def _right_aligned(df: pd.DataFrame, first: str, first_width: int | None = None) -> dict:
    config = {c: st.column_config.TextColumn(c, alignment="right") for c in df.columns
              if c != first}
    if first_width:
        config[first] = st.column_config.TextColumn(first or " ", width=first_width)
    return config


# --- Page ---------------------------------------------------------------------

def _render_scenario_bar() -> int:
    """Count, names and the scenario being edited; returns its index."""
    with st.container(border=True):
        st.radio("Aantal scenario's", [1, 2, 3], key=COUNT_KEY, horizontal=True,
                 on_change=_set_count,
                 help="Vergelijk tot drie scenario's naast elkaar. Een nieuw scenario begint als "
                      "kopie van het eerste.")
        for i, sc in enumerate(_scenarios()):
            key = f"s{i + 1}.naam"
            if key not in st.session_state:
                st.session_state[key] = sc.name
            name = st.text_input(f"Naam scenario {i + 1}", key=key, max_chars=40)
            _scenarios()[i] = bm.Scenario(name.strip() or bm.default_name(i + 1), sc.inputs,
                                          sc.use_actual)
        n = len(_scenarios())
        if EDIT_KEY not in st.session_state or st.session_state[EDIT_KEY] >= n:
            st.session_state[EDIT_KEY] = 0
        if n > 1:
            names = [sc.name for sc in _scenarios()]
            st.radio("Scenario bewerken", list(range(n)), key=EDIT_KEY, horizontal=True,
                     format_func=names.__getitem__)
        edit = st.session_state[EDIT_KEY]
        st.button("Herstel seed-waarden", on_click=_reset, args=(edit,),
                  help="Zet alle invoer van dit scenario terug op de waarden uit de seeds.")
        if edit > 0:
            st.button("Kopieer scenario 1", on_click=_copy_from_first, args=(edit,),
                      help="Neem alle invoer van het eerste scenario over.")
    return edit


def _render_results(results: list[tuple[str, bm.BudgetResult]], edit: int,
                    actual_notes: list[str]) -> None:
    name, res = results[edit]
    base_name, base = results[0]
    st.subheader(f"Resultaat: {name}")
    cols = st.columns(4)
    for col, r in zip(cols, res.years):
        delta = None
        if edit > 0:
            diff = r.saldo - base.year(r.year).saldo
            delta = number(diff, signed=True) if diff else None
        col.metric(f"Saldo {r.year}", euro(r.saldo, cents=False), delta=delta,
                   delta_description=f"t.o.v. {base_name}" if delta else None,
                   help="Uitvoeringsmiddelen min uitvoeringskosten, plus een eventueel tekort op "
                        "de SPUK-ruimte (en het Faciliteitenbesluit als dat dekking is). Een "
                        "SPUK-overschot telt niet mee: die middelen zijn geoormerkt.")
    st.metric("Saldo 2024–2027", euro(res.saldo_total, cents=False))

    k = st.columns(3)
    k[0].metric("SPUK per asielstatushouder (3 jaar)", euro(res.income_per_person),
                help="Prijs t + t-1 + t-2: wat het Rijk in drie jaar per gehuisveste "
                     "asielstatushouder betaalt.")
    k[1].metric("Kosten per traject", euro(res.cost_per_person))
    k[2].metric("Resultaat per asielstatushouder", euro(res.result_per_person))
    k = st.columns(3)
    k[0].metric(f"Ruimte cohort 2024 ({number(res.inputs.housed(2024))} personen)",
                euro(res.room_per_cohort[2024]))
    k[1].metric("Per jaar, over drie jaar", euro(res.room_per_year_average[2024]),
                help="Seed 002 drukt € 99.737 af (afgekapt). De drie jaren tellen precies op tot "
                     "de ruimte: een restcent gaat naar het eerste jaar.")
    room_left = res.room_per_year_average[2024] - res.actions_per_year
    k[2].metric("Inzet extra acties per jaar", euro(res.actions_per_year),
                delta=("over " if room_left >= 0 else "tekort ") + euro(abs(room_left)),
                delta_color="green" if room_left >= 0 else "red", delta_arrow="off",
                help="Ten opzichte van de gemiddelde ruimte per jaar van cohort 2024.")

    for note in dict.fromkeys(actual_notes):
        st.info(note)
    if res.notices:
        st.warning("\n".join(f"- {notice}" for notice in res.notices))
    else:
        st.success("Geen tekorten: de reguliere budgetten zijn toereikend in 2024–2027.")

    st.subheader("Per jaar")
    table = _year_table(res)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config=_right_aligned(table, "Post", 180), height=36 * (len(table) + 1) + 3)
    st.caption(
        f"Ter vergelijking: seed 001 tabel 4 raamt de SPUK op "
        f"{euro(bm.SEED_001_TABLE4_SPUK, False)} per jaar. De SPUK-ontvangsten per kalenderjaar "
        "(prijs t, t-1, t-2 over de cohorten van dit jaar en de twee jaren ervoor) tellen alleen "
        "de hier ingevoerde cohorten; seed 002 noemt geen aantallen voor 2022, 2023 en "
        "2025–2027. ‘Reserve: boven plafond’ is aanvulling die niet in de reserve past.")

    tab_w, tab_r, tab_s, tab_c = st.tabs(
        ["Waterval", "Reserve", "Gevoeligheid", "Scenario's naast elkaar"])
    with tab_w:
        whole = "2024–2027"
        choice = st.segmented_control("Periode", [whole, *map(str, bm.YEARS)],
                                      key=CHART_YEAR_KEY, default=whole)
        st.plotly_chart(_waterfall(res, None if choice in (None, whole) else int(choice)),
                        width="stretch")
        st.caption("Een SPUK-overschot (onbenutte ruimte) gaat er als aparte stap af: de SPUK "
                   "is geoormerkt en dekt geen uitvoeringskosten.")
    with tab_r:
        st.plotly_chart(_reserve_chart(results), width="stretch")
        st.caption("De reserve wordt alleen aangesproken bij een negatief saldo en alleen "
                   "aangevuld met incidentele middelen (en het Faciliteitenbesluit als dat zo is "
                   "gekozen), tot het plafond van € 400.000.")
    with tab_s:
        st.plotly_chart(_sensitivity_chart(bm.sensitivity(res.inputs, base=res), name),
                        width="stretch")
        st.caption("Elke invoer (per-jaarwaarden samen) 10% lager en 10% hoger, de rest gelijk. "
                   "Invoer die op 0 staat of het saldo niet raakt, ontbreekt. Een SPUK-overschot "
                   "telt niet in het saldo, dus hogere SPUK-inkomsten tonen pas effect bij een "
                   "tekort.")
    with tab_c:
        if len(results) == 1:
            st.info("Kies links 2 of 3 scenario's om ze naast elkaar te zien.")
        comp = _comparison(results)
        st.dataframe(comp, hide_index=True, width="stretch",
                     column_config=_right_aligned(comp, ""))
        st.plotly_chart(_saldo_chart(results), width="stretch")


def _sync_url() -> None:
    """Mirror the scenarios to the URL so a link reproduces them. Only the
    page's own parameters are touched (the app keeps its filters there too),
    and only inputs that differ from the seed are written: the rest follows
    from the fixed seed defaults."""
    wanted = bm.scenarios_to_query(_scenarios())
    current = st.query_params.to_dict()
    for key in current:
        if bm.is_scenario_key(key) and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if current.get(key) != value:
            st.query_params[key] = value


page_start()
_init_state()
version = _store_version()

st.title("Begroting: wat-als-model inburgering 2024–2027")
st.caption(
    "Standaardwaarden uit seed 002 (uitvoeringsprogramma Taal en Participatie, hoofdstuk "
    "Financiering: tabellen ‘Inkomsten per asielstatushouder’, ‘Kosten per "
    "asielstatushouder/traject’, ‘Beschikbaar budget SPUK’, ‘Inzet beschikbare middelen SPUK’ en "
    "‘Uitvoeringskosten inburgering’) en seed 001 (beleidskader, tabel 2 Faciliteitenbesluit, "
    "tabel 5 Reserve Vreemdelingen met plafond € 400.000). Seed 001 tabel 3 noemt voor budget "
    "570610905 lagere bedragen (€ 620.987 / € 524.869 / € 525.191 / € 525.191); het model volgt "
    "seed 002.")
for notice in st.session_state.get(NOTICES, []):
    st.warning(notice, icon="🔗")

left, right = st.columns([1, 2.4], gap="medium")
with left:
    edit = _render_scenario_bar()
    any_actual = any(sc.use_actual for sc in _scenarios()) or st.session_state.get(
        f"s{edit + 1}.actueel", False)
    actual = _actual_counts(version) if any_actual else (None, None, ())
    st.subheader(f"Invoer: {_scenarios()[edit].name}")
    _input_panel(edit, actual)

# Recompute every scenario: pure arithmetic, well under a millisecond each.
results: list[tuple[str, bm.BudgetResult]] = []
actual_notes: list[str] = []
for sc in _scenarios():
    inputs = sc.inputs
    if sc.use_actual:
        inputs, notes = bm.apply_actual_counts(inputs, actual[0], actual[1])
        actual_notes += notes
    results.append((sc.name, bm.compute(inputs)))

with right:
    _render_results(results, edit, actual_notes)

_sync_url()
basket.add_budget_control(bm.scenarios_to_query(_scenarios()))
st.caption("De link in de adresbalk bevat dit scenario (alleen de afwijkingen van de "
           "seed-waarden): deel hem om het scenario te delen.")
