"""The indicator catalogue (sql/seeds/indicator_catalogue.csv) against the
framework, the export and the SQL layer."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

from etl import sqlrun
from tests.conftest import TEST_KEY

ROOT = Path(__file__).resolve().parent.parent
SQL = ROOT / "sql"
DOMAINS = ["1", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3"]
REFERENCE = {
    "basis.pvt_afgerond_pct": "1", "huisvesting.taakstelling_realisatie_pct": "2.1",
    "huisvesting.azc_bezettingsgraad_pct": "2.1", "huisvesting.wachttijd_azc_mediaan_dagen": "2.1",
    "zorg.protect_afgenomen_pct": "2.2", "werk.duaal_pct": "2.3", "werk.z_uren_op_schema_pct": "2.3",
    "werk.uitkering_pct": "2.3", "werk.podium24_binnen_3mnd_pct": "2.3", "taal.wachtlijst_pip": "3.2",
    "taal.leerroute_b1_pct": "3.2", "taal.voorinburgering_gestart_pct": "3.2",
    "taal.aanwezigheid_pct": "3.2", "digitaal.digid_pct": "3.3",
    "verbindingen.banden_eens_pct": "4.1", "verbindingen.bruggen_eens_pct": "4.3",
}


def catalogue() -> list[dict]:
    with open(SQL / "seeds" / "indicator_catalogue.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# The blocks: figures a page shows as a chart of their own, with the query
# file that makes them as their view (sql/queries/catalogue_blocks.sql).
BLOCKS = {"werk.z_route_capaciteit": "z_route", "werk.cohort_werk_uitkering": "cohort_curves",
          "taal.cohort_pip_leerroute": "cohort_curves", "taal.niveau_per_vaardigheid": "vista_niveaus",
          "huisvesting.coa_locatie_samenstelling": "azc_bezetting"}


def cube_catalogue() -> list[dict]:
    return [r for r in catalogue() if r["view"].startswith("ind_")]


def test_two_per_domain_and_headlines():
    cat = cube_catalogue()
    per = Counter(r["domain"] for r in cat)
    assert set(per) == set(DOMAINS)
    assert all(per[d] >= 2 for d in DOMAINS), per
    heads = Counter(r["domain"] for r in cat if r["headline"] == "1")
    assert all(1 <= heads[d] <= 2 for d in DOMAINS), heads


def test_reference_ids_and_fields():
    cat = {r["id"]: r for r in catalogue()}
    assert len(cat) == len(catalogue()), "duplicate ids"
    for ind, domain in REFERENCE.items():
        assert cat[ind]["domain"] == domain
        assert cat[ind]["referentie"] == "1"
    for r in cat.values():
        assert r["eenheid"] in {"pct", "aantal", "dagen", "uren", "score", "per_cursist"}
        assert r["richting"] in {"hoger_beter", "lager_beter", "neutraal"}
        assert r["frequentie"] in {"maand", "halfjaar", "jaar"}
        assert r["naam"] and r["definitie"] and r["bronnen"]
        if "enquete" in r["bronnen"]:
            assert "Enquête" in r["definitie"], r["id"]
        assert r["view"].startswith("ind_") or r["id"] in BLOCKS, r["id"]
        if r["id"] in BLOCKS:
            assert r["view"] == BLOCKS[r["id"]] and (SQL / "queries" / f"{r['view']}.sql").is_file()
            continue
        # the id is produced by the view the catalogue names: in its SQL,
        # or, for the survey view, in the seed that maps statements to ids
        view_sql = (SQL / "indicators" / f"{r['view']}.sql").read_text(encoding="utf-8")
        if r["view"] == "ind_enquete":
            assert r["id"] in survey_ids(), r["id"]
        else:
            assert f"'{r['id']}'" in view_sql, r["id"]


def survey_ids() -> set[str]:
    with open(SQL / "seeds" / "survey_indicators.csv", encoding="utf-8") as f:
        return {r["indicator_id"] for r in csv.DictReader(f)}


def test_survey_seed_covers_every_survey_indicator():
    # every catalogue indicator from the survey is in the mapping, and the
    # mapping names only catalogue ids and statements of the survey extract
    from etl.contract import EXTRACTS

    cat = {r["id"]: r for r in catalogue()}
    assert survey_ids() == {i for i, r in cat.items() if "enquete" in r["bronnen"]}
    enquete = next(e for e in EXTRACTS if e.name == "enquete")
    columns = {c.name for c in enquete.columns}
    with open(SQL / "seeds" / "survey_indicators.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["statement"] in columns, r
            assert r["answer"] in {"eens", "oneens"}, r


VIEW_RE = re.compile(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", re.I)


def test_no_dead_views():
    files = sqlrun.sql_files()
    defined = {}
    for p in files:
        for name in VIEW_RE.findall(p.read_text(encoding="utf-8")):
            defined[name] = p
    # file name = view name (the layer convention of sql/README.md)
    for name, p in defined.items():
        assert p.stem == name or p.stem + "_v" == name, (name, p)
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    queries = " ".join(p.read_text(encoding="utf-8") for p in (SQL / "queries").glob("*.sql"))
    cat_views = {r["view"] for r in catalogue()}
    for name, p in defined.items():
        used = (name in cat_views or name in {**sqlrun.MATERIALISE, **sqlrun.MATERIALISE_POST}
                or re.search(rf"\b{name}\b", queries)
                or any(re.search(rf"\b{name}\b", t) for q, t in texts.items() if q != p))
        assert used, f"view {name} ({p.name}) is used nowhere"


def test_every_catalogue_id_in_export(drop, tmp_path):
    from etl.export import export
    from etl.load import load
    from tests.factories import person, write_csv

    write_csv(drop, "gemeente/inburgeraars_20241231.csv", [
        person(i, **{"V-nummer": None, "Doelgroep": "Gezinsmigrant", "Datum PIP": dt.date(2024, 1, 1)})
        for i in range(3)])
    db = tmp_path / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    out = export(db, dt.date(2024, 12, 31))
    ids = {r["id"] for r in out["indicators"]}
    assert ids == {r["id"] for r in cube_catalogue()}
    assert ids.isdisjoint(BLOCKS) and set(out) >= {"z_route", "vista_niveaus", "cohortcurven",
                                                   "coa_locaties"}
    # every indicator for ALL and each gemeente, occupancy for ALL only
    for r in cube_catalogue():
        places = {x["gemeente"] for x in out["indicators"] if x["id"] == r["id"]}
        if r["id"] == "huisvesting.azc_bezettingsgraad_pct":
            assert places == {"ALL"}
        else:
            assert places == {"ALL", "GM0935", "GM0938", "GM0994", "GM1729", "GM0981"}
    assert out["demo"] is False and "toelichting" not in out


def test_demo_store_is_marked_in_export(drop, tmp_path):
    from etl.contract import DEMO_MARKER
    from etl.export import export
    from etl.load import load
    from tests.factories import person, write_csv

    write_csv(drop, "gemeente/inburgeraars_20241231.csv", [
        person(1, **{"V-nummer": None, "Doelgroep": "Overig", "Status": "Intake"})])
    (drop / DEMO_MARKER).write_text("synthetisch", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    out = export(db, dt.date(2024, 12, 31))
    assert out["demo"] is True
    assert "synthetisch" in out["toelichting"].lower()


def test_comparison_kind_fits_the_unit():
    """`vergelijking` (how Vergelijken compares gemeenten): a share over
    persons, a count of persons per 1.000 inhabitants, or a median; never a
    public figure or a block."""
    kinds = {"aandeel": {"pct"}, "per_1000_inwoners": {"aantal"}, "mediaan": {"dagen", "uren"}}
    public = {"taakstelling", "coa_bezetting"}
    seen = set()
    for r in catalogue():
        kind = r["vergelijking"]
        if not kind:
            continue
        seen.add(kind)
        assert kind in kinds and r["eenheid"] in kinds[kind], r["id"]
        assert r["view"].startswith("ind_"), r["id"]
        assert not {s.strip() for s in r["bronnen"].split(",")} <= public, r["id"]
        if kind != "mediaan":
            assert r["teller_personen"] == "1", r["id"]
    assert seen == set(kinds)
