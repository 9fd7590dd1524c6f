"""Concepts across cases (seeds/001, seeds/004, seeds/002): the retention figures worked through
(``retention``), the value matrix with its present-value definitions (``value``), the give/get
quadrant (``give_get``), demand against capacity (``demand``) the six kinds of lost customer
(``lost``) and the customer life cycle (``lifecycle``). Definition, figures and quotes in ``case``, the customer book's generator in
``data``, its table in ``schemas``, the exercise in ``questions`` and ``written``.
"""
from crm.cases.concepts.demand import balance, Balance
from crm.cases.concepts.give_get import CELLS, quadrant
from crm.cases.concepts.lifecycle import stage, Stage
from crm.cases.concepts.lost import classify, Lost
from crm.cases.concepts.retention import figure, figure_range, retention, Retention
from crm.cases.concepts.value import annuity_factor, present_values, type_summary, value_table, value_types

__all__ = ["balance", "Balance", "CELLS", "quadrant", "classify", "Lost", "stage", "Stage", "figure", "figure_range", "retention", "Retention", "annuity_factor",
           "present_values", "type_summary", "value_table", "value_types"]
