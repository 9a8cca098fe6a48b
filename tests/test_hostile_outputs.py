"""A drop whose every free-text field is hostile (tests.hostile) leaves no
formula, live link or image in any file the product writes: every chart CSV
(every key the basket can rebuild, and the page-only charts that carry
extract text), the Raadspresentatie deck, and the evaluation report as
PowerPoint and PDF. And the escaping functions themselves."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
import zipfile

import pytest

from monitor import basket as bk
from monitor import catalogue as cat
from monitor import deck, evaluation, exports, indicators, registry
from monitor.escaping import (FORMULA_START, JOINER, html_text, markdown_table, markdown_text,
                              plotly_text, spreadsheet_cell)
from monitor.filters import Filters
from monitor.queries import Source
from tests.hostile import EVIL, PAYLOADS
from tests.test_exports import stand_ins

NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)%?$")


def _formula_cells(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    return [cell for row in rows for cell in row
            if cell.lstrip(" ").startswith(FORMULA_START) and not NUMBER.match(cell.strip())]


NAME = PAYLOADS[5][:40]  # a Markdown link as a scenario name, from a shared link
BUDGET_KEYS = [registry.budget_key("begroting", {"s1.naam": NAME}),
               registry.budget_key("begroting.saldo", {"s1.naam": NAME}),
               registry.budget_key("begroting.reserve", {"s1.naam": NAME}),
               registry.budget_key("begroting.waterval", {"s1.naam": NAME}, 1, "totaal"),
               registry.budget_key("begroting.gevoeligheid", {"s1.naam": NAME}, 1)]


@pytest.fixture(scope="module")
def built(hostile_store):
    """Every chart the registry offers on the hostile store (each kind with
    every argument that exists there), and the budget charts of a hostile
    scenario name."""
    db, report, rewritten = hostile_store
    assert set(rewritten) >= {"inburgeraars", "participatie", "coa_bezetting", "acties"}
    source = Source(db)
    f = Filters(peildatum=max(indicators.peildata(path=db)))
    def make(kind, args):
        for arg in args:
            try:
                found.append(registry.make(kind, arg, source, f))
            except registry.Unavailable:
                pass

    found = []
    breakdown = registry.KINDS["indicator.uitsplitsing"]
    for kind in registry.KINDS.values():
        if kind is not breakdown:
            make(kind, kind.examples(source, f))
    # A breakdown's labels are its dimension's members and the indicator's
    # catalogue text: every dimension is tried with one indicator, and every
    # indicator with each dimension whose members carry extract text (300
    # indicator x dimension charts in all would be most of this file's time).
    pairs = [arg.split("/") for arg in breakdown.examples(source, f)]
    ids = list(dict.fromkeys(i for i, _ in pairs))
    dims = list(dict.fromkeys(d for _, d in pairs))
    for d in dims:
        before = len(found)
        make(breakdown, [f"{i}/{d}" for i in ids[:3]])
        if any(p.strip() in exports.csv_text(c) for c in found[before:] for p in PAYLOADS):
            make(breakdown, [f"{i}/{d}" for i in ids[3:]])
    found += [registry.build(k, source, f) for k in BUDGET_KEYS]
    return db, f, found


def test_every_chart_csv_has_no_formula_cell(built):
    _, _, found = built
    hostile, bad = 0, []
    for c in found:
        data = exports.csv_bytes(c, demo=True)
        text = data.decode("utf-8-sig")
        hostile += any(p.strip() in text for p in PAYLOADS)
        bad += [(c.key, cell) for cell in _formula_cells(data)]
    print(f"\nhostile csv: {len(found)} charts, {hostile} with extract payloads, "
          f"{len(bad)} formula cells")
    assert not bad, bad[:5]
    assert len(found) > 100 and hostile >= 5  # the payloads did reach the files


def test_deck_and_evaluation_have_no_hyperlink(built, tmp_path):
    db, f, found = built
    hostile = [c for c in found if any(p.strip() in exports.csv_text(c) for p in PAYLOADS)]
    kinds = {c.key.partition("/")[0] for c in hostile}
    assert {"acties.tijdlijn", "huisvesting.azc_bezetting", "begroting"} <= kinds, kinds
    items, _ = bk.rebuild_all(list(dict.fromkeys(c.key for c in hostile))[:6] + BUDGET_KEYS[:1],
                              Source(db), f)
    meta = deck.DeckMeta(title="Raadspresentatie", peildatum=f.peildatum, region="regio",
                         filters="hele regio", demo=True, made_on=dt.date(2026, 11, 23))
    pptx = deck.build(meta, items, deck.definitions_for(items, cat.load(db)))
    texts = _pptx_check(pptx)
    assert any(NAME in t for t in texts), "the scenario name, literally"
    report = evaluation.build(db, f.peildatum, render=stand_ins)
    _pptx_check(report)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = deck.to_pdf(report, tmp)
        deck_pdf = deck.to_pdf(pptx, tmp)
    for data in (pdf, deck_pdf):
        assert data and data.startswith(b"%PDF")
        assert b"/URI" not in data and b"/Link" not in data and b"javascript" not in data.lower()


def _pptx_check(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        xml = {n: z.read(n).decode("utf-8", "replace") for n in names
               if n.endswith((".xml", ".rels"))}
    for name, text in xml.items():
        assert "hlinkClick" not in text and "hlinkHover" not in text, name
        assert "relationships/hyperlink" not in text, name
        assert f"://{EVIL}" not in text or not name.endswith(".rels"), name
    return [t for n, t in xml.items() if n.startswith("ppt/slides/slide")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_escape_keeps_the_text_and_drops_the_markup(payload):
    import html

    assert html.unescape(plotly_text(payload)) == payload
    assert "<" not in plotly_text(payload)
    flat = " ".join(payload.splitlines())
    assert html.unescape(html_text(payload)).replace(JOINER, "") == flat
    assert not re.search(r"[<>\[\]`*_]", html_text(payload))
    md = markdown_text(payload)
    assert re.sub(r"\\(.)", r"\1", md).replace(JOINER, "") == flat
    assert "](" not in md.replace("\\]", "")  # no link syntax left unescaped
    assert "http://" not in md and "https://" not in md and "www." not in md
    cell = spreadsheet_cell(payload)
    assert not cell.lstrip(" ").startswith(FORMULA_START) and cell.endswith(payload)


def test_spreadsheet_cell_leaves_numbers_and_plain_text():
    for v in ("-12,5", "+3", "-1.234,5", "12%", "Maastricht", "–", "<5", "-"[:0]):
        assert spreadsheet_cell(v) == v
    assert spreadsheet_cell("-") == "'-"
    assert spreadsheet_cell(" =1+1") == "' =1+1"
    t = markdown_table(__import__("pandas").DataFrame({"[a](http://x)": ["![i](http://y)", 3]}))
    assert list(t.columns) == ["\\[a\\](http\u2060\\://x)"] and t.iloc[1, 0] == 3
