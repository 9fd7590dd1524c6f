"""Credit case views (rating, receivables): time of one control move, in place, against rebuilding from scratch.

Builds ``rating_view`` and ``receivables_view`` on the credit case data (``load_case("credit")``: 80
clients, 5,760 rated facts, about 1,800 invoices), then moves each view's controls in turn, ``--moves``
times per view after ``WARMUP_MOVES`` warm-up moves, and times each assignment (the observer runs
synchronously):

- rating: the client and the three family sliders (``rate`` and the figure updated in place);
- receivables: the day and the sales unit (today's steps, the stages, the double ten, ageing and the
  warning list recomputed from the invoices).

The baseline, per move, does what a view without in-place updates would: the view rebuilt from the
tables (``RatingView`` / ``ReceivablesView``), figures included. Headless (no kernel, no comm).

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/credit_views.py`` (``--moves``, ``--only rating|receivables``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.credit.rating import rate  # noqa: E402
from crm.cases.credit.receivables import due_today  # noqa: E402
from widgets.credit.rating import RatingView, rating_view  # noqa: E402
from widgets.credit.receivables import ReceivablesView, receivables_view  # noqa: E402


def rating_case(tables: dict, count: int) -> tuple:
    view = rating_view(tables)
    clients = list(view.client.options)
    fams = list(view.sliders)
    plan = [(view.client, clients[i % len(clients)]) if i % 4 == 0
            else (view.sliders[fams[i % 3]], 20 + (7 * i) % 100) for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            RatingView(tables["clients"], tables["facts"], view.client.value)
        return run

    def check() -> None:
        want = rate(view.clients.loc[view.client.value], int(view.points().sum()))
        assert view.rating == want and want.rating in view.result.value, "rating not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def receivables_case(tables: dict, count: int) -> tuple:
    view = receivables_view(tables)
    units = [v for _, v in view.unit.options]
    days = [f"2012-{m:02d}-{d:02d}" for m in range(1, 13) for d in (5, 15, 25)]
    plan = [(view.unit, units[i % len(units)]) if i % 3 == 0 else (view.today, days[i % len(days)])
            for i in range(count)]
    moves = [setter(w, v) for w, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            ReceivablesView(tables["clients"], tables["invoices"], view.today.value)
        return run

    def check() -> None:
        book = view._book()
        assert f"({len(due_today(book, view.today.value))})" in view.due.value or "没有" in view.due.value, \
            "receivables not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"rating": rating_case, "receivables": receivables_case}



if __name__ == "__main__":
    sys.exit(main('credit', CASES, __doc__.splitlines()[0]))
