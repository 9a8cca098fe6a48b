"""python -m etl load | export | demo"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def _load(args) -> int:
    from .load import LoadFailed, load

    try:
        report = load(Path(args.drop), Path(args.db), region_file=args.region)
    except LoadFailed as exc:
        if exc.report is not None and args.report:
            exc.report.write(Path(args.report))
        print(f"FOUT: {exc}\nDe vorige opslag is ongewijzigd in gebruik.", file=sys.stderr)
        return 1
    except Exception as exc:  # anything unforeseen must still leave the old store
        print(f"FOUT: laden afgebroken ({type(exc).__name__}: {exc}). "
              "De vorige opslag is ongewijzigd in gebruik.", file=sys.stderr)
        return 1
    if args.report:
        report.write(Path(args.report))
    used = [f for f in report.files if f.used]
    print(f"Geladen: {len(used)} bestanden, {sum(f.rows_loaded for f in used)} rijen, "
          f"{sum(f.rows_rejected for f in used)} afgekeurd.", file=sys.stderr)
    return 0


def _export(args) -> int:
    from .export import export

    try:
        peildatum = dt.date.fromisoformat(args.peildatum)
    except ValueError:
        print("FOUT: --peildatum verwacht JJJJ-MM-DD", file=sys.stderr)
        return 2
    json.dump(export(Path(args.db), peildatum), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _demo(args) -> int:
    from .demo import write_demo_drop

    summary = write_demo_drop(Path(args.out), scale=args.scale, seed=args.seed)
    print(f"Synthetische demolevering geschreven naar {args.out}: {summary}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Integratiemonitor ETL")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load", help="laad een leveringsmap in de DuckDB-opslag")
    p.add_argument("drop")
    p.add_argument("--db", required=True)
    p.add_argument("--report")
    p.add_argument("--region", help="regiobestand (standaard: Maastricht-Heuvelland)")
    p.set_defaults(func=_load)
    p = sub.add_parser("export", help="indicatoren als JSON op een peildatum")
    p.add_argument("--db", required=True)
    p.add_argument("--peildatum", required=True)
    p.set_defaults(func=_export)
    p = sub.add_parser("demo", help="schrijf de synthetische demolevering")
    p.add_argument("out")
    p.add_argument("--scale", choices=("regio", "national"), default="regio")
    p.add_argument("--seed", type=int, default=2024)
    p.set_defaults(func=_demo)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
