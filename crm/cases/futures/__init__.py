"""天富期货 · the futures case (seeds/000 案例一): request routing (``routing``), client roles (``roles``),
core clients and weighted client evaluation (``scoring``), tracked callbacks (``callbacks``), the
satisfaction survey (``satisfaction``); its complaint handling uses :mod:`crm.core.complaints`.

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.futures.callbacks import callback_coverage, CallbackRules, calls_due, monthly_changes
from crm.cases.futures.roles import assign_roles, client_roles, role_accuracy, role_counts, role_movement, RoleRules
from crm.cases.futures.routing import (compare_designs, config_from_requests, generate_requests, RoutingConfig,
                                       simulate_routing)
from crm.cases.futures.satisfaction import call_first, driver_analysis, satisfaction_distribution
from crm.cases.futures.scoring import (client_indicators, compare_screens, core_clients, crude_screen, rank_stability,
                                       score_clients)

__all__ = ["callback_coverage", "CallbackRules", "calls_due", "monthly_changes", "assign_roles", "client_roles",
           "role_accuracy", "role_counts", "role_movement", "RoleRules", "compare_designs", "config_from_requests",
           "generate_requests", "RoutingConfig", "simulate_routing", "call_first", "driver_analysis",
           "satisfaction_distribution", "client_indicators", "compare_screens", "core_clients", "crude_screen",
           "rank_stability", "score_clients"]
