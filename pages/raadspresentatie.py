"""Raadspresentatie: de verzamelde grafieken (de mand, in de link) op een
rij, in een andere volgorde te zetten, als één PowerPoint te downloaden of
als presentatie op het scherm te tonen."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from monitor import basket as bk
from monitor import deck
from monitor import formatting as fmt
from monitor.escaping import markdown_table, markdown_text
from pages.ui import basket, data, frame, present, render
from pages.ui.filters import current_filters, filter_summary, filter_summary_markdown

def _move(key: str, step: int) -> None:
    basket.set_keys(bk.move(basket.keys(), key, step))


def _remove(key: str) -> None:
    basket.set_keys([k for k in basket.keys() if k != key])


def _deck(f, charts, file_name: str):
    """The deck as a deferred download and its slide count: everything from
    the session is read now; the callable runs later, outside the page run,
    and is audited."""
    who = render.requester()
    meta = deck.DeckMeta(title="Raadspresentatie Integratiemonitor", peildatum=f.peildatum,
                         region=data.region_name(data.snapshot()), filters=filter_summary(f),
                         demo=frame.is_demo(), made_on=dt.date.today())
    definitions = deck.definitions_for(charts, data.catalogue(data.snapshot()))
    def make() -> bytes:
        render.record_download("pptx", file_name, who)
        return deck.build(meta, charts, definitions)
    return make, deck.slide_count(charts, definitions)


def render_list(charts, missing) -> None:
    for n, c in enumerate(charts, start=1):
        with st.container(border=True, key=f"mand_item_{n}"):
            head, buttons = st.columns([3, 2], vertical_alignment="center")
            head.markdown(f"**{n}. {markdown_text(c.title)}**  \n{markdown_text(c.conclusion)}")
            with buttons, st.container(horizontal=True, gap="small"):
                st.button("Omhoog", key=f"up_{n}", on_click=_move, args=(c.key, -1),
                          icon=":material/arrow_upward:", disabled=n == 1)
                st.button("Omlaag", key=f"down_{n}", on_click=_move, args=(c.key, 1),
                          icon=":material/arrow_downward:", disabled=n == len(charts))
                st.button("Verwijderen", key=f"del_{n}", on_click=_remove, args=(c.key,),
                          icon=":material/delete:")
    if missing:
        st.warning(f"{len(missing)} grafiek(en) uit de link bestaan niet (meer) voor deze "
                   "filters en zijn overgeslagen.", icon=":material/link_off:")


def main() -> None:
    frame.page_start()
    f = current_filters()
    st.title("Raadspresentatie")
    st.markdown(f"Peildatum **{fmt.date_nl(f.peildatum)}** · {filter_summary_markdown(f)}")
    st.markdown(
        "Verzamel grafieken met **Aan presentatie toevoegen** onder elke grafiek. Hier zet u ze "
        "op volgorde en downloadt u één PowerPoint: een titeldia, per grafiek een dia met de "
        "conclusie als titel en bron en peildatum in de voettekst, en een slotdia met de "
        "gebruikte definities. De verzameling staat in de link: wie de link krijgt, krijgt "
        "dezelfde presentatie. Alle grafieken gebruiken de filters in de zijbalk.")
    charts, missing = bk.rebuild_all(basket.keys(), basket.source(), f)
    if not charts:
        st.info("De presentatie is nog leeg. Open een pagina en kies **Aan presentatie "
                "toevoegen** onder een grafiek.", icon=":material/add_to_queue:")
        if missing:
            render_list(charts, missing)
        return
    name = f"raadspresentatie_{f.peildatum.isoformat() if f.peildatum else 'nu'}.pptx"
    make, slides = _deck(f, charts, name)
    with st.container(horizontal=True, key="mand_acties"):
        st.download_button(
            f"PowerPoint downloaden ({slides} dia's)", make,
            file_name=name,
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="mand_pptx", on_click="ignore", type="primary", icon=":material/slideshow:",
            disabled=render.png_unavailable() is not None, help=render.png_unavailable())
        st.button("Presentatie op het scherm", key="mand_present", on_click=present.start,
                  icon=":material/present_to_all:",
                  help="Eén grafiek per scherm, groot; verder met pijltjestoetsen of PageDown, "
                       "sluiten met Escape. In de link: ?presentatie=1.")
    render_list(charts, missing)
    with st.expander("Voorbeeld van de grafieken", icon=":material/visibility:"):
        for n, c in enumerate(charts, start=1):
            st.markdown(f"**{n}. {markdown_text(c.conclusion)}**")
            if isinstance(c, deck.TableSlide):
                st.table(markdown_table(c.table), hide_index=True)
                continue
            st.plotly_chart(c.figure, width="stretch", config={"displayModeBar": False},
                            key=f"mand_preview_{n}")
            render.caption(c.caption)


main()
