"""The COA workbooks read as whole sheets: every Excel cell type the COA
might send comes out as the text the validator expects, with the sheet's
own row numbers."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from openpyxl import Workbook

from etl.load import load
from etl.readers import read_xlsx
from tests.conftest import TEST_KEY
from tests.factories import BY_NAME, person, vnummer, write_csv, write_xlsx

KOP = "coa/coa_koppelingen_202412.xlsx"


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_cell_types_become_the_text_the_validator_reads(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(n) for n in (1, 2, 3, 4)])
    write_xlsx(drop, KOP, [
        # a date cell that carries a time of day is that day
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "Vaals",
         "Datum koppeling": dt.datetime(2024, 11, 5, 13, 45), "Uren voorinburgering": 12},
        # the V-nummer as an Excel number, a date typed in as text
        {"V-nummer": int(vnummer(2)), "Gekoppelde gemeente": "Vaals",
         "Datum koppeling": "03-10-2024", "Uren voorinburgering": 0.5},
        # a time-of-day cell is no date: rejected, never read as 31-12-1899
        {"V-nummer": vnummer(3), "Gekoppelde gemeente": "Vaals",
         "Datum koppeling": dt.time(10, 30)},
        # a plain number in a date column is no Excel date either
        {"V-nummer": vnummer(4), "Gekoppelde gemeente": "Vaals", "Datum koppeling": 45352},
    ])
    db = tmp_path / "s.duckdb"
    report = load(drop, db, key=TEST_KEY)
    assert [(r.row, r.column, r.reason) for r in report.rejections] == [
        (3, "Datum koppeling", "verwacht een Excel-datum"),
        (4, "Datum koppeling", "verwacht een Excel-datum")]
    assert rows(db, """SELECT k.datum_koppeling, k.uren_voorinburgering
        FROM raw_coa_koppelingen k JOIN raw_inburgeraars i USING (vnummer_key)
        ORDER BY k.source_row""") == [(dt.date(2024, 11, 5), 12.0), (dt.date(2024, 10, 3), 0.5)]


def test_row_numbers_are_the_sheets_across_empty_rows(tmp_path):
    spec = BY_NAME["coa_koppelingen"]
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    ws.append([c.source for c in spec.columns])
    ws.append([vnummer(1), "Vaals"])
    ws.append([])
    ws.append([None, "   "])  # only blanks: an empty row, not a data row
    ws.append([vnummer(2), "Vaals"])
    path = tmp_path / "k.xlsx"
    wb.save(path)
    table = read_xlsx(path, spec).table
    assert table["__row"].to_pylist() == [1, 4]
    assert table["vnummer_key"].to_pylist() == [vnummer(1), vnummer(2)]
    assert table["datum_uitstroom"].to_pylist() == ["", ""]


@pytest.mark.parametrize("title", ["Bezettingsoverzicht COA locaties, peildatum 02-12-2024", None])
def test_sheet_keeps_its_row_positions_with_and_without_title(tmp_path, title):
    spec = BY_NAME["coa_bezetting"]
    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    if title:  # in B1, not A1: the sheet's used area starts there
        ws["B1"] = title
    for i, c in enumerate(spec.columns):  # header_row 3, whatever is above it
        ws.cell(row=3, column=i + 1, value=c.source)
    ws.append(["AZC Maastricht", "MAASTRICHT", "AZC", 10, 5])
    ws.append(["TOTAAL", None, None, 10, 5])
    path = tmp_path / "b.xlsx"
    wb.save(path)
    result = read_xlsx(path, spec)
    assert result.peildatum == (dt.date(2024, 12, 2) if title else None)
    assert result.table["locatie"].to_pylist() == ["AZC Maastricht"]
    assert result.table["capaciteit"].to_pylist() == ["10"]
    assert result.table["__row"].to_pylist() == [1]
