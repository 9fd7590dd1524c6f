"""Concepts case views (retention calculator, give/get quadrant): time of one control move, in place, against
rebuilding from scratch.

Builds ``retention_view`` and ``give_get_view`` (neither needs a table: every input of the calculator is a
figure of the sources, the quadrant places a relationship), then moves each view's controls in turn,
``--moves`` times per view after ``WARMUP_MOVES`` warm-up moves, and times each assignment (the observer runs
synchronously):

- retention: the three sliders within the sources' ranges (5–10×, 8–10 people, 2–3 people; the table and the
  bars updated in place);
- give_get: the customer's and the provider's switch (the grid redrawn with the lit cell's words).

The baseline, per move, does what a view without in-place updates would: the view rebuilt
(``RetentionView`` / ``GiveGetView``), figure included. Headless (no kernel, no comm).

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/concepts_views.py`` (``--moves``, ``--only retention|give_get``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.concepts.give_get import CELLS, NAMES  # noqa: E402
from crm.cases.concepts.retention import retention  # noqa: E402
from widgets.concepts.give_get import GiveGetView, give_get_view  # noqa: E402
from widgets.concepts.retention import RetentionView, retention_view  # noqa: E402


def retention_case(tables: dict, count: int) -> tuple:
    view = retention_view()
    names = list(view.sliders)
    plan = []
    for i in range(count):
        s = view.sliders[names[i % 3]]
        steps = int(round((s.max - s.min) / s.step))
        plan.append((s, s.min + s.step * ((7 * i) % (steps + 1))))
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            RetentionView()
        return run

    def check() -> None:
        want = retention(**view.values)
        assert view.result == want and f"{want.told_bad:,.0f}" in view.table.value, "retention not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def give_get_case(tables: dict, count: int) -> tuple:
    view = give_get_view()
    plan = [(view.customer if i % 2 == 0 else view.provider, bool((i // 2) % 2)) for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            GiveGetView()
        return run

    def check() -> None:
        key = (bool(view.customer.value), bool(view.provider.value))
        assert view.cell == NAMES[key] and CELLS[key] in view.grid.value, "give/get not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"retention": retention_case, "give_get": give_get_case}


if __name__ == "__main__":
    sys.exit(main('concepts', CASES, __doc__.splitlines()[0]))
