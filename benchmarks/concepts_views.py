"""Concepts case views (retention calculator, give/get quadrant, demand against capacity, lost customers,
life cycle): time of one control move, in place, against
rebuilding from scratch.

Builds ``retention_view`` and ``give_get_view`` (neither needs a table: every input of the calculator is a
figure of the sources, the quadrant places a relationship), then moves each view's controls in turn,
``--moves`` times per view after ``WARMUP_MOVES`` warm-up moves, and times each assignment (the observer runs
synchronously):

- retention: the three sliders within the sources' ranges (5–10×, 8–10 people, 2–3 people; the table and the
  bars updated in place);
- give_get: the customer's and the provider's switch (the grid redrawn with the lit cell's words);
- demand: the two levers of seeds/004, capacity (−6…+6 customers an hour) and the share of peak demand moved
  (0–100 %), in turn (the day recomputed, the five traces and the totals updated in place);
- lost: the two switches in seeds/001's words, one word a move, round a cycle of the six kinds the source names
  and two pairs it does not (the table redrawn with the lit kind and its strategy, or the bilingual message);
- lifecycle: the "next stage" button through the four stages, then the switch back to the first (the row of stages
  and the sources' sentences redrawn).

The baseline, per move, does what a view without in-place updates would: the view rebuilt
(``RetentionView`` / ``GiveGetView`` / ``DemandView`` / ``LostView`` /
``LifecycleView``), figure included. Headless (no kernel, no comm).

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/concepts_views.py`` (``--moves``, ``--only retention|give_get|demand|lost|lifecycle``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.concepts.demand import balance  # noqa: E402
from crm.cases.concepts.give_get import CELLS, NAMES  # noqa: E402
from crm.cases.concepts.lifecycle import stage, STAGES  # noqa: E402
from crm.cases.concepts.lost import classify  # noqa: E402
from crm.cases.concepts.retention import retention  # noqa: E402
from widgets.concepts.demand import DemandView, demand_view  # noqa: E402
from widgets.concepts.give_get import GiveGetView, give_get_view  # noqa: E402
from widgets.concepts.lifecycle import LifecycleView, lifecycle_view  # noqa: E402
from widgets.concepts.lost import LostView, lost_view  # noqa: E402
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


def demand_case(tables: dict, count: int) -> tuple:
    view = demand_view()
    plan = [(view.capacity, (5 * i) % 13 - 6) if i % 2 == 0 else (view.shift, round(((3 * i) % 11) / 10, 1))
            for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            DemandView()
        return run

    def check() -> None:
        want = balance(view.capacity.value, view.shift.value)
        assert view.result.hours.equals(want.hours), "demand not updated"
        assert sum(view.figure.data[2].y) == want.unmet and f"{want.idle:,.1f}" in view.table.value, "demand not drawn"
    return view, moves, [baseline(i) for i in range(count)], check


def lost_case(tables: dict, count: int) -> tuple:
    view = lost_view()
    view.how.value, view.what.value = "主動", "放棄"
    # a cycle of one-word changes: six kinds lit, two pairs the source does not name (被離開, 主動吸引) refused
    cycle = [("what", "離開"), ("how", "被迫"), ("how", "其他原因"), ("how", "被"), ("what", "挖走"), ("what", "吸引"),
             ("how", "主動"), ("what", "放棄")]
    plan = [(getattr(view, w), v) for w, v in (cycle[i % len(cycle)] for i in range(count))]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            LostView()
        return run

    def check() -> None:
        if view.showing_error:
            assert f"“{view.how.value}{view.what.value}”" in view.message.value, "lost: no message"
        else:
            want = classify(view.how.value, view.what.value)
            assert view.result == want and want.strategy_line in view.table.value, "lost not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def lifecycle_case(tables: dict, count: int) -> tuple:
    view = lifecycle_view()

    def move(i: int) -> Callable[[], None]:
        if i % len(STAGES) == len(STAGES) - 1:
            return setter(view.stage, STAGES[0])  # from decline back to the first stage
        return view.next.click  # to the next stage
    moves = [move(i) for i in range(count)]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            LifecycleView()
        return run

    def check() -> None:
        want = stage(view.stage.value)
        assert view.result == want and all(s in view.panel.value for _, s in want.lines), "lifecycle not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"retention": retention_case, "give_get": give_get_case, "demand": demand_case, "lost": lost_case,
         "lifecycle": lifecycle_case}


if __name__ == "__main__":
    sys.exit(main('concepts', CASES, __doc__.splitlines()[0]))
