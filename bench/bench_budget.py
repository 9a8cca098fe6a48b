"""Benchmark of one recompute of the budget model (not a timed test).

A slider move on the Begroting page reruns compute() for each scenario and
sensitivity() for the edited one; this measures both, plus reading a scenario
from a link.

    python bench/bench_budget.py            # print the figures
    python bench/bench_budget.py --write    # also update bench/README.md

--write replaces only the "## Begrotingsmodel" section of bench/README.md
(or appends it), so other sections are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import statistics
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor import budget as bm  # noqa: E402

README = ROOT / "bench" / "README.md"
HEADING = "## Begrotingsmodel"


def measure(stmt, number: int, repeat: int = 7) -> tuple[float, float]:
    """(best, median) seconds per call over `repeat` rounds of `number` calls."""
    rounds = [t / number for t in timeit.repeat(stmt, number=number, repeat=repeat)]
    return min(rounds), statistics.median(rounds)


def run() -> list[tuple[str, float, float, int]]:
    inputs = bm.DEFAULT_INPUTS
    query = bm.scenarios_to_query([bm.Scenario("Seed 002", inputs)], compact=False)
    cases = [
        ("compute() — één herberekening, 2024–2027", lambda: bm.compute(inputs), 5000),
        ("sensitivity() — 20 knoppen × 2 herberekeningen", lambda: bm.sensitivity(inputs), 100),
        ("scenarios_from_query() — scenario uit een link (alle 50 invoervelden)",
         lambda: bm.scenarios_from_query(query), 1000),
    ]
    return [(label, *measure(fn, n), n) for label, fn, n in cases]


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs".replace(",", ".")


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms".replace(".", ",")


def section(results) -> str:
    lines = [
        HEADING,
        "",
        f"Gemeten op {dt.date.today().isoformat()} met `python bench/bench_budget.py` "
        f"(Python {platform.python_version()}, {platform.machine()}); timeit, 7 rondes, "
        "tijd per aanroep.",
        "",
        "| Wat | Beste | Mediaan | Aanroepen per ronde |",
        "|---|---:|---:|---:|",
    ]
    for label, best, median, n in results:
        lines.append(f"| {label} | {_us(best)} | {_us(median)} | {n} |")
    compute_med, sens_med = results[0][2], results[1][2]
    lines += [
        "",
        "Een schuifbeweging op de Begroting-pagina kost één `compute()` per scenario (tot drie) "
        f"plus één `sensitivity()`: samen ongeveer {_ms(3 * compute_med + sens_med)} (mediaan), "
        "klein naast de tijd die Streamlit nodig heeft om de pagina met haar grafieken opnieuw "
        "te tekenen. Er zijn geen store-queries op dat pad.",
        "",
    ]
    return "\n".join(lines)


def write(text: str) -> None:
    old = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    README.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="werk bench/README.md bij")
    args = parser.parse_args()
    results = run()
    for label, best, median, _ in results:
        print(f"{label}: beste {_us(best)}, mediaan {_us(median)}")
    if args.write:
        write(section(results))
        print(f"Bijgewerkt: {README}")


if __name__ == "__main__":
    main()
