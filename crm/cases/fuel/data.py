"""Generator for the fuel-station case, 中石化河南中原石油分公司 (seeds/002).

The paper gives the CRM practice (three-step acquisition, the "3 days beyond the usual
cycle" anomaly rule, three-level care, "1:15" customer managers, the three-level
complaint flow), two economics figures (acquisition costs 6× retention; about 10 % of
customers lost a year) and the results to June 2014. It gives no transaction data:
station and staff counts, refuelling cycles, volumes, funnel conversion rates,
complaint rates and step durations are modelling assumptions, each named in
:data:`ASSUMPTIONS` and in the datasheet. The data reproduces the source's figures
where they describe data: 10 % of the customers at the start leave within the year,
unit and individual customers with a file grow by 93.35 % and 39.72 %, and the card
share of volume rises to 38.85 % (+14.51 points).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.fuel.case import (CARD_SHARE_END,
                                 CARD_SHARE_GAIN, UNIT_GROWTH, INDIVIDUAL_GROWTH, END, START, _a, ANNUAL_CHURN,
                                 CYCLE_GRACE_DAYS, DEFAULT_SEED, HOLIDAYS, PLATE_LETTERS,
                                 REPORTED, STEPS)


def _pick(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(np.array(list(weights)), n, p=p / p.sum())


def _days() -> pd.DatetimeIndex:
    return pd.date_range(START, END, freq="D")


def _stations_staff(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    districts = np.repeat(_a("districts"), _a("stations_per_district"))
    stations = pd.DataFrame({"station_id": [f"S{i:02d}" for i in range(1, len(districts) + 1)],
                             "district": districts})
    lo, hi = _a("staff_per_station")
    sizes = rng.integers(lo, hi + 1, len(stations))
    rows = [("E000", None, None, "company_admin")]  # "在公司设立了客户专职管理员"
    rows += [(f"E{900 + i}", None, d, "district_manager") for i, d in enumerate(_a("districts"), 1)]  # "片区设立专职客户经理"
    k = 1
    for sid, district, size in zip(stations["station_id"], stations["district"], sizes):
        for j in range(size):
            rows.append((f"E{k:03d}" if k < 900 else f"E{k}", sid, district, "station_manager" if j == 0 else "attendant"))
            k += 1
    staff = pd.DataFrame(rows, columns=["employee_id", "station_id", "district", "role"])
    return stations, staff.sort_values("employee_id", kind="stable").reset_index(drop=True)


def _vehicle_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    # Puyang plates are 豫J; some customers come from the Shandong and Hebei side of the border.
    prov = _pick(rng, _a("plate_provinces"), n)
    letter = rng.choice(PLATE_LETTERS, n)
    digits = rng.choice(100_000, n, replace=False)
    return np.char.add(np.char.add(np.char.add(prov, "·"), letter), np.char.zfill(digits.astype(str), 5))


def _customers(rng: np.random.Generator, stations: pd.DataFrame
               ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, dict[str, int]]:
    """Customers on file at the start, then new vehicles through the three-step funnel.

    Returns the customers (with ``first``: day of the first visit, negative before START),
    per customer his first and last active day in the data (day numbers from START; the
    last is before the end for leavers), and the number of new filed customers per kind.
    """
    n_days = len(_days())
    on_file = _a("customers_on_file")
    kinds = np.repeat(["unit", "individual"], [on_file["unit"], on_file["individual"]])
    n0 = len(kinds)
    # Leavers: exactly 10 % of each kind on file at the start leave within the year.
    leaves = np.zeros(n0, dtype=bool)
    for kind in ("unit", "individual"):
        idx = np.flatnonzero(kinds == kind)
        leaves[rng.choice(idx, int(round(ANNUAL_CHURN * len(idx))), replace=False)] = True
    # New filed customers so that the count on file grows as the source reports.
    new_filed = {kind: int(round(on_file[kind] * (1 + g))) - int(round(on_file[kind] * (1 - ANNUAL_CHURN)))
                 for kind, g in (("unit", UNIT_GROWTH), ("individual", INDIVIDUAL_GROWTH))}
    p_ret, p_basic = _a("funnel_return"), _a("funnel_basic")
    prospects = {k: int(np.ceil(v / (p_ret * p_basic) * 1.12)) for k, v in new_filed.items()}
    kinds = np.concatenate([kinds, np.repeat(["unit", "individual"], [prospects["unit"], prospects["individual"]])])
    n = len(kinds)
    existing = np.arange(n) < n0
    unit = kinds == "unit"
    model = np.where(unit, _pick(rng, _a("unit_vehicles"), n), _pick(rng, _a("individual_vehicles"), n))
    station = rng.integers(0, len(stations), n)
    # First visit: before the start for customers on file, during the year (not in its last 3 weeks) for new ones.
    # (Customers on file first came between 2000, the first CRM system, and mid-2013.)
    first = np.where(existing, -rng.integers(30, 4700, n), rng.integers(0, n_days - 21, n))
    last = np.full(n, n_days - 1)
    last[np.flatnonzero(leaves)] = rng.integers(14, n_days - 14, leaves.sum())
    returns = existing | (rng.random(n) < p_ret)
    last[~existing & ~returns] = first[~existing & ~returns]  # one visit, never seen again
    start = np.maximum(first, 0)
    return (pd.DataFrame({"kind": kinds, "vehicle_model": model, "station": station, "existing": existing,
                          "leaves": np.concatenate([leaves, np.zeros(n - n0, dtype=bool)]), "first": first}),
            start, last, new_filed)


def _refuel_days(rng: np.random.Generator, cycle: np.ndarray, start: np.ndarray, last: np.ndarray,
                 existing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Refuelling days of every customer: gamma gaps around his cycle, from start to last."""
    span = np.maximum(last - start, 0)
    k = (span / cycle * 1.6 + 4).astype(int)
    cust = np.repeat(np.arange(len(cycle)), k)
    cv = _a("cycle_cv")
    gaps = rng.gamma(1 / cv**2, cycle[cust] * cv**2)
    pos = np.arange(len(cust)) - np.repeat(np.cumsum(k) - k, k)
    gaps[pos == 0] = np.where(existing[cust[pos == 0]], rng.random((pos == 0).sum()) * cycle[cust[pos == 0]], 0.0)
    offsets = np.cumsum(gaps)
    offsets -= np.repeat(offsets[np.cumsum(k) - k] - gaps[np.cumsum(k) - k], k)
    day = start[cust] + np.floor(offsets).astype(int)
    keep = day <= last[cust]
    return cust[keep], day[keep]


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the fuel case's tables from a seed.

    Returns
    -------
    dict
        ``stations``, ``staff``, ``customers`` (every identified vehicle), ``refuels``
        (a year of refuelling events), ``complaints`` (an event log), ``callbacks``,
        ``occasions`` (must-call days), ``churn_truth`` (who really left, and when) and
        ``reported_results`` (the source's figures).
    """
    rng = np.random.default_rng(seed)
    days = _days()
    n_days = len(days)
    stations, staff = _stations_staff(rng)
    c, start, last, new_filed = _customers(rng, stations)
    n = len(c)
    unit = (c["kind"] == "unit").to_numpy()
    med = _a("cycle_median_days")
    cycle = np.where(unit, med["unit"], med["individual"]) * np.exp(rng.normal(0, _a("cycle_dispersion"), n))
    cycle = np.where(c["vehicle_model"].isin(["heavy_truck", "bus"]), cycle * _a("truck_cycle_factor"), cycle).clip(2, 40)
    cust, day = _refuel_days(rng, cycle, start, last, c["existing"].to_numpy())
    # A leaver's true last visit is his last refuel day.
    leaves = c["leaves"].to_numpy()
    # Declining leavers: from some weeks before the last visit, fewer visits and half the litres.
    lo, hi = _a("decline_days")
    last_day = np.full(n, -1)
    np.maximum.at(last_day, cust, day)
    decline = leaves & (rng.random(n) < _a("churn_decline_share"))
    decline_from = last_day - rng.integers(lo, hi + 1, n)
    in_decline = decline[cust] & (day >= decline_from[cust]) & (day < last_day[cust])
    drop = in_decline & (rng.random(len(day)) < _a("decline_factors")[1])
    cust, day, in_decline = cust[~drop], day[~drop], in_decline[~drop]

    # Funnel of the new vehicles: 2nd and 3rd visit dates are their 2nd and 3rd refuels.
    order = np.lexsort((day, cust))
    cust, day, in_decline = cust[order], day[order], in_decline[order]
    starts = np.searchsorted(cust, np.arange(n))
    counts = np.bincount(cust, minlength=n)
    nth = np.arange(len(cust)) - starts[cust]
    first_day = np.full(n, -1)
    first_day[counts > 0] = day[starts[counts > 0]]
    second = np.full(n, -1)
    third = np.full(n, -1)
    second[cust[nth == 1]] = day[nth == 1]
    third[cust[nth == 2]] = day[nth == 2]
    existing = c["existing"].to_numpy()
    stage = np.full(n, "plate", dtype=object)
    stage[existing] = np.where(rng.random(existing.sum()) < _a("complete_file_share"), "complete", "basic")
    for kind in ("unit", "individual"):
        cand = np.flatnonzero(~existing & (c["kind"].to_numpy() == kind) & (second >= 0))
        basic = rng.choice(cand, min(new_filed[kind], len(cand)), replace=False)
        stage[basic] = "basic"
        at_third = basic[third[basic] >= 0]
        stage[at_third[rng.random(len(at_third)) < _a("funnel_complete")]] = "complete"
    base = np.datetime64(START, "D")
    first_visit = base + np.where(existing, c["first"].to_numpy(), first_day).astype("timedelta64[D]")

    # Customers, with ids, plates, stations, employers and who acquired them.
    filed = stage != "plate"
    employer = np.where(unit, _unit_names(rng, n), np.where(filed, _employer_names(rng, n), None))
    station_ids = stations["station_id"].to_numpy()[c["station"].to_numpy()]
    attendants = staff[staff["station_id"].notna()]
    by_station = attendants.groupby("station_id")["employee_id"].apply(np.array)
    acquired = np.array([by_station[s][rng.integers(len(by_station[s]))] for s in station_ids], dtype=object)
    card_share = _a("card_holder_share")
    card = filed & (rng.random(n) < np.where(unit, card_share["unit"], card_share["individual"]))
    ids = np.char.add("V", np.char.zfill(np.arange(1, n + 1).astype(str), 6))
    date_or_nat = lambda d: np.where(d >= 0, base + np.maximum(d, 0).astype("timedelta64[D]"), np.datetime64("NaT"))
    customers = pd.DataFrame({
        "customer_id": ids, "kind": c["kind"].to_numpy(), "plate": _vehicle_ids(rng, n),
        "vehicle_model": c["vehicle_model"].to_numpy(), "station_id": station_ids,
        "district": stations["district"].to_numpy()[c["station"].to_numpy()], "employer": employer,
        "first_visit": pd.to_datetime(first_visit),
        "second_visit": pd.to_datetime(np.where(existing, np.datetime64("NaT"), date_or_nat(second))),
        "third_visit": pd.to_datetime(np.where(existing, np.datetime64("NaT"), date_or_nat(third))),
        "file_stage": stage, "card_holder": card, "acquired_by": np.where(filed, acquired, None),
    })

    refuels = _refuels(rng, customers, cust, day, in_decline, card)
    truth = _truth(rng, customers, leaves, last_day, unit)
    occasions = _occasions(rng)
    complaints = _complaints(rng, customers, staff, refuels)
    callbacks = _callbacks(rng, customers, staff, occasions, truth, cycle)
    reported = pd.DataFrame(REPORTED, columns=["metric", "change", "unit"])
    return {"stations": stations, "staff": staff, "customers": customers, "refuels": refuels,
            "complaints": complaints, "callbacks": callbacks, "occasions": occasions, "churn_truth": truth,
            "reported_results": reported}


def _unit_names(rng: np.random.Generator, n: int) -> np.ndarray:
    place = np.array(["濮阳", "中原", "华龙", "清丰", "南乐", "范县", "台前", "濮阳县"])
    trade = np.array(["物流", "运输", "建材", "化工", "石化工程", "客运", "出租汽车", "环卫", "公交", "油田服务"])
    k = rng.integers(0, int(_a("fleet_units")), n)
    return np.char.add(np.char.add(place[k % len(place)], trade[(k // len(place)) % len(trade)]),
                       np.where(k >= 80, "二公司", "有限公司"))


def _employer_names(rng: np.random.Generator, n: int) -> np.ndarray:
    names = np.array(["中原油田", "濮阳市政府机关", "濮阳市人民医院", "濮阳职业技术学院", "个体经营", "中原乙烯",
                      "濮阳供电公司", "濮阳市第一中学", "华龙区商户", "中石化中原石油工程", "濮阳县农村信用社", "其他企业"])
    return rng.choice(names, n, p=np.array([14, 6, 5, 4, 20, 5, 4, 3, 12, 8, 4, 15]) / 100)


def _refuels(rng: np.random.Generator, customers: pd.DataFrame, cust: np.ndarray, day: np.ndarray,
             in_decline: np.ndarray, card: np.ndarray) -> pd.DataFrame:
    model = customers["vehicle_model"].to_numpy()
    med = _a("litres_median")
    median = np.array([med[m] for m in model], dtype=float) * np.exp(rng.normal(0, _a("litres_dispersion"), len(model)))
    litres = median[cust] * np.exp(rng.normal(0, _a("litres_cv"), len(cust)))
    litres = np.where(in_decline, litres * _a("decline_factors")[0], litres).round(1).clip(5, 400)
    diesel = np.isin(model, ["heavy_truck", "bus", "light_truck"])
    petrol = _pick(rng, _a("grades"), len(model))
    grade = np.where(diesel, "diesel", petrol)[cust]
    # A fifth of the fills at another station of the network than the customer's own.
    home = customers["station_id"].to_numpy()[cust]
    other = np.char.add("S", np.char.zfill(rng.integers(1, 37, len(cust)).astype(str), 2))
    station = np.where(rng.random(len(cust)) < _a("away_share"), other, home)
    # Card payment: card holders pay by card with a probability that rises month by month so
    # that the card share of litres goes from 24.34 % (July 2013) to 38.85 % (June 2014).
    month = (np.datetime64(START, "D") + day.astype("timedelta64[D]")).astype("datetime64[M]")
    months = np.unique(month)
    m_idx = np.searchsorted(months, month)
    target = np.linspace(CARD_SHARE_END - CARD_SHARE_GAIN, CARD_SHARE_END, len(months))
    holder_litres = np.bincount(m_idx, weights=litres * card[cust], minlength=len(months))
    all_litres = np.bincount(m_idx, weights=litres, minlength=len(months))
    p = np.clip(target * all_litres / holder_litres, 0, 1)
    pays_card = card[cust] & (rng.random(len(cust)) < p[m_idx])
    out = pd.DataFrame({"date": pd.to_datetime(np.datetime64(START, "D") + day.astype("timedelta64[D]")),
                        "customer_id": customers["customer_id"].to_numpy()[cust], "station_id": station,
                        "litres": litres, "grade": grade, "payment": np.where(pays_card, "card", "cash")})
    return out.sort_values(["date", "station_id", "customer_id"], kind="stable").reset_index(drop=True)


def _truth(rng: np.random.Generator, customers: pd.DataFrame, leaves: np.ndarray, last_day: np.ndarray,
           unit: np.ndarray) -> pd.DataFrame:
    n = len(customers)
    reasons = _a("churn_reasons")
    ind = {k: v for k, v in reasons.items() if k != "unit_contract"}
    reason = np.where(unit, _pick(rng, reasons, n), _pick(rng, ind, n))
    left_on = np.datetime64(START, "D") + np.maximum(last_day, 0).astype("timedelta64[D]")
    return pd.DataFrame({"customer_id": customers["customer_id"].to_numpy(),
                         "on_file_at_start": customers["first_visit"].to_numpy() < np.datetime64(START),
                         "left": leaves, "last_visit": pd.to_datetime(np.where(leaves, left_on, np.datetime64("NaT"))),
                         "reason": np.where(leaves, reason, None)})


def _occasions(rng: np.random.Generator) -> pd.DataFrame:
    # Price windows every 10 working days (about 14 calendar days); some bring a change.
    windows = pd.date_range("2013-07-05", END, freq="14D")
    change = windows[rng.random(len(windows)) < _a("price_change_share")]
    rows = [(d, "price_change", "") for d in change]
    rows += [(pd.Timestamp(d), "weather", "") for d in _a("weather_days")]
    rows += [(pd.Timestamp(d), "holiday", name) for d, name in HOLIDAYS]
    out = pd.DataFrame(rows, columns=["date", "occasion", "name"]).sort_values("date", kind="stable")
    out["name"] = out["name"].replace("", None)
    return out.reset_index(drop=True)


def _complaints(rng: np.random.Generator, customers: pd.DataFrame, staff: pd.DataFrame,
                refuels: pd.DataFrame) -> pd.DataFrame:
    """A complaint event log: verify → review → rectify → callback → archive, with escalation."""
    k = int(round(len(refuels) * _a("complaints_per_10k_refuels") / 10_000))
    pick = np.sort(rng.choice(len(refuels), k, replace=False))
    src = refuels.iloc[pick]
    topics = _pick(rng, _a("complaint_topics"), k)
    causes = {"quantity": ("dispenser_calibration", "staff_error"), "service": ("staff_attitude", "understaffed"),
              "card": ("card_system", "staff_error"), "quality": ("tank_water", "supplier_batch"),
              "invoice": ("invoice_printer", "card_system"), "queue": ("understaffed", "dispenser_fault")}
    # Recurring causes: a few stations carry a persistent fault.
    root = np.array([causes[t][int(rng.random() < _a("second_cause_share"))] for t in topics], dtype=object)
    managers = staff[staff["role"] == "station_manager"].set_index("station_id")["employee_id"]
    district_mgr = staff[staff["role"] == "district_manager"].set_index("district")["employee_id"]
    station_district = customers.drop_duplicates("station_id").set_index("station_id")["district"]
    esc_d, esc_c = _a("escalation")
    med, sd = _a("step_hours_median"), _a("step_hours_sd")
    dev = _a("deviations")
    end = pd.Timestamp(END) + pd.Timedelta(hours=23, minutes=59)
    rows = []
    for i in range(k):
        cid, sid = f"Q{i + 1:04d}", src["station_id"].iat[i]
        level_owner = {"station": managers[sid], "district": district_mgr[station_district[sid]], "company": "E000"}
        settled = "station"
        if rng.random() < esc_d:
            settled = "company" if rng.random() < esc_c else "district"
        steps = list(STEPS)
        u = rng.random()
        if u < dev["skip_callback"]:
            steps.remove("callback")
        elif u < dev["skip_callback"] + dev["skip_review"]:
            steps.remove("review")
        elif u < dev["skip_callback"] + dev["skip_review"] + dev["archive_before_callback"]:
            steps = ["verify", "review", "rectify", "archive", "callback"]
        elif u < sum(dev.values()):
            steps = ["verify", "review", "rectify", "callback", "rectify", "callback", "archive"]
        t = src["date"].iat[i] + pd.Timedelta(hours=int(rng.integers(*_a("complaint_hours"))), minutes=int(rng.integers(0, 60)))
        level = "station"
        for j, step in enumerate(steps):
            if step == "review" and settled != "station":
                level = "district"
            if t > end:
                break
            rows.append((cid, step, level, level_owner[level], t, src["customer_id"].iat[i], sid, topics[i], root[i]))
            if step == "review" and settled == "company":
                # the district reviews, then hands the complaint to the company for a second review
                level = "company"
            hours = med[step] * np.exp(rng.normal(0, sd))
            t = t + pd.Timedelta(minutes=int(round(hours * 60)))
    log = pd.DataFrame(rows, columns=["complaint_id", "step", "level", "owner", "timestamp", "customer_id",
                                      "station_id", "topic", "root_cause"])
    log["timestamp"] = log["timestamp"].dt.floor("min")
    return log


def _callbacks(rng: np.random.Generator, customers: pd.DataFrame, staff: pd.DataFrame, occasions: pd.DataFrame,
               truth: pd.DataFrame, cycle: np.ndarray) -> pd.DataFrame:
    """Calls made: on must-call occasions (each employee calls a few of his customers) and after anomalies."""
    filed = customers[customers["acquired_by"].notna()]
    per_emp = filed.groupby("acquired_by")["customer_id"].apply(np.array)
    k = int(_a("callbacks_per_occasion"))
    rows = []
    for date, occasion in zip(occasions["date"], occasions["occasion"]):
        for emp, ids in per_emp.items():
            for cid in rng.choice(ids, min(k, len(ids)), replace=False):
                rows.append((date, cid, emp, occasion, None))
    # Anomaly callbacks: a station calls a leaver some days after his usual cycle has passed.
    t = truth.merge(customers[["customer_id", "acquired_by"]], on="customer_id")
    idx = np.flatnonzero(t["left"].to_numpy() & t["acquired_by"].notna().to_numpy())
    for i in idx:
        d = t["last_visit"].iat[i] + pd.Timedelta(days=int(cycle[i]) + CYCLE_GRACE_DAYS + int(rng.integers(1, 6)))
        if d <= pd.Timestamp(END):
            rows.append((d, t["customer_id"].iat[i], t["acquired_by"].iat[i], "anomaly", t["reason"].iat[i]))
    out = pd.DataFrame(rows, columns=["date", "customer_id", "employee_id", "occasion", "cause"])
    reached = rng.random(len(out)) < _a("callback_reached")
    out["reached"] = reached
    out["cause"] = np.where(reached & out["cause"].notna(), out["cause"], None)
    out = out.sort_values(["date", "employee_id", "customer_id"], kind="stable").reset_index(drop=True)
    out.insert(0, "callback_id", np.char.add("K", np.char.zfill(np.arange(1, len(out) + 1).astype(str), 6)))
    return out[["callback_id", "date", "customer_id", "employee_id", "occasion", "reached", "cause"]]


def _on_file_at_start(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    truth = t["churn_truth"]
    return t["customers"][t["customers"]["customer_id"].isin(truth.loc[truth["on_file_at_start"], "customer_id"])]


def _filed(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return t["customers"][t["customers"]["file_stage"] != "plate"]


#: The figure in the generated tables for each assumption that has one (printed in the datasheet
#: beside the parameter: a probability drawn with is not the share the data ends up with).
MEASURED = {
    "stations_per_district": lambda t: tuple(int(n) for n in t["stations"]["district"].value_counts()
                                             .reindex(list(_a("districts"))).to_numpy()),
    "customers_on_file": lambda t: {k: int(n) for k, n in _on_file_at_start(t)["kind"].value_counts()
                                    .reindex(["unit", "individual"]).items()},
    "complete_file_share": lambda t: float((_on_file_at_start(t)["file_stage"] == "complete").mean()),
    "fleet_units": lambda t: int(t["customers"].loc[t["customers"]["kind"] == "unit", "employer"].nunique()),
    "card_holder_share": lambda t: {k: float(v) for k, v in _filed(t).groupby("kind")["card_holder"].mean()
                                    .reindex(["unit", "individual"]).items()},
}
