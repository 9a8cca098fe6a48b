"""The breakdown decision behind a filter (monitor.indicators.
_hidden_in_breakdown): taken a few indicators at a time, it must equal the
decision over all at once; and the app takes the one every gemeente choice
shares once per store version in the background (warm), where a user's
first pick of a gemeente must then find it."""

import pandas as pd
import pytest

from monitor import indicators as ind
from monitor import store
from monitor.filters import Filters


# Only the breakdown by gemeente is taken in chunks (the others are small).
# Chunks of 3, and of 8 (the app's); one indicator per chunk is taken once,
# without a filter: under a filter it is the same split, with a scan of the
# filtered cube per indicator.
FILTERS = [{}, {"geslacht": ("V",)}, {"doelgroep": ("Asielstatushouder",)},
           {"land_van_herkomst": ("Overig",)}]


@pytest.mark.parametrize("others,chunk", [({}, 1)] + [(o, c) for o in FILTERS for c in (3, 8)])
def test_decision_in_chunks_equals_the_decision_at_once(demo_store, monkeypatch, others, chunk):
    db = demo_store[0]
    version = store.store_version(db)
    dimension = "gemeentecode"
    others = Filters(peildatum=ind.latest_peildatum(db), **others)

    def decided(size):
        monkeypatch.setattr(ind, "DECISION_CHUNK", size)
        monkeypatch.setattr(ind, "DECISION_CHUNK_FILTERED", size)
        ind._hidden_in_breakdown.cache_clear()
        out = ind._hidden_in_breakdown(others, (), dimension, db, version).astype(str)
        return out.sort_values(list(out.columns)).reset_index(drop=True)

    at_once = decided(10_000)
    assert len(at_once) > 0  # the demo hides members in each of these breakdowns
    assert decided(chunk).equals(at_once)


def _cold():
    for cached in (ind._hidden_in_breakdown, ind._family_chunk):
        cached.cache_clear()


def test_warm_decides_as_cold_calls_would_and_leaves_any_later_pick_warm(demo_store,
                                                                        monkeypatch):
    """One warm-up (minutes on a busy machine) for both halves: what the
    sidebar sends after it (the default peildatum and another gemeente, then
    a person filter under it) finds its families decided, and is what the
    same calls give on a cold process. Decided here, not read from the
    decisions another process kept (tests/test_decisions.py)."""
    monkeypatch.setenv("MONITOR_DECISIONS", "0")
    db = demo_store[0]
    codes = list(ind.gemeente_namen(db))
    picks = [Filters(peildatum=ind.default_peildatum(db), gemeenten=(codes[-1],)),
             Filters(peildatum=ind.default_peildatum(db), gemeenten=(codes[-1],), geslacht=("V",))]
    _cold()
    cold = [ind.headline(f, path=db) for f in picks]
    _cold()
    ind.warm(db)
    warmed = []
    for f in picks:
        before = ind._family_chunk.cache_info()
        warmed.append(ind.headline(f, path=db))
        after = ind._family_chunk.cache_info()
        # the gemeente's family, and under the person filter also that of
        # geslacht: every chunk the headline reads is found decided
        assert after.hits > before.hits and after.misses == before.misses
    for c, w in zip(cold, warmed):
        assert c.equals(w)


@pytest.mark.parametrize("dimension,others", [
    ("gemeentecode", {}),
    ("gemeentecode", {"geslacht": ("V",)}),
    ("leeftijdsgroep", {"gemeenten": "first"}),
])
def test_the_decision_reads_medians_as_their_persons_only(demo_store, dimension, others):
    """The decision asks cube_cells for no medians ($values false); every
    cell must be decided as over the full values the pages show."""
    db = demo_store[0]
    if others.get("gemeenten") == "first":
        others = {"gemeenten": (list(ind.gemeente_namen(db))[0],)}
    others = Filters(peildatum=ind.latest_peildatum(db), **others)

    def decided(values):
        total = ind._cells(others, path=db, values=values).assign(is_total=True, member=None)
        parts = ind._cells(others, dimension=dimension, path=db,
                           values=values).assign(is_total=False)
        both = pd.concat([total, parts], ignore_index=True)
        both["key_group"] = ind._key_group(both["key"])
        hide = ind.suppressed_mask(both, group_by=["indicator_id", "peildatum", "key_group"],
                                   member="member")
        return both.assign(hide=hide, peildatum=pd.to_datetime(both["peildatum"]).dt.date)

    full, counted = decided(True), decided(False)
    medians = full["eenheid"].isin(["dagen", "uren"])
    assert medians.any() and full.loc[medians, "hide"].any() and not full.loc[medians, "hide"].all()
    assert full["value"].notna().any() and counted.loc[medians.to_numpy(), "value"].isna().all()
    key = ["indicator_id", "peildatum", "key_group", "member", "is_total"]
    assert full[key + ["hide"]].astype(str).equals(counted[key + ["hide"]].astype(str))
