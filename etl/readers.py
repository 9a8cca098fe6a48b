"""Read one extract file into an Arrow table of text cells, as delivered.

Readers only decode and split: every cell stays text, so that all parsing and
every rejection reason comes from one place (validate.py). Each table gets
`__row`, the data-row number the rejection report uses (header = row 0).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .contract import Extract


class FileUnusable(Exception):
    """The file cannot be used at all; the load must not go ahead."""


@dataclass
class ReadResult:
    table: pa.Table  # one string column per contract column, plus __row
    row_rejections: list[tuple[int, str | None, str]] = field(default_factory=list)
    peildatum: dt.date | None = None  # from the COA title row


def _header_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().casefold())


def _map_header(header: list[str], extract: Extract) -> dict[str, int | None]:
    """Contract column -> position, tolerant of case and spaces; None for an
    optional column the file does not have (read as empty)."""
    positions = {_header_key(h): i for i, h in reversed(list(enumerate(header)))}
    missing = [c.source for c in extract.columns
               if _header_key(c.source) not in positions and not c.optional]
    if missing:
        hint = " (verkeerd scheidingsteken?)" if len(header) <= 1 else ""
        raise FileUnusable(f"verplichte kolom ontbreekt: {', '.join(missing)}{hint}")
    return {c.source: positions.get(_header_key(c.source)) for c in extract.columns}


def _blank(rows: int) -> pa.Array:
    return pa.array([""] * rows, pa.string())


BINARY_SIGNATURES = {
    b"PK\x03\x04": "een zip- of Excel-bestand (.xlsx)",
    b"\xd0\xcf\x11\xe0": "een oud Excel-bestand (.xls)",
    b"%PDF": "een PDF",
}
# A valid UTF-8 multi-byte sequence: Windows-1252 text practically never
# holds one (it would read as e.g. "Ã©"), so its presence means UTF-8 lines.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode(data: bytes) -> tuple[str, str]:
    """Text and how it was decoded. Municipal exports come as UTF-8 with a
    BOM, the older system's as Windows-1252, in the same drop, and a file
    pasted together from both holds both.

    Decided per line, never per guess for the whole file: a line that is
    valid UTF-8 is UTF-8, any other line Windows-1252 (cp1252, not latin-1:
    0x80 is the euro sign there). A byte that Windows-1252 does not define
    becomes U+FFFD, and the validator rejects that cell, so a value is never
    stored silently wrong. NUL bytes stay, and the validator rejects their
    cells too; NUL padding after the last line is dropped."""
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise FileUnusable(f"bestand is geen tekstbestand maar {what}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileUnusable("bestand is UTF-16; verwacht UTF-8 of Windows-1252")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    body = body.rstrip(b"\x00")
    if b"\x00" in body.split(b"\n", 1)[0]:
        raise FileUnusable("bestand is geen tekstbestand (binaire gegevens in de kopregel)")
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        pass
    if not bom and not UTF8_SEQUENCE.search(body):
        return body.decode("cp1252", errors="replace"), "cp1252"
    lines = []
    for line in body.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines), "utf-8 en cp1252"


def read_csv(path: Path, extract: Extract) -> ReadResult:
    delimiter = "," if extract.dialect == "vista" else ";"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileUnusable(f"bestand niet leesbaar: {exc.strerror}") from exc
    text, encoding = decode(data)
    text = text.rstrip()  # trailing empty lines
    if not text:
        raise FileUnusable("bestand is leeg")
    first_line = text.split("\n", 1)[0]
    header = next(csv.reader([first_line.rstrip("\r")], delimiter=delimiter))
    positions = _map_header(header, extract)
    if "\n" not in text:  # a header without rows is a valid, empty delivery
        return ReadResult(_empty(extract))
    if encoding in ("utf-8", "utf-8-sig"):  # already the bytes Arrow wants
        utf8 = (data[3:] if encoding == "utf-8-sig" else data).rstrip(b"\x00").rstrip()
    else:
        utf8 = text.encode("utf-8")

    ragged: list[int] = []
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(utf8),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                invalid_row_handler=lambda row: ragged.append(row.number) or "skip"),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False),
        )
    except pa.ArrowInvalid as exc:
        # Arrow's message quotes the offending line, which may hold a BSN.
        raise FileUnusable("bestand is geen geldige CSV (bijvoorbeeld een niet-afgesloten "
                           "aanhalingsteken)") from exc
    if ragged:
        # Skipped rows would shift every later row number; the exact but slower
        # path keeps the report honest.
        result = _read_csv_exact(utf8.decode("utf-8"), delimiter, header, positions, extract)
    else:
        columns = {c.name: _blank(table.num_rows) if positions[c.source] is None
                   else table.column(positions[c.source]) for c in extract.columns}
        columns["__row"] = pa.array(range(1, table.num_rows + 1), pa.int64())
        result = ReadResult(_drop_blank_rows(pa.table(columns)))
    return _without_repeated_header(result, extract)


def _without_repeated_header(result: ReadResult, extract: Extract) -> ReadResult:
    """Files pasted together carry the header again inside the data: such a
    row is rejected as what it is, not as a bad BSN."""
    table = result.table
    if table.num_rows == 0:
        return result
    same = None
    for c in extract.columns:
        if c.optional:  # may be absent, and then empty in every row
            continue
        eq = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(table[c.name])), _header_key(c.source))
        same = eq if same is None else pc.and_(same, eq)
        # almost every file has no header inside: one column settles that
        if not pc.any(pc.fill_null(same, False)).as_py():
            return result
    same = pc.fill_null(same, False)
    rows = table.filter(same)["__row"].to_pylist()
    result.table = table.filter(pc.invert(same))
    result.row_rejections = sorted(result.row_rejections + [
        (r, None, "kopregel herhaald tussen de gegevens") for r in rows])
    return result


def _read_csv_exact(text, delimiter, header, positions, extract) -> ReadResult:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:]
    good, rejections = [], []
    for number, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            rejections.append((number, None,
                               f"rij heeft {len(row)} velden, de kop heeft er {len(header)}"))
            continue
        good.append((number, row))
    columns = {c.name: _blank(len(good)) if positions[c.source] is None
               else pa.array([r[positions[c.source]] for _, r in good], pa.string())
               for c in extract.columns}
    columns["__row"] = pa.array([n for n, _ in good], pa.int64())
    return ReadResult(pa.table(columns), rejections)


def _empty(extract: Extract) -> pa.Table:
    columns = {c.name: pa.array([], pa.string()) for c in extract.columns}
    columns["__row"] = pa.array([], pa.int64())
    return pa.table(columns)


def _drop_blank_rows(table: pa.Table) -> pa.Table:
    """A row of only separators (`;;;;`) is an empty line, not a data row."""
    any_value = None
    for name in table.column_names:
        if name == "__row":
            continue
        filled = pc.not_equal(pc.utf8_trim_whitespace(table[name]), "")
        any_value = filled if any_value is None else pc.or_(any_value, filled)
    return table.filter(any_value) if any_value is not None else table


# An Excel date cell as fastexcel writes it as text. Before 1900-03-01 lie
# only time-of-day and duration cells (serials below 61, where Excel's day
# count is itself off by one): those stay as they are, so the validator
# rejects them instead of reading a time as 31-12-1899.
EXCEL_DATETIME = r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(\.\d+)?$"
FIRST_EXCEL_DATE = "1900-03-01"


def _excel_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Excel cells as text, trimmed, empty for no cell. Date cells become ISO
    dates (the validator accepts ISO and dd-mm-jjjj for COA, so typed and
    typed-in dates both work); numbers come as fastexcel writes them, whole
    numbers without a decimal part (a BSN stored as a number stays digits)."""
    text = pc.utf8_trim_whitespace(pc.fill_null(column, ""))
    is_datetime = pc.match_substring_regex(text, EXCEL_DATETIME)
    if not pc.any(is_datetime).as_py():
        return text
    day = pc.utf8_slice_codeunits(text, 0, 10)
    is_date = pc.and_(is_datetime, pc.greater_equal(day, FIRST_EXCEL_DATE))
    return pc.if_else(is_date, day, text)


PEILDATUM = re.compile(r"peildatum\s*:?\s*(\d{1,2})-(\d{1,2})-(\d{4})", re.IGNORECASE)


def read_xlsx(path: Path, extract: Extract) -> ReadResult:
    """Whole sheets into Arrow in Rust (fastexcel, on calamine): no Python
    object per cell, which cost more than the reading itself nationally."""

    try:
        book = fastexcel.read_excel(str(path))
        sheet_names = book.sheet_names
    except Exception as exc:  # fastexcel raises its own types for every broken file
        raise FileUnusable("bestand is geen leesbaar Excel-bestand") from exc
    wanted = extract.sheet.casefold()
    sheet_name = next((s for s in sheet_names if s.strip().casefold() == wanted), None)
    if sheet_name is None:
        raise FileUnusable(f"werkblad '{extract.sheet}' ontbreekt")
    try:
        # No header and no skipped rows: table row i is sheet row i + 1, also
        # when the sheet starts with empty rows, so row numbers stay the sheet's.
        sheet = book.load_sheet_by_name(sheet_name, header_row=None, skip_rows=0,
                                        dtypes="string").to_arrow()
    except Exception as exc:
        raise FileUnusable("bestand is geen leesbaar Excel-bestand") from exc
    sheet = pa.table([_excel_text(c) for c in sheet.columns],
                     names=[f"c{i}" for i in range(sheet.num_columns)])
    header_row = extract.extra.get("header_row", 1)
    if sheet.num_rows < header_row:
        raise FileUnusable("werkblad heeft geen kopregel")

    def row_cells(number: int) -> list[str]:
        return [sheet.column(i)[number - 1].as_py() for i in range(sheet.num_columns)]

    peildatum = None
    if extract.extra.get("title_row"):
        title = " ".join(row_cells(extract.extra["title_row"]))
        if m := PEILDATUM.search(title):
            try:
                peildatum = dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError as exc:
                raise FileUnusable("peildatum in de titelregel is geen geldige datum") from exc

    positions = _map_header(row_cells(header_row), extract)
    data = sheet.slice(header_row)
    data = data.append_column("__row", pa.array(range(1, data.num_rows + 1), pa.int64()))
    keep = None
    for name in data.column_names[:-1]:
        filled = pc.not_equal(data[name], "")
        keep = filled if keep is None else pc.or_(keep, filled)
    total_label = extract.extra.get("total_label")
    if total_label and data.num_columns > 1:
        # The Totaal row sums the locations; it is not one.
        keep = pc.and_(keep, pc.not_equal(pc.utf8_lower(data["c0"]), total_label))
    if keep is not None:
        data = data.filter(keep)
    empty = _blank(data.num_rows)
    columns = {c.name: empty if positions[c.source] is None
               or positions[c.source] >= sheet.num_columns
               else data[f"c{positions[c.source]}"] for c in extract.columns}
    columns["__row"] = data["__row"]
    return ReadResult(pa.table(columns), peildatum=peildatum)


def read_extract(path: Path, extract: Extract) -> ReadResult:
    return read_xlsx(path, extract) if extract.sheet else read_csv(path, extract)
