"""A column the contract marks optional (etl/contract.py Column.optional):
an older file without it still loads, each of its rows reading the column as
empty; without the mark such a file is refused by name."""

import dataclasses
import datetime as dt

import duckdb
import pytest

from etl import contract, load as load_module
from etl.readers import FileUnusable, read_extract
from tests.conftest import TEST_KEY
from tests.factories import bsn, person, write_csv

OLD = "gemeente/uitkeringen_202411.csv"  # delivered before the column existed
NEW = "gemeente/uitkeringen_202412.csv"
OLD_HEADER = ["BSN", "Maand", "Participatiewet", "Inkomen uit werk"]


def _with_optional(extract: contract.Extract, source: str) -> contract.Extract:
    cols = tuple(dataclasses.replace(c, optional=True) if c.source == source else c
                 for c in extract.columns)
    return dataclasses.replace(extract, columns=cols)


def _drop(drop):
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", [person(1), person(2)])
    write_csv(drop, OLD, [{"BSN": bsn(1), "Maand": "2024-11", "Participatiewet": "J",
                           "Inkomen uit werk": "N"},
                          {"BSN": bsn(2), "Maand": "2024-11", "Participatiewet": "N",
                           "Inkomen uit werk": "J"}], header=OLD_HEADER)
    write_csv(drop, NEW, [{"BSN": bsn(1), "Maand": "2024-12", "Participatiewet": "J",
                           "Inkomen uit werk": "N", "Ontzorging": "J"}])


def test_without_the_mark_the_older_file_is_refused_by_name(drop):
    _drop(drop)
    with pytest.raises(FileUnusable, match="verplichte kolom ontbreekt: Ontzorging"):
        read_extract(drop / OLD, contract.UITKERINGEN)


def test_an_optional_column_reads_as_empty_in_a_file_without_it(drop):
    _drop(drop)
    spec = _with_optional(contract.UITKERINGEN, "Ontzorging")
    old = read_extract(drop / OLD, spec).table
    assert old.num_rows == 2 and old["ontzorging"].to_pylist() == ["", ""]
    assert old["participatiewet"].to_pylist() == ["J", "N"]  # the others still by header
    new = read_extract(drop / NEW, spec).table
    assert new["ontzorging"].to_pylist() == ["J"]


def test_an_older_monthly_file_without_an_optional_column_still_loads(drop, tmp_path,
                                                                      monkeypatch):
    _drop(drop)
    extracts = tuple(_with_optional(e, "Ontzorging") if e.name == "uitkeringen" else e
                     for e in contract.EXTRACTS)
    monkeypatch.setattr(load_module, "EXTRACTS", extracts)
    db = tmp_path / "s.duckdb"
    report = load_module.load(drop, db, key=TEST_KEY, today=dt.date(2025, 1, 15))
    files = {f.file: f for f in report.files}
    assert files[OLD].used and files[OLD].error is None
    assert files[OLD].rows_read == files[OLD].rows_loaded == 2
    assert files[NEW].rows_loaded == 1 and not report.rejections
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT maand, ontzorging FROM raw_uitkeringen ORDER BY maand, "
                       "participatiewet").fetchall()
    con.close()
    assert [(str(m)[:7], o) for m, o in rows] == [("2024-11", None), ("2024-11", None),
                                                  ("2024-12", True)]
