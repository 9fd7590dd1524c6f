"""Peak-hour checkout: M/M/c formulas and a fast simulation of regular and express lanes.

The case's source recommends express checkout lanes at peak hours for customers with
few items ("设置快速结账口, 针对超市高峰段"). It gives no service-time numbers, so the
payment overhead, the time per item and the service-time variability below are named
modelling assumptions. All rates are per minute and all times in minutes.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared

__all__ = ["CheckoutConfig", "CheckoutResult", "simulate_checkout", "compare_express", "peak_arrival_rates",
           "basket_items"]

LANE_TYPES = ("regular", "express")


@dataclass(frozen=True)
class CheckoutConfig:
    """The checkout floor in a peak period; every default is a named assumption.

    Attributes
    ----------
    arrival_rate : float
        Customers reaching the tills per minute (Poisson), e.g. from :func:`peak_arrival_rates`.
    basket_sizes : tuple of int
        Empirical item counts, drawn with replacement (e.g. :func:`basket_items`).
    regular_lanes, express_lanes : int
        Open lanes of each type (10 and 0); with no express lane everyone queues regular.
    express_item_limit : int
        Customers with at most this many items use express lanes (10, assumed).
    express_overflow : bool
        If True an express-eligible customer joins the lane type with fewer customers
        per lane (waiting or at a till), ties to express; if False (default) express.
    payment_time, time_per_item : float
        Mean service time is ``payment_time + time_per_item * items``: 0.5 min to pay
        and bag, 0.05 min (3 s) a scanned item (both assumed).
    service : {"gamma", "exponential"}
        Service-time distribution around that mean: gamma with coefficient of
        variation ``service_cv`` (0.5, assumed; 0 is deterministic), or exponential
        with the same mean (for validation against M/M/c).
    duration, warmup : float
        Measured peak (120 min), preceded by a discarded warm-up (30 min) so the
        floor is not empty when measuring starts.
    """

    arrival_rate: float
    basket_sizes: tuple[int, ...]
    regular_lanes: int = 10
    express_lanes: int = 0
    express_item_limit: int = 10
    express_overflow: bool = False
    payment_time: float = 0.5
    time_per_item: float = 0.05
    service: str = "gamma"
    service_cv: float = 0.5
    duration: float = 120.0
    warmup: float = 30.0

    def __post_init__(self) -> None:
        items = np.asarray(self.basket_sizes, dtype=np.int64).ravel()
        object.__setattr__(self, "basket_sizes", tuple(items.tolist()))
        non_negative = (self.arrival_rate, self.warmup, self.payment_time, self.time_per_item,
                        self.service_cv, self.express_lanes)
        if not (items.size and (items >= 0).all() and min(non_negative) >= 0 and self.duration > 0
                and self.regular_lanes >= 1 and self.service in ("gamma", "exponential")):
            raise DataError("收银设置有误：件数、到达率、时间与收银台数须 ≥ 0，时长 > 0，至少一个普通收银台，"
                            "服务时间分布为 gamma 或 exponential。",
                            "CheckoutConfig needs item counts, rates, times and lanes >= 0, "
                            "duration > 0, a regular lane and service 'gamma' or 'exponential'")


@dataclass(frozen=True)
class CheckoutResult:
    """Outcome of one simulated peak: ``summary``, ``customers``, ``config``, ``seed``.

    ``summary`` has one row per ``lane_type`` ("regular", "express", "all"): ``lanes``,
    ``customers_served``, ``mean_wait``, ``p90_wait``, ``max_wait`` (minutes, over the
    customers arriving in the measured peak), ``mean_queue_length`` (time-average
    number waiting during the peak) and ``utilisation`` (busy share of those lanes
    during the peak; NaN without lanes). ``customers`` has one row per customer
    arriving in the peak: ``arrival`` (minutes from its start), ``items``,
    ``lane_type``, ``wait``, ``service``.
    """

    summary: pd.DataFrame
    customers: pd.DataFrame
    config: CheckoutConfig
    seed: int


def simulate_checkout(config: CheckoutConfig, seed: int) -> CheckoutResult:
    """Simulate a peak on the checkout floor with regular and express lanes.

    Customers arrive as a Poisson process over ``warmup + duration`` minutes, each
    with a basket drawn from ``config.basket_sizes`` and a service time drawn before
    routing, so runs with the same seed and different lane plans serve the same
    customers (common random numbers).

    Modelling simplification: each lane type is one pooled FIFO queue feeding its
    lanes, i.e. a customer takes the first lane of their type that becomes free.
    Real customers pick a line on arrival (and may switch); the pooled queue is the
    best case of that behaviour and matches the M/M/c formulas.

    Parameters
    ----------
    config : CheckoutConfig
    seed : int
        Seed of the random generator; the same seed gives the same result.

    Returns
    -------
    CheckoutResult
    """
    rng = np.random.default_rng(seed)
    horizon = config.warmup + config.duration
    n = int(rng.poisson(config.arrival_rate * horizon))
    arrivals = np.sort(rng.uniform(0.0, horizon, n))
    items = rng.choice(np.asarray(config.basket_sizes, dtype=np.int64), size=n)
    services = _service_times(config, items, rng)
    eligible = (items <= config.express_item_limit) & (config.express_lanes > 0)
    lanes = (config.regular_lanes, config.express_lanes)
    starts, lane_type = _serve(arrivals, services, eligible, lanes, config.express_overflow)
    return _summarise(config, seed, arrivals, items, services, starts, lane_type)


def _service_times(config: CheckoutConfig, items: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Service times around the mean ``payment_time + time_per_item * items``."""
    mean = config.payment_time + config.time_per_item * items
    if config.service == "exponential":
        return rng.exponential(mean)
    if config.service_cv == 0:
        return mean.astype(float)
    shape = 1.0 / config.service_cv**2
    return rng.gamma(shape, mean / shape)


def _serve(arrivals: np.ndarray, services: np.ndarray, eligible: np.ndarray,
           lanes: tuple[int, int], overflow: bool) -> tuple[np.ndarray, np.ndarray]:
    """Service start times and lane types (0 regular, 1 express) in arrival order.

    Per type, a FIFO customer starts at max(arrival, earliest lane free time): a heap
    of the c lanes' free times gives all start times in O(n log c).
    """
    free_at: list[list[float]] = [[0.0] * c for c in lanes]
    waiting: list[deque] = [deque(), deque()]  # start times of those still waiting
    types = eligible.astype(np.int64).tolist()
    starts = []
    for i, (t, s) in enumerate(zip(arrivals.tolist(), services.tolist())):
        q = types[i]
        if overflow and q:
            q = types[i] = _shorter_type(t, free_at, waiting, lanes)
        heap = free_at[q]
        start = t if heap[0] < t else heap[0]
        heapq.heapreplace(heap, start + s)
        if overflow and start > t:
            waiting[q].append(start)  # FIFO: starts never decrease within a type
        starts.append(start)
    return np.array(starts, dtype=float), np.array(types, dtype=np.int64)


def _shorter_type(t: float, free_at: list, waiting: list, lanes: tuple[int, int]) -> int:
    """Lane type (0 regular, 1 express) with fewer customers per lane at time t."""
    per_lane = []
    for q in (0, 1):
        while waiting[q] and waiting[q][0] <= t:
            waiting[q].popleft()
        busy = sum(1 for f in free_at[q] if f > t)
        per_lane.append((len(waiting[q]) + busy) / lanes[q])
    return 1 if per_lane[1] <= per_lane[0] else 0


def _summarise(config, seed, arrivals, items, services, starts, lane_type) -> CheckoutResult:
    """Per-lane-type statistics over the measured peak and the per-customer table."""
    t0, t1 = config.warmup, config.warmup + config.duration
    waits = starts - arrivals
    # time-averages over the measured peak by integrating each customer's interval
    queued = np.clip(np.minimum(starts, t1) - np.maximum(arrivals, t0), 0.0, None)
    busy = np.clip(np.minimum(starts + services, t1) - np.maximum(starts, t0), 0.0, None)
    measured = arrivals >= t0
    names = np.array(LANE_TYPES)
    rows = []
    lanes_of = {"regular": config.regular_lanes, "express": config.express_lanes,
                "all": config.regular_lanes + config.express_lanes}
    for name, lanes in lanes_of.items():
        of_type = np.ones_like(measured) if name == "all" else names[lane_type] == name
        w = waits[measured & of_type]
        rows.append({
            "lane_type": name, "lanes": lanes, "customers_served": int(w.size),
            "mean_wait": float(w.mean()) if w.size else math.nan,
            "p90_wait": float(np.quantile(w, 0.9)) if w.size else math.nan,
            "max_wait": float(w.max()) if w.size else math.nan,
            "mean_queue_length": float(queued[of_type].sum() / config.duration),
            "utilisation": float(busy[of_type].sum() / (lanes * config.duration)) if lanes else math.nan,
        })
    customers = pd.DataFrame({
        "arrival": arrivals[measured] - t0, "items": items[measured],
        "lane_type": names[lane_type[measured]], "wait": waits[measured],
        "service": services[measured],
    })
    return CheckoutResult(pd.DataFrame(rows), customers, config, seed)


def compare_express(config: CheckoutConfig, express_lanes_options: Sequence[int], seed: int) -> pd.DataFrame:
    """Simulate the same peak for several numbers of express lanes, total lanes fixed.

    Express lanes are taken from the regular ones: with ``regular_lanes +
    express_lanes = L`` in ``config``, option ``e`` runs ``L - e`` regular lanes and
    ``e`` express lanes. All options use the same seed, hence the same customers.

    Parameters
    ----------
    config : CheckoutConfig
    express_lanes_options : sequence of int
        Numbers of express lanes to try, each between 0 and L - 1.
    seed : int
        One seed for every option.

    Returns
    -------
    DataFrame
        Tidy, for a chart: ``express_lanes``, ``regular_lanes``, ``lane_type`` (rows
        "regular", "express", "all" per option), ``customers_served``, ``mean_wait``,
        ``p90_wait``, ``mean_queue_length``, ``utilisation``.
    """
    total = config.regular_lanes + config.express_lanes
    frames = []
    for express in express_lanes_options:
        if not 0 <= express < total:
            raise DataError(f"快速结账口数量须在 0 到 {total - 1} 之间，收到 {express}。",
                            f"Express lanes must be between 0 and {total - 1}, got {express}.")
        plan = replace(config, regular_lanes=total - express, express_lanes=int(express))
        summary = simulate_checkout(plan, seed).summary
        frames.append(summary.assign(express_lanes=int(express), regular_lanes=total - express))
    columns = ["express_lanes", "regular_lanes", "lane_type", "customers_served",
               "mean_wait", "p90_wait", "mean_queue_length", "utilisation"]
    return pd.concat(frames, ignore_index=True)[columns]


def _till_hours(transactions: pd.DataFrame) -> pd.Series:
    missing = {"date", "time", "items"} - set(transactions.columns)
    if missing:
        raise DataError(f"交易表缺少列：{sorted(missing)}。", f"The transactions lack the columns {sorted(missing)}.")
    time = transactions["time"]
    if pd.api.types.is_timedelta64_dtype(time):  # as crm.core.schemas types a time-of-day column
        return (time.dt.total_seconds() // 3600).astype(int)
    hours = pd.to_numeric(time.astype(str).str.split(":", n=1).str[0], errors="coerce")
    if hours.isna().any() or not hours.between(0, 23).all():
        raise DataError("交易表的 time 列须为 HH:MM:SS 格式的时刻。", "transactions.time must be 'HH:MM:SS' times of day.")
    return hours.astype(int)


@shared
def peak_arrival_rates(transactions: pd.DataFrame) -> pd.DataFrame:
    """Mean arrivals at the tills per minute by hour of day and day type.

    Each transaction is one customer at a till; an hour's mean is over all days of
    that day type in the table (a day without transactions in that hour counts 0).

    Parameters
    ----------
    transactions : DataFrame
        Till table with ``date`` (datetime64), ``time`` ("HH:MM:SS" or a timedelta
        since midnight) and ``items``.

    Returns
    -------
    DataFrame
        ``day_type`` ("weekday"/"weekend"), ``hour`` (0-23), ``days``, ``transactions``,
        ``arrivals_per_minute``, ``mean_items``; the busiest hour has the largest rate.
    """
    hours = _till_hours(transactions)
    dates = pd.to_datetime(transactions["date"]).dt.normalize()
    till = pd.DataFrame({"day_type": np.where(dates.dt.day_of_week >= 5, "weekend", "weekday"),
                         "hour": hours.to_numpy(), "date": dates.to_numpy(),
                         "items": transactions["items"].to_numpy()})
    days = till.groupby("day_type")["date"].nunique().rename("days")
    table = (till.groupby(["day_type", "hour"])
             .agg(transactions=("items", "size"), mean_items=("items", "mean"))
             .reset_index().join(days, on="day_type"))
    table["arrivals_per_minute"] = table["transactions"] / (table["days"] * 60.0)
    columns = ["day_type", "hour", "days", "transactions", "arrivals_per_minute", "mean_items"]
    return table[columns].sort_values(["day_type", "hour"], ignore_index=True)


def basket_items(transactions: pd.DataFrame, hour: int | None = None) -> np.ndarray:
    """Item counts per transaction (in table order), optionally for one hour of day.

    Parameters
    ----------
    transactions : DataFrame
        Till table with ``date``, ``time`` ("HH:MM:SS") and ``items``.
    hour : int, optional
        Keep only transactions started in this hour (0-23).

    Returns
    -------
    ndarray of int
        Ready for ``CheckoutConfig.basket_sizes``.
    """
    hours = _till_hours(transactions)
    items = transactions["items"].to_numpy(dtype=np.int64)
    if hour is not None:
        items = items[(hours == hour).to_numpy()]
    return items.copy()
