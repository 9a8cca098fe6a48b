"""Vergelijken's store queries, paired: the cube queries (what the page
ran before the marts; the export still runs them) on a store, and the mart
queries on a copy of it with mart_compare_* built, alternating run by run so
the shared machine's noise hits both alike. Prints JSON with p50/p95 per side.

    python bench/vergelijken.py --old bench/out/national.duckdb \\
        --new bench/out/national_marts.duckdb --runs 20
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import compare as cmp  # noqa: E402
from monitor.store import query_text  # noqa: E402

INDICATORS = ["werk.duaal_pct", "digitaal.digid_pct", "taal.leerroute_b1_pct"]
# a median's persons per value: the load-time rollup against the cube
MEDIANS = ["huisvesting.wachttijd_azc_mediaan_dagen"]


def _p(xs, q):
    s = sorted(xs)
    return round(1000 * s[min(len(s) - 1, round(q * (len(s) - 1)))], 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=Path, required=True)
    ap.add_argument("--new", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    old = duckdb.connect(str(args.old), read_only=True)
    new = duckdb.connect(str(args.new), read_only=True)
    p = new.execute("SELECT max(peildatum) FROM mart_indicator_cube").fetchone()[0]
    cases = [("compare_features", {"indicator": cmp.FEATURE_INDICATOR, "peildatum": p})]
    cases += [("compare_strata", {"indicator": i, "peildatum": p}) for i in INDICATORS]
    cases += [("compare_distribution", {"indicator": i, "peildatum": p}) for i in MEDIANS]
    times = {"old": {}, "new": {}}
    for _ in range(args.runs):
        for name, params in cases:
            key = f"{name}:{params['indicator']}"
            for side, con, q in (("old", old, f"{name}_cube"), ("new", new, name)):
                t = time.perf_counter()
                con.execute(query_text(q), params).df()
                times[side].setdefault(key, []).append(time.perf_counter() - t)
    out = {"peildatum": str(p), "runs": args.runs}
    for side in times:
        out[side] = {k: {"p50_ms": _p(v, .5), "p95_ms": _p(v, .95)} for k, v in times[side].items()}
        every = [x for v in times[side].values() for x in v]
        out[side]["all"] = {"p50_ms": _p(every, .5), "p95_ms": _p(every, .95)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
