"""Shared fixtures: the pseudonym key tests pass to hand-made loads, an empty
folder for a hand-made drop, and one demo drop and store per run."""

from __future__ import annotations

import datetime as dt
import pytest

TEST_KEY = "test-sleutel"
DEMO_TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def drop(tmp_path):
    """An empty drop folder; tests write its files with tests.factories."""
    d = tmp_path / "drop"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def demo_drop(tmp_path_factory):
    from etl.demo import write_demo_drop

    drop = tmp_path_factory.mktemp("demo_drop")
    summary = write_demo_drop(drop, seed=2024, today=DEMO_TODAY)
    return drop, summary


@pytest.fixture(scope="session")
def demo_store(demo_drop, tmp_path_factory):
    """The demo drop loaded as the app would: with the demo key."""
    from etl.load import load

    drop, _ = demo_drop
    db = tmp_path_factory.mktemp("store") / "monitor.duckdb"
    return db, load(drop, db, today=DEMO_TODAY)


@pytest.fixture(scope="session")
def hostile_store(demo_drop, tmp_path_factory):
    """The demo drop with every free-text field poisoned (tests.hostile), loaded."""
    from etl.load import load
    from tests.hostile import write_hostile_drop

    drop = tmp_path_factory.mktemp("hostile") / "drop"
    rewritten = write_hostile_drop(demo_drop[0], drop)
    db = tmp_path_factory.mktemp("hostile_store") / "monitor.duckdb"
    return db, load(drop, db, today=DEMO_TODAY), rewritten
