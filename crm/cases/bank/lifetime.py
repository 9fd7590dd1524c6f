"""Tier migration and customer lifetime value: a Markov chain estimated from yearly contributions.

Each year a client is in a value tier (by the profit he contributed that year, with
:func:`crm.core.segment.value_tiers`) or has left (``lost``, absorbing). Counting moves between
consecutive years gives the transition matrix; with a mean profit per tier it gives the
expected discounted profit of a client of each tier (CLV), and a retention strategy that
cuts a tier's leaving rate at a cost per client can be simulated forward and compared with
doing nothing. The discount rate and strategy costs are the user's assumptions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.segment import ParetoRanking, pareto_ranking
from crm.core.shared_results import shared

LOST = "lost"


def yearly_tiers(profits: pd.DataFrame, thresholds: Mapping[str, float]) -> pd.DataFrame:
    """The tier of every client in every year (``lost`` once he has gone, empty before he came).

    Parameters
    ----------
    profits : DataFrame
        ``customer_id``, ``year``, ``profit``: one row per client and year as a client; or
        the same already pivoted (:func:`profit_table`), which a view keeps to re-tier fast.
    thresholds : mapping
        Tier → minimum yearly profit, highest tier first (as :func:`crm.core.segment.value_tiers`).

    Returns
    -------
    DataFrame
        Index ``customer_id``, one categorical column per year (the tiers, then ``lost``),
        empty before the client came.
    """
    from crm.core.segment import value_tiers

    missing = {"customer_id", "year", "profit"} - set(profits.columns)
    if "year" in profits.columns and missing:
        raise DataError(f"利润表缺少列：{sorted(missing)}。", f"The profit table lacks the columns {sorted(missing)}.")
    wide = profits if "year" not in profits.columns else \
        profits.pivot(index="customer_id", columns="year", values="profit").sort_index(axis=1)
    values = wide.to_numpy(dtype=float)
    codes = np.full(values.shape, -1, dtype=np.int64)  # -1: not yet a client
    labels: list[str] = []
    seen = np.zeros(len(wide), dtype=bool)
    for j in range(values.shape[1]):
        present = ~np.isnan(values[:, j])
        if present.any():
            tiers = value_tiers(pd.Series(values[present, j], index=wide.index[present]), thresholds)
            labels = list(tiers.cat.categories)
            codes[present, j] = tiers.cat.codes.to_numpy()
        codes[seen & ~present, j] = len(thresholds)  # gone: lost
        seen |= present
    states = (labels or [str(k) for k in dict(thresholds)]) + [LOST]
    return pd.DataFrame({year: pd.Categorical.from_codes(codes[:, j], categories=states)
                         for j, year in enumerate(wide.columns)}, index=wide.index)


def profit_table(profits: pd.DataFrame) -> pd.DataFrame:
    """Profits pivoted: one row per client, one column per year, empty where he was no client."""
    return profits.pivot(index="customer_id", columns="year", values="profit").sort_index(axis=1)


def transition_counts(yearly: pd.DataFrame, tiers: Sequence[str]) -> pd.DataFrame:
    """Moves from each tier in one year to each tier (or ``lost``) in the next, summed over years."""
    states = list(tiers) + [LOST]
    counts = np.zeros((len(tiers), len(states)), dtype=np.int64)
    if all(isinstance(d, pd.CategoricalDtype) and list(d.categories) == states for d in yearly.dtypes):
        codes = np.column_stack([yearly[c].cat.codes.to_numpy(dtype=np.int64) for c in yearly.columns])
    else:
        values = yearly.to_numpy(dtype=object)
        codes = pd.Categorical(values.ravel(), categories=states).codes.reshape(values.shape).astype(np.int64)
        if ((codes < 0) & pd.notna(values)).any():
            raise DataError("年度分层中有未知的层级。", "The yearly tiers contain an unknown tier.")
    k = len(states)
    for t in range(codes.shape[1] - 1):
        a, b = codes[:, t], codes[:, t + 1]
        ok = (a >= 0) & (a < len(tiers)) & (b >= 0)
        counts += np.bincount(a[ok] * k + b[ok], minlength=len(tiers) * k).reshape(len(tiers), k)
    return pd.DataFrame(counts, index=pd.Index(list(tiers), name="from"), columns=pd.Index(states, name="to"))


def transition_matrix(yearly: pd.DataFrame, tiers: Sequence[str]) -> pd.DataFrame:
    """Row-normalised :func:`transition_counts`: the chance of each move in a year (rows sum to 1)."""
    counts = transition_counts(yearly, tiers)
    total = counts.sum(axis=1)
    if (total == 0).any():
        empty = list(total.index[total == 0])
        raise DataError(f"层级 {empty} 没有任何年度记录，无法估计迁移概率。",
                        f"Tier(s) {empty} never occur, so their moves cannot be estimated.")
    return counts.div(total, axis=0)


def _full_matrix(matrix: pd.DataFrame) -> np.ndarray:
    """Square matrix with ``lost`` as an absorbing last state."""
    p = matrix.to_numpy(dtype=float)
    if (p < -1e-12).any() or not np.allclose(p.sum(axis=1), 1.0):
        raise DataError("迁移矩阵的每一行须为非负且和为 1。", "Each row of the transition matrix must be >= 0 and sum to 1.")
    absorbing = np.zeros((1, p.shape[1]))
    absorbing[0, -1] = 1.0
    return np.vstack([p, absorbing])


def tier_clv(matrix: pd.DataFrame, tier_profit: Mapping[str, float] | pd.Series, discount_rate: float = 0.08,
             years: int = 10) -> pd.Series:
    """Expected discounted profit over the next ``years`` years of a client now in each tier.

    ``CLV_i = Σ_{t=1..years} (P^t profit)_i / (1 + r)^t``: the client's tier moves by the
    transition matrix ``P``; a lost client earns nothing.
    """
    if years < 1 or discount_rate <= -1:
        raise DataError("年数须 ≥ 1，折现率须 > -100%。", "years must be >= 1 and the discount rate > -100%.")
    p = _full_matrix(matrix)
    profit = np.r_[[float(tier_profit[t]) for t in matrix.index], 0.0]
    clv, state = np.zeros(len(p)), np.eye(len(p))
    for t in range(1, years + 1):
        state = state @ p
        clv += state @ profit / (1 + discount_rate) ** t
    return pd.Series(clv[:-1], index=matrix.index, name="clv")


@dataclass(frozen=True)
class RetentionStrategy:
    """Keep a share ``churn_cut`` of the clients of a tier who would leave, at ``cost_per_client`` a year."""

    churn_cut: float = 0.0
    cost_per_client: float = 0.0

    def __post_init__(self) -> None:
        if not 0 <= self.churn_cut <= 1 or self.cost_per_client < 0:
            raise DataError("挽留策略：流失降低比例须在 0 到 1 之间，成本须 ≥ 0。",
                            "Retention strategy: churn_cut must lie in [0, 1] and cost_per_client be >= 0.")


def apply_strategies(matrix: pd.DataFrame, strategies: Mapping[str, RetentionStrategy]) -> pd.DataFrame:
    """The transition matrix once each tier's strategy keeps part of its leavers in the tier."""
    p = matrix.copy()
    for tier, s in strategies.items():
        if tier not in p.index:
            raise DataError(f"没有名为“{tier}”的层级。", f"There is no tier '{tier}'.")
        kept = p.loc[tier, LOST] * s.churn_cut
        p.loc[tier, LOST] -= kept
        p.loc[tier, tier] += kept
    return p


def simulate_retention(matrix: pd.DataFrame, start: Mapping[str, float] | pd.Series,
                       tier_profit: Mapping[str, float] | pd.Series,
                       strategies: Mapping[str, RetentionStrategy] | None = None,
                       years: int = 5, discount_rate: float = 0.08) -> pd.DataFrame:
    """Expected clients per tier, profit and strategy cost, year by year, for today's clients.

    Returns
    -------
    DataFrame
        Index ``year`` (1..years); one column per tier and ``lost`` (expected clients at the
        year's end), ``profit``, ``cost``, ``net`` and ``cumulative_npv`` (discounted net).
    """
    if years < 1:
        raise DataError("年数须 ≥ 1。", "years must be >= 1.")
    strategies = dict(strategies or {})
    p = _full_matrix(apply_strategies(matrix, strategies))
    tiers = list(matrix.index)
    profit = np.r_[[float(tier_profit[t]) for t in tiers], 0.0]
    cost_rate = np.r_[[strategies[t].cost_per_client if t in strategies else 0.0 for t in tiers], 0.0]
    state = np.r_[[float(start.get(t, 0.0)) for t in tiers], 0.0]
    rows, npv = [], 0.0
    for year in range(1, years + 1):
        cost = float(state @ cost_rate)  # paid on the clients there at the start of the year
        state = state @ p
        earned = float(state @ profit)
        npv += (earned - cost) / (1 + discount_rate) ** year
        rows.append([*state, earned, cost, earned - cost, npv])
    return pd.DataFrame(rows, columns=[*tiers, LOST, "profit", "cost", "net", "cumulative_npv"],
                        index=pd.RangeIndex(1, years + 1, name="year"))


def contribution(profits: pd.DataFrame, year: int | None = None) -> pd.Series:
    """Each client's profit contribution in ``year`` (default: the latest year), by ``customer_id``."""
    year = int(profits["year"].max()) if year is None else year
    rows = profits[profits["year"] == year]
    if rows.empty:
        raise DataError(f"利润表中没有 {year} 年的数据。", f"The profit table has no rows for {year}.")
    return rows.set_index("customer_id")["profit"].astype(float).rename("profit")


@shared
def yearly_rankings(profits: pd.DataFrame) -> dict[int, ParetoRanking]:
    """One Pareto ranking (:func:`crm.core.segment.pareto_ranking`) of :func:`contribution` per year, oldest first.

    Shared by an app's kernels for the case's own profits (:mod:`crm.core.shared_results`):
    callers must not change the dictionary or its rankings.
    """
    return {int(y): pareto_ranking(contribution(profits, int(y))) for y in sorted(profits["year"].unique())}


#: The one "year" of an uploaded table without years or dates.
ALL_YEARS = 0


def profit_years(profits: pd.DataFrame) -> pd.Series:
    """The year of each row of a contributions table: its ``year``, else the year of its ``date``,
    else :data:`ALL_YEARS` for every row (a file covering one period)."""
    if "year" in profits.columns:
        return profits["year"].astype(int)
    if "date" in profits.columns:
        return profits["date"].dt.year
    return pd.Series(ALL_YEARS, index=profits.index)
