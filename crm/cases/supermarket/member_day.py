"""Campaign simulator for the supermarket's member day and birthday messages.

The source recommends a member day the store sets itself (「超市可自定一个“会员日”」), on
which members get extra discounts, and birthday greetings by SMS (生日短信). It gives no
frequency, uplift, cost or response numbers: every such parameter is a named assumption in :class:`CampaignConfig`,
and the uncertain ones are drawn by Monte Carlo so a student sees a range of
outcomes rather than one number. Amounts are in yuan.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.rfm import rfm_table
from crm.core.schemas import DataError
from crm.core.segment import abc_classes

__all__ = ["CampaignConfig", "CampaignResult", "simulate_campaigns", "break_even_uplift", "campaign_base"]

CAMPAIGNS = ("member_day", "birthday_sms")
CUSTOMER_COLUMNS = ("customer_id", "card_type", "segment", "annual_spend", "visits", "has_birthday")


@dataclass(frozen=True)
class CampaignConfig:
    """Assumptions of the member-day and birthday-SMS campaigns (none is in the source).

    Attributes
    ----------
    member_days_per_month : int
        Member days a month (1). The source lets the store set its own day and gives no
        frequency: one a month is an assumption of this data set.
    member_day_uplift_visits : float
        Extra member visits on a member day, as a share of a member's usual daily
        visit rate (0.6: +60% on that day).
    member_day_discount : float
        Discount on every member purchase that day, baseline ones included (0.05).
    member_day_fixed_cost : float
        Promotion and staff cost per member day (3,000 yuan), shared among segments
        in proportion to their number of members.
    cannibalisation : float
        Share of the extra member-day visits only moved from other days (0.3).
    gross_margin : float
        Gross margin on list-price sales (0.18, typical of a supermarket).
    sms_cost : float
        Cost of one birthday message (0.05 yuan).
    birthday_response_rate : float
        Share of messaged members who make one extra visit they would not have
        made otherwise, spending their own mean basket (0.12).
    birthday_coupon_value : float
        Coupon redeemed by each responder (10 yuan).
    uplift_spread, cannibalisation_spread, response_spread : float
        Coefficients of variation (sd / mean, 0.3 each) of the uplift (lognormal),
        the cannibalisation and the response rate (Beta); 0 fixes the parameter.
    """

    member_days_per_month: int = 1
    member_day_uplift_visits: float = 0.6
    member_day_discount: float = 0.05
    member_day_fixed_cost: float = 3000.0
    cannibalisation: float = 0.3
    gross_margin: float = 0.18
    sms_cost: float = 0.05
    birthday_response_rate: float = 0.12
    birthday_coupon_value: float = 10.0
    uplift_spread: float = 0.3
    cannibalisation_spread: float = 0.3
    response_spread: float = 0.3

    def __post_init__(self) -> None:
        shares = (self.member_day_discount, self.cannibalisation, self.gross_margin,
                  self.birthday_response_rate)
        amounts = (self.member_days_per_month, self.member_day_uplift_visits, self.member_day_fixed_cost,
                   self.sms_cost, self.birthday_coupon_value, self.uplift_spread,
                   self.cannibalisation_spread, self.response_spread)
        if not (all(0.0 <= s <= 1.0 for s in shares) and min(amounts) >= 0.0):
            raise DataError("活动假设有误：比例须在 0 到 1 之间，其余数值须 ≥ 0。",
                            "CampaignConfig: shares must lie in [0, 1], other values must be >= 0.")


@dataclass(frozen=True)
class CampaignResult:
    """Monte Carlo outcome of the campaigns, per segment and for all members.

    Attributes
    ----------
    summary : DataFrame
        One row per ``campaign`` and ``segment`` (segments of the members, then
        "all"): ``members``, expected ``incremental_revenue`` (at list price),
        ``incremental_margin`` and ``cost``, then ``incremental_profit_mean``,
        ``incremental_profit_p5``, ``incremental_profit_p95``, ``roi_mean``,
        ``roi_p5`` and ``roi_p95`` over the simulations.
    draws : DataFrame
        One row per ``sim``, ``campaign`` and ``segment`` with
        ``incremental_revenue``, ``cost``, ``incremental_profit`` and ``roi``.
    config : CampaignConfig
    months : int
    """

    summary: pd.DataFrame
    draws: pd.DataFrame
    config: CampaignConfig
    months: int


def simulate_campaigns(customers: pd.DataFrame, config: CampaignConfig, n_sims: int = 1000,
                       seed: int = 0, months: int = 12) -> CampaignResult:
    """Simulate the incremental profit of a member day and birthday messages.

    Only members are targeted (ordinary card holders have no birthday on file and
    cannot be reached). Each simulation draws the uncertain parameters once; the
    spend of the members is then aggregated analytically, per segment, from
    expected values (a member's daily spend is ``annual_spend / 365``, their basket
    ``annual_spend / visits``):

    - member day, over ``months * member_days_per_month`` days, with uplift ``u``,
      cannibalisation ``k``, discount ``d`` and daily member spend ``S``:
      incremental revenue ``u (1 - k) S`` a day; cost ``d (1 + u) S`` of discounts
      (the baseline purchases get the discount too) plus the fixed cost share;
    - birthday SMS, to members with a birthday on file, ``months / 12`` of them in
      the horizon: incremental revenue ``r * basket`` per message; cost the message
      plus ``r * coupon``.

    Incremental profit is ``gross_margin * incremental revenue - cost`` and ROI is
    ``incremental profit / cost`` (NaN where nothing is spent).

    Parameters
    ----------
    customers : DataFrame
        One row per customer: ``customer_id``, ``card_type`` ("member"/"ordinary"),
        ``segment``, ``annual_spend`` (yuan), ``visits`` (a year), ``has_birthday``.
    config : CampaignConfig
    n_sims : int
        Monte Carlo draws of the parameters.
    seed : int
    months : int
        Campaign horizon in months.

    Returns
    -------
    CampaignResult
    """
    if n_sims < 1 or months < 1:
        raise DataError("模拟次数与月数须 ≥ 1。", "n_sims and months must be >= 1.")
    seg = _member_totals(customers)
    rng = np.random.default_rng(seed)
    uplift = _lognormal(rng, config.member_day_uplift_visits, config.uplift_spread, n_sims)
    cannibal = _beta(rng, config.cannibalisation, config.cannibalisation_spread, n_sims)
    response = _beta(rng, config.birthday_response_rate, config.response_spread, n_sims)
    days = months * config.member_days_per_month
    # member day: (n_sims, 1) parameters against (n_segments,) totals
    u, k = uplift[:, None], cannibal[:, None]
    daily = seg["daily_spend"].to_numpy()
    fixed = config.member_day_fixed_cost * seg["member_share"].to_numpy()
    md_revenue = days * u * (1.0 - k) * daily
    md_cost = days * (config.member_day_discount * (1.0 + u) * daily + fixed)
    # birthday SMS: a share months / 12 of the birthdays falls in the horizon
    year_share = months / 12.0
    r = response[:, None]
    messages = year_share * seg["birthday_members"].to_numpy()
    bd_revenue = year_share * r * seg["birthday_baskets"].to_numpy()
    bd_cost = messages * config.sms_cost + r * messages * config.birthday_coupon_value
    revenue = np.stack([md_revenue, bd_revenue])  # (campaign, sim, segment)
    cost = np.stack([md_cost, bd_cost])
    # the "all" column sums the segments, so fixed costs count exactly once
    revenue = np.concatenate([revenue, revenue.sum(axis=2, keepdims=True)], axis=2)
    cost = np.concatenate([cost, cost.sum(axis=2, keepdims=True)], axis=2)
    segments = [*seg.index, "all"]
    members = [*seg["members"], int(seg["members"].sum())]
    return _result(revenue, cost, segments, members, config, months)


def _member_totals(customers: pd.DataFrame) -> pd.DataFrame:
    """Per segment of the members: counts, daily spend and birthday basket totals."""
    missing = set(CUSTOMER_COLUMNS) - set(customers.columns)
    if missing:
        raise DataError(f"客户表缺少列：{sorted(missing)}。", f"The customer table lacks the columns {sorted(missing)}.")
    if (customers["annual_spend"] < 0).any() or (customers["visits"] < 0).any():
        raise DataError("年消费额与到店次数须 ≥ 0。", "annual_spend and visits must be >= 0.")
    members = customers[customers["card_type"] == "member"]
    spend = members["annual_spend"].to_numpy(dtype=float)
    visits = members["visits"].to_numpy(dtype=float)
    basket = np.divide(spend, visits, out=np.zeros_like(spend), where=visits > 0)
    has_birthday = members["has_birthday"].to_numpy(dtype=bool)
    table = pd.DataFrame({
        "segment": members["segment"].to_numpy(), "members": 1, "daily_spend": spend / 365.0,
        "birthday_members": has_birthday.astype(int), "birthday_baskets": np.where(has_birthday, basket, 0.0),
    }).groupby("segment").sum()
    table["member_share"] = table["members"] / max(int(table["members"].sum()), 1)
    return table


def _lognormal(rng: np.random.Generator, mean: float, spread: float, n: int) -> np.ndarray:
    """Positive draws with the given mean and coefficient of variation."""
    if spread == 0 or mean == 0:
        return np.full(n, float(mean))
    sigma2 = math.log1p(spread**2)
    return rng.lognormal(math.log(mean) - sigma2 / 2.0, math.sqrt(sigma2), n)


def _beta(rng: np.random.Generator, mean: float, spread: float, n: int) -> np.ndarray:
    """Shares in [0, 1] with the given mean and coefficient of variation."""
    if spread == 0 or mean in (0.0, 1.0):
        return np.full(n, float(mean))
    variance = (spread * mean) ** 2
    if variance >= mean * (1.0 - mean):
        raise DataError(f"不确定性 {spread} 对比例 {mean} 来说太大。", f"A spread of {spread} is too wide for a share of {mean}.")
    concentration = mean * (1.0 - mean) / variance - 1.0
    return rng.beta(mean * concentration, (1.0 - mean) * concentration, n)


def _result(revenue: np.ndarray, cost: np.ndarray, segments: list, members: list,
            config: CampaignConfig, months: int) -> CampaignResult:
    """Tidy the (campaign, sim, segment) arrays into summary and draws tables."""
    n_campaigns, n_sims, n_segments = revenue.shape
    margin = config.gross_margin * revenue
    profit = margin - cost
    roi = np.divide(profit, cost, out=np.full_like(profit, np.nan), where=cost > 0)
    draws = pd.DataFrame({
        "sim": np.tile(np.repeat(np.arange(n_sims), n_segments), n_campaigns),
        "campaign": np.repeat(CAMPAIGNS, n_sims * n_segments),
        "segment": np.tile(np.array(segments, dtype=object), n_campaigns * n_sims),
        "incremental_revenue": revenue.ravel(), "cost": cost.ravel(),
        "incremental_profit": profit.ravel(), "roi": roi.ravel(),
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # ROI is all NaN where nothing is spent
        roi_mean = np.nanmean(roi, axis=1)
        roi_p5, roi_p95 = np.nanpercentile(roi, [5, 95], axis=1)
    summary = pd.DataFrame({
        "campaign": np.repeat(CAMPAIGNS, n_segments),
        "segment": np.tile(np.array(segments, dtype=object), n_campaigns),
        "members": np.tile(members, n_campaigns),
        "incremental_revenue": revenue.mean(axis=1).ravel(),
        "incremental_margin": margin.mean(axis=1).ravel(),
        "cost": cost.mean(axis=1).ravel(),
        "incremental_profit_mean": profit.mean(axis=1).ravel(),
        "incremental_profit_p5": np.percentile(profit, 5, axis=1).ravel(),
        "incremental_profit_p95": np.percentile(profit, 95, axis=1).ravel(),
        "roi_mean": roi_mean.ravel(), "roi_p5": roi_p5.ravel(), "roi_p95": roi_p95.ravel(),
    })
    return CampaignResult(summary, draws, config, months)


def break_even_uplift(customers: pd.DataFrame, config: CampaignConfig, segment: object = None) -> float:
    """Member-day uplift at which the member day's expected incremental profit is zero.

    Setting ``m u (1 - k) S - d (1 + u) S - F = 0`` per member day (margin ``m``,
    cannibalisation ``k``, discount ``d``, daily member spend ``S``, fixed cost
    share ``F``) gives ``u* = (d S + F) / ((m (1 - k) - d) S)``, at the assumed
    (mean) parameter values; it does not depend on the horizon.

    Parameters
    ----------
    customers : DataFrame
        As for :func:`simulate_campaigns`.
    config : CampaignConfig
    segment : optional
        A segment label of the members; None for all members (the whole fixed cost).

    Returns
    -------
    float
        The break-even uplift (0.6 means +60% visits on a member day); ``inf`` when
        the discount eats the margin on extra visits, so no uplift breaks even.
    """
    seg = _member_totals(customers)
    if segment is None:
        daily, fixed = seg["daily_spend"].sum(), config.member_day_fixed_cost
    elif segment in seg.index:
        daily = seg.loc[segment, "daily_spend"]
        fixed = config.member_day_fixed_cost * seg.loc[segment, "member_share"]
    else:
        raise DataError(f"类别 {segment!r} 中没有会员。", f"No members in segment {segment!r}.")
    margin_per_uplift = (config.gross_margin * (1.0 - config.cannibalisation)
                         - config.member_day_discount) * daily
    if margin_per_uplift <= 0:
        return math.inf
    return float((config.member_day_discount * daily + fixed) / margin_per_uplift)


def campaign_base(transactions: pd.DataFrame, customers: pd.DataFrame,
                  cutoffs: tuple[float, float] = (0.65, 0.85)) -> pd.DataFrame:
    """The customer table :func:`simulate_campaigns` needs, with ABC classes as segments.

    Parameters
    ----------
    transactions : pd.DataFrame
        Till log with ``customer_id``, ``date``, ``amount``.
    customers : pd.DataFrame
        ``customer_id``, ``card_type`` and ``birthday`` (empty for ordinary customers).
    cutoffs : (float, float)
        ABC cut-offs on cumulative spend share.

    Returns
    -------
    pd.DataFrame
        ``customer_id``, ``card_type``, ``segment`` (A/B/C), ``annual_spend``,
        ``visits``, ``has_birthday``; customers without purchases are left out.
    """
    rfm = rfm_table(transactions)
    classes = abc_classes(rfm["monetary"], cutoffs).set_index("customer_id")["abc_class"]
    info = customers.set_index("customer_id").reindex(rfm.index)
    return pd.DataFrame({
        "customer_id": rfm.index.to_numpy(),
        "card_type": info["card_type"].astype(str).to_numpy(),
        "segment": classes.reindex(rfm.index).astype(str).to_numpy(),
        "annual_spend": rfm["monetary"].to_numpy(),
        "visits": rfm["frequency"].to_numpy(),
        "has_birthday": info["birthday"].notna().to_numpy(),
    })
