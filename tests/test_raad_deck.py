"""The raad's documents as the griffie opens them: the deck and the
Evaluatierapportage read with python-pptx (every text legible from the back
row, nothing off the slide), rendered by LibreOffice (one page per slide),
and the report's PDF tagged for the Woo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
from decimal import Decimal

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from monitor import basket as bk
from monitor import budget as bm
from monitor import deck, evaluation, exports, indicators
from monitor import formatting as fmt
from monitor.budget.scenarios import Scenario
from monitor.filters import Filters

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHARTS = ["werk.duaal_pct/reeks", "werk.duaal_pct/doelgroep", "route.stappen", "route.termijn",
          "huisvesting.taakstelling/Hele regio", "werk.z_route_capaciteit/lesweken",
          "vergelijking/werk.duaal_pct~GM0935~vergelijkbaar", "acties.tijdlijn"]
# LibreOffice draws Calibri (absent here) as DejaVu Sans: texts are measured in it
TITLE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BODY_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TOLERANCE = Emu(12700)  # 1 pt


def _budget_key() -> str:
    more = bm.DEFAULT_INPUTS.model_copy(update={"cost_begeleiding": Decimal(4000)})
    return bk.budget_key(bm.scenarios_to_query([Scenario("", bm.DEFAULT_INPUTS),
                                                Scenario("Meer begeleiding", more)]))


def _runs(shape):
    frames = []
    if shape.has_text_frame:
        frames.append(shape.text_frame)
    if shape.has_table:
        frames += [c.text_frame for row in shape.table.rows for c in row.cells]
    for tf in frames:
        for p in tf.paragraphs:
            for r in p.runs:
                if r.text.strip():
                    yield r


def _check_legible(prs) -> list[str]:
    """Every text at least the footer size, table and body text at least
    BODY_PT, chart text at least BODY_PT equivalent, every shape on the slide."""
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            if (sh.left < -TOLERANCE or sh.top < -TOLERANCE
                    or sh.left + sh.width > prs.slide_width + TOLERANCE
                    or sh.top + sh.height > prs.slide_height + TOLERANCE):
                problems.append(f"dia {n}: {sh.name} valt buiten de dia")
            least = Pt(deck.BODY_PT) if sh.has_table else Pt(deck.FOOTER_PT)
            for r in _runs(sh):
                if r.font.size is None or r.font.size < least:
                    problems.append(f"dia {n}: {sh.name} ‘{r.text[:30]}’ {r.font.size}")
            if sh.shape_type == 13:  # a chart image drawn at SLIDE_LOGICAL px wide
                pt = deck.SLIDE_FONT_PX * (sh.width / Emu(914400) * 72) / deck.SLIDE_LOGICAL[0]
                if pt < deck.BODY_PT - 0.01:
                    problems.append(f"dia {n}: grafiektekst {pt:.1f} pt")
    return problems


def _title_lines(text: str, size_pt: float, width_pt: float, font_file: str = TITLE_FONT) -> int:
    """Lines the text takes in `width_pt`, wrapped at spaces; a word wider
    than the width counts the lines it is broken over."""
    from PIL import ImageFont

    font = ImageFont.truetype(font_file, int(size_pt * 10))
    total = 0
    for para in text.split("\n"):
        lines, line = 1, ""
        for word in para.split():
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) / 10 > width_pt:
                lines, line = lines + 1, word
            else:
                line = candidate
            lines += int(font.getlength(word) / 10 // width_pt)  # a word broken mid-word
        total += lines
    return total


def _tables_fit(prs) -> list[str]:
    """Every table cell's text, measured in the font LibreOffice draws it
    with, fits its column without breaking a word and its row's height; what
    comes under the table starts below it."""
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            if not sh.has_table:
                continue
            t = sh.table
            for i, row in enumerate(t.rows):
                for j, cell in enumerate(row.cells):
                    text = cell.text_frame.text
                    if not text.strip():
                        continue
                    size = max(r.font.size for p in cell.text_frame.paragraphs
                               for r in p.runs).pt
                    inner = (t.columns[j].width - cell.margin_left - cell.margin_right) / 12700
                    from PIL import ImageFont
                    font = ImageFont.truetype(BODY_FONT, int(size * 10))
                    widest = max(font.getlength(w) / 10 for w in text.split())
                    if widest > inner:
                        problems.append(f"dia {n}: ‘{text[:20]}’ breekt midden in een woord")
                    need = (_title_lines(text, size, inner, BODY_FONT) * size * 1.17
                            + (cell.margin_top + cell.margin_bottom) / 12700)
                    if row.height / 12700 < need - 1:
                        problems.append(f"dia {n}: rij {i} ‘{text[:20]}’ {need:.0f} pt hoog, "
                                        f"rij {row.height / 12700:.0f} pt")
            below = [o for o in slide.shapes if o.has_text_frame and o.top > sh.top
                     and o.left < sh.left + sh.width and o.name not in
                     (deck.FOOTER_NAME, deck.DEMO_NAME) and o.text_frame.text.strip()]
            for o in below:
                if o.top < sh.top + sum(r.height for r in t.rows):
                    problems.append(f"dia {n}: tekst over de tabel")
    return problems


def _titles_clear_of_pictures(prs) -> list[str]:
    """A chart slide's title, measured in the font LibreOffice draws it with,
    fits its box, and the picture starts below that box."""
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        pics = [sh for sh in slide.shapes if sh.shape_type == 13 or sh.has_table]
        if not pics or slide.shapes.title is None:
            continue
        t = slide.shapes.title
        size = max(r.font.size for p in t.text_frame.paragraphs for r in p.runs).pt
        inner = (t.width - Inches(0.2)) / 12700  # the text frame's insets, in pt
        need = _title_lines(t.text_frame.text, size, inner) * size * 1.2 + 7.2
        if t.height / 12700 < need:
            problems.append(f"dia {n}: titel {need:.0f} pt hoog, vak {t.height / 12700:.0f} pt")
        if pics[0].top < t.top + t.height:
            problems.append(f"dia {n}: afbeelding of tabel onder de titel")
    return problems


def _pdf_pages(pptx: bytes, tmp_path) -> tuple[int, bytes]:
    pdf = deck.to_pdf(pptx, tmp_path)
    assert pdf, "LibreOffice maakte geen PDF"
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf)), pdf


@pytest.fixture(scope="module")
def source(demo_store):
    db, _ = demo_store
    return bk.StoreSource(db), db


def test_deck_from_three_pages_and_a_scenario_is_legible(source, tmp_path):
    src, db = source
    f = Filters(peildatum=indicators.peildata(path=db)[-1])
    items, missing = bk.rebuild_all(CHARTS + [_budget_key()], src, f)
    assert not missing and len(items) == len(CHARTS) + 1
    definitions = deck.definitions_for(items, src.catalogue())
    meta = deck.DeckMeta(title="Raadspresentatie", peildatum=f.peildatum, region="regio",
                         filters="hele regio", demo=True, made_on=dt.date(2026, 11, 23))
    pptx = deck.build(meta, items, definitions)
    prs = Presentation(io.BytesIO(pptx))
    slides = list(prs.slides)
    assert len(slides) == deck.slide_count(items, definitions)
    # every chart is in it; the action timeline as one slide per actielijn
    parts = [c for c in deck.slides_of(items) if not isinstance(c, deck.TableSlide)]
    assert len(parts) > len(CHARTS)
    assert sum(1 for s in slides for sh in s.shapes if sh.shape_type == 13) == len(parts)
    assert not _check_legible(prs), _check_legible(prs)
    assert not _titles_clear_of_pictures(prs), _titles_clear_of_pictures(prs)
    assert not _tables_fit(prs), _tables_fit(prs)
    # one peildatum in the deck: a footer names the deck's, or says that its
    # date is the snapshot of a delivery (the action statuses)
    other_dates, snapshots = [], 0
    for s in slides[1:]:
        names = {sh.name: sh for sh in s.shapes}
        assert deck.DEMO_NAME in names and deck.FOOTER_NAME in names
        footer = names[deck.FOOTER_NAME].text_frame.text
        if "peildatum" in footer and f"peildatum {fmt.date_nl(f.peildatum)}" not in footer:
            other_dates.append(footer)
        snapshots += "stand per" in footer
    assert not other_dates, other_dates
    assert snapshots > 1  # the action timeline, one slide per actielijn
    if SOFFICE:
        pages, _ = _pdf_pages(pptx, tmp_path)
        assert pages == len(slides)


def test_evaluation_opens_with_a_summary_that_adds_up(source, tmp_path):
    src, db = source
    pptx = evaluation.build(db)
    prs = Presentation(io.BytesIO(pptx))
    slides = list(prs.slides)
    assert not _check_legible(prs), _check_legible(prs)
    assert not _titles_clear_of_pictures(prs), _titles_clear_of_pictures(prs)
    assert not _tables_fit(prs), _tables_fit(prs)

    def table(slide):
        t = next(sh.table for sh in slide.shapes if sh.has_table)
        rows = [[c.text for c in r.cells] for r in t.rows]
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    summary = slides[1]
    assert summary.shapes.title.text.startswith("Van de ")
    counted = {r["Cluster"].split()[0]: r for r in table(summary)}
    assert "De drie grootste veranderingen" in " ".join(
        sh.text_frame.text for sh in summary.shapes if sh.has_text_frame)
    # the per-domain slides, counted again: they must give the summary's numbers
    per_cluster: dict[str, dict[str, int]] = {}
    for s in slides[2:]:
        m = re.match(r"(\d+(?:\.\d+)?) ", s.shapes.title.text)
        if not m or not any(sh.has_table for sh in s.shapes):
            continue
        c = per_cluster.setdefault(m.group(1).split(".")[0], dict.fromkeys(
            ["n", "op", "uit", "beter", "slechter"], 0))
        for r in table(s):
            c["n"] += 1
            c["op"] += "Op koers" in r[evaluation.JUDGED]
            c["uit"] += "Uit koers" in r[evaluation.JUDGED] or "Aandacht" in r[evaluation.JUDGED]
            c["beter"] += r[evaluation.SINCE_START] == "verbeterd"
            c["slechter"] += r[evaluation.SINCE_START] == "verslechterd"
    assert set(per_cluster) == {"1", "2", "3", "4"}
    for cluster, c in per_cluster.items():
        row = counted[cluster]
        assert int(row["Indicatoren"]) == c["n"]
        assert int(row["Op koers"]) == c["op"]
        assert int(row["Niet op koers"]) == c["uit"]
        assert int(row["Beter"]) == c["beter"]
        assert int(row["Slechter"]) == c["slechter"]
    assert int(counted["Totaal"]["Indicatoren"]) == sum(c["n"] for c in per_cluster.values())
    # actions per actielijn, and the budget per year with its explanation
    titles = [s.shapes.title.text for s in slides]
    actions = next(s for s in slides if s.shapes.title.text.startswith("Van de ")
                   and "acties" in s.shapes.title.text)
    assert {r["Actielijn"] for r in table(actions)} >= {"Taal", "Totaal"}
    budget = next(s for s in slides if s.shapes.title.text.startswith("Begroting"))
    assert all(r["Verklaring"] for r in table(budget))
    assert sum(t.startswith("Actielijn ") for t in titles) >= 3
    _check_comparison_slides(slides, src, titles)
    if SOFFICE:
        pages, pdf = _pdf_pages(pptx, tmp_path)
        assert pages == len(slides)
        assert b"/StructTreeRoot" in pdf and re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", pdf)


def _check_comparison_slides(slides, src, titles):
    """Vergelijken in the report: a table of the headline indicators' verdicts
    against Maastricht's nearest gemeenten, and a funnel slide per indicator
    that can be compared, its sentence as the title."""
    from monitor import compare as cmp
    headline = [i for i in src.catalogue() if i.headline and cmp.comparable(i)]
    assert {cmp.kind_of(i) for i in headline} >= {cmp.SHARE, cmp.MEDIAN}
    overview = [s for s in slides if s.shapes.title.text.startswith("Vergelijking: Maastricht")]
    assert overview
    rows = []
    for s in overview:
        t = next(sh.table for sh in s.shapes if sh.has_table)
        cells = [[c.text for c in r.cells] for r in t.rows]
        rows += [dict(zip(cells[0], r)) for r in cells[1:]]
    assert [r["Indicator"] for r in rows] == [
        i.name + (" (per 1.000 inwoners)" if cmp.kind_of(i) == cmp.RATE else "")
        for i in headline]
    sentence = re.compile(r"^(?P<name>.+): Maastricht ligt (binnen wat toeval verklaart|duidelijk "
                          r"(hoger|lager) dan verwacht) ten opzichte van 4 vergelijkbare "
                          r"gemeenten\.$")
    funnels = {m.group("name"): s for s in slides
               if (m := sentence.match(s.shapes.title.text))}
    compared = [r for r in rows if r["Oordeel"] != "niet te vergelijken"]
    assert compared and len(funnels) == len(compared)
    for r in compared:
        slide = funnels[r["Indicator"]]
        assert any(sh.shape_type == 13 for sh in slide.shapes)  # the funnel itself
        # the table says what the slide says
        verdict = {"binnen toeval": "binnen wat toeval verklaart",
                   "duidelijk hoger": "duidelijk hoger dan verwacht",
                   "duidelijk lager": "duidelijk lager dan verwacht"}[r["Oordeel"]]
        assert verdict in slide.shapes.title.text
        # the rank with its interval in the slide's caption
        caption = " ".join(sh.text_frame.text for sh in slide.shapes
                           if sh.has_text_frame and sh.name == deck.FOOTER_NAME)
        assert re.search(r"rang van Maastricht: \d+e(–\d+e)? van [2-5] \(95%-interval\)",
                         caption) and r["Rang"] in caption
    # every judged verdict is counted in the overview's title
    outside = sum(r["Oordeel"] != "binnen toeval" for r in compared)
    title = overview[0].shapes.title.text
    assert (f"bij {outside} van de {len(compared)} vergeleken" in title if outside
            else f"bij alle {len(compared)} vergeleken kernindicatoren" in title)
    assert (f"; {len(rows) - len(compared)} niet te vergelijken" in title) == (len(rows) >
                                                                              len(compared))
