"""Apply the SQL layer (sql/) to a freshly loaded store.

The seeds become tables first (the catalogue ref_indicators, the survey
mapping ref_survey_indicators), because views read them. The files then run
in an order derived from the files themselves, as dbt derives it from
`ref()`: each file defines the objects its CREATE statements name, and reads
every object of another file whose name it mentions outside comments and
strings. The files run in a topological order of that graph (ties: layer,
then name), so a file that fails to bind failed on its own text and the
error names the file and its line. A cycle is refused with its files. Then
the peildata variable is set to every month end, and the marts that pages
read often are materialised as tables. See sql/README.md.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
LAYERS = ("macros", "staging", "intermediate", "indicators", "marts")
CATALOGUE = SQL_DIR / "seeds" / "indicator_catalogue.csv"
# statement -> survey indicator (ind_enquete)
SURVEY = SQL_DIR / "seeds" / "survey_indicators.csv"
# view -> table materialised from it, for all default peildata
MATERIALISE = {
    "mart_indicator_cube_v": "mart_indicator_cube",
    "mart_indicator_margins_v": "mart_indicator_margins",
    "mart_huisvesting_wijk_v": "mart_huisvesting_wijk",
    "mart_cohort_curves_v": "mart_cohort_curves",
}
# Row order of a materialised table. Pages read the cube itself only with a
# gemeente filter (person filters without one go to a rollup): sorted by
# gemeente, DuckDB's zone maps skip all other gemeenten (national, 3
# gemeenten: 240 -> 6 ms). One gemeente's rows fill less than a row group
# nationally, so sorting within it on more keys would prune nothing.
SORT = {"mart_indicator_cube": "gemeentecode", "mart_indicator_margins": "gemeentecode"}
# The sorted tables are built in blocks of gemeenten, one INSERT per block in
# gemeente order, each block sorted on its own: the result is the same as one
# sorted CREATE, but no statement holds the whole national cube (26M rows)
# in memory to sort it, and the scratch tables, sorted by gemeente too, let
# each block read only its own rows. About this many blocks nationally.
BLOCKS = 16
# Fewer blocks for a small register: every block is a statement DuckDB plans
# over the whole view stack (~50 ms even for one person), and a block exists
# only to bound memory. With this many persons per block, a national register
# (~175.000) still gets all BLOCKS; a regional one or a hand-made drop one.
PERSONS_PER_BLOCK = 10_000
# Views over the materialised tables, themselves materialised afterwards.
POST_LAYER = "rollups"
# Run file by file, each materialised before the next, so a later rollup
# can read an earlier one's table.
MATERIALISE_POST = {"mart_compare_features_v": "mart_compare_features",
                    "mart_compare_strata_v": "mart_compare_strata",
                    "mart_filter_options_v": "mart_filter_options",
                    "mart_indicator_rollup_v": "mart_indicator_rollup",
                    "mart_indicator_rollup_person_v": "mart_indicator_rollup_person",
                    "mart_indicator_rollup_region_v": "mart_indicator_rollup_region",
                    "mart_indicator_margins_region_v": "mart_indicator_margins_region",
                    "mart_peildata_v": "mart_peildata"}
# A scratch table is computed a few peildata at a time (every row depends on
# its own peildatum only): the person cells' aggregation over all persons x
# peildata at once needs ~2,5 GB nationally, a quarter of them a quarter.
PEILDATA_PER_BLOCK = 15
# Views read many times while the cube is built: computed once into a scratch
# table for the duration of the materialisation, then the view is restored
# (the export reads the plain views at its own peildatum).
SCRATCH = ("int_person_cells", "int_vista_cells", "int_koppelingen_cells")


def sql_files() -> list[Path]:
    return [f for layer in (*LAYERS, POST_LAYER) for f in sorted((SQL_DIR / layer).glob("*.sql"))]


_CREATES = re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?(?:VIEW|MACRO|TABLE)\s+(\w+)",
                      re.I)
_NAME = re.compile(r"\b[A-Za-z_]\w*\b")
# `{{ union_all <layer> }}`: every view of that layer's files, as
# `SELECT * FROM a UNION ALL SELECT * FROM b ...`, so a new file of the layer
# joins the union without a list to edit (sql/marts/mart_indicator_rows.sql).
_UNION_ALL = re.compile(r"\{\{\s*union_all\s+(\w+)\s*\}\}")
_ERROR_LINE = re.compile(r"LINE (\d+):")


class SqlFileError(RuntimeError):
    """A file of sql/ that does not run, with its path and line."""


@dataclass(frozen=True)
class SqlFile:
    path: Path
    layer: str
    text: str  # as run: placeholders filled in
    defines: tuple[str, ...]
    reads: frozenset[str]  # every name it mentions outside comments and strings

    @property
    def where(self) -> str:
        return f"sql/{self.layer}/{self.path.name}"


def _code_only(text: str) -> str:
    """`text` without comments and string literals, line breaks kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return re.sub(r"--[^\n]*|'(?:[^']|'')*'", blank, text)


def _union_all(layer: str) -> str:
    views = sorted(p.stem for p in (SQL_DIR / layer).glob("*.sql"))
    if not views:
        raise SqlFileError(f"{{{{ union_all {layer} }}}}: sql/{layer}/ holds no files")
    return "\nUNION ALL ".join(f"SELECT * FROM {v}" for v in views)


def read_sql_file(path: Path) -> SqlFile:
    raw = path.read_text(encoding="utf-8")
    text = _UNION_ALL.sub(lambda m: _union_all(m.group(1)), raw)
    code = _code_only(text)
    defines = tuple(dict.fromkeys(_CREATES.findall(code)))
    return SqlFile(path, path.parent.name, text, defines, frozenset(_NAME.findall(code)))


def build_order(layers=LAYERS, aliases: dict[str, str] | None = None) -> list[SqlFile]:
    """The files of `layers` in dependency order: a file after every file
    whose objects it reads. `aliases` maps an object one file defines to
    another name it becomes (a view and the table materialised from it)."""
    files = [read_sql_file(p) for layer in layers for p in sorted((SQL_DIR / layer).glob("*.sql"))]
    owner: dict[str, SqlFile] = {}
    for f in files:
        for name in f.defines:
            other = owner.setdefault(name.lower(), f)
            if other is not f:
                raise SqlFileError(f"{f.where}: {name} staat al in {other.where}")
    for name, alias in (aliases or {}).items():
        if name.lower() in owner:
            owner[alias.lower()] = owner[name.lower()]
    deps = {f.path: {owner[n.lower()].path for n in f.reads if n.lower() in owner} - {f.path}
            for f in files}
    rank = {f.path: (layers.index(f.layer), f.path.name) for f in files}
    by_path = {f.path: f for f in files}
    waiting = {p: set(d) for p, d in deps.items()}
    ready = [rank[p] + (p,) for p, d in waiting.items() if not d]
    heapq.heapify(ready)
    order: list[SqlFile] = []
    while ready:
        path = heapq.heappop(ready)[-1]
        order.append(by_path[path])
        for p, d in waiting.items():
            if path in d:
                d.discard(path)
                if not d:
                    heapq.heappush(ready, rank[p] + (p,))
    if len(order) < len(files):
        stuck = sorted(by_path[p].where for p, d in waiting.items() if d)
        raise SqlFileError("kringverwijzing tussen " + ", ".join(stuck))
    return order


def run_file(con, f: SqlFile) -> None:
    """Run one file; an error names the file and the line DuckDB points at
    (or the first line that mentions the name it could not find)."""
    try:
        con.execute(f.text)
    except duckdb.Error as exc:
        message = str(exc)
        line = _ERROR_LINE.search(message)
        number = int(line.group(1)) if line else None
        missing = (re.search(r'name "?(\w+)"? does not exist', message)
                   or re.search(r'"(\w+)"', message.splitlines()[0]))
        if number is None and missing:
            number = next((i for i, text in enumerate(_code_only(f.text).splitlines(), 1)
                           if re.search(rf"\b{re.escape(missing.group(1))}\b", text)), None)
        at = f"{f.where}:{number}" if number else f.where
        raise SqlFileError(f"{at}: {message.splitlines()[0]}") from exc


def load_catalogue(con) -> None:
    con.execute("CREATE OR REPLACE TABLE ref_indicators AS SELECT * FROM read_csv("
                "?, header = true, all_varchar = true)", [str(CATALOGUE)])
    con.execute("ALTER TABLE ref_indicators ALTER headline TYPE BOOLEAN USING headline = '1'")
    con.execute("ALTER TABLE ref_indicators ALTER teller_personen TYPE BOOLEAN "
                "USING teller_personen = '1'")
    con.execute("ALTER TABLE ref_indicators ALTER referentie TYPE BOOLEAN USING referentie = '1'")
    con.execute("CREATE OR REPLACE TABLE ref_survey_indicators AS SELECT * FROM read_csv("
                "?, header = true, all_varchar = true)", [str(SURVEY)])


def create_views(con) -> None:
    """The seeds and every view of LAYERS: what apply() needs before it
    materialises. It depends on sql/ and the raw tables' schema only, not on
    the rows, so a load may start from a copy of a store it was run on
    (etl.load.SCHEMA_CACHE)."""
    load_catalogue(con)
    for f in build_order():
        run_file(con, f)


def apply(con, *, views_created: bool = False) -> None:
    if not views_created:
        create_views(con)
    # All month ends (int_maandeinden); the views read it through int_peildata.
    con.execute("SET VARIABLE peildata = (SELECT peildata FROM int_maandeinden)")
    persons = con.execute("SELECT count(*) FROM raw_inburgeraars").fetchone()[0]
    for view in SCRATCH:
        _materialise_by_peildata(con, view, f"scratch_{view}", persons)
        con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM scratch_{view}")
    try:
        bounds = _block_bounds(con, persons)
        for view, table in MATERIALISE.items():
            if table in SORT:
                _materialise_sorted(con, view, table, SORT[table], bounds)
            else:
                con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {view}")
        for f in build_order((POST_LAYER,), aliases=MATERIALISE_POST):
            run_file(con, f)
            table = MATERIALISE_POST.get(f"{f.path.stem}_v")
            if table:
                con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {f.path.stem}_v")
    finally:
        for view in SCRATCH:
            con.execute((SQL_DIR / "intermediate" / f"{view}.sql").read_text(encoding="utf-8"))
            con.execute(f"DROP TABLE IF EXISTS scratch_{view}")
        con.execute("RESET VARIABLE peildata")


def _blocks(persons: int | None) -> int:
    if persons is None:
        return BLOCKS
    return max(1, min(BLOCKS, -(-persons // PERSONS_PER_BLOCK)))


def _block_bounds(con, persons: int | None = None) -> list[str]:
    """The gemeentecodes that start a block (the first block also takes
    anything below its start, the last anything above)."""
    codes = [r[0] for r in con.execute(
        "SELECT DISTINCT gemeentecode FROM ref_gemeenten ORDER BY gemeentecode").fetchall()]
    size = max(1, -(-len(codes) // _blocks(persons)))
    return codes[size::size]


def _materialise_sorted(con, view: str, table: str, column: str, bounds: list[str]) -> None:
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {view} LIMIT 0")
    edges = [None, *bounds, None]
    for low, high in zip(edges, edges[1:]):
        where = " AND ".join(
            [*([f"{column} >= $low"] if low is not None else []),
             *([f"{column} < $high"] if high is not None else [])]) or f"{column} IS NOT NULL"
        params = {k: v for k, v in (("low", low), ("high", high)) if v is not None}
        con.execute(f"INSERT INTO {table} SELECT * FROM {view} WHERE {where} ORDER BY {column}",
                    params)
    # rows without a gemeente sort last, as in one ORDER BY
    con.execute(f"INSERT INTO {table} SELECT * FROM {view} WHERE {column} IS NULL")


def _materialise_by_peildata(con, view: str, table: str, persons: int | None = None) -> None:
    """Each block sorted by gemeente, so a block of gemeenten of the cube reads
    a few row groups of every block. A register of one block of gemeenten
    (PERSONS_PER_BLOCK) is small enough for all peildata at once."""
    count = con.execute("SELECT len(peildata) FROM int_maandeinden").fetchone()[0] or 0
    per_block = PEILDATA_PER_BLOCK if _blocks(persons) > 1 else max(count, 1)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {view} LIMIT 0")
    try:
        for start in range(1, count + 1, per_block):
            end = start + per_block - 1
            con.execute("SET VARIABLE peildata = "
                        f"(SELECT peildata[{start}:{end}] FROM int_maandeinden)")
            con.execute(f"INSERT INTO {table} SELECT * FROM {view} ORDER BY gemeentecode")
    finally:
        con.execute("SET VARIABLE peildata = (SELECT peildata FROM int_maandeinden)")
