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
import copy
import csv
import datetime as dt
import io
import math
import os
import re
import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from . import formatting as fmt
from .charts import Chart

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
    that as a number in a Dutch locale); text as is; missing as empty."""
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
    return str(v)


def csv_text(c: Chart, demo: bool = False) -> str:
    """The Chart's table as `;`-separated text: a title line, the table with
    its Dutch headers, then source and peildatum (and the demo notice)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([c.title])
    if demo:
        w.writerow([DEMO_NOTICE])
    table = c.table if c.table is not None else pd.DataFrame()
    w.writerow([str(h) for h in table.columns])
    for row in table.itertuples(index=False, name=None):
        w.writerow([_cell(v) for v in row])
    w.writerow([])
    w.writerow([data_caption(c)])
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
    return f"Bron: {c.source} · peildatum {fmt.date_nl(c.peildatum)}" + (
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


def print_figure(c: Chart, demo: bool = False, width: int = SCREEN_SIZE[0],
                 height: int = SCREEN_SIZE[1], title: str | None = None,
                 footer: bool = True) -> go.Figure:
    """A copy of the chart's figure laid out for a file: the title above,
    source and peildatum (and the demo notice) below."""
    fig = go.Figure(copy.deepcopy(c.figure.to_dict()))
    # The title is the conclusion (what the chart says), wrapped to the width;
    # the source line wraps too, so neither is cut off at the image's edge.
    heading = _wrap(title or c.conclusion, int(width / 13)) if title != "" else []
    caption = _wrap(c.caption, int(width / 7.2)) if footer else []
    top = 20 + 28 * len(heading)
    left = _left_margin(fig, width)
    # The footer hangs below the paper; the x labels must not move the paper
    # onto it, so their room is reserved here instead of by automargin.
    ticks, right = _x_label_room(fig, width - left - 40)
    lines = len(caption) + (1 if demo else 0)
    bottom = ticks + (20 + 18 * lines if footer else 10)
    fig.update_layout(width=width, height=height, title=None,
                      margin=dict(l=left, r=right, t=top + 30, b=bottom),
                      font=dict(size=16))
    fig.update_xaxes(automargin=False)
    if heading:
        # an annotation, not the layout title: a title of two lines lost its
        # first line above the image
        fig.add_annotation(text="<br>".join(heading), xref="paper", yref="paper", x=0, y=1,
                           xanchor="left", yanchor="bottom", yshift=34, xshift=-left + 10,
                           showarrow=False, align="left", font=dict(size=22, color="#222"))
    if footer:
        footer_lines = caption + ([f"<span style='color:#8A3B00'>{DEMO_NOTICE}</span>"]
                                  if demo else [])
        fig.add_annotation(text="<br>".join(footer_lines), xref="paper", yref="paper", x=0,
                           y=0, xanchor="left", yanchor="top", yshift=-(ticks + 8),
                           showarrow=False, font=dict(size=13, color="#333"), align="left",
                           xshift=-left + 10)
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


async def _render(figures: list[dict], sizes: list[tuple[int, int]], path: str,
                  scale: float) -> list[bytes]:
    # Imported on the first PNG only: kaleido takes ~2 s to import (measured:
    # `time python -c "import kaleido"` 2,7 s against 0,6 s for `pass`), and
    # most page runs make no PNG.
    import kaleido

    out = []
    async with kaleido.Kaleido(n=1, mathjax=False, path=path, timeout=90) as k:
        for fig, (w, h) in zip(figures, sizes):
            out.append(await k.calc_fig(fig, opts=dict(format="png", width=w, height=h,
                                                       scale=scale)))
    return out


def _run(coro):
    """asyncio.run, also from a thread that already has a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: dict = {}

    def target():
        try:
            result["v"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            result["e"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join()
    if "e" in result:
        raise result["e"]
    return result["v"]


def render_png(figures: list[go.Figure], browser: str | None = None,
               scale: float = 1) -> list[bytes]:
    """PNGs of laid-out figures, one browser start for all of them."""
    if not figures:
        return []
    path = browser_path(browser)
    dicts = [f.to_dict() for f in figures]
    sizes = [(int(f.layout.width or SCREEN_SIZE[0]), int(f.layout.height or SCREEN_SIZE[1]))
             for f in figures]
    try:
        return _run(_render(dicts, sizes, path, scale))
    except PngUnavailable:
        raise
    except Exception as exc:
        raise PngUnavailable(f"De afbeelding kon niet worden gemaakt ({type(exc).__name__}).") \
            from exc


def png_bytes(c: Chart, demo: bool = False, browser: str | None = None) -> bytes:
    """One chart as a PNG with title, source, peildatum and demo notice."""
    return render_png([print_figure(c, demo)], browser)[0]
