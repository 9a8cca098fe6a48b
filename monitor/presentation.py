"""The elements of a judgement: the statuses, status against the norm
(direction-aware), the change words and the value as shown. The judgement
of a figure itself, with its sentence, is monitor.judgement.

Pure and importable without Streamlit, so it is unit-tested on its own.
Values of percentage indicators are on a 0-100 scale, as in the store.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from decimal import Decimal

from monitor.formatting import MISSING, number, pct, rounded_half_up

# How a hidden cell reads where the store gives no text of its own: "<5" is
# a count of 1 to 4 persons, "–" anything else.
SUPPRESSED_COUNT = "<5"
SUPPRESSED_OTHER = "–"

# Okabe-Ito: colour-blind safe. Status is never shown by colour alone: every
# status carries a symbol and a word as well.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
             "#F0E442", "#000000"]


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    symbol: str
    colour: str
    background: str
    explanation: str


ON_TRACK = Status("op_koers", "Op koers", "✔", "#005A8C", "#E3F0F9",
                  "de norm is gehaald")
ATTENTION = Status("aandacht", "Aandacht", "▲", "#8A5300", "#FFF3D6",
                   "binnen 10% van de norm, maar niet gehaald")
OFF_TRACK = Status("uit_koers", "Uit koers", "✖", "#A33F00", "#FBE5DA",
                   "meer dan 10% van de norm af")
NO_NORM = Status("geen_norm", "Geen norm", "○", "#555555", "#F1F1F1",
                 "voor deze indicator is geen norm vastgesteld")
INFO = Status("ter_informatie", "Ter informatie", "○", "#555555", "#F1F1F1",
              "richtwaarde zonder goed of fout (bijvoorbeeld een verdeling)")
UNKNOWN = Status("onbekend", "Niet te tonen", "–", "#555555", "#F1F1F1",
                 "geen waarde (te weinig personen of geen gegevens)")
BETTER = Status("beter", "Beter dan vorig jaar", "▲", "#005A8C", "#E3F0F9",
                "geen norm: beter dan een jaar eerder")
WORSE = Status("slechter", "Slechter dan vorig jaar", "▼", "#A33F00", "#FBE5DA",
               "geen norm: slechter dan een jaar eerder")
SAME = Status("gelijk", "Gelijk aan vorig jaar", "=", "#555555", "#F1F1F1",
              "geen norm: even hoog als een jaar eerder")
HIGHER_NEUTRAL = Status("hoger", "Hoger dan vorig jaar", "↗", "#555555", "#F1F1F1",
                        "geen norm en geen goede richting: hoger dan een jaar eerder")
LOWER_NEUTRAL = Status("lager", "Lager dan vorig jaar", "↘", "#555555", "#F1F1F1",
                       "geen norm en geen goede richting: lager dan een jaar eerder")
NO_CLEAR_CHANGE = Status("geen_duidelijk_verschil", "Geen duidelijk verschil", "≈", "#555555",
                         "#F1F1F1", "enquête: het verschil met vorig jaar valt binnen de onzekerheid")
NO_COMPARISON = Status("geen_vergelijking", "Nog geen vergelijking", "○", "#555555", "#F1F1F1",
                       "geen norm en nog geen waarde van een jaar eerder")
RUNNING = Status("lopend", "Lopend", "◔", "#555555", "#F1F1F1",
                 "de periode loopt nog: voorlopig cijfer, nog geen oordeel")
STATUSES = (ON_TRACK, ATTENTION, OFF_TRACK, BETTER, WORSE, SAME, HIGHER_NEUTRAL, LOWER_NEUTRAL,
            NO_CLEAR_CHANGE, NO_COMPARISON, RUNNING, NO_NORM, INFO, UNKNOWN)

# How far from the norm still counts as "attention", relative to the norm.
ATTENTION_BAND = 0.10


def _missing(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return True


HIGHER = {"hoger_beter", "hoger", "up", "min"}
LOWER = {"lager_beter", "lager", "down", "max"}


def status(value, norm, direction: str | None) -> Status:
    """`direction` is "hoger_beter" or "lager_beter" as in the catalogue
    (also "hoger"/"lager", "up"/"down"); anything else (e.g. "neutraal") or
    no norm gives NO_NORM."""
    if _missing(value):
        return UNKNOWN
    d = (direction or "").lower()
    if _missing(norm):
        return NO_NORM
    if d not in HIGHER | LOWER:
        return INFO
    value, norm = float(value), float(norm)
    band = abs(norm) * ATTENTION_BAND
    if norm == 0:  # e.g. "nobody past the termijn": any case is off track
        band = 0
    if d in HIGHER:  # a minimum to reach
        if value >= norm:
            return ON_TRACK
        return ATTENTION if value >= norm - band else OFF_TRACK
    if value <= norm:  # a maximum not to exceed
        return ON_TRACK
    return ATTENTION if value <= norm + band else OFF_TRACK


def is_running(frequency: str | None, peildatum: dt.date) -> bool:
    """A half-year figure on a peildatum inside its half year is provisional."""
    return peildatum is not None and frequency == "halfjaar" and (peildatum.month, peildatum.day) not in ((6, 30), (12, 31))


def period_label(frequency: str | None, d: dt.date) -> str:
    """The period a yearly or half-yearly figure belongs to."""
    if frequency == "halfjaar":
        return f"{'1e' if d.month <= 6 else '2e'} helft {d.year}"
    return str(d.year)


def change(previous, current, unit: str | None) -> str:
    """'steeg', 'daalde' or 'bleef', judged on the values as shown, so the
    words never contradict the figures beside them."""
    if _missing(previous) or _missing(current):
        return ""
    if fmt_value(previous, unit) == fmt_value(current, unit):
        return "bleef"
    return "steeg" if float(current) > float(previous) else "daalde"


def trend_arrow(previous, current, unit: str | None = "pct") -> str:
    """↗ / ↘ / → between two values as shown; '' when one is missing."""
    return {"steeg": "↗", "daalde": "↘", "bleef": "→"}.get(change(previous, current, unit), "")


def judge(value, previous, norm, direction: str | None, unit: str | None,
          running: bool = False, significant: bool | None = None) -> Status:
    """The status rule of monitor.judgement.judge (call that, not this: it
    rounds the values as shown and knows "lopend" and the baseline date):
    against the norm where a seed gives
    one; otherwise against its own value a year earlier, in the direction
    that is better. A running period gets no judgement yet; a sample figure
    (the survey) whose change is within its uncertainty (`significant`
    False) stayed the same."""
    if _missing(value):
        return UNKNOWN
    if running:
        return RUNNING
    d = (direction or "").lower()
    if not _missing(norm):
        # a norm that is met or not is always judged; a neutral one is a level to reach
        return status(value, norm, d if d in HIGHER | LOWER else "hoger_beter")
    moved = change(previous, value, unit)
    if not moved:
        return NO_COMPARISON
    if moved == "bleef":
        return SAME
    if significant is False:
        return NO_CLEAR_CHANGE
    if d in HIGHER | LOWER:
        return BETTER if (moved == "steeg") == (d in HIGHER) else WORSE
    return HIGHER_NEUTRAL if moved == "steeg" else LOWER_NEUTRAL


def decimals_shown(value, unit: str | None) -> int:
    """How many decimals a value is displayed with (fmt_value's choice)."""
    u = (unit or "").lower()
    if u in {"pct", "%", "percentage", "procent", "score"}:
        return 0 if abs(float(value)) >= 10 else 1
    if u in {"dagen", "days", "dag", "uren", "hours", "eur", "euro", "€"}:
        return 0
    if u == "per_cursist":
        return 1
    return 0 if float(value) == int(float(value)) else 1


def shown_number(value, unit: str | None) -> Decimal | None:
    """The value as displayed: rounded once, half up (682,5 is 683, never
    Python's half-to-even 682). Judgements compare these, not the raw values."""
    if _missing(value):
        return None
    return rounded_half_up(value, decimals_shown(value, unit))


def shown_text(value, suppressed: bool, unit: str | None, shown=None) -> str:
    """The value as shown; a suppressed cell as its display text (the
    store's own, else '<5' for a count and '–' otherwise), never 0."""
    if suppressed:
        if isinstance(shown, str) and shown:
            return shown
        return SUPPRESSED_COUNT if unit == "aantal" else SUPPRESSED_OTHER
    return fmt_value(value, unit)


def fmt_value(value, unit: str | None) -> str:
    """A value in its unit, Dutch notation. Percentages are 0-100 here."""
    if _missing(value):
        return MISSING
    u = (unit or "").lower()
    if u in {"pct", "%", "percentage", "procent", "score"}:
        return pct(float(value) / 100, decimals=0 if abs(float(value)) >= 10 else 1)
    if u in {"dagen", "days", "dag"}:
        return f"{number(value)} dagen"
    if u in {"uren", "hours"}:
        return f"{number(value)} uur"
    if u == "per_cursist":
        return f"{number(value, 1)} per cursist"
    if u in {"eur", "euro", "€"}:
        from monitor.formatting import euro
        return euro(value, cents=False)
    return number(value, 0 if float(value) == int(float(value)) else 1)


# The framework of seed 001: 13 domains in 4 clusters (indicators.md).
CLUSTERS: dict[str, str] = {
    "1": "De Basis",
    "2": "IJkpunten en middelen",
    "3": "Ondersteuners",
    "4": "Sociale verbindingen",
}
DOMAINS: dict[str, str] = {
    "1": "Rechten en verantwoordelijkheden",
    "2.1": "Huisvesting",
    "2.2": "Zorg en welzijn",
    "2.3": "Werk en inkomen",
    "2.4": "Onderwijs",
    "2.5": "Vrije tijd",
    "3.1": "Veiligheid en stabiliteit",
    "3.2": "Taal en communicatie",
    "3.3": "Digitale vaardigheden",
    "3.4": "Cultuur en interculturele vaardigheden",
    "4.1": "Banden",
    "4.2": "Connecties",
    "4.3": "Bruggen",
}


def cluster_of(domain: str) -> str:
    return str(domain).split(".")[0]


def domains_of(cluster: str) -> list[str]:
    return [d for d in DOMAINS if cluster_of(d) == str(cluster)]
