"""docs/datacontract.md's tables, made from etl/contract.py.

The prose of the document is written by hand; the part between the two
markers (one section per extract: file, kind, key, and per column its type,
whether it is required, the allowed values and the checks) is this module's
output, so the document and the loader cannot say different things.
`python -m etl contract` rewrites it; tests/test_contract_doc.py fails when
the two drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from .contract import EXTRACTS, Column, Extract
from .validate import BOOLEANS, DEFAULT_LIMITS, PATTERNS

DOC = Path(__file__).resolve().parent.parent / "docs" / "datacontract.md"
BEGIN = "<!-- begin: gemaakt door python -m etl contract, niet met de hand bewerken -->"
END = "<!-- end: gemaakt door python -m etl contract -->"

_STAMPS = {"date": "jjjjmmdd", "month": "jjjjmm", "year": "jjjj"}
_MODES = {"snapshot": "momentopname: het bestand met de nieuwste datum in de naam telt",
          "periodic": "periodiek: elk bestand is één periode, samen de tijdreeks; een "
                      "opnieuw geleverde periode vervangt de eerdere"}
_DIALECTS = {
    "gemeente": "gemeentelijk: `;`, datum dd-mm-jjjj, J/N, decimale komma (duizendtallen met punt)",
    "vista": "VISTA: `,`, datum jjjj-mm-dd, true/false, decimale punt, codes in kleine letters",
    "coa": "COA: Excel-werkblad, datum als Excel-datum (of getypt jjjj-mm-dd / dd-mm-jjjj), "
           "Ja/Nee, getallen als Excel-getal",
}


def file_name(extract: Extract) -> str:
    """The pattern as a reader writes it: `gemeente/inburgeraars_<jjjjmmdd>.csv`."""
    text = extract.pattern
    digits = re.search(r"\(\?P<stamp>\\d\{(\d)\}\)", text)
    stamp = _STAMPS[{"8": "date", "6": "month", "4": "year"}[digits.group(1)]] if digits else ""
    text = re.sub(r"\(\?:_\(\?P<stamp>[^)]*\)\)\?", f"[_<{stamp}>]", text)
    text = re.sub(r"\(\?P<stamp>[^)]*\)", f"<{stamp}>", text)
    text = text.replace(r"(?:[_-][^/]*)?", "")
    return text.replace("\\.", ".")


def _type(col: Column, dialect: str) -> str:
    k = col.kind
    if k == "bool":
        yes, no, _ = BOOLEANS[dialect]
        return f"ja/nee (`{yes[0].capitalize() if dialect != 'vista' else yes[0]}` / " \
               f"`{no[0].capitalize() if dialect != 'vista' else no[0]}`)"
    if k in PATTERNS:
        return {"month": "maand `jjjj-mm`", "halfyear": "halfjaar `jjjj-1` of `jjjj-2`",
                "quarter": "kwartaal `jjjj-Qn`", "year": "jaartal `jjjj`",
                "likert": "antwoord 1–5"}[k]
    return {
        "bsn": "BSN: 9 cijfers, elfproef (7 of 8 cijfers krijgen voorloopnullen); wordt "
               "pseudoniem",
        "vnummer": "V-nummer: 10 cijfers; wordt pseudoniem",
        "gemeentecode": "CBS-gemeentecode van de regio (`GM` en 4 cijfers)",
        "gemeentenaam": "gemeentenaam (COA-spelling) van de regio",
        "wijkcode": "CBS-wijkcode `WK` en 6 cijfers, van de eigen gemeente",
        "enum": "keuze",
        "date": "datum",
        "decimal": "getal",
        "int": "geheel getal",
        "amount": "bedrag in euro",
        "text": "tekst",
        "indicator": "indicator-id uit de catalogus (`sql/seeds/indicator_catalogue.csv`)",
    }[k]


def _checks(col: Column) -> str:
    out = []
    if col.values:
        out.append("een van " + ", ".join(f"`{v}`" for v in col.values))
    if col.non_negative:
        out.append("niet negatief")
    if col.maximum is not None:
        out.append(f"hoogstens {col.maximum:g}".replace(".", ","))
    if col.name in DEFAULT_LIMITS:
        out.append(f"boven {DEFAULT_LIMITS[col.name]:g} afgekeurd als onwaarschijnlijk "
                   "(plausibiliteitsgrens, instelbaar bij het laden)")
    if col.kind == "date":
        out.append("mag na de bestandsdatum liggen" if col.may_be_future
                   else "niet na de bestandsdatum")
    if col.kind == "text":
        out.append({"mask": "een nummer dat op een BSN of V-nummer lijkt wordt "
                            "`[nummer weggelaten]`",
                    "reject": "een nummer dat op een BSN of V-nummer lijkt keurt de rij af",
                    "keep": "cijferreeksen blijven staan",
                    "thousands": "een nummer dat op een BSN of V-nummer lijkt keurt de rij af, "
                                 "een getal in duizendtallen (`100.000`) niet"}[col.numbers])
    if col.no_small_count:
        out.append("een aantal van 1 tot en met 4 keurt de rij af (persoonsgegevens)")
    return "; ".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_extract(number: int, extract: Extract) -> str:
    lines = [f"### {number}. `{file_name(extract)}`", ""]
    lines.append(f"- Soort: {_MODES[extract.mode]}.")
    lines.append(f"- Notatie: {_DIALECTS[extract.dialect]}.")
    if extract.sheet:
        header = extract.extra.get("header_row", 1)
        lines.append(f"- Werkblad `{extract.sheet}`, kopregel op rij {header}"
                     + (f", titelregel met de peildatum op rij {extract.extra['title_row']}"
                        if extract.extra.get("title_row") else "")
                     + (f"; een rij `{extract.extra['total_label'].capitalize()}` is geen locatie"
                        if extract.extra.get("total_label") else "") + ".")
    by_name = {c.name: c.source for c in extract.columns}
    lines.append("- Sleutel (uniek per bestand; een herhaling wordt afgekeurd): "
                 + ", ".join(f"`{by_name[k]}`" for k in extract.key) + ".")
    if extract.references_person:
        via = "BSN" if extract.references_person == "person_key" else "V-nummer"
        lines.append(f"- Elke rij hoort bij een persoon uit het inburgeraarsbestand (via {via}).")
    if extract.period_column:
        lines.append(f"- `{by_name[extract.period_column]}` moet de periode in de bestandsnaam "
                     "zijn.")
    lines += ["", "| kolom | type | verplicht | controle |", "|---|---|---|---|"]
    for c in extract.columns:
        required = "ja" if c.required else "kolom optioneel" if c.optional else "nee"
        lines.append(f"| {_cell(c.source)} | {_cell(_type(c, extract.dialect))} | {required} | "
                     f"{_cell(_checks(c))} |")
    return "\n".join(lines)


def render() -> str:
    """The generated part of docs/datacontract.md, markers included."""
    parts = [render_extract(i, e) for i, e in enumerate(EXTRACTS, 1)]
    return "\n".join([BEGIN, "", "\n\n".join(parts), "", END])


def current(text: str) -> str:
    """The generated part as it stands in `text`."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def write(path: Path = DOC) -> bool:
    """Rewrite the generated part of `path`; whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = text.replace(current(text), render())
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
