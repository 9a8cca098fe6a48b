"""A hostile drop: the demo drop with every free-text field of every extract
replaced by formula payloads, HTML and Markdown (links, images,
`javascript:`), all pointing at hosts that must never be contacted.

Each distinct original value maps to one payload (with a number behind it
when the payloads run out), the same across files, so joins (a COA Locatie
in bezetting and koppelingen) and distinct counts stay as they were.
Budgetnummer and Programma stay: they are the contract's codes, which the
budget model matches on.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from etl import contract

EVIL = "evil.example"
PAYLOADS = (  # the kinds interleaved, so a column with three values gets one of each
    f'=HYPERLINK("http://{EVIL}/x","klik")',
    f'<a href="http://{EVIL}/a">html-link</a>',
    f"![md-img](http://{EVIL}/p.png)",
    "+cmd|' /C calc'!A0",
    f'<img src="http://{EVIL}/i.png" alt="html-img">',
    f"[md-link](http://{EVIL}/m)",
    "-2+3+cmd|' /C calc'!A0",
    '<a href="javascript:alert(1)">js-link</a>',
    "[js-md](javascript:alert(1))",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    f"www.{EVIL} <b>vet</b>",
    f"\tTAB=1+1 <https://{EVIL}/auto>",
    f"\r=1+1 mail@{EVIL}",
)
KEEP = {"Budgetnummer", "Programma"}


def _norm(name: str) -> str:
    return " ".join(str(name).strip().lower().split())


class Replacer:
    def __init__(self):
        self.seen: dict[tuple[str, str], str] = {}

    def __call__(self, column: str, value: str) -> str:
        if value is None or str(value).strip() == "":
            return value
        key = (column, str(value))
        if key not in self.seen:
            n = sum(1 for c, _ in self.seen if c == column)
            payload = PAYLOADS[n % len(PAYLOADS)]
            self.seen[key] = payload if n < len(PAYLOADS) else f"{payload} {n}"
        return self.seen[key]


def _text_columns(extract) -> set[str]:
    return {_norm(c.source) for c in extract.columns if c.kind == "text" and c.source not in KEEP}


def _decode(raw: bytes) -> str:
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252"))
    return "\n".join(lines).lstrip("\ufeff")


def _rewrite_csv(path: Path, columns: set[str], replace: Replacer) -> int:
    text = _decode(path.read_bytes())
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = [_norm(h) for h in rows[0]]
    hit = [i for i, h in enumerate(header) if h in columns]
    for row in rows[1:]:
        for i in hit:
            if i < len(row):
                row[i] = replace(header[i], row[i])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return len(hit)


def _rewrite_xlsx(path: Path, columns: set[str], replace: Replacer) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    hit = 0
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        for r, row in enumerate(rows[:10]):
            names = [_norm(c.value) if c.value is not None else "" for c in row]
            cols = [i for i, n in enumerate(names) if n in columns]
            if cols:
                hit += len(cols)
                for below in rows[r + 1:]:
                    for i in cols:
                        cell = below[i]
                        if isinstance(cell.value, str) and cell.value.strip() != "Totaal":
                            cell.value = replace(names[i], cell.value)
                            cell.data_type = "s"  # text, not a formula, as a supplier typed it
                break
    wb.save(path)
    return hit


def write_hostile_drop(demo: Path, out: Path) -> dict[str, int]:
    """Copy the demo drop to `out` and poison it; returns the number of text
    columns rewritten per extract (every one of them, or the copy is wrong)."""
    shutil.copytree(demo, out)
    replace = Replacer()
    done: dict[str, int] = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        extract = next((e for e in contract.EXTRACTS if e.matches(rel)), None)
        if extract is None or not _text_columns(extract):
            continue
        columns = _text_columns(extract)
        n = (_rewrite_xlsx if path.suffix.lower() == ".xlsx" else _rewrite_csv)(path, columns,
                                                                               replace)
        assert n == len(columns), (rel, n, columns)
        done[extract.name] = n
    return done
