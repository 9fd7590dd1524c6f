"""The answer key of the carcare exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module;
a grading kernel's file view covers this folder, so no submission can import or read it.
Every expected answer is computed from the tables, so the same key grades a submission
on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

import numpy as np
from crm.cases.carcare.channels import fit_response_curves
from crm.core.exercise import Text
from crm.cases.carcare.network import network_promise, promise_summary
from crm.cases.carcare.recovery import iceberg_estimate, recovery_rates
from crm.cases.carcare.servqual import servqual_gaps
from crm.answer_key import Answer, Tables


def q1_cost_per_customer(tables: Tables) -> float:
    """q1: CostPerCustomer (see :class:`crm.cases.carcare.questions.CostPerCustomer`)."""
    year = tables["visits"]["date"].dt.year.max()
    s = tables["channel_spend"]
    s = s[s["month"].dt.year == year]
    return float(s["spend"].sum() / s["customers"].sum())


def q2_car_show_elasticity(tables: Tables) -> float:
    """q2: CarShowElasticity (see :class:`crm.cases.carcare.questions.CarShowElasticity`)."""
    return float(fit_response_curves(tables["channel_spend"]).loc["car_show", "customers_elasticity"])


def q3_stay_without_repair(tables: Tables) -> float:
    """q3: StayWithoutRepair (see :class:`crm.cases.carcare.questions.StayWithoutRepair`)."""
    log, c = tables["complaint_log"], tables["complaints"]
    repaired = set(log.loc[log["step"] == "repair", "complaint_id"])
    outcome = c["outcome"].astype(str)
    c = c[outcome.isin(["stayed", "left"]) & ~c["complaint_id"].isin(repaired)]
    return float((c["outcome"].astype(str) == "stayed").mean())


def q4_stay_if_fast(tables: Tables) -> float:
    """q4: StayIfFast (see :class:`crm.cases.carcare.questions.StayIfFast`)."""
    return float(recovery_rates(tables["complaints"], 24.0).stay_if_fast)


def q5_iceberg_total(tables: Tables) -> float:
    """q5: IcebergTotal (see :class:`crm.cases.carcare.questions.IcebergTotal`)."""
    counts = tables["complaints"]["received_by"].astype(str).value_counts().to_dict()
    return float(iceberg_estimate({k: int(v) for k, v in counts.items()})["estimated"].sum())


def q6_reliability_gap(tables: Tables) -> float:
    """q6: ReliabilityGap (see :class:`crm.cases.carcare.questions.ReliabilityGap`)."""
    return float(servqual_gaps(tables["servqual"]).loc["reliability", "gap"])


def q7_slow_and_lost(tables: Tables) -> set[str]:
    """q7: SlowAndLost (see :class:`crm.cases.carcare.questions.SlowAndLost`)."""
    c = tables["complaints"]
    return set(c.loc[(c["response_hours"] > 48) & (c["outcome"].astype(str) == "left"), "complaint_id"])


def q8_quality_satisfaction_correlation(tables: Tables) -> float:
    """q8: QualitySatisfactionCorrelation (see :class:`crm.cases.carcare.questions.QualitySatisfactionCorrelation`)."""
    e = tables["employees"]
    return float(np.corrcoef(e["internal_service_quality"], e["satisfaction"])[0, 1])


def q9_centres_meeting_promise(tables: Tables) -> int:
    """q9: CentresMeetingPromise (see :class:`crm.cases.carcare.questions.CentresMeetingPromise`)."""
    return promise_summary(network_promise(tables["centres"], demand=1.2), 0.9)["centres_meeting_target"]


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_cost_per_customer,
                 Text("y = visits.date.dt.year.max(); s = spend[spend.month.dt.year == y]; s.spend.sum() / s.customers.sum()",
                      "y = visits.date.dt.year.max(); s = spend[spend.month.dt.year == y]; s.spend.sum() / s.customers.sum()")),
    "q2": Answer(q2_car_show_elasticity,
                 Text("fit_response_curves(spend).loc['car_show', 'customers_elasticity']",
                      "fit_response_curves(spend).loc['car_show', 'customers_elasticity']")),
    "q3": Answer(q3_stay_without_repair,
                 Text("repaired = set(log.loc[log.step == 'repair', 'complaint_id']); "
                      "c = complaints[complaints.outcome.isin(['stayed', 'left']) & ~complaints.complaint_id.isin(repaired)]; "
                      "(c.outcome == 'stayed').mean()",
                      "repaired = set(log.loc[log.step == 'repair', 'complaint_id']); "
                      "c = complaints[complaints.outcome.isin(['stayed', 'left']) & ~complaints.complaint_id.isin(repaired)]; "
                      "(c.outcome == 'stayed').mean()")),
    "q4": Answer(q4_stay_if_fast,
                 Text("recovery_rates(complaints, 24).stay_if_fast", "recovery_rates(complaints, 24).stay_if_fast")),
    "q5": Answer(q5_iceberg_total,
                 Text("iceberg_estimate(complaints.received_by.value_counts().to_dict())['estimated'].sum()",
                      "iceberg_estimate(complaints.received_by.value_counts().to_dict())['estimated'].sum()")),
    "q6": Answer(q6_reliability_gap,
                 Text("servqual_gaps(servqual).loc['reliability', 'gap']", "servqual_gaps(servqual).loc['reliability', 'gap']")),
    "q7": Answer(q7_slow_and_lost,
                 Text("complaints.query(\"response_hours > 48 and outcome == 'left'\").complaint_id",
                      "complaints.query(\"response_hours > 48 and outcome == 'left'\").complaint_id")),
    "q8": Answer(q8_quality_satisfaction_correlation,
                 Text("employees['internal_service_quality'].corr(employees['satisfaction'])",
                      "employees['internal_service_quality'].corr(employees['satisfaction'])")),
    "q9": Answer(q9_centres_meeting_promise,
                 Text("(network_promise(centres, demand=1.2)['within_promise'] >= 0.9).sum()",
                      "(network_promise(centres, demand=1.2)['within_promise'] >= 0.9).sum()")),
}
