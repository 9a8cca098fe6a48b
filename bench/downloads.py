"""Downloads as a user waits for them, on a built store: one PNG per click
(the first one of a server process, then the following ones), the
five-chart deck and the Evaluatierapportage with its PDF.

    python bench/downloads.py --db bench/out/regio.duckdb [--clicks 5]

Runs in one process, as one Streamlit server does: `warm` first starts the
browser as the app does in the background (MONITOR_PNG_WARM), the `cold`
figure is a click that finds no browser yet. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--clicks", type=int, default=5)
    args = parser.parse_args()

    from monitor import basket, deck, evaluation, exports, indicators
    from monitor.filters import Filters

    source = basket.StoreSource(args.db)
    cat = source.catalogue()
    peildatum = indicators.peildata(path=args.db)[-1]
    f = Filters(peildatum=peildatum)
    # five charts as a user collects them for the council: headline series
    charts_in = []
    for ind in [i for i in cat if i.headline]:
        try:
            charts_in.append(basket.rebuild(f"{ind.id}/reeks", source, f))
        except basket.UnknownChart:
            continue
        if len(charts_in) == 5:
            break

    t = time.perf_counter()
    exports.png_bytes(charts_in[0], demo=True)
    cold = time.perf_counter() - t
    clicks = []
    for n in range(args.clicks):
        t = time.perf_counter()
        exports.png_bytes(charts_in[n % len(charts_in)], demo=True)
        clicks.append(time.perf_counter() - t)
    t = time.perf_counter()
    deck.slide_images(charts_in)
    deck_s = time.perf_counter() - t
    t = time.perf_counter()
    pptx = evaluation.build(args.db, peildatum)
    pptx_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        pdf = deck.to_pdf(pptx, tmp)
        pdf_first = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        deck.to_pdf(pptx, tmp)
        pdf_next = time.perf_counter() - t
    print(json.dumps({
        "date": time.strftime("%Y-%m-%d %H:%M"), "loadavg": os.getloadavg(), "db": str(args.db),
        "command": "python bench/downloads.py " + " ".join(sys.argv[1:]),
        "png_first_click_no_browser_s": cold, "png_click_s": {
            "min": min(clicks), "median": statistics.median(clicks), "max": max(clicks)},
        "deck_5_charts_s": deck_s, "evaluatie_pptx_s": pptx_s, "evaluatie_pdf_first_s": pdf_first,
        "evaluatie_pdf_next_s": pdf_next, "pdf_bytes": len(pdf or b"")}))


if __name__ == "__main__":
    main()
