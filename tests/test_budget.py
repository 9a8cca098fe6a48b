"""The budget model: every figure of seed 002's financial tables from the
default inputs, to the cent, and the properties that must hold in any
scenario."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor import budget as bm
from monitor.formatting import euro

DEFAULT = bm.compute(bm.DEFAULT_INPUTS)


# --- Seed 002, to the cent ------------------------------------------------------

def test_income_per_asielstatushouder():
    # Seed 002, "Inkomsten per asielstatushouder".
    inp = bm.DEFAULT_INPUTS
    assert (inp.price_t, inp.price_t1, inp.price_t2) == (D("8870.51"), D("4491.54"),
                                                         D("1122.89"))
    assert DEFAULT.income_per_person == D("14484.94")
    assert euro(DEFAULT.income_per_person) == "€ 14.484,94"


def test_costs_per_traject():
    # Seed 002, "Kosten per asielstatushouder/traject".
    inp = bm.DEFAULT_INPUTS
    assert (inp.cost_leerroute, inp.cost_begeleiding, inp.cost_nazorg, inp.cost_pvt) == (
        D("9500"), D("2092"), D("440"), D("220"))
    assert DEFAULT.cost_per_person == D("12252.00")
    assert euro(DEFAULT.cost_per_person) == "€ 12.252,00"


def test_room_for_extra_actions():
    # Seed 002, "Beschikbaar budget SPUK": 134 x € 2.232,94 = € 299.213,96,
    # € 99.737 a year (printed truncated; € 99.737,99 to the cent).
    assert DEFAULT.result_per_person == D("2232.94")
    assert bm.DEFAULT_INPUTS.housed_2024 == 134
    assert DEFAULT.room_per_cohort[2024] == D("299213.96")
    assert DEFAULT.room_per_year_average[2024] == D("99737.99")
    assert euro(DEFAULT.result_per_person) == "€ 2.232,94"
    assert euro(DEFAULT.room_per_cohort[2024]) == "€ 299.213,96"
    assert euro(DEFAULT.room_per_year_average[2024]) == "€ 99.737,99"
    assert euro(DEFAULT.room_per_year_average[2024], cents=False) == "€ 99.738"


def test_room_spread_over_three_years_adds_up_exactly():
    rooms = [DEFAULT.year(y).room for y in (2024, 2025, 2026)]
    assert rooms == [D("99737.99"), D("99737.99"), D("99737.98")]
    assert sum(rooms) == D("299213.96")
    assert DEFAULT.year(2027).room == 0


def test_allocation_of_the_extra_budget():
    # Seed 002, "Inzet beschikbare middelen SPUK": 22.000 + 50.000 + 22.000 + 5.000.
    inp = bm.DEFAULT_INPUTS
    assert (inp.action_zroute, inp.action_capaciteit, inp.action_psychisch,
            inp.action_inburgeraad) == (D("22000"), D("50000"), D("22000"), D("5000"))
    assert DEFAULT.actions_per_year == D("99000")
    assert euro(DEFAULT.actions_per_year, cents=False) == "€ 99.000"
    # What is left each year the actions run, and nothing is flagged.
    assert [DEFAULT.year(y).saldo_spuk for y in bm.YEARS] == [
        D("737.99"), D("737.99"), D("737.98"), D("0")]
    assert not any(r.actions_exceed_room for r in DEFAULT.years)


def test_execution_costs_per_year():
    # Seed 002, "Uitvoeringskosten inburgering", row "Totale kosten".
    costs = [DEFAULT.year(y).execution_costs for y in bm.YEARS]
    assert costs == [D("576013"), D("553900"), D("380219"), D("380219")]
    assert [euro(c, cents=False) for c in costs] == [
        "€ 576.013", "€ 553.900", "€ 380.219", "€ 380.219"]
    assert [DEFAULT.year(y).basisformatie for y in bm.YEARS] == [D("380219")] * 4
    assert [DEFAULT.year(y).extra_capacity for y in bm.YEARS] == [
        D("107340"), D("107340"), 0, 0]
    assert [DEFAULT.year(y).policy_officer for y in bm.YEARS] == [
        D("88454"), D("66341"), 0, 0]


def test_saldo_against_budget_line_570610905():
    # Seed 002: budget 645.205 / 549.087 / 549.087 / 549.087 against the
    # costs above; 2025 is short by € 4.813.
    assert [DEFAULT.year(y).budget for y in bm.YEARS] == [
        D("645205"), D("549087"), D("549087"), D("549087")]
    expected = [D("69192"), D("-4813"), D("168868"), D("168868")]
    assert [DEFAULT.year(y).saldo_execution for y in bm.YEARS] == expected
    assert [DEFAULT.year(y).saldo for y in bm.YEARS] == expected
    assert euro(DEFAULT.year(2025).saldo, cents=False) == "€ -4.813"
    assert DEFAULT.saldo_total == D("402115")
    assert any("4.813" in n and "2025" in n for n in DEFAULT.notices)


def test_seed_constants_are_consistent():
    assert bm.SEED_PRICE_T + bm.SEED_PRICE_T1 + bm.SEED_PRICE_T2 == bm.SEED_PRICE_TOTAL
    assert (bm.SEED_COST_LEERROUTE + bm.SEED_COST_BEGELEIDING + bm.SEED_COST_NAZORG
            + bm.SEED_COST_PVT) == bm.SEED_COST_TOTAL
    assert bm.SEED_PRICE_TOTAL - bm.SEED_COST_TOTAL == bm.SEED_RESULT_PER_PERSON
    assert bm.SEED_HOUSED_2024 * bm.SEED_RESULT_PER_PERSON == bm.SEED_ROOM_2024_COHORT
    assert (bm.SEED_ACTION_ZROUTE + bm.SEED_ACTION_CAPACITEIT + bm.SEED_ACTION_PSYCHISCH
            + bm.SEED_ACTION_INBURGERAAD) == bm.SEED_ACTIONS_TOTAL
    for y in bm.YEARS:
        assert (bm.SEED_BASISFORMATIE + bm.SEED_EXTRA_CAPACITY[y] + bm.SEED_POLICY_OFFICER[y]
                == bm.SEED_EXECUTION_TOTAL[y])


def test_reserve_covers_the_2025_shortfall():
    r = DEFAULT.year(2025)
    assert r.reserve_needed and r.reserve_draw == D("4813")
    assert r.reserve_closing == D("395187")
    assert DEFAULT.year(2024).reserve_opening == D("400000")
    assert not DEFAULT.year(2024).reserve_needed


def test_cash_receipts_per_calendar_year():
    # Price t for this year's cohort, t-1 for last year's, t-2 the year before.
    assert [DEFAULT.year(y).spuk_receipts for y in bm.YEARS] == [
        D("1188648.34"), D("601866.36"), D("150467.26"), 0]
    inp = bm.DEFAULT_INPUTS.model_copy(update={"housed_2023": 10, "housed_2022": 5})
    assert bm.compute(inp).year(2024).spuk_receipts == (
        134 * D("8870.51") + 10 * D("4491.54") + 5 * D("1122.89"))


def test_gezinsmigranten_count_once_at_their_own_price():
    # Seed 002 gives no price: the default is 0, visibly "onbekend".
    assert bm.DEFAULT_INPUTS.price_gezinsmigrant == 0
    assert "onbekend" in bm.INPUT_SPECS["price_gezinsmigrant"].label
    inp = bm.DEFAULT_INPUTS.model_copy(update={
        "gezinsmigranten_2025": 10, "price_gezinsmigrant": D("1000"),
        "cost_gezinsmigrant": D("300")})
    res = bm.compute(inp)
    assert res.year(2025).room - DEFAULT.year(2025).room == D("7000")
    assert res.year(2025).spuk_receipts - DEFAULT.year(2025).spuk_receipts == D("10000")
    for y in (2024, 2026, 2027):
        assert res.year(y).room == DEFAULT.year(y).room


def test_verdeelsleutel_rescales_only_the_regional_costs():
    inp = bm.DEFAULT_INPUTS.model_copy(update={"verdeelsleutel": D("0.5")})
    r = bm.compute(inp).year(2024)
    assert r.basisformatie == bm.cents(D("380219") * D("0.5") / D("0.6723"))
    assert r.extra_capacity == bm.cents(D("107340") * D("0.5") / D("0.6723"))
    assert r.policy_officer == D("88454")  # not regional: Maastricht pays it all


def test_actions_until_decides_the_years_with_actions():
    inp = bm.DEFAULT_INPUTS.model_copy(update={"actions_until": 2027})
    r = bm.compute(inp).year(2027)
    assert r.actions == D("99000") and r.room == 0
    assert r.actions_exceed_room
    assert r.saldo == D("168868") - D("99000")


def test_facility_payment_follows_residents_not_in_brp():
    assert [r.facility for r in DEFAULT.years] == [D("175000")] * 4
    inp = bm.DEFAULT_INPUTS.model_copy(update={"azc_not_in_brp_2025": 325})
    assert bm.compute(inp).year(2025).facility == D("87500.00")
    # Without a destination it is shown but moves nothing.
    assert bm.compute(inp).saldo_total == DEFAULT.saldo_total


def test_facility_as_cover_and_as_reserve_top_up():
    cover = bm.compute(bm.DEFAULT_INPUTS.model_copy(update={"facility_use": "dekking"}))
    assert cover.year(2025).saldo == D("-4813") + D("175000")
    assert not cover.year(2025).reserve_needed
    to_reserve = bm.compute(bm.DEFAULT_INPUTS.model_copy(update={"facility_use": "reserve"}))
    r = to_reserve.year(2025)
    assert r.reserve_draw == D("4813") and r.reserve_closing == bm.RESERVE_CAP
    assert r.cap_reached and r.reserve_skimmed == D("175000") - D("4813")
    assert any("plafond" in n for n in to_reserve.notices)


def test_reserve_runs_out():
    inp = bm.DEFAULT_INPUTS.model_copy(update={"budget_2025": D("0"),
                                               "reserve_opening": D("100000")})
    r = bm.compute(inp).year(2025)
    assert r.reserve_draw == D("100000") and r.reserve_closing == 0
    assert r.shortfall_after_reserve == D("553900") - D("100000")
    assert any("ontoereikend" in n for n in bm.compute(inp).notices)


def test_opening_reserve_above_cap_is_refused():
    with pytest.raises(ValueError):
        bm.BudgetInputs(reserve_opening=D("400000.01"))


def test_spread():
    assert bm.spread(D("299213.96")) == [D("99737.99"), D("99737.99"), D("99737.98")]
    assert bm.spread(D("0.04")) == [D("0.02"), D("0.01"), D("0.01")]
    assert bm.spread(D("-0.04")) == [D("-0.01"), D("-0.01"), D("-0.02")]


def test_waterfall_steps_end_in_the_saldo():
    for year in (None, *bm.YEARS):
        steps = bm.waterfall_steps(DEFAULT, year)
        assert steps[-1][2] == "total"
        assert sum(s[1] for s in steps[:-1]) == steps[-1][1]
    assert bm.waterfall_steps(DEFAULT, 2025)[-1][1] == D("-4813")


def test_sensitivity_ranks_the_budget_line_first_for_the_seed():
    rows = bm.sensitivity(bm.DEFAULT_INPUTS)
    assert rows[0].label == "Uitvoeringsmiddelen inburgering"
    assert rows[0].high == D("229246.60")  # 10% of 645.205 + 3 x 549.087
    assert [r.swing for r in rows] == sorted((r.swing for r in rows), reverse=True)
    # SPUK prices only matter on the way down: a surplus is not in the saldo.
    prices = next(r for r in rows if r.label.startswith("SPUK-prijzen"))
    assert prices.high == 0 and prices.low < 0


def test_apply_actual_counts():
    inp, notes = bm.apply_actual_counts(bm.DEFAULT_INPUTS, {2023: 40, 2024: 150, 1999: 3})
    assert (inp.housed_2023, inp.housed_2024, inp.housed_2025) == (40, 150, 0)
    assert notes and "2022" in notes[0] and "2025" in notes[0]
    same, notes = bm.apply_actual_counts(bm.DEFAULT_INPUTS, None, None)
    assert same == bm.DEFAULT_INPUTS and notes == []


def test_model_does_not_import_streamlit():
    code = ("import sys, monitor.budget, monitor.urlstate, monitor.filters; "
            "sys.exit('streamlit' in sys.modules)")
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


# --- URL ----------------------------------------------------------------------

def test_query_roundtrip_default_and_compact():
    full = bm.scenario_to_query(bm.DEFAULT_INPUTS)
    assert full["housed_2024"] == "134" and full["price_t"] == "8870.51"
    assert full["verdeelsleutel"] == "0.6723"
    assert len(full) == len(bm.BudgetInputs.model_fields)
    assert bm.scenario_to_query(bm.DEFAULT_INPUTS, compact=True) == {}
    back, notices = bm.scenario_from_query(full)
    assert back == bm.DEFAULT_INPUTS and notices == []


def test_query_accepts_a_dutch_decimal_comma():
    inp, notices = bm.scenario_from_query({"price_t": "8.870,51", "price_t1": "4491,54"})
    assert inp.price_t == D("8870.51") and inp.price_t1 == D("4491.54") and notices == []


@pytest.mark.parametrize("params, phrase", [
    ({"s1.housed_2024": "abc"}, "geen geldige waarde"),
    ({"s1.housed_2024": "-5"}, "buiten het toegestane bereik"),
    ({"s1.price_t": "1.234.5"}, "geen geldige waarde"),
    ({"s1.price_t": "12,345"}, "niet eenduidig"),
    ({"s1.price_t": "12.345,678"}, "buiten het toegestane bereik"),  # more than cents
    ({"s1.price_t": "9,500.50"}, "Engelse notatie"),
    ({"s1.housed_2024": "1,5"}, "geen geheel getal"),
    ({"s1.reserve_opening": "500000"}, "buiten het toegestane bereik"),
    ({"s1.facility_use": "alles"}, "geen van de mogelijke keuzes"),
    ({"s1.verdeelsleutel": "nan"}, "geen geldige waarde"),
    ({"s1.onzin": "1"}, "onbekende instelling"),
    ({"scenarios": "7"}, "geen geldig aantal"),
    ({"s9.housed_2024": "1"}, "hoogstens 3"),
    ({"s1.actueel": "misschien"}, "gebruik actuele aantallen"),
])
def test_invalid_link_values_fall_back_with_a_dutch_notice(params, phrase):
    scenarios, notices = bm.scenarios_from_query(params)
    assert len(notices) == 1 and phrase in notices[0], notices
    assert scenarios[0].inputs == bm.DEFAULT_INPUTS


def test_invalid_link_notice_quotes_what_was_typed():
    typed = "9,500.50"
    _, notices = bm.scenarios_from_query({"s1.cost_leerroute": typed})
    assert f"‘{typed}’" in notices[0] and "9.5005" not in notices[0]
    _, notices = bm.scenarios_from_query({"s1.price_t": "12.345,678"})
    assert "‘12.345,678’" in notices[0]


@pytest.mark.parametrize("typed, value", [
    ("9.500", D("9500")), ("10.450", D("10450")), ("10.450,50", D("10450.50")),
    ("9500", D("9500")), ("9500.5", D("9500.5")), ("9500,5", D("9500.5")),
    ("€ 9.500", D("9500")),
])
def test_link_values_read_as_a_dutch_user_types_them(typed, value):
    scenarios, notices = bm.scenarios_from_query({"s1.cost_leerroute": typed})
    assert notices == [] and scenarios[0].inputs.cost_leerroute == value
    # ...and the link is written back in a form that reads the same.
    back = bm.scenarios_to_query(scenarios, compact=False)["s1.cost_leerroute"]
    assert bm.scenarios_from_query({"s1.cost_leerroute": back})[0][0].inputs.cost_leerroute \
        == value


def test_every_input_has_a_provenance_with_its_source():
    for spec in bm.INPUT_SPECS.values():
        prov = spec.provenance
        assert prov.kind in ("seed", "aanname"), spec.name
        if prov.kind == "seed":
            assert (bm.DOC_001 in prov.source or bm.DOC_002 in prov.source) and (
                "tabel" in prov.source
                                                 or "tekst" in prov.source), spec.name
        else:
            assert prov.owner and len(prov.source) > 20, spec.name


@pytest.mark.parametrize("name", [
    "reserve_opening", "azc_not_in_brp_2024", "facility_reference_residents",
    "action_capaciteit", "action_psychisch", "action_inburgeraad", "housed_2025",
    "price_gezinsmigrant",
])
def test_figures_no_seed_gives_are_assumptions(name):
    assert bm.INPUT_SPECS[name].provenance.kind == "aanname"


def test_seed_figures_name_their_table():
    assert "Kosten per asielstatushouder" in bm.INPUT_SPECS["cost_leerroute"].provenance.source
    assert "Beleidskader" in bm.INPUT_SPECS["facility_estimate"].provenance.source
    assert "op dit moment" in bm.INPUT_SPECS["housed_2024"].provenance.source
    assert "p.j." in bm.INPUT_SPECS["action_zroute"].provenance.source


def test_model_assumptions_are_listed():
    titles = " ".join(t for t, _ in bm.ASSUMPTIONS).lower()
    for word in ("saldo per jaar", "geoormerkt", "prijzen 2024", "cohort", "reserve",
                 "uitvoeringskosten", "verdeelsleutel"):
        assert word in titles


def test_the_baseline_is_named_and_a_changed_scenario_says_so():
    base = bm.Scenario("", bm.DEFAULT_INPUTS)
    changed = bm.Scenario("", bm.DEFAULT_INPUTS.model_copy(update={"housed_2025": 50}))
    assert bm.display_name(base, 1) == "Uitgangspunt uitvoeringsprogramma"
    assert "gewijzigd" in bm.display_name(changed, 1)
    # Even a name typed as the baseline's does not hide a change.
    assert "gewijzigd" in bm.display_name(bm.Scenario(bm.BASELINE_NAME, changed.inputs), 1)
    assert bm.display_name(bm.Scenario("Hoog", changed.inputs), 2) == "Hoog"
    assert bm.describe_changes(changed) == ["Gehuisvest 2025: 50 (was 0)"]
    assert bm.display_names([base, base]) == [bm.BASELINE_NAME, "Scenario 2 (= uitgangspunt)"]


def _diffs(inputs) -> dict[str, D]:
    return {h.label: h.diff for h in bm.headline(bm.compute(inputs), DEFAULT)}


def test_fifty_more_housed_in_2025_shows_in_the_headline():
    diffs = _diffs(bm.DEFAULT_INPUTS.model_copy(update={"housed_2025": 50}))
    # 50 x € 2.232,94, spread over 2025-2027: all unused (the actions are funded).
    assert diffs["Onbenutte SPUK-ruimte 2024–2027"] == D("111647.00")
    assert diffs["Ruimte extra acties 2024–2027"] == D("111647.00")
    assert diffs["Saldo 2024–2027"] == 0


def test_leerroute_ten_percent_dearer_shows_in_the_saldo():
    diffs = _diffs(bm.DEFAULT_INPUTS.model_copy(update={"cost_leerroute": D("10450")}))
    # 134 x € 950 less room; the € 99.000 of actions no longer fit in 2024-2026.
    assert diffs["Ruimte extra acties 2024–2027"] == D("-127300.00")
    assert diffs["Saldo 2024–2027"] < 0 and diffs["Saldo 2025"] < 0
    assert diffs["Onttrekking reserve 2024–2027"] > 0


def test_headline_of_the_baseline_has_no_differences():
    assert all(h.diff == 0 for h in bm.headline(DEFAULT, DEFAULT))


def test_out_of_range_value_keeps_the_valid_ones():
    scenarios, notices = bm.scenarios_from_query(
        {"s1.housed_2024": "-5", "s1.housed_2025": "80"})
    assert scenarios[0].inputs.housed_2024 == 134
    assert scenarios[0].inputs.housed_2025 == 80
    assert "scenario 1" in notices[0] and "134" in notices[0]


def test_several_named_scenarios_roundtrip():
    hoog = bm.DEFAULT_INPUTS.model_copy(update={"housed_2025": 150, "facility_use": "dekking"})
    krap = bm.DEFAULT_INPUTS.model_copy(update={"budget_2026": D("500000.50")})
    scenarios = [bm.Scenario("", bm.DEFAULT_INPUTS),
                 bm.Scenario("Hoge instroom", hoog, use_actual=True),
                 bm.Scenario("", krap)]
    params = bm.scenarios_to_query(scenarios)
    assert params["scenarios"] == "3" and params["s2.naam"] == "Hoge instroom"
    assert params["s2.actueel"] == "1" and params["s3.budget_2026"] == "500000.5"
    assert "s1.naam" not in params and "s3.naam" not in params
    back, notices = bm.scenarios_from_query(params)
    assert back == scenarios and notices == []


def test_other_parameters_in_the_link_are_not_the_scenarios_business():
    params = {"peildatum": "2024-12-31", "gemeente": "GM0935", "n": "2", "s1.housed_2024": "90"}
    scenarios, notices = bm.scenarios_from_query(params)
    assert len(scenarios) == 1 and notices == []
    assert scenarios[0].inputs.housed_2024 == 90
    assert [k for k in params if bm.is_scenario_key(k)] == ["s1.housed_2024"]
    assert bm.is_scenario_key("scenarios") and bm.is_scenario_key("s3.naam")


def test_scenario_count_follows_the_highest_scenario_in_the_link():
    scenarios, notices = bm.scenarios_from_query({"s2.housed_2024": "10"})
    assert len(scenarios) == 2 and notices == []
    assert scenarios[1].inputs.housed_2024 == 10 and scenarios[1].name == ""
    assert bm.display_names(scenarios) == [bm.BASELINE_NAME, "Scenario 2 (gewijzigd)"]


# --- Properties ---------------------------------------------------------------

def _value(spec: bm.InputSpec, cap_money: int = 2_000_000):
    if spec.unit == "keuze":
        return st.sampled_from(list(bm.FACILITY_USE_LABELS))
    if spec.unit == "fractie":
        return st.integers(1, 10_000).map(lambda n: D(n) / 10_000)
    if spec.unit == "jaar":
        return st.integers(int(spec.minimum), int(spec.maximum))
    if spec.unit == "aantal":
        return st.integers(int(spec.minimum), min(int(spec.maximum), 2000))
    top = min(int(spec.maximum), cap_money) * 100
    return st.integers(0, top).map(lambda c: D(c) / 100)


inputs_strategy = st.fixed_dictionaries(
    {name: _value(spec) for name, spec in bm.INPUT_SPECS.items()}
).map(bm.BudgetInputs.model_validate)


@settings(max_examples=200, deadline=None)
@given(inp=inputs_strategy, cohort=st.sampled_from(bm.COHORT_YEARS), extra=st.integers(1, 500))
def test_more_housed_never_lowers_income(inp, cohort, extra):
    field = f"housed_{cohort}"
    more = inp.model_copy(update={field: getattr(inp, field) + extra})
    a, b = bm.compute(inp), bm.compute(more)
    for ra, rb in zip(a.years, b.years):
        assert rb.spuk_receipts >= ra.spuk_receipts
        assert rb.spuk_income >= ra.spuk_income


@settings(max_examples=300, deadline=None)
@given(inp=inputs_strategy)
def test_reserve_never_exceeds_the_cap(inp):
    res = bm.compute(inp)
    for r in res.years:
        assert 0 <= r.reserve_closing <= bm.RESERVE_CAP
        assert r.reserve_opening <= bm.RESERVE_CAP
        assert r.reserve_closing == r.reserve_opening - r.reserve_draw + r.reserve_topup \
            - r.reserve_skimmed
        assert r.reserve_draw <= r.reserve_opening
        # Drawn only when the saldo is short.
        assert (r.reserve_draw > 0) <= (r.saldo < 0)
        assert r.reserve_draw + r.shortfall_after_reserve == max(-r.saldo, 0)


@settings(max_examples=300, deadline=None)
@given(inp=inputs_strategy)
def test_allocations_over_the_room_are_flagged(inp):
    res = bm.compute(inp)
    for r in res.years:
        assert r.actions_exceed_room == (r.actions > r.room)
        flagged = any(n.startswith(f"{r.year}: de inzet voor extra acties") for n in res.notices)
        assert flagged == r.actions_exceed_room
        if r.actions_exceed_room:
            assert r.saldo < r.saldo_execution + r.facility_cover


@settings(max_examples=200, deadline=None)
@given(inp=inputs_strategy)
def test_saldo_identities(inp):
    res = bm.compute(inp)
    for r in res.years:
        assert r.saldo == r.saldo_execution + min(r.saldo_spuk, 0) + r.facility_cover
        assert r.room == r.spuk_income - r.traject_costs
        assert r.unused_room == max(r.saldo_spuk, 0)
    steps = bm.waterfall_steps(res)
    assert sum(s[1] for s in steps[:-1]) == steps[-1][1] == res.saldo_total


@settings(max_examples=200, deadline=None)
@given(inp=inputs_strategy)
def test_every_scenario_roundtrips_through_the_url(inp):
    for compact in (False, True):
        back, notices = bm.scenario_from_query(bm.scenario_to_query(inp, compact=compact))
        assert back == inp and notices == []


@settings(max_examples=100, deadline=None)
@given(inp=inputs_strategy)
def test_cohort_room_adds_up_over_its_years(inp):
    # Only the 2024 cohort is fully inside 2024–2026; the others' years are
    # checked through the spread itself.
    only_2024 = inp.model_copy(update={f"housed_{c}": 0 for c in bm.COHORT_YEARS if c != 2024}
                               | {f"gezinsmigranten_{y}": 0 for y in bm.YEARS})
    res = bm.compute(only_2024)
    assert sum(res.year(y).room for y in (2024, 2025, 2026)) == res.room_per_cohort[2024]


def test_every_input_is_a_sensitivity_lever_or_excluded_with_a_reason():
    """A new input in INPUT_SPECS must be put in the sensitivity analysis
    (model.LEVERS) or named in model.NOT_LEVERS with why it is no lever."""
    in_levers = [n for _, names in bm.LEVERS for n in names]
    assert len(in_levers) == len(set(in_levers))  # no input moves in two levers
    assert not set(in_levers) & set(bm.NOT_LEVERS)
    assert set(in_levers) | set(bm.NOT_LEVERS) == set(bm.INPUT_SPECS)
    assert all(reason.strip() for reason in bm.NOT_LEVERS.values())


def test_excluded_quantities_indeed_do_not_move_the_saldo():
    """The reason for excluding a number holds on the uitgangspunt: another
    value for it leaves the saldo 2024–2027 where it is."""
    base = bm.compute(bm.DEFAULT_INPUTS).saldo_total
    numeric = [n for n in bm.NOT_LEVERS if bm.INPUT_SPECS[n].unit in ("euro", "aantal")]
    assert numeric
    for name in numeric:
        spec = bm.INPUT_SPECS[name]
        default = getattr(bm.DEFAULT_INPUTS, name)
        for other in {spec.minimum + 1, (spec.minimum + (spec.maximum or 2 * float(default or 1000)))
                      / 2}:
            value = type(default)(int(other)) if isinstance(default, int) else D(int(other))
            assert value != default
            moved = bm.DEFAULT_INPUTS.model_copy(update={name: value})
            assert bm.compute(moved).saldo_total == base, name
