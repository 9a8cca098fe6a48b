"""AppTest for every page on the demo store: renders without exception,
shows the demo banner, a filter change changes the figures shown, and an
invalid query parameter falls back with a visible notice."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from streamlit.testing.v1 import AppTest

from monitor.filters import page_uses_filters
from monitor.judgement import last_month_end
from tests.conftest import DEMO_TODAY
from pages.ui.card import TABS_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120

PAGES = [
    "pages/overzicht.py",
    "pages/vergelijken.py",
    "pages/cluster_1_basis.py",
    "pages/cluster_2_ijkpunten.py",
    "pages/huisvesting.py",
    "pages/cohorten.py",
    "pages/cluster_3_ondersteuners.py",
    "pages/inburgeringsroute.py",
    "pages/cluster_4_verbindingen.py",
    "pages/uitvoeringsprogramma.py",
    "pages/begroting.py",
    "pages/databronnen.py",
    "pages/raadspresentatie.py",
    "pages/evaluatie.py",
    "pages/toegankelijkheid.py",
]
# Pages whose figures follow the sidebar filters (gemeente): all but these.
UNFILTERED = {"pages/uitvoeringsprogramma.py", "pages/begroting.py", "pages/databronnen.py",
              "pages/raadspresentatie.py", "pages/evaluatie.py", "pages/toegankelijkheid.py"}
FILTERED = [p for p in PAGES if p not in UNFILTERED]


@pytest.fixture()
def store_env(demo_store, monkeypatch):
    db, _ = demo_store
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    return db


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page != "pages/overzicht.py":
        at.switch_page(page).run()
    return at


def shown(at: AppTest) -> str:
    """Everything a reader sees: texts, metrics, tables and chart data."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [str(e.proto) for e in at.get("plotly_chart")]
    return "\n".join(parts)


NAN_WORDS = re.compile(r"(?<![\w-])(nan|NaN|None|null|undefined)(?![\w-])")


def lazy_tabs(at: AppTest) -> dict[str, list[str]]:
    """key -> labels of every tab group that draws only its open tab
    (pages/ui/card.py)."""
    groups = {}

    def walk(node):
        if getattr(node, "type", None) == "tab_container":
            key = node.proto.tab_container.id.split("-", 2)[-1]
            if key.startswith(TABS_KEY):
                groups[key] = [tab.label for tab in node.children.values()]
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return groups


def every_tab(at: AppTest):
    """The page as drawn, then with the second tab of every lazy tab group
    open, then the third, ...: together everything the page can show."""
    yield at
    groups = lazy_tabs(at)
    for i in range(1, max(map(len, groups.values()), default=0)):
        for key, labels in groups.items():
            if i < len(labels):
                at.session_state[key] = labels[i]
        at.run()
        yield at


def visible_texts(at: AppTest) -> list[str]:
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    texts += [t.value.to_string() for t in at.table] if hasattr(at, "table") else []
    texts += [str(v) for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel()
              if str(v) not in ("nan", "None", "<NA>")]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            for field in ("x", "y", "text", "customdata", "name"):
                values = trace.get(field)
                values = values if isinstance(values, list) else [values]
                texts += [str(v) for v in values if isinstance(v, str)]
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_banner(store_env, page):
    at = open_page(page)
    assert at.title, "page without a title"
    assert any("Demodata" in w.value for w in at.warning), "demo banner missing"
    if page.startswith("pages/cluster_"):
        assert lazy_tabs(at), "a cluster page's cards draw their tabs on demand"
    charts_seen = set()
    for state in every_tab(at):
        assert not state.exception, [e.value for e in state.exception]
        leaks = [t for t in visible_texts(state) if NAN_WORDS.search(str(t))]
        assert not leaks, leaks[:5]
        charts_seen |= {c.proto.id for c in state.get("plotly_chart")}
    if lazy_tabs(at):
        # every tab of every card drew: three charts per card at most, and
        # more than the first tabs alone
        first = {c.proto.id for c in open_page(page).get("plotly_chart")}
        assert len(charts_seen) > len(first)


@pytest.mark.parametrize("page", FILTERED)
def test_gemeente_filter_changes_figures(store_env, page):
    at = open_page(page)
    before = shown(at)
    at.multiselect(key="flt_gemeenten").set_value(["GM0981"]).run()  # Vaals
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["gemeente"] == ["GM0981"] or at.query_params["gemeente"] == "GM0981"
    assert shown(at) != before


def test_actielijn_filter_changes_timeline(store_env):
    at = open_page("pages/uitvoeringsprogramma.py")
    before = shown(at)
    at.multiselect(key="acties_lijn").set_value(["Taal"]).run()
    assert not at.exception
    assert shown(at) != before


def _month_end_year_before(d: dt.date) -> dt.date:
    first = dt.date(d.year - 1, d.month, 1)
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def test_peildatum_filter_changes_overview(store_env):
    at = open_page("pages/overzicht.py")
    before = shown(at)
    newest = at.selectbox(key="flt_peildatum").value
    # The default peildatum is a month end; a year back is one too.
    year_before = _month_end_year_before(newest)
    at.selectbox(key="flt_peildatum").set_value(year_before).run()
    assert at.query_params["peildatum"] in (year_before.isoformat(), [year_before.isoformat()])
    assert not at.exception
    assert shown(at) != before


@pytest.mark.parametrize("page", [p for p in PAGES if page_uses_filters(p)])
def test_invalid_query_parameter_falls_back_with_notice(store_env, page):
    at = open_page(page, {"gemeente": "GM9999", "peildatum": "gisteren"})
    assert not at.exception, [e.value for e in at.exception]
    notices = [w.value for w in at.warning]
    assert any("GM9999" in n for n in notices), notices
    assert any("geen geldige datum" in n for n in notices), notices
    # fell back: the whole region, the default peildatum: the month end
    # before the register's mid-month date (every source delivered through it)
    assert at.multiselect(key="flt_gemeenten").value == []
    peil = at.selectbox(key="flt_peildatum")
    assert peil.value == last_month_end(DEMO_TODAY) < DEMO_TODAY
    assert peil.index == len(peil.options) - 2 and "(voorlopig)" in peil.options[-1]


def test_notice_on_first_page_and_link_round_trip(store_env):
    """A link with filters reopens the same selection."""
    at = open_page("pages/overzicht.py", {"gemeente": "GM0935,GM0938", "doelgroep": "Nareiziger"})
    assert not at.exception
    assert at.multiselect(key="flt_gemeenten").value == ["GM0935", "GM0938"]
    assert at.multiselect(key="flt_doelgroep").value == ["Nareiziger"]
    assert not [w for w in at.warning if "link" in w.value]


def test_store_missing_shows_dutch_instructions(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "geen.duckdb"))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("nog geen gegevens" in e.value for e in at.error)
    code = "\n".join(c.value for c in at.code)
    assert "python -m etl demo data/demo_drop" in code
    assert "python -m etl load data/demo_drop --db data/monitor.duckdb" in code


def test_filter_options_and_freshness_on_demo_store(store_env):
    from monitor import indicators

    opts = indicators.filter_options(path=store_env)
    assert len(opts["gemeenten"]) == 5 and "GM0935" in opts["gemeenten"]
    assert opts["peildatum"] == sorted(opts["peildatum"]) and opts["peildatum"]
    assert "Asielstatushouder" in opts["doelgroep"]
    fresh = indicators.databronnen_versheid(path=store_env)
    assert set(fresh["status"]) <= {"Actueel", "Verouderd", "Ontbreekt", "Zonder datum",
                                    "Lopende periode"}
    assert (fresh["leeftijd_dagen"].dropna() >= 0).all()


@pytest.mark.parametrize("today, inburgeraars, uitkeringen", [
    # the drop's newest files, seen a month earlier: both lie in the future
    ("one month before", "Datum in de toekomst", "Datum in de toekomst"),
    # a month file dated at its month end is no error within that month
    ("same month", "Datum in de toekomst", "Lopende periode"),
    ("newest file date", "Actueel", "Actueel"),
])
def test_files_dated_after_today_are_an_error_not_fresh(store_env, today, inburgeraars, uitkeringen):
    import datetime as dt

    from monitor import indicators

    files = indicators.databronnen(path=store_env)
    dated = files[files["extract"].isin(["inburgeraars", "uitkeringen"])]["file_date"].dropna()
    newest = max(d.date() if hasattr(d, "date") else d for d in dated)
    day = {"one month before": newest - dt.timedelta(days=40),
           "same month": newest.replace(day=1) if newest.day > 1 else None,
           "newest file date": newest}[today]
    if day is None:
        pytest.fail("the demo's newest inburgeraars file is dated on the 1st")
    fresh = indicators.databronnen_versheid(day, path=store_env).set_index("extract")
    assert fresh.at["inburgeraars", "status"] == inburgeraars
    assert fresh.at["uitkeringen", "status"] == uitkeringen


def test_new_load_is_picked_up_without_restart(demo_store, tmp_path, monkeypatch):
    """The page caches are keyed on the store version: swapping in a new
    store file (as the ETL does, with os.replace) shows the new load."""
    import datetime as dt
    import os
    import shutil

    import duckdb

    src, _ = demo_store
    db = tmp_path / "monitor.duckdb"
    shutil.copy(src, db)
    monkeypatch.setenv("MONITOR_DB", str(db))
    monkeypatch.setenv("MONITOR_AUTO_DEMO", "0")
    at = open_page("pages/databronnen.py")
    assert not at.exception
    first = {m.label: m.value for m in at.metric}["Levering"]

    new = tmp_path / "nieuw.duckdb"
    shutil.copy(src, new)
    con = duckdb.connect(str(new))
    con.execute("INSERT INTO load_runs BY NAME SELECT * REPLACE ('run-nieuw' AS run_id, "
                "?::TIMESTAMP AS loaded_at, 'levering_2' AS drop_name) FROM load_runs LIMIT 1",
                [dt.datetime.now() + dt.timedelta(minutes=1)])
    con.close()
    os.replace(new, db)
    at.run()
    assert not at.exception
    second = {m.label: m.value for m in at.metric}["Levering"]
    assert first != second == "levering_2"


@pytest.mark.parametrize("page", [p for p in PAGES if not page_uses_filters(p)])
def test_pages_without_filters_offer_none_and_keep_the_chosen_ones(store_env, page):
    at = open_page("pages/overzicht.py")
    at.multiselect(key="flt_gemeenten").set_value(["GM0981"]).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [w for w in at.sidebar.multiselect], "filters offered where they change nothing"
    at.switch_page("pages/overzicht.py").run()
    assert at.multiselect(key="flt_gemeenten").value == ["GM0981"]


def test_herkomst_and_cohort_filters_exclude_the_person_filters(store_env):
    """A land van herkomst filter in the link is chosen in its own group and
    disables the filters it cannot combine with; clearing it frees them."""
    at = open_page("pages/cluster_2_ijkpunten.py", {"land": "Syrië"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="flt_land_van_herkomst").value == ["Syrië"]
    assert at.multiselect(key="flt_doelgroep").disabled
    assert at.multiselect(key="flt_cohort_huisvesting").disabled
    assert not at.multiselect(key="flt_gemeenten").disabled
    at.multiselect(key="flt_land_van_herkomst").set_value([]).run()
    assert not at.multiselect(key="flt_doelgroep").disabled
    at.multiselect(key="flt_doelgroep").set_value(["Nareiziger"]).run()
    assert at.multiselect(key="flt_land_van_herkomst").disabled
    # one dimension besides the gemeente: another person filter is off too
    assert at.multiselect(key="flt_geslacht").disabled
    assert not at.multiselect(key="flt_gemeenten").disabled
    assert not at.exception


@pytest.mark.parametrize("page, query, follows, named", [
    ("pages/huisvesting.py", {"geslacht": "V"}, "De spreiding over de wijken volgt alleen",
     "filter op geslacht"),
    ("pages/cohorten.py", {"leerroute": "B1"},
     "De cohortlijnen en het land van herkomst hieronder volgen alleen", "filter op leerroute"),
])
def test_blocks_name_the_filters_they_do_not_follow(store_env, page, query, follows, named):
    at = open_page(page, query)
    notices = [i.value for i in at.info if follows in i.value]
    assert notices, [i.value for i in at.info]
    assert named in notices[0]
    assert follows not in " ".join(i.value for i in open_page(page).info)


@pytest.mark.parametrize("query, splittable", [({"geslacht": "V"}, False), ({}, True)])
def test_survey_under_a_person_filter_says_why_it_has_no_value(store_env, query, splittable):
    from monitor import catalogue as cat
    from monitor.filters import Filters
    from monitor.indicators import headline

    f = Filters(geslacht=tuple(query.values()))
    rows = headline(f, path=store_env).set_index("id")
    surveys = [i.id for i in cat.load(store_env) if i.is_survey]
    public = [i.id for i in cat.load(store_env) if i.is_public]
    assert surveys and public
    for ind_id in surveys + public:
        reason = rows.at[ind_id, "reden"]
        reason = reason if isinstance(reason, str) else ""
        assert ("alleen per gemeente bekend" in reason) is not splittable, (ind_id, reason)
    if not splittable:
        assert rows.loc[surveys, "value"].isna().all()
