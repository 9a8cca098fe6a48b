"""The app takes the decision every gemeente choice shares once per store
version in the background (monitor.indicators.warm): a user's first pick of
a gemeente must then find it instead of computing it again."""

from monitor import indicators as ind
from monitor.filters import Filters


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
