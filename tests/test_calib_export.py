"""Timetable changes per learner (a mean in the cube) and the blocks of the
export (Z-route, VISTA levels, cohort curves, COA per location), each on a
small hand-made drop with the expected figures worked out in the comments.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from etl.export import export
from etl.load import load
from monitor import presentation, store, values
from monitor.filters import MARGIN_DIMENSIONS, Filters
from tests import factories, test_cohorts, test_zroute_vista
from tests.conftest import DEMO_TODAY, TEST_KEY
from tests.factories import bsn, write_csv, write_xlsx

D = dt.date
P = D(2024, 12, 31)
MAA, MEE = "GM0935", "GM0938"
MEAN = "taal.roosterwijzigingen_gemiddeld"


# --- taal.roosterwijzigingen_gemiddeld ---------------------------------------

def mean_drop(drop):
    # 0..14 and 18 in Maastricht, 15..17 in Meerssen, all with a PIP.
    people = [factories.person(i, **{"Gemeentecode": MEE if 15 <= i <= 17 else MAA,
                                     "Datum PIP": D(2024, 1, 1), "Leerroute": "B1",
                                     "Datum start leerroute": D(2024, 2, 1)})
              for i in range(19)]
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)
    # Timetable changes: 0..4 none, 5..9 one, 10..13 three, 14 unknown (empty);
    # Meerssen 15, 16 two and 17 five; 18 dropped out with ten.
    changes = {**{i: "0" for i in range(5)}, **{i: "1" for i in range(5, 10)},
               **{i: "3" for i in range(10, 14)}, 14: "", 15: "2", 16: "2", 17: "5", 18: "10"}
    rows = [{"bsn": bsn(i), "leerroute": "b1", "startdatum": "2024-02-01",
             "peildatum": "2024-12-31", "geplande_lesuren": "100", "gevolgde_lesuren": "90",
             "roosterwijzigingen": c, "uitgevallen": "true" if i == 18 else "false"}
            for i, c in changes.items()]
    write_csv(drop, "vista/vista_voortgang_20241231.csv", rows)


@pytest.fixture(scope="module")
def mean_db(tmp_path_factory):
    drop = tmp_path_factory.mktemp("drop_mean")
    mean_drop(drop)
    path = tmp_path_factory.mktemp("store_mean") / "s.duckdb"
    result = load(drop, path, key=TEST_KEY)
    assert not result.rejections, result.rejections
    return path


def test_mean_keeps_its_parts_in_the_cube(mean_db):
    with duckdb.connect(str(mean_db), read_only=True) as con:
        got = dict(((g, (n, d, p)) for g, n, d, p in con.execute(
            "SELECT gemeentecode, sum(numerator), sum(denominator), sum(persons) "
            "FROM mart_indicator_cube WHERE indicator_id = ? AND peildatum = ? GROUP BY 1",
            [MEAN, P]).fetchall()))
    # Maastricht: 14 learners with a known count (14 unknown, 18 dropped out):
    # 5 x 0 + 5 x 1 + 4 x 3 = 17 changes. Meerssen: 2 + 2 + 5 = 9 over 3.
    assert got[MAA] == (17, 14, 14)
    assert got[MEE] == (9, 3, 3)


def test_mean_value_is_made_in_cube_cells(mean_db):
    params = {**Filters().params(), "indicators": [MEAN], "peildata": [P], "dimension": "",
              "per_key": False, "values": True, "source": "cube", "margin": "", "margin_values": [],
              "by_gemeente": False}
    for margin in MARGIN_DIMENSIONS:
        params.pop(margin)
    maa = store.query("cube_cells", {**params, "gemeenten": [MAA]}, path=mean_db)
    assert maa["value"].iloc[0] == pytest.approx(17 / 14)  # 1.214..., not 121.4
    assert maa["eenheid"].iloc[0] == "per_cursist"
    assert presentation.fmt_value(maa["value"].iloc[0], "per_cursist") == "1,2 per cursist"
    assert values.axis_title("per_cursist") == "gemiddeld per cursist"


def test_mean_in_the_export_with_disclosure(mean_db):
    rows = {r["gemeente"]: r for r in export(mean_db, P)["indicators"] if r["id"] == MEAN}
    # ALL: 26 changes over 17 learners = 1.529 -> 1.5
    assert (rows["ALL"]["value"], rows["ALL"]["numerator"], rows["ALL"]["denominator"]) == (1.5, 26, 17)
    # Meerssen's 3 learners are under 10; Maastricht then goes too, or ALL
    # minus Maastricht would give Meerssen's mean away
    assert rows[MEE]["suppressed"] and rows[MEE]["value"] is None
    assert rows[MAA]["suppressed"] and rows[MAA]["numerator"] is None


def test_share_with_a_change_stays_beside_the_mean(mean_db):
    rows = {r["gemeente"]: r for r in export(mean_db, P)["indicators"]
            if r["id"] == "taal.roosterwijziging_pct"}
    # not dropped out: Maastricht 0..14 (15, of whom 5..13 = 9 changed), Meerssen 3 of 3
    assert (rows["ALL"]["numerator"], rows["ALL"]["denominator"]) == (12, 18)


# --- the export's blocks ------------------------------------------------------

@pytest.fixture(scope="module")
def blocks_db(tmp_path_factory):
    """The Z-route and VISTA drop of test_zroute_vista plus two COA files."""
    drop = tmp_path_factory.mktemp("drop_blocks")
    test_zroute_vista.build(drop)
    # Nov: AZC 600 of 650, 100 / 20 / 130; AMV 40 of 60, 0 / 30 / 35.
    # Dec: AZC 500 of 650: 120 vergunninghouders, 3 not in the BRP, 140 minors;
    #      AMV 50 of 60: 0, 40, 4.
    for stamp, azc, amv in (("202411", (600, 100, 20, 130), (40, 0, 30, 35)),
                            ("202412", (500, 120, 3, 140), (50, 0, 40, 4))):
        title = f"Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum 01-{stamp[4:]}-{stamp[:4]}"
        write_xlsx(drop, f"coa/coa_bezetting_{stamp}.xlsx", title=title, rows=[
            {"Locatie": "AZC Maastricht", "Gemeente": "Maastricht", "Type opvang": "AZC",
             "Capaciteit": 650, "Bezetting": azc[0], "Waarvan vergunninghouders": azc[1],
             "Waarvan niet in BRP": azc[2], "Waarvan minderjarig": azc[3]},
            {"Locatie": "AMV Cadier en Keer", "Gemeente": "Maastricht", "Type opvang": "AMV",
             "Capaciteit": 60, "Bezetting": amv[0], "Waarvan vergunninghouders": amv[1],
             "Waarvan niet in BRP": amv[2], "Waarvan minderjarig": amv[3]},
            # the file leaves the sub-counts of this one empty: unknown, not hidden
            {"Locatie": "Noodopvang Mariënwaard", "Gemeente": "Maastricht",
             "Type opvang": "Noodopvang", "Capaciteit": 100, "Bezetting": 80}])
    path = tmp_path_factory.mktemp("store_blocks") / "s.duckdb"
    result = load(drop, path, key=TEST_KEY)
    assert not result.rejections, result.rejections
    return path


def test_export_z_route(blocks_db):
    z = export(blocks_db, P)["z_route"]
    assert z["referentie_uren_per_week"] == 580
    rows = {r["gemeente"]: r for r in z["gemeenten"]}
    # Maastricht (test_zroute_vista): 6 persons, 26 h/week, its split 3 / 2 / 1
    # all 1-4; its 6 would give Meerssen's 1 away as the region's 7 minus 6,
    # so it is hidden with its hours, as on the screen
    maa = rows[MAA]
    assert (maa["z_personen"], maa["uren_per_week"]) == (None, None)
    assert (maa["uren_nodig_800_in_3_jaar"], maa["uren_nodig_40_lesweken"]) == (None, None)
    assert set(maa["verborgen"]) == {"z_personen", "achter", "op_schema", "voor", "uren_per_week",
                                     "uren_nodig_800_in_3_jaar", "uren_nodig_40_lesweken"}
    # Meerssen's one person: everything hidden, hours too
    assert rows[MEE]["z_personen"] is None and rows[MEE]["uren_per_week"] is None
    assert rows[MEE]["uren_nodig_40_lesweken"] is None
    # the region: 7 persons, 34 h/week, 7 x 6.667 = 46.7 needed
    assert (rows["ALL"]["z_personen"], rows["ALL"]["uren_per_week"],
            rows["ALL"]["uren_nodig_40_lesweken"]) == (7, 34, 46.7)


def test_export_blocks_at_a_date_that_is_no_month_end(blocks_db):
    out = export(blocks_db, D(2024, 12, 20))
    # the same 7 Z-route persons with the same ongoing activities on 20 December
    rows = {r["gemeente"]: r for r in out["z_route"]["gemeenten"]}
    assert (rows["ALL"]["z_personen"], rows["ALL"]["uren_per_week"]) == (7, 34)
    # the newest VISTA file by then is November's: 11 learners, nothing measured
    lezen = {r["niveau"]: r["aantal"] for r in out["vista_niveaus"] if r["vaardigheid"] == "lezen"}
    assert lezen["nog niet gemeten"] == 11 and lezen["totaal"] == 11 and lezen["A1"] == 0


def test_export_vista_levels(blocks_db):
    got = {(r["vaardigheid"], r["niveau"]): r for r in export(blocks_db, P)["vista_niveaus"]}
    # Dec re-delivery, 10 learners not dropped out (test_zroute_vista):
    # lezen A1 5 shown, A2 2 / B1 1 / B2 1 / not measured 1 hidden; luisteren all A2
    assert got[("lezen", "A1")]["aantal"] == 5 and got[("lezen", "totaal")]["aantal"] == 10
    assert all(got[("lezen", n)]["aantal"] is None and got[("lezen", n)]["suppressed"]
               for n in ("A2", "B1", "B2", "nog niet gemeten"))
    assert got[("luisteren", "A2")]["aantal"] == 10
    # schrijven A0 6 / A1 4: the 4 is hidden, so the 6 goes too
    assert got[("schrijven", "A0")]["suppressed"] and got[("schrijven", "A1")]["suppressed"]


def test_export_coa_locations(blocks_db):
    dec = {r["locatie"]: r for r in export(blocks_db, P)["coa_locaties"]}
    azc, amv = dec["AZC Maastricht"], dec["AMV Cadier en Keer"]
    assert azc["bestand_peildatum"] == "2024-12-01" and azc["gemeente"] == MAA
    # capacity and occupancy are public: 500 / 650 = 76.9%, 50 / 60 = 83.3%
    assert (azc["capaciteit"], azc["bezetting"], azc["bezettingsgraad_pct"]) == (650, 500, 76.9)
    assert amv["bezettingsgraad_pct"] == 83.3
    # the AZC's 3 not in the BRP and the AMV's 4 minors are 1-4: hidden; 0 is shown
    assert (azc["vergunninghouders"], azc["niet_in_brp"], azc["minderjarig"]) == (120, None, 140)
    assert (amv["vergunninghouders"], amv["niet_in_brp"], amv["minderjarig"]) == (0, 40, None)
    assert azc["verborgen"] == ["niet_in_brp"] and amv["verborgen"] == ["minderjarig"]
    nood = dec["Noodopvang Mariënwaard"]
    assert (nood["bezetting"], nood["niet_in_brp"], nood["verborgen"]) == (80, None, [])
    # on 30 November the November file speaks
    nov = {r["locatie"]: r for r in export(blocks_db, D(2024, 11, 30))["coa_locaties"]}
    assert nov["AZC Maastricht"]["niet_in_brp"] == 20 and nov["AMV Cadier en Keer"]["minderjarig"] == 35


@pytest.fixture(scope="module")
def cohort_db(tmp_path_factory):
    drop = tmp_path_factory.mktemp("drop_cohort_export")
    test_cohorts._drop(drop)
    path = tmp_path_factory.mktemp("store_cohort_export") / "s.duckdb"
    load(drop, path, key=TEST_KEY)
    return path


def test_export_cohort_curves(cohort_db):
    got = {(r["reeks"], r["cohort"], r["maanden"]): r
           for r in export(cohort_db, test_cohorts.P)["cohortcurven"]}
    # benefits file 2023-09, 6 months after housing in 2023-03: persons 0..9,
    # work 0..2 = 3 of 10 and Participatiewet 3..9 = 7 of 10 (the other 3):
    # percentages that print 3 persons, hidden whole, as on the screen
    werk = got[("werk", "2023", 6)]
    assert (werk["value"], werk["numerator"], werk["denominator"]) == (None, None, None)
    assert werk["suppressed"] and got[("uitkering", "2023", 6)]["suppressed"]
    assert got[("uitkering", "2023", 6)]["value"] is None
    # koppeling 2023-01-10 + 3 months: PIP 0..4 of 12 = 41.7%
    assert got[("pip", "2023", 3)]["value"] == 41.7
    # cohort 2024 is one person: its points are hidden
    assert all(r["suppressed"] and r["value"] is None for k, r in got.items() if k[1] == "2024")


def test_blocks_have_a_passport_and_no_card(blocks_db):
    from monitor import catalogue as cat
    blocks = cat.by_id(cat.load_blocks(blocks_db))
    assert set(blocks) == {"werk.z_route_capaciteit", "werk.cohort_werk_uitkering",
                           "taal.cohort_pip_leerroute", "taal.niveau_per_vaardigheid",
                           "huisvesting.coa_locatie_samenstelling"}
    assert set(blocks).isdisjoint(i.id for i in cat.load(blocks_db))  # no card, no cube row
    z = blocks["werk.z_route_capaciteit"]
    assert z.norm == 580 and "uitvoeringsprogramma" in z.norm_source and z.unit == "uren"
    assert presentation.fmt_value(z.norm, z.unit) == "580 uur"
    # capacity and occupancy are public, the counts of persons per location are not
    assert not blocks["huisvesting.coa_locatie_samenstelling"].is_public
    assert cat.by_id(cat.load(blocks_db))["huisvesting.azc_bezettingsgraad_pct"].is_public


def test_demo_export_is_marked_and_calibrated(demo_store):
    db, _ = demo_store
    out = export(db, DEMO_TODAY)
    assert out["demo"] is True and "synthetische demogegevens" in out["toelichting"]
    maa = next(r for r in out["z_route"]["gemeenten"] if r["gemeente"] == MAA)
    # seed 002: ~88 in Maastricht's Z-route need ~580 h/week, more than is offered
    assert 80 <= maa["z_personen"] <= 96
    assert 530 <= maa["uren_nodig_40_lesweken"] <= 640
    assert maa["uren_per_week"] < maa["uren_nodig_40_lesweken"]
    assert {r["vaardigheid"] for r in out["vista_niveaus"]} == {"lezen", "luisteren", "spreken",
                                                                "schrijven"}
    assert out["cohortcurven"] and out["coa_locaties"]
