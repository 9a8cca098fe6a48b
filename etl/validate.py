"""Row validation as one generated DuckDB query per extract.

A per-row pydantic model would answer the same questions, but 6 million
benefit rows through Python objects would take minutes. Instead each contract
column becomes two SQL expressions -- its parsed value and the Dutch reason it
fails -- and DuckDB evaluates them for all files of an extract at once. The
first failing column (in contract order) is the row's rejection.
"""

from __future__ import annotations

from monitor import identifiers

from .contract import Column, Extract

EMPTY = "verplicht veld is leeg"
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


def column_sql(col: Column, dialect: str, limit: float | None = None) -> tuple[str, str]:
    """(parsed value expression, rejection reason expression or NULL)."""
    v = _v(col)
    k = col.kind
    if k in ("bsn", "vnummer"):
        # Checked and pseudonymised before DuckDB; only the verdict is here.
        return _q(col.name), _q(col.name + "__reason")
    if k == "text":
        if col.numbers == "mask":
            return _masked(v), "NULL"
        if col.numbers == "reject":
            return v, (f"CASE WHEN regexp_matches({v}, {_lit(identifiers.PATTERN)}) THEN "
                       "'bevat een nummer dat op een BSN of V-nummer lijkt' END")
        return v, "NULL"
    if k == "enum":
        cases = " ".join(f"WHEN {_lit(x.casefold())} THEN {_lit(x)}" for x in col.values)
        parsed = f"CASE lower({v}) {cases} END"
        allowed = ", ".join(col.values)
        return parsed, (f"CASE WHEN {v} IS NOT NULL AND {parsed} IS NULL THEN "
                        f"'onbekende waarde ''' || {_masked(v)} || ''' (toegestaan: {allowed})' END")
    if k == "date":
        parsed, expected = _date(v, dialect)
        reason = f"CASE WHEN {v} IS NOT NULL AND {parsed} IS NULL THEN {_lit(expected)} "
        if not col.may_be_future:
            reason += ("WHEN __file_date IS NOT NULL AND " + parsed + " > __file_date THEN "
                       "'datum ligt na de datum van het bestand' ")
        return parsed, reason + "END"
    if k == "bool":
        yes, no, expected = BOOLEANS[dialect]
        parsed = (f"CASE WHEN lower({v}) IN ({', '.join(map(_lit, yes))}) THEN true "
                  f"WHEN lower({v}) IN ({', '.join(map(_lit, no))}) THEN false END")
        return parsed, f"CASE WHEN {v} IS NOT NULL AND {parsed} IS NULL THEN {_lit(expected)} END"
    if k in ("decimal", "int", "amount"):
        text, ok = _number(v, dialect, integer=(k == "int"))
        sql_type = {"decimal": "DOUBLE", "int": "BIGINT", "amount": "DECIMAL(18,2)"}[k]
        parsed = f"CASE WHEN {ok} THEN TRY_CAST({text} AS {sql_type}) END"
        reason = f"CASE WHEN {v} IS NOT NULL AND {parsed} IS NULL THEN 'geen geldig getal' "
        if col.non_negative:
            reason += f"WHEN {parsed} < 0 THEN 'waarde mag niet negatief zijn' "
        if col.maximum is not None:
            reason += (f"WHEN {parsed} > {col.maximum} THEN "
                       f"'waarde kan niet groter zijn dan {_dutch(col.maximum)}' ")
        if limit is not None and (col.maximum is None or limit < col.maximum):
            reason += (f"WHEN {parsed} > {limit} THEN "
                       f"'waarde boven de plausibiliteitsgrens van {_dutch(limit)}' ")
        return parsed, reason + "END"
    if k == "gemeentecode":
        code = f"upper({v})"
        return code, (
            f"CASE WHEN {v} IS NULL THEN NULL "
            rf"WHEN NOT regexp_matches({code}, '^GM\d{{4}}$') THEN "
            f"'''' || {_masked(v)} || ''' is geen CBS-gemeentecode' "
            f"WHEN {code} NOT IN (SELECT gemeentecode FROM ref_gemeenten) THEN "
            f"'gemeentecode ' || {code} || ' hoort niet bij de regio' END")
    if k == "gemeentenaam":
        # Inner columns are named apart from the outer ones, or the
        # correlated reference would bind to the lookup table.
        code = (f"(SELECT alias_code FROM ref_gemeente_namen "
                f"WHERE alias_key = regexp_replace(lower({v}), '[^a-z0-9]', '', 'g'))")
        return code, (f"CASE WHEN {v} IS NOT NULL AND {code} IS NULL THEN "
                      f"'gemeente ''' || {_masked(v)} || ''' hoort niet bij de regio' END")
    if k == "wijkcode":
        code = f"upper({v})"
        return code, (
            f"CASE WHEN {v} IS NULL THEN NULL "
            rf"WHEN NOT regexp_matches({code}, '^WK\d{{6}}$') THEN 'verwacht een wijkcode als WK093502' "
            f"WHEN substr({code}, 3, 4) <> substr(upper(trim(gemeentecode)), 3, 4) THEN "
            "'wijkcode hoort niet bij de gemeente' END")
    patterns = {
        "month": (r"^\d{4}-\d{2}$", f"strftime(try_strptime({v}, '%Y-%m'), '%Y-%m')",
                  "verwacht een maand als jjjj-mm"),
        "halfyear": (r"^\d{4}-[12]$", v, "verwacht een halfjaar als jjjj-1 of jjjj-2"),
        "quarter": (r"^\d{4}-[Qq][1-4]$", f"upper({v})", "verwacht een kwartaal als jjjj-Qn"),
        "year": (r"^\d{4}$", f"CAST({v} AS INTEGER)", "verwacht een jaartal als jjjj"),
        "likert": (r"^[1-5]$", f"CAST({v} AS INTEGER)", "verwacht een antwoord van 1 tot en met 5"),
    }
    pattern, value, expected = patterns[k]
    parsed = f"CASE WHEN regexp_matches({v}, {_lit(pattern)}) THEN {value} END"
    return parsed, f"CASE WHEN {v} IS NOT NULL AND {parsed} IS NULL THEN {_lit(expected)} END"


UNREADABLE = ("'bevat tekens die in UTF-8 noch in Windows-1252 leesbaar zijn'",
              "'bevat een NUL-teken (binaire gegevens)'")


def checked_query(extract: Extract, source: str = "incoming",
                  limits: dict[str, float] | None = None) -> str:
    """A query over `source` giving every row once, typed, with the source
    column and Dutch reason of its rejection (NULL when the row loads)."""
    select, rules = [], []
    limits = DEFAULT_LIMITS if limits is None else limits
    for col in extract.columns:
        parsed, reason = column_sql(col, extract.dialect, limits.get(col.name))
        select.append(f"{parsed} AS {_q(col.name)}")
        if col.kind not in ("bsn", "vnummer"):  # those are checked digit by digit
            # The reader decodes a byte no encoding knows as U+FFFD and keeps
            # NUL: the row goes, never a silently wrong value.
            raw = _q(col.name)
            rules.append(f"WHEN contains({raw}, chr(65533)) THEN {_rej(col.source, UNREADABLE[0])}")
            rules.append(f"WHEN contains({raw}, chr(0)) THEN {_rej(col.source, UNREADABLE[1])}")
        if col.required:
            rules.append(f"WHEN {parsed} IS NULL AND ({reason}) IS NULL "
                         f"THEN {_rej(col.source, _lit(EMPTY))}")
        rules.append(f"WHEN ({reason}) IS NOT NULL THEN {_rej(col.source, reason)}")
    if extract.period_column:
        pc_ = next(c for c in extract.columns if c.name == extract.period_column)
        parsed, _ = column_sql(pc_, extract.dialect)
        rules.append(f"WHEN {parsed} <> __period THEN " + _rej(pc_.source, "'maand wijkt af van de maand in de bestandsnaam'"))
    column_rejection = "CASE " + " ".join(rules) + " END"

    keys = ", ".join(_q(k) for k in extract.key)
    key_source = next(c.source for c in extract.columns if c.name == extract.key[0])
    ref = extract.references_person
    if ref:
        ref_source = next(c.source for c in extract.columns if c.name == ref)
        ref_rule = (f"WHEN {_q(ref)} NOT IN (SELECT {_q(ref)} FROM raw_inburgeraars "
                    f"WHERE {_q(ref)} IS NOT NULL) THEN " + _rej(ref_source, "'persoon komt niet voor in het inburgeraarsbestand'"))
    else:
        ref_rule = ""
    return f"""
WITH parsed AS (
    SELECT __file, __row, __file_date, __period, __peildatum, {', '.join(select)},
           {column_rejection} AS __rej
    FROM {source}
),
referenced AS (
    SELECT * REPLACE (CASE WHEN __rej IS NOT NULL THEN __rej {ref_rule} END AS __rej)
    FROM parsed
),
deduplicated AS (
    SELECT *,
           first_value(__row) OVER w AS __first_row,
           row_number() OVER w AS __occurrence
    FROM referenced
    WINDOW w AS (PARTITION BY __file, {keys}, __rej IS NULL ORDER BY __row)
)
SELECT * EXCLUDE (__rej, __first_row, __occurrence),
       coalesce(__rej, CASE WHEN __occurrence > 1 THEN
           {_rej(key_source, "'herhaalde sleutel: dezelfde sleutel staat al in rij ' || __first_row")}
       END) AS __rejection
FROM deduplicated
"""
