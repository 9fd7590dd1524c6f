"""The two BTYD views: one slider move, in place, against answering the same move from scratch.

- fuel ``rule_vs_model_view``: N (grace days) and the P(alive) threshold move two lines and
  rewrite the tables; from scratch: ``rule_and_model`` (visit cycles, RFM summary, BG/NBD fit)
  and a new figure;
- supermarket ``segment_value_view``: the horizon and the yearly discount rate re-sum the
  forecast and restyle the CLV bars; from scratch: ``segment_value`` (RFM, both fits, the
  forecast) and a new figure.

Each move is ``slider.value = x`` (the observer runs synchronously); ``--moves`` moves after
two warm-up moves, alternating between the two sliders of a view. The from-scratch baseline is
timed on ``--baseline-moves`` moves (it takes seconds). Headless: the Python-side cost of an answer.

Targets: p95 of one move < 100 ms per view (DESIGN.md); move / from scratch (medians) < 1.

Run ``python benchmarks/btyd_views.py``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

sys.path.insert(0, str(REPO_DIR))
from crm.cases import load_case  # noqa: E402
from crm.cases.fuel.rule_vs_model import rule_and_model  # noqa: E402
from crm.cases.supermarket.segment_value import segment_value  # noqa: E402
from widgets.figure import FigureWidget  # noqa: E402
from widgets.fuel.rule_vs_model import rule_vs_model_figure, rule_vs_model_view  # noqa: E402
from widgets.supermarket.segment_value import segment_value_figure, segment_value_view  # noqa: E402

MAX_UPDATE_MS = 100.0  # DESIGN.md: an interaction answers within 100 ms
WARMUP = 2


def moves(view, sliders, values, n: int) -> np.ndarray:
    """Wall ms of ``n`` moves, alternating sliders, each to the next of its values."""
    out = []
    for i in range(n):
        slider, vals = sliders[i % len(sliders)], values[i % len(sliders)]
        v = vals[(i // len(sliders)) % len(vals)]
        if slider.value == v:
            v = vals[(i // len(sliders) + 1) % len(vals)]
        start = time.perf_counter()
        slider.value = v
        out.append((time.perf_counter() - start) * 1e3)
    return np.array(out)


def scratch(fn, n: int) -> np.ndarray:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1e3)
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--baseline-moves", type=int, default=3)
    args = parser.parse_args(argv)
    fuel, market = load_case("fuel"), load_case("supermarket")
    load_before = " ".join(f"{v:.2f}" for v in os.getloadavg())

    rv = rule_vs_model_view(fuel)
    rv_ms = moves(rv, (rv.grace, rv.threshold), ([0, 3, 7, 14, 30], [0.3, 0.5, 0.7, 0.9]), args.moves + WARMUP)[WARMUP:]
    assert rv.figure.layout.shapes[0].x0 == rv.grace.value, "lines not moved in place"
    rv_scratch = scratch(lambda: FigureWidget(rule_vs_model_figure(rule_and_model(fuel["refuels"], fuel["churn_truth"]),
                                                                    rv.grace.value, rv.threshold.value)),
                         args.baseline_moves)

    sv = segment_value_view(market)
    sv_ms = moves(sv, (sv.horizon, sv.discount), ([3, 12, 24, 36], [0.0, 0.05, 0.1, 0.2, 0.3]),
                  args.moves + WARMUP)[WARMUP:]
    assert list(sv.figure.data[1].y) == list(sv.current["clv_share"].to_numpy()), "bars not restyled"
    sv_scratch = scratch(lambda: FigureWidget(segment_value_figure(segment_value(market["transactions"]),
                                                                   sv.horizon.value, sv.discount.value)),
                         args.baseline_moves)
    load_after = " ".join(f"{v:.2f}" for v in os.getloadavg())

    stats = {}
    for name, ms in (("rule_vs_model move", rv_ms), ("rule_vs_model from scratch", rv_scratch),
                     ("segment_value move", sv_ms), ("segment_value from scratch", sv_scratch)):
        stats[name] = {"median": float(np.median(ms)), "p95": float(np.percentile(ms, 95)), "max": float(ms.max())}
    print(f"{args.moves} moves per view after {WARMUP} warm-up; from scratch {args.baseline_moves} times; "
          f"load {load_before} before, {load_after} after")
    print(table(["per move", "median (ms)", "p95 (ms)", "max (ms)"],
                [(k, f"{s['median']:.1f}", f"{s['p95']:.1f}", f"{s['max']:.1f}") for k, s in stats.items()]))
    targets = [Target("fuel rule_vs_model move p95", stats["rule_vs_model move"]["p95"], MAX_UPDATE_MS, "ms", "<"),
               Target("fuel move / from scratch (median)", stats["rule_vs_model move"]["median"]
                      / stats["rule_vs_model from scratch"]["median"], 1.0, "x", "<"),
               Target("supermarket segment_value move p95", stats["segment_value move"]["p95"], MAX_UPDATE_MS, "ms", "<"),
               Target("supermarket move / from scratch (median)", stats["segment_value move"]["median"]
                      / stats["segment_value from scratch"]["median"], 1.0, "x", "<")]
    print(targets_table(targets))
    details = {"stats": stats, "load_before": load_before, "load_after": load_after,
               "rule_vs_model_ms": rv_ms.tolist(), "segment_value_ms": sv_ms.tolist()}
    print(f"results: {write_results('btyd_views', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
