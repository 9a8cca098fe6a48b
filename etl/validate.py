"""Row validation as generated DuckDB queries per extract.

A per-row pydantic model would answer the same questions, but 6 million
benefit rows through Python objects would take minutes. Instead each contract
column becomes two SQL expressions -- its parsed value and the Dutch reason it
fails -- and DuckDB evaluates them for all files of an extract at once. The
first failing column (in contract order) is the row's rejection.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from monitor import identifiers

from .contract import Column, Extract

CATALOGUE = Path(__file__).resolve().parent.parent / "sql" / "seeds" / "indicator_catalogue.csv"


@lru_cache(maxsize=1)
def indicator_ids() -> tuple[str, ...]:
    """The catalogue's indicator ids: what an `indicator` cell may name. Read
    from the seed itself, because the store's catalogue table is made after
    the extracts are loaded."""
    with open(CATALOGUE, encoding="utf-8", newline="") as f:
        return tuple(row["id"] for row in csv.DictReader(f))

EMPTY = "verplicht veld is leeg"
# a whole number below a million in thousands notation, as a size class writes it
THOUSANDS = r"(^|[^\d.])\d{1,3}\.\d{3}([^\d.]|$)"
# Plausibility bounds below the contract's hard maximum (Column.maximum), per
# store column; `python -m etl load --max-uren-per-week N` changes the one
# for hours. 60 hours a week of participation is already beyond any activity
# in the programme; a higher value is a typing error more often than not.
DEFAULT_LIMITS: dict[str, float] = {"uren_per_week": 60}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rej(source: str, reason_sql: str) -> str:
    return f"{{'column': {_lit(source)}, 'reason': {reason_sql}}}"


def _v(col: Column) -> str:
    """The cell, trimmed, with empty meaning unknown."""
    return f"nullif(trim({_q(col.name)}), '')"


def _masked(v: str) -> str:
    """A cell value fit to repeat in a reason or to store as free text:
    identifier-shaped numbers masked (monitor.identifiers)."""
    return f"regexp_replace({v}, {_lit(identifiers.PATTERN)}, {_lit(identifiers.MASK)}, 'g')"


def _dutch(x: float) -> str:
    return f"{x:g}".replace(".", ",")


NL_NUMBER = r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
NL_INTEGER = r"^-?(\d{1,3}(\.\d{3})+|\d+)$"


def _number(v: str, dialect: str, integer: bool) -> tuple[str, str]:
    """(text normalised to SQL notation, validity test)."""
    if dialect == "gemeente":
        pattern = NL_INTEGER if integer else NL_NUMBER
        return (f"replace(replace({v}, '.', ''), ',', '.')",
                f"regexp_matches({v}, {_lit(pattern)})")
    # VISTA writes a decimal point; COA cells arrive as Excel numbers, or as
    # typed text with either mark.
    mark = "[.,]" if dialect == "coa" else r"\."
    pattern = r"^-?\d+$" if integer else rf"^-?\d+({mark}\d+)?$"
    return f"replace({v}, ',', '.')", f"regexp_matches({v}, {_lit(pattern)})"


def _date(v: str, dialect: str) -> tuple[str, str]:
    nl = f"try_strptime({v}, '%d-%m-%Y')::DATE"
    iso = f"try_strptime({v}, '%Y-%m-%d')::DATE"
    nl_ok = rf"regexp_matches({v}, '^\d{{1,2}}-\d{{1,2}}-\d{{4}}$')"
    iso_ok = rf"regexp_matches({v}, '^\d{{4}}-\d{{2}}-\d{{2}}$')"
    if dialect == "gemeente":
        return f"CASE WHEN {nl_ok} THEN {nl} END", "verwacht een datum als dd-mm-jjjj"
    if dialect == "vista":
        return f"CASE WHEN {iso_ok} THEN {iso} END", "verwacht een datum als jjjj-mm-dd"
    return (f"CASE WHEN {iso_ok} THEN {iso} WHEN {nl_ok} THEN {nl} END",
            "verwacht een Excel-datum")


BOOLEANS = {
    "gemeente": (("j",), ("n",), "verwacht J of N"),
    "coa": (("ja", "j"), ("nee", "n"), "verwacht Ja of Nee"),
    "vista": (("true",), ("false",), "verwacht true of false"),
}


def _parsed(col: Column, dialect: str, v: str) -> str:
    """The typed value of the trimmed cell `v` (NULL when it does not parse)."""
    k = col.kind
    if k == "text":
        return _masked(v) if col.numbers == "mask" else v  # reject, thousands: checked
    if k == "enum":
        cases = " ".join(f"WHEN {_lit(x.casefold())} THEN {_lit(x)}" for x in col.values)
        return f"CASE lower({v}) {cases} END"
    if k == "date":
        return _date(v, dialect)[0]
    if k == "bool":
        yes, no, _ = BOOLEANS[dialect]
        return (f"CASE WHEN lower({v}) IN ({', '.join(map(_lit, yes))}) THEN true "
                f"WHEN lower({v}) IN ({', '.join(map(_lit, no))}) THEN false END")
    if k in ("decimal", "int", "amount"):
        text, ok = _number(v, dialect, integer=(k == "int"))
        sql_type = {"decimal": "DOUBLE", "int": "BIGINT", "amount": "DECIMAL(18,2)"}[k]
        return f"CASE WHEN {ok} THEN TRY_CAST({text} AS {sql_type}) END"
    if k == "indicator":
        return f"CASE WHEN {v} IN ({', '.join(map(_lit, indicator_ids()))}) THEN {v} END"
    if k in ("gemeentecode", "wijkcode"):
        return f"upper({v})"
    if k == "gemeentenaam":
        # Inner columns are named apart from the outer ones, or the
        # correlated reference would bind to the lookup table.
        return (f"(SELECT alias_code FROM ref_gemeente_namen "
                f"WHERE alias_key = regexp_replace(lower({v}), '[^a-z0-9]', '', 'g'))")
    pattern, value, _ = PATTERNS[k]
    return f"CASE WHEN regexp_matches({v}, {_lit(pattern)}) THEN {value.format(v=v)} END"


PATTERNS = {
    # The month spelled out, so that no date is parsed only to be printed back.
    "month": (r"^\d{4}-(0[1-9]|1[0-2])$", "{v}", "verwacht een maand als jjjj-mm"),
    "halfyear": (r"^\d{4}-[12]$", "{v}", "verwacht een halfjaar als jjjj-1 of jjjj-2"),
    "quarter": (r"^\d{4}-[Qq][1-4]$", "upper({v})", "verwacht een kwartaal als jjjj-Qn"),
    "year": (r"^\d{4}$", "CAST({v} AS INTEGER)", "verwacht een jaartal als jjjj"),
    "likert": (r"^[1-5]$", "CAST({v} AS INTEGER)", "verwacht een antwoord van 1 tot en met 5"),
}


def _reason(col: Column, dialect: str, v: str, p: str, limit: float | None) -> str | None:
    """The Dutch reason the cell fails (NULL when it passes), from the trimmed
    cell `v` and its typed value `p`; None when the kind has no rule."""
    k = col.kind
    if k == "text":
        if col.numbers == "reject":
            return (f"CASE WHEN regexp_matches({v}, {_lit(identifiers.PATTERN)}) THEN "
                    "'bevat een nummer dat op een BSN of V-nummer lijkt' END")
        if col.numbers == "thousands":
            # whole numbers in thousands notation (100.000-150.000 inwoners)
            # are no identifier; twice, because a match consumes the
            # separator the next one starts after
            once = f"regexp_replace({v}, {_lit(THOUSANDS)}, '\\1 \\2', 'g')"
            twice = f"regexp_replace({once}, {_lit(THOUSANDS)}, '\\1 \\2', 'g')"
            return (f"CASE WHEN regexp_matches({twice}, {_lit(identifiers.PATTERN)}) THEN "
                    "'bevat een nummer dat op een BSN of V-nummer lijkt' END")
        return None
    if k == "enum":
        allowed = ", ".join(col.values)
        return (f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN "
                f"'onbekende waarde ''' || {_masked(v)} || ''' (toegestaan: {allowed})' END")
    if k == "date":
        reason = f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN {_lit(_date(v, dialect)[1])} "
        if not col.may_be_future:
            reason += (f"WHEN __file_date IS NOT NULL AND {p} > __file_date THEN "
                       "'datum ligt na de datum van het bestand' ")
        return reason + "END"
    if k == "bool":
        expected = BOOLEANS[dialect][2]
        return f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN {_lit(expected)} END"
    if k in ("decimal", "int", "amount"):
        reason = f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN 'geen geldig getal' "
        if col.non_negative:
            reason += f"WHEN {p} < 0 THEN 'waarde mag niet negatief zijn' "
        if col.no_small_count:
            reason += (f"WHEN {p} BETWEEN 1 AND 4 THEN 'aantal van 1 tot 4: een gepubliceerde "
                       "tabel bevat geen aantallen op persoonsniveau' ")
        if col.maximum is not None:
            reason += (f"WHEN {p} > {col.maximum} THEN "
                       f"'waarde kan niet groter zijn dan {_dutch(col.maximum)}' ")
        if limit is not None and (col.maximum is None or limit < col.maximum):
            reason += (f"WHEN {p} > {limit} THEN "
                       f"'waarde boven de plausibiliteitsgrens van {_dutch(limit)}' ")
        return reason + "END"
    if k == "gemeentecode":
        return (f"CASE WHEN {v} IS NULL THEN NULL "
                rf"WHEN NOT regexp_matches({p}, '^GM\d{{4}}$') THEN "
                f"'''' || {_masked(v)} || ''' is geen CBS-gemeentecode' "
                f"WHEN {p} NOT IN (SELECT gemeentecode FROM ref_gemeenten) THEN "
                f"'gemeentecode ' || {p} || ' hoort niet bij de regio' END")
    if k == "gemeentenaam":
        return (f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN "
                f"'gemeente ''' || {_masked(v)} || ''' hoort niet bij de regio' END")
    if k == "indicator":
        return (f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN "
                f"'onbekende indicator ''' || {_masked(v)} || ''' (niet in de catalogus)' END")
    if k == "wijkcode":
        return (f"CASE WHEN {v} IS NULL THEN NULL "
                rf"WHEN NOT regexp_matches({p}, '^WK\d{{6}}$') THEN 'verwacht een wijkcode als WK093502' "
                f"WHEN substr({p}, 3, 4) <> substr(upper(trim(gemeentecode)), 3, 4) THEN "
                "'wijkcode hoort niet bij de gemeente' END")
    return f"CASE WHEN {v} IS NOT NULL AND {p} IS NULL THEN {_lit(PATTERNS[k][2])} END"


def column_sql(col: Column, dialect: str, limit: float | None = None) -> tuple[str, str]:
    """(parsed value expression, rejection reason expression or NULL) over
    the raw cell: the rules checked_query applies, each as one expression."""
    if col.kind in ("bsn", "vnummer"):
        # Checked and pseudonymised before DuckDB; only the verdict is here.
        return _q(col.name), _q(col.name + "__reason")
    v = _v(col)
    parsed = _parsed(col, dialect, v)
    return parsed, _reason(col, dialect, v, f"({parsed})", limit) or "NULL"


UNREADABLE = ("'bevat tekens die in UTF-8 noch in Windows-1252 leesbaar zijn'",
              "'bevat een NUL-teken (binaire gegevens)'")


def checked_query(extract: Extract, source: str = "incoming",
                  limits: dict[str, float] | None = None,
                  unreadable: set[str] | None = None) -> str:
    """A query over `source` giving every row once, typed, with the source
    column and Dutch reason of its rejection in `__rejection` (NULL when the
    row passes its own checks and references a known person). A repeated key
    is the one rule across rows: repeats_query finds those.

    Layered so that each expression is evaluated once: the trimmed cells,
    their typed values, their reasons, then the first failing column in
    contract order. Written inline, a typed value is evaluated up to four
    times per cell (value, reason, empty check), regexes and lookups
    included.

    unreadable: the columns in which some cell holds U+FFFD or NUL (None:
    any may); only those get that check, which otherwise costs two string
    searches per cell."""
    limits = DEFAULT_LIMITS if limits is None else limits
    trimmed, typed, judged, select, rules = [], [], [], [], []
    for col in extract.columns:
        raw = _q(col.name)
        if col.kind in ("bsn", "vnummer"):
            # Checked digit by digit and pseudonymised before DuckDB.
            p, r = raw, _q(col.name + "__reason")
        else:
            v, p, r = _q("v:" + col.name), _q("p:" + col.name), _q("r:" + col.name)
            trimmed.append(f"nullif(trim({raw}), '') AS {v}")
            typed.append(f"{_parsed(col, extract.dialect, v)} AS {p}")
            reason = _reason(col, extract.dialect, v, p, limits.get(col.name))
            if reason is None:
                r = None
            else:
                judged.append(f"{reason} AS {r}")
            # The reader decodes a byte no encoding knows as U+FFFD and keeps
            # NUL: the row goes, never a silently wrong value.
            if unreadable is None or col.name in unreadable:
                rules.append(f"WHEN contains({raw}, chr(65533)) THEN "
                             + _rej(col.source, UNREADABLE[0]))
                rules.append(f"WHEN contains({raw}, chr(0)) THEN {_rej(col.source, UNREADABLE[1])}")
        select.append(f"{p} AS {raw}")
        if col.required:
            empty = f"{p} IS NULL" + (f" AND {r} IS NULL" if r else "")
            rules.append(f"WHEN {empty} THEN {_rej(col.source, _lit(EMPTY))}")
        if r:
            rules.append(f"WHEN {r} IS NOT NULL THEN {_rej(col.source, r)}")
    if extract.period_column:
        period = next(c for c in extract.columns if c.name == extract.period_column)
        rules.append(f"WHEN {_q('p:' + period.name)} <> __period THEN "
                     + _rej(period.source, "'maand wijkt af van de maand in de bestandsnaam'"))

    ref = extract.references_person
    if ref:
        ref_source = next(c.source for c in extract.columns if c.name == ref)
        ref_rule = (f"WHEN {_q(ref)} NOT IN (SELECT {_q(ref)} FROM raw_inburgeraars "
                    f"WHERE {_q(ref)} IS NOT NULL) THEN "
                    + _rej(ref_source, "'persoon komt niet voor in het inburgeraarsbestand'"))
    else:
        ref_rule = ""

    def layer(items: list[str]) -> str:
        return "*" + "".join(f", {x}" for x in items)

    return f"""
WITH trimmed AS (SELECT {layer(trimmed)} FROM {source}),
typed AS (SELECT {layer(typed)} FROM trimmed),
judged AS (SELECT {layer(judged)} FROM typed),
parsed AS (
    SELECT __file, __row, __file_date, __peildatum, {', '.join(select)},
           CASE {' '.join(rules)} END AS __rejection
    FROM judged
)
SELECT * REPLACE (CASE WHEN __rejection IS NOT NULL THEN __rejection {ref_rule} END
                  AS __rejection)
FROM parsed
"""


def repeats_query(extract: Extract, source: str = "checked") -> str:
    """Rows of `source` (checked_query's result) that pass every check but
    repeat a key of an earlier row of their file: the first row loads, each
    repeat is rejected. Keys are hashed and counted first, so the comparison
    in row order runs only over the few keys that occur more than once."""
    keys = ", ".join(_q(k) for k in extract.key)
    key_source = next(c.source for c in extract.columns if c.name == extract.key[0])
    return f"""
WITH suspect AS (
    SELECT hash(__file, {keys}) AS __key_hash FROM {source}
    WHERE __rejection IS NULL GROUP BY ALL HAVING count(*) > 1
),
ranked AS (
    SELECT __file, __row,
           first_value(__row) OVER w AS __first_row,
           row_number() OVER w AS __occurrence
    FROM {source}
    WHERE __rejection IS NULL AND hash(__file, {keys}) IN (SELECT __key_hash FROM suspect)
    WINDOW w AS (PARTITION BY __file, {keys} ORDER BY __row)
)
SELECT __file, __row,
       {_rej(key_source, "'herhaalde sleutel: dezelfde sleutel staat al in rij ' || __first_row")}
           AS __rejection
FROM ranked WHERE __occurrence > 1
"""
