"""The customer value matrix with seeds/001's own definitions: both dimensions are present values.

seeds/001: "客戶當前價值是假定客戶現行購買行為模式保持不變時,客戶未來可望為公司創造的利潤總和的現值" and
"客戶增值潛力是……客戶未來可望為公司增加的利潤總和的現值". A customer's yearly profit (or extra profit)
over the years his relationship lasts, discounted at a yearly rate, gives each; the cut that makes a
value "high" is the book's median (assumption ``matrix_cut``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.concepts.case import _a
from crm.core.schemas import DataError
from crm.core.segment import VALUE_TYPES, value_matrix_types


def annuity_factor(years: np.ndarray | float, rate: float) -> np.ndarray:
    """Present value of 1 yuan a year, paid at each year's end for ``years`` years, at ``rate``.

    Examples
    --------
    >>> round(float(annuity_factor(2, 0.1)), 4)
    1.7355
    """
    if not -1 < rate <= 1:
        raise DataError("贴现率必须大于 −100% 且不超过 100%。", "The discount rate must be above −100 % and at most 100 %.")
    y = np.asarray(years, dtype=float)
    if (y < 0).any():
        raise DataError("年数不能为负。", "Years cannot be negative.")
    return y if rate == 0 else (1 - (1 + rate) ** -y) / rate


def present_values(customers: pd.DataFrame, rate: float | None = None) -> pd.DataFrame:
    """Each customer's ``current_value`` and ``growth_potential`` (yuan, present values at ``rate``).

    Parameters
    ----------
    customers : DataFrame
        ``customer_id``, ``annual_profit``, ``annual_uplift``, ``years``.
    rate : float, optional
        Yearly discount rate; assumption ``discount_rate`` (8 %) by default.
    """
    need = ["customer_id", "annual_profit", "annual_uplift", "years"]
    missing = [c for c in need if c not in customers.columns]
    if missing:
        raise DataError(f"客户表缺少列：{'、'.join(missing)}。", f"The customer table lacks: {', '.join(missing)}.")
    if customers.empty:
        raise DataError("客户表是空的。", "The customer table is empty.")
    rate = float(_a("discount_rate") if rate is None else rate)
    f = annuity_factor(customers["years"].to_numpy(), rate)
    return pd.DataFrame({"current_value": customers["annual_profit"].to_numpy(float) * f,
                         "growth_potential": customers["annual_uplift"].to_numpy(float) * f},
                        index=pd.Index(customers["customer_id"].to_numpy(), name="customer_id"))


def value_types(values: pd.DataFrame, current_cut: float | None = None, potential_cut: float | None = None) -> pd.Series:
    """Type I–IV of each customer: I both low, II high potential only, III high current value only, IV both high.

    A value at or above its cut is high; the cuts are the medians of the book by default (``matrix_cut``).
    """
    c, p = values["current_value"], values["growth_potential"]
    c_cut = float(c.median()) if current_cut is None else float(current_cut)
    p_cut = float(p.median()) if potential_cut is None else float(potential_cut)
    return pd.Series(value_matrix_types(c, p, c_cut, p_cut), index=values.index, name="value_type")


def value_table(customers: pd.DataFrame, rate: float | None = None) -> pd.DataFrame:
    """The book with its present values and type (median cuts): one row per customer."""
    v = present_values(customers, rate)
    return v.assign(value_type=value_types(v))


def type_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per type: ``customers``, total ``current_value`` and ``growth_potential`` (yuan)."""
    g = table.groupby("value_type", observed=False)
    return pd.DataFrame({"customers": g.size(), "current_value": g["current_value"].sum(),
                         "growth_potential": g["growth_potential"].sum()}).reindex(list(VALUE_TYPES))
