"""Comparing gemeenten honestly: funnel limits, overdispersion, ranks with
their uncertainty, indirect standardisation and nearest neighbours.

Pure functions over tables that already passed monitor.disclosure: a
gemeente whose figure is hidden there never enters a limit, a reference, a
rank or a neighbour's expected value here, so no comparison can give back a
hidden count (a group's reference is the pooled value of the gemeenten shown
in it, which anyone could add up from the points).

Shares are proportions on a 0-1 scale inside this module; the pages and the
export get them on the indicator's 0-100 scale.

Methods (Spiegelhalter, "Funnel plots for comparing institutional
performance", Statistics in Medicine 24, 2005):
- control limits around the group's value θ0 for a unit of n persons: exact
  binomial with the interpolation of the paper's appendix A.1.1;
- overdispersion: z-scores winsorised at 10% / 90%, φ = mean z², tested as
  I·φ against χ² on I-1 degrees of freedom (θ0 is estimated from the units);
  where the test is clear (p < 0,05) the limits are widened by an additive
  random-effects model (τ² by the method of moments, section 4.2): a unit
  is then compared with the spread gemeenten really show, not with chance
  alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

P95 = (0.025, 0.975)
P998 = (0.001, 0.999)
OVERDISPERSION_ALPHA = 0.05
WINSOR = 0.10
BOOTSTRAP = 2000
SEED = 20050101  # fixed: the same data give the same rank interval on every render

HIGHER = "hoger"
LOWER = "lager"
WITHIN = "binnen"
VERDICT_TEXT = {HIGHER: "duidelijk hoger dan verwacht", LOWER: "duidelijk lager dan verwacht",
                WITHIN: "binnen wat toeval verklaart"}


# --- control limits -------------------------------------------------------------------

def binomial_limit(theta: float, n, prob: float) -> np.ndarray:
    """The `prob` quantile of an observed proportion over n persons when the
    true one is theta, interpolated as in Spiegelhalter (2005), A.1.1:
    r = the smallest r with P(R <= r) >= prob; a = (P(R <= r) - prob) /
    (P(R <= r) - P(R <= r-1)); the limit is (r - a) / n."""
    n = np.asarray(n, dtype=float)
    r = stats.binom.ppf(prob, n, theta)
    upper = stats.binom.cdf(r, n, theta)
    lower = stats.binom.cdf(r - 1, n, theta)
    step = upper - lower
    a = np.divide(upper - prob, step, out=np.zeros_like(step), where=step > 0)
    return (r - a) / n


def normal_limit(theta: float, n, z: float, tau2: float = 0.0, phi: float = 1.0) -> np.ndarray:
    """theta + z * sqrt(phi * theta(1-theta)/n + tau2): the normal limit,
    optionally widened multiplicatively (phi) or additively (tau2)."""
    n = np.asarray(n, dtype=float)
    return theta + z * np.sqrt(phi * theta * (1 - theta) / n + tau2)


@dataclass(frozen=True)
class Dispersion:
    units: int
    phi: float  # winsorised mean squared z-score
    p_value: float | None
    tau2: float  # between-gemeente variance of the additive model (0 if not widened)
    widened: bool

    def text(self) -> str:
        if self.units < 3 or self.p_value is None:
            return ("Te weinig gemeenten om te toetsen of ze onderling meer verschillen dan "
                    "toeval verklaart; de grenzen zijn die van toeval alleen (exact binomiaal).")
        if self.widened:
            return (f"De gemeenten verschillen onderling meer dan toeval verklaart "
                    f"(overdispersie: φ = {_nl(self.phi, 2)}, p = {_p_text(self.p_value)}). "
                    "Daarom zijn de grenzen verbreed met een additief random-effectsmodel "
                    f"(τ = {_nl(100 * math.sqrt(self.tau2), 1)} procentpunt; Spiegelhalter 2005): "
                    "een gemeente valt pas op als zij ook buiten die gewone spreiding ligt.")
        return (f"De gemeenten verschillen onderling niet meer dan toeval verklaart "
                f"(φ = {_nl(self.phi, 2)}, p = {_p_text(self.p_value)}); de grenzen zijn exact "
                "binomiaal.")


def _nl(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}".replace(".", ",")


def _p_text(p: float) -> str:
    return "< 0,001" if p < 0.001 else _nl(p, 3)


def dispersion(y, n, theta: float, alpha: float = OVERDISPERSION_ALPHA) -> Dispersion:
    """Spiegelhalter (2005) section 4: winsorised z-scores, φ, the χ² test and
    the additive model's τ² (0 when the test does not call for widening)."""
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    units = len(y)
    if units < 3 or not 0 < theta < 1:
        return Dispersion(units, float("nan"), None, 0.0, False)
    s2 = theta * (1 - theta) / n
    z = (y - theta) / np.sqrt(s2)
    lo, hi = np.quantile(z, [WINSOR, 1 - WINSOR])
    z = np.clip(z, lo, hi)
    phi = float(np.mean(z ** 2))
    p_value = float(stats.chi2.sf(units * phi, units - 1))
    widened = p_value < alpha
    tau2 = 0.0
    if widened:
        w = 1 / s2
        tau2 = max(0.0, (units * phi - (units - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
        widened = tau2 > 0
    return Dispersion(units, phi, p_value, tau2, widened)


def limits(theta: float, n, disp: Dispersion | None = None) -> dict[str, np.ndarray]:
    """95% and 99,8% limits (proportions) for units of n persons: exact
    binomial, or normal with the additive widening where disp says so."""
    n = np.asarray(n, dtype=float)
    out = {}
    for name, (lo, hi) in (("95", P95), ("998", P998)):
        if disp is not None and disp.widened:
            z = stats.norm.ppf(hi)
            out[f"lo{name}"] = np.clip(normal_limit(theta, n, -z, disp.tau2), 0, 1)
            out[f"hi{name}"] = np.clip(normal_limit(theta, n, z, disp.tau2), 0, 1)
        else:
            out[f"lo{name}"] = binomial_limit(theta, n, lo)
            out[f"hi{name}"] = binomial_limit(theta, n, hi)
    return out


def verdict(y: float, lo998: float, hi998: float) -> str:
    """Outside the 99,8% limits is clearly higher or lower; else chance."""
    if y > hi998:
        return HIGHER
    if y < lo998:
        return LOWER
    return WITHIN


# --- ranks ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Rank:
    rank: int
    low: int
    high: int
    of: int

    def text(self) -> str:
        span = f"{self.low}e" if self.low == self.high else f"{self.low}e–{self.high}e"
        return f"{span} van {self.of}"


def ranks(y, n, higher_first: bool = True, draws: int = BOOTSTRAP,
          seed: int = SEED) -> list[Rank]:
    """Rank (1 = highest when higher_first) and its 95% interval by a
    parametric bootstrap: each gemeente's share drawn again from a binomial
    over its own persons, ranked, and the 2,5% and 97,5% points taken. Ties
    share the middle rank. Deterministic for a fixed seed."""
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    m = len(y)
    if m == 0:
        return []
    rng = np.random.default_rng(seed)
    sims = rng.binomial(n.astype(np.int64)[None, :], np.clip(y, 0, 1)[None, :],
                        size=(draws, m)) / n[None, :]
    sign = -1 if higher_first else 1
    sim_ranks = stats.rankdata(sign * sims, axis=1, method="average")
    point = stats.rankdata(sign * y, method="average")
    lo = np.floor(np.quantile(sim_ranks, 0.025, axis=0)).astype(int)
    hi = np.ceil(np.quantile(sim_ranks, 0.975, axis=0)).astype(int)
    out = []
    for i in range(m):
        r = int(math.floor(point[i] + 0.5))
        out.append(Rank(r, int(min(lo[i], r)), int(max(hi[i], r)), m))
    return out


# --- indirect standardisation -----------------------------------------------------------

@dataclass(frozen=True)
class Expected:
    expected: float  # proportion expected from the gemeente's own mix
    observed: float
    persons: float
    low: float  # 95% limits of chance around the expected value
    high: float
    strata: int  # strata with persons in the gemeente

    def verdict(self) -> str:
        return HIGHER if self.observed > self.high else LOWER if self.observed < self.low \
            else WITHIN


def expected_share(own: pd.DataFrame, reference: pd.DataFrame, strata: list[str]) -> Expected | None:
    """Indirect standardisation: the share the gemeente would have if each of
    its strata had the reference group's share in that stratum,
    E = Σ n_s p_s / Σ n_s, with 95% limits of chance from the binomial
    variance Σ n_s p_s (1 - p_s). `own` and `reference` have the strata
    columns and numerator / denominator. A stratum the reference lacks takes
    the reference's overall share."""
    own = own[own["denominator"] > 0]
    if own.empty or reference["denominator"].sum() <= 0:
        return None
    ref = reference.groupby(strata, dropna=False)[["numerator", "denominator"]].sum()
    overall = reference["numerator"].sum() / reference["denominator"].sum()
    mine = own.groupby(strata, dropna=False)[["numerator", "denominator"]].sum()
    rate = (ref["numerator"] / ref["denominator"]).where(ref["denominator"] > 0)
    p = rate.reindex(mine.index).fillna(overall).to_numpy(dtype=float)
    ns = mine["denominator"].to_numpy(dtype=float)
    total = ns.sum()
    e = float((ns * p).sum() / total)
    sd = math.sqrt(float((ns * p * (1 - p)).sum())) / total
    z = stats.norm.ppf(0.975)
    return Expected(e, float(mine["numerator"].sum() / total), total,
                    max(0.0, e - z * sd), min(1.0, e + z * sd), int((ns > 0).sum()))


# --- nearest neighbours ----------------------------------------------------------------

@dataclass(frozen=True)
class Feature:
    key: str
    label: str
    columns: tuple[str, ...]  # a mix (countries, leerroutes) is several columns, one weight
    weight: float = 1.0


@dataclass(frozen=True)
class Neighbours:
    focal: str
    codes: tuple[str, ...]
    distances: tuple[float, ...]
    features: tuple[Feature, ...] = field(default_factory=tuple)


def standardised(table: pd.DataFrame) -> pd.DataFrame:
    """Each column as z-scores over the gemeenten (a missing value is the
    mean, a constant column 0): features on different scales weigh alike."""
    out = table.astype(float)
    out = out.fillna(out.mean())
    sd = out.std(ddof=0).replace(0, np.nan)
    return ((out - out.mean()) / sd).fillna(0.0)


def nearest(table: pd.DataFrame, focal: str, k: int, features: list[Feature]) -> Neighbours:
    """The k gemeenten nearest to `focal` (never itself) on the weighted
    standardised features; a mix of several columns shares its feature's
    weight among them. Ties go to the lower code, so the answer is the same
    for the same region file and data."""
    cols = [c for f in features for c in f.columns if c in table.columns]
    if focal not in table.index or not cols:
        return Neighbours(focal, (), (), tuple(features))
    z = standardised(table[cols])
    weights = pd.Series(0.0, index=cols)
    for f in features:
        mine = [c for c in f.columns if c in table.columns]
        for c in mine:
            weights[c] += max(0.0, float(f.weight)) / len(mine)
    diff = z.sub(z.loc[focal], axis=1)
    dist = np.sqrt((diff ** 2 * weights).sum(axis=1))
    dist = dist.drop(index=focal)
    order = sorted(dist.index, key=lambda c: (round(float(dist[c]), 12), c))[:max(0, k)]
    return Neighbours(focal, tuple(order), tuple(float(dist[c]) for c in order), tuple(features))


def default_k(gemeenten: int) -> int:
    """In a region of five the other four; nationally 15 (as Fingertips)."""
    return max(0, min(15, gemeenten - 1))


# --- one funnel ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Funnel:
    """One indicator compared within one group: the shown gemeenten with
    their limits and verdicts, the group's value, the dispersion decision and
    how many gemeenten of the group are not shown."""
    points: pd.DataFrame  # gemeentecode, naam, numerator, denominator, share, lo95..hi998, oordeel, rank
    reference: float | None  # proportion
    dispersion: Dispersion | None
    hidden: int
    curve: pd.DataFrame  # n, lo95, hi95, lo998, hi998 for drawing


def funnel(shown: pd.DataFrame, hidden: int = 0, higher_first: bool = True,
           curve_points: int = 120) -> Funnel:
    """`shown`: one row per gemeente of the group whose share is shown
    (columns gemeentecode, naam, share (0-1), denominator). The reference is
    their pooled share."""
    pts = shown[shown["denominator"].astype(float) > 0].copy()
    if pts.empty:
        return Funnel(pts, None, None, hidden, pd.DataFrame())
    n = pts["denominator"].to_numpy(dtype=float)
    y = pts["share"].to_numpy(dtype=float)
    theta = float((y * n).sum() / n.sum())
    disp = dispersion(y, n, theta)
    if 0 < theta < 1:
        lim = limits(theta, n, disp)
    else:
        # everyone or no one: no spread to speak of, every point on the reference
        lim = {k: np.full(len(n), theta) for k in ("lo95", "hi95", "lo998", "hi998")}
    for key, values in lim.items():
        pts[key] = values
    pts["oordeel"] = [verdict(v, lo, hi) for v, lo, hi in zip(y, pts["lo998"], pts["hi998"])]
    pts["buiten_95"] = (y > pts["hi95"]) | (y < pts["lo95"])
    rk = ranks(y, n, higher_first=higher_first)
    pts["rang"] = [r.rank for r in rk]
    pts["rang_tekst"] = [r.text() for r in rk]
    grid = np.unique(np.round(np.geomspace(max(2.0, n.min() * 0.8), n.max() * 1.15,
                                           curve_points)))
    if 0 < theta < 1:
        curve = pd.DataFrame({"n": grid, **limits(theta, grid, disp)})
    else:
        curve = pd.DataFrame()
    return Funnel(pts.reset_index(drop=True), theta, disp, hidden, curve)
