"""Following each receivable as 时风集团's RPM system does (seeds/002): the step each open invoice is due
today, the calendar of steps, the "double ten", monthly ageing and the bad-client warning list.

Steps (days from shipping for ``confirm``, from the due date, extended for force majeure, for the rest):
confirm within a week of shipping, remind a week before due, warn a week overdue, press two weeks
overdue, investigate and blacklist a month overdue (:data:`crm.cases.credit.case.STEPS`).
"""
from __future__ import annotations

import pandas as pd

from crm.cases.credit.case import _a, DOUBLE_TEN, NON_CREDIT_ARREARS_MONTHS, STEPS
from crm.core.schemas import DataError

_NEEDED = ("invoice_id", "client_id", "sales_unit", "amount", "ship_date", "due_date", "extension_days", "paid_date")
AGE_BUCKETS = ((-10_000, 0, "not_due"), (1, 7, "1-7"), (8, 14, "8-14"), (15, 30, "15-30"), (31, 90, "31-90"),
               (91, 10_000, ">90"))


def _check(invoices: pd.DataFrame) -> None:
    missing = [c for c in _NEEDED if c not in invoices.columns]
    if missing:
        raise DataError(f"发票表缺少列：{', '.join(missing)}。", f"The invoices lack columns: {', '.join(missing)}.")


def _day(today: object) -> pd.Timestamp:
    try:
        t = pd.Timestamp(today)
    except (ValueError, TypeError) as err:
        raise DataError(f"日期无法识别：{today!r}。", f"Cannot read the date {today!r}.") from err
    if t is pd.NaT:
        raise DataError("日期为空。", "The date is empty.")
    return t.normalize()


def open_on(invoices: pd.DataFrame, today: object) -> pd.DataFrame:
    """Invoices shipped by ``today`` and not paid by then, with ``due`` (extended) and ``days_overdue``."""
    _check(invoices)
    t = _day(today)
    inv = invoices
    paid = pd.to_datetime(inv["paid_date"])
    ship = pd.to_datetime(inv["ship_date"])
    o = inv[(ship <= t) & (paid.isna() | (paid > t))].copy()
    o["due"] = pd.to_datetime(o["due_date"]) + pd.to_timedelta(o["extension_days"], unit="D")
    o["days_overdue"] = (t - o["due"]).dt.days
    o["age_days"] = (t - pd.to_datetime(o["ship_date"])).dt.days
    return o


def step_dates(invoices: pd.DataFrame) -> pd.DataFrame:
    """The calendar: one row per invoice and step with the day the step falls due (``date``)."""
    _check(invoices)
    ship = pd.to_datetime(invoices["ship_date"])
    due = pd.to_datetime(invoices["due_date"]) + pd.to_timedelta(invoices["extension_days"], unit="D")
    month = _a("month_days")
    parts = []
    for step, base, days in STEPS:
        d = days if step != "blacklist" else month
        date = (ship + pd.Timedelta(days=d)) if base == "ship" else (due + pd.Timedelta(days=d))
        parts.append(pd.DataFrame({"invoice_id": invoices["invoice_id"], "client_id": invoices["client_id"],
                                   "sales_unit": invoices["sales_unit"], "amount": invoices["amount"],
                                   "step": step, "date": date, "paid_date": pd.to_datetime(invoices["paid_date"])}))
    cal = pd.concat(parts, ignore_index=True)
    return cal.sort_values(["date", "invoice_id", "step"], kind="stable").reset_index(drop=True)


def due_today(invoices: pd.DataFrame, today: object) -> pd.DataFrame:
    """Who is due which step on ``today``: open invoices whose step falls on this day.

    ``confirm`` is listed on every day of the week after shipping (货发一周内), the others on their day.
    """
    t = _day(today)
    cal = step_dates(invoices)
    unpaid = cal["paid_date"].isna() | (cal["paid_date"] > t)
    ship = cal["date"] - pd.Timedelta(days=STEPS[0][2])
    in_week = (cal["step"] == "confirm") & (ship <= t) & (t < cal["date"])
    on_day = (cal["step"] != "confirm") & (cal["date"] == t)
    return cal[unpaid & (in_week | on_day)].drop(columns="paid_date").reset_index(drop=True)


def stage(o: pd.DataFrame) -> pd.Series:
    """The furthest step an open invoice has reached (``open_on`` rows): current, remind, warn, press, blacklist."""
    d = o["days_overdue"]
    month = _a("month_days")
    out = pd.Series("current", index=o.index)
    out[d >= -7] = "remind"
    out[d >= 7] = "warn"
    out[d >= 14] = "press"
    out[d >= month] = "blacklist"
    return out


def double_ten(invoices: pd.DataFrame, today: object, sales_unit: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 双十客户: the 10 clients owing most and the 10 with the oldest open debt (in a sales unit, or all)."""
    o = open_on(invoices, today)
    if sales_unit is not None:
        if sales_unit not in set(invoices["sales_unit"]):
            raise DataError(f"没有这个主销单位：{sales_unit}。", f"No such sales unit: {sales_unit}.")
        o = o[o["sales_unit"] == sales_unit]
    g = o.groupby("client_id").agg(owed=("amount", "sum"), oldest_days=("age_days", "max"),
                                   most_overdue=("days_overdue", "max"), invoices=("invoice_id", "size"))
    largest = g.sort_values(["owed", "oldest_days"], ascending=False, kind="stable").head(DOUBLE_TEN)
    oldest = g.sort_values(["oldest_days", "owed"], ascending=False, kind="stable").head(DOUBLE_TEN)
    return largest, oldest


def ageing(invoices: pd.DataFrame, today: object) -> pd.DataFrame:
    """Open amounts by sales unit and age bucket (days past the extended due date): the monthly analysis."""
    o = open_on(invoices, today)
    labels = [b[2] for b in AGE_BUCKETS]
    bins = [AGE_BUCKETS[0][0] - 1] + [b[1] for b in AGE_BUCKETS]
    o["bucket"] = pd.cut(o["days_overdue"], bins=bins, labels=labels)
    t = o.pivot_table(index="sales_unit", columns="bucket", values="amount", aggfunc="sum", observed=False)
    return t.reindex(columns=labels).fillna(0.0)


def warning_list(clients: pd.DataFrame, invoices: pd.DataFrame, today: object) -> pd.DataFrame:
    """The bad-client warning list: each client on it and why (lawsuit, non-credit arrears over six months,
    a credit sale unpaid a month after due)."""
    o = open_on(invoices, today)
    month = _a("month_days")
    overdue = set(o.loc[o["days_overdue"] >= month, "client_id"])
    rows = []
    for _, c in clients.iterrows():
        why = []
        if c["lawsuit"]:
            why.append("lawsuit")
        if c["non_credit_arrears_months"] > NON_CREDIT_ARREARS_MONTHS:
            why.append("non_credit_arrears")
        if c["client_id"] in overdue:
            why.append("month_overdue")
        if why:
            rows.append({"client_id": c["client_id"], "sales_unit": c["sales_unit"], "reasons": ",".join(why)})
    return pd.DataFrame(rows, columns=["client_id", "sales_unit", "reasons"])


def files_due(clients: pd.DataFrame, today: object) -> pd.DataFrame:
    """Clients whose basic credit file is six months old or older (更新以六个月为一个周期)."""
    t = _day(today)
    upd = pd.to_datetime(clients["file_updated"])
    return clients[upd + pd.DateOffset(months=6) <= t]
