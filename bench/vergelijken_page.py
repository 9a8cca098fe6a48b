"""The Vergelijken page's render through Streamlit's AppTest in a fresh
process: the landing page first (as the app runs it), then the switch to
Vergelijken, three times (the first with the page's own caches cold).

    python bench/vergelijken_page.py <worktree> <store.duckdb>
"""
import os, sys, time, json
root, db = sys.argv[1], sys.argv[2]
os.environ.update({"MONITOR_DB": db, "MONITOR_AUTO_DEMO": "0", "PYTHONPATH": root})
sys.path.insert(0, root); os.chdir(root)
from streamlit.testing.v1 import AppTest
times = []
for i in range(3):
    at = AppTest.from_file(os.path.join(root, "app.py"), default_timeout=600)
    at.run()
    t = time.perf_counter(); at.switch_page("pages/vergelijken.py").run(); times.append(round(time.perf_counter() - t, 2))
    assert not at.exception, [str(e.value)[:300] for e in at.exception]
print(json.dumps({"root": root, "first_s": times[0], "warm_s": times[1:]}))
