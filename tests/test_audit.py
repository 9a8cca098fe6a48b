"""The audit log: one JSON line per load and export, with time, actor,
action, object and result, and never an identifier."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading

import pytest

from etl.load import LoadFailed, load
from monitor import audit
from tests.conftest import TEST_KEY
from tests.factories import bsn, write_csv
from tests.test_privacy import found_identifiers

INB = "gemeente/inburgeraars_20250106.csv"
FIELDS = ["time", "actor", "action", "object", "result"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_record_masks_identifiers_and_survives_concurrent_writers(tmp_path):
    log = tmp_path / "audit.jsonl"
    entry = audit.record("download", f"tabel met {bsn(1)}", "geslaagd", actor="a.jansen@maastricht.nl",
                         path=log)
    assert list(entry) == FIELDS and entry["actor"] == "a.jansen@maastricht.nl"
    assert dt.datetime.fromisoformat(entry["time"]).tzinfo is not None
    threads = [threading.Thread(target=lambda i=i: [
        audit.record("download", f"grafiek {i}-{j}", "geslaagd", path=log) for j in range(50)])
        for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = audit.read(log)
    assert len(lines) == 1 + 8 * 50
    assert all(list(line) == FIELDS for line in lines)
    assert {line["actor"] for line in lines[1:]} == {"lokaal"}
    assert not found_identifiers(log.read_text(), {bsn(1)})


def test_every_load_and_export_is_recorded(tmp_path):
    drop, db = tmp_path / "drop", tmp_path / "store" / "monitor.duckdb"
    write_csv(drop, INB, [{"BSN": bsn(1), "Gemeentecode": "GM0935", "Doelgroep": "Overig",
                           "Status": "Actief"},
                          {"BSN": "123456789", "Gemeentecode": "GM0935", "Doelgroep": bsn(2),
                           "Status": "Actief"}])
    load(drop, db, key=TEST_KEY, actor="beheerder")
    write_csv(drop, "gemeente/taakstelling.csv", [{"Gemeentecode": "GM0935"}],
              header=["Gemeentecode"])
    with pytest.raises(LoadFailed):
        load(drop, db, key=TEST_KEY)
    env = {**os.environ, "PSEUDONYM_KEY": TEST_KEY}
    out = subprocess.run([sys.executable, "-m", "etl", "export", "--db", str(db), "--peildatum",
                          "2025-01-06"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.returncode == 0
    lines = audit.read(audit.path_beside(db))
    print(f"\naudit: {len(lines)} lines: " + "; ".join(
        f"{x['action']} {x['result'][:40]}" for x in lines))
    assert [(x["actor"], x["action"]) for x in lines] == [
        ("beheerder", "laden"), ("lokaal", "laden"), ("lokaal", "export")]
    assert lines[0]["object"] == "drop"
    assert lines[0]["result"] == "geslaagd: 1 bestanden, 1 rijen geladen, 1 afgekeurd"
    assert lines[1]["result"].startswith("mislukt: levering onbruikbaar: gemeente/taakstelling.csv")
    assert lines[2]["object"] == "indicatoren-JSON, peildatum 2025-01-06"
    text = audit.path_beside(db).read_text(encoding="utf-8")
    assert not found_identifiers(text, {bsn(1), bsn(2), "123456789"})
    assert all(json.loads(line) for line in text.splitlines())
