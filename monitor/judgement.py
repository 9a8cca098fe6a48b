"""The one judgement of a figure: what every output says about it.

The overview tile, the cluster card, the chart sentence (and so the deck
slide whose title it is), the evaluation report and the CSV note all call
`judge`, so one figure cannot get two verdicts. The comparison rule:

- the baseline is one date, `year_before(peildatum)`: the newest month end at
  least a year before the peildatum (the evaluation report passes its start
  date instead, through the same function);
- values are rounded once, half up, as they are displayed, and the status,
  the direction word and the arrow are taken on those rounded values, so a
  figure shown as 80% meets a norm of 80%;
- a figure of a period still running on its date ("lopend") gets no verdict
  and is never compared with another period; the sentence names the last
  completed period instead;
- a norm is judged in the catalogue's direction (a norm without one is a
  level to reach); without a norm the figure is judged against its baseline;
- a sample (the survey) rises or falls only when its 95% intervals over its
  respondents do not overlap.

Pure and importable without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from . import chance
from . import formatting as fmt
from . import presentation as pres
from .catalogue import Indicator

#: Sources of administrative counts the Rijk and the COA publish per gemeente
#: and location: facts, not samples (no chance test applies to them).
FACT_SOURCES = frozenset({"taakstelling", "coa_bezetting"})
PERIOD_WORD = {"halfjaar": "halfjaar", "jaar": "jaar"}
YEAR_ON_YEAR = ("beter", "slechter", "gelijk", "hoger", "lager", "geen_duidelijk_verschil")


def is_fact(ind: Indicator) -> bool:
    return bool(ind.sources) and set(ind.sources) <= FACT_SOURCES


def month_end(d: dt.date) -> dt.date:
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def is_month_end(d: dt.date | None) -> bool:
    return d is not None and month_end(d) == d


def last_month_end(d: dt.date) -> dt.date:
    """The newest month end on or before `d`."""
    return d if is_month_end(d) else d.replace(day=1) - dt.timedelta(days=1)


def year_before(peildatum: dt.date | None) -> dt.date | None:
    """The one baseline date: the newest month end at least a year before
    the peildatum (29 February: the 28th)."""
    if peildatum is None:
        return None
    try:
        target = peildatum.replace(year=peildatum.year - 1)
    except ValueError:
        target = peildatum.replace(year=peildatum.year - 1, day=28)
    return last_month_end(target)


@dataclass(frozen=True)
class Shown:
    """One figure as it is displayed."""
    date: dt.date | None
    value: Decimal | None   # rounded once, as displayed; None when hidden or missing
    text: str               # "64%", "<5", "–"
    hidden: bool
    running: bool
    period: str | None      # "2e helft 2026" for a half-yearly or yearly figure
    persons: float | None   # the persons a share counts (for the chance test)
    reason: str | None = None

    @property
    def label(self) -> str:
        """The text with its provisional mark, as every output prints it."""
        return self.text + (" (lopend)" if self.running and self.value is not None else "")

    @property
    def number(self) -> float | None:
        return None if self.value is None else float(self.value)


@dataclass(frozen=True)
class Judgement:
    indicator_id: str
    peildatum: dt.date | None
    now: Shown
    before: Shown | None          # the baseline figure (None: no peildatum there)
    last_completed: Shown | None  # for a running figure: its last completed period
    status: pres.Status
    movement: str                 # "steeg", "daalde", "bleef", "" (no comparison)
    clear: bool | None            # survey: the change is more than chance
    change: str                   # the change in words, by the indicator's direction
    arrow: str                    # ↗ ↘ → or "" where the badge already says it
    sentence: str

    @property
    def comparable(self) -> bool:
        return bool(self.movement)


def _missing(x) -> bool:
    return pres._missing(x)


def _rows(data) -> dict[dt.date, dict]:
    """peildatum -> row, from a series DataFrame, a list of row dicts or a dict."""
    if data is None:
        return {}
    if isinstance(data, dict):
        return {pd.Timestamp(k).date(): v for k, v in data.items()}
    if isinstance(data, pd.DataFrame):
        if data.empty:
            return {}
        if "key" in data.columns:
            data = data[data["key"].isna()]
        data = data.to_dict("records")
    return {pd.Timestamp(r["peildatum"]).date(): r for r in data}


def shown(ind: Indicator, row: dict | None, when: dt.date | None) -> Shown:
    """The figure of `row` as it is displayed (the one rounding)."""
    running = pres.is_running(ind.frequency, when) if when else False
    period = pres.period_label(ind.frequency, when) if when and ind.frequency in PERIOD_WORD else None
    if row is None:
        return Shown(when, None, fmt.MISSING, False, running, period, None, None)
    hidden = bool(row.get("suppressed"))
    value = None if hidden else row.get("value")
    text = pres.shown_text(value, hidden, ind.unit, row.get("weergave"))
    persons = row.get("persons")
    if _missing(persons):
        persons = row.get("denominator") if ind.counts_persons else None
    return Shown(when, None if _missing(value) else pres.shown_number(value, ind.unit), text,
                 hidden, running, period, None if _missing(persons) else float(persons),
                 row.get("reden") if isinstance(row.get("reden"), str) else None)


def _last_completed(ind: Indicator, rows: dict, peildatum: dt.date) -> Shown | None:
    ends = [d for d in rows if d < peildatum and not pres.is_running(ind.frequency, d)
            and pres.period_label(ind.frequency, d) != pres.period_label(ind.frequency, peildatum)]
    if not ends:
        return None
    d = max(ends)
    return shown(ind, rows[d], d)


def _change_words(ind: Indicator, movement: str, clear: bool | None) -> str:
    if movement == "bleef":
        return "gelijk gebleven"
    if clear is False:
        return "geen duidelijk verschil"
    d = (ind.direction or "").lower()
    if d not in pres.HIGHER | pres.LOWER and ind.norm is not None:
        d = "hoger_beter"  # a norm without a direction is a level to reach, as in the status
    up = movement == "steeg"
    if d in pres.HIGHER:
        return "verbeterd" if up else "verslechterd"
    if d in pres.LOWER:
        return "verslechterd" if up else "verbeterd"
    return "gestegen" if up else "gedaald"


def _no_comparison(now: Shown, before: Shown | None) -> str:
    if now.running:
        return "nog geen vergelijking (lopend)"
    if before is not None and before.running:
        return "niet te vergelijken (toen lopend)"
    if before is None or before.value is None:
        return "nog geen vergelijking"
    return "niet te bepalen"


def judge(ind: Indicator, data, peildatum: dt.date, baseline: dt.date | None = None,
          since: str | None = None) -> Judgement:
    """The judgement of `ind` at `peildatum` from its rows (a series
    DataFrame, or row dicts with peildatum, value, suppressed, weergave,
    denominator, persons, reden). `baseline` defaults to
    year_before(peildatum); `since` words the baseline in the sentence
    (default "sinds <maand jaar>")."""
    rows = _rows(data)
    baseline = year_before(peildatum) if baseline is None else baseline
    now = shown(ind, rows.get(peildatum), peildatum)
    before = shown(ind, rows[baseline], baseline) if baseline in rows else None
    last_done = _last_completed(ind, rows, peildatum) if now.running else None
    comparable = (now.value is not None and not now.running and before is not None
                  and before.value is not None and not before.running)
    movement = ""
    clear = None
    if comparable:
        movement = ("bleef" if before.text == now.text else
                    "steeg" if now.value > before.value else "daalde")
        if ind.is_survey and movement != "bleef":
            clear = chance.clear_change(before.number, before.persons, now.number, now.persons)
    if now.hidden or now.value is None:
        status = pres.UNKNOWN
    else:
        status = pres.judge(now.number, before.number if comparable else None, ind.norm,
                            ind.direction, ind.unit, running=now.running, significant=clear)
    change = _change_words(ind, movement, clear) if movement else _no_comparison(now, before)
    arrow = "" if (not movement or clear is False or status.key in YEAR_ON_YEAR) else \
        {"steeg": "↗", "daalde": "↘", "bleef": "→"}[movement]
    when = since or (f"sinds {fmt.month_nl(baseline)}" if baseline else "")
    sentence = _sentence(ind, now, before, last_done, movement, clear, when, peildatum)
    return Judgement(ind.id, peildatum, now, before, last_done, status, movement, clear, change,
                     arrow, sentence)


def _sentence(ind: Indicator, now: Shown, before: Shown | None, last_done: Shown | None,
              movement: str, clear: bool | None, when: str, peildatum: dt.date) -> str:
    subject = ind.subject
    if now.hidden:
        return now.reason or "Te weinig personen om een waarde te tonen."
    if now.value is None:
        return now.reason or "Geen gegevens op deze peildatum of voor dit filter."
    if now.running:
        word = PERIOD_WORD.get(ind.frequency, "periode")
        text = (f"{subject} is voorlopig {now.text}: het {word} ({now.period}) loopt nog, dus nog "
                "geen vergelijking met een afgesloten periode.")
        if last_done is not None and last_done.value is not None:
            text += f" Het laatste afgesloten {word} ({last_done.period}) was {last_done.text}."
        return text
    if not movement:
        text = f"{subject} is {now.text} op {fmt.date_nl(peildatum)}."
        if before is not None and before.running:
            text = text[:-1] + f"; {before.period} liep toen nog, dus geen vergelijking."
        return text
    if movement == "bleef":
        return f"{subject} bleef {now.text} {when}."
    verb = "steeg" if movement == "steeg" else "daalde"
    if clear is False:
        then = fmt.month_nl(before.date)
        # against the programme's start the comparison is not "a year earlier"
        earlier = (f"een jaar eerder ({then})" if before.date == year_before(peildatum)
                   else f"in {then}")
        return (f"{subject} is {now.text}; {earlier} was dat {before.text}, een "
                "verschil binnen de onzekerheid van de enquête.")
    if clear:
        return (f"{subject} is duidelijk {'gestegen' if verb == 'steeg' else 'gedaald'} (meer dan "
                f"toeval): van {before.text} naar {now.text} {when}.")
    return f"{subject} {verb} van {before.text} naar {now.text} {when}."


def judge_headline(ind: Indicator, row: dict) -> Judgement:
    """The judgement of an overview row (monitor.indicators.headline): the
    same rows a series gives, so the tile and the chart cannot differ."""
    return judge(ind, headline_rows(row), pd.Timestamp(row["peildatum"]).date())


def previous_period(ind: Indicator, row: dict) -> Shown | None:
    """For a half-yearly or yearly figure: its last completed period before
    the headline row's own (what a crossing of the norm is measured from)."""
    return _last_completed(ind, headline_rows(row), pd.Timestamp(row["peildatum"]).date())


def headline_rows(row: dict) -> dict[dt.date, dict]:
    """peildatum -> row, from a headline row's sparkline, value and baseline."""
    peildatum = pd.Timestamp(row["peildatum"]).date()
    rows: dict[dt.date, dict] = {}
    for d, v in row.get("sparkline") or []:
        rows[pd.Timestamp(d).date()] = {"value": v, "suppressed": v is None}
    # the persons of a headline row feed the signals only: the judgement
    # reads what a series gives too, so tile and chart cannot differ
    rows[peildatum] = {k: row.get(k) for k in ("value", "suppressed", "weergave", "denominator",
                                               "reden")}
    base = row.get("vorig_jaar_peildatum")
    if base is not None and not pd.isna(base):
        base = pd.Timestamp(base).date()
        rows[base] = {"value": row.get("vorig_jaar"), "suppressed": row.get("vorig_jaar") is None,
                      "denominator": row.get("vorig_jaar_noemer")}
    return rows


def status_text(j: Judgement) -> str:
    return f"{j.status.symbol} {j.status.label}"


def comparison_text(ind: Indicator) -> str:
    """For the passport: how this figure is compared and judged, including
    the statistics a sentence leaves out."""
    parts = ["Vergeleken met het laatste maandeinde een jaar vóór de peildatum, op de getoonde "
             "(afgeronde) waarden."]
    if ind.frequency in PERIOD_WORD:
        parts.append(f"Een {PERIOD_WORD[ind.frequency]} dat nog loopt is voorlopig (lopend) en krijgt "
                     "geen oordeel en geen vergelijking.")
    if is_fact(ind):
        parts.append("Een vast administratief aantal, geen steekproef: het haalt zijn norm of niet; "
                     "er is geen toevalstoets.")
    elif ind.unit == "pct":
        parts.append("‘Meer dan toeval’ (signalen" + (", en stijging of daling van de enquête" if
                     ind.is_survey else "") + "): de 95%-betrouwbaarheidsintervallen volgens Wilson "
                     "van nu en een jaar eerder, over de personen die het percentage telt"
                     + (" (de cursisten, niet de lesuren)" if not ind.counts_persons else "")
                     + ", overlappen niet.")
    return " ".join(parts)
