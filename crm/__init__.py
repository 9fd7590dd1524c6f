"""CRM Casebook analytics: pure functions, DataFrame in, DataFrame or dataclass out.

The flat public API; each name lives in the module named beside it.
"""
import sys

# pandas/plotly/nbformat import jsonschema, which imports rfc3987_syntax if it is installed
# (it comes with jupyter-events). rfc3987-syntax 1.1.0 compiles a Lark grammar at import:
# 2 s on a fast machine, 8 s on a 2-core one (python-jsonschema/jsonschema#1392, #1521).
# Nothing here validates IRIs, so the import is blocked: jsonschema then skips the "iri"
# format check, and every kernel, Voila app and grading run starts that much sooner.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from crm.cases.supermarket.checkout import CheckoutConfig, compare_express, peak_arrival_rates, simulate_checkout
from crm.core.queueing import mmc_metrics
from crm.core.complaints import (Flow, breaches, conformance, level_paths, recurring_causes, settled_level, step_times,
                            to_xes, trace)
from crm.core.exercise import ChoiceQuestion, Feedback, NumberQuestion, Question, SetQuestion
from crm.cases import load_case
from crm.core.io import read_upload
from crm.cases.supermarket.member_day import CampaignConfig, break_even_uplift, campaign_base, simulate_campaigns
from crm.core.rfm import rfm_scores, rfm_segment_summary, rfm_segments, rfm_summary, rfm_table
from crm.core.schemas import DataError
from crm.core.segment import (abc_classes, abc_summary, gini, pareto_curve, pareto_ranking, rank_tiers, ranked_tier_summary,
                         tier_summary, value_tiers)
# fuel-station case
from crm.cases.fuel.acquisition import (FUNNEL_STEPS, KeepWinConfig, acquisition_funnel, funnel_what_if, keep_win_frontier,
                             simulate_keep_win)
from crm.cases.fuel.managers import assign_managers, assignment_changes, manager_load, station_coverage
from crm.cases.fuel.care import care_load, care_plan, customer_tiers, occasion_counts, tier_table
from crm.cases.fuel.visit_cycle import (RuleEvaluation, VisitGaps, evaluate_flags, gap_flags, rule_sweep, visit_cycle_anomalies,
                       visit_gaps, volume_flags)

# bank case: scorecard, life-stage products, migration and lifetime value, value matrix
from crm.cases.bank.scorecard import (KsResult, auc, client_scores, decide, decision_summary, early_warnings, evaluate, fit_scorecard,
                        outcome_flags,
                        ks_statistic, roc_curve, score, warning_performance)
from crm.cases.bank.lifetime import (RetentionStrategy, contribution, simulate_retention, tier_clv, transition_matrix,
                          yearly_tiers)
from crm.cases.bank.products import ProductRule, cross_sell_potential, life_stage_segments, match_summary, match_table
from crm.cases.bank.value_matrix import credit_contribution_classes, value_matrix, value_matrix_summary

# car-care case (车佰汇): channel mix, service recovery, service-profit chain, SERVQUAL, service network
from crm.cases.carcare.channels import best_mix, fit_response_curves, mix_results
from crm.cases.carcare.network import network_promise, promise_summary, response_within, staff_to_meet
from crm.cases.carcare.recovery import (RecoveryRates, iceberg_estimate, recovery_rates, recovery_scenario, stay_by_response,
                          word_of_mouth)
from crm.cases.carcare.service_profit import ChainBaseline, ChainLinks, chain_baseline, chain_links_from_data, simulate_chain
from crm.cases.carcare.servqual import act_first, ipa_quadrants, servqual_gaps

# futures case (天富期货): routing, roles, client evaluation, callbacks, satisfaction
from crm.cases.futures.callbacks import CallbackRules, callback_coverage, calls_due, monthly_changes
from crm.cases.futures.roles import RoleRules, assign_roles, client_roles, role_accuracy, role_counts, role_movement
from crm.cases.futures.routing import RoutingConfig, compare_designs, config_from_requests, generate_requests, simulate_routing
from crm.cases.futures.scoring import (client_indicators, compare_screens, core_clients, crude_screen, rank_stability,
                         score_clients)
from crm.cases.futures.satisfaction import call_first, driver_analysis, satisfaction_distribution

__all__ = [
    # io and schemas
    "DataError", "load_case", "read_upload",
    # segment
    "abc_classes", "abc_summary", "gini", "pareto_curve", "pareto_ranking", "rank_tiers", "ranked_tier_summary", "tier_summary", "value_tiers",
    # rfm
    "rfm_scores", "rfm_segment_summary", "rfm_segments", "rfm_summary", "rfm_table",
    # retention
    "CampaignConfig", "break_even_uplift", "campaign_base", "simulate_campaigns",
    # checkout
    "CheckoutConfig", "compare_express", "mmc_metrics", "peak_arrival_rates", "simulate_checkout",
    # complaints
    "Flow", "breaches", "conformance", "level_paths", "recurring_causes", "settled_level", "step_times", "to_xes", "trace",
    # bank: credit, products, lifetime, value matrix
    "auc", "client_scores", "decide", "decision_summary", "early_warnings", "evaluate", "fit_scorecard",
    "KsResult", "ks_statistic", "outcome_flags", "roc_curve", "score", "warning_performance",
    "ProductRule", "cross_sell_potential", "life_stage_segments", "match_summary", "match_table",
    "RetentionStrategy", "contribution", "simulate_retention", "tier_clv", "transition_matrix", "yearly_tiers",
    "credit_contribution_classes", "value_matrix", "value_matrix_summary",
    # exercises
    "ChoiceQuestion", "Feedback", "NumberQuestion", "Question", "SetQuestion",
    # fuel-station case: churn, acquisition, care, assignment
    "RuleEvaluation", "VisitGaps", "evaluate_flags", "gap_flags", "rule_sweep", "visit_cycle_anomalies", "visit_gaps",
    "volume_flags", "FUNNEL_STEPS", "KeepWinConfig", "acquisition_funnel", "funnel_what_if", "keep_win_frontier",
    "simulate_keep_win", "care_load", "care_plan", "customer_tiers", "occasion_counts", "tier_table",
    "assign_managers", "assignment_changes", "manager_load", "station_coverage",
    # car-care case: channels, recovery, service_profit, servqual, network
    "best_mix", "fit_response_curves", "mix_results",
    "RecoveryRates", "iceberg_estimate", "recovery_rates", "recovery_scenario", "stay_by_response", "word_of_mouth",
    "ChainBaseline", "ChainLinks", "chain_baseline", "chain_links_from_data", "simulate_chain",
    "act_first", "ipa_quadrants", "servqual_gaps",
    "network_promise", "promise_summary", "response_within", "staff_to_meet",
    # futures case: routing, roles, scoring, callbacks, survey
    "RoutingConfig", "compare_designs", "config_from_requests", "generate_requests", "simulate_routing",
    "RoleRules", "assign_roles", "client_roles", "role_accuracy", "role_counts", "role_movement",
    "client_indicators", "compare_screens", "core_clients", "crude_screen", "rank_stability", "score_clients",
    "CallbackRules", "callback_coverage", "calls_due", "monthly_changes",
    "call_first", "driver_analysis", "satisfaction_distribution",
]
