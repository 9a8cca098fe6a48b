"""Puts a monitor.charts.Chart on the screen: the figure, its text
alternative (the conclusion and the table behind it), its caption with source
and peildatum, the note on hidden cells, the PNG and CSV downloads and the
control that adds it to the Raadspresentatie."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import access, audit, exports
from monitor import formatting as fmt
from monitor.charts import Chart
from monitor.escaping import html_text, markdown_table
from pages.ui import basket, data, frame

SUPPRESSION_EXPLANATION = (
    "Cellen met 1 tot 4 personen, en percentages over minder dan 10 personen, worden niet "
    "getoond (‘<5’ of ‘–’), zodat niemand herkenbaar is. Waar een getoond totaal een "
    "verborgen cel zou verraden, is ook een naburige cel verborgen. Een verborgen cel is "
    "nooit 0."
)


def caption(text: str) -> None:
    """A source line with the moment of the last load."""
    info = data.load_info(data.snapshot())
    loaded = fmt.datetime_nl(info.get("loaded_at")) if info else fmt.MISSING
    st.caption(f"{text} · geladen {loaded}")


def suppression_note(count: int | None = None) -> None:
    if count == 0:
        return
    lead = f"{count} cel(len) verborgen. " if count else ""
    st.caption(f"‘<5’ / ‘–’: {lead}{SUPPRESSION_EXPLANATION}")


@dataclass(frozen=True)
class Requester:
    """Who downloads, and where the audit log lives: read in the page run,
    because the file is made at the click, outside it."""

    actor: str
    audit_log: Path


def requester() -> Requester:
    return Requester(access.current_actor(), audit.path_beside(data.store_path()))


def record_download(kind: str, file_name: str, who: Requester) -> None:
    """Every download passes here (BIO 8.15), when the user clicks, before
    the file is made. The file name says what and which peildatum; no
    personal data."""
    audit.record("download", f"{kind}:{file_name}", "ok", actor=who.actor, path=who.audit_log)


def _csv(c: Chart, demo: bool, who: Requester):
    # runs when the user clicks, outside the page run: no st.* calls here
    def make() -> bytes:
        record_download("csv", f"{c.file_stem()}.csv", who)
        return exports.csv_bytes(c, demo)
    return make


def _png(c: Chart, demo: bool, who: Requester):
    # runs when the user clicks, outside the page run: no st.* calls here
    def make() -> bytes:
        record_download("png", f"{c.file_stem()}.png", who)
        return exports.png_bytes(c, demo)
    return make


def png_unavailable() -> str | None:
    """None when a PNG can be made, else the Dutch reason."""
    try:
        exports.browser_path()
    except exports.PngUnavailable as exc:
        return str(exc)
    return None


def _display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as text in Dutch notation, for reading on the screen."""
    def cell(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, float):
            return fmt.number(v, 0 if v == int(v) else 1)
        return str(v)
    return pd.DataFrame({col: [cell(v) for v in table[col]] for col in table.columns})


def text_alternative(c: Chart, key: str) -> None:
    """The conclusion as text and the table behind the chart, so the chart
    can be read without seeing it."""
    st.markdown(f"<p class='im-conclusion'>{html_text(c.conclusion)}</p>", unsafe_allow_html=True)
    if c.table is not None and not c.table.empty:
        with st.expander("Tabel bij deze grafiek", icon=":material/table:", key=f"tbl_{key}"):
            st.table(markdown_table(_display_table(c.table)), hide_index=True)


def chart(c: Chart, key: str | None = None) -> None:
    key = key or f"chart_{c.key}"
    # no mode bar: its tooltips are English only
    st.plotly_chart(c.figure, width="stretch", config={"displayModeBar": False}, key=key)
    caption(c.caption)
    if c.suppressed:
        suppression_note(c.suppressed)
    text_alternative(c, key)
    demo = frame.is_demo()
    who = requester()
    with st.container(horizontal=True, key=f"export_{key}", gap="small"):
        unavailable = png_unavailable()
        st.download_button("Afbeelding (PNG)", _png(c, demo, who), file_name=f"{c.file_stem()}.png",
                           mime=exports.PNG_MIME, key=f"png_{key}", on_click="ignore",
                           icon=":material/image:", disabled=unavailable is not None,
                           help=unavailable or "De grafiek met titel, bron en peildatum als "
                                               "afbeelding.")
        st.download_button("Gegevens (CSV)", _csv(c, demo, who), file_name=f"{c.file_stem()}.csv",
                           mime=exports.CSV_MIME, key=f"csv_{key}", on_click="ignore",
                           icon=":material/download:",
                           help="De getoonde cijfers, met puntkomma en decimale komma (Excel).")
        basket.add_control(c, key)
