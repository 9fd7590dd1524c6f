"""Visits case views (planner, survey): time of one control move, in place, against rebuilding from scratch.

Builds ``plan_view`` and ``survey_view`` on the visits case data (``load_case("visits")``: 12,785 clients,
about 20,800 policies, 501 survey answers), then moves each view's controls in turn, ``--moves`` times per
view after ``WARMUP_MOVES`` warm-up moves, and times each assignment (the observer runs synchronously):

- plan: the staff slider (most moves: the groups table, the two staff-needed figures and the marker on the
  curve), the priority order and the visits a day (the four coverage curves and the first clients redrawn);
- survey: the score shown (its distribution) and the score grouped by (the drivers table).

The baseline, per move, does what a view without in-place updates would: the view rebuilt from the tables
(``PlanView`` / ``SurveyView``: the clients sorted again, every table and figure rebuilt). Headless (no
kernel, no comm).

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/visits_views.py`` (``--moves``, ``--only plan|survey``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.visits.plan import RULES, VisitPlanner  # noqa: E402
from crm.cases.visits.survey import SCORES  # noqa: E402
from widgets.visits.plan import PlanView, plan_view  # noqa: E402
from widgets.visits.survey import SurveyView, survey_view  # noqa: E402


def plan_case(tables: dict, count: int) -> tuple:
    view = plan_view(tables)
    plan = []
    for i in range(count):
        if i % 5 == 3:
            plan.append((view.rule, RULES[(i // 5) % len(RULES)]))
        elif i % 5 == 4:
            plan.append((view.per_day, 4 + i % 5))
        else:
            plan.append((view.staff, 500 + (700 * i) % 9000))
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            PlanView(tables["clients"], view.staff.value, view.rule.value)
        return run

    def check() -> None:
        want = VisitPlanner(tables["clients"]).plan(view.staff.value, view.per_day.value, view.days.value, view.rule.value)
        assert view.plan.reached == want.reached and f"{want.visits:,}" in view.info.value, "plan not updated"
        assert view.figure.layout.shapes[0].x0 == view.staff.value, "marker not moved"
    return view, moves, [baseline(i) for i in range(count)], check


def survey_case(tables: dict, count: int) -> tuple:
    view = survey_view(tables)
    plan = [(view.by, ("contact_score", "agent_score")[(i // 3) % 2]) if i % 3 == 2
            else (view.column, SCORES[i % len(SCORES)]) for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            SurveyView(tables, view.column.value)
        return run

    def check() -> None:
        col = view.column.value
        want = tables["survey"][col].value_counts().reindex(range(11), fill_value=0).tolist()
        assert list(view.figure.data[0].y) == want, "distribution not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"plan": plan_case, "survey": survey_case}


if __name__ == "__main__":
    sys.exit(main("visits", CASES, __doc__.splitlines()[0]))
