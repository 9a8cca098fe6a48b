"""The adversary of tests/adversary.py over a whole store: every count and
percentage indicator at the default peildatum, every dimension; every pair
of person dimensions (which the product must refuse); the blocks with a
region row. Prints how many views were combined and refused, how many
hidden figures were tried, and what was recovered.

    python -m bench.adversary [STORE] [--sample N] [--peildatum JJJJ-MM-DD]
        [--indicators ID,ID,...] [--blocks-only | --no-blocks] [--no-pairs]

Without STORE it builds the demo store in a temporary folder. With more
than N gemeenten (default 12) the views under one gemeente (a breakdown,
the headline under a gemeente and a member, a pair of filters under a
gemeente) are set up for N of them, spread over the list, and choices of
two gemeenten only regionally; the gemeenten side by side under every
member show every gemeente's cells whatever N is. The solver: per
indicator one system over the finest cells (tests/adversary.py: SVD up to
2.500 unknowns not shown on their own, else LSQR with random vectors)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from monitor import indicators as ind
from monitor.filters import PERSON_DIMENSIONS
from tests import adversary as adv


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?")
    ap.add_argument("--sample", type=int, default=12)
    ap.add_argument("--peildatum")
    ap.add_argument("--indicators", help="comma-separated ids (default: every count and "
                                         "percentage that is not public)")
    ap.add_argument("--blocks-only", action="store_true", help="the blocks, no indicators")
    ap.add_argument("--no-blocks", action="store_true",
                    help="the indicators only (the blocks do not depend on them)")
    ap.add_argument("--no-pairs", action="store_true",
                    help="no choices of two gemeenten (a busy machine)")
    args = ap.parse_args(argv)
    db = args.store
    if db is None:
        from etl.demo import write_demo_drop
        from etl.load import load
        from tests.conftest import DEMO_TODAY
        root = Path(tempfile.mkdtemp(prefix="adversary"))
        write_demo_drop(root / "drop", seed=2024, today=DEMO_TODAY)
        db = root / "monitor.duckdb"
        load(root / "drop", db, today=DEMO_TODAY)
    P = (dt.date.fromisoformat(args.peildatum) if args.peildatum
         else ind.default_peildatum(db))
    cat = ind.catalogue(db)
    wanted = cat[cat["eenheid"].isin(["aantal", "pct"])]
    if args.indicators or args.blocks_only:
        wanted = wanted[wanted["id"].isin((args.indicators or "").split(","))]
    public = ind._public_ids(db, ind.store.store_version(db))
    gemeenten = sorted(ind.gemeente_namen(db))
    small = len(gemeenten) <= args.sample
    sample = None if small else gemeenten[::max(1, len(gemeenten) // args.sample)][:args.sample]
    heads: dict = {}

    def figure(indicator, filters):
        if filters not in heads:
            heads[filters] = ind.headline(filters, path=db)
        h = heads[filters]
        return h[h["id"] == indicator]

    print(f"store {db}: {len(gemeenten)} gemeenten, peildatum {P}, "
          f"{'every gemeente' if small else f'{len(sample)} gemeenten'} with views of their own",
          flush=True)
    start = time.time()
    tally = {"views": 0, "refused": 0, "hidden": 0, "leaks": 0, "known sums": 0,
             "inconsistent": 0, "labels": 0}
    bad = []

    def count(name, s, percent):
        found = s.recovered()
        leaks = [k for k in found if not (isinstance(k, tuple) and k[0] == "som")
                 or s.disclosive(k)]
        wrong = adv.wrong_labels(s, percent=percent)
        odd = s.inconsistent()
        tally["views"] += s.views
        tally["refused"] += getattr(s, "refused", 0)
        tally["hidden"] += len(s.hidden)
        tally["leaks"] += len(leaks)
        tally["known sums"] += len(s.known_sums(found))
        tally["inconsistent"] += len(odd)
        tally["labels"] += len(wrong)
        bad.extend((name, x) for x in leaks + odd + wrong)
        print(f"{name}: {s.views} views, {getattr(s, 'refused', 0)} refused, {len(s.hidden)} "
              f"hidden, {len(leaks)} recovered, {len(odd)} inconsistent, {len(wrong)} "
              f"mislabelled ({time.time() - start:.0f} s)", flush=True)

    # the blocks first: a run cut short has them
    blocks = {} if args.no_blocks else adv.block_views(db, P, pairs=not args.no_pairs,
                                                       pair_sample=sample)
    for name, s in blocks.items():
        count(name, s, name in ("Z-route uren", "cohortlijnen"))
    for r in wanted.to_dict("records"):
        if r["id"] in public:
            continue
        unit = r["eenheid"]
        check = (lambda row, where, unit=unit: adv.shown_safe(row, unit, where))
        s = adv.indicator_views(db, r["id"], P, pairs=small and not args.no_pairs, figure=figure,
                                check=check, sample=sample)
        count(r["id"], s, unit != "aantal")
        for e1, e2 in combinations(PERSON_DIMENSIONS, 2):
            # the views of e1 and e2 alone are in the search above; here
            # those across both, which must all be refused
            s = adv.pair_views(db, r["id"], P, e1, e2, gemeenten=sample, figure=figure,
                               check=check, margins=False)
            count(f"{r['id']} {e1} x {e2}", s, unit != "aantal")
    print(f"TOTAL: {tally['views']} views combined, {tally['refused']} refused as a combination "
          f"of two dimensions, {len(heads)} headline filter sets; {tally['hidden']} hidden "
          f"figures tried: {tally['leaks']} recovered, {tally['inconsistent']} shown elsewhere, "
          f"{tally['labels']} mislabelled; {tally['known sums']} hidden sums of 5 or more that "
          f"follow from the views (over-suppression, no disclosure); "
          f"{time.time() - start:.0f} s", flush=True)
    for b in bad[:50]:
        print("  ", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
