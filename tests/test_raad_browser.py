"""The raad features in real Chromium: a chart's PNG and CSV download, a
five-chart deck, presentation mode by URL with the arrow key. (axe-core on
every page runs in test_page_walk's walk over the pages at 1440.)"""

from __future__ import annotations

import io
import os
import urllib.parse

import pytest
from PIL import Image
from pptx import Presentation

from monitor import deck, exports
from monitor import formatting as fmt
from tests.browser import (CHROMIUM, browser, open_page,  # noqa: F401
                           streamlit_server, wait_idle)

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")

FIVE = ["werk.duaal_pct/reeks", "werk.duaal_pct/doelgroep", "route.stappen", "route.termijn",
        "huisvesting.taakstelling/Hele regio"]


@pytest.fixture(scope="module")
def server(demo_store, tmp_path_factory):
    db, _ = demo_store
    with streamlit_server(db, tmp_path_factory.mktemp("raad")) as url:
        yield url


@pytest.fixture()
def page(browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield ctx.new_page()
    ctx.close()


def _download(page, text: str, timeout=60_000) -> tuple[str, bytes]:
    with page.expect_download(timeout=timeout) as d:
        page.locator("[data-testid='stDownloadButton'] button").filter(has_text=text).first.click()
    dl = d.value
    with open(dl.path(), "rb") as fh:
        return dl.suggested_filename, fh.read()


def test_chart_png_and_csv_download(server, page, demo_store):
    open_page(page, server + "/inburgeringsroute")
    assert page.evaluate("document.documentElement.lang") == "nl"
    name, raw = _download(page, "CSV")
    assert name.startswith("de-inburgeringsroute-in-stappen_") and name.endswith(".csv")
    lead, df = exports.read_csv(raw)
    assert lead[1] == exports.DEMO_NOTICE
    assert list(df.columns)[:3] == ["Stap", "Personen", "Weergave"]
    counts = [v for v in df["Personen"] if v is not None and v == v]
    assert counts and all(v == 0 or v >= 5 for v in counts), "geen cel van 1 tot 4 personen"
    # the same value in the chart's text alternative on screen
    row = page.locator("[data-testid='stTable'] tr").filter(has_text="Koppeling aan gemeente").first
    shown = fmt.number(df["Personen"].iloc[0])
    assert shown in row.text_content(), (shown, row.text_content())
    name, png = _download(page, "PNG")
    assert name.endswith(".png")
    im = Image.open(io.BytesIO(png))
    assert im.size == exports.SCREEN_SIZE and len(png) > 20_000
    # both downloads are in the audit log beside the store (BIO 8.15)
    from monitor import audit

    db, _ = demo_store
    logged = [e["object"] for e in audit.read(audit.path_beside(db)) if e["action"] == "download"]
    assert any(o.endswith(".csv") and "inburgeringsroute" in o for o in logged), logged
    assert any(o.endswith(".png") and "inburgeringsroute" in o for o in logged), logged


def test_five_chart_deck_from_the_basket(server, page):
    open_page(page, f"{server}/raadspresentatie?mand={urllib.parse.quote(','.join(FIVE))}")
    assert page.get_by_text("1. Duaal traject: ontwikkeling").count() == 1
    name, data = _download(page, "PowerPoint downloaden", timeout=120_000)
    assert name.endswith(".pptx")
    prs = Presentation(io.BytesIO(data))
    slides = list(prs.slides)
    assert len(slides) == 1 + 5 + 1
    assert "Raadspresentatie" in slides[0].shapes.title.text
    for s in slides[1:6]:
        names = {sh.name: sh for sh in s.shapes}
        assert s.shapes.title.text and s.shapes.title.text.endswith(".")
        assert "peildatum" in names[deck.FOOTER_NAME].text_frame.text
        assert names[deck.DEMO_NAME].text_frame.text == exports.DEMO_NOTICE
    assert slides[-1].shapes.title.text.startswith("Gebruikte definities")
    pic = next(sh for sh in slides[1].shapes if sh.shape_type == 13)
    assert Image.open(io.BytesIO(pic.image.blob)).size == (1920, 1080)  # 16:9, projector size



def test_add_to_basket_puts_it_in_the_url(server, page):
    open_page(page, server + "/inburgeringsroute")
    page.get_by_role("button", name="Aan presentatie toevoegen").first.click()
    page.wait_for_url("**mand=route.stappen**", timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("button", name="Uit presentatie halen").count() == 1


def test_presentation_mode_by_url_and_arrow_key(server, page):
    open_page(page, f"{server}/raadspresentatie?mand={urllib.parse.quote(','.join(FIVE[:3]))}"
                "&presentatie=1")
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    # plotly's element appears once its code has loaded, after the script is idle
    page.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=60_000)
    assert page.locator("[data-testid='stPlotlyChart']").count() == 1
    count = page.locator(".im-slide-count")
    assert count.inner_text() == "dia 1 van 3"
    first = page.locator("h1").first.inner_text()
    page.locator("h1").first.click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.im-slide-count').innerText == 'dia 2 van 3'",
                           timeout=30_000)
    wait_idle(page)
    assert page.locator("h1").first.inner_text() != first
    page.keyboard.press("PageDown")
    page.wait_for_function("document.querySelector('.im-slide-count').innerText == 'dia 3 van 3'",
                           timeout=30_000)
