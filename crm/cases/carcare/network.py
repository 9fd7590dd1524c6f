"""Could seeds/004's service network answer within 30 minutes, as demand and staff change?

seeds/004 describes an unnamed network of another firm (not 车佰汇): "基本區域網點為1023個服務中心".
The 30 minutes come from another passage, a worksheet row on what repair-shop managers expect
("對客戶的第一時間回應要在30分中內回饋"), not from a promise of that network: testing the network
against them is an assumption of the data set (``network_target``). Each centre in
its peak hour is an M/M/c queue (:func:`crm.core.queueing.erlang_c`): requests arrive at
random, ``staff`` people answer them. In an M/M/c queue the wait is zero with
probability ``1 − C`` and otherwise exponential with rate ``cμ − λ``, so the share of
requests answered within ``t`` minutes is ``1 − C · exp(−(cμ − λ) t)``.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from crm.core.queueing import erlang_c
from crm.core.schemas import DataError

PROMISE_MINUTES = 30.0  # seeds/004


def response_within(arrival_rate: float, service_rate: float, servers: int, minutes: float) -> float:
    """Share of requests whose first response starts within ``minutes`` (rates per minute).

    Examples
    --------
    >>> round(response_within(0.1, 0.05, 3, 30.0), 4)
    0.9755
    """
    if minutes < 0:
        raise DataError("承诺时间不能为负。", "The promised time cannot be negative.")
    if servers < 1:
        return 0.0
    if arrival_rate <= 0:
        return 1.0
    if arrival_rate >= servers * service_rate:
        return 0.0
    c = erlang_c(arrival_rate, service_rate, servers)
    return float(1.0 - c * math.exp(-(servers * service_rate - arrival_rate) * minutes))


def network_promise(centres: pd.DataFrame, demand: float = 1.0, extra_staff: int = 0,
                    handling_minutes: float = 20.0, promise_minutes: float = PROMISE_MINUTES) -> pd.DataFrame:
    """Each centre's peak hour: utilisation, mean wait and the share answered within the promise.

    Parameters
    ----------
    centres : DataFrame
        ``centre_id``, ``peak_requests_per_hour``, ``staff``.
    demand : float
        Multiplier on every centre's requests (1.2 = 20 % more).
    extra_staff : int
        Staff added at (or, if negative, taken from) every centre; at least one stays.
    handling_minutes : float
        Minutes a staff member is busy with one request.

    Returns
    -------
    DataFrame
        One row per centre: ``centre_id``, ``requests_per_hour``, ``staff``,
        ``utilisation``, ``mean_wait`` (minutes; inf if overloaded), ``within_promise``.
    """
    if demand < 0 or handling_minutes <= 0:
        raise DataError("需求倍数不能为负，处理时间必须大于 0。",
                        "The demand multiplier cannot be negative and the handling time must be above 0.")
    lam = centres["peak_requests_per_hour"].to_numpy(float) * demand / 60.0
    staff = np.maximum(centres["staff"].to_numpy(int) + int(extra_staff), 1)
    mu = 1.0 / handling_minutes
    within, wait = np.empty(len(lam)), np.empty(len(lam))
    for i, (a, c) in enumerate(zip(lam, staff)):
        within[i] = response_within(a, mu, int(c), promise_minutes)
        wait[i] = erlang_c(a, mu, int(c)) / (c * mu - a) if a < c * mu else math.inf
    return pd.DataFrame({"centre_id": centres["centre_id"].to_numpy(), "requests_per_hour": lam * 60,
                         "staff": staff, "utilisation": lam / (staff * mu), "mean_wait": wait,
                         "within_promise": within})


def promise_summary(per_centre: pd.DataFrame, target: float = 0.9) -> dict[str, float]:
    """Network totals: centres meeting ``target``, the share of all requests answered in time, staff."""
    if not 0 < target <= 1:
        raise DataError("目标比例必须在 0 与 1 之间。", "The target share must be between 0 and 1.")
    w = per_centre["requests_per_hour"].to_numpy(float)
    ok = per_centre["within_promise"].to_numpy(float)
    return {"centres": int(len(per_centre)), "centres_meeting_target": int((ok >= target).sum()),
            "requests_within_promise": float((w * ok).sum() / w.sum()) if w.sum() > 0 else 1.0,
            "overloaded_centres": int((per_centre["utilisation"] >= 1).sum()),
            "staff": int(per_centre["staff"].sum())}


def staff_to_meet(centres: pd.DataFrame, target: float = 0.9, demand: float = 1.0, handling_minutes: float = 20.0,
                  promise_minutes: float = PROMISE_MINUTES, max_staff: int = 100) -> pd.Series:
    """Fewest staff at each centre so that ``target`` of its requests get an answer in time."""
    if not 0 < target < 1:
        raise DataError("目标比例必须大于 0 且小于 1。", "The target share must be above 0 and below 1.")
    lam = centres["peak_requests_per_hour"].to_numpy(float) * demand / 60.0
    mu = 1.0 / handling_minutes
    need = []
    for a in lam:
        c = max(1, math.floor(a / mu) + 1)
        while response_within(a, mu, c, promise_minutes) < target and c < max_staff:
            c += 1
        need.append(c)
    return pd.Series(need, index=centres["centre_id"].to_numpy(), name="staff_needed")
