"""The COA workbooks: an xlsx writer fast enough for the national scale and
byte-stable per seed."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .text import arrow_text, buffer_bytes, concat

FIXED_TIME = dt.datetime(2024, 1, 1)


@functools.lru_cache(maxsize=4)
def _xlsx_template(sheet: str) -> tuple[dict[str, bytes], str]:
    """The package openpyxl writes for an empty sheet with one date cell (so
    its stylesheet carries a date format), and that cell's style id. Cell data
    is written by `xlsx_bytes` itself: openpyxl needs ~2 s per 10.000 rows, and
    the national koppelingen hold ~700.000."""
    # Imported here: openpyxl takes ~1,3 s to import (measured: `time python
    # -c "import openpyxl"` 1,9 s against 0,6 s for `pass`), and only a demo
    # drop with COA sheets needs it.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    # openpyxl stamps the save time as modified, whatever the property says.
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
        parts["docProps/core.xml"])
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    style = re.search(r'<c r="A1"[^>]*\bs="(\d+)"', sheet_xml).group(1)
    return parts, style


def _xml_escape(values: pa.Array) -> pa.Array:
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        values = pc.replace_substring(values, char, entity)
    return values


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _cells(kind: str, values, refs: pa.Array, date_style: str) -> pa.Array:
    """XML of one column's cells; empty values give no cell at all."""
    if kind == "str":
        v = arrow_text(values)
        ok = pc.not_equal(v, "")
        cell = concat(['<c r="', refs, '" t="inlineStr"><is><t>', _xml_escape(v), "</t></is></c>"])
    elif kind == "date":
        v = np.asarray(values, dtype="datetime64[D]")
        ok = ~np.isnat(v)
        serial = np.where(ok, (v - np.datetime64("1899-12-30", "D")).astype(np.int64), 0)
        serial = serial.astype(str).astype(object)
        cell = concat(['<c r="', refs, f'" s="{date_style}"><v>', serial, "</v></c>"])
        ok = pa.array(ok)
    else:  # number
        v = np.asarray(values, dtype=float)
        ok = ~np.isnan(v)
        whole = np.where(ok, np.round(v), 0)
        text = np.where(v == whole, whole.astype(np.int64).astype(str), v.astype(str)).astype(object)
        cell = concat(['<c r="', refs, '"><v>', text, "</v></c>"])
        ok = pa.array(ok)
    return pc.if_else(ok, cell, "")


def xlsx_bytes(sheet: str, header, columns, *, title: str | None = None,
               total: list | None = None) -> bytes:
    """One sheet: optional title row and empty row, the header, the data
    (columns are (kind, values) with kind str/date/num), an optional total row."""
    package, date_style = _xlsx_template(sheet)
    n = len(columns[0][1]) if columns else 0
    lead = []
    if title is not None:
        lead.append([title])
        lead.append([])
    lead.append(list(header))
    first_data = len(lead) + 1

    def small_row(r: int, values) -> bytes:
        # Title, header and total: a few cells, formatted directly.
        cells = []
        for c, v in enumerate(values):
            ref = f"{_col_letter(c)}{r}"
            if isinstance(v, str):
                text = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif v is not None:
                cells.append(f'<c r="{ref}"><v>{v:g}</v></c>')
        return (f'<row r="{r}">' + "".join(cells) + "</row>").encode()

    rows_xml = [small_row(r, cells) for r, cells in enumerate(lead, start=1)
                if cells]  # the empty row under the title has no element
    if n:
        rownum = np.arange(first_data, first_data + n).astype(str).astype(object)
        parts = ['<row r="', rownum, '">']
        for c, (kind, values) in enumerate(columns):
            parts.append(_cells(kind, values, concat([_col_letter(c), rownum]), date_style))
        rows_xml.append(buffer_bytes(concat([*parts, "</row>"])))
    last = first_data + n - 1
    if total is not None:
        last += 1
        rows_xml.append(small_row(last, total))
    sheet_xml = package["xl/worksheets/sheet1.xml"].decode()
    dim = f"A1:{_col_letter(len(header) - 1)}{max(last, first_data - 1)}"
    sheet_xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dim}" />', sheet_xml)
    head, tail = re.split(r"<sheetData>.*</sheetData>", sheet_xml, flags=re.S)
    sheet = head.encode() + b"<sheetData>" + b"".join(rows_xml) + b"</sheetData>" + tail.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in package.items():
            # A fixed timestamp per entry: same seed, same bytes.
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.create_system = 0
            z.writestr(info, sheet if name == "xl/worksheets/sheet1.xml" else data,
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buf.getvalue()
