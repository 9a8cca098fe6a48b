"""The families' disclosure decisions kept on disk (monitor.decisions): read
back, they are the decisions themselves; they are read only for the load and
the code that took them; whatever goes wrong on disk makes the app decide
again."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from etl.load import load
from monitor import decisions, indicators as ind, store
from monitor.filters import MARGIN_DIMENSIONS, PERSON_DIMENSIONS
from tests.conftest import TEST_KEY
from tests.test_disclosure_views import _drop


def _cold():
    for cached in (ind._family_chunk, ind._cell_index, ind._hidden_in_breakdown):
        cached.cache_clear()


def _named(db, dimension) -> dict:
    """(place, member) -> the names (indicator|peildatum|key) of the hidden
    cells, over every chunk: cell numbers differ between processes."""
    version = store.store_version(db)
    chunks = [ind._family_chunk(dimension, n, db, version)
              for n in range(len(ind._family_chunks(db, version)))]
    names = {i: k for k, i in ind._cell_index(db, version).items()}
    out: dict = {}
    for chunk in chunks:
        for cell, ids in chunk.items():
            out.setdefault(cell, set()).update(names[i] for i in ids)
    return out


def _refuse(*args):
    raise AssertionError("decided again instead of read")


@pytest.fixture
def small_store(tmp_path):
    _drop(tmp_path, seed=7, size=60)
    db = tmp_path / "s.duckdb"
    load(tmp_path, db, key=TEST_KEY)
    return db


def test_kept_decisions_read_back_as_the_decisions(demo_store, tmp_path, monkeypatch):
    """The family of the gemeente, of a person dimension and of a marginal
    one, every chunk: decided and kept, then read in a cold process without
    deciding, they hide the same cells at the same places."""
    monkeypatch.setenv(decisions.ENV, str(tmp_path / "kept"))
    db = demo_store[0]
    dimensions = ["gemeentecode", PERSON_DIMENSIONS[1], MARGIN_DIMENSIONS[-1]]
    _cold()
    decided = {d: _named(db, d) for d in dimensions}
    assert all(decided.values())  # the demo hides cells in each family
    _cold()
    monkeypatch.setattr(ind, "_decide_family_chunk", _refuse)
    read = {d: _named(db, d) for d in dimensions}
    assert read == decided
    kept = list((tmp_path / "kept").rglob("*.parquet"))
    assert kept and all(list(decisions.read(db, store.store_version(db), p.stem).columns)
                        == decisions.COLUMNS for p in kept)


def test_a_new_load_or_new_code_decides_again(small_store, tmp_path, monkeypatch):
    monkeypatch.delenv(decisions.ENV, raising=False)  # beside the store
    db = small_store
    _cold()
    first = _named(db, "gemeentecode")
    beside = db.parent / f"{db.name}.besluiten"
    (old,) = beside.iterdir()
    version = store.store_version(db)
    assert decisions.read(db, version, "gemeentecode-0") is not None
    # other code that decides: the kept decisions are not its decisions
    monkeypatch.setattr(decisions, "fingerprint", lambda: "andere-code")
    assert decisions.read(db, version, "gemeentecode-0") is None
    monkeypatch.undo()
    monkeypatch.delenv(decisions.ENV, raising=False)
    # the same drop loaded again: another load, whose store may differ
    load(db.parent, db, key=TEST_KEY)
    version = store.store_version(db)
    assert decisions.read(db, version, "gemeentecode-0") is None
    _cold()
    assert _named(db, "gemeentecode") == first  # same drop, same decisions
    assert [p.name for p in beside.iterdir()] != [old.name]
    assert not old.exists()  # the previous load's are removed when the next one's are kept


def test_an_unreadable_or_unwritable_folder_decides_again(small_store, tmp_path, monkeypatch):
    db = small_store
    monkeypatch.setenv(decisions.ENV, str(tmp_path / "kept"))
    _cold()
    first = _named(db, "gemeentecode")
    for kept in (tmp_path / "kept").rglob("*.parquet"):
        kept.write_bytes(b"geen parquet")
    _cold()
    assert _named(db, "gemeentecode") == first
    # a folder that cannot be made: a file stands where it should be
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    monkeypatch.setenv(decisions.ENV, str(blocked))
    _cold()
    assert _named(db, "gemeentecode") == first
    monkeypatch.setenv(decisions.ENV, "0")  # not kept at all
    _cold()
    assert _named(db, "gemeentecode") == first


def test_kept_decisions_hold_cell_keys_only(small_store, tmp_path, monkeypatch):
    """No person, no figure: places, members and the names of hidden cells."""
    db = small_store
    monkeypatch.setenv(decisions.ENV, str(tmp_path / "kept"))
    _cold()
    _named(db, "gemeentecode")
    _named(db, "geslacht")
    places = set(ind.gemeente_namen(db)) | {ind.REGION}
    catalogue = set(ind.catalogue(db)["id"])
    frames = [decisions.read(db, store.store_version(db), p.stem)
              for p in (tmp_path / "kept").rglob("*.parquet")]
    assert frames
    for df in frames:
        assert list(df.columns) == decisions.COLUMNS
        assert set(df["g"]) <= places
        assert set(df["indicator_id"]) <= catalogue


def test_two_at_once_decide_once(small_store, tmp_path, monkeypatch):
    """Replicas warm up at the same moment after a load: of two asking for
    the same undecided chunk, one decides and the other waits and reads it.
    Two threads, each with its own open lock file, as two processes have."""
    db = small_store
    monkeypatch.setenv(decisions.ENV, str(tmp_path / "kept"))
    _cold()
    version = store.store_version(db)
    decide, calls = ind._decide_family_chunk, []
    started = threading.Barrier(2)

    def slow(*args):
        calls.append(args)
        time.sleep(0.5)  # long enough for the other thread to be waiting
        return decide(*args)

    monkeypatch.setattr(ind, "_decide_family_chunk", slow)

    def ask():
        started.wait()
        return ind._family_chunk.__wrapped__("gemeentecode", 0, db, version)

    with ThreadPoolExecutor(2) as pool:
        results = [f.result() for f in [pool.submit(ask), pool.submit(ask)]]
    assert len(calls) == 1
    assert results[0].keys() == results[1].keys()
    assert all((results[0][k] == results[1][k]).all() for k in results[0])
