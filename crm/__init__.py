"""CRM Casebook analytics: pure functions, DataFrame in, DataFrame or dataclass out.

This is the shared public API: what two or more cases use. The layers below it:

- :mod:`crm.core`: tables and columns (``schemas``, :class:`DataError`), ``parsing``, ``io``
  (``read_upload``), ``segment`` (ABC/Pareto, tiers), ``rfm``, ``btyd`` (BG/NBD, Gamma-Gamma,
  CLV), ``complaints``, ``queueing``,
  ``exercise`` (the question classes);
- :mod:`crm.cases`: the registry (:data:`CASES`, :func:`load_case`, ``python -m crm.cases``) and one
  package per case, ``crm.cases.<case>``, with its definition, data, schemas, analytics and
  questions; each names its own public analytics in ``__all__``;
- :mod:`crm.grading`: ``crm-grade``; :mod:`crm.answer_key`: how each exercise answer is computed
  (never in a grading kernel's reach).

Imports run one way: core imports no case, no case imports another, nothing in ``crm`` imports
``widgets`` and grading imports no views (tests/test_layout.py checks it).
"""
import sys

# pandas/plotly/nbformat import jsonschema, which imports rfc3987_syntax if it is installed
# (it comes with jupyter-events). rfc3987-syntax 1.1.0 compiles a Lark grammar at import:
# 2 s on a fast machine, 8 s on a 2-core one (python-jsonschema/jsonschema#1392, #1521).
# Nothing here validates IRIs, so the import is blocked: jsonschema then skips the "iri"
# format check, and every kernel, Voila app and grading run starts that much sooner.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from crm.cases import CASES, case_catalogue, load_case
from crm.core.complaints import (Flow, breaches, conformance, level_paths, recurring_causes, settled_level, step_times,
                                 to_xes, trace)
from crm.core.exercise import ChoiceQuestion, Feedback, NumberQuestion, Question, SetQuestion
from crm.core.io import read_upload
from crm.core.queueing import erlang_c, mmc_metrics
from crm.core.rfm import rfm_scores, rfm_segment_summary, rfm_segments, rfm_summary, rfm_table
from crm.core.schemas import DataError
from crm.core.segment import (abc_classes, abc_summary, gini, pareto_curve, pareto_ranking, rank_tiers,
                              ranked_tier_summary, tier_summary, value_tiers)

__all__ = [
    # the cases
    "CASES", "case_catalogue", "load_case",
    # tables, reading
    "DataError", "read_upload",
    # classification: ABC/Pareto, tiers, RFM
    "abc_classes", "abc_summary", "gini", "pareto_curve", "pareto_ranking", "rank_tiers", "ranked_tier_summary",
    "tier_summary", "value_tiers",
    "rfm_scores", "rfm_segment_summary", "rfm_segments", "rfm_summary", "rfm_table",
    # who is still a customer and what he is worth: BG/NBD, Gamma-Gamma, CLV
    "BgNbd", "ClvForecast", "GammaGamma", "clv_forecast", "customer_lifetime_value", "fit_bgnbd", "fit_gamma_gamma",
    # complaint flows
    "Flow", "breaches", "conformance", "level_paths", "recurring_causes", "settled_level", "step_times", "to_xes", "trace",
    # queues
    "erlang_c", "mmc_metrics",
    # exercises
    "ChoiceQuestion", "Feedback", "NumberQuestion", "Question", "SetQuestion",
]

#: Loaded on first use: the models need scipy.optimize, 0.3-0.6 s of import that a kernel which
#: never fits one (most views, every grading run) should not pay at start.
_BTYD = frozenset({"BgNbd", "ClvForecast", "GammaGamma", "clv_forecast", "customer_lifetime_value", "fit_bgnbd",
                   "fit_gamma_gamma"})


def __getattr__(name: str):
    if name in _BTYD:
        import crm.core.btyd as btyd
        return getattr(btyd, name)
    raise AttributeError(f"module 'crm' has no attribute {name!r}")
