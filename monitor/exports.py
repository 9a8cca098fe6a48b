"""A Chart as files: its table as a CSV that Excel in a Dutch locale opens
right, and its figure as a PNG that carries title, source, peildatum and (on
demo data) the demo notice.

Everything comes from the Chart object: nothing is re-queried or
re-suppressed here, so a file can never show more than the screen did.

PNG rendering uses plotly + kaleido with the system Chromium. Kaleido (v1)
finds a browser through choreographer: an explicit `path`, else the
BROWSER_PATH environment variable, else `chromium`/`google-chrome` on PATH,
else a copy it downloaded earlier with `kaleido_get_chrome`. It never
downloads on its own; this module passes the path explicitly (see
`browser_path`) and turns MathJax off, whose default is a CDN URL the
rendering page would otherwise try to fetch. Importable without Streamlit.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import csv
import datetime as dt
import io
import itertools
import math
import os
import re
import shutil
import threading
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from . import formatting as fmt
from .charts import Chart
from .escaping import plotly_text, spreadsheet_cell

DEMO_NOTICE = ("Demodata: synthetische gegevens, niet over echte inwoners en niet geschikt "
               "voor besluitvorming.")
CSV_MIME = "text/csv"
PNG_MIME = "image/png"
SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# One PNG for the screen, one for a 16:9 slide at presentation resolution.
SCREEN_SIZE = (1200, 675)
SLIDE_SIZE = (1280, 720)
SLIDE_SCALE = 1.5  # 1920 x 1080 pixels, with text readable on a projector


class PngUnavailable(RuntimeError):
    """No browser to render with; the message is Dutch, for the screen."""


# --- CSV ------------------------------------------------------------------------

def _cell(v) -> str:
    """A number with a decimal comma and no thousands separator (Excel reads
    that as a number in a Dutch locale); text as text, never as a formula
    (`spreadsheet_cell`); missing as empty."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v == int(v) and abs(v) < 1e15:
            return str(int(v))
        # as the table on the screen shows it (one decimal), rounded once from
        # the stored value; grouping dots left out so Excel reads a number
        return fmt.number(v, 1).replace(".", "")
    if isinstance(v, (dt.date, pd.Timestamp)):
        return fmt.date_nl(v)
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):  # numpy scalars
        return _cell(v.item())
    return spreadsheet_cell(str(v))


def csv_text(c: Chart, demo: bool = False) -> str:
    """The Chart's table as `;`-separated text: a title line, the table with
    its Dutch headers, then source and peildatum (and the demo notice) and
    the chart's sentence."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([spreadsheet_cell(c.title)])
    if demo:
        w.writerow([DEMO_NOTICE])
    table = c.table if c.table is not None else pd.DataFrame()
    w.writerow([spreadsheet_cell(str(h)) for h in table.columns])
    for row in table.itertuples(index=False, name=None):
        w.writerow([_cell(v) for v in row])
    w.writerow([])
    w.writerow([spreadsheet_cell(data_caption(c))])
    if c.conclusion:  # the chart's judgement, word for word as on the screen and the slide
        w.writerow([spreadsheet_cell(c.conclusion)])
    if c.suppressed:
        w.writerow(["‘<5’ / ‘–’: verborgen om herkenbaarheid te voorkomen; een verborgen cel is "
                    "nooit 0."])
    return buf.getvalue()


# Remarks on how the chart looks ("totaal in oranje", "een onderbreking is …")
# describe the picture, not the data: they stay out of the CSV.
_VISUAL = re.compile(r"\b(oranje|blauw|grijs|kleur|onderbreking|gestippeld|arcering|lijn)\b",
                     re.IGNORECASE)


def data_caption(c: Chart) -> str:
    """The caption without remarks about the picture."""
    parts = [p for p in (c.note or "").split(";") if p.strip() and not _VISUAL.search(p)]
    return f"Bron: {c.source} · {c.date_line}" + (
        " · " + "; ".join(p.strip() for p in parts) if parts else "")


def csv_bytes(c: Chart, demo: bool = False) -> bytes:
    """UTF-8 with BOM, so Excel detects the encoding."""
    return csv_text(c, demo).encode("utf-8-sig")


def read_csv(data: bytes) -> tuple[list[str], pd.DataFrame]:
    """The lines before the header and the table, parsed back (for tests and
    checks): Dutch decimals become floats."""
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    blank = rows.index([]) if [] in rows else len(rows)
    lead = 2 if len(rows) > 1 and rows[1] and rows[1][0] == DEMO_NOTICE else 1
    header, body = rows[lead], rows[lead + 1:blank]

    def num(x: str):
        if x == "":
            return None
        try:
            return float(x.replace(",", "."))
        except ValueError:
            return x

    df = pd.DataFrame([[num(x) for x in r] for r in body], columns=header)
    return [r[0] for r in rows[:lead]], df


# --- PNG ------------------------------------------------------------------------

def browser_path(explicit: str | os.PathLike | None = None) -> str:
    """The Chromium kaleido renders with: `explicit`, else BROWSER_PATH (the
    variable choreographer itself honours), else the system Chromium."""
    for candidate in (explicit, os.environ.get("BROWSER_PATH"), *SYSTEM_CHROMIUM,
                      shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise PngUnavailable("Er is geen Chromium op de server gevonden; een afbeelding maken kan "
                         "daarom niet. De CSV-download werkt wel.")


def _left_margin(fig: go.Figure, width: int) -> int:
    """Room for the category labels of horizontal bars: the renderer does not
    always widen the margin for them itself, and a cut label misleads."""
    labels = [str(v) for t in fig.data if getattr(t, "orientation", None) == "h"
              for v in (t.y if t.y is not None else ())]
    longest = max((len(v) for v in labels), default=0)
    return int(min(width * 0.4, max(60, 20 + 9.5 * longest)))


# Text metrics for laying out before the browser draws: an average glyph of
# the sans-serif plotly uses is about half the font size wide; these err on
# the wide side, so the room reserved is never too small.
CHAR_EM = 0.58
LEGEND_SYMBOL_PX = 46  # the symbol, its padding and the gap to its text
LEGEND_GAP_PX = 16
HEADING_PX = 22
PAD_PX = 10


def legend_entries(fig: go.Figure) -> list:
    """The traces that have an entry in the legend, as plotly decides it:
    `showlegend` on the layout, else a legend for more than one trace."""
    traces = [t for t in fig.data if getattr(t, "showlegend", False) is not False
              and getattr(t, "visible", None) is not False and t.name]
    shown = fig.layout.showlegend
    if shown is False or (shown is None and len(traces) < 2):
        return []
    return traces


def _wrap_px(text: str, room_px: float, font_px: float) -> list[str]:
    import textwrap

    # a word longer than the room stays whole: "verborge / n" reads worse
    return textwrap.wrap(text, width=max(8, int(room_px / (font_px * CHAR_EM))),
                         break_long_words=False, break_on_hyphens=False) or [text]


def reserve_legend(fig: go.Figure, width: int, height: int, font_px: float, top: float) -> float:
    """Lay the legend out in rows with their top `top` px below the top of the
    image, across the whole width, a name too long for one row wrapped over
    lines; returns the pixels the rows take. Each entry is a legend of its
    own at a position computed here: plotly wraps one horizontal legend at
    the plot's width, which is only known once it has drawn the axes, so its
    row count could not be reserved for beforehand. (Horizontal and placed
    in container coordinates, a legend claims top margin only; a vertical
    one would push the plot aside.)"""
    entries = legend_entries(fig)
    if not entries:
        return 0
    room = width - 2 * PAD_PX
    line = font_px * 1.3
    x, y, row_h = float(PAD_PX), float(top), 0.0
    for n, t in enumerate(entries):
        lines = _wrap_px(t.name.replace("<br>", " "), room - LEGEND_SYMBOL_PX, font_px)
        t.name = "<br>".join(lines)
        w = LEGEND_SYMBOL_PX + max(len(v) for v in lines) * font_px * CHAR_EM
        if x > PAD_PX and x + w > PAD_PX + room:
            x, y, row_h = float(PAD_PX), y + row_h, 0.0
        name = f"legend{n + 1}" if n else "legend"
        t.legend = name
        fig.update_layout({name: dict(
            orientation="h", xref="container", yref="container", x=x / width, xanchor="left",
            y=1 - y / height, yanchor="top", font=dict(size=font_px), title=None,
            bgcolor="rgba(0,0,0,0)", borderwidth=0)})
        x += w + LEGEND_GAP_PX
        row_h = max(row_h, len(lines) * line + 10)
    fig.update_layout(showlegend=True)
    return y + row_h - top


def print_figure(c: Chart, demo: bool = False, width: int = SCREEN_SIZE[0],
                 height: int = SCREEN_SIZE[1], title: str | None = None,
                 footer: bool = True, font_px: float = 16) -> go.Figure:
    """A copy of the chart's figure laid out for a file: from the top the
    title, the legend, the plot, then source and peildatum (and the demo
    notice). Each gets room of its own, so no text runs over another."""
    fig = go.Figure(copy.deepcopy(c.figure.to_dict()))
    # A file looks the same whoever draws it: importing Streamlit makes its
    # own template plotly's default, and that one leaves the axes without
    # automargin, so tick labels such as "€ 120.000" fell outside the image.
    fig.update_layout(template="plotly")
    # The title is the conclusion (what the chart says), wrapped to the width;
    # the source line wraps too, so neither is cut off at the image's edge.
    heading = _wrap_px(title or c.conclusion, width - 2 * PAD_PX, HEADING_PX) \
        if title != "" else []
    caption = _wrap(c.caption, int(width / 7.2)) if footer else []
    heading_px = HEADING_PX * 1.3 * len(heading) + (8 if heading else 0)
    top = PAD_PX + heading_px
    top += reserve_legend(fig, width, height, font_px, top)
    left = _left_margin(fig, width)
    # The footer hangs below the paper; the x labels must not move the paper
    # onto it, so their room is reserved here instead of by automargin.
    ticks, right = _x_label_room(fig, width - left - 40)
    lines = len(caption) + (1 if demo else 0)
    bottom = ticks + (20 + 18 * lines if footer else 10)
    fig.update_layout(width=width, height=height, title=None,
                      margin=dict(l=left, r=right, t=int(top + font_px), b=bottom),
                      font=dict(size=font_px))
    fig.update_xaxes(automargin=False)
    if heading:
        # an annotation at the image's top, not the layout title: a title of
        # two lines lost its first line above the image
        fig.add_annotation(text="<br>".join(plotly_text(h) for h in heading), xref="paper",
                           yref="paper", x=0, y=1, xanchor="left", yanchor="top",
                           yshift=int(top + font_px) - PAD_PX, xshift=-left + PAD_PX,
                           showarrow=False, align="left",
                           font=dict(size=HEADING_PX, color="#222"), name="heading")
    if footer:
        footer_lines = [plotly_text(line) for line in caption] + ([f"<span style='color:#8A3B00'>{DEMO_NOTICE}</span>"]
                                  if demo else [])
        fig.add_annotation(text="<br>".join(footer_lines), xref="paper", yref="paper", x=0,
                           y=0, xanchor="left", yanchor="top", yshift=-(ticks + 8),
                           showarrow=False, font=dict(size=13, color="#333"), align="left",
                           xshift=-left + 10, name="footer")
    return fig


def _x_label_room(fig: go.Figure, plot_width: int) -> int:
    """Pixels below the plot for the x tick labels and the axis title, and
    to its right for the last label: rotated when the category labels do not
    fit side by side."""
    xs = [getattr(t, "x", None) for t in fig.data if getattr(t, "orientation", None) != "h"]
    labels = [str(v) for x in xs if x is not None for v in x if isinstance(v, str)]
    room, right = 30, 40
    if labels:
        longest = max(len(v) for v in labels)
        per = plot_width / max(1, len(set(labels)))
        if longest * 8.5 > per:  # plotly turns them 30–90 degrees
            room = int(longest * 8.5 * 0.75) + 20
            right = 40 + int(longest * 8.5 * 0.6)  # the last label reaches past the plot
    if fig.layout.xaxis.title.text:
        room += 28
    return room, right


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=max(20, width)) or [text]


class _Renderer:
    """One Chromium kept open for every PNG of this process: starting the
    browser is most of a PNG's time (4-6 s against ~0,2 s for the image).
    Its asyncio loop runs in a thread of its own; each caller waits on the
    future of its own figure, so images of concurrent sessions never mix up
    (kaleido's own sync server hands results back through one shared queue).
    A renderer that fails is closed and the next call starts a fresh one."""

    TABS = 2  # two images in parallel; more adds memory and no speed on 2 cores

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._path: str | None = None

    def _start(self, path: str) -> None:
        # Imported on the first PNG only: kaleido takes ~2 s to import (measured:
        # `time python -c "import kaleido"` 2,7 s against 0,6 s for `pass`), and
        # most page runs make no PNG.
        import kaleido

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="png-renderer", daemon=True).start()
        k = kaleido.Kaleido(n=self.TABS, mathjax=False, path=path, timeout=90)
        try:
            asyncio.run_coroutine_threadsafe(k.__aenter__(), loop).result(timeout=120)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop, self._kaleido, self._path = loop, k, path

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        loop, k = self._loop, self._kaleido
        self._loop = self._kaleido = self._path = None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(k.__aexit__(None, None, None), loop).result(timeout=30)
        except BaseException:  # noqa: BLE001 - a dead browser has nothing left to close
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)

    def ensure(self, path: str):
        """(loop, kaleido) of a running browser at `path`, started if need be."""
        with self._lock:
            if self._loop is not None and self._path != path:
                self._close()
            if self._loop is None:
                self._start(path)
            return self._loop, self._kaleido

    def render(self, figures: Iterable[tuple[dict, tuple[int, int]]], path: str,
               scale: float) -> list[bytes]:
        """PNGs of (figure, (width, height)) pairs. Each figure goes to the
        browser as soon as the iterable yields it, so Chromium draws one
        while the caller lays out the next (a deck's figures take seconds of
        plotly in Python; the machine has a second core). An error while
        laying out is the caller's, raised as _LayoutFailed; the browser
        stays."""
        loop, k = self.ensure(path)
        futures = []
        try:
            for fig, (w, h) in figures:
                futures.append(asyncio.run_coroutine_threadsafe(
                    k.calc_fig(fig, opts=dict(format="png", width=w, height=h, scale=scale)),
                    loop))
        except Exception as exc:
            for f in futures:
                f.cancel()
            raise _LayoutFailed() from exc
        try:
            return [f.result(timeout=120) for f in futures]
        except BaseException:
            for f in futures:
                f.cancel()
            with self._lock:
                if self._kaleido is k:
                    self._close()
            raise


class _LayoutFailed(Exception):
    """Laying out a figure failed (its cause): a fault of the caller's
    figure, not of the browser, and not to be reported as one."""


_renderer = _Renderer()
atexit.register(_renderer.close)


def warm(browser: str | None = None) -> None:
    """Start the browser before the first click needs it (a server calls this
    in the background); without a browser nothing happens, the click will say so."""
    try:
        _renderer.ensure(browser_path(browser))
    except Exception:  # noqa: BLE001 - the click reports what went wrong
        pass


def render_png(figures: Iterable[go.Figure], browser: str | None = None,
               scale: float = 1) -> list[bytes]:
    """PNGs of laid-out figures, from the process's one open browser.
    `figures` may be a generator: each is drawn while the next is laid out."""
    figures = iter(figures)
    first = next(figures, None)
    if first is None:
        return []
    path = browser_path(browser)

    def laid_out():
        for f in itertools.chain([first], figures):
            yield f.to_dict(), (int(f.layout.width or SCREEN_SIZE[0]),
                                int(f.layout.height or SCREEN_SIZE[1]))
    try:
        return _renderer.render(laid_out(), path, scale)
    except _LayoutFailed as failed:
        raise failed.__cause__ from None
    except PngUnavailable:
        raise
    except Exception as exc:
        raise PngUnavailable(f"De afbeelding kon niet worden gemaakt ({type(exc).__name__}).") \
            from exc


def png_bytes(c: Chart, demo: bool = False, browser: str | None = None) -> bytes:
    """One chart as a PNG with title, source, peildatum and demo notice."""
    return render_png([print_figure(c, demo)], browser)[0]
