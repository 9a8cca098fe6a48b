"""The performance benchmark: one command, writes bench/RESULTS.md.

    python bench/run.py                      # regio and national
    python bench/run.py --scales regio       # a quick run
    python bench/run.py --scales national --load-runs 3 --query-runs 30

Per scale it writes the synthetic drop once to bench/out/<scale>/ (reused
later), then measures, in paired runs (A, B, A, B, ... so a noisy shared
machine hurts both alike):
- the load (`python -m etl load`, a child process: wall time and peak RSS)
  against the bare read of the same files (DuckDB read_csv(all_varchar) for
  CSV, python-calamine whole sheets for xlsx), and rows per second;
- every query function the pages call, with varied filters (none, gemeente,
  person filter without gemeente, both, an older peildatum), each >= 20
  runs on a warm read-only connection: min, p50, p95;
- the three reference indicators of issue 14 in pandas/numpy
  (bench/refind.py) against the SQL path, checked cell for cell;
- every page's render time through AppTest, and the app's resident memory
  after Chromium has opened every page (bench/apprun.py, port 8613);
- scale `national2x`: the national drop with twice the persons per
  municipality (`python -m etl demo --factor 2`), load only, to show how
  load time and peak memory grow.
Parts: --parts load,reference,queries,pages,rss (default all).
Raw figures: bench/out/results_<scale>.json. The machine is shared and
noisy: RESULTS.md reports min and median, with the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
# The yardstick: the fastest plain read of the same files, text only, no
# checks (DuckDB's CSV reader; fastexcel, as the loader, for the workbooks).
BARE_READ = """
import sys, duckdb, fastexcel
from pathlib import Path
con = duckdb.connect()
rows = 0
for p in sorted(Path(sys.argv[1]).rglob('*')):
    if p.suffix == '.csv' and p.name != 'regio.csv':
        rows += con.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?, all_varchar = true, "
                            "header = true, ignore_errors = true, strict_mode = false)",
                            [str(p)]).fetchone()[0]
    elif p.suffix == '.xlsx':
        book = fastexcel.read_excel(str(p))
        rows += sum(book.load_sheet(i, header_row=None, dtypes="string").to_arrow().num_rows
                    for i in range(len(book.sheet_names)))
print(rows)
"""
SCALES = {"regio": ("regio", 1.0), "national": ("national", 1.0), "national2x": ("national", 2.0)}


def ensure_drop(scale: str, seed: int) -> Path:
    drop = OUT / scale
    if not (drop / "DEMO_SYNTHETISCH.txt").exists():
        from etl.demo import write_demo_drop
        kind, factor = SCALES[scale]
        write_demo_drop(drop, scale=kind, seed=seed, factor=factor)
    return drop


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process, via GNU time."""
    stats = OUT / "time.txt"
    started = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), *cmd], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, int(stats.read_text().split()[-1]) / 1024


def summary(values: list[float]) -> dict:
    s = sorted(values)
    return {"n": len(s), "min": s[0], "median": statistics.median(s),
            "p95": s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], "max": s[-1]}


def bench_load(drop: Path, db: Path, runs: int) -> dict:
    report = OUT / "report.json"
    load_cmd = [sys.executable, "-m", "etl", "load", str(drop), "--db", str(db),
                "--report", str(report)]
    if (drop / "regio.csv").exists():
        load_cmd += ["--region", str(drop / "regio.csv")]
    bare_cmd = [sys.executable, "-c", BARE_READ, str(drop)]
    loads, bares = [], []
    for _ in range(runs):
        bares.append(timed(bare_cmd))
        loads.append(timed(load_cmd))
    files = json.loads(report.read_text())["files"]
    rows = sum(f["rows_read"] for f in files)
    load_s, bare_s = [s for s, _ in loads], [s for s, _ in bares]
    return {"runs": runs, "files": len(files), "rows_read": rows,
            "rows_loaded": sum(f["rows_loaded"] for f in files),
            "load_s": summary(load_s), "bare_read_s": summary(bare_s),
            "load_peak_mib": max(m for _, m in loads), "bare_peak_mib": max(m for _, m in bares),
            # paired: each load against the bare read just before it
            "throughput_vs_bare": summary([b / a for (a, _), (b, _) in zip(loads, bares)]),
            "rows_per_s": summary([rows / s for s in load_s]),
            "store_mib": round(db.stat().st_size / 2**20)}


def page_queries(db: Path) -> dict:
    """The calls the pages make, per filter shape; each call cycles through
    a few values so no run repeats the one before it."""
    from monitor import indicators as ind
    from monitor.filters import Filters

    peildata = ind.peildata(db)
    p, old = peildata[-1], peildata[len(peildata) // 2]
    codes = list(ind.gemeente_namen(db))
    doel = ["Asielstatushouder", "Nareiziger", "Gezinsmigrant"]
    shapes = {
        "geen filter": lambda i: Filters(peildatum=p),
        "gemeente": lambda i: Filters(peildatum=p, gemeenten=(codes[i % len(codes)],)),
        "persoonsfilter zonder gemeente": lambda i: Filters(peildatum=p, doelgroep=(doel[i % 3],)),
        "gemeente + persoonsfilter": lambda i: Filters(peildatum=p, gemeenten=(codes[i % len(codes)],),
                                                      geslacht=("MV"[i % 2],)),
        "oudere peildatum": lambda i: Filters(peildatum=old),
        "herkomstfilter zonder gemeente": lambda i: Filters(
            peildatum=p, cohort_vergunning=(str(p.year - 1 - i % 3),)),
        "gemeente + herkomstfilter": lambda i: Filters(
            peildatum=p, gemeenten=(codes[i % len(codes)],), land_van_herkomst=("Overig",)),
    }
    calls = {
        "headline": lambda f: ind.headline(f, path=db),
        "series werk.duaal_pct": lambda f: ind.series("werk.duaal_pct", f, path=db),
        "breakdown duaal x leeftijdsgroep": lambda f: ind.breakdown(
            "werk.duaal_pct", "leeftijdsgroep", f, path=db),
        "breakdown duaal x land van herkomst": lambda f: ind.breakdown(
            "werk.duaal_pct", "land_van_herkomst", f, path=db),
        "by_gemeente duaal": lambda f: ind.by_gemeente("werk.duaal_pct", f, path=db),
        "route": lambda f: ind.route(f, path=db),
        "cohort_curves": lambda f: ind.cohort_curves(f, path=db),
        "huisvesting_wijk": lambda f: ind.huisvesting_wijk(f, path=db),
        "taakstelling": lambda f: ind.taakstelling(f, path=db),
    }
    once = {
        "peildata": lambda: ind.peildata(db),
        "filter_options": lambda: ind.filter_options(db),
        "azc_bezetting": lambda: ind.azc_bezetting(db),
        "acties": lambda: ind.acties(db),
        "databronnen": lambda: ind.databronnen(db),
    }
    return {"calls": calls, "shapes": shapes, "once": once}


def bench_queries(db: Path, runs: int) -> dict:
    from monitor.indicators import UnavailableCombination

    q = page_queries(db)
    out = {}
    for name, call in q["calls"].items():
        for shape, make in q["shapes"].items():
            try:
                call(make(0))  # opens the connection, warms DuckDB's caches
            except UnavailableCombination:
                continue  # the pages refuse this combination too
            times = []
            for i in range(runs):
                f = make(i)
                started = time.perf_counter()
                call(f)
                times.append((time.perf_counter() - started) * 1000)
            out[f"{name} | {shape}"] = summary(times)
    for name, call in q["once"].items():
        call()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        out[f"{name} | -"] = summary(times)
    return out


def bench_reference(db: Path, runs: int) -> dict:
    import duckdb

    from bench import refind

    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET enable_progress_bar = false")
    persons, activities, peildata = refind.fetch(con)
    pandas_s, sql_s = [], []
    for _ in range(runs):
        started = time.perf_counter()
        a = refind.compute(persons, activities, peildata)
        pandas_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        b = refind.sql_path(con)
        sql_s.append(time.perf_counter() - started)
    con.close()
    return {"runs": runs, "peildata": len(peildata), "gemeenten": int(persons["gemeentecode"].nunique()),
            "pandas_s": summary(pandas_s), "sql_s": summary(sql_s),
            "cells_differing": refind.agree(a, b)}


def bench_pages(db: Path, runs: int) -> dict:
    """AppTest render time per page, in a child process (a cold start)."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "apprun.py"), "apptest", "--db",
                          str(db), "--runs", str(runs)], cwd=ROOT, check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_rss(db: Path, port: int) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "apprun.py"), "rss", "--db",
                          str(db), "--port", str(port)], cwd=ROOT, check=True, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    import duckdb
    return {"cpus": os.cpu_count(), "mem_gib": round(mem / 2**20), "cpu": cpu,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "loadavg_start": os.getloadavg()}


def num(x: float, decimals: int = 0) -> str:
    """Dutch notation: 1.234,5."""
    return f"{x:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def ms(x: float) -> str:
    return num(x) if x >= 100 else num(x, 1)


def _pages_section(r: dict) -> list[str]:
    lines = []
    if "pages_s" in r:
        lines += ["### Pagina's (AppTest, s)", "",
                  "Weergavetijd van elke pagina via `streamlit.testing` AppTest, in een nieuw "
                  "proces: *eerst* met koude caches (na een herstart of nieuwe lading), *daarna* "
                  "met warme caches (de volgende gebruiker). Doel ≤ 1,5 s.", "",
                  "| pagina | eerst | daarna min | daarna mediaan | fouten |",
                  "|---|---:|---:|---:|---|"]
        for page, p in r["pages_s"].items():
            flag = " ⚠" if p["first_s"] > 1.5 else ""
            lines.append(f"| {page} | {num(p['first_s'], 2)}{flag} | {num(p['warm_min_s'], 2)} | "
                         f"{num(p['warm_median_s'], 2)} | {len(p['exceptions']) or ''} |")
        lines += ["", "⚠ = eerste weergave boven 1,5 s.", ""]
    if "app_rss" in r:
        a = r["app_rss"]
        lines += ["### Geheugen van de app", "",
                  f"Streamlit-server (`bench/apprun.py rss`), elke pagina na elkaar geopend in "
                  f"Chromium en daarna het overzicht voor één gemeente met geslacht V: "
                  f"{num(a['idle_rss_mib'])} MiB na de start, "
                  f"**{num(a['rss_after_all_mib'])} MiB** na alle pagina's, "
                  f"{num(a['rss_after_filter_mib'])} MiB na het filter, piek "
                  f"{num(a['peak_rss_mib'])} MiB (doel ≤ 600 MB = 572 MiB).", "",
                  "| pagina | in de browser klaar (s) | RSS daarna (MiB) |", "|---|---:|---:|"]
        for page, p in a["pages"].items():
            lines.append(f"| {page} | {num(p['browser_s'], 1)} | {num(p['server_rss_mib'])} |")
        lines.append("")
    return lines


def write_results(command: str) -> None:
    results = {s: json.loads((OUT / f"results_{s}.json").read_text())
               for s in SCALES if (OUT / f"results_{s}.json").exists()}
    lines = ["# Benchmarkresultaten", "",
             "Geschreven door `bench/run.py` (niet met de hand bewerken); de secties *Doelen*, "
             "*Wat een gebruiker merkt*, *Onthulling*, *Voorbij één machine* en *Vergelijken* "
             "komen uit `bench/targets.md`, `bench/speed.md`, `bench/privacy.md`, "
             "`bench/beyond.md` en `bench/vergelijken.md`.", ""]
    for scale, r in results.items():
        m, ld = r["machine"], r.get("load")
        title = {"national2x": "landelijk 2× (`--factor 2`: dezelfde gemeenten, twee keer zoveel "
                               "personen)"}.get(scale, scale)
        by = {}
        for part, how in r.get("measured_by", {}).items():
            by.setdefault(how, []).append(PART_WORDS[part])
        lines += [f"## Schaal {title}", "",
                  f"{'Laatste run' if len(by) > 1 else 'Gemeten'} op {r['date']} met "
                  f"`{r['command']}`; {m['cpus']} cores, {m['mem_gib']} GiB, "
                  f"{m['cpu']}, Python {m['python']}, DuckDB {m['duckdb']}. Gedeelde machine: "
                  f"load average bij de start {' / '.join(num(x, 1) for x in m['loadavg_start'])}, "
                  f"na afloop {' / '.join(num(x, 1) for x in r['loadavg_end'])} (1/5/15 min).", ""]
        if len(by) > 1:
            lines += ["Per deel: " + "; ".join(f"{', '.join(words)}: {how}"
                                                for how, words in by.items()) + ".", ""]
        if ld is None:  # only other parts measured on a store built elsewhere
            lines += _pages_section(r) + _reference_and_queries(r)
            continue
        lines += [f"Levering: {ld['files']} bestanden, {num(ld['rows_read'])} rijen gelezen, "
                  f"{num(ld['rows_loaded'])} geladen; opslag {ld['store_mib']} MiB.", "",
                  "| laden | min | mediaan | max |", "|---|---:|---:|---:|"]
        for label, key, fmt in (("laden (s)", "load_s", lambda x: num(x, 1)),
                                ("kaal lezen, dezelfde bestanden (s)", "bare_read_s", lambda x: num(x, 1)),
                                ("doorvoer t.o.v. kaal lezen (gepaard)", "throughput_vs_bare",
                                 lambda x: f"{num(100 * x)}%"),
                                ("rijen per seconde", "rows_per_s", num)):
            s = ld[key]
            lines.append(f"| {label} | {fmt(s['min'])} | {fmt(s['median'])} | {fmt(s['max'])} |")
        lines += [f"| piekgeheugen laden / kaal lezen (MiB) | {num(ld['load_peak_mib'])} | "
                  f"{num(ld['bare_peak_mib'])} | |",
                  "", f"{ld['runs']} gepaarde runs (kaal lezen, dan laden).", ""]
        if "national" in results and scale == "national2x" and "load" in results["national"]:
            one = results["national"]["load"]
            lines += [f"Tegen landelijk (1×): {num(ld['rows_read'] / one['rows_read'], 2)}× de rijen, "
                      f"{num(ld['load_s']['median'] / one['load_s']['median'], 2)}× de laadtijd "
                      f"(mediaan), {num(ld['load_peak_mib'] / one['load_peak_mib'], 2)}× het "
                      "piekgeheugen (niet in één gepaarde run gemeten: lees de verhouding met de "
                      "load average erbij).", ""]
        lines += _pages_section(r)
        lines += _reference_and_queries(r)
    # hand-written: the assessment, what a user feels (issue 24), the outlook
    for part in ("targets.md", "speed.md", "privacy.md", "beyond.md", "vergelijken.md"):
        path = ROOT / "bench" / part
        if path.exists():
            lines += [path.read_text(encoding="utf-8").rstrip(), ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


def _reference_and_queries(r: dict) -> list[str]:
    lines = []
    if "reference" in r:
        ref = r["reference"]
        lines += ["### Drie referentie-indicatoren: pandas tegen SQL", "",
                  f"`werk.duaal_pct`, `werk.z_uren_op_schema_pct`, `taal.wachtlijst_pip` voor "
                  f"{ref['peildata']} peildata × {ref['gemeenten']} gemeenten; {ref['runs']} gepaarde runs. "
                  f"Cellen die verschillen: {ref['cells_differing']}.", "",
                  "| pad | min (s) | mediaan (s) |", "|---|---:|---:|",
                  f"| pandas/numpy (`bench/refind.py`, gegevens al in het geheugen) | {num(ref['pandas_s']['min'], 2)} | {num(ref['pandas_s']['median'], 2)} |",
                  f"| SQL (`int_person_cells`, door DuckDB tot deze kolommen gesnoeid) | {num(ref['sql_s']['min'], 2)} | {num(ref['sql_s']['median'], 2)} |",
                  ""]
    if "queries_ms" in r:
        lines += ["### Paginaqueries (ms)", "",
                  "| functie | filter | n | min | p50 | p95 | max |",
                  "|---|---|---:|---:|---:|---:|---:|"]
        for key, s in r["queries_ms"].items():
            name, shape = key.split(" | ")
            flag = " ⚠" if s["p95"] > 150 else ""
            lines.append(f"| {name} | {shape} | {s['n']} | {ms(s['min'])} | {ms(s['median'])} "
                         f"| {ms(s['p95'])}{flag} | {ms(s['max'])} |")
        lines += ["", "⚠ = p95 boven het doel van 150 ms. De max is meestal de eerste keer dat "
                  "een filterwaarde gekozen wordt: dan neemt de app de beslissing over de "
                  "uitsplitsing onder dat filter (zie Doelen), daarna komt die uit de cache.", ""]
    return lines


PARTS = ("load", "reference", "queries", "pages", "rss")
PART_WORDS = {"load": "laden", "reference": "referentie-indicatoren", "queries": "paginaqueries",
              "pages": "pagina's", "rss": "geheugen van de app"}
# The 2x drop shows how the load grows; its queries and pages are the
# national ones on more rows per cell, not a new shape.
PARTS_PER_SCALE = {"national2x": ("load",)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", nargs="+", default=["regio", "national", "national2x"],
                        choices=tuple(SCALES))
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"komma-gescheiden deel van {','.join(PARTS)}; de overige cijfers "
                             "blijven die van de vorige run")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--load-runs", type=int, default=2)
    parser.add_argument("--query-runs", type=int, default=20)
    parser.add_argument("--reference-runs", type=int, default=3)
    parser.add_argument("--page-runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8613)
    args = parser.parse_args()
    parts = [p for p in args.parts.split(",") if p]
    if unknown := set(parts) - set(PARTS):
        parser.error(f"onbekend deel: {', '.join(sorted(unknown))}")
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PSEUDONYM_KEY", "bench-sleutel")
    for scale in args.scales:
        drop = ensure_drop(scale, args.seed)
        db = OUT / f"{scale}.duckdb"
        path = OUT / f"results_{scale}.json"
        result = json.loads(path.read_text()) if path.exists() else {}
        result.update({"date": dt.date.today().isoformat(), "scale": scale,
                       "command": command.strip(), "machine": machine()})
        todo = [p for p in parts if p in PARTS_PER_SCALE.get(scale, PARTS)]
        # parts not run now keep their figures, so each part keeps its own command
        result.setdefault("measured_by", {}).update(
            {p: f"{result['date']}, `{result['command']}`" for p in todo})
        if "load" in todo or not db.exists():
            result["load"] = bench_load(drop, db, args.load_runs)
        if "reference" in todo:
            result["reference"] = bench_reference(db, args.reference_runs)
        if "queries" in todo:
            result["queries_ms"] = bench_queries(db, args.query_runs)
        if "pages" in todo:
            result["pages_s"] = bench_pages(db, args.page_runs)
        if "rss" in todo:
            result["app_rss"] = bench_rss(db, args.port)
        result["loadavg_end"] = os.getloadavg()
        path.write_text(json.dumps(result, indent=1, default=str))
        print(json.dumps({k: v for k, v in result.items() if k not in ("queries_ms", "pages_s")},
                         indent=1, default=str), flush=True)
    write_results(command)
    print(f"Geschreven: {RESULTS}")


if __name__ == "__main__":
    main()
