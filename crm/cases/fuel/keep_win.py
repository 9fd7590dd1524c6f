"""Keep or win: how a fixed budget splits between keeping customers and winning new ones (seeds/002, 中原石油).

The source says "开发新客户的费用是维护老客户的6倍，而客户每年的流失率在10%左右": those two
figures are the defaults of :class:`KeepWinConfig`; every other parameter is a named assumption.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.schemas import DataError



@dataclass(frozen=True)
class KeepWinConfig:
    """The keep-vs-win budget model. Amounts in yuan a year.

    Attributes
    ----------
    budget : float
        Yearly budget split between keeping and winning customers (assumption: 600,000).
    keep_cost : float
        Cost of maintaining one customer for a year: calls, visits, small gifts (assumption: 60).
    acquisition_multiple : float
        Cost of winning one new customer as a multiple of ``keep_cost`` (source: 6).
    churn : float
        Share of customers lost a year without care (source: 0.10).
    care_effect : float
        Share of that churn that care prevents (assumption: 0.5).
    new_value_share : float
        A new customer's yearly margin as a share of the mean customer's (assumption: 0.6).
    revenue_per_litre, margin_per_litre : float
        Pump price and gross margin per litre (assumptions: 7.3 and 0.45 yuan).
    years : int
        Years simulated (5).
    """

    budget: float = 600_000.0
    keep_cost: float = 60.0
    acquisition_multiple: float = 6.0  # seeds/002: "开发新客户的费用是维护老客户的6倍"
    churn: float = 0.10  # seeds/002: "客户每年的流失率在10%左右"
    care_effect: float = 0.5
    new_value_share: float = 0.6
    revenue_per_litre: float = 7.3
    margin_per_litre: float = 0.45
    years: int = 5

    def check(self) -> None:
        problems = [(f, v) for f, v in (("budget", self.budget), ("keep_cost", self.keep_cost),
                                        ("acquisition_multiple", self.acquisition_multiple))
                    if not v >= 0 or (f != "budget" and v == 0)]
        problems += [(f, v) for f, v in (("churn", self.churn), ("care_effect", self.care_effect)) if not 0 <= v <= 1]
        if self.years < 1:
            problems.append(("years", self.years))
        if problems:
            shown = ", ".join(f"{f}={v}" for f, v in problems)
            raise DataError(f"模型参数不合理：{shown}（费用须为正，比例须在 0 到 1 之间，年数至少为 1）。",
                            f"Unreasonable parameters: {shown} (costs must be positive, shares between 0 and 1, "
                            "at least one year).")


def simulate_keep_win(annual_litres: pd.Series | np.ndarray, keep_share: float,
                      config: KeepWinConfig = KeepWinConfig()) -> pd.DataFrame:
    """Expected customer base, revenue and profit, year by year, for one split of the budget.

    The keeping budget cares for customers in order of value (the largest first), at
    ``keep_cost`` each; care cuts their churn by ``care_effect``. The winning budget
    wins ``budget × (1 - keep_share) / (keep_cost × acquisition_multiple)`` customers a
    year, each worth ``new_value_share`` of the mean. Counts are expected values.

    Parameters
    ----------
    annual_litres : Series or array
        Yearly litres of each customer of the base at the start.
    keep_share : float
        Share of the budget spent on keeping, 0 to 1.

    Returns
    -------
    DataFrame
        One row per year (1…``years``): ``customers`` (at the year's end), ``cared``,
        ``lost``, ``won``, ``revenue``, ``margin``, ``cost``, ``profit``, ``cumulative_profit``.
    """
    config.check()
    if not 0 <= keep_share <= 1:
        raise DataError(f"维护预算占比必须在 0 到 1 之间，收到 {keep_share:g}。",
                        f"The keeping share must be between 0 and 1; got {keep_share:g}.")
    litres = np.sort(np.asarray(annual_litres, dtype=float))[::-1]
    if len(litres) == 0 or np.isnan(litres).any() or (litres < 0).any():
        raise DataError("客户年加油量必须是非负数，且至少有一位客户。",
                        "Yearly litres must be non-negative numbers, for at least one customer.")
    value = litres.copy()
    weight = np.ones(len(litres))
    new_litres = config.new_value_share * litres.mean()
    can_care = config.budget * keep_share / config.keep_cost
    won_per_year = config.budget * (1 - keep_share) / (config.keep_cost * config.acquisition_multiple)
    rows, cumulative = [], 0.0
    for year in range(1, config.years + 1):
        # care goes to the largest customers first, whole customers while the budget lasts
        order = np.argsort(-value, kind="stable")
        before = np.cumsum(weight[order]) - weight[order]
        cared_share = np.zeros(len(value))
        cared_share[order] = np.clip((can_care - before) / np.maximum(weight[order], 1e-12), 0, 1)
        cared = float((cared_share * weight).sum())
        keep = 1 - config.churn * (1 - config.care_effect * cared_share)
        lost = float((weight * (1 - keep)).sum())
        weight = weight * keep
        # new customers arrive through the year: half a year of their volume in the first year
        litres_year = float((weight * value).sum()) + won_per_year * new_litres / 2
        value = np.append(value, new_litres)
        weight = np.append(weight, won_per_year)
        revenue = litres_year * config.revenue_per_litre
        margin = litres_year * config.margin_per_litre
        profit = margin - config.budget
        cumulative += profit
        rows.append({"year": year, "customers": float(weight.sum()), "cared": cared, "lost": lost,
                     "won": won_per_year, "revenue": revenue, "margin": margin, "cost": config.budget,
                     "profit": profit, "cumulative_profit": cumulative})
    return pd.DataFrame(rows).set_index("year")


def keep_win_frontier(annual_litres: pd.Series | np.ndarray, config: KeepWinConfig = KeepWinConfig(),
                      shares: np.ndarray | None = None) -> pd.DataFrame:
    """Final customers and cumulative profit for each keeping share (default 0, 5 %, …, 100 %).

    Returns
    -------
    DataFrame
        Index ``keep_share``; ``customers`` (after the last year) and ``cumulative_profit``.
    """
    shares = np.round(np.linspace(0, 1, 21), 2) if shares is None else np.asarray(shares, dtype=float)
    rows = {}
    for s in shares:
        last = simulate_keep_win(annual_litres, float(s), config).iloc[-1]
        rows[float(s)] = {"customers": last["customers"], "cumulative_profit": last["cumulative_profit"]}
    out = pd.DataFrame(rows).T
    out.index.name = "keep_share"
    return out
