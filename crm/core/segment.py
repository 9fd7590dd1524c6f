"""Customer classification shared by every case: ABC/Pareto, tiers and the customer value matrix.

ABC follows the 20/80 rule as the supermarket paper states it (seeds/002,
扬州A超市): "年购物总额占60%-70%的客户数量只占10%-20%，这类客户称为超市的重点客户，
即A类客户". Customers are ranked by value and cut where the *cumulative share of
value* crosses two movable lines (default 65 % and 85 %).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: Default cumulative value-share cut-offs: A up to 65 %, B up to 85 %, C the rest.
#: The midpoints of the source's ranges (A 60–70 % of spend; C 10–20 %).
DEFAULT_ABC_CUTOFFS: tuple[float, float] = (0.65, 0.85)
ABC_LABELS: tuple[str, str, str] = ("A", "B", "C")
#: The customer value matrix's four types (seeds/001, 客戶價值矩陣): I both low, II high growth
#: potential only, III high current value only, IV both high.
VALUE_TYPES: tuple[str, str, str, str] = ("I", "II", "III", "IV")


def _check_cutoffs(cutoffs: Sequence[float]) -> tuple[float, float]:
    if len(cutoffs) != 2:
        raise DataError(
            message_zh=f"ABC 分界点需要两个数（A/B 与 B/C），收到 {len(cutoffs)} 个。",
            message_en=f"ABC needs two cut-offs (A/B and B/C); got {len(cutoffs)}.",
        )
    a, b = float(cutoffs[0]), float(cutoffs[1])
    if not (0.0 < a < b <= 1.0):
        raise DataError(
            message_zh=f"ABC 分界点必须满足 0 < A/B < B/C ≤ 1，收到 {a:g} 与 {b:g}。",
            message_en=f"ABC cut-offs must satisfy 0 < A/B < B/C ≤ 1; got {a:g} and {b:g}.",
        )
    return a, b


@dataclass(frozen=True)
class ParetoRanking:
    """Customers sorted by value, largest first, with cumulative shares.

    Built once by :func:`pareto_ranking`; moving an ABC cut-off then costs two
    binary searches (:func:`abc_counts`), which is what keeps the ABC view fast.
    """

    customer_id: np.ndarray
    value: np.ndarray
    cum_value_share: np.ndarray  # share of total value held by customers 1..i
    share_before: np.ndarray  # share held by customers 1..i-1 (decides the class)

    @property
    def n(self) -> int:
        return len(self.value)

    @property
    def total(self) -> float:
        return float(self.value.sum())


def pareto_ranking(values: pd.Series) -> ParetoRanking:
    """Rank customers by value (descending; ties by id) and accumulate shares.

    Equal values are ranked by id, so the ranking depends only on the values, not on the
    order of the rows. For spend summed from a transaction log use
    :func:`crm.core.rfm.rfm_table`'s ``monetary``: it sums whole-cent amounts exactly, so two
    customers who spent the same to the cent have equal values (a plain float sum in
    row order would make them differ by rounding noise and order them by that).

    Parameters
    ----------
    values : pd.Series
        One non-negative value (e.g. annual spend) per customer, indexed by id.

    Returns
    -------
    ParetoRanking
    """
    if len(values) == 0:
        raise DataError(message_zh="没有客户可以分类：表格为空。",
                        message_en="No customers to classify: the table is empty.")
    v = values.to_numpy(dtype=float)
    if np.isnan(v).any() or (v < 0).any():
        raise DataError(message_zh="客户价值不能为负数或空值。",
                        message_en="Customer values must be non-negative numbers.")
    ids = values.index.to_numpy()
    order = np.lexsort((ids.astype(str), -v))
    v_sorted = v[order]
    total = v_sorted.sum()
    cum = np.cumsum(v_sorted) / total if total > 0 else np.linspace(1 / len(v), 1, len(v))
    before = np.concatenate(([0.0], cum[:-1]))
    return ParetoRanking(ids[order], v_sorted, cum, before)


def abc_counts(ranking: ParetoRanking, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS) -> tuple[int, int, int]:
    """Number of customers in A, B and C for the given cumulative-share cut-offs.

    A customer belongs to A while the share held by the customers ranked above
    him is below the A/B line, so the customer who crosses the line is still A.
    """
    a, b = _check_cutoffs(cutoffs)
    n_a = int(np.searchsorted(ranking.share_before, a, side="left"))
    n_ab = int(np.searchsorted(ranking.share_before, b, side="left"))
    return n_a, n_ab - n_a, ranking.n - n_ab


def abc_classes(values: pd.Series, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS) -> pd.DataFrame:
    """Classify customers A/B/C by cumulative share of value.

    Parameters
    ----------
    values : pd.Series
        Value per customer (index = customer id).
    cutoffs : (float, float)
        Cumulative value shares closing class A and class B, 0 < a < b ≤ 1.

    Returns
    -------
    pd.DataFrame
        One row per customer, largest first: ``customer_id``, ``value``, ``rank``
        (1 = largest), ``cum_customer_share``, ``cum_value_share``, ``abc_class``.

    Examples
    --------
    >>> s = pd.Series([60.0, 25.0, 10.0, 5.0], index=["w", "x", "y", "z"])
    >>> abc_classes(s, (0.6, 0.85))["abc_class"].tolist()
    ['A', 'B', 'C', 'C']
    """
    ranking = pareto_ranking(values)
    n_a, n_b, n_c = abc_counts(ranking, cutoffs)
    labels = np.repeat(np.array(ABC_LABELS), [n_a, n_b, n_c])
    return pd.DataFrame({
        "customer_id": ranking.customer_id,
        "value": ranking.value,
        "rank": np.arange(1, ranking.n + 1),
        "cum_customer_share": np.arange(1, ranking.n + 1) / ranking.n,
        "cum_value_share": ranking.cum_value_share,
        "abc_class": pd.Categorical(labels, categories=list(ABC_LABELS)),
    })


def abc_summary(ranking: ParetoRanking, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS) -> pd.DataFrame:
    """Class table: customers, value, their shares and mean value per class.

    Returns
    -------
    pd.DataFrame
        Index ``abc_class`` (A, B, C); columns ``customers``, ``customer_share``,
        ``value``, ``value_share``, ``mean_value``. Shares sum to 1.
    """
    counts = np.array(abc_counts(ranking, cutoffs))
    ends = np.cumsum(counts)
    cum_value = np.concatenate(([0.0], np.cumsum(ranking.value)))
    value = np.diff(np.concatenate(([0.0], cum_value[ends])))
    total = ranking.total
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(counts > 0, value / np.maximum(counts, 1), 0.0)
    return pd.DataFrame({
        "customers": counts,
        "customer_share": counts / ranking.n,
        "value": value,
        "value_share": value / total if total > 0 else counts / ranking.n,
        "mean_value": mean,
    }, index=pd.Index(list(ABC_LABELS), name="abc_class"))


def pareto_curve(ranking: ParetoRanking, points: int = 501) -> pd.DataFrame:
    """The Pareto (cumulative) curve, downsampled to at most ``points`` points.

    Returns
    -------
    pd.DataFrame
        ``customer_share`` from 0 to 1 and ``value_share`` held by the top
        customers, starting at (0, 0) and ending at (1, 1).
    """
    x = np.linspace(0.0, 1.0, min(points, ranking.n + 1))
    k = np.rint(x * ranking.n).astype(int)
    y = np.concatenate(([0.0], ranking.cum_value_share))[k]
    return pd.DataFrame({"customer_share": x, "value_share": y})


def gini(values: pd.Series) -> float:
    """Gini coefficient of customer value (0 = all equal, → 1 = one customer holds all)."""
    v = np.sort(values.to_numpy(dtype=float))
    n = len(v)
    if n == 0 or v.sum() == 0:
        return 0.0
    return float((2 * np.arange(1, n + 1) - n - 1) @ v / (n * v.sum()))


# --- Tiers: a customer pyramid cut by value thresholds or by rank -------------------------
# The fuel case's VIP / A / B customers are cut by value (seeds/002, 中原石油: "VIP客户、A类以上
# 单位客户、B类以上个人客户"); the bank pyramid (seeds/004, HSBC) by rank. Both give every
# customer exactly one tier, highest first, and share one summary.

def _tier_frame(values: pd.Series, labels: Sequence[str], codes: np.ndarray) -> pd.Series:
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(labels)), index=values.index, name="tier")


def _check_values(values: pd.Series) -> np.ndarray:
    v = values.to_numpy(dtype=float)
    if np.isnan(v).any():
        raise DataError(message_zh="客户价值不能为空值。", message_en="Customer values must not be empty.")
    return v


def value_tiers(values: pd.Series, thresholds: "dict[str, float] | Sequence[tuple[str, float]]") -> pd.Series:
    """Tier of each customer by the minimum value of each tier, highest tier first.

    Parameters
    ----------
    values : pd.Series
        Value per customer (index = customer id), e.g. litres a year.
    thresholds : mapping tier -> minimum value
        Ordered highest tier first with strictly decreasing minima. A customer gets the
        first tier whose minimum he reaches; the last tier should have a minimum at or
        below every value (e.g. 0 or ``-inf``), else a customer below it gets no tier
        and a :class:`DataError` says how many.

    Returns
    -------
    pd.Series
        Categorical ``tier`` (categories in the order given), same index as ``values``.

    Examples
    --------
    >>> value_tiers(pd.Series([900.0, 300.0, 10.0], index=list("xyz")), {"VIP": 500, "A": 100, "B": 0}).tolist()
    ['VIP', 'A', 'B']
    """
    items = list(thresholds.items()) if isinstance(thresholds, dict) else list(thresholds)
    labels, minima = [k for k, _ in items], np.array([float(m) for _, m in items])
    if len(items) == 0 or (np.diff(minima) >= 0).any():
        raise DataError(message_zh=f"分层门槛必须从高到低严格递减，收到 {minima.tolist()}。",
                        message_en=f"Tier minima must strictly decrease, highest tier first; got {minima.tolist()}.")
    v = _check_values(values)
    # Number of minima above the value = index of the first tier the value reaches.
    codes = np.searchsorted(-minima, -v, side="left")
    below = int((codes == len(labels)).sum())
    if below:
        raise DataError(message_zh=f"有 {below} 位客户低于最低一层的门槛 {minima[-1]:g}，没有层级。",
                        message_en=f"{below} customers are below the lowest tier's minimum {minima[-1]:g} and get no tier.")
    return _tier_frame(values, labels, codes)


def rank_tiers(values: pd.Series, shares: "dict[str, float] | Sequence[tuple[str, float]]") -> pd.Series:
    """Tier of each customer by rank: the top ``shares[0]`` of customers, then the next, ...

    Parameters
    ----------
    values : pd.Series
        Value per customer (index = customer id), e.g. yearly profit contribution.
    shares : mapping tier -> share of customers
        Top tier first; positive shares summing to 1. Tier sizes are rounded so that
        they add up to the number of customers; ties in value are broken by id, as in
        :func:`pareto_ranking`.

    Returns
    -------
    pd.Series
        Categorical ``tier``, same index as ``values``.

    Examples
    --------
    >>> rank_tiers(pd.Series([5.0, 9.0, 1.0, 3.0], index=list("wxyz")), {"top": 0.25, "rest": 0.75}).tolist()
    ['rest', 'top', 'rest', 'rest']
    """
    items = list(shares.items()) if isinstance(shares, dict) else list(shares)
    labels, s = [k for k, _ in items], np.array([float(x) for _, x in items])
    if len(items) == 0 or (s <= 0).any() or abs(s.sum() - 1.0) > 1e-9:
        raise DataError(message_zh=f"各层客户占比必须为正且合计为 1，收到 {s.tolist()}。",
                        message_en=f"Tier shares must be positive and sum to 1; got {s.tolist()}.")
    ranking = pareto_ranking(values)
    ends = np.rint(np.cumsum(s) * ranking.n).astype(int)
    ends[-1] = ranking.n
    by_rank = np.repeat(np.arange(len(labels)), np.diff(np.concatenate(([0], ends))))
    position = pd.Series(np.arange(ranking.n), index=ranking.customer_id).reindex(values.index).to_numpy()
    return _tier_frame(values, labels, by_rank[position])


def tier_summary(values: pd.Series, tiers: pd.Series) -> pd.DataFrame:
    """Customers, value, their shares and mean value per tier (every tier listed, in order).

    Returns
    -------
    pd.DataFrame
        Index ``tier``; columns ``customers``, ``customer_share``, ``value``,
        ``value_share``, ``mean_value``. Shares sum to 1.
    """
    v = _check_values(values)
    tiers = tiers.reindex(values.index)
    if tiers.isna().any():
        raise DataError(message_zh="有客户没有层级。", message_en="Some customers have no tier.")
    cats = list(tiers.cat.categories) if isinstance(tiers.dtype, pd.CategoricalDtype) else sorted(tiers.unique())
    codes = pd.Categorical(tiers, categories=cats).codes
    counts = np.bincount(codes, minlength=len(cats))
    value = np.bincount(codes, weights=v, minlength=len(cats))
    n, total = max(len(v), 1), v.sum()
    return pd.DataFrame({
        "customers": counts,
        "customer_share": counts / n,
        "value": value,
        "value_share": value / total if total else counts / n,
        "mean_value": np.divide(value, counts, out=np.zeros(len(cats)), where=counts > 0),
    }, index=pd.Index(cats, name="tier"))


def ranked_tier_summary(ranking: ParetoRanking, shares: Mapping[str, float]) -> pd.DataFrame:
    """:func:`tier_summary` of :func:`rank_tiers`, from a ranking made once.

    The same tiers by the same rounding rule, in O(tiers) instead of a sort per call, so
    a view can recut the pyramid on every slider move (a ranking of 30,000 clients: about
    145 ms for rank_tiers + tier_summary, well under 1 ms here).
    """
    labels, s = list(shares), np.array([float(x) for x in shares.values()])
    if len(s) == 0 or (s <= 0).any() or abs(s.sum() - 1.0) > 1e-9:
        raise DataError(f"各层客户占比必须为正且合计为 1，收到 {s.tolist()}。",
                        f"Tier shares must be positive and sum to 1; got {s.tolist()}.")
    n = ranking.n
    ends = np.rint(np.cumsum(s) * n).astype(int)
    ends[-1] = n
    counts = np.diff(np.r_[0, ends])
    cum = np.r_[0.0, np.cumsum(ranking.value)]
    value = np.diff(cum[np.r_[0, ends]])
    total = ranking.total
    return pd.DataFrame({"customers": counts, "customer_share": counts / max(n, 1), "value": value,
                         "value_share": value / total if total else counts / max(n, 1),
                         "mean_value": np.divide(value, counts, out=np.zeros(len(labels)), where=counts > 0)},
                        index=pd.Index(labels, name="tier"))


def value_matrix_types(current, potential, current_cut: float, potential_cut: float) -> pd.Categorical:
    """Each customer's type in the customer value matrix (current value × growth potential).

    seeds/001: "客戶價值細分的兩個具體維度是客戶當前價值和客戶增值潛力". A value at or above its
    cut is high: type I both low, II high potential only, III high current value only, IV both
    high (``VALUE_TYPES``). The bank case cuts its clients' scores with it, the concepts notebook
    its present values.

    Examples
    --------
    >>> list(value_matrix_types([1, 1, 9, 9], [1, 9, 1, 9], 5, 5))
    ['I', 'II', 'III', 'IV']
    """
    high_c = np.asarray(current, dtype=float) >= current_cut
    high_p = np.asarray(potential, dtype=float) >= potential_cut
    return pd.Categorical.from_codes(high_c * 2 + high_p, categories=list(VALUE_TYPES))  # 0 I, 1 II, 2 III, 3 IV
