"""Where the planning of the action tracker comes from.

Bijlage 3 of the uitvoeringsprogramma (seed 002) plans every action per
quarter 2024–2027, but the quarter bars are not in the document's text: only
a few actions name a date in their own words. The quarters in acties.csv are
the gemeente's; in the demo they are reconstructed from those words and the
order of the programme. This module tells the two apart, per action. No
Streamlit here.
"""

from __future__ import annotations

import re

# The dates the programme's text itself gives, as (pattern, quoted words).
DOCUMENT_DATES: tuple[tuple[str, str], ...] = (
    (r"verloopt 31 juli 2024", "huidige aanbesteding verloopt 31 juli 2024"),
    (r"verlopen 31 december 2025", "huidige aanbestedingen verlopen 31 december 2025"),
    (r"starten in september 2024", "starten in september 2024"),
    (r"verlengd vanaf 2026", "convenant opnieuw verlengd vanaf 2026"),
)

IN_TEXT = "datum in de tekst"
RECONSTRUCTED = "gereconstrueerd"
DELIVERED = "uit acties.csv"

EXPLANATION = (
    "Bijlage 3 van het uitvoeringsprogramma plant elke actie per kwartaal, maar die "
    "kwartaalbalken staan niet in de tekst van het document; alleen enkele acties noemen zelf een "
    "datum. De kwartalen hier komen uit acties.csv van de gemeente.")
EXPLANATION_DEMO = (
    " In deze demo zijn ze gereconstrueerd: uit de data die de tekst noemt (aanbesteding tot 31 "
    "juli 2024, start in september 2024, …) en verder uit de volgorde van het programma. Alleen de "
    "acties met ‘datum in de tekst’ volgen het document.")


def planning_source(omschrijving: str | None, demo: bool) -> tuple[str, str]:
    """(kind, Dutch explanation) of one action's planning: IN_TEXT when its
    description names a date, else RECONSTRUCTED in the demo and DELIVERED
    (the gemeente's own planning) in a real delivery."""
    text = omschrijving or ""
    for pattern, words in DOCUMENT_DATES:
        if re.search(pattern, text, flags=re.IGNORECASE):
            return IN_TEXT, f"De tekst noemt: ‘{words}’."
    if demo:
        return RECONSTRUCTED, "Niet in de tekst van bijlage 3: kwartalen gereconstrueerd (demo)."
    return DELIVERED, "Planning zoals de gemeente haar aanlevert (acties.csv)."
