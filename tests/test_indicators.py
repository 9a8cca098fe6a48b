"""The 16 reference indicators of indicators.md on hand-made drops.

Peildatum P = 2024-12-31, so P - 365 days = 2024-01-01 and P - 91 days =
2024-10-01. Every expected value below is worked out by hand in the comment
next to it; the persons are described where the drop is built.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.export import export
from etl.load import load
from tests.conftest import TEST_KEY
from tests import factories
from tests.factories import bsn, nl, vnummer, write_csv, write_xlsx

P = dt.date(2024, 12, 31)
D = dt.date
MAA, MEE = "GM0935", "GM0938"


def person(i, **kw):
    """The shared factory's person in Maastricht, with the sex and birth date
    that the breakdowns need."""
    return factories.person(i, **{"Geslacht": "MV"[i % 2], "Geboortedatum": D(1990, 1, 1), **kw})


def main_drop(drop):
    people = []
    # 0..11: the core. Linked 2023-01-01, housed 2023-03-01, PIP 2023-06-01,
    # leerroute started 2023-07-01, Actief. Leerroute 0..5 B1, 6..10 Z, 11 B1-Entree.
    # PVT done: 0..5. Protect taken: 0..6. DigiD: 0..6.
    for i in range(12):
        people.append(person(
            i, **{"Datum koppeling": D(2023, 1, 1), "Datum huisvesting": D(2023, 3, 1),
                  "Datum PIP": D(2023, 6, 1), "Datum start leerroute": D(2023, 7, 1),
                  "Leerroute": "B1" if i <= 5 else ("Z" if i <= 10 else "B1-Entree"),
                  "Datum PVT afgerond": D(2024, 6, 1) if i <= 5 else None,
                  "Datum Protect": D(2023, 7, 1) if i <= 6 else None,
                  "Digid": "J" if i <= 6 else "N"}))
    # 12: like the core but Voldaan on 2024-06-01 (with PIP, not active); B1,
    # PVT, Protect and DigiD all done.
    people.append(person(12, **{
        "Datum koppeling": D(2023, 1, 1), "Datum huisvesting": D(2023, 3, 1),
        "Datum PIP": D(2023, 6, 1), "Datum start leerroute": D(2023, 7, 1), "Leerroute": "B1",
        "Datum PVT afgerond": D(2024, 5, 1), "Datum Protect": D(2023, 7, 1), "Digid": "J",
        "Status": "Voldaan", "Datum status": D(2024, 6, 1)}))
    # 13: moved away (Verhuisd 2024-10-01): in no population; only his
    # Podium24 row still counts (that indicator is row-based).
    people.append(person(13, **{
        "Datum koppeling": D(2023, 1, 1), "Datum huisvesting": D(2023, 3, 1),
        "Datum PIP": D(2023, 6, 1), "Leerroute": "Z", "Datum PVT afgerond": D(2024, 1, 1),
        "Digid": "J", "Status": "Verhuisd", "Datum status": D(2024, 10, 1)}))
    # 14..21, 23..26: housed in 2024 without PIP.
    #   14..17 linked 2024-01-01, housed 2024-03-01: wait 60 days (31 + 29)
    #   18..21 linked 2024-02-01, housed 2024-03-01: wait 29 days
    #   23..26 linked 2024-01-01, housed 2024-05-01: wait 121 days (31+29+31+30)
    #   18 is Doelgroep Overig, 19 has Ontheffing since 2024-11-01.
    for i in list(range(14, 22)) + list(range(23, 27)):
        kw = {"Datum koppeling": D(2024, 2, 1) if 18 <= i <= 21 else D(2024, 1, 1),
              "Datum huisvesting": D(2024, 5, 1) if i >= 23 else D(2024, 3, 1),
              "Status": "Intake"}
        if i == 18:
            kw["Doelgroep"] = "Overig"
        if i == 19:
            kw.update({"Status": "Ontheffing", "Datum status": D(2024, 11, 1)})
        people.append(person(i, **kw))
    # 22: linked, still in the AZC (not housed): not on the waiting list.
    people.append(person(22, **{"Datum koppeling": D(2024, 6, 1), "Status": "Aangemeld"}))
    # 30..39: in the AZC, linked 2024-11-01, in the COA koppelingen file.
    for i in range(30, 40):
        people.append(person(i, **{"Datum koppeling": D(2024, 11, 1), "Status": "Aangemeld"}))
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)

    acts = []
    # ongoing at P: 0..4 (no end), 6 (ends on P itself: still ongoing);
    # 5's activity ended 2024-12-30.
    for i in (0, 1, 2, 3, 4, 5, 6):
        acts.append({"BSN": bsn(i), "Activiteit-ID": f"D{i}", "Soort": "Vrijwilligerswerk",
                     "Aanbieder": "Consulent", "Datum start": nl(D(2024, 1, 1)),
                     "Datum einde": nl(D(2024, 12, 30) if i == 5 else (P if i == 6 else None)),
                     "Uren per week": "4"})
    # Podium24 rows (all ended 2024-06-01, so they do not count as ongoing):
    # referred 2024-01-01; on time means start <= 2024-04-01 (= +91 days).
    # rows for 0..6 start <= 2024-04-01 (6 exactly on 2024-04-01), 7..9 start
    # 2024-04-02 (late), and so do 14 and 15; 13 (moved away) started
    # 2024-02-01 (on time); 11 referred 2024-10-15 (> P-91): not yet counted.
    for i in list(range(10)) + [13, 14, 15, 11]:
        late = 7 <= i <= 9 or i in (14, 15)
        start = D(2024, 4, 1) if i == 6 else (D(2024, 4, 2) if late else D(2024, 2, 1))
        ref = D(2024, 10, 15) if i == 11 else D(2024, 1, 1)
        if i == 11:
            start = D(2024, 11, 1)
        acts.append({"BSN": bsn(i), "Activiteit-ID": f"P{i}", "Soort": "Werkervaringsplaats",
                     "Aanbieder": "Podium24", "Datum aanmelding": nl(ref),
                     "Datum start": nl(start), "Datum einde": nl(D(2024, 6, 1)) if i != 11 else "",
                     "Uren per week": "8"})
    write_csv(drop, "gemeente/participatie_20241231.csv", acts)

    # benefits Dec 2024: 0..11 (housed 2023-03-01 <= 2024-01-01), J for 0..4;
    # 14 (housed 2024-03-01: too recent) also J but not in the population.
    rows = [{"BSN": bsn(i), "Maand": "2024-12", "Participatiewet": "J" if i <= 4 else "N",
             "Inkomen uit werk": "N", "Ontzorging": "N"} for i in range(12)]
    rows.append({"BSN": bsn(14), "Maand": "2024-12", "Participatiewet": "J"})
    write_csv(drop, "gemeente/uitkeringen_202412.csv", rows)
    # an older month that must not be used at P
    write_csv(drop, "gemeente/uitkeringen_202411.csv",
              [{"BSN": bsn(i), "Maand": "2024-11", "Participatiewet": "J"} for i in range(12)])

    write_csv(drop, "gemeente/taakstelling.csv", [
        {"Gemeentecode": MAA, "Periode": "2024-2", "Taakstelling": "20", "Achterstand begin": "4",
         "Gehuisvest": "18"},
        {"Gemeentecode": MEE, "Periode": "2024-2", "Taakstelling": "10", "Achterstand begin": "-2",
         "Gehuisvest": "6"},
        {"Gemeentecode": MAA, "Periode": "2024-1", "Taakstelling": "20", "Achterstand begin": "0",
         "Gehuisvest": "20"},
    ])

    write_xlsx(drop, "coa/coa_bezetting_202411.xlsx", [
        {"Locatie": "AZC Maastricht", "Gemeente": "MAASTRICHT", "Type opvang": "AZC",
         "Capaciteit": 650, "Bezetting": 600}],
        title="Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum 15-11-2024")
    write_xlsx(drop, "coa/coa_bezetting_202412.xlsx", [
        {"Locatie": "AZC Maastricht", "Gemeente": "MAASTRICHT", "Type opvang": "AZC",
         "Capaciteit": 650, "Bezetting": 663},
        {"Locatie": "Noodopvang Mariënwaard", "Gemeente": "Meerssen", "Type opvang": "Noodopvang",
         "Capaciteit": 100, "Bezetting": 40}],
        title="Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum 15-12-2024")

    def kop(i, gestart):
        return {"V-nummer": vnummer(i), "Gekoppelde gemeente": "Maastricht",
                "Datum koppeling": D(2024, 11, 1), "Locatie": "AZC Maastricht",
                "Voorinburgering gestart": "Ja" if gestart else "Nee"}
    # Nov: 30, 31 started; Dec: all of 30..39.
    write_xlsx(drop, "coa/coa_koppelingen_202411.xlsx", [kop(i, i < 32) for i in range(30, 40)])
    write_xlsx(drop, "coa/coa_koppelingen_202412.xlsx", [kop(i, True) for i in range(30, 40)])

    # VISTA: 0..11 planned 100 h; attended 0..9: 90, 10: 50, 11: 80; 12 dropped out.
    vista = [{"bsn": bsn(i), "leerroute": "b1", "peildatum": "2024-12-31",
              "geplande_lesuren": "100", "gevolgde_lesuren": "90" if i <= 9 else ("50" if i == 10 else "80"),
              "uitgevallen": "false"} for i in range(12)]
    vista.append({"bsn": bsn(12), "leerroute": "b1", "peildatum": "2024-12-31",
                  "geplande_lesuren": "100", "gevolgde_lesuren": "0", "uitgevallen": "true"})
    write_csv(drop, "vista/vista_voortgang_20241231.csv", vista)

    # Survey 2024, 20 respondents. Banden: 5x5, 4x4, 6x3, 3x2, 2 empty.
    # Bruggen: 10x4, 5x1, 5 empty. Survey 2023 (all 5) must not be used.
    banden = ["5"] * 5 + ["4"] * 4 + ["3"] * 6 + ["2"] * 3 + [""] * 2
    bruggen = ["4"] * 10 + ["1"] * 5 + [""] * 5
    write_csv(drop, "gemeente/enquete_2024.csv", [
        {"Respondent": str(i), "Gemeentecode": MAA, "Banden": b, "Bruggen": br}
        for i, (b, br) in enumerate(zip(banden, bruggen))])
    write_csv(drop, "gemeente/enquete_2023.csv", [
        {"Respondent": str(i), "Gemeentecode": MAA, "Banden": "5", "Bruggen": "5"}
        for i in range(20)])


def z_drop(drop):
    # 12 active Z-route persons, PIP 2024-01-01: P - PIP = 365 days, norm =
    # 800 x 365 / 1095 = 266.67 h. Hours count from PIP + 1 = 2024-01-02 to P:
    # 365 days.
    people = [person(i, **{"Datum koppeling": D(2023, 1, 1), "Datum huisvesting": D(2023, 3, 1),
                           "Datum PIP": D(2024, 1, 1), "Datum start leerroute": D(2024, 1, 15),
                           "Leerroute": "Z"}) for i in range(12)]
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)
    acts = []
    # 0..5: 6 h/week from 2024-01-02, ongoing: 6 x 365 / 7 = 312.9 >= 266.67 on schedule
    for i in range(6):
        acts.append({"BSN": bsn(i), "Activiteit-ID": f"Z{i}", "Soort": "Vrijwilligerswerk",
                     "Datum start": nl(D(2024, 1, 2)), "Uren per week": "6"})
    # 6: 6 h/week 2023-06-01 .. 2024-06-30: overlap 2024-01-02 .. 2024-06-30 =
    #    181 days: 6 x 181 / 7 = 155.1 < 266.67, behind
    acts.append({"BSN": bsn(6), "Activiteit-ID": "Z6", "Soort": "Stage",
                 "Datum start": nl(D(2023, 6, 1)), "Datum einde": nl(D(2024, 6, 30)),
                 "Uren per week": "6"})
    # 7: two activities of 3 h/week from 2024-01-02: 2 x 156.4 = 312.9, on schedule
    for k in range(2):
        acts.append({"BSN": bsn(7), "Activiteit-ID": f"Z7{k}", "Soort": "Taalmaatje",
                     "Datum start": nl(D(2024, 1, 2)), "Uren per week": "3"})
    # 8..11: no activities: behind.  Result: 7 of 12 = 58.33, 5 behind
    write_csv(drop, "gemeente/participatie_20241231.csv", acts)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = {}
    for name, build in (("main", main_drop), ("z", z_drop)):
        drop = tmp_path_factory.mktemp(f"drop_{name}")
        build(drop)
        db = tmp_path_factory.mktemp(f"store_{name}") / "s.duckdb"
        load(drop, db, key=TEST_KEY)
        out[name] = db
    return out


def row(result, ind, gemeente="ALL", key=None):
    hits = [r for r in result["indicators"]
            if r["id"] == ind and r["gemeente"] == gemeente and r["key"] == key]
    assert len(hits) == 1, (ind, gemeente, key, hits)
    return hits[0]


@pytest.fixture(scope="module")
def main(exported):
    return export(exported["main"], P)


def shown(r, value, num, den):
    assert r["suppressed"] is False
    assert r["value"] == value
    assert r["numerator"] == num
    assert r["denominator"] == den


def test_pvt_afgerond(main):
    # with PIP <= 2024-01-01, in scope: 0..12 = 13; PVT by P: 0..5 and 12 = 7
    # 100 x 7 / 13 = 53.85
    shown(row(main, "basis.pvt_afgerond_pct"), 53.8, 7, 13)
    shown(row(main, "basis.pvt_afgerond_pct", MAA), 53.8, 7, 13)


def test_taakstelling(main):
    # ALL 2024-2: (18 + 6) / (20 + 4 + 10 - 2) = 24 / 32 = 75.0
    shown(row(main, "huisvesting.taakstelling_realisatie_pct", key="2024-2"), 75.0, 24, 32)
    # 2024-1: 20 / 20
    shown(row(main, "huisvesting.taakstelling_realisatie_pct", key="2024-1"), 100.0, 20, 20)
    # Public figures of the Rijk (indicators.md: exempt from disclosure
    # control): Meerssen's 6 of 8 is shown although 8 < 10, and so is Maastricht
    shown(row(main, "huisvesting.taakstelling_realisatie_pct", MEE, "2024-2"), 75.0, 6, 8)
    shown(row(main, "huisvesting.taakstelling_realisatie_pct", MAA, "2024-2"), 75.0, 18, 24)


def test_azc_bezettingsgraad(main, exported):
    # Dec file (15-12-2024): AZC 663 / 650 = 102.0; Noodopvang 40 / 100 = 40.0
    shown(row(main, "huisvesting.azc_bezettingsgraad_pct", key="AZC Maastricht"), 102.0, 663, 650)
    shown(row(main, "huisvesting.azc_bezettingsgraad_pct", key="Noodopvang Mariënwaard"),
          40.0, 40, 100)
    assert not [r for r in main["indicators"]
                if r["id"] == "huisvesting.azc_bezettingsgraad_pct" and r["gemeente"] != "ALL"]
    # at 2024-11-30 the newest file is the Nov one: 600 / 650 = 92.3
    nov = export(exported["main"], D(2024, 11, 30))
    shown(row(nov, "huisvesting.azc_bezettingsgraad_pct", key="AZC Maastricht"), 92.3, 600, 650)


def test_wachttijd_mediaan(main):
    # housed in (2024-01-01, P] with a koppeling: 14..21, 23..26 = 12 persons
    # waits: 4 x 29, 4 x 60, 4 x 121; 6th and 7th value are 60 -> median 60
    r = row(main, "huisvesting.wachttijd_azc_mediaan_dagen")
    assert r["suppressed"] is False
    assert r["value"] == 60.0 and r["numerator"] is None and r["denominator"] == 12


def test_protect(main):
    # with PIP: 0..12 = 13 (13 moved away); Protect: 0..6 and 12 = 8, rest 5
    # 100 x 8 / 13 = 61.54
    shown(row(main, "zorg.protect_afgenomen_pct"), 61.5, 8, 13)


def test_duaal(main):
    # active with leerroute started: 0..11 = 12 (12 Voldaan, 13 moved);
    # ongoing at P: 0..4, 6 (ends on P) and 11 (Podium24 row started
    # 2024-11-01, no end) = 7; 5 ended 2024-12-30 -> 100 x 7 / 12 = 58.3
    shown(row(main, "werk.duaal_pct"), 58.3, 7, 12)


def test_z_uren(main, exported):
    # main drop: only 6..10 are active Z: denominator 5 < 10 -> suppressed
    r = row(main, "werk.z_uren_op_schema_pct")
    assert r["suppressed"] is True and r["value"] is None
    # the Z drop: 7 of 12 on schedule, 5 behind (see z_drop) -> 58.3
    z = export(exported["z"], P)
    shown(row(z, "werk.z_uren_op_schema_pct"), 58.3, 7, 12)


def test_uitkering(main):
    # housed <= 2024-01-01 and in the Dec file: 0..11 = 12; J: 0..4 = 5 -> 41.7
    shown(row(main, "werk.uitkering_pct"), 41.7, 5, 12)


def test_podium24(main):
    # rows referred <= 2024-10-01: 0..9, 13, 14, 15 = 13; on time: 0..6 and
    # 13 = 8, late: 7..9, 14, 15 = 5; 100 x 8 / 13 = 61.54
    shown(row(main, "werk.podium24_binnen_3mnd_pct"), 61.5, 8, 13)


def test_wachtlijst_pip(main):
    # housed, no PIP: 14..21, 23..26 = 12, minus 18 (Overig) and 19 (Ontheffing) = 10
    r = row(main, "taal.wachtlijst_pip")
    assert r["suppressed"] is False and r["value"] == 10 and r["numerator"] == 10


def test_leerroute_b1(main):
    # with PIP and leerroute: 0..12 = 13; B1 or B1-Entree: 0..5, 11, 12 = 8;
    # Z: 6..10 = 5 -> 100 x 8 / 13 = 61.54
    shown(row(main, "taal.leerroute_b1_pct"), 61.5, 8, 13)


def test_voorinburgering(main, exported):
    # newest file with month <= P is Dec: all of 30..39 started = 10 / 10
    shown(row(main, "taal.voorinburgering_gestart_pct"), 100.0, 10, 10)
    # at 2024-11-30 the Nov file counts: 30, 31 = 2 / 10 = 20.0, a count of
    # 2 persons in disguise: the whole row is hidden, not only the numerator
    nov = export(exported["main"], D(2024, 11, 30))
    r = row(nov, "taal.voorinburgering_gestart_pct")
    assert r["suppressed"] is True
    assert r["value"] is None and r["numerator"] is None and r["denominator"] is None
    from monitor import indicators
    from monitor.disclosure import REASON_PERCENT_SMALL
    from monitor.filters import Filters
    head = indicators.headline(Filters(peildatum=D(2024, 11, 30)), path=exported["main"]).set_index("id")
    assert head.at["taal.voorinburgering_gestart_pct", "reden"] == REASON_PERCENT_SMALL


def test_aanwezigheid(main):
    # not dropped out: 0..11; attended 10 x 90 + 50 + 80 = 1030 of 12 x 100 = 1200
    # 100 x 1030 / 1200 = 85.83
    shown(row(main, "taal.aanwezigheid_pct"), 85.8, 1030, 1200)


def test_digid(main):
    # with PIP: 13; DigiD J: 0..6 and 12 = 8 -> 61.5
    shown(row(main, "digitaal.digid_pct"), 61.5, 8, 13)


def test_banden(main):
    # 2024 file: 18 non-empty answers, 9 of them 4 or 5 -> 50.0
    shown(row(main, "verbindingen.banden_eens_pct"), 50.0, 9, 18)
    shown(row(main, "verbindingen.banden_eens_pct", MAA), 50.0, 9, 18)


def test_bruggen(main):
    # 2024 file: 15 non-empty, 10 agree, 5 disagree -> 100 x 10 / 15 = 66.67
    shown(row(main, "verbindingen.bruggen_eens_pct"), 66.7, 10, 15)


def test_export_shape(main):
    assert main["peildatum"] == "2024-12-31"
    assert main["demo"] is False
    base = {"id", "domain", "gemeente", "key", "value", "numerator", "denominator", "suppressed"}
    for r in main["indicators"]:
        ci = r.get("betrouwbaarheidsinterval_95")
        if "betrouwbaarheidsinterval_95" in r:
            # only survey figures carry their 95% interval, and it holds the value
            assert set(r) == base | {"betrouwbaarheidsinterval_95"} and r["id"].endswith("eens_pct")
            assert ci is None or ci[0] <= r["value"] <= ci[1]
        else:
            assert set(r) == base
        if r["suppressed"]:
            assert r["value"] is None and r["numerator"] is None and r["denominator"] is None
        for f in ("numerator",):
            assert r[f] is None or not (0 < r[f] < 5), r


def test_query_api(exported):
    """The page API over the materialised cube agrees with the export; it
    keeps full precision, display rounds once."""
    from monitor import indicators
    from monitor.filters import Filters

    db = exported["main"]
    assert indicators.peildata(db)[-1] == P
    head = indicators.headline(Filters(peildatum=P), path=db).set_index("id")
    assert set(head.index) == set(indicators.catalogue(db)["id"])
    assert head.at["werk.duaal_pct", "value"] == pytest.approx(700 / 12)
    assert head.at["taal.wachtlijst_pip", "value"] == 10
    # occupancy without a key: all locations together (663 + 40) / (650 + 100)
    assert head.at["huisvesting.azc_bezettingsgraad_pct", "value"] == pytest.approx(70300 / 750)
    # taakstelling without a key: the half year of P (2024-2)
    assert head.at["huisvesting.taakstelling_realisatie_pct", "value"] == 75.0
    s = indicators.series("werk.duaal_pct", path=db)
    assert s["peildatum"].iloc[-1] == P
    # breakdown by geslacht: women are the odd persons among the 12 (0..11):
    # 6 V, 6 M; each under 10 -> both suppressed, total shown
    b = indicators.breakdown("werk.duaal_pct", "geslacht", Filters(peildatum=P), path=db)
    assert b[b["is_total"]]["value"].iloc[0] == pytest.approx(700 / 12)
    assert b[~b["is_total"]]["suppressed"].all()
    g = indicators.by_gemeente("taal.wachtlijst_pip", Filters(peildatum=P), path=db)
    assert g[g["is_total"]]["value"].iloc[0] == 10
    # a filter the survey indicators cannot honour gives no value, not a wrong one
    f = indicators.headline(Filters(peildatum=P, doelgroep=("Asielstatushouder",)), path=db).set_index("id")
    assert f.at["verbindingen.banden_eens_pct", "value"] is None
    r = indicators.route(path=db).set_index("step")
    assert r.at["huisvesting", "value"] == 25  # 0..21, 23..26 minus 13 (moved) = 25
    assert r.at["pip", "value"] == 13
