"""The Begroting page in real Chromium, where AppTest cannot go: a deep link
as the first request of a fresh server shows the app frame and whole
figures, and renaming the scenario being edited and then moving a slider
works (the browser reports a radio choice by its old label)."""

from __future__ import annotations

import os

import pytest

# The same fresh server on the demo store and the same Chromium as the other
# browser tests (module-scoped fixtures: one of each for this module).
from tests.browser import CHROMIUM, browser, server, wait_idle  # noqa: F401

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")

LINK = "/begroting?scenarios=3&s2.naam=Hoge%20instroom&s2.housed_2025=50&s3.cost_leerroute=10.450"


def settle(page, quiet_ms: int = 600) -> None:
    wait_idle(page, quiet_ms)


def no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]


def test_a_deep_link_as_first_request_shows_the_frame_and_whole_figures(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(server + LINK)
    settle(page, 4000)
    page.wait_for_function(
        "document.querySelectorAll(\"[data-testid='stMetricValue']\").length >= 16",
        timeout=60_000)
    settle(page)
    no_exception(page)
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overzicht" in nav and "components" not in nav
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert "€ 402.115" in values, values
    # Cut off by an ellipsis: an element narrower than its text.
    clipped = page.locator("[data-testid='stMetricValue'], [data-testid='stMetricLabel']"
                           ).evaluate_all(
        "els => els.flatMap(e => [e, ...e.querySelectorAll('*')])"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)")
    assert clipped == [], clipped
    body = page.inner_text("body")
    assert "Hoge instroom" in body and "nan" not in body.split()
    page.close()


def test_rename_the_edited_scenario_then_move_a_slider(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(server + "/begroting?scenarios=2")
    settle(page, 3000)
    page.get_by_role("radiogroup", name="De invoer hieronder wijzigt scenario").get_by_text(
        "Scenario 2 (= uitgangspunt)").click()
    settle(page)
    box = page.get_by_role("textbox", name="Naam scenario 2")
    box.fill("Hoge instroom")
    box.press("Enter")
    settle(page)
    selector = "input[type=range][aria-label='Gehuisvest 2024']"
    slider = page.locator(selector)
    # each step lands in the link; on a busy machine the slider sends its
    # value well after the key, so wait for the link rather than for quiet
    for value in (135, 136):
        # the rename gives the inputs new identities: on a busy machine the
        # previous run's slider can still stand beside the new one
        page.wait_for_function(f"() => document.querySelectorAll({selector!r}).length === 1",
                               timeout=60_000)
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_url(f"**s2.housed_2024={value}**", timeout=60_000)
        settle(page)
        no_exception(page)
    assert page.get_by_role("heading", name="Invoer: Hoge instroom").count() == 1
    assert "s2.naam=Hoge+instroom" in page.url and "s2.housed_2024=136" in page.url
    page.close()
