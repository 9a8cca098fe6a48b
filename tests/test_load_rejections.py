"""Each rejection reason of the contract gives exactly one report row, and the
rest of the file loads. Files that cannot be used stop the load."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys

import duckdb
import pytest

import etl.load
from etl.load import LoadFailed, load
from tests.conftest import TEST_KEY
from tests.factories import bsn, person, vnummer, write_csv, write_xlsx

KEY_ENV = {**os.environ, "PSEUDONYM_KEY": TEST_KEY}

INB = "gemeente/inburgeraars_20250106.csv"


def rejections(report):
    return [(r.file, r.row, r.column, r.reason) for r in report.rejections]


@pytest.mark.parametrize("override, column, reason", [
    ({"BSN": "123456789"}, "BSN", "BSN voldoet niet aan de elfproef"),
    ({"BSN": "12345"}, "BSN", "BSN heeft niet 9 cijfers"),
    ({"V-nummer": "12AB"}, "V-nummer", "V-nummer heeft niet 10 cijfers"),
    ({"Gemeentecode": "GM9999"}, "Gemeentecode", "gemeentecode GM9999 hoort niet bij de regio"),
    ({"Gemeentecode": "Maastricht"}, "Gemeentecode", "'Maastricht' is geen CBS-gemeentecode"),
    ({"Doelgroep": "Expat"}, "Doelgroep",
     "onbekende waarde 'Expat' (toegestaan: Asielstatushouder, Nareiziger, Gezinsmigrant, Overig)"),
    ({"Datum PIP": "31-02-2024"}, "Datum PIP", "verwacht een datum als dd-mm-jjjj"),
    ({"Datum PIP": "2024-03-01"}, "Datum PIP", "verwacht een datum als dd-mm-jjjj"),
    ({"Datum PIP": "07-01-2025"}, "Datum PIP", "datum ligt na de datum van het bestand"),
    ({"Digid": "ja"}, "Digid", "verwacht J of N"),
    ({"Huishoudgrootte": "-1"}, "Huishoudgrootte", "waarde mag niet negatief zijn"),
    ({"Wijkcode": "WK093801"}, "Wijkcode", "wijkcode hoort niet bij de gemeente"),
    ({"Status": ""}, "Status", "verplicht veld is leeg"),
])
def test_one_bad_cell_rejects_its_row_and_nothing_else(drop, tmp_path, override, column, reason):
    write_csv(drop, INB, [person(1), person(2, **override), person(3)])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert rejections(report) == [(INB, 2, column, reason)]
    assert (report.files[0].rows_read, report.files[0].rows_loaded) == (3, 2)


def test_rejection_report_never_repeats_the_identifier(drop, tmp_path):
    write_csv(drop, INB, [person(1, BSN="123456789", **{"V-nummer": "9876543210"})])
    report_path = tmp_path / "r.json"
    out = subprocess.run([sys.executable, "-m", "etl", "load", str(drop), "--db",
                          str(tmp_path / "s.duckdb"), "--report", str(report_path)],
                         capture_output=True, text=True, env=KEY_ENV)
    assert out.returncode == 0
    text = report_path.read_text() + out.stdout + out.stderr
    assert "123456789" not in text and "9876543210" not in text
    assert json.loads(report_path.read_text())["rejections"][0]["row"] == 1


def test_planned_end_may_lie_after_the_extract_date_but_start_may_not(drop, tmp_path):
    write_csv(drop, INB, [person(1)])
    base = {"BSN": bsn(1), "Soort": "Stage", "Datum start": "01-12-2024", "Uren per week": "8"}
    write_csv(drop, "gemeente/participatie_20250106.csv", [
        {**base, "Activiteit-ID": "A1", "Datum einde": "30-06-2025"},
        {**base, "Activiteit-ID": "A2", "Datum start": "01-02-2025"},
        {**base, "Activiteit-ID": "A3", "Uren per week": "-4"},
        {**base, "Activiteit-ID": "A1"},
        {**base, "Activiteit-ID": "A5", "BSN": bsn(77)},
    ])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    f = "gemeente/participatie_20250106.csv"
    assert rejections(report) == [
        (f, 2, "Datum start", "datum ligt na de datum van het bestand"),
        (f, 3, "Uren per week", "waarde mag niet negatief zijn"),
        (f, 4, "Activiteit-ID", "herhaalde sleutel: dezelfde sleutel staat al in rij 1"),
        (f, 5, "BSN", "persoon komt niet voor in het inburgeraarsbestand"),
    ]


def test_month_in_file_must_match_and_coa_unknown_person(drop, tmp_path):
    write_csv(drop, INB, [person(1)])
    write_csv(drop, "gemeente/uitkeringen_202412.csv", [
        {"BSN": bsn(1), "Maand": "2024-12", "Participatiewet": "J"},
        {"BSN": bsn(1), "Maand": "2024-11", "Participatiewet": "J"}])
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "Vaals", "Datum koppeling": dt.date(2024, 12, 1)},
        {"V-nummer": vnummer(99), "Gekoppelde gemeente": "Vaals"},
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "Heerlen"},
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "Vaals", "Datum koppeling": dt.date(2025, 1, 2)}])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert rejections(report) == [
        ("coa/coa_koppelingen_202412.xlsx", 2, "V-nummer", "persoon komt niet voor in het inburgeraarsbestand"),
        ("coa/coa_koppelingen_202412.xlsx", 3, "Gekoppelde gemeente", "gemeente 'Heerlen' hoort niet bij de regio"),
        ("coa/coa_koppelingen_202412.xlsx", 4, "Datum koppeling", "datum ligt na de datum van het bestand"),
        ("gemeente/uitkeringen_202412.csv", 2, "Maand", "maand wijkt af van de maand in de bestandsnaam"),
    ]


def test_row_with_wrong_number_of_fields_keeps_later_row_numbers(drop, tmp_path):
    path = write_csv(drop, "gemeente/taakstelling.csv", [
        {"Gemeentecode": "GM0935", "Periode": "2024-1", "Taakstelling": "10"},
        {"Gemeentecode": "GM0938", "Periode": "2024-1", "Taakstelling": "x"},
        {"Gemeentecode": "GM0981", "Periode": "2024-1", "Taakstelling": "3"}])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines.insert(2, "GM0994;2024-1;4")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert rejections(report) == [
        ("gemeente/taakstelling.csv", 2, None, "rij heeft 3 velden, de kop heeft er 5"),
        ("gemeente/taakstelling.csv", 3, "Taakstelling", "geen geldig getal")]
    assert report.files[0].rows_read == 4 and report.files[0].rows_loaded == 2


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("breakage", ["delimiter", "column", "excel"])
def test_unusable_file_fails_the_load_and_keeps_the_previous_store(drop, tmp_path, breakage):
    db = tmp_path / "s.duckdb"
    write_csv(drop, INB, [person(1)])
    load(drop, db, key=TEST_KEY)
    before = _digest(db)
    if breakage == "delimiter":
        path = drop / INB
        path.write_text(path.read_text(encoding="utf-8-sig").replace(";", ","), encoding="utf-8-sig")
    elif breakage == "column":
        write_csv(drop, "gemeente/taakstelling.csv", [{"Gemeentecode": "GM0935"}],
                  header=["Gemeentecode", "Periode"])
    else:
        (drop / "coa").mkdir()
        (drop / "coa/coa_bezetting_202412.xlsx").write_text("dit is geen Excel")
    report_path = tmp_path / "r.json"
    out = subprocess.run([sys.executable, "-m", "etl", "load", str(drop), "--db", str(db),
                          "--report", str(report_path)], capture_output=True, text=True,
                         env=KEY_ENV)
    assert out.returncode != 0
    assert _digest(db) == before
    broken = [f for f in json.loads(report_path.read_text())["files"] if f["error"]]
    assert len(broken) == 1 and broken[0]["used"] is False
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw_inburgeraars").fetchone() == (1,)


def test_failure_midway_leaves_previous_store_byte_identical(drop, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    write_csv(drop, INB, [person(1)])
    load(drop, db, key=TEST_KEY)
    before = _digest(db)
    write_csv(drop, INB, [person(1), person(2)])

    def explode(stage):
        if stage == "uitkeringen":  # after inburgeraars and participatie are written
            raise RuntimeError("schijf vol")

    monkeypatch.setattr(etl.load, "_checkpoint", explode)
    with pytest.raises(RuntimeError):
        load(drop, db, key=TEST_KEY)
    assert _digest(db) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM raw_inburgeraars").fetchone() == (1,)


def test_same_drop_twice_gives_identical_tables(drop, tmp_path):
    write_csv(drop, INB, [person(n) for n in range(1, 30)])
    write_csv(drop, "gemeente/uitkeringen_202412.csv",
              [{"BSN": bsn(n), "Maand": "2024-12", "Participatiewet": "J"} for n in range(1, 30)])
    tables = {}
    for name in ("a.duckdb", "b.duckdb"):
        load(drop, tmp_path / name, key=TEST_KEY)
        with duckdb.connect(str(tmp_path / name), read_only=True) as con:
            names = [r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name NOT LIKE 'load_%'").fetchall()]
            tables[name] = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in names}
    assert tables["a.duckdb"] == tables["b.duckdb"]
    assert tables["a.duckdb"]["raw_uitkeringen"]


def test_real_drop_without_key_is_refused(drop, tmp_path):
    write_csv(drop, INB, [person(1)])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSEUDONYM_KEY")}
    out = subprocess.run([sys.executable, "-m", "etl", "load", str(drop), "--db",
                          str(tmp_path / "s.duckdb")], capture_output=True, text=True, env=env)
    assert out.returncode != 0 and "PSEUDONYM_KEY" in out.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_load_failed_carries_its_report(drop, tmp_path):
    write_csv(drop, INB, [person(1)], header=["BSN"])
    with pytest.raises(LoadFailed) as info:
        load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert "verplichte kolom ontbreekt" in info.value.report.files[0].error
