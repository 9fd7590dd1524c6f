"""What every case's view benchmark shares: timing control moves against a from-scratch baseline.

A case's script (``futures_views.py``, ``logistics_views.py``, ...) defines, for each view, a
function ``(tables, count) -> (view, moves, baselines, check)``: ``count`` control moves (each a
callable that sets one control), as many baselines (the same state computed from scratch with the
crm functions and the figures rebuilt), and a check that the view shows what the last move asks.
:func:`main` times them all, prints the tables and writes the results.
"""
from __future__ import annotations

import argparse
import time
from typing import Callable, Sequence

import numpy as np

from _common import Target, exit_code, table, targets_table, write_results

MAX_MOVE_MS = 100.0  # DESIGN.md: an interaction answers within 100 ms
MAX_MOVE_OVER_BASELINE = 1.0
WARMUP_MOVES = 2

ViewCase = Callable[[dict, int], tuple]


def time_moves(moves: list[Callable[[], object]]) -> np.ndarray:
    """Wall time in ms of each move."""
    out = []
    for move in moves:
        start = time.perf_counter()
        move()
        out.append((time.perf_counter() - start) * 1e3)
    return np.array(out)


def setter(widget, value) -> Callable[[], None]:
    """A move: set ``widget.value``."""
    return lambda: setattr(widget, "value", value)


def main(case: str, cases: dict[str, ViewCase], description: str, argv: Sequence[str] | None = None) -> int:
    """Time every view of ``case`` (``--moves``, ``--only``); 0 when every target passes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--only", choices=tuple(cases), action="append")
    args = parser.parse_args(argv)

    from crm.cases import load_case

    tables = load_case(case)
    count = args.moves + WARMUP_MOVES
    stats, details, targets = {}, {"moves": args.moves}, []
    for name in args.only or cases:
        start = time.perf_counter()
        view, moves, baselines, check = cases[name](tables, count)
        build_s = time.perf_counter() - start
        move_ms = time_moves(moves)[WARMUP_MOVES:]
        check()
        base_ms = time_moves(baselines)[WARMUP_MOVES:]
        for kind, ms in (("move", move_ms), ("baseline", base_ms)):
            stats[f"{name} {kind}"] = {"median": float(np.median(ms)), "p95": float(np.percentile(ms, 95)),
                                       "max": float(ms.max())}
        ratio = stats[f"{name} move"]["median"] / stats[f"{name} baseline"]["median"]
        details[name] = {"view_build_s": build_s, "move_ms": move_ms.tolist(), "baseline_ms": base_ms.tolist(),
                         "move_over_baseline": ratio}
        targets += [Target(f"{name} move p95", stats[f"{name} move"]["p95"], MAX_MOVE_MS, "ms", "<"),
                    Target(f"{name} move / baseline (median)", ratio, MAX_MOVE_OVER_BASELINE, "x", "<")]
        print(f"{name}: view built in {build_s:.2f} s; {args.moves} moves after {WARMUP_MOVES} warm-up moves", flush=True)

    print(table(["per move", "median (ms)", "p95 (ms)", "max (ms)"],
                [(k, f"{s['median']:.1f}", f"{s['p95']:.1f}", f"{s['max']:.1f}") for k, s in stats.items()]))
    print(targets_table(targets))
    details["stats"] = stats
    print(f"results: {write_results(f'{case}_views', targets, details)}")
    return exit_code(targets)
