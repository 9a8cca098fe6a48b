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
    # at r = 0 the interpolation runs below 0: a share is never negative
    return np.clip((r - a) / n, 0.0, 1.0)


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
    # average ranks per draw by binary search in the sorted draw: the same as
    # rankdata(method="average") row by row, without its per-row overhead
    # (nationally 340 gemeenten x 1.000 draws)
    keyed = sign * sims
    ordered = np.sort(keyed, axis=1)
    sim_ranks = np.empty_like(keyed)
    for d in range(draws):
        left = np.searchsorted(ordered[d], keyed[d], side="left")
        right = np.searchsorted(ordered[d], keyed[d], side="right")
        sim_ranks[d] = (left + right + 1) / 2
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
    points: pd.DataFrame  # gemeentecode, naam, numerator, denominator, share, lo95..hi998, oordeel, rank
    reference: float | None  # proportion
    dispersion: Dispersion | None
    hidden: int
    curve: pd.DataFrame  # n, lo95, hi95, lo998, hi998 for drawing


def funnel(shown: pd.DataFrame, hidden: int = 0, higher_first: bool = True,
           curve_points: int = 120, with_ranks: bool = True) -> Funnel:
    """`shown`: one row per gemeente of the group whose share is shown
    (columns gemeentecode, naam, share (0-1), denominator). The reference is
    their pooled share."""
    pts = shown[shown["denominator"].astype(float) > 0].copy()
    if len(pts) < 2:
        # one gemeente is no comparison: no reference, no limits, no verdict
        return Funnel(pts.iloc[0:0], None, None, hidden, pd.DataFrame())
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
    if with_ranks:
        rk = ranks(y, n, higher_first=higher_first)
        pts["rang"] = [r.rank for r in rk]
        pts["rang_tekst"] = [r.text() for r in rk]
    if not curve_points:
        return Funnel(pts.reset_index(drop=True), theta, disp, hidden, pd.DataFrame())
    grid = np.unique(np.round(np.geomspace(max(2.0, n.min() * 0.8), n.max() * 1.15,
                                           curve_points)))
    if 0 < theta < 1:
        curve = pd.DataFrame({"n": grid, **limits(theta, grid, disp)})
    else:
        curve = pd.DataFrame()
    return Funnel(pts.reset_index(drop=True), theta, disp, hidden, curve)


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

# The denominator of a share must count persons (indicators.md: "the unit of
# a share is its persons"): attendance is hours, Podium24 counts referrals.
NOT_PERSONS = frozenset({"taal.aanwezigheid_pct", "werk.podium24_binnen_3mnd_pct"})
# The share whose denominator (persons with a PIP) gives the population mix
# of sql/queries/compare_features.sql; sql/rollups/mart_compare_features.sql
# materialises it for this indicator only, so it names it too.
FEATURE_INDICATOR = "digitaal.digid_pct"
STRATA = ("doelgroep", "leeftijdsgroep", "leerroute")
STRATA_WORDS = {"doelgroep": "doelgroep", "leeftijdsgroep": "leeftijdsgroep",
                "leerroute": "leerroute"}


def comparable(ind) -> bool:
    """Shares over persons that are not public figures: what a funnel is for."""
    return ind.unit == "pct" and not ind.is_public and ind.id not in NOT_PERSONS


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
    focal_shown: bool = True  # disclosure control shows the focal gemeente's share

    @property
    def verdict(self) -> str | None:
        return None if self.focal_point is None else self.focal_point["oordeel"]

    def sentence(self) -> str:
        if not self.focal_shown:
            return (f"{self.focal_name} is niet te vergelijken: de waarde is niet getoond "
                    "(te weinig personen).")
        if self.focal_point is None:
            return (f"{self.focal_name} is niet te vergelijken met {self.group_label}: te weinig "
                    "gemeenten met een getoonde waarde in deze groep.")
        return f"{self.focal_name} ligt {VERDICT_TEXT[self.verdict]} ten opzichte van {self.group_label}."


def shown_rows(by_gemeente: pd.DataFrame, members: list[str]) -> tuple[pd.DataFrame, int]:
    """The group's gemeenten whose share disclosure control shows, as
    gemeentecode, naam, share (0-1), denominator, numerator; and how many of
    the group it hides."""
    df = by_gemeente[~by_gemeente["is_total"].astype(bool) & by_gemeente["member"].isin(members)]
    hidden = int(df["suppressed"].astype(bool).sum())
    df = df[~df["suppressed"].astype(bool)]
    value = pd.to_numeric(df["value"], errors="coerce")
    den = pd.to_numeric(df["denominator"], errors="coerce")
    ok = value.notna() & den.notna() & (den > 0)
    out = pd.DataFrame({"gemeentecode": df["member"][ok].to_numpy(),
                        "naam": df["naam"][ok].to_numpy() if "naam" in df else df["member"][ok],
                        "share": (value[ok] / 100.0).to_numpy(dtype=float),
                        "denominator": den[ok].to_numpy(dtype=float)})
    out["numerator"] = np.round(out["share"] * out["denominator"])
    return out, hidden


def compare_indicator(indicator_id: str, by_gemeente: pd.DataFrame, members: list[str],
                      focal: str, focal_name: str, group: str, group_label: str,
                      higher_first: bool = True, strata: pd.DataFrame | None = None) -> Comparison:
    """One indicator for one gemeente against one group: the funnel over the
    group's shown gemeenten, the focal gemeente's verdict and rank, and its
    expected share from its own mix with the group's strata shares (strata
    of shown gemeenten only)."""
    shown, hidden = shown_rows(by_gemeente, members)
    f = funnel(shown, hidden=hidden, higher_first=higher_first)
    point = None
    if not f.points.empty and focal in set(f.points["gemeentecode"]):
        point = f.points[f.points["gemeentecode"] == focal].iloc[0].to_dict()
    expected = None
    cols = strata_of(indicator_id)
    if point is not None and strata is not None:
        codes = list(f.points["gemeentecode"])
        num, den = _strata_matrix(strata[strata["gemeentecode"].isin(codes)], codes, cols)
        if num is not None:
            r = expected_shares(num, den, np.ones((1, len(codes)), dtype=bool),
                                np.array([codes.index(focal)]))
            if r["persons"][0] > 0:
                expected = Expected(float(r["expected"][0]), float(point["share"]),
                                    float(r["persons"][0]), float(r["low"][0]),
                                    float(r["high"][0]), int(r["strata"][0]))
    return Comparison(indicator_id, focal, focal_name, group, group_label, f, point, expected,
                      strata_text(indicator_id), focal in set(shown["gemeentecode"]))


# --- the export block `vergelijking` --------------------------------------------------------

def _pct(x, ndigits=1):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(100 * float(x), ndigits)


def export_block(indicators: list, by_gemeente: dict[str, pd.DataFrame],
                 strata: dict[str, pd.DataFrame], kenmerken: pd.DataFrame, mix: pd.DataFrame,
                 region: str | None) -> list[dict]:
    """One object per comparable indicator x gemeente x group (EXPORT_GROUPS):
    indicator, gemeente, groep, teller, noemer, waarde, referentie, grens_95,
    grens_998 ([onder, boven], 0-100), verwacht and oordeel. A gemeente whose
    share is hidden has null figures; the group's referentie is the pooled
    share of its shown gemeenten and stays."""
    codes = list(kenmerken.index)
    table = feature_table(kenmerken, mix)
    neighbours = all_neighbours(table, default_features(table), default_k(len(codes)))
    groups = {}
    for g in EXPORT_GROUPS:
        for c in codes:
            groups[(g, c)] = tuple(group_members(g, c, kenmerken, region, neighbours.get(c, ()))[0])
    out = []
    for ind in indicators:
        bg = by_gemeente.get(ind.id)
        if bg is None or bg.empty:
            continue
        higher_first = ind.direction != "lager_beter"
        cols = strata_of(ind.id)
        num, den = _strata_matrix(strata.get(ind.id), codes, cols)
        cache: dict[tuple, Funnel] = {}
        parts = bg[~bg["is_total"].astype(bool)].drop_duplicates("member").set_index("member")
        for c in codes:
            for g in EXPORT_GROUPS:
                members = groups[(g, c)]
                if members not in cache:
                    shown, hidden = shown_rows(bg, list(members))
                    cache[members] = funnel(shown, hidden, higher_first, curve_points=0,
                                            with_ranks=False)
                f = cache[members]
                row = {"indicator": ind.id, "gemeente": c, "groep": g, "teller": None,
                       "noemer": None, "waarde": None, "referentie": _pct(f.reference),
                       "grens_95": None, "grens_998": None, "verwacht": None, "oordeel": None}
                pts = f.points
                own = parts.loc[c] if c in parts.index else None
                if own is None or bool(own["suppressed"]) or pd.isna(own["value"]):
                    out.append(row)
                    continue
                teller, noemer = own["numerator"], own["denominator"]
                row.update(teller=None if teller is None or pd.isna(teller) else int(teller),
                           noemer=None if noemer is None or pd.isna(noemer) else int(noemer),
                           waarde=rounded(own["value"], "pct"))
                mine = pts[pts["gemeentecode"] == c] if not pts.empty else pts
                if not mine.empty:
                    p = mine.iloc[0]
                    row.update(grens_95=[_pct(p["lo95"]), _pct(p["hi95"])],
                               grens_998=[_pct(p["lo998"]), _pct(p["hi998"])],
                               oordeel=p["oordeel"])
                    if num is not None:
                        shown_codes = list(pts["gemeentecode"])
                        mask = np.isin(np.array(codes, dtype=object), shown_codes)[None, :]
                        r = expected_shares(num, den, mask, np.array([codes.index(c)]))
                        if r["persons"][0] > 0:
                            row["verwacht"] = _pct(r["expected"][0])
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
                   kenmerken: pd.DataFrame, mix: pd.DataFrame, strata: pd.DataFrame,
                   region: str | None) -> tuple[Comparison, list[Feature], int, tuple[str, ...]]:
    """The comparison a Choice asks for, with the features and k it used and
    the neighbours it found (empty unless the group is `vergelijkbaar`)."""
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
                             higher_first=ind.direction != "lager_beter", strata=strata)
    return comp, features, k, neighbours
