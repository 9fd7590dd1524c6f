"""Customer lifetime value from BG/NBD purchases and Gamma-Gamma spend, discounted per period.

CLV over ``horizon`` periods = expected spend per purchase × Σₖ (expected purchases in period k)
/ (1 + d)ᵏ, with d the discount rate per period: lifetimes' ``customer_lifetime_value`` (and
pymc-marketing's), which discounts each 30-day month's expected purchases at a monthly rate.
The purchases per period are computed once for the longest horizon (:func:`clv_forecast`);
a new horizon or discount rate is then one small matrix product, which is what lets a slider
answer at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.btyd.bgnbd import BgNbd
from crm.core.btyd.gamma_gamma import GammaGamma
from crm.core.btyd.summary import patterns, summary_arrays
from crm.core.schemas import DataError

DEFAULT_PERIOD_DAYS = 30.0  # one discount period = a 30-day month, as lifetimes counts it
DEFAULT_DISCOUNT_RATE = 0.01  # per month: lifetimes' default (about 12.7% a year); an assumption, not a source's


def _check_rate(horizon: int, discount_rate: float, longest: int | None = None) -> None:
    if not (isinstance(horizon, (int, np.integer)) and horizon >= 1):
        raise DataError(f"预测期数必须是正整数，收到 {horizon}。", f"The horizon must be a whole number of periods "
                        f"of at least 1; got {horizon}.")
    if longest is not None and horizon > longest:
        raise DataError(f"预测期数最多 {longest}，收到 {horizon}。", f"The horizon can be at most {longest} periods; "
                        f"got {horizon}.")
    if not (np.isfinite(discount_rate) and -1 < discount_rate):
        raise DataError(f"贴现率必须大于 -1，收到 {discount_rate}。", f"The discount rate must exceed -1; "
                        f"got {discount_rate}.")


@dataclass(frozen=True)
class ClvForecast:
    """Expected purchases per period for every customer's history, and his expected spend.

    Attributes
    ----------
    index : pd.Index
        The customers, in the summary's order.
    purchases : np.ndarray
        ``(patterns, periods)``: the expected purchases in each future period, per distinct history.
    inverse : np.ndarray
        Each customer's row of ``purchases``.
    spend : np.ndarray
        Each customer's expected spend per purchase (Gamma-Gamma).
    period : float
        One period's length in the summary's time unit.
    """

    index: pd.Index
    purchases: np.ndarray
    inverse: np.ndarray
    spend: np.ndarray
    period: float

    @property
    def periods(self) -> int:
        """The longest horizon the forecast covers."""
        return self.purchases.shape[1]

    def clv_array(self, horizon: int, discount_rate: float) -> np.ndarray:
        """Each customer's CLV over ``horizon`` periods at ``discount_rate`` per period, as an array."""
        _check_rate(horizon, discount_rate, self.periods)
        discount = (1 + discount_rate) ** -np.arange(1, horizon + 1, dtype=float)
        return self.spend * (self.purchases[:, :horizon] @ discount)[self.inverse]

    def clv(self, horizon: int, discount_rate: float = DEFAULT_DISCOUNT_RATE) -> pd.Series:
        """Each customer's CLV over ``horizon`` periods, discounted at ``discount_rate`` per period."""
        return pd.Series(self.clv_array(horizon, discount_rate), index=self.index, name="clv")


def clv_forecast(bgnbd: BgNbd, gamma_gamma: GammaGamma, summary: pd.DataFrame, periods: int = 36,
                 period: float = DEFAULT_PERIOD_DAYS) -> ClvForecast:
    """Expected purchases in each of the next ``periods`` periods and the expected spend, per customer.

    Parameters
    ----------
    bgnbd, gamma_gamma : BgNbd, GammaGamma
        Fitted models (:func:`fit_bgnbd`, :func:`fit_gamma_gamma`), in the summary's time unit.
    summary : pd.DataFrame
        ``frequency``, ``recency``, ``T``, ``monetary_value`` per customer.
    periods : int
        The longest horizon to prepare, in periods.
    period : float
        One period in the summary's time unit (30 for months of a summary in days).

    Returns
    -------
    ClvForecast
    """
    _check_rate(periods, 0.0)
    if not (np.isfinite(period) and period > 0):
        raise DataError(f"期长必须大于 0，收到 {period}。", f"The period length must be above 0; got {period}.")
    v = summary_arrays(summary, ("frequency", "recency", "T", "monetary_value"))
    p = patterns(v["frequency"], v["recency"], v["T"])
    cum = np.column_stack([np.zeros(len(p.x))] + [bgnbd.expected_purchases_arrays(k * period, p.x, p.t_x, p.T)
                                                  for k in range(1, periods + 1)])
    spend = gamma_gamma.expected_spend_arrays(v["frequency"], v["monetary_value"])
    return ClvForecast(index=summary.index, purchases=np.diff(cum, axis=1), inverse=p.inverse, spend=spend,
                       period=float(period))


def customer_lifetime_value(bgnbd: BgNbd, gamma_gamma: GammaGamma, summary: pd.DataFrame, horizon: int = 12,
                            discount_rate: float = DEFAULT_DISCOUNT_RATE,
                            period: float = DEFAULT_PERIOD_DAYS) -> pd.Series:
    """Each customer's discounted value over the next ``horizon`` periods.

    Parameters
    ----------
    bgnbd, gamma_gamma : BgNbd, GammaGamma
        Fitted models, in the summary's time unit.
    summary : pd.DataFrame
        ``frequency``, ``recency``, ``T``, ``monetary_value`` per customer (:func:`crm.core.rfm.rfm_summary`).
    horizon : int
        Periods ahead (default 12 months).
    discount_rate : float
        Per period (default 1% a month).
    period : float
        One period in the summary's time unit (default 30 days).

    Returns
    -------
    pd.Series
        ``clv`` by the summary's index, in the summary's currency.
    """
    _check_rate(horizon, discount_rate)
    return clv_forecast(bgnbd, gamma_gamma, summary, horizon, period).clv(horizon, discount_rate)
