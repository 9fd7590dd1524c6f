"""扬州A超市卖场 · the Yangzhou A Supermarket case (seeds/002): member day and birthday SMS campaigns
(``member_day``), peak-hour express checkout (``checkout``), each RFM segment's value ahead by the BG/NBD and
Gamma-Gamma models (``segment_value``); its ABC classes use :mod:`crm.core.segment`.

The case's definition and constants are in ``case``, its data generator in ``data``, its tables in
``schemas``, its exercise in ``questions``. A case imports :mod:`crm.core` and its own modules only.
"""
from crm.cases.supermarket.checkout import (CheckoutConfig, compare_express, peak_arrival_rates,
                                            simulate_checkout)
from crm.cases.supermarket.member_day import break_even_uplift, campaign_base, CampaignConfig, simulate_campaigns
from crm.cases.supermarket.segment_value import segment_value, SegmentValue

__all__ = ["CheckoutConfig", "compare_express", "peak_arrival_rates", "simulate_checkout",
           "break_even_uplift", "campaign_base", "CampaignConfig", "simulate_campaigns", "segment_value", "SegmentValue"]
