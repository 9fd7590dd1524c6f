"""Planning visits for a staff that cannot see every client: whom first, and what coverage a staff size buys.

The branch has 12.785 million clients and fewer than 2,500 service staff (seeds/002). A year's
visits are ``staff × visits_per_day × working_days``; the sample holds 1 client in ``sample_rate``, so
the sample gets that many visits divided by ``sample_rate``. A priority rule orders the clients and
the plan visits the first ones (each at most once a year). :class:`VisitPlanner` sorts once per rule
and keeps running counts per client group, so any staff size answers at once (the view's sliders).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.cases.visits.case import _a, GROUPS, REFERENCE_DATE, VIP_GRADES
from crm.core.schemas import DataError

#: Priority rules: the orphans first (then VIPs, then the longest unseen), the VIPs first, the longest unseen
#: first, the largest premium first.
RULES: tuple[str, ...] = tuple(_a("priority_rules"))  # assumption priority_rules
_NEEDED = ("client_id", "vip_grade", "last_contact", "orphan", "annual_premium")


def orphan_clients(policies: pd.DataFrame, agents: pd.DataFrame) -> pd.Index:
    """The clients every one of whose policies has an agent who has left (孤儿客户), by client id."""
    for name, df, cols in (("policies", policies, ("client_id", "agent_id")), ("agents", agents, ("agent_id", "active"))):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise DataError(f"{name} 表缺少列：{', '.join(missing)}。", f"The {name} table lacks columns: {', '.join(missing)}.",
                            column=missing[0])
    active = policies["agent_id"].map(agents.set_index("agent_id")["active"])
    if active.isna().any():
        raise DataError("保单表中有代理人表里没有的代理人编号。", "The policy table names agents the agent table lacks.",
                        column="agent_id")
    served = active.astype(bool).groupby(policies["client_id"]).any()
    return pd.Index(served.index[~served.to_numpy()], name="client_id")


def days_since_contact(clients: pd.DataFrame, ref: str = REFERENCE_DATE) -> np.ndarray:
    """Days from each client's last contact to the end of 2013."""
    return (pd.Timestamp(ref) - pd.to_datetime(clients["last_contact"])).dt.days.to_numpy()


def _check_clients(clients: pd.DataFrame) -> None:
    missing = [c for c in _NEEDED if c not in clients.columns]
    if missing:
        raise DataError(f"clients 表缺少列：{', '.join(missing)}。", f"The clients table lacks columns: {', '.join(missing)}.",
                        column=missing[0])
    if len(clients) == 0:
        raise DataError("clients 表没有任何客户。", "The clients table has no client.")


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise DataError(f"未知的拜访顺序“{rule}”。可用：{'、'.join(RULES)}。",
                        f"Unknown priority rule '{rule}'. Available: {', '.join(RULES)}.")


def priority_order(clients: pd.DataFrame, rule: str = "orphan_first") -> np.ndarray:
    """Row positions of ``clients`` in the order a rule visits them (ties: the table's order)."""
    _check_clients(clients)
    _check_rule(rule)
    days = days_since_contact(clients)
    vip = clients["vip_grade"].astype(object).map({g: i for i, g in enumerate(VIP_GRADES)}).fillna(0).to_numpy(int)
    pos = np.arange(len(clients))
    keys = {"orphan_first": (pos, -days, -vip, -clients["orphan"].to_numpy(int)),
            "vip_first": (pos, -days, -vip),
            "longest_gap": (pos, -days),
            "premium": (pos, -clients["annual_premium"].to_numpy(float))}[rule]
    return np.lexsort(keys)


def yearly_visits(staff: float, visits_per_day: float, working_days: float, sample_rate: float) -> int:
    """Visits the sample gets in a year: ``staff × visits_per_day × working_days / sample_rate`` (whole visits)."""
    for name, value in (("staff", staff), ("visits_per_day", visits_per_day), ("working_days", working_days),
                        ("sample_rate", sample_rate)):
        if not np.isfinite(value) or value <= 0:
            raise DataError(f"{name} 必须是正数（收到 {value}）。", f"{name} must be a positive number (got {value}).")
    return int(np.floor(staff * visits_per_day * working_days / sample_rate + 1e-9))


@dataclass(frozen=True)
class Plan:
    """One plan: the visits the sample gets, the clients visited (a mask), and the share reached per group."""

    visits: int
    visited: np.ndarray
    reached: dict[str, float]
    counts: dict[str, int]


class VisitPlanner:
    """The clients, sorted once per rule, with running counts per group: a plan for any staff size at once."""

    def __init__(self, clients: pd.DataFrame, sample_rate: float | None = None) -> None:
        _check_clients(clients)
        self.clients = clients
        self.sample_rate = float(_a("sample_rate") if sample_rate is None else sample_rate)
        self.days = days_since_contact(clients)
        self.masks = {"all": np.ones(len(clients), bool), "orphan": clients["orphan"].to_numpy(bool),
                      "vip": (clients["vip_grade"].astype(object) != "none").to_numpy(),
                      "overdue": self.days >= _a("overdue_days")}
        self.counts = {g: int(m.sum()) for g, m in self.masks.items()}
        self._orders: dict[str, np.ndarray] = {}
        self._cum: dict[str, dict[str, np.ndarray]] = {}

    def order(self, rule: str) -> np.ndarray:
        if rule not in self._orders:
            self._orders[rule] = priority_order(self.clients, rule)
            o = self._orders[rule]
            self._cum[rule] = {g: np.r_[0, np.cumsum(m[o])] for g, m in self.masks.items()}
        return self._orders[rule]

    def reached(self, rule: str, visits: np.ndarray | int) -> dict[str, np.ndarray]:
        """Share of each group visited when the sample gets ``visits`` visits (an int or an array of them)."""
        self.order(rule)
        k = np.minimum(np.asarray(visits), len(self.clients))
        return {g: self._cum[rule][g][k] / max(self.counts[g], 1) for g in GROUPS}

    def plan(self, staff: float, visits_per_day: float | None = None, working_days: float | None = None,
             rule: str = "orphan_first") -> Plan:
        _check_rule(rule)
        v = yearly_visits(staff, _a("visits_per_day") if visits_per_day is None else visits_per_day,
                          _a("working_days") if working_days is None else working_days, self.sample_rate)
        order = self.order(rule)
        visited = np.zeros(len(self.clients), bool)
        visited[order[:v]] = True
        return Plan(v, visited, {g: float(x) for g, x in self.reached(rule, v).items()}, dict(self.counts))

    def staff_for(self, group: str, rule: str = "orphan_first", share: float = 1.0,
                  visits_per_day: float | None = None, working_days: float | None = None) -> int:
        """The smallest whole staff whose year of visits reaches ``share`` of ``group`` under ``rule``."""
        self.order(rule)
        need = int(np.ceil(share * self.counts[group] - 1e-9))
        k = int(np.searchsorted(self._cum[rule][group], need))  # visits needed in the sample
        per_staff = (_a("visits_per_day") if visits_per_day is None else visits_per_day) * \
            (_a("working_days") if working_days is None else working_days) / self.sample_rate
        return int(np.ceil(k / per_staff - 1e-9))


def plan_visits(clients: pd.DataFrame, staff: float, visits_per_day: float | None = None,
                working_days: float | None = None, rule: str = "orphan_first") -> Plan:
    """A year's plan for ``staff`` under ``rule`` (defaults: the assumptions ``visits_per_day``, ``working_days``)."""
    return VisitPlanner(clients).plan(staff, visits_per_day, working_days, rule)


def coverage_curve(clients: pd.DataFrame, staffs, rule: str = "orphan_first", visits_per_day: float | None = None,
                   working_days: float | None = None) -> pd.DataFrame:
    """Share of each group reached in a year, per staff size (index ``staff``; columns the groups)."""
    planner = VisitPlanner(clients)
    vpd = _a("visits_per_day") if visits_per_day is None else visits_per_day
    wd = _a("working_days") if working_days is None else working_days
    staffs = np.asarray(list(staffs), float)
    visits = np.array([yearly_visits(s, vpd, wd, planner.sample_rate) for s in staffs])
    out = pd.DataFrame(planner.reached(rule, visits), index=pd.Index(staffs, name="staff"))
    return out
