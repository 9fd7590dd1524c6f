"""商业银行与汇丰 · the bank case (seeds/002, 004, 001): the transparent credit scorecard and early warnings
(``scorecard``, with its bins in ``binning``), tier migration and lifetime value (``lifetime``), life-stage
products (``products``), the customer value matrix (``value_matrix``); its pyramid uses :mod:`crm.core.segment`.

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.bank.lifetime import (contribution, RetentionStrategy, simulate_retention, tier_clv, transition_matrix,
                                     yearly_tiers)
from crm.cases.bank.products import cross_sell_potential, life_stage_segments, match_summary, match_table, ProductRule
from crm.cases.bank.scorecard import (auc, client_scores, decide, decision_summary, early_warnings, evaluate,
                                      fit_scorecard, ks_statistic, KsResult, outcome_flags, roc_curve, score,
                                      warning_performance)
from crm.cases.bank.value_matrix import credit_contribution_classes, value_matrix, value_matrix_summary

__all__ = ["contribution", "RetentionStrategy", "simulate_retention", "tier_clv", "transition_matrix", "yearly_tiers",
           "cross_sell_potential", "life_stage_segments", "match_summary", "match_table", "ProductRule", "auc",
           "client_scores", "decide", "decision_summary", "early_warnings", "evaluate", "fit_scorecard",
           "ks_statistic", "KsResult", "outcome_flags", "roc_curve", "score", "warning_performance",
           "credit_contribution_classes", "value_matrix", "value_matrix_summary"]
