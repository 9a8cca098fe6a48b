"""The breakdown decision behind a filter (monitor.indicators.
_hidden_in_breakdown): taken a few indicators at a time, it must equal the
decision over all at once; and the app takes the one every gemeente choice
shares once per store version in the background (warm), where a user's
first pick of a gemeente must then find it."""

import pytest

from monitor import indicators as ind
from monitor import store
from monitor.filters import Filters


# Only the breakdown by gemeente is taken in chunks (the others are small).
@pytest.mark.parametrize("others", [
    {},
    {"geslacht": ("V",)},
    {"doelgroep": ("Asielstatushouder",)},
    {"land_van_herkomst": ("Overig",)},
])
@pytest.mark.parametrize("chunk", [1, 3, 8])
def test_decision_in_chunks_equals_the_decision_at_once(demo_store, monkeypatch, others, chunk):
    db = demo_store[0]
    version = store.store_version(db)
    dimension = "gemeentecode"
    others = Filters(peildatum=ind.latest_peildatum(db), **others)

    def decided(size):
        monkeypatch.setattr(ind, "DECISION_CHUNK", size)
        ind._hidden_in_breakdown.cache_clear()
        out = ind._hidden_in_breakdown(others, (), dimension, db, version).astype(str)
        return out.sort_values(list(out.columns)).reset_index(drop=True)

    at_once = decided(10_000)
    assert len(at_once) > 0  # the demo hides members in each of these breakdowns
    assert decided(chunk).equals(at_once)


def test_warm_leaves_the_gemeente_decision_for_any_later_pick(demo_store):
    db = demo_store[0]
    ind._hidden_in_breakdown.cache_clear()
    ind.warm(db)
    codes = list(ind.gemeente_namen(db))
    before = ind._hidden_in_breakdown.cache_info()
    # what the sidebar sends: the latest peildatum and another gemeente
    ind.headline(Filters(peildatum=ind.latest_peildatum(db), gemeenten=(codes[-1],)), path=db)
    after = ind._hidden_in_breakdown.cache_info()
    assert after.hits == before.hits + 1
    assert after.misses == before.misses


def test_warm_decides_as_a_cold_call_would(demo_store):
    db = demo_store[0]
    f = Filters(peildatum=ind.latest_peildatum(db), gemeenten=(list(ind.gemeente_namen(db))[-1],))
    ind._hidden_in_breakdown.cache_clear()
    cold = ind.headline(f, path=db)
    ind._hidden_in_breakdown.cache_clear()
    ind.warm(db)
    warmed = ind.headline(f, path=db)
    assert cold.equals(warmed)
