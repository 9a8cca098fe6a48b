"""monitor.compare: funnel limits, overdispersion, ranks, indirect
standardisation and nearest neighbours, against hand computations."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from monitor import compare as cmp


def _cdf(r: int, n: int, p: Fraction) -> Fraction:
    """P(R <= r) for R ~ Binomial(n, p), exactly, from the binomial sum."""
    return sum((math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(0, r + 1)),
               Fraction(0))


def _spiegelhalter(n: int, p: Fraction, prob: Fraction) -> float:
    """Spiegelhalter (2005), appendix A.1.1, written out: the smallest r with
    P(R <= r) >= prob, interpolated by a = (F(r) - prob) / (F(r) - F(r-1))."""
    r = next(r for r in range(n + 1) if _cdf(r, n, p) >= prob)
    f, f1 = _cdf(r, n, p), (_cdf(r - 1, n, p) if r > 0 else Fraction(0))
    a = (f - prob) / (f - f1)
    # at r = 0 the interpolation runs below zero; a share is at least 0
    return max(0.0, float((r - a) / n))


def test_binomial_limit_by_hand_n10():
    # n = 10, θ0 = 0,5: F(7) = 968/1024, F(8) = 1013/1024, so the 97,5% limit
    # is (8 - (1013-998,4)/(1013-968)) / 10 = 0,76756; F(1) = 11/1024,
    # F(2) = 56/1024: the 2,5% limit is (2 - (56-25,6)/45) / 10 = 0,13244.
    assert cmp.binomial_limit(0.5, 10, 0.975) == pytest.approx(0.767556, abs=1e-6)
    assert cmp.binomial_limit(0.5, 10, 0.025) == pytest.approx(0.132444, abs=1e-6)


@pytest.mark.parametrize("n", [12, 60, 250])
@pytest.mark.parametrize("prob", ["1/1000", "1/40", "39/40", "999/1000"])
def test_binomial_limits_at_three_denominators(n, prob):
    theta = Fraction(3, 10)
    expected = _spiegelhalter(n, theta, Fraction(prob))
    assert cmp.binomial_limit(0.3, n, float(Fraction(prob))) == pytest.approx(expected, abs=1e-9)


def test_limits_narrow_with_n_and_approach_the_normal_limit():
    lim = cmp.limits(0.3, np.array([12, 60, 250, 5000]))
    width = lim["hi998"] - lim["lo998"]
    assert list(width) == sorted(width, reverse=True)
    assert (lim["lo998"] < lim["lo95"]).all() and (lim["hi95"] < lim["hi998"]).all()
    # at n = 5000 the exact limit is within 0,3 percentage point of θ0 ± z·se
    se = math.sqrt(0.3 * 0.7 / 5000)
    assert lim["hi998"][-1] == pytest.approx(0.3 + 3.090232 * se, abs=0.003)
    assert lim["lo95"][-1] == pytest.approx(0.3 - 1.959964 * se, abs=0.003)


def _overdispersed():
    # 20 gemeenten of 400 persons whose shares really differ (0,30 / 0,50
    # alternating), and one at 0,55: chance alone would call that one higher
    shares = [0.30, 0.50] * 10 + [0.55]
    return pd.DataFrame({"gemeentecode": [f"GM{i:04d}" for i in range(21)],
                         "naam": [f"G{i}" for i in range(21)],
                         "share": shares, "denominator": [400] * 21})


def test_overdispersion_widens_and_changes_a_verdict():
    df = _overdispersed()
    theta = float((df["share"] * df["denominator"]).sum() / df["denominator"].sum())
    chance = cmp.limits(theta, [400])
    assert cmp.verdict(0.55, chance["lo998"][0], chance["hi998"][0]) == cmp.HIGHER
    f = cmp.funnel(df)
    assert f.dispersion.widened and f.dispersion.p_value < 0.001 and f.dispersion.tau2 > 0
    last = f.points.iloc[-1]
    assert last["oordeel"] == cmp.WITHIN
    assert last["hi998"] > chance["hi998"][0]
    assert "verbreed" in f.dispersion.text()


def test_no_widening_without_overdispersion():
    df = pd.DataFrame({"gemeentecode": ["A", "B", "C", "D", "E"], "naam": list("ABCDE"),
                       "share": [0.40, 0.42, 0.38, 0.41, 0.39],
                       "denominator": [100, 120, 90, 200, 150]})
    f = cmp.funnel(df)
    assert not f.dispersion.widened
    assert set(f.points["oordeel"]) == {cmp.WITHIN}
    # the reference is the pooled share of the gemeenten shown
    assert f.reference == pytest.approx((df["share"] * df["denominator"]).sum() / 660)
    assert "exact binomiaal" in f.dispersion.text()


def test_indirect_standardisation_by_hand():
    # reference: stratum A 60 of 100, stratum B 20 of 100 (crude 40%)
    # gemeente: 10 persons in A, 30 in B, 12 with the outcome (30%)
    # E = (10·0,6 + 30·0,2) / 40 = 0,30; var = 10·0,6·0,4 + 30·0,2·0,8 = 7,2
    # sd = √7,2 / 40 = 0,067082; limits 0,30 ± 1,959964·0,067082
    ref = pd.DataFrame({"s": ["A", "B"], "numerator": [60, 20], "denominator": [100, 100]})
    own = pd.DataFrame({"s": ["A", "B"], "numerator": [5, 7], "denominator": [10, 30]})
    e = cmp.expected_share(own, ref, ["s"])
    assert e.expected == pytest.approx(0.30)
    assert e.observed == pytest.approx(0.30)
    assert e.low == pytest.approx(0.30 - 1.959964 * math.sqrt(7.2) / 40, abs=1e-6)
    assert e.high == pytest.approx(0.30 + 1.959964 * math.sqrt(7.2) / 40, abs=1e-6)
    assert e.verdict() == cmp.WITHIN  # while the crude 40% would call 30% low
    assert e.strata == 2


def test_standardisation_missing_stratum_takes_the_overall_share():
    ref = pd.DataFrame({"s": ["A"], "numerator": [30], "denominator": [100]})
    own = pd.DataFrame({"s": ["A", "B"], "numerator": [3, 9], "denominator": [10, 10]})
    e = cmp.expected_share(own, ref, ["s"])
    assert e.expected == pytest.approx(0.30)
    assert e.observed == pytest.approx(0.60)
    assert e.verdict() == cmp.HIGHER


def test_rank_interval_is_deterministic_and_contains_the_rank():
    y, n = [0.05, 0.30, 0.50, 0.40, 0.45], [50, 60, 70, 80, 30]
    a = cmp.ranks(y, n)
    b = cmp.ranks(y, n)
    assert a == b
    assert [r.rank for r in a] == [5, 4, 1, 3, 2]
    for r in a:
        assert 1 <= r.low <= r.rank <= r.high <= 5 and r.of == 5
    # a big clear gap: the lowest is last in every draw
    assert a[0].text() == "5e van 5"
    lower_first = cmp.ranks(y, n, higher_first=False)
    assert lower_first[0].rank == 1
    assert "–" in cmp.Rank(5, 3, 9, 15).text() and cmp.Rank(5, 3, 9, 15).text() == "3e–9e van 15"


FEATURES = [cmp.Feature("a", "A", ("a",), 1.0), cmp.Feature("mix", "Mix", ("m1", "m2"), 1.0)]


def _table():
    return pd.DataFrame({"a": [1.0, 2.0, 3.0, 10.0, 11.0, 2.0],
                         "m1": [0.5, 0.5, 0.4, 0.1, 0.1, 0.5],
                         "m2": [0.5, 0.5, 0.6, 0.9, 0.9, 0.5]},
                        index=["G1", "G2", "G3", "G4", "G5", "G6"])


def test_nearest_is_deterministic_and_never_itself():
    t = _table()
    for code in t.index:
        nb = cmp.nearest(t, code, 3, FEATURES)
        assert code not in nb.codes and len(nb.codes) == 3
        assert list(nb.distances) == sorted(nb.distances)
        assert cmp.nearest(t, code, 3, FEATURES) == nb
    # G2 and G6 are identical: each other's nearest, at distance 0
    assert cmp.nearest(t, "G2", 1, FEATURES).codes == ("G6",)
    assert cmp.nearest(t, "G6", 1, FEATURES).distances == (0.0,)
    # the far pair stays together
    assert cmp.nearest(t, "G4", 1, FEATURES).codes == ("G5",)


def test_weights_change_the_neighbours():
    t = pd.DataFrame({"a": [0.0, 1.0, 0.0], "m1": [0.0, 0.0, 1.0], "m2": [0.0, 0.0, 0.0]},
                     index=["X", "Y", "Z"])
    only_a = [cmp.Feature("a", "A", ("a",), 1.0), cmp.Feature("mix", "Mix", ("m1", "m2"), 0.0)]
    only_mix = [cmp.Feature("a", "A", ("a",), 0.0), cmp.Feature("mix", "Mix", ("m1", "m2"), 1.0)]
    assert cmp.nearest(t, "X", 1, only_a).codes == ("Z",)
    assert cmp.nearest(t, "X", 1, only_mix).codes == ("Y",)


def test_default_k():
    assert cmp.default_k(5) == 4
    assert cmp.default_k(342) == 15


def test_limits_stay_within_0_and_100_percent():
    lim = cmp.limits(0.01, np.array([10, 50, 400]))
    assert (lim["lo998"] >= 0).all() and (lim["hi998"] <= 1).all()
    lim = cmp.limits(0.995, np.array([10, 50, 400]))
    assert (lim["hi998"] <= 1).all()


def test_choice_round_trips_through_its_key():
    c = cmp.Choice("werk.duaal_pct", "GM0935", "vergelijkbaar", (("herkomst", 1.0),
                                                                 ("leerroute", 0.5)), 4)
    assert cmp.Choice.from_key_arg(c.key_arg()) == c
    assert cmp.Choice.from_key_arg("werk.duaal_pct~GM0935~alle").k is None
    with pytest.raises(ValueError):
        cmp.Choice.from_key_arg("werk.duaal_pct~GM0935~onbekend")
