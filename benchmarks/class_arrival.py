"""A class arriving at the published apps: served visitors, time to interactive, memory, against today's crm-publish.

Two servers are measured in the same run, one after the other, on the same arrivals:

* ``new``: ``crm-publish`` as it is now (its defaults: kernels forked from the app
  template, freed when the tab closes, culled when idle, ``--max-kernels`` from memory);
* ``today``: ``crm-publish`` as it was before (commit ``BASELINE_COMMIT``, its whole tree, run from
  a copy, with its defaults: a fresh Python per kernel, nothing freed);

and, on request (``--servers new,fresh``), ``fresh``: ``crm-publish`` as it is now with ``--no-fork``,
the same pages as ``new`` with a fresh Python per kernel (what the fork alone changes).

For each server three scenarios, each on a freshly started server whose pools are filled
and whose CPU is quiet: ``single``: one visitor at each app in turn (the single-visitor
TTI); ``supermarket``: ``--visitors`` browser visitors (playwright contexts in one
Debian chromium, on the same cores as the server) arriving evenly over ``--over``
seconds at the supermarket app; ``five apps``: the same arrivals spread over the five
apps in turn. A visitor opens the app, waits for the first figure, moves the first
slider one step and waits until a view changes: that is his TTI (as in
``voila_tti.py``). Everyone stays until the last has been served (or timed out), then
all tabs close (half of them with the page's unload request, half without).

Memory is the proportional set size (PSS, shared pages split among their users) of the
server, the template and the kernels, sampled every second: idle (before the first
visitor), peak, per extra visitor ((peak - idle) / (most kernels alive at once - the
pools' kernels)) and after all have left (``--settle`` seconds after the tabs closed). The browser's share of the CPU over
the arrivals and the load average are printed: on 2 cores shared with the browser, the
browser's own work (plotly.js alone is about 6 s of CPU per page here) bounds the TTI.

Run ``python benchmarks/class_arrival.py`` (about 30 minutes; needs chromium:
tests/install-browser.sh); ``--visitors 10 --over 30`` for a short run. One visit per app is one
sample: ``--scenarios single --rounds 3`` repeats the single scenario on fresh servers, the two
servers' order alternating from round to round, and takes each app's median (its memory figures
are the last round's); it also splits the TTI into the first figure and the slider's answer.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

from widgets.app.publish import case_notebooks, free_port, kernel_pids, server_pids, serving, wait_until_serving  # noqa: E402

BASELINE_COMMIT = "8acdd05"  # main before issue 23: preheated pool of 1, no freeing, no fork
BASELINE_PUBLISH = "widgets/publish.py"  # crm-publish's module in that commit
FIVE_APPS = ["bank", "carcare", "fuel", "futures", "supermarket"]  # the apps both servers have
CHROMIUM = "/usr/bin/chromium"
MAX_P95_S = 8.0
MAX_MB_PER_VISITOR = 80.0
MAX_AFTER_OVER_IDLE = 1.10
MIN_FREE_MB = 3000  # stop a scenario's arrivals before the machine swaps (today's server frees nothing)
SIGNATURE_JS = ("() => Array.from(document.querySelectorAll('.widget-html, .js-plotly-plot'))"
                ".map(e => e.innerHTML).join('\\u0000')")


# ---- memory and CPU from /proc -------------------------------------------------------------------

def pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def descendants(root: int) -> list[int]:
    table_ = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            table_[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [root]
    while frontier:
        frontier = [pid for pid, ppid in table_.items() if ppid in frontier]
        found += frontier
    return found


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return total


def mem_available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def server_tree(server_pid: int) -> list[int]:
    procs = server_pids(server_pid)
    return procs["server"] + procs["template"] + procs["kernels"]


class MemorySampler(threading.Thread):
    """PSS of a server's processes every second, in the background."""

    def __init__(self, server_pid: int) -> None:
        super().__init__(daemon=True)
        self.server_pid, self.samples, self.stopped = server_pid, [], threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(1.0):
            procs = server_pids(self.server_pid)
            self.samples.append((time.monotonic(), pss_mb(procs["server"] + procs["template"] + procs["kernels"]),
                                 len(procs["kernels"])))

    def peak(self) -> float:
        return max((mb for _, mb, _n in self.samples), default=float("nan"))

    def peak_kernels(self) -> int:
        return max((n for *_, n in self.samples), default=0)


def wait_quiet(timeout: float, idle: float = 0.75) -> None:
    """Until the machine's CPU is mostly idle (the preheated kernels have run their notebooks)."""
    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        i0, t0 = sample()
        time.sleep(2)
        i1, t1 = sample()
        if (i1 - i0) / max(t1 - t0, 1) >= idle:
            return


# ---- the servers ----------------------------------------------------------------------------------

class TodayServer:
    """``crm-publish`` of BASELINE_COMMIT with its defaults, from that commit's whole tree.

    Its own code, notebooks and data (a copy made with ``git archive``), first on the path of
    the server and its kernels: the apps as they were served before issue 23.
    """

    def __init__(self, log: Path) -> None:
        self.log = log

    def __enter__(self) -> str:
        self.tree = Path(tempfile.mkdtemp(prefix="publish_today_"))
        archive = subprocess.run(["git", "-C", str(REPO_DIR), "archive", BASELINE_COMMIT],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(self.tree)], input=archive, check=True)
        port = free_port()
        self.out = open(self.log, "w")
        self.child = subprocess.Popen([sys.executable, str(self.tree / BASELINE_PUBLISH), "--cases",
                                       str(self.tree / "cases"), "--port", str(port)],
                                      stdout=self.out, stderr=subprocess.STDOUT, cwd=self.tree,
                                      env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(self.tree)})
        url = f"http://127.0.0.1:{port}/"
        wait_until_serving(url, self.child, 180, "today's crm-publish")
        self.pid = self.child.pid
        return url

    def __exit__(self, *exc) -> None:
        self.child.terminate()
        try:
            self.child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()
        self.out.close()
        shutil.rmtree(self.tree, ignore_errors=True)


def start_server(kind: str, cases_dir: Path, log: Path):
    if kind == "today":
        server = TodayServer(log)
        return server, server.__enter__()
    context = serving(cases_dir, log=log, **({"fork": False} if kind == "fresh" else {}))
    url = context.__enter__()
    context.pid = url.pid
    return context, url


# ---- the visitors ---------------------------------------------------------------------------------

async def visit(browser, url: str, app: str, arrive_at: float, t0: float, timeout_ms: int, all_served: asyncio.Event,
                results: list, stop: dict) -> None:
    await asyncio.sleep(max(0.0, t0 + arrive_at - time.monotonic()))
    if stop.get("reason"):
        results.append({"app": app, "served": False, "why": stop["reason"]})
        return
    context = await browser.new_context(viewport={"width": 1100, "height": 800}, locale="zh-CN")
    page = await context.new_page()
    start = time.monotonic()
    record = {"app": app, "served": False, "stage": "page", "arrive_at": arrive_at}
    try:
        response = await page.goto(f"{url}voila/render/{app}.ipynb", wait_until="commit", timeout=timeout_ms)
        if response is not None and response.status == 503:
            record["why"] = "503"
        else:
            record["stage"] = "figure"
            await page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
            record.update(stage="slider", figure_s=time.monotonic() - start)
            handle = page.locator(".widget-slider .noUi-handle").first
            await handle.wait_for(timeout=timeout_ms)
            record["stage"] = "answer"
            before = await page.evaluate(SIGNATURE_JS)
            await handle.focus()
            await handle.press("ArrowRight")
            await page.wait_for_function(f"before => ({SIGNATURE_JS})() !== before", arg=before, timeout=timeout_ms)
            record.update(served=True, tti=time.monotonic() - start)
    except Exception as err:  # a timeout: not served
        record["why"] = type(err).__name__
    results.append(record)
    await all_served.wait()
    await page.close(run_before_unload=len(results) % 2 == 0)
    await context.close()


async def arrivals(url: str, apps: list[str], visitors: int, over: float, timeout_s: float,
                   on_all_served=lambda: None) -> tuple[list, dict]:
    """``visitors`` arriving evenly over ``over`` seconds at ``apps`` in turn; all leave after the last."""
    from playwright.async_api import async_playwright

    results, stop = [], {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        browser_pids = lambda: [p for p in descendants(os.getpid()) if b"chromium" in _cmdline(p)]  # noqa: E731
        cpu0, t0 = cpu_seconds(browser_pids()), time.monotonic()
        all_served = asyncio.Event()
        step = over / max(visitors - 1, 1)
        tasks = [asyncio.create_task(visit(browser, url, apps[i % len(apps)], i * step, t0, int(timeout_s * 1e3),
                                           all_served, results, stop)) for i in range(visitors)]

        async def watch_memory():
            while len(results) < visitors:
                if mem_available_mb() < MIN_FREE_MB:
                    stop["reason"] = "memory"
                await asyncio.sleep(1)
            on_all_served()
            all_served.set()

        watcher = asyncio.create_task(watch_memory())
        await watcher
        wall = time.monotonic() - t0
        cpu = cpu_seconds(browser_pids()) - cpu0
        await asyncio.gather(*tasks)
        await browser.close()
    return results, {"arrivals_wall_s": wall, "browser_cpu_share": cpu / (wall * os.cpu_count())}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _tti_summary(records: list[dict], apps: list[str]) -> dict:
    """Served visitors and their TTIs (sorted, median, p95 by nearest rank, each app's median) from visit records."""
    ttis = sorted(r["tti"] for r in records if "tti" in r)
    nan = float("nan")
    return {"served": len(ttis), "ttis": ttis, "tti_median": statistics.median(ttis) if ttis else nan,
            "tti_p95": ttis[min(len(ttis) - 1, int(round(0.95 * (len(ttis) - 1))))] if ttis else nan,
            "by_app": {a: statistics.median([r["tti"] for r in records if r["app"] == a and "tti" in r] or [nan])
                       for a in apps}}


# ---- one scenario ---------------------------------------------------------------------------------

def scenario(kind: str, cases_dir: Path, apps: list[str], visitors: int, over: float, settle: float,
             timeout_s: float, log: Path) -> dict:
    server, url = start_server(kind, cases_dir, log)
    try:
        pid = server.pid
        wait_quiet(300)
        idle = statistics.median(pss_mb(server_tree(pid)) for _ in range(3))
        idle_kernels = len(kernel_pids(pid))
        sampler = MemorySampler(pid)
        sampler.start()
        load0 = os.getloadavg()
        breakdown = {}

        def measure_processes():  # everyone still there: who holds the memory
            procs = server_pids(pid)
            kernels = [pss_mb([k]) for k in procs["kernels"]]
            breakdown.update(server_mb=pss_mb(procs["server"]), template_mb=pss_mb(procs["template"]),
                             kernels=len(kernels), kernel_mb_median=statistics.median(kernels) if kernels else 0.0)

        results, cpu = asyncio.run(arrivals(url, apps, visitors, over, timeout_s, measure_processes))
        left_at = time.monotonic()
        peak_kernels = len(kernel_pids(pid))
        time.sleep(settle)
        after = pss_mb(server_tree(pid))
        sampler.stopped.set()
        sampler.join()
        records = [{k: r[k] for k in ("app", "figure_s", "tti") if k in r} for r in results]
        return {"kind": kind, "apps": apps, "visitors": visitors, **_tti_summary(records, apps), "records": records,
                "not_served": [(r.get("why"), r.get("stage")) for r in results if not r["served"]],
                "idle_mb": idle, "peak_mb": sampler.peak(), "after_mb": after,
                # the memory a visitor's kernel adds: over the most kernels alive at once beyond the pools
                "per_visitor_mb": (sampler.peak() - idle) / max(sampler.peak_kernels() - idle_kernels, 1),
                "peak_kernels": sampler.peak_kernels(), "idle_kernels": idle_kernels,
                "kernels_at_leave": peak_kernels, "kernels_after": len(kernel_pids(pid)),
                "settle_s": settle, "load_before": load0, "load_after": os.getloadavg(),
                "left_at": left_at, **cpu, **breakdown}
    finally:
        server.__exit__(None, None, None)


def _merge_rounds(before: dict | None, run: dict) -> dict:
    """One more round of the single scenario: its visits join the earlier rounds', each app's TTI their median."""
    if before is None:
        return run
    records = before["records"] + run["records"]
    return {**run, **_tti_summary(records, run["apps"]), "records": records,
            "visitors": before["visitors"] + run["visitors"], "not_served": before["not_served"] + run["not_served"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=40, help="visitors per arrival scenario (default: %(default)s)")
    parser.add_argument("--over", type=float, default=120.0, help="seconds over which they arrive (default: %(default)s)")
    parser.add_argument("--settle", type=float, default=45.0,
                        help="seconds after the tabs closed at which memory is read again (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a visitor waits at most (default: %(default)s)")
    parser.add_argument("--servers", default="new,today",
                        help="which servers, in order: new, today, fresh (crm-publish as now with --no-fork: the same "
                             "pages, a fresh Python per kernel) (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="rounds of the single scenario, the servers' order alternating; each app's TTI is the "
                             "median over the rounds (default: %(default)s)")
    parser.add_argument("--scenarios", default="single,supermarket,five",
                        help="single, supermarket, five (the five apps both servers have), all (every app, new "
                             "only) (default: %(default)s)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("chromium is missing: bash tests/install-browser.sh")
        write_results("class_arrival", [Target("class p95 TTI", None, MAX_P95_S, "s", "<")], {"skipped": "no chromium"})
        return 0
    apps = case_notebooks()
    work = Path(tempfile.mkdtemp(prefix="class_arrival_"))
    for name in ["index", *apps]:
        shutil.copy(REPO_DIR / "cases" / f"{name}.ipynb", work)
    runs: dict[str, dict[str, dict]] = {}
    print(f"load average at start: {os.getloadavg()}; {os.cpu_count()} CPUs", flush=True)
    servers, names = args.servers.split(","), args.scenarios.split(",")
    plan = [(kind, "single", r) for r in range(args.rounds) for kind in (servers if r % 2 == 0 else servers[::-1])
            if "single" in names]
    plan += [(kind, name, 0) for kind in servers for name in names if name != "single"]
    try:
        for kind, name, round_ in plan:
            log = work / f"{kind}-{name}-{round_}.log"
            if name == "single":  # every app the server has
                have = FIVE_APPS if kind == "today" else apps
                run = scenario(kind, work, have, len(have), (len(have) - 1) * 25.0, args.settle, args.timeout, log)
                run = _merge_rounds(runs.get(kind, {}).get("single"), run)
            else:
                run = scenario(kind, work, {"supermarket": ["supermarket"], "five": FIVE_APPS, "all": apps}[name],
                               args.visitors, args.over, args.settle, args.timeout, log)
            runs.setdefault(kind, {})[name] = run
            print(f"round {round_ + 1}/{args.rounds}: " if name == "single" else "", end="")
            print(f"{kind:6} {name:11} served {run['served']}/{run['visitors']}  TTI median {run['tti_median']:.1f} s "
                  f"p95 {run['tti_p95']:.1f} s  idle {run['idle_mb']:,.0f} MB  peak {run['peak_mb']:,.0f} MB  "
                  f"per visitor {run['per_visitor_mb']:,.0f} MB  after {run['after_mb']:,.0f} MB  "
                  f"kernels idle {run['idle_kernels']} peak {run['peak_kernels']} after {run['kernels_after']}  "
                  f"browser CPU {run['browser_cpu_share']:.0%}  load {run['load_after'][0]:.1f}  "
                  f"(all there: server {run.get('server_mb', 0):,.0f} MB, template {run.get('template_mb', 0):,.0f} MB, "
                  f"{run.get('kernels', 0)} kernels of median {run.get('kernel_mb_median', 0):,.0f} MB; "
                  f"not served: {run['not_served']})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = []
    for kind, by_name in runs.items():
        for name, r in by_name.items():
            rows.append((kind, name, f"{r['served']}/{r['visitors']}", f"{r['tti_median']:.1f}", f"{r['tti_p95']:.1f}",
                         f"{r['idle_mb']:,.0f}", f"{r['peak_mb']:,.0f}", f"{r['per_visitor_mb']:,.0f}",
                         f"{r['after_mb']:,.0f}", f"{r['after_mb'] / r['idle_mb']:.2f}", f"{r['browser_cpu_share']:.0%}",
                         f"{r['load_after'][0]:.1f}"))
    print(table(["server", "scenario", "served", "TTI med s", "p95 s", "idle MB", "peak MB", "MB/visitor",
                 "after MB", "after/idle", "browser CPU", "load"], rows, left=2))
    with_single = [kind for kind in runs if "single" in runs[kind]]
    if with_single:
        by_app = lambda kind, app: runs[kind]["single"]["by_app"].get(app, float("nan"))  # noqa: E731
        single = [(app, *[f"{by_app(kind, app):.1f}" for kind in with_single]) for app in apps]
        print(f"single-visitor TTI (s), median of {args.rounds} round(s):")
        print(table(["app", *with_single], single))
        for kind in with_single:
            single_run = runs[kind]["single"]
            records = [r for r in single_run["records"] if "tti" in r]
            if records:
                print(f"{kind}: first figure median {statistics.median(r['figure_s'] for r in records):.2f} s, "
                      f"slider answer median {statistics.median(r['tti'] - r['figure_s'] for r in records):.2f} s, "
                      f"TTI median {single_run['tti_median']:.2f} s over {single_run['served']} visits")
    targets = []
    for other in [kind for kind in with_single if kind != "new"] if "new" in with_single else []:
        new_s, other_s = runs["new"]["single"]["by_app"], runs[other]["single"]["by_app"]
        both = [app for app in new_s if app in other_s]
        targets.append(Target(f"single: TTI median new / {other} ({len(both)} apps)",
                              statistics.median(new_s[a] for a in both) / statistics.median(other_s[a] for a in both),
                              None, "x", note=f"median of the apps' medians, {args.rounds} round(s)"))
    for name in ("supermarket", "five"):
        new, today = runs.get("new", {}).get(name), runs.get("today", {}).get(name)
        if not new:
            continue
        targets += [Target(f"{name}: visitors not served", new["visitors"] - new["served"], 0, "x", "<=",
                           note=f"{new['served']} of {new['visitors']} served"),
                    Target(f"{name}: TTI p95", new["tti_p95"], MAX_P95_S, "s", "<",
                           note=f"browser CPU {new['browser_cpu_share']:.0%}"),
                    Target(f"{name}: MB per extra visitor", new["per_visitor_mb"], MAX_MB_PER_VISITOR, "MB", "<"),
                    Target(f"{name}: memory after all left / idle", new["after_mb"] / new["idle_mb"],
                           MAX_AFTER_OVER_IDLE, "x", "<=")]
        if today:
            targets += [Target(f"{name}: TTI p95 new / today", new["tti_p95"] / today["tti_p95"], None, "x"),
                        Target(f"{name}: MB per visitor new / today", new["per_visitor_mb"] / today["per_visitor_mb"],
                               None, "x"),
                        Target(f"{name}: peak memory new / today", new["peak_mb"] / today["peak_mb"], None, "x")]
    print(targets_table(targets))
    print(f"load average at end: {os.getloadavg()}")
    print(f"results: {write_results('class_arrival', targets, {'runs': runs})}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
