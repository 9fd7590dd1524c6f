"""Generator for the credit case, 时风集团 (seeds/002).

The source gives the process, not the book: every client, statement, fact and invoice here is
generated under the named assumptions of :data:`crm.cases.credit.case.ASSUMPTIONS` (printed in the
datasheet). A client's facts and its statement share one hidden quality, so good facts go with sound
ratios and with paying on time; the rating is computed from them, never typed in.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.credit.case import (_a, ASPECTS, DEFAULT_SEED, ITEMS, SALES_UNITS, YEAR)


def _clients(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    n = int(_a("clients"))
    quality = rng.beta(2.5, 2.0, n)  # hidden: 0 bad … 1 good
    ids = [f"K{i:03d}" for i in range(1, n + 1)]
    total_assets = np.round(np.exp(rng.uniform(np.log(2e6), np.log(6e7), n)), -3)
    debt = np.clip(0.85 - 0.5 * quality + rng.normal(0, 0.08, n), 0.15, 1.05)
    total_liab = np.round(total_assets * debt, -3)
    current_assets = np.round(total_assets * rng.uniform(0.45, 0.8, n), -3)
    current_liab = np.round(np.minimum(total_liab, current_assets / np.clip(0.9 + 1.6 * quality
                                                                            + rng.normal(0, 0.2, n), 0.5, 3.5)), -3)
    inventory = np.round(current_assets * np.clip(0.55 - 0.25 * quality + rng.normal(0, 0.06, n), 0.1, 0.8), -3)
    cash = np.round(current_assets * np.clip(0.05 + 0.2 * quality + rng.normal(0, 0.03, n), 0.01, 0.4), -3)
    sales = np.round(total_assets * rng.uniform(0.8, 2.0, n), -3)
    gross = np.clip(0.08 + 0.15 * quality + rng.normal(0, 0.03, n), 0.02, 0.4)
    cost = np.round(sales * (1 - gross), -3)
    net = np.round(sales * (gross - 0.07 + rng.normal(0, 0.02, n)), -3)
    last_year = np.round(sales * rng.uniform(0.02, 0.12, n), -3)
    key_n = int(round(n * _a("key_share")))
    tier = np.where(np.argsort(np.argsort(-last_year, kind="stable"), kind="stable") < key_n, "key", "general")
    as_of = pd.Timestamp(_a("as_of"))
    updated = as_of - pd.to_timedelta(rng.integers(0, 240, n), unit="D")
    lawsuit = rng.random(n) < _a("lawsuit_share")
    nca = np.where(rng.random(n) < _a("non_credit_arrears_share"), rng.integers(1, 13, n), 0)
    clients = pd.DataFrame({
        "client_id": ids, "sales_unit": rng.choice(SALES_UNITS, n), "tier": tier, "last_year_business": last_year,
        "file_updated": updated.strftime("%Y-%m-%d"), "current_assets": current_assets, "inventory": inventory,
        "cash": cash, "current_liabilities": current_liab, "total_liabilities": total_liab,
        "total_assets": total_assets, "sales": sales, "cost_of_sales": cost, "net_profit": net,
        "lawsuit": lawsuit, "non_credit_arrears_months": nca.astype(int)})
    return clients, quality


def _facts(clients: pd.DataFrame, quality: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    lo, hi = _a("aspect_points")
    n, k = len(clients), len(ITEMS) * ASPECTS
    p = np.clip(np.round(lo + (hi - lo) * (quality[:, None] + rng.normal(0, 0.2, (n, k)))), lo, hi).astype(int)
    return pd.DataFrame({"client_id": np.repeat(clients["client_id"].to_numpy(), k),
                         "item": np.tile(np.repeat(np.array(ITEMS), ASPECTS), n),
                         "aspect": np.tile(np.arange(1, ASPECTS + 1), n * len(ITEMS)),
                         "points": p.ravel()})


def _invoices(clients: pd.DataFrame, quality: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    as_of = pd.Timestamp(_a("as_of"))
    lo, hi = _a("invoices_per_client")
    a, b = _a("invoice_yuan")
    habit = _a("late_habit")
    month = int(_a("month_days"))
    rows = []
    for i, c in clients.iterrows():
        m = int(rng.integers(lo, hi + 1))
        ship = pd.Timestamp(f"{YEAR}-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 365, m)), unit="D")
        amount = np.round(np.exp(rng.uniform(np.log(a), np.log(b), m)), -2)
        p_late = habit["good"] if quality[i] > 0.65 else habit["fair"] if quality[i] > 0.4 else habit["poor"]
        ext = np.where(rng.random(m) < _a("extension_share"), int(_a("extension_days")), 0)
        late = rng.random(m) < p_late
        lateness = np.where(late, rng.integers(_a("late_days")[0], _a("late_days")[1] + 1, m),
                            -rng.integers(0, 10, m))
        for j in range(m):
            due = ship[j] + pd.Timedelta(days=month)
            paid = due + pd.Timedelta(days=int(ext[j] + lateness[j]))
            paid = max(paid, ship[j] + pd.Timedelta(days=1))
            rows.append((c["client_id"], c["sales_unit"], float(amount[j]), ship[j].strftime("%Y-%m-%d"),
                         due.strftime("%Y-%m-%d"), int(ext[j]), paid.strftime("%Y-%m-%d") if paid <= as_of else ""))
    inv = pd.DataFrame(rows, columns=["client_id", "sales_unit", "amount", "ship_date", "due_date", "extension_days",
                                      "paid_date"])
    inv = inv.sort_values(["ship_date", "client_id"], kind="stable").reset_index(drop=True)
    inv.insert(0, "invoice_id", [f"INV{i:05d}" for i in range(1, len(inv) + 1)])
    inv["paid_date"] = inv["paid_date"].replace("", None)
    return inv


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The case's tables for ``seed``.

    Returns
    -------
    dict
        ``clients`` (one row each: sales unit, key/general tier, the date of its credit file and its
        financial statement, lawsuit and non-credit arrears), ``facts`` (72 rated facts per client:
        18 items × 4 aspects) and ``invoices`` (the year's credit sales; ``paid_date`` empty if open on
        the as-of day).
    """
    rng = np.random.default_rng(seed)
    clients, quality = _clients(rng)
    facts = _facts(clients, quality, rng)
    invoices = _invoices(clients, quality, rng)
    return {"clients": clients, "facts": facts, "invoices": invoices}


def _rated(t):  # noqa: ANN001, ANN202
    from crm.cases.credit.rating import rate_book
    return rate_book(t["clients"], t["facts"])


#: The figure in the generated tables for each assumption that has one (printed in the datasheet).
MEASURED = {
    "clients": lambda t: len(t["clients"]),
    "key_share": lambda t: int((t["clients"]["tier"] == "key").sum()),
    "grade_cuts": lambda t: ", ".join(f"grade {g}: {n}" for g, n in _rated(t)["grade"].value_counts().sort_index().items()),
    "limit_rate": lambda t: ", ".join(f"{b}: {n}" for b, n in _rated(t)["band"].fillna("none").value_counts().sort_index().items()),
    "invoices_per_client": lambda t: f"{len(t['invoices']):,} invoices",
}
