"""Three-level care: tiers of unit and individual customers, who calls whom, and what it costs.

The fuel-station paper (seeds/002, 中原石油): "公司零售部门每季度对VIP客户进行回访……片区负责参与维护
A类以上的单位客户，加油站负责参与维护B类以上的个人客户……遇油价调整、天气变化、重要节日必访".
So: the company calls every VIP quarterly; districts care for unit customers of class A
and above; stations for individual customers of class B and above; both call on every
must-call occasion (price change, weather change, major holiday). The paper names the
tiers but not their thresholds: :data:`DEFAULT_THRESHOLDS` are assumptions, movable in
the view. Tiers come from :func:`crm.core.segment.value_tiers`, one pyramid for every case.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.segment import tier_summary, value_tiers

TIERS = ("VIP", "A", "B", "C")
KINDS = ("unit", "individual")
LEVELS = ("company", "district", "station")
OCCASIONS = ("price_change", "weather", "holiday")
VIP_CALLS_PER_YEAR = 4  # seeds/002: "每季度对VIP客户进行回访"
#: Minimum litres a year of each tier (assumptions; the source names the tiers only).
DEFAULT_THRESHOLDS: dict[str, dict[str, float]] = {
    "unit": {"VIP": 20_000.0, "A": 8_000.0, "B": 3_000.0, "C": 0.0},
    "individual": {"VIP": 3_000.0, "A": 2_000.0, "B": 1_200.0, "C": 0.0},
}
#: Who cares for which tiers of which kind (seeds/002): districts A-and-above units, stations B-and-above individuals.
CARE_RULES: dict[str, tuple[str, tuple[str, ...]]] = {"district": ("unit", ("VIP", "A")),
                                                      "station": ("individual", ("VIP", "A", "B"))}


def customer_tiers(values: pd.Series, kinds: pd.Series,
                   thresholds: Mapping[str, Mapping[str, float]] = DEFAULT_THRESHOLDS) -> pd.Series:
    """VIP / A / B / C of each customer, with separate thresholds for unit and individual customers.

    Parameters
    ----------
    values : Series
        Litres a year (or any value) per customer, indexed by customer id.
    kinds : Series
        "unit" or "individual" per customer, same index.
    thresholds : mapping kind -> (mapping tier -> minimum value)
        Tiers VIP, A, B, C, highest first, for each kind.

    Returns
    -------
    Series
        Categorical tier (VIP, A, B, C), same index as ``values``.
    """
    kinds = kinds.reindex(values.index)
    unknown = sorted(set(kinds.dropna().unique()) - set(KINDS)) + (["(empty)"] if kinds.isna().any() else [])
    if unknown:
        raise DataError(f"客户类型只能是 unit 或 individual，发现：{unknown}。",
                        f"Customer kinds must be unit or individual; found: {unknown}.")
    codes = np.zeros(len(values), dtype=np.int8)
    for kind in KINDS:
        t = thresholds[kind]
        if tuple(t) != TIERS:
            raise DataError(f"{kind} 的层级必须依次为 VIP、A、B、C。", f"The tiers of {kind} must be VIP, A, B, C in order.")
        mask = (kinds == kind).to_numpy()
        if mask.any():
            codes[mask] = value_tiers(values[mask], {**t, "C": -np.inf}).cat.codes  # C takes everyone below B
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(TIERS)), index=values.index, name="tier")


def care_plan(tiers: pd.Series, kinds: pd.Series, occasions: Mapping[str, int]) -> pd.DataFrame:
    """Calls a year each customer gets from the company, his district and his station.

    Parameters
    ----------
    tiers, kinds : Series
        From :func:`customer_tiers`, and "unit" / "individual", indexed by customer.
    occasions : mapping occasion -> days a year
        Must-call occasions counted (e.g. ``{"price_change": 17, "weather": 8, "holiday": 7}``).

    Returns
    -------
    DataFrame
        Indexed by customer: ``kind``, ``tier``, ``company_calls``, ``district_calls``,
        ``station_calls``, ``calls`` (their sum).

    Examples
    --------
    >>> tiers = pd.Series(pd.Categorical(["VIP", "A", "B"], categories=TIERS), index=["u1", "u2", "i1"])
    >>> kinds = pd.Series(["unit", "unit", "individual"], index=tiers.index)
    >>> care_plan(tiers, kinds, {"holiday": 7})["calls"].tolist()
    [11, 7, 7]
    """
    bad = {k: v for k, v in occasions.items() if k not in OCCASIONS or v < 0}
    if bad:
        raise DataError(f"必访时机只能是 {'、'.join(OCCASIONS)}，次数不能为负：{bad}。",
                        f"Occasions must be among {', '.join(OCCASIONS)} with non-negative counts; got {bad}.")
    per_occasion = int(sum(occasions.values()))
    kinds = kinds.reindex(tiers.index)
    plan = pd.DataFrame({"kind": kinds, "tier": tiers})
    plan["company_calls"] = np.where(tiers == "VIP", VIP_CALLS_PER_YEAR, 0)
    for level, (kind, covered) in CARE_RULES.items():
        plan[f"{level}_calls"] = np.where((kinds == kind) & tiers.isin(covered), per_occasion, 0)
    plan["calls"] = plan[["company_calls", "district_calls", "station_calls"]].sum(axis=1)
    return plan


def care_load(plan: pd.DataFrame, callers: Mapping[str, int], weeks: float = 52.0) -> pd.DataFrame:
    """Customers, calls a year and calls per caller a week at each care level.

    Parameters
    ----------
    plan : DataFrame
        From :func:`care_plan`.
    callers : mapping level -> people who make that level's calls
        E.g. ``{"company": 1, "district": 4, "station": 370}``.

    Returns
    -------
    DataFrame
        Index ``level`` (company, district, station): ``customers``, ``calls``,
        ``callers``, ``calls_per_caller_week``.
    """
    rows = {}
    for level in LEVELS:
        calls = plan[f"{level}_calls"]
        n = int(callers.get(level, 0))
        if n < 0:
            raise DataError(f"{level} 的人数不能为负。", f"The number of {level} callers cannot be negative.")
        total = int(calls.sum())
        rows[level] = {"customers": int((calls > 0).sum()), "calls": total, "callers": n,
                       "calls_per_caller_week": total / n / weeks if n else float("inf") if total else 0.0}
    out = pd.DataFrame(rows).T.astype({"customers": int, "calls": int, "callers": int, "calls_per_caller_week": float})
    out.index.name = "level"
    return out


def tier_table(values: pd.Series, kinds: pd.Series, tiers: pd.Series) -> pd.DataFrame:
    """:func:`crm.core.segment.tier_summary` for each kind, stacked: index (kind, tier)."""
    parts = {kind: tier_summary(values[(kinds == kind).reindex(values.index).to_numpy()],
                                tiers[(kinds == kind).reindex(tiers.index).to_numpy()]) for kind in KINDS}
    return pd.concat(parts, names=["kind", "tier"])


def occasion_counts(occasions: pd.DataFrame, kinds: Iterable[str] = OCCASIONS) -> dict[str, int]:
    """Days of each must-call occasion in an ``occasions`` table (``occasion`` column)."""
    counts = occasions["occasion"].astype(str).value_counts()
    return {k: int(counts.get(k, 0)) for k in kinds}
