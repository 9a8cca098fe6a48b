"""A PowerPoint deck (python-pptx, 16:9) from Charts: a title slide, one
slide per chart (its one-line conclusion as the slide title, the chart as an
image at presentation resolution, source and peildatum in the footer, the
demo notice on every slide on demo data), tables as real pptx tables, and a
closing slide with the definitions used.

The deck is built from Chart objects and their PNGs only; nothing is
re-queried here. Importable without Streamlit.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from . import catalogue as cat
from . import exports
from . import formatting as fmt
from .charts import SLIDE_PARTS, Chart

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 inch
MARGIN = Inches(0.5)
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x44, 0x44, 0x44)
DEMO_RED = RGBColor(0x8A, 0x3B, 0x00)
BLUE = RGBColor(0x00, 0x5A, 0x8C)
TITLE_ONLY = 5  # layout index in the default template
# Legible from the back of a council chamber: no text on a slide smaller
# than FOOTER_PT, tables and body text at least BODY_PT; a longer table
# continues on the next slide instead of shrinking.
BODY_PT = 18
FOOTER_PT = 14
TITLE_PT = 28
TITLE_MIN_PT = 20

FOOTER_NAME = "Voettekst"
DEMO_NAME = "Demomelding"


@dataclass(frozen=True)
class TableSlide:
    """A table that goes into the deck as a real pptx table."""

    title: str
    table: pd.DataFrame
    source: str
    peildatum: dt.date | None = None
    note: str | None = None
    key: str = ""
    bullets: tuple[str, ...] = ()   # sentences under the table
    headline: str | None = None     # the conclusion, when it is not the title

    @property
    def conclusion(self) -> str:
        return self.headline or self.title


@dataclass(frozen=True)
class DeckMeta:
    title: str
    peildatum: dt.date | None
    region: str
    filters: str
    demo: bool = False
    made_on: dt.date = field(default_factory=dt.date.today)
    subtitle: str | None = None


def _text(shape, text: str, size: int, colour=DARK, bold: bool = False) -> None:
    tf = shape.text_frame
    tf.word_wrap = True
    tf.text = text
    for p in tf.paragraphs:
        for r in p.runs:
            r.font.size = Pt(size)
            r.font.bold = bold
            r.font.color.rgb = colour


def _box(slide, left, top, width, height, text: str, size: int, colour=DARK, bold=False,
         name: str | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    _text(box, text, size, colour, bold)
    if name:
        box.name = name
    return box


TITLE_TOP = Inches(0.3)


def title_height(text: str, size: int) -> int:
    """The height a title takes at `size` over the slide's width: bold
    glyphs about 0.6 em wide on average (DejaVu Sans Bold, LibreOffice's
    stand-in for Calibri, measures 0.57-0.58), at least the one inch the
    template gives a title."""
    import textwrap

    per_line = int((WIDTH - 2 * MARGIN) / (Pt(size) * 0.6))
    lines = len(textwrap.wrap(text, per_line, break_long_words=False)) or 1
    return max(Inches(1.0), int(lines * Pt(size) * 1.2 + Inches(0.15)))


def _title(slide, text: str, size: int = 26) -> None:
    t = slide.shapes.title
    t.left, t.top, t.width = MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN
    t.height = title_height(text, size)
    _text(t, text, size, DARK, bold=True)
    t.text_frame.paragraphs[0].alignment = 1  # left


FOOTER_LINE = Pt(FOOTER_PT) * 1.3
DEMO_H = Inches(0.4)


def _footer_height(caption: str, demo: bool) -> int:
    """Height of footer and demo line: the footer grows upwards with its
    text, so it never runs into the demo line below it."""
    per_line = int((WIDTH - 2 * MARGIN) / (Pt(FOOTER_PT) * 0.5))
    lines = max(1, -(-len(caption + " · dia 99") // per_line))
    return int(lines * FOOTER_LINE + Inches(0.15) + (DEMO_H if demo else Inches(0.15)))


def _footer(slide, caption: str, demo: bool, number: int | None = None) -> None:
    text = caption + (f" · dia {number}" if number else "")
    h = _footer_height(caption, demo)
    below = DEMO_H if demo else Inches(0.15)
    _box(slide, MARGIN, HEIGHT - h, WIDTH - 2 * MARGIN, h - below, text, FOOTER_PT, GREY,
         name=FOOTER_NAME)
    if demo:
        _box(slide, MARGIN, HEIGHT - DEMO_H, WIDTH - 2 * MARGIN, DEMO_H - Inches(0.05),
             exports.DEMO_NOTICE, FOOTER_PT, DEMO_RED, bold=True, name=DEMO_NAME)


def _new_slide(prs):
    return prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])


def _title_slide(prs, meta: DeckMeta) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = meta.title
    _text(slide.shapes.title, meta.title, 36, BLUE, bold=True)
    lines = [meta.subtitle] if meta.subtitle else []
    lines += [f"Gemaakt op {fmt.date_nl(meta.made_on)}",
              f"Peildatum {fmt.date_nl(meta.peildatum)}",
              f"Regio: {meta.region}",
              f"Filters: {meta.filters}"]
    body = slide.placeholders[1]
    body.text = "\n".join(lines)
    for p in body.text_frame.paragraphs:
        for r in p.runs:
            r.font.size = Pt(18)
            r.font.color.rgb = GREY
    if meta.demo:
        _box(slide, MARGIN, HEIGHT - Inches(0.8), WIDTH - 2 * MARGIN, Inches(0.4),
             exports.DEMO_NOTICE, 14, DEMO_RED, bold=True, name=DEMO_NAME)


def _chart_slide(prs, c: Chart, png: bytes, demo: bool, number: int) -> None:
    slide = _new_slide(prs)
    # The image starts under the title, however many lines it takes, and must
    # stay wide enough for its text to be BODY_PT: a long title steps down in
    # size (never below TITLE_MIN_PT) before the chart shrinks.
    least_w = Pt(SLIDE_LOGICAL[0] * BODY_PT / SLIDE_FONT_PX)
    for size in (TITLE_PT if len(c.conclusion) < 90 else 24, 22, TITLE_MIN_PT):
        top = max(Inches(1.35), TITLE_TOP + title_height(c.conclusion, size) + Inches(0.05))
        avail_h = HEIGHT - top - _footer_height(c.caption, demo) - Inches(0.05)
        if avail_h * 16 / 9 >= least_w:
            break
    _title(slide, c.conclusion, size)
    avail_w = WIDTH - 2 * MARGIN
    # the image is 16:9; fit it into the free area and centre it
    h = min(avail_h, Emu(int(avail_w * 9 / 16)))
    w = Emu(int(h * 16 / 9))
    pic = slide.shapes.add_picture(io.BytesIO(png), int((WIDTH - w) / 2), top, w, h)
    # the text alternative of the image, for screen readers in PowerPoint
    pic._element.nvPicPr.cNvPr.set("descr", f"{c.title}. {c.conclusion}")
    pic.name = c.title[:60]
    _footer(slide, c.caption, demo, number)


def _cell_text(v) -> str:
    if v is None:
        return fmt.MISSING
    if isinstance(v, float):
        if pd.isna(v):
            return fmt.MISSING
        return fmt.number(v, 0 if v == int(v) else 1)
    return str(v)


# Text metrics at BODY_PT for laying a table out before PowerPoint or
# LibreOffice does. LibreOffice draws Calibri as DejaVu Sans, whose digits
# are 0.64 em and average text about 0.55 em wide: 0.6 em per character keeps
# "91%" on one line in either program.
CHAR_W = Pt(BODY_PT) * 0.6
PROSE_W = Pt(BODY_PT) * 0.55  # running text (DejaVu Sans measures 0.50-0.52 em)
LINE_H = Pt(BODY_PT) * 1.25
CELL_PAD = Inches(0.08)
TABLE_TOP = Inches(1.45)


def _longest_word(text: str) -> int:
    return max((len(w) for w in str(text).split()), default=1)


def _column_widths(df: pd.DataFrame, total: int) -> list[int]:
    """Widths by content: no column narrower than its longest word (so no
    word breaks), a sentence column gets what is left."""
    cols = list(df.columns)
    texts = [[str(h)] + [_cell_text(v) for v in df[h]] for h in cols]
    floor = [max(_longest_word(t) for t in col) + 2 for col in texts]
    want = [min(max(len(t) for t in col), 48) + 2 for col in texts]
    need = [max(f, w) for f, w in zip(floor, want)]
    scale = total / (sum(need) * CHAR_W)
    if scale >= 1:
        return [int(total * n / sum(need)) for n in need]
    # too wide: every column keeps its floor, the rest shrinks in proportion
    rest = total - sum(f * CHAR_W for f in floor)
    extra = [n - f for n, f in zip(need, floor)]
    return [int(f * CHAR_W + max(rest, 0) * e / max(sum(extra), 1)) for f, e in zip(floor, extra)]


def _lines(text: str, width: int, char_w: float = CHAR_W) -> int:
    per_line = max(1, int((width - CELL_PAD) / char_w))
    out = 0
    for para in str(text).split("\n"):
        n, line = 1, 0
        for word in para.split():
            add = len(word) + (1 if line else 0)
            if line + add > per_line and line:
                n, line = n + 1, len(word)
            else:
                line += add
        out += n
    return out


def _row_heights(df: pd.DataFrame, widths: list[int]) -> list[int]:
    rows = [list(map(str, df.columns))] + [[_cell_text(v) for v in r]
                                           for r in df.itertuples(index=False, name=None)]
    return [int(max(_lines(t, w) for t, w in zip(r, widths)) * LINE_H + CELL_PAD) for r in rows]


def _table_slide(prs, t: TableSlide, demo: bool, number: int) -> int:
    """The table on as many slides as it needs at BODY_PT, rows laid out by
    their text; returns how many slides."""
    chunks = table_chunks(t)
    for n, df in enumerate(chunks, start=1):
        title = t.conclusion + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else "")
        _one_table_slide(prs, t, df, title, t.bullets if n == len(chunks) else (), demo,
                         number + n - 1)
    return len(chunks)


def _bullets_height(bullets) -> int:
    width = WIDTH - 2 * MARGIN
    return sum(int(_lines("• " + b, width, PROSE_W) * LINE_H) for b in bullets) + (
        int(Inches(0.2)) if bullets else 0)


def table_chunks(t: TableSlide) -> list[pd.DataFrame]:
    """The table's rows split over slides so each part fits above the
    footer (the last part also leaves room for the bullets)."""
    df = t.table
    widths = _column_widths(df, WIDTH - 2 * MARGIN)
    heights = _row_heights(df, widths)
    room = HEIGHT - _table_top(t) - _footer_height(_table_caption(t), True) - Inches(0.1)
    head, body = heights[0], heights[1:]
    chunks, start, used = [], 0, head
    for i, h in enumerate(body):
        if used + h > room and i > start:
            chunks.append(df.iloc[start:i])
            start, used = i, head
        used += h
    last = df.iloc[start:]
    if used + _bullets_height(t.bullets) > room and len(last) > 1:
        # move rows to a slide of their own until the bullets fit
        tail_rows = body[start:]
        keep = len(tail_rows)
        while keep > 1 and head + sum(tail_rows[:keep]) + _bullets_height(t.bullets) > room:
            keep -= 1
        chunks.append(df.iloc[start:start + keep])
        last = df.iloc[start + keep:]
    chunks.append(last)
    return [c for c in chunks if len(c)] or [df]


def _table_title_pt(title: str) -> int:
    """A long title in smaller type rather than a third line over the table."""
    if len(title) < 90:
        return TITLE_PT
    return 24 if title_height(title, 24) <= Inches(1.0) else TITLE_MIN_PT  # two lines


def _table_top(t: TableSlide) -> int:
    """Where a table starts: under its title however many lines that takes
    (with room for a part number "(2/3)")."""
    title = t.conclusion + " (9/9)"
    return max(TABLE_TOP, TITLE_TOP + title_height(title, _table_title_pt(title))
               + Inches(0.05))


def _one_table_slide(prs, t: TableSlide, df: pd.DataFrame, title: str, bullets, demo: bool,
                     number: int) -> None:
    slide = _new_slide(prs)
    _title(slide, title, _table_title_pt(title))
    top = _table_top(t)
    rows, cols = len(df) + 1, max(1, len(df.columns))
    widths = _column_widths(df, WIDTH - 2 * MARGIN)
    heights = _row_heights(df, widths)
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, sum(widths), sum(heights))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Emu(h)
    for j, h in enumerate(df.columns):
        table.cell(0, j).text = str(h)
    for i, row in enumerate(df.itertuples(index=False, name=None), start=1):
        for j, v in enumerate(row):
            table.cell(i, j).text = _cell_text(v)
    for i in range(rows):
        for j in range(cols):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.05)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            for p in cell.text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(BODY_PT)
    if bullets:
        box = _box(slide, MARGIN, top + sum(heights) + Inches(0.2), WIDTH - 2 * MARGIN,
                   _bullets_height(bullets), "", BODY_PT)
        tf = box.text_frame
        for k, line in enumerate(bullets):
            para = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            run = para.add_run()
            heading = k == 0 and line.endswith(":")
            run.text = line if heading else f"• {line}"
            run.font.size = Pt(BODY_PT)
            run.font.color.rgb = DARK
            run.font.bold = heading
    _footer(slide, _table_caption(t), demo, number)


def _table_caption(t: TableSlide) -> str:
    return f"Bron: {t.source} · peildatum {fmt.date_nl(t.peildatum)}" + (
        f" · {t.note}" if t.note else "")


DEFINITIONS_PER_SLIDE = 7


def _definitions_slides(prs, definitions: list[tuple[str, str]], demo: bool) -> None:
    chunks = [definitions[i:i + DEFINITIONS_PER_SLIDE]
              for i in range(0, len(definitions), DEFINITIONS_PER_SLIDE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        title = "Gebruikte definities" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else "")
        _definitions_slide(prs, chunk, demo, title)


def _definitions_slide(prs, definitions: list[tuple[str, str]], demo: bool, title: str) -> None:
    slide = _new_slide(prs)
    _title(slide, title, TITLE_PT)
    size = FOOTER_PT  # reference text, read on paper rather than from the back row
    box = _box(slide, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.3), "", size)
    tf = box.text_frame
    first = True
    for name, definition in definitions or [("Geen indicatoren",
                                             "Deze presentatie bevat geen indicatorgrafieken.")]:
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        r1 = p.add_run()
        r1.text = f"{name}: "
        r1.font.bold = True
        r1.font.size = Pt(size)
        r2 = p.add_run()
        r2.text = definition or "geen definitie vastgelegd"
        r2.font.size = Pt(size)
    _footer(slide, "Definities uit de indicatorcatalogus van de Integratiemonitor. Cellen van 1 "
                   "tot 4 personen worden niet getoond (‘<5’ of ‘–’).", demo)


def definitions_for(items: list, catalogue: list[cat.Indicator]) -> list[tuple[str, str]]:
    """The catalogue definitions of the indicators behind the charts."""
    by_id = cat.by_id(catalogue)
    out: list[tuple[str, str]] = []
    for it in items:
        if isinstance(it, Chart):
            ind = by_id.get(it.key.partition("/")[0])
            if ind is not None and (ind.name, ind.definition) not in out:
                out.append((ind.name, ind.definition))
    return out


def build(meta: DeckMeta, items: list, definitions: list[tuple[str, str]],
          render=None) -> bytes:
    """The .pptx as bytes. `items` are Charts and TableSlides in order;
    `render` draws the chart slides' images, one per chart slide in order
    (default slide_images)."""
    items = slides_of(items)
    images = iter((render or slide_images)([it for it in items if isinstance(it, Chart)]))
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = meta.title
    prs.core_properties.language = "nl-NL"
    _title_slide(prs, meta)
    n = 2
    for it in items:
        if isinstance(it, Chart):
            _chart_slide(prs, it, next(images), meta.demo, n)
            n += 1
        else:
            n += _table_slide(prs, it, meta.demo, n)
    _definitions_slides(prs, definitions, meta.demo)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# A chart slide's image is drawn at 960 x 540 and rendered at twice that
# (1920 x 1080). It fills 8.5 to 9.2 inch of slide width, so 30 px of chart
# text is at least 18 pt on the slide: legible from the back of the chamber.
SLIDE_LOGICAL = (960, 540)
SLIDE_IMAGE_SCALE = 2
SLIDE_FONT_PX = 30


def legible(fig):
    """The figure with every text at SLIDE_FONT_PX and margins that grow to
    fit axis labels (a cut label like "2e helft 2026 (lop" is worse than a
    smaller plot). The top margin and the legend are print_figure's, laid
    out at this size. A value label that cannot be drawn at that size in its
    bar is left out rather than shrunk: the table and the CSV have it."""
    px = SLIDE_FONT_PX
    fig.update_layout(font=dict(size=px), margin=dict(l=10, r=30, b=10),
                      uniformtext=dict(minsize=px, mode="hide"))
    fig.update_xaxes(tickfont=dict(size=px), title_font=dict(size=px), automargin=True)
    fig.update_yaxes(tickfont=dict(size=px), title_font=dict(size=px), automargin=True)
    fig.update_annotations(font_size=px)
    # a note over the plot's top edge ("stand gegevens") stands on that edge:
    # centred on it, at this size it ran into the first bar
    for a in fig.layout.annotations:
        if a.yref == "paper" and a.y is not None and a.y >= 1 and a.yanchor in (None, "auto"):
            a.yanchor = "bottom"
            a.y = 1
    fig.update_traces(textfont_size=px, textangle=0, cliponaxis=False, selector=dict(type="bar"))
    # a label beside a horizontal bar keeps its size where the rows are tall
    # enough for it; otherwise plotly shrinks it to the bar (and then hides it)
    for t in fig.data:
        if t.type == "bar" and t.orientation == "h" and t.y is not None \
                and len(set(map(str, t.y))) * px * 1.3 <= SLIDE_LOGICAL[1] * 0.8:
            t.constraintext = "inside"
    fig.update_traces(textfont_size=px, cliponaxis=False,
                      selector=lambda t: t.type == "scatter" and "text" in (t.mode or ""))
    _row_labels(fig, px)
    _thin_ticks(fig, px)
    _value_ticks(fig, px)
    per = _category_labels(fig, px)
    if per:
        # a note on a category (e.g. "verborgen (kleine groepen)") wraps to its column
        for a in fig.layout.annotations:
            if a.xref in (None, "x") and a.text and not a.showarrow:
                a.text = "<br>".join(exports._wrap_px(a.text.replace("<br>", " "), per, px))
    return fig


def _category_labels(fig, px: int) -> float | None:
    """Category labels that cannot stand side by side: over up to three
    lines where neighbours then clear each other, else leaning at 45 degrees
    (which leaves the plot more height than plotly's own choice of upright
    text). Returns the width of a category column in px (None: not a
    category axis)."""
    xs = [getattr(t, "x", None) for t in fig.data if getattr(t, "orientation", None) != "h"]
    labels = list(dict.fromkeys(str(v) for x in xs if x is not None for v in x
                                if isinstance(v, str)))
    if not labels or _dates(labels) or fig.layout.xaxis.type not in (None, "category", "-"):
        return None
    char = px * exports.CHAR_EM
    plot = SLIDE_LOGICAL[0] - 40 - _y_label_room(fig, char, px)
    per = plot / len(labels)
    if sum(len(v) + 2 for v in labels) * char <= plot:
        return per
    wrapped = [exports._wrap_px(v, per * 0.9, px) for v in labels]
    widths = [max(len(x) for x in w) * char for w in wrapped]
    if max(len(w) for w in wrapped) <= 3 and all(
            (a + b) / 2 <= per * 0.95 for a, b in zip(widths, widths[1:])):
        fig.update_xaxes(tickmode="array", tickvals=labels,
                         ticktext=["<br>".join(w) for w in wrapped], tickangle=0)
    else:
        # leaning labels over two lines (half the height of one long line)
        # where the two lines, leaning, still fit their column
        if 2 * px * 1.3 * 1.42 <= per:
            fig.update_xaxes(tickmode="array", tickvals=labels, ticktext=[
                "<br>".join(exports._wrap_px(v, max(len(v) / 2, 10) * char, px)[:2])
                if len(exports._wrap_px(v, max(len(v) / 2, 10) * char, px)) <= 2 else v
                for v in labels])
        fig.update_xaxes(tickangle=-45)
    return per


def _row_labels(fig, px: int) -> None:
    """Row labels of horizontal bars longer than 40% of the slide are cut
    with an ellipsis on the slide (the table under it has them whole): at
    18 pt a 48-character label would leave the bars no room."""
    rows = list(dict.fromkeys(str(v) for t in fig.data if getattr(t, "orientation", None) == "h"
                              for v in (t.y if t.y is not None else ())))
    most = int(SLIDE_LOGICAL[0] * 0.4 / (px * exports.CHAR_EM))
    if rows and max(len(v) for v in rows) > most:
        fig.update_yaxes(tickmode="array", tickvals=rows,
                         ticktext=[v if len(v) <= most else v[:most - 1].rstrip() + "…"
                                   for v in rows])


def _thin_ticks(fig, px: int) -> None:
    """Given tick labels (e.g. quarters) that cannot stand side by side on a
    slide: every k-th, so that they can."""
    x = fig.layout.xaxis
    if x.ticktext is None or x.tickvals is None or len(x.ticktext) == 0 \
            or x.tickangle not in (None, 0):
        return
    texts = [str(t).split("<br>") for t in x.ticktext]
    width = max(len(v) for t in texts for v in t) * px * exports.CHAR_EM + px
    fits = int(SLIDE_LOGICAL[0] * 0.6 // width)
    step = -(-len(texts) // max(1, fits))
    if step > 1:
        fig.update_xaxes(tickvals=list(x.tickvals)[::step], ticktext=list(x.ticktext)[::step])


def _value_ticks(fig, px: int) -> None:
    """A value axis along the bottom (horizontal bars): no more ticks than
    their labels ("€ −200.000") can stand side by side at this size."""
    values = [abs(float(v)) for t in fig.data if getattr(t, "orientation", None) == "h"
              for v in (t.x if t.x is not None else ()) if isinstance(v, (int, float)) and v == v]
    if not values or fig.layout.xaxis.type == "date" or fig.layout.xaxis.tickvals is not None:
        return
    x = fig.layout.xaxis
    label = len(f"{max(values):,.0f}") + 2 + len(x.tickprefix or "") + len(x.ticksuffix or "")
    rows = [str(v) for t in fig.data if getattr(t, "orientation", None) == "h"
            for v in (t.y if t.y is not None else ())]
    plot = SLIDE_LOGICAL[0] * 0.95 - min(SLIDE_LOGICAL[0] / 3, max(
        (len(v) for v in rows), default=0) * px * exports.CHAR_EM)
    fig.update_xaxes(nticks=max(3, int(plot / (label * px * exports.CHAR_EM + px))))


def _y_label_room(fig, char: float, px: int) -> float:
    """About the width the y axis takes left of the plot: its longest tick
    label and its title."""
    y = fig.layout.yaxis
    if y.ticktext is not None and len(y.ticktext):
        longest = max(len(str(v)) for v in y.ticktext)
    else:
        values = [abs(float(v)) for t in fig.data if getattr(t, "orientation", None) != "h"
                  for v in (getattr(t, "y", None) or ()) if isinstance(v, (int, float))
                  and v == v]
        longest = len(f"{max(values, default=0):,.0f}") + 1
        longest += len(y.tickprefix or "") + len(y.ticksuffix or "")
    return longest * char + (px * 1.5 if y.title.text else 0) + 10


def _dates(labels: list[str]) -> bool:
    try:
        pd.to_datetime(labels, format="mixed")
    except (ValueError, TypeError):
        return False
    return True


def slide_images(charts_in: list[Chart]) -> list[bytes]:
    """The 16:9 images for chart slides (title and footer are on the slide)."""
    return exports.render_png((slide_figure(c) for c in charts_in), scale=SLIDE_IMAGE_SCALE)


def slide_figure(c: Chart):
    """A chart laid out for a slide: no title or footer (the slide has them),
    every text at SLIDE_FONT_PX."""
    w, h = SLIDE_LOGICAL
    return legible(exports.print_figure(c, demo=False, width=w, height=h, title="",
                                        footer=False, font_px=SLIDE_FONT_PX))


def slides_of(items: list) -> list:
    """The items as slides: a chart too long for one slide stands there as
    the parts it carries (Chart.extra["slides"], e.g. the action timeline per
    actielijn)."""
    return [part for it in items
            for part in ((it.extra.get(SLIDE_PARTS) or [it]) if isinstance(it, Chart) else [it])]


def slide_count(items: list, definitions: list) -> int:
    """How many slides build() makes of these items: the number the download
    button shows."""
    n = 1
    for it in slides_of(items):
        n += 1 if isinstance(it, Chart) else len(table_chunks(it))
    return n + max(1, -(-len(definitions) // DEFINITIONS_PER_SLIDE))


# A tagged PDF (structure tree, reading order, alternative texts) that
# claims PDF/UA: a report published under the Woo must be accessible.
PDF_FILTER = ('pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"PDFUACompliance":{"type":"boolean","value":"true"}}')


_PDF_LOCK = threading.Lock()
_PDF_PROFILE: list[Path] = []


def _lo_profile() -> Path:
    """One LibreOffice profile for the process, made by the first conversion:
    a fresh profile per conversion cost a third of its time. Removed at exit."""
    if not _PDF_PROFILE:
        _PDF_PROFILE.append(Path(tempfile.mkdtemp(prefix="monitor-lo-")))
        atexit.register(shutil.rmtree, _PDF_PROFILE[0], True)
    return _PDF_PROFILE[0]


def to_pdf(pptx: bytes, workdir) -> bytes | None:
    """The deck as PDF through LibreOffice (headless), or None without it.
    One conversion at a time: two soffice processes cannot share a profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    src = work / "deck.pptx"
    src.write_bytes(pptx)
    with _PDF_LOCK:
        profile = _lo_profile()
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", PDF_FILTER, "--outdir", str(work), str(src)],
                           check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError):
            return None
    pdf = work / "deck.pdf"
    return pdf.read_bytes() if pdf.exists() else None
