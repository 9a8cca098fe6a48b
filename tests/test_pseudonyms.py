"""Raw identifiers never reach the store; pseudonyms link one person's rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import duckdb

from etl.load import load
from etl.pseudonym import PSEUDONYM_HEX_CHARS, Pseudonymiser, elfproef
from tests.conftest import TEST_KEY
from tests.factories import bsn, person, vnummer, write_csv, write_xlsx


def test_elfproef_known_values():
    assert elfproef("111222333")  # 9+8+7+12+10+8+9+6-3 = 66 = 6 x 11
    assert not elfproef("123456789")  # 9+16+21+24+25+24+21+16-9 = 147, rest 4
    assert not elfproef("000000000")


def test_pseudonym_is_keyed_hmac_sha256_with_domain_separation():
    p = Pseudonymiser(b"k")
    expected = hmac.new(b"k", b"bsn:111222333", hashlib.sha256).hexdigest()[:PSEUDONYM_HEX_CHARS]
    assert p.pseudonym("bsn", "111222333") == expected
    assert Pseudonymiser(b"other").pseudonym("bsn", "111222333") != expected
    assert p.pseudonym("vnummer", "111222333") != expected


def _build(drop, tmp_path):
    people = [(bsn(n), vnummer(n)) for n in range(1, 4)]
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(n) for n in range(1, 4)])
    write_csv(drop, "gemeente/participatie_20250106.csv", [
        {"BSN": people[0][0], "Activiteit-ID": "A1", "Soort": "Stage", "Datum start": "01-12-2024"}])
    write_csv(drop, "vista/vista_voortgang_20250103.csv", [
        {"bsn": people[0][0], "peildatum": "2025-01-03", "uitgevallen": "false"}], encoding="utf-8")
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [
        {"V-nummer": people[0][1], "Gekoppelde gemeente": "MAASTRICHT",
         "Datum koppeling": dt.date(2024, 12, 1)}])
    db = tmp_path / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    return db, people


def test_one_persons_rows_link_across_gemeente_coa_and_vista(drop, tmp_path):
    db, _ = _build(drop, tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        linked = con.execute("""
            SELECT count(DISTINCT i.person_key) FROM raw_inburgeraars i
            JOIN raw_coa_koppelingen k ON k.vnummer_key = i.vnummer_key
            JOIN raw_vista_voortgang v ON v.person_key = i.person_key
            JOIN raw_participatie p ON p.person_key = i.person_key""").fetchone()[0]
    assert linked == 1


def test_no_column_of_any_table_holds_a_raw_identifier(drop, tmp_path):
    db, people = _build(drop, tmp_path)
    raw = {x for pair in people for x in pair} | {b.lstrip("0") for b, _ in people}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        cells = set()
        for (table,) in tables:
            for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
                cells.update(str(v) for v in row if v is not None)
    assert cells  # the scan saw data
    assert not {c for c in cells if any(r in c for r in raw)}
    assert not raw & {x for c in cells for x in c.split()}
