"""The sidebar filters, kept in the URL so a copied link reopens the same
view. app.py draws them once per run; pages read the result with
current_filters()."""

from __future__ import annotations

import streamlit as st

from monitor import dimensions as dims
from monitor import formatting as fmt
from monitor.peildatum import is_provisional
from monitor.peildatum import label as peildatum_label
from monitor.escaping import markdown_text
from monitor.filters import (MARGIN_DIMENSIONS, PERSON_DIMENSIONS, QUERY_KEYS, Filters,
                             filters_from_query, filters_to_query)
from pages.ui import data

# Filters field -> widget key
_W = {"peildatum": "flt_peildatum", **{d.field: f"flt_{d.field}" for d in dims.TABLE}}
_HELP = {"peildatum": ("De datum waarop de cijfers worden bepaald: telkens een maandeinde. Standaard "
                       "het laatste maandeinde dat elke bron volledig heeft geleverd; een latere "
                       "datum (de laaddatum) is voorlopig."),
         **{d.field: d.help for d in dims.TABLE}}
_ONE_CAPTION = ("Naast gemeente en peildatum kiest u één kenmerk tegelijk: zolang er één gekozen "
                "is, staan de andere uit. Zo blijft elke kleine groep verborgen, in welke "
                "combinatie van pagina's en filters ook.")


def _query_dict() -> dict:
    """The filter parameters in the URL (other parameters belong to pages)."""
    qp = st.query_params
    out = {}
    for key in qp.keys():
        if key not in QUERY_KEYS:
            continue
        values = qp.get_all(key)
        out[key] = values[-1] if len(values) == 1 else list(values)
    return out


def _write_query(query: dict) -> None:
    """Put the filter parameters in the URL, leaving other parameters alone."""
    for key in QUERY_KEYS:
        if key in query:
            if st.query_params.get(key) != query[key]:
                st.query_params[key] = query[key]
        elif key in st.query_params:
            del st.query_params[key]


def render_sidebar_filters():
    """The filters in the sidebar, in sync with the URL. The chosen
    Filters are kept in st.session_state['filters'] (see current_filters)."""
    snap = data.snapshot()
    options = data.filter_options(snap)
    url = _query_dict()
    kept = st.session_state.get("filters")
    if kept is not None and _W["peildatum"] not in st.session_state:
        # back from a page without filters: Streamlit dropped the widgets' state
        for field, key in _W.items():
            value = getattr(kept, field)
            st.session_state[key] = value if field == "peildatum" else list(value or ())
    last = st.session_state.get("_flt_query")
    if last is None or (url and url != last):
        # fresh session or an edited/pasted link: the URL decides. (A page
        # switch clears the URL; then the session keeps the filters.)
        f, notices = filters_from_query(url, options)
        for field, key in _W.items():
            value = getattr(f, field, None)
            st.session_state[key] = value if field == "peildatum" else list(value or ())
        st.session_state["_flt_notices"] = (notices, filters_to_query(f))

    namen = data.gemeente_namen(snap)
    sb = st.sidebar
    sb.markdown("### Filters")
    peildata = list(options.get("peildatum") or [])
    dflt = options.get("peildatum_default")
    if st.session_state.get(_W["peildatum"]) not in peildata and peildata:
        st.session_state[_W["peildatum"]] = dflt if dflt in peildata else peildata[-1]
    sb.selectbox("Peildatum", peildata, key=_W["peildatum"],
                 format_func=lambda d: peildatum_label(d, dflt), help=_HELP["peildatum"])
    if is_provisional(st.session_state.get(_W["peildatum"]), dflt):
        sb.caption(f"Voorlopig: niet elke bron heeft deze maand al volledig geleverd; "
                   f"{fmt.date_nl(dflt)} is de laatste volledige maand. Geen signalen op deze datum.")
    sb.multiselect(dims.label("gemeentecode"), list(options.get("gemeenten") or []),
                   key=_W["gemeenten"],
                   format_func=lambda c: namen.get(c, c), placeholder="Hele regio", select_all=False,
                   help=_HELP["gemeenten"])
    for field in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS):
        choices = list(options.get(field) or [])
        current = [v for v in (st.session_state.get(_W[field]) or ()) if v in choices]
        st.session_state[_W[field]] = current
    # One dimension besides the gemeente at a time (monitor.filters.
    # combination_conflict): while one is chosen the others are disabled.
    chosen_field = next((d for d in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS)
                         if st.session_state.get(_W[d])), None)
    for field in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS):
        if chosen_field is not None and field != chosen_field:
            st.session_state[_W[field]] = []  # kept from before: never two at once
    sb.caption(_ONE_CAPTION)
    for field in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS):
        if field == MARGIN_DIMENSIONS[0]:
            sb.markdown("**Herkomst en cohort**")
        off = chosen_field is not None and chosen_field != field
        sb.multiselect(dims.label(field), list(options.get(field) or []), key=_W[field],
                       format_func=dims.BY_COLUMN[field].member_label,
                       placeholder="Niet beschikbaar" if off else "Alle", select_all=False,
                       help=_HELP[field], disabled=off)

    def chosen(field):
        picked = tuple(st.session_state.get(_W[field]) or ())
        return () if len(picked) == len(options.get(field) or ()) else picked

    f = Filters(peildatum=st.session_state.get(_W["peildatum"]),
                **{field: chosen(field) for field in _W if field != "peildatum"})
    query = filters_to_query(f)
    if url != query:
        _write_query(query)
    st.session_state["_flt_query"] = query
    st.session_state["filters"] = f
    sb.caption("De filters staan in de adresbalk: een gekopieerde link opent dezelfde weergave.")

    notices, for_query = st.session_state.get("_flt_notices", ([], None))
    if notices and for_query == query:
        for n in notices:
            st.warning(n, icon=":material/link:")
    return f


def current_filters() -> Filters:
    """The filters app.py read from the sidebar for this run; none on a
    page that offers no filters (the first page of a session may be one)."""
    return st.session_state.get("filters") or Filters()


def filter_summary(f) -> str:
    """The chosen filters in words, for captions."""
    namen = data.gemeente_namen(data.snapshot())
    parts = [", ".join(namen.get(c, c) for c in f.gemeenten) if f.gemeenten else "hele regio"]
    for field in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS):
        v = getattr(f, field, None)
        if v:
            shown = ", ".join(dims.BY_COLUMN[field].member_label(x) for x in v)
            parts.append(f"{dims.word(field)}: {shown}")
    return "; ".join(parts)


def filter_summary_markdown(f) -> str:
    """`filter_summary` for st.markdown: a chosen value can be extract text
    (a land van herkomst), which must not become a link or an image."""
    return markdown_text(filter_summary(f))


def not_applied(f, applied: tuple[str, ...]) -> list[str]:
    """The chosen person filters that a block outside `applied` does not
    follow, in words, so the page can say so instead of ignoring them."""
    return [dims.word(field)
            for field in (*PERSON_DIMENSIONS, *MARGIN_DIMENSIONS)
            if field not in applied and getattr(f, field, None)]


def block_notice(f, subject: str) -> None:
    """Say, under a block that follows the gemeente only (monitor.indicators.
    BLOCK_FILTERS), which chosen filters it leaves out and why. `subject`
    is the start of the sentence ("De route volgt")."""
    ignored = not_applied(f, ())
    if ignored:
        st.info(f"{subject} alleen het filter op gemeente; het filter op {' en '.join(ignored)} "
                "is hier niet toegepast: onder een filter op persoonskenmerken zouden kleine "
                "groepen uit de gemeenten en de regio terug te rekenen zijn.",
                icon=":material/filter_alt_off:")
