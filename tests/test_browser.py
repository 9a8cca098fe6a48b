"""End to end in real Chromium: open the overview, change the gemeente
filter, check the URL changed, open that URL in a fresh page and check the
same figures show."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from tests.browser import CHROMIUM, browser, server, streamlit_server, wait_idle  # noqa: F401

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")


def figures(page) -> list[str]:
    """The headline values of the overview, in order."""
    page.wait_for_selector(".im-ind-value", timeout=60_000)
    return page.locator(".im-ind-value").all_inner_texts()


def test_gemeente_filter_in_url_reopens_same_view(server, browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200})
    page = ctx.new_page()
    page.goto(server + "/")
    wait_idle(page)
    assert "Integratiemonitor" in page.title() or page.get_by_text("Integratiemonitor").count()
    region = figures(page)
    assert len(region) >= 13

    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="Vaals").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**gemeente=GM0981**", timeout=30_000)
    wait_idle(page)
    vaals = figures(page)
    link = page.url
    assert "peildatum=" in link
    assert vaals != region, "de gemeentekeuze veranderde geen enkel getal"
    ctx.close()

    fresh = browser.new_context(viewport={"width": 1600, "height": 1200})
    page2 = fresh.new_page()
    page2.goto(link)
    wait_idle(page2)
    assert figures(page2) == vaals
    assert "gemeente=GM0981" in page2.url
    fresh.close()


# Page path -> the start of its heading. Streamlit runs the first request of
# a fresh server in its legacy pages-folder mode; each page must still come
# up inside the full frame.
DEEP_LINKS = {
    "": "Integratiemonitor",
    "cluster_1_basis": "Cluster 1",
    "cluster_2_ijkpunten": "Cluster 2",
    "huisvesting": "Huisvesting en opvang",
    "cluster_3_ondersteuners": "Cluster 3",
    "inburgeringsroute": "Inburgeringsroute",
    "cluster_4_verbindingen": "Cluster 4",
    "uitvoeringsprogramma": "Uitvoeringsprogramma",
    "begroting": "Begroting",
    "databronnen": "Databronnen",
}


@pytest.mark.parametrize("path", list(DEEP_LINKS))
def test_deep_link_as_first_request_shows_the_full_frame(path, demo_store, browser,
                                                         tmp_path_factory):
    db, _ = demo_store
    with streamlit_server(db, tmp_path_factory.mktemp("deeplink")) as url:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        page.goto(f"{url}/{path}")
        page.wait_for_selector("h1", timeout=60_000)
        wait_idle(page)
        heading = page.locator("h1").first.inner_text()
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        body = page.locator("body").inner_text()
        exceptions = page.locator("[data-testid='stException']").count()
        ctx.close()
    assert heading.startswith(DEEP_LINKS[path]), heading
    assert "Huisvesting en opvang" in nav and "Databronnen" in nav
    for raw in ("components", "cluster_1_basis", "begroting\n", "overzicht\n"):
        assert raw not in nav, nav
    from monitor.filters import page_uses_filters

    assert ("Filters" in sidebar) == page_uses_filters(path or "overzicht")
    assert "Demodata" in body
    assert "€ 69.…" not in body
    assert exceptions == 0


def tiles(page) -> dict[str, str]:
    """Overview tile name -> the value shown."""
    page.wait_for_selector(".im-ind-value", timeout=60_000)
    names = page.locator(".im-ind-name").all_inner_texts()
    values = page.locator(".im-ind-value").all_inner_texts()
    return dict(zip(names, values))


def test_the_vrouw_filter_shows_what_the_breakdown_shows(server, browser, demo_store):
    """Female inburgeraars are a focus group: their figure is shown or
    hidden identically in the breakdown and under the filter."""
    from monitor import charts, indicators
    from monitor.filters import Filters

    db, _ = demo_store
    p = indicators.latest_peildatum(db)
    bd = indicators.breakdown("werk.duaal_pct", "geslacht", Filters(peildatum=p), path=db)
    v = bd[bd["member"] == "V"].iloc[0]
    expected = charts.value_text(v["value"], bool(v["suppressed"]), "pct", v["weergave"])
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200})
    page = ctx.new_page()
    page.goto(f"{server}/?geslacht=V&peildatum={p.isoformat()}")
    wait_idle(page)
    shown = tiles(page)
    ctx.close()
    assert shown["Duaal traject"] == expected


def test_region_realisation_is_the_same_on_every_page(server, browser, demo_store):
    """A public figure: shown in full, and the same on the overview tile and
    in the Huisvesting table's region row."""
    from monitor import indicators, presentation

    db, _ = demo_store
    df = indicators.taakstelling(path=db)
    p = indicators.latest_peildatum(db)
    t = pd.Timestamp(p)
    current = df[(df["gemeentecode"] == "ALL") & (pd.to_datetime(df["period_start"]) <= t)
                 & (pd.to_datetime(df["period_end"]) >= t)]
    expected = presentation.fmt_value(current["realisatie_pct"].iloc[0], "pct")
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200})
    page = ctx.new_page()
    page.goto(f"{server}/?peildatum={p.isoformat()}")
    wait_idle(page)
    tile = tiles(page)["Realisatie taakstelling"]
    page.goto(f"{server}/huisvesting?peildatum={p.isoformat()}")
    wait_idle(page)
    table = page.locator("[data-testid='stTable']").filter(has_text="Hele regio").first
    table.wait_for(state="visible", timeout=60_000)
    grid = table.inner_text()
    region = table.locator("tr", has_text="Hele regio").first.inner_text()
    ctx.close()
    assert tile.startswith(expected), (tile, expected)
    assert "verborgen" not in grid and "–" not in region
    assert expected in region
