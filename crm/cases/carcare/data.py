"""Generator for the car-care case, 车佰汇汽车美容装饰公司 (seeds/000 案例二, with seeds/004 and seeds/001).

The source gives the firm's size (over 10,000 cars a year, 10 million yuan revenue),
its acquisition channels, its seven-step complaint handling, and its belief that
satisfied staff make satisfied, loyal customers. seeds/001 gives the complaint
figures (70 % of dissatisfied customers stay when the failure is handled fast; the
complaint iceberg 1–5 % / 45 % / 50 %); seeds/004 the service network (1,023
centres, over a million member car owners, a first response within 30 minutes) and
the SERVQUAL dimensions. Everything else is a modelling assumption, named in
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

NAME = "carcare"
TITLE = "车佰汇汽车美容装饰公司 · Chebaihui car care"
SUMMARY = ("渠道组合、投诉处理与服务补救、服务利润链、SERVQUAL 与 30 分钟响应网络 · "
           "Channel mix, complaint recovery, the service–profit chain, SERVQUAL and the 30-minute network")
DEFAULT_SEED = 2013
YEAR = 2012  # assumption: the thesis (2013) describes the year before; visits cover this calendar year
SOURCE = "seeds/000_20c42c6c043d0e77.txt"
SOURCE_RETENTION = "seeds/001_bd5f0c3c9eb3ac29.txt"
SOURCE_SERVICE = "seeds/004_1b977a9aff8eaf27.txt"
FILES = {"customers": "customers.csv", "visits": "visits.csv.gz", "channel_spend": "channel_spend.csv",
         "service_failures": "service_failures.csv", "complaints": "complaints.csv",
         "complaint_log": "complaint_log.csv.gz", "employees": "employees.csv", "servqual": "servqual.csv",
         "outcomes": "outcomes.csv", "centres": "centres.csv"}

# --- numbers from the sources ---------------------------------------------------------
CARS_PER_YEAR = 10_000          # seeds/000: "公司年装饰车辆 1 万台以上"
REVENUE_YUAN = 10_000_000       # seeds/000: "年营业额 1000 万"
STAY_IF_FAST = 0.70             # seeds/001: "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作"
ICEBERG = {"management": 0.05, "front_line": 0.45, "none": 0.50}  # seeds/001 (TARP); 1–5 %: the top of the range
CENTRES = 1023                  # seeds/004: "基本區域網點為1023個服務中心"
MEMBERS = 1_000_000             # seeds/004: "為過百萬車主會員服務"
FIRST_RESPONSE_MINUTES = 30     # seeds/004: "對客戶的第一時間回應要在30分中內回饋"

CHANNELS = ("tv", "radio", "magazine", "newspaper", "billboard", "car_show")
SERVICES = ("wash_wax", "interior_clean", "polish_seal", "coating", "window_film", "accessories")
STEPS = ("understand", "calm_promise", "respond", "record", "keep_promise", "repair", "review")
LEVELS = ("front_desk", "service_manager", "general_manager")
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
TOPICS = ("paint_damage", "film_bubbles", "dirty_interior", "late_delivery", "overcharge", "rude_staff")
LOST_REASONS = ("gave_up", "left_own_accord", "poached", "attracted_away", "forced", "other")

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "公司年装饰车辆 1 万台以上,年营业额 1000 万",
     "over 10,000 distinct cars have visits in the data year; service prices are scaled so that the year's "
     "revenue is 10 million yuan"),
    (SOURCE, "为了发掘潜在客户,车佰汇会利用一些商业活动,比如汽贸公司、4S 店承办车展活动。车佰汇通过电视广告、电台广播、"
             "汽车杂志、地方报纸、路牌广告这五种方式的组合运用、互为补充,达到高覆盖率、高的传播目标",
     "channel_spend has monthly spend, reach, leads and customers won for car shows and the five media; "
     "customers.channel is one of them"),
    (SOURCE, "车佰汇首先会详细地了解客户的问题和投诉的原因,并根据对客户了解的情况安抚客户并承诺及时调查和答复。"
             "安抚客户的情绪是此时第一要务,接下来便要快速响应妥善处理、认真记录客户意见、兑现客户承诺、及时补救客户关系、"
             "将投诉作为关键的管理过程",
     "complaint_log has one event per handling step, in this order: understand, calm_promise, respond, record, "
     "keep_promise, repair, review"),
    (SOURCE, "车佰汇认为若要客户有较高的满意度,一定先要让员工满意,客户忠诚度较高的公司同时也具有较高的员工忠诚度,"
             "员工忠诚度和员工满意度的其中一个重要表现是员工的流动率低",
     "employees: satisfaction follows the team's internal service quality; satisfied staff leave less, serve "
     "more cars and get better ratings; better-rated customers return (outcomes)"),
    (SOURCE_RETENTION, "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作",
     "a complaint first answered within the fast-response limit ends 'stayed' with probability 0.70"),
    (SOURCE_RETENTION, "乙個對服務不滿的客戶會將他的不滿經歷告訴其他8~10個人,而一位滿意的客戶則會將他的滿意經歷告訴2~3人",
     "the word-of-mouth defaults of crm.cases.carcare.recovery (9 and 2.5 people, the ranges' midpoints)"),
    (SOURCE_RETENTION, "只有1%~5%的投訴反映到了高層管理者,45%的投訴反映到**機構、分支機構和一線人員,50%的客戶遇到問題從不投訴",
     "service_failures.reported_to is management for 5 %, front_line for 45 % and none for 50 % of failures"),
    (SOURCE_SERVICE, "基本區域網點為1023個服務中心,為過百萬車主會員服務",
     "centres has 1,023 rows whose members add up to just over 1,000,000"),
    (SOURCE_SERVICE, "對客戶的第一時間回應要在30分中內回饋",
     "the network view's promise: the share of requests answered within 30 minutes"),
    (SOURCE_SERVICE, "顧客會從五個方面評估:具體服務、可靠性、回應速度、確實性以及同理心",
     "servqual has importance, expectation and performance (1–10, the source's chart scale) on these five "
     "dimensions"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "existing_customers": (8_000, "customers on file who were won before the channel records start (2011-01)"),
    "active_share_existing": (0.72, "share of those who have a visit in the data year"),
    "active_share_2011": (0.78, "share of the customers won in 2011 who come back in the data year"),
    "visits_per_active_car": (2.4, "mean visits a year of a car serviced in the data year"),
    "service_mix": (dict(zip(SERVICES, (0.42, 0.18, 0.15, 0.08, 0.07, 0.10))), "share of visits by service"),
    "service_price": (dict(zip(SERVICES, (60, 220, 600, 1500, 1800, 900))),
                      "list price of each service before the scaling to the source's revenue (yuan)"),
    "price_dispersion": (0.25, "sd of log price around the list price (car size, options)"),
    "channel_base_spend": (dict(zip(CHANNELS, (12000, 5000, 4000, 4000, 6000, 8000))),
                           "typical monthly spend per channel (yuan)"),
    "spend_dispersion": (0.45, "sd of log monthly spend around the typical level: the firm varies its mix"),
    "channel_reach_at_base": (dict(zip(CHANNELS, (150000, 60000, 15000, 40000, 80000, 5000))),
                              "people reached in a month at the typical spend"),
    "channel_elasticity": (dict(zip(CHANNELS, (0.45, 0.55, 0.60, 0.50, 0.40, 0.70))),
                           "reach ∝ spend^elasticity: below 1, so returns diminish"),
    "channel_lead_rate": (dict(zip(CHANNELS, (0.0012, 0.0015, 0.006, 0.002, 0.001, 0.03))),
                          "share of people reached who enquire (a lead)"),
    "channel_conversion": (dict(zip(CHANNELS, (0.25, 0.30, 0.35, 0.30, 0.25, 0.40))),
                           "share of leads who become customers"),
    "channel_months": (24, "months of channel records, 2011-01 to the data year's December"),
    "teams": (6, "work teams (班组), each with its own internal service quality"),
    "staff": (dict(technician=36, advisor=6, manager=3), "staff on duty at any time, by role"),
    "team_quality": ((6.5, 1.2), "mean and sd of a team's internal service quality (1–10)"),
    "chain_quality_to_satisfaction": (0.7, "staff satisfaction rises this much per point of internal service quality"),
    "chain_satisfaction_to_turnover": (-0.9, "log-odds of leaving in the year per point of staff satisfaction"),
    "base_turnover": (0.08, "share of staff leaving in a year at mean satisfaction"),
    "chain_satisfaction_to_productivity": (0.06, "relative change in cars served per point of staff satisfaction"),
    "chain_satisfaction_to_rating": (0.55, "customer rating (1–10) per point of the technician's satisfaction"),
    "chain_rating_to_return": (0.45, "log-odds of returning next year per point of the customer's mean rating"),
    "base_return": (0.72, "share of the data year's customers returning next year at a mean rating"),
    "failure_rate": (0.05, "share of visits with a service failure at mean staff satisfaction"),
    "chain_satisfaction_to_failure": (-0.25, "log-odds of a failure per point of the technician's satisfaction"),
    "fast_response_hours": (24, "a first response within this many hours counts as fast (the 70 % applies)"),
    "stay_if_slow": (0.35, "probability that a complainant stays when the first response is slow"),
    "response_hours_median": (12.0, "median hours from complaint to first response"),
    "response_hours_dispersion": (1.0, "sd of log response hours"),
    "step_limits_h": (dict(zip(STEPS[:-1], (2, 24, 4, 72, 168, 168))),
                      "time limit from each step's event to the next (hours)"),
    "deviation_shares": (dict(skip_record=0.08, skip_repair=0.06, reordered=0.04, repeated=0.03),
                         "share of complaints handled off the sequence"),
    "escalation_share": (0.25, "share of front-line complaints escalated to the service manager"),
    "survey_respondents": (400, "customers answering the SERVQUAL survey (1–10 scales)"),
    "servqual_importance": (dict(zip(DIMENSIONS, (6.3, 9.0, 8.4, 8.0, 7.2))), "mean importance by dimension"),
    "servqual_expectation": (dict(zip(DIMENSIONS, (7.0, 8.8, 8.5, 8.0, 7.5))), "mean expectation by dimension"),
    "servqual_performance": (dict(zip(DIMENSIONS, (8.1, 7.0, 6.2, 7.8, 7.6))), "mean performance by dimension"),
    "centre_members_dispersion": (0.6, "sd of log members per centre across the network"),
    "peak_requests_per_member_hour": (0.004, "requests per member in the network's peak hour"),
    "handling_minutes": (20.0, "minutes a staff member is busy with one first response"),
    "staff_per_centre": ((2, 6), "fewest and most staff on duty at a centre in the peak hour"),
    "centre_utilisation_target": (0.7, "the network planned staff for this utilisation, rounding up"),
    "centre_members_total": (1.04, "members of the network as a multiple of the source's million ('over a million')"),
    "centre_members_floor": (50, "added to every centre's share of the members, so no centre has fewer"),
    "region_mix": (dict(zip(("华北", "华东", "华南", "华中", "西南", "西北", "东北"),
                            (0.16, 0.26, 0.18, 0.14, 0.11, 0.07, 0.08))), "share of centres by region"),
    "reach_noise": (0.1, "sd of log reach around the channel's curve in a month"),
    "existing_since_years": ((7, 6), "existing customers were won over 6 years from 7 years before the data year"),
    "car_class_mix": (dict(economy=0.5, midsize=0.38, luxury=0.12), "share of customers' cars by class"),
    "tenure_at_start_days": ((30, 9 * 365), "days a member of staff had been employed at the year's start"),
    "staff_quality_noise": (0.4, "sd of an employee's rating of internal quality around his team's"),
    "staff_satisfaction": ((7.0, 0.9), "staff satisfaction at the mean internal quality, and its sd"),
    "rehire_days": ((7, 30), "days to replace a leaver"),
    "visit_rate_dispersion": (0.5, "sd of log visit rate across customers"),
    "rating": ((7.3, 1.3), "mean visit rating with a technician of satisfaction 7, and its sd"),
    "topic_mix": (dict(zip(TOPICS, (0.22, 0.2, 0.16, 0.18, 0.12, 0.12))), "share of failures by problem"),
    "complaint_delay": ((3, 9, 18), "a complaint comes 0 to 2 days after the visit, between 9:00 and 18:00"),
    "step_gaps_h": (((0.1, 1.5), (0.2, 3.0), (4, 60), (24, 150), (12, 160), (2, 20)),
                    "hours between steps (uniform): understand→calm, respond→record, record→keep promise, "
                    "keep promise→repair, repair→review, and between two responses when one is repeated"),
    "stay_cost_of_no_repair": (0.15, "lower stay probability when the relationship is not repaired"),
    "lost_reason_mix": (dict(zip(LOST_REASONS, (0.18, 0.22, 0.2, 0.22, 0.06, 0.12))),
                        "kinds of loss (seeds/001's six kinds) of customers who do not return"),
    "servqual_noise": ((0.5, 0.6, 1.0, 1.1), "respondent mood: weight of his ratings and sd; sd of importance "
                                             "and expectation; sd of performance"),
}


def _a(name: str):  # noqa: ANN202  (values are numbers, pairs or weight tables)
    return ASSUMPTIONS[name][0]


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
    price *= REVENUE_YUAN / price.sum()  # the source's revenue
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
        back the next year) and ``centres`` (the seeds/004 service network).
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
