"""Z-route capacity and VISTA as a history, on one small hand-made drop.

Peildatum P = 2024-12-31. Every expected figure is worked out by hand in the
comment beside it.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from etl.export import export
from etl.load import load
from monitor import store, vista, zroute
from monitor.filters import Filters
from tests import factories
from tests.conftest import TEST_KEY
from tests.factories import bsn, nl, write_csv

P = dt.date(2024, 12, 31)
NOV = dt.date(2024, 11, 30)
D = dt.date
MAA, MEE = "GM0935", "GM0938"


def person(i, **kw):
    return factories.person(i, **{"Geslacht": "MV"[i % 2], "Geboortedatum": D(1990, 1, 1),
                                  "Datum koppeling": D(2023, 1, 1),
                                  "Datum huisvesting": D(2023, 3, 1), **kw})


def build(drop):
    # 0..5 Maastricht and 6 Meerssen: active Z-route, PIP 2024-01-01. At P the
    # pro-rata norm is 800 x 365 / 1095 = 266.67 h, "voor" above 1.25 x that
    # = 333.33 h; hours count from PIP + 1 = 2024-01-02 to P (365 days).
    # 7..11: active B1 in Maastricht, outside the Z-route population.
    people = [person(i, **{"Datum PIP": D(2024, 1, 1), "Datum start leerroute": D(2024, 1, 15),
                           "Leerroute": "Z", "Gemeentecode": MEE if i == 6 else MAA})
              for i in range(7)]
    people += [person(i, **{"Datum PIP": D(2024, 1, 1), "Datum start leerroute": D(2024, 1, 15),
                            "Leerroute": "B1"}) for i in range(7, 12)]
    write_csv(drop, "gemeente/inburgeraars_20241231.csv", people)

    def act(i, k, hours, start, end=None):
        return {"BSN": bsn(i), "Activiteit-ID": f"A{i}{k}", "Soort": "Vrijwilligerswerk",
                "Datum start": nl(start), "Datum einde": nl(end) if end else "",
                "Uren per week": str(hours)}
    acts = [
        act(0, 0, 6, D(2024, 1, 2)),    # 6 x 365 / 7 = 312.86: op schema; 6 h/week now
        act(1, 0, 10, D(2024, 1, 2)),   # 10 x 365 / 7 = 521.43 > 333.33: voor; 10 h/week
        act(2, 0, 6, D(2023, 6, 1), D(2024, 6, 30)),  # 2024-01-02..06-30 = 181 d:
                                        # 6 x 181 / 7 = 155.14: achter; ended, 0 h/week
        # 3: no activity: achter, 0 h/week
        act(4, 0, 3, D(2024, 1, 2)), act(4, 1, 3, D(2024, 1, 2)),  # 2 x 156.43: op schema; 6
        act(5, 0, 4, D(2024, 7, 1)),    # 07-01..12-31 = 184 d: 4 x 184 / 7 = 105.14: achter; 4
        act(6, 0, 8, D(2024, 1, 2)),    # Meerssen: 8 x 365 / 7 = 417.14: voor; 8
        act(7, 0, 20, D(2024, 1, 2)),   # B1: not counted anywhere
    ]
    write_csv(drop, "gemeente/participatie_20241231.csv", acts)

    # VISTA learners 0..10. Nov file: all planned 50, attended 40, no levels.
    # Dec file: planned 100, attended 10 -- re-delivered as _2 with attended
    # 90, which replaces it. Learner 10 dropped out in Dec.
    def learner(i, peil, planned, attended, levels=("", "", "", ""), out=False):
        return {"bsn": bsn(i), "leerroute": "b1", "peildatum": peil,
                "geplande_lesuren": str(planned), "gevolgde_lesuren": str(attended),
                "niveau_lezen": levels[0], "niveau_luisteren": levels[1],
                "niveau_spreken": levels[2], "niveau_schrijven": levels[3],
                "uitgevallen": "true" if out else "false"}
    write_csv(drop, "vista/vista_voortgang_20241130.csv",
              [learner(i, "2024-11-30", 50, 40) for i in range(11)])
    write_csv(drop, "vista/vista_voortgang_20241231.csv",
              [learner(i, "2024-12-31", 100, 10) for i in range(11)])
    # Dec levels: lezen 0..4 A1, 5..6 A2, 7 B1, 8 empty, 9 B2; luisteren all
    # A2; spreken all empty; schrijven 0..5 A0, 6..9 A1. Learner 10 (dropped
    # out) has B2 everywhere and must count nowhere.
    lezen = ["A1"] * 5 + ["A2"] * 2 + ["B1", "", "B2"]
    schrijven = ["A0"] * 6 + ["A1"] * 4
    dec = [learner(i, "2024-12-31", 100, 90, (lezen[i], "A2", "", schrijven[i]))
           for i in range(10)]
    dec.append(learner(10, "2024-12-31", 100, 0, ("B2",) * 4, out=True))
    # Evening classes wanted by 0..5 (6 of the 10 still learning); a timetable
    # change for 0..6 (7 of 10). Dropouts: 10 "Verhuisd naar Heerlen"
    # (verhuisd), 11 (joins in Dec) "Werk overdag, lessen niet te combineren".
    for i, row in enumerate(dec[:10]):
        row["avondonderwijs_wens"] = "true" if i <= 5 else "false"
        row["roosterwijzigingen"] = "2" if i <= 6 else "0"
    dec[10]["reden_uitval"] = "Verhuisd naar Heerlen"
    dec.append({**learner(11, "2024-12-31", 100, 0, out=True),
                "reden_uitval": "Werk overdag; lessen niet te combineren"})
    write_csv(drop, "vista/vista_voortgang_20241231_2.csv", dec)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    drop = tmp_path_factory.mktemp("drop_zv")
    build(drop)
    path = tmp_path_factory.mktemp("store_zv") / "s.duckdb"
    load(drop, path, key=TEST_KEY)
    return path


def z_params(p=P):
    params = Filters().params()
    params.pop("leerroute")
    return {**params, "peildatum": p, "voor_factor": zroute.VOOR_FACTOR}


def test_z_route_raw_counts_and_hours(db):
    df = store.query("z_route", z_params(), path=db).set_index("gemeentecode")
    # Maastricht: 6 persons; 6 + 10 + 0 + 0 + 6 + 4 = 26 h/week;
    # achter 2, 3, 5; op schema 0, 4; voor 1
    maa = df.loc[MAA]
    assert (maa.z_personen, maa.uren_per_week) == (6, 26.0)
    assert (maa.achter, maa.op_schema, maa.voor) == (3, 2, 1)
    # Meerssen: person 6 only, 8 h/week, voor
    mee = df.loc[MEE]
    assert (mee.z_personen, mee.uren_per_week, mee.achter, mee.op_schema, mee.voor) == (1, 8.0, 0, 0, 1)


def test_z_route_on_schedule_matches_the_indicator(db):
    # op schema + voor is werk.z_uren_op_schema_pct's numerator: region 2 + 2 = 4 of 7
    df = store.query("z_route", z_params(), path=db)
    assert df["op_schema"].sum() + df["voor"].sum() == 4 and df["z_personen"].sum() == 7
    with duckdb.connect(str(db), read_only=True) as con:
        num, den = con.execute(
            "SELECT sum(numerator), sum(denominator) FROM mart_indicator_cube "
            "WHERE indicator_id = 'werk.z_uren_op_schema_pct' AND peildatum = ?", [P]).fetchone()
    assert (num, den) == (4, 7)


def test_z_route_protected(db):
    out = zroute.z_route(P, path=db).set_index("gemeentecode")
    # Meerssen's single person: count and its hours hidden, "<5"
    mee = out.loc[MEE]
    assert mee.z_personen is None and mee.uren_per_week is None and mee.uren_nodig is None
    assert mee.weergave_z_personen == "<5"
    # Maastricht's 6 would give Meerssen's 1 away as the region's 7 minus 6:
    # hidden to protect it, so "–", never "<5"; its hours go with it
    maa = out.loc[MAA]
    assert maa.z_personen is None and maa.uren_per_week is None and maa.uren_nodig is None
    assert maa.weergave_z_personen == "–"
    # its 3 / 2 / 1 are all real counts of 1-4
    assert maa.achter is None and maa.op_schema is None and maa.voor is None
    assert (maa.weergave_achter, maa.weergave_op_schema, maa.weergave_voor) == ("<5",) * 3
    # region: 7 persons, 34 h/week; the split 3 / 2 / 2 stays hidden
    regio = out.loc[zroute.REGIO]
    assert regio.z_personen == 7 and regio.uren_per_week == 34.0
    assert regio.uren_nodig == pytest.approx(7 * 800 / (1095 / 7))
    assert {regio.achter, regio.op_schema, regio.voor} == {None}


def test_z_route_region_of_a_choice_is_the_sum_of_its_gemeenten(db):
    """Under a choice of gemeenten the region row is their sum: hidden
    where one of them is, so region minus the shown ones gives nothing."""
    both = zroute.z_route(P, Filters(peildatum=P, gemeenten=(MAA, MEE)), path=db)
    regio = both.set_index("gemeentecode").loc[zroute.REGIO]
    assert regio.z_personen == 7  # both gemeenten: the region's own total
    one = zroute.z_route(P, Filters(peildatum=P, gemeenten=(MAA,)), path=db)
    assert list(one["gemeentecode"]) == [MAA, zroute.REGIO]
    assert one["z_personen"].isna().all() and one["uren_per_week"].isna().all()


def test_z_route_norm_is_a_parameter(db):
    # 6,6 h over 40 lesweken: the region's 7 need 7 x 6.667 = 46.7 h/week
    out = zroute.z_route(P, norm_per_week=zroute.NORM_UREN_PER_LESWEEK, path=db)
    assert out.set_index("gemeentecode").loc[zroute.REGIO].uren_nodig == pytest.approx(46.667,
                                                                                       abs=1e-3)


def test_vista_history_and_redelivery(db):
    # Dec: the re-delivered _2 file replaces the first: learners 0..9 not
    # uitgevallen, 10 x 90 / 10 x 100 = 90.0
    dec = [r for r in export(db, P)["indicators"]
           if r["id"] == "taal.aanwezigheid_pct" and r["gemeente"] == "ALL"]
    assert (dec[0]["value"], dec[0]["numerator"], dec[0]["denominator"]) == (90.0, 900, 1000)
    # Nov: the Nov file, 11 learners: 11 x 40 / 11 x 50 = 80.0
    nov = [r for r in export(db, NOV)["indicators"]
           if r["id"] == "taal.aanwezigheid_pct" and r["gemeente"] == "ALL"]
    assert (nov[0]["value"], nov[0]["numerator"], nov[0]["denominator"]) == (80.0, 440, 550)
    # every dated file is kept; of the two for 2024-12-31 only the re-delivery
    files = store.query("databronnen", path=db).drop_duplicates("file").set_index("file")["used"]
    assert files["vista/vista_voortgang_20241130.csv"]
    assert files["vista/vista_voortgang_20241231_2.csv"]
    assert not files["vista/vista_voortgang_20241231.csv"]


def test_vista_levels_raw(db):
    df = store.query("vista_niveaus", {**Filters().params(), "peildatum": P}, path=db)
    # per gemeente; a skill x level without learners once, with 0
    got = df.groupby(["vaardigheid", "niveau"])["persons"].sum().to_dict()
    assert len(got) == 24  # 4 skills x 6 levels, zeros included
    assert [got[("lezen", n)] for n in vista.NIVEAUS] == [0, 5, 2, 1, 1, 1]
    assert [got[("luisteren", n)] for n in vista.NIVEAUS] == [0, 0, 10, 0, 0, 0]
    assert [got[("spreken", n)] for n in vista.NIVEAUS] == [0, 0, 0, 0, 0, 10]
    assert [got[("schrijven", n)] for n in vista.NIVEAUS] == [6, 4, 0, 0, 0, 0]
    # Nov file: 11 learners, nothing measured yet
    nov = store.query("vista_niveaus", {**Filters().params(), "peildatum": NOV}, path=db)
    nov = nov.groupby(["vaardigheid", "niveau"], as_index=False)["persons"].sum()
    assert set(nov.loc[nov["niveau"] == "nog niet gemeten", "persons"]) == {11}
    assert nov.loc[nov["niveau"] != "nog niet gemeten", "persons"].sum() == 0


def test_vista_levels_protected(db):
    df = vista.niveaus(P, path=db)
    val = {(r.vaardigheid, r.niveau): r.value for r in df.itertuples()}
    # lezen: A1 = 5 shown; 2, 1, 1, 1 hidden (together 5, not disclosive)
    assert val[("lezen", "A1")] == 5 and val[("lezen", vista.TOTAAL)] == 10
    assert all(val[("lezen", n)] is None for n in ("A2", "B1", "B2", "nog niet gemeten"))
    # schrijven: A1 = 4 hidden; A0 = 6 must go too, or 10 - 6 gives it away
    assert val[("schrijven", "A1")] is None and val[("schrijven", "A0")] is None
    assert val[("luisteren", "A2")] == 10 and val[("luisteren", "A0")] == 0
    assert "persons" not in df.columns


NAMEN = {MAA: "Maastricht", MEE: "Meerssen"}


def test_z_route_charts(db):
    from monitor import charts
    df = zroute.z_route(P, path=db)
    c = charts.z_route_capaciteit(df, NAMEN, P, zroute.NORM_UREN_PER_WEEK)
    t = c.table.set_index("Gemeente")
    # Meerssen's single person: no count, no hours, "<5"
    assert t.loc["Meerssen", "Weergave"] == "<5"
    assert t.loc["Meerssen"].drop("Weergave").isna().all()
    # Maastricht is hidden to protect Meerssen: "–", not "<5", in the table and the bars
    assert t.loc["Maastricht", "Weergave"] == "–"
    assert t.loc["Maastricht"].drop("Weergave").isna().all()
    assert [tr.text[0] for tr in c.figure.data if tr.text is not None] == ["–", "–"]
    # region: 34 offered - 35.8 needed
    assert t.loc["Regio", "Verschil (uur per week)"] == pytest.approx(34 - 35.8, abs=0.05)
    assert t.loc["Regio", "Actieve Z-route-inburgeraars"] == 7
    assert any(s.y0 == 580 for s in c.figure.layout.shapes)
    assert "tekort" in c.conclusion and c.peildatum == P
    # the 1-4 counts never reach the figure (Meerssen's 0 achter / 0 op schema may)
    s = charts.z_route_schema(df, NAMEN, P)
    assert all(v is None or v == 0 for tr in s.figure.data for v in tr.y)
    assert s.figure.data[2].y[0] is None  # Maastricht voor: 1
    assert list(s.table["Achter op schema (weergave)"]) == ["<5", "0", "<5"]


def test_vista_chart(db):
    from monitor import charts
    c = charts.vista_niveaus(vista.niveaus(P, path=db), P)
    assert [tr.name for tr in c.figure.data] == ["Lezen", "Luisteren", "Spreken", "Schrijven"]
    lezen = c.figure.data[0]
    assert list(lezen.y) == [0, 5, None, None, None, None]
    assert list(lezen.text)[2] == "<5"
    assert list(c.table.columns) == ["Vaardigheid", "Niveau", "Cursisten (aantal)", "Weergave"]
    # spreken: B1 + B2 = 0 of 10
    assert c.conclusion.startswith("0 van de 10")


@pytest.mark.parametrize("page, domein, title", [
    ("pages/cluster_2_ijkpunten.py", "2.3", "Z-route: capaciteit participatieplekken"),
    ("pages/cluster_3_ondersteuners.py", "3.2", "Taalniveau per vaardigheid"),
])
def test_blocks_on_their_domain(demo_store, monkeypatch, page, domein, title):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("MONITOR_DB", str(demo_store[0]))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    app = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "app.py")
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["domein"] = domein
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert title in [s.value for s in at.subheader]


def cube(db, ind):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT sum(numerator), sum(denominator) FROM mart_indicator_cube "
                           "WHERE indicator_id = ? AND peildatum = ?", [ind, P]).fetchone()


def test_vista_catalogue_indicators(db):
    out = export(db, P)
    got = {r["id"]: r for r in out["indicators"] if r["gemeente"] == "ALL"}
    # 6 of the 10 learners still learning want evening classes (60%): the
    # other 4 are a count in disguise, so the share is hidden; 7 of 10 had a
    # timetable change, the other 3 likewise
    assert cube(db, "taal.avondonderwijs_wens_pct") == (6, 10)
    assert cube(db, "taal.roosterwijziging_pct") == (7, 10)
    assert got["taal.avondonderwijs_wens_pct"]["suppressed"] is True
    assert got["taal.roosterwijziging_pct"]["suppressed"] is True
    assert got["taal.avondonderwijs_wens_pct"]["value"] is None
    # reasons of the 2 dropouts: 1 verhuisd, 1 werk/zorg; too few to show
    assert cube(db, "taal.uitval_reden_verhuisd_pct") == (1, 2)
    assert cube(db, "taal.uitval_reden_werk_zorg_pct") == (1, 2)
    assert cube(db, "taal.uitval_reden_gezondheid_pct") == (0, 2)
    assert cube(db, "taal.uitval_reden_ontheffing_pct") == (0, 2)
    assert got["taal.uitval_reden_verhuisd_pct"]["suppressed"] is True
    # the free text itself never leaves the store
    assert "Heerlen" not in json.dumps(out, default=str)
