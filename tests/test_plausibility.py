"""Plausible values, file dates and encodings: impossible values are
rejected, a file from the future is refused by name, and a delivery is never
decoded into mojibake."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from etl.contract import INBURGERAARS
from etl.load import LoadFailed, load
from tests.conftest import TEST_KEY
from tests.factories import bsn, write_csv

INB = "gemeente/inburgeraars_20250106.csv"
PART = "gemeente/participatie_20250106.csv"
COLUMNS = [c.source for c in INBURGERAARS.columns]
HEADER = ";".join(COLUMNS)


def person(n, **extra):
    row = {"BSN": bsn(n), "Gemeentecode": "GM0935", "Doelgroep": "Asielstatushouder",
           "Status": "Actief"}
    row.update(extra)
    return row


def activity(n, hours):
    return {"BSN": bsn(1), "Activiteit-ID": f"A{n}", "Soort": "Stage",
            "Datum start": "01-12-2024", "Uren per week": hours}


@pytest.mark.parametrize("limits, expected", [
    (None, {3: "waarde boven de plausibiliteitsgrens van 60",
            4: "waarde kan niet groter zijn dan 168", 5: "waarde kan niet groter zijn dan 168"}),
    ({"uren_per_week": 100}, {4: "waarde kan niet groter zijn dan 168",
                              5: "waarde kan niet groter zijn dan 168"}),
    ({"uren_per_week": 37.5}, {2: "waarde boven de plausibiliteitsgrens van 37,5",
                               3: "waarde boven de plausibiliteitsgrens van 37,5",
                               4: "waarde kan niet groter zijn dan 168",
                               5: "waarde kan niet groter zijn dan 168"}),
])
def test_hours_per_week_bounds(tmp_path, limits, expected):
    drop = tmp_path / "drop"
    write_csv(drop, INB, [person(1)])
    write_csv(drop, PART, [activity(1, "36"), activity(2, "40,5"), activity(3, "61"),
                           activity(4, "169"), activity(5, "999")])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY, limits=limits)
    got = {r.row: r.reason for r in report.rejections if r.file == PART}
    assert got == expected
    assert all(r.column == "Uren per week" for r in report.rejections)


def test_file_dated_after_the_load_date_is_refused_by_name(tmp_path):
    drop, db = tmp_path / "drop", tmp_path / "s.duckdb"
    write_csv(drop, INB, [person(1)])
    load(drop, db, key=TEST_KEY, today=dt.date(2025, 1, 10))
    write_csv(drop, "gemeente/inburgeraars_20261231.csv", [person(1), person(2)])
    with pytest.raises(LoadFailed) as info:
        load(drop, db, key=TEST_KEY, today=dt.date(2025, 1, 10))
    assert "gemeente/inburgeraars_20261231.csv" in str(info.value)
    assert "ligt na de laaddatum" in str(info.value)
    with duckdb.connect(str(db), read_only=True) as con:  # the previous store stays
        assert con.execute("SELECT count(*) FROM raw_inburgeraars").fetchone() == (1,)


def test_month_file_of_the_running_month_loads(tmp_path):
    drop = tmp_path / "drop"
    write_csv(drop, INB, [person(1)])
    write_csv(drop, "gemeente/uitkeringen_202501.csv",
              [{"BSN": bsn(1), "Maand": "2025-01", "Participatiewet": "J"}])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY, today=dt.date(2025, 1, 10))
    assert [f.rows_loaded for f in report.files] == [1, 1]


def _write(drop, data: bytes):
    path = drop / INB
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _line(n, land: str) -> str:
    row = person(n, **{"Land van herkomst": land})
    return ";".join(row.get(c, "") for c in COLUMNS)


def _countries(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute(
            "SELECT land_van_herkomst FROM raw_inburgeraars ORDER BY source_row").fetchall()]


# BOM with Windows-1252 lines, undefined bytes and NUL in a cell are in the
# bad-input corpus; these two are the shapes it does not have.
@pytest.mark.parametrize("name, data, countries, rejected", [
    ("mixed lines", "\n".join([HEADER, _line(1, "Eritrea")]).encode("cp1252") + b"\n"
     + _line(2, "Café Réfugié").encode("utf-8") + b"\n" + _line(3, "Curaçao").encode("cp1252"),
     ["Eritrea", "Café Réfugié", "Curaçao"], {}),
    ("NUL padding", "\n".join([HEADER, _line(1, "Syrië")]).encode() + b"\n" + b"\x00" * 64,
     ["Syrië"], {}),
])
def test_encodings_never_give_mojibake(tmp_path, name, data, countries, rejected):
    drop, db = tmp_path / "drop", tmp_path / "s.duckdb"
    _write(drop, data)
    report = load(drop, db, key=TEST_KEY)
    assert _countries(db) == countries
    assert {r.row: r.reason for r in report.rejections} == rejected
    assert all(r.column == "Land van herkomst" for r in report.rejections)
    assert not [c for c in _countries(db) if "Ã" in c or "\ufffd" in c]


@pytest.mark.parametrize("data, message", [
    ("\n".join([HEADER, _line(1, "Syrië")]).encode("utf-16"), "UTF-16"),
    (b"PK\x03\x04" + b"\x00" * 40, "Excel-bestand"),
    (b"\x00\x01\x02binair\x00\n\x00", "geen tekstbestand"),
])
def test_unreadable_encodings_name_the_file(tmp_path, data, message):
    drop = tmp_path / "drop"
    _write(drop, data)
    with pytest.raises(LoadFailed) as info:
        load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert f"{INB}: " in str(info.value) and message in str(info.value)
    assert "Error" not in str(info.value)
