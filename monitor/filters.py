"""The filter state every page query takes, and its URL form."""

from __future__ import annotations

import datetime as dt
import dataclasses

from monitor import dimensions as dims
from monitor import urlstate


def _params(self) -> dict:
    """Named parameters for the sql/queries files (lists, empty = all): one
    per dimension, named after its Filters field."""
    return {d.field: list(getattr(self, d.field)) for d in dims.TABLE}


#: The filter state: the peildatum and, per dimension of monitor/dimensions.py,
#: a tuple of chosen members (empty = no filter: the whole region / every
#: value). Made from the table, so a new dimension is a field here without
#: editing this module.
Filters = dataclasses.make_dataclass(
    "Filters",
    [("peildatum", dt.date | None, dataclasses.field(default=None)),
     *((d.field, tuple[str, ...], dataclasses.field(default=())) for d in dims.TABLE)],
    namespace={"params": _params}, frozen=True)
Filters.__module__ = __name__

#: the person dimensions of the cube: any combination of them (and the gemeente)
PERSON_DIMENSIONS = dims.PERSON
#: dimensions kept as one-dimension marginals (mart_indicator_margins): each
#: combines with the gemeente and the peildatum only, not with a person
#: dimension nor with each other
MARGIN_DIMENSIONS = dims.MARGIN
DIMENSIONS = dims.ALL


def active_margin(f: Filters) -> str:
    """The marginal dimension `f` filters on, or ''."""
    return next((d for d in MARGIN_DIMENSIONS if getattr(f, d)), "")


def combination_conflict(f: Filters, dimension: str = "") -> tuple[str, ...]:
    """The dimensions (filters, and the breakdown `dimension`) that cannot be
    combined in one view: empty when the combination is available. A view
    combines the gemeente and the peildatum with at most one other
    dimension, a filter on one or more of its members or a breakdown by it
    (indicators.md, "Disclosure control"): disclosure control decides per
    family of gemeenten x the members of one dimension, and across two such
    dimensions a hidden count would follow from the views combined
    (tests/adversary.py: breakdowns under a filter, by a sweep over the
    members of both)."""
    used = [d for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS) if getattr(f, d)]
    if dimension and dimension != "gemeentecode" and dimension not in used:
        used.append(dimension)
    return tuple(used) if len(used) > 1 else ()


# --- URL state ----------------------------------------------------------------
# Pure functions, no Streamlit: the sidebar calls them with st.query_params.
# Values are read and written by monitor.urlstate, the codec the budget
# scenarios use too. Multiple values are comma-separated (repeated keys are
# read too): ?peildatum=2026-10-31&gemeente=GM0935,GM0938&doelgroep=Nareiziger

#: query parameter -> Filters field
QUERY_KEYS = {"peildatum": "peildatum", **{d.url_key: d.field for d in dims.TABLE}}
_LABEL = {d.url_key: d.label for d in dims.TABLE}
_FALLBACK = {d.url_key: f"deze {d.word} is genegeerd" if d.kind == "gemeente"
             else "deze waarde is genegeerd" for d in dims.TABLE}
_ALL_WORDS = {"all", "alle", "regio"}

# Pages whose figures do not depend on the sidebar filters (a snapshot of the
# action plan, the budget model, the load report): the frame leaves the
# filters out there rather than offer choices that change nothing. By file
# stem, so a page path ("pages/begroting.py") and a url_path ("begroting")
# both match.
PAGES_WITHOUT_FILTERS = frozenset({"uitvoeringsprogramma", "begroting", "databronnen"})


def page_uses_filters(page) -> bool:
    """Whether the sidebar filters apply to `page` (a path or url_path)."""
    stem = str(page).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = stem[:-3] if stem.endswith(".py") else stem
    return stem not in PAGES_WITHOUT_FILTERS


def filters_from_query(params, valid_options: dict) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, checked against `valid_options`.

    `valid_options` maps a Filters field to its allowed values: "peildatum"
    a list of dates ("peildatum_default" the default, else the newest), the other fields lists of
    strings. A field missing from `valid_options` accepts any value. Invalid
    values fall back to the default (peildatum: the nearest earlier one, else
    the newest; other fields: the value is dropped, so all) with a Dutch
    notice for each. Parameters other than QUERY_KEYS belong to pages and are
    ignored.
    """
    params = params or {}
    notices: list[str] = []
    values: dict = {}

    peildata = sorted({urlstate.parse_date(d) for d in (valid_options.get("peildatum") or [])})
    # the default is the newest month every source delivered in full
    # (monitor.peildatum), else the newest
    dflt = valid_options.get("peildatum_default")
    dflt = urlstate.parse_date(dflt) if dflt else None
    newest = dflt if dflt in peildata else (peildata[-1] if peildata else None)
    values["peildatum"] = newest
    raw = urlstate.values(params, "peildatum")
    if raw:
        try:
            asked = urlstate.parse_date(raw[-1])
        except urlstate.UrlValueError:
            notices.append(f"Peildatum ‘{urlstate.echo(raw[-1])}’ in de link is geen geldige datum "
                           "(verwacht JJJJ-MM-DD); de standaardpeildatum wordt getoond.")
        else:
            if not peildata or asked in peildata:
                values["peildatum"] = asked
            else:
                earlier = [d for d in peildata if d <= asked]
                if earlier:
                    values["peildatum"] = earlier[-1]
                    notices.append(f"Voor peildatum {asked.isoformat()} zijn geen cijfers; de "
                                   f"dichtstbijzijnde eerdere peildatum ({earlier[-1].isoformat()}) "
                                   "wordt getoond.")
                else:
                    notices.append(f"Voor peildatum {asked.isoformat()} zijn geen cijfers; de "
                                   "standaardpeildatum wordt getoond.")

    for key, field in QUERY_KEYS.items():
        if key == "peildatum":
            continue
        allowed = valid_options.get(field)
        lookup = None if allowed is None else {str(a).lower(): str(a) for a in allowed}
        chosen: list[str] = []
        for v in urlstate.values(params, key):
            if v.lower() in _ALL_WORDS:
                chosen = []
                break
            if lookup is not None and v.lower() not in lookup:
                notices.append(f"{_LABEL[key]} ‘{urlstate.echo(v)}’ in de link is onbekend; "
                               f"{_FALLBACK[key]}.")
                continue
            canon = v if lookup is None else lookup[v.lower()]
            if canon not in chosen:
                chosen.append(canon)
        if allowed is not None and chosen and len(chosen) == len(set(map(str, allowed))):
            chosen = []  # every value is the same as no filter
        values[field] = tuple(chosen)
    # A link may combine what no view can (two dimensions besides the
    # gemeente): the first keeps its filter, the others give way, each said
    # in a notice.
    kept = None
    for key, field in QUERY_KEYS.items():
        if field in ("peildatum", "gemeenten") or not values.get(field):
            continue
        if kept is None:
            kept = key
            continue
        values[field] = ()
        notices.append(f"{_LABEL[key]} in de link kan niet samen met het filter op "
                       f"{_LABEL[kept].lower()}: één kenmerk tegelijk naast de gemeente; dit "
                       "filter is weggelaten.")
    return Filters(**values), notices


def filters_to_query(f: Filters) -> dict[str, str]:
    """URL query parameters for `f`. Empty filters are left out; the
    peildatum is always there, so a copied link pins the date it showed."""
    out: dict[str, str] = {}
    if f.peildatum is not None:
        out["peildatum"] = urlstate.encode_date(f.peildatum)
    for key, field in QUERY_KEYS.items():
        if key == "peildatum":
            continue
        value = getattr(f, field)
        if value:
            out[key] = urlstate.encode_list(value)
    return out
