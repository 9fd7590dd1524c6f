"""迅捷物流速运 · the logistics case (seeds/003): whose problem CRM is (``ownership``), why parcels are late
(``delays``), the hotline's say / never-say rules (``hotline``).

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.logistics.delays import (complaint_pareto, delay_pareto, drill_mask, HubRelief, port_held, port_relief,
                                        relief_effect)
from crm.cases.logistics.hotline import call_conditions, check_sentence, CHECKS, Rule, RULES, rules_table, verdict
from crm.cases.logistics.ownership import (by_owner, compare_ownership, complaint_draws, config_from_complaints,
                                           flow_counts, handle, HandlingResult, OwnershipConfig)

__all__ = ["complaint_pareto", "delay_pareto", "drill_mask", "HubRelief", "port_held", "port_relief", "relief_effect",
           "call_conditions", "check_sentence", "CHECKS", "Rule", "RULES", "rules_table", "verdict", "by_owner",
           "compare_ownership", "complaint_draws", "config_from_complaints", "flow_counts", "handle",
           "HandlingResult", "OwnershipConfig"]
