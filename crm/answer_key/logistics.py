"""The answer key of the logistics exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module; a grading
kernel's file view covers this folder. Every expected answer is computed from the tables, so the
same key grades a submission on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from crm.answer_key import Answer, Tables
from crm.cases.logistics.case import _a
from crm.cases.logistics.delays import delay_pareto, port_relief, relief_effect
from crm.cases.logistics.ownership import BINDABLE, complaint_draws, config_from_complaints, handle
from crm.core.exercise import Text


def q1_carrier_share(tables: Tables) -> float:
    """q1: CarrierShare."""
    return float(delay_pareto(tables["parcels"]).loc["carrier", "share"])


def q2_equipment_faults(tables: Tables) -> int:
    """q2: EquipmentFaults."""
    return int((tables["delays"]["detail"] == "equipment_fault").sum())


def q3_worst_month_late_share(tables: Tables) -> float:
    """q3: WorstMonthLateShare."""
    p = tables["parcels"]
    return float(p.groupby(pd.to_datetime(p["ship_date"]).dt.month)["late"].mean().max())


def q4_relief_removes_late(tables: Tables) -> int:
    """q4: ReliefRemovesLate."""
    held = port_relief(tables["parcels"], tables["hubs"], tables["hub_days"], 0.2, True, float(_a("breakdown_loss")))
    return int(relief_effect(tables["parcels"], tables["delays"], tables["complaints"], held)["late_removed"])


def q5_within_promise_today(tables: Tables) -> float:
    """q5: WithinPromiseToday."""
    c = tables["complaints"]
    return float(((c["answered_at"] - c["received_at"]) <= pd.Timedelta(hours=24)).mean())


def q6_repeat_calls(tables: Tables) -> float:
    """q6: RepeatCalls."""
    return float(tables["complaints"]["calls"].mean() - 1)


def q7_bound_mean_hours(tables: Tables) -> float:
    """q7: BoundMeanHours."""
    cfg = replace(config_from_complaints(tables["complaints"], _a("sample_rate")), bound=BINDABLE)
    return float(handle(complaint_draws(cfg, 0), cfg).summary["mean_hours"])


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_carrier_share, Text("delay_pareto(parcels).loc['carrier', 'share']",
                                        "delay_pareto(parcels).loc['carrier', 'share']")),
    "q2": Answer(q2_equipment_faults, Text("(delays['detail'] == 'equipment_fault').sum()",
                                           "(delays['detail'] == 'equipment_fault').sum()")),
    "q3": Answer(q3_worst_month_late_share, Text("parcels.groupby(parcels.ship_date.dt.month)['late'].mean().max()",
                                                 "parcels.groupby(parcels.ship_date.dt.month)['late'].mean().max()")),
    "q4": Answer(q4_relief_removes_late,
                 Text("relief_effect(parcels, delays, complaints, port_relief(parcels, hubs, hub_days, 0.2, True))['late_removed']",
                      "relief_effect(parcels, delays, complaints, port_relief(parcels, hubs, hub_days, 0.2, True))['late_removed']")),
    "q5": Answer(q5_within_promise_today, Text("((complaints.answered_at - complaints.received_at) <= pd.Timedelta(hours=24)).mean()",
                                               "((complaints.answered_at - complaints.received_at) <= pd.Timedelta(hours=24)).mean()")),
    "q6": Answer(q6_repeat_calls, Text("complaints['calls'].mean() - 1", "complaints['calls'].mean() - 1")),
    "q7": Answer(q7_bound_mean_hours,
                 Text("cfg = replace(config_from_complaints(complaints, 10_000), bound=BINDABLE); "
                      "handle(complaint_draws(cfg, 0), cfg).summary['mean_hours']",
                      "cfg = replace(config_from_complaints(complaints, 10_000), bound=BINDABLE); "
                      "handle(complaint_draws(cfg, 0), cfg).summary['mean_hours']")),
}
