"""The one codec between values and URL query parameters, for the sidebar
filters and the budget scenarios alike.

A link is typed, pasted and edited by people, so parsing reads a value the
way a Dutch user writes it, and refuses what it cannot read with certainty:

- `9.500` is nine thousand five hundred (a dot followed by groups of three
  digits groups thousands), `10.450,50` is 10450.50, `8870,51` is 8870.51;
- `12.5` and `0.6723` have a decimal point (no thousands grouping reads
  them), which is also how values are written back (`encode_number`);
- `9,500.50` (English grouping), `1.234.5` and `9,500` (a thousands comma
  or a decimal comma: both are read in practice) are refused.

A refused value raises `UrlValueError`, whose message is a Dutch reason; the
caller quotes what was typed (`echo`) and names the setting. Parameters are
read through `values`/`last`, which accept what `st.query_params.to_dict()`,
a plain dict or a dict of lists gives. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

TRUE_WORDS = frozenset({"1", "ja", "true", "waar", "aan", "on"})
FALSE_WORDS = frozenset({"0", "nee", "false", "onwaar", "uit", "off"})

_DIGITS = re.compile(r"^\d+$")
_DUTCH_GROUPED = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")   # 9.500, 1.234.567
_ENGLISH_GROUPED = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")  # 9,500
_DECIMAL_POINT = re.compile(r"^\d+\.\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
# Longer than any figure the monitor uses; a longer one is refused before
# int() meets it (Python refuses to convert more than 4300 digits).
MAX_NUMBER_LENGTH = 40


class UrlValueError(ValueError):
    """A query value that cannot be read unambiguously; str() is the Dutch reason."""


def echo(value: Any, limit: int = 30) -> str:
    """What the user typed, safe to repeat in a notice: printable, short,
    and literal in the Markdown a notice is shown in (a typed link or image
    stays text)."""
    from .escaping import markdown_text

    text = "".join(ch for ch in str(value) if ch.isprintable())
    return markdown_text(text if len(text) <= limit else text[:limit - 1] + "…")


# --- Reading parameters -------------------------------------------------------

def last(raw: Any) -> str:
    """The last value of a parameter that may be repeated (a list)."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return "" if raw is None else str(raw)


def values(params: Mapping[str, Any] | None, key: str) -> list[str]:
    """All values of a parameter, comma-separated or repeated, stripped, no empties."""
    raw = params.get(key) if params else None
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(","))
    return [v for v in out if v]


# --- Parsing ------------------------------------------------------------------

def parse_number(text: str) -> Decimal:
    """A number as a Dutch user types it (see the module docstring). An
    optional leading minus and euro sign and spaces around are allowed; a
    trailing % divides by 100 ("67,23%" is 0.6723)."""
    s = str(text).strip()
    if len(s) > MAX_NUMBER_LENGTH:
        raise UrlValueError("te lang voor een getal")
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip()
    negative = s.startswith("-")
    if negative:
        s = s[1:].strip()
    if s.startswith("€"):
        s = s[1:].strip()
    if not s:
        raise UrlValueError("geen getal")
    has_dot, has_comma = "." in s, "," in s
    if _DIGITS.match(s):
        plain = s
    elif has_dot and has_comma:
        whole, _, frac = s.rpartition(",")
        if s.rfind(".") > s.rfind(","):
            raise UrlValueError("Engelse notatie (komma voor duizendtallen); schrijf 9.500,50 "
                                "of 9500.50")
        if not _DIGITS.match(frac) or not (_DUTCH_GROUPED.match(whole) or _DIGITS.match(whole)):
            raise UrlValueError("geen geldig getal")
        plain = whole.replace(".", "") + "." + frac
    elif has_dot:
        if _DUTCH_GROUPED.match(s):
            plain = s.replace(".", "")
        elif _DECIMAL_POINT.match(s):
            plain = s
        else:
            raise UrlValueError("geen geldig getal")
    elif has_comma:
        if _ENGLISH_GROUPED.match(s):
            raise UrlValueError("niet eenduidig (duizendtal of decimaal?); schrijf 9500 of 9,5")
        if not _DECIMAL_COMMA.match(s):
            raise UrlValueError("geen geldig getal")
        plain = s.replace(",", ".")
    else:
        raise UrlValueError("geen getal")
    try:
        number = Decimal(plain)
    except InvalidOperation as exc:  # the patterns above make this unreachable
        raise UrlValueError("geen getal") from exc
    if negative:
        number = -number
    return number / 100 if percent else number


def parse_int(text: str) -> int:
    """A whole number; `1.200` is twelve hundred, `1,5` is refused."""
    number = parse_number(text)
    if number != number.to_integral_value():
        raise UrlValueError("geen geheel getal")
    return int(number)


def parse_date(text: Any) -> dt.date:
    """An ISO date (JJJJ-MM-DD); a date or datetime is taken as it is."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError as exc:
        raise UrlValueError("geen geldige datum (verwacht JJJJ-MM-DD)") from exc


def parse_bool(text: str) -> bool:
    word = str(text).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise UrlValueError("geen ja/nee-waarde (verwacht 1 of 0)")


def parse_choice(text: str, choices) -> str:
    """One of `choices`, case-insensitive, returned as spelled in `choices`."""
    lookup = {str(c).lower(): str(c) for c in choices}
    word = str(text).strip().lower()
    if word not in lookup:
        raise UrlValueError("geen van de mogelijke keuzes")
    return lookup[word]


# --- Encoding -----------------------------------------------------------------

def encode_number(value) -> str:
    """Machine notation that `parse_number` reads back to the same value:
    decimal point, no grouping, no trailing zeros, except that a fraction of
    exactly three digits gets a fourth ("1.2340") so it cannot read as a
    thousands group."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d == d.to_integral_value():
        return str(int(d))
    text = format(d.normalize(), "f")
    whole, _, frac = text.partition(".")
    if len(frac) == 3 and whole.lstrip("-") != "0":
        text += "0"
    return text


def encode_bool(value: bool) -> str:
    return "1" if value else "0"


def encode_date(value) -> str:
    return parse_date(value).isoformat()


def encode_list(items) -> str:
    return ",".join(str(v) for v in items)
