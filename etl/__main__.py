"""python -m etl load | export | demo

The command line is where configuration comes in: it reads the environment
(PSEUDONYM_KEY or PSEUDONYM_KEY_FILE, MONITOR_REGION) and passes everything on
as arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("etl")


# Each command imports what it runs: the export pulls in the pages' query
# layer and plotly, ~2,5 s more before a load even starts (measured:
# `time python -c "import etl.load, etl.export"` 4,5 s against 1,9 s for
# etl.load alone).
def _load(args) -> int:
    from .load import LoadFailed, load
    from .pseudonym import MissingKeyError, key_from_environment

    try:
        key = key_from_environment(os.environ)
    except MissingKeyError as exc:
        log.error("FOUT: %s De vorige opslag is ongewijzigd in gebruik.", exc)
        return 1
    limits = {}
    if args.max_uren_per_week is not None:
        limits["uren_per_week"] = args.max_uren_per_week
    try:
        report = load(Path(args.drop), Path(args.db),
                      region_file=args.region or os.environ.get("MONITOR_REGION"),
                      key=key, new_key=args.nieuwe_sleutel, limits=limits)
    except LoadFailed as exc:
        if exc.report is not None and args.report:
            exc.report.write(Path(args.report))
        log.error("FOUT: %s\nDe vorige opslag is ongewijzigd in gebruik.", exc)
        return 1
    except Exception as exc:  # anything unforeseen must still leave the old store
        # Only the type: a message from a library may quote a cell.
        log.error("FOUT: laden afgebroken (%s). De vorige opslag is ongewijzigd in gebruik.",
                  type(exc).__name__)
        return 1
    if args.report:
        report.write(Path(args.report))
    used = [f for f in report.files if f.used]
    log.info("Geladen: %d bestanden, %d rijen, %d afgekeurd.", len(used),
             sum(f.rows_loaded for f in used), sum(f.rows_rejected for f in used))
    return 0


def _export(args) -> int:
    from monitor import audit

    from .export import export

    try:
        peildatum = dt.date.fromisoformat(args.peildatum)
    except ValueError:
        log.error("FOUT: --peildatum verwacht JJJJ-MM-DD")
        return 2
    audit_log = audit.path_beside(args.db)
    if args.grafiek:
        return _export_charts(args, peildatum, audit_log)
    what = f"indicatoren-JSON, peildatum {peildatum.isoformat()}"
    try:
        result = export(Path(args.db), peildatum)
    except Exception as exc:
        audit.record("export", what, f"mislukt ({type(exc).__name__})", path=audit_log)
        raise
    audit.record("export", what, "geslaagd: {rijen} rijen", path=audit_log,
                 counts={"rijen": len(result["indicators"])})
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _export_charts(args, peildatum: dt.date, audit_log: Path) -> int:
    """CSV and PNG of registered charts (monitor.registry), as the page's
    download buttons make them."""
    from monitor import audit, registry

    from .export import export_charts

    if not args.map:
        log.error("FOUT: --grafiek vraagt ook --map (de map voor de bestanden)")
        return 2
    unknown = [k for k in args.grafiek if not registry.knows(k)]
    if unknown:
        log.error("FOUT: onbekende grafiek(en): %s", ", ".join(unknown))
        return 2
    what = f"grafieken {', '.join(args.grafiek)}, peildatum {peildatum.isoformat()}"
    try:
        written = export_charts(Path(args.db), peildatum, args.grafiek, Path(args.map),
                                png=not args.zonder_png)
    except registry.Unavailable as exc:
        audit.record("export", what, "mislukt (niets te tonen)", path=audit_log)
        log.error("FOUT: niets te tonen voor %s op deze peildatum", exc)
        return 1
    except Exception as exc:
        audit.record("export", what, f"mislukt ({type(exc).__name__})", path=audit_log)
        raise
    audit.record("export", what, "geslaagd: {bestanden} bestanden", path=audit_log,
                 counts={"bestanden": len(written)})
    for path in written:
        log.info("Geschreven: %s", path)
    return 0


def _demo(args) -> int:
    from .demo import write_demo_drop

    summary = write_demo_drop(Path(args.out), scale=args.scale, seed=args.seed, factor=args.factor)
    log.info("Synthetische demolevering geschreven naar %s: %s", args.out, summary)
    return 0


def _contract(args) -> int:
    from .contractdoc import DOC, write

    changed = write(DOC)
    log.info("%s %s", DOC, "bijgewerkt uit etl/contract.py" if changed else "was al actueel")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Integratiemonitor ETL")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load", help="laad een leveringsmap in de DuckDB-opslag")
    p.add_argument("drop")
    p.add_argument("--db", required=True)
    p.add_argument("--report")
    p.add_argument("--region", help="regiobestand (standaard: MONITOR_REGION, anders "
                                    "Maastricht-Heuvelland)")
    p.add_argument("--nieuwe-sleutel", action="store_true",
                   help="laad bewust met een andere sleutel dan de huidige opslag")
    p.add_argument("--max-uren-per-week", type=float,
                   help="plausibiliteitsgrens voor Uren per week (standaard 60; boven 168 "
                        "altijd afgekeurd)")
    p.set_defaults(func=_load)
    p = sub.add_parser("export", help="indicatoren als JSON op een peildatum")
    p.add_argument("--db", required=True)
    p.add_argument("--peildatum", required=True)
    p.add_argument("--grafiek", action="append", default=[],
                   help="sleutel van een grafiek (zoals in de link van de Raadspresentatie); "
                        "schrijft haar CSV en PNG in plaats van de JSON; herhaalbaar")
    p.add_argument("--map", help="map voor de bestanden van --grafiek")
    p.add_argument("--zonder-png", action="store_true", help="alleen CSV bij --grafiek")
    p.set_defaults(func=_export)
    p = sub.add_parser("demo", help="schrijf de synthetische demolevering")
    p.add_argument("out")
    p.add_argument("--scale", choices=("regio", "national"), default="regio")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--factor", type=float, default=1.0,
                   help="personen per gemeente maal deze factor (benchmark: 2 = dubbele levering)")
    p.set_defaults(func=_demo)
    p = sub.add_parser("contract", help="werk docs/datacontract.md bij uit etl/contract.py")
    p.set_defaults(func=_contract)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
