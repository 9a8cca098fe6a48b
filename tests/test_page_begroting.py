"""The Begroting page under AppTest: sliders recompute the saldo, a link
reproduces a scenario, bad links give a Dutch notice, and the store is
optional and only read through the cache."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from monitor import budget as bm
from monitor.formatting import euro

PAGE = Path(__file__).resolve().parents[1] / "pages" / "begroting.py"


@pytest.fixture(autouse=True)
def no_store(monkeypatch, tmp_path):
    """No store file, fresh caches: the page must cope on its own."""
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "geen.duckdb"))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, [m.label for m in at.metric]
    return found[0]


def shown_saldi(at: AppTest) -> list[str]:
    return [metric(at, f"Saldo {y}") for y in bm.YEARS]


def expected_saldi(inputs: bm.BudgetInputs) -> list[str]:
    res = bm.compute(inputs)
    return [euro(r.saldo, cents=False) for r in res.years]


def test_defaults_show_the_seed_figures():
    at = run()
    assert shown_saldi(at) == ["€ 69.192", "€ -4.813", "€ 168.868", "€ 168.868"]
    assert metric(at, "SPUK per asielstatushouder (3 jaar)") == "€ 14.484,94"
    assert metric(at, "Kosten per traject") == "€ 12.252,00"
    assert metric(at, "Resultaat per asielstatushouder") == "€ 2.232,94"
    assert metric(at, "Ruimte cohort 2024 (134 personen)") == "€ 299.213,96"
    assert metric(at, "Per jaar, over drie jaar") == "€ 99.737,99"
    assert metric(at, "Inzet extra acties per jaar") == "€ 99.000,00"
    assert any("seed 002" in c.value and "seed 001" in c.value for c in at.caption)
    assert any("Reserve Vreemdelingen is nodig" in w.value for w in at.warning)
    # The seed's own scenario needs no parameters in the link.
    assert dict(at.query_params) == {}


def test_moving_a_slider_changes_the_shown_saldo():
    at = run()
    before = shown_saldi(at)
    at.slider(key="s1.housed_2024").set_value(100).run()
    assert not at.exception
    after = shown_saldi(at)
    assert after != before
    assert after == expected_saldi(bm.DEFAULT_INPUTS.model_copy(update={"housed_2024": 100}))
    assert any("hoger dan de SPUK-ruimte" in w.value for w in at.warning)
    # ...and the link follows.
    assert at.query_params["s1.housed_2024"] in ("100", ["100"])


def test_moving_an_execution_slider():
    at = run()
    at.slider(key="s1.verdeelsleutel").set_value(60.0).run()
    inputs = bm.DEFAULT_INPUTS.model_copy(update={"verdeelsleutel": D("0.6")})
    assert shown_saldi(at) == expected_saldi(inputs)


def test_a_link_reproduces_the_scenario():
    query = {"s1.housed_2024": "200", "s1.budget_2025": "560000",
             "s1.action_capaciteit": "80000", "s1.facility_use": "dekking"}
    at = run(query)
    inputs, notices = bm.scenario_from_query(query, "s1.")
    assert notices == []
    assert shown_saldi(at) == expected_saldi(inputs)
    assert at.slider(key="s1.housed_2024").value == 200
    assert at.radio(key="s1.facility_use").value == "dekking"
    assert not [w for w in at.warning if w.value.startswith("Link:")]
    # Rendering the page keeps the link as it was.
    assert {k: at.query_params[k] for k in query} in (
        query, {k: [v] for k, v in query.items()})


def test_the_page_leaves_other_link_parameters_alone():
    at = run({"peildatum": "2024-12-31", "gemeente": "GM0935"})
    at.slider(key="s1.housed_2024").set_value(120).run()
    qp = {k: at.query_params[k] for k in at.query_params}
    flat = {k: (v[-1] if isinstance(v, list) else v) for k, v in qp.items()}
    assert flat == {"peildatum": "2024-12-31", "gemeente": "GM0935", "s1.housed_2024": "120"}
    at.slider(key="s1.housed_2024").set_value(134).run()
    flat = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert flat == {"peildatum": "2024-12-31", "gemeente": "GM0935"}


def test_a_link_with_three_named_scenarios():
    query = {"scenarios": "3", "s2.naam": "Hoge instroom", "s2.housed_2025": "150",
             "s3.naam": "Krap budget", "s3.budget_2026": "400000"}
    at = run(query)
    comparison = at.dataframe[-1].value
    assert list(comparison.columns) == ["", "Seed 002", "Hoge instroom", "Krap budget"]
    row = comparison[comparison[""] == "Saldo 2026"].iloc[0]
    scen, _ = bm.scenarios_from_query(query)
    assert row["Krap budget"] == euro(bm.compute(scen[2].inputs).year(2026).saldo)
    assert row["Seed 002"] == "€ 168.868,00"
    # Editing scenario 2 shows its inputs and its difference from scenario 1.
    at.radio(key="begroting.bewerk").set_value(1).run()
    assert at.slider(key="s2.housed_2025").value == 150
    assert shown_saldi(at) == expected_saldi(scen[1].inputs)


def test_an_invalid_link_value_gives_a_notice_and_the_default():
    at = run({"s1.housed_2024": "veel", "s1.budget_2024": "-1"})
    notices = [w.value for w in at.warning if w.value.startswith("Link:")]
    assert len(notices) == 2
    assert any("‘veel’ is geen geldige waarde" in n for n in notices)
    assert any("buiten het toegestane bereik" in n for n in notices)
    assert shown_saldi(at)[0] == "€ 69.192"
    assert at.slider(key="s1.housed_2024").value == 134


def test_reset_restores_the_seed_values():
    at = run({"s1.housed_2024": "50"})
    at.button[0].click().run()
    assert at.slider(key="s1.housed_2024").value == 134
    assert shown_saldi(at) == ["€ 69.192", "€ -4.813", "€ 168.868", "€ 168.868"]


def test_actual_counts_without_a_store_show_a_note():
    at = run()
    at.toggle(key="s1.actueel").set_value(True).run()
    assert not at.exception
    assert any("niet beschikbaar" in i.value for i in at.info)
    assert shown_saldi(at)[0] == "€ 69.192"


def test_actual_counts_come_from_the_store_once(monkeypatch):
    from monitor import indicators

    calls = []

    def housed():
        calls.append(1)
        return {2023: 30, 2024: 100}

    monkeypatch.setattr(indicators, "housed_asielstatushouders_per_year", housed, raising=False)
    at = run()
    at.toggle(key="s1.actueel").set_value(True).run()
    inputs = bm.DEFAULT_INPUTS.model_copy(update={"housed_2023": 30, "housed_2024": 100})
    assert shown_saldi(at) == expected_saldi(inputs)
    assert at.query_params["s1.actueel"] in ("1", ["1"])
    # Slider moves recompute the model only: no further store reads.
    at.slider(key="s1.action_zroute").set_value(30000.0).run()
    at.slider(key="s1.cost_nazorg").set_value(500.0).run()
    assert len(calls) == 1
    # Switching off brings back the typed-in counts.
    at.toggle(key="s1.actueel").set_value(False).run()
    assert at.slider(key="s1.housed_2024").value == 134


def test_azc_residents_from_the_store_drive_the_facility_payment(monkeypatch):
    from monitor import indicators

    monkeypatch.setattr(indicators, "housed_asielstatushouders_per_year", lambda: {2024: 134},
                        raising=False)
    monkeypatch.setattr(indicators, "azc_residents_not_in_brp_per_year", lambda: {2025: 325},
                        raising=False)
    at = run({"s1.actueel": "1", "s1.facility_use": "dekking"})
    # Half the reference residents: half of € 175.000 covers 2025.
    assert metric(at, "Saldo 2025") == euro(D("-4813") + D("87500"), cents=False)
    assert at.slider(key="s1.azc_not_in_brp_2025@actueel").value == 325


def test_store_errors_do_not_break_the_page(monkeypatch):
    from monitor import indicators, store

    def broken(*a, **k):
        raise RuntimeError("kapot")

    monkeypatch.setattr(store, "is_demo", broken)
    monkeypatch.setattr(indicators, "housed_asielstatushouders_per_year", broken)
    at = run({"s1.actueel": "1"})
    assert shown_saldi(at)[1] == "€ -4.813"
    assert any("niet beschikbaar" in i.value for i in at.info)
