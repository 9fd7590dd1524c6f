"""Service demand against capacity (seeds/004): one day's demand, hour by hour, against an optimum and a
maximum capacity, with the source's two levers.

seeds/004 keeps only the words of its chart (需求, 最大產能, 最適產能, 過剩, 需求量, 時間) and names two
levers: "1.調整服務產能2.管理顧客對服務的需求水準" (adjust the service capacity; manage the level of demand).
The curve and the two capacities are lost, so they are named assumptions (``demand_profile``,
``optimum_capacity``, ``maximum_capacity`` in :data:`crm.cases.concepts.case.ASSUMPTIONS`), not the source's.

:func:`balance` applies the levers: ``capacity_change`` customers an hour added to (or taken from) both
capacities in every hour; ``demand_shift`` the share of the demand above optimum capacity moved into the hours
with room below it (never more than that room; the day's demand stays the same). Each hour is then split:
served up to the maximum, **unmet** above it, **above optimum** between the two lines, **idle** the optimum
capacity the demand leaves unused.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.cases.concepts.case import _a
from crm.core.schemas import DataError

FIRST_HOUR = 8


@dataclass(frozen=True, eq=False)  # a table inside: compare the fields, not the objects
class Balance:
    """One day after the levers. ``hours`` has one row per hour (hour, demand, moved, optimum, maximum, served,
    unmet, above_optimum, idle); the totals are customers over the day."""

    capacity_change: int
    demand_shift: float
    hours: pd.DataFrame
    demand: float
    moved: float
    served: float
    unmet: float
    above_optimum: float
    idle: float


def profile() -> np.ndarray:
    """The assumed demand of each hour (assumption ``demand_profile``)."""
    return np.asarray(_a("demand_profile"), dtype=float)


def lever_range(name: str) -> tuple[float, float]:
    """The two ends of a lever (assumptions ``capacity_change``, ``demand_shift``)."""
    low, high = _a(name)
    return float(low), float(high)


def _check(capacity_change: float, demand_shift: float) -> tuple[int, float]:
    low, high = lever_range("capacity_change")
    if capacity_change != capacity_change or int(capacity_change) != capacity_change or not low <= capacity_change <= high:
        raise DataError(f"产能调整须为 {low:g} 到 {high:g} 之间的整数（每小时客户数），收到 {capacity_change!r}。",
                        f"The capacity change must be a whole number from {low:g} to {high:g} customers an hour; "
                        f"got {capacity_change!r}.")
    low, high = lever_range("demand_shift")
    if demand_shift != demand_shift or not low <= demand_shift <= high:
        raise DataError(f"转移的需求比例须在 {low:.0%} 到 {high:.0%} 之间，收到 {demand_shift!r}。",
                        f"The share of demand moved must be from {low:.0%} to {high:.0%}; got {demand_shift!r}.")
    return int(capacity_change), float(demand_shift)


def shift_demand(demand: np.ndarray, optimum: float, share: float) -> np.ndarray:
    """Move ``share`` of each hour's demand above ``optimum`` into the hours below it, in proportion to their
    room; never more than the room there is, so the day's demand is unchanged.

    Examples
    --------
    >>> shift_demand(np.array([20.0, 2.0]), 10, 0.5).tolist()
    [15.0, 7.0]
    >>> shift_demand(np.array([20.0, 8.0]), 10, 1.0).tolist()  # only 2 of room: 2 moved
    [18.0, 10.0]
    """
    excess = np.clip(demand - optimum, 0, None)
    room = np.clip(optimum - demand, 0, None)
    wanted = share * excess.sum()
    moved = min(wanted, room.sum())
    if moved <= 0:
        return demand.astype(float).copy()
    return np.round(demand - excess * (moved / excess.sum()) + room * (moved / room.sum()), 9)


def balance(capacity_change: float = 0, demand_shift: float = 0.0) -> Balance:
    """The day after the two levers (see the module).

    Examples
    --------
    >>> b = balance()
    >>> b.demand == b.served + b.unmet
    True
    """
    change, share = _check(capacity_change, demand_shift)
    base = profile()
    optimum = max(float(_a("optimum_capacity")) + change, 0.0)
    maximum = max(float(_a("maximum_capacity")) + change, 0.0)
    demand = shift_demand(base, optimum, share)
    served = np.minimum(demand, maximum)
    hours = pd.DataFrame({
        "hour": np.arange(FIRST_HOUR, FIRST_HOUR + len(base)),
        "demand": demand,
        "moved": demand - base,
        "optimum": optimum,
        "maximum": maximum,
        "served": served,
        "unmet": demand - served,
        "above_optimum": np.clip(served - optimum, 0, None),
        "idle": np.clip(optimum - demand, 0, None),
    })
    total = lambda v: round(float(np.sum(v)), 6)  # noqa: E731 (sums of shares of a customer: no float dust)
    return Balance(change, share, hours, total(demand), total(np.clip(hours["moved"], 0, None)), total(served),
                   total(hours["unmet"]), total(hours["above_optimum"]), total(hours["idle"]))
