"""The three reference indicators of issue 14 in plain pandas/numpy, as the
yardstick for the SQL path: werk.duaal_pct, werk.z_uren_op_schema_pct and
taal.wachtlijst_pip for every peildatum x gemeente.

The definitions are those of sql/intermediate/int_person_cells.sql (and the
macros of sql/macros/populations.sql); the benchmark checks that both give
the same numerator and denominator in every cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PERSONS = ("SELECT person_key, gemeentecode, doelgroep, leerroute, status, datum_status, "
           "datum_huisvesting, datum_pip, datum_start_leerroute FROM stg_inburgeraars")
ACTIVITIES = ("SELECT person_key, start_date, end_date, hours_per_week FROM stg_participatie")
# The SQL path: the same three from the person cells, as the load computes them.
SQL = """
SELECT peildatum, gemeentecode,
       sum(duaal_num) AS duaal_num, sum(duaal_den) AS duaal_den,
       sum(z_num) AS z_num, sum(z_den) AS z_den, sum(wachtlijst_num) AS wachtlijst_num
FROM int_person_cells
WHERE dimension IS NULL  -- the classic cells; the marginal rows count the same persons again
GROUP BY ALL
"""


def fetch(con) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    persons = con.execute(PERSONS).df()
    activities = con.execute(ACTIVITIES).df()
    peildata = [r[0] for r in con.execute("SELECT peildatum FROM mart_peildata ORDER BY 1").fetchall()]
    return persons, activities, peildata


def compute(persons: pd.DataFrame, activities: pd.DataFrame, peildata: list) -> pd.DataFrame:
    """One row per peildatum x gemeente with the counts of the three indicators."""
    def days(s):  # dates -> days since epoch as float, missing = NaN
        d = pd.to_datetime(s)
        return np.where(d.isna(), np.nan, d.to_numpy("datetime64[D]").astype("int64")) \
            .astype("float64")

    p = persons.reset_index(drop=True)
    status = p["status"].fillna("").to_numpy()
    ds, dh, dpip, dstart = (days(p[c]) for c in ("datum_status", "datum_huisvesting",
                                                  "datum_pip", "datum_start_leerroute"))
    gone = np.isin(status, ["Verhuisd", "Vertrokken"])
    done = np.isin(status, ["Voldaan", "Ontheffing"])
    exempt = status == "Ontheffing"
    z = (p["leerroute"] == "Z").to_numpy()
    not_overig = (p["doelgroep"] != "Overig").to_numpy()
    codes, gem = np.unique(p["gemeentecode"].to_numpy(), return_inverse=True)

    idx = pd.Index(p["person_key"]).get_indexer(activities["person_key"])
    a = activities[idx >= 0]
    ai = idx[idx >= 0]
    a_start, a_end = days(a["start_date"]), days(a["end_date"])
    a_hours = a["hours_per_week"].to_numpy(float)

    out = []
    n = len(p)
    for peil in peildata:
        t = float(np.datetime64(pd.Timestamp(peil).date(), "D").astype("int64"))
        in_scope = ~(gone & (ds <= t))
        with_pip = in_scope & (dpip <= t)
        active = with_pip & ~(done & (ds <= t))
        housed = in_scope & (dh <= t)
        ongoing = (a_start <= t) & (np.isnan(a_end) | (a_end >= t))
        has_act = np.bincount(ai[ongoing], minlength=n) > 0
        duaal_den = active & (dstart <= t)
        duaal_num = duaal_den & has_act
        z_den = active & z
        # hours since PIP + 1 day up to P, both ends counted, x hours per week / 7
        started = a_start <= t
        lo = np.maximum(a_start, dpip[ai] + 1)
        hi = np.minimum(np.where(np.isnan(a_end), t, a_end), t)
        contrib = np.where(started, np.maximum(0, hi - lo + 1) * a_hours / 7.0, 0.0)
        contrib = np.nan_to_num(contrib)
        hours = np.bincount(ai, weights=contrib, minlength=n)
        norm = np.minimum(800.0, 800.0 * (t - dpip) / 1095.0)
        z_num = z_den & (hours >= norm)
        wacht = housed & ~with_pip & not_overig & ~(exempt & (ds <= t))
        counts = np.stack([np.bincount(gem, weights=x, minlength=len(codes))
                           for x in (duaal_num, duaal_den, z_num, z_den, wacht)], axis=1)
        frame = pd.DataFrame(counts, columns=["duaal_num", "duaal_den", "z_num", "z_den",
                                              "wachtlijst_num"])
        frame.insert(0, "gemeentecode", codes)
        frame.insert(0, "peildatum", pd.Timestamp(peil).date())
        out.append(frame)
    return pd.concat(out, ignore_index=True)


def sql_path(con) -> pd.DataFrame:
    con.execute("SET VARIABLE peildata = (SELECT list(peildatum ORDER BY peildatum) FROM mart_peildata)")
    try:
        return con.execute(SQL).df()
    finally:
        con.execute("RESET VARIABLE peildata")


def agree(a: pd.DataFrame, b: pd.DataFrame) -> int:
    """Cells (peildatum x gemeente x count) that differ; 0 = identical."""
    key = ["peildatum", "gemeentecode"]
    cols = ["duaal_num", "duaal_den", "z_num", "z_den", "wachtlijst_num"]
    a = a.assign(peildatum=pd.to_datetime(a["peildatum"]).dt.date)
    b = b.assign(peildatum=pd.to_datetime(b["peildatum"]).dt.date)
    m = a.merge(b, on=key, how="outer", suffixes=("_a", "_b")).fillna(0)
    # a gemeente with no person in any population at P has no SQL row
    return int(sum((m[f"{c}_a"].astype(float) != m[f"{c}_b"].astype(float)).sum() for c in cols))
