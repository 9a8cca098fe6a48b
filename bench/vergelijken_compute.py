"""The Python side of one Vergelijken funnel (limits, overdispersion, rank
intervals, expected value, the chart) with the store's answers cached as the
page caches them: what remains of a render once the queries are warm. Run per
worktree in its own process, so two versions can be measured in turn on the
same store (the machine is shared: pair the runs).

    python bench/vergelijken_compute.py <worktree> <store.duckdb> [--runs 5]

Prints JSON: per chart key the median and the slowest of the runs in ms.
"""
import argparse
import functools
import json
import statistics
import sys
import time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("root")
ap.add_argument("db")
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()
sys.path.insert(0, args.root)

from monitor import queries, registry  # noqa: E402
from monitor.filters import Filters  # noqa: E402

memo = functools.lru_cache(maxsize=None)(lambda name, *a: queries.run(Path(args.db), name, *a))
source = queries.Source(Path(args.db), call=memo)
KEYS = ["vergelijking/werk.duaal_pct~GM0935~alle",
        "vergelijking/werk.duaal_pct~GM0935~vergelijkbaar",
        "vergelijking/werk.duaal_pct~GM0935~grootteklasse",
        "vergelijking/digitaal.digid_pct~GM0935~alle"]
out = {"root": args.root}
for key in KEYS:
    registry.build(key, source, Filters())  # the queries, once
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        registry.build(key, source, Filters())
        times.append(time.perf_counter() - t)
    out[key.split("/", 1)[1]] = {"median_ms": round(1000 * statistics.median(times)),
                                 "max_ms": round(1000 * max(times))}
print(json.dumps(out))
