"""Every quirk of data-contract.md, each on a small drop with exact values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb

from etl.load import load
from tests.conftest import TEST_KEY
from tests.factories import bsn, nl, person, vnummer, write_csv, write_xlsx

P = dt.date(2025, 1, 6)


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_windows_1252_and_utf8_bom_in_one_drop(drop, tmp_path):
    # cp1252 puts the euro sign at 0x80, where latin-1 has a control character.
    write_csv(drop, "gemeente/inburgeraars_20250106.csv",
              [person(1, **{"Land van herkomst": "Syrië"})], encoding="cp1252")
    write_csv(drop, "gemeente/begroting.csv",
              [{"Naam": "Extra inzet € Z-route", "Soort": "Lasten", "Jaar": "2024",
                "Bedrag": "22.000"}], encoding="utf-8-sig")
    write_csv(drop, "gemeente/acties.csv",
              [{"Actie-ID": "T1", "Actielijn": "Taal", "Status": "Loopt",
                "Toelichting": "Kosten € 5.000, café-overleg"}], encoding="cp1252")
    assert (drop / "gemeente/inburgeraars_20250106.csv").read_bytes().count(b"\xeb") == 1
    load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert rows(tmp_path / "s.duckdb", "SELECT land_van_herkomst FROM raw_inburgeraars") == [("Syrië",)]
    assert rows(tmp_path / "s.duckdb", "SELECT naam FROM raw_begroting") == [("Extra inzet € Z-route",)]
    assert rows(tmp_path / "s.duckdb", "SELECT toelichting FROM raw_acties") == [
        ("Kosten € 5.000, café-overleg",)]


def test_dates_booleans_decimal_comma_and_thousand_dots(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(
        1, **{"Datum PIP": "01-03-2024", "Digid": "J", "Alfabetisering": "n",
              "Huishoudgrootte": "4"})])
    write_csv(drop, "gemeente/participatie_20250106.csv", [
        {"BSN": bsn(1), "Activiteit-ID": "A1", "Soort": "Taalmaatje", "Datum start": "15-03-2024",
         "Uren per week": "6,5"}])
    write_csv(drop, "gemeente/begroting.csv", [
        {"Programma": "6.1", "Budgetnummer": "075597128", "Naam": "Reserve", "Soort": "Reserve",
         "Jaar": "2024", "Bedrag": "1.250.000,00", "Raming": "J"},
        {"Programma": "6.1", "Budgetnummer": "570610905", "Naam": "Inburgering", "Soort": "Lasten",
         "Jaar": "2024", "Bedrag": "108.654", "Raming": "N"}])
    write_csv(drop, "gemeente/taakstelling.csv", [
        {"Gemeentecode": "GM0935", "Periode": "2024-1", "Taakstelling": "1.070",
         "Achterstand begin": "-12", "Gehuisvest": "98"}])
    db = tmp_path / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    assert rows(db, "SELECT datum_pip, digid, alfabetisering, huishoudgrootte FROM raw_inburgeraars") == [
        (dt.date(2024, 3, 1), True, False, 4)]
    assert rows(db, "SELECT uren_per_week, datum_start FROM raw_participatie") == [(6.5, dt.date(2024, 3, 15))]
    assert rows(db, "SELECT budgetnummer, bedrag, raming FROM raw_begroting ORDER BY bedrag") == [
        ("570610905", Decimal("108654.00"), False), ("075597128", Decimal("1250000.00"), True)]
    assert rows(db, "SELECT taakstelling, achterstand_begin, gehuisvest FROM raw_taakstelling") == [
        (1070, -12, 98)]


def test_header_case_spaces_and_trailing_empty_lines(drop, tmp_path):
    header = [" bsn ", "V-NUMMER", "gemeentecode ", "DOELGROEP", "Status"]
    path = write_csv(drop, "gemeente/inburgeraars_20250106.csv",
                     [{" bsn ": f"  {bsn(1)} ", "V-NUMMER": vnummer(1), "gemeentecode ": " gm0938 ",
                       "DOELGROEP": " asielstatushouder", "Status": "actief "}], header=header)
    # Contract columns absent from this header must make the file unusable,
    # so give the rest of the header too.
    full = [c for c in ["Geslacht", "Geboortedatum", "Land van herkomst", "Datum vergunning",
                        "Datum koppeling", "Datum huisvesting", "Huishoudgrootte", "Wijkcode",
                        "Datum brede intake", "Datum PIP", "Leerroute", "Alfabetisering",
                        "Datum start leerroute", "Datum status", "Datum MAP afgerond",
                        "Datum KNM afgerond", "Datum PVT afgerond", "Datum Protect",
                        "Uitkomst Protect", "Kinderopvang nodig", "Kinderopvang geregeld", "Digid"]]
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[0] += ";" + ";".join(full)
    lines[1] += ";" * len(full)
    path.write_text("\n".join(lines) + "\n\n\n  \n", encoding="utf-8-sig")
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert report.files[0].rows_read == 1 and report.rejections == []
    assert rows(tmp_path / "s.duckdb", "SELECT gemeentecode, doelgroep, status FROM raw_inburgeraars") == [
        ("GM0938", "Asielstatushouder", "Actief")]


def test_bsn_that_lost_its_leading_zero_links(drop, tmp_path):
    nine = next(b for b in (bsn(n) for n in range(-999999, 0)) if b.startswith("0"))
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1, BSN=nine)])
    write_csv(drop, "gemeente/uitkeringen_202412.csv",
              [{"BSN": nine[1:], "Maand": "2024-12", "Participatiewet": "J"}])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert report.rejections == []
    assert rows(tmp_path / "s.duckdb", """SELECT count(*) FROM raw_uitkeringen u
        JOIN raw_inburgeraars i USING (person_key)""") == [(1,)]


def test_coa_sheets_title_total_and_excel_dates(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1), person(2)])
    write_xlsx(drop, "coa/coa_bezetting_202412.xlsx", [
        {"Locatie": "AZC Maastricht François de Veijestraat", "Gemeente": "MAASTRICHT",
         "Type opvang": "AZC", "Capaciteit": 650, "Bezetting": 612, "Waarvan vergunninghouders": 80,
         "Waarvan niet in BRP": 140, "Waarvan minderjarig": 150},
        {"Locatie": "Noodopvang Mariënwaard", "Gemeente": "Valkenburg a/d Geul",
         "Type opvang": "Noodopvang", "Capaciteit": 300, "Bezetting": 250}],
        title="Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum 02-12-2024")
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "Gulpen Wittem",
         "Datum koppeling": dt.date(2024, 11, 5), "Voorinburgering gestart": "Ja",
         "Voorinburgering afgerond": "Nee", "Uren voorinburgering": 42.5, "Meedoenbalie": "Ja"},
        {"V-nummer": vnummer(2), "Gekoppelde gemeente": "MAASTRICHT",
         "Datum koppeling": dt.date(2024, 12, 1), "Voorinburgering gestart": "Nee"}])
    db = tmp_path / "s.duckdb"
    report = load(drop, db, key=TEST_KEY)
    bezetting = next(f for f in report.files if "bezetting" in f.file)
    assert (bezetting.rows_read, bezetting.rows_loaded) == (2, 2)  # Totaal is no location
    assert rows(db, "SELECT locatie, gemeentecode, bezetting, peildatum FROM raw_coa_bezetting ORDER BY 1") == [
        ("AZC Maastricht François de Veijestraat", "GM0935", 612, dt.date(2024, 12, 2)),
        ("Noodopvang Mariënwaard", "GM0994", 250, dt.date(2024, 12, 2))]
    assert rows(db, """SELECT gemeentecode, datum_koppeling, voorinburgering_gestart,
        uren_voorinburgering FROM raw_coa_koppelingen ORDER BY datum_koppeling""") == [
        ("GM1729", dt.date(2024, 11, 5), True, 42.5), ("GM0935", dt.date(2024, 12, 1), False, None)]


def test_vista_dialect(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1)])
    write_csv(drop, "vista/vista_voortgang_20250103.csv", [
        {"bsn": bsn(1), "leerroute": "b1_entree", "startdatum": "2024-02-01",
         "peildatum": "2025-01-03", "geplande_lesuren": "120.5", "gevolgde_lesuren": "100",
         "roosterwijzigingen": "3", "niveau_lezen": "a2", "examen_behaald": "",
         "avondonderwijs_wens": "true", "uitgevallen": "false"}], encoding="utf-8")
    db = tmp_path / "s.duckdb"
    report = load(drop, db, key=TEST_KEY)
    assert report.rejections == []
    assert rows(db, """SELECT leerroute, startdatum, geplande_lesuren, niveau_lezen, examen_behaald,
        avondonderwijs_wens, uitgevallen FROM raw_vista_voortgang""") == [
        ("b1_entree", dt.date(2024, 2, 1), 120.5, "A2", None, True, False)]


def test_newest_snapshot_wins_and_periods_form_a_series(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20241201.csv", [person(1), person(2)])
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1)])
    for month in ("202411", "202412"):
        write_csv(drop, f"gemeente/uitkeringen_{month}.csv",
                  [{"BSN": bsn(1), "Maand": f"{month[:4]}-{month[4:]}", "Participatiewet": "J"}])
    # A re-delivered December replaces the first delivery.
    write_csv(drop, "gemeente/uitkeringen_202412_2.csv",
              [{"BSN": bsn(1), "Maand": "2024-12", "Participatiewet": "N"}])
    db = tmp_path / "s.duckdb"
    report = load(drop, db, key=TEST_KEY)
    used = {f.file: f.used for f in report.files}
    assert used == {"gemeente/inburgeraars_20241201.csv": False,
                    "gemeente/inburgeraars_20250106.csv": True,
                    "gemeente/uitkeringen_202411.csv": True,
                    "gemeente/uitkeringen_202412.csv": False,
                    "gemeente/uitkeringen_202412_2.csv": True}
    assert rows(db, "SELECT count(*) FROM raw_inburgeraars") == [(1,)]
    assert rows(db, "SELECT maand, participatiewet FROM raw_uitkeringen ORDER BY maand") == [
        ("2024-11", True), ("2024-12", False)]


def test_every_used_file_accounts_for_every_row(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv",
              [person(1), person(2, BSN="123456789"), person(3)])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    for f in report.files:
        if f.used:
            assert f.rows_read == f.rows_loaded + f.rows_rejected
    assert (report.files[0].rows_read, report.files[0].rows_rejected) == (3, 1)


def test_dates_are_checked_against_the_dialect(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1, **{"Datum PIP": nl(P)})])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    assert report.rejections == []  # the extract's own date itself is allowed


def test_header_only_file_is_an_empty_delivery(drop, tmp_path):
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1)])
    write_csv(drop, "gemeente/uitkeringen_202201.csv", [])
    report = load(drop, tmp_path / "s.duckdb", key=TEST_KEY)
    empty = next(f for f in report.files if "uitkeringen" in f.file)
    assert (empty.used, empty.rows_read, empty.error) == (True, 0, None)


def test_coa_names_that_differ_only_by_number_stay_apart(drop, tmp_path):
    region = tmp_path / "regio.csv"
    region.write_text("gemeentecode;naam;coa_namen\nGM5001;Demogemeente 001;\n"
                      "GM5002;Demogemeente 002;\n", encoding="utf-8")
    write_csv(drop, "gemeente/inburgeraars_20250106.csv", [person(1, Gemeentecode="GM5002")])
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [
        {"V-nummer": vnummer(1), "Gekoppelde gemeente": "DEMOGEMEENTE 002"}])
    load(drop, tmp_path / "s.duckdb", region_file=region, key=TEST_KEY)
    assert rows(tmp_path / "s.duckdb", "SELECT gemeentecode FROM raw_coa_koppelingen") == [("GM5002",)]
