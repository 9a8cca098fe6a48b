"""The Begroting page under random use: scenarios added, renamed, removed
and chosen, sliders moved, values typed (Dutch, English, nonsense), actual
counts switched on and off, and the link reopened. After every step the page
shows no exception and the saldi it shows are `compute()` of the inputs it
shows; a reopened link shows the same scenarios.

Fixed number of examples and derandomized, so the suite's runtime (about
half a minute) and its outcome do not vary between runs."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from decimal import Decimal as D
from pathlib import Path

import streamlit as st
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as hs
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from monitor import budget as bm
from monitor.formatting import euro
from streamlit.testing.v1 import AppTest

from pages.ui.data import STORE_PATH

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "begroting.py")
COUNT_KEY, EDIT_KEY = "begroting.aantal", "begroting.bewerk"
NAMES = ["", "Hoog", "Krap budget", bm.BASELINE_NAME, "Scenario 2", "a&b=c;d", "x" * 45]
TYPED = ["10.450", "10.450,50", "9,500.50", "1.200", "12", "abc", "", "-5", "0,5", "67,23"]
ACTUAL = bm.ActualCounts(
    housed={2023: 60, 2024: 140, 2025: 90}, housed_stand={2023: dt.date(2023, 12, 31),
                                                        2024: dt.date(2024, 12, 31),
                                                        2025: dt.date(2025, 12, 31)},
    spuk_stock={2023: 80, 2024: 200, 2025: 290}, azc_not_in_brp={2024: 400, 2025: 300},
    azc_file={2024: dt.date(2024, 1, 1), 2025: dt.date(2025, 1, 1)})


def _slider_value(spec: bm.InputSpec, shown, key: str):
    if key.endswith("@actueel"):
        return int(shown)
    if spec.unit == "euro":
        return D(f"{float(shown):.2f}")
    if spec.unit == "fractie":
        return (D(f"{float(shown):.2f}") / 100).quantize(D("0.0001"))
    return int(shown)


class BegrotingPage(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # No store: the page runs on its own (the store's counts come from ACTUAL).
        st.cache_data.clear()
        self._saved = bm.actual_counts
        bm.actual_counts = lambda *a, **k: ACTUAL  # the page reads the store through this
        self.at = AppTest.from_file(PAGE, default_timeout=60)
        self.at.session_state[STORE_PATH] = os.path.join(tempfile.gettempdir(), "geen-opslag.duckdb")
        self.at.run()

    def teardown(self):
        bm.actual_counts = self._saved
        st.cache_data.clear()

    # --- helpers ---------------------------------------------------------------

    def count(self) -> int:
        return len(bm.display_names(self.at.session_state["begroting.scenarios"]))

    def edit(self) -> int:
        return self.at.session_state["begroting.bewerk_index"]

    def prefix(self) -> str:
        return f"s{self.edit() + 1}."

    def own_sliders(self):
        return [s for s in self.at.slider
                if s.key and s.key.startswith(self.prefix()) and not s.disabled]

    def shown_inputs(self) -> bm.BudgetInputs:
        """The inputs of the edited scenario as its widgets show them."""
        p = self.prefix()
        values = {}
        for s in self.at.slider:
            if not s.key or not s.key.startswith(p):
                continue
            name = s.key[len(p):].removesuffix("@actueel")
            values[name] = _slider_value(bm.INPUT_SPECS[name], s.value, s.key)
        for r in self.at.radio:
            if r.key == p + "facility_use":
                values["facility_use"] = r.value
        for t in self.at.text_input:
            if not t.key or not t.key.startswith(p) or not t.key.endswith("#tekst"):
                continue
            name = t.key[len(p):-len("#tekst")]
            if name not in values:  # a field without a slider: typed values only
                spec = bm.INPUT_SPECS[name]
                values[name] = (int(t.value.replace(".", "")) if spec.unit == "aantal"
                                else D(t.value.replace(".", "").replace(",", ".")))
        return bm.BudgetInputs.model_validate(values)

    def comparison(self):
        tables = [d.value for d in self.at.dataframe
                  if "" in d.value.columns and "Saldo 2024–2027" in list(d.value[""])]
        return tables[0] if tables else None

    # --- rules -----------------------------------------------------------------

    @precondition(lambda self: self.count() < bm.MAX_SCENARIOS)
    @rule()
    def add_scenario(self):
        self.at.radio(key=COUNT_KEY).set_value(self.count() + 1).run()

    @precondition(lambda self: self.count() > 1)
    @rule()
    def remove_scenario(self):
        self.at.radio(key=COUNT_KEY).set_value(self.count() - 1).run()

    @rule(data=hs.data(), name=hs.sampled_from(NAMES))
    def rename(self, data, name):
        i = data.draw(hs.integers(1, self.count()))
        self.at.text_input(key=f"s{i}.naam").input(name).run()

    @precondition(lambda self: self.count() > 1)
    @rule(data=hs.data())
    def choose_scenario(self, data):
        self.at.radio(key=EDIT_KEY).set_value(data.draw(hs.integers(0, self.count() - 1))).run()

    @rule(data=hs.data())
    def move_slider(self, data):
        sliders = self.own_sliders()
        s = data.draw(hs.sampled_from(sliders))
        if isinstance(s.min, int):
            value = data.draw(hs.integers(s.min, s.max))
        else:
            steps = int(round((s.max - s.min) / s.step))
            value = round(s.min + data.draw(hs.integers(0, steps)) * s.step, 2)
        s.set_value(value).run()

    @rule(data=hs.data(), typed=hs.sampled_from(TYPED))
    def type_beside_a_slider(self, data, typed):
        fields = {t.key for t in self.at.text_input}
        keys = [s.key + "#tekst" for s in self.own_sliders() if s.key + "#tekst" in fields]
        self.at.text_input(key=data.draw(hs.sampled_from(keys))).input(typed).run()

    @rule(amount=hs.integers(0, 2_000_000))
    def type_a_budget(self, amount):
        text = euro(amount, cents=False).removeprefix("€ ")  # Dutch: 1.234.567
        self.at.text_input(key=self.prefix() + "budget_2025#tekst").input(text).run()

    @rule()
    def toggle_actual_counts(self):
        toggle = self.at.toggle(key=self.prefix() + "actueel")
        toggle.set_value(not toggle.value).run()

    @rule()
    def reopen_the_link(self):
        before = self.comparison()
        params = {k: self.at.query_params[k] for k in self.at.query_params}
        at = AppTest.from_file(PAGE, default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v[-1] if isinstance(v, list) else v
        at.run()
        assert not at.exception, at.exception
        assert not [w.value for w in at.warning if w.value.startswith("Link:")]
        self.at = at
        after = self.comparison()
        assert before is not None and after is not None
        assert before.equals(after), (before, after)

    # --- invariants ------------------------------------------------------------

    @invariant()
    def no_exception(self):
        assert not self.at.exception, self.at.exception

    @invariant()
    def shown_result_is_the_model_of_the_shown_inputs(self):
        res = bm.compute(self.shown_inputs())
        shown = {m.label: m.value for m in self.at.metric}
        for r in res.years:
            assert shown[f"Saldo {r.year}"] == euro(r.saldo, cents=False)
        assert shown["Saldo 2024–2027"] == euro(res.saldo_total, cents=False)


# No shrinking: replaying page runs to shrink a failure takes minutes; the
# failing steps are reported as they were drawn.
BegrotingPage.TestCase.settings = settings(
    max_examples=10, stateful_step_count=8, derandomize=True, database=None, deadline=None,
    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
test_begroting_page_under_random_use = BegrotingPage.TestCase
