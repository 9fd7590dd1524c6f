"""中石化河南中原石油 · the fuel-station case (seeds/002): the three-step acquisition funnel and keep vs win
(``acquisition``), visit-cycle anomalies (``visit_cycle``) and the BG/NBD model beside
that rule (``rule_vs_model``), three-level care (``care``), the 1:15 customer
managers (``managers``); its complaint fast response uses :mod:`crm.core.complaints`.

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.fuel.funnel import acquisition_funnel, FUNNEL_STEPS, funnel_what_if
from crm.cases.fuel.keep_win import keep_win_frontier, KeepWinConfig, simulate_keep_win
from crm.cases.fuel.care import care_load, care_plan, customer_tiers, occasion_counts, tier_table
from crm.cases.fuel.managers import assign_managers, assignment_changes, manager_load, station_coverage
from crm.cases.fuel.rule_vs_model import rule_and_model, RuleAndModel
from crm.cases.fuel.visit_cycle import (evaluate_flags, gap_flags, rule_sweep, RuleEvaluation, visit_cycle_anomalies,
                                        visit_gaps, VisitGaps, volume_flags)

__all__ = ["acquisition_funnel", "FUNNEL_STEPS", "funnel_what_if", "keep_win_frontier", "KeepWinConfig",
           "simulate_keep_win", "care_load", "care_plan", "customer_tiers", "occasion_counts", "tier_table",
           "assign_managers", "assignment_changes", "manager_load", "station_coverage", "evaluate_flags", "gap_flags",
           "rule_and_model", "RuleAndModel", "rule_sweep", "RuleEvaluation", "visit_cycle_anomalies", "visit_gaps", "VisitGaps", "volume_flags"]
