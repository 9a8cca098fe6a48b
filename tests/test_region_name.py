"""The region's name is data: the region file's optional column `regio`
names it in the overview's title, the raad deck and the evaluation report,
so a province or national store never calls itself Maastricht-Heuvelland."""

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.load import load
from etl.region import DEFAULT_REGION, region_name
from monitor import evaluation, store
from tests.conftest import DEMO_TODAY
from tests.test_exports import stand_ins

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def region_file(tmp_path, rows):
    path = tmp_path / "regio.csv"
    path.write_text("gemeentecode;naam;coa_namen;regio\n" + "".join(
        f"{code};{name};;{regio}\n" for code, name, regio in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("names,expected", [
    (["Zuid", "Zuid"], "Zuid"),
    (["Zuid", ""], "Zuid"),
    (["", ""], None),
])
def test_the_name_is_the_one_in_the_column(tmp_path, names, expected):
    rows = [("GM0935", "Maastricht", names[0]), ("GM0938", "Meerssen", names[1])]
    assert region_name(region_file(tmp_path, rows)) == expected


def test_two_names_are_refused(tmp_path):
    rows = [("GM0935", "Maastricht", "Zuid"), ("GM0938", "Meerssen", "Noord")]
    with pytest.raises(ValueError, match="meer dan één regionaam"):
        region_name(region_file(tmp_path, rows))


def test_a_file_without_the_column_names_no_region(tmp_path):
    path = tmp_path / "regio.csv"
    path.write_text("gemeentecode;naam;coa_namen\nGM0935;Maastricht;\n", encoding="utf-8")
    assert region_name(path) is None


def test_the_default_region_is_named():
    assert region_name(DEFAULT_REGION) == "Maastricht-Heuvelland"


@pytest.fixture(scope="module")
def named_store(demo_drop, tmp_path_factory):
    """The demo drop loaded with the default region file under another name."""
    tmp = tmp_path_factory.mktemp("named")
    text = DEFAULT_REGION.read_text(encoding="utf-8-sig").replace("Maastricht-Heuvelland",
                                                                  "Testregio Zuid")
    (tmp / "regio.csv").write_text(text, encoding="utf-8")
    db = tmp / "monitor.duckdb"
    load(demo_drop[0], db, region_file=tmp / "regio.csv", today=DEMO_TODAY)
    return db


def test_the_store_carries_the_name_to_the_title_and_the_report(named_store, monkeypatch):
    assert store.region_name(named_store) == "Testregio Zuid"
    monkeypatch.setenv("MONITOR_DB", str(named_store))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [t.value for t in at.title] == ["Integratiemonitor Testregio Zuid"]
    pptx = evaluation.build(named_store, render=stand_ins)
    assert b"Testregio Zuid" in _slide_text(pptx)


def test_a_store_from_before_the_column_opens_with_its_number_of_gemeenten(named_store, tmp_path):
    old = tmp_path / "oud.duckdb"
    shutil.copy(named_store, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE load_runs DROP COLUMN regio")
    assert store.region_name(old) == "5 gemeenten"
    assert store.load_info(old)["gemeenten"] == 5


def _slide_text(pptx: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide"))
