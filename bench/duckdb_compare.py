"""Compare two stores figure for figure, to choose a DuckDB version on evidence.

    python bench/duckdb_compare.py A.duckdb B.duckdb [--out diff.tsv]

Both stores are attached read-only in one process (run it with the newest
DuckDB, which reads the older file formats). Compared: every base table and
every view that sql/queries reads, each as EXCEPT ALL in both directions
after rounding DOUBLE/FLOAT columns to 6 decimals, so float summation order
is the only thing allowed to differ. Relations of more than EXACT_MAX rows are
compared as multisets of 64-bit row hashes (EXCEPT ALL over one column: the
full-width EXCEPT ALL of the 27-million-row cube takes most of an hour on a
busy 2-core machine); a differing hash falls back to the full comparison. Columns that differ per load by design
(run id, load time, duration, drop folder name) are left out.
Prints one line per relation: rows in A, rows in B, A-B, B-A.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
# Differ per load by design: a random run id, wall-clock times, the drop's folder name.
VOLATILE = {"load_runs": {"run_id", "loaded_at", "duration_s", "drop_name"},
            "load_files": {"run_id"}, "mart_databronnen": {"run_id", "loaded_at"}}
APPROX = ("DOUBLE", "FLOAT", "REAL")
EXACT_MAX = 200_000


def views_pages_read() -> set[str]:
    """Views named in sql/queries: what the pages and exports read besides tables."""
    names: set[str] = set()
    for path in (ROOT / "sql" / "queries").glob("*.sql"):
        names |= set(re.findall(r"\b((?:mart|int|stg|ind|ref)_[a-z0-9_]+)\b", path.read_text()))
    return names


def column_list(con: duckdb.DuckDBPyConnection, db: str, name: str) -> list[str]:
    cols = con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                       "WHERE database_name = ? AND table_name = ? ORDER BY column_index",
                       [db, name]).fetchall()
    if not cols:  # a view: duckdb_columns lists only tables
        cols = [(c[0], c[1]) for c in con.execute(f'DESCRIBE "{db}"."{name}"').fetchall()]
    out = []
    for col, typ in cols:
        if col in VOLATILE.get(name, set()):
            continue
        q = f'"{col}"'
        out.append(f"round({q}, 6) AS {q}" if typ.upper() in APPROX else q)
    return out


def except_both(con, name: str, cols: list[str]) -> tuple[int, int]:
    qa, qb = (f'SELECT {", ".join(cols)} FROM {db}."{name}"' for db in ("a", "b"))
    return (con.execute(f"SELECT count(*) FROM ({qa} EXCEPT ALL {qb})").fetchone()[0],
            con.execute(f"SELECT count(*) FROM ({qb} EXCEPT ALL {qa})").fetchone()[0])


def hashed(cols: list[str]) -> list[str]:
    bare = [c.split(" AS ")[0] for c in cols]
    return [f"hash({', '.join(bare)}) AS h"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--out")
    ap.add_argument("--only", nargs="*", help="these relations only")
    args = ap.parse_args()
    # EXCEPT ALL over the 27-million-row cube spills; keep it to a share of the machine.
    con = duckdb.connect(config={"memory_limit": "3GB", "threads": 2,
                                 "temp_directory": str(Path(args.a).parent / "compare_tmp")})
    con.execute(f"ATTACH '{args.a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{args.b}' AS b (READ_ONLY)")
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'a'").fetchall()}
    tables_b = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'b'").fetchall()}
    views = {r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE database_name = 'a'").fetchall()}
    read = views_pages_read()
    names = sorted(tables | tables_b) + sorted((views & read) - tables)
    if args.only:
        names = [n for n in names if n in args.only]
    lines = [f"# duckdb {duckdb.__version__}; a={args.a}; b={args.b}",
             "relation\tkind\trows_a\trows_b\ta_minus_b\tb_minus_a\tmethod\tseconds"]
    print("\n".join(lines), flush=True)
    bad = 0
    for name in names:
        kind = "table" if name in tables else "view"
        if (name in tables) != (name in tables_b):
            line = f"{name}\ttable\tmissing in {'b' if name in tables else 'a'}"
            bad += 1
            print(line, flush=True)
            lines.append(line)
            continue
        started = time.perf_counter()
        cols = column_list(con, "a", name)
        try:
            na = con.execute(f"SELECT count(*) FROM a.\"{name}\"").fetchone()[0]
            nb = con.execute(f"SELECT count(*) FROM b.\"{name}\"").fetchone()[0]
            how = "exact"
            if max(na, nb) > EXACT_MAX:
                how = "hash"
                ab, ba = except_both(con, name, hashed(cols))
            if how == "exact" or ab or ba:
                how = "exact" if how == "exact" else "hash+exact"
                ab, ba = except_both(con, name, cols)
        except duckdb.Error as exc:
            line = f"{name}\t{kind}\terror: {str(exc).splitlines()[0][:160]}"
            bad += 1
        else:
            bad += (na != nb) + (ab != 0) + (ba != 0)
            line = (f"{name}\t{kind}\t{na}\t{nb}\t{ab}\t{ba}\t{how}"
                    f"\t{time.perf_counter() - started:.1f}")
        print(line, flush=True)
        lines.append(line)
    lines.append(f"# relations {len(names)}, with differences or errors: {bad}")
    print(lines[-1])
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
