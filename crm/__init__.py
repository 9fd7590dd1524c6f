"""CRM Casebook analytics: pure functions, DataFrame in, DataFrame or dataclass out.

The flat public API; each name lives in the module named beside it.
"""
from crm.checkout import CheckoutConfig, compare_express, mmc_metrics, peak_arrival_rates, simulate_checkout
from crm.exercise import ChoiceQuestion, Feedback, NumberQuestion, Question, SetQuestion
from crm.io import load_case, read_upload
from crm.retention import CampaignConfig, break_even_uplift, campaign_base, simulate_campaigns
from crm.rfm import rfm_scores, rfm_segment_summary, rfm_segments, rfm_table
from crm.schemas import DataError
from crm.segment import abc_classes, abc_summary, gini, pareto_curve, pareto_ranking

__all__ = [
    # io and schemas
    "DataError", "load_case", "read_upload",
    # segment
    "abc_classes", "abc_summary", "gini", "pareto_curve", "pareto_ranking",
    # rfm
    "rfm_scores", "rfm_segment_summary", "rfm_segments", "rfm_table",
    # retention
    "CampaignConfig", "break_even_uplift", "campaign_base", "simulate_campaigns",
    # checkout
    "CheckoutConfig", "compare_express", "mmc_metrics", "peak_arrival_rates", "simulate_checkout",
    # exercises
    "ChoiceQuestion", "Feedback", "NumberQuestion", "Question", "SetQuestion",
]
