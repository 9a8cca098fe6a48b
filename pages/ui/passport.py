"""The indicator passport: definition, source, norm with its seed,
direction, peildatum and last load, one click away from every figure."""

from __future__ import annotations

import streamlit as st

from monitor import formatting as fmt
from monitor import judgement
from monitor import presentation as pres
from monitor import catalogue as cat
from monitor.catalogue import PUBLIC_NOTE, Indicator
from monitor.disclosure import COMBINATION_RULE
from pages.ui import data
from pages.ui.render import SUPPRESSION_EXPLANATION


def render_passport(ind: Indicator, peildatum) -> None:
    info = data.load_info(data.snapshot())
    st.markdown(f"**{ind.name}**  \n`{ind.id}`")
    st.markdown(f"**Domein:** {ind.domain} {pres.DOMAINS.get(ind.domain, '')}")
    st.markdown(f"**Definitie:** {ind.definition or fmt.MISSING}")
    st.markdown(f"**Bron:** {ind.source or fmt.MISSING}")
    norm_text = ind.norm_text or (pres.fmt_value(ind.norm, ind.unit) if ind.norm is not None
                                  else "geen norm")
    st.markdown(f"**Norm:** {norm_text}" + (f" ({ind.norm_source})" if ind.norm_source else ""))
    st.markdown("**Richting:** " + ("hoger is beter" if ind.direction in pres.HIGHER
                                     else "lager is beter" if ind.direction in pres.LOWER
                                     else "geen oordeel (ter informatie)"))
    st.markdown(f"**Peildatum:** {fmt.date_nl(peildatum)}")
    st.markdown(f"**Vergelijking:** {judgement.comparison_text(ind)}")
    st.markdown(f"**Laatst geladen:** {fmt.datetime_nl(info.get('loaded_at')) if info else fmt.MISSING}")
    st.caption(PUBLIC_NOTE if ind.is_public else SUPPRESSION_EXPLANATION)
    if not ind.is_public:
        st.caption(COMBINATION_RULE)


def block_heading(title: str, indicator_id: str, peildatum) -> None:
    """A block's heading with the passport of its catalogue row beside it."""
    ind = cat.by_id(data.catalogue_blocks(data.snapshot()))[indicator_id]
    head, pop = st.columns([5, 2], vertical_alignment="center")
    with head:
        st.subheader(title)
    with pop:
        with st.popover("Paspoort", icon=":material/info:", key=f"pp_{indicator_id}",
                        width="stretch"):
            render_passport(ind, peildatum)
