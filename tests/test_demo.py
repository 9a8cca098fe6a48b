"""The synthetic demo drop: deterministic, contract-shaped, calibrated to the
seeds (see the table in etl/demo/calibration.py), with its planted bad rows listed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from etl.demo import (DEMO_PSEUDONYM_KEY, REGIO, elfproef_ok, national_region,
                      write_demo_drop)

TODAY = dt.date(2026, 11, 23)
NEWEST = TODAY.strftime("%Y%m%d")
OLDER = "20261023"


@pytest.fixture
def demo(demo_drop):
    """The session's demo drop (conftest): seed 2024, today 2026-11-23. That
    the loader rejects exactly its planted rows is tested in test_demo_load."""
    out, summary = demo_drop
    assert summary.today == TODAY and summary.seed == 2024
    return out, summary


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read(path: Path, sep: str = ";") -> pd.DataFrame:
    """As the contract reads it: header case and spaces do not matter, cells
    are trimmed, trailing empty lines ignored."""
    rows = list(csv.reader(io.StringIO(decode(path.read_bytes()).rstrip()), delimiter=sep))
    header = [re.sub(r"\s+", " ", h.strip()).casefold() for h in rows[0]]
    return pd.DataFrame([[c.strip() for c in r] for r in rows[1:]], columns=header, dtype=str)


def sheet(path: Path, name: str) -> list[list]:
    """Cell values as the loader's reader (calamine) sees them; empty is ''."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


def planted_rows(summary, file: str) -> set[int]:
    return {p.row for p in summary.planted if p.file == file}


def without_planted(df: pd.DataFrame, summary, file: str) -> pd.DataFrame:
    return df.drop(index=[r - 1 for r in planted_rows(summary, file)])


def nl_date(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="%d-%m-%Y", errors="coerce")


def test_same_seed_gives_identical_files_and_another_seed_does_not(demo, tmp_path):
    out, _ = demo
    again = tmp_path / "again"
    write_demo_drop(again, scale="regio", seed=2024, today=TODAY)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel
    rel = f"coa/coa_koppelingen_{TODAY:%Y%m}.xlsx"
    assert sheet(out / rel, "Koppelingen") == sheet(again / rel, "Koppelingen")
    # A second reader agrees on the cells, real date cells included.
    from openpyxl import load_workbook
    rows = [["" if v is None else v.date() if isinstance(v, dt.datetime) else v for v in r]
            for r in load_workbook(out / rel, read_only=True)["Koppelingen"].iter_rows(values_only=True)]
    assert rows == sheet(out / rel, "Koppelingen")

    other = tmp_path / "other"
    write_demo_drop(other, scale="regio", seed=7, today=TODAY)
    for rel in (f"gemeente/inburgeraars_{NEWEST}.csv", "gemeente/uitkeringen_202410.csv"):
        assert (out / rel).read_bytes() != (other / rel).read_bytes()
    rel = f"coa/coa_koppelingen_{TODAY:%Y%m}.xlsx"
    assert sheet(out / rel, "Koppelingen") != sheet(other / rel, "Koppelingen")


def test_files_of_the_contract_and_the_marker(demo):
    out, summary = demo
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    months = pd.period_range("2022-01", f"{TODAY:%Y-%m}", freq="M").strftime("%Y%m")
    for stamp in (OLDER, NEWEST):
        for name in (f"gemeente/inburgeraars_{stamp}.csv", f"gemeente/participatie_{stamp}.csv",
                     f"vista/vista_voortgang_{stamp}.csv"):
            assert name in names
    for m in months:
        assert f"coa/coa_bezetting_{m}.xlsx" in names
        assert f"coa/coa_koppelingen_{m}.xlsx" in names
    # January 2022: nobody under the new law was housed yet.
    assert {f"gemeente/uitkeringen_{m}.csv" for m in months[1:]} <= names
    assert {f"gemeente/enquete_{y}.csv" for y in range(2022, TODAY.year + 1)} <= names
    assert {"gemeente/taakstelling.csv", "gemeente/begroting.csv", "gemeente/acties.csv"} <= names
    assert "regio.csv" not in names  # the default region suffices
    marker = (out / "DEMO_SYNTHETISCH.txt").read_text(encoding="utf-8")
    assert "SYNTHETISCH" in marker and "134" in marker and DEMO_PSEUDONYM_KEY in marker
    assert summary.files == len(names) - 1
    assert 600 <= summary.persons <= 850


def test_headers_are_those_of_the_contract(demo):
    """Every file's header is its extract's in etl/contract.py, up to the case
    and spaces the contract allows, so the demo and the contract cannot drift."""
    from etl.contract import EXTRACTS

    out, _ = demo
    seen = set()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        spec = next((e for e in EXTRACTS if e.matches(rel)), None)
        if spec is None:
            assert rel == "DEMO_SYNTHETISCH.txt", rel
            continue
        seen.add(spec.name)
        if spec.sheet:
            got = sheet(path, spec.sheet)[spec.extra.get("header_row", 1) - 1]
        else:
            got = list(read(path, sep="," if spec.dialect == "vista" else ";").columns)
        assert [re.sub(r"\s+", " ", str(h).strip()).casefold() for h in got] == \
            [c.source.casefold() for c in spec.columns], rel
    assert seen == {e.name for e in EXTRACTS}


def test_every_bsn_passes_the_elfproef_and_vnummers_have_ten_digits(demo):
    out, summary = demo
    rel = f"gemeente/inburgeraars_{NEWEST}.csv"
    df = without_planted(read(out / rel), summary, rel)
    assert len(df) == summary.persons
    assert all(elfproef_ok(b) for b in df["bsn"])
    assert df["bsn"].str.len().isin([8, 9]).all()
    assert (df["bsn"].str.len() == 8).any(), "some BSNs must have lost their leading zero"
    assert df["bsn"].str.zfill(9).is_unique
    with_v = df["doelgroep"].isin(["Asielstatushouder", "Nareiziger"])
    assert df.loc[with_v, "v-nummer"].str.fullmatch(r"\d{10}").all()
    assert (df.loc[df["doelgroep"] == "Gezinsmigrant", "v-nummer"] == "").all()
    old = read(out / f"gemeente/inburgeraars_{OLDER}.csv")
    assert all(elfproef_ok(b) for b in old["bsn"])
    bad = read(out / rel).iloc[[r - 1 for r in planted_rows(summary, rel)]]
    assert not all(elfproef_ok(b) for b in bad["bsn"])


def test_references_resolve_and_no_date_lies_after_the_file(demo):
    out, summary = demo
    people = read(out / f"gemeente/inburgeraars_{NEWEST}.csv")
    bsns = set(people["bsn"].str.zfill(9))
    vnrs = set(people["v-nummer"]) - {""}
    for path in sorted((out / "gemeente").glob("*.csv")):
        rel = path.relative_to(out).as_posix()
        stamp = re.search(r"_(\d{4,8})\.csv$", rel)
        if not stamp:
            continue
        s = stamp.group(1)
        file_date = (pd.Timestamp(f"{s[:4]}-12-31") if len(s) == 4 else
                     pd.Timestamp(f"{s[:4]}-{s[4:6]}-01") + pd.offsets.MonthEnd(0) if len(s) == 6 else
                     pd.Timestamp(f"{s[:4]}-{s[4:6]}-{s[6:]}"))
        df = without_planted(read(path), summary, rel)
        if "bsn" in df and not rel.startswith("gemeente/inburgeraars"):
            assert set(df["bsn"].str.zfill(9)) <= bsns, rel
        for col in df.columns:
            if col.startswith("datum") and col != "datum einde" or col == "geboortedatum":
                dates = nl_date(df.loc[df[col] != "", col])
                assert dates.notna().all(), (rel, col)
                assert (dates <= file_date).all(), (rel, col)
    for path in sorted((out / "vista").glob("*.csv")):
        rel = path.relative_to(out).as_posix()
        df = without_planted(read(path, sep=","), summary, rel)
        assert set(df["bsn"].str.zfill(9)) <= bsns
        peil = pd.Timestamp(rel[-12:-4])
        for col in ("startdatum", "peildatum", "examen_datum"):
            dates = pd.to_datetime(df.loc[df[col] != "", col], format="%Y-%m-%d")
            assert (dates <= peil).all(), (rel, col)
    for path in sorted((out / "coa").glob("coa_koppelingen_*.xlsx")):
        rel = path.relative_to(out).as_posix()
        end = (pd.Timestamp(f"{rel[-11:-7]}-{rel[-7:-5]}-01") + pd.offsets.MonthEnd(0)).date()
        rows = sheet(path, "Koppelingen")[1:]
        skip = planted_rows(summary, rel)
        for number, row in enumerate(rows, start=1):
            if number in skip:
                continue
            assert row[0] in vnrs, rel
            assert isinstance(row[2], dt.date), "koppeling must be a real Excel date"
            assert row[2] <= end and (row[8] == "" or row[8] <= end)


def test_leerroute_split_and_housed_asielstatushouders(demo):
    out, summary = demo
    rel = f"gemeente/inburgeraars_{NEWEST}.csv"
    df = without_planted(read(out / rel), summary, rel)
    pip = nl_date(df["datum pip"])
    with_route = df["leerroute"] != ""
    assert (with_route & pip.notna()).sum() > 400
    # The seed's split is of 1 March 2024 (002 §3): B1 80%, Z 19%, a few Onderwijs.
    share = df.loc[with_route & (pip <= pd.Timestamp("2024-03-01")), "leerroute"].value_counts(
        normalize=True)
    assert 0.75 <= share["B1"] + share.get("B1-Entree", 0) <= 0.85
    assert 0.15 <= share["Z"] <= 0.23
    assert share.get("Onderwijs", 0) < 0.05
    # Later PIPs go to the Z-route more often (the seed expects ~88 in it).
    later = df.loc[with_route & (pip > pd.Timestamp("2024-03-01")), "leerroute"].value_counts(
        normalize=True)
    assert 0.23 <= later["Z"] <= 0.33
    assert later.get("Onderwijs", 0) < 0.06
    housed = nl_date(df["datum huisvesting"])
    maastricht = (df["gemeentecode"] == "GM0935") & (df["doelgroep"] == "Asielstatushouder")
    assert (maastricht & (housed.dt.year == 2024)).sum() == 134  # seed 002, exact by construction
    region_2024 = ((df["doelgroep"] == "Asielstatushouder") & (housed.dt.year == 2024)).sum()
    assert 0.62 <= 134 / region_2024 <= 0.72  # verdeelsleutel 67,23%
    assert (df.loc[housed.isna() | (housed > pd.Timestamp(TODAY)), "wijkcode"] == "").all()
    wijk = df.loc[df["wijkcode"] != ""]
    assert (wijk["wijkcode"].str[2:6] == wijk["gemeentecode"].str[2:6]).all()


def test_z_route_caseload_and_capacity(demo):
    """Seed 002 §4: about 88 inburgeraars in Maastricht's Z-route need 6,6
    hours a week over 40 lesweken, about 580 hours of places a week, and
    there are too few places. Recomputed from the newest files: active = PIP
    on or before P, not Voldaan, Ontheffing, Verhuisd or Vertrokken by P."""
    out, summary = demo
    rel_i, rel_p = f"gemeente/inburgeraars_{NEWEST}.csv", f"gemeente/participatie_{NEWEST}.csv"
    people = without_planted(read(out / rel_i), summary, rel_i)
    acts = without_planted(read(out / rel_p), summary, rel_p)
    P = pd.Timestamp(TODAY)
    done = (people["status"].isin(["Voldaan", "Ontheffing", "Verhuisd", "Vertrokken"])
            & (nl_date(people["datum status"]) <= P))
    z = people[(people["gemeentecode"] == "GM0935") & (people["leerroute"] == "Z")
               & (nl_date(people["datum pip"]) <= P) & ~done]
    assert 80 <= len(z) <= 96
    needed = len(z) * 800 / 3 / 40
    assert 530 <= needed <= 640
    start, end = nl_date(acts["datum start"]), nl_date(acts["datum einde"])
    ongoing = acts[(start <= P) & (end.isna() | (end >= P))
                   & acts["bsn"].str.zfill(9).isin(set(z["bsn"].str.zfill(9)))]
    offered = ongoing["uren per week"].str.replace(",", ".").astype(float).sum()
    assert 0.4 * needed <= offered <= 0.8 * needed


def test_dual_trajectory_rises_from_forty_percent(demo):
    out, summary = demo
    rel_i, rel_p = f"gemeente/inburgeraars_{NEWEST}.csv", f"gemeente/participatie_{NEWEST}.csv"
    people = without_planted(read(out / rel_i), summary, rel_i)
    acts = without_planted(read(out / rel_p), summary, rel_p)
    for col in ("datum pip", "datum start leerroute", "datum status"):
        people[col] = nl_date(people[col])
    start, end = nl_date(acts["datum start"]), nl_date(acts["datum einde"])

    def duaal(p: str) -> float:  # werk.duaal_pct of indicators.md
        P = pd.Timestamp(p)
        st, when = people["status"], people["datum status"]
        active = people[(people["datum pip"] <= P) & (people["datum start leerroute"] <= P)
                        & ~(st.isin(["Verhuisd", "Vertrokken", "Voldaan", "Ontheffing"]) & (when <= P))]
        ongoing = acts.loc[(start <= P) & (end.isna() | (end >= P)), "bsn"].str.zfill(9)
        return active["bsn"].str.zfill(9).isin(set(ongoing)).mean()

    early_2024 = sum(duaal(p) for p in ("2024-01-31", "2024-02-29", "2024-03-31")) / 3
    in_2026 = sum(duaal(p) for p in ("2026-03-31", "2026-06-30", "2026-09-30")) / 3
    assert 0.33 <= early_2024 <= 0.50
    assert 0.50 <= in_2026 <= 0.66
    assert in_2026 > early_2024 + 0.08


def test_participation_hours_and_podium24(demo):
    out, summary = demo
    rel = f"gemeente/participatie_{NEWEST}.csv"
    acts = without_planted(read(out / rel), summary, rel)
    assert acts["uren per week"].str.fullmatch(r"\d+,\d").all()  # decimal comma
    people = read(out / f"gemeente/inburgeraars_{NEWEST}.csv")
    z = set(people.loc[people["leerroute"] == "Z", "bsn"].str.zfill(9))
    hours = acts["uren per week"].str.replace(",", ".").astype(float)
    # The Z-route norm applies from the PIP on, not to the Meedoenbalie in the AZC.
    main = (acts["bsn"].str.zfill(9).isin(z)
            & acts["soort"].isin(["Vrijwilligerswerk", "Werkervaringsplaats"])
            & (acts["aanbieder"] != "Meedoenbalie"))
    assert hours[main].between(5, 7).all()
    podium = acts[(acts["aanbieder"] == "Podium24")
                  & (nl_date(acts["datum aanmelding"]) <= pd.Timestamp(TODAY) - pd.Timedelta(days=91))]
    within = (nl_date(podium["datum start"]) - nl_date(podium["datum aanmelding"])).dt.days <= 91
    assert len(podium) > 30 and within.mean() >= 0.75


def test_coa_files(demo):
    out, summary = demo
    for path in sorted((out / "coa").glob("coa_bezetting_*.xlsx")):
        rows = sheet(path, "Bezetting")
        month = path.stem[-6:]
        assert rows[0][0] == ("Bezettingsoverzicht COA locaties Zuid-Limburg, "
                              f"peildatum 01-{month[4:]}-{month[:4]}")
        assert all(v == "" for v in rows[1])
        assert rows[2][0] == "Locatie" and rows[-1][0] == "Totaal"
        body = rows[3:-1]
        names = [r[0] for r in body]
        assert ("Noodopvang Mariënwaard" in names) == (month <= "202508")
        assert "AMV Cadier en Keer" in names
        azc = next(r for r in body if r[2] == "AZC")
        assert azc[3] == 650 and 545 <= azc[4] <= 650
        assert all(r[4] <= r[3] and r[5] <= r[4] for r in body)
        assert rows[-1][3:] == [sum(r[i] for r in body) for i in range(3, 8)]
    newest = f"coa/coa_koppelingen_{TODAY:%Y%m}.xlsx"
    rows = [r for i, r in enumerate(sheet(out / newest, "Koppelingen")[1:], start=1)
            if i not in planted_rows(summary, newest)]
    assert 0.75 <= sum(r[4] == "Ja" for r in rows) / len(rows) <= 0.85  # taal.voorinburgering_gestart_pct
    every = [r for p in (out / "coa").glob("coa_koppelingen_*.xlsx") for r in sheet(p, "Koppelingen")[1:]]
    assert 0.75 <= sum(r[4] == "Ja" for r in every) / len(every) <= 0.85
    assert all(0 <= r[6] <= 115 and (r[5] == "Nee" or r[6] == 115) for r in every)
    spellings = {r[1] for r in every}
    assert {"MAASTRICHT", "Valkenburg a/d Geul", "Gulpen Wittem", "Meerssen", "Vaals"} <= spellings


def test_encodings_and_quirks(demo):
    out, _ = demo
    old = (out / f"gemeente/inburgeraars_{OLDER}.csv").read_bytes()
    assert not old.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        old.decode("utf-8")
    assert "Syrië" in old.decode("cp1252")
    acties = (out / "gemeente/acties.csv").read_bytes()
    assert b"\x80" in acties and "€" in acties.decode("cp1252")  # latin-1 would not give €
    newest = (out / f"gemeente/inburgeraars_{NEWEST}.csv").read_bytes()
    assert newest.startswith(b"\xef\xbb\xbf") and newest.endswith(b"\r\n\r\n\r\n")
    assert newest[3:].split(b"\r\n")[0].split(b";")[:3] == [b"bsn", b" V-nummer ", b"GEMEENTECODE"]
    text = newest.decode("utf-8-sig")
    assert re.search(r";\d{2}-\d{2}-\d{4};", text) and re.search(r"; \S[^;]* ;", text)
    vista = (out / f"vista/vista_voortgang_{NEWEST}.csv").read_bytes()
    assert not vista.startswith(b"\xef\xbb\xbf") and b"\r\n" not in vista
    assert vista.split(b"\n")[0].startswith(b"bsn,leerroute,startdatum")
    assert re.search(rb",\d{4}-\d{2}-\d{2},", vista) and b",true," in vista
    cp1252_months = [p for p in (out / "gemeente").glob("uitkeringen_*.csv")
                     if not p.read_bytes().startswith(b"\xef\xbb\xbf")]
    assert cp1252_months


def test_begroting_taakstelling_acties_enquete(demo):
    out, summary = demo
    raw = (out / "gemeente/begroting.csv").read_text(encoding="utf-8-sig")
    assert "075597128" in raw and "1.250.000,00" in raw and "108.654" in raw
    b = read(out / "gemeente/begroting.csv")
    uitvoering = b[b["naam"].str.startswith("Totaal uitvoeringsmiddelen")]
    assert list(uitvoering["budgetnummer"].unique()) == ["570610905"]
    assert list(uitvoering["bedrag"]) == ["645.205,00", "549.087,00", "549.087,00", "549.087,00"]
    assert set(b.loc[b["naam"] == "VluchtelingenWerk", "raming"]) == {"J"}
    assert set(b.loc[b["naam"] == "Vluchtelingen", "raming"]) == {"N"}

    t = read(out / "gemeente/taakstelling.csv")
    assert set(t["gemeentecode"]) == {g.code for g in REGIO}
    assert t["periode"].str.fullmatch(r"\d{4}-[12]").all()
    num = t[["taakstelling", "achterstand begin", "gehuisvest"]].apply(
        lambda s: s.str.replace(".", "", regex=False).astype(int))
    for _, g in num.groupby(t["gemeentecode"]):
        carried = g["achterstand begin"] + g["taakstelling"] - g["gehuisvest"]
        assert (carried.iloc[:-1].to_numpy() == g["achterstand begin"].iloc[1:].to_numpy()).all()

    a = read(out / "gemeente/acties.csv")
    assert a["actie-id"].is_unique and {"T1", "P3", "W2", "B1", "A4"} <= set(a["actie-id"])
    assert a["start"].str.fullmatch(r"\d{4}-Q[1-4]").all() and a["einde"].str.fullmatch(r"\d{4}-Q[1-4]").all()
    assert {"Vertraagd", "Afgerond", "Loopt"} <= set(a["status"])

    rel = f"gemeente/enquete_{TODAY.year}.csv"
    e = without_planted(read(out / rel), summary, rel)
    answers = e.iloc[:, 3:]
    assert answers.isin(["", "1", "2", "3", "4", "5"]).all().all()
    assert (answers == "").any().any()
    assert set(e["jaar in nederland"]) <= {"1", "2", "3", "4+"}


def test_planted_rows_hold_what_they_claim(demo):
    """Independent of the loader: at each listed row number the listed column
    breaks the contract, in a file that is used (newest snapshot or periodic)."""
    out, summary = demo
    assert 6 <= len(summary.planted) <= 10
    columns = {p.column for p in summary.planted}
    assert {"BSN", "Gemeentecode", "Datum start", "Uren per week", "Activiteit-ID",
            "Datum koppeling"} <= columns
    people = read(out / f"gemeente/inburgeraars_{NEWEST}.csv")
    known = set(people["bsn"].str.zfill(9))
    for p in summary.planted:
        assert not re.search(rf"_{OLDER}\.csv$", p.file), "planted in a superseded snapshot"
        if p.file.endswith(".xlsx"):
            row = sheet(out / p.file, "Koppelingen")[p.row]
            end = pd.Timestamp(f"{p.file[-11:-7]}-{p.file[-7:-5]}-01") + pd.offsets.MonthEnd(0)
            assert row[2] > end.date()
            continue
        df = read(out / p.file, sep="," if p.file.startswith("vista/") else ";")
        value = df.iloc[p.row - 1][p.column.casefold()]
        if p.column == "BSN" and "inburgeraars" in p.file:
            assert not elfproef_ok(value)
        elif p.column == "BSN":
            assert elfproef_ok(value) and value.zfill(9) not in known
        elif p.column == "Gemeentecode":
            assert value not in {g.code for g in REGIO}
        elif p.column == "Datum start":
            assert nl_date(pd.Series([value])).isna().all()
        elif p.column == "Uren per week":
            assert float(value.replace(",", ".")) < 0
        elif p.column == "Activiteit-ID":
            assert value in set(df["activiteit-id"].iloc[:p.row - 1])
        elif p.column == "startdatum":
            assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        else:
            assert value not in {"", "1", "2", "3", "4", "5"}


def test_national_region_is_data():
    import numpy as np

    region = national_region(np.random.default_rng(1))
    assert len(region) == 342 and region[:5] == REGIO
    codes = [g.code for g in region]
    assert len(set(codes)) == 342 and codes[5] == "GM5001" and codes[-1] == "GM5337"
    assert region[5].name == "Demogemeente 001"
    persons_per_weight = 720 / sum(g.weight for g in REGIO)
    assert 150_000 < sum(g.weight for g in region) * persons_per_weight < 200_000


def test_refuses_to_overwrite_other_data(tmp_path):
    (tmp_path / "iets.txt").write_text("echte levering")
    with pytest.raises(ValueError):
        write_demo_drop(tmp_path, today=TODAY)
