"""中国人寿江苏 · the service-visits case (seeds/002): whom to visit first with a staff that cannot see every
client (``plan``), and what the 2013 satisfaction survey of 501 clients says (``survey``).

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.

**A draft:** its definition, generator, data, schemas and analytics are built and tested
(tests/cases/visits); its questions, views, notebooks and exercise are not yet. Until they are,
``DRAFT`` keeps the case out of the registry (no gallery card, no app, no exercise, not in the
tests that run over every case); remove it when the case is whole.
"""
DRAFT = "questions, written questions, answer key, views, case and exercise notebooks, gallery card, benchmark"

from crm.cases.visits.plan import coverage_curve, orphan_clients, plan_visits, priority_order, RULES, VisitPlanner
from crm.cases.visits.survey import factor_shares, score_distribution, source_figures, contact_drivers

__all__ = ["coverage_curve", "orphan_clients", "plan_visits", "priority_order", "RULES", "VisitPlanner",
           "factor_shares", "score_distribution", "source_figures", "contact_drivers"]
