"""What every extract writer and every planted quirk share: the drop being
written (its history, target and planted rows), a table of text columns as it
will be written, and the CSV writer. Its own module so that the writers
(extracts.py) and the quirks (quirks.py) both import it and not each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .calibration import Gemeente
from .persons import Activities, Persons, as_day
from .text import buffer_bytes, concat


@dataclass(frozen=True)
class PlantedRow:
    file: str  # relative to the drop, as the load report names it
    row: int  # data row, header = 0 (COA sheets: first row under the header = 1)
    column: str  # contract header of the column that breaks the contract
    what: str


def write_csv(path: Path, header, columns, *, sep=";", encoding="utf-8-sig",
              newline="\r\n", trailing_empty_lines=0) -> int:
    """Each row is its columns joined by Arrow; the file is the joined buffer."""
    n = len(columns[0]) if columns else 0
    parts = []
    for i, col in enumerate(columns):
        parts.extend([sep, col] if i else [col])
    body = buffer_bytes(concat([*parts, newline])) if n else b""
    data = (sep.join(header) + newline).encode() + body + (newline * trailing_empty_lines).encode()
    if encoding == "cp1252":
        data = data.decode("utf-8").encode("cp1252")
    elif encoding == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return n


@dataclass
class Table:
    """Columns of text as they will be written. Planting edits these and tags
    the rows it touches, so their final row numbers survive later inserts."""
    header: list[str]
    cols: list[np.ndarray]
    tags: np.ndarray | None = None

    def __post_init__(self):
        self.cols = [np.asarray(c, dtype=object) for c in self.cols]
        if self.tags is None:
            self.tags = np.full(len(self), "", dtype=object)

    def insert(self, pos: int, values: dict[str, str], tag: str) -> None:
        for i, h in enumerate(self.header):
            self.cols[i] = np.insert(self.cols[i], pos, values.get(h, ""))
        self.tags = np.insert(self.tags, pos, tag)

    def set(self, index: int, column: str, value: str, tag: str) -> None:
        self.cols[self.header.index(column)][index] = value
        self.tags[index] = tag

    def row_of(self, tag: str) -> int:
        """Data row number as the load report counts it (header = 0)."""
        return int(np.flatnonzero(self.tags == tag)[0]) + 1

    def __len__(self):
        return len(self.cols[0])


def one_month_earlier(d: dt.date) -> dt.date:
    y, m = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


@dataclass
class Drop:
    """What every extract writer shares: the history, the target and the plants."""
    out: Path
    p: Persons
    acts: Activities
    gemeenten: tuple[Gemeente, ...]
    today: dt.date
    rng: dict[str, np.random.Generator]
    spare_bsns: np.ndarray  # valid, distinct from everyone's
    planted: list[PlantedRow] = field(default_factory=list)
    files: int = 0

    @property
    def today64(self) -> np.datetime64:
        return as_day(self.today)

    @property
    def snapshots(self) -> tuple[tuple[np.datetime64, str], tuple[np.datetime64, str]]:
        """(date, stamp) of the older and the newest snapshot."""
        older = one_month_earlier(self.today)
        return (as_day(older), older.strftime("%Y%m%d")), (self.today64, self.today.strftime("%Y%m%d"))

    def csv(self, rel: str, header, table_or_cols, **kw) -> int:
        """Write unless there is nobody to report (only just after the law's
        start): the loader takes a header-only file for a broken one."""
        cols = table_or_cols.cols if isinstance(table_or_cols, Table) else table_or_cols
        if not len(cols[0]):
            return 0
        self.files += 1
        return write_csv(self.out / rel, header, cols, **kw)

    def plant(self, rel: str, table: Table, tag: str, column: str, what: str) -> None:
        self.planted.append(PlantedRow(rel, table.row_of(tag), column, what))

    def pick(self, lo: int, hi: int) -> int:
        return int(self.rng["plant"].integers(lo, hi))
