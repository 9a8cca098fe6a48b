"""An adversary against disclosure control: it collects what a user can see
by combining views (breakdowns, filters, the gemeenten side by side, the
blocks with their region row) and solves for hidden cells by differences.

Every figure is a sum of unknowns: per family (a dimension E besides the
gemeente) x[E][g, m] for gemeente g and member m, the gemeente totals
T[g], the region row R[E][m] and the grand total G, tied by the sums that
hold whatever the data (each row adds up to T[g], each column to R[E][m],
the totals to G). A shown figure is one more equation. A hidden cell is
recovered when its unknown is fixed by those equations: e_i lies in the row
space of the system, i.e. the null space has no component along it
(numpy SVD). A shown percentage gives its numerator and its denominator,
both with the same pattern of unknowns, so one system serves both.

Cells absent from the store are 0 and known as such (a breakdown leaves
them out), so they are no unknowns. Used by tests/test_disclosure_adversary.py
and bench/adversary.py (the search over the demo store)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations

import numpy as np

from monitor import indicators as ind
from monitor import vista, zroute
from monitor.filters import MARGIN_DIMENSIONS, PERSON_DIMENSIONS, Filters

FIELD = {"gemeentecode": "gemeenten", **{d: d for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS)}}
REGION = "ALL"


def _m(v) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


@dataclass
class System:
    """Unknowns by name, the equations over them, and what the views said of
    single unknowns (shown, hidden, with their display text)."""

    names: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)
    shown: set = field(default_factory=set)
    hidden: dict = field(default_factory=dict)  # name -> set of display texts
    truth: dict = field(default_factory=dict)  # name -> true count (for the labels only)
    den: dict = field(default_factory=dict)  # name -> true denominator of a percentage
    views: int = 0

    def var(self, name) -> int:
        return self.names.setdefault(name, len(self.names))

    def equation(self, names) -> None:
        self.rows.append([self.var(n) for n in names])

    def structure(self, grid: dict, members: dict, gemeenten) -> None:
        """The sums every family obeys: grid[(E)] = set of (g, m) present."""
        for e, cells in grid.items():
            if not cells:
                continue  # not split by E (the survey, by herkomst): no sums to tie
            for g in gemeenten:
                row = [("x", e, g, m) for (gg, m) in cells if gg == g]
                self.rows.append([self.var(("T", g))] + [-1 - self.var(n) for n in row])
            for m in members[e]:
                col = [("x", e, g, m) for (g, mm) in cells if mm == m]
                self.rows.append([self.var(("R", e, m))] + [-1 - self.var(n) for n in col])
            self.rows.append([self.var(("G",))] + [-1 - self.var(("R", e, m)) for m in members[e]])
        self.rows.append([self.var(("G",))] + [-1 - self.var(("T", g)) for g in gemeenten])

    def see(self, names, suppressed: bool, shown_text=None, value=0) -> None:
        """One figure of a view: the sum of `names` (unknowns). A figure of
        one unknown is that unknown; a figure of several is kept as their
        sum (a view across two dimensions shows sums of the finest cells)."""
        names = [n for n in names if n is not None]
        if not names:
            return
        if not suppressed and value is None:
            return  # an empty figure (no data in this selection) says nothing
        key = names[0] if len(names) == 1 else ("som", tuple(sorted(set(names), key=str)))
        if suppressed:
            self.hidden.setdefault(key, set()).add(shown_text)
            for known in (self.truth, self.den):
                # a cell absent from the store is a 0
                if len(names) > 1 and key not in known and any(n in known for n in names):
                    known[key] = sum(known.get(n, 0) for n in names)
            for n in names:
                self.var(n)
            return
        self.rows.append([self.var(n) for n in names])
        self.shown.add(key)

    def matrix(self) -> np.ndarray:
        a = np.zeros((len(self.rows), len(self.names)))
        for i, row in enumerate(self.rows):
            for j in row:
                if j >= 0:
                    a[i, j] += 1.0
                else:
                    a[i, -1 - j] -= 1.0
        return a

    def _vector(self, key) -> dict:
        """The unknowns (column -> coefficient) a hidden figure adds up."""
        names = key[1] if isinstance(key, tuple) and key and key[0] == "som" else [key]
        return {self.names[n]: 1.0 for n in names if n in self.names}

    def recovered(self, dense_limit: int = 2500) -> list:
        """Hidden figures the equations fix: a figure (a vector c over the
        unknowns) is fixed when c lies in the row space of the system, i.e.
        c is orthogonal to its null space. Unknowns a view shows on their
        own are known, so their columns drop out (a row's known part only
        moves to the right-hand side) and the system shrinks to the hidden
        and never-shown unknowns. Up to `dense_limit` of those: SVD; above
        (the national store), three random vectors projected onto the row
        space with LSQR: a figure is fixed iff its part of every residual
        (a random vector of the null space) is 0."""
        if not self.hidden or not self.rows:
            return []
        known = {self.names[k] for k in self.shown if not (isinstance(k, tuple) and k
                                                             and k[0] == "som")}
        free = [j for j in range(len(self.names)) if j not in known]
        column = {j: i for i, j in enumerate(free)}
        out = []
        vectors = {}
        for key in self.hidden:
            c = self._vector(key)
            part = {column[j]: v for j, v in c.items() if j in column}
            if not c:
                continue
            if not part:
                out.append(key)  # every part shown elsewhere: the sum is known
                continue
            vectors[key] = part
        if not vectors:
            return out
        rows, cols, vals = [], [], []
        for i, row in enumerate(self.rows):
            for j in row:
                jj = j if j >= 0 else -1 - j
                if jj in column:
                    rows.append(i)
                    cols.append(column[jj])
                    vals.append(1.0 if j >= 0 else -1.0)
        n = len(free)
        if n <= dense_limit:
            a = np.zeros((len(self.rows), n))
            np.add.at(a, (rows, cols), vals)
            _, s, vt = np.linalg.svd(a, full_matrices=True)
            rank = int((s > 1e-9 * max(1.0, s.max() if len(s) else 1.0)).sum())
            null = vt[rank:].T
            for key, part in vectors.items():
                if null.shape[1] == 0 or np.abs(sum(v * null[j] for j, v in part.items())).max() < 1e-9:
                    out.append(key)
            return out
        from scipy.sparse import csr_matrix
        from scipy.sparse.linalg import lsqr
        a = csr_matrix((vals, (rows, cols)), shape=(len(self.rows), n))
        rng = np.random.default_rng(21)
        residuals = []
        for _ in range(3):
            r = rng.standard_normal(n)
            y = lsqr(a.T, r, atol=1e-14, btol=1e-14, iter_lim=20 * n)[0]
            residuals.append(r - a.T @ y)
        z = np.array(residuals)
        for key, part in vectors.items():
            if np.abs(sum(v * z[:, j] for j, v in part.items())).max() < 1e-6:
                out.append(key)
        return out

    def disclosive(self, key) -> bool:
        """Whether a hidden figure's true value may never be known: a count
        of 1-4, or a percentage over fewer than 10 persons or whose
        numerator or rest is 1-4 (unknown truth: assume so)."""
        n = self.truth.get(key)
        if n is None:
            return True
        if 0 < n < 5:
            return True
        d = self.den.get(key)
        return d is not None and (d < 10 or 0 < d - n < 5)

    def leaks(self) -> list:
        """What the adversary found: a hidden cell of the finest grain the
        views show (one unknown), or a hidden sum whose value is disclosive.
        A hidden sum of several hidden cells that is not disclosive (two
        cells hidden together, their sum 5 or more: the point of secondary
        suppression) may well follow from the views; see `known_sums`."""
        return [k for k in self.recovered()
                if not (isinstance(k, tuple) and k and k[0] == "som") or self.disclosive(k)]

    def known_sums(self, found=None) -> list:
        """Hidden sums that the views fix but that disclose nothing (shown
        as "–" where the reader could work them out: over-suppression)."""
        found = self.recovered() if found is None else found
        return [k for k in found if isinstance(k, tuple) and k and k[0] == "som"
                and not self.disclosive(k)]

    def inconsistent(self) -> list:
        """Figures shown in one view and hidden in another."""
        return sorted(set(self.hidden) & self.shown, key=str)


def _present(db, indicator, peildatum, dims):
    """Which (g, m) cells, members and gemeenten exist for the indicator at
    P, and their true numerators (to check the "<5" labels, never to solve)."""
    none = Filters()
    grid, members, truth = {}, {}, {}
    for e in dims:
        cells = ind._cells(none, [indicator], [peildatum], dimension=e, by_gemeente=True,
                           path=db, values=False)
        grid[e] = {(str(g), _m(m)) for g, m in zip(cells["gemeentecode"], cells["member"])}
        members[e] = sorted({m for _, m in grid[e]})
        for g, m, n in zip(cells["gemeentecode"], cells["member"], cells["numerator"]):
            truth[("x", e, str(g), _m(m))] = n
        region = ind._cells(none, [indicator], [peildatum], dimension=e, path=db, values=False)
        for m, n in zip(region["member"], region["numerator"]):
            truth[("R", e, _m(m))] = n
    tot = ind._cells(none, [indicator], [peildatum], dimension="gemeentecode", path=db,
                     values=False)
    for g, n in zip(tot["member"], tot["numerator"]):
        truth[("T", str(g))] = n
    return grid, members, sorted(str(g) for g in tot["member"]), truth


def _names(e, gsel, msel):
    """The unknowns a figure over gemeenten gsel (empty: region) and members
    msel of E (empty: all) adds up."""
    if e is None or not msel:
        return [("T", g) for g in gsel] if gsel else [("G",)]
    if not gsel:
        return [("R", e, m) for m in msel]
    return [("x", e, g, m) for g in gsel for m in msel]


def _at(df, peildatum):
    return df[df["peildatum"] == peildatum] if "peildatum" in df else df


def _record(system, df, peildatum, names_of, where, check=None) -> None:
    """Every row of one view at the peildatum, as the system of equations sees it."""
    for r in _at(df, peildatum).to_dict("records"):
        if check:
            check(r, where)
        v = r.get("value")
        system.see(names_of(r), bool(r["suppressed"]), r.get("weergave"),
                   None if v is None or (isinstance(v, float) and np.isnan(v)) else v)


def indicator_views(db, indicator: str, peildatum, dims=None, pairs=True,
                    check=None, figure=None, sample=None) -> System:
    """Every view of one indicator at one peildatum that stays within one
    dimension besides the gemeente: breakdowns by each dimension under no
    gemeente, one, or two gemeenten; the gemeenten side by side under one or
    two members of a dimension; the headline figure under a gemeente and a
    member. `check(row, where)` sees every shown or hidden row; `figure(
    indicator, filters)` gives the headline figure (default: series).
    `sample`: the gemeenten whose own views are set up (default: all; the
    gemeenten side by side show every gemeente's cells anyway)."""
    figure = figure or (lambda i, f: ind.series(i, f, path=db))
    dims = list(dims or (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS))
    grid, members, gemeenten, truth = _present(db, indicator, peildatum, dims)
    sys_ = System(truth=truth)
    sys_.structure(grid, members, gemeenten)
    own = gemeenten if sample is None else [g for g in sample if g in gemeenten]
    gsels = [()] + [(g,) for g in own] + (list(combinations(own, 2)) if pairs else [])
    P = peildatum

    def record(df, names_of, where):
        _record(sys_, df, P, names_of, where, check)

    for e in dims:
        msels = [(m,) for m in members[e]] + (list(combinations(members[e], 2)) if pairs else [])
        for gsel in gsels:
            f = Filters(peildatum=P, gemeenten=gsel)
            try:
                bd = ind.breakdown(indicator, e, f, path=db)
            except ind.UnavailableCombination:
                continue
            sys_.views += 1
            record(bd, lambda r, gsel=gsel: _names(e, list(gsel), [] if r["is_total"]
                                                   else [_m(r["member"])]),
                   f"{indicator} naar {e} onder {gsel}")
        for msel in msels:
            f = Filters(peildatum=P, **{FIELD[e]: msel})
            side = ind.by_gemeente(indicator, f, path=db)
            sys_.views += 1
            record(side, lambda r, msel=msel: _names(e, [] if r["is_total"] else [r["member"]],
                                                     list(msel)),
                   f"{indicator} gemeenten onder {e}={msel}")
            for gsel in gsels[:1 + len(own)]:
                one = figure(indicator, replace(f, gemeenten=gsel))
                sys_.views += 1
                record(one, lambda r, gsel=gsel, msel=msel: _names(e, list(gsel), list(msel)),
                       f"{indicator} onder {e}={msel}, {gsel}")
    # the gemeenten side by side and the headline under no other filter
    side = ind.by_gemeente(indicator, Filters(peildatum=P), path=db)
    sys_.views += 1
    record(side, lambda r: _names(None, [] if r["is_total"] else [r["member"]], []),
           f"{indicator} gemeenten")
    return sys_


def block_views(db, peildatum, pairs=True, pair_sample=None) -> dict[str, System]:
    """The blocks with a region row: land van herkomst (Cohorten), Z-route
    (persons per schema, and hours), VISTA levels per skill; under no
    gemeente, each gemeente, and pairs."""
    gemeenten = sorted(ind.gemeente_namen(db))
    two = gemeenten if pair_sample is None else [g for g in pair_sample if g in gemeenten]
    gsels = [()] + [(g,) for g in gemeenten] + (list(combinations(two, 2)) if pairs else [])
    out = {}

    # land van herkomst: the truth per gemeente from the block's own query
    raw = ind.store.query("land_van_herkomst", {**Filters().params(), "peildatum": peildatum},
                          path=db)
    land = System(truth={("x", "land", str(g), str(m)): n for g, m, n in
                         zip(raw["gemeentecode"], raw["land"], raw["persons"])})
    land.truth.update({("T", str(g)): n for g, n in
                       raw.groupby("gemeentecode")["persons"].sum().items()})
    land.truth.update({("R", "land", str(m)): n for m, n in
                       raw.groupby("land")["persons"].sum().items()})
    cells = {(str(g), str(m)) for g, m in zip(raw["gemeentecode"], raw["land"])}
    land.structure({"land": cells}, {"land": sorted({m for _, m in cells})}, gemeenten)
    for gsel in gsels:
        df = ind.land_van_herkomst(Filters(peildatum=peildatum, gemeenten=gsel), path=db)
        land.views += 1
        for r in df.to_dict("records"):
            land.see(_names("land", list(gsel), [] if r["is_total"] else [r["land"]]),
                     bool(r["suppressed"]), r["weergave"])
    out["land van herkomst"] = land

    raw = ind.store.query("z_route", zroute.params(peildatum), path=db)
    z = System(truth={("T", str(g)): n for g, n in zip(raw["gemeentecode"], raw["z_personen"])})
    z.truth.update({("x", "z", str(r["gemeentecode"]), c): r[c]
                    for r in raw.to_dict("records") for c in zroute.SCHEMA})
    z.truth.update({("R", "z", c): raw[c].sum() for c in zroute.SCHEMA})
    zg = sorted(raw["gemeentecode"])
    # every cell, zeros too: the grid decides over them, and a hidden 0
    # reads "–", unknown to a reader
    cells = {(str(g), c) for g in raw["gemeentecode"] for c in zroute.SCHEMA}
    z.structure({"z": cells}, {"z": list(zroute.SCHEMA)}, zg)
    hours = System()
    hours.structure({}, {}, zg)
    for gsel in gsels:
        if gsel and not set(gsel) <= set(zg):
            continue
        df = zroute.z_route(peildatum, Filters(peildatum=peildatum, gemeenten=gsel), path=db)
        z.views += 1
        hours.views += 1
        for r in df.to_dict("records"):
            place = list(gsel) if r["gemeentecode"] == zroute.REGIO else [r["gemeentecode"]]
            z.see(_names("z", place, []), r["z_personen"] is None, r["weergave_z_personen"])
            hours.see(_names(None, place, []), r["uren_per_week"] is None)
            for c in zroute.SCHEMA:
                z.see(_names("z", place, [c]), r[c] is None, r[f"weergave_{c}"])
    out["Z-route personen"] = z
    out["Z-route uren"] = hours

    raw = ind.store.query("vista_niveaus", vista.params(peildatum), path=db)
    raw = raw[raw["gemeentecode"].notna() & (raw["persons"] > 0)]
    for skill in vista.VAARDIGHEDEN:
        mine = raw[raw["vaardigheid"] == skill]
        v = System(truth={("x", "v", str(g), str(n)): p for g, n, p in
                          zip(mine["gemeentecode"], mine["niveau"], mine["persons"])})
        v.truth.update({("T", str(g)): p for g, p in
                        mine.groupby("gemeentecode")["persons"].sum().items()})
        v.truth.update({("R", "v", str(n)): p for n, p in
                        mine.groupby("niveau")["persons"].sum().items()})
        cells = {(str(g), str(n)) for g, n in zip(mine["gemeentecode"], mine["niveau"])}
        vg = sorted({g for g, _ in cells})
        v.structure({"v": cells}, {"v": sorted({n for _, n in cells})}, vg)
        for gsel in gsels:
            if gsel and not set(gsel) <= set(vg):
                continue
            df = vista.niveaus(peildatum, Filters(peildatum=peildatum, gemeenten=gsel), path=db)
            v.views += 1
            for r in df[df["vaardigheid"] == skill].to_dict("records"):
                level = [] if r["is_total"] else [r["niveau"]]
                if level and not any(n == level[0] for _, n in cells):
                    continue
                if level and len(gsel) == 1 and (gsel[0], level[0]) not in cells:
                    continue
                v.see(_names("v", list(gsel), level), bool(r["suppressed"]), r["weergave"])
        out[f"VISTA {skill}"] = v

    # the route in steps and the cohort curves: per figure (a step, a point)
    # the gemeenten and their region; a shown point prints its denominator,
    # so numerator and denominator are both figures of the same cells
    route_cells = ind.store.query("route_funnel", {**Filters().params(), "peildatum": peildatum,
                                                   "per_gemeente": True}, path=db)
    r = System(truth={("x", str(st), str(g)): n for st, g, n in
                      zip(route_cells["step"], route_cells["gemeentecode"],
                          route_cells["persons"])})
    present = {(str(st), str(g)) for st, g in zip(route_cells["step"], route_cells["gemeentecode"])}
    steps = sorted({st for st, _ in present})
    for gsel in gsels:
        df = ind.route(Filters(peildatum=peildatum, gemeenten=gsel), path=db)
        r.views += 1
        for row in df.to_dict("records"):
            names = [("x", row["step"], g) for g in (gsel or gemeenten)
                     if (row["step"], g) in present]
            r.see(names, bool(row["suppressed"]), row["weergave"], row["value"])
    r.steps = steps
    out["route in stappen"] = r

    curve = ind.store.query("cohort_curves", {"peildatum": peildatum, "gemeenten": [],
                                              "doelgroep": [], "geslacht": [],
                                              "per_gemeente": True}, path=db)
    point = ["measure", "cohort", "months"]
    c = System(truth={("x", *map(str, k), str(g)): n for *k, g, n in
                      zip(*(curve[p] for p in point), curve["gemeentecode"], curve["numerator"])},
               den={("x", *map(str, k), str(g)): n for *k, g, n in
                    zip(*(curve[p] for p in point), curve["gemeentecode"],
                        curve["denominator"])})
    present = {(*map(str, k), str(g)) for *k, g in zip(*(curve[p] for p in point),
                                                      curve["gemeentecode"])}
    for gsel in gsels:
        df = ind.cohort_curves(Filters(peildatum=peildatum, gemeenten=gsel), path=db)
        c.views += 1
        for row in df.to_dict("records"):
            k = tuple(str(row[p]) for p in point)
            names = [("x", *k, g) for g in (gsel or gemeenten) if (*k, g) in present]
            c.see(names, bool(row["suppressed"]), row["weergave"], row["value"])
    out["cohortlijnen"] = c
    return out


def wrong_labels(system: System, percent: bool = False) -> list:
    """Hidden figures labelled "<5" whose true count is not 1 to 4 (or that
    are percentages), and hidden counts of 1 to 4 labelled otherwise."""
    bad = []
    for name, texts in system.hidden.items():
        true = system.truth.get(name)
        if "<5" in texts and (percent or true is None or not (0 < true < 5)):
            bad.append((name, true, texts))
        single = not (isinstance(name, tuple) and name and name[0] == "som")
        if not percent and single and true is not None and 0 < true < 5 and "<5" not in texts:
            # a sum hidden with a hidden part may read "–" (so may a choice of
            # gemeenten of which only one has the cell); a cell on its own
            # reads "<5"
            bad.append((name, true, texts))
    return bad


def shown_safe(row: dict, unit: str, where: str) -> None:
    """A shown figure is never a count of 1-4, nor a percentage over fewer
    than 10 persons or of which the numerator or the rest is 1-4."""
    if row.get("suppressed"):
        assert row["value"] is None, where
        return
    v = row.get("value")
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return
    if unit == "aantal":
        assert not (0 < v < 5), f"{where}: a count of 1-4 is shown"
        return
    den = row.get("denominator")
    if den is None or (isinstance(den, float) and np.isnan(den)) or den == 0:
        return
    assert den >= 10, f"{where}: a percentage over fewer than 10 persons is shown"
    num = v * den / 100.0
    assert not (0.5 < num < 4.5), f"{where}: {v:.1f}% of {den:g} prints {num:.0f} persons"
    assert not (0.5 < den - num < 4.5), f"{where}: {v:.1f}% of {den:g} leaves {den - num:.0f}"



# --- views across two dimensions besides the gemeente ---------------------------------

def _finest(db, indicator, peildatum, e1, e2) -> dict:
    """(gemeente, member of e1, member of e2) -> numerator, straight from the
    cube (sql/queries/cube_cells.sql, source 'cube'), whatever the pages
    offer: the finest cells every view across e1 and e2 adds up. Absent
    cells are known zeros."""
    out = {}
    members = ind._cells(Filters(), [indicator], [peildatum], dimension=e1, path=db,
                         values=False)["member"]
    for a in sorted({_m(m) for m in members}):
        params = Filters(**{FIELD[e1]: (a,)}).params()
        for d in MARGIN_DIMENSIONS:
            params.pop(d)
        params.update(indicators=[indicator], peildata=[peildatum], dimension=e2,
                      per_key=False, values=False, by_gemeente=True, margin="",
                      margin_values=[], source="cube")
        df = ind.store.query("cube_cells", params, path=db)
        df = df[df["key"].isna()]
        for g, b, n in zip(df["gemeentecode"], df["member"], df["numerator"]):
            out[(str(g), a, _m(b))] = n
    return out


@lru_cache(maxsize=64)
def _region_members(db, indicator, peildatum, dimension) -> list:
    cells = ind._cells(Filters(), [indicator], [peildatum], dimension=dimension, path=db,
                       values=False)
    return [_m(m) for m in sorted(set(cells["member"]), key=str)]


@lru_cache(maxsize=4)
def _gemeenten(db) -> list:
    return sorted(ind.gemeente_namen(db))


def pair_views(db, indicator: str, peildatum, e1: str, e2: str, gemeenten=None,
               member_pairs=False, figure=None, check=None, margins=True) -> System:
    """Every view of one indicator at one peildatum that combines two person
    dimensions e1 and e2 (and the gemeente), as the pages would offer it:
    the breakdown by e2 under a filter on e1 and the other way round, the
    headline under a filter on both, the gemeenten side by side under both;
    each under no gemeente and under each of `gemeenten` (default: all); and
    the views of e1 and e2 alone, whose figures are sums of the same cells
    (`margins` false: leave those out).
    The unknowns are the finest cells (gemeente, e1, e2); a figure is the
    sum of the cells it selects. A combination the product refuses
    (UnavailableCombination) is counted in `refused` and says nothing."""
    figure = figure or (lambda i, f: ind.series(i, f, path=db))
    P = peildatum
    if margins:
        truth = _finest(db, indicator, P, e1, e2)
        cells = list(truth)
        all_g = sorted({g for g, _, _ in cells})
        m1 = sorted({a for _, a, _ in cells})
        m2 = sorted({b for _, _, b in cells})
    else:  # only the views across both: their members, no cells needed
        truth, cells, all_g = {}, [], _gemeenten(db)
        m1, m2 = (_region_members(db, indicator, P, e) for e in (e1, e2))
    s = System(truth={("c",) + k: v for k, v in truth.items()})
    s.refused = 0
    chosen_g = all_g if gemeenten is None else [g for g in gemeenten if g in all_g]
    gsels = [()] + [(g,) for g in chosen_g]

    def names(gs, a_sel, b_sel):
        gs = set(gs) or set(all_g)
        return [("c", g, a, b) for (g, a, b) in cells
                if g in gs and (not a_sel or a in a_sel) and (not b_sel or b in b_sel)]

    def record(df, names_of, where):
        _record(s, df, P, names_of, where, check)

    def attempt(call):
        try:
            out = call()
        except ind.UnavailableCombination:
            s.refused += 1
            return None
        s.views += 1
        return out

    sel1 = [(a,) for a in m1] + (list(combinations(m1, 2)) if member_pairs else [])
    sel2 = [(b,) for b in m2] + (list(combinations(m2, 2)) if member_pairs else [])
    for gsel in gsels:
        # one dimension: breakdowns by e1 and e2 (the margins of the pair)
        for e, pick in ((e1, lambda m: ((m,), ())), (e2, lambda m: ((), (m,))))[:2 * margins]:
            bd = attempt(lambda: ind.breakdown(indicator, e, Filters(peildatum=P, gemeenten=gsel),
                                               path=db))
            if bd is not None:
                record(bd, lambda r, gsel=gsel, pick=pick: names(
                    gsel, *(((), ()) if r["is_total"] else pick(_m(r["member"])))),
                    f"{indicator} naar {e} onder {gsel}")
        # a filter on one, the breakdown by the other
        for a_sel in sel1:
            f = Filters(peildatum=P, gemeenten=gsel, **{FIELD[e1]: a_sel})
            bd = attempt(lambda: ind.breakdown(indicator, e2, f, path=db))
            if bd is not None:
                record(bd, lambda r, a_sel=a_sel, gsel=gsel: names(
                    gsel, a_sel, () if r["is_total"] else (_m(r["member"]),)),
                    f"{indicator} naar {e2} onder {e1}={a_sel}, {gsel}")
        for b_sel in sel2:
            f = Filters(peildatum=P, gemeenten=gsel, **{FIELD[e2]: b_sel})
            bd = attempt(lambda: ind.breakdown(indicator, e1, f, path=db))
            if bd is not None:
                record(bd, lambda r, b_sel=b_sel, gsel=gsel: names(
                    gsel, () if r["is_total"] else (_m(r["member"]),), b_sel),
                    f"{indicator} naar {e1} onder {e2}={b_sel}, {gsel}")
        # a filter on both: the headline figure
        for a_sel in sel1:
            for b_sel in sel2:
                f = Filters(peildatum=P, gemeenten=gsel, **{FIELD[e1]: a_sel, FIELD[e2]: b_sel})
                one = attempt(lambda: figure(indicator, f))
                if one is not None:
                    record(one, lambda r, a_sel=a_sel, b_sel=b_sel, gsel=gsel: names(
                        gsel, a_sel, b_sel), f"{indicator} onder {e1}={a_sel}, {e2}={b_sel}, {gsel}")
    # the gemeenten side by side under a filter on one, on both, on none
    for a_sel, b_sel in (([((), ())] + [(a, ()) for a in sel1] + [((), b) for b in sel2]
                          if margins else []) + [(a, b) for a in sel1 for b in sel2]):
        f = Filters(peildatum=P, **{FIELD[e1]: a_sel, FIELD[e2]: b_sel})
        side = attempt(lambda: ind.by_gemeente(indicator, f, path=db))
        if side is not None:
            record(side, lambda r, a_sel=a_sel, b_sel=b_sel: names(
                () if r["is_total"] else (r["member"],), a_sel, b_sel),
                f"{indicator} gemeenten onder {e1}={a_sel}, {e2}={b_sel}")
    return s
