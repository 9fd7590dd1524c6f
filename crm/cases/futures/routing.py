"""Request routing at the futures firm: today's direct routes against customer service as the hub.

The source (seeds/000, 天富期货) describes today: "营业部……直接找研发部、技术部、结算部等部门
解决问题,绕过了客服部" and "各营业部往往为相同的问题分头找后台部门,后台部门只能分头依次
解决,这增加了工作的重复率". Its proposal: customer service as "连接前台、营业部、研发部及其他
部门的纽带". This module simulates both designs on the *same* stream of requests (common
random numbers), so every difference comes from the routing alone.

The simulation is discrete-event: requests arrive from the branches (Poisson, in working
hours), queue first-come-first-served for the staff of one back-office department (today)
or of customer service and then, if still needed, of a department (the hub). A FIFO queue
with ``c`` identical servers needs no event calendar: the next request starts when the
earliest server is free (a heap of ``c`` free times, Kiefer–Wolfowitz), so a year of
requests costs one pass in arrival order (``benchmarks/routing.py`` compares it with the
same model run as an event-by-event calendar: the same numbers, many times faster).

Time is counted in working hours from the first working day (``hours_per_day`` a day).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: Back-office departments that solve branch requests (seeds/000: 研发部、技术部、结算部、交易风控部).
DEPARTMENTS: tuple[str, ...] = ("research", "technology", "settlement", "risk")
DESIGNS: tuple[str, ...] = ("today", "hub")


@dataclass(frozen=True)
class RoutingConfig:
    """The assumptions of the routing model (none of these numbers is in the source).

    Attributes
    ----------
    branches : int
        Sales branches raising requests.
    requests_per_branch_day : float
        Requests a branch passes to the back office per working day.
    shared_share : float
        Share of requests about a *common* problem that other branches may raise too
        (a new exchange rule, a software fault); the rest are one client's own problem.
    common_problems_per_week : float
        New common problems appearing per working week (5 days).
    problem_life_days : float
        Working days a common problem keeps being raised after it appears.
    department_mix : tuple of float
        Share of requests for each of :data:`DEPARTMENTS` (sums to 1).
    department_hours : tuple of float
        Mean staff hours the department needs to solve one request.
    department_staff : int
        Staff per department working on branch requests.
    service_cv : float
        Coefficient of variation of a solving time (gamma distributed).
    cs_staff : int
        Customer-service staff triaging requests in the hub design.
    cs_hours : float
        Mean hours customer service needs to triage a request and look it up.
    recognition : float
        Share of repeated problems customer service recognises in its file (the others
        go to the back office again).
    days : int
        Working days simulated.
    hours_per_day : float
        Working hours a day.
    """

    branches: int = 20
    requests_per_branch_day: float = 1.5
    shared_share: float = 0.4
    common_problems_per_week: float = 6.0
    problem_life_days: float = 10.0
    department_mix: tuple[float, ...] = (0.2, 0.35, 0.3, 0.15)
    department_hours: tuple[float, ...] = (3.0, 2.0, 1.5, 2.0)
    department_staff: int = 3
    service_cv: float = 0.8
    cs_staff: int = 3
    cs_hours: float = 0.25
    recognition: float = 0.9
    days: int = 250
    hours_per_day: float = 8.0

    def __post_init__(self) -> None:
        problems = []
        if self.branches < 1 or self.department_staff < 1 or self.cs_staff < 1 or self.days < 1:
            problems.append(("营业部数、部门人数、客服人数和天数都必须至少为 1",
                             "branches, department staff, customer-service staff and days must all be at least 1"))
        if not (0.0 <= self.shared_share <= 1.0 and 0.0 <= self.recognition <= 1.0):
            problems.append(("共性问题占比与识别率必须在 0 到 1 之间", "the shared-problem share and the recognition rate must be between 0 and 1"))
        if len(self.department_mix) != len(DEPARTMENTS) or len(self.department_hours) != len(DEPARTMENTS):
            problems.append((f"部门构成与处理时长各需要 {len(DEPARTMENTS)} 个数",
                             f"department mix and hours need {len(DEPARTMENTS)} numbers each"))
        elif min(self.department_mix) < 0 or not np.isclose(sum(self.department_mix), 1.0):
            problems.append(("部门构成必须非负且总和为 1", "the department mix must be non-negative and sum to 1"))
        if min(self.requests_per_branch_day, self.common_problems_per_week, self.problem_life_days, self.cs_hours,
               self.service_cv, *self.department_hours, self.hours_per_day) <= 0:
            problems.append(("请求率、问题数、时长与波动都必须为正数",
                             "rates, problem counts, hours and variability must all be positive"))
        if problems:
            raise DataError("路由参数有误：" + "；".join(p[0] for p in problems) + "。",
                            "Bad routing parameters: " + "; ".join(p[1] for p in problems) + ".")


def generate_requests(config: RoutingConfig, seed: int) -> pd.DataFrame:
    """The stream of requests both designs serve: when, from which branch, about which problem.

    Returns
    -------
    pd.DataFrame
        One row per request in arrival order: ``request_no`` (0, 1, …), ``arrival_h``
        (working hours since the start), ``branch`` (0 … branches-1), ``department``
        (index into :data:`DEPARTMENTS`), ``problem`` (an integer: requests with the same
        number are the same problem), ``shared`` (a common problem), ``solve_h`` (staff
        hours its department needs to solve it from scratch).
    """
    rng = np.random.default_rng(seed)
    horizon = config.days * config.hours_per_day
    n = rng.poisson(config.branches * config.requests_per_branch_day * config.days)
    arrival = np.sort(rng.uniform(0.0, horizon, n))
    branch = rng.integers(0, config.branches, n)
    department = rng.choice(len(DEPARTMENTS), n, p=np.asarray(config.department_mix) / sum(config.department_mix))
    # Common problems appear as a Poisson stream; a shared request picks one still being raised.
    k = rng.poisson(config.common_problems_per_week / 5.0 * config.days)
    born = np.sort(rng.uniform(0.0, horizon, k))
    born_department = rng.choice(len(DEPARTMENTS), k, p=np.asarray(config.department_mix) / sum(config.department_mix))
    life = config.problem_life_days * config.hours_per_day
    first = np.searchsorted(born, arrival - life, side="right")
    last = np.searchsorted(born, arrival, side="right")
    alive = last - first
    shared = (rng.random(n) < config.shared_share) & (alive > 0)
    pick = first + np.floor(rng.random(n) * np.maximum(alive, 1)).astype(np.int64)
    problem = np.where(shared, pick, k + np.arange(n))  # own problems are numbered after the common ones
    department = np.where(shared, born_department[np.minimum(pick, max(k - 1, 0))] if k else department, department)
    mean = np.asarray(config.department_hours)[department]
    shape = 1.0 / config.service_cv ** 2
    solve = rng.gamma(shape, mean / shape)
    return pd.DataFrame({"request_no": np.arange(n), "arrival_h": arrival, "branch": branch,
                         "department": department, "problem": problem, "shared": shared, "solve_h": solve})


def _fifo(arrival: np.ndarray, service: np.ndarray, servers: int) -> np.ndarray:
    """Start times of jobs served first-come-first-served by ``servers`` identical servers."""
    free = [0.0] * servers
    start = np.empty(len(arrival))
    for i, (a, s) in enumerate(zip(arrival.tolist(), service.tolist())):
        t = free[0]
        begin = a if a > t else t
        start[i] = begin
        heapq.heapreplace(free, begin + s)
    return start


@dataclass(frozen=True)
class RoutingResult:
    """One design's run: every request's fate and the summary measures."""

    design: str
    requests: pd.DataFrame = field(repr=False)
    summary: dict


def _today(req: pd.DataFrame, config: RoutingConfig) -> pd.DataFrame:
    out = req.copy()
    out["back_office"] = True
    out["seen_by_cs"] = False
    out["resolved_h"] = np.nan
    for d in range(len(DEPARTMENTS)):
        rows = np.flatnonzero(req["department"].to_numpy() == d)
        arrival, solve = req["arrival_h"].to_numpy()[rows], req["solve_h"].to_numpy()[rows]
        start = _fifo(arrival, solve, config.department_staff)
        out.loc[rows, "resolved_h"] = start + solve
    return out


def _hub(req: pd.DataFrame, config: RoutingConfig, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 1)
    arrival = req["arrival_h"].to_numpy()
    shape = 1.0 / config.service_cv ** 2
    triage = rng.gamma(shape, config.cs_hours / shape, len(req))
    triaged = _fifo(arrival, triage, config.cs_staff) + triage
    recognised = rng.random(len(req)) < config.recognition
    order = np.argsort(triaged, kind="stable")
    dept, problem, solve = (req[c].to_numpy() for c in ("department", "problem", "solve_h"))
    free = [[0.0] * config.department_staff for _ in DEPARTMENTS]
    solved_at: dict[int, float] = {}  # problem -> when the back office solves it (known once dispatched)
    resolved = np.empty(len(req))
    back_office = np.zeros(len(req), dtype=bool)
    for i in order.tolist():
        t, p = float(triaged[i]), int(problem[i])
        done = solved_at.get(p) if recognised[i] else None
        if done is None:  # new to customer service (or not recognised): a back-office job
            servers = free[dept[i]]
            begin = max(t, servers[0])
            done = begin + float(solve[i])
            heapq.heapreplace(servers, done)
            solved_at.setdefault(p, done)
            back_office[i] = True
        resolved[i] = max(t, done)  # answered from the file, or when the job in progress ends
    out = req.copy()
    out["back_office"] = back_office
    out["seen_by_cs"] = True
    out["resolved_h"] = resolved
    return out


def _summary(design: str, out: pd.DataFrame, config: RoutingConfig) -> dict:
    hours = out["resolved_h"].to_numpy() - out["arrival_h"].to_numpy()
    jobs = out.loc[out["back_office"]]
    horizon = config.days * config.hours_per_day
    capacity = horizon * config.department_staff * len(DEPARTMENTS)
    return {
        "design": design,
        "requests": int(len(out)),
        "back_office_jobs": int(len(jobs)),
        "repeat_jobs": int(len(jobs) - jobs["problem"].nunique()),
        "seen_by_cs_share": float(out["seen_by_cs"].mean()) if len(out) else 0.0,
        "mean_hours": float(hours.mean()) if len(out) else 0.0,
        "p90_hours": float(np.quantile(hours, 0.9)) if len(out) else 0.0,
        "back_office_hours": float(jobs["solve_h"].sum()),
        "back_office_utilisation": float(jobs["solve_h"].sum() / capacity),
    }


def simulate_routing(requests: pd.DataFrame, design: str, config: RoutingConfig, seed: int = 0) -> RoutingResult:
    """Serve ``requests`` (from :func:`generate_requests`) under one design.

    Parameters
    ----------
    requests : DataFrame
        The request stream.
    design : {"today", "hub"}
        ``today``: each branch takes its request straight to the department, which
        solves every request separately, even a problem solved before for another
        branch. ``hub``: customer service triages every request first; a problem it has
        passed to the back office before is answered from its file (or joins the job in
        progress); only new problems reach the back office.
    config : RoutingConfig
        Staffing and service times.
    seed : int
        Seed of customer service's triage times.

    Returns
    -------
    RoutingResult
        ``requests`` with ``back_office`` (a back-office job was made for it),
        ``seen_by_cs`` and ``resolved_h``; ``summary`` with ``requests``,
        ``back_office_jobs``, ``repeat_jobs`` (jobs on a problem the back office had
        already solved or was solving), ``seen_by_cs_share``, ``mean_hours`` and
        ``p90_hours`` (working hours to resolution), ``back_office_hours`` and
        ``back_office_utilisation``.
    """
    if design not in DESIGNS:
        raise DataError(f"未知的路由方案“{design}”，可选：today、hub。",
                        f"Unknown routing design '{design}'; choose today or hub.")
    out = _today(requests, config) if design == "today" else _hub(requests, config, seed)
    return RoutingResult(design, out, _summary(design, out, config))


def compare_designs(config: RoutingConfig = RoutingConfig(), seed: int = 0) -> pd.DataFrame:
    """Both designs on the same requests: one summary row per design (index ``design``)."""
    req = generate_requests(config, seed)
    rows = [simulate_routing(req, d, config, seed).summary for d in DESIGNS]
    return pd.DataFrame(rows).set_index("design")


def flow_counts(result: RoutingResult) -> pd.DataFrame:
    """Where requests went, for a flow diagram: ``source, target, requests`` (stages by code).

    Stages: ``branches``, ``customer_service``, ``answered_by_cs`` (hub only), and each
    department of :data:`DEPARTMENTS`.
    """
    out = result.requests
    rows = []
    jobs = out[out["back_office"]]
    by_dept = jobs["department"].value_counts().reindex(range(len(DEPARTMENTS)), fill_value=0)
    if result.design == "today":
        rows += [("branches", DEPARTMENTS[d], int(k)) for d, k in by_dept.items()]
    else:
        rows.append(("branches", "customer_service", int(len(out))))
        rows += [("customer_service", DEPARTMENTS[d], int(k)) for d, k in by_dept.items()]
        rows.append(("customer_service", "answered_by_cs", int((~out["back_office"]).sum())))
    return pd.DataFrame(rows, columns=["source", "target", "requests"])


def config_from_requests(requests: pd.DataFrame, base: RoutingConfig = RoutingConfig(),
                         hours_per_day: float | None = None) -> RoutingConfig:
    """A :class:`RoutingConfig` whose request rate, sharing and department mix are measured on a log.

    Parameters
    ----------
    requests : DataFrame
        A request log with ``branch``, ``department`` (codes of :data:`DEPARTMENTS`),
        ``problem_id`` and ``raised_at`` (datetime).
    base : RoutingConfig
        Supplies what a log cannot tell (staffing, service times, problem life).

    Returns
    -------
    RoutingConfig
        ``branches`` = distinct branches, ``requests_per_branch_day`` = requests per
        branch per working day (weekdays between the first and last request),
        ``shared_share`` = share of requests whose problem other requests raise too,
        ``department_mix`` = share per department.
    """
    if len(requests) == 0:
        raise DataError("请求记录为空。", "The request log is empty.")
    stamps = pd.to_datetime(requests["raised_at"])
    days = max(int(np.busday_count(stamps.min().date(), stamps.max().date())) + 1, 1)
    branches = int(requests["branch"].nunique())
    repeated = requests["problem_id"].map(requests["problem_id"].value_counts()) > 1
    mix = requests["department"].value_counts(normalize=True).reindex(list(DEPARTMENTS), fill_value=0.0)
    return replace(base, branches=branches, requests_per_branch_day=len(requests) / branches / days,
                   shared_share=float(repeated.mean()), department_mix=tuple(float(x) for x in mix),
                   hours_per_day=hours_per_day or base.hours_per_day)
