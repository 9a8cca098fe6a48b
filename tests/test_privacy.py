"""No identifier is ever echoed: not in a rejection reason, not from a free-text
field, not in the store, the report, the log or the export. And the contract's
BSN rule: 7 or 8 digits are left-padded to 9 before the elfproef."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import duckdb
import pytest

from etl.export import export
from etl.load import load
from etl.pseudonym import check_bsn, elfproef
from monitor import identifiers
from tests.conftest import TEST_KEY
from tests.factories import bsn, vnummer, write_csv, write_xlsx

INB = "gemeente/inburgeraars_20250106.csv"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _bsn_with_zeros(zeros: int, n: int = 0) -> str:
    """A valid BSN with exactly `zeros` leading zeros."""
    start = 10 ** (9 - zeros - 1) + n * 1000
    for candidate in range(start, start + 1000):
        s = f"{candidate:09d}"
        if elfproef(s) and len(s) - len(s.lstrip("0")) == zeros:
            return s
    raise AssertionError("no BSN found")


def found_identifiers(text: str, raw: set[str]) -> set[str]:
    """Which of `raw` occur in `text` in any formatting: digit groups joined
    over spaces, dots and hyphens, with or without the leading zeros."""
    forms = {r: {r, r.lstrip("0")} for r in raw}
    hits = set()
    for run in re.findall(r"\d(?:[ .\-]?\d)*", text):
        digits = re.sub(r"\D", "", run)
        hits |= {r for r, fs in forms.items() if any(f in digits for f in fs)}
    return hits


def person(n, **extra):
    row = {"BSN": bsn(n), "V-nummer": vnummer(n), "Gemeentecode": "GM0935",
           "Doelgroep": "Asielstatushouder", "Status": "Actief"}
    row.update(extra)
    return row


@pytest.mark.parametrize("raw, expected", [
    ("12345672", "012345672"),  # the contract's own example
    ("1234567", "BSN voldoet niet aan de elfproef"),  # padded to 001234567, then judged
    ("12345", "BSN heeft niet 9 cijfers"),
    ("123456", "BSN heeft niet 9 cijfers"),
])
def test_bsn_padding_rule(raw, expected):
    value, reason = check_bsn(raw)
    if expected.isdigit():
        assert (value, reason) == (expected, None)
    else:
        assert (value, reason) == (None, expected)


def test_bsn_with_two_leading_zeros_loads_with_the_persons_other_rows(tmp_path):
    two, one = _bsn_with_zeros(2), _bsn_with_zeros(1)
    drop = tmp_path / "drop"
    write_csv(drop, INB, [person(1, BSN=two.lstrip("0")), person(2, BSN=one.lstrip("0")),
                          person(3, BSN="12345")])
    write_csv(drop, "gemeente/participatie_20250106.csv", [
        {"BSN": two, "Activiteit-ID": "A1", "Soort": "Stage", "Datum start": "01-12-2024"},
        {"BSN": one.lstrip("0"), "Activiteit-ID": "A2", "Soort": "Stage",
         "Datum start": "01-12-2024"}])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    rejected = [(r.file, r.row, r.reason) for r in report.rejections]
    assert rejected == [(INB, 3, "BSN heeft niet 9 cijfers")]
    assert [f.rows_loaded for f in report.files] == [2, 2]


def _hostile_drop(drop):
    """Identifiers typed into every wrong place a person could put them."""
    b1, b2, b3, b4 = bsn(1), bsn(2), bsn(3), bsn(4)
    v1 = vnummer(1)
    grouped = f"{b2[:4]}.{b2[4:6]}.{b2[6:]}"
    write_csv(drop, INB, [
        person(1, **{"Land van herkomst": f"Syrië {b3}"}),
        person(2, Doelgroep=b3),  # enum: echoed as unknown value
        person(3, Gemeentecode=b4),  # not a CBS code
        person(4, Geslacht=grouped),
        person(5)])
    write_csv(drop, "gemeente/participatie_20250106.csv", [
        {"BSN": b1, "Activiteit-ID": "A1", "Soort": "Stage", "Datum start": "01-12-2024",
         "Organisatie": f"Stichting Podium, contact BSN {b1}", "Aanbieder": b2},
        {"BSN": b1, "Activiteit-ID": "A2", "Soort": "Stage", "Datum start": "01-12-2024",
         "Organisatie": f"Werkgever (v-nr {v1}), gestart 01-12-2024"},
        {"BSN": b1, "Activiteit-ID": b3, "Soort": "Stage", "Datum start": "01-12-2024"}])
    write_csv(drop, "gemeente/acties.csv", [
        {"Actie-ID": "T1", "Actielijn": "Taal", "Status": "Loopt",
         "Omschrijving": f"Casus {grouped} besproken",
         "Toelichting": f"Zie dossier {b4[:3]} {b4[3:5]} {b4[5:]} en V-nummer {v1}"}])
    write_csv(drop, "gemeente/begroting.csv", [
        {"Programma": "6.1", "Budgetnummer": "075597128", "Naam": "Inburgering",
         "Soort": "Lasten", "Jaar": "2025", "Bedrag": "1.000,00"}])
    write_csv(drop, "vista/vista_voortgang_20250103.csv", [
        {"bsn": b1, "peildatum": "2025-01-03", "uitgevallen": "true",
         "reden_uitval": f"verhuisd, zie {b1}"}], encoding="utf-8")
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [
        {"V-nummer": v1, "Gekoppelde gemeente": v1, "Locatie": f"AZC {v1}"},
        {"V-nummer": vnummer(2), "Gekoppelde gemeente": "Vaals", "Locatie": f"AZC {b3}"}])
    return {b1, b2, b3, b4, v1, vnummer(2), vnummer(3), vnummer(4), vnummer(5), bsn(5)}


def test_no_identifier_in_reasons_store_report_log_or_export(tmp_path):
    drop, db, report_path = tmp_path / "drop", tmp_path / "s.duckdb", tmp_path / "r.json"
    raw = _hostile_drop(drop)
    env = {**os.environ, "PSEUDONYM_KEY": TEST_KEY}
    out = subprocess.run([sys.executable, "-m", "etl", "load", str(drop), "--db", str(db),
                          "--report", str(report_path)], capture_output=True, text=True, env=env,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    reasons = {(r["file"].split("/")[-1], r["row"], r["column"]): r["reason"]
               for r in report["rejections"]}
    # Every misplaced identifier is rejected with its column, and masked.
    assert reasons[("inburgeraars_20250106.csv", 2, "Doelgroep")].startswith(
        f"onbekende waarde '{identifiers.MASK}'")
    assert reasons[("inburgeraars_20250106.csv", 3, "Gemeentecode")] == (
        f"'{identifiers.MASK}' is geen CBS-gemeentecode")
    assert identifiers.MASK in reasons[("inburgeraars_20250106.csv", 4, "Geslacht")]
    assert reasons[("participatie_20250106.csv", 1, "Aanbieder")].startswith(
        f"onbekende waarde '{identifiers.MASK}'")
    assert reasons[("participatie_20250106.csv", 3, "Activiteit-ID")] == (
        "bevat een nummer dat op een BSN of V-nummer lijkt")
    assert reasons[("coa_koppelingen_202412.xlsx", 1, "Gekoppelde gemeente")] == (
        f"gemeente '{identifiers.MASK}' hoort niet bij de regio")

    with duckdb.connect(str(db), read_only=True) as con:
        cells = []
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
                cells.extend(str(v) for v in row if v is not None)
        free = dict(con.execute("SELECT activiteit_id, organisatie FROM raw_participatie").fetchall())
        budget = con.execute("SELECT budgetnummer FROM raw_begroting").fetchone()[0]
    # Free text keeps its words and dates; only the number goes.
    assert free["A2"] == f"Werkgever (v-nr {identifiers.MASK}), gestart 01-12-2024"
    assert budget == "075597128"  # the contract's budget number stays
    exported = json.dumps(export(db, dt.date(2025, 1, 6)), ensure_ascii=False)
    everything = {"store": "\n".join(cells), "report": report_path.read_text(encoding="utf-8"),
                  "log": out.stdout + out.stderr, "export": exported}
    found = {where: found_identifiers(text, raw) for where, text in everything.items()}
    print(f"\nprivacy: {len(raw)} identifiers planted in wrong columns and free text; "
          f"identifiers found: {sum(map(len, found.values()))}")
    assert found == {where: set() for where in everything}


def test_no_identifier_on_any_page(tmp_path, monkeypatch):
    """Every page rendered (AppTest) on a store loaded from the hostile drop:
    texts, metrics, the data behind every st.dataframe and table, and every
    plotly figure's data hold no identifier of that drop."""
    from streamlit.testing.v1 import AppTest

    from tests.test_pages import APP, PAGES

    drop, db = tmp_path / "drop", tmp_path / "s.duckdb"
    raw = _hostile_drop(drop)
    load(drop, db, key=TEST_KEY)
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120).run()
    seen = []
    for page in PAGES:
        if page != "pages/overzicht.py":
            at.switch_page(page).run()
        assert not at.exception, page
        parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
        parts += [f"{m.label}={m.value}" for m in at.metric]
        parts += [df.value.to_csv() for df in at.dataframe]
        parts += [t.value.to_csv() if hasattr(t.value, "to_csv") else str(t.value) for t in at.table]
        parts += [str(e.proto) for e in at.get("plotly_chart")]
        parts += [str(e.proto) for e in at.get("download_button")]
        seen.append("\n".join(parts))
    found = found_identifiers("\n".join(seen), raw)
    print(f"\nprivacy on pages: {len(PAGES)} pages rendered, {sum(map(len, seen))} characters "
          f"read, identifiers found: {len(found)}")
    assert sum(map(len, seen)) > 1000  # the pages did show data
    # masked free text reached a page: unmasked, its number would be found here
    assert identifiers.MASK in "\n".join(seen)
    assert not found


@pytest.mark.browser
def test_no_identifier_in_chromium(tmp_path):
    """Real Chromium on the hostile drop's store: the pages where extract text
    and rejection reasons appear (Uitvoeringsprogramma, Databronnen) hold no
    identifier of the drop anywhere in their HTML, plotly's SVG included."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_idle

    drop, db = tmp_path / "drop", tmp_path / "s.duckdb"
    raw = _hostile_drop(drop)
    load(drop, db, key=TEST_KEY)
    html = []
    with streamlit_server(db, tmp_path) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1200})
        for path in ("uitvoeringsprogramma", "databronnen"):
            page.goto(f"{url}/{path}")
            wait_idle(page, 1500)
            if path == "uitvoeringsprogramma":
                # the masked free text (asserted below), once the browser drew it
                page.get_by_text(identifiers.MASK).first.wait_for(state="attached", timeout=60_000)
            html.append(page.content())
        browser.close()
    text = "\n".join(html)
    found = found_identifiers(text, raw)
    print(f"\nprivacy in Chromium: 2 pages, {len(text)} characters of HTML, "
          f"identifiers found: {len(found)}")
    assert identifiers.MASK in text  # the masked free text is on screen
    assert not found
