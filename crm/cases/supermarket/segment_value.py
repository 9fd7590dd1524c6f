"""What each RFM segment is worth ahead, by the BG/NBD and Gamma-Gamma models' CLV.

The RFM grid (:mod:`crm.core.rfm`) names segments from the past year; the models
(:mod:`crm.core.btyd`) say what each customer is likely to buy in the months ahead, and what
that is worth discounted. Set side by side per segment, the two show where the past year's
spend and the value still to come part: a segment whose members have stopped coming keeps its
past spend but not its future.

:func:`segment_value` fits the models and forecasts each customer's purchases per month once;
:meth:`SegmentValue.table` then answers any horizon and discount rate with one small matrix
product and a sum per segment, fast enough for a slider.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm.cases.supermarket.case import ASSUMPTIONS
from crm.core.rfm import rfm_scores, rfm_segments, rfm_summary, rfm_table
from crm.core.schemas import DataError
from crm.core.shared_results import shared

if TYPE_CHECKING:  # the models (scipy) load when a segment value is asked for, not with the case
    from crm.core.btyd import BgNbd, ClvForecast, GammaGamma

MAX_HORIZON_MONTHS = 36
DEFAULT_HORIZON_MONTHS = int(ASSUMPTIONS["clv_horizon_months"][0])  # assumptions, named in the datasheet
DEFAULT_ANNUAL_DISCOUNT = float(ASSUMPTIONS["clv_annual_discount"][0])


def monthly_rate(annual: float) -> float:
    """The monthly rate that compounds to ``annual`` over 12 months."""
    if not (np.isfinite(annual) and annual > -1):
        raise DataError(f"年贴现率必须大于 -100%，收到 {annual}。", f"The yearly discount rate must exceed -100%; got {annual}.")
    return (1 + annual) ** (1 / 12) - 1


@dataclass(frozen=True)
class SegmentValue:
    """Each customer's segment, past spend, P(alive) and forecast, to sum per segment for any horizon and rate.

    Attributes
    ----------
    customers : pd.DataFrame
        Indexed by ``customer_id``: ``segment``, ``past_spend`` (the year's total), ``p_alive``.
    forecast : ClvForecast
        Expected purchases per 30-day month and expected spend per purchase, per customer.
    bgnbd, gamma_gamma : BgNbd, GammaGamma
        The fitted models (time in days).
    """

    customers: pd.DataFrame
    forecast: ClvForecast
    bgnbd: BgNbd
    gamma_gamma: GammaGamma

    def clv(self, horizon_months: int = DEFAULT_HORIZON_MONTHS,
            annual_discount: float = DEFAULT_ANNUAL_DISCOUNT) -> pd.Series:
        """Each customer's CLV over ``horizon_months``, discounted at ``annual_discount`` a year (monthly)."""
        return self.forecast.clv(horizon_months, monthly_rate(annual_discount))

    def table(self, horizon_months: int = DEFAULT_HORIZON_MONTHS,
              annual_discount: float = DEFAULT_ANNUAL_DISCOUNT) -> pd.DataFrame:
        """Per RFM segment (rule order): customers, past spend and its share, CLV and its share, mean CLV, mean P(alive).

        Returns
        -------
        pd.DataFrame
            Index ``segment``: ``customers``, ``past_spend``, ``past_share``, ``clv``, ``clv_share``,
            ``clv_per_customer``, ``p_alive`` (mean), ``clv_over_past`` (CLV / past spend).
        """
        value = self.forecast.clv_array(horizon_months, monthly_rate(annual_discount))
        seg = self.customers["segment"]
        codes, cats = seg.cat.codes.to_numpy(), seg.cat.categories
        k = len(cats)
        n = np.bincount(codes, minlength=k)
        past = np.bincount(codes, weights=self.customers["past_spend"].to_numpy(), minlength=k)
        clv = np.bincount(codes, weights=value, minlength=k)
        alive = np.bincount(codes, weights=self.customers["p_alive"].to_numpy(), minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = pd.DataFrame({"customers": n, "past_spend": past, "past_share": past / past.sum(),
                                "clv": clv, "clv_share": clv / clv.sum(), "clv_per_customer": clv / n,
                                "p_alive": alive / n, "clv_over_past": clv / past},
                               index=pd.Index(cats, name="segment"))
        return out.where(out["customers"] > 0)  # an empty segment has no mean: NaN, not 0


@shared
def segment_value(transactions: pd.DataFrame, bins: int = 5, max_horizon_months: int = MAX_HORIZON_MONTHS) -> SegmentValue:
    """Fit BG/NBD and Gamma-Gamma on ``transactions`` and prepare each RFM segment's CLV.

    Parameters
    ----------
    transactions : pd.DataFrame
        ``customer_id``, ``date``, ``amount``.
    bins : int
        Quantile bins of the RFM scores (:func:`crm.core.rfm.rfm_scores`).
    max_horizon_months : int
        The longest horizon :meth:`SegmentValue.table` will be asked for.

    Returns
    -------
    SegmentValue
    """
    from crm.core.btyd import clv_forecast, fit_bgnbd, fit_gamma_gamma
    from crm.core.btyd.clv import DEFAULT_PERIOD_DAYS

    summary = rfm_summary(transactions)
    bgnbd, gamma_gamma = fit_bgnbd(summary), fit_gamma_gamma(summary)
    rfm = rfm_table(transactions)
    segments = rfm_segments(rfm_scores(rfm, bins), bins=bins).reindex(summary.index)
    customers = pd.DataFrame({"segment": segments, "past_spend": rfm["monetary"].reindex(summary.index),
                              "p_alive": bgnbd.p_alive(summary)})
    forecast = clv_forecast(bgnbd, gamma_gamma, summary, max_horizon_months, DEFAULT_PERIOD_DAYS)
    return SegmentValue(customers=customers, forecast=forecast, bgnbd=bgnbd, gamma_gamma=gamma_gamma)
