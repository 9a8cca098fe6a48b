"""monitor.compare: funnel limits, overdispersion, ranks, indirect
standardisation and nearest neighbours, against hand computations."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- counts per 1.000 inhabitants: Poisson limits ------------------------------------------

def _poisson_cdf(r: int, mu: float) -> float:
    """P(R <= r) for R ~ Poisson(mu), from the sum e^-mu mu^k / k! (each
    term from the one before, so no power overflows)."""
    term, total = math.exp(-mu), 0.0
    for k in range(0, r + 1):
        total += term
        term *= mu / (k + 1)
    return total


def _spiegelhalter_poisson(rate: float, population: int, prob: float) -> float:
    """Spiegelhalter (2005), appendix A.1.2, written out: the smallest count
    r with P(R <= r) >= prob, interpolated as for the binomial, over the
    population; a rate is at least 0."""
    mu = rate * population
    r = next(r for r in range(10_000) if _poisson_cdf(r, mu) >= prob)
    f, f1 = _poisson_cdf(r, mu), _poisson_cdf(r - 1, mu)
    return max(0.0, (r - (f - prob) / (f - f1)) / population)


def test_poisson_limit_by_hand_two_expected():
    # 1 per 1.000 inhabitants, 2.000 inhabitants: 2 expected. F(4) = 0,947347,
    # F(5) = 0,983436, so the 97,5% limit is (5 - (0,983436-0,975)/0,036089)
    # / 2000 = 0,0023831: 2,38 per 1.000. F(7) = 0,998903, F(8) = 0,999763:
    # the 99,9% limit is (8 - 0,000763/0,000860) / 2000 = 3,56 per 1.000.
    # F(0) = 0,135335 > 0,025: the lower limit runs below 0 and is 0.
    assert 1000 * cmp.poisson_limit(0.001, 2000, 0.975) == pytest.approx(2.3831, abs=1e-3)
    assert 1000 * cmp.poisson_limit(0.001, 2000, 0.999) == pytest.approx(3.5564, abs=1e-3)
    assert cmp.poisson_limit(0.001, 2000, 0.025) == 0.0


@pytest.mark.parametrize("population", [4_000, 25_000, 300_000])
@pytest.mark.parametrize("prob", [0.001, 0.025, 0.975, 0.999])
def test_poisson_limits_at_three_populations(population, prob):
    rate = 0.0007  # 0,7 per 1.000 inhabitants, as housed statushouders a year
    expected = _spiegelhalter_poisson(rate, population, prob)
    assert cmp.poisson_limit(rate, population, prob) == pytest.approx(expected, abs=1e-12)


def test_rate_limits_approach_the_normal_limit():
    lim = cmp.limits(0.0007, np.array([5_000, 50_000, 5_000_000]), kind=cmp.RATE)
    width = lim["hi998"] - lim["lo998"]
    assert list(width) == sorted(width, reverse=True)
    se = math.sqrt(0.0007 / 5_000_000)
    assert lim["hi998"][-1] == pytest.approx(0.0007 + 3.090232 * se, rel=0.002)
    assert lim["lo95"][-1] == pytest.approx(0.0007 - 1.959964 * se, rel=0.002)


def _rates(counts, inhabitants):
    return pd.DataFrame({"gemeentecode": [f"GM{i:04d}" for i in range(len(counts))],
                         "naam": [f"G{i}" for i in range(len(counts))],
                         "share": np.array(counts, float) / np.array(inhabitants, float),
                         "denominator": inhabitants, "numerator": counts})


def test_rate_overdispersion_widens_and_changes_a_verdict():
    # 20 gemeenten of 40.000 inhabitants that really differ (16 or 40 housed
    # a year: 0,4 or 1,0 per 1.000), and one at 52 (1,3 per 1.000): chance
    # alone (Poisson around the pooled 0,7 per 1.000) would call it higher
    df = _rates([16, 40] * 10 + [52], [40_000] * 21)
    theta = df["numerator"].sum() / df["denominator"].sum()
    chance = cmp.limits(theta, [40_000], kind=cmp.RATE)
    assert cmp.verdict(52 / 40_000, chance["lo998"][0], chance["hi998"][0]) == cmp.HIGHER
    f = cmp.funnel(df, kind=cmp.RATE)
    assert f.reference == pytest.approx(theta)
    assert f.dispersion.widened and f.dispersion.tau2 > 0
    assert f.points.iloc[-1]["oordeel"] == cmp.WITHIN
    assert "per 1.000 inwoners" in f.dispersion.text()


def test_rate_without_overdispersion_keeps_exact_limits():
    df = _rates([14, 20, 7, 30], [20_000, 30_000, 10_000, 40_000])
    f = cmp.funnel(df, kind=cmp.RATE)
    assert not f.dispersion.widened and "exact Poisson" in f.dispersion.text()
    theta = 71 / 100_000
    for _, p in f.points.iterrows():
        assert p["hi998"] == pytest.approx(_spiegelhalter_poisson(theta, int(p["denominator"]),
                                                                  0.999), abs=1e-12)


def test_rate_rows_need_inhabitants_and_skip_hidden_counts():
    bg = pd.DataFrame({"member": ["Totaal", "A", "B", "C", "D"],
                       "naam": ["Regio", "A", "B", "C", "D"],
                       "is_total": [True, False, False, False, False],
                       "suppressed": [False, False, True, False, False],
                       "value": [60.0, 30.0, None, 20.0, 8.0],
                       "numerator": [60.0, 30.0, None, 20.0, 8.0],
                       "denominator": [None] * 5})
    inhabitants = pd.Series({"A": 50_000, "B": 5_000, "C": np.nan, "D": 12_000})
    rows, hidden, unknown = cmp.shown_rows(bg, ["A", "B", "C", "D"], cmp.RATE, inhabitants)
    assert list(rows["gemeentecode"]) == ["A", "D"] and hidden == 1 and unknown == 1
    assert list(rows["share"]) == [30 / 50_000, 8 / 12_000]
    comp = cmp.compare_indicator("x", bg, ["A", "B", "C", "D"], "C", "C", "alle", "alle",
                                 kind=cmp.RATE, inhabitants=inhabitants)
    assert comp.focal_unknown and comp.focal_point is None and "inwonertal" in comp.sentence()
    comp = cmp.compare_indicator("x", bg, ["A", "B", "C", "D"], "B", "B", "alle", "alle",
                                 kind=cmp.RATE, inhabitants=inhabitants)
    assert not comp.focal_shown and "niet getoond" in comp.sentence()
    # the group's rate is that of the gemeenten shown: nothing hidden in it
    assert comp.funnel.reference == pytest.approx(38 / 62_000)


# --- medians: order-statistic limits -------------------------------------------------------

def _beta_median_quantile(n: int, prob: float) -> float:
    """The prob quantile of the median of n (odd) uniform draws, from
    P(U_(k) <= u) = P(Binomial(n, u) >= k), k = (n+1)/2, by bisection."""
    k = (n + 1) // 2

    def cdf(u):
        return sum(math.comb(n, j) * u ** j * (1 - u) ** (n - j) for j in range(k, n + 1))
    lo, hi = 0.0, 1.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < prob else (lo, mid)
    return (lo + hi) / 2


def _uniform_days(w: int) -> cmp.Distribution:
    """w persons with 1, 2, ..., w days: F⁻¹(u) = the ceiling of u·w."""
    return cmp.Distribution.of(np.arange(1, w + 1), np.ones(w))


def test_median_limits_by_hand_n9():
    # the median of 9 persons is the 5th: Beta(5, 5), whose 2,5% and 97,5%
    # points are 0,2120 and 0,7880 (P(Bin(9, u) >= 5) = 0,025 / 0,975). Over
    # 100 persons with 1..100 days the limits are the 22nd and 79th value.
    pooled = _uniform_days(100)
    lo, hi = _beta_median_quantile(9, 0.025), _beta_median_quantile(9, 0.975)
    assert lo == pytest.approx(0.2120, abs=5e-4) and hi == pytest.approx(0.7880, abs=5e-4)
    lim = cmp.median_limits(pooled, [9])
    assert lim["lo95"][0] == math.ceil(100 * lo) == 22
    assert lim["hi95"][0] == math.ceil(100 * hi) == 79
    # 99,8%: P(Bin(9, u) >= 5) = 0,001 at u = 0,1025 -> the 11th value
    assert lim["lo998"][0] == math.ceil(100 * _beta_median_quantile(9, 0.001)) == 11
    assert pooled.median() == 50.5  # an even count: the mean of the 50th and 51st


def test_median_limits_never_show_the_four_outermost_values():
    # 30 persons: the 99,8% limits of a median of 11 would be about the 3rd
    # and 28th person; the limit stops at the 5th and 26th value instead
    pooled = _uniform_days(30)
    raw = pooled.quantile(stats_beta_ppf(11, [0.001, 0.999]), guard=False)
    assert raw[0] < 5 and raw[1] > 26
    lim = cmp.median_limits(pooled, [11])
    assert lim["lo998"][0] == 5 and lim["hi998"][0] == 26


def stats_beta_ppf(n, probs):
    from scipy import stats
    return stats.beta.ppf(probs, (n + 1) / 2, (n + 1) / 2)


def _median_rows(groups: dict[str, list[float]]):
    shown = pd.DataFrame({"gemeentecode": list(groups), "naam": list(groups),
                          "share": [float(np.median(v)) for v in groups.values()],
                          "denominator": [float(len(v)) for v in groups.values()]})
    dist = pd.DataFrame([{"gemeentecode": c, "waarde": float(x), "persons": 1.0}
                         for c, v in groups.items() for x in v])
    return shown, dist


def test_median_funnel_judges_a_long_wait_and_leaves_chance_alone():
    # nineteen gemeenten whose waits are drawn from one spread of 60..140
    # days; a twentieth with 25 persons all waiting 200..224 days is clearly
    # higher (winsorised, it alone does not make the group overdispersed)
    rng = np.random.default_rng(1)
    groups = {f"G{i}": list(rng.integers(60, 141, size=41)) for i in range(19)}
    groups["LANG"] = list(range(200, 225))
    shown, dist = _median_rows(groups)
    f = cmp.funnel(shown, kind=cmp.MEDIAN, distributions=dist, higher_first=False)
    pooled = cmp.Distribution.of(dist["waarde"], dist["persons"])
    assert f.reference == pooled.median()
    verdicts = dict(zip(f.points["gemeentecode"], f.points["oordeel"]))
    assert not f.dispersion.widened
    assert verdicts.pop("LANG") == cmp.HIGHER
    assert set(verdicts.values()) == {cmp.WITHIN}
    # lower is better: the long wait ranks last in every draw
    assert f.points.set_index("gemeentecode").loc["LANG", "rang_tekst"] == "20e van 20"
    assert f.dispersion is not None and f.dispersion.kind == cmp.MEDIAN


def test_median_overdispersion_widens():
    # 20 gemeenten of 40 persons: half wait 10..50 days, half 50..90; a
    # gemeente of 40 at 80..96 is outside chance but within that spread
    groups = {f"G{i}": list(np.linspace(10, 50, 40) if i % 2 else np.linspace(50, 90, 40))
              for i in range(20)}
    groups["X"] = list(np.linspace(80, 96, 40))
    shown, dist = _median_rows(groups)
    pooled = cmp.Distribution.of(dist["waarde"], dist["persons"])
    chance = cmp.median_limits(pooled, [40])
    assert cmp.verdict(88.0, chance["lo998"][0], chance["hi998"][0]) == cmp.HIGHER
    f = cmp.funnel(shown, kind=cmp.MEDIAN, distributions=dist)
    assert f.dispersion.widened
    assert f.points.set_index("gemeentecode").loc["X", "oordeel"] == cmp.WITHIN
    assert "percentielpunt" in f.dispersion.text()


def test_median_of_the_distribution_is_the_sql_median():
    # cube_cells.sql: the value at 0-based positions (n-1)//2 and n//2, averaged
    d = cmp.Distribution.of([3, 1, 2, 2, 10], [1, 1, 1, 1, 1])
    assert d.median() == 2.0
    d = cmp.Distribution.of([1, 2, 7, 9], [2, 1, 1, 2])  # 1 1 2 7 9 9
    assert d.median() == 4.5
    assert d.mid_cdf([1, 4.5, 9]) == pytest.approx([1 / 6, 0.5, 5 / 6])


# --- ranks of all draws at once ---------------------------------------------------------------

def test_rank_intervals_equal_ranking_each_draw_alone():
    from scipy import stats
    rng = np.random.default_rng(3)
    sims = rng.integers(0, 6, size=(200, 9)).astype(float)  # many ties
    point = sims.mean(axis=0)
    got = cmp.rank_intervals(point, sims, higher_first=True)
    per_draw = np.vstack([stats.rankdata(-row, method="average") for row in sims])
    lo = np.floor(np.quantile(per_draw, 0.025, axis=0)).astype(int)
    hi = np.ceil(np.quantile(per_draw, 0.975, axis=0)).astype(int)
    pt = stats.rankdata(-point, method="average")
    for i, r in enumerate(got):
        rank = int(math.floor(pt[i] + 0.5))
        assert (r.rank, r.low, r.high) == (rank, min(lo[i], rank), max(hi[i], rank))


# --- disclosure: rates and medians on given rows ----------------------------------------------

@st.composite
def _count_and_median_rows(draw):
    n = draw(st.integers(2, 10))
    codes = [f"GM{1000 + i}" for i in range(n)]
    rows = [{"member": "Totaal", "naam": "Regio", "is_total": True, "suppressed": False,
             "value": None, "numerator": None, "denominator": None}]
    dist, inhabitants = [], {}
    kind = draw(st.sampled_from([cmp.RATE, cmp.MEDIAN]))
    for c in codes:
        hide = draw(st.booleans())
        inhabitants[c] = draw(st.one_of(st.none(), st.integers(2_000, 200_000)))
        if kind == cmp.RATE:
            count = draw(st.integers(0, 300))
            rows.append({"member": c, "naam": c, "is_total": False, "suppressed": hide,
                         "value": None if hide else float(count),
                         "numerator": None if hide else float(count), "denominator": None})
        else:
            days = draw(st.lists(st.integers(0, 400), min_size=10, max_size=60))
            rows.append({"member": c, "naam": c, "is_total": False, "suppressed": hide,
                         "value": None if hide else float(cmp.Distribution.of(
                             days, np.ones(len(days))).median()),
                         "numerator": None, "denominator": None if hide else float(len(days))})
            dist += [{"gemeentecode": c, "waarde": float(x), "persons": 1.0} for x in days]
    return kind, pd.DataFrame(rows), pd.Series(inhabitants, dtype=float), pd.DataFrame(dist)


@given(data=_count_and_median_rows())
@settings(max_examples=30, deadline=None, derandomize=True)
def test_rates_and_medians_never_draw_a_hidden_gemeente(data):
    kind, bg, inhabitants, dist = data
    parts = bg[~bg["is_total"]]
    hidden = set(parts[parts["suppressed"]]["member"])
    members = list(parts["member"])
    for focal in members:
        comp = cmp.compare_indicator("x", bg, members, focal, focal, "alle", "alle", kind=kind,
                                     inhabitants=inhabitants,
                                     distributions=dist if kind == cmp.MEDIAN else None)
        pts = set(comp.funnel.points["gemeentecode"])
        assert not pts & hidden
        assert comp.funnel.hidden == len(hidden)
        if focal in hidden:
            assert comp.focal_point is None
        if comp.funnel.reference is None:
            continue
        if kind == cmp.RATE:
            shown = parts[parts["member"].isin(pts)]
            assert comp.funnel.reference == pytest.approx(
                shown["value"].sum() / inhabitants[list(shown["member"])].sum())
        else:
            # the group's median is that of the shown gemeenten' persons only
            mine = dist[dist["gemeentecode"].isin(pts)]
            assert comp.funnel.reference == cmp.Distribution.of(mine["waarde"],
                                                                mine["persons"]).median()
            # and no limit is one of their four outermost values
            values = np.sort(mine["waarde"].to_numpy())
            for col in ("lo95", "hi95", "lo998", "hi998"):
                assert (comp.funnel.points[col] >= values[4]).all()
                assert (comp.funnel.points[col] <= values[-5]).all()
