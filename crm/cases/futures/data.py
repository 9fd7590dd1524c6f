"""Generator for the futures-firm case, 天富期货有限公司 (seeds/000, 案例一).

The thesis summarised in the source (刘大伟, 吉林大学, 2013) describes the firm's
departments, the routing problem, the client roles of its CRM platform, the 80/20 rule
for core clients, tracked callbacks, complaint handling and satisfaction surveys. It
gives no client, request or survey numbers: every number below is a modelling
assumption, named in :data:`ASSUMPTIONS` and in the datasheet, except the 80/20 share,
which the commission data reproduces.

Two years of monthly account data (2012–2013) let roles be compared between two year
ends; the request log, complaints, callbacks and the survey cover 2013. ``truth`` is
what the generator knows and a rule can only estimate: who is really active, who has
left and when, who trades elsewhere.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.futures.routing import DEPARTMENTS, RoutingConfig, generate_requests, simulate_routing
from crm.cases.futures.case import (FIRST_MONTH, LAST_MONTH, _a,
                                    _BRANCHES, CAUSE_WEIGHTS, COMPLAINT_LEVELS, DEFAULT_SEED, ROOT_CAUSES, SURVEY_ITEMS, TOPICS, YEAR_START)


def _months() -> pd.DatetimeIndex:
    return pd.date_range(f"{FIRST_MONTH}-01", f"{LAST_MONTH}-01", freq="MS")


def _clients(rng: np.random.Generator) -> pd.DataFrame:
    n = int(_a("client_records"))
    w = np.asarray(_a("branch_weights"), float)
    branch = rng.choice(len(_BRANCHES), n, p=w / w.sum())
    lo, hi = _a("brokers_per_branch")
    n_brokers = rng.integers(lo, hi + 1, len(_BRANCHES))
    broker = np.floor(rng.random(n) * n_brokers[branch]).astype(int) + 1
    mix = _a("status_mix")
    kind = rng.choice(np.array(list(mix)), n, p=list(mix.values()))
    y0, y1 = _a("open_years")
    # Opening years weighted towards recent ones (the market grew).
    years = np.arange(y0, y1 + 1)
    yw = np.linspace(1.0, 2.5, len(years))
    open_year = rng.choice(years, n, p=yw / yw.sum())
    open_day = pd.to_datetime(open_year.astype(str)) + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    account = kind == "account"
    contact_lag = rng.integers(5, 120, n)
    first_contact = np.where(account, (open_day - pd.to_timedelta(contact_lag, unit="D")).to_numpy(),
                             (pd.Timestamp("2011-01-01") + pd.to_timedelta(rng.integers(0, 1095, n), unit="D")).to_numpy())
    age = np.clip(np.rint(rng.normal(42, 10, n)), 22, 75).astype(int)
    birth = pd.to_datetime((2013 - age).astype(str)) + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    return pd.DataFrame({
        "client_id": [f"TF{i:05d}" for i in range(1, n + 1)],
        "branch": np.array(_BRANCHES)[branch],
        "broker_id": [f"{b.upper()[:3]}-{k:02d}" for b, k in zip(np.array(_BRANCHES)[branch], broker)],
        "investor_type": np.where(rng.random(n) < 0.04, "institution", "individual"),
        "birthday": birth.normalize(),
        "first_contact": pd.to_datetime(first_contact).normalize(),
        "account_opened": pd.to_datetime(np.where(account, open_day.to_numpy(), np.datetime64("NaT"))),
        "other_firm": kind == "other_firm",
        "_kind": kind,
    })


def _accounts(clients: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly funds, trades, lots and commission of every account, and each account's fate."""
    months = _months()
    m0 = months[0]
    acc = clients[clients["_kind"] == "account"].reset_index(drop=True)
    n = len(acc)
    inst = (acc["investor_type"] == "institution").to_numpy()
    level = np.log(_a("median_equity")) + rng.normal(0, _a("equity_sigma"), n) + np.where(inst, 1.5, 0.0)
    activity = _a("trades_per_month") * np.exp(rng.normal(-0.5 * _a("activity_sigma") ** 2, _a("activity_sigma"), n))
    opened = acc["account_opened"]
    open_idx = ((opened.dt.year - m0.year) * 12 + opened.dt.month - m0.month).to_numpy()
    # Each account leaves (stops trading) with a constant monthly hazard from its opening on.
    hazard = 1 - (1 - _a("yearly_leave_rate")) ** (1 / 12)
    leave_after = rng.geometric(hazard, n)  # months of trading before leaving
    leave_idx = open_idx + leave_after
    closes = rng.random(n) < _a("close_share_of_leavers")
    close_idx = np.where(closes, leave_idx + rng.integers(0, 3, n), 10**6)
    first_row = np.maximum(open_idx, 0)
    last_row = np.minimum(close_idx, len(months)) - 1  # the close month itself has no row
    keep = last_row >= first_row  # accounts closed before 2012 are not in the file any more
    rows = np.where(keep, last_row - first_row + 1, 0)
    who = np.repeat(np.arange(n), rows)
    month_idx = np.concatenate([np.arange(a, b + 1) for a, b, k in zip(first_row, last_row, keep) if k]) \
        if rows.sum() else np.array([], int)
    active = month_idx < leave_idx[who]
    age = month_idx - open_idx[who]  # months since opening
    ramp = np.minimum(1.0, 0.4 + 0.2 * np.maximum(age, 0))  # new accounts bring funds gradually
    walk = np.zeros(len(who))
    shocks = rng.normal(0, _a("monthly_return_sd"), len(who))
    starts = np.concatenate(([0], np.cumsum(rows[keep])[:-1]))
    cum = np.cumsum(shocks)
    base = np.repeat(cum[starts] - shocks[starts], rows[keep])
    walk = cum - base
    equity = np.exp(level[who] + walk) * ramp
    equity = np.where(active, equity, equity * np.exp(-1.5 - 0.5 * (month_idx - leave_idx[who])))  # withdrawn
    trades_mean = np.where(active, activity[who] * (rng.random(len(who)) > _a("idle_month_share")), 0.0)
    trades = rng.poisson(trades_mean)
    lots_per_trade = np.maximum(1.0, _a("lots_per_trade_per_100k") * equity / 100_000)
    lots = np.where(trades > 0, rng.poisson(trades * lots_per_trade) + trades, 0)
    commission = lots * _a("commission_per_lot")
    accounts = pd.DataFrame({
        "client_id": acc["client_id"].to_numpy()[who],
        "month": months[month_idx],
        "equity": np.round(equity, 2),
        "trades": trades.astype(int),
        "lots": lots.astype(int),
        "commission": np.round(commission, 2),
    })
    month_of = lambda i: (np.datetime64(FIRST_MONTH, "M") + i).astype("datetime64[D]")  # noqa: E731
    close_day = month_of(np.minimum(close_idx, 10**4)) + rng.integers(0, 28, n)
    fate = pd.DataFrame({"client_id": acc["client_id"], "keep": keep,
                         "leave_month": pd.to_datetime(month_of(leave_idx)),
                         "left": leave_idx < len(months), "closed": close_idx < len(months),
                         "close_date": pd.to_datetime(np.where(close_idx < len(months), close_day,
                                                               np.datetime64("NaT")))})
    return accounts, fate


def _truth(clients: pd.DataFrame, fate: pd.DataFrame) -> pd.DataFrame:
    f = clients[["client_id", "_kind"]].merge(fate, on="client_id", how="left")
    status = np.select([f["_kind"] == "prospect", f["_kind"] == "other_firm", f["left"].fillna(False).astype(bool)],
                       ["prospect", "other_firm", "left"], "active")
    return pd.DataFrame({"client_id": f["client_id"], "status": status,
                         "left_month": pd.to_datetime(f["leave_month"].where(status == "left"))})


def _work_calendar(days: int) -> pd.DatetimeIndex:
    return pd.bdate_range(YEAR_START, periods=days)


def _stamp(hours: np.ndarray, hours_per_day: float) -> pd.Series:
    """Working hours since 2013's first working day → timestamps (08:30 + the hours of the day)."""
    day = np.floor(hours / hours_per_day).astype(int)
    cal = _work_calendar(int(day.max()) + 1)
    within = (hours - day * hours_per_day) * 3600
    return pd.Series(cal[day] + pd.Timedelta(hours=8, minutes=30) + pd.to_timedelta(np.floor(within), unit="s"))


def _requests(clients: pd.DataFrame, truth: pd.DataFrame, rng: np.random.Generator, seed: int) -> pd.DataFrame:
    cfg = RoutingConfig(branches=len(_BRANCHES), requests_per_branch_day=_a("requests_per_branch_day"),
                        shared_share=_a("shared_share"), hours_per_day=_a("hours_per_day"))
    req = generate_requests(cfg, seed)
    out = simulate_routing(req, "today", cfg, seed).requests
    # A request comes from an active client of the branch that raised it.
    pool = clients.merge(truth, on="client_id")
    pool = pool[pool["status"] == "active"]
    by_branch = {b: g["client_id"].to_numpy() for b, g in pool.groupby("branch")}
    names = np.array(_BRANCHES)[out["branch"].to_numpy()]
    client = np.array([by_branch[b][rng.integers(len(by_branch[b]))] for b in names])
    dept = np.array(DEPARTMENTS)[out["department"].to_numpy()]
    topic = np.array([TOPICS[d][k] for d, k in zip(dept, rng.integers(0, 2, len(out)))])
    problems = pd.factorize(out["problem"].to_numpy(), sort=True)[0]
    hpd = cfg.hours_per_day
    return pd.DataFrame({
        "request_id": [f"R{i:05d}" for i in range(1, len(out) + 1)],
        "client_id": client,
        "branch": names,
        "raised_at": _stamp(out["arrival_h"].to_numpy(), hpd),
        "topic": topic,
        "department": dept,
        "problem_id": [f"P{p:05d}" for p in problems],
        "resolved_at": _stamp(out["resolved_h"].to_numpy(), hpd),
        "staff_hours": np.round(out["solve_h"].to_numpy(), 2),
    })


def _complaints(clients: pd.DataFrame, truth: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    pool = clients.merge(truth, on="client_id")
    pool = pool[pool["status"].isin(["active", "left"])].reset_index(drop=True)
    k = int(round(len(pool) / 1000 * _a("complaints_per_1000_accounts")))
    who = pool.iloc[np.sort(rng.choice(len(pool), k, replace=False))].reset_index(drop=True)
    days = _work_calendar(250)
    start = pd.DatetimeIndex(np.sort((days[rng.integers(0, len(days), k)] + pd.Timedelta(hours=8, minutes=30)
                                      + pd.to_timedelta(rng.integers(0, 480, k), unit="min")).to_numpy()))
    cause = rng.choice(np.array(ROOT_CAUSES), k, p=CAUSE_WEIGHTS)
    up1, up2 = _a("escalation_share")
    level = np.where(rng.random(k) < up1, np.where(rng.random(k) < up2, 2, 1), 0)
    on_spot = (rng.random(k) < _a("on_spot_share")) & (level == 0)
    no_confirm = rng.random(k) < _a("skip_confirm_share")
    no_analysis = rng.random(k) < _a("skip_analysis_share")
    staff = {"branch": "BR", "customer_service": "CS", "compliance": "CO"}
    rows = []
    end = pd.Timestamp("2013-12-31 17:00")
    for i in range(k):
        cid, t = f"K{i + 1:04d}", start[i]
        branch = who.at[i, "branch"]
        owner0 = f"{staff['branch']}-{branch[:3].upper()}"
        def add(step, lvl, owner, when):
            rows.append((cid, step, COMPLAINT_LEVELS[lvl], owner, when, who.at[i, "client_id"], branch, cause[i]))
        add("received", 0, owner0, t)
        if on_spot[i]:  # solved on the spot: no promise needed
            t = t + pd.Timedelta(minutes=int(rng.integers(10, 90)))
            add("resolved", 0, owner0, t)
        else:
            # Escalation shows as the level of the next step: promised by the branch (or by
            # customer service if it went up twice), resolved at the level it ended at.
            t = t + pd.Timedelta(minutes=int(rng.integers(15, 240)))
            lvl = int(level[i])
            promiser = 1 if lvl == 2 else 0
            owner = owner0 if promiser == 0 else f"CS-{rng.integers(1, 4):02d}"
            add("reply_promised", promiser, owner, t)
            t = t + pd.Timedelta(hours=float(rng.gamma(1.5, 12.0 * (1 + lvl))))
            if t > end:
                continue  # still open at the year's end
            owner = owner if lvl == promiser else f"{staff[COMPLAINT_LEVELS[lvl]]}-{rng.integers(1, 4):02d}"
            add("resolved", lvl, owner, t)
        lvl = COMPLAINT_LEVELS.index(rows[-1][2])
        owner = rows[-1][3]
        if not no_confirm[i]:
            t = t + pd.Timedelta(hours=float(rng.gamma(2.0, 12.0)))
            add("confirmed", lvl, owner, t)
        t = t + pd.Timedelta(hours=float(rng.gamma(2.0, 24.0)))
        add("filed", lvl, owner, t)
        if not no_analysis[i]:
            t = t + pd.Timedelta(hours=float(rng.gamma(2.0, 48.0)))
            add("analysed", lvl, owner, t)
    log = pd.DataFrame(rows, columns=["complaint_id", "step", "level", "owner", "timestamp", "client_id",
                                      "branch", "root_cause"])
    log["timestamp"] = log["timestamp"].dt.floor("min")
    log = log[log["timestamp"] <= end].reset_index(drop=True)
    return log


def _callbacks(clients: pd.DataFrame, truth: pd.DataFrame, accounts: pd.DataFrame,
               rng: np.random.Generator) -> pd.DataFrame:
    done = _a("callback_done_share")
    rows = []
    end = pd.Timestamp("2013-12-31")
    opened = clients.dropna(subset=["account_opened"])
    opened = opened[opened["account_opened"] >= YEAR_START - pd.Timedelta(days=90)]
    for cid, day in zip(opened["client_id"], opened["account_opened"]):
        for k in _a("callbacks_new_account"):
            due = day + pd.Timedelta(days=int(k))
            if YEAR_START <= due <= end and rng.random() < done:
                rows.append((cid, due + pd.Timedelta(days=int(rng.integers(0, 5))), "new_account"))
    prospects = clients.merge(truth, on="client_id").query("status == 'prospect'")
    for cid, first in zip(prospects["client_id"], prospects["first_contact"]):
        t = max(first, YEAR_START) + pd.Timedelta(days=int(rng.integers(0, 90)))
        while t <= end:
            if rng.random() < done:
                rows.append((cid, t, "potential"))
            t = t + pd.Timedelta(days=int(rng.integers(30, 150)))
    # A few calls after a large change of funds, made by the branches' own initiative.
    acc = accounts[accounts["month"] >= YEAR_START].sort_values(["client_id", "month"])
    change = acc.groupby("client_id")["equity"].pct_change().abs()
    big = acc[(change > 0.5).to_numpy() & (rng.random(len(acc)) < 0.3)]
    for cid, m in zip(big["client_id"], big["month"]):
        rows.append((cid, m + pd.offsets.MonthEnd(0) + pd.Timedelta(days=int(rng.integers(1, 10))), "funds_change"))
    log = pd.DataFrame(rows, columns=["client_id", "date", "reason"])
    log = log[log["date"] <= end].sort_values(["date", "client_id", "reason"], kind="stable").reset_index(drop=True)
    log.insert(0, "callback_id", [f"CB{i:05d}" for i in range(1, len(log) + 1)])
    log["staff_id"] = [f"CS-{k:02d}" for k in rng.integers(1, 7, len(log))]
    log["reached"] = rng.random(len(log)) < 0.8
    return log


def _survey(clients: pd.DataFrame, truth: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    pool = clients.merge(truth, on="client_id").query("status == 'active'")["client_id"].to_numpy()
    k = int(_a("survey_respondents"))
    who = np.sort(rng.choice(pool, k, replace=False))
    mood = rng.normal(0, 0.6, k)  # a client's general mood moves every answer
    means, weights = _a("survey_item_means"), _a("survey_weights")
    items = {item: np.clip(np.rint(means[item] + mood + rng.normal(0, 0.8, k)), 1, 5).astype(int)
             for item in SURVEY_ITEMS}
    score = sum(weights[i] * items[i] for i in SURVEY_ITEMS) + rng.normal(0, 0.45, k)
    overall = np.clip(np.rint(score - 0.1), 1, 5).astype(int)
    first, days = _a("survey_days")
    day = pd.Timestamp(first) + pd.to_timedelta(rng.integers(0, days, k), unit="D")
    return pd.DataFrame({"respondent_id": [f"S{i:04d}" for i in range(1, k + 1)], "client_id": who,
                         "date": day, "overall": overall, **items})


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the futures firm's tables from a seed.

    Returns
    -------
    dict
        ``clients`` (the CRM file), ``accounts`` (monthly funds, trades, lots and
        commission per account, 2012–2013), ``truth`` (each record's real status),
        ``requests`` (2013 requests from branches to the back office), ``complaints``
        (an event log), ``callbacks`` (customer service's call log) and ``survey``.
    """
    rng = np.random.default_rng(seed)
    clients = _clients(rng)
    accounts, fate = _accounts(clients, rng)
    # Accounts closed before 2012 are gone from the file.
    gone = set(fate.loc[~fate["keep"], "client_id"])
    clients = clients[~clients["client_id"].isin(gone)].reset_index(drop=True)
    fate = fate[fate["keep"]]
    truth = _truth(clients, fate)
    closed = clients[["client_id"]].merge(fate[["client_id", "closed", "close_date"]], on="client_id", how="left")
    clients["account_closed"] = pd.to_datetime(closed["close_date"].where(closed["closed"].fillna(False).astype(bool)))
    has = clients["account_opened"].notna()
    account = np.where(has & clients["account_closed"].isna(), "open_account",
                       np.where(has, "closed_account", "no_account"))
    clients["role_recorded"] = pd.Series(account).map(_a("role_recorded_rule")).to_numpy()  # an assumed rule
    last = accounts[accounts["month"] == accounts["month"].max()].set_index("client_id")["equity"]
    clients["core_flag"] = clients["client_id"].map(last).fillna(0.0) >= _a("core_flag_equity")
    requests = _requests(clients, truth, rng, seed)
    complaints = _complaints(clients, truth, rng)
    callbacks = _callbacks(clients, truth, accounts, rng)
    survey = _survey(clients, truth, rng)
    clients = clients.drop(columns="_kind")[["client_id", "branch", "broker_id", "investor_type", "birthday",
                                             "first_contact", "account_opened", "account_closed", "other_firm",
                                             "role_recorded", "core_flag"]]
    return {"clients": clients, "accounts": accounts, "truth": truth, "requests": requests,
            "complaints": complaints, "callbacks": callbacks, "survey": survey}


def _complaint_share_with(step: str):  # noqa: ANN202
    def share(t: dict[str, pd.DataFrame]) -> float:
        c = t["complaints"]
        return float(c.loc[c["step"] == step, "complaint_id"].nunique() / c["complaint_id"].nunique())
    return share


#: The figure in the generated tables for each assumption that has one (printed in the datasheet
#: beside the parameter: a probability drawn with is not the share the data ends up with).
MEASURED = {
    "branches": lambda t: int(t["clients"]["branch"].nunique()),
    "client_records": lambda t: len(t["clients"]),
    "on_spot_share": lambda t: 1 - _complaint_share_with("reply_promised")(t),  # solved with no promise needed
    "skip_confirm_share": lambda t: 1 - _complaint_share_with("confirmed")(t),
    "skip_analysis_share": lambda t: 1 - _complaint_share_with("analysed")(t),
    "survey_respondents": lambda t: len(t["survey"]),
}
