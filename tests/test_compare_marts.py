"""The load-time marts the Vergelijken page reads (sql/rollups/mart_compare_*,
and the rollup's per-value rows of a median) give exactly the rows of the
cube queries the export runs (sql/queries/compare_*_cube.sql), for every
share and median indicator and peildatum."""

from __future__ import annotations

import duckdb
import pandas as pd

from monitor import compare as cmp
from monitor import indicators
from monitor.store import query_text
from etl.sqlrun import SQL_DIR


def _both(con, name, params):
    new = con.execute(query_text(name), params).df()
    old = con.execute(query_text(f"{name}_cube"), params).df()
    return new, old


def test_marts_give_the_rows_of_the_cube_queries(demo_store):
    db, _ = demo_store
    con = duckdb.connect(str(db), read_only=True)
    try:
        peildata = [r[0] for r in con.execute(
            "SELECT DISTINCT peildatum FROM mart_indicator_cube ORDER BY 1").fetchall()]
        shares = [r[0] for r in con.execute(
            "SELECT id FROM ref_indicators WHERE eenheid = 'pct' ORDER BY 1").fetchall()]
        assert len(peildata) > 12 and cmp.FEATURE_INDICATOR in shares
        strata_rows = feature_rows = 0
        for p in peildata[::3] + peildata[-1:]:
            new, old = _both(con, "compare_features",
                             {"indicator": cmp.FEATURE_INDICATOR, "peildatum": p})
            pd.testing.assert_frame_equal(new, old)
            feature_rows += len(new)
            for ind in shares:
                new, old = _both(con, "compare_strata", {"indicator": ind, "peildatum": p})
                pd.testing.assert_frame_equal(new, old)
                strata_rows += len(new)
        # a median's persons per value: the rollup the page reads, the cube the export reads
        medians = [r[0] for r in con.execute(
            "SELECT id FROM ref_indicators WHERE eenheid IN ('dagen', 'uren') "
            "AND starts_with(view, 'ind_') ORDER BY 1").fetchall()]
        assert medians
        distribution_rows = 0
        for p in peildata[::3] + peildata[-1:]:
            for ind in medians:
                new, old = _both(con, "compare_distribution", {"indicator": ind, "peildatum": p})
                pd.testing.assert_frame_equal(new, old)
                distribution_rows += len(new)
        # the comparison has something to compare: both sides were non-empty
        assert feature_rows > 100 and strata_rows > 1000 and distribution_rows > 100
        # and the marts hold nothing else (no other indicator, no empty stratum)
        assert con.execute("SELECT count(*) FROM mart_compare_strata WHERE denominator <= 0 "
                           "OR indicator_id NOT IN (SELECT id FROM ref_indicators "
                           "WHERE eenheid = 'pct')").fetchone()[0] == 0
    finally:
        con.close()


def test_the_page_reads_the_marts(demo_store):
    db, _ = demo_store
    p = indicators.latest_peildatum(db)
    for name in ("compare_strata", "compare_features"):
        assert f"FROM mart_{name}" in query_text(name)
    strata = indicators.compare_strata("werk.duaal_pct", p, db)
    assert not strata.empty and (strata["denominator"] > 0).all()
    assert not indicators.compare_features(p, db).empty
    assert "FROM mart_indicator_rollup" in query_text("compare_distribution")
    dist = indicators.compare_distribution("huisvesting.wachttijd_azc_mediaan_dagen", p, db)
    assert not dist.empty and (dist["persons"] > 0).all()


def test_the_features_mart_names_the_feature_indicator():
    text = (SQL_DIR / "rollups" / "mart_compare_features.sql").read_text(encoding="utf-8")
    body = text[text.index("CREATE"):]
    assert body.count(f"'{cmp.FEATURE_INDICATOR}'") == 2
