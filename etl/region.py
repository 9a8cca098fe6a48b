"""The configured region: which municipalities the product serves.

The region is data (a `;`-separated file: gemeentecode, naam, coa_namen and
optionally regio, the region's name, and begroting, J for the gemeente whose
budget the begrotingsmodel holds; without it the first gemeente of the file), so serving a province or the whole
country is a matter of pointing at another file, never of changing code.

Optional columns describe each gemeente for the comparison page (peer groups
and nearest neighbours): inwoners, stedelijkheid (CBS, 1 = zeer sterk
stedelijk .. 5 = niet stedelijk), provincie and arbeidsmarktregio. They are
public figures (CBS Regionale kerncijfers, Gebieden in Nederland); an empty
cell is unknown.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_REGION = Path(__file__).resolve().parent.parent / "data" / "regio_maastricht_heuvelland.csv"
CBS_CODE = re.compile(r"GM\d{4}")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    coa_names: tuple[str, ...]
    inwoners: int | None = None
    stedelijkheid: int | None = None
    provincie: str | None = None
    arbeidsmarktregio: str | None = None


def normalise_name(name: str) -> str:
    """COA spells names its own way (`Valkenburg a/d Geul`, `MAASTRICHT`):
    compare on letters and digits only, so spacing, case and hyphens do not
    matter."""
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def region_path(explicit: str | os.PathLike | None = None) -> Path:
    """The region file given, or the default region (the command line reads
    MONITOR_REGION; nothing here reads the environment)."""
    return Path(explicit or DEFAULT_REGION)


def load_region(path: str | os.PathLike | None = None) -> list[Municipality]:
    with open(region_path(path), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    region = []
    for row in rows:
        code = row["gemeentecode"].strip().upper()
        if not CBS_CODE.fullmatch(code):
            raise ValueError(f"regiobestand: '{code}' is geen CBS-gemeentecode")
        aliases = tuple(a.strip() for a in (row.get("coa_namen") or "").split("|") if a.strip())
        region.append(Municipality(code, row["naam"].strip(), aliases, **_attributes(row, code)))
    if not region:
        raise ValueError("regiobestand bevat geen gemeenten")
    return region


ATTRIBUTES = ("inwoners", "stedelijkheid", "provincie", "arbeidsmarktregio")


def _attributes(row: dict, code: str) -> dict:
    """The optional attributes of one row; a value that is not what CBS
    publishes stops the load with the gemeente named, as a bad code does."""
    def text(name):
        return (row.get(name) or "").strip() or None
    out = {"provincie": text("provincie"), "arbeidsmarktregio": text("arbeidsmarktregio")}
    inwoners = text("inwoners")
    if inwoners is not None:
        digits = inwoners.replace(".", "")
        if not digits.isdigit() or int(digits) <= 0:
            raise ValueError(f"regiobestand: {code}: inwoners '{inwoners}' is geen aantal")
        out["inwoners"] = int(digits)
    sted = text("stedelijkheid")
    if sted is not None:
        if sted not in {"1", "2", "3", "4", "5"}:
            raise ValueError(f"regiobestand: {code}: stedelijkheid '{sted}' is niet 1 tot 5")
        out["stedelijkheid"] = int(sted)
    return out


def region_name(path: str | os.PathLike | None = None) -> str | None:
    """The region's name for titles and decks (optional column `regio`, the
    same on every row), or None when the file gives none."""
    with open(region_path(path), encoding="utf-8-sig", newline="") as f:
        names = {(row.get("regio") or "").strip() for row in csv.DictReader(f, delimiter=";")}
    names.discard("")
    if len(names) > 1:
        raise ValueError("regiobestand: meer dan één regionaam in de kolom regio")
    return names.pop() if names else None


def budget_gemeente(path: str | os.PathLike | None = None) -> str:
    """The gemeente whose programme the budget model holds (seed 002's SPUK
    calculation is one municipality's): the row marked J in the optional
    column `begroting`, else the first gemeente of the file."""
    with open(region_path(path), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    marked = [row["gemeentecode"].strip().upper() for row in rows
              if (row.get("begroting") or "").strip().upper() == "J"]
    if len(marked) > 1:
        raise ValueError("regiobestand: meer dan één gemeente met begroting = J")
    if marked:
        return marked[0]
    if not rows:
        raise ValueError("regiobestand bevat geen gemeenten")
    return rows[0]["gemeentecode"].strip().upper()


def name_lookup(region: list[Municipality]) -> dict[str, str]:
    """Normalised municipality name (official or COA spelling) -> CBS code."""
    lookup = {}
    for m in region:
        for name in (m.name, *m.coa_names):
            lookup[normalise_name(name)] = m.code
    return lookup
