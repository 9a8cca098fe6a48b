"""The Begroting page under AppTest: sliders recompute the saldo, a link
reproduces a scenario, bad links give a Dutch notice, and the store is
optional and only read through the cache."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from monitor import budget as bm
from monitor.formatting import euro
from pages.ui.data import STORE_PATH

PAGE = Path(__file__).resolve().parents[1] / "pages" / "begroting.py"


@pytest.fixture(autouse=True)
def no_store():
    """No store file, fresh caches: the page must cope on its own."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


NO_STORE = str(Path(__file__).resolve().parent / "geen-opslag.duckdb")


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state[STORE_PATH] = NO_STORE  # as app.py names it; the file does not exist
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, [m.label for m in at.metric]
    return found[0]


def metric_delta(at: AppTest, label: str) -> str:
    found = [m.delta for m in at.metric if m.label == label]
    assert found, [m.label for m in at.metric]
    return found[0] or ""


def shown_saldi(at: AppTest) -> list[str]:
    return [metric(at, f"Saldo {y}") for y in bm.YEARS]


def expected_saldi(inputs: bm.BudgetInputs) -> list[str]:
    res = bm.compute(inputs)
    return [euro(r.saldo, cents=False) for r in res.years]


def test_defaults_show_the_seed_figures():
    at = run()
    assert shown_saldi(at) == ["€ 69.192", "€ -4.813", "€ 168.868", "€ 168.868"]
    # every amount in whole euros, the way the headline writes the same figure
    assert metric(at, "SPUK per persoon (3 jaar)") == "€ 14.485"
    assert metric(at, "Kosten per traject") == "€ 12.252"
    assert metric(at, "Resultaat per persoon") == "€ 2.233"
    assert metric(at, "Ruimte cohort 2024 (134 pers.)") == "€ 299.214"
    assert metric(at, "Ruimte extra acties 2024–27") == "€ 299.214"
    assert metric(at, "Per jaar, over drie jaar") == "€ 99.738"
    assert metric(at, "Inzet extra acties per jaar") == "€ 99.000"
    assert any("Uitgangspunt" in h.value for h in at.subheader)
    assert any("Reserve Vreemdelingen is nodig" in w.value and "Modeluitkomst" in w.value
               for w in at.warning)
    # Every input says where its value comes from.
    assert sum("Document" in c.value for c in at.caption) >= 10
    assert any("Aanname" in c.value and "Wijzigen:" in c.value for c in at.caption)
    # Nothing differs from the uitgangspunt, so no metric shows a difference.
    assert not [m for m in at.metric if m.delta and m.label.startswith(("Saldo", "Ruimte extra"))]
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
    comparison = comparison_table(at)
    assert list(comparison.columns) == ["", bm.BASELINE_NAME, "Hoge instroom", "Krap budget"]
    row = comparison[comparison[""] == "Saldo 2026"].iloc[0]
    scen, _ = bm.scenarios_from_query(query)
    krap = bm.compute(scen[2].inputs).year(2026).saldo
    diff = euro(krap - D("168868"), cents=False, signed=True).replace("-", "−")
    assert row["Krap budget"] == f"{euro(krap, cents=False)} ({diff})"
    assert row[bm.BASELINE_NAME] == "€ 168.868"
    # Editing scenario 2 shows its inputs and its difference from scenario 1.
    at.radio(key="begroting.bewerk").set_value(1).run()
    assert at.slider(key="s2.housed_2025").value == 150
    assert shown_saldi(at) == expected_saldi(scen[1].inputs)


def comparison_table(at: AppTest):
    found = [d.value for d in at.dataframe if "" in d.value.columns
             and "Saldo 2024–2027" in list(d.value[""])]
    assert found
    return found[0]


def test_a_dutch_number_in_the_link():
    at = run({"s1.cost_leerroute": "9.500", "s2.cost_leerroute": "10.450"})
    assert not [w for w in at.warning if w.value.startswith("Link:")]
    assert at.slider(key="s1.cost_leerroute").value == 9500.0
    at.radio(key="begroting.bewerk").set_value(1).run()
    assert at.slider(key="s2.cost_leerroute").value == 10450.0
    assert at.text_input(key="s2.cost_leerroute#tekst").value == "10.450"


def test_an_english_number_in_the_link_is_refused_quoting_it():
    at = run({"s1.cost_leerroute": "9,500.50"})
    notices = [w.value for w in at.warning if w.value.startswith("Link:")]
    assert len(notices) == 1 and "‘9,500.50’" in notices[0] and "9.5005" not in notices[0]
    assert at.slider(key="s1.cost_leerroute").value == 9500.0


def test_typing_a_dutch_amount_beside_the_slider():
    at = run()
    at.text_input(key="s1.cost_leerroute#tekst").input("10.450").run()
    assert at.slider(key="s1.cost_leerroute").value == 10450.0
    inputs = bm.DEFAULT_INPUTS.model_copy(update={"cost_leerroute": D("10450")})
    assert shown_saldi(at) == expected_saldi(inputs)
    # The difference from the uitgangspunt is on the headline figures.
    assert metric_delta(at, "Saldo 2025").startswith("-€ ")  # the arrow points down
    assert "gewijzigd" in at.subheader[-1].value or any(
        "gewijzigd" in s.value for s in at.subheader)
    at.text_input(key="s1.cost_leerroute#tekst").input("tienduizend").run()
    assert any("‘tienduizend’" in e.value for e in at.error)
    assert at.slider(key="s1.cost_leerroute").value == 10450.0


def test_a_tiny_verdeelsleutel_from_a_link_or_typed_does_not_break_the_page():
    at = run({"s1.verdeelsleutel": "0.005"})
    assert at.slider(key="s1.verdeelsleutel").value == 0.5
    at.text_input(key="s1.verdeelsleutel#tekst").input("0,5").run()
    assert not at.exception
    at.text_input(key="s1.verdeelsleutel#tekst").input("0").run()
    assert not at.exception and any("‘0’" in e.value for e in at.error)


def test_moving_a_slider_updates_the_typed_value():
    at = run()
    at.slider(key="s1.cost_nazorg").set_value(500.0).run()
    assert at.text_input(key="s1.cost_nazorg#tekst").value == "500"


def test_every_figure_shows_its_difference_from_the_uitgangspunt():
    at = run()
    at.text_input(key="s1.cost_leerroute#tekst").input("10.450").run()
    at.slider(key="s1.housed_2024").set_value(150).run()
    moved = {m.label: m.delta for m in at.metric}
    for label in ("Kosten per traject", "Resultaat per persoon", "Ruimte cohort 2024 (150 pers.)",
                  "Per jaar, over drie jaar", "Saldo 2024–2027"):
        assert moved[label], (label, moved)
    assert moved["Kosten per traject"] == "+€ 950"


def test_a_removed_scenario_can_be_put_back():
    at = run({"scenarios": "2", "s2.naam": "Meer begeleiding", "s2.cost_begeleiding": "4000"})
    at.radio(key="begroting.aantal").set_value(1).run()
    assert len(at.text_input) and not any(t.key == "s2.naam" for t in at.text_input)
    undo = [b for b in at.button if b.key == "begroting_undo"]
    assert undo and "Meer begeleiding" in undo[0].label
    undo[0].click().run()
    assert at.text_input(key="s2.naam").value == "Meer begeleiding"
    assert at.query_params.get("s2.cost_begeleiding") in (["4000"], "4000")


def test_fifty_more_housed_changes_a_headline_figure():
    at = run()
    at.slider(key="s1.housed_2025").set_value(50).run()
    assert metric_delta(at, "Onbenutte SPUK-ruimte 2024–27") == "+€ 111.647"


def test_programme_and_assumptions_tabs_without_a_store():
    at = run()
    assert any("begroting.csv" in i.value for i in at.info)
    assert any("Prijzen 2024 voor elk jaar" in m.value for m in at.markdown)


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


def fake_counts(housed=None, azc=None) -> bm.ActualCounts:
    housed = housed or {}
    azc = azc or {}
    return bm.ActualCounts(
        housed=housed, housed_stand={y: dt.date(y, 12, 31) for y in housed},
        spuk_stock=dict(housed), azc_not_in_brp=azc,
        azc_file={y: dt.date(y, 1, 1) for y in azc})


def test_actual_counts_come_from_the_store_once(monkeypatch):
    calls = []

    def counts(*a, **k):
        calls.append(1)
        return fake_counts({2023: 30, 2024: 100})

    monkeypatch.setattr(bm, "actual_counts", counts)
    at = run()
    at.toggle(key="s1.actueel").set_value(True).run()
    inputs = bm.DEFAULT_INPUTS.model_copy(update={"housed_2023": 30, "housed_2024": 100})
    assert shown_saldi(at) == expected_saldi(inputs)
    assert at.query_params["s1.actueel"] in ("1", ["1"])
    assert any("Actueel" in c.value and "31 december 2024" in c.value for c in at.caption)
    # Slider moves recompute the model only: no further store reads.
    at.slider(key="s1.action_zroute").set_value(30000.0).run()
    at.slider(key="s1.cost_nazorg").set_value(500.0).run()
    assert len(calls) == 1
    # Switching off brings back the typed-in counts.
    at.toggle(key="s1.actueel").set_value(False).run()
    assert at.slider(key="s1.housed_2024").value == 134


def test_azc_residents_from_the_store_drive_the_facility_payment(monkeypatch):
    monkeypatch.setattr(bm, "actual_counts", lambda *a, **k: fake_counts({2024: 134},
                                                                          {2025: 325}))
    at = run({"s1.actueel": "1", "s1.facility_use": "dekking"})
    # Half the reference residents: half of € 175.000 covers 2025.
    assert metric(at, "Saldo 2025") == euro(D("-4813") + D("87500"), cents=False)
    assert at.slider(key="s1.azc_not_in_brp_2025@actueel").value == 325


def test_store_errors_do_not_break_the_page(monkeypatch):
    from monitor import store

    def broken(*a, **k):
        raise RuntimeError("kapot")

    monkeypatch.setattr(store, "is_demo", broken)
    monkeypatch.setattr(bm, "actual_counts", broken)
    at = run({"s1.actueel": "1"})
    assert shown_saldi(at)[1] == "€ -4.813"
    assert any("niet beschikbaar" in i.value for i in at.info)
