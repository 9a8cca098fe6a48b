"""Evaluatierapportage (seed 002 §7): per domein de kernindicatoren bij de
start van het programma en nu, de verandering, de stand van de acties en
de begroting tegen het plan, als PowerPoint en als PDF."""

from __future__ import annotations

import tempfile

import streamlit as st

from monitor import evaluation
from monitor import formatting as fmt
from monitor import deck, indicators
from pages.ui import data, frame, render
from pages.ui.filters import current_filters

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_data(show_spinner=False, max_entries=4)
def _build(snap: data.Snapshot, now) -> tuple[bytes, bytes | None]:
    pptx = evaluation.build(snap.path, now)
    with tempfile.TemporaryDirectory() as tmp:
        return pptx, deck.to_pdf(pptx, tmp)


def _audited(content: bytes, kind: str, file_name: str):
    """The file for a download button, recorded when the user clicks."""
    who = render.requester()

    def make() -> bytes:
        render.record_download(kind, file_name, who)
        return content
    return make


def main() -> None:
    frame.page_start()
    f = current_filters()
    snap = data.snapshot()
    st.title("Evaluatierapportage")
    base = evaluation.baseline(indicators.peildata(path=snap.path), f.peildatum)
    start = (fmt.date_nl(base.start) if base.start
             else "geen nulmeting (er is maar één peildatum geladen)")
    st.markdown(
        "De tussentijdse en de eindevaluatie van het uitvoeringsprogramma (§ 7): per "
        "domein de kernindicatoren bij de start van het programma en nu, de verandering, de "
        "stand van de acties en de begroting tegen het plan. Het rapport gaat over de hele "
        "regio en alle groepen; alleen de peildatum volgt het filter.")
    st.markdown(f"Start: **{start}** · nu: **{fmt.date_nl(f.peildatum)}**")
    if st.button("Rapportage maken", key="eval_make", type="primary",
                 icon=":material/summarize:") or st.session_state.get("eval_made") == f.peildatum:
        st.session_state["eval_made"] = f.peildatum
        with st.spinner("De rapportage wordt gemaakt…"):
            pptx, pdf = _build(snap, f.peildatum)
        day = f.peildatum.isoformat() if f.peildatum else "nu"
        with st.container(horizontal=True):
            st.download_button("PowerPoint downloaden",
                               _audited(pptx, "pptx", f"evaluatie_{day}.pptx"),
                               file_name=f"evaluatie_{day}.pptx",
                               mime=PPTX_MIME, key="eval_pptx", on_click="ignore",
                               icon=":material/slideshow:")
            if pdf:
                st.download_button("PDF downloaden", _audited(pdf, "pdf", f"evaluatie_{day}.pdf"),
                                   file_name=f"evaluatie_{day}.pdf",
                                   mime="application/pdf", key="eval_pdf", on_click="ignore",
                                   icon=":material/picture_as_pdf:")
            else:
                st.caption("PDF niet beschikbaar: LibreOffice ontbreekt op de server. Open de "
                           "PowerPoint en bewaar die als PDF.")


main()
