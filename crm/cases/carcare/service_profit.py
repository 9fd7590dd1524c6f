"""The service–profit chain: a simulator with named link strengths, and the data's own links.

seeds/004 draws the chain: 內部服務品質 → 員工滿意 → 員工流動性 / 員工生產力 → 外部服務價值 →
顧客滿意 → 顧客忠誠 → 營收成長 / 獲利力; seeds/000 (车佰汇): "若要客户有较高的满意度,一定先要让员工满意".
:func:`simulate_chain` pushes a change of internal service quality down the chain with
link strengths the student sets (:class:`ChainLinks`, every default a named
assumption); :func:`chain_links_from_data` measures the same links in the case data,
in the same units, so the two can be set side by side.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: The stages of the chain, in order.
STAGES = ("internal_quality", "employee_satisfaction", "staff_turnover", "productivity", "service_value",
          "customer_satisfaction", "loyalty", "revenue", "profit")


@dataclass(frozen=True)
class ChainLinks:
    """Strength of each link of the chain (assumptions; the generator's ``chain_*`` by default).

    Attributes
    ----------
    quality_to_satisfaction : float
        Points of staff satisfaction (1–10) per point of internal service quality.
    satisfaction_to_turnover : float
        Log-odds of a staff member leaving in a year, per point of satisfaction.
    satisfaction_to_productivity : float
        Relative change in cars served per staff member, per point of satisfaction.
    satisfaction_to_value : float
        Points of customer rating of the service (1–10) per point of staff satisfaction.
    value_to_customer_satisfaction : float
        Points of customer satisfaction per point of service value (1: the rating is both).
    satisfaction_to_loyalty : float
        Log-odds of a customer coming back next year, per point of customer satisfaction.
    """

    quality_to_satisfaction: float = 0.7
    satisfaction_to_turnover: float = -0.9
    satisfaction_to_productivity: float = 0.06
    satisfaction_to_value: float = 0.55
    value_to_customer_satisfaction: float = 1.0
    satisfaction_to_loyalty: float = 0.45


@dataclass(frozen=True)
class ChainBaseline:
    """Where the firm stands today (from the data, see :func:`chain_baseline`) and the economics (assumptions)."""

    internal_quality: float = 6.5
    employee_satisfaction: float = 7.0
    staff_turnover: float = 0.12
    productivity: float = 40.0          # cars per technician per month
    service_value: float = 7.3
    customer_satisfaction: float = 7.3
    loyalty: float = 0.70               # share of customers back next year
    customers: float = 10_000.0
    new_customers: float = 2_700.0      # won a year through the channels
    revenue_per_customer: float = 1_000.0
    staff: float = 45.0
    margin: float = 0.45                # assumption: gross margin on services
    cost_per_leaver: float = 8_000.0    # assumption: hiring and training a replacement (yuan)
    quality_cost_per_point: float = 3_000.0  # assumption: yuan a year per employee per point of internal quality
    capacity_headroom: float = 1.3      # assumption: the staff could serve 30 % more cars than today


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return float(np.log(p / (1 - p)))


def _expit(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def simulate_chain(quality_change: float, links: ChainLinks = ChainLinks(),
                   base: ChainBaseline = ChainBaseline()) -> pd.DataFrame:
    """Push a change of internal service quality (points) down the chain.

    Returns
    -------
    DataFrame
        Indexed by :data:`STAGES`: ``baseline``, ``scenario``, ``change`` and
        ``relative_change``. Revenue is next year's customers (kept + new) × revenue per
        customer, capped by what the staff can serve at the new productivity; profit is
        revenue × margin − the cost of staff turnover − the cost of the quality change.

    Examples
    --------
    >>> simulate_chain(0.0).loc["revenue", "change"]
    0.0
    """
    if not np.isfinite(quality_change) or abs(quality_change) > 9:
        raise DataError("内部服务质量的变化必须在 −9 到 9 分之间。", "The change of internal quality must be within ±9 points.")
    d_sat = links.quality_to_satisfaction * quality_change
    turnover = _expit(_logit(base.staff_turnover) + links.satisfaction_to_turnover * d_sat)
    productivity = base.productivity * float(np.exp(links.satisfaction_to_productivity * d_sat))
    d_value = links.satisfaction_to_value * d_sat
    d_cs = links.value_to_customer_satisfaction * d_value
    loyalty = _expit(_logit(base.loyalty) + links.satisfaction_to_loyalty * d_cs)

    def money(turn: float, prod: float, loyal: float, dq: float) -> tuple[float, float]:
        # customers the staff can serve grow with productivity from today's load and headroom
        capacity = base.customers * base.capacity_headroom * prod / base.productivity
        customers = min(base.customers * loyal + base.new_customers, capacity)
        revenue = customers * base.revenue_per_customer
        cost = turn * base.staff * base.cost_per_leaver + dq * base.staff * base.quality_cost_per_point
        return revenue, revenue * base.margin - cost

    rev0, profit0 = money(base.staff_turnover, base.productivity, base.loyalty, 0.0)
    rev1, profit1 = money(turnover, productivity, loyalty, quality_change)
    baseline = [base.internal_quality, base.employee_satisfaction, base.staff_turnover, base.productivity,
                base.service_value, base.customer_satisfaction, base.loyalty, rev0, profit0]
    scenario = [base.internal_quality + quality_change, base.employee_satisfaction + d_sat, turnover, productivity,
                base.service_value + d_value, base.customer_satisfaction + d_cs, loyalty, rev1, profit1]
    out = pd.DataFrame({"baseline": baseline, "scenario": scenario}, index=pd.Index(STAGES, name="stage"))
    out["change"] = out["scenario"] - out["baseline"]
    out["relative_change"] = out["change"] / out["baseline"].abs().where(out["baseline"] != 0)
    return out


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.polyfit(x, y, 1)[0]) if len(x) > 1 and np.ptp(x) > 0 else float("nan")


def logit_slope(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> float:
    """Slope of a one-variable logistic regression of 0/1 ``y`` on ``x`` (Newton's method)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if len(x) < 2 or np.ptp(x) == 0 or y.min() == y.max():
        return float("nan")
    design = np.column_stack([np.ones_like(x), x - x.mean()])
    beta = np.zeros(2)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-design @ beta))
        w = p * (1 - p) + 1e-12
        step = np.linalg.solve(design.T @ (design * w[:, None]), design.T @ (y - p))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return float(beta[1])


def technician_productivity(visits: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """Cars served per month on duty by each technician in the data year, beside his satisfaction."""
    tech = employees[employees["role"].astype(str) == "technician"].set_index("employee_id")
    year = visits["date"].dt.year.max()
    start = tech["hired"].clip(lower=pd.Timestamp(f"{year}-01-01"))
    end = tech["left_on"].fillna(pd.Timestamp(f"{year}-12-31"))
    months = ((end - start).dt.days + 1).clip(lower=1) / (365.25 / 12)
    served = visits.groupby("employee_id").size().reindex(tech.index, fill_value=0)
    out = pd.DataFrame({"satisfaction": tech["satisfaction"], "months": months, "visits": served})
    out["cars_per_month"] = out["visits"] / out["months"]
    return out[out["months"] >= 1]


def chain_links_from_data(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The chain's links measured in the car-care data, in :class:`ChainLinks` units.

    Returns
    -------
    DataFrame
        Indexed by link (the :class:`ChainLinks` field names): ``data_slope`` (OLS, or
        logistic for turnover and loyalty, or log-linear for productivity), ``correlation``
        (Pearson, on the same pairs) and ``n`` (pairs used). The link from service value
        to customer satisfaction is 1 by construction here (one rating measures both) and
        has no data row.
    """
    emp, visits = tables["employees"], tables["visits"]
    sat, isq = emp["satisfaction"].to_numpy(float), emp["internal_service_quality"].to_numpy(float)
    left = emp["left"].to_numpy(float)
    prod = technician_productivity(visits, emp)
    tech_sat = visits["employee_id"].map(emp.set_index("employee_id")["satisfaction"]).to_numpy(float)
    rating = visits["rating"].to_numpy(float)
    cust = visits.groupby("customer_id")["rating"].mean().rename("rating").to_frame().join(
        tables["outcomes"].set_index("customer_id")["returned_next_year"], how="inner")
    cr, back = cust["rating"].to_numpy(float), cust["returned_next_year"].to_numpy(float)
    corr = (lambda a, b: float(np.corrcoef(a, b)[0, 1]) if len(a) > 1 and np.ptp(a) > 0 and np.ptp(b) > 0
            else float("nan"))
    rows = {
        "quality_to_satisfaction": (_slope(isq, sat), corr(isq, sat), len(emp)),
        "satisfaction_to_turnover": (logit_slope(sat, left), corr(sat, left), len(emp)),
        "satisfaction_to_productivity": (_slope(prod["satisfaction"].to_numpy(float),
                                                np.log(prod["cars_per_month"].clip(lower=1e-9).to_numpy(float))),
                                         corr(prod["satisfaction"].to_numpy(float), prod["cars_per_month"].to_numpy(float)),
                                         len(prod)),
        "satisfaction_to_value": (_slope(tech_sat, rating), corr(tech_sat, rating), len(visits)),
        "satisfaction_to_loyalty": (logit_slope(cr, back), corr(cr, back), len(cust)),
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["data_slope", "correlation", "n"])
    out.index.name = "link"
    return out


def chain_baseline(tables: dict[str, pd.DataFrame], **economics: float) -> ChainBaseline:
    """Today's position of the chain read from the data; ``economics`` overrides any field."""
    emp, visits, outcomes = tables["employees"], tables["visits"], tables["outcomes"]
    prod = technician_productivity(visits, emp)
    customers = float(visits["customer_id"].nunique())
    year = visits["date"].dt.year.max()
    new = tables["customers"]["acquired"].dt.year.eq(year).sum()
    values = {"internal_quality": float(emp["internal_service_quality"].mean()),
              "employee_satisfaction": float(emp["satisfaction"].mean()),
              "staff_turnover": float(emp["left"].sum() / max(len(emp) - emp["left"].sum(), 1)),
              "productivity": float(prod["cars_per_month"].mean()),
              "service_value": float(visits["rating"].mean()),
              "customer_satisfaction": float(visits["rating"].mean()),
              "loyalty": float(outcomes["returned_next_year"].mean()),
              "customers": customers, "new_customers": float(new),
              "revenue_per_customer": float(visits["price"].sum() / customers),
              "staff": float(len(emp) - emp["left"].sum())}
    known = {f.name for f in fields(ChainBaseline)}
    unknown = sorted(set(economics) - known)
    if unknown:
        raise DataError(f"未知的参数：{'、'.join(unknown)}。", f"Unknown parameters: {', '.join(unknown)}.")
    return ChainBaseline(**(asdict(ChainBaseline()) | values | economics))
