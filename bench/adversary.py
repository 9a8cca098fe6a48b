"""The adversary of tests/adversary.py over the demo store: every count and
percentage indicator at the latest peildatum, every dimension, every
gemeente, the blocks; prints how many views were combined and what was
recovered. `python -m bench.adversary [STORE]` (builds the demo store in a
temporary folder when no STORE is given)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from monitor import indicators as ind
from monitor.filters import Filters
from tests import adversary as adv


def main(db=None) -> int:
    if db is None:
        from etl.demo import write_demo_drop
        from etl.load import load
        from tests.conftest import DEMO_TODAY
        root = Path(tempfile.mkdtemp(prefix="adversary"))
        write_demo_drop(root / "drop", seed=2024, today=DEMO_TODAY)
        db = root / "monitor.duckdb"
        load(root / "drop", db, today=DEMO_TODAY)
    P = ind.latest_peildatum(db)
    cat = ind.catalogue(db)
    wanted = cat[cat["eenheid"].isin(["aantal", "pct"])]
    public = ind._public_ids(db, ind.store.store_version(db))
    heads: dict = {}

    def figure(indicator, filters):
        if filters not in heads:
            heads[filters] = ind.headline(filters, path=db)
        h = heads[filters]
        return h[h["id"] == indicator]

    start = time.time()
    views = hidden = 0
    bad = []
    for i, r in enumerate(wanted.to_dict("records")):
        if r["id"] in public:
            continue
        unit = r["eenheid"]
        s = adv.indicator_views(db, r["id"], P, pairs=False, figure=figure,
                                check=lambda row, where: adv.shown_safe(row, unit, where))
        views += s.views
        hidden += len(s.hidden)
        found = s.recovered() + s.inconsistent() + adv.wrong_labels(s, percent=unit != "aantal")
        bad += [(r["id"], x) for x in found]
        print(f"{i + 1}/{len(wanted)} {r['id']}: {s.views} views, {len(s.hidden)} hidden, "
              f"{len(found)} found ({time.time() - start:.0f} s)", flush=True)
    for name, s in adv.block_views(db, P).items():
        views += s.views
        hidden += len(s.hidden)
        found = s.recovered() + s.inconsistent() + adv.wrong_labels(s, percent=name == "Z-route uren")
        bad += [(name, x) for x in found]
        print(f"{name}: {s.views} views, {len(s.hidden)} hidden, {len(found)} found", flush=True)
    print(f"TOTAL: {views} views combined ({len(heads)} headline filter sets), {hidden} hidden "
          f"cells tried, {len(bad)} recovered/inconsistent/mislabelled; {time.time() - start:.0f} s")
    for b in bad[:50]:
        print("  ", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
