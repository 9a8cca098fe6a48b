"""A corpus of broken and hostile input, each case with the outcome the data
contract's words give it (or the documented decision where it is silent).

Row cases all live in one drop, loaded once: each names the file, row and
column it must be rejected on, with the reason, or that it must load. File
cases each break one file of an otherwise good drop: the load must fail,
naming that file, with a Dutch reason. For every case: no crash, nothing else
lost (read = loaded + rejected, exact loaded counts), and no identifier of the
drop in the report, the log, the error or the store.

Decisions where the contract is silent:
- An empty (0-byte) file is unusable: a delivery without even its header is
  a failed export, unlike a header-only file, which is an empty delivery.
- A duplicated column: the first occurrence is used. Extra columns are ignored.
- A repeated header line inside the data is rejected as such.
- A COA bezetting sheet without its Totaal row loads (the row is not data);
  without its title rows the header is not where the contract puts it: unusable.
- Formula-like text (=, +, -, @ first) and HTML load as text: nothing in the
  store executes or renders it; whoever writes a spreadsheet or HTML from it
  escapes it there (see README, "Invoer die we niet vertrouwen").
- Lines are decoded one by one (UTF-8 if valid, else Windows-1252); a byte
  neither knows, or a NUL, rejects its cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import shutil

import duckdb
import pytest

from etl.contract import EXTRACTS
from etl.load import LoadFailed, load
from monitor import identifiers
from tests.conftest import TEST_KEY
from tests.factories import BY_NAME, bsn, vnummer, write_csv, write_xlsx
from tests.test_privacy import found_identifiers

TODAY = dt.date(2025, 1, 10)
INB = "gemeente/inburgeraars_20250106.csv"
PART = "gemeente/participatie_20250106.csv"
ACT = "gemeente/acties.csv"
UIT = "gemeente/uitkeringen_202412.csv"
UIT2 = "gemeente/uitkeringen_202411.csv"
UIT2B = "gemeente/uitkeringen_202411_2.csv"
ENQ = "gemeente/enquete_2024.csv"
VISTA = "vista/vista_voortgang_20250103.csv"
BEZ = "coa/coa_bezetting_202412.xlsx"
KOP = "coa/coa_koppelingen_202412.xlsx"
BIG_ROWS = 200_000
BIG_BAD_ROW = 123_457
PEOPLE = 12  # persons 1..PEOPLE are valid and referenced by other files


def person(n, **extra):
    row = {"BSN": bsn(n), "V-nummer": vnummer(n), "Gemeentecode": "GM0935",
           "Doelgroep": "Asielstatushouder", "Status": "Actief"}
    row.update(extra)
    return row


def activity(aid, **extra):
    row = {"BSN": bsn(1), "Activiteit-ID": aid, "Soort": "Stage", "Datum start": "01-12-2024"}
    row.update(extra)
    return row


def action(aid, **extra):
    row = {"Actie-ID": aid, "Actielijn": "Taal", "Status": "Loopt"}
    row.update(extra)
    return row


# (case id, file, row dict, expected: None = loads, else (column, reason))
# A row's number is its position among the file's rows here.
ROW_CASES = [
    ("bsn-elfproef", INB, person(101, BSN="123456789"), ("BSN", "BSN voldoet niet aan de elfproef")),
    ("bsn-too-short", INB, person(102, BSN="12345"), ("BSN", "BSN heeft niet 9 cijfers")),
    ("bsn-too-long", INB, person(103, BSN="1234567890"), ("BSN", "BSN heeft niet 9 cijfers")),
    ("bsn-letters", INB, person(104, BSN="11122233A"), ("BSN", "BSN bevat andere tekens dan cijfers")),
    ("bsn-grouped", INB, person(105, BSN="111 222 333"), ("BSN", "BSN bevat andere tekens dan cijfers")),
    ("bsn-excel-exponent", INB, person(106, BSN="1,11222333E+08"),
     ("BSN", "BSN bevat andere tekens dan cijfers")),
    ("bsn-zeros", INB, person(107, BSN="000000000"), ("BSN", "BSN voldoet niet aan de elfproef")),
    ("bsn-empty", INB, person(108, BSN=""), ("BSN", "verplicht veld is leeg")),
    ("vnummer-short", INB, person(109, **{"V-nummer": "123456789"}),
     ("V-nummer", "V-nummer heeft niet 10 cijfers")),
    ("vnummer-letters", INB, person(110, **{"V-nummer": "V123456789"}),
     ("V-nummer", "V-nummer heeft niet 10 cijfers")),
    ("gemeentecode-unknown", INB, person(111, Gemeentecode="GM9999"),
     ("Gemeentecode", "gemeentecode GM9999 hoort niet bij de regio")),
    ("gemeentecode-name", INB, person(112, Gemeentecode="Maastricht"),
     ("Gemeentecode", "'Maastricht' is geen CBS-gemeentecode")),
    ("doelgroep-unknown", INB, person(113, Doelgroep="Expat"), ("Doelgroep", "onbekende waarde 'Expat'")),
    ("bsn-in-enum", INB, person(114, Geslacht=bsn(3)),
     ("Geslacht", f"onbekende waarde '{identifiers.MASK}'")),
    ("date-impossible", INB, person(115, **{"Datum PIP": "31-02-2024"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-iso-in-municipal", INB, person(116, **{"Datum PIP": "2024-03-01"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-slashes", INB, person(117, **{"Datum PIP": "01/03/2024"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-two-digit-year", INB, person(118, **{"Datum PIP": "1-3-24"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-excel-serial", INB, person(119, **{"Datum PIP": "45352"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-words", INB, person(120, **{"Datum PIP": "maart 2024"}),
     ("Datum PIP", "verwacht een datum als dd-mm-jjjj")),
    ("date-after-file", INB, person(121, **{"Datum PIP": "07-01-2025"}),
     ("Datum PIP", "datum ligt na de datum van het bestand")),
    ("household-negative", INB, person(122, Huishoudgrootte="-2"),
     ("Huishoudgrootte", "waarde mag niet negatief zijn")),
    ("household-not-a-number", INB, person(123, Huishoudgrootte="vier"),
     ("Huishoudgrootte", "geen geldig getal")),
    ("household-decimal", INB, person(124, Huishoudgrootte="2,5"),
     ("Huishoudgrootte", "geen geldig getal")),
    ("cp1252-line-in-bom-file", INB, person(1, **{"Land van herkomst": "Curaçao"}), None),
    ("valid-person", INB, person(2, **{"Land van herkomst": "Syrië"}), None),
    *[(f"person-{n}", INB, person(n), None) for n in range(3, PEOPLE + 1)],
    ("hours-negative", PART, activity("P1", **{"Uren per week": "-6"}),
     ("Uren per week", "waarde mag niet negatief zijn")),
    ("hours-absurd", PART, activity("P2", **{"Uren per week": "999"}),
     ("Uren per week", "waarde kan niet groter zijn dan 168")),
    ("hours-text", PART, activity("P3", **{"Uren per week": "acht"}),
     ("Uren per week", "geen geldig getal")),
    ("hours-point-decimal", PART, activity("P4", **{"Uren per week": "6.5"}),
     ("Uren per week", "geen geldig getal")),
    ("bsn-in-aanbieder", PART, activity("P5", Aanbieder=bsn(2)),
     ("Aanbieder", f"onbekende waarde '{identifiers.MASK}'")),
    ("bsn-in-organisatie", PART, activity("P6", Organisatie=f"contact {bsn(2)}"), None),
    ("bsn-as-activity-id", PART, activity(bsn(4)),
     ("Activiteit-ID", "bevat een nummer dat op een BSN of V-nummer lijkt")),
    ("repeated-key", PART, activity("P6"),
     ("Activiteit-ID", "herhaalde sleutel: dezelfde sleutel staat al in rij 6")),
    ("unknown-person", PART, activity("P9", BSN=bsn(900)),
     ("BSN", "persoon komt niet voor in het inburgeraarsbestand")),
    ("formula-equals", PART, activity("P10", Organisatie='=HYPERLINK("http://x","klik")'), None),
    ("formula-plus", PART, activity("P11", Organisatie="+31 43 350 5000"), None),
    ("formula-minus", PART, activity("P12", Organisatie="-2 uur minder"), None),
    ("formula-at", PART, activity("P13", Organisatie="@SUM(A1:A9)"), None),
    ("quoted-delimiter-newline", PART, activity("P14", Organisatie="Stichting A; B\nafdeling C"), None),
    ("cp1252-line-in-utf8-file", PART, activity("P15", Organisatie="Café Réfugié"), None),
    ("html-in-free-text", ACT, action("T1", Omschrijving='<a href="http://x">klik</a><script>x</script>'),
     None),
    ("field-100kb", ACT, action("T2", Toelichting="lang " * 20_000), None),
    ("nul-in-cell", ACT, action("T3", Toelichting="voor\x00na"),
     ("Toelichting", "bevat een NUL-teken (binaire gegevens)")),
    ("undefined-byte", ACT, action("T4", Uitvoering="team \x81"),
     ("Uitvoering", "bevat tekens die in UTF-8 noch in Windows-1252 leesbaar zijn")),
    ("vnummer-in-toelichting", ACT, action("T5", Toelichting=f"V-nr {vnummer(5)} gesproken"), None),
    ("quarter-wrong", ACT, action("T6", Start="Q1 2024"), ("Start", "verwacht een kwartaal als jjjj-Qn")),
    ("status-unknown", ACT, action("T7", Status="Klaar"), ("Status", "onbekende waarde 'Klaar'")),
    ("month-mismatch", UIT, {"BSN": bsn(1), "Maand": "2024-11", "Participatiewet": "J"},
     ("Maand", "maand wijkt af van de maand in de bestandsnaam")),
    ("boolean-wrong", UIT, {"BSN": bsn(2), "Maand": "2024-12", "Participatiewet": "ja"},
     ("Participatiewet", "verwacht J of N")),
    ("vista-municipal-date", VISTA, {"bsn": bsn(1), "peildatum": "03-01-2025", "uitgevallen": "false"},
     ("peildatum", "verwacht een datum als jjjj-mm-dd")),
    ("vista-decimal-comma", VISTA, {"bsn": bsn(2), "peildatum": "2025-01-03", "geplande_lesuren": "6,5"},
     ("geplande_lesuren", "geen geldig getal")),
    ("vista-reden-with-bsn", VISTA, {"bsn": bsn(3), "peildatum": "2025-01-03",
                                     "reden_uitval": f"verhuisd ({bsn(3)})"}, None),
]

# The outcome of each special line that is not a contract row.
EXTRA_LINES = {PART: [("repeated-header", 7, None, "kopregel herhaald tussen de gegevens")],
               INB: [("truncated-last-row", None, None, "velden, de kop heeft er")],
               VISTA: [("truncated-inside-a-quote", None, None, "velden, de kop heeft er")]}


def _csv_line(extract, row: dict) -> str:
    out = io.StringIO()
    sep = "," if extract.dialect == "vista" else ";"
    csv.writer(out, delimiter=sep, lineterminator="").writerow(
        [row.get(c.source, "") for c in extract.columns])
    return out.getvalue()


def _build_main_drop(drop) -> dict[str, dict]:
    """Writes the drop; returns per case id its (file, row)."""
    where = {}
    by_file: dict[str, list] = {}
    for case_id, file, row, _ in ROW_CASES:
        by_file.setdefault(file, []).append((case_id, row))
    for file, items in by_file.items():
        extract = BY_NAME[next(e.name for e in EXTRACTS if e.matches(file))]
        header = _csv_line(extract, {c.source: c.source for c in extract.columns})
        encoded = []
        for n, (case_id, row) in enumerate(items, start=1):
            # in PART, a second header line is row 7 and pushes later rows down
            where[case_id] = (file, n + (file == PART and n >= 7))
            line = _csv_line(extract, row)
            encoded.append(line.encode("cp1252") if "cp1252" in case_id
                           else line.encode("utf-8").replace("\x81".encode(), b"\x81"))
        if file == PART:  # a second header, pasted in after row 6
            encoded.insert(6, header.encode())
        if file == INB:  # cut off in the middle of its last row
            encoded.append(_csv_line(extract, person(99))[:30].encode())
        if file == VISTA:  # cut off inside a quoted field
            encoded.append(f'{bsn(4)},b1,,2025-01-03,,,,,,,,,,false,"verhuisd naar'.encode())
        bom = b"\xef\xbb\xbf" if file in (INB, ACT) else b""
        path = drop / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bom + b"\n".join([header.encode()] + encoded) + b"\n")
    # A period delivered twice: the later file replaces the earlier.
    write_csv(drop, UIT2, [{"BSN": bsn(1), "Maand": "2024-11", "Participatiewet": "N"}])
    write_csv(drop, UIT2B, [{"BSN": bsn(1), "Maand": "2024-11", "Participatiewet": "J"},
                            {"BSN": bsn(2), "Maand": "2024-11", "Participatiewet": "J"}])
    # 200.000 rows, one bad.
    path = drop / ENQ
    rest = ";" * (len(BY_NAME["enquete"].columns) - 4)
    lines = [";".join(c.source for c in BY_NAME["enquete"].columns)]
    lines += [f"R{i};GM0935;2;{6 if i == BIG_BAD_ROW else 1 + i % 5}{rest}"
              for i in range(1, BIG_ROWS + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # COA: a sheet without its Totaal row, and a municipality outside the region.
    write_xlsx(drop, BEZ, [{"Locatie": "AZC Maastricht", "Gemeente": "MAASTRICHT", "Type opvang": "AZC",
                            "Capaciteit": 500, "Bezetting": 400}],
               title="Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum 31-12-2024")
    from openpyxl import load_workbook
    wb = load_workbook(drop / BEZ)
    wb.active.delete_rows(wb.active.max_row)
    wb.save(drop / BEZ)
    write_xlsx(drop, KOP, [{"V-nummer": vnummer(1), "Gekoppelde gemeente": "Vaals"},
                           {"V-nummer": vnummer(2), "Gekoppelde gemeente": "Heerlen"},
                           {"V-nummer": vnummer(3), "Gekoppelde gemeente": vnummer(3)}])
    return where


IDENTIFIERS = ({bsn(n) for n in (*range(1, PEOPLE + 1), 99, 900)}
               | {vnummer(n) for n in range(1, PEOPLE + 1)} | {vnummer(99)})


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    drop, db = base / "drop", base / "s.duckdb"
    where = _build_main_drop(drop)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        report = load(drop, db, key=TEST_KEY, today=TODAY)
    finally:
        logging.getLogger().removeHandler(handler)
    log = "\n".join(r.getMessage() for r in records)
    return report, db, where, log


def _reasons(report):
    return {(r.file, r.row): (r.column, r.reason) for r in report.rejections}


@pytest.mark.parametrize("case_id, file, row, expected", ROW_CASES, ids=[c[0] for c in ROW_CASES])
def test_row_case(loaded, case_id, file, row, expected):
    report, _, where, _ = loaded
    got = _reasons(report).get(where[case_id])
    if expected is None:
        assert got is None
    else:
        assert got is not None and got[0] == expected[0] and got[1].startswith(expected[1]), got


def test_extra_lines_and_nothing_else_lost(loaded):
    report, db, _, _ = loaded
    reasons = _reasons(report)
    assert reasons[(PART, 7)] == (None, "kopregel herhaald tussen de gegevens")
    inb_rows = sum(1 for c in ROW_CASES if c[1] == INB)
    column, reason = reasons[(INB, inb_rows + 1)]  # the truncated last row
    assert column is None and "de kop heeft er" in reason
    vista_rows = sum(1 for c in ROW_CASES if c[1] == VISTA)
    column, reason = reasons[(VISTA, vista_rows + 1)]
    assert column is None and "de kop heeft er" in reason
    files = {f.file: f for f in report.files}
    for f in report.files:
        if f.used:
            assert f.rows_read == f.rows_loaded + f.rows_rejected
            assert f.rows_rejected == sum(1 for r in report.rejections if r.file == f.file)
    for file in {c[1] for c in ROW_CASES}:
        good = sum(1 for c in ROW_CASES if c[1] == file and c[3] is None)
        assert files[file].rows_loaded == good, file
    assert (files[ENQ].rows_read, files[ENQ].rows_rejected) == (BIG_ROWS, 1)
    assert reasons[(ENQ, BIG_BAD_ROW)] == ("Banden", "verwacht een antwoord van 1 tot en met 5")
    assert files[UIT2].used is False and files[UIT2B].rows_loaded == 2
    assert files[BEZ].rows_loaded == 1
    assert reasons[(KOP, 2)] == ("Gekoppelde gemeente", "gemeente 'Heerlen' hoort niet bij de regio")
    assert reasons[(KOP, 3)] == ("Gekoppelde gemeente",
                                 f"gemeente '{identifiers.MASK}' hoort niet bij de regio")
    with duckdb.connect(str(db), read_only=True) as con:
        org = dict(con.execute("SELECT activiteit_id, organisatie FROM raw_participatie").fetchall())
        acts = dict(con.execute("SELECT actie_id, coalesce(omschrijving, '') || '|' || coalesce(toelichting, '') "
                                "FROM raw_acties").fetchall())
        land = dict(con.execute("SELECT source_row, land_van_herkomst FROM raw_inburgeraars").fetchall())
    assert org["P6"] == f"contact {identifiers.MASK}"
    assert org["P10"].startswith("=HYPERLINK") and org["P13"] == "@SUM(A1:A9)"
    assert org["P14"] == "Stichting A; B\nafdeling C"
    assert org["P15"] == "Café Réfugié"
    assert "Curaçao" in land.values() and "Syrië" in land.values()
    assert len(acts["T2"]) >= 100_000  # "|" + 99.999 characters: trimmed, nothing cut
    assert acts["T1"].startswith('<a href="http://x">')


def test_no_identifier_in_report_log_or_store(loaded):
    report, db, _, log = loaded
    texts = {"report": str(report.to_json()), "log": log}
    with duckdb.connect(str(db), read_only=True) as con:
        cells = []
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() "
                                    "WHERE table_name NOT IN ('raw_enquete')").fetchall():
            for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
                cells.extend(str(v) for v in row if v is not None)
    texts["store"] = "\n".join(cells)
    found = {k: found_identifiers(v, IDENTIFIERS) for k, v in texts.items()}
    row_cases = [c for c in ROW_CASES if not c[0].startswith(("person-", "valid-person"))]
    handled = len(row_cases) + sum(map(len, EXTRA_LINES.values())) + len(FILE_CASES) + 3
    print(f"\ncorpus: {handled} cases handled (row, line and file cases, the period delivered "
          f"twice, the 200.000-row file, the COA sheet without Totaal); "
          f"identifiers found: {sum(map(len, found.values()))}")
    assert found == {k: set() for k in texts}


def _xlsx_bytes(tmp_path, relpath, rows, **kw) -> bytes:
    write_xlsx(tmp_path, relpath, rows, **kw)
    return (tmp_path / relpath).read_bytes()


def _file_case_bytes(kind: str, tmp_path) -> tuple[str, bytes]:
    good_inb = "\n".join([_csv_line(BY_NAME["inburgeraars"], {c.source: c.source for c in
                                                                BY_NAME["inburgeraars"].columns}),
                          _csv_line(BY_NAME["inburgeraars"], person(1))]).encode()
    koppel = _xlsx_bytes(tmp_path, KOP, [{"V-nummer": vnummer(1), "Gekoppelde gemeente": "Vaals"}])
    return {
        "truncated-xlsx": (KOP, koppel[: len(koppel) // 2]),
        "xlsx-named-csv": ("gemeente/taakstelling.csv", koppel),
        "csv-named-xlsx": (KOP, good_inb),
        "binary": ("gemeente/acties.csv", bytes(range(256)) * 4),
        "wrong-delimiter": (INB, good_inb.replace(b";", b",")),
        "missing-column": (INB, good_inb.replace(b"Doelgroep", b"Doelgroepen")),
        "utf16": (INB, good_inb.decode().encode("utf-16")),
        "future-file-name": ("gemeente/inburgeraars_20990101.csv", good_inb),
    }[kind]


FILE_CASES = [
    *[(f"empty:{e.pattern}", "bestand is leeg" if not e.sheet else "geen leesbaar Excel-bestand")
      for e in EXTRACTS],
    ("truncated-xlsx", "geen leesbaar Excel-bestand"),
    ("xlsx-named-csv", "geen tekstbestand maar een zip- of Excel-bestand"),
    ("csv-named-xlsx", "geen leesbaar Excel-bestand"),
    ("binary", "geen tekstbestand"),
    ("wrong-delimiter", "verkeerd scheidingsteken"),
    ("missing-column", "verplichte kolom ontbreekt: Doelgroep"),
    ("utf16", "UTF-16"),
    ("coa-without-title", "werkblad heeft geen kopregel"),
    ("coa-sheet-renamed", "werkblad 'Bezetting' ontbreekt"),
    ("future-file-name", "ligt na de laaddatum"),
]

EMPTY_NAMES = {
    "inburgeraars": INB, "participatie": PART, "uitkeringen": UIT, "taakstelling":
    "gemeente/taakstelling.csv", "coa_bezetting": BEZ, "coa_koppelingen": KOP, "vista_voortgang": VISTA,
    "begroting": "gemeente/begroting.csv", "acties": ACT, "enquete": ENQ,
    "referentie": "referentie/referentie_20241231.csv",
}


@pytest.mark.parametrize("kind, message", FILE_CASES, ids=[
    "empty-" + next(e.name for e in EXTRACTS if e.pattern == c[0][6:]) if c[0].startswith("empty:")
    else c[0] for c in FILE_CASES])
def test_file_case(tmp_path, kind, message):
    drop = tmp_path / "drop"
    write_csv(drop, INB, [person(1)])
    if kind.startswith("empty:"):
        extract = next(e for e in EXTRACTS if e.pattern == kind[6:])
        relpath, data = EMPTY_NAMES[extract.name], b""
    elif kind == "coa-sheet-renamed":
        relpath = "coa/coa_bezetting_202410.xlsx"
        write_xlsx(drop, relpath, [{"Locatie": "AZC", "Gemeente": "Vaals"}])
        from openpyxl import load_workbook
        wb = load_workbook(drop / relpath)
        wb.active.title = "Blad1"
        wb.save(drop / relpath)
        data = None
    elif kind == "coa-without-title":
        relpath = BEZ
        from openpyxl import Workbook
        wb = Workbook()
        wb.active.title = "Bezetting"
        wb.active.append([c.source for c in BY_NAME["coa_bezetting"].columns])
        wb.active.append(["AZC Maastricht", "Maastricht", "AZC", 10, 5, 1, 1, 1])
        (drop / "coa").mkdir()
        wb.save(drop / relpath)
        data = None
    else:
        relpath, data = _file_case_bytes(kind, tmp_path / "scratch")
    if data is not None:
        (drop / relpath).parent.mkdir(parents=True, exist_ok=True)
        (drop / relpath).write_bytes(data)
    with pytest.raises(LoadFailed) as info:
        load(drop, tmp_path / "s.duckdb", key=TEST_KEY, today=TODAY)
    text = str(info.value)
    assert f"{relpath}: " in text and message in text, text
    assert "Error" not in text and "Exception" not in text
    broken = [f for f in info.value.report.files if f.error]
    assert [f.file for f in broken] == [relpath] and broken[0].used is False
    assert not found_identifiers(text + str(info.value.report.to_json()), {bsn(1), vnummer(1)})
    assert not (tmp_path / "s.duckdb").exists()
    shutil.rmtree(drop)
