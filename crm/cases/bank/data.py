"""Generator for the bank case: a commercial bank's retail clients, HSBC's pyramid, the smart bank.

The sources (seeds/002: three papers on commercial banks' CRM; seeds/004: HSBC; seeds/001:
the customer value matrix) give the ideas and a few numbers: 20 % of customers create 80 %
of profit; young clients want mortgages, car loans and card instalments, middle-aged ones
funds, forex and gold; a credit score is an automatic score plus a manual adjustment. They
give no client data: every count, distribution and rate below is a modelling assumption,
named in :data:`ASSUMPTIONS` and in the datasheet, chosen so that the data reproduces the
sources' claims (see tests/cases/bank/test_data.py).

Tables: ``clients`` (one row per retail client), ``holdings`` (one row per product a client
holds), ``profits`` (yearly profit contribution per client), ``applications`` (credit
applications with their attributes and the client manager's manual adjustment),
``application_outcomes`` (the ground truth: did the applicant default within 12 months),
``loans`` (existing borrowers' risk signals) and ``loan_outcomes`` (their ground truth).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.bank.case import (_a, APPLIED, DEFAULT_SEED, EDUCATIONS, HOUSING, LENDING,
                                 LIFE_STAGES, PRODUCTS, WEALTH_PRODUCTS, WORK,
                                 YEARS, YOUNG_PRODUCTS)


def _clients(rng: np.random.Generator) -> pd.DataFrame:
    n, n0 = int(_a("clients")), int(_a("start_clients"))
    bands = _a("age_mix")
    band = rng.choice(len(bands), n, p=[b[2] for b in bands])
    lo, hi = np.array([b[0] for b in bands]), np.array([b[1] for b in bands])
    age = rng.integers(lo[band], hi[band] + 1)  # age at the end of the last year
    edu_w = np.array(list(_a("education_weights").values()))
    # older clients studied less: shift weight towards the first levels with age
    tilt = np.clip((age - 40) / 40, -0.5, 0.9)[:, None] * np.array([0.12, 0.06, -0.02, -0.1, -0.06])
    p = np.clip(edu_w + tilt, 0.01, None)
    education_idx = (rng.random(n)[:, None] > np.cumsum(p / p.sum(1, keepdims=True), 1)).sum(1)
    occ_w = np.array(list(_a("occupation_weights").values()))
    occupation = np.array(WORK)[rng.choice(len(WORK), n, p=occ_w)].astype(object)
    occupation[age >= 62] = "retired"
    occupation[(age <= 22) & (rng.random(n) < 0.6)] = "student"
    occ_effect = {"civil_servant": 0.15, "state_enterprise": 0.1, "private_enterprise": 0.05, "self_employed": 0.2,
                  "professional": 0.35, "worker": -0.2, "farmer": -0.45, "retired": -0.3, "student": -1.2}
    log_income = (np.log(_a("median_income")) + 0.18 * (education_idx - 2)
                  + np.array([occ_effect[o] for o in occupation])
                  - 0.00045 * (age - 47) ** 2 + 0.1 + rng.normal(0, _a("income_sd"), n))
    income = np.round(np.maximum(np.exp(log_income), 800.0), -1)  # no client earns less than 800 yuan
    stage = np.select([age < 30, age < 40, age < 55, age < 65], LIFE_STAGES[:4], LIFE_STAGES[4])
    housing_p = np.where(age[:, None] < 30, [0.10, 0.22, 0.38, 0.30],
                         np.where(age[:, None] < 55, [0.40, 0.40, 0.15, 0.05], [0.80, 0.05, 0.08, 0.07]))
    housing = np.array(HOUSING)[(rng.random(n)[:, None] > np.cumsum(housing_p, 1)).sum(1)]
    joined = np.where(np.arange(n) < n0, YEARS[0] - rng.integers(0, 15, n),
                      rng.integers(YEARS[1], YEARS[-1] + 1, n))
    joined = np.maximum(joined, YEARS[-1] - (age - 18))  # nobody joined before 18
    order = np.argsort(joined, kind="stable")
    df = pd.DataFrame({
        "customer_id": [f"K{i:06d}" for i in range(1, n + 1)],
        "gender": np.where(rng.random(n) < 0.5, "F", "M")[order],
        "age": age[order], "education": np.array(EDUCATIONS)[education_idx][order],
        "occupation": occupation[order], "monthly_income": income[order],
        "life_stage": stage[order], "housing": housing[order], "joined_year": joined[order],
    })
    return df


def _holdings(clients: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(clients)
    age = clients["age"].to_numpy()
    income = clients["monthly_income"].to_numpy()
    inc = np.clip(np.log(income / _a("median_income")), -1.5, 2.0)
    young = (age >= 22) & (age <= 35)
    middle = (age >= 36) & (age <= 55)
    lift = _a("life_stage_lift")
    rows = []
    for product, base in _a("product_base_rates").items():
        logit = np.log(base / (1 - base)) if base < 1 else np.full(n, 20.0)
        logit = logit + np.where(young & np.isin(product, YOUNG_PRODUCTS), np.log(lift), 0.0)
        logit = logit + np.where(middle & np.isin(product, WEALTH_PRODUCTS), np.log(lift), 0.0)
        logit = logit + (0.8 if product in WEALTH_PRODUCTS + ("time_deposit",) else 0.4) * inc
        if product in ("mortgage", "car_loan"):
            logit = logit + np.where(age > 55, -2.0, 0.0) + np.where(clients["occupation"] == "student", -3, 0)
        held = rng.random(n) < 1 / (1 + np.exp(-logit))
        idx = np.flatnonzero(held)
        opened = np.minimum(YEARS[-1], clients["joined_year"].to_numpy()[idx] + rng.integers(0, 6, len(idx)))
        scale = {"debit_card": 8, "time_deposit": 25, "credit_card": 1.2, "card_instalment": 1.5,
                 "mortgage": 120, "car_loan": 18, "fund": 30, "forex": 20, "gold": 10}[product]
        balance = np.round(scale * income[idx] * np.exp(rng.normal(0, 0.6, len(idx))), -2)
        rows.append(pd.DataFrame({"customer_id": clients["customer_id"].to_numpy()[idx], "product": product,
                                  "opened_year": opened, "balance": balance}))
    df = pd.concat(rows, ignore_index=True)
    df["_p"] = df["product"].map({p: i for i, p in enumerate(PRODUCTS)})
    df = df.sort_values(["customer_id", "_p"], kind="stable").drop(columns="_p").reset_index(drop=True)
    return df


def _profits(clients: pd.DataFrame, holdings: pd.DataFrame, rng: np.random.Generator
             ) -> tuple[pd.DataFrame, np.ndarray]:
    """Yearly contribution per client while he stays; returns the table and each client's leaving year."""
    n = len(clients)
    ids = clients["customer_id"].to_numpy()
    n_products = holdings.groupby("customer_id").size().reindex(ids, fill_value=0).to_numpy()
    income = clients["monthly_income"].to_numpy()
    base_sd = _a("contribution_sd")
    z = 0.55 * np.log(income / _a("median_income")) / 0.6 + 0.25 * (n_products - 3)
    z = (z - z.mean()) / z.std()
    log_c = np.log(_a("median_contribution")) + base_sd * (0.6 * z + 0.8 * rng.normal(0, 1, n))
    age = clients["age"].to_numpy()
    trend = np.where(age < 35, 0.08, np.where(age < 55, 0.03, -0.04)) + rng.normal(0, 0.05, n)
    vip, key = _a("tier_thresholds")
    churn = np.array(_a("yearly_churn"))
    joined = clients["joined_year"].to_numpy()
    left = np.full(n, 0)
    active = joined <= YEARS[0]
    frames = []
    for k, year in enumerate(YEARS):
        active = active | (joined == year)
        value = np.exp(log_c + trend * (year - YEARS[-1]) + rng.normal(0, _a("yearly_noise_sd"), n))
        idx = np.flatnonzero(active)
        frames.append(pd.DataFrame({"customer_id": ids[idx], "year": year, "profit": np.round(value[idx], 2)}))
        tier = np.where(value >= vip, 2, np.where(value >= key, 1, 0))
        leaves = active & (rng.random(n) < churn[tier]) & (year < YEARS[-1])
        left[leaves] = year + 1  # gone from the next year on
        active = active & ~leaves
    return pd.concat(frames, ignore_index=True), left


def _applications(clients: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    m = int(_a("applications"))
    who = np.sort(rng.choice(len(clients), m, replace=True))
    c = clients.iloc[who].reset_index(drop=True)
    year = rng.integers(2012, YEARS[-1] + 1, m)
    age = c["age"].to_numpy() - (YEARS[-1] - year)
    years_with_bank = np.maximum(0, year - c["joined_year"].to_numpy())
    delinquencies = rng.poisson(0.25, m) + (rng.random(m) < 0.05) * rng.integers(1, 4, m)
    dti = np.clip(rng.beta(2.2, 5.0, m) + 0.08 * (c["housing"].to_numpy() == "mortgage"), 0, 1.2)
    product = np.array(APPLIED)[rng.choice(3, m, p=[0.55, 0.3, 0.15])]
    income = c["monthly_income"].to_numpy()
    amount = np.round(np.where(product == "credit_card", 3, np.where(product == "car_loan", 24, 8))
                      * income * np.exp(rng.normal(0, 0.4, m)), -2)
    occ_risk, edu_risk, house_risk = _a("occupation_risk"), _a("education_risk"), _a("housing_risk")
    soft = rng.normal(0, 1, m)  # the hidden factor (soft_information): no column shows it
    logit = (-0.9 * np.log(income / _a("median_income")) + 0.55 * delinquencies + 2.6 * (dti - 0.3)
             - 0.05 * np.minimum(years_with_bank, 15) - 0.02 * (np.clip(age, 18, 65) - 35)
             + np.array([occ_risk[o] for o in c["occupation"]]) + np.array([edu_risk[e] for e in c["education"]])
             + np.array([house_risk[h] for h in c["housing"]]) + _a("soft_information") * soft)
    # calibrate the intercept so the default rate is the assumed one
    lo, hi = -10.0, 5.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if (1 / (1 + np.exp(-(logit + mid)))).mean() < _a("default_rate") else (lo, mid)
    pd_ = 1 / (1 + np.exp(-(logit + lo)))
    defaulted = rng.random(m) < pd_
    adjusted = rng.random(m) < _a("manual_share")
    per_sd, noise, cap = _a("manual_points")
    manual = np.where(adjusted, np.clip(np.rint((per_sd * soft + rng.normal(0, noise, m)) / 5) * 5, -cap, cap), 0)
    apps = pd.DataFrame({
        "application_id": [f"A{i:06d}" for i in range(1, m + 1)],
        "customer_id": c["customer_id"], "year": year, "product": product, "amount": amount,
        "age": age, "occupation": c["occupation"], "education": c["education"], "monthly_income": income,
        "housing": c["housing"], "years_with_bank": years_with_bank, "delinquencies_2y": delinquencies,
        "debt_to_income": np.round(dti, 2), "manual_adjustment": manual.astype(int),
    })
    outcomes = pd.DataFrame({"application_id": apps["application_id"], "defaulted": defaulted})
    return apps, outcomes


def _loans(clients: pd.DataFrame, holdings: pd.DataFrame, rng: np.random.Generator
           ) -> tuple[pd.DataFrame, pd.DataFrame]:
    staying = clients.loc[clients["left_year"].isna(), "customer_id"]
    h = holdings[holdings["product"].isin(LENDING) & holdings["customer_id"].isin(staying)].reset_index(drop=True)
    k = len(h)
    income = clients.set_index("customer_id").loc[h["customer_id"], "monthly_income"].to_numpy()
    risk = rng.normal(0, 1, k)  # the borrower's hidden trouble
    limit = np.maximum(h["balance"].to_numpy(), 1000.0)
    util = np.clip(rng.beta(2, 3, k) + 0.18 * risk, 0, 1.2)
    dpd = np.where(rng.random(k) < 1 / (1 + np.exp(-(1.6 * risk - 3.2))), rng.choice([15, 30, 60, 90], k,
                                                                                        p=[0.45, 0.3, 0.15, 0.1]), 0)
    missed = rng.poisson(np.exp(0.9 * risk - 1.9))
    salary = np.round(np.clip(rng.normal(-0.02, 0.15, k) - np.where(risk > 1.2, rng.uniform(0.2, 0.8, k), 0), -1, 0.5), 2)
    inquiries = rng.poisson(np.exp(0.5 * risk - 0.4))
    logit = 1.9 * risk - 0.3 * np.log(income / _a("median_income"))
    lo, hi = -12.0, 5.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if (1 / (1 + np.exp(-(logit + mid)))).mean() < _a("loan_default_rate") else (lo, mid)
    defaulted = rng.random(k) < 1 / (1 + np.exp(-(logit + lo)))
    loans = pd.DataFrame({
        "loan_id": [f"L{i:06d}" for i in range(1, k + 1)], "customer_id": h["customer_id"],
        "product": h["product"], "credit_limit": limit, "balance": np.round(limit * np.minimum(util, 1.0), -1),
        "utilisation": np.round(util, 2), "days_past_due": dpd, "missed_payments_12m": missed,
        "salary_inflow_change": salary, "credit_inquiries_3m": inquiries,
    })
    return loans, pd.DataFrame({"loan_id": loans["loan_id"], "defaulted": defaulted})


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the bank's tables from a seed (see the module docstring for what each holds)."""
    rng = np.random.default_rng(seed)
    clients = _clients(rng)
    holdings = _holdings(clients, rng)
    profits, left = _profits(clients, holdings, rng)
    clients["left_year"] = pd.array(np.where(left > 0, left, pd.NA), dtype="Int64")
    applications, outcomes = _applications(clients, rng)
    loans, loan_outcomes = _loans(clients, holdings, rng)
    # what the bank knows of every client's credit today (the scorecard can rate clients too)
    n = len(clients)
    clients["delinquencies_2y"] = rng.poisson(0.25, n) + (rng.random(n) < 0.05) * rng.integers(1, 4, n)
    clients["debt_to_income"] = np.round(np.clip(rng.beta(2.2, 5.0, n) + 0.08 * (clients["housing"] == "mortgage"),
                                                 0, 1.2), 2)
    return {"clients": clients, "holdings": holdings, "profits": profits, "applications": applications,
            "application_outcomes": outcomes, "loans": loans, "loan_outcomes": loan_outcomes}


#: The figure in the generated tables for each assumption that has one (printed in the datasheet
#: beside the parameter: a probability drawn with is not the share the data ends up with).
MEASURED = {
    "clients": lambda t: len(t["clients"]),
    "applications": lambda t: len(t["applications"]),
    "default_rate": lambda t: float(t["application_outcomes"]["defaulted"].mean()),
    "manual_share": lambda t: float((t["applications"]["manual_adjustment"] != 0).mean()),
    "loan_default_rate": lambda t: float(t["loan_outcomes"]["defaulted"].mean()),
}
