"""Memory of one visitor's kernel: forked from the app template, against a kernel started afresh.

For each case app, one kernel is forked from a fresh app template (``widgets.app.fork_kernels``,
as ``crm-publish`` does) and runs the app's notebook cell by cell as Voila does; then every
figure is asked for its state as a page asks it (the first one also for plotly's front end,
``widgets.figure``). Its memory is read from ``/proc/<pid>/smaps_rollup``:

* ``private``: the pages only this kernel holds (Private_Dirty + Private_Clean): what one
  more visitor costs the machine, since everything else is shared with the template;
* ``fresh``: the same right after the fork (the kernel started, no notebook yet);
* per cell: how much each cell added (the views' builds).

Baseline, same run: the same notebook in a kernel started afresh (``python -m ipykernel``,
``crm-publish --no-fork``), whose PSS is all its own. The template's own RSS and PSS are
printed too, and the load average.

Target: private memory of a forked kernel after its notebook < 80 MB for every app (the
issue's "memory per extra visitor"; ``class_arrival.py`` measures the same with browsers and
the server's share). Run ``python benchmarks/visitor_memory.py`` (about 2 minutes).
"""
from __future__ import annotations

import argparse
import os
import queue
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

from widgets.figure import SYNC  # noqa: E402
from widgets.app.fork_kernels import AppTemplate, notebook_code  # noqa: E402
from widgets.app.publish import case_notebooks  # noqa: E402

MAX_PRIVATE_MB = 80.0


def rollup(pid: int) -> dict[str, float]:
    """``/proc/<pid>/smaps_rollup`` in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value, *_ = line.split()
        out[key.rstrip(":")] = int(value) / 1024
    out["Private"] = out.get("Private_Dirty", 0) + out.get("Private_Clean", 0)
    return out


def execute(client, code: str, figures: list | None = None, timeout: float = 300) -> None:
    """Run ``code`` in the kernel; collect the comm ids of the figure widgets it opens."""
    msg_id = client.execute(code, store_history=False)
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if figures is not None and msg["msg_type"] == "comm_open":
            state = msg["content"].get("data", {}).get("state", {})
            if "_esm" in state and "_widget_data" in state:
                figures.append(msg["content"]["comm_id"])
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            return


def ask_figures(client, figures: list[str]) -> None:
    """What a page does: every figure asks for its state, the first also for plotly's bundle."""
    for i, comm_id in enumerate(figures):
        content = {"comm_id": comm_id, "data": {"method": "custom", "content": {"kind": SYNC, "bundle": i == 0}}}
        client.session.send(client.shell_channel.socket, client.session.msg("comm_msg", content))
    deadline = time.monotonic() + 60
    answered = 0
    while answered < len(figures) and time.monotonic() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=5)
        except queue.Empty:
            break
        if msg["msg_type"] == "comm_msg" and msg["content"].get("data", {}).get("method") == "custom":
            answered += 1
    execute(client, "pass")  # and the kernel is idle again


def connect(connection_file: str):
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    return client


def forked_visit(template: AppTemplate, cases: Path, app: str, work: Path) -> dict:
    from jupyter_client.connect import write_connection_file

    connection_file = str(work / f"{app}-fork.json")
    write_connection_file(connection_file, ip="127.0.0.1", key=os.urandom(16).hex().encode())
    pid = template.fork({"connection_file": connection_file, "cwd": str(cases), "env": dict(os.environ)})
    client = connect(connection_file)
    try:
        time.sleep(0.5)
        fresh = rollup(pid)["Private"]
        cells, figures, previous = [], [], fresh
        for source in notebook_code(cases / f"{app}.ipynb"):
            execute(client, source, figures)
            now = rollup(pid)["Private"]
            cells.append((source.strip().splitlines()[-1][:50], now - previous))
            previous = now
        ask_figures(client, figures)
        after = rollup(pid)
        return {"fresh_private_mb": fresh, "private_mb": after["Private"], "pss_mb": after["Pss"],
                "page_mb": after["Private"] - previous, "figures": len(figures), "cells": cells}
    finally:
        client.shutdown()
        client.stop_channels()
        time.sleep(0.5)


def fresh_visit(cases: Path, app: str) -> dict:
    from jupyter_client import KernelManager

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(cases), env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    try:
        figures = []
        for source in notebook_code(cases / f"{app}.ipynb"):
            execute(client, source, figures)
        ask_figures(client, figures)
        return {"fresh_kernel_pss_mb": rollup(manager.provisioner.pid)["Pss"]}
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", default=",".join(case_notebooks()), help="(default: %(default)s)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the kernels started afresh")
    args = parser.parse_args(argv)
    apps = args.apps.split(",")
    work = Path(tempfile.mkdtemp(prefix="visitor_memory_"))
    cases = work / "cases"
    cases.mkdir()
    for name in apps:
        shutil.copy(REPO_DIR / "cases" / f"{name}.ipynb", cases)
    print(f"load average at start: {os.getloadavg()}; {os.cpu_count()} CPUs", flush=True)
    template = AppTemplate(cases)
    results: dict[str, dict] = {}
    try:
        for app in apps:
            results[app] = forked_visit(template, cases, app, work)
            if not args.no_baseline:
                results[app].update(fresh_visit(cases, app))
            r = results[app]
            print(f"{app:12} fresh fork {r['fresh_private_mb']:5.1f} MB  after notebook and page {r['private_mb']:5.1f} MB "
                  f"private (page {r['page_mb']:+.1f})  kernel started afresh {r.get('fresh_kernel_pss_mb', float('nan')):5.0f} MB"
                  f"  | " + ", ".join(f"{label} {mb:+.1f}" for label, mb in r["cells"] if abs(mb) >= 2), flush=True)
        tmpl = rollup(template.proc.pid)
        print(f"template: RSS {tmpl['Rss']:.0f} MB, PSS {tmpl['Pss']:.0f} MB (started in {template.startup_seconds} s)")
    finally:
        template.close()
        shutil.rmtree(work, ignore_errors=True)
    rows = [(app, f"{r['fresh_private_mb']:.1f}", f"{r['private_mb']:.1f}", f"{r.get('fresh_kernel_pss_mb', float('nan')):.0f}")
            for app, r in results.items()]
    print(table(["app", "forked: fresh MB", "forked: after MB", "afresh: PSS MB"], rows))
    targets = [Target(f"{app}: private MB of a forked visitor kernel", r["private_mb"], MAX_PRIVATE_MB, "MB", "<")
               for app, r in results.items()]
    targets += [Target(f"{app}: forked private / afresh PSS", r["private_mb"] / r["fresh_kernel_pss_mb"], None, "x")
                for app, r in results.items() if "fresh_kernel_pss_mb" in r]
    print(targets_table(targets))
    print(f"load average at end: {os.getloadavg()}")
    print(f"results: {write_results('visitor_memory', targets, {'apps': results, 'template': tmpl})}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
