"""The SQL layer's build order is derived from the files (etl/sqlrun.py):
each file after the files whose objects it reads, a new ind_ file in the
cube's union without editing a list, and a file that does not bind named
with its line."""

import shutil

import duckdb
import pytest

from etl import sqlrun


def test_every_file_runs_after_what_it_reads():
    order = sqlrun.build_order()
    position = {f.path: i for i, f in enumerate(order)}
    owner = {name.lower(): f for f in order for name in f.defines}
    assert len(order) == sum(len(list((sqlrun.SQL_DIR / layer).glob("*.sql")))
                             for layer in sqlrun.LAYERS)
    checked = 0
    for f in order:
        for name in f.reads:
            dep = owner.get(name.lower())
            if dep is not None and dep is not f:
                assert position[dep.path] < position[f.path], (f.where, name, dep.where)
                checked += 1
    assert checked > 50  # the graph is real: ind_ views read int_ views, marts read ind_ views


def test_the_union_of_indicator_views_is_every_file_present():
    rows = sqlrun.read_sql_file(sqlrun.SQL_DIR / "marts" / "mart_indicator_rows.sql")
    stems = {p.stem for p in (sqlrun.SQL_DIR / "indicators").glob("*.sql")}
    assert stems and stems <= rows.reads
    assert rows.text.count("SELECT * FROM ind_") == len(stems)


def _toy(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


TOY = {
    # a view reading one of its own layer that sorts later: no retry needed
    "staging/stg_a.sql": "-- reads stg_b\nCREATE OR REPLACE VIEW stg_a AS SELECT x + 1 AS x FROM stg_b;\n",
    "staging/stg_b.sql": "CREATE OR REPLACE VIEW stg_b AS SELECT x FROM raw_b;\n",
    "indicators/ind_1.sql": "CREATE OR REPLACE VIEW ind_1 AS SELECT 'een' AS id, x FROM stg_a;\n",
    "indicators/ind_2.sql": "CREATE OR REPLACE VIEW ind_2 AS SELECT 'twee' AS id, x FROM stg_b;\n",
    "marts/mart_indicator_rows.sql":
        "-- the union\nCREATE OR REPLACE VIEW mart_indicator_rows AS\n{{ union_all indicators }};\n",
}


def _run(con):
    for f in sqlrun.build_order(("staging", "indicators", "marts")):
        sqlrun.run_file(con, f)


def test_a_new_indicator_file_is_picked_up(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlrun, "SQL_DIR", tmp_path)
    _toy(tmp_path, TOY)
    con = duckdb.connect()
    con.execute("CREATE TABLE raw_b AS SELECT 1 AS x")
    _run(con)
    assert sorted(con.execute("SELECT id FROM mart_indicator_rows").fetchall()) == [
        ("een",), ("twee",)]
    _toy(tmp_path, {"indicators/ind_3.sql":
                    "CREATE OR REPLACE VIEW ind_3 AS SELECT 'drie' AS id, x FROM stg_a;\n"})
    _run(con)
    assert sorted(con.execute("SELECT id FROM mart_indicator_rows").fetchall()) == [
        ("drie",), ("een",), ("twee",)]


def test_a_binding_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlrun, "SQL_DIR", tmp_path)
    _toy(tmp_path, {**TOY, "indicators/ind_2.sql":
                    "-- a typo on line 4\nCREATE OR REPLACE VIEW ind_2 AS\nSELECT 'twee' AS id,\n"
                    "       y AS x\nFROM stg_b;\n"})
    con = duckdb.connect()
    con.execute("CREATE TABLE raw_b AS SELECT 1 AS x")
    with pytest.raises(sqlrun.SqlFileError, match=r"^sql/indicators/ind_2\.sql:4: .*\"y\""):
        _run(con)


def test_a_missing_relation_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlrun, "SQL_DIR", tmp_path)
    _toy(tmp_path, TOY)
    con = duckdb.connect()  # no raw_b
    with pytest.raises(sqlrun.SqlFileError, match=r"^sql/staging/stg_b\.sql:1: .*raw_b"):
        _run(con)


def test_a_cycle_is_refused_with_its_files(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlrun, "SQL_DIR", tmp_path)
    _toy(tmp_path, {**TOY, "staging/stg_b.sql": "CREATE OR REPLACE VIEW stg_b AS SELECT x FROM stg_a;\n"})
    with pytest.raises(sqlrun.SqlFileError, match="stg_a.sql, sql/staging/stg_b.sql"):
        sqlrun.build_order(("staging", "indicators", "marts"))



def test_one_object_defined_in_two_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlrun, "SQL_DIR", tmp_path)
    _toy(tmp_path, {**TOY, "staging/stg_c.sql": "CREATE OR REPLACE VIEW stg_b AS SELECT 2 AS x;\n"})
    with pytest.raises(sqlrun.SqlFileError, match="stg_c.sql: stg_b staat al in sql/staging/stg_b"):
        sqlrun.build_order(("staging", "indicators", "marts"))
