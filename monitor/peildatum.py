"""The default peildatum: the newest month end that every monthly source
has delivered in full, not the load date. A month that has run a week,
compared with full months, shows drops that are not there; so a later
peildatum (the load date itself) is offered, marked "voorlopig", and no
signal fires from it. Pure; the files come from sql/queries/databronnen.sql.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .judgement import last_month_end

#: The sources every page reads, delivered monthly (data-contract.md). The
#: yearly survey, the half-yearly taakstelling and the undated files do not
#: decide the peildatum: their figure at a month end is their newest one.
MONTHLY = ("inburgeraars", "participatie", "uitkeringen", "coa_bezetting", "coa_koppelingen",
           "vista_voortgang")
#: Snapshots of a register: their file date is the day the drop observed.
SNAPSHOTS = ("inburgeraars", "participatie", "vista_voortgang")
PROVISIONAL = "voorlopig"


@dataclass(frozen=True)
class Default:
    date: dt.date | None                 # the default peildatum
    deciding: tuple[str, ...] = ()       # the sources whose delivery sets it
    complete: dict = field(default_factory=dict)  # source -> complete through (month end)
    observed: dt.date | None = None      # the newest day the drop observed


def _date(x) -> dt.date | None:
    if x is None or (not isinstance(x, (dt.date, str)) and pd.isna(x)):
        return None
    return pd.Timestamp(x).date()


def default(files: pd.DataFrame, peildata: list[dt.date], sources=MONTHLY) -> Default:
    """`files`: the load's files (extract, used, file_date, loaded_at). A
    monthly file is dated at its month end, which may lie after the day the
    drop was made; so a source counts as complete through the newest month
    end on or before both its newest file and the day observed (the newest
    register snapshot, else the load date)."""
    peildata = sorted(peildata)
    if files is None or files.empty or not peildata:
        return Default(peildata[-1] if peildata else None)
    used = files[files["used"].fillna(False).astype(bool)] if "used" in files.columns else files
    used = used[used["file_date"].notna()]
    newest = {e: _date(g["file_date"].max()) for e, g in used.groupby("extract")}
    loaded = _date(files["loaded_at"].max()) if "loaded_at" in files.columns else None
    snaps = [newest[e] for e in SNAPSHOTS if e in newest]
    observed = max(snaps) if snaps else loaded
    if loaded is not None and observed is not None:
        observed = min(observed, loaded)
    complete = {e: last_month_end(min(newest[e], observed) if observed else newest[e])
                for e in sources if e in newest}
    if not complete:
        return Default(peildata[-1], observed=observed)
    through = min(complete.values())
    deciding = tuple(e for e, d in complete.items() if d == through)
    chosen = max((d for d in peildata if d <= through), default=peildata[0])
    return Default(chosen, deciding, complete, observed)


def is_provisional(d: dt.date | None, dflt: dt.date | None) -> bool:
    """A peildatum after the default: a month not delivered in full."""
    return d is not None and dflt is not None and d > dflt


def label(d: dt.date, dflt: dt.date | None) -> str:
    from .formatting import date_nl
    return date_nl(d) + (f" ({PROVISIONAL})" if is_provisional(d, dflt) else "")
