"""中国人寿江苏 · the service-visits case (seeds/002): whom to visit first with a staff that cannot see every
client (``plan``), and what the 2013 satisfaction survey of 501 clients says (``survey``).

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions`` and ``written``, the notebook's computed Notices in ``notices``.
A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.visits.plan import coverage_curve, orphan_clients, plan_visits, priority_order, RULES, VisitPlanner
from crm.cases.visits.survey import factor_shares, score_distribution, source_figures, contact_drivers

__all__ = ["coverage_curve", "orphan_clients", "plan_visits", "priority_order", "RULES", "VisitPlanner",
           "factor_shares", "score_distribution", "source_figures", "contact_drivers"]
