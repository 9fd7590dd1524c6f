"""The routing simulation of a year of requests for 20 branches: ours against an event-calendar loop.

Ours is ``crm.cases.futures.routing``: each FIFO queue with ``c`` staff is served in one pass in
arrival order with a heap of ``c`` free times (no event calendar). The baseline is the
same model written the textbook way, as simpy would run it: one calendar (a heap) of
arrival and departure events, queues as deques, processed event by event. Both run on
the same generated requests with the same triage times, and their results are checked
to agree before anything is timed.

Target: both designs for a year of requests from 20 branches in under 2 s.

Run ``python benchmarks/routing.py`` (``--branches``, ``--days``, ``--rate`` to change the load).
"""
from __future__ import annotations

import argparse
import heapq
import sys
import time
from collections import deque
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _common import Target, exit_code, targets_table, write_results  # noqa: E402

from crm.cases.futures.routing import DEPARTMENTS, DESIGNS, RoutingConfig, generate_requests, simulate_routing  # noqa: E402

TARGET_S = 2.0


def ours(config: RoutingConfig, seed: int) -> dict:
    """Generate the requests and run both designs with crm.cases.futures.routing."""
    req = generate_requests(config, seed)
    return {d: simulate_routing(req, d, config, seed).requests["resolved_h"].to_numpy() for d in DESIGNS}


def event_loop(config: RoutingConfig, seed: int) -> dict:
    """The same model, event by event: arrivals and departures on one calendar."""
    req = generate_requests(config, seed)
    arrival, dept, problem, solve = (req[c].to_numpy() for c in ("arrival_h", "department", "problem", "solve_h"))
    rng = np.random.default_rng(seed + 1)  # the hub's triage times and recognition, drawn as crm.cases.futures.routing draws them
    shape = 1.0 / config.service_cv ** 2
    triage = rng.gamma(shape, config.cs_hours / shape, len(req))
    recognised = rng.random(len(req)) < config.recognition
    out = {}
    for design in DESIGNS:
        calendar, seq = [], 0
        resolved = np.full(len(req), np.nan)
        for i, t in enumerate(arrival):
            calendar.append((t, seq, "arrive", i, -1))
            seq += 1
        heapq.heapify(calendar)
        queues = {q: deque() for q in (*range(len(DEPARTMENTS)), "cs")}
        free = {q: (config.cs_staff if q == "cs" else config.department_staff) for q in queues}
        first_job: dict[int, int] = {}  # problem -> the request whose back-office job solves it first
        done_at: dict[int, float] = {}  # problem -> when that job ended
        waiting: dict[int, list[int]] = {}  # problem -> requests waiting for that job

        def start(q, now):
            nonlocal seq
            while free[q] and queues[q]:
                i = queues[q].popleft()
                free[q] -= 1
                service = triage[i] if q == "cs" else solve[i]
                heapq.heappush(calendar, (now + service, seq, "depart", i, q))
                seq += 1

        while calendar:
            now, _, kind, i, q = heapq.heappop(calendar)
            if kind == "arrive":
                target = "cs" if design == "hub" else int(dept[i])
                queues[target].append(i)
                start(target, now)
                continue
            free[q] += 1
            p = int(problem[i])
            if q == "cs":  # triage done: answer from the file, wait for the job in progress, or pass it on
                if recognised[i] and p in first_job:
                    if p in done_at:
                        resolved[i] = now
                    else:
                        waiting.setdefault(p, []).append(i)
                else:
                    first_job.setdefault(p, i)
                    queues[int(dept[i])].append(i)
                    start(int(dept[i]), now)
            else:
                resolved[i] = now
                if design == "hub" and first_job.get(p) == i:
                    done_at[p] = now
                    for k in waiting.pop(p, []):
                        resolved[k] = now
            start(q, now)
        out[design] = resolved
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=20)
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--rate", type=float, default=RoutingConfig().requests_per_branch_day)
    args = parser.parse_args(argv)
    config = RoutingConfig(branches=args.branches, days=args.days, requests_per_branch_day=args.rate)
    a, b = ours(config, 0), event_loop(config, 0)
    same = {d: bool(np.allclose(a[d], b[d])) for d in DESIGNS}
    print(f"requests: {len(a['today']):,}; every resolution time equal to the event loop's: {same}")
    times = {}
    for name, fn in (("ours", ours), ("event_loop", event_loop)):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            fn(config, 0)
            best = min(best, time.perf_counter() - t0)
        times[name] = best
    ratio = times["ours"] / times["event_loop"]
    print(f"ours (both designs, a year, {args.branches} branches): {times['ours']:.3f} s (best of 3)")
    print(f"event-by-event loop, same model:            {times['event_loop']:.3f} s")
    print(f"ratio ours / event loop: {ratio:.2f}")
    targets = [Target("both designs, a year, 20 branches", times["ours"], TARGET_S, "s", "<",
                      failed_run=not all(same.values()))]
    print(targets_table(targets))
    print(f"results: {write_results('routing', targets, {'requests': len(a['today']), 'seconds': times, 'ratio': ratio, 'same_results': same})}")
    return exit_code(targets)


if __name__ == "__main__":
    raise SystemExit(main())
