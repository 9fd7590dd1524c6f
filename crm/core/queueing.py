"""Queueing formulas two cases use: Erlang C and the M/M/c steady state.

The supermarket's peak-hour checkout (:mod:`crm.cases.supermarket.checkout`) and a 30-minute first
response tested on seeds/004's service network (:mod:`crm.cases.carcare.network`) both size a set of servers
against an arrival rate. All rates are per minute and all times in minutes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from crm.core.schemas import DataError

__all__ = ["QueueMetrics", "erlang_c", "mmc_metrics"]


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that an arriving customer waits in an M/M/c queue (Erlang C).

    Computed from the Erlang B recursion ``B(k) = a B(k-1) / (k + a B(k-1))``, which
    never forms factorials or large powers and so is stable for hundreds of servers.

    Parameters
    ----------
    arrival_rate, service_rate : float
        Arrivals per minute (lambda >= 0); customers one server serves per minute (mu > 0).
    servers : int
        Number of servers c >= 1.

    Returns
    -------
    float
        P(wait) in [0, 1]; 1.0 when the queue is unstable (lambda >= c mu).

    Examples
    --------
    >>> round(erlang_c(2.0, 1.0, 3), 4)  # offered load 2 Erlang on 3 servers: 4/9
    0.4444
    """
    if not arrival_rate >= 0 or not service_rate > 0 or int(servers) != servers or servers < 1:
        raise DataError("到达率须 ≥ 0、服务率须 > 0，服务台数须为 ≥ 1 的整数。",
                        "Need arrival_rate >= 0, service_rate > 0 and a whole number of servers >= 1.")
    servers = int(servers)
    load = arrival_rate / service_rate  # offered load a, in Erlang
    rho = load / servers
    if rho >= 1.0:
        return 1.0
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return float(blocking / (1.0 - rho * (1.0 - blocking)))


@dataclass(frozen=True)
class QueueMetrics:
    """Steady-state metrics of an M/M/c queue (times in minutes).

    ``utilisation`` is the offered load per server rho = lambda / (c mu); it is >= 1
    when ``stable`` is False, and then the waits and queue length are infinite.
    """

    utilisation: float
    p_wait: float
    mean_wait: float
    mean_queue_length: float
    mean_time_in_system: float
    stable: bool


def mmc_metrics(arrival_rate: float, service_rate: float, servers: int) -> QueueMetrics:
    """Exact M/M/c waiting time Wq, queue length Lq and time in system W.

    Parameters
    ----------
    arrival_rate, service_rate, servers
        lambda and mu per minute, number of servers c (as in :func:`erlang_c`).

    Returns
    -------
    QueueMetrics
        ``Wq = C / (c mu - lambda)``, ``Lq = lambda Wq`` (Little's law),
        ``W = Wq + 1 / mu``. An unstable queue (rho >= 1) gets infinite waits and
        ``stable=False``; no exception is raised.
    """
    p_wait = erlang_c(arrival_rate, service_rate, servers)  # validates the arguments
    rho = arrival_rate / (servers * service_rate)
    if rho >= 1.0:
        return QueueMetrics(rho, 1.0, math.inf, math.inf, math.inf, False)
    wait = p_wait / (servers * service_rate - arrival_rate)
    return QueueMetrics(rho, p_wait, wait, arrival_rate * wait, wait + 1.0 / service_rate, True)
