"""What the raad sees on a screen, in real Chromium: presentation mode fits
a projector without scrolling, a shared link brings back the domain tab
and the breakdown, chart files keep their parts apart, and pages print
whole. (Every page on a screen: test_page_walk.)"""

from __future__ import annotations

import dataclasses
import os
import urllib.parse
from decimal import Decimal
from pathlib import Path

import pytest

from monitor import basket as bk
from monitor import budget as bm
from monitor.budget.scenarios import Scenario
from tests.browser import (CHROMIUM, browser, open_page,  # noqa: F401
                           streamlit_server, wait_idle)

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")

PORT = 8601
CHARTS = ["werk.duaal_pct/reeks", "werk.duaal_pct/doelgroep", "route.stappen", "route.termijn",
          "huisvesting.taakstelling/Hele regio"]
SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]
# Text on a projector: nothing in a chart smaller than this (CSS px).
MIN_CHART_TEXT_PX = 18


def _budget_key() -> str:
    more = dataclasses.replace(bm.DEFAULT_INPUTS, cost_begeleiding=Decimal(4000)) \
        if dataclasses.is_dataclass(bm.DEFAULT_INPUTS) \
        else bm.DEFAULT_INPUTS.model_copy(update={"cost_begeleiding": Decimal(4000)})
    return bk.budget_key(bm.scenarios_to_query([Scenario("", bm.DEFAULT_INPUTS),
                                                Scenario("Meer begeleiding", more)]))


@pytest.fixture(scope="module")
def server(demo_store, tmp_path_factory):
    db, _ = demo_store
    with streamlit_server(db, tmp_path_factory.mktemp("raad_screen"), port=PORT) as url:
        yield url


def test_every_presentation_step_fits_every_projector(server, browser):  # noqa: F811
    keys = CHARTS + [_budget_key()]
    mand = urllib.parse.quote(",".join(keys))
    problems = []
    for w, h in SCREENS:
        ctx = browser.new_context(viewport={"width": w, "height": h})
        page = ctx.new_page()
        for step in range(1, len(keys) + 1):
            open_page(page, f"{server}/raadspresentatie?mand={mand}&presentatie=1&dia={step}")
            page.wait_for_function(
                "document.querySelector('.js-plotly-plot .main-svg, [data-testid=stTable]')",
                timeout=30_000)
            page.wait_for_timeout(300)
            got = page.evaluate("""() => {
                const box = s => { const e = document.querySelector(s); if (!e) return null;
                    const r = e.getBoundingClientRect();
                    return [r.left, r.top, r.right, r.bottom]; };
                const texts = [...document.querySelectorAll('.js-plotly-plot text')]
                    .filter(t => t.textContent.trim())
                    .map(t => parseFloat(getComputedStyle(t).fontSize));
                return {title: box('h1.im-slide-title'),
                        body: box('.st-key-im_dia_body .js-plotly-plot, .st-key-im_dia_body [data-testid=stTable] table'),
                        caption: box('.im-slide-caption'), demo: box('.im-slide-demo'),
                        count: box('.im-slide-count'), count_text: document.querySelector('.im-slide-count')?.innerText,
                        scroll: document.scrollingElement.scrollHeight,
                        smallest: texts.length ? Math.min(...texts) : null};
            }""")
            assert got["count_text"] == f"dia {step} van {len(keys)}", got["count_text"]
            for part in ("title", "body", "caption", "demo", "count"):
                b = got[part]
                if b is None:
                    problems.append(f"{w}x{h} dia {step}: {part} ontbreekt")
                elif b[0] < 0 or b[1] < 0 or b[2] > w + 0.5 or b[3] > h + 0.5:
                    problems.append(f"{w}x{h} dia {step}: {part} {b} buiten beeld")
            if got["title"] and got["body"] and got["body"][1] < got["title"][3] - 1:
                problems.append(f"{w}x{h} dia {step}: grafiek over de titel")
            if got["scroll"] > h + 1:
                problems.append(f"{w}x{h} dia {step}: pagina scrolt ({got['scroll']} px)")
            if got["smallest"] is not None and got["smallest"] < MIN_CHART_TEXT_PX:
                problems.append(f"{w}x{h} dia {step}: grafiektekst {got['smallest']} px")
        ctx.close()
    assert not problems, "\n".join(problems)


def test_shared_link_brings_back_domain_tab_and_breakdown(server, browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    open_page(page, f"{server}/cluster_2_ijkpunten")
    page.get_by_role("radio", name="2.3 Werk en inkomen").click()
    page.wait_for_url("**domein=2.3**", timeout=30_000)
    wait_idle(page)
    page.get_by_label("Uitsplitsen naar").click()
    page.get_by_role("option", name="Leeftijdsgroep").click()
    page.wait_for_url("**uitsplitsing=leeftijdsgroep**", timeout=30_000)
    wait_idle(page)
    link = page.url
    ctx.close()

    fresh = browser.new_context(viewport={"width": 1440, "height": 900})
    page = fresh.new_page()
    open_page(page, link)
    assert page.get_by_role("radio", name="2.3 Werk en inkomen").get_attribute(
        "aria-checked") == "true"
    assert page.locator("h3").filter(has_text="2.3 Werk en inkomen").count() == 1
    assert page.get_by_role("combobox", name="Uitsplitsen naar").input_value() == "Leeftijdsgroep"
    assert page.get_by_role("tab", name="Naar leeftijdsgroep").count() >= 1
    fresh.close()


# --- chart files: every registered kind, laid out for a PNG and for a slide ------
# Drawn by the plotly.js kaleido renders with, in the same Chromium, and
# measured: a layout computed before drawing is checked against the drawing.

FIGURE_BOXES = r"""async (figs) => {
  const out = [];
  for (const fig of figs) {
    const div = document.createElement('div'); document.body.appendChild(div);
    await Plotly.newPlot(div, fig.data, fig.layout, {staticPlot: true});
    const svg = div.querySelector('.main-svg').getBoundingClientRect();
    const box = e => { const r = e.getBoundingClientRect();
      return [r.left - svg.left, r.top - svg.top, r.right - svg.left, r.bottom - svg.top]; };
    const sz = div._fullLayout._size;
    const texts = sel => [...div.querySelectorAll(sel)].filter(t => t.textContent.trim())
      .map(t => ({text: t.textContent, box: box(t), px: parseFloat(getComputedStyle(t).fontSize),
                  lines: Math.max(1, t.querySelectorAll('tspan.line').length),
                  rotated: /rotate\((?!0[,)])/.test(t.getAttribute('transform') || '')}));
    out.push({w: svg.width, h: svg.height, plot: [sz.l, sz.t, sz.l + sz.w, sz.t + sz.h],
              legends: [...div.querySelectorAll('g.legend')].map(box),
              annotations: [...div.querySelectorAll('.annotation')].map(a => ({
                  name: a.getAttribute('data-index'), text: a.textContent, box: box(a)})),
              xticks: texts('.xtick text'), yticks: texts('.ytick text'), texts: texts('.main-svg text')});
    Plotly.purge(div); div.remove();
  }
  return out;
}"""


def _overlap(a, b, tol=1.0) -> bool:
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol


def _inside(b, w, h, tol=1.0) -> bool:
    return b[0] >= -tol and b[1] >= -tol and b[2] <= w + tol and b[3] <= h + tol


def test_chart_files_keep_title_legend_plot_and_labels_apart(browser, demo_store):  # noqa: F811
    """For every registered chart kind, the PNG (title, legend, plot, footer)
    and the slide image: the legend rows lie between the title and the plot
    and inside the image, no legend entry on another, no x label on another,
    every text inside the image, and on the slide no text below 18 pt."""
    import json

    import plotly

    # as in the app's process, where Streamlit makes its template plotly's default
    import streamlit.elements.plotly_chart  # noqa: F401

    from monitor import deck, exports, indicators, registry
    from monitor.queries import Source
    from monitor.filters import Filters

    db, _ = demo_store
    src = Source(Path(db))
    f = Filters(peildatum=indicators.default_peildatum(db))
    charts = []
    for name, kind in registry.KINDS.items():
        for arg in kind.examples(src, f)[:40]:
            try:
                charts.append((name, registry.make(kind, arg, src, f)))
                break
            except registry.Unavailable:
                continue
    assert len(charts) == len(registry.KINDS)
    figs = [("png", n, exports.print_figure(c, demo=True)) for n, c in charts] + \
        [("dia", f"{n} {part.key}", deck.slide_figure(part)) for n, c in charts
         for part in deck.slides_of([c])]
    page = browser.new_page()
    page.set_content("<html><body style='margin:0'></body></html>")
    page.add_script_tag(path=str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js"))
    drawn = page.evaluate(FIGURE_BOXES, [json.loads(fig.to_json()) for _, _, fig in figs])
    page.close()

    problems, legends = [], 0
    for (what, name, fig), d in zip(figs, drawn):
        where = f"{what} {name}"
        heading = next((a["box"] for a in d["annotations"]
                        if fig.layout.annotations[int(a["name"])].name == "heading"), None)
        if what == "png":
            assert heading, where
        legends += len(d["legends"])
        for i, lg in enumerate(d["legends"]):
            if heading and _overlap(lg, heading):
                problems.append(f"{where}: legenda over de titel")
            if lg[3] > d["plot"][1] + 1:
                problems.append(f"{where}: legenda in de grafiek")
            if not _inside(lg, d["w"], d["h"]):
                problems.append(f"{where}: legenda buiten het beeld {lg}")
            problems += [f"{where}: legenda's over elkaar" for other in d["legends"][i + 1:]
                         if _overlap(lg, other)]
        ticks = sorted(d["xticks"], key=lambda t: t["box"][2])
        for a, b in zip(ticks, ticks[1:]):
            if a["rotated"]:
                # leaning text: the boxes overlap, the lines must not; at 45
                # degrees parallel labels stand dx / sqrt(2) apart
                if (b["box"][2] - a["box"][2]) * 0.707 < a["lines"] * a["px"] * 0.95:
                    problems.append(f"{where}: x-labels over elkaar ({a['text']}, {b['text']})")
            elif _overlap(a["box"], b["box"], tol=2):
                problems.append(f"{where}: x-labels over elkaar ({a['text']}, {b['text']})")
        # a text's box holds its line spacing too: rows may touch by that much
        rows = sorted(d["yticks"], key=lambda t: t["box"][1])
        problems += [f"{where}: y-labels over elkaar ({a['text']}, {b['text']})"
                     for a, b in zip(rows, rows[1:]) if _overlap(a["box"], b["box"], tol=a["px"] * 0.15)]
        for t in d["texts"]:
            if not _inside(t["box"], d["w"], d["h"]):
                problems.append(f"{where}: ‘{t['text'][:30]}’ buiten het beeld")
            if what == "dia" and t["px"] < deck.SLIDE_FONT_PX - 0.5:
                problems.append(f"{where}: ‘{t['text'][:30]}’ {t['px']} px")
    # the kinds with a legend were measured, not skipped; a long timeline is
    # on the slides per actielijn
    assert legends >= 10
    assert sum(w == "dia" and n.startswith("acties.tijdlijn") for w, n, _ in figs) > 1
    assert not problems, problems


# --- paper: what the browser prints (print media, A4 landscape) -------------------

PDFTOTEXT = "/usr/bin/pdftotext"


def _printed(page, url: str, tmp_path) -> list[str]:
    """The page printed by Chromium as the browser's print does (print CSS,
    A4 landscape from @page), as the text of each PDF page."""
    import subprocess

    open_page(page, url)
    page.emulate_media(media="print")
    page.wait_for_timeout(1500)
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    out = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def test_begroting_prints_inputs_scenarios_and_every_section(server, browser, tmp_path):  # noqa: F811
    """Printed with two scenarios: the inputs of both, every Toelichting
    section under its own name (not only the open tab), no empty page."""
    import urllib.parse

    more = bm.DEFAULT_INPUTS.model_copy(update={"cost_begeleiding": Decimal(4000)})
    query = bm.scenarios_to_query([Scenario("", bm.DEFAULT_INPUTS),
                                   Scenario("Meer begeleiding", more)])
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    pages = _printed(page, f"{server}/begroting?{urllib.parse.urlencode(query)}", tmp_path)
    ctx.close()
    text = " ".join(pages)
    assert 2 <= len(pages) <= 8, len(pages)
    # each section by its name and by a sentence only that section has (a
    # printed tab bar would give the names alone)
    sections = {"Per jaar": "het beleidskader (tabel 4) raamt de SPUK",
                "Scenario's naast elkaar": "Elke waarde met tussen haakjes het verschil",
                "Waterval": "gaat er als aparte stap af",
                "Reserve": "De reserve wordt alleen aangesproken bij een negatief saldo",
                "Gevoeligheid": "10% lager en 10% hoger",
                "Programma 6.1": "betekent raming",
                "Actuele aantallen": "Gebruik actuele aantallen",
                "Uitgangspunten": bm.ASSUMPTIONS[-1][0]}
    missing = [name for name, line in sections.items() if name not in text or line not in text]
    assert not missing, missing
    assert "Invoer van de scenario's" in text and "Meer begeleiding" in text
    # every input is on paper, with the changed one's value in both scenarios
    assert bm.INPUT_SPECS["cost_begeleiding"].label in text and "€ 4.000" in text
    # the widgets and the tab bar do not print: no page is (nearly) empty
    assert all(len(p) > 200 for p in pages), [len(p) for p in pages]


def test_overzicht_prints_on_two_or_three_pages_with_whole_tiles(server, browser, tmp_path):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    open_page(page, server)
    # the script can be idle before the browser has drawn what it sent
    page.wait_for_function("document.querySelectorAll('.im-domain').length >= 13", timeout=60_000)
    tiles = page.evaluate("""() => [...document.querySelectorAll(
        '[class*=st-key-im_tiles_] [data-testid=stVerticalBlock], [class*=st-key-im_single_] [data-testid=stVerticalBlock]')]
        .filter(b => b.querySelector(':scope .im-domain'))
        .map(b => [b.querySelector('.im-domain').innerText,
                   ...[...b.querySelectorAll('.im-ind-name')].map(n => n.innerText)])""")
    pages = _printed(page, server, tmp_path)
    ctx.close()
    assert 2 <= len(pages) <= 3, len(pages)
    assert "Signalen" in pages[0]
    assert len({t[0] for t in tiles}) == 13
    for tile in tiles:
        # the domain's name and all its indicators on one page: the tile is whole
        on = [i for i, p in enumerate(pages) if all(" ".join(x.split()) in p for x in tile)]
        assert on, tile
