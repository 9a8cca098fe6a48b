"""A council meeting on one shared link: N real Streamlit sessions (HTTP page
load, then the app's websocket, as a browser does it, through the proxy with
its sticky cookie) arriving within S seconds, each until its script run has
finished; every session stays connected until the last one is done.

    deploy/serve.sh start 2
    python bench/sessions.py --url http://127.0.0.1:8590/ --sessions 40 --spread 60 \
        --pids deploy/run/replica-*.pid --access-log deploy/run/nginx-access.log

"Complete" is the server's side of a page: from the page request until the
script run ended with every element sent (ForwardMsg script_finished,
FINISHED_SUCCESSFULLY). Drawing in each user's browser happens on the user's
machine and is measured by bench/browser.py. An error is a failed request or
websocket, an exception element, or no finished run within the timeout.
Loopback only, bounded in count (≤ 200) and time (--timeout per session).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path


def _proc_mib(path: str, field: str) -> float:
    """A "Field: N kB" line of a /proc file, in MiB (0 for a process gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mib(pid: int) -> float:
    return _proc_mib(f"/proc/{pid}/status", "VmRSS")


def _pss_mib(pid: int) -> float:
    """Proportional set size: a page shared by n processes counts 1/n in
    each. Summed over a replica and its PNG browser (a dozen Chromium
    processes sharing their libraries) this is what the tree takes; a sum of
    RSS counts every shared page once per process."""
    return _proc_mib(f"/proc/{pid}/smaps_rollup", "Pss")


def _memory(pid: int) -> dict[str, float]:
    tree = _family(pid)
    return {"rss_sum": sum(_rss_mib(p) for p in tree), "pss": sum(_pss_mib(p) for p in tree),
            "python_rss": _rss_mib(pid)}


def _family(pid: int) -> list[int]:
    """pid and its descendants (a replica's PNG browser counts too)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        ppid = int(text[text.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


async def _sample_rss(pids: list[int], peaks: dict, stop: asyncio.Event) -> None:
    """Peak per replica and over all, of each measure of _memory."""
    while not stop.is_set():
        per = {pid: _memory(pid) for pid in pids}
        for measure in ("rss_sum", "pss", "python_rss"):
            mine = peaks.setdefault(measure, {})
            for pid, m in per.items():
                mine[pid] = max(mine.get(pid, 0.0), m[measure])
            mine["total"] = max(mine.get("total", 0.0), sum(m[measure] for m in per.values()))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


def _get_page(url: str) -> tuple[str, float]:
    """GET the shared link like a browser's first request: the route cookie."""
    with urllib.request.urlopen(url, timeout=60) as r:
        r.read()
        cookies = [v.split(";", 1)[0] for k, v in r.headers.items() if k.lower() == "set-cookie"]
    return "; ".join(cookies), time.perf_counter()


async def session(n: int, url: str, delay: float, timeout: float, all_done: asyncio.Event,
                  results: list) -> None:
    from websockets.asyncio.client import connect

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await asyncio.sleep(delay)
    started = time.perf_counter()
    r = {"n": n, "start_s": delay, "error": None, "elements": 0}
    parts = urllib.parse.urlsplit(url)
    try:
        cookie, _ = await asyncio.get_running_loop().run_in_executor(None, _get_page, url)
        r["route"] = cookie
        ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        async with connect(ws_url, subprotocols=["streamlit"], max_size=2**28,
                           additional_headers={"Cookie": cookie,
                                               "Origin": f"http://{parts.netloc}"},
                           open_timeout=timeout) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = parts.query
            msg.rerun_script.page_script_hash = ""
            await ws.send(msg.SerializeToString())
            deadline = started + timeout
            while True:
                raw = await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.perf_counter()))
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                    r["elements"] += 1
                    if fm.delta.new_element.WhichOneof("type") == "exception":
                        r["error"] = "exception: " + fm.delta.new_element.exception.message[:200]
                elif kind == "script_finished":
                    if fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        break
                    if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        r["error"] = "compile error"
                        break
            r["complete_s"] = time.perf_counter() - started
            if r["elements"] == 0 and not r["error"]:
                r["error"] = "geen elementen ontvangen"
            results.append(r)
            await all_done.wait()  # stay connected like a browser tab in the meeting
    except Exception as exc:  # noqa: BLE001 - counted, with its kind
        r["error"] = r["error"] or f"{type(exc).__name__}: {str(exc)[:200]}"
        if r not in results:
            results.append(r)


def _log_size(access_log: Path | None) -> int:
    return access_log.stat().st_size if access_log and access_log.exists() else 0


def _stickiness(access_log: Path, offset: int) -> dict:
    """Per route cookie of this run (the log from `offset` on: the proxy
    appends across runs), the replicas that served it (must be one)."""
    routes: dict[str, set] = {}
    if not access_log.exists():
        return {}
    with access_log.open("rb") as fh:
        fh.seek(offset)
        text = fh.read().decode(errors="replace")
    for line in text.splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if f.startswith(("route=", "upstream=")))
        if "route" in fields:
            routes.setdefault(fields["route"], set()).add(fields.get("upstream"))
    replicas: dict[str, int] = {}
    for ups in routes.values():
        for u in ups:
            replicas[u] = replicas.get(u, 0) + 1
    return {"routes": len(routes), "routes_on_more_than_one_replica":
            sum(1 for u in routes.values() if len(u) > 1), "routes_per_replica": replicas}


async def run(args) -> dict:
    pids = [int(Path(p).read_text()) for p in args.pids]
    peaks: dict = {}
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pids, peaks, stop))
    before = {pid: _memory(pid) for pid in pids}
    log = Path(args.access_log) if args.access_log else None
    log_offset = _log_size(log)
    rng = random.Random(args.seed)
    delays = sorted(rng.uniform(0, args.spread) for _ in range(args.sessions))
    results: list = []
    all_done = asyncio.Event()
    tasks = [asyncio.create_task(session(i, args.url, d, args.timeout, all_done, results))
             for i, d in enumerate(delays)]
    started = time.perf_counter()
    while len(results) < len(tasks) and time.perf_counter() - started < args.spread + args.timeout + 30:
        await asyncio.sleep(0.2)
    all_done.set()
    await asyncio.wait(tasks, timeout=30)
    stop.set()
    await sampler
    done = [r["complete_s"] for r in results if "complete_s" in r and not r["error"]]
    errors = [r["error"] for r in results if r["error"]] + \
        ["geen resultaat"] * (len(tasks) - len(results))
    s = sorted(done)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))] if s else None
    return {"url": args.url, "sessions": args.sessions, "spread_s": args.spread,
            "completed": len(done), "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
            "complete_s": {"min": s[0] if s else None, "median": statistics.median(s) if s else None,
                           "p95": p95, "max": s[-1] if s else None},
            "elements_per_session": sorted({r["elements"] for r in results})[:5],
            # per replica: the sum of RSS over it and its PNG browser (the
            # measure of earlier runs), their PSS, and the Python process alone
            "before_mib": {str(k): {m: round(v) for m, v in d.items()} for k, d in before.items()},
            "peak_mib": {m: {str(k): round(v) for k, v in d.items()} for m, d in peaks.items()},
            "stickiness": _stickiness(log, log_offset) if log else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--spread", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--pids", nargs="*", default=[])
    parser.add_argument("--access-log", default=None)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("alleen loopback")
    if not 1 <= args.sessions <= 200:
        parser.error("1 tot 200 sessies")
    result = asyncio.run(run(args))
    result.update(date=time.strftime("%Y-%m-%d %H:%M"), loadavg=os.getloadavg(),
                  command="python bench/sessions.py " + " ".join(sys.argv[1:]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
