"""Up to three named scenarios and their URL state, so a link reproduces them.

Parameters: `scenarios=<n>` and per scenario `s<i>.<input>` (only inputs that
differ from the defaults), `s<i>.naam` (a name the user gave) and
`s<i>.actueel=1` (use the actual counts). Values are read and written by
monitor.urlstate, the codec the sidebar filters use too; other parameters
(the filters') are left alone. No Streamlit here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from monitor import urlstate
from monitor.budget.inputs import (
    DEFAULT_INPUTS, FACILITY_USE_LABELS, INPUT_SPECS, BudgetInputs, InputSpec, changed_inputs,
    shown,
)
from monitor.formatting import euro, number, pct

MAX_SCENARIOS = 3
COUNT_PARAM = "scenarios"
NAME_LIMIT = 40
BASELINE_NAME = "Uitgangspunt uitvoeringsprogramma"
_SCENARIO_KEY = re.compile(r"^s(\d+)\.")
_SCENARIO_META = ("naam", "actueel")


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str                 # as the user typed it; "" = named after its content
    inputs: BudgetInputs
    use_actual: bool = False  # "gebruik actuele aantallen"

    @property
    def is_baseline(self) -> bool:
        return self.inputs == DEFAULT_INPUTS and not self.use_actual


def display_name(sc: Scenario, i: int) -> str:
    """The name shown for scenario `i` (1-based). The uitgangspunt is only
    called that while it is one; a changed scenario says so."""
    name = sc.name.strip()
    if name and not (name == BASELINE_NAME and not sc.is_baseline):
        return name
    if sc.is_baseline:
        return BASELINE_NAME if i == 1 else f"Scenario {i} (= uitgangspunt)"
    return f"Scenario {i} (gewijzigd)"


def display_names(scenarios: list[Scenario]) -> list[str]:
    """display_name for each, made unique (they head table columns)."""
    out: list[str] = []
    for i, sc in enumerate(scenarios, start=1):
        name = display_name(sc, i)
        if name in out:
            name = f"{name} ({i})"
        out.append(name)
    return out


def describe_changes(sc: Scenario, limit: int = 6) -> list[str]:
    """What differs from the uitgangspunt, in Dutch: 'Gehuisvest 2025: 50 (was 0)'."""
    out = ["Actuele aantallen uit de geladen gegevens"] if sc.use_actual else []
    names = changed_inputs(sc.inputs)
    for name in names[:limit]:
        spec = INPUT_SPECS[name]
        out.append(f"{spec.label}: {shown(spec, getattr(sc.inputs, name))} "
                   f"(was {shown(spec, spec.default)})")
    if len(names) > limit:
        out.append(f"en nog {len(names) - limit} andere invoer")
    return out


def is_scenario_key(key: str) -> bool:
    """Whether a URL parameter belongs to the scenarios (others, such as the
    app's filters, are left alone)."""
    return key == COUNT_PARAM or bool(_SCENARIO_KEY.match(key))


# --- One scenario's inputs ----------------------------------------------------

def _encode(v) -> str:
    return v if isinstance(v, str) else urlstate.encode_number(v)


def scenario_to_query(inputs: BudgetInputs, prefix: str = "",
                      compact: bool = False) -> dict[str, str]:
    """The inputs as URL query parameters. `compact` leaves out inputs equal
    to the defaults; a link without them reproduces the same scenario because
    the defaults are fixed figures."""
    out = {}
    for name in BudgetInputs.model_fields:
        v = getattr(inputs, name)
        if compact and v == getattr(DEFAULT_INPUTS, name):
            continue
        out[f"{prefix}{name}"] = _encode(v)
    return out


def _parse(spec: InputSpec, raw: str):
    if spec.unit in ("aantal", "jaar"):
        return urlstate.parse_int(raw)
    if spec.unit == "keuze":
        return urlstate.parse_choice(raw, FACILITY_USE_LABELS)
    return urlstate.parse_number(raw)


def _range_text(spec: InputSpec) -> str:
    if spec.unit == "keuze":
        return "kies uit " + ", ".join(FACILITY_USE_LABELS)
    if spec.unit == "fractie":
        return f"groter dan 0 en ten hoogste {pct(spec.maximum, 0)}"
    lo, hi = spec.minimum, spec.maximum
    if spec.unit == "euro":
        return f"van {euro(lo, cents=False)} tot en met {euro(hi, cents=False)}, in centen"
    return f"van {number(lo)} tot en met {number(hi)}"


def scenario_from_query(params: Mapping[str, Any], prefix: str = "",
                        where: str = "") -> tuple[BudgetInputs, list[str]]:
    """Inputs from URL query parameters. Missing inputs take the default; one
    that cannot be read, or is out of range, also does, with a Dutch notice
    quoting what was typed. `where` names the scenario ("scenario 2")."""
    values: dict[str, Any] = {}
    typed: dict[str, str] = {}
    notices: list[str] = []
    suffix = f" ({where})" if where else ""
    for name, spec in INPUT_SPECS.items():
        key = f"{prefix}{name}"
        if key not in params:
            continue
        raw = urlstate.last(params[key])
        typed[name] = raw
        try:
            values[name] = _parse(spec, raw)
        except urlstate.UrlValueError as exc:
            notices.append(f"Link: ‘{urlstate.echo(raw)}’ is geen geldige waarde voor "
                           f"‘{spec.label}’{suffix}: {exc}. De standaardwaarde "
                           f"{shown(spec, spec.default)} is gebruikt.")
    if prefix:
        known = {f"{prefix}{n}" for n in INPUT_SPECS}
        for key in params:
            own = key.startswith(prefix) and key[len(prefix):] not in _SCENARIO_META
            if own and key not in known:
                notices.append(f"Link: onbekende instelling ‘{urlstate.echo(key)}’ is "
                               "genegeerd.")
    while True:
        try:
            return BudgetInputs.model_validate(values), notices
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]} & set(values)
            if not bad:  # cannot happen with per-field constraints; be safe
                return DEFAULT_INPUTS, notices + ["Link: de instellingen zijn ongeldig; de "
                                                  "standaardwaarden zijn gebruikt."]
            for name in sorted(bad):
                spec = INPUT_SPECS[name]
                values.pop(name)
                notices.append(
                    f"Link: ‘{urlstate.echo(typed[name])}’ ligt buiten het toegestane bereik "
                    f"voor ‘{spec.label}’{suffix} ({_range_text(spec)}); de standaardwaarde "
                    f"{shown(spec, spec.default)} is gebruikt.")


# --- Several scenarios in one URL ---------------------------------------------

def scenarios_to_query(scenarios: list[Scenario], compact: bool = True) -> dict[str, str]:
    """Up to three scenarios as s1.…, s2.…, s3.… parameters plus their count."""
    out: dict[str, str] = {}
    if len(scenarios) > 1:
        out[COUNT_PARAM] = str(len(scenarios))
    for i, sc in enumerate(scenarios[:MAX_SCENARIOS], start=1):
        p = f"s{i}."
        if sc.name.strip():
            out[p + "naam"] = sc.name.strip()
        if sc.use_actual:
            out[p + "actueel"] = urlstate.encode_bool(True)
        out.update(scenario_to_query(sc.inputs, p, compact=compact))
    return out


def scenarios_from_query(params: Mapping[str, Any]) -> tuple[list[Scenario], list[str]]:
    """Scenarios from the URL; at least one. The count is the `scenarios`
    parameter, or else the highest scenario number that has a parameter."""
    notices: list[str] = []
    seen = 1
    for key in params:
        if _SCENARIO_KEY.match(key):
            digits = _SCENARIO_KEY.match(key).group(1)
            # int() refuses thousands of digits with a ValueError; such an index is out of range anyway
            idx = int(digits) if len(digits) <= 3 else MAX_SCENARIOS + 1
            if 1 <= idx <= MAX_SCENARIOS:
                seen = max(seen, idx)
            else:
                notices.append(f"Link: er zijn hoogstens {MAX_SCENARIOS} scenario's; "
                               f"‘{urlstate.echo(key)}’ is genegeerd.")
    count = seen
    if COUNT_PARAM in params:
        raw = urlstate.last(params[COUNT_PARAM])
        try:
            count = urlstate.parse_int(raw)
            if not 1 <= count <= MAX_SCENARIOS:
                raise urlstate.UrlValueError("buiten bereik")
        except urlstate.UrlValueError:
            notices.append(f"Link: ‘{urlstate.echo(raw)}’ is geen geldig aantal scenario's (1 "
                           f"tot en met {MAX_SCENARIOS}); {seen} is gebruikt.")
            count = max(seen, 1)
    scenarios = []
    for i in range(1, count + 1):
        p = f"s{i}."
        inputs, notes = scenario_from_query(params, p, where=f"scenario {i}")
        notices += notes
        name = "".join(ch for ch in urlstate.last(params.get(p + "naam", ""))
                       if ch.isprintable()).strip()[:NAME_LIMIT]
        use_actual = False
        if p + "actueel" in params:
            raw = urlstate.last(params[p + "actueel"])
            try:
                use_actual = urlstate.parse_bool(raw)
            except urlstate.UrlValueError:
                notices.append(f"Link: ‘{urlstate.echo(raw)}’ is geen geldige keuze voor "
                               f"‘gebruik actuele aantallen’ (scenario {i}); uit is gebruikt.")
        scenarios.append(Scenario(name, inputs, use_actual))
    return scenarios, notices

