"""The Vergelijken page's render through Streamlit's AppTest in a fresh
process: the landing page first (as the app runs it), then the switch to
Vergelijken, three times (the first with the page's own caches cold).

    python bench/vergelijken_page.py <worktree> <store.duckdb> [--warm] [--group alle]

--warm: before the first switch, a view by gemeente of another indicator
(digitaal.digid_pct), as on a server that has just shown another page: the
disclosure decision by gemeente is taken per chunk of indicators, so the
page's own decision and queries stay cold. Without it the first switch is
also the process's first view by gemeente.
--group: the comparison group chosen on the page after the first render
(its render timed as `group_s`).
"""
import json
import os
import sys
import time
from pathlib import Path

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root, db = args[0], args[1]
warm = "--warm" in sys.argv
group = sys.argv[sys.argv.index("--group") + 1] if "--group" in sys.argv else None
os.environ.update({"MONITOR_DB": db, "MONITOR_AUTO_DEMO": "0", "PYTHONPATH": root})
sys.path.insert(0, root)
os.chdir(root)
from streamlit.testing.v1 import AppTest  # noqa: E402

times, group_s, decision_s = [], None, None
for i in range(3):
    at = AppTest.from_file(os.path.join(root, "app.py"), default_timeout=600)
    at.run()
    if warm and i == 0:
        from monitor import indicators
        from monitor.filters import Filters
        from pages.ui import data
        path = Path(at.session_state[data.STORE_PATH])  # the very key the page's caches use
        t = time.perf_counter()
        indicators.by_gemeente("digitaal.digid_pct",
                               Filters(peildatum=indicators.default_peildatum(path)), path=path)
        decision_s = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    at.switch_page("pages/vergelijken.py").run()
    times.append(round(time.perf_counter() - t, 2))
    assert not at.exception, [str(e.value)[:300] for e in at.exception]
    if group and i == 0:
        t = time.perf_counter()
        at.selectbox(key="v_groep").set_value(group).run()
        group_s = round(time.perf_counter() - t, 2)
        assert not at.exception, [str(e.value)[:300] for e in at.exception]
print(json.dumps({"root": root, "warm": warm, "decision_s": decision_s, "first_s": times[0],
                  "warm_s": times[1:],
                  **({"group": group, "group_s": group_s} if group else {})}))
