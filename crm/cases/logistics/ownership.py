"""Whose problem is a complaint: customer service alone, or the departments that cause it bound in.

The source (seeds/003, 迅捷物流) says top management treats CRM as customer service's business
(「仅把它作为客户服务部的事情」), so that customer service, however hard it tries, 「根本没有能力也无法来协调与其他部门的
关系,也解决不了这些实际问题」, and the clients, their problems unsolved, stop using the firm. This module
models one complaint's path: the client reaches the complaint line (customer service's agents, an
M/M/c queue, :func:`crm.core.queueing.mmc_metrics`), customer service asks the department that caused
the problem for an answer, and someone tells the client.

- A department **not bound in** (today, for all of them) answers customer service only if it cares
  to (``support``), and slowly; unanswered, the complaint waits until the client calls again and a
  manager escalates it.
- A department **bound in** has named staff for complaints, sized to its load with some headroom
  (an M/M/c queue per department), and a promise to keep.
- The answer reaches the client through customer service (``relay="customer_service"``) or from the
  department itself (``relay="department"``).

A client not answered calls again every ``patience_h`` hours: those repeat calls load the same
complaint line, so the line's wait and the repeats are solved together (a few fixed-point rounds).
Every complaint of a run uses the same random draws (common random numbers), so two designs differ
by the design alone. Times are calendar hours; none of the numbers is in the source.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from crm.core.queueing import mmc_metrics
from crm.core.schemas import DataError

#: Departments that answer complaints (customer service solves the ones it owns itself).
OWNERS: tuple[str, ...] = ("port_operations", "service_centre", "sales", "it", "customer_service")
#: The departments that can be bound in (all but customer service, which always is).
BINDABLE: tuple[str, ...] = OWNERS[:-1]
RELAYS: tuple[str, ...] = ("customer_service", "department")


@dataclass(frozen=True)
class OwnershipConfig:
    """The assumptions of the complaint-handling model (none of these numbers is in the source).

    Attributes
    ----------
    complaints_per_day : float
        Complaints a day, at the firm's full scale (the generator and the view replace the default by the
        volume measured on the complaint log, :func:`config_from_complaints`).
    owner_mix : tuple of float
        Share of complaints owned by each of :data:`OWNERS` (the department whose cause it is; replaced, like
        the volume, by the mix measured on the complaint log).
    cs_agents : int
        Customer-service agents on the complaint line.
    call_minutes : float
        Mean minutes of one complaint call (first or repeat).
    cs_hours : float
        Mean hours customer service needs to answer a complaint it can solve alone.
    bound : tuple of str
        Departments bound in: named complaint staff and a promise (a subset of :data:`BINDABLE`).
    headroom : float
        Staff of a bound department above its complaint load (0.2: 20 % more staff than the load).
    bound_hours : float
        Mean staff hours a bound department spends on one complaint.
    support : float
        Chance that a department not bound in answers customer service at all.
    unbound_hours : float
        Mean hours until a department not bound in answers, when it does.
    escalation_hours : float
        Mean hours a manager needs to get an answer once a client has called again.
    relay : {"customer_service", "department"}
        Who tells the client the answer.
    relay_hours, direct_hours : float
        Mean hours until the client is told, by customer service or by the department itself.
    patience_h : float
        A client not answered calls again every this many hours.
    promise_h : float
        The answer promised to the client within this many hours.
    n : int
        Complaints simulated by the view (the generator simulates every complaint of the log).
    """

    complaints_per_day: float = 25_000.0
    owner_mix: tuple[float, ...] = (0.72, 0.14, 0.03, 0.02, 0.09)
    cs_agents: int = 360
    call_minutes: float = 6.0
    cs_hours: float = 3.0
    bound: tuple[str, ...] = ()
    headroom: float = 0.2
    bound_hours: float = 1.5
    support: float = 0.55
    unbound_hours: float = 40.0
    escalation_hours: float = 48.0
    relay: str = "customer_service"
    relay_hours: float = 5.0
    direct_hours: float = 0.5
    patience_h: float = 24.0
    promise_h: float = 24.0
    n: int = 4_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "bound", tuple(d for d in BINDABLE if d in set(self.bound)))
        problems = []
        if self.cs_agents < 1 or self.n < 1:
            problems.append(("客服人数与模拟投诉数必须至少为 1", "agents and simulated complaints must be at least 1"))
        if len(self.owner_mix) != len(OWNERS) or min(self.owner_mix) < 0 or not np.isclose(sum(self.owner_mix), 1.0):
            problems.append((f"责任部门构成需要 {len(OWNERS)} 个非负数，总和为 1",
                             f"the owner mix needs {len(OWNERS)} non-negative numbers summing to 1"))
        if not 0.0 <= self.support <= 1.0 or self.headroom < 0:
            problems.append(("配合率须在 0 到 1 之间，富余人手不能为负", "support must be between 0 and 1, headroom not negative"))
        if min(self.complaints_per_day, self.call_minutes, self.cs_hours, self.bound_hours, self.unbound_hours,
               self.escalation_hours, self.relay_hours, self.direct_hours, self.patience_h, self.promise_h) <= 0:
            problems.append(("投诉量、时长、耐心与承诺时限都必须为正数", "volumes, hours, patience and the promise must be positive"))
        if self.relay not in RELAYS:
            problems.append(("答复客户者须为 customer_service 或 department", "relay must be customer_service or department"))
        if problems:
            raise DataError("投诉处理参数有误：" + "；".join(p[0] for p in problems) + "。",
                            "Bad complaint-handling parameters: " + "; ".join(p[1] for p in problems) + ".")

    def staff(self, owner: str) -> int:
        """Complaint staff of a bound department: its load in Erlang times (1 + headroom), rounded up."""
        load = self.complaints_per_day / 24.0 * self.owner_mix[OWNERS.index(owner)] * self.bound_hours
        return max(1, math.ceil(load * (1.0 + self.headroom)))


@dataclass(frozen=True)
class HandlingResult:
    """One design's run: every simulated complaint's path and the summary measures."""

    config: OwnershipConfig = field(repr=False)
    complaints: pd.DataFrame = field(repr=False)
    summary: dict


def complaint_draws(config: OwnershipConfig, seed: int) -> pd.DataFrame:
    """The simulated complaints both designs handle: their owners and random draws (common random numbers).

    Returns
    -------
    pd.DataFrame
        ``owner`` (a code of :data:`OWNERS`, drawn from ``owner_mix``) and uniform draws ``u_wait``,
        ``u_line`` and ``u_support`` and unit-mean exponential draws ``e_wait``, ``e_solve``,
        ``e_relay`` (one row per complaint).
    """
    rng = np.random.default_rng(seed)
    n = config.n
    owner = rng.choice(np.array(OWNERS), n, p=np.asarray(config.owner_mix) / sum(config.owner_mix))
    return pd.DataFrame({"owner": owner, "u_wait": rng.random(n), "u_line": rng.random(n), "u_support": rng.random(n),
                         "e_wait": rng.exponential(1.0, n), "e_dept": rng.exponential(1.0, n),
                         "e_solve": rng.exponential(1.0, n), "e_relay": rng.exponential(1.0, n)})


def _queue_wait_h(p_wait: float, rate_h: float, u: np.ndarray, e: np.ndarray) -> np.ndarray:
    # M/M/c: an arrival waits with probability C; if it does, the wait is exponential with rate c*mu - lambda.
    return np.where(u < p_wait, e / rate_h, 0.0) if rate_h > 0 else np.zeros(len(u))


def _line(config: OwnershipConfig, calls_per_complaint: float) -> tuple[float, float, float, bool]:
    """The complaint line's P(wait), the rate of the waiting time (per hour), utilisation, stability."""
    arrivals = config.complaints_per_day * calls_per_complaint / 24.0 / 60.0  # calls a minute
    m = mmc_metrics(arrivals, 1.0 / config.call_minutes, config.cs_agents)
    if not m.stable:
        return 1.0, 0.0, m.utilisation, False
    rate = (config.cs_agents / config.call_minutes - arrivals) * 60.0
    return m.p_wait, rate, m.utilisation, True


def handle(draws: pd.DataFrame, config: OwnershipConfig) -> HandlingResult:
    """Handle the complaints of ``draws`` (from :func:`complaint_draws` or a log) under ``config``.

    Returns
    -------
    HandlingResult
        ``complaints``: ``owner``, ``line_wait_h``, ``path`` (``customer_service``, ``bound``,
        ``answered`` by a department not bound in, or ``escalated``), ``hours`` (from the first call
        to the client being told), ``calls`` (1 + repeat calls), ``within_promise``. ``summary``:
        ``complaints``, ``mean_hours``, ``p90_hours``, ``within_promise_share``, ``repeat_calls``
        (per complaint), ``escalated_share``, ``line_utilisation``, ``line_stable``, ``bound`` and
        ``bound_staff``. An overloaded line (utilisation >= 1) keeps every caller waiting a full
        ``patience_h`` before an agent answers.
    """
    owner = draws["owner"].to_numpy()
    if len(owner) == 0:
        raise DataError("没有可模拟的投诉。", "There are no complaints to simulate.")
    unknown = sorted(set(owner) - set(OWNERS))
    if unknown:
        raise DataError(f"投诉的责任部门不在模型之内：{unknown[:5]}。", f"Complaint owners not in the model: {unknown[:5]}.")
    is_cs = owner == "customer_service"
    is_bound = np.isin(owner, config.bound)
    supported = draws["u_support"].to_numpy() < config.support
    e_solve, e_relay = draws["e_solve"].to_numpy(), draws["e_relay"].to_numpy()
    dept_wait = np.zeros(len(owner))
    for d in config.bound:  # each bound department's complaint staff: an M/M/c queue
        rows = owner == d
        arrivals = config.complaints_per_day / 24.0 * config.owner_mix[OWNERS.index(d)]  # an hour
        c, mu = config.staff(d), 1.0 / config.bound_hours
        m = mmc_metrics(arrivals, mu, c)
        dept_wait[rows] = _queue_wait_h(m.p_wait, c * mu - arrivals, draws["u_wait"].to_numpy()[rows],
                                        draws["e_dept"].to_numpy()[rows])
    solve = np.select([is_cs, is_bound, supported],
                      [config.cs_hours * e_solve, dept_wait + config.bound_hours * e_solve,
                       config.unbound_hours * e_solve],
                      config.patience_h + config.escalation_hours * e_solve)
    tell = np.where(is_cs, 0.0, (config.relay_hours if config.relay == "customer_service" else config.direct_hours)
                    * e_relay)
    calls_per = 1.0
    for _ in range(6):  # repeat calls load the line that answers them: a few rounds settle it
        p_wait, rate, util, stable = _line(config, calls_per)
        line = (_queue_wait_h(p_wait, rate, draws["u_line"].to_numpy(), draws["e_wait"].to_numpy()) if stable
                else np.full(len(owner), config.patience_h))
        hours = line + solve + tell
        repeats = np.floor(hours / config.patience_h)
        new = 1.0 + float(repeats.mean())
        if abs(new - calls_per) < 1e-9:
            break
        calls_per = new
    path = np.select([is_cs, is_bound, supported], ["customer_service", "bound", "answered"], "escalated")
    out = pd.DataFrame({"owner": owner, "line_wait_h": line, "path": path, "hours": hours,
                        "calls": (1 + repeats).astype(int), "within_promise": hours <= config.promise_h})
    summary = {"complaints": int(len(out)), "mean_hours": float(hours.mean()),
               "p90_hours": float(np.quantile(hours, 0.9)), "within_promise_share": float(out["within_promise"].mean()),
               "repeat_calls": float(repeats.mean()), "escalated_share": float((path == "escalated").mean()),
               "line_utilisation": float(util), "line_stable": bool(stable), "bound": config.bound,
               "bound_staff": {d: config.staff(d) for d in config.bound}}
    return HandlingResult(config, out, summary)


def compare_ownership(config: OwnershipConfig = OwnershipConfig(), seed: int = 0) -> pd.DataFrame:
    """Customer service alone (nobody bound in) against every department bound in, on the same complaints."""
    draws = complaint_draws(config, seed)
    rows = {"cs_only": handle(draws, replace(config, bound=())).summary,
            "all_bound": handle(draws, replace(config, bound=BINDABLE)).summary}
    return pd.DataFrame(rows).T.drop(columns=["bound", "bound_staff"])


def by_owner(result: HandlingResult) -> pd.DataFrame:
    """Per owning department: complaints, mean hours, share within the promise, repeat calls."""
    c = result.complaints
    g = c.groupby("owner", observed=True)
    out = pd.DataFrame({"complaints": g.size(), "mean_hours": g["hours"].mean(),
                        "within_promise_share": g["within_promise"].mean(), "repeat_calls": g["calls"].mean() - 1})
    return out.reindex([o for o in OWNERS if o in out.index])


def flow_counts(result: HandlingResult) -> pd.DataFrame:
    """Who receives, who solves, who tells the client: ``source, target, complaints`` for a flow diagram.

    Stages (codes): ``client``; ``recv.customer_service`` (every complaint reaches the complaint
    line); ``solve.<owner>``; ``escalated`` (a department that did not answer, pushed by a manager);
    ``tell.customer_service`` or ``tell.department``.
    """
    c = result.complaints
    relay = "tell.customer_service" if result.config.relay == "customer_service" else "tell.department"
    rows = [("client", "recv.customer_service", len(c))]
    for o in OWNERS:
        mine = c[c["owner"] == o]
        if not len(mine):
            continue
        rows.append(("recv.customer_service", f"solve.{o}", len(mine)))
        if o == "customer_service":
            rows.append((f"solve.{o}", "tell.customer_service", len(mine)))
            continue
        esc = int((mine["path"] == "escalated").sum())
        if esc:
            rows.append((f"solve.{o}", "escalated", esc))
        if len(mine) - esc:
            rows.append((f"solve.{o}", relay, len(mine) - esc))
    esc_all = int((c["path"] == "escalated").sum())
    if esc_all:
        rows.append(("escalated", relay, esc_all))
    return pd.DataFrame(rows, columns=["source", "target", "complaints"])


def config_from_complaints(complaints: pd.DataFrame, sample_rate: float, days: float = 365.0,
                           base: OwnershipConfig = OwnershipConfig()) -> OwnershipConfig:
    """A config whose volume and owner mix are measured on a complaint log.

    Parameters
    ----------
    complaints : DataFrame
        One row per complaint with ``owner`` (codes of :data:`OWNERS`).
    sample_rate : float
        The log holds one complaint in ``sample_rate`` (the case's sample of parcels).
    days : float
        Days the log covers.
    """
    if len(complaints) == 0:
        raise DataError("投诉记录为空。", "The complaint log is empty.")
    if "owner" not in complaints.columns:
        raise DataError("投诉记录缺少 owner 列（责任部门）。", "The complaint log lacks the owner column.", column="owner")
    mix = complaints["owner"].value_counts(normalize=True).reindex(list(OWNERS), fill_value=0.0)
    unknown = sorted(set(complaints["owner"].astype(str)) - set(OWNERS))
    if unknown:
        raise DataError(f"owner 列有模型之外的部门：{unknown[:5]}。", f"The owner column has departments not in the model: "
                        f"{unknown[:5]}.", column="owner")
    return replace(base, complaints_per_day=len(complaints) * sample_rate / days,
                   owner_mix=tuple(float(x) for x in mix))
