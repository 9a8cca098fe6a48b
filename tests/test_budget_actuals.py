"""Actual counts as the seeds mean them, and programme 6.1 from
begroting.csv, on the demo store."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from monitor import budget as bm
from monitor.formatting import euro
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def actuals(demo_store):
    db, _ = demo_store
    return bm.actual_counts(path=db)


def _persons(db) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT gemeentecode, doelgroep, datum_huisvesting, status, datum_status "
                       "FROM stg_inburgeraars").df()


def test_cohorts_are_the_stock_on_31_december_incl_nareizigers(demo_store, actuals):
    db, _ = demo_store
    p = _persons(db)
    p = p[(p.gemeentecode == "GM0935") & p.datum_huisvesting.notna()]
    # Independent oracle in pandas: housed in the year, asielstatushouder or
    # nareiziger, not moved away or left by 31 December.
    for year in (2023, 2024, 2025):
        end = pd.Timestamp(year, 12, 31)
        housed = p[pd.to_datetime(p.datum_huisvesting).dt.year == year]
        gone = housed.status.isin(["Verhuisd", "Vertrokken"]) & (
            pd.to_datetime(housed.datum_status) <= end)
        both = housed[~gone & housed.doelgroep.isin(["Asielstatushouder", "Nareiziger"])]
        assert actuals.housed[year] == len(both)
        assert actuals.housed_stand[year] == dt.date(year, 12, 31)
    nareizigers = p[(pd.to_datetime(p.datum_huisvesting).dt.year == 2024)
                    & (p.doelgroep == "Nareiziger")]
    assert len(nareizigers) > 0  # so the oracle above really tests their inclusion


def test_the_running_year_is_a_stand_and_marked(actuals):
    assert actuals.running_year == DEMO_TODAY.year
    stand = actuals.housed_stand[DEMO_TODAY.year]
    assert stand < dt.date(DEMO_TODAY.year, 12, 31)
    prov = actuals.provenance(f"housed_{DEMO_TODAY.year}")
    assert prov.kind == "actueel" and "lopend jaar" in prov.peildatum
    assert "lopend" not in actuals.provenance("housed_2024").peildatum


def test_spuk_stock_holds_three_cohorts(actuals):
    assert actuals.spuk_stock[2024] >= actuals.housed[2024]
    assert actuals.spuk_stock[2024] <= (actuals.housed[2022] + actuals.housed[2023]
                                        + actuals.housed[2024])


def test_not_in_brp_from_the_coa_file_of_1_january(demo_store, actuals):
    db, _ = demo_store
    with duckdb.connect(str(db), read_only=True) as con:
        jan = con.execute("SELECT sum(niet_in_brp) FROM stg_coa_bezetting "
                      "WHERE gemeentecode = 'GM0935' AND peildatum = DATE '2025-01-01'").fetchone()[0]
        newest = con.execute("SELECT max(peildatum) FROM stg_coa_bezetting").fetchone()[0]
    assert actuals.azc_not_in_brp[2025] == jan and 2025 not in actuals.azc_estimated
    # The coming year's 1 January is estimated from the newest file.
    nxt = DEMO_TODAY.year + 1
    assert nxt in actuals.azc_estimated and actuals.azc_file[nxt] == newest
    assert "schatting" in actuals.provenance(f"azc_not_in_brp_{nxt}").peildatum


def test_another_gemeente_has_its_own_counts(demo_store, actuals):
    db, _ = demo_store
    other = bm.actual_counts("GM0938", path=db)
    assert sum(other.housed.values()) < sum(actuals.housed.values())


def test_small_counts_are_not_taken_over():
    frame = pd.DataFrame({
        "jaar": [2024, 2025], "stand_datum": [dt.date(2024, 12, 31), dt.date(2025, 12, 31)],
        "lopend": [False, False], "gehuisvest_cohort": [3, 40], "spuk_voorraad": [3, 43],
        "niet_in_brp": [2, 300], "coa_peildatum": [dt.date(2024, 1, 1), dt.date(2025, 1, 1)],
        "coa_1_januari": [True, True]})
    counts = bm.counts_from_frame(frame)
    assert counts.housed == {2025: 40} and counts.azc_not_in_brp == {2025: 300}
    inputs, notes = bm.apply_counts(bm.DEFAULT_INPUTS, counts)
    assert inputs.housed_2024 == 134 and inputs.housed_2025 == 40
    assert any("Minder dan 5" in n for n in notes)


def test_programme_6_1_in_full_from_begroting_csv(demo_store):
    db, _ = demo_store
    table = bm.programme_table(bm.budget_lines(path=db)).replace("\u00a0", " ", regex=True)
    rows = {(r["Budget"], r["Naam"]): r for r in table.to_dict("records")}
    # Seed 001 table 1.
    assert [rows[("570610401", "Tijdelijke opvang dak- en thuisloze vluchtelingen")][str(y)]
            for y in bm.YEARS] == ["€ 108.654"] * 4
    assert [rows[("570610904", "Vluchtelingen")][str(y)] for y in bm.YEARS] == ["€ 150.000"] * 4
    # Seed 001 table 3, estimates starred.
    assert [rows[("570610901", "VluchtelingenWerk")][str(y)] for y in bm.YEARS] == [
        "€ 106.220*", "€ 100.220*", "€ 94.220*", "€ 88.220*"]
    assert rows[("570610905", "Inburgering")]["2024"] == "€ 620.987"
    # Seed 002's uitvoeringskosten, tied to the model's inputs.
    total = rows[("570610905", "Totaal uitvoeringsmiddelen Inburgering (obv begroting)")]
    assert total["2024"] == "€ 645.205" and "Uitvoeringsmiddelen inburgering" in total["In het model"]
    assert rows[("–", "Faciliteitenbesluit opvangcentra")]["2025"] == "€ 175.000*"
    assert rows[("075597128", "Vreemdelingen")]["In het model"].startswith("Plafond")
    assert rows[("570610401", "Tijdelijke opvang dak- en thuisloze vluchtelingen")][
        "In het model"] == bm.actuals.NOT_IN_MODEL
    # The model's default budget line is the file's.
    assert [total[str(y)] for y in bm.YEARS] == [
        euro(bm.SEED_BUDGET_570610905[y], cents=False) for y in bm.YEARS]


def test_the_budget_gemeente_comes_from_the_region_file(demo_store, actuals, tmp_path):
    """No gemeentecode in code: the region file's first gemeente is the
    budget's (the default file starts with Maastricht), or the one marked J
    in its optional column begroting."""
    from etl.region import DEFAULT_REGION, budget_gemeente
    from monitor import store

    db, _ = demo_store
    assert budget_gemeente(DEFAULT_REGION) == "GM0935"
    assert store.budget_gemeente(db) == "GM0935"
    assert bm.actual_counts(path=db) == actuals == bm.actual_counts("GM0935", path=db)
    marked = tmp_path / "regio.csv"
    marked.write_text("gemeentecode;naam;coa_namen;begroting\nGM0935;Maastricht;;\n"
                      "GM0938;Meerssen;;J\n", encoding="utf-8")
    assert budget_gemeente(marked) == "GM0938"
    marked.write_text("gemeentecode;naam;coa_namen;begroting\nGM0935;Maastricht;;J\n"
                      "GM0938;Meerssen;;J\n", encoding="utf-8")
    with pytest.raises(ValueError, match="meer dan één gemeente"):
        budget_gemeente(marked)


def test_a_store_that_names_no_budget_gemeente_has_no_counts(tmp_path, monkeypatch):
    from monitor import store

    monkeypatch.setattr(store, "load_info", lambda path=None: {"regio": "Zuid"})
    assert bm.actual_counts(path=tmp_path / "s.duckdb") == bm.ActualCounts()
