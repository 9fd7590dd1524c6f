"""The "1:15" customer managers: every employee of a station maintains at least 15 customers.

The fuel-station paper (seeds/002, 中原石油): "让每一位员工都成为客户经理，每人至少维护15位以上客户"
and "加油IC卡客户遵循“谁开发，谁维护”的原则". :func:`assign_managers` gives each station's
customers to its employees, balanced by count and by value (the largest customers first,
each to the employee with the least value so far), keeping any current assignment it
is given (who acquired a customer keeps him) so that a change of staff or customers
moves as few customers as possible. An employee maintains at most ``capacity``
customers (an assumption); customers beyond that are left uncovered.
"""
from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

MIN_PER_EMPLOYEE = 15  # seeds/002: "每人至少维护15位以上客户"
DEFAULT_CAPACITY = 60  # assumption: customers one employee can really keep in touch with


def assign_managers(customers: pd.DataFrame, staff: pd.DataFrame, current: pd.Series | None = None,
                    capacity: int = DEFAULT_CAPACITY) -> pd.Series:
    """Give each station's customers to its employees, balanced by count and value.

    Parameters
    ----------
    customers : DataFrame
        ``customer_id``, ``station_id``, ``value`` (e.g. litres a year).
    staff : DataFrame
        ``employee_id``, ``station_id``: the employees who can maintain customers.
    current : Series, optional
        Current manager of each customer (index customer_id). A customer keeps his
        manager if that employee is still at the same station and under capacity.
    capacity : int
        Most customers one employee maintains.

    Returns
    -------
    Series
        Manager (employee_id) of each customer, index customer_id, in the order of
        ``customers``; empty (None) for customers no one can take.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": list("abcd"), "station_id": "S1", "value": [40.0, 30, 20, 10]})
    >>> s = pd.DataFrame({"employee_id": ["e1", "e2"], "station_id": "S1"})
    >>> assign_managers(c, s).tolist()
    ['e1', 'e2', 'e2', 'e1']
    """
    for name, df, cols in (("customers", customers, ("customer_id", "station_id", "value")),
                           ("staff", staff, ("employee_id", "station_id"))):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise DataError(f"{name} 表缺少列：{'、'.join(missing)}。", f"The {name} table lacks columns: {', '.join(missing)}.")
    if capacity < 1:
        raise DataError(f"每人可维护的客户数至少为 1，收到 {capacity}。", f"Capacity must be at least 1; got {capacity}.")
    if customers["customer_id"].duplicated().any():
        raise DataError("客户编号有重复。", "Customer ids repeat.")
    employees = staff.groupby("station_id")["employee_id"].apply(lambda s: sorted(s.astype(str)))
    kept = current.reindex(customers["customer_id"]).to_numpy() if current is not None else None
    result = np.full(len(customers), None, dtype=object)
    for station, idx in customers.groupby("station_id", sort=True).indices.items():
        emps = employees.get(station, [])
        if not emps:
            continue
        values = customers["value"].to_numpy(dtype=float)[idx]
        cap = min(capacity, -(-len(idx) // len(emps)))  # ceil: counts differ by at most one
        count = dict.fromkeys(emps, 0)
        load = dict.fromkeys(emps, 0.0)
        todo = []
        for i, v in zip(idx, values):
            e = kept[i] if kept is not None else None
            if e in count and count[e] < cap:
                result[i], count[e], load[e] = e, count[e] + 1, load[e] + v
            else:
                todo.append((i, v))
        heap = [(load[e], e) for e in emps if count[e] < cap]
        heapq.heapify(heap)
        for i, v in sorted(todo, key=lambda iv: (-iv[1], iv[0])):
            if not heap:
                break
            _, e = heapq.heappop(heap)
            result[i], count[e], load[e] = e, count[e] + 1, load[e] + v
            if count[e] < cap:
                heapq.heappush(heap, (load[e], e))
    return pd.Series(result, index=pd.Index(customers["customer_id"].to_numpy(), name="customer_id"), name="employee_id")


def manager_load(customers: pd.DataFrame, staff: pd.DataFrame, managers: pd.Series,
                 minimum: int = MIN_PER_EMPLOYEE) -> pd.DataFrame:
    """Customers and value each employee maintains, and whether he keeps at least ``minimum``.

    Returns
    -------
    DataFrame
        One row per employee of ``staff``: ``employee_id``, ``station_id``, ``customers``,
        ``value``, ``value_share`` (of his station's assigned value), ``meets_minimum``.
    """
    c = customers.assign(employee_id=managers.reindex(customers["customer_id"]).to_numpy())
    per = c.groupby("employee_id")["value"].agg(["size", "sum"])
    out = staff[["employee_id", "station_id"]].copy()
    out["customers"] = per["size"].reindex(out["employee_id"]).fillna(0).astype(int).to_numpy()
    out["value"] = per["sum"].reindex(out["employee_id"]).fillna(0.0).to_numpy()
    station_total = out.groupby("station_id")["value"].transform("sum")
    out["value_share"] = np.divide(out["value"], station_total, out=np.zeros(len(out)), where=station_total > 0)
    out["meets_minimum"] = out["customers"] >= minimum
    return out.reset_index(drop=True)


def station_coverage(customers: pd.DataFrame, load: pd.DataFrame, managers: pd.Series) -> pd.DataFrame:
    """Per station: employees, customers, share covered, fewest and most customers per employee.

    Returns
    -------
    DataFrame
        Index ``station_id``: ``employees``, ``customers``, ``covered`` (share with a
        manager), ``min_customers``, ``max_customers``, ``below_minimum`` (employees under
        the minimum), ``value_spread`` (largest / smallest value per employee).
    """
    has = managers.reindex(customers["customer_id"]).notna().to_numpy()
    cust = pd.DataFrame({"station_id": customers["station_id"].to_numpy(), "covered": has})
    by = cust.groupby("station_id")["covered"].agg(["size", "mean"])
    g = load.groupby("station_id")
    out = pd.DataFrame({"employees": g.size(), "min_customers": g["customers"].min(),
                        "max_customers": g["customers"].max(), "below_minimum": g["meets_minimum"].apply(lambda s: int((~s).sum())),
                        "value_spread": g["value"].max() / g["value"].min().replace(0, np.nan)})
    out = out.join(by.rename(columns={"size": "customers", "mean": "covered"}), how="outer")
    out[["customers", "employees"]] = out[["customers", "employees"]].fillna(0).astype(int)
    out["covered"] = out["covered"].fillna(0.0)
    return out[["employees", "customers", "covered", "min_customers", "max_customers", "below_minimum", "value_spread"]]


def assignment_changes(before: pd.Series, after: pd.Series) -> dict[str, int]:
    """How many customers kept their manager, moved to another, were newly assigned or lost one."""
    ids = before.index.union(after.index)
    b, a = before.reindex(ids), after.reindex(ids)
    return {"kept": int(((b == a) & b.notna()).sum()), "moved": int((b.notna() & a.notna() & (b != a)).sum()),
            "new": int((b.isna() & a.notna()).sum()), "uncovered": int((b.notna() & a.isna()).sum())}
