"""Puts a monitor.charts.Chart on the screen: the figure, its text
alternative (the conclusion and the table behind it), its caption with source
and peildatum, the note on hidden cells, the PNG and CSV downloads and the
control that adds it to the Raadspresentatie."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import access, audit, exports, registry
from monitor import formatting as fmt
from monitor.charts import Chart
from monitor.escaping import html_text, markdown_table
from monitor.filters import Filters
from pages.ui import basket, data, frame
from pages.ui.filters import current_filters

SUPPRESSION_EXPLANATION = (
    "Cellen met 1 tot 4 personen, en percentages over minder dan 10 personen, worden niet "
    "getoond (‘<5’ of ‘–’), zodat niemand herkenbaar is. Waar een getoond totaal een "
    "verborgen cel zou verraden, is ook een naburige cel verborgen. Een verborgen cel is "
    "nooit 0."
)


def caption(text: str) -> None:
    """A source line with the moment of the last load."""
    info = data.current_load_info()
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
    return Requester(access.current_actor(), data.audit_path())


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


# Session state: element key -> chart key of every chart drawn (the tests
# check each resolves in monitor.registry).
SHOWN = "_im_charts_shown"
# Plotly elements that are not charts of their own: a tile's sparkline, and
# the previews of basket charts (registered charts, drawn again).
NOT_CHARTS = ("spark_", "mand_preview_", "im_dia_chart_")


def chart(c: Chart, key: str | None = None) -> None:
    key = key or f"chart_{c.key}"
    st.session_state.setdefault(SHOWN, {})[key] = c.key
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


def build(kind: str, arg: str = "", f: Filters | None = None, empty: bool = True) -> Chart | None:
    """The registered chart `kind` with `arg` under the sidebar filters (or
    `f`), from the cached queries; None when there is nothing to draw (then
    the kind's Dutch reason is shown, unless `empty` is False)."""
    try:
        return registry.make(kind, arg, data.source(), current_filters() if f is None else f)
    except registry.Unavailable as exc:
        if empty:
            st.info(str(exc))
        return None


def registered(kind: str, arg: str = "", key: str | None = None, f: Filters | None = None,
               empty: bool = True) -> Chart | None:
    """Builds (see `build`) and renders a registered chart; its key puts it in
    the basket and the deck rebuilds it from there. Returns the Chart."""
    c = build(kind, arg, f, empty)
    if c is not None:
        chart(c, key=key)
    return c
