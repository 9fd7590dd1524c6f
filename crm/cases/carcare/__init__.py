"""车佰汇 · the car-care case (seeds/000 案例二, 001, 004): the channel mix (``channels``), service recovery
and the complaint iceberg (``recovery``), the service-profit chain (``service_profit``), SERVQUAL
(``servqual``), a 30-minute first response tested on seeds/004's service network of another firm (``network``).

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.carcare.channels import best_mix, fit_response_curves, mix_results
from crm.cases.carcare.network import network_promise, promise_summary, response_within, staff_to_meet
from crm.cases.carcare.recovery import (iceberg_estimate, recovery_rates, recovery_scenario, RecoveryRates,
                                        stay_by_response, word_of_mouth)
from crm.cases.carcare.service_profit import (chain_baseline, chain_links_from_data, ChainBaseline, ChainLinks,
                                              simulate_chain)
from crm.cases.carcare.servqual import act_first, ipa_quadrants, servqual_gaps

__all__ = ["best_mix", "fit_response_curves", "mix_results", "network_promise", "promise_summary", "response_within",
           "staff_to_meet", "iceberg_estimate", "recovery_rates", "recovery_scenario", "RecoveryRates",
           "stay_by_response", "word_of_mouth", "chain_baseline", "chain_links_from_data", "ChainBaseline",
           "ChainLinks", "simulate_chain", "act_first", "ipa_quadrants", "servqual_gaps"]
