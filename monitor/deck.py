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
from .charts import Chart

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 inch
MARGIN = Inches(0.5)
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x44, 0x44, 0x44)
DEMO_RED = RGBColor(0x8A, 0x3B, 0x00)
BLUE = RGBColor(0x00, 0x5A, 0x8C)
TITLE_ONLY = 5  # layout index in the default template
MAX_TABLE_ROWS = 14

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

    @property
    def conclusion(self) -> str:
        return self.title


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


def _title(slide, text: str, size: int = 26) -> None:
    t = slide.shapes.title
    t.left, t.top, t.width, t.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0)
    _text(t, text, size, DARK, bold=True)
    t.text_frame.paragraphs[0].alignment = 1  # left


def _footer(slide, caption: str, demo: bool, number: int | None = None) -> None:
    text = caption + (f" · dia {number}" if number else "")
    _box(slide, MARGIN, HEIGHT - Inches(0.75), WIDTH - 2 * MARGIN, Inches(0.35), text, 11, GREY,
         name=FOOTER_NAME)
    if demo:
        _box(slide, MARGIN, HEIGHT - Inches(0.42), WIDTH - 2 * MARGIN, Inches(0.3),
             exports.DEMO_NOTICE, 11, DEMO_RED, bold=True, name=DEMO_NAME)


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
    _title(slide, c.conclusion, 24 if len(c.conclusion) < 110 else 20)
    top = Inches(1.35)
    avail_h = HEIGHT - top - Inches(0.85)
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


def _table_slide(prs, t: TableSlide, demo: bool, number: int) -> None:
    slide = _new_slide(prs)
    _title(slide, t.title, 24)
    df = t.table.head(MAX_TABLE_ROWS)
    rows, cols = len(df) + 1, max(1, len(df.columns))
    top = Inches(1.4)
    height = min(HEIGHT - top - Inches(1.0), Inches(0.4) * rows)
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, WIDTH - 2 * MARGIN, height)
    table = shape.table
    for j, h in enumerate(df.columns):
        table.cell(0, j).text = str(h)
    for i, row in enumerate(df.itertuples(index=False, name=None), start=1):
        for j, v in enumerate(row):
            table.cell(i, j).text = _cell_text(v)
    for i in range(rows):
        for j in range(cols):
            for p in table.cell(i, j).text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(13 if rows <= 10 else 11)
    caption = f"Bron: {t.source} · peildatum {fmt.date_nl(t.peildatum)}" + (
        f" · {t.note}" if t.note else "")
    _footer(slide, caption, demo, number)


DEFINITIONS_PER_SLIDE = 9


def _definitions_slides(prs, definitions: list[tuple[str, str]], demo: bool) -> None:
    chunks = [definitions[i:i + DEFINITIONS_PER_SLIDE]
              for i in range(0, len(definitions), DEFINITIONS_PER_SLIDE)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        title = "Gebruikte definities" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else "")
        _definitions_slide(prs, chunk, demo, title)


def _definitions_slide(prs, definitions: list[tuple[str, str]], demo: bool, title: str) -> None:
    slide = _new_slide(prs)
    _title(slide, title, 28)
    size = 14 if len(definitions) <= 6 else 12
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
          pngs: list[bytes] | None = None) -> bytes:
    """The .pptx as bytes. `items` are Charts and TableSlides in order;
    `pngs` the slide images of the Charts, in the same order (rendered here
    when not given)."""
    charts_in = [it for it in items if isinstance(it, Chart)]
    if pngs is None:
        pngs = slide_images(charts_in)
    images = iter(pngs)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = meta.title
    prs.core_properties.language = "nl-NL"
    _title_slide(prs, meta)
    for n, it in enumerate(items, start=2):
        if isinstance(it, Chart):
            _chart_slide(prs, it, next(images), meta.demo, n)
        else:
            _table_slide(prs, it, meta.demo, n)
    _definitions_slides(prs, definitions, meta.demo)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slide_images(charts_in: list[Chart]) -> list[bytes]:
    """The 16:9 images for chart slides (title and footer are on the slide)."""
    return exports.render_png([exports.print_figure(c, demo=False, width=exports.SLIDE_SIZE[0],
                                                    height=exports.SLIDE_SIZE[1], title="",
                                                    footer=False) for c in charts_in],
                               scale=exports.SLIDE_SCALE)


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
                            "--convert-to", "pdf", "--outdir", str(work), str(src)],
                           check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError):
            return None
    pdf = work / "deck.pdf"
    return pdf.read_bytes() if pdf.exists() else None
