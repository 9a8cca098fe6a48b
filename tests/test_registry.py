"""The chart registry: every registered chart kind builds on the demo store,
survives the basket URL, rebuilds into a deck slide and a presentation-mode
step, and yields a PNG and a CSV; every page is in the navigation and every
chart a page draws is registered. A new chart kind is covered by registering
it; a new page by adding it to the navigation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from monitor.escaping import html_text
from monitor import basket, deck, exports, indicators, registry
from monitor.filters import Filters
from monitor.queries import Source

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 120
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# at most this many arguments per kind are built (an indicator kind has one
# per catalogue indicator); the first that builds is taken through every output
TRIES = 40


@pytest.fixture(scope="session")
def store_filters(demo_store):
    db, _ = demo_store
    # the peildatum the app opens on, as presentation mode below does
    return Source(Path(db)), Filters(peildatum=indicators.default_peildatum(db))


def _first_chart(kind: registry.Kind, src: Source, f: Filters):
    for arg in kind.examples(src, f)[:TRIES]:
        try:
            return arg, registry.make(kind, arg, src, f)
        except registry.Unavailable:
            continue
    pytest.fail(f"{kind.name}: no example builds on the demo store")


@pytest.mark.parametrize("name", list(registry.KINDS))
def test_every_registered_chart_reaches_every_output(name, store_filters, demo_store,
                                                      monkeypatch):
    src, f = store_filters
    kind = registry.KINDS[name]
    arg, chart = _first_chart(kind, src, f)
    # the registry names the chart, and the name leads back to it
    assert chart.key == kind.key(arg)
    assert registry.resolve(chart.key) == (kind, arg)
    assert chart.title and chart.conclusion and chart.source

    # the basket URL: the key comes back whole among others, and rebuilds
    # into the same chart
    param = basket.to_param(basket.toggle(["onzin/x"], chart.key))
    assert chart.key in basket.parse(param)
    (rebuilt,), missing = basket.rebuild_all([chart.key], src, f)
    assert missing == []
    assert rebuilt.key == chart.key and rebuilt.title == chart.title
    assert rebuilt.table.equals(chart.table)

    # PNG and CSV
    png = exports.png_bytes(chart, demo=True)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 2000
    head, table = exports.read_csv(exports.csv_bytes(chart, demo=True))
    assert head[0] == chart.title and exports.DEMO_NOTICE in head
    assert list(table.columns) == [str(c) for c in chart.table.columns]
    assert len(table) == len(chart.table) > 0

    # a deck slide: a picture under the conclusion, or a real table
    meta = deck.DeckMeta("R", f.peildatum, "regio", "hele regio", demo=True)
    prs = Presentation(io.BytesIO(deck.build(meta, [rebuilt], [], render=lambda cs: [png] * len(cs))))
    slide = list(prs.slides)[1]
    if kind.deck == "table":
        assert isinstance(rebuilt, deck.TableSlide)
        assert any(s.has_table for s in slide.shapes)
    else:
        # a chart too long for one slide stands there as its parts, each a slide
        parts = deck.slides_of([rebuilt])
        assert len(prs.slides) == deck.slide_count([rebuilt], []) == len(parts) + 2
        for part, s in zip(parts, list(prs.slides)[1:]):
            assert s.shapes.title.text == part.conclusion
            assert any(sh.shape_type == 13 for sh in s.shapes)  # the picture

    # a presentation-mode step, from the basket in the link
    db, _ = demo_store
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({basket.PARAM: chart.key, "presentatie": "1", "dia": "1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [m.value for m in at.markdown]
    steps = deck.slides_of([rebuilt])
    assert any(f"dia 1 van {len(steps)}" in t for t in texts), texts
    # the slide title is HTML: the conclusion in it is escaped (monitor.escaping)
    assert any(html_text(steps[0].conclusion) in t for t in texts), texts
    if kind.deck != "table":
        assert len(at.get("plotly_chart")) == 1


def test_unknown_and_edited_keys_are_missing_not_errors(store_filters):
    src, f = store_filters
    keys = ["onzin/x", "cohorten.curve/onbekend", "werk.z_route_capaciteit/7",
            "begroting.waterval/9/totaal/seed", "begroting.saldo/%%%", "acties.tijdlijn/8"]
    built, missing = basket.rebuild_all(keys, src, f)
    assert built == [] and missing == keys


def _navigation_script():
    # st.Page needs a script run to know its file: list the navigation in one
    import streamlit as st

    from pages.ui import frame

    st.session_state["files"] = [str(p._page) for group in frame.navigation_pages().values()
                                 for p in group]


def test_every_page_is_in_the_navigation_and_draws_only_registered_charts(demo_store,
                                                                         monkeypatch):
    from pages.ui import render

    db, _ = demo_store
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    files = sorted(p.resolve() for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")
    listing = AppTest.from_function(_navigation_script, default_timeout=TIMEOUT).run()
    nav = [Path(p).resolve() for p in listing.session_state["files"]]
    assert sorted(nav) == files, "every page file in the navigation, and nothing else"

    drawn_total = 0
    for page in files:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
        if page.name != "overzicht.py":
            at.switch_page(str(page.relative_to(ROOT))).run()
        assert not at.exception, (page.name, [e.value for e in at.exception])
        shown = dict(at.session_state[render.SHOWN]) if render.SHOWN in at.session_state else {}
        for element in at.get("plotly_chart"):
            # the element id ends with the key the page gave it
            user_key = next((k for k in shown if element.proto.id.endswith(k)), None)
            if user_key is None:
                assert any(p in element.proto.id for p in render.NOT_CHARTS), \
                    (page.name, element.proto.id, "a plotly figure drawn outside render.chart")
                continue
            assert registry.knows(shown[user_key]), (page.name, shown[user_key])
            drawn_total += 1
    assert drawn_total >= 15


def test_etl_export_writes_the_files_of_registered_charts(demo_store, tmp_path):
    from etl.__main__ import main

    db, _ = demo_store
    p = indicators.latest_peildatum(db).isoformat()
    out = tmp_path / "grafieken"
    keys = ["route.stappen", "cohorten.curve/werk"]
    assert main(["export", "--db", str(db), "--peildatum", p, "--map", str(out),
                 "--zonder-png"] + [a for k in keys for a in ("--grafiek", k)]) == 0
    files = sorted(out.glob("*.csv"))
    assert len(files) == 2
    src, f = Source(Path(db)), Filters(peildatum=indicators.latest_peildatum(db))
    for k in keys:
        c = registry.build(k, src, f)
        written = (out / f"{c.file_stem()}.csv").read_bytes()
        assert written == exports.csv_bytes(c, demo=True)
    assert main(["export", "--db", str(db), "--peildatum", p, "--map", str(out),
                 "--grafiek", "onzin/x"]) == 2
