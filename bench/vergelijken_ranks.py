"""Rank intervals and limits for all 342 gemeenten: two versions of
monitor/compare.py in one process, alternating call by call (the shared
machine's noise hits both alike).

    python bench/vergelijken_ranks.py <old monitor/compare.py> <new monitor/compare.py> [--runs 15]

Prints JSON: per version the median and the fastest of `ranks` (1.000
binomial draws, the 95% interval of every gemeente's rank) and of
`funnel` (limits, overdispersion and ranks) in ms, on fixed national-like
numbers (342 gemeenten of 10 to 3.000 persons)."""
import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load(path: str, name: str):
    spec = importlib.util.spec_from_file_location(f"monitor.{name}", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


ap = argparse.ArgumentParser()
ap.add_argument("old")
ap.add_argument("new")
ap.add_argument("--runs", type=int, default=15)
args = ap.parse_args()
versions = {"old": load(args.old, "compare_old"), "new": load(args.new, "compare_new")}
rng = np.random.default_rng(342)
n = rng.integers(10, 3000, 342).astype(float)
y = np.round(rng.uniform(0.3, 0.8, 342) * n) / n
shown = pd.DataFrame({"gemeentecode": [f"GM{i:04d}" for i in range(342)],
                      "naam": [f"G{i}" for i in range(342)], "share": y, "denominator": n})
times = {v: {"ranks": [], "funnel": []} for v in versions}
for _ in range(args.runs):
    for v, mod in versions.items():
        t = time.perf_counter()
        mod.ranks(y, n)
        times[v]["ranks"].append(time.perf_counter() - t)
        t = time.perf_counter()
        mod.funnel(shown)
        times[v]["funnel"].append(time.perf_counter() - t)
same = [r.text() for r in versions["old"].ranks(y, n)] == [r.text() for r in
                                                           versions["new"].ranks(y, n)]
print(json.dumps({"runs": args.runs, "same_rank_intervals": same,
                  **{v: {k: {"median_ms": round(1000 * statistics.median(ts), 1),
                             "min_ms": round(1000 * min(ts), 1)} for k, ts in d.items()}
                     for v, d in times.items()}}))
