"""Generator for the car-care case, 车佰汇汽车美容装饰公司 (seeds/000 案例二, with seeds/004 and seeds/001).

The source gives the firm's size (over 10,000 cars a year, 10 million yuan revenue),
its acquisition channels, its seven-step complaint handling, and its belief that
satisfied staff make satisfied, loyal customers. seeds/001 gives the complaint
figures (70 % of dissatisfied customers stay when the failure is handled fast; the
complaint iceberg 1–5 % / 45 % / 50 %); seeds/004 the SERVQUAL dimensions and an
unnamed service network of another firm (1,023 centres, over a million member car
owners), on which the network view tests the 30-minute first response of seeds/004's
repair-shop-manager worksheet (an assumption: the source does not say the network
promises it). Everything else is a modelling assumption, named in
:data:`ASSUMPTIONS` and in the datasheet.

The service–profit chain is built into the data: a team's internal service quality
raises its staff's satisfaction, satisfied staff stay longer, serve more cars, fail
less often and get better ratings, and better-rated customers come back. The
strengths of these links are assumptions (``chain_*``); the notebook sets the data's
own correlations beside them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.carcare.case import (_a, CENTRES, CHANNELS, DEFAULT_SEED, DIMENSIONS, ICEBERG,
                                    LEVELS, MEMBERS, REVENUE_YUAN, STAY_IF_FAST, STEPS,
                                    YEAR)


def _weights(name: str) -> tuple[np.ndarray, np.ndarray]:
    table = _a(name)
    return np.array(list(table)), np.array(list(table.values()), dtype=float)


def _month_days(month: np.datetime64, rng: np.random.Generator, n: int) -> np.ndarray:
    first = month.astype("datetime64[D]")
    length = ((month + 1).astype("datetime64[D]") - first).astype(int)
    return first + rng.integers(0, length, n)


def _channel_spend(rng: np.random.Generator) -> pd.DataFrame:
    months = np.arange(np.datetime64(f"{YEAR - 1}-01"), np.datetime64(f"{YEAR + 1}-01"), dtype="datetime64[M]")
    rows = []
    for month in months:
        for c in CHANNELS:
            base = _a("channel_base_spend")[c]
            spend = round(base * float(np.exp(rng.normal(0, _a("spend_dispersion")))), -2)
            reach = _a("channel_reach_at_base")[c] * (spend / base) ** _a("channel_elasticity")[c]
            reach = int(rng.poisson(reach * float(np.exp(rng.normal(0, _a("reach_noise"))))))
            leads = int(rng.binomial(reach, _a("channel_lead_rate")[c]))
            won = int(rng.binomial(leads, _a("channel_conversion")[c]))
            rows.append((month.astype("datetime64[D]"), c, spend, reach, leads, won))
    df = pd.DataFrame(rows, columns=["month", "channel", "spend", "reach", "leads", "customers"])
    df["month"] = pd.to_datetime(df["month"])
    return df


def _customers(spend: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n_old = int(_a("existing_customers"))
    shares = spend.groupby("channel", sort=False)["customers"].sum().reindex(list(CHANNELS)).to_numpy(float)
    old_channel = rng.choice(np.array(CHANNELS), n_old, p=shares / shares.sum())
    back, years = _a("existing_since_years")
    old_day = np.datetime64(f"{YEAR - back}-01-01") + rng.integers(0, years * 365, n_old)
    new_channel = np.repeat(spend["channel"].to_numpy(), spend["customers"].to_numpy())
    new_month = np.repeat(spend["month"].to_numpy().astype("datetime64[M]"), spend["customers"].to_numpy())
    new_day = np.concatenate([_month_days(m, rng, 1) for m in new_month]) if len(new_month) else new_month
    day = np.concatenate([old_day, new_day.astype("datetime64[D]")])
    channel = np.concatenate([old_channel, new_channel])
    order = np.argsort(day, kind="stable")
    n = len(day)
    classes, class_p = _weights("car_class_mix")
    return pd.DataFrame({
        "customer_id": [f"K{i:05d}" for i in range(1, n + 1)],
        "channel": channel[order],
        "acquired": pd.to_datetime(day[order]),
        "car_class": rng.choice(classes, n, p=class_p),
    })


def _employees(rng: np.random.Generator) -> pd.DataFrame:
    """Staff on duty through the year: leavers are replaced by new hires in the same team and role."""
    teams = int(_a("teams"))
    q_mean, q_sd = _a("team_quality")
    team_quality = np.clip(rng.normal(q_mean, q_sd, teams), 2, 9.5)
    sat_mean, sat_sd = _a("staff_satisfaction")
    year_start, year_end = np.datetime64(f"{YEAR}-01-01"), np.datetime64(f"{YEAR}-12-31")
    rows = []
    for role, count in _a("staff").items():
        for k in range(count):
            team = k % teams
            start = year_start - int(rng.integers(*_a("tenure_at_start_days")))
            while True:
                quality = float(np.clip(team_quality[team] + rng.normal(0, _a("staff_quality_noise")), 1, 10))
                sat = float(np.clip(sat_mean + _a("chain_quality_to_satisfaction") * (quality - q_mean)
                                    + rng.normal(0, sat_sd), 1, 10))
                base = np.log(_a("base_turnover") / (1 - _a("base_turnover")))
                p_leave = 1 / (1 + np.exp(-(base + _a("chain_satisfaction_to_turnover") * (sat - sat_mean))))
                low = max(start, year_start) + 1
                # a replacement hired during the year is at risk only for the rest of it
                leaves = rng.random() < p_leave * min(1.0, (year_end - low).astype(int) / 365)
                leave = low + int(rng.integers(0, max((year_end - low).astype(int), 1))) if leaves else None
                if leave is not None and leave >= year_end:
                    leave = None
                rows.append((role, team + 1, start, leave, round(quality, 1), round(sat, 1)))
                if leave is None:
                    break
                start = leave + int(rng.integers(*_a("rehire_days")))
                if start >= year_end:
                    break
    df = pd.DataFrame(rows, columns=["role", "team", "hired", "left_on", "internal_service_quality", "satisfaction"])
    df = df.sort_values(["hired", "role", "team"], kind="stable").reset_index(drop=True)
    df.insert(0, "employee_id", [f"E{i:03d}" for i in range(1, len(df) + 1)])
    df["hired"] = pd.to_datetime(df["hired"])
    df["left_on"] = pd.to_datetime(df["left_on"])
    df["left"] = df["left_on"].notna()
    end = df["left_on"].fillna(pd.Timestamp(f"{YEAR}-12-31"))
    df["tenure_years"] = ((end - df["hired"]).dt.days / 365.25).round(2)
    return df


def _active_on(emp: pd.DataFrame, day: np.ndarray) -> np.ndarray:
    """(visits × employees) whether each employee is on duty on each day."""
    hired = emp["hired"].to_numpy().astype("datetime64[D]")
    left = emp["left_on"].fillna(pd.Timestamp("2262-01-01")).to_numpy().astype("datetime64[D]")
    return (day[:, None] >= hired[None, :]) & (day[:, None] < left[None, :])


def _visits(customers: pd.DataFrame, emp: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    year_start = np.datetime64(f"{YEAR}-01-01")
    acquired = customers["acquired"].to_numpy().astype("datetime64[D]")
    won_this_year = acquired >= year_start
    won_2011 = (acquired >= np.datetime64(f"{YEAR - 1}-01-01")) & ~won_this_year
    active = won_this_year | (won_2011 & (rng.random(len(customers)) < _a("active_share_2011"))) | \
        (~won_2011 & ~won_this_year & (rng.random(len(customers)) < _a("active_share_existing")))
    idx = np.flatnonzero(active)
    first = np.where(won_this_year[idx], acquired[idx], year_start)
    span = (np.datetime64(f"{YEAR}-12-31") - first).astype(int) + 1
    sd = _a("visit_rate_dispersion")
    loyalty = np.exp(rng.normal(-sd * sd / 2, sd, len(idx)))  # mean 1
    n = 1 + rng.poisson((_a("visits_per_active_car") - 1) * loyalty * span / 365)
    cust = np.repeat(idx, n)
    offset = (rng.random(len(cust)) * np.repeat(span, n)).astype(int)
    # A customer won this year makes his first visit on the day he was won.
    is_first = np.concatenate(([True], cust[1:] != cust[:-1]))
    offset[is_first & won_this_year[cust]] = 0
    day = np.repeat(first, n) + offset
    tech = emp.index[emp["role"] == "technician"].to_numpy()
    on = _active_on(emp.loc[tech], day)
    prod = np.exp(_a("chain_satisfaction_to_productivity") * (emp.loc[tech, "satisfaction"].to_numpy() - 7))
    # Each customer has a usual technician; when he is away, any technician on duty (weighted by productivity).
    usual = rng.integers(0, len(tech), len(customers))[cust]
    weight = on * prod[None, :]
    pick = (weight.cumsum(1) / weight.sum(1, keepdims=True) > rng.random(len(cust))[:, None]).argmax(1)
    chosen = np.where(on[np.arange(len(cust)), usual], usual, pick)
    staff = tech[chosen]
    names, mix = _weights("service_mix")
    service = rng.choice(names, len(cust), p=mix)
    price = np.array([_a("service_price")[s] for s in service], dtype=float)
    price *= np.exp(rng.normal(0, _a("price_dispersion"), len(cust)))
    price *= REVENUE_YUAN * _a("store_revenue_share") / price.sum()  # the source's turnover, all to the store (assumed)
    sat = emp.loc[staff, "satisfaction"].to_numpy()
    r_mean, r_sd = _a("rating")
    rating = np.clip(np.rint(r_mean + _a("chain_satisfaction_to_rating") * (sat - _a("staff_satisfaction")[0])
                             + rng.normal(0, r_sd, len(cust))),
                     1, 10).astype(int)
    order = np.lexsort((cust, day))
    v = pd.DataFrame({
        "date": pd.to_datetime(day[order]),
        "customer_id": customers["customer_id"].to_numpy()[cust[order]],
        "service": service[order],
        "price": np.round(price[order], 2),
        "employee_id": emp["employee_id"].to_numpy()[staff[order]],
        "rating": rating[order],
    })
    v.insert(0, "visit_id", [f"V{i:06d}" for i in range(1, len(v) + 1)])
    return v


def _failures(visits: pd.DataFrame, emp: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    sat = visits["employee_id"].map(emp.set_index("employee_id")["satisfaction"]).to_numpy()
    base = np.log(_a("failure_rate") / (1 - _a("failure_rate")))
    p = 1 / (1 + np.exp(-(base + _a("chain_satisfaction_to_failure") * (sat - 7))))
    hit = np.flatnonzero(rng.random(len(visits)) < p)
    k = len(hit)
    to = np.full(k, "none", dtype=object)
    draw = rng.permutation(k)
    n_mgmt, n_front = round(ICEBERG["management"] * k), round(ICEBERG["front_line"] * k)
    to[draw[:n_mgmt]] = "management"
    to[draw[n_mgmt:n_mgmt + n_front]] = "front_line"
    f = visits.iloc[hit][["visit_id", "customer_id", "date"]].reset_index(drop=True)
    f.insert(0, "failure_id", [f"F{i:05d}" for i in range(1, k + 1)])
    f["topic"] = rng.choice(_weights("topic_mix")[0], k, p=_weights("topic_mix")[1])
    f["reported_to"] = to
    return f


def _complaints(failures: pd.DataFrame, emp: pd.DataFrame, rng: np.random.Generator):
    c = failures[failures["reported_to"] != "none"].reset_index(drop=True)
    k = len(c)
    days, opens, closes = _a("complaint_delay")
    hour = rng.integers(opens * 3600, closes * 3600, k)
    received = c["date"].to_numpy().astype("datetime64[s]") + rng.integers(0, days, k).astype("timedelta64[D]") \
        + hour.astype("timedelta64[s]")
    late = received > np.datetime64(f"{YEAR}-12-31T18:00:00")  # a complaint is received within the data year
    received[late] = c["date"].to_numpy().astype("datetime64[s]")[late] + hour[late].astype("timedelta64[s]")
    hours = np.exp(rng.normal(np.log(_a("response_hours_median")), _a("response_hours_dispersion"), k))
    fast = hours <= _a("fast_response_hours")
    dev_names, dev_p = _weights("deviation_shares")
    dev = np.where(rng.random(k) < dev_p.sum(), rng.choice(dev_names, k, p=dev_p / dev_p.sum()), "fits")
    p_stay = np.where(fast, STAY_IF_FAST, _a("stay_if_slow"))
    p_stay = np.where(dev == "skip_repair", p_stay - _a("stay_cost_of_no_repair"), p_stay)  # no repair of the relationship costs stays
    stayed = rng.random(k) < p_stay
    escalated = (c["reported_to"] == "management").to_numpy() | (rng.random(k) < _a("escalation_share"))
    advisors = emp.loc[emp["role"] == "advisor", "employee_id"].to_numpy()
    managers = emp.loc[emp["role"] == "manager", "employee_id"].to_numpy()
    gm = managers[0]
    log = []
    year_end = np.datetime64(f"{YEAR}-12-31T23:59:59")
    open_ = np.zeros(k, dtype=bool)
    for i in range(k):
        t0 = received[i]
        ranges = _a("step_gaps_h")
        gaps_h = [rng.uniform(*ranges[0]), None, rng.uniform(*ranges[1]), rng.uniform(*ranges[2]),
                  rng.uniform(*ranges[3]), rng.uniform(*ranges[4])]
        times = [t0, t0 + np.timedelta64(int(gaps_h[0] * 3600), "s")]
        times.append(t0 + np.timedelta64(int(max(hours[i], gaps_h[0] + 0.05) * 3600), "s"))
        for g in gaps_h[2:]:
            times.append(times[-1] + np.timedelta64(int(g * 3600), "s"))
        steps = list(STEPS)
        if dev[i] == "skip_record":
            steps.remove("record"); times.pop(3)  # noqa: E702
        elif dev[i] == "skip_repair":
            steps.remove("repair"); times.pop(5)  # noqa: E702
        elif dev[i] == "reordered":
            steps[2], steps[3] = steps[3], steps[2]
        elif dev[i] == "repeated":
            steps.insert(3, "respond"); times.insert(3, times[2] + np.timedelta64(int(rng.uniform(*ranges[5]) * 3600), "s"))
            times[4:] = [t + (times[3] - times[2]) for t in times[4:]]
        top = 2 if c.at[i, "reported_to"] == "management" else (1 if escalated[i] else 0)
        for j, (step, when) in enumerate(zip(steps, times)):
            if when > year_end:
                open_[i] = True
                break
            level = 0 if j < 2 and top < 2 else top
            owner = advisors[rng.integers(len(advisors))] if level == 0 else (gm if level == 2 else managers[1 + i % 2])
            log.append((f"Q{i + 1:04d}", step, LEVELS[level], owner, when))
    complaints = pd.DataFrame({
        "complaint_id": [f"Q{i:04d}" for i in range(1, k + 1)],
        "failure_id": c["failure_id"], "visit_id": c["visit_id"], "customer_id": c["customer_id"],
        "received": pd.to_datetime(received), "received_by": c["reported_to"], "topic": c["topic"],
        "response_hours": np.round(np.maximum(hours, 0.1), 2),
        "outcome": np.where(open_, "open", np.where(stayed, "stayed", "left")),
    })
    log = pd.DataFrame(log, columns=["complaint_id", "step", "level", "owner", "timestamp"])
    log["timestamp"] = pd.to_datetime(log["timestamp"]).dt.floor("s")
    log = log.sort_values(["timestamp", "complaint_id"], kind="stable").reset_index(drop=True)
    return complaints, log


def _outcomes(customers: pd.DataFrame, visits: pd.DataFrame, complaints: pd.DataFrame,
              rng: np.random.Generator) -> pd.DataFrame:
    served = visits.groupby("customer_id", sort=True)["rating"].mean()
    base = np.log(_a("base_return") / (1 - _a("base_return")))
    p = 1 / (1 + np.exp(-(base + _a("chain_rating_to_return") * (served.to_numpy() - served.mean()))))
    returned = rng.random(len(served)) < p
    left = set(complaints.loc[complaints["outcome"] == "left", "customer_id"])
    returned &= ~served.index.isin(list(left))
    kinds, kind_p = _weights("lost_reason_mix")
    reason = np.where(returned, "", rng.choice(kinds, len(served), p=kind_p))
    reason = np.where(served.index.isin(list(left)) & ~returned, "left_own_accord", reason)
    return pd.DataFrame({"customer_id": served.index, "returned_next_year": returned, "lost_reason": reason})


def _servqual(customers_served: np.ndarray, mean_rating: pd.Series, rng: np.random.Generator) -> pd.DataFrame:
    k = int(_a("survey_respondents"))
    who = np.sort(rng.choice(customers_served, k, replace=False))
    weight, mood_sd, stated_sd, perf_sd = _a("servqual_noise")
    mood = (mean_rating.reindex(who).to_numpy() - mean_rating.mean()) * weight + rng.normal(0, mood_sd, k)
    rows = []
    for j, dim in enumerate(DIMENSIONS):
        imp = np.clip(np.rint(_a("servqual_importance")[dim] + rng.normal(0, stated_sd, k)), 1, 10)
        exp_ = np.clip(np.rint(_a("servqual_expectation")[dim] + rng.normal(0, stated_sd, k)), 1, 10)
        perf = np.clip(np.rint(_a("servqual_performance")[dim] + mood + rng.normal(0, perf_sd, k)), 1, 10)
        rows.append(pd.DataFrame({"respondent_id": [f"R{i:04d}" for i in range(1, k + 1)], "customer_id": who,
                                  "dimension": dim, "importance": imp.astype(int), "expectation": exp_.astype(int),
                                  "performance": perf.astype(int)}))
    return pd.concat(rows).sort_values(["respondent_id"], kind="stable").reset_index(drop=True)


def _centres(rng: np.random.Generator) -> pd.DataFrame:
    s = _a("centre_members_dispersion")
    w = np.exp(rng.normal(0, s, CENTRES))
    members = np.floor(w / w.sum() * MEMBERS * _a("centre_members_total")).astype(int) + _a("centre_members_floor")
    lam = members * _a("peak_requests_per_member_hour")  # requests per hour at the peak
    mu = 60 / _a("handling_minutes")
    lo, hi = _a("staff_per_centre")
    staff = np.clip(np.ceil(lam / (mu * _a("centre_utilisation_target"))), lo, hi).astype(int)
    regions, region_p = _weights("region_mix")
    return pd.DataFrame({"centre_id": [f"S{i:04d}" for i in range(1, CENTRES + 1)],
                         "region": rng.choice(regions, CENTRES, p=region_p),
                         "members": members, "peak_requests_per_hour": np.round(lam, 2), "staff": staff})


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the car-care firm's tables from a seed.

    Returns
    -------
    dict
        ``customers``, ``visits`` (the data year's service visits), ``channel_spend``
        (monthly, per channel), ``service_failures`` (ground truth: every failure and to
        whom it was reported, if anyone), ``complaints`` and ``complaint_log`` (one event per
        handling step), ``employees``, ``servqual``, ``outcomes`` (ground truth: who came
        back the next year) and ``centres`` (seeds/004's network of another firm).
    """
    rng = np.random.default_rng(seed)
    spend = _channel_spend(rng)
    customers = _customers(spend, rng)
    employees = _employees(rng)
    visits = _visits(customers, employees, rng)
    failures = _failures(visits, employees, rng)
    complaints, log = _complaints(failures, employees, rng)
    outcomes = _outcomes(customers, visits, complaints, rng)
    mean_rating = visits.groupby("customer_id")["rating"].mean()
    servqual = _servqual(mean_rating.index.to_numpy(), mean_rating, rng)
    centres = _centres(rng)
    return {"customers": customers, "visits": visits, "channel_spend": spend, "service_failures": failures,
            "complaints": complaints, "complaint_log": log, "employees": employees, "servqual": servqual,
            "outcomes": outcomes, "centres": centres}


#: The figure in the generated tables for each assumption that has one (printed in the datasheet
#: beside the parameter: a probability drawn with is not the share the data ends up with).
MEASURED = {
    "channel_months": lambda t: int(t["channel_spend"]["month"].nunique()),
    "teams": lambda t: int(t["employees"]["team"].nunique()),
    "survey_respondents": lambda t: int(t["servqual"]["respondent_id"].nunique()),
    "centre_members_floor": lambda t: int(t["centres"]["members"].min()),
}
