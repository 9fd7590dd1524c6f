"""Logistics case views (ownership, delays, hotline): time of one control move, in place, against recomputing from scratch.

Builds ``ownership_view``, ``delays_view`` and ``hotline_view`` on the logistics case data
(``load_case("logistics")``: 60,000 sampled parcels, 5,800 delays, 1,100 complaints, 6,600 calls),
then moves each view's controls in turn, ``--moves`` times per view after ``WARMUP_MOVES`` warm-up
moves, and times each assignment (the observer runs synchronously):

- ownership: agents on the complaint line, headroom, support, who tells the client, and each
  department bound in or out (both designs re-handled on 4,000 simulated complaints);
- delays: the capacity gain, the equipment switch, the route, the month and the measure;
- hotline: the situation and the sentence (the checker and the findings table).

The baseline, per move, does what a view without in-place updates would: the crm functions from
scratch (``run_designs``; ``port_relief`` + ``relief_effect`` + ``delay_pareto`` on the drilled
parcels; ``check_sentence``) and the figures rebuilt (``FigureWidget(xxx_figure(...))``).
Headless (no kernel, no comm): the Python-side cost of an answer.

Targets: p95 of one move < 100 ms per view (DESIGN.md: "an interaction answers within 100 ms");
move / baseline (medians) < 1 per view.

Run ``python benchmarks/logistics_views.py`` (``--moves``, ``--only ownership|delays|hotline``).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _views import main, setter  # noqa: E402

from crm.cases.logistics.delays import delay_pareto, drill_mask, port_relief, relief_effect  # noqa: E402
from crm.cases.logistics.hotline import check_sentence  # noqa: E402
from widgets.figure import FigureWidget  # noqa: E402
from widgets.logistics.delays import delays_view, month_arrays, month_figure, pareto_arrays, pareto_figure  # noqa: E402
from widgets.logistics.hotline import conditions_figure, findings_html, hotline_view  # noqa: E402
from widgets.logistics.ownership import flow_figure, measures_figure, ownership_view, run_designs  # noqa: E402



def ownership_case(tables: dict, count: int) -> tuple:
    view = ownership_view(tables)
    boxes = list(view.bound)
    plan = []
    for i in range(count):
        k = i % 6
        plan.append(("agents", 300 + 20 * (i % 9)) if k == 0 else ("headroom", round(0.1 + 0.05 * (i % 8), 2)) if k == 1
                    else ("support", round(0.3 + 0.05 * (i % 9), 2)) if k == 2
                    else ("relay", ("department", "customer_service")[i % 2]) if k == 3
                    else (boxes[i % len(boxes)], bool(i % 2)))
    moves = [setter(view.bound[c] if c in view.bound else getattr(view, c), v) for c, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            results = run_designs(view.config, view.seed)
            FigureWidget(measures_figure(results))
            FigureWidget(flow_figure(results))
        return run

    def check() -> None:
        want = run_designs(view.config, view.seed)["design"].summary["within_promise_share"]
        assert view.measures.data[1].y[1] == want, "ownership measures not updated"
    return view, moves, [baseline(i) for i in range(count)], check


def delays_case(tables: dict, count: int) -> tuple:
    view = delays_view(tables)
    routes = [v for _, v in view.route.options][:12]
    plan = [("gain", round(0.05 * (i % 10), 2)) if i % 5 == 0 else ("replace", bool(i % 2)) if i % 5 == 1
            else ("route", routes[i % len(routes)]) if i % 5 == 2 else ("month_pick", i % 13) if i % 5 == 3
            else ("measure", ("parcels", "complaints")[i % 2]) for i in range(count)]
    moves = [setter(getattr(view, c), v) for c, v in plan]
    p = tables["parcels"]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            r = view.route.value
            hub = r[4:] if r.startswith("via:") else None
            mask = drill_mask(p, route=None if hub or not r else r, hub=hub, month=view.month_pick.value or None)
            held = port_relief(p, tables["hubs"], tables["hub_days"], view.gain.value, view.replace.value)
            effect = relief_effect(p, tables["delays"], tables["complaints"], held, 10_000)
            delay_pareto(p[mask])
            removed = p["parcel_id"].isin(effect["removed"]).to_numpy()
            late = mask & p["late"].to_numpy()
            FigureWidget(pareto_figure(pareto_arrays(view.cause[late], removed[late])))
            FigureWidget(month_figure(month_arrays(view.month[late], view.group[late])))
        return run

    def check() -> None:
        still = view.relief.late_after(view.gain.value, view.replace.value)
        want = view._pareto(still)
        assert list(view.pareto.data[1].y) == want["removed"], "delays Pareto not updated"
    return view, moves, [baseline(i) for i in range(count)], check


SENTENCES = ("喂,说话呀!", "您好,欢迎致电迅捷客户服务热线,客服代表小李很高兴为您服务,请问有什么可以帮助您!",
             "Sorry, there is too much noise on your line; could you call again from another phone? Goodbye!",
             "对不起,您的电话杂音太大,我挂了", "Hey, louder!", "王先生,请问有什么可以帮助您?")


def hotline_case(tables: dict, count: int) -> tuple:
    view = hotline_view(tables)
    situations = [v for _, v in view.situation.options]
    plan = [("situation", situations[i % len(situations)]) if i % 2 else ("sentence", SENTENCES[i % len(SENTENCES)])
            for i in range(count)]
    moves = [setter(getattr(view, c), v) for c, v in plan]

    def baseline(i: int) -> Callable[[], None]:
        def run() -> None:
            findings_html(check_sentence(view.sentence.value, view.situation.value))
            FigureWidget(conditions_figure(view.conditions))
        return run

    def check() -> None:
        want = findings_html(check_sentence(view.sentence.value, view.situation.value))
        assert view.result.value == want, "hotline findings not updated"
    return view, moves, [baseline(i) for i in range(count)], check


CASES = {"ownership": ownership_case, "delays": delays_case, "hotline": hotline_case}



if __name__ == "__main__":
    sys.exit(main('logistics', CASES, __doc__.splitlines()[0]))
