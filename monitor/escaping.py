"""Extract text on its way into a plotly figure.

Plotly renders a subset of HTML in every text it draws (labels, legend
names, hover texts): `<a href>` becomes a clickable link, `<b>` bold. Text
from an extract (Omschrijving, Locatie, Organisatie) is data, never markup:
its `<` and `>` (and `&`, so an entity stays literal) become HTML entities,
which plotly shows as the characters themselves.
"""

from __future__ import annotations

import html


def plotly_text(value) -> str:
    """Extract text safe to put in a plotly label, legend or hover text."""
    if value is None:
        return ""
    return html.escape(str(value), quote=False)
