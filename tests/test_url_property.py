"""Any value in any URL parameter the pages read is refused with a Dutch
notice or ignored, never an exception: the sidebar filters, the budget
scenarios (any s<n>.<field>, the count), the basket (`mand`, every key kind
of the registry, rebuilt on a store) and the slide number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor import basket as bk
from monitor import budget as bm
from monitor import registry
from monitor.filters import QUERY_KEYS, Filters, filters_from_query
from monitor.queries import Source

# A long run of digits (a number too large for any type) built from a random
# head and a length: drawing it through a regex made most of this file's time.
def digits(min_size: int, max_size: int):
    return st.builds(lambda head, n: (head + "0" * n)[:max_size],
                     st.text("0123456789", min_size=1, max_size=12), st.integers(min_size, max_size))


NASTY = st.one_of(
    st.text(max_size=60),
    digits(300, 5000),
    st.sampled_from(["!!!", "", " ", "-1", "1e9999", "NaN", "9" * 5000, "[k](https://e.nl)",
                     "![p](https://e.nl/p.png)", "<script>x</script>", "2024-02-30", "\x00",
                     "seed", "begroting/!!!", "1/totaal/!!!", "%00", "‮"]))
PARAM = st.one_of(st.sampled_from(sorted(QUERY_KEYS)), st.text(max_size=12))
OPTIONS = {"peildatum": [dt.date(2024, 12, 31), dt.date(2025, 6, 30)],
           "gemeenten": ["GM0935", "GM0938"], "doelgroep": ["Asielstatushouder"]}


def _dutch(notices) -> None:
    assert all(isinstance(n, str) and n for n in notices)
    assert not [n for n in notices if "Traceback" in n or "Error" in n]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(PARAM, st.one_of(NASTY, st.lists(NASTY, max_size=3)), max_size=6))
def test_any_filter_parameter_is_read_or_refused(params):
    f, notices = filters_from_query(params, OPTIONS)
    assert isinstance(f, Filters)
    _dutch(notices)


SCENARIO_KEY = st.one_of(
    st.builds(lambda n, field: f"s{n}.{field}",
              st.one_of(st.integers(-5, 9), digits(4, 5000)),
              st.one_of(st.sampled_from(sorted(bm.INPUT_SPECS) + ["naam", "actueel"]),
                        st.text(max_size=10))),
    st.just("scenarios"))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(SCENARIO_KEY, NASTY, max_size=6))
def test_any_scenario_parameter_is_read_or_refused(params):
    scenarios, notices = bm.scenarios_from_query(params)
    assert 1 <= len(scenarios) <= bm.MAX_SCENARIOS
    assert all(len(sc.name) <= bm.NAME_LIMIT for sc in scenarios)
    _dutch(notices)


@pytest.fixture(scope="module")
def source(demo_store):
    return Source(demo_store[0])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(NASTY, st.builds(lambda k, a: f"{k}/{a}", st.sampled_from(
    sorted(registry.KINDS)), NASTY)), max_size=4))
def test_any_basket_key_is_rebuilt_or_skipped(source, raw):
    keys = bk.parse(",".join(raw))
    built, missing = bk.rebuild_all(keys, source, Filters(peildatum=dt.date(2025, 1, 1)))
    assert len(built) + len(missing) == len(keys)
