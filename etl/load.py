"""Load a drop folder into a new DuckDB store and swap it in atomically.

The store is rebuilt from the whole drop on every load (the drop folder is the
source of truth; snapshots and periods are chosen from it), into a temporary
file beside the target. Only a complete build replaces the target, with
os.replace, so readers see the old store or the new one, never a half one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from monitor import audit

from . import sqlrun
from .contract import DEMO_MARKER, DROP_METADATA, EXTRACTS, Extract
from .pseudonym import Pseudonymiser, fingerprint
from .readers import FileUnusable, read_extract
from .region import budget_gemeente, load_region, name_lookup, region_name, region_path
from .validate import DEFAULT_LIMITS, checked_query, repeats_query

log = logging.getLogger(__name__)

# Public on purpose: it only ever pseudonymises the synthetic demo drop.
DEMO_PSEUDONYM_KEY = "demo-sleutel-niet-voor-productie"
NO_KEY = ("Er is geen pseudonimiseringssleutel. Een echte levering wordt alleen geladen met een "
          "geheime sleutel: zet PSEUDONYM_KEY, of PSEUDONYM_KEY_FILE met het pad naar een "
          "sleutelbestand buiten de repository.")
DEMO_KEY_REFUSED = ("De demosleutel is openbaar: een echte levering wordt daar nooit mee "
                    "gepseudonimiseerd. Geef de geheime sleutel (PSEUDONYM_KEY of "
                    "PSEUDONYM_KEY_FILE).")
OTHER_KEY = ("De sleutel verschilt van de sleutel waarmee de huidige opslag is geladen: elk "
             "pseudoniem zou veranderen en de geschiedenis niet meer aansluiten. Laad met de "
             "oorspronkelijke sleutel, of kies bewust voor een nieuwe sleutel met "
             "--nieuwe-sleutel (de opslag wordt dan helemaal opnieuw opgebouwd).")
BUSY = "Er loopt al een ander laadproces voor deze opslag; probeer het later opnieuw."

SQL_TYPES = {
    "date": "DATE", "bool": "BOOLEAN", "decimal": "DOUBLE", "int": "BIGINT",
    "amount": "DECIMAL(18,2)", "year": "INTEGER", "likert": "INTEGER",
}


class LoadFailed(Exception):
    """The drop cannot be used; the previous store stays in place."""

    def __init__(self, message: str, report: "LoadReport | None" = None):
        super().__init__(message)
        self.report = report


class KeyRefused(LoadFailed):
    """The key is missing, public or not the store's: nothing is loaded."""


@dataclass
class FileReport:
    file: str
    used: bool
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    error: str | None = None


@dataclass
class Rejection:
    file: str
    row: int
    column: str | None
    reason: str


@dataclass
class LoadReport:
    files: list[FileReport] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"files": [asdict(f) for f in self.files],
                "rejections": [asdict(r) for r in self.rejections]}

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass
class Candidate:
    path: Path
    relpath: str
    extract: Extract
    stamp: str | None

    @property
    def file_date(self) -> dt.date | None:
        """The extract's own date: dates in it may not lie later."""
        s = self.stamp
        if not s:
            return None
        if self.extract.stamp == "date":
            return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
        if self.extract.stamp == "month":
            year, month = int(s[:4]), int(s[4:6])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if self.extract.stamp == "year":
            return dt.date(int(s), 12, 31)
        return None

    @property
    def first_date(self) -> dt.date | None:
        """The first day the file's stamp covers: a month's file may arrive
        during that month, never before it."""
        s = self.stamp
        if not s or self.extract.stamp == "date":
            return self.file_date
        if self.extract.stamp == "month":
            return dt.date(int(s[:4]), int(s[4:6]), 1)
        if self.extract.stamp == "year":
            return dt.date(int(s), 1, 1)
        return None

    @property
    def period(self) -> str | None:
        return f"{self.stamp[:4]}-{self.stamp[4:6]}" if self.extract.stamp == "month" else None


def _checkpoint(stage: str) -> None:
    """Called after each table is written; tests inject failures here."""


def discover(drop: Path) -> tuple[list[Candidate], list[FileReport]]:
    candidates, unknown = [], []
    for path in sorted(p for p in drop.rglob("*") if p.is_file()):
        rel = path.relative_to(drop).as_posix()
        if rel.casefold() in DROP_METADATA:
            continue
        match = next(((e, m) for e in EXTRACTS if (m := e.matches(rel))), None)
        if match is None:
            unknown.append(FileReport(rel, used=False, error="onbekend bestand: geen extract uit het datacontract"))
            continue
        extract, m = match
        candidates.append(Candidate(path, rel, extract, m.groupdict().get("stamp")))
    return candidates, unknown


def choose(candidates: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(used, superseded). Snapshots: the newest date wins. Periodic: every
    period counts once; a re-delivered period (same period, a name that sorts
    later, e.g. `_2`) replaces the earlier file."""
    used, superseded = [], []
    for extract in EXTRACTS:
        mine = [c for c in candidates if c.extract is extract]
        if extract.mode == "snapshot":
            groups = {None: mine} if mine else {}
        else:
            groups = {}
            for c in mine:
                groups.setdefault(c.stamp, []).append(c)
        for group in groups.values():
            ranked = sorted(group, key=lambda c: (c.stamp or "", c.relpath))
            used.append(ranked[-1])
            superseded.extend(ranked[:-1])
    return used, superseded


def _bad_stamp(c: Candidate, today: dt.date) -> str | None:
    try:
        first = c.first_date
    except ValueError:
        return "datum in de bestandsnaam is ongeldig"
    if first is not None and first > today:
        # It would win as the newest snapshot and let its own rows lie in the future.
        return (f"datum in de bestandsnaam ({first.strftime('%d-%m-%Y')}) ligt na de laaddatum "
                f"({today.strftime('%d-%m-%Y')}); het bestand wordt niet geladen")
    return None


def raw_table_ddl(extract: Extract) -> str:
    cols = [f'"{c.name}" {SQL_TYPES.get(c.kind, "VARCHAR")}' for c in extract.columns]
    cols += ["source_file VARCHAR", "source_row BIGINT", "file_date DATE"]
    if extract.name == "coa_bezetting":
        cols.append("peildatum DATE")
    return f"CREATE TABLE {extract.table} ({', '.join(cols)})"


def _with_pseudonyms(table: pa.Table, extract: Extract, pseudo: Pseudonymiser) -> pa.Table:
    for col in extract.columns:
        if col.kind in ("bsn", "vnummer"):
            keys, reasons = pseudo.replace_column(table[col.name], col.kind)
            index = table.schema.get_field_index(col.name)
            table = table.set_column(index, col.name, keys)
            table = table.append_column(col.name + "__reason", reasons)
    return table


def _load_extract(con, extract: Extract, files: list[Candidate], pseudo, report_rows,
                  limits: dict[str, float]) -> None:
    tables, sources = [], []
    for number, c in enumerate(files):
        result = report_rows[c.relpath]["result"]
        # The reader's table leaves the report: from here on only DuckDB holds
        # the rows, and Python's copy is freed as soon as it is inserted.
        report_rows[c.relpath]["result"] = None
        t = result.table
        tables.append(t.append_column("__file_no", pa.array(np.full(t.num_rows, number, np.int32))))
        sources.append((number, c.relpath, c.file_date, c.period, result.peildatum or c.file_date))
    if not tables:
        return
    # Pseudonymise after concatenating: one pass over the distinct identifiers
    # of all periods, instead of one per monthly file.
    incoming = _with_pseudonyms(pa.concat_tables(tables), extract, pseudo)
    del tables
    # Which columns hold a character no encoding could read: only those need
    # the check in SQL, and Arrow finds them in one scan per column.
    unreadable = {c.name for c in extract.columns if c.kind not in ("bsn", "vnummer")
                  and incoming.num_rows and pc.any(pc.or_(
                      pc.match_substring(incoming[c.name], "\ufffd"),
                      pc.match_substring(incoming[c.name], "\x00"))).as_py()}
    # Per-file constants from a small table: a column of the same file name
    # for each of millions of rows cost more to build than to validate.
    con.register("incoming_rows", incoming)
    con.register("incoming_files", pa.table({
        "__file_no": pa.array([s[0] for s in sources], pa.int32()),
        "__file": pa.array([s[1] for s in sources], pa.string()),
        "__file_date": pa.array([s[2] for s in sources], pa.date32()),
        "__period": pa.array([s[3] for s in sources], pa.string()),
        "__peildatum": pa.array([s[4] for s in sources], pa.date32())}))
    source = "(SELECT * EXCLUDE (__file_no) FROM incoming_rows JOIN incoming_files USING (__file_no))"
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE checked AS "
                    + checked_query(extract, source=source, limits=limits, unreadable=unreadable))
    finally:
        con.unregister("incoming_rows")
        con.unregister("incoming_files")
    del incoming
    pa.default_memory_pool().release_unused()
    con.execute("CREATE OR REPLACE TEMP TABLE repeated AS " + repeats_query(extract))
    cols = ", ".join(f'"{c.name}"' for c in extract.columns)
    extra = ", __peildatum" if extract.name == "coa_bezetting" else ""
    repeats = con.execute("SELECT count(*) FROM repeated").fetchone()[0]
    # The usual delivery repeats no key: then no anti-join over every row.
    not_repeated = " ANTI JOIN repeated USING (__file, __row)" if repeats else ""
    con.execute(f"INSERT INTO {extract.table} SELECT {cols}, __file, __row, __file_date{extra} "
                f"FROM checked{not_repeated} WHERE checked.__rejection IS NULL")
    for file, rows, rejected in con.execute(
            "SELECT __file, count(*), count(__rejection) FROM checked GROUP BY __file").fetchall():
        report_rows[file]["rows"] += rows
        report_rows[file]["rejected"] += rejected
    rejected = ("SELECT __file, __row, __rejection FROM checked WHERE __rejection IS NOT NULL "
                "UNION ALL SELECT __file, __row, __rejection FROM repeated")
    for file, row, column, reason in con.execute(
            f"SELECT __file, __row, __rejection.column, __rejection.reason FROM ({rejected}) "
            "ORDER BY __file, __row").fetchall():
        report_rows[file]["rejections"].append(Rejection(file, row, column, reason))
    for file, count in con.execute("SELECT __file, count(*) FROM repeated GROUP BY __file").fetchall():
        report_rows[file]["rejected"] += count
    con.execute("DROP TABLE checked")
    con.execute("DROP TABLE repeated")


def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:  # executemany refuses an empty batch
        # One transaction: in autocommit every row is its own commit, and each
        # commit syncs the write-ahead log of the whole freshly loaded store.
        con.execute("BEGIN TRANSACTION")
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        con.execute("COMMIT")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


HISTORY_DDL = [
    """CREATE TABLE load_runs (run_id VARCHAR, loaded_at TIMESTAMP, drop_name VARCHAR,
       is_demo BOOLEAN, demo_key BOOLEAN, region_file VARCHAR, gemeenten INTEGER,
       duration_s DOUBLE, regio VARCHAR, begroting_gemeente VARCHAR)""",
    """CREATE TABLE load_files (run_id VARCHAR, file VARCHAR, extract VARCHAR, used BOOLEAN,
       file_date DATE, checksum VARCHAR, rows_read BIGINT, rows_loaded BIGINT,
       rows_rejected BIGINT, error VARCHAR)""",
    """CREATE TABLE load_rejections (file VARCHAR, "row" BIGINT, "column" VARCHAR,
       reason VARCHAR)""",
    # Which key made the pseudonyms: a fingerprint that cannot give the key back.
    "CREATE TABLE store_key (fingerprint VARCHAR)",
]


def _attach_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _previous_store(db: Path) -> tuple[str | None, bool] | None:
    """(key fingerprint, was a demo load) of the store in place, or None when
    there is none or it predates fingerprints."""
    if not db.exists():
        return None
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_attach_literal(db)} AS previous (READ_ONLY)")
        fp = con.execute("SELECT max(fingerprint) FROM previous.store_key").fetchone()[0]
        demo = con.execute("SELECT is_demo FROM previous.load_runs "
                           "ORDER BY loaded_at DESC LIMIT 1").fetchone()
        return fp, bool(demo and demo[0])
    except duckdb.Error:
        return None
    finally:
        con.close()


def _resolve_key(key: bytes | str | None, is_demo: bool) -> bytes:
    if isinstance(key, str):
        key = key.encode()
    if not key:
        if not is_demo:
            raise KeyRefused(NO_KEY)
        log.warning("Geen pseudonimiseringssleutel: de synthetische demolevering wordt "
                    "gepseudonimiseerd met de openbare demosleutel.")
        return DEMO_PSEUDONYM_KEY.encode()
    if key == DEMO_PSEUDONYM_KEY.encode() and not is_demo:
        raise KeyRefused(DEMO_KEY_REFUSED)
    return key


def _remove_leftovers(db: Path) -> list[str]:
    """Builds of a load that was killed (the caller holds the load lock, so
    none of these belongs to a running load)."""
    removed = []
    for leftover in db.parent.glob(f"{db.name}.tmp-*"):
        try:
            if leftover.is_dir():  # DuckDB's spill directory
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
            removed.append(leftover.name)
        except FileNotFoundError:
            pass
    return removed


def _carry_history(con, previous: Path) -> None:
    """Earlier loads' history lives on in each new store."""
    if not previous.exists():
        return
    try:
        con.execute(f"ATTACH {_attach_literal(previous)} AS previous (READ_ONLY)")
        con.execute("INSERT INTO load_runs BY NAME SELECT * FROM previous.load_runs")
        con.execute("INSERT INTO load_files BY NAME SELECT * FROM previous.load_files")
    except duckdb.Error:
        pass  # an older or foreign store: start the history afresh
    finally:
        try:
            con.execute("DETACH previous")
        except duckdb.Error:
            pass


# A folder for the empty store every load starts from: all tables, seeds and
# views, rows not yet inserted. Binding the views of sql/ takes seconds and
# depends only on sql/ and the contract, so a process that loads many drops
# (the test suite: hundreds of hand-made ones) binds them once and copies the
# file (milliseconds). None (the default): every load creates them itself.
# MONITOR_SCHEMA_CACHE names the folder for `python -m etl load` processes
# started by such a process.
SCHEMA_CACHE: Path | None = (Path(os.environ["MONITOR_SCHEMA_CACHE"])
                             if os.environ.get("MONITOR_SCHEMA_CACHE") else None)


REF_DDL = [
    "CREATE TABLE ref_gemeenten (gemeentecode VARCHAR PRIMARY KEY, naam VARCHAR, "
    "inwoners INTEGER, stedelijkheid INTEGER, provincie VARCHAR, arbeidsmarktregio VARCHAR)",
    "CREATE TABLE ref_gemeente_namen (alias_key VARCHAR, alias_code VARCHAR)",
]


def _create_schema(con) -> None:
    """Every table a load fills, empty, and the SQL layer's views over them."""
    for ddl in REF_DDL:
        con.execute(ddl)
    for extract in EXTRACTS:
        con.execute(raw_table_ddl(extract))
    for ddl in HISTORY_DDL:
        con.execute(ddl)
    sqlrun.create_views(con)


def _schema_template() -> Path | None:
    """The cached empty store for the current sql/, contract and DuckDB, made
    on first use; None without SCHEMA_CACHE."""
    if SCHEMA_CACHE is None:
        return None
    h = hashlib.sha256(duckdb.__version__.encode())
    for ddl in REF_DDL + [raw_table_ddl(e) for e in EXTRACTS] + HISTORY_DDL:
        h.update(ddl.encode())
    for path in [*sorted(sqlrun.SQL_DIR.glob("*/*.sql")), sqlrun.CATALOGUE, sqlrun.SURVEY]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    cache = Path(SCHEMA_CACHE)
    template = cache / f"schema-{h.hexdigest()[:16]}.duckdb"
    if not template.exists():
        cache.mkdir(parents=True, exist_ok=True)
        build = cache / f"{template.name}.{uuid.uuid4().hex[:8]}"
        con = duckdb.connect(str(build))
        try:
            _create_schema(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(build, template)  # another process may have raced us: same content
    return template


def swap_in(built: Path, db: Path) -> None:
    """Make a complete store the current one. Readers that still use the old
    file keep it (the inode lives while it is open); the next one opens this."""
    os.replace(built, db)


def load(drop: Path, db: Path, region_file=None, today: dt.date | None = None, *,
         key: bytes | str | None = None, new_key: bool = False,
         limits: dict[str, float] | None = None, audit_log: Path | None = None,
         actor: str | None = None) -> LoadReport:
    """Build the store from `drop`. Raises LoadFailed (with the report
    attached) when the drop cannot be used; the target is then untouched.

    key: the pseudonymisation key (None: only a demo drop loads, with the
    public demo key). new_key: accept a key other than the one the store in
    place was built with. limits: plausibility bounds per store column
    (validate.DEFAULT_LIMITS). audit_log: the file the load is recorded in
    (default: beside the store), with `actor` (default "lokaal"). Nothing
    here reads the environment.
    """
    drop, db = Path(drop), Path(db)
    audit_log = audit_log or audit.path_beside(db)
    try:
        report = _locked_load(drop, db, region_file, today, key, new_key, limits)
    except LoadFailed as exc:
        audit.record("laden", drop.name, f"mislukt: {exc}", actor, path=audit_log)
        raise
    except Exception as exc:
        audit.record("laden", drop.name, f"afgebroken ({type(exc).__name__})", actor,
                     path=audit_log)
        raise
    used = [f for f in report.files if f.used]
    audit.record("laden", drop.name,
                 "geslaagd: {bestanden} bestanden, {geladen} rijen geladen, {afgekeurd} afgekeurd",
                 actor, path=audit_log,
                 counts={"bestanden": len(used), "geladen": sum(f.rows_loaded for f in used),
                         "afgekeurd": sum(f.rows_rejected for f in used)})
    return report


def _locked_load(drop: Path, db: Path, region_file, today, key, new_key, limits) -> LoadReport:
    if not drop.is_dir():
        raise LoadFailed(f"leveringsmap bestaat niet: {drop}")
    db.parent.mkdir(parents=True, exist_ok=True)
    # One load per store at a time: a second one would find the first one's
    # build and take it for a leftover.
    with open(db.with_name(db.name + ".laadslot"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LoadFailed(BUSY) from None
        for name in _remove_leftovers(db):
            log.info("Restant van een afgebroken laadproces verwijderd: %s", name)
        return _load(drop, db, region_file, today or dt.date.today(), key, new_key,
                     {**DEFAULT_LIMITS, **(limits or {})})


def _load(drop: Path, db: Path, region_file, today: dt.date, key, new_key: bool,
          limits: dict[str, float]) -> LoadReport:
    started = time.perf_counter()
    is_demo = (drop / DEMO_MARKER).exists()
    key = _resolve_key(key, is_demo)
    previous = _previous_store(db)
    if previous and previous[0] and previous[0] != fingerprint(key) and not previous[1]:
        if not new_key:
            raise KeyRefused(OTHER_KEY)
        log.warning("Nieuwe sleutel: alle pseudoniemen worden opnieuw berekend.")
    region = load_region(region_file)
    region_title = region_name(region_file)
    budget_code = budget_gemeente(region_file)
    pseudo = Pseudonymiser(key)

    report = LoadReport()
    candidates, unknown = discover(drop)
    used, superseded = choose(candidates)
    state = {}
    errors = False
    log.info("Laden van %s: %d bestanden gevonden, %d in gebruik.", drop.name, len(candidates),
             len(used))
    def read(c: Candidate) -> dict:
        entry = {"result": None, "rows": 0, "rejected": 0, "rejections": [],
                 "error": _bad_stamp(c, today)}
        if entry["error"] is None:
            try:
                entry["result"] = read_extract(c.path, c.extract)
                entry["rejections"] = [Rejection(c.relpath, r, col, why)
                                       for r, col, why in entry["result"].row_rejections]
                entry["rows"] = entry["rejected"] = len(entry["rejections"])
            except FileUnusable as exc:
                entry["error"] = str(exc)
            except Exception as exc:  # noqa: BLE001 - the file is named, its content never quoted
                entry["error"] = f"bestand kon niet worden gelezen ({type(exc).__name__})"
        return entry

    # The readers parse in Arrow and fastexcel, outside the GIL: files are
    # read side by side, one per core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for c, entry in zip(used, pool.map(read, used)):
            errors |= entry["error"] is not None
            state[c.relpath] = entry

    def finish_report():
        order = {c.relpath: i for i, c in enumerate(sorted(candidates, key=lambda c: c.relpath))}
        for c in sorted(used + superseded, key=lambda c: order[c.relpath]):
            if c.relpath in state:
                e = state[c.relpath]
                ok = e["error"] is None
                report.files.append(FileReport(
                    c.relpath, used=ok, rows_read=e["rows"] if ok else 0,
                    rows_loaded=e["rows"] - e["rejected"] if ok else 0,
                    rows_rejected=e["rejected"] if ok else 0, error=e["error"]))
                if ok:
                    report.rejections.extend(sorted(e["rejections"], key=lambda r: r.row))
            else:
                report.files.append(FileReport(c.relpath, used=False))
        report.files.extend(unknown)

    if errors:
        finish_report()
        raise LoadFailed("levering onbruikbaar: " + "; ".join(
            f"{f}: {e['error']}" for f, e in state.items() if e["error"]), report)

    tmp = db.with_name(f"{db.name}.tmp-{uuid.uuid4().hex[:8]}")
    spill = tmp.with_name(tmp.name + ".spill")
    try:
        # Where DuckDB spills: named like the build, so a killed load's
        # leftovers are found and removed with it.
        template = _schema_template()
        if template is not None:
            shutil.copyfile(template, tmp)
        con = duckdb.connect(str(tmp), config={"temp_directory": str(spill)})
        con.execute("SET enable_progress_bar = false")  # the report is the ETL's output
        try:
            if template is None:
                _create_schema(con)
            _insert(con, "ref_gemeenten", [(m.code, m.name, m.inwoners, m.stedelijkheid, m.provincie,
                                            m.arbeidsmarktregio) for m in region])
            _insert(con, "ref_gemeente_namen", list(name_lookup(region).items()))
            for extract in EXTRACTS:
                _load_extract(con, extract, [c for c in used if c.extract is extract], pseudo, state,
                              limits)
                _checkpoint(extract.name)
            finish_report()
            _carry_history(con, db)
            run_id = uuid.uuid4().hex[:12]
            loaded_at = dt.datetime.now().replace(microsecond=0)
            checks = {c.relpath: c for c in candidates}
            _insert(con, "load_files", [
                (run_id, f.file, checks[f.file].extract.name if f.file in checks else None, f.used,
                 checks[f.file].file_date if f.file in checks else None,
                 _sha256(drop / f.file), f.rows_read, f.rows_loaded, f.rows_rejected, f.error)
                for f in report.files])
            _insert(con, "load_rejections",
                    [(r.file, r.row, r.column, r.reason) for r in report.rejections])
            con.execute("INSERT INTO store_key VALUES (?)", [fingerprint(key)])
            _checkpoint("history")
            sqlrun.apply(con, views_created=True)
            _checkpoint("sql")
            con.execute("INSERT INTO load_runs VALUES (?,?,?,?,?,?,?,?,?,?)", [
                run_id, loaded_at, drop.name, is_demo,
                key == DEMO_PSEUDONYM_KEY.encode(), region_path(region_file).name, len(region),
                round(time.perf_counter() - started, 3), region_title, budget_code])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        swap_in(tmp, db)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
        shutil.rmtree(spill, ignore_errors=True)
    return report
