"""What a BSN or V-nummer looks like in text, and how it is masked.

A BSN has 9 digits (7 or 8 once Excel dropped its leading zeros), a V-nummer
10; people also write a BSN in groups (`1234.56.782`, `123 45 678 2`). Any
run of 7 or more digits, and any three groups of 3-4, 2-3 and 3-4 digits
separated by a space, dot or hyphen, counts as identifier-shaped. Dates
(dd-mm-jjjj, jjjj-mm-dd) do not match the grouped form. The same pattern is
used in SQL (RE2) and in Python.
"""

from __future__ import annotations

import re

PATTERN = r"\d{3,4}[ .\-]\d{2,3}[ .\-]\d{3,4}|\d{7,}"
MASK = "[nummer weggelaten]"
_compiled = re.compile(PATTERN)


def mask(text: str) -> str:
    return _compiled.sub(MASK, text)


def contains_identifier(text: str) -> bool:
    return _compiled.search(text) is not None
