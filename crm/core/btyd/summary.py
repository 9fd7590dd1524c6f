"""Check that a table is an RFM summary the BTYD models can read, and fold it into patterns.

The models read the summary of :func:`crm.core.rfm.rfm_summary` (the convention of lifetimes
and pymc-marketing): ``frequency`` = repeat purchase periods, ``recency`` = the age at the last
purchase, ``T`` = the age at the end of the period, ``monetary_value`` = mean spend per repeat
purchase. A table that breaks that convention (recency beyond T, a repeat buyer with recency
0, a fractional frequency) is not such a summary: it is refused with a message naming the
column and the first customers at fault, not fitted into nonsense.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.schemas import DataError, MAX_ROWS_REPORTED

_NEEDED = ("frequency", "recency", "T")


def _first_ids(summary: pd.DataFrame, bad: np.ndarray) -> str:
    ids = summary.index[bad][:MAX_ROWS_REPORTED]
    return ", ".join(str(i) for i in ids)


def _refuse(summary: pd.DataFrame, bad: np.ndarray, column: str, zh: str, en: str) -> None:
    if bad.any():
        ids = _first_ids(summary, bad)
        raise DataError(message_zh=f"这不是一张 RFM 汇总表：列 {column} {zh}（客户 {ids}，共 {int(bad.sum())} 位）。",
                        message_en=f"This is not an RFM summary: column {column} {en} "
                                   f"(customers {ids}; {int(bad.sum())} in all).",
                        column=column, rows=[int(i) + 2 for i in np.flatnonzero(bad)[:MAX_ROWS_REPORTED]])


def summary_arrays(summary: pd.DataFrame, columns: tuple[str, ...] = _NEEDED) -> dict[str, np.ndarray]:
    """The summary's columns as float arrays, after checking it is an RFM summary.

    Parameters
    ----------
    summary : pd.DataFrame
        One row per customer with ``frequency``, ``recency``, ``T`` (and ``monetary_value``
        if asked for), as :func:`crm.core.rfm.rfm_summary` gives it.
    columns : tuple of str
        The columns to check and return.

    Returns
    -------
    dict of str to np.ndarray

    Raises
    ------
    DataError
        A column missing or not numeric; a value missing, negative or infinite; a fractional
        frequency; recency beyond T; recency 0 with repeat purchases, or above 0 without any.
        ``rows`` are the first bad rows as spreadsheet lines (header = 1).
    """
    if not isinstance(summary, pd.DataFrame):
        raise DataError("RFM 汇总必须是一张表（DataFrame）。", "The RFM summary must be a table (DataFrame).")
    missing = [c for c in columns if c not in summary.columns]
    if missing:
        cols = ", ".join(missing)
        raise DataError(f"这不是一张 RFM 汇总表：缺少列 {cols}（用 rfm_summary 从交易记录生成）。",
                        f"This is not an RFM summary: it lacks the column(s) {cols} (make one from the "
                        "transactions with rfm_summary).", column=missing[0])
    if len(summary) == 0:
        raise DataError("RFM 汇总表是空的。", "The RFM summary is empty.")
    out = {}
    for c in columns:
        values = pd.to_numeric(summary[c], errors="coerce").to_numpy(dtype=float)
        _refuse(summary, ~np.isfinite(values), c, "有空值、非数字或无穷大", "has empty, non-numeric or infinite values")
        _refuse(summary, values < 0, c, "有负数", "has negative values")
        out[c] = values
    if "frequency" in out:
        f = out["frequency"]
        _refuse(summary, f != np.round(f), "frequency", "应为重复购买的期数（整数）",
                "must count repeat purchase periods (whole numbers)")
    if "recency" in out and "T" in out:
        _refuse(summary, out["recency"] > out["T"] + 1e-9, "recency", "大于 T（最后一次购买时的客龄不能超过客龄）",
                "exceeds T (the age at the last purchase cannot exceed the age)")
    if "recency" in out and "frequency" in out:
        f, r = out["frequency"], out["recency"]
        _refuse(summary, (f > 0) & (r <= 0), "recency", "为 0，但有重复购买（recency 是最后一次购买时的客龄）",
                "is 0 for repeat buyers (recency is the age at the last purchase, not the days since it)")
        _refuse(summary, (f == 0) & (r > 0), "recency", "大于 0，但没有重复购买",
                "is above 0 for customers with no repeat purchase")
    return out


@dataclass(frozen=True)
class Patterns:
    """Distinct (frequency, recency, T) rows with their counts, and each customer's pattern.

    Customers who share a history share a likelihood and a forecast, so the models fit and
    predict on the patterns (Fader, Hardie & Lee fit their 2,357 CDNOW customers the same
    way) and ``inverse`` spreads the answer back to the customers.
    """

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    weight: np.ndarray
    inverse: np.ndarray


def patterns(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> Patterns:
    """Fold customers into distinct (x, t_x, T) patterns (sorted by x, then t_x, then T)."""
    key = np.zeros(len(x), dtype=np.int64)
    for column in (x, t_x, T):  # one integer key from the three columns' ranks: one sort instead of a row sort
        values, rank = np.unique(column, return_inverse=True)
        key = key * len(values) + rank.reshape(-1)
    first, inverse, counts = _unique_rows(key)
    return Patterns(x[first].astype(float), t_x[first].astype(float), T[first].astype(float), counts.astype(float),
                    inverse)


def _unique_rows(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(key, kind="stable")
    k = key[order]
    new = np.empty(len(k), dtype=bool)
    new[:1] = True
    np.not_equal(k[1:], k[:-1], out=new[1:])
    group = np.cumsum(new) - 1
    inverse = np.empty(len(k), dtype=np.int64)
    inverse[order] = group
    starts = np.flatnonzero(new)
    return order[starts], inverse, np.diff(np.append(starts, len(k)))
