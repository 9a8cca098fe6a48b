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
        """One figure of a view: the sum of `names` (unknowns)."""
        names = [n for n in names if n is not None]
        if not names:
            return
        if not suppressed and value is None:
            return  # an empty figure (no data in this selection) says nothing
        if suppressed:
            if len(names) == 1:
                self.hidden.setdefault(names[0], set()).add(shown_text)
            return
        self.rows.append([self.var(n) for n in names])
        if len(names) == 1:
            self.shown.add(names[0])

    def matrix(self) -> np.ndarray:
        a = np.zeros((len(self.rows), len(self.names)))
        for i, row in enumerate(self.rows):
            for j in row:
                if j >= 0:
                    a[i, j] += 1.0
                else:
                    a[i, -1 - j] -= 1.0
        return a

    def recovered(self) -> list:
        """Hidden unknowns the equations fix."""
        a = self.matrix()
        if not len(a):
            return []
        _, s, vt = np.linalg.svd(a, full_matrices=True)
        rank = int((s > 1e-9 * max(1.0, s.max())).sum())
        null = vt[rank:].T  # columns span the null space
        out = []
        for name in self.hidden:
            j = self.names.get(name)
            if j is not None and (null.shape[1] == 0 or np.abs(null[j]).max() < 1e-9):
                out.append(name)
        return out

    def inconsistent(self) -> list:
        """Single unknowns shown in one view and hidden in another."""
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


def indicator_views(db, indicator: str, peildatum, dims=None, pairs=True,
                    check=None, figure=None) -> System:
    """Every view of one indicator at one peildatum that stays within one
    dimension besides the gemeente: breakdowns by each dimension under no
    gemeente, one, or two gemeenten; the gemeenten side by side under one or
    two members of a dimension; the headline figure under a gemeente and a
    member. `check(row, where)` sees every shown or hidden row; `figure(
    indicator, filters)` gives the headline figure (default: series)."""
    figure = figure or (lambda i, f: ind.series(i, f, path=db))
    dims = list(dims or (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS))
    grid, members, gemeenten, truth = _present(db, indicator, peildatum, dims)
    sys_ = System(truth=truth)
    sys_.structure(grid, members, gemeenten)
    gsels = [()] + [(g,) for g in gemeenten] + (list(combinations(gemeenten, 2)) if pairs else [])
    P = peildatum

    def record(df, names_of, where):
        for r in _at(df, P).to_dict("records"):
            if check:
                check(r, where)
            v = r.get("value")
            sys_.see(names_of(r), bool(r["suppressed"]), r.get("weergave"),
                     None if v is None or (isinstance(v, float) and np.isnan(v)) else v)

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
            for gsel in gsels[:1 + len(gemeenten)]:
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


def block_views(db, peildatum, pairs=True) -> dict[str, System]:
    """The blocks with a region row: land van herkomst (Cohorten), Z-route
    (persons per schema, and hours), VISTA levels per skill; under no
    gemeente, each gemeente, and pairs."""
    gemeenten = sorted(ind.gemeente_namen(db))
    gsels = [()] + [(g,) for g in gemeenten] + (list(combinations(gemeenten, 2)) if pairs else [])
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
    cells = {(str(g), c) for g, row in zip(raw["gemeentecode"], raw.to_dict("records"))
             for c in zroute.SCHEMA if row[c]}
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
                if (len(place) == 1 and (place[0], c) not in cells) or (not place and not any(
                        (g, c) in cells for g in zg)):
                    continue  # an absent cell is a known 0
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
    return out


def wrong_labels(system: System, percent: bool = False) -> list:
    """Hidden figures labelled "<5" whose true count is not 1 to 4 (or that
    are percentages), and hidden counts of 1 to 4 labelled otherwise."""
    bad = []
    for name, texts in system.hidden.items():
        true = system.truth.get(name)
        if "<5" in texts and (percent or true is None or not (0 < true < 5)):
            bad.append((name, true, texts))
        if not percent and true is not None and 0 < true < 5 and texts - {"<5"}:
            # a sum hidden with a hidden part may read "–"; a single cell never
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

