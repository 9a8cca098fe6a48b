"""The cube and the marginals are materialised in sorted blocks of gemeenten
(etl/sqlrun.py): the table must hold exactly the rows of one sorted CREATE,
in gemeente order, whatever the codes and however many blocks."""

import duckdb
import pytest

from etl import sqlrun


def _store(codes_in_region, codes_in_rows):
    con = duckdb.connect()
    con.execute("CREATE TABLE ref_gemeenten (gemeentecode VARCHAR, naam VARCHAR)")
    con.executemany("INSERT INTO ref_gemeenten VALUES (?, ?)", [(c, c) for c in codes_in_region])
    con.execute("CREATE TABLE src (gemeentecode VARCHAR, v INTEGER)")
    rows = [(c, i) for i, c in enumerate(codes_in_rows * 3)]
    if rows:
        con.executemany("INSERT INTO src VALUES (?, ?)", rows)
    con.execute("CREATE VIEW src_v AS SELECT * FROM src")
    return con


@pytest.mark.parametrize("region, rows, blocks", [
    # regional: one gemeente per block
    (["GM0935", "GM0888", "GM0917", "GM0928", "GM0965"],
     ["GM0935", "GM0888", "GM0917", "GM0928", "GM0965"], 16),
    # more gemeenten than blocks, uneven last block
    ([f"GM{n:04d}" for n in range(1, 41)], [f"GM{n:04d}" for n in range(1, 41)], 6),
    # rows outside the region's codes (below, between, above) and without a gemeente
    (["GM0100", "GM0200", "GM0300"], ["GM0001", "GM0100", "GM0150", "GM0300", "GM9999", None], 2),
    # a single block
    (["GM0100", "GM0200"], ["GM0200", "GM0100"], 1),
    # a single block with rows without a gemeente: each row once
    (["GM0100", "GM0200"], ["GM0200", None, "GM0100"], 1),
])
def test_blocks_give_the_rows_of_one_sorted_create(monkeypatch, region, rows, blocks):
    monkeypatch.setattr(sqlrun, "BLOCKS", blocks)
    con = _store(region, rows)
    sqlrun._materialise_sorted(con, "src_v", "dst", "gemeentecode", sqlrun._block_bounds(con))
    got = con.execute("SELECT gemeentecode, v FROM dst").fetchall()
    # same multiset of rows
    assert sorted(got, key=repr) == sorted(con.execute("SELECT * FROM src").fetchall(), key=repr)
    # in gemeente order, rows without a gemeente last
    codes = [c for c, _ in got]
    known = [c for c in codes if c is not None]
    assert known == sorted(known)
    assert codes[len(known):] == [None] * (len(codes) - len(known))


@pytest.mark.parametrize("persons, blocks", [(None, 16), (0, 1), (1, 1), (10_000, 1),
                                             (10_001, 2), (175_000, 16), (350_000, 16)])
def test_blocks_follow_the_register_size(persons, blocks):
    """A block bounds memory; a small register needs one, a national one all."""
    assert sqlrun.BLOCKS == 16 and sqlrun.PERSONS_PER_BLOCK == 10_000
    assert sqlrun._blocks(persons) == blocks


def test_block_bounds_split_the_region_in_at_most_blocks(monkeypatch):
    monkeypatch.setattr(sqlrun, "BLOCKS", 4)
    con = _store([f"GM{n:04d}" for n in range(1, 11)], [])
    bounds = sqlrun._block_bounds(con)
    assert bounds == sorted(bounds)
    assert len(bounds) + 1 <= 4
    assert "GM0001" not in bounds  # the first block starts below everything


@pytest.mark.parametrize("view", sqlrun.SCRATCH)
@pytest.mark.parametrize("per_block", [1, 7, 1000])
def test_scratch_by_peildata_blocks_equals_the_view(demo_store, tmp_path, monkeypatch, view,
                                                     per_block):
    """Every row of a scratch view depends on its own peildatum only, so
    computing it a few peildata at a time gives the view's rows."""
    import shutil

    monkeypatch.setattr(sqlrun, "PEILDATA_PER_BLOCK", per_block)
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_store[0], db)
    con = duckdb.connect(str(db))
    con.execute("SET VARIABLE peildata = (SELECT peildata FROM int_maandeinden)")
    sqlrun._materialise_by_peildata(con, view, "blocked")
    # sums of hours may differ in the last bits with the order of addition
    def rows(sql):
        return [tuple(round(v, 6) if isinstance(v, float) else v for v in r)
                for r in con.execute(sql).fetchall()]
    expected = rows(f"SELECT * FROM {view}")
    got = rows("SELECT * FROM blocked")
    assert len(expected) > 0
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    # the full peildata are back for whatever runs next
    assert con.execute("SELECT getvariable('peildata') = peildata FROM int_maandeinden").fetchone()[0]
