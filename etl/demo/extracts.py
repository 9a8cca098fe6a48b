"""Each extract of the contract as the demo writes it: a view of the persons'
history at the file's date, under the headers of etl/contract.py (never a
copy of them), written in the dialect and with the quirks of its supplier."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .. import contract
from . import quirks
from .drop import Drop, Table
from .calibration import (
    ACTIE_SPECIFIEK, ACTIE_TOELICHTING, ACTIES, AMV_CADIER, AZC_MAASTRICHT, B1, BEGROTING,
    DOELGROEPEN, ENTREE, MARIENWAARD, MARIENWAARD_LAST_DAY, NAREIZIGER, NAREIZIGERS_PER_HOUSED,
    OTHER_UITVAL, PLANNED_END_KNOWN, ROUTES, SOORTEN, STATUSHOUDERS_PER_INBURGERAAR, SURVEY,
    UITVAL_REDENEN, VISTA_ROUTES, Z, housed_per_weight)
from .persons import (
    D, NAT, Activities, Persons, as_day, as_days, half_year_bounds, half_years, minmax_date,
    month_bounds, month_index, status_at)
from .text import csv_text, fmt_date, fmt_dutch_int, fmt_half_hours, fmt_jn
from .xlsx import xlsx_bytes

LEVELS = np.array(contract.LEVELS, dtype=object)


def header(extract: contract.Extract) -> list[str]:
    """The extract's column headers as the contract names them."""
    return [c.source for c in extract.columns]


def inburgeraars_table(p: Persons, gemeenten, when: np.datetime64) -> tuple[Table, np.ndarray]:
    sel = np.flatnonzero(p.registered <= when)
    sel = sel[np.argsort(p.bsn_rank[sel])]

    def shown(d):
        d = d[sel]
        return fmt_date(np.where(d <= when, d, NAT).astype(D))

    status, status_date = status_at(p, when)
    housed = p.housing[sel] <= when
    pip_known = p.pip[sel] <= when
    intake_known = p.intake[sel] <= when
    codes = np.array([g.code for g in gemeenten], dtype=object)
    wijk = np.char.add(np.char.add("WK", np.char.replace(codes[p.gem[sel]].astype(str), "GM", "")),
                       np.char.zfill(p.wijk[sel].astype(str), 2)).astype(object)
    wijk[~housed] = ""
    protect_shown = p.protect[sel] <= when
    cols = [
        p.bsn[sel], p.vnr[sel], codes[p.gem[sel]], DOELGROEPEN[p.doelgroep[sel]], p.sex[sel],
        shown(p.birth), p.country[sel], shown(p.vergunning), shown(p.koppeling),
        shown(p.housing), p.household[sel].astype(str).astype(object), wijk, shown(p.intake),
        shown(p.pip), np.where(pip_known, ROUTES[p.route[sel]], "").astype(object),
        fmt_jn(p.alfa[sel], pip_known), shown(p.start), status[sel], fmt_date(status_date[sel]),
        shown(p.map_done), shown(p.knm_done), shown(p.pvt_done), shown(p.protect),
        np.where(protect_shown, p.protect_outcome[sel], "").astype(object),
        fmt_jn(p.kinderopvang_nodig[sel], intake_known),
        fmt_jn(p.kinderopvang_geregeld[sel], intake_known),
        fmt_jn(p.digid[sel] <= when, intake_known),
    ]
    return Table(header(contract.INBURGERAARS), cols), sel


def participatie_table(p: Persons, a: Activities, when: np.datetime64) -> Table:
    sel = np.flatnonzero(a.start <= when)
    sel = sel[np.lexsort((a.start[sel], p.bsn_rank[a.person[sel]]))]
    end = a.end[sel]
    planned = np.isin(a.soort[sel], [SOORTEN[s] for s in PLANNED_END_KNOWN])
    end_shown = np.where((end <= when) | planned, end, NAT).astype(D)
    cols = [p.bsn[a.person[sel]], a.ident[sel], a.soort[sel], csv_text(a.organisatie[sel], ";"),
            a.aanbieder[sel], fmt_date(a.aanmelding[sel]), fmt_date(a.start[sel]),
            fmt_date(end_shown), fmt_half_hours(a.hours[sel])]
    return Table(header(contract.PARTICIPATIE), cols)


def benefit_months(p: Persons, a: Activities, today: dt.date):
    """Per month: (month index, persons in the file, Participatiewet, work, Ontzorging)."""
    today64 = as_day(today)
    n_months = month_index(np.array([today64]))[0] + 1
    work = np.zeros((p.n, n_months + 1), dtype=np.int16)
    full = np.zeros((p.n, n_months + 1), dtype=np.int16)
    paid = a.soort == "Betaald werk"
    sm = np.clip(month_index(a.start[paid]), 0, n_months)
    em = np.where(np.isnat(a.end[paid]), n_months, np.clip(month_index(a.end[paid]), -1, n_months - 1) + 1)
    for target, rows in ((work, np.ones(paid.sum(), bool)), (full, a.hours[paid] >= 24)):
        np.add.at(target, (a.person[paid][rows], sm[rows]), 1)
        np.add.at(target, (a.person[paid][rows], em[rows]), -1)
    work = np.cumsum(work, axis=1) > 0
    full = np.cumsum(full, axis=1) > 0
    housed_m = month_index(p.housing)
    has_k = p.doelgroep <= NAREIZIGER
    leave = p.events[:, 6]
    for m in range(n_months):
        lo, hi = month_bounds(m)
        cutoff = min(hi, today64)
        inside = (p.housing <= cutoff) & (p.registered <= cutoff) & (np.isnat(leave) | (leave >= lo))
        idx = np.flatnonzero(inside)
        pw = (lo < p.pw_end[idx]) & ~full[idx, m]
        ontz = has_k[idx] & (m - housed_m[idx] >= 0) & (m - housed_m[idx] <= 5)
        yield m, idx, pw, work[idx, m], ontz


def vista_table(p: Persons, when: np.datetime64) -> Table:
    """Learners who started, as VISTA sees them on `when`. Everything random
    comes from the person's fixed noise: levels and counts only grow between
    snapshots, and an exam or a dropout stays where it was."""
    term = p.terminal
    sel = np.flatnonzero((p.start <= when) & (np.isnat(term) | (term >= when - np.timedelta64(90, "D"))))
    sel = sel[np.argsort(p.bsn_rank[sel])]
    m = len(sel)
    u = p.vista_noise[sel]
    route = p.route[sel]
    start = p.start[sel]
    end_kind, leave_kind = p.end_kind[sel], p.leave_kind[sel]
    ended = ~np.isnat(term[sel]) & (term[sel] <= when)
    left = ended & ~np.isnat(p.events[sel, 6]) & (p.events[sel, 6] == term[sel])
    passed = ended & ~left & (end_kind == 0)
    # A few drop out along the way without leaving the inburgering.
    quit_on = np.where(u[:, 5] < 0.04, start + as_days(60 + u[:, 5] / 0.04 * 600), NAT).astype(D)
    quit = ~ended & (quit_on <= when)
    stop = minmax_date(minmax_date(term[sel], quit_on, np.minimum), np.full(m, when, dtype=D), np.minimum)
    stop = np.where(ended | quit, stop, when).astype(D)
    weeks = np.clip((stop - start).astype(np.int64) / 7, 0, 156)
    rate = np.select([route == B1, route == ENTREE, route == Z], [10.5, 12.0, 6.0], 14.0)
    planned = np.round(weeks * 40 / 52 * rate, 1)
    followed = np.round(planned * p.attendance[sel], 1)
    months = weeks / 4.35
    code = np.where(p.alfa[sel] & (months < 9), "alfa", VISTA_ROUTES[route]).astype(object)
    target = np.select([route == Z], [1.6], 3.2)  # index into LEVELS: A1-A2 for Z, B1+ otherwise
    base = np.minimum(target, months / 8.0)
    levels = []
    for skill in range(4):
        v = LEVELS[np.clip(np.floor(base + (u[:, skill] - 0.5) * 1.2), 0, 4).astype(int)].copy()
        v[months < 3] = ""  # not yet measured
        levels.append(v)
    exam = np.where(passed, term[sel] - as_days(14 + u[:, 7] * 45), NAT).astype(D)
    failed_on = start + as_days(600 + u[:, 4] / 0.25 * 200)
    failed = ~passed & (u[:, 4] < 0.25) & (failed_on <= stop)
    exam = np.where(failed, failed_on, exam).astype(D)
    behaald = np.where(passed, "true", np.where(failed, "false", "")).astype(object)
    dropout = left | (ended & (end_kind == 1)) | quit
    reason = np.full(m, "", dtype=object)
    reason[left] = np.where(leave_kind[left] == 0, UITVAL_REDENEN["Verhuisd"], UITVAL_REDENEN["Vertrokken"])
    reason[ended & (end_kind == 1) & ~left] = UITVAL_REDENEN["Ontheffing"]
    reason[quit] = OTHER_UITVAL[(u[quit, 7] * len(OTHER_UITVAL)).astype(int)]
    changes = np.floor(months * (0.1 + 0.3 * u[:, 6])).astype(np.int64)
    cols = [p.bsn[sel], code, fmt_date(start, iso=True),
            fmt_date(np.full(m, when, dtype=D), iso=True), planned.astype(str).astype(object),
            followed.astype(str).astype(object), changes.astype(str).astype(object),
            *levels, fmt_date(exam, iso=True), behaald, fmt_jn(p.avond[sel], yes="true", no="false"),
            fmt_jn(dropout, yes="true", no="false"), csv_text(reason, ",")]
    return Table(header(contract.VISTA), cols)


def koppelingen_columns(p: Persons, gemeenten, m: int, today: dt.date, rng: np.random.Generator):
    lo, hi = month_bounds(m)
    cutoff = min(hi, as_day(today))
    out = p.housing
    idx = np.flatnonzero((p.vnr != "") & (p.koppeling <= cutoff) & (np.isnat(out) | (out >= lo)))
    idx = idx[np.argsort(p.koppeling[idx], kind="stable")]
    k = len(idx)
    coa_names = [g.coa_names for g in gemeenten]
    primary = np.array([c[0] for c in coa_names], dtype=object)
    alternate = np.array([c[-1] for c in coa_names], dtype=object)
    name = np.where(rng.random(k) < 0.85, primary[p.gem[idx]], alternate[p.gem[idx]]).astype(object)
    loc = p.location[idx].copy()
    loc[(loc == MARIENWAARD) & (cutoff > MARIENWAARD_LAST_DAY)] = AZC_MAASTRICHT
    gestart = p.vi_start[idx] <= cutoff
    stop = minmax_date(minmax_date(p.vi_stop[idx], out[idx], np.minimum),
                        np.full(k, cutoff, dtype=D), np.minimum)
    weeks = np.clip((stop - p.vi_start[idx]).astype(np.int64) / 7, 0, None)
    hours = np.where(gestart, np.minimum(115, np.floor(weeks * 115 / 14 * 2) / 2), 0.0)
    afgerond = gestart & (hours >= 115)
    uitstroom = np.where(out[idx] <= cutoff, out[idx], NAT).astype(D)
    cols = [("str", p.vnr[idx]), ("str", name), ("date", p.koppeling[idx]), ("str", loc),
            ("str", fmt_jn(gestart, yes="Ja", no="Nee")), ("str", fmt_jn(afgerond, yes="Ja", no="Nee")),
            ("num", hours), ("str", fmt_jn(p.meedoen[idx] <= cutoff, yes="Ja", no="Nee")),
            ("date", uitstroom)]
    return cols, idx


def bezetting_rows(p: Persons, m: int, state: dict, rng: np.random.Generator):
    """The Zuid-Limburg locations on the first day of the month; occupancy
    follows a bounded random walk, vergunninghouders include our linked
    persons who live there on the peildatum."""
    lo, _ = month_bounds(m)
    here = (p.koppeling <= lo) & (np.isnat(p.housing) | (p.housing > lo))
    loc = np.where((p.location == MARIENWAARD) & (lo > MARIENWAARD_LAST_DAY), AZC_MAASTRICHT, p.location)
    rows = []
    specs = [(AZC_MAASTRICHT, "MAASTRICHT", "AZC", 650, 600, 545, 650, (70, 140), 0.35, 0.28)]
    if lo <= MARIENWAARD_LAST_DAY:
        specs.append((MARIENWAARD, "Maastricht", "Noodopvang", 250, 215, 170, 250, (20, 60), 0.70, 0.18))
    specs.append((AMV_CADIER, "MAASTRICHT", "AMV", 60, 48, 36, 60, (1, 5), 0.80, 0.90))
    for name, gemeente, kind, cap, mean, low, high, extra, brp, minor in specs:
        prev = state.get(name, mean)
        occ = int(np.clip(round(mean + 0.7 * (prev - mean) + rng.normal(0, 0.04 * cap)), low, high))
        state[name] = occ
        ours = int(((loc == name) & here).sum())
        vh = min(occ, ours + int(rng.integers(*extra)))
        niet_brp = int(round(occ * np.clip(brp + rng.normal(0, 0.03), 0, 1)))
        minderjarig = int(round(occ * np.clip(minor + rng.normal(0, 0.02), 0, 1)))
        rows.append([name, gemeente, kind, cap, occ, vh, niet_brp, minderjarig])
    return rows


def enquete_table(p: Persons, gemeenten, year: int, today: dt.date, rng: np.random.Generator) -> Table:
    survey = as_day(min(dt.date(year, 10, 1), today))
    leave = p.events[:, 6]
    eligible = np.flatnonzero((p.housing <= survey) & (p.registered <= survey)
                              & (np.isnat(leave) | (leave > survey)))
    resp = eligible[rng.random(len(eligible)) < 0.2]
    resp = resp[rng.permutation(len(resp))]
    r = len(resp)
    years = (survey - p.vergunning[resp]).astype(np.int64) // 365 + 1
    jaar = np.where(years >= 4, "4+", np.clip(years, 1, 3).astype(str)).astype(object)
    person_effect = rng.normal(0, 0.5, r)
    cols = [np.arange(1, r + 1).astype(str).astype(object),
            np.array([g.code for g in gemeenten], dtype=object)[p.gem[resp]], jaar]
    for statement in contract.SURVEY_STATEMENTS:
        mean, gain = SURVEY[statement]
        score = mean + gain * (np.minimum(years, 4) - 1) + person_effect + rng.normal(0, 0.8, r)
        answer = np.clip(np.rint(score), 1, 5).astype(int).astype(str).astype(object)
        answer[rng.random(r) < 0.06] = ""
        cols.append(answer)
    return Table(header(contract.ENQUETE), cols)


def taakstelling_table(p: Persons, gemeenten, today: dt.date, rng: np.random.Generator) -> Table:
    hys = [hy for hy in half_years(today) if half_year_bounds(*hy)[0] <= as_day(today)]
    n_g, n_h = len(gemeenten), len(hys)
    statushouder = (p.doelgroep <= NAREIZIGER) & (p.housing <= as_day(today))
    starts = np.array([half_year_bounds(*hy)[0] for hy in hys], dtype=D)
    hy_of = np.searchsorted(starts, p.housing[statushouder], side="right") - 1
    housed = np.bincount(p.gem[statushouder] * n_h + hy_of, minlength=n_g * n_h).reshape(n_g, n_h)
    gehuisvest = np.rint(housed * STATUSHOUDERS_PER_INBURGERAAR).astype(np.int64)
    full = np.array([[housed_per_weight(g, hy) for hy in hys] for g in gemeenten])
    weight = np.array([g.weight for g in gemeenten])
    expected = weight[:, None] * full * (1 + NAREIZIGERS_PER_HOUSED) * STATUSHOUDERS_PER_INBURGERAAR
    taak = np.maximum(0, np.rint(expected * rng.uniform(0.85, 1.2, expected.shape))).astype(np.int64)
    # The backlog carries over: what was set and not housed is next half year's start.
    first = np.rint(expected[:, 0] * rng.uniform(-0.1, 0.4, n_g)).astype(np.int64)
    backlog = first[:, None] + np.concatenate(
        [np.zeros((n_g, 1), np.int64), np.cumsum(taak - gehuisvest, axis=1)[:, :-1]], axis=1)

    def dutch(x: np.ndarray) -> np.ndarray:
        return np.array([fmt_dutch_int(v) if v >= 0 else "-" + fmt_dutch_int(-v) for v in x.ravel().tolist()],
                        dtype=object)

    codes = np.array([g.code for g in gemeenten], dtype=object)
    periods = np.array([f"{y}-{h}" for y, h in hys], dtype=object)
    return Table(header(contract.TAAKSTELLING),
                 [np.repeat(codes, n_h), np.tile(periods, n_g), dutch(taak), dutch(backlog),
                  dutch(gehuisvest)])


def begroting_table() -> Table:
    rows = []
    for prog, nr, naam, soort, amounts, raming, style in BEGROTING:
        for year, amount in zip(range(2024, 2028), amounts):
            if amount is None:
                continue  # '-' in the source table
            text = fmt_dutch_int(amount) + (",00" if style == "cents" else "")
            rows.append((prog, nr, naam, soort, str(year), text, raming))
    cols = [np.array([r[i] for r in rows], dtype=object) for i in range(7)]
    cols[2] = csv_text(cols[2], ";")
    return Table(header(contract.BEGROTING), cols)


def quarter_number(q: str) -> int:
    return int(q[:4]) * 4 + int(q[-1]) - 1


def acties_table(today: dt.date, rng: np.random.Generator) -> Table:
    now = today.year * 4 + (today.month - 1) // 3
    rows = []
    for aid, lijn, oms, uitv, fin, start, einde in ACTIES:
        if quarter_number(start) > now:
            status = "Niet gestart"
        elif quarter_number(einde) < now:
            status = "Afgerond" if rng.random() < 0.8 else "Vertraagd"
        else:
            status = "Loopt" if rng.random() < 0.8 else "Vertraagd"
        notes = ACTIE_TOELICHTING[status]
        note = ACTIE_SPECIFIEK.get(aid) if status != "Niet gestart" and aid in ACTIE_SPECIFIEK else \
            notes[int(rng.integers(0, len(notes)))]
        rows.append((aid, lijn, oms, uitv, fin, start, einde, status, note))
    cols = [csv_text(np.array([r[i] for r in rows], dtype=object), ";") for i in range(9)]
    return Table(header(contract.ACTIES), cols)


# ---------------------------------------------------------------- writing the files


def write_inburgeraars(d: Drop) -> int:
    """The older snapshot comes from the old system (Windows-1252, leading
    zeros lost); the newest has other header spellings and two bad rows."""
    (older, old_stamp), (newest, stamp) = d.snapshots
    rng = d.rng["inburgeraars"]
    t, who = inburgeraars_table(d.p, d.gemeenten, older)
    t.cols[0] = quirks.bsn_column(d, who, rng, 1.0, 0.0)
    d.csv(f"gemeente/inburgeraars_{old_stamp}.csv", t.header, t, encoding="cp1252")

    t, who = inburgeraars_table(d.p, d.gemeenten, newest)
    persons = len(t)
    t.cols[0] = quirks.bsn_column(d, who, rng, 0.4, 0.02)
    for c in ("Land van herkomst", "Status", "Leerroute"):
        i = t.header.index(c)
        t.cols[i] = quirks.pad_some(t.cols[i], rng, 0.03)
    rel = f"gemeente/inburgeraars_{stamp}.csv"
    quirks.plant_inburgeraars(d, t, rel, newest)
    d.csv(rel, quirks.respelled(t.header, quirks.INBURGERAARS_SPELLING), t, trailing_empty_lines=2)
    return persons


def write_participatie(d: Drop) -> int:
    """Two snapshots; the newest holds a bad date, negative hours and a repeated ID."""
    (older, old_stamp), (newest, stamp) = d.snapshots
    t = participatie_table(d.p, d.acts, older)
    d.csv(f"gemeente/participatie_{old_stamp}.csv", t.header, t, encoding="cp1252")

    t = participatie_table(d.p, d.acts, newest)
    rows = len(t)
    t.cols[3] = quirks.pad_some(t.cols[3], d.rng["participatie"], 0.02)
    rel = f"gemeente/participatie_{stamp}.csv"
    if not rows:
        return rows
    quirks.plant_participatie(d, t, rel)
    d.csv(rel, quirks.respelled(t.header, quirks.PARTICIPATIE_SPELLING), t)
    return rows


def write_uitkeringen(d: Drop) -> int:
    """One file per month (from the first housing on); every sixth month comes
    from the old system. One month holds a person the inburgeraars file does
    not know."""
    rng = d.rng["uitkeringen"]
    months = [entry for entry in benefit_months(d.p, d.acts, d.today) if len(entry[1])]
    bad_month = quirks.unknown_person_month(d, months)
    total = 0
    for m, idx, pw, work, ontz in months:
        ym = str(month_bounds(m)[0])[:7]
        old_system = m % 6 == 3
        order = np.argsort(d.p.bsn_rank[idx])
        idx, pw, work, ontz = idx[order], pw[order], work[order], ontz[order]
        t = Table(header(contract.UITKERINGEN), [
            quirks.bsn_column(d, idx, rng, 1.0 if old_system else 0.0, 0.0 if old_system else 0.01),
            np.full(len(idx), ym, dtype=object), fmt_jn(pw), fmt_jn(work), fmt_jn(ontz)])
        total += len(t)
        rel = f"gemeente/uitkeringen_{ym.replace('-', '')}.csv"
        if m == bad_month:
            quirks.plant_unknown_person(d, t, rel, ym)
        spelled = quirks.respelled(t.header, quirks.UITKERINGEN_SPELLING) if m % 4 == 1 else t.header
        d.csv(rel, spelled, t, encoding="cp1252" if old_system else "utf-8-sig",
              trailing_empty_lines=1 if m % 3 == 0 else 0)
    return total


def write_small_snapshots(d: Drop) -> None:
    t = taakstelling_table(d.p, d.gemeenten, d.today, d.rng["small"])
    d.csv("gemeente/taakstelling.csv", quirks.respelled(t.header, quirks.TAAKSTELLING_SPELLING), t,
          trailing_empty_lines=1)
    t = begroting_table()
    d.csv("gemeente/begroting.csv", t.header, t, trailing_empty_lines=1)
    t = acties_table(d.today, d.rng["small"])
    d.csv("gemeente/acties.csv", t.header, t, encoding="cp1252")  # € and ë: cp1252, not latin-1


def write_enquete(d: Drop) -> None:
    for year in range(2022, d.today.year + 1):
        t = enquete_table(d.p, d.gemeenten, year, d.today, d.rng["enquete"])
        rel = f"gemeente/enquete_{year}.csv"
        if year == d.today.year and len(t):
            quirks.plant_likert(d, t, rel)
        d.csv(rel, t.header, t, encoding="cp1252" if year == 2022 else "utf-8-sig")


def write_coa(d: Drop) -> None:
    """Both workbooks for every month; the newest koppelingen holds a row
    whose koppeling lies after its month."""
    rng = d.rng["coa"]
    (d.out / "coa").mkdir(parents=True, exist_ok=True)
    state: dict = {}
    last = month_index(np.array([d.today64]))[0]
    for m in range(last + 1):
        lo, hi = month_bounds(m)
        ym = str(lo)[:7].replace("-", "")
        rows = bezetting_rows(d.p, m, state, rng)
        cols = [("str", np.array([r[i] for r in rows], dtype=object)) for i in range(3)] + \
               [("num", np.array([r[i] for r in rows], float)) for i in range(3, 8)]
        total = ["Totaal", None, None, *[sum(r[i] for r in rows) for i in range(3, 8)]]
        title = f"Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum {fmt_date(np.array([lo]))[0]}"
        (d.out / "coa" / f"coa_bezetting_{ym}.xlsx").write_bytes(
            xlsx_bytes("Bezetting", header(contract.COA_BEZETTING), cols, title=title, total=total))

        cols, idx = koppelingen_columns(d.p, d.gemeenten, m, d.today, rng)
        rel = f"coa/coa_koppelingen_{ym}.xlsx"
        if m == last:
            cols = quirks.plant_late_koppeling(d, cols, idx, hi, rel)
        (d.out / rel).write_bytes(xlsx_bytes("Koppelingen", header(contract.COA_KOPPELINGEN), cols))
        d.files += 2


def vista_history(d: Drop) -> list[tuple[np.datetime64, str]]:
    """VISTA delivers its state every quarter end, and monthly for the two
    newest snapshots: each file is the state on its own peildatum, so
    together they are the VISTA time series (contract section 7)."""
    (older, _), _ = d.snapshots
    out = []
    y, q = 2022, 1
    while True:
        end = dt.date(y, 3 * q, 1) + dt.timedelta(days=31)
        end = end - dt.timedelta(days=end.day)
        if as_day(end) >= older:
            break
        out.append((as_day(end), end.strftime("%Y%m%d")))
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out + list(d.snapshots)


def write_vista(d: Drop) -> None:
    """Another supplier's habits (ISO dates, commas, no BOM); the newest has
    one date in municipal notation."""
    for when, stamp in vista_history(d):
        t = vista_table(d.p, when)
        rel = f"vista/vista_voortgang_{stamp}.csv"
        if when == d.today64 and len(t):
            quirks.plant_nl_date(d, t, rel, "startdatum")
        d.csv(rel, t.header, t, sep=",", encoding="utf-8", newline="\n")


# Section 11 (optional): a few published figures as a municipality would copy
# them from CBS StatLine and Divosa. Plausible orders of magnitude, not the
# published values: the source says so.
REFERENTIE_ROWS = (
    ("werk.duaal_pct", "NL", "31-12-2025", "38,0", "", "",
     "CBS StatLine, Statistiek Wet inburgering 2025 (demowaarde)"),
    ("taal.leerroute_b1_pct", "NL", "31-12-2025", "74,0", "15.480", "20.920",
     "CBS StatLine, Statistiek Wet inburgering 2025 (demowaarde)"),
    ("werk.uitkering_pct", "NL", "31-12-2025", "77,0", "", "",
     "CBS StatLine, Asiel en integratie 2025 (demowaarde)"),
    ("werk.uitkering_pct", "PV31", "31-12-2025", "79,0", "", "",
     "CBS StatLine, Asiel en integratie 2025 (demowaarde)"),
    ("werk.betaald_werk_pct", "100.000-150.000 inwoners", "30-06-2025", "18,0", "", "",
     "Divosa Benchmark Statushouders 2025 (demowaarde)"),
)


def write_referentie(d: Drop) -> None:
    header = ["Indicator", "Gebied", "Peildatum", "Waarde", "Teller", "Noemer", "Bron"]
    cols = [np.array([r[i] for r in REFERENTIE_ROWS], dtype=object) for i in range(len(header))]
    d.csv(f"referentie/referentie_{d.today.strftime('%Y%m%d')}.csv", header, cols)
