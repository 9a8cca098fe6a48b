"""The synthetic persons, simulated once on a daily time line (vergunning ->
koppeling -> huisvesting -> brede intake -> PIP -> leerroute -> outcome) with
their participation episodes. Every extract is a view of this one history at
its own date: that keeps the files consistent with each other (every BSN and
V-nummer referenced exists, no date lies after the file's date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .calibration import (
    ACTIVERING, ACTIVERING_START, AANBIEDERS, AMV_CADIER, ASIEL, AZC_MAASTRICHT, B1,
    B1_ENTREE_START, BETAALD, COUNTRIES, END_KINDS, ENTREE, GEZINSMIGRANTEN_PER_HALF_YEAR, HOURS,
    LAW_START, LEAVE_KINDS, MARIENWAARD, MARIENWAARD_LAST_DAY, MEEDOEN_ORGANISATIES,
    NAREIZIGER, NAREIZIGERS_PER_HOUSED, NATIONAL_AZCS, ONDERWIJS, ORGANISATIES, OTHER_AZCS,
    OVERIG_PER_HALF_YEAR, PROTECT_START, REGIO, SOORT_MIX, SOORTEN, SPORT, STAGES, TAALMAATJE,
    TERMIJN_DAYS, VRIJWILLIG, Z, Z_SHARE, Z_SHARE_LATER, Z_SHARE_MEASURED_ON, ONDERWIJS_SHARE,
    housed_per_weight)

D = "datetime64[D]"
NAT = np.datetime64("NaT", "D")
MONTH0 = np.datetime64("2022-01", "M")  # month index 0: the law's first month
NO_MONTH = -(10**6)


# ---------------------------------------------------------------- identifiers


def make_bsns(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct 9-digit BSNs valid under the elfproef; ~8% start with a zero
    (never two: Excel would strip both and the contract only pads one)."""
    weights = np.array([9, 8, 7, 6, 5, 4, 3, 2])
    found = np.empty(0, dtype=np.int64)
    while len(found) < n:
        k = int((n - len(found)) * 1.25) + 16
        d = rng.integers(0, 10, size=(k, 8))
        d[:, 0] = np.where(rng.random(k) < 0.08, 0, rng.integers(1, 10, k))
        d[:, 1] = np.where(d[:, 0] == 0, rng.integers(1, 10, k), d[:, 1])
        check = (d * weights).sum(axis=1) % 11
        ok = check != 10
        nums = (d[ok] @ (10 ** np.arange(8, 0, -1))) + check[ok]
        found = np.concatenate([found, nums])
        _, first = np.unique(found, return_index=True)
        found = found[np.sort(first)]
    return np.char.zfill(found[:n].astype(str), 9).astype(object)


def elfproef_ok(bsn: str) -> bool:
    bsn = bsn.strip().zfill(9) if len(bsn.strip()) == 8 else bsn.strip()
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    return (sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])) % 11 == 0


def make_vnummers(rng: np.random.Generator, n: int) -> np.ndarray:
    nums = np.empty(0, dtype=np.int64)
    while len(nums) < n:
        nums = np.concatenate([nums, rng.integers(2_000_000_000, 9_999_999_999, int(n * 1.1) + 8)])
        _, first = np.unique(nums, return_index=True)
        nums = nums[np.sort(first)]
    return nums[:n].astype(str).astype(object)


# ---------------------------------------------------------------- time helpers


def as_day(x: dt.date) -> np.datetime64:
    return np.datetime64(x, "D")


def as_days(x) -> np.ndarray:
    return np.rint(np.asarray(x, float)).astype(np.int64).astype("timedelta64[D]")


def _uniform_dates(rng, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    span = (hi - lo).astype(np.int64) + 1
    return lo + np.floor(rng.random(len(lo)) * span).astype(np.int64).astype("timedelta64[D]")


def month_index(d: np.ndarray) -> np.ndarray:
    m = d.astype("datetime64[M]").astype(np.int64) - MONTH0.astype(np.int64)
    return np.where(np.isnat(d), NO_MONTH, m)


def month_bounds(m: int) -> tuple[np.datetime64, np.datetime64]:
    start = (MONTH0 + m).astype(D)
    return start, (MONTH0 + m + 1).astype(D) - np.timedelta64(1, "D")


def minmax_date(a: np.ndarray, b: np.ndarray, fn) -> np.ndarray:
    """Element-wise min/max that treats NaT as absent."""
    out = np.where(np.isnat(a), b, np.where(np.isnat(b), a, fn(a, b)))
    return out.astype(D)


def uniform_pick(rng, options, n: int) -> np.ndarray:
    return np.array(options, dtype=object)[rng.integers(0, len(options), n)]


def _choice(rng, options, n: int) -> np.ndarray:
    names = np.array([o[0] for o in options], dtype=object)
    p = np.array([o[1] for o in options], float)
    return names[rng.choice(len(names), size=n, p=p / p.sum())]


@dataclass
class Persons:
    """One array per attribute, one element per person, dates as datetime64[D]."""
    n: int
    gem: np.ndarray
    doelgroep: np.ndarray
    bsn: np.ndarray
    bsn_rank: np.ndarray  # position in BSN order: files sort by it without string sorts
    bsn_excel: np.ndarray  # as Excel shows it: a leading zero lost
    vnr: np.ndarray
    sex: np.ndarray
    birth: np.ndarray
    country: np.ndarray
    vergunning: np.ndarray
    koppeling: np.ndarray
    housing: np.ndarray
    registered: np.ndarray
    household: np.ndarray
    wijk: np.ndarray
    intake: np.ndarray
    pip: np.ndarray
    route: np.ndarray
    alfa: np.ndarray
    start: np.ndarray
    events: np.ndarray  # n x 7: STAGES, end event, leave event (NaT = none)
    end_kind: np.ndarray
    leave_kind: np.ndarray
    map_done: np.ndarray
    knm_done: np.ndarray
    pvt_done: np.ndarray
    protect: np.ndarray
    protect_outcome: np.ndarray
    kinderopvang_nodig: np.ndarray
    kinderopvang_geregeld: np.ndarray
    digid: np.ndarray
    # COA
    location: np.ndarray
    vi_start: np.ndarray  # NaT: voorinburgering not started
    vi_stop: np.ndarray  # NaT: followed to the end
    meedoen: np.ndarray  # NaT: never at the Meedoenbalie
    # income
    pw_end: np.ndarray  # first day without Participatiewet
    avond: np.ndarray
    attendance: np.ndarray
    # Fixed per person, so that every VISTA snapshot tells the same story.
    vista_noise: np.ndarray  # n x 8 uniforms

    @property
    def terminal(self) -> np.ndarray:
        """End of the inburgering: Voldaan/Ontheffing/Boete or leaving, whichever first."""
        return minmax_date(self.events[:, 5], self.events[:, 6], np.minimum)


def half_years(today: dt.date) -> list[tuple[int, int]]:
    horizon = today + dt.timedelta(days=400)
    out, y, h = [], 2022, 1
    while (y, h) <= (horizon.year, 1 if horizon.month <= 6 else 2):
        out.append((y, h))
        y, h = (y, 2) if h == 1 else (y + 1, 1)
    return out


def half_year_bounds(y: int, h: int) -> tuple[np.datetime64, np.datetime64]:
    return ((as_day(dt.date(y, 1, 1)), as_day(dt.date(y, 6, 30))) if h == 1
            else (as_day(dt.date(y, 7, 1)), as_day(dt.date(y, 12, 31))))


def _stochastic_round(rng, x: np.ndarray) -> np.ndarray:
    base = np.floor(x + 1e-9)
    return (base + (rng.random(x.shape) < (x - base))).astype(np.int64)


def generate_persons(gemeenten, today: dt.date, rng: np.random.Generator) -> Persons:
    today64 = as_day(today)
    hys = half_years(today)
    housed = np.array([[housed_per_weight(g, hy) for hy in hys] for g in gemeenten])
    lagged = np.concatenate([housed[:, :1], housed[:, :1], housed[:, :-2]], axis=1)
    w = np.array([g.weight for g in gemeenten])
    expected = [w[:, None] * housed, w[:, None] * NAREIZIGERS_PER_HOUSED * lagged,
                np.outer(w, np.full(len(hys), GEZINSMIGRANTEN_PER_HALF_YEAR)),
                np.outer(w, np.full(len(hys), OVERIG_PER_HALF_YEAR))]
    gem_l, hy_l, grp_l = [], [], []
    gi, hi = np.meshgrid(np.arange(len(gemeenten)), np.arange(len(hys)), indexing="ij")
    for grp, exp in enumerate(expected):
        # Maastricht's housed asielstatushouders are whole numbers and stay
        # exact, so the seed's 134 in 2024 holds for every seed.
        counts = _stochastic_round(rng, exp)
        gem_l.append(np.repeat(gi.ravel(), counts.ravel()))
        hy_l.append(np.repeat(hi.ravel(), counts.ravel()))
        grp_l.append(np.full(counts.sum(), grp))
    gem, hy, grp = np.concatenate(gem_l), np.concatenate(hy_l), np.concatenate(grp_l)
    n = len(gem)
    hy_lo = np.array([half_year_bounds(*h)[0] for h in hys], dtype=D)[hy]
    hy_hi = np.array([half_year_bounds(*h)[1] for h in hys], dtype=D)[hy]
    asiel, nar = grp == ASIEL, grp == NAREIZIGER
    migrant = ~(asiel | nar)
    day = np.timedelta64(1, "D")

    # Asielstatushouders are drawn by housing date; koppeling and vergunning
    # lie before it. The AZC wait grew with the housing shortage (001 2.1.2).
    housing = np.full(n, NAT, dtype=D)
    koppeling = np.full(n, NAT, dtype=D)
    vergunning = np.full(n, NAT, dtype=D)
    first_possible = np.datetime64("2022-02-01", "D")
    housing[asiel] = _uniform_dates(rng, np.maximum(hy_lo[asiel], first_possible), hy_hi[asiel])
    year = housing[asiel].astype("datetime64[Y]").astype(int) + 1970
    median_wait = np.select([year <= 2022, year == 2023, year == 2024, year == 2025],
                            [95, 125, 150, 130], 115)
    wait = rng.lognormal(np.log(median_wait), 0.45)
    k = housing[asiel] - as_days(wait)
    k = np.maximum(k, np.datetime64("2022-01-03", "D"))
    koppeling[asiel] = np.minimum(k, housing[asiel] - 7 * day)
    koppeling[nar] = _uniform_dates(rng, hy_lo[nar], hy_hi[nar])
    housing[nar] = koppeling[nar] + as_days(rng.integers(0, 21, nar.sum()))
    has_k = asiel | nar
    vergunning[has_k] = np.maximum(koppeling[has_k] - as_days(rng.integers(10, 60, has_k.sum())),
                                   LAW_START + as_days(rng.integers(0, 3, has_k.sum())))
    vergunning[has_k] = np.minimum(vergunning[has_k], koppeling[has_k])
    vergunning[migrant] = _uniform_dates(rng, hy_lo[migrant], hy_hi[migrant])
    housing[migrant] = vergunning[migrant] + as_days(rng.integers(3, 45, migrant.sum()))
    registered = np.where(has_k, koppeling, vergunning + as_days(rng.integers(14, 60, n))).astype(D)

    # Keep whoever the municipality knows of today; the rest is the future.
    keep = registered <= today64
    idx = np.flatnonzero(keep)
    gem, grp, housing, koppeling, vergunning, registered = (
        gem[idx], grp[idx], housing[idx], koppeling[idx], vergunning[idx], registered[idx])
    n = len(idx)
    asiel, nar = grp == ASIEL, grp == NAREIZIGER
    migrant = ~(asiel | nar)
    has_k = asiel | nar

    # Demography.
    age = np.where(asiel, 16 + rng.gamma(2.2, 8.0, n),
                   np.where(nar, 16 + rng.gamma(2.0, 8.0, n), 19 + rng.gamma(3.0, 4.5, n)))
    age = np.clip(age, 16, 66)
    birth = vergunning - as_days(age * 365.25)
    sex_p = np.select([asiel, nar], [0.62, 0.30], 0.33)
    u = rng.random(n)
    sex = np.where(u < sex_p, "M", np.where(u < 0.995, "V", "X")).astype(object)
    country = np.where(has_k, _choice(rng, COUNTRIES["asiel"], n),
                       _choice(rng, COUNTRIES["migrant"], n)).astype(object)
    household = np.where(asiel, np.where(rng.random(n) < 0.55, 1, 2 + rng.poisson(1.6, n)),
                         np.where(nar, 2 + rng.poisson(1.8, n), 1 + rng.poisson(1.0, n)))
    household = np.minimum(household, 9)
    wijken = np.array([g.wijken for g in gemeenten])[gem]
    wijk = 1 + np.floor(rng.random(n) * wijken).astype(int)

    # Intake and PIP: around housing for statushouders; the team's waiting
    # list (002 samenvatting) stretched this from 2023 to mid 2024.
    backlog = (housing >= np.datetime64("2023-01-01")) & (housing < np.datetime64("2024-07-01"))
    pip_delay = rng.lognormal(np.log(np.where(backlog, 110, 40)), 0.5)
    pip = housing + as_days(pip_delay)
    early = has_k & (housing >= PROTECT_START) & (rng.random(n) < 0.25)  # action T3
    pip = np.where(early, np.maximum(housing - as_days(rng.integers(20, 90, n)),
                                     koppeling + as_days(rng.integers(25, 45, n))), pip).astype(D)
    m_delay = rng.lognormal(np.log(np.where(backlog, 120, 60)), 0.5)
    pip = np.where(migrant, registered + as_days(m_delay + rng.integers(14, 50, n)), pip).astype(D)
    intake = pip - as_days(rng.integers(14, 60, n))
    intake = np.maximum(intake, registered + as_days(rng.integers(3, 14, n))).astype(D)
    pip = np.maximum(pip, intake + 7 * day).astype(D)
    start = (pip + as_days(rng.integers(14, 75, n))).astype(D)

    age_at_pip = (pip - birth).astype(np.int64) / 365.25
    u = rng.random(n)
    z_share = np.where(pip <= Z_SHARE_MEASURED_ON, Z_SHARE, Z_SHARE_LATER)
    route = np.where(u < z_share, Z, B1)
    route = np.where((u >= z_share) & (u < z_share + ONDERWIJS_SHARE) & (age_at_pip < 27),
                     ONDERWIJS, route)
    route = np.where((route == B1) & (pip >= B1_ENTREE_START) & (age_at_pip < 30)
                     & (rng.random(n) < 0.35), ENTREE, route)
    alfa = rng.random(n) < np.select([route == Z, route == ENTREE, route == B1], [0.55, 0.10, 0.06], 0.0)

    # Outcome: voldaan after a route-dependent time, or ontheffing, boete;
    # verlengd once the three-year termijn has passed without voldaan.
    median_dur = np.select([route == B1, route == ENTREE, route == Z], [820, 900, 1180], 880)
    dur = rng.lognormal(np.log(median_dur), 0.22)
    end_kind = np.zeros(n, dtype=int)
    ontheffing = rng.random(n) < np.where(route == Z, 0.12, 0.02)
    end_kind[ontheffing] = 1
    end = pip + as_days(dur)
    end = np.where(ontheffing, pip + as_days(rng.integers(200, 1000, n)), end).astype(D)
    late = (end - pip).astype(np.int64) > TERMIJN_DAYS
    boete = late & ~ontheffing & (rng.random(n) < 0.06)
    end_kind[boete] = 2
    end = np.where(boete, pip + as_days(TERMIJN_DAYS + 1 + rng.integers(0, 90, n)), end).astype(D)
    verlengd = np.where(late & ~boete & ~ontheffing, pip + as_days(np.full(n, TERMIJN_DAYS + 1)),
                        NAT).astype(D)
    # Leaving happens after housing for statushouders, which keeps the housed
    # counts exact.
    leaves = rng.random(n) < 0.085
    leave_kind = np.where(rng.random(n) < 0.7, 0, 1)
    leave = np.where(leaves, np.where(has_k, housing, registered) + as_days(rng.integers(30, 1000, n)),
                     NAT).astype(D)
    events = np.stack([registered, intake, pip, start, verlengd, end, leave], axis=1)
    # Nothing happens after leaving.
    events[:, :6] = np.where(events[:, :6] > leave[:, None], NAT, events[:, :6])

    voldaan = (end_kind == 0) & ~np.isnat(events[:, 5])

    def _done(lo_delay, hi_delay, share, anchor):
        d = anchor + as_days(rng.integers(lo_delay, hi_delay, n))
        d = np.where(rng.random(n) < share, d, NAT).astype(D)
        # Voldaan needs every part: done before the voldaan date.
        d = np.where(voldaan, np.minimum(minmax_date(d, end, np.minimum),
                                         end - as_days(rng.integers(1, 60, n))), d).astype(D)
        d = np.where(voldaan, np.maximum(d, anchor), d).astype(D)
        return np.where((d > leave) | (d > end) & ~voldaan, NAT, d).astype(D)

    map_done = _done(120, 400, 0.85, pip)
    knm_done = _done(200, 700, 0.80, start)
    pvt_done = _done(90, 420, 0.88, pip)
    protect = np.maximum(pip, PROTECT_START) + as_days(rng.integers(0, 120, n))
    protect = np.where(rng.random(n) < np.where(pip >= PROTECT_START, 0.92, 0.55), protect, NAT).astype(D)
    protect = np.where((protect > minmax_date(end, leave, np.minimum)), NAT, protect).astype(D)
    protect_outcome = _choice(rng, (("Geen signaal", .70), ("Signaal", .20), ("Doorverwezen", .10)), n)
    nodig = rng.random(n) < np.where((household >= 3) & (sex == "V"), 0.5,
                                     np.where(household >= 3, 0.3, 0.04))
    geregeld = nodig & (rng.random(n) < 0.55)
    digid = np.where(rng.random(n) < 0.88,
                     np.maximum(housing, intake) + as_days(rng.exponential(200, n)), NAT).astype(D)

    # COA: four in every five start the voorinburgering (002 §3). A monthly
    # koppelingen file holds those not yet housed at the month's start: a
    # run in housing order. Blocks of five in that order keep every file at 80%.
    loc = np.full(n, "", dtype=object)
    national = len(gemeenten) > len(REGIO)
    regional = gem < len(REGIO)
    u = rng.random(n)
    loc_regio = np.where(u < 0.45, AZC_MAASTRICHT,
                         np.where(u < 0.60, MARIENWAARD, uniform_pick(rng, OTHER_AZCS, n)))
    loc_regio = np.where((loc_regio == MARIENWAARD) & (koppeling > MARIENWAARD_LAST_DAY),
                         AZC_MAASTRICHT, loc_regio)
    loc_regio = np.where(age_at_pip < 18.2, AMV_CADIER, loc_regio)
    loc_nat = uniform_pick(rng, NATIONAL_AZCS, n)
    loc[has_k] = np.where(regional | ~national, loc_regio, loc_nat)[has_k]
    loc[nar] = "AZC Ter Apel"
    order = np.flatnonzero(has_k)[np.argsort(housing[has_k], kind="stable")]
    blocks = np.zeros(len(order), dtype=bool)
    n_blocks = -(-len(order) // 5)
    pos = rng.integers(0, 5, n_blocks)  # the one in five who does not start
    start_flag = np.ones(n_blocks * 5, dtype=bool)
    start_flag[np.arange(n_blocks) * 5 + pos] = False
    blocks[:] = start_flag[:len(order)]
    vi_start = np.full(n, NAT, dtype=D)
    started = order[blocks]
    span = (koppeling[started] - vergunning[started]).astype(np.int64)
    vi_start[started] = vergunning[started] + as_days(np.floor(rng.random(len(started)) * (span + 1)))
    vi_stop = np.where(rng.random(n) < 0.45, vi_start + as_days(rng.integers(14, 84, n)), NAT).astype(D)
    meedoen = np.where(has_k & (rng.random(n) < 0.55),
                       koppeling + as_days(rng.integers(0, 45, n)), NAT).astype(D)

    # Family migrants rarely qualify (their partner's income counts).
    pw_end = np.where(has_k, housing + as_days(rng.lognormal(np.log(900), 0.5, n)),
                      np.where(rng.random(n) < 0.10, housing + as_days(rng.integers(60, 720, n)),
                               LAW_START - np.timedelta64(1, "D")))
    pw_end = np.where(route == ONDERWIJS, np.minimum(pw_end, start + 90 * day), pw_end).astype(D)

    bsn = make_bsns(rng, n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(bsn, kind="stable")] = np.arange(n)
    excel = np.where(np.char.startswith(bsn.astype(str), "0"),
                     np.char.lstrip(bsn.astype(str), "0"), bsn.astype(str)).astype(object)
    return Persons(
        n=n, gem=gem, doelgroep=grp, bsn=bsn, bsn_rank=rank, bsn_excel=excel, vnr=np.where(
            has_k, make_vnummers(rng, n), "").astype(object),
        sex=sex, birth=birth.astype(D), country=country, vergunning=vergunning, koppeling=koppeling,
        housing=housing, registered=registered, household=household, wijk=wijk,
        intake=events[:, 1], pip=events[:, 2], route=route, alfa=alfa, start=events[:, 3],
        events=events, end_kind=end_kind, leave_kind=leave_kind, map_done=map_done,
        knm_done=knm_done, pvt_done=pvt_done, protect=protect, protect_outcome=protect_outcome,
        kinderopvang_nodig=nodig, kinderopvang_geregeld=geregeld, digid=digid, location=loc,
        vi_start=vi_start, vi_stop=vi_stop, meedoen=meedoen, pw_end=pw_end,
        avond=rng.random(n) < 0.18, attendance=np.clip(rng.beta(12, 2, n), 0.4, 1.0),
        vista_noise=rng.random((n, 8)))


def status_at(p: Persons, when: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Status and Datum status as of `when`: the last event on or before it."""
    seen = p.events <= when  # NaT compares False
    k = p.events.shape[1]
    last = k - 1 - np.argmax(seen[:, ::-1], axis=1)
    labels = np.empty(p.n, dtype=object)
    for j, name in enumerate(STAGES):
        labels[last == j] = name
    labels[last == 5] = END_KINDS[p.end_kind[last == 5]]
    labels[last == 6] = LEAVE_KINDS[p.leave_kind[last == 6]]
    return labels, p.events[np.arange(p.n), last]


# ---------------------------------------------------------------- activities


@dataclass
class Activities:
    person: np.ndarray
    soort: np.ndarray
    aanbieder: np.ndarray
    organisatie: np.ndarray
    aanmelding: np.ndarray
    start: np.ndarray
    end: np.ndarray  # NaT: open-ended
    hours: np.ndarray
    ident: np.ndarray


def _dual_target(t: np.ndarray) -> np.ndarray:
    """Share of time in a main participation episode. With taalmaatjes, paid
    work and the Meedoenbalie on top, this gives werk.duaal_pct ~40% early
    2024 (002) rising to 55-60% in 2026; the values were tuned by measuring."""
    x = (t - LAW_START).astype(np.int64)
    points = np.array([0, 730, 912, 1277, 1642, 2200])
    values = np.array([0.12, 0.21, 0.25, 0.34, 0.42, 0.44])
    return np.interp(x, points, values)


def generate_activities(p: Persons, today: dt.date, rng: np.random.Generator) -> Activities:
    horizon = as_day(today) + np.timedelta64(540, "D")
    chunks: list[dict] = []

    def add(person, soort, start, end, hours, aanmelding=None, aanbieder=None, organisatie=None):
        m = len(person)
        if not m:
            return
        if aanbieder is None:
            aanbieder = np.empty(m, dtype=object)
            organisatie = np.empty(m, dtype=object)
            for s in np.unique(soort):
                sel = soort == s
                aanbieder[sel] = uniform_pick(rng, AANBIEDERS[s], sel.sum())
                organisatie[sel] = uniform_pick(rng, ORGANISATIES[s], sel.sum())
        if aanmelding is None:
            # Podium24 promises a place within three months (002 §5).
            gap = np.where(aanbieder == "Podium24", rng.lognormal(np.log(45), 0.6, m),
                           rng.integers(0, 45, m))
            aanmelding = np.where(aanbieder == "Eigen netwerk", NAT, start - as_days(gap)).astype(D)
        chunks.append(dict(person=person, soort=soort, aanbieder=aanbieder, organisatie=organisatie,
                           aanmelding=aanmelding, start=start, end=end, hours=hours))

    def hours_for(soort, route):
        lo = np.array([HOURS[s][0] for s in range(9)])[soort]
        hi = np.array([HOURS[s][1] for s in range(9)])[soort]
        h = lo + rng.random(len(soort)) * (hi - lo)
        # Z-route: 800 hours in three years is 5,1-6,6 hours a week (002 §4).
        zr = (route == Z) & ~np.isin(soort, (ACTIVERING, TAALMAATJE, BETAALD))
        h = np.where(zr, 5 + rng.random(len(soort)) * 2, h)
        return np.round(h * 2) / 2

    # Episodes of participation between the PIP and the end of the
    # inburgering, alternating with pauses whose length follows the target.
    has = ~np.isnat(p.pip)
    who = np.flatnonzero(has)
    w0 = p.pip[who] + as_days(rng.integers(0, 30, len(who)))
    term = p.terminal[who]
    w_end = np.where(np.isnat(term), horizon, np.minimum(term, horizon)).astype(D)
    mean_on = 100.0
    target = _dual_target(w0)
    t = w0 + as_days(rng.exponential(mean_on * (1 - target) / target * 0.35))
    first = np.ones(len(who), dtype=bool)
    for _ in range(40):
        alive = t < w_end
        if not alive.any():
            break
        pi, ts, we = who[alive], t[alive], w_end[alive]
        route = p.route[pi]
        m = len(pi)
        soort = np.empty(m, dtype=int)
        for r, mix in SOORT_MIX.items():
            sel = route == r
            opts = np.array([o[0] for o in mix])
            pr = np.array([o[1] for o in mix], float)
            soort[sel] = opts[rng.choice(len(opts), size=sel.sum(), p=pr / pr.sum())]
        months_housed = (ts - p.housing[pi]).astype(np.int64) / 30.4
        soort = np.where((route != Z) & (soort == VRIJWILLIG) & (months_housed > 18)
                         & (rng.random(m) < 0.35), BETAALD, soort)
        act = first[alive] & (route == Z) & (ts >= ACTIVERING_START) & (rng.random(m) < 0.6)
        soort = np.where(act, ACTIVERING, soort)
        length = np.where(soort == BETAALD, rng.exponential(420, m) + 60,
                          rng.exponential(mean_on, m) + 21)
        length = np.where(soort == ACTIVERING, 70, length)
        end = ts + as_days(length)
        open_ended = end >= we
        end = np.where(open_ended, np.where(we >= horizon, NAT, we), end).astype(D)
        add(pi, soort, ts, end, hours_for(soort, route))
        # A taalmaatje alongside some episodes.
        tm = rng.random(m) < 0.3
        tm_start = ts[tm] + as_days(rng.integers(0, 60, tm.sum()))
        tm_end = tm_start + as_days(rng.integers(90, 300, tm.sum()))
        tm_end = np.where(tm_end >= we[tm], np.where(we[tm] >= horizon, NAT, we[tm]), tm_end).astype(D)
        ok = tm_start < we[tm]
        add(pi[tm][ok], np.full(ok.sum(), TAALMAATJE), tm_start[ok], tm_end[ok],
            hours_for(np.full(ok.sum(), TAALMAATJE), route[tm][ok]))
        pause_end = minmax_date(end, we, np.minimum)
        tgt = _dual_target(pause_end)
        pause = rng.exponential(mean_on * (1 - tgt) / tgt)
        nxt = np.where(np.isnat(end), horizon, pause_end + as_days(pause)).astype(D)
        t[alive] = nxt
        first[alive] = False

    # The Meedoenbalie in the AZC; most stop at housing (002 §4).
    mb = np.flatnonzero(~np.isnat(p.meedoen) & ((p.meedoen < p.housing) | np.isnat(p.housing)))
    mb_soort = np.where(rng.random(len(mb)) < 0.5, VRIJWILLIG, SPORT)
    carry_on = rng.random(len(mb)) < 0.3
    mb_end = np.where(carry_on, p.housing[mb] + as_days(rng.integers(30, 180, len(mb))),
                      p.housing[mb] + as_days(rng.integers(0, 14, len(mb)))).astype(D)
    mb_end = np.where(mb_end > p.terminal[mb], p.terminal[mb], mb_end).astype(D)
    add(mb, mb_soort, p.meedoen[mb], mb_end, np.round((2 + rng.random(len(mb)) * 4) * 2) / 2,
        aanmelding=p.meedoen[mb] - as_days(rng.integers(0, 14, len(mb))),
        aanbieder=np.full(len(mb), "Meedoenbalie", dtype=object),
        organisatie=uniform_pick(rng, MEEDOEN_ORGANISATIES, len(mb)))

    cat = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    cat["start"] = cat["start"].astype(D)
    cat["end"] = cat["end"].astype(D)
    cat["aanmelding"] = np.minimum(cat["aanmelding"].astype(D), cat["start"]).astype(D)
    order = np.lexsort((cat["person"], cat["start"]))
    cat = {k: v[order] for k, v in cat.items()}
    year = cat["start"].astype("datetime64[Y]").astype(int) + 1970
    ident = np.char.add(np.char.add("PA", year.astype(str)),
                        np.char.add("-", np.char.zfill(np.arange(1, len(order) + 1).astype(str), 6)))
    soort = np.array(SOORTEN, dtype=object)[cat.pop("soort")]
    return Activities(ident=ident.astype(object), soort=soort, **cat)
