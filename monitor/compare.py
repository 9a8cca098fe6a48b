"""Comparing gemeenten honestly: funnel limits, overdispersion, ranks with
their uncertainty, indirect standardisation and nearest neighbours.

Pure functions over tables that already passed monitor.disclosure: a
gemeente whose figure is hidden there never enters a limit, a reference, a
rank or a neighbour's expected value here, so no comparison can give back a
hidden count (a group's reference is the pooled value of the gemeenten shown
in it, which anyone could add up from the points).

Three kinds of figure are compared (the catalogue's `vergelijking` says
which an indicator gets): shares of persons, counts per 1.000 inhabitants
(inhabitants from the region file, only where it gives them) and medians
(over at least the 10 persons disclosure control asks of a shown median).
Inside this module a share is a proportion (0-1), a count a rate per
inhabitant and a median its days; the pages and the export get them on
their own scale (SCALE: 0-100, per 1.000, days).

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
- counts per inhabitant: exact Poisson limits around the group's rate for
  a gemeente of N inhabitants, interpolated as for the binomial (appendix
  A.1.2); the same overdispersion test and widening with var = θ/N.
- medians: order-statistic limits. Were the gemeente's n persons drawn from
  the group's pooled distribution F, their median would be F⁻¹(B) with B
  the median of n uniform draws, B ~ Beta((n+1)/2, (n+1)/2) (exact for odd
  n); the 95% and 99,8% limits are F⁻¹ of that Beta's quantiles, so they
  need no assumption about the shape of F. Overdispersion is tested on the
  same scale: u = the mid-distribution F at the gemeente's median, with
  var(B) = 1/(4(n+2)); widening adds τ² there. A limit is never one of the
  four smallest or largest values of the group (those few persons' own
  values): for a median of 10 or more persons this changes no verdict,
  because five of them lie at or beyond it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
# scipy.special, not scipy.stats: the same functions without seconds of import
# on a page's first render
from scipy import special

from .values import rounded

P95 = (0.025, 0.975)
P998 = (0.001, 0.999)
OVERDISPERSION_ALPHA = 0.05
WINSOR = 0.10
BOOTSTRAP = 1000  # enough for the 2,5% and 97,5% points; nationally 340 gemeenten a draw
SEED = 20050101  # fixed: the same data give the same rank interval on every render

HIGHER = "hoger"
LOWER = "lager"
WITHIN = "binnen"
VERDICT_TEXT = {HIGHER: "duidelijk hoger dan verwacht", LOWER: "duidelijk lager dan verwacht",
                WITHIN: "binnen wat toeval verklaart"}

SHARE = "aandeel"
RATE = "per_1000_inwoners"
MEDIAN = "mediaan"
KINDS = (SHARE, RATE, MEDIAN)  # the page's order: shares first
# from this module's scale to the page's and the export's
SCALE = {SHARE: 100.0, RATE: 1000.0, MEDIAN: 1.0}
# a median's limits stay inside the group's values with this many persons beyond
MIN_PERSONS_BEYOND = 5


# --- control limits -------------------------------------------------------------------

def _binom_cdf(k, n, p) -> np.ndarray:
    """P(R <= k) for R ~ Binomial(n, p); 0 below 0."""
    k = np.asarray(k, dtype=float)
    n = np.rint(np.asarray(n, dtype=float)).astype(np.int64)
    return np.where(k < 0, 0.0, special.bdtr(np.clip(k, 0, n).astype(np.int64), n, p))


def _poisson_cdf(k, mu) -> np.ndarray:
    """P(R <= k) for R ~ Poisson(mu); 0 below 0."""
    k = np.asarray(k, dtype=float)
    return np.where(k < 0, 0.0, special.pdtr(np.maximum(k, 0), mu))


def _lower_bound(cdf, prob: float, top: np.ndarray) -> np.ndarray:
    """The smallest whole r in [0, top] with cdf(r) >= prob (cdf(top) >=
    prob), element-wise, by bisection: a discrete quantile."""
    lo = np.zeros_like(np.asarray(top, dtype=float))
    hi = np.asarray(top, dtype=float) + lo
    while np.any(lo < hi):
        mid = np.floor((lo + hi) / 2)
        ok = cdf(mid) >= prob
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid + 1)
    return hi


def average_ranks(x) -> np.ndarray:
    """1 = smallest, ties sharing the middle rank, along the last axis."""
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, axis=-1, kind="stable")
    sx = np.take_along_axis(x, order, axis=-1)
    m = x.shape[-1]
    idx = np.broadcast_to(np.arange(m), x.shape)
    starts = np.ones(x.shape, dtype=bool)
    starts[..., 1:] = sx[..., 1:] != sx[..., :-1]
    ends = np.ones(x.shape, dtype=bool)
    ends[..., :-1] = starts[..., 1:]
    first = np.maximum.accumulate(np.where(starts, idx, 0), axis=-1)
    last = np.flip(np.minimum.accumulate(np.flip(np.where(ends, idx, m - 1), axis=-1), axis=-1),
                   axis=-1)
    out = np.empty(x.shape)
    np.put_along_axis(out, order, (first + last) / 2 + 1, axis=-1)
    return out


def _quantile_rows(x: np.ndarray, q: float) -> np.ndarray:
    """np.quantile(x, q, axis=0) (linear), by partial sorting only."""
    d = x.shape[0]
    pos = q * (d - 1)
    k = int(math.floor(pos))
    k1 = min(k + 1, d - 1)
    part = np.partition(x, sorted({k, k1}), axis=0)
    return part[k] + (pos - k) * (part[k1] - part[k])


def binomial_limit(theta: float, n, prob: float) -> np.ndarray:
    """The `prob` quantile of an observed proportion over n persons when the
    true one is theta, interpolated as in Spiegelhalter (2005), A.1.1:
    r = the smallest r with P(R <= r) >= prob; a = (P(R <= r) - prob) /
    (P(R <= r) - P(R <= r-1)); the limit is (r - a) / n."""
    n = np.asarray(n, dtype=float)
    r = _lower_bound(lambda k: _binom_cdf(k, n, theta), prob, n.copy())
    upper = _binom_cdf(r, n, theta)
    lower = _binom_cdf(r - 1, n, theta)
    step = upper - lower
    a = np.divide(upper - prob, step, out=np.zeros_like(step), where=step > 0)
    # at r = 0 the interpolation runs below 0: a share is never negative
    return np.clip((r - a) / n, 0.0, 1.0)


def poisson_limit(rate: float, population, prob: float) -> np.ndarray:
    """The `prob` quantile of an observed rate (count / population) when the
    true rate is `rate`: Spiegelhalter (2005), A.1.2. r = the smallest count
    with P(R <= r) >= prob for R ~ Poisson(rate x population), interpolated
    as for the binomial; the limit is (r - a) / population."""
    pop = np.asarray(population, dtype=float)
    mu = rate * pop
    # far enough above the mean that P(R <= it) exceeds any prob asked for here
    top = np.ceil(mu + 12 * np.sqrt(mu) + 40)
    r = _lower_bound(lambda k: _poisson_cdf(k, mu), prob, top)
    upper = _poisson_cdf(r, mu)
    lower = _poisson_cdf(r - 1, mu)
    step = upper - lower
    a = np.divide(upper - prob, step, out=np.zeros_like(step), where=step > 0)
    return np.maximum((r - a) / pop, 0.0)


def normal_limit(theta: float, n, z: float, tau2: float = 0.0, phi: float = 1.0) -> np.ndarray:
    """theta + z * sqrt(phi * theta(1-theta)/n + tau2): the normal limit,
    optionally widened multiplicatively (phi) or additively (tau2)."""
    n = np.asarray(n, dtype=float)
    return theta + z * np.sqrt(phi * theta * (1 - theta) / n + tau2)


def chance_variance(theta: float, n, kind: str = SHARE) -> np.ndarray:
    """The variance chance alone gives a unit of size n around theta: a
    share θ(1-θ)/n, a rate θ/N, a median's place in the group's
    distribution (Beta((n+1)/2, (n+1)/2)) 1/(4(n+2))."""
    n = np.asarray(n, dtype=float)
    if kind == RATE:
        return theta / n
    if kind == MEDIAN:
        return 1.0 / (4.0 * (n + 2.0))
    return theta * (1 - theta) / n


# how each kind's limits are made without widening, and what τ is measured in
EXACT_TEXT = {SHARE: "exact binomiaal", RATE: "exact Poisson",
              MEDIAN: "die van een mediaan van zoveel personen uit de verdeling van de groep "
                      "(ordestatistiek)"}


@dataclass(frozen=True)
class Dispersion:
    units: int
    phi: float  # winsorised mean squared z-score
    p_value: float | None
    tau2: float  # between-gemeente variance of the additive model (0 if not widened)
    widened: bool
    kind: str = SHARE

    def _tau_text(self) -> str:
        tau = math.sqrt(self.tau2)
        if self.kind == RATE:
            return f"τ = {_nl(1000 * tau, 2)} per 1.000 inwoners"
        if self.kind == MEDIAN:
            return f"τ = {_nl(100 * tau, 1)} percentielpunt in de verdeling van de groep"
        return f"τ = {_nl(100 * tau, 1)} procentpunt"

    def text(self) -> str:
        exact = EXACT_TEXT[self.kind]
        if self.units < 3 or self.p_value is None:
            return ("Te weinig gemeenten om te toetsen of ze onderling meer verschillen dan "
                    f"toeval verklaart; de grenzen zijn die van toeval alleen ({exact}).")
        if self.widened:
            return (f"De gemeenten verschillen onderling meer dan toeval verklaart "
                    f"(overdispersie: φ = {_nl(self.phi, 2)}, {_p_text(self.p_value)}). "
                    "Daarom zijn de grenzen verbreed met een additief random-effectsmodel "
                    f"({self._tau_text()}; Spiegelhalter 2005): "
                    "een gemeente valt pas op als zij ook buiten die gewone spreiding ligt.")
        return (f"De gemeenten verschillen onderling niet meer dan toeval verklaart "
                f"(φ = {_nl(self.phi, 2)}, {_p_text(self.p_value)}); de grenzen zijn "
                f"{exact}.")


def _nl(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}".replace(".", ",")


def _p_text(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {_nl(p, 3)}"


def dispersion(y, n, theta: float, alpha: float = OVERDISPERSION_ALPHA,
               kind: str = SHARE) -> Dispersion:
    """Spiegelhalter (2005) section 4: winsorised z-scores, φ, the χ² test and
    the additive model's τ² (0 when the test does not call for widening).
    For a median, y is the gemeente's place u in the group's distribution
    and theta 0,5."""
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    units = len(y)
    spread = theta > 0 if kind == RATE else 0 < theta < 1
    if units < 3 or not spread:
        return Dispersion(units, float("nan"), None, 0.0, False, kind)
    s2 = chance_variance(theta, n, kind)
    z = (y - theta) / np.sqrt(s2)
    lo, hi = np.quantile(z, [WINSOR, 1 - WINSOR])
    z = np.clip(z, lo, hi)
    phi = float(np.mean(z ** 2))
    p_value = float(special.chdtrc(units - 1, units * phi))
    widened = p_value < alpha
    tau2 = 0.0
    if widened:
        w = 1 / s2
        tau2 = max(0.0, (units * phi - (units - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
        widened = tau2 > 0
    return Dispersion(units, phi, p_value, tau2, widened, kind)


def limits(theta: float, n, disp: Dispersion | None = None,
           kind: str = SHARE) -> dict[str, np.ndarray]:
    """95% and 99,8% limits for units of size n (persons, or inhabitants for a
    rate): exact binomial (a share) or Poisson (a rate), or normal with the
    additive widening where disp says so."""
    n = np.asarray(n, dtype=float)
    top = 1.0 if kind == SHARE else np.inf
    exact = poisson_limit if kind == RATE else binomial_limit
    out = {}
    for name, (lo, hi) in (("95", P95), ("998", P998)):
        if disp is not None and disp.widened:
            sd = np.sqrt(chance_variance(theta, n, kind) + disp.tau2)
            z = special.ndtri(hi)
            out[f"lo{name}"] = np.clip(theta - z * sd, 0, top)
            out[f"hi{name}"] = np.clip(theta + z * sd, 0, top)
        else:
            out[f"lo{name}"] = exact(theta, n, lo)
            out[f"hi{name}"] = exact(theta, n, hi)
    return out


@dataclass(frozen=True)
class Distribution:
    """How many persons have each value (days), pooled over gemeenten."""
    values: np.ndarray  # distinct, ascending
    cum: np.ndarray  # persons at or below each value

    @classmethod
    def of(cls, values, persons) -> "Distribution":
        v = np.asarray(values, dtype=float)
        w = np.asarray(persons, dtype=float)
        keep = (w > 0) & ~np.isnan(v)
        uniq, inv = np.unique(v[keep], return_inverse=True)
        return cls(uniq, np.cumsum(np.bincount(inv, weights=w[keep], minlength=len(uniq))))

    @property
    def total(self) -> float:
        return float(self.cum[-1]) if len(self.cum) else 0.0

    def _at(self, k) -> np.ndarray:
        """The value of the k-th person (1-based) in order."""
        idx = np.searchsorted(self.cum, np.asarray(k, dtype=float) - 1e-9, side="left")
        return self.values[np.clip(idx, 0, len(self.values) - 1)]

    def median(self) -> float:
        """As sql/queries/cube_cells.sql: the middle person's value, an even
        count the mean of the two middle ones."""
        w = self.total
        return float((self._at((w - 1) // 2 + 1) + self._at(w // 2 + 1)) / 2)

    def quantile(self, u, guard: bool = True) -> np.ndarray:
        """F⁻¹(u): the smallest value with at least a share u of the persons
        at or below it. With `guard`, never one of the MIN_PERSONS_BEYOND-1
        smallest or largest persons' values (see the module's docstring)."""
        w = self.total
        k = np.ceil(np.asarray(u, dtype=float) * w - 1e-9)
        if guard:
            lo, hi = MIN_PERSONS_BEYOND, w - MIN_PERSONS_BEYOND + 1
            if lo > hi:
                lo = hi = (w + 1) // 2
            k = np.clip(k, lo, hi)
        return self._at(np.clip(k, 1, w))

    def mid_cdf(self, x) -> np.ndarray:
        """The share of persons below x plus half of those exactly at x."""
        x = np.asarray(x, dtype=float)
        w = self.total
        below = np.concatenate([[0.0], self.cum])[np.searchsorted(self.values, x, side="left")]
        at_or_below = np.concatenate([[0.0], self.cum])[np.searchsorted(self.values, x,
                                                                         side="right")]
        return (below + at_or_below) / (2 * w)


def median_limits(pooled: Distribution, n, disp: Dispersion | None = None) -> dict[str, np.ndarray]:
    """95% and 99,8% limits, in the values' own unit, for the median of n
    persons drawn from the pooled distribution: F⁻¹ of the quantiles of
    Beta((n+1)/2, (n+1)/2), or, widened, of 0,5 ± z·sqrt(1/(4(n+2)) + τ²)."""
    n = np.asarray(n, dtype=float)
    a = (n + 1) / 2
    out = {}
    for name, (lo, hi) in (("95", P95), ("998", P998)):
        if disp is not None and disp.widened:
            sd = np.sqrt(chance_variance(0.5, n, MEDIAN) + disp.tau2)
            z = special.ndtri(hi)
            u_lo, u_hi = np.clip(0.5 - z * sd, 0, 1), np.clip(0.5 + z * sd, 0, 1)
        else:
            u_lo, u_hi = special.betaincinv(a, a, lo), special.betaincinv(a, a, hi)
        out[f"lo{name}"] = pooled.quantile(u_lo)
        out[f"hi{name}"] = pooled.quantile(u_hi)
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


def rank_intervals(point, sims: np.ndarray, higher_first: bool = True) -> list[Rank]:
    """Rank (1 = highest when higher_first) of each unit's point value and the
    95% interval of its rank over the draws (draws x units). Ties share the
    middle rank, in the point ranks and in every draw."""
    point = np.asarray(point, dtype=float)
    m = sims.shape[1]
    sign = -1.0 if higher_first else 1.0
    # every draw ranked at once (one sort along the rows), the interval's ends
    # by partial sorting: nationally 1.000 draws of 340 gemeenten
    sim_ranks = average_ranks(sign * sims)
    pt = average_ranks(sign * point)
    lo = np.floor(_quantile_rows(sim_ranks, 0.025)).astype(int)
    hi = np.ceil(_quantile_rows(sim_ranks, 0.975)).astype(int)
    out = []
    for i in range(m):
        r = int(math.floor(pt[i] + 0.5))
        out.append(Rank(r, int(min(lo[i], r)), int(max(hi[i], r)), m))
    return out


def ranks(y, n, higher_first: bool = True, draws: int = BOOTSTRAP,
          seed: int = SEED, kind: str = SHARE,
          distributions: list[Distribution] | None = None) -> list[Rank]:
    """Rank and its 95% interval by a parametric bootstrap, deterministic for
    a fixed seed: each gemeente's figure drawn again with its own chance, a
    share from a binomial over its persons, a count from a Poisson around
    it, a median as its own distribution's F⁻¹ of Beta((n+1)/2, (n+1)/2)
    (the bootstrap distribution of a median of n persons)."""
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    m = len(y)
    if m == 0:
        return []
    rng = np.random.default_rng(seed)
    if kind == RATE:
        sims = rng.poisson(np.clip(y * n, 0, None), size=(draws, m)) / n
    elif kind == MEDIAN:
        a = (n + 1) / 2
        u = rng.beta(a, a, size=(draws, m))
        sims = np.column_stack([d.quantile(u[:, j], guard=False)
                                for j, d in enumerate(distributions)])
    else:
        sims = rng.binomial(n.astype(np.int64), np.clip(y, 0, 1), size=(draws, m)) / n
    return rank_intervals(y, sims, higher_first)


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


def expected_shares(num: np.ndarray, den: np.ndarray, members: np.ndarray,
                    focal: np.ndarray, z: float = 1.959963984540054) -> dict[str, np.ndarray]:
    """Indirect standardisation for many gemeenten at once. num, den: gemeenten
    x strata; members: one row per focal gemeente, a boolean mask over the
    gemeenten of its reference group; focal: the row of num/den that is the
    focal gemeente. Per focal gemeente: E = Σ n_s p_s / Σ n_s with p_s the
    group's share in stratum s (a stratum the group lacks takes the group's
    overall share), and 95% limits of chance Σ n_s p_s (1 - p_s) around it."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    m = np.asarray(members, dtype=float)
    g_num, g_den = m @ num, m @ den  # focal x strata
    overall = np.divide(g_num.sum(1), g_den.sum(1), out=np.full(len(m), np.nan),
                        where=g_den.sum(1) > 0)
    p = np.divide(g_num, g_den, out=np.repeat(overall[:, None], num.shape[1], axis=1),
                  where=g_den > 0)
    own = den[focal]
    total = own.sum(1)
    safe = np.where(total > 0, total, np.nan)
    e = (own * p).sum(1) / safe
    sd = np.sqrt((own * p * (1 - p)).sum(1)) / safe
    return {"expected": e, "observed": num[focal].sum(1) / safe, "persons": total,
            "low": np.clip(e - z * sd, 0, 1), "high": np.clip(e + z * sd, 0, 1),
            "strata": (own > 0).sum(1)}


def expected_share(own: pd.DataFrame, reference: pd.DataFrame, strata: list[str]) -> Expected | None:
    """expected_shares for one gemeente given as tables: `own` and
    `reference` have the strata columns and numerator / denominator."""
    own = own[own["denominator"] > 0]
    if own.empty or reference["denominator"].sum() <= 0:
        return None
    both = pd.concat([own.assign(_w=0), reference.assign(_w=1)], ignore_index=True)
    both = both.astype({"numerator": float, "denominator": float})
    wide = both.pivot_table(index="_w", columns=strata, values=["numerator", "denominator"],
                            aggfunc="sum", fill_value=0.0)
    num = wide["numerator"].to_numpy(dtype=float)
    den = wide["denominator"].to_numpy(dtype=float)
    r = expected_shares(num, den, np.array([[False, True]]), np.array([0]))
    return Expected(float(r["expected"][0]), float(r["observed"][0]), float(r["persons"][0]),
                    float(r["low"][0]), float(r["high"][0]), int(r["strata"][0]))


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
    # gemeentecode, naam, numerator, denominator, share, lo95..hi998, oordeel, rang.
    # `share` is the figure on this module's scale (a proportion, a rate per
    # inhabitant, a median); `denominator` the unit's size (persons, or
    # inhabitants for a rate)
    points: pd.DataFrame
    reference: float | None  # the group's figure, on the same scale
    dispersion: Dispersion | None
    hidden: int
    curve: pd.DataFrame  # n, lo95, hi95, lo998, hi998 for drawing
    kind: str = SHARE
    unknown: int = 0  # gemeenten of the group without inhabitants (a rate only)


def funnel(shown: pd.DataFrame, hidden: int = 0, higher_first: bool = True,
           curve_points: int = 120, with_ranks: bool = True, kind: str = SHARE,
           distributions: pd.DataFrame | None = None, unknown: int = 0) -> Funnel:
    """`shown`: one row per gemeente of the group whose figure is shown
    (columns gemeentecode, naam, share, denominator; for a rate numerator,
    the count). The reference is their pooled figure: the pooled share or
    rate, or for a median the median of their pooled persons, from
    `distributions` (gemeentecode, waarde, persons: each shown gemeente's
    persons per value)."""
    pts = shown[shown["denominator"].astype(float) > 0].copy()
    own: dict = {}
    if kind == MEDIAN:
        dist = distributions if distributions is not None else pd.DataFrame(
            columns=["gemeentecode", "waarde", "persons"])
        dist = dist[dist["gemeentecode"].isin(set(pts["gemeentecode"]))]
        own = {c: Distribution.of(g["waarde"], g["persons"])
               for c, g in dist.groupby("gemeentecode", sort=False)}
        # a shown median without its distribution cannot be placed in the group
        pts = pts[pts["gemeentecode"].isin(set(own))]
    if len(pts) < 2:
        # one gemeente is no comparison: no reference, no limits, no verdict
        return Funnel(pts.iloc[0:0], None, None, hidden, pd.DataFrame(), kind, unknown)
    pts = pts.reset_index(drop=True)
    n = pts["denominator"].to_numpy(dtype=float)
    y = pts["share"].to_numpy(dtype=float)
    if kind == MEDIAN:
        pooled = Distribution.of(dist["waarde"], dist["persons"])
        theta = pooled.median()
        disp = dispersion(pooled.mid_cdf(y), n, 0.5, kind=MEDIAN)

        def lim_of(size):
            return median_limits(pooled, size, disp)
        spread = pooled.values[0] < pooled.values[-1]
    else:
        theta = float((y * n).sum() / n.sum())
        disp = dispersion(y, n, theta, kind=kind)

        def lim_of(size):
            return limits(theta, size, disp, kind)
        spread = theta > 0 if kind == RATE else 0 < theta < 1
    if spread:
        lim = lim_of(n)
    else:
        # everyone or no one (or all alike): no spread to speak of, every point on the reference
        lim = {k: np.full(len(n), theta) for k in ("lo95", "hi95", "lo998", "hi998")}
    for key, values in lim.items():
        pts[key] = values
    pts["oordeel"] = [verdict(v, lo, hi) for v, lo, hi in zip(y, pts["lo998"], pts["hi998"])]
    pts["buiten_95"] = (y > pts["hi95"]) | (y < pts["lo95"])
    if with_ranks:
        rk = ranks(y, n, higher_first=higher_first, kind=kind,
                   distributions=[own[c] for c in pts["gemeentecode"]] if own else None)
        pts["rang"] = [r.rank for r in rk]
        pts["rang_tekst"] = [r.text() for r in rk]
    if not curve_points or not spread:
        return Funnel(pts, theta, disp, hidden, pd.DataFrame(), kind, unknown)
    grid = np.unique(np.round(np.geomspace(max(2.0, n.min() * 0.8), n.max() * 1.15,
                                           curve_points)))
    curve = pd.DataFrame({"n": grid, **lim_of(grid)})
    return Funnel(pts, theta, disp, hidden, curve, kind, unknown)


# --- groups and features from the region file and the store ---------------------------------

# CBS size classes of gemeenten by inhabitants (Regionale kerncijfers)
SIZE_CLASSES = ((5_000, "minder dan 5.000 inwoners"), (10_000, "5.000 tot 10.000 inwoners"),
                (20_000, "10.000 tot 20.000 inwoners"), (50_000, "20.000 tot 50.000 inwoners"),
                (100_000, "50.000 tot 100.000 inwoners"), (150_000, "100.000 tot 150.000 inwoners"),
                (250_000, "150.000 tot 250.000 inwoners"), (math.inf, "250.000 inwoners of meer"))
STEDELIJKHEID = {1: "zeer sterk stedelijk", 2: "sterk stedelijk", 3: "matig stedelijk",
                 4: "weinig stedelijk", 5: "niet stedelijk"}

GROUPS = ("vergelijkbaar", "regio", "alle", "grootteklasse", "stedelijkheid", "provincie")
GROUP_NAMES = {"vergelijkbaar": "Vergelijkbare gemeenten", "regio": "De regio",
               "alle": "Alle gemeenten in de monitor", "grootteklasse": "Zelfde grootteklasse",
               "stedelijkheid": "Zelfde stedelijkheid", "provincie": "Zelfde provincie"}
# the export's groups (data-contract: one object per indicator x gemeente x group)
EXPORT_GROUPS = ("regio", "alle", "grootteklasse", "vergelijkbaar")


def size_class(inwoners) -> str | None:
    if inwoners is None or pd.isna(inwoners):
        return None
    return next(label for bound, label in SIZE_CLASSES if float(inwoners) < bound)


def _text(x) -> str | None:
    return None if x is None or (not isinstance(x, str) and pd.isna(x)) or not str(x).strip() \
        else str(x).strip()


def _sted(x) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


# peer groups from one attribute of the region file: (column, the group a
# value falls in (None = unknown), how the page names the group)
PEER_GROUPS = {
    "grootteklasse": ("inwoners", size_class, lambda v, n: f"gemeenten van {v} ({n})"),
    "stedelijkheid": ("stedelijkheid", _sted,
                      lambda v, n: f"{STEDELIJKHEID.get(v, v)}e gemeenten ({n})"),
    "provincie": ("provincie", _text, lambda v, n: f"gemeenten in {v} ({n})"),
}


def group_members(group: str, focal: str, kenmerken: pd.DataFrame, region: str | None,
                  neighbours: tuple[str, ...] = ()) -> tuple[list[str], str]:
    """The gemeenten of a comparison group (the focal one always in it) and
    how the page names the group. `kenmerken`: gemeente_kenmerken, indexed by
    code. `regio` is the focal gemeente's labour-market region where the
    region file gives one and the monitor holds more than one, else the
    whole configured region."""
    k = kenmerken
    me = k.loc[focal]
    codes = list(k.index)
    if group == "vergelijkbaar":
        return [focal, *neighbours], f"{len(neighbours)} vergelijkbare gemeenten"
    if group == "alle":
        return codes, f"alle {len(codes)} gemeenten in de monitor"
    if group == "regio":
        amr = _text(me.get("arbeidsmarktregio"))
        regions = {_text(x) for x in k["arbeidsmarktregio"]} - {None}
        if amr and len(regions) > 1:
            mine = [c for c in codes if _text(k.at[c, "arbeidsmarktregio"]) == amr]
            return mine, f"de arbeidsmarktregio {amr} ({len(mine)} gemeenten)"
        return codes, f"de regio {region or 'van de monitor'} ({len(codes)} gemeenten)"
    if group in PEER_GROUPS:
        column, key_of, name = PEER_GROUPS[group]
        mine_key = key_of(me.get(column))
        if mine_key is None:
            return [focal], f"{group} onbekend (regiobestand zonder {column})"
        mine = [c for c in codes if key_of(k.at[c, column]) == mine_key]
        return mine, name(mine_key, len(mine))
    raise ValueError(f"onbekende vergelijkingsgroep: {group}")


def feature_table(kenmerken: pd.DataFrame, mix: pd.DataFrame) -> pd.DataFrame:
    """One row per gemeente: newcomers (persons with PIP) per 1.000
    inhabitants, the share of each land van herkomst group and each
    leerroute among them, log inhabitants and stedelijkheid. `mix`:
    sql/queries/compare_features.sql."""
    out = pd.DataFrame(index=kenmerken.index)
    inw = pd.to_numeric(kenmerken["inwoners"], errors="coerce")
    if not mix.empty:
        wide = mix.pivot_table(index="gemeentecode", columns=["dimension", "member"],
                               values="persons", aggfunc="sum", fill_value=0.0)
        for dim, prefix in (("land_van_herkomst", "herkomst"), ("leerroute", "leerroute")):
            if dim in wide.columns.get_level_values(0):
                part = wide[dim].astype(float)
                share = part.div(part.sum(axis=1).where(part.sum(axis=1) > 0), axis=0)
                for col in share.columns:
                    out[f"{prefix}:{col}"] = share[col].reindex(out.index)
                if dim == "leerroute":
                    out["nieuwkomers_per_1000"] = (part.sum(axis=1).reindex(out.index)
                                                   / inw * 1000)
    out["log_inwoners"] = np.log10(inw.where(inw > 0))
    out["stedelijkheid"] = pd.to_numeric(kenmerken["stedelijkheid"], errors="coerce")
    return out


def default_features(table: pd.DataFrame) -> list[Feature]:
    """The features of "vergelijkbare gemeenten", each with weight 1; a mix
    is several columns that share one weight."""
    cols = list(table.columns)

    def have(prefix):
        return tuple(c for c in cols if c.startswith(prefix))
    out = [Feature("nieuwkomers", "Nieuwkomers (met PIP) per 1.000 inwoners",
                   have("nieuwkomers_per_1000")),
           Feature("herkomst", "Mix van landen van herkomst", have("herkomst:")),
           Feature("leerroute", "Mix van leerroutes", have("leerroute:")),
           Feature("grootte", "Grootte (inwoners, logaritmisch)", have("log_inwoners")),
           Feature("stedelijkheid", "Stedelijkheid (CBS 1–5)", have("stedelijkheid"))]
    # a feature the region file or the store does not carry cannot count
    return [f for f in out if f.columns and table[list(f.columns)].notna().any().any()]


def all_neighbours(table: pd.DataFrame, features: list[Feature], k: int) -> dict[str, tuple[str, ...]]:
    """nearest() for every gemeente at once (one distance matrix)."""
    cols = [c for f in features for c in f.columns if c in table.columns]
    codes = list(table.index)
    if not cols or k <= 0:
        return {c: () for c in codes}
    z = standardised(table[cols]).to_numpy(dtype=float)
    w = np.zeros(len(cols))
    for f in features:
        idx = [cols.index(c) for c in f.columns if c in cols]
        for i in idx:
            w[i] += max(0.0, float(f.weight)) / len(idx)
    d = np.sqrt((((z[:, None, :] - z[None, :, :]) ** 2) * w).sum(axis=2))
    d = np.round(d, 12)
    order_codes = np.array(codes, dtype=object)
    out = {}
    for i, c in enumerate(codes):
        keys = sorted((d[i, j], order_codes[j]) for j in range(len(codes)) if j != i)
        out[c] = tuple(x[1] for x in keys[:k])
    return out


# --- one indicator, one gemeente, one group ------------------------------------------------

# The share whose denominator (persons with a PIP) gives the population mix
# of sql/queries/compare_features.sql; sql/rollups/mart_compare_features.sql
# materialises it for this indicator only, so it names it too.
FEATURE_INDICATOR = "digitaal.digid_pct"
STRATA = ("doelgroep", "leeftijdsgroep", "leerroute")
STRATA_WORDS = {"doelgroep": "doelgroep", "leeftijdsgroep": "leeftijdsgroep",
                "leerroute": "leerroute"}


def kind_of(ind) -> str | None:
    """How gemeenten are compared on this indicator: the catalogue's
    `vergelijking` (a share over persons, a count per 1.000 inhabitants, a
    median), never for a public figure (those are facts, not samples)."""
    kind = getattr(ind, "comparison", None)
    return kind if kind in KINDS and not ind.is_public else None


def comparable(ind) -> bool:
    return kind_of(ind) is not None


def in_page_order(inds: list) -> list:
    """Comparable indicators, shares first, then rates, then medians; the
    catalogue's order within each."""
    return sorted((i for i in inds if comparable(i)), key=lambda i: KINDS.index(kind_of(i)))


def strata_of(indicator_id: str) -> tuple[str, ...]:
    """The strata of the indirect standardisation. An indicator about the
    leerroute is not standardised by it (the outcome would explain itself)."""
    return tuple(s for s in STRATA if not (s == "leerroute" and "leerroute" in indicator_id))


def strata_text(indicator_id: str) -> str:
    return " × ".join(STRATA_WORDS[s] for s in strata_of(indicator_id))


def _strata_matrix(strata: pd.DataFrame, codes: list[str], cols: tuple[str, ...]):
    """num and den as gemeenten (in `codes` order) x strata arrays. Column-wise
    (factorised codes and one scatter-add): nationally ~10^5 stratum rows."""
    if strata is None or strata.empty or not cols:
        return None, None
    if all(strata[c].isna().all() for c in cols):
        return None, None  # no person dimensions (the survey): nothing to standardise by
    df = strata[strata["gemeentecode"].isin(codes)]
    key = df[list(cols)].astype(str).fillna("–")
    stratum = key[cols[0]]
    for c in cols[1:]:
        stratum = stratum + "|" + key[c]
    s_codes, labels = pd.factorize(stratum)
    g_index = pd.Index(codes).get_indexer(df["gemeentecode"])
    num = np.zeros((len(codes), len(labels)))
    den = np.zeros((len(codes), len(labels)))
    np.add.at(num, (g_index, s_codes), df["numerator"].to_numpy(dtype=float))
    np.add.at(den, (g_index, s_codes), df["denominator"].to_numpy(dtype=float))
    return num, den


@dataclass(frozen=True)
class Comparison:
    indicator_id: str
    focal: str
    focal_name: str
    group: str
    group_label: str
    funnel: Funnel
    focal_point: dict | None  # the focal gemeente's row of funnel.points, None when hidden
    expected: Expected | None
    strata: str
    focal_shown: bool = True  # disclosure control shows the focal gemeente's figure
    kind: str = SHARE
    focal_unknown: bool = False  # a rate, and the region file gives no inhabitants

    @property
    def verdict(self) -> str | None:
        return None if self.focal_point is None else self.focal_point["oordeel"]

    def sentence(self) -> str:
        if self.focal_unknown:
            return (f"{self.focal_name} is niet per 1.000 inwoners te vergelijken: het "
                    "regiobestand geeft geen inwonertal.")
        if not self.focal_shown:
            return (f"{self.focal_name} is niet te vergelijken: de waarde is niet getoond "
                    "(te weinig personen).")
        if self.focal_point is None:
            return (f"{self.focal_name} is niet te vergelijken met {self.group_label}: te weinig "
                    "gemeenten met een getoonde waarde in deze groep.")
        return f"{self.focal_name} ligt {VERDICT_TEXT[self.verdict]} ten opzichte van {self.group_label}."


def shown_rows(by_gemeente: pd.DataFrame, members: list[str], kind: str = SHARE,
               inhabitants: pd.Series | None = None) -> tuple[pd.DataFrame, int, int]:
    """The group's gemeenten whose figure disclosure control shows, as
    gemeentecode, naam, share (this module's scale), denominator (persons,
    or inhabitants for a rate), numerator; how many of the group it hides;
    and, for a rate, how many shown ones have no inhabitants."""
    df = by_gemeente[~by_gemeente["is_total"].astype(bool) & by_gemeente["member"].isin(members)]
    hidden = int(df["suppressed"].astype(bool).sum())
    df = df[~df["suppressed"].astype(bool)]
    value = pd.to_numeric(df["value"], errors="coerce")
    unknown = 0
    if kind == RATE:
        inw = pd.to_numeric(df["member"].map(inhabitants if inhabitants is not None else {}),
                            errors="coerce")
        have = value.notna()
        unknown = int((have & ~(inw > 0)).sum())
        ok = have & (inw > 0)
        den = inw
        share = value / inw
        num = value
    else:
        den = pd.to_numeric(df["denominator"], errors="coerce")
        ok = value.notna() & den.notna() & (den > 0)
        share = value / SCALE[kind]
        num = share * den
    out = pd.DataFrame({"gemeentecode": df["member"][ok].to_numpy(),
                        "naam": df["naam"][ok].to_numpy() if "naam" in df else df["member"][ok],
                        "share": share[ok].to_numpy(dtype=float),
                        "denominator": den[ok].to_numpy(dtype=float)})
    # a median's numerator is no count
    out["numerator"] = np.nan if kind == MEDIAN else np.round(num[ok].to_numpy(dtype=float))
    return out, hidden, unknown


def compare_indicator(indicator_id: str, by_gemeente: pd.DataFrame, members: list[str],
                      focal: str, focal_name: str, group: str, group_label: str,
                      higher_first: bool = True, strata: pd.DataFrame | None = None,
                      kind: str = SHARE, inhabitants: pd.Series | None = None,
                      distributions: pd.DataFrame | None = None) -> Comparison:
    """One indicator for one gemeente against one group: the funnel over the
    group's shown gemeenten, the focal gemeente's verdict and rank, and for a
    share its expected value from its own mix with the group's strata shares
    (strata of shown gemeenten only)."""
    shown, hidden, unknown = shown_rows(by_gemeente, members, kind, inhabitants)
    f = funnel(shown, hidden=hidden, higher_first=higher_first, kind=kind,
               distributions=distributions, unknown=unknown)
    point = None
    if not f.points.empty and focal in set(f.points["gemeentecode"]):
        point = f.points[f.points["gemeentecode"] == focal].iloc[0].to_dict()
    expected = None
    cols = strata_of(indicator_id)
    if point is not None and strata is not None and kind == SHARE:
        codes = list(f.points["gemeentecode"])
        num, den = _strata_matrix(strata[strata["gemeentecode"].isin(codes)], codes, cols)
        if num is not None:
            r = expected_shares(num, den, np.ones((1, len(codes)), dtype=bool),
                                np.array([codes.index(focal)]))
            if r["persons"][0] > 0:
                expected = Expected(float(r["expected"][0]), float(point["share"]),
                                    float(r["persons"][0]), float(r["low"][0]),
                                    float(r["high"][0]), int(r["strata"][0]))
    own = by_gemeente[~by_gemeente["is_total"].astype(bool) & (by_gemeente["member"] == focal)]
    focal_hidden = own.empty or bool(own["suppressed"].astype(bool).any()) \
        or pd.to_numeric(own["value"], errors="coerce").isna().all()
    focal_unknown = kind == RATE and not focal_hidden and not (
        inhabitants is not None and pd.to_numeric(pd.Series([inhabitants.get(focal)]),
                                                  errors="coerce").gt(0).all())
    return Comparison(indicator_id, focal, focal_name, group, group_label, f, point, expected,
                      strata_text(indicator_id) if kind == SHARE else "",
                      not focal_hidden, kind, focal_unknown)


# --- the export block `vergelijking` --------------------------------------------------------

# what a figure of the block is measured in, per kind (a median in its unit)
EXPORT_SCALE = {SHARE: "procent", RATE: "per 1.000 inwoners"}


def _scaled(x, kind: str):
    """A figure of this module's scale on the export's, rounded once: a share
    and a median to one decimal (monitor.values.rounded), a rate per 1.000 to
    two (a few per 1.000 at one decimal would lose most of its precision)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    v = float(x) * SCALE[kind]
    return round(v, 2) if kind == RATE else rounded(v, "pct")


def _int(x):
    return None if x is None or pd.isna(x) else int(x)


def export_block(indicators: list, by_gemeente: dict[str, pd.DataFrame],
                 strata: dict[str, pd.DataFrame], kenmerken: pd.DataFrame, mix: pd.DataFrame,
                 region: str | None,
                 distributions: dict[str, pd.DataFrame] | None = None) -> list[dict]:
    """One object per comparable indicator x gemeente x group (EXPORT_GROUPS):
    indicator, gemeente, groep, schaal, teller, noemer, waarde, referentie,
    grens_95, grens_998 ([onder, boven], on `schaal`), verwacht and oordeel.
    A share: teller/noemer persons, 0-100; a rate: teller the count, noemer
    the inhabitants, per 1.000; a median: noemer its persons, teller null.
    A gemeente whose figure is hidden has null figures; the group's
    referentie is the pooled figure of its shown gemeenten and stays."""
    codes = list(kenmerken.index)
    table = feature_table(kenmerken, mix)
    neighbours = all_neighbours(table, default_features(table), default_k(len(codes)))
    inhabitants = pd.to_numeric(kenmerken["inwoners"], errors="coerce")
    groups = {}
    for g in EXPORT_GROUPS:
        for c in codes:
            groups[(g, c)] = tuple(group_members(g, c, kenmerken, region, neighbours.get(c, ()))[0])
    out = []
    for ind in indicators:
        bg = by_gemeente.get(ind.id)
        kind = kind_of(ind)
        if bg is None or bg.empty or kind is None:
            continue
        higher_first = ind.direction != "lager_beter"
        cols = strata_of(ind.id)
        num, den = (_strata_matrix(strata.get(ind.id), codes, cols) if kind == SHARE
                    else (None, None))
        dist = (distributions or {}).get(ind.id) if kind == MEDIAN else None
        cache: dict[tuple, Funnel] = {}
        parts = bg[~bg["is_total"].astype(bool)].drop_duplicates("member").set_index("member")
        for c in codes:
            for g in EXPORT_GROUPS:
                members = groups[(g, c)]
                if members not in cache:
                    shown, hidden, unknown = shown_rows(bg, list(members), kind, inhabitants)
                    cache[members] = funnel(shown, hidden, higher_first, curve_points=0,
                                            with_ranks=False, kind=kind, distributions=dist,
                                            unknown=unknown)
                f = cache[members]
                row = {"indicator": ind.id, "gemeente": c, "groep": g,
                       "schaal": EXPORT_SCALE.get(kind, ind.unit), "teller": None,
                       "noemer": None, "waarde": None, "referentie": _scaled(f.reference, kind),
                       "grens_95": None, "grens_998": None, "verwacht": None, "oordeel": None}
                pts = f.points
                own = parts.loc[c] if c in parts.index else None
                if own is None or bool(own["suppressed"]) or pd.isna(own["value"]):
                    out.append(row)
                    continue
                if kind == RATE:
                    inw = inhabitants.get(c)
                    row.update(teller=_int(own["value"]),
                               noemer=_int(inw) if inw is not None and inw > 0 else None)
                    if row["noemer"] is not None:
                        row["waarde"] = _scaled(float(own["value"]) / inw, kind)
                else:
                    row.update(teller=None if kind == MEDIAN else _int(own["numerator"]),
                               noemer=_int(own["denominator"]), waarde=rounded(own["value"], "pct"))
                mine = pts[pts["gemeentecode"] == c] if not pts.empty else pts
                if not mine.empty:
                    p = mine.iloc[0]
                    row.update(grens_95=[_scaled(p["lo95"], kind), _scaled(p["hi95"], kind)],
                               grens_998=[_scaled(p["lo998"], kind), _scaled(p["hi998"], kind)],
                               oordeel=p["oordeel"])
                    if num is not None:
                        shown_codes = list(pts["gemeentecode"])
                        mask = np.isin(np.array(codes, dtype=object), shown_codes)[None, :]
                        r = expected_shares(num, den, mask, np.array([codes.index(c)]))
                        if r["persons"][0] > 0:
                            row["verwacht"] = _scaled(r["expected"][0], kind)
                out.append(row)
    return out


# --- one comparison from the store's tables: the page and the deck build it alike ------------

@dataclass(frozen=True)
class Choice:
    """What the user chose on the page; in a chart key as key_arg()."""
    indicator_id: str
    focal: str
    group: str
    weights: tuple[tuple[str, float], ...] = ()  # feature key -> weight; () = defaults
    k: int | None = None  # None = default_k

    def key_arg(self) -> str:
        """`<indicator>~<gemeente>~<groep>[~k=4~w=herkomst:1,leerroute:0.5]`: URL-safe."""
        parts = [self.indicator_id, self.focal, self.group]
        if self.group == "vergelijkbaar":
            if self.k is not None:
                parts.append(f"k={self.k}")
            if self.weights:
                parts.append("w=" + ",".join(f"{k}:{v:g}" for k, v in self.weights))
        return "~".join(parts)

    @classmethod
    def from_key_arg(cls, arg: str) -> "Choice":
        parts = arg.split("~")
        if len(parts) < 3 or parts[2] not in GROUPS:
            raise ValueError(f"geen vergelijking: {arg}")
        k, weights = None, ()
        for extra in parts[3:]:
            if extra.startswith("k="):
                k = int(extra[2:])
            elif extra.startswith("w="):
                weights = tuple((a, float(b)) for a, b in
                                (x.split(":") for x in extra[2:].split(",") if x))
        return cls(parts[0], parts[1], parts[2], weights, k)


def weighted(features: list[Feature], weights) -> list[Feature]:
    chosen = dict(weights)
    return [Feature(f.key, f.label, f.columns, float(chosen.get(f.key, f.weight)))
            for f in features]


def comparison_for(choice: Choice, ind, namen: dict[str, str], by_gemeente: pd.DataFrame,
                   kenmerken: pd.DataFrame, mix: pd.DataFrame, strata: pd.DataFrame | None,
                   region: str | None, distributions: pd.DataFrame | None = None
                   ) -> tuple[Comparison, list[Feature], int, tuple[str, ...]]:
    """The comparison a Choice asks for, with the features and k it used and
    the neighbours it found (empty unless the group is `vergelijkbaar`).
    `strata` feeds a share's expected value, `distributions` a median's
    limits; a rate reads the inhabitants from `kenmerken`."""
    if choice.focal not in kenmerken.index:
        raise ValueError(f"onbekende gemeente: {choice.focal}")
    table = feature_table(kenmerken, mix)
    features = weighted(default_features(table), choice.weights)
    k = default_k(len(kenmerken)) if choice.k is None else max(1, min(int(choice.k),
                                                                      len(kenmerken) - 1))
    neighbours = (nearest(table, choice.focal, k, features).codes
                  if choice.group == "vergelijkbaar" else ())
    members, label = group_members(choice.group, choice.focal, kenmerken, region, neighbours)
    comp = compare_indicator(ind.id, by_gemeente, members, choice.focal,
                             namen.get(choice.focal, choice.focal), choice.group, label,
                             higher_first=ind.direction != "lager_beter", strata=strata,
                             kind=kind_of(ind) or SHARE,
                             inhabitants=pd.to_numeric(kenmerken["inwoners"], errors="coerce"),
                             distributions=distributions)
    return comp, features, k, neighbours
