"""Begroting: the what-if model of the SPUK, the uitvoeringskosten, the
Faciliteitenbesluit and the Reserve Vreemdelingen, with up to three named
scenarios side by side, each against the uitgangspunt of the
uitvoeringsprogramma.

UI only: every figure comes from monitor.budget. A slider move reruns this
script, which recomputes the model; the store is read only through cached
functions, so that path does no queries. The scenarios live in session state
and are mirrored to the URL, so a link reproduces them.
"""

from __future__ import annotations

import html
from decimal import Decimal

import pandas as pd
import streamlit as st

from monitor import budget as bm
from monitor import registry, urlstate
from monitor.budget import charts as budget_charts
from monitor.escaping import markdown_table, markdown_text
from monitor.filters import Filters
from monitor.formatting import date_nl, euro, number

STATE = "begroting.scenarios"
NOTICES = "begroting.link_notices"
COUNT_KEY = "begroting.aantal"
EDIT_KEY = "begroting.bewerk"          # the radio widget
EDIT_INDEX = "begroting.bewerk_index"  # the index it stands for (ours, always an int)
EDIT_LABELS = "begroting.bewerk_labels"
REMOVED = "begroting.verwijderd"          # scenarios taken away, for "ongedaan maken"
CHART_YEAR_KEY = "begroting.waterval_jaar"
TEXT = "#tekst"   # suffix of the typed-value field beside a slider
ERROR = "#fout"   # suffix of the message about an unreadable typed value

from pages.ui import basket, data, render
from pages.ui.frame import page_start

PROVENANCE_BADGE = {"seed": ":blue-badge[Document]", "aanname": ":orange-badge[Aanname]",
                    "actueel": ":green-badge[Actueel]"}


# --- Store access (guarded and cached) ----------------------------------------

def _store():
    try:
        from monitor import store
    except Exception:  # the page must work without a store module or driver
        return None
    return store


def _store_path() -> str | None:
    """The store app.py named for this session; none when the page runs on
    its own (the model needs no data)."""
    return st.session_state.get(data.STORE_PATH)


def _store_version():
    """A cheap file stat, no query: it lets the caches below notice a new load."""
    store = _store()
    try:
        return (_store_path(), store.store_version(_store_path())) if store else None
    except Exception:
        return None


@st.cache_data(ttl=600, show_spinner=False)
def _actual_counts(version) -> tuple[bm.ActualCounts | None, tuple[str, ...]]:
    """The counts from the data, or None with a Dutch note why not."""
    if _store() is None:
        return None, ("Actuele aantallen zijn niet beschikbaar: de gegevensopslag is niet "
                      "geïnstalleerd. De ingevoerde aantallen blijven gelden.",)
    try:
        counts = bm.actual_counts(path=version[0] if version else None)
    except Exception:
        return None, ("Actuele aantallen zijn niet beschikbaar: er zijn nog geen gegevens "
                      "geladen of de opslag is niet leesbaar. De ingevoerde aantallen blijven "
                      "gelden.",)
    if not counts.housed and not counts.azc_not_in_brp:
        return None, ("De geladen gegevens bevatten geen gehuisveste asielstatushouders of "
                      "COA-bezetting voor Maastricht; de ingevoerde aantallen blijven gelden.",)
    return counts, ()


@st.cache_data(ttl=600, show_spinner=False)
def _budget_lines(version) -> pd.DataFrame | None:
    try:
        lines = bm.budget_lines(path=version[0] if version else None)
    except Exception:
        return None
    return lines if not lines.empty else None


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
    st.session_state[EDIT_INDEX] = 0


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
        scenarios.append(bm.Scenario("", first.inputs, first.use_actual))
    if len(scenarios) > n:
        names = bm.display_names(scenarios)[n:]
        st.session_state[REMOVED] = (list(scenarios[n:]), names)
    for i in range(n, len(scenarios)):
        for key in _widget_keys(i) + [f"s{i + 1}.naam"]:
            st.session_state.pop(key, None)
    del scenarios[n:]
    if st.session_state.get(EDIT_INDEX, 0) >= n:
        st.session_state[EDIT_INDEX] = 0


def _undo_remove() -> None:
    """Put back the scenarios the last count change took away."""
    removed, _ = st.session_state.pop(REMOVED, ([], []))
    scenarios = _scenarios()
    for sc in removed[:bm.MAX_SCENARIOS - len(scenarios)]:
        scenarios.append(sc)
    st.session_state[COUNT_KEY] = len(scenarios)


def _on_edit_choice() -> None:
    """The browser reports the radio's choice by its label. A label changes
    when a scenario is renamed (or changes and so gets another name), and then
    the browser may send the old label back, which is no option any more: map
    it through the labels it was shown with, never trust it as an index."""
    value = st.session_state.get(EDIT_KEY)
    if isinstance(value, int) and not isinstance(value, bool):
        st.session_state[EDIT_INDEX] = value
        return
    labels = st.session_state.get(EDIT_LABELS) or []
    if value in labels:
        st.session_state[EDIT_INDEX] = labels.index(value)


def _edit_index() -> int:
    n = len(_scenarios())
    i = st.session_state.get(EDIT_INDEX, 0)
    if not isinstance(i, int) or not 0 <= i < n:
        i = 0
    st.session_state[EDIT_INDEX] = i
    return i


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


def _typed_text(spec: bm.InputSpec, v) -> str:
    """A model value as it stands in its text field (Dutch, no € sign)."""
    if spec.unit == "euro":
        return number(v, 0 if v == int(v) else 2)
    if spec.unit == "fractie":
        return number(v * 100, 2)
    return number(v)


def _parse_typed(spec: bm.InputSpec, text: str):
    """A typed value in model units; raises UrlValueError with a Dutch reason."""
    raw = text.strip()
    if spec.unit == "fractie":
        value = urlstate.parse_number(raw.rstrip("%").strip()) / 100
        value = value.quantize(Decimal("0.0001"))
    elif spec.unit == "aantal":
        value = urlstate.parse_int(raw)
    else:
        value = urlstate.parse_number(raw)
        if value != value.quantize(Decimal("0.01")):
            raise urlstate.UrlValueError("meer dan twee decimalen (centen)")
    if value < Decimal(str(spec.minimum)) or value > Decimal(str(spec.maximum)) or (
            spec.unit == "fractie" and value <= 0):
        low = "0" if spec.unit == "fractie" else bm.shown(spec, spec.minimum)
        raise urlstate.UrlValueError(f"buiten het bereik van {low} tot en met "
                                     f"{bm.shown(spec, spec.maximum)}")
    return value


def _slider_moved(key: str, spec: bm.InputSpec) -> None:
    st.session_state[key + TEXT] = _typed_text(spec, _from_widget(spec, st.session_state[key]))
    st.session_state.pop(key + ERROR, None)


def _text_typed(key: str, spec: bm.InputSpec, has_slider: bool) -> None:
    raw = st.session_state.get(key + TEXT, "")
    try:
        value = _parse_typed(spec, raw)
    except urlstate.UrlValueError as exc:
        st.session_state[key + ERROR] = (f"‘{urlstate.echo(raw)}’ is niet over te nemen: {exc}. "
                                         "De vorige waarde blijft staan.")
        return
    st.session_state.pop(key + ERROR, None)
    st.session_state[key] = _to_widget(spec, value) if has_slider else value


def _provenance_line(prov: bm.Provenance) -> str:
    text = prov.text.split(": ", 1)[1]
    return f"{PROVENANCE_BADGE[prov.kind]} {text}"


def _help(spec: bm.InputSpec) -> str:
    return f"{spec.help}\n\nStandaard: {bm.shown(spec, spec.default)}."


def _input_widget(spec: bm.InputSpec, key: str, current, disabled: bool = False):
    """The widget(s) for one input; returns the model value."""
    help_text = _help(spec)
    if spec.unit == "keuze":
        if key not in st.session_state:
            st.session_state[key] = current
        return st.radio(spec.label, list(bm.FACILITY_USE_LABELS),
                        format_func=bm.FACILITY_USE_LABELS.get, key=key, help=help_text,
                        disabled=disabled)
    if spec.unit == "jaar":
        if key not in st.session_state:
            st.session_state[key] = current
        return int(st.slider(spec.label, min_value=int(spec.minimum),
                             max_value=int(spec.maximum), step=1, key=key, help=help_text,
                             disabled=disabled))

    has_slider = spec.widget == "slider"
    if key + TEXT not in st.session_state:
        st.session_state[key + TEXT] = _typed_text(spec, current)
    if has_slider:
        if key not in st.session_state:
            st.session_state[key] = _to_widget(spec, current)
        value = st.session_state[key]
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        with left:
            if spec.unit == "fractie":
                x = st.slider(spec.label, min_value=0.01, max_value=100.0, step=0.01,
                              format="%.2f%%", key=key, help=help_text, disabled=disabled,
                              on_change=_slider_moved, args=(key, spec))
            elif spec.unit == "aantal":
                top = max(int(spec.slider_max), int(value))
                x = st.slider(spec.label, min_value=int(spec.minimum), max_value=top, step=1,
                              key=key, help=help_text, disabled=disabled,
                              on_change=_slider_moved, args=(key, spec))
            else:
                top = max(float(spec.slider_max), float(value))
                x = st.slider(spec.label, min_value=0.0, max_value=top, step=float(spec.step),
                              format="€ %.0f", key=key, help=help_text, disabled=disabled,
                              on_change=_slider_moved, args=(key, spec))
        with right:
            unit = {"euro": "€", "fractie": "%"}.get(spec.unit, "aantal")
            st.text_input(f"{spec.label} typen ({unit})", key=key + TEXT, disabled=disabled,
                          label_visibility="collapsed", on_change=_text_typed,
                          args=(key, spec, True),
                          help="Typ een waarde zoals u die schrijft: 10.450 of 10.450,50.")
        result = _from_widget(spec, x)
    else:
        unit = " (€)" if spec.unit == "euro" else ""
        st.text_input(spec.label + unit, key=key + TEXT, help=help_text, disabled=disabled,
                      on_change=_text_typed, args=(key, spec, False))
        result = st.session_state.get(key, current)
        st.session_state[key] = result
    if st.session_state.get(key + ERROR):
        st.error(st.session_state[key + ERROR], icon=":material/keyboard:")
    return result


def _actuals_table(counts: bm.ActualCounts) -> pd.DataFrame:
    rows = []
    for y in sorted(set(counts.housed) | set(counts.azc_not_in_brp)):
        stand = counts.housed_stand.get(y)
        when = ("–" if stand is None else date_nl(stand)
                + (" (lopend jaar)" if y == counts.running_year else ""))
        azc_file = counts.azc_file.get(y)
        rows.append({
            "Jaar": str(y),
            "Gehuisvest in het jaar, nog in Maastricht": number(counts.housed.get(y)),
            "SPUK-voorraad (cohorten t, t-1, t-2)": number(counts.spuk_stock.get(y)),
            "Stand op": when,
            "AZC niet in BRP": number(counts.azc_not_in_brp.get(y)),
            "COA-bestand": "–" if azc_file is None else date_nl(azc_file)
            + (" (schatting)" if y in counts.azc_estimated else ""),
        })
    return pd.DataFrame(rows)


def _input_panel(i: int, actual: bm.ActualCounts | None, actual_notes) -> None:
    """Widgets for scenario i (0-based); writes the values back into state."""
    sc = _scenarios()[i]
    prefix = f"s{i + 1}."
    toggle_key = prefix + "actueel"
    if toggle_key not in st.session_state:
        st.session_state[toggle_key] = sc.use_actual
    use_actual = st.session_state[toggle_key]
    values = {}
    previous = None
    for group, specs in bm.specs_by_group().items():
        title, intro = bm.GROUPS[group]
        with st.expander(title, expanded=group in ("aantallen", "traject", "acties")):
            st.caption(intro)
            if group == "aantallen":
                use_actual = st.toggle(
                    "Gebruik actuele aantallen", key=toggle_key,
                    help="Neem per jaar over uit de geladen gegevens: gehuisveste "
                         "asielstatushouders en nareizigers die op 31 december nog in "
                         "Maastricht wonen (de SPUK-peildatum), en de AZC-bewoners niet in de "
                         "BRP op 1 januari (COA). Jaren zonder gegevens houden de ingevoerde "
                         "waarde.")
                if use_actual:
                    for note in actual_notes:
                        st.info(note)
                    if actual is not None:
                        st.caption("De getelde aantallen per jaar staan hieronder bij "
                                   "‘Toelichting’, tabblad ‘Actuele aantallen’.")
            for spec in specs:
                key = prefix + spec.name
                prov = spec.provenance
                overridden = None
                if use_actual and actual is not None:
                    kind, _, year = spec.name.rpartition("_")
                    source = {"housed": actual.housed,
                              "azc_not_in_brp": actual.azc_not_in_brp}.get(kind)
                    if source is not None and year.isdigit():
                        overridden = source.get(int(year))
                if overridden is not None:
                    # A separate key, so the typed-in value returns when the
                    # option is switched off again.
                    shown_key = key + "@actueel"
                    st.session_state[shown_key] = min(int(overridden), int(spec.maximum))
                    st.slider(f"{spec.label} (actueel)", min_value=0,
                              max_value=max(int(spec.slider_max), int(overridden)),
                              key=shown_key, disabled=True, help=_help(spec))
                    values[spec.name] = getattr(sc.inputs, spec.name)
                    prov = actual.provenance(spec.name) or prov
                else:
                    values[spec.name] = _input_widget(spec, key, getattr(sc.inputs, spec.name))
                # The per-year inputs of one kind share their source: say it once.
                st.caption(_provenance_line(prov) if prov != previous
                           else f"{PROVENANCE_BADGE[prov.kind]} zoals hierboven")
                previous = prov
    _scenarios()[i] = bm.Scenario(sc.name, bm.BudgetInputs.model_validate(values), use_actual)


# --- Charts -------------------------------------------------------------------

_signed = budget_charts.signed


def _delta(v: Decimal) -> str:
    """A difference for st.metric, which reads the direction of its arrow from
    a leading ASCII minus: '-€ 214', '+€ 111.647'."""
    return ("-" if v < 0 else "+") + euro(abs(v), cents=False)


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
        line(bm.BUDGET_LINE, "budget"),
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
        line("Inzet boven SPUK-ruimte? (modeluitkomst)", "actions_exceed_room", yes, total=False),
        line("Reserve nodig? (modeluitkomst)", "reserve_needed", yes, total=False),
        line("SPUK-ontvangsten per kalenderjaar", "spuk_receipts"),
    ]
    cols = ["Post", *[str(y) for y in bm.YEARS], "2024–2027"]
    return pd.DataFrame(rows, columns=cols)


def _with_diff(value: Decimal, diff: Decimal) -> str:
    text = euro(value, cents=False)
    return f"{text} ({_signed(diff)})" if diff else text


def _comparison(results: list[tuple[str, bm.BudgetResult]], base: bm.BudgetResult
                ) -> pd.DataFrame:
    """Headline figures per scenario, each with its difference from the uitgangspunt."""
    per_scenario = [bm.headline(res, base) for _, res in results]
    rows = []
    for k, (label, _, _) in enumerate(bm.headline_figures(base)):
        rows.append([label, *[_with_diff(h[k].value, h[k].diff) for h in per_scenario]])

    def years(res, pred):
        return ", ".join(str(y.year) for y in res.years if pred(y)) or "–"

    rows.append(["Reserve nodig in (modeluitkomst)",
                 *[years(r, lambda y: y.reserve_needed) for _, r in results]])
    rows.append(["Plafond reserve bereikt in (modeluitkomst)",
                 *[years(r, lambda y: y.cap_reached) for _, r in results]])
    rows.append(["Inzet boven SPUK-ruimte in (modeluitkomst)",
                 *[years(r, lambda y: y.actions_exceed_room) for _, r in results]])
    return pd.DataFrame(rows, columns=["", *[name for name, _ in results]])


def _wrapping_table(df: pd.DataFrame, right: list[str]) -> None:
    """A static table whose long texts wrap instead of being cut off."""
    # st.table renders Markdown; a scenario name comes from a link
    styled = markdown_table(df).style.hide(axis="index").set_properties(
        subset=[markdown_text(c) for c in right], **{"text-align": "right"})
    st.table(styled)


def _right_aligned(df: pd.DataFrame, first: str, first_width: int | None = None) -> dict:
    config = {c: st.column_config.TextColumn(c, alignment="right") for c in df.columns
              if c != first}
    if first_width:
        config[first] = st.column_config.TextColumn(first or " ", width=first_width)
    return config


# --- Page ---------------------------------------------------------------------

def _print_inputs(names: list[str]) -> None:
    """On paper the input widgets do not print: every input of every
    scenario as a table instead, a value that differs from the uitgangspunt
    in bold."""
    scenarios = _scenarios()
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)

    def cell(spec, v) -> str:
        text = html.escape(bm.shown(spec, v))
        return f"<td><strong>{text}</strong></td>" if v != spec.default else f"<td>{text}</td>"

    rows = "".join(
        f"<tr><td>{html.escape(spec.label)}</td><td>{html.escape(bm.shown(spec, spec.default))}"
        "</td>" + "".join(cell(spec, getattr(sc.inputs, n)) for sc in scenarios) + "</tr>"
        for n, spec in bm.INPUT_SPECS.items())
    actual = [n for n, sc in zip(names, scenarios) if sc.use_actual]
    more = (f"<p>Met de actuele aantallen uit de geladen gegevens: {html.escape(', '.join(actual))}."
            "</p>") if actual else ""
    st.markdown(f"<div class='im-print-only im-print-inputs'><h4>Invoer van de scenario's</h4>"
                f"<p>Vet: afwijkend van het uitgangspunt van het uitvoeringsprogramma.</p>{more}"
                f"<table class='im-print-table'><tr><th>Invoer</th><th>Uitgangspunt</th>{head}"
                f"</tr>{rows}</table></div>", unsafe_allow_html=True)


def _render_scenario_bar() -> int:
    """Count, names and the scenario being edited; returns its index."""
    with st.container(border=True):
        st.radio("Aantal scenario's", [1, 2, 3], key=COUNT_KEY, horizontal=True,
                 on_change=_set_count,
                 help="Vergelijk tot drie scenario's naast elkaar. Een nieuw scenario begint als "
                      "kopie van het eerste.")
        removed = st.session_state.get(REMOVED)
        if removed and removed[0]:
            names = ", ".join(f"‘{n}’" for n in removed[1])
            st.button(f"Ongedaan maken: {names} terugzetten", key="begroting_undo",
                      on_click=_undo_remove, icon=":material/undo:",
                      help="Zet de scenario's terug die u net met het aantal hebt weggehaald, "
                           "met al hun invoer.")
        for i, sc in enumerate(_scenarios()):
            key = f"s{i + 1}.naam"
            if key not in st.session_state:
                st.session_state[key] = sc.name
            name = st.text_input(f"Naam scenario {i + 1}", key=key, max_chars=bm.NAME_LIMIT,
                                 placeholder=bm.display_name(bm.Scenario("", sc.inputs,
                                                                         sc.use_actual), i + 1),
                                 help="Leeg laten: de naam volgt uit de inhoud (uitgangspunt of "
                                      "gewijzigd).")
            _scenarios()[i] = bm.Scenario(name.strip(), sc.inputs, sc.use_actual)
        n = len(_scenarios())
        edit = _edit_index()
        if n > 1:
            labels = bm.display_names(_scenarios())
            st.session_state[EDIT_LABELS] = labels
            st.session_state[EDIT_KEY] = edit
            st.radio("De invoer hieronder wijzigt scenario", list(range(n)), key=EDIT_KEY,
                     format_func=lambda k: markdown_text(labels[k]) if 0 <= k < len(labels)
                     else str(k),
                     on_change=_on_edit_choice,
                     help="Met meer scenario's wijzigt de invoer één scenario tegelijk: kies "
                          "hier welk.")
        st.button("Herstel uitgangspunt", on_click=_reset, args=(edit,),
                  help="Zet alle invoer van dit scenario terug op het uitgangspunt van het "
                       "uitvoeringsprogramma.")
        if edit > 0:
            st.button("Kopieer scenario 1", on_click=_copy_from_first, args=(edit,),
                      help="Neem alle invoer van het eerste scenario over.")
    return edit


def _render_headline(res: bm.BudgetResult, base: bm.BudgetResult) -> None:
    """The figures a decision turns on, each with its difference from the
    uitgangspunt (the small figure below it)."""
    heads = {h.label: h for h in bm.headline(res, base)}

    def show(col, label: str, help_text: str | None = None) -> None:
        h = heads[label]
        # The period shortened where the label would be cut off in a column.
        short = label if label.startswith("Saldo") else label.replace("2024–2027", "2024–27")
        col.metric(short, euro(h.value, cents=False), delta=_delta(h.diff) if h.diff else None,
                   delta_color="normal" if h.higher_is_better else "inverse",
                   help=help_text)

    saldo_help = ("Uitvoeringsmiddelen min uitvoeringskosten, plus een eventueel tekort op de "
                  "SPUK-ruimte (en het Faciliteitenbesluit als dat dekking is). Een SPUK-"
                  "overschot telt niet mee: die middelen zijn geoormerkt.")
    for col, y in zip(st.columns(4), bm.YEARS):
        show(col, f"Saldo {y}", saldo_help)
    cols = st.columns(3)
    show(cols[0], "Saldo 2024–2027", saldo_help)
    show(cols[1], "Ruimte extra acties 2024–2027",
         "SPUK-inkomsten min trajectkosten van alle cohorten, verdeeld over drie jaar.")
    show(cols[2], "Onbenutte SPUK-ruimte 2024–2027",
         "Ruimte die na de extra acties overblijft. Geoormerkt: telt niet in het saldo.")
    cols = st.columns(3)
    show(cols[0], "Reserve eind 2027", "Stand van de Reserve Vreemdelingen eind 2027.")
    show(cols[1], "Onttrekking reserve 2024–2027",
         "Wat het model uit de reserve haalt om negatieve saldi te dekken (modeluitkomst).")
    show(cols[2], "Tekort na reserve 2024–2027",
         "Tekort dat ook de reserve niet dekt (modeluitkomst).")
    if any(h.diff for h in heads.values()):
        st.caption("Het kleine bedrag onder een cijfer is het verschil met het uitgangspunt van "
                   "het uitvoeringsprogramma (pijl omhoog = hoger).")


def _render_results(results: list[tuple[str, bm.BudgetResult]], edit: int,
                    actual_notes: list[str], version) -> None:
    """The headline beside the inputs: what changed and what it does."""
    name, res = results[edit]
    base = bm.compute(bm.DEFAULT_INPUTS)
    sc = _scenarios()[edit]
    st.subheader(f"Resultaat: {markdown_text(name)}")
    changes = bm.describe_changes(sc)
    if changes:
        st.markdown("**Gewijzigd ten opzichte van het uitgangspunt:** " + "; ".join(changes))
    else:
        st.caption("Dit is het uitgangspunt van het uitvoeringsprogramma: alle invoer staat op "
                   "de standaardwaarden.")
    _render_headline(res, base)

    def figure(col, label: str, value: Decimal, before: Decimal, help_text: str | None = None,
               higher_is_better: bool = True) -> None:
        # every figure in whole euros, as the headline; its difference from the uitgangspunt
        diff = value - before
        col.metric(label, euro(value, cents=False),
                   delta=_delta(diff) if round(diff) else None,
                   delta_color="normal" if higher_is_better else "inverse", help=help_text)

    k = st.columns(3)
    figure(k[0], "SPUK per persoon (3 jaar)", res.income_per_person, base.income_per_person,
           "Prijs t + t-1 + t-2: wat het Rijk in drie jaar per gehuisveste "
           f"asielstatushouder betaalt ({euro(res.income_per_person)}).")
    figure(k[1], "Kosten per traject", res.cost_per_person, base.cost_per_person,
           f"Kosten per traject: {euro(res.cost_per_person)}.", higher_is_better=False)
    figure(k[2], "Resultaat per persoon", res.result_per_person, base.result_per_person,
           f"SPUK per persoon min kosten per traject ({euro(res.result_per_person)}).")
    k = st.columns(3)
    figure(k[0], f"Ruimte cohort 2024 ({number(res.inputs.housed(2024))} pers.)",
           res.room_per_cohort[2024], base.room_per_cohort[2024],
           f"Ruimte voor extra acties van het cohort 2024: {euro(res.room_per_cohort[2024])}.")
    figure(k[1], "Per jaar, over drie jaar", res.room_per_year_average[2024],
           base.room_per_year_average[2024],
           "Het uitvoeringsprogramma drukt € 99.737 af (afgekapt). De drie jaren tellen precies "
           "op tot de ruimte: een restcent gaat naar het eerste jaar.")
    room_left = res.room_per_year_average[2024] - res.actions_per_year
    diff = res.actions_per_year - base.actions_per_year
    k[2].metric("Inzet extra acties per jaar", euro(res.actions_per_year, cents=False),
                delta=(_delta(diff) + " · " if round(diff) else "")
                + ("over " if room_left >= 0 else "tekort ") + euro(abs(room_left), cents=False),
                delta_color="off", delta_arrow="off",
                help="Het kleine bedrag: het verschil met het uitgangspunt (als dat er is) en wat "
                     "er over is of tekortkomt ten opzichte van de gemiddelde ruimte per jaar van "
                     "cohort 2024.")

    for note in dict.fromkeys(actual_notes):
        st.info(note)
    if res.notices:
        st.warning("**Modeluitkomsten** (berekend door het model, geen besluit):\n"
                   + "\n".join(f"- {notice}" for notice in res.notices))
    else:
        st.success("Modeluitkomst: geen tekorten; de reguliere budgetten zijn toereikend in "
                   "2024–2027.")


def _budget_chart(kind: str, arg: str, key: str) -> None:
    # a model has no peildatum: the page and the deck show the same chart
    c = render.build(kind, arg, Filters())
    if c is not None:
        st.markdown(f"**{markdown_text(c.title)}**")
        render.chart(c, key=key)


# The Toelichting's sections: on the screen tabs, on paper one after another
# (the browser only draws the open tab, so tabs cannot print whole).
SECTIONS = ["Per jaar", "Scenario's naast elkaar", "Waterval", "Reserve", "Gevoeligheid",
            "Programma 6.1", "Actuele aantallen", "Uitgangspunten"]
CAPTIONS = {
    "Per jaar": (
        f"Ter vergelijking: het beleidskader (tabel 4) raamt de SPUK op "
        f"{euro(bm.SEED_001_TABLE4_SPUK, False)} per jaar. De SPUK-ontvangsten per "
        "kalenderjaar (prijs t, t-1, t-2 over de cohorten van dit jaar en de twee jaren "
        "ervoor) tellen alleen de hier ingevoerde cohorten. ‘Reserve: boven plafond’ is "
        "aanvulling die niet in de reserve past."),
    "Scenario's naast elkaar": ("Elke waarde met tussen haakjes het verschil met het "
                                "uitgangspunt van het uitvoeringsprogramma."),
    "Waterval": ("Een SPUK-overschot (onbenutte ruimte) gaat er als aparte stap af: de SPUK "
                 "is geoormerkt en dekt geen uitvoeringskosten."),
    "Reserve": ("De reserve wordt alleen aangesproken bij een negatief saldo en alleen "
                "aangevuld met incidentele middelen (en het Faciliteitenbesluit als dat zo is "
                "gekozen), tot het plafond van € 400.000. De stand begin 2024 is een aanname."),
    "Gevoeligheid": ("Elke invoer (per-jaarwaarden samen) 10% lager en 10% hoger, de rest "
                     "gelijk; het bedrag bij de balk is de verandering van het saldo 2024–2027. "
                     "Invoer die op 0 staat of het saldo niet raakt, ontbreekt. Een "
                     "SPUK-overschot telt niet in het saldo, dus hogere SPUK-inkomsten tonen "
                     "pas effect bij een tekort."),
    "Programma 6.1": ("Een sterretje (\\*) betekent raming: wordt jaarlijks opnieuw berekend "
                      "(zo gemarkeerd in de brontabellen). Bron: begroting.csv van de gemeente "
                      "(beleidskader tabellen 1–5 en de uitvoeringskosten uit het "
                      "uitvoeringsprogramma)."),
    "Actuele aantallen": (
        "Gehuisvest: asielstatushouders en nareizigers die in het jaar in Maastricht zijn "
        "gehuisvest en op 31 december (de SPUK-peildatum) nog in de gemeente wonen; het "
        "lopende jaar telt tot de nieuwste gegevens. SPUK-voorraad: alle gehuisvesten van dit "
        "jaar en de twee jaren ervoor op die datum. AZC niet in BRP: bewoners van de "
        "Maastrichtse COA-locaties op 1 januari; zonder bestand van 1 januari een schatting "
        "uit het nieuwste eerdere bestand. Aantallen van 1 tot 4 worden niet getoond."),
}
NO_ACTUALS = ("Zet bij ‘Aantallen’ ‘Gebruik actuele aantallen’ aan om de aantallen uit de "
              "geladen gegevens te zien en te gebruiken.")
NO_BUDGET_FILE = ("Er is geen begrotingsbestand (begroting.csv) geladen; de begrotingsregels "
                  "zijn niet te tonen. Het model gebruikt de bedragen uit het "
                  "uitvoeringsprogramma.")


def _chart_args(results, edit: int, year: str = "totaal") -> dict[str, tuple[str, str]]:
    """The registered chart of each section that has one: (kind, argument)."""
    packed = registry.pack_scenarios(bm.scenarios_to_query(_scenarios()))
    return {"Scenario's naast elkaar": ("begroting.saldo", packed),
            "Waterval": ("begroting.waterval", f"{edit + 1}/{year}/{packed}"),
            "Reserve": ("begroting.reserve", packed),
            "Gevoeligheid": ("begroting.gevoeligheid", f"{edit + 1}/{packed}")}


def _render_details(results: list[tuple[str, bm.BudgetResult]], edit: int, version,
                    actual: bm.ActualCounts | None) -> None:
    name, res = results[edit]
    base = bm.compute(bm.DEFAULT_INPUTS)
    st.subheader(f"Toelichting: {markdown_text(name)}")
    _print_details(results, edit, version, actual)
    # the charts are registered (monitor.registry): the key carries the
    # scenarios, so the deck rebuilds what this page shows
    with st.container(key="im_screen_only_toelichting"):
        tabs = dict(zip(SECTIONS, st.tabs(SECTIONS)))
    with tabs["Per jaar"]:
        table = _year_table(res)
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config=_right_aligned(table, "Post", 320),
                     height=35 * (len(table) + 1) + 3)
        st.caption(CAPTIONS["Per jaar"])
    with tabs["Scenario's naast elkaar"]:
        st.caption(CAPTIONS["Scenario's naast elkaar"])
        comp = _comparison(results, base)
        st.dataframe(comp, hide_index=True, width="stretch",
                     column_config=_right_aligned(comp, "", 320),
                     height=35 * (len(comp) + 1) + 3)
        _budget_chart(*_chart_args(results, edit)["Scenario's naast elkaar"], "bg_saldo")
    with tabs["Waterval"]:
        whole = "2024–2027"
        choice = st.segmented_control("Periode", [whole, *map(str, bm.YEARS)],
                                      key=CHART_YEAR_KEY, default=whole)
        year = "totaal" if choice in (None, whole) else choice
        _budget_chart(*_chart_args(results, edit, year)["Waterval"], "bg_waterval")
        st.caption(CAPTIONS["Waterval"])
    with tabs["Reserve"]:
        _budget_chart(*_chart_args(results, edit)["Reserve"], "bg_reserve")
        st.caption(CAPTIONS["Reserve"])
    with tabs["Gevoeligheid"]:
        _budget_chart(*_chart_args(results, edit)["Gevoeligheid"], "bg_gevoeligheid")
        st.caption(CAPTIONS["Gevoeligheid"])
    with tabs["Programma 6.1"]:
        _render_programme(version)
    with tabs["Actuele aantallen"]:
        if actual is None:
            st.info(NO_ACTUALS)
        else:
            table = _actuals_table(actual)
            _wrapping_table(table, [c for c in table.columns if c not in ("Stand op",
                                                                         "COA-bestand")])
            st.caption(CAPTIONS["Actuele aantallen"])
    with tabs["Uitgangspunten"]:
        _render_assumptions()


def _html_table(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, na_rep="", classes="im-print-table")


def _print_details(results, edit: int, version, actual) -> None:
    """Every section of the Toelichting for paper, each under its tab's name:
    the tables, and for a chart its conclusion and its table (the numbers
    the chart draws)."""
    name, res = results[edit]
    base = bm.compute(bm.DEFAULT_INPUTS)
    charts = _chart_args(results, edit)
    parts = []
    for section in SECTIONS:
        body = []
        if section == "Per jaar":
            body.append(_html_table(_year_table(res)))
        elif section == "Scenario's naast elkaar":
            body.append(_html_table(_comparison(results, base)))
        if section in charts:
            c = render.build(*charts[section], Filters())
            if c is not None:
                body.append(f"<p><strong>{html.escape(c.title)}</strong>: "
                            f"{html.escape(c.conclusion)}</p>")
                if section != "Scenario's naast elkaar":
                    body.append(_html_table(c.table))
        if section == "Programma 6.1":
            lines = _budget_lines(version)
            body.append(_html_table(bm.programme_table(lines)) if lines is not None
                        else f"<p>{html.escape(NO_BUDGET_FILE)}</p>")
        if section == "Actuele aantallen":
            body.append(_html_table(_actuals_table(actual)) if actual is not None
                        else f"<p>{html.escape(NO_ACTUALS)}</p>")
        if section == "Uitgangspunten":
            body.append("<ul>" + "".join(f"<li><strong>{html.escape(t)}.</strong> "
                                         f"{html.escape(x)}</li>" for t, x in bm.ASSUMPTIONS)
                        + "</ul>")
        if section in CAPTIONS and (section != "Actuele aantallen" or actual is not None):
            body.append(f"<p class='im-print-caption'>"
                        f"{html.escape(CAPTIONS[section].replace(chr(92), ''))}</p>")
        parts.append(f"<section class='im-print-section'><h4>{html.escape(section)}</h4>"
                     f"{''.join(body)}</section>")
    st.markdown(f"<div class='im-print-only im-print-details'>{''.join(parts)}</div>",
                unsafe_allow_html=True)


def _render_programme(version) -> None:
    lines = _budget_lines(version)
    st.markdown("**Programma 6.1: budgetten opvang, integratie en inburgering**")
    if lines is None:
        st.info(NO_BUDGET_FILE)
        return
    table = bm.programme_table(lines)
    _wrapping_table(table, [c for c in table.columns if c.isdigit()])
    st.caption(CAPTIONS["Programma 6.1"])


def _render_assumptions() -> None:
    st.markdown("**Uitgangspunten van het model**")
    st.caption("Keuzes die het model maakt waar de documenten niets zeggen. Wie een "
               "uitgangspunt anders wil, past de invoer aan of laat het model aanpassen.")
    for title, text in bm.ASSUMPTIONS:
        st.markdown(f"- **{title}.** {text}")
    st.markdown("**Herkomst van de invoer**")
    st.markdown(
        f"- {PROVENANCE_BADGE['seed']} een bedrag of aantal dat in het beleidskader Nieuwe "
        "stadsgezichten (2023) of het uitvoeringsprogramma Taal en Participatie staat, met de "
        "tabel erbij;\n"
        f"- {PROVENANCE_BADGE['aanname']} een keuze van het model, met de reden en wie haar mag "
        "wijzigen;\n"
        f"- {PROVENANCE_BADGE['actueel']} geteld uit de geladen gegevens, met bron en peildatum "
        "(alleen met ‘Gebruik actuele aantallen’).")


def _sync_url() -> None:
    """Mirror the scenarios to the URL so a link reproduces them. Only the
    page's own parameters are touched (the app keeps its filters there too),
    and only inputs that differ from the defaults are written."""
    wanted = bm.scenarios_to_query(_scenarios())
    current = st.query_params.to_dict()
    for key in current:
        if bm.is_scenario_key(key) and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if current.get(key) != value:
            st.query_params[key] = value


def main() -> None:
    page_start()
    _init_state()
    version = _store_version()

    st.title("Begroting: wat-als-model inburgering 2024–2027")
    st.caption(
        "Het uitgangspunt is de berekening uit het uitvoeringsprogramma Taal en Participatie "
        "(hoofdstuk Financiering) met het beleidskader Nieuwe stadsgezichten (tabellen 1–5). "
        "Bij elke invoer staat waar de waarde vandaan komt: "
        f"{PROVENANCE_BADGE['seed']} {PROVENANCE_BADGE['aanname']} "
        f"{PROVENANCE_BADGE['actueel']}. Wat het model zelf concludeert heet ‘modeluitkomst’.")
    for notice in st.session_state.get(NOTICES, []):
        st.warning(notice, icon="🔗")

    # beside each other on a wide screen; on a laptop the inputs above the results
    left, right = st.container(key="im_pair_begroting").columns([1.3, 2.4], gap="medium")
    with left:
        edit = _render_scenario_bar()
        any_actual = any(sc.use_actual for sc in _scenarios()) or st.session_state.get(
            f"s{edit + 1}.actueel", False)
        actual, actual_notes = _actual_counts(version) if any_actual else (None, ())
        # on paper the inputs are a table (_print_inputs)
        with st.container(key="im_screen_only_invoer"):
            st.markdown(f"#### Invoer: {markdown_text(bm.display_names(_scenarios())[edit])}")
            if len(_scenarios()) > 1:
                st.caption(f"U wijzigt scenario {edit + 1} ‘{markdown_text(bm.display_names(_scenarios())[edit])}’; "
                           "kies hierboven een ander scenario om dat te wijzigen.")
            # Its own scroll area, so the results stay in view beside it and the
            # details below are not pushed down by some fifty inputs.
            with st.container(height=900, border=False, key="begroting_invoer"):
                _input_panel(edit, actual, actual_notes)

    # Recompute every scenario: pure arithmetic, well under a millisecond each.
    names = bm.display_names(_scenarios())
    results: list[tuple[str, bm.BudgetResult]] = []
    notes: list[str] = []
    for name, sc in zip(names, _scenarios()):
        inputs = sc.inputs
        if sc.use_actual and actual is not None:
            inputs, more = bm.apply_counts(inputs, actual)
            notes += more
        results.append((name, bm.compute(inputs)))

    with right:
        _render_results(results, edit, notes, version)
    _print_inputs(names)
    _render_details(results, edit, version, actual)

    _sync_url()
    basket.add_budget_control(bm.scenarios_to_query(_scenarios()))
    with st.container(key="im_screen_only_link"):  # about the address bar: not for paper
        st.caption("De link in de adresbalk bevat deze scenario's (alleen de afwijkingen van "
                   "het uitgangspunt): deel hem om ze te delen.")


main()
