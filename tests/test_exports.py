"""The CSV and PNG of a Chart, and the council deck, built without a
browser where possible: parse the CSV back, open the pptx and read it."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation

from monitor import basket, charts, deck, evaluation, exports
from monitor.filters import Filters

P = dt.date(2026, 10, 31)


def tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (160, 90), "white").save(buf, "PNG")
    return buf.getvalue()


def stand_ins(charts_in) -> list[bytes]:
    """Slide images without a browser, one per chart slide: for tests of a
    deck's text and structure (drawing them is tested on its own, and in
    test_raad_deck on a whole report)."""
    return [tiny_png()] * len(charts_in)


def a_chart(**kw) -> charts.Chart:
    table = pd.DataFrame({
        "Gemeente": ["Regio", "Maastricht", "Vaals"],
        "Waarde (%)": [52.5, 61.25, None],
        "Weergave": ["53%", "61%", "–"],
        "Teller": [105.0, 98.0, None],
        "Noemer": [200.0, 160.0, None],
        "Toelichting": ["", "", "Percentage niet getoond: minder dan 10 personen"],
    })
    base = dict(key="werk.duaal_pct/gemeenten", title="Duaal traject per gemeente",
                conclusion="Duaal traject per gemeente: regio 53%.", figure=go.Figure(go.Bar(y=[1])),
                table=table, source="registratie inburgeraars", peildatum=P, suppressed=1)
    return charts.Chart(**{**base, **kw})


def test_csv_is_dutch_excel_ready_and_parses_back():
    c = a_chart()
    raw = exports.csv_bytes(c, demo=True)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 met BOM"
    text = raw.decode("utf-8-sig")
    assert "Gemeente;Waarde (%);Weergave;Teller;Noemer;Toelichting" in text
    assert "Regio;52,5;53%;105;200;" in text          # decimal comma, integers plain
    assert "Vaals;;–;;;" in text                      # a hidden cell is empty, never 0
    lead, df = exports.read_csv(raw)
    assert lead == [c.title, exports.DEMO_NOTICE]
    assert list(df.columns) == list(c.table.columns)
    # as the table on the screen shows it: one decimal, rounded once
    assert df["Waarde (%)"].tolist()[:2] == [52.5, 61.3]
    assert pd.isna(df["Waarde (%)"].iloc[2])
    assert "peildatum 31 oktober 2026" in text and "registratie inburgeraars" in text


def test_csv_without_demo_has_no_notice_and_numbers_stay_numbers():
    raw = exports.csv_bytes(a_chart(), demo=False)
    lead, df = exports.read_csv(raw)
    assert exports.DEMO_NOTICE not in raw.decode("utf-8-sig")
    assert lead == ["Duaal traject per gemeente"]
    for col in ("Teller", "Noemer"):
        assert all(isinstance(v, float) for v in df[col])


def test_file_stem_names_what_and_peildatum():
    assert a_chart().file_stem() == "duaal-traject-per-gemeente_2026-10-31"
    assert a_chart(title="Tevredenheid (enquête) per gemeente").file_stem() == \
        "tevredenheid-enquête-per-gemeente_2026-10-31"


def test_csv_has_no_remarks_about_the_picture():
    text = exports.csv_text(a_chart(note="totaal in oranje; alleen actieve inburgeraars"))
    assert "oranje" not in text and "alleen actieve inburgeraars" in text
    assert "61,25" not in text and ";61,3;" in text


def test_png_has_title_size_and_is_rendered_by_system_chromium():
    if not shutil.which("chromium") and not exports.SYSTEM_CHROMIUM[0]:
        pytest.fail("geen Chromium")
    png = exports.png_bytes(a_chart(), demo=True)
    im = Image.open(io.BytesIO(png))
    assert im.size == exports.SCREEN_SIZE
    assert len(png) > 10_000


def _browser_pids() -> set[int]:
    """The Chromium processes of the PNG renderer (from /proc): descendants of
    the process kaleido started, so a test browser of the same worker is not
    one of them."""
    root = exports._renderer._kaleido.subprocess.pid
    parent, names = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        names[pid] = text[text.index("(") + 1:text.rindex(")")]
        parent[pid] = int(text[text.rindex(")") + 2:].split()[1])

    def below_root(pid):
        while pid > 1:
            if pid == root:
                return True
            pid = parent.get(pid, 0)
        return False

    return {pid for pid, name in names.items() if "chrom" in name.lower() and below_root(pid)}


def test_png_browser_stays_open_and_concurrent_callers_get_their_own_image():
    """One browser for every PNG of the process (no start per click), and an
    image goes back to the session that asked for it, never to another."""
    import threading

    def fig(n):
        return exports.print_figure(a_chart(figure=go.Figure(go.Bar(y=list(range(1, n + 2))))))

    exports.warm()
    browsers = _browser_pids()
    assert browsers  # warm() started it
    alone = {n: exports.render_png([fig(n)])[0] for n in range(4)}
    assert len(set(alone.values())) == 4
    got = {}
    threads = [threading.Thread(target=lambda n=n: got.__setitem__(n, exports.render_png([fig(n)])[0]))
               for n in (3, 2, 1, 0, 3, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == alone
    assert _browser_pids() == browsers  # the same browser drew all of them


def test_figures_from_a_generator_are_drawn_in_order_and_a_layout_error_is_the_callers():
    """A deck hands its figures over as it lays them out (Chromium draws one
    while Python lays out the next): the images come back in order; a figure
    that fails to lay out raises its own error, not 'no image', and leaves
    the browser running."""
    def fig(n):
        return exports.print_figure(a_chart(figure=go.Figure(go.Bar(y=list(range(1, n + 2))))))

    exports.warm()
    browsers = _browser_pids()
    alone = [exports.render_png([fig(n)])[0] for n in range(3)]
    assert exports.render_png(fig(n) for n in range(3)) == alone
    assert exports.render_png(iter([])) == []

    def broken():
        yield fig(0)
        raise KeyError("opmaak")

    with pytest.raises(KeyError):
        exports.render_png(broken())
    assert _browser_pids() == browsers
    assert exports.render_png([fig(1)]) == [alone[1]]


def test_png_renderer_recovers_from_a_dead_browser():
    import os
    import signal

    exports.warm()
    for pid in _browser_pids():
        os.kill(pid, signal.SIGKILL)
    # the click that finds it dead may fail; it says so in Dutch, and the next one works
    try:
        exports.png_bytes(a_chart())
    except exports.PngUnavailable as exc:
        assert "afbeelding" in str(exc)
    png = exports.png_bytes(a_chart(), demo=True)
    assert Image.open(io.BytesIO(png)).size == exports.SCREEN_SIZE


def test_print_figure_carries_source_peildatum_and_demo_notice():
    fig = exports.print_figure(a_chart(), demo=True)
    texts = [a.text for a in fig.layout.annotations]
    assert any("peildatum 31 oktober 2026" in t and "Bron:" in t for t in texts)
    assert any(exports.DEMO_NOTICE in t for t in texts)
    # the title is the conclusion, what the chart says
    assert "Duaal traject per gemeente: regio 53%." in texts
    assert not any(exports.DEMO_NOTICE in a.text
                   for a in exports.print_figure(a_chart()).layout.annotations)
    # a long source line wraps instead of running off the image
    long = exports.print_figure(a_chart(note="x " * 150), demo=True)
    footer = next(a.text for a in long.layout.annotations if "Bron:" in a.text)
    assert all(len(line) <= exports.SCREEN_SIZE[0] / 7 for line in footer.split("<br>")
               if "Demodata" not in line)


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_deck_has_title_chart_table_and_definition_slides():
    charts_in = [a_chart(), a_chart(key="x/reeks", title="Tweede", conclusion="Het steeg.")]
    table = deck.TableSlide("Begroting", pd.DataFrame({"Jaar": ["2024"], "Saldo": [1.5]}),
                            source="begrotingsmodel", peildatum=P)
    meta = deck.DeckMeta("Raadspresentatie", P, "Maastricht-Heuvelland", "hele regio", demo=True,
                         made_on=dt.date(2026, 11, 1))
    data = deck.build(meta, [charts_in[0], table, charts_in[1]], [("Duaal traject", "Def.")],
                      render=stand_ins)
    prs = Presentation(io.BytesIO(data))
    slides = list(prs.slides)
    assert len(slides) == 5
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert "Raadspresentatie" in slides[0].shapes.title.text
    first = _texts(slides[0])
    assert "31 oktober 2026" in first and "Maastricht-Heuvelland" in first and "hele regio" in first
    assert slides[1].shapes.title.text == "Duaal traject per gemeente: regio 53%."
    assert slides[3].shapes.title.text == "Het steeg."
    assert any(s.shape_type == 13 for s in slides[1].shapes)     # the picture
    assert any(s.has_table for s in slides[2].shapes)            # a real table
    cells = [c.text for s in slides[2].shapes if s.has_table for r in s.table.rows for c in r.cells]
    assert "Saldo" in cells and "1,5" in cells
    for s in slides[1:]:
        names = {sh.name: sh for sh in s.shapes}
        assert deck.DEMO_NAME in names, "demomelding op elke dia"
    for s in (slides[1], slides[3]):
        footer = {sh.name: sh for sh in s.shapes}[deck.FOOTER_NAME].text_frame.text
        assert "Bron: registratie inburgeraars" in footer and "peildatum 31 oktober 2026" in footer
    assert "Duaal traject" in _texts(slides[4]) and "Def." in _texts(slides[4])


def test_deck_without_demo_has_no_notice():
    meta = deck.DeckMeta("R", P, "regio", "hele regio", demo=False)
    prs = Presentation(io.BytesIO(deck.build(meta, [a_chart()], [], render=stand_ins)))
    assert all(exports.DEMO_NOTICE not in _texts(s) for s in prs.slides)


def test_basket_keys_roundtrip_and_rebuild_on_demo_store(demo_store):
    db, _ = demo_store
    keys = basket.parse("werk.duaal_pct/reeks,route.stappen,,route.stappen,onzin/x")
    assert keys == ["werk.duaal_pct/reeks", "route.stappen", "onzin/x"]
    assert basket.parse(basket.to_param(keys)) == keys
    assert basket.toggle(keys, "route.stappen") == ["werk.duaal_pct/reeks", "onzin/x"]
    assert basket.move(keys, "onzin/x", -1)[1] == "onzin/x"
    src = basket.StoreSource(db)
    f = Filters(peildatum=P)
    built, missing = basket.rebuild_all(keys + ["huisvesting.taakstelling/Hele regio",
                                                "werk.duaal_pct/doelgroep"], src, f)
    assert missing == ["onzin/x"]
    assert [c.key for c in built] == ["werk.duaal_pct/reeks", "route.stappen",
                                      "huisvesting.taakstelling/Hele regio",
                                      "werk.duaal_pct/doelgroep"]
    assert all(c.peildatum == P for c in built)


def _pptx_text(data: bytes) -> tuple[int, str]:
    prs = Presentation(io.BytesIO(data))
    parts = []
    for s in prs.slides:
        parts.append(_texts(s))
        for sh in s.shapes:
            if sh.has_table:
                parts += [c.text for r in sh.table.rows for c in r.cells]
    return len(prs.slides), "\n".join(parts)


def test_evaluation_deck_on_demo_store(demo_store):
    db, _ = demo_store
    n, text = _pptx_text(evaluation.build(db, P, render=stand_ins))
    assert n >= 9
    assert "Vergelijking: Maastricht" in text
    assert "Evaluatierapportage" in text and "start 31-01-2024" in text
    for cluster in ("1 De Basis", "2 IJkpunten en middelen", "3 Ondersteuners",
                    "4 Sociale verbindingen"):
        assert cluster in text
    assert "Actielijn Taal" in text and "Vertraagd" in text
    assert "SPUK-ruimte plan → werkelijk" in text
    assert evaluation.NO_BASELINE not in text
    assert "verbeterd" in text or "verslechterd" in text
    assert exports.DEMO_NOTICE in text


def test_evaluation_deck_on_a_store_with_one_peildatum(demo_store, tmp_path):
    db, _ = demo_store
    one = tmp_path / "een.duckdb"
    shutil.copy(db, one)
    with duckdb.connect(str(one)) as con:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'peildatum' "
            "AND table_name IN (SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE')").fetchall()]
        for table in tables:
            con.execute(f"DELETE FROM {table} WHERE peildatum <> ?", [P])
    from monitor import indicators
    assert indicators.peildata(path=one) == [P]
    n, text = _pptx_text(evaluation.build(one, render=stand_ins))
    assert n >= 9
    assert "geen nulmeting" in text
    assert "verbeterd" not in text and "verslechterd" not in text


def test_baseline_is_first_peildatum_from_programme_start():
    days = [dt.date(2023, 12, 31), dt.date(2024, 1, 31), dt.date(2024, 2, 29)]
    assert evaluation.baseline(days, dt.date(2024, 2, 29)).start == dt.date(2024, 1, 31)
    assert evaluation.baseline(days[:1], dt.date(2023, 12, 31)).start is None


def test_budget_scenarios_go_into_the_deck_as_a_real_table(demo_store):
    from monitor import budget as bm

    db, _ = demo_store
    query = bm.scenarios_to_query([bm.Scenario("Seed 002", bm.DEFAULT_INPUTS),
                                   bm.Scenario("Krap, met komma", bm.DEFAULT_INPUTS)])
    key = basket.budget_key(query)
    assert basket.SEPARATOR not in key and basket.parse(basket.to_param([key])) == [key]
    built, missing = basket.rebuild_all([key, "route.stappen"], basket.StoreSource(db),
                                        Filters(peildatum=P))
    assert missing == [] and isinstance(built[0], deck.TableSlide)
    # one column per scenario, by name; the same outcomes: every figure shown
    assert list(built[0].table.columns) == ["Cijfer", "Seed 002", "Krap, met komma"]
    assert "dezelfde uitkomsten" in built[0].conclusion
    meta = deck.DeckMeta("R", P, "regio", "hele regio")
    prs = Presentation(io.BytesIO(deck.build(meta, built, [], render=stand_ins)))
    table_slide = list(prs.slides)[1]
    cells = [c.text for s in table_slide.shapes if s.has_table for r in s.table.rows
             for c in r.cells]
    assert "Krap, met komma" in cells and "Saldo 2024" in cells
    assert any(c.startswith("€ ") for c in cells)
