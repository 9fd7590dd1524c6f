"""Buy-till-you-die models: who is still a customer, what he will buy, what he is worth.

- :mod:`~crm.core.btyd.bgnbd`: the BG/NBD model (P(alive), expected purchases);
- :mod:`~crm.core.btyd.gamma_gamma`: the Gamma-Gamma model of spend per purchase;
- :mod:`~crm.core.btyd.clv`: customer lifetime value from the two, discounted per period;
- :mod:`~crm.core.btyd.summary`: the checks an RFM summary passes before a fit.

All fitted by maximum likelihood with scipy on the summary of :func:`crm.core.rfm.rfm_summary`
(the lifetimes / pymc-marketing convention), and checked against Fader, Hardie & Lee's published
CDNOW estimates (tests/core/btyd/test_cdnow.py, benchmarks/btyd_fit.py).
"""
from crm.core.btyd.bgnbd import BgNbd, fit_bgnbd
from crm.core.btyd.clv import ClvForecast, clv_forecast, customer_lifetime_value
from crm.core.btyd.gamma_gamma import GammaGamma, fit_gamma_gamma

__all__ = ["BgNbd", "ClvForecast", "GammaGamma", "clv_forecast", "customer_lifetime_value", "fit_bgnbd",
           "fit_gamma_gamma"]
