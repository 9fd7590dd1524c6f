"""Futures case views (roles, scoring, callbacks): time of one control move, in place, against recomputing from scratch.

Builds ``roles_view``, ``scoring_view`` and ``callbacks_view`` on the futures case data
(``load_case("futures")``: about 19,000 clients, 226,000 account-months, 17,000 calls),
then moves each view's controls in turn, ``--moves`` times per view after
``WARMUP_MOVES`` warm-up moves, and times each assignment (the observer runs
synchronously: the analytics step the control changes, the FigureWidget traces restyled
in a ``batch_update``, the tables rewritten):

- roles: the inactive-months slider and the funds threshold;
- scoring: each indicator's weight and the list length ``n``;
- callbacks: the funds-change and potential-interval sliders and the week.

The baseline, per move, does what the views did before they were made incremental:
the plain crm functions from scratch (``assign_roles`` + ``role_movement`` + both
``role_accuracy``; ``score_clients`` + ``rank_stability`` + ``compare_screens`` with the
screens recomputed; ``calls_due``) and the figures rebuilt (``FigureWidget(xxx_figure(...))``).
Headless (no kernel, no comm): the Python-side cost of an answer.

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within
100 ms"); move / baseline (medians) < 1 per view.

Run ``python benchmarks/futures_views.py`` (``--moves``, ``--only roles|scoring|callbacks``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.futures.callbacks import calls_due  # noqa: E402
from crm.cases.futures.roles import RoleRules, assign_roles, role_accuracy, role_counts, role_movement  # noqa: E402
from crm.cases.futures.scoring import compare_screens, core_clients, crude_screen, rank_stability, score_clients  # noqa: E402
from widgets.futures.callbacks import callbacks_view, due_figure, watch_figure  # noqa: E402
from widgets.figure import FigureWidget  # noqa: E402
from widgets.futures.roles import counts_figure, movement_figure, roles_view  # noqa: E402
from widgets.futures.scoring import CRUDE_EQUITY, contribution_figure, screens_figure, scoring_view  # noqa: E402





def roles_case(tables: dict, count: int) -> tuple:
    view = roles_view(tables)
    values = [("months", m) for m in (3, 9, 5, 12, 2, 7)] + [("equity", e) for e in (3_000.0, 50_000.0, 200_000.0)]
    plan = [values[i % len(values)] for i in range(count)]
    moves = [setter(getattr(view, c), v) for c, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            state = {"months": view.rules.inactive_months, "equity": view.rules.min_equity}
            state.update([plan[i]])
            rules = RoleRules(int(state["months"]), float(state["equity"]))
            roles = [assign_roles(e, rules) for e in view.evidence.values()]
            counts = {**{d: role_counts(r) for d, r in zip(view.evidence, roles)}, "recorded": role_counts(view.recorded)}
            FigureWidget(counts_figure(counts))
            FigureWidget(movement_figure(role_movement(*roles)))
            role_accuracy(roles[1], view.truth), role_accuracy(view.recorded, view.truth)
        return run

    def check() -> None:
        want = role_counts(assign_roles(view.evidence["2013-12-31"], view.rules))
        assert list(view.counts.data[1].y) == want.tolist(), "roles counts not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def scoring_case(tables: dict, count: int) -> tuple:
    view = scoring_view(tables)
    keys = list(view.sliders)
    plan = [("n", view.n.value + 50 * (i % 3 - 1)) if i % 4 == 3 else (keys[i % len(keys)], round(0.1 + 0.05 * (i % 7), 2))
            for i in range(count)]
    moves = [setter(view.n if k == "n" else view.sliders[k], v) for k, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            k, v = plan[i]
            weights, n = view.weights, view.n.value
            if k == "n":
                n = v
            else:
                weights[k] = v
            scores = score_clients(view.indicators, weights)
            rank_stability(view.indicators, weights, n=n, draws=view.draws)
            screens = {"score": scores.index[:n], "equal": score_clients(view.indicators, {k: 1.0 for k in keys}).index[:n],
                       "core": core_clients(view.indicators["commission"], 0.8),
                       "crude": crude_screen(view.indicators, CRUDE_EQUITY)}
            FigureWidget(contribution_figure(scores))
            FigureWidget(screens_figure(compare_screens(view.indicators, screens)))
        return run

    def check() -> None:
        top = score_clients(view.indicators, view.weights).index[:15]
        assert list(view.contrib.data[0].y) == list(top), "scoring chart not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def callbacks_case(tables: dict, count: int) -> tuple:
    view = callbacks_view(tables)
    weeks = [w for _, w in view.week.options]
    plan = [("funds", 0.3 + 0.1 * (i % 9)) if i % 3 == 0 else ("every", 30 + 15 * (i % 8)) if i % 3 == 1
            else ("week", weeks[i % len(weeks)]) for i in range(count)]
    moves = [setter(getattr(view, c), v) for c, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            c, v = plan[i]
            week = v if c == "week" else view.week.value
            rules = view.rules
            if c == "funds":
                rules = type(rules)(**{**rules.__dict__, "funds_change": float(v)})
            elif c == "every":
                rules = type(rules)(**{**rules.__dict__, "potential_every_days": int(v)})
            due = calls_due(view.clients, view.accounts, view.callbacks, week, rules)
            FigureWidget(due_figure(due, view.branches))
            movers = due[due["reason"] == "funds_change"]["client_id"]
            FigureWidget(watch_figure(view.accounts, movers.iloc[0] if len(movers) else None))
        return run

    def check() -> None:
        want = calls_due(view.clients, view.accounts, view.callbacks, view.week.value, view.rules)
        assert sum(sum(d.y) for d in view.figure.data) == len(want), "callbacks chart not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"roles": roles_case, "scoring": scoring_case, "callbacks": callbacks_case}



if __name__ == "__main__":
    sys.exit(main('futures', CASES, __doc__.splitlines()[0]))
