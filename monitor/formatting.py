"""Dutch display formatting for the whole app: money, numbers, percentages,
dates and periods.

Pure string work, because the `locale` module depends on OS locales that are
not installed on the servers. The conventions follow CLDR for `nl`:
thousands separator ".", decimal comma, "€ " before the amount and the minus
after the euro sign (`€ -4.813`). Rounding is half-up, as a reader of a
municipal budget expects (not Python's banker's rounding). Every function
returns "–" (en dash) for a missing value (None, NaN, NaT).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "–"

# For plotly layouts: decimal comma, thousands dot.
PLOTLY_SEPARATORS = ",."

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTHS_NL_SHORT = (
    "jan", "feb", "mrt", "apr", "mei", "jun",
    "jul", "aug", "sep", "okt", "nov", "dec",
)
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

__all__ = [
    "MISSING", "PLOTLY_SEPARATORS", "MONTHS_NL", "MONTHS_NL_SHORT", "WEEKDAYS_NL",
    "to_decimal", "rounded_half_up", "euro", "euro_compact", "number", "pct", "date_nl", "date_short_nl",
    "datetime_nl", "month_nl", "period_nl",
]


def _is_missing(x) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    if isinstance(x, Decimal) and x.is_nan():
        return True
    # pandas NA/NaT without importing pandas: both refuse bool() or compare
    # unequal to themselves.
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return True


def to_decimal(x) -> Decimal | None:
    """Any number-like value as an exact Decimal; None when missing.

    Floats go through their shortest repr, so 8870.51 stays 8870.51 instead of
    8870.5100000000002182787284255027770996.
    """
    if _is_missing(x):
        return None
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        return Decimal(int(x))
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        if math.isinf(x):
            return None
        return Decimal(repr(float(x)))  # float(): numpy floats repr as "np.float64(..)"
    try:
        return Decimal(str(x).strip())
    except InvalidOperation:
        return None


def _group(digits: str) -> str:
    """'1234567' -> '1.234.567'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def _plain(value: Decimal, decimals: int, signed: bool = False) -> str:
    """Dutch digits with grouping; a sign only when the rounded value is not 0."""
    quantum = Decimal(1).scaleb(-decimals)
    q = value.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = q < 0
    q = abs(q)
    text = format(q, "f")
    whole, _, frac = text.partition(".")
    out = _group(whole) + ("," + frac if decimals > 0 else "")
    if negative:
        return "-" + out
    if signed and q != 0:
        return "+" + out
    return out


def euro(x, cents: bool = True, signed: bool = False) -> str:
    """`€ 1.234,56`; `€ 1.235` without cents; negative `€ -4.813`.

    `signed=True` marks increases as `€ +4.813`, for differences between
    scenarios.
    """
    d = to_decimal(x)
    if d is None:
        return MISSING
    return "€ " + _plain(d, 2 if cents else 0, signed)


def euro_compact(x) -> str:
    """Short amounts for chart labels: `€ 1,25 mln`, `€ 2,1 mld`; smaller
    amounts as whole euros."""
    d = to_decimal(x)
    if d is None:
        return MISSING
    size = abs(d)
    if size >= Decimal("1e9"):
        return "€ " + _plain(d / Decimal("1e9"), 1) + " mld"
    if size >= Decimal("1e6"):
        return "€ " + _plain(d / Decimal("1e6"), 2) + " mln"
    return euro(d, cents=False)


def rounded_half_up(x, decimals: int = 0) -> Decimal | None:
    """`x` rounded half up to `decimals` (682.5 -> 683), as every figure is
    displayed; None when missing."""
    d = to_decimal(x)
    if d is None:
        return None
    return d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(x, decimals: int = 0, signed: bool = False) -> str:
    """`1.250`; `1.250,5` with decimals=1."""
    d = to_decimal(x)
    if d is None:
        return MISSING
    return _plain(d, decimals, signed)


def pct(x, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a Dutch percentage: pct(0.125) -> `12,5%`.

    Takes a fraction, not a percentage, so values straight from a ratio
    column need no scaling.
    """
    d = to_decimal(x)
    if d is None:
        return MISSING
    return _plain(d * 100, decimals, signed) + "%"


def _as_date(d) -> dt.date | None:
    if _is_missing(d):
        return None
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    if isinstance(d, str):
        try:
            return dt.date.fromisoformat(d.strip()[:10])
        except ValueError:
            return None
    # numpy datetime64 and the like
    to_py = getattr(d, "to_pydatetime", None) or getattr(d, "item", None)
    if to_py is not None:
        return _as_date(to_py())
    return None


def date_nl(d) -> str:
    """`31 december 2024` (no leading zero on the day)."""
    day = _as_date(d)
    if day is None:
        return MISSING
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def date_short_nl(d) -> str:
    """`31-12-2024`, the notation of the municipal extracts, for tables."""
    day = _as_date(d)
    if day is None:
        return MISSING
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def datetime_nl(d) -> str:
    """`14 november 2023 om 09:30`, for load times and freshness notes."""
    if _is_missing(d):
        return MISSING
    if isinstance(d, str):
        try:
            d = dt.datetime.fromisoformat(d.strip())
        except ValueError:
            return MISSING
    if not isinstance(d, dt.datetime):
        to_py = getattr(d, "to_pydatetime", None)
        if to_py is None:
            return date_nl(d)
        d = to_py()
    return f"{date_nl(d)} om {d.hour:02d}:{d.minute:02d}"


def month_nl(d) -> str:
    """`december 2024`; also takes the ETL month notation `2024-12`."""
    if isinstance(d, str) and re.fullmatch(r"\s*\d{4}-\d{2}\s*", d):
        year, month = (int(p) for p in d.strip().split("-"))
        if 1 <= month <= 12:
            return f"{MONTHS_NL[month - 1]} {year}"
        return MISSING
    day = _as_date(d)
    if day is None:
        return MISSING
    return f"{MONTHS_NL[day.month - 1]} {day.year}"


_HALFYEAR = re.compile(r"^(\d{4})-([12])$")
_HALFYEAR_H = re.compile(r"^(\d{4})-[Hh]([12])$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def period_nl(p) -> str:
    """A period in the ETL notation, in words.

    `2024-1` -> `1e helft 2024` (half year, as the taakstelling is set),
    `2024-Q3` -> `3e kwartaal 2024`, `2024-06` -> `juni 2024`, `2024` -> `2024`.
    Anything else comes back unchanged, so an unforeseen label still shows.
    """
    if _is_missing(p):
        return MISSING
    s = str(p).strip()
    if m := (_HALFYEAR.match(s) or _HALFYEAR_H.match(s)):
        return f"{m.group(2)}e helft {m.group(1)}"
    if m := _QUARTER.match(s):
        return f"{m.group(2)}e kwartaal {m.group(1)}"
    if _MONTH.match(s):
        return month_nl(s)
    if _YEAR.match(s):
        return s
    return s

