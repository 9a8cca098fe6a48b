"""Load and page-query benchmark at national scale.

    python bench/bench_load.py [--scale national|regio] [--repeat 15]

Writes the synthetic drop once to bench/out/<scale>/ (reused on later runs),
loads it in a child process (wall time and peak memory of that process), then
times every query function the pages call, on a warm read-only connection as
the app has it. Targets: load well under 120 s, every page query under 150 ms.
Figures go into bench/README.md by hand, with the date and machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def ensure_drop(scale: str, seed: int) -> tuple[Path, float | None]:
    drop = OUT / scale
    if (drop / "DEMO_SYNTHETISCH.txt").exists():
        return drop, None
    from etl.demo import write_demo_drop

    started = time.perf_counter()
    write_demo_drop(drop, scale=scale, seed=seed)
    return drop, time.perf_counter() - started


def timed_load(drop: Path, db: Path) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "etl", "load", str(drop), "--db", str(db),
           "--report", str(OUT / "report.json")]
    if (drop / "regio.csv").exists():
        cmd += ["--region", str(drop / "regio.csv")]
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mib


def page_queries(db: Path):
    """The calls the pages make, with the filters a user sets most."""
    from monitor import indicators as ind
    from monitor.filters import Filters

    os.environ["MONITOR_DB"] = str(db)
    p = ind.latest_peildatum()
    codes = list(ind.gemeente_namen())[:3]
    narrowed = Filters(peildatum=p, gemeenten=tuple(codes), doelgroep=("Asielstatushouder",))
    region = Filters(peildatum=p)
    first = ind.catalogue().iloc[0]["id"] if "id" in ind.catalogue() else "werk.duaal_pct"
    return {
        "headline (overzicht, regio)": lambda: ind.headline(p, region),
        "headline (3 gemeenten, doelgroep)": lambda: ind.headline(p, narrowed),
        "series werk.duaal_pct": lambda: ind.series("werk.duaal_pct", narrowed),
        f"series {first}": lambda: ind.series(first, region),
        "breakdown duaal x leerroute": lambda: ind.breakdown("werk.duaal_pct", p, "leerroute", region),
        "by_gemeente duaal": lambda: ind.by_gemeente("werk.duaal_pct", p, region),
        "route": lambda: ind.route(narrowed),
        "huisvesting_wijk": lambda: ind.huisvesting_wijk(region),
        "taakstelling": lambda: ind.taakstelling(region),
        "azc_bezetting": lambda: ind.azc_bezetting(),
        "acties": lambda: ind.acties(),
        "databronnen": lambda: ind.databronnen(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="national", choices=("national", "regio"))
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    drop, generated = ensure_drop(args.scale, args.seed)
    db = OUT / f"{args.scale}.duckdb"
    load_s, peak = timed_load(drop, db)
    report = json.loads((OUT / "report.json").read_text())
    used = [f for f in report["files"] if f["used"]]
    results = {"date": dt.date.today().isoformat(), "scale": args.scale,
               "generate_s": generated, "load_s": round(load_s, 1), "load_peak_mib": round(peak),
               "files": len(used), "rows_loaded": sum(f["rows_loaded"] for f in used),
               "store_mib": round(db.stat().st_size / 2**20), "queries_ms": {}}
    for name, call in page_queries(db).items():
        call()  # first call opens the connection and warms DuckDB's caches
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        results["queries_ms"][name] = {"median": round(statistics.median(times), 1),
                                       "max": round(max(times), 1)}
    (OUT / f"results_{args.scale}.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
