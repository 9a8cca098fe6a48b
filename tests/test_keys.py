"""Key handling: where the key comes from, the fingerprint the store keeps,
and the loads that are refused."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from etl.contract import DEMO_MARKER
from etl.load import DEMO_PSEUDONYM_KEY, KeyRefused, load
from etl.pseudonym import MissingKeyError, fingerprint, key_from_environment
from tests.conftest import TEST_KEY
from tests.factories import bsn, write_csv

INB = "gemeente/inburgeraars_20250106.csv"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _drop(path, demo=False):
    write_csv(path, INB, [{"BSN": bsn(n), "Gemeentecode": "GM0935",
                           "Doelgroep": "Asielstatushouder", "Status": "Actief"}
                          for n in range(1, 4)])
    if demo:
        (path / DEMO_MARKER).write_text("synthetisch", encoding="utf-8")
    return path


def _keys(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(r[0] for r in con.execute("SELECT person_key FROM raw_inburgeraars").fetchall())


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSEUDONYM_KEY")}
    return {**env, **extra}


def _cli(drop, db, env, *args):
    return subprocess.run([sys.executable, "-m", "etl", "load", str(drop), "--db", str(db), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_key_from_environment_or_a_file_outside_the_repository(tmp_path):
    assert key_from_environment({"PSEUDONYM_KEY": "abc"}) == b"abc"
    key_file = tmp_path / "sleutel"
    key_file.write_text("geheim\n")
    assert key_from_environment({"PSEUDONYM_KEY_FILE": str(key_file)}) == b"geheim"
    assert key_from_environment({}) is None
    with pytest.raises(MissingKeyError, match="buiten de repository"):
        key_from_environment({"PSEUDONYM_KEY_FILE": os.path.join(ROOT, "README.md")})
    with pytest.raises(MissingKeyError, match="niet leesbaar"):
        key_from_environment({"PSEUDONYM_KEY_FILE": str(tmp_path / "bestaat-niet")})


def test_store_keeps_a_fingerprint_never_the_key(tmp_path):
    db = tmp_path / "s.duckdb"
    load(_drop(tmp_path / "drop"), db, key=TEST_KEY)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT fingerprint FROM store_key").fetchall() == [
            (fingerprint(TEST_KEY.encode()),)]
    assert TEST_KEY.encode() not in db.read_bytes()
    assert fingerprint(b"a") != fingerprint(b"b")


def test_other_key_is_refused_unless_asked_for(tmp_path):
    drop, db = _drop(tmp_path / "drop"), tmp_path / "s.duckdb"
    load(drop, db, key=TEST_KEY)
    before = _keys(db)
    with pytest.raises(KeyRefused, match="--nieuwe-sleutel"):
        load(drop, db, key="een-andere-sleutel")
    assert _keys(db) == before
    load(drop, db, key="een-andere-sleutel", new_key=True)
    after = _keys(db)
    assert after != before and len(after) == len(before)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT fingerprint FROM store_key").fetchone()[0] == fingerprint(
            b"een-andere-sleutel")


def test_real_drop_never_loads_with_the_demo_key(tmp_path):
    with pytest.raises(KeyRefused, match="demosleutel"):
        load(_drop(tmp_path / "drop"), tmp_path / "s.duckdb", key=DEMO_PSEUDONYM_KEY)
    assert not (tmp_path / "s.duckdb").exists()


def test_first_real_load_over_the_demo_store_needs_no_flag(tmp_path):
    db = tmp_path / "s.duckdb"
    load(_drop(tmp_path / "demo", demo=True), db)  # demo key
    load(_drop(tmp_path / "echt"), db, key=TEST_KEY)
    assert len(_keys(db)) == 3


def test_cli_key_messages_are_dutch_and_not_the_catch_all(tmp_path):
    drop, db = _drop(tmp_path / "drop"), tmp_path / "s.duckdb"
    missing = _cli(drop, db, _env())
    assert missing.returncode == 1
    assert "geen pseudonimiseringssleutel" in missing.stderr
    assert "afgebroken" not in missing.stderr and "Error" not in missing.stderr
    key_file = tmp_path / "sleutel"
    key_file.write_text(TEST_KEY)
    assert _cli(drop, db, _env(PSEUDONYM_KEY_FILE=str(key_file))).returncode == 0
    other = _cli(drop, db, _env(PSEUDONYM_KEY="anders"))
    assert other.returncode == 1 and "--nieuwe-sleutel" in other.stderr
    assert "afgebroken" not in other.stderr
    print(f"\nkeys: missing, other and demo key refused with Dutch messages; "
          f"fingerprint {fingerprint(b'anders')} kept")
