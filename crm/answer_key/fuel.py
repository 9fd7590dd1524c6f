"""The answer key of the fuel exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module;
a grading kernel's file view covers this folder, so no submission can import or read it.
Every expected answer is computed from the tables, so the same key grades a submission
on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

import pandas as pd

from crm.cases.fuel.keep_win import KeepWinConfig, simulate_keep_win
from crm.cases.fuel.funnel import acquisition_funnel
from crm.cases.fuel.care import DEFAULT_THRESHOLDS, care_load, care_plan, customer_tiers, occasion_counts
from crm.cases.fuel.rule_vs_model import rule_and_model
from crm.cases.fuel.visit_cycle import gap_flags, visit_gaps
from crm.core.rfm import rfm_summary
from crm.core.complaints import conformance
from crm.cases.fuel.case import COMPLAINT_FLOW, START
from crm.core.exercise import Text
from crm.answer_key import Answer, Tables


def _filed_litres(tables: dict[str, pd.DataFrame]) -> tuple[pd.Series, pd.Series]:
    c = tables["customers"]
    filed = c[c["file_stage"] != "plate"].set_index("customer_id")
    litres = tables["refuels"].groupby("customer_id")["litres"].sum().reindex(filed.index, fill_value=0.0)
    return litres, filed["kind"].astype(str)


def q1_complete_file_share(tables: Tables) -> float:
    """q1: CompleteFileShare (see :class:`crm.cases.fuel.questions.CompleteFileShare`)."""
    return float(acquisition_funnel(tables["customers"], since=START).loc["complete_file", "share"])


def q2_regular_customers(tables: Tables) -> int:
    """q2: RegularCustomers (see :class:`crm.cases.fuel.questions.RegularCustomers`)."""
    return len(visit_gaps(tables["refuels"], learn_days=91, min_visits=4).customers)


def q3_gap_flags_at_three(tables: Tables) -> int:
    """q3: GapFlagsAtThree (see :class:`crm.cases.fuel.questions.GapFlagsAtThree`)."""
    return len(gap_flags(visit_gaps(tables["refuels"]), 3))


def q4_district_calls(tables: Tables) -> int:
    """q4: DistrictCalls (see :class:`crm.cases.fuel.questions.DistrictCalls`)."""
    litres, kinds = _filed_litres(tables)
    plan = care_plan(customer_tiers(litres, kinds, DEFAULT_THRESHOLDS), kinds, occasion_counts(tables["occasions"]))
    return int(care_load(plan, {"district": 1}).loc["district", "calls"])


def q5_skipped_complaints(tables: Tables) -> set[str]:
    """q5: SkippedComplaints (see :class:`crm.cases.fuel.questions.SkippedComplaints`)."""
    table = conformance(tables["complaints"], COMPLAINT_FLOW)
    return set(table.index[table["deviation"] == "skipped"].astype(str))


def q6_keep_win_profit(tables: Tables) -> float:
    """q6: KeepWinProfit (see :class:`crm.cases.fuel.questions.KeepWinProfit`)."""
    truth = tables["churn_truth"]
    base = truth.loc[truth["on_file_at_start"].astype(bool), "customer_id"]
    litres = tables["refuels"].groupby("customer_id")["litres"].sum().reindex(base, fill_value=0.0)
    return float(simulate_keep_win(litres, 0.5, KeepWinConfig()).loc[5, "cumulative_profit"])


def q7_customers_per_employee(tables: Tables) -> float:
    """q7: CustomersPerEmployee (see :class:`crm.cases.fuel.questions.CustomersPerEmployee`)."""
    c, s = tables["customers"], tables["staff"]
    return float(((c["station_id"] == "S01") & (c["file_stage"] != "plate")).sum() / (s["station_id"] == "S01").sum())


def q8_model_recall(tables: Tables) -> float:
    """q8: ModelRecall (see :class:`crm.cases.fuel.questions.ModelRecall`)."""
    return float(rule_and_model(tables["refuels"], tables["churn_truth"]).judge(3, 0.5).loc["model", "recall"])


def q9_expected_refuels(tables: Tables) -> float:
    """q9: ExpectedRefuels (see :class:`crm.cases.fuel.questions.ExpectedRefuels`)."""
    refuels = tables["refuels"]
    rm = rule_and_model(refuels, tables["churn_truth"])
    summary = rfm_summary(refuels.assign(amount=refuels["litres"]))
    return float(rm.model.expected_purchases(summary, 30).reindex(rm.customers["customer_id"]).sum())


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_complete_file_share,
                 Text(f"acquisition_funnel(customers, since='{START}').loc['complete_file', 'share']",
                      f"acquisition_funnel(customers, since='{START}').loc['complete_file', 'share']")),
    "q2": Answer(q2_regular_customers,
                 Text("len(visit_gaps(refuels, learn_days=91, min_visits=4).customers)",
                      "len(visit_gaps(refuels, learn_days=91, min_visits=4).customers)")),
    "q3": Answer(q3_gap_flags_at_three,
                 Text("len(gap_flags(visit_gaps(refuels), 3))", "len(gap_flags(visit_gaps(refuels), 3))")),
    "q4": Answer(q4_district_calls,
                 Text("care_load(care_plan(customer_tiers(litres, kinds), kinds, occasion_counts(occasions)), {...}).loc['district', 'calls']",
                      "care_load(care_plan(customer_tiers(litres, kinds), kinds, occasion_counts(occasions)), {...}).loc['district', 'calls']")),
    "q5": Answer(q5_skipped_complaints,
                 Text("conformance(complaints, COMPLAINT_FLOW).query(\"deviation == 'skipped'\").index",
                      "conformance(complaints, COMPLAINT_FLOW).query(\"deviation == 'skipped'\").index")),
    "q6": Answer(q6_keep_win_profit,
                 Text("simulate_keep_win(litres, 0.5, KeepWinConfig()).loc[5, 'cumulative_profit']",
                      "simulate_keep_win(litres, 0.5, KeepWinConfig()).loc[5, 'cumulative_profit']")),
    "q7": Answer(q7_customers_per_employee,
                 Text("((customers.station_id == 'S01') & (customers.file_stage != 'plate')).sum() / (staff.station_id == 'S01').sum()",
                      "((customers.station_id == 'S01') & (customers.file_stage != 'plate')).sum() / (staff.station_id == 'S01').sum()")),
    "q8": Answer(q8_model_recall,
                 Text("rule_and_model(refuels, truth).judge(3, 0.5).loc['model', 'recall']",
                      "rule_and_model(refuels, truth).judge(3, 0.5).loc['model', 'recall']")),
    "q9": Answer(q9_expected_refuels,
                 Text("rm = rule_and_model(refuels, truth); rm.model.expected_purchases(rfm_summary(refuels.assign("
                      "amount=refuels.litres)), 30)[rm.customers.customer_id].sum()",
                      "rm = rule_and_model(refuels, truth); rm.model.expected_purchases(rfm_summary(refuels.assign("
                      "amount=refuels.litres)), 30)[rm.customers.customer_id].sum()")),
}
