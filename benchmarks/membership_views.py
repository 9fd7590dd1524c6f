"""Membership case views (points, churn): time of one control move, in place, against rebuilding from scratch.

Builds ``points_view`` and ``churn_view`` on the membership case data (``load_case("membership")``: 3,000
members, 28,340 purchases, 8,716 club quarters, 13,067 forum posts), then moves each view's controls
in turn, ``--moves`` times per view after ``WARMUP_MOVES`` warm-up moves, and times each assignment (the
observer runs synchronously):

- points: points per yuan, the days until points show, the gift's points and 欧圆, 欧圆 per login and per
  post (the year simulated again on the book read once, the key figures and the tier chart updated in place);
- churn: the withdrawn series, the months watched and the split (the summary and the split chart, on the
  dates read once per series).

The baseline, per move, does what a view without in-place updates or a kept book would: the view rebuilt
from the tables (``points_view`` / ``churn_view``), figures included. Headless (no kernel, no comm).

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/membership_views.py`` (``--moves``, ``--only points|churn``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.membership.churn import churn_after  # noqa: E402
from widgets.membership.churn import churn_view  # noqa: E402
from widgets.membership.points import points_view  # noqa: E402


def points_case(tables: dict, count: int) -> tuple:
    view = points_view(tables)
    stops = [(view.rate, [0.5, 1.0, 1.5, 2.0, 3.0]), (view.delay, [0, 3, 7, 14, 30, -1]),
             (view.gift_points, [300, 500, 1000, 2000, 4000]), (view.gift_ouyuan, [0, 20, 50, 100]),
             (view.login, [0, 1, 2, 5]), (view.post, [0, 2, 5, 10, 20])]
    plan = [(stops[i % 6][0], stops[i % 6][1][(i // 6) % len(stops[i % 6][1])]) for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            points_view(tables, view.rule())
        return run

    def check() -> None:
        want = view.book.simulate(view.rule())
        assert (view.outcome.gifts, view.outcome.points_visible) == (want.gifts, want.points_visible), "not updated"
        assert f"{want.points_issued:,}" in view.figures.value, "figures not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def churn_case(tables: dict, count: int) -> tuple:
    view = churn_view(tables)
    lines = [v for _, v in view.change.options]
    bys = [v for _, v in view.by.options]
    plan = [(view.change, lines[(i // 3) % len(lines)]) if i % 3 == 0
            else (view.months, 1 + (5 * i) % 24) if i % 3 == 1 else (view.by, bys[i % len(bys)]) for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            churn_view(tables, view.change.value, view.months.value)
        return run

    def check() -> None:
        want = churn_after(tables["purchases"], tables["lines"], view.change.value, view.months.value)
        assert f"{want.loc['users', 'members']:,}" in view.summary.value, "churn not updated"
        assert view.table.equals(want), "churn table not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"points": points_case, "churn": churn_case}


if __name__ == "__main__":
    sys.exit(main("membership", CASES, __doc__.splitlines()[0]))
