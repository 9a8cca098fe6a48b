"""Published reference figures (data-contract section 11): what CBS, Divosa
or waarstaatjegemeente publish, copied into the drop by the municipality.

They are never computed or mixed with the product's figures: every line and
sentence carries the area, the source and the period ("Nederland, CBS
2025"). They pass no disclosure control because they are published tables
already, and the contract rejects a row with a count of 1-4 at load."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import store

# CBS province codes (Gebieden in Nederland)
PROVINCES = {"PV20": "Groningen", "PV21": "Fryslân", "PV22": "Drenthe", "PV23": "Overijssel",
             "PV24": "Flevoland", "PV25": "Gelderland", "PV26": "Utrecht",
             "PV27": "Noord-Holland", "PV28": "Zuid-Holland", "PV29": "Zeeland",
             "PV30": "Noord-Brabant", "PV31": "Limburg"}


def area_name(gebied: str, namen: dict[str, str] | None = None) -> str:
    g = str(gebied).strip()
    if g.upper() == "NL":
        return "Nederland"
    if g.upper() in PROVINCES:
        return PROVINCES[g.upper()]
    if namen and g.upper() in namen:
        return namen[g.upper()]
    return g


def label(gebied: str, bron: str, peildatum, namen: dict[str, str] | None = None) -> str:
    """"Nederland, CBS 2025": the area, the publisher (the source's first
    word) and the year of the figure."""
    publisher = str(bron).replace(",", " ").split()[0] if str(bron).strip() else "bron onbekend"
    return f"{area_name(gebied, namen)}, {publisher} {pd.Timestamp(peildatum).year}"


def figures(indicator_id: str, peildatum: dt.date, namen: dict[str, str] | None = None,
            path=None) -> list[dict]:
    """The newest published figure per area for one indicator, up to the
    peildatum: label, gebied, waarde (the indicator's scale), teller, noemer,
    bron, peildatum."""
    df = store.query("referentie", {"indicators": [indicator_id], "peildatum": peildatum},
                     path=path)
    out = []
    for r in df.itertuples(index=False):
        day = pd.Timestamp(r.peildatum).date()
        out.append({"label": label(r.gebied, r.bron, day, namen), "gebied": r.gebied,
                    "waarde": float(r.waarde), "bron": r.bron, "peildatum": day,
                    "teller": None if pd.isna(r.teller) else int(r.teller),
                    "noemer": None if pd.isna(r.noemer) else int(r.noemer)})
    return out


def sentence(ref: dict) -> str:
    """The figure as a reference, never as if computed."""
    from .presentation import fmt_value
    from .formatting import date_nl
    n = f" (over {ref['noemer']:,} personen)".replace(",", ".") if ref.get("noemer") else ""
    return (f"{ref['label']}: {fmt_value(ref['waarde'], 'pct')}{n}, gepubliceerd cijfer "
            f"(bron: {ref['bron']}; peildatum {date_nl(ref['peildatum'])}), niet door de monitor "
            "berekend.")
