"""Winning customers: the three-step acquisition funnel (seeds/002, 中原石油).

The fuel-station paper acquires a customer in three visits ("客户开发三步法"): remember plate
and model at the first; at the second, with the customer's consent, name and employer (basic
file); at the third, contact details (complete file). How a budget splits between keeping and
winning customers is :mod:`crm.cases.fuel.keep_win`.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from crm.core.schemas import DataError



#: The funnel's steps, in order; the rate of a step is its conversion from the step before.
FUNNEL_STEPS = ("first_visit", "second_visit", "basic_file", "third_visit", "complete_file")


def acquisition_funnel(customers: pd.DataFrame, since: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """How many new vehicles reached each step of the three-step acquisition.

    Parameters
    ----------
    customers : DataFrame
        ``first_visit``, ``second_visit``, ``third_visit`` (dates, empty if not yet),
        ``file_stage`` ("plate", "basic" or "complete").
    since : date, optional
        Count only vehicles first seen on or after this day (the new ones).

    Returns
    -------
    DataFrame
        Index ``step`` (:data:`FUNNEL_STEPS`); ``customers``, ``rate`` (from the step
        before; 1 for the first) and ``share`` (of first visits).

    Examples
    --------
    >>> c = pd.DataFrame({"first_visit": pd.to_datetime(["2024-01-01"] * 4),
    ...                   "second_visit": pd.to_datetime(["2024-01-09", "2024-01-12", None, None]),
    ...                   "third_visit": pd.to_datetime(["2024-01-20", None, None, None]),
    ...                   "file_stage": ["complete", "basic", "plate", "plate"]})
    >>> acquisition_funnel(c)["customers"].tolist()
    [4, 2, 2, 1, 1]
    """
    missing = [c for c in ("first_visit", "second_visit", "third_visit", "file_stage") if c not in customers]
    if missing:
        raise DataError(f"客户表缺少列：{'、'.join(missing)}。", f"The customers table lacks columns: {', '.join(missing)}.")
    c = customers if since is None else customers[customers["first_visit"] >= pd.Timestamp(since)]
    if len(c) == 0:
        raise DataError("所选时间之后没有新客户。", "No new customers on or after that day.")
    filed = c["file_stage"].isin(["basic", "complete"]).to_numpy()
    counts = [len(c), int(c["second_visit"].notna().sum()), int(filed.sum()),
              int((filed & c["third_visit"].notna().to_numpy()).sum()), int((c["file_stage"] == "complete").sum())]
    counts_arr = np.array(counts, dtype=float)
    rate = np.concatenate(([1.0], np.divide(counts_arr[1:], counts_arr[:-1], out=np.zeros(4), where=counts_arr[:-1] > 0)))
    return pd.DataFrame({"customers": counts, "rate": rate, "share": counts_arr / counts_arr[0]},
                        index=pd.Index(FUNNEL_STEPS, name="step"))


def funnel_what_if(funnel: pd.DataFrame, rates: Mapping[str, float]) -> pd.DataFrame:
    """The funnel with some steps' conversion rates changed (the first visits stay).

    Parameters
    ----------
    funnel : DataFrame
        From :func:`acquisition_funnel`.
    rates : mapping
        Step → new conversion rate from the step before, between 0 and 1.

    Returns
    -------
    DataFrame
        ``funnel`` plus ``what_if_rate`` and ``what_if_customers`` (fractional: expected counts).
    """
    bad = {k: v for k, v in rates.items() if k not in FUNNEL_STEPS[1:] or not 0 <= v <= 1}
    if bad:
        raise DataError(f"转化率必须是 0 到 1 之间的数，且步骤为 {'、'.join(FUNNEL_STEPS[1:])}：{bad}。",
                        f"Rates must be between 0 and 1 for the steps {', '.join(FUNNEL_STEPS[1:])}; got {bad}.")
    out = funnel.copy()
    out["what_if_rate"] = [float(rates.get(step, r)) for step, r in zip(out.index, out["rate"])]
    out["what_if_customers"] = out["customers"].iloc[0] * np.cumprod(out["what_if_rate"].to_numpy())
    return out
