"""Generator for the supermarket case, 扬州A超市卖场 (seeds/002).

The paper gives the survey result (82 % of member-card holders feel they get few
benefits), the complaint themes and the ABC shares of the 20/80 rule. It gives no
till data: customer counts, visit rates, basket values, opening hours and lane
counts below are modelling assumptions, each named in :data:`ASSUMPTIONS` and in
the datasheet, chosen so that the default ABC cut-offs reproduce the source's
shares.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.supermarket.case import (_a, COMPLAINT_THEMES, DISTRICTS,
                                        FEW_BENEFITS_SHARE, YEAR)


def _customers(rng: np.random.Generator) -> pd.DataFrame:
    n = int(_a("customers"))
    member = rng.random(n) < _a("member_share")
    age_mean, age_sd = _a("age_mean_sd")
    age = np.clip(np.rint(rng.normal(age_mean, age_sd, n)), 18, 85).astype(int)
    # Members joined between 2006 and the data year; ordinary customers were first seen
    # in the data year or before it (their join date is when they were first identified).
    start = np.datetime64(f"{_a('first_join_year')}-01-01").astype(np.int64)
    end = np.datetime64(f"{YEAR}-12-31").astype(np.int64)
    join = rng.integers(start, end + 1, n).astype("datetime64[D]")
    birth_year = YEAR - age
    birth_doy = rng.integers(0, 365, n)
    birthday = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + birth_doy
    df = pd.DataFrame({
        "customer_id": [f"C{i:06d}" for i in range(1, n + 1)],
        "card_type": np.where(member, "member", "ordinary"),
        "join_date": pd.to_datetime(join),
        "birthday": pd.to_datetime(np.where(member, birthday, np.datetime64("NaT"))),
        "district": rng.choice(np.array(DISTRICTS), n, p=list(_a("district_weights").values())),
        "gender": np.where(rng.random(n) < _a("female_share"), "F", "M"),
        "age": age,
    })
    return df


def _day_weights() -> tuple[pd.DatetimeIndex, np.ndarray]:
    days = pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")
    w = np.where(days.day_of_week >= 5, _a("weekend_factor"), 1.0)
    return days, w


def _transactions(customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(customers)
    member = (customers["card_type"] == "member").to_numpy()
    mean_visits = np.where(member, _a("mean_visits_member"), _a("mean_visits_ordinary"))
    s = _a("visit_dispersion")
    rate = mean_visits * np.exp(rng.normal(-s * s / 2, s, n))
    basket_mu = np.log(_a("median_basket")) + rng.normal(0, _a("basket_dispersion_customer"), n)

    # Each customer shops between his join day (or 1 January) and his lapse day (or 31 December).
    days, w = _day_weights()
    day0 = days[0].to_datetime64().astype("datetime64[D]").astype(np.int64)
    join = customers["join_date"].to_numpy().astype("datetime64[D]").astype(np.int64) - day0
    first = np.clip(join, 0, len(days) - 1)
    last = np.full(n, len(days) - 1)
    lapse = rng.random(n) < _a("lapse_share")
    last[lapse] = rng.integers(first[lapse], len(days))
    active_share = (last - first + 1) / len(days)
    visits = np.maximum(rng.poisson(rate * active_share), 1)

    cw = np.concatenate(([0.0], np.cumsum(w)))
    cust = np.repeat(np.arange(n), visits)
    u = rng.uniform(cw[first[cust]], cw[last[cust] + 1])
    day = np.clip(np.searchsorted(cw, u, side="right") - 1, 0, len(days) - 1)
    hour_w = np.array(_a("hour_weights"), dtype=float)
    hour = 8 + rng.choice(len(hour_w), len(cust), p=hour_w / hour_w.sum())
    second = hour * 3600 + rng.integers(0, 3600, len(cust))
    amount = np.exp(basket_mu[cust] + rng.normal(0, _a("basket_dispersion_visit"), len(cust)))
    amount = np.round(np.maximum(amount, 1.5), 2)
    items = np.maximum(1, rng.poisson(amount / _a("yuan_per_item")))
    lane = rng.integers(1, int(_a("lanes")) + 1, len(cust))

    order = np.lexsort((cust, second, day))
    t = pd.DataFrame({
        "date": days[day[order]],
        "seconds": second[order],
        "customer_id": customers["customer_id"].to_numpy()[cust[order]],
        "lane": lane[order],
        "items": items[order],
        "amount": amount[order],
    })
    clock = np.array([f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)])
    t.insert(1, "time", clock[t.pop("seconds").to_numpy()])
    t.insert(0, "transaction_id", np.char.add("T", np.char.zfill(np.arange(1, len(t) + 1).astype(str), 7)))
    return t


def _survey(customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    members = customers.loc[customers["card_type"] == "member", "customer_id"].to_numpy()
    k = int(_a("survey_respondents"))
    who = np.sort(rng.choice(members, k, replace=False))
    few = np.zeros(k, dtype=bool)
    few[rng.choice(k, int(round(FEW_BENEFITS_SHARE * k)), replace=False)] = True
    theme = rng.choice(np.array(COMPLAINT_THEMES), k, p=list(_a("theme_weights").values()))
    few_mean, other_mean, sd = _a("satisfaction_means")
    sat = np.clip(np.rint(np.where(few, few_mean, other_mean) + rng.normal(0, sd, k)), 1, 5).astype(int)
    return pd.DataFrame({
        "respondent_id": [f"S{i:04d}" for i in range(1, k + 1)],
        "customer_id": who,
        "few_benefits": few,
        "complaint_theme": theme,
        "satisfaction": sat,
    })


def generate(seed: int = 2014) -> dict[str, pd.DataFrame]:
    """Generate the supermarket's tables from a seed.

    Returns
    -------
    dict
        ``customers`` (one row per identified customer), ``transactions`` (a year
        of till transactions) and ``survey`` (member satisfaction survey).
    """
    rng = np.random.default_rng(seed)
    customers = _customers(rng)
    transactions = _transactions(customers, rng)
    survey = _survey(customers, rng)
    return {"customers": customers, "transactions": transactions, "survey": survey}


#: The figure in the generated tables for each assumption that has one (printed in the datasheet
#: beside the parameter: a probability drawn with is not the share the data ends up with).
MEASURED = {
    "customers": lambda t: len(t["customers"]),
    "member_share": lambda t: float((t["customers"]["card_type"] == "member").mean()),
    "survey_respondents": lambda t: len(t["survey"]),
    "female_share": lambda t: float((t["customers"]["gender"] == "F").mean()),
}
