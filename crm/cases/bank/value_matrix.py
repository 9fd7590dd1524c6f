"""The bank case's customer value matrix and its credit × contribution grid (seeds/001, seeds/002).

The value matrix cuts clients by current value and growth potential into four types
(I–IV); the credit × contribution grid cuts them by credit score and contribution into key,
potential and ordinary clients.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.segment import VALUE_TYPES, value_matrix_types
#: Classes of the bank CRM design (seeds/002: "重点客户、潜在客户和普通客户").
CREDIT_CLASSES: tuple[str, str, str] = ("key", "potential", "ordinary")


def _check_aligned(a: pd.Series, b: pd.Series, what_zh: str, what_en: str) -> None:
    if len(a) == 0:
        raise DataError("没有客户可以分类：表格为空。", "No customers to classify: the table is empty.")
    if not a.index.equals(b.index):
        raise DataError(f"{what_zh}两列的客户不一致（索引须相同）。",
                        f"The two columns of the {what_en} are not for the same customers (indexes differ).")
    if a.isna().any() or b.isna().any():
        raise DataError(f"{what_zh}中有空值。", f"The {what_en} has missing values.")


def value_matrix(current: pd.Series, potential: pd.Series, current_cut: float, potential_cut: float) -> pd.DataFrame:
    """Place each customer in the customer value matrix (current value × growth potential).

    seeds/001: "客戶價值細分的兩個具體維度是客戶當前價值和客戶增值潛力". A value at or
    above its cut is "high". Type I: both low; II: high potential, low current value;
    III: high current value, low potential; IV: both high.

    Parameters
    ----------
    current, potential : pd.Series
        Current value and growth potential per customer (same index).
    current_cut, potential_cut : float
        The values from which current value and potential count as high.

    Returns
    -------
    pd.DataFrame
        Indexed like ``current``: ``current_value``, ``potential``, ``value_type`` (I–IV).

    Examples
    --------
    >>> cur = pd.Series([1.0, 1.0, 9.0, 9.0], index=list("abcd"))
    >>> pot = pd.Series([1.0, 9.0, 1.0, 9.0], index=list("abcd"))
    >>> value_matrix(cur, pot, 5, 5)["value_type"].tolist()
    ['I', 'II', 'III', 'IV']
    """
    _check_aligned(current, potential, "价值矩阵", "value matrix")
    return pd.DataFrame({"current_value": current.to_numpy(dtype=float), "potential": potential.to_numpy(dtype=float),
                         "value_type": value_matrix_types(current, potential, current_cut, potential_cut)},
                        index=current.index)


def value_matrix_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """Customers, their share, and total and mean current value and potential per value type."""
    g = matrix.groupby("value_type", observed=False)
    out = pd.DataFrame({"customers": g.size(), "current_value": g["current_value"].sum(),
                        "potential": g["potential"].sum()}).reindex(list(VALUE_TYPES), fill_value=0)
    out["customer_share"] = out["customers"] / max(int(out["customers"].sum()), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["mean_current_value"] = np.where(out["customers"] > 0, out["current_value"] / out["customers"].clip(lower=1), 0.0)
        out["mean_potential"] = np.where(out["customers"] > 0, out["potential"] / out["customers"].clip(lower=1), 0.0)
    out.index.name = "value_type"
    return out[["customers", "customer_share", "current_value", "potential", "mean_current_value", "mean_potential"]]


def credit_contribution_classes(credit_score: pd.Series, contribution: pd.Series, credit_cut: float,
                                contribution_cut: float) -> pd.Series:
    """Key / potential / ordinary clients from their credit rating and their contribution.

    seeds/002 (bank CRM design): rate each client's credit and contribution, then classes
    such as "重点客户、潜在客户和普通客户". Here: good credit (score ≥ ``credit_cut``) and
    contribution ≥ ``contribution_cut`` → key; good credit, lower contribution → potential;
    credit below the cut → ordinary, whatever the contribution (the bank does not grow a
    relationship it cannot lend to).

    Returns
    -------
    pd.Series
        Categorical ``credit_class`` (key, potential, ordinary), indexed like ``credit_score``.
    """
    _check_aligned(credit_score, contribution, "信用与贡献", "credit and contribution grid")
    good = credit_score.to_numpy(dtype=float) >= credit_cut
    high = contribution.to_numpy(dtype=float) >= contribution_cut
    code = np.where(good & high, 0, np.where(good, 1, 2))
    return pd.Series(pd.Categorical.from_codes(code, categories=list(CREDIT_CLASSES)), index=credit_score.index,
                     name="credit_class")
