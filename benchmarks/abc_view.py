"""ABC view on 100,000 customers: time of one cut-off move, in place, against a full figure rebuild.

Builds ``widgets.abc.abc_view`` on the 1M-transaction data of ``rfm_abc.py``
(100,000 customers), then moves the A/B slider ``--moves`` times between
alternating values and times each ``view.cut_a.value = x`` (the observer runs
synchronously: recount, restyle the FigureWidget, rewrite the table). The
baseline, per move, rebuilds the figure from scratch as a view without
in-place updates would: ``FigureWidget(abc_figure(ranking, cutoffs))``.
Headless (no kernel, no comm): this is the Python-side cost of an answer.

Targets: p95 of one update < 100 ms (DESIGN.md: "an interaction answers within
100 ms"); update / rebuild (medians) < 1, or in-place updating has no point.

Run ``python benchmarks/abc_view.py``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Target, exit_code, table, targets_table, write_results  # noqa: E402
from rfm_abc import make_transactions  # noqa: E402

from crm.core.segment import abc_counts  # noqa: E402
from widgets.abc import abc_figure, abc_view  # noqa: E402
from widgets.figure import FigureWidget  # noqa: E402

MAX_UPDATE_MS = 100.0  # DESIGN.md: an interaction answers within 100 ms
MAX_UPDATE_OVER_REBUILD = 1.0
WARMUP_MOVES = 2


def slider_values(moves: int) -> list[float]:
    """Alternate low/high A/B cut-offs (0.45… and 0.75…, slider steps of 0.01), always below B/C = 0.85."""
    return [round(0.45 + 0.30 * (i % 2) + 0.01 * (i // 2 % 10), 2) for i in range(moves)]


def time_calls(values: list[float], act: Callable[[float], object]) -> np.ndarray:
    """Wall time in ms of ``act(value)`` for each value."""
    out = []
    for v in values:
        start = time.perf_counter()
        act(v)
        out.append((time.perf_counter() - start) * 1e3)
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=50)
    args = parser.parse_args(argv)

    tx = make_transactions(args.rows, args.customers)
    start = time.perf_counter()
    view = abc_view({"transactions": tx}, upload=False)
    build_s = time.perf_counter() - start
    values = slider_values(args.moves + WARMUP_MOVES)
    cut_b = view.cut_b.value

    def move(v: float) -> None:
        view.cut_a.value = v

    def rebuild(v: float) -> None:
        FigureWidget(abc_figure(view.ranking, (v, cut_b)))

    update_ms = time_calls(values, move)[WARMUP_MOVES:]
    # The view really updated: band widths and the table follow the last cut-off.
    n_a = abc_counts(view.ranking, view.cutoffs)[0]
    assert view.figure.layout.shapes[0].x1 == n_a / view.ranking.n, "figure not updated in place"
    assert f"{n_a:,}" in view.table.value, "class table not updated"
    rebuild_ms = time_calls(values, rebuild)[WARMUP_MOVES:]

    stats = {name: {"median": float(np.median(ms)), "p95": float(np.percentile(ms, 95)), "max": float(ms.max())}
             for name, ms in (("update", update_ms), ("rebuild", rebuild_ms))}
    ratio = stats["update"]["median"] / stats["rebuild"]["median"]
    targets = [Target("abc view update p95", stats["update"]["p95"], MAX_UPDATE_MS, "ms", "<"),
               Target("update / rebuild (median)", ratio, MAX_UPDATE_OVER_REBUILD, "x", "<")]

    print(f"ABC view on {view.ranking.n:,} customers ({len(tx):,} transactions; view built in {build_s:.2f} s); "
          f"{args.moves} moves of cut_a after {WARMUP_MOVES} warm-up moves")
    print(table(["per move", "median (ms)", "p95 (ms)", "max (ms)"],
                [(name, f"{s['median']:.1f}", f"{s['p95']:.1f}", f"{s['max']:.1f}") for name, s in stats.items()]))
    print(targets_table(targets))
    details = {"customers": view.ranking.n, "rows": len(tx), "moves": args.moves, "view_build_s": build_s,
               "values": values[WARMUP_MOVES:], "update_ms": update_ms.tolist(), "rebuild_ms": rebuild_ms.tolist(),
               **stats, "update_over_rebuild": ratio}
    print(f"results: {write_results('abc_view', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
