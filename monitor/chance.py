"""Whether a change in a share of persons is more than chance: the 95%
Wilson score interval of a percentage over its persons, and whether two
such intervals overlap. Pure; the only statistics of the product, used by
the judgement of a figure and by the signals."""

from __future__ import annotations

import math

Z95 = 1.959963984540054


def wilson(pct: float | None, n: float | None, z: float = Z95) -> tuple[float, float] | None:
    """95% Wilson score interval for a percentage (0-100) over n persons."""
    if pct is None or n is None or n <= 0 or math.isnan(float(pct)) or math.isnan(float(n)):
        return None
    p = float(pct) / 100.0
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half)


def clearly_different(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two intervals do not overlap."""
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


def clear_change(before, n_before, now, n_now) -> bool | None:
    """None when there is nothing to compare (a value or its persons
    missing); else whether the two intervals do not overlap."""
    a, b = wilson(before, n_before), wilson(now, n_now)
    if a is None or b is None:
        return None
    return clearly_different(a, b)
