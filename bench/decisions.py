"""The server's warm-up (monitor.indicators.warm: every decision all sessions
share) in a fresh process, first deciding and keeping the decisions
(monitor.decisions), then in a second fresh process that finds them kept, as
a second replica or a restarted server does.

    python bench/decisions.py --db /work/nat/national.duckdb

The decisions are kept in a temporary folder, not beside the store. Prints
one JSON object: seconds and peak RSS of each process, and the size kept.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE = """
import json, resource, sys, time
from monitor import indicators
t = time.perf_counter()
indicators.warm(sys.argv[1])
print(json.dumps({"s": round(time.perf_counter() - t, 1),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as kept:
        env = {**os.environ, "MONITOR_DECISIONS": kept, "PYTHONPATH": str(ROOT)}
        runs = {}
        for name in ("decide_and_keep", "read_kept"):
            out = subprocess.run([sys.executable, "-c", ONE, str(args.db)], env=env, cwd=ROOT,
                                 check=True, capture_output=True, text=True).stdout
            runs[name] = json.loads(out.strip().splitlines()[-1])
        size = sum(p.stat().st_size for p in Path(kept).rglob("*") if p.is_file())
        runs["kept_mib"] = round(size / 2**20, 1)
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
