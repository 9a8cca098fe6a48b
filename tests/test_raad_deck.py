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
from pptx.util import Emu, Pt

from monitor import basket as bk
from monitor import budget as bm
from monitor import deck, evaluation, exports, indicators
from monitor.budget.scenarios import Scenario
from monitor.filters import Filters

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHARTS = ["werk.duaal_pct/reeks", "werk.duaal_pct/doelgroep", "route.stappen", "route.termijn",
          "huisvesting.taakstelling/Hele regio"]
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
    assert not missing and len(items) == 6
    definitions = deck.definitions_for(items, src.catalogue())
    meta = deck.DeckMeta(title="Raadspresentatie", peildatum=f.peildatum, region="regio",
                         filters="hele regio", demo=True, made_on=dt.date(2026, 11, 23))
    pptx = deck.build(meta, items, definitions)
    prs = Presentation(io.BytesIO(pptx))
    slides = list(prs.slides)
    assert len(slides) == deck.slide_count(items, definitions)
    assert sum(1 for s in slides for sh in s.shapes if sh.shape_type == 13) == 5
    assert not _check_legible(prs), _check_legible(prs)
    for s in slides[1:]:
        names = {sh.name for sh in s.shapes}
        assert deck.DEMO_NAME in names and deck.FOOTER_NAME in names
    if SOFFICE:
        pages, _ = _pdf_pages(pptx, tmp_path)
        assert pages == len(slides)


def test_evaluation_opens_with_a_summary_that_adds_up(source, tmp_path):
    src, db = source
    pptx = evaluation.build(db)
    prs = Presentation(io.BytesIO(pptx))
    slides = list(prs.slides)
    assert not _check_legible(prs), _check_legible(prs)

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
            c["op"] += "Op koers" in r["Oordeel"]
            c["uit"] += "Uit koers" in r["Oordeel"] or "Aandacht" in r["Oordeel"]
            c["beter"] += r["Verandering"] == "verbeterd"
            c["slechter"] += r["Verandering"] == "verslechterd"
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
