"""车佰汇 · the Chebaihui car-care case (seeds/000 案例二, 001, 004): its definition and constants.

What the case is (name, title, source), the sentences quoted from the source, the modelling
assumptions (each named, with why), and the constants the analytics, views, questions and the
generator (:mod:`crm.cases.carcare.data`) share. Nothing here generates or reads data.
"""
from __future__ import annotations

NAME = "carcare"
TITLE = "车佰汇汽车美容装饰公司 · Chebaihui car care"
SUMMARY = ("渠道组合、投诉处理与服务补救、服务利润链、SERVQUAL，以及另一家企业的服务网络 · "
           "Channel mix, complaint recovery, the service–profit chain, SERVQUAL, and another firm's service network")
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
# seeds/004's unnamed "XX汽車服務網路" is another firm, not 车佰汇 (one firm, 10 million yuan a year).
CENTRES = 1023                  # seeds/004: "基本區域網點為1023個服務中心"
MEMBERS = 1_000_000             # seeds/004: "為過百萬車主會員服務"
# seeds/004: "對客戶的第一時間回應要在30分中內回饋", a row of a worksheet on what repair-shop managers
# (維修廠主管) expect; the source does not say the network promises it (assumption ``network_target``).
FIRST_RESPONSE_MINUTES = 30

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
     "store revenue is the firm's 10 million yuan: the source's turnover is the whole firm's, whose wholesale "
     "business (批发) this data does not hold, so giving all of it to the store's services is an assumption "
     "(store_revenue_share)"),
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
             "员工忠诚度和员工满意度的其中一个重要表现是员工的流动率低,因为客户所获得的产品和服务都是通过与员工解除来获得的",
     "employees: satisfied staff leave less (chain_satisfaction_to_turnover, base_turnover); the rest of the chain "
     "the data builds (internal service quality, productivity, ratings, return) follows seeds/004's service-profit "
     "chain, and every link's strength is an assumption (chain_*)"),
    (SOURCE_RETENTION, "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作",
     "a complaint first answered within the fast-response limit (fast_response_hours, an assumption: the source "
     "does not say what counts as fast) ends 'stayed' with probability 0.70"),
    (SOURCE_RETENTION, "乙個對服務不滿的客戶會將他的不滿經歷告訴其他8~10個人,而一位滿意的客戶則會將他的滿意經歷告訴2~3人",
     "the word-of-mouth defaults of crm.cases.carcare.recovery (9 and 2.5 people, the ranges' midpoints)"),
    (SOURCE_RETENTION, "只有1%~5%的投訴反映到了高層管理者,45%的投訴反映到**機構、分支機構和一線人員,50%的客戶遇到問題從不投訴",
     "service_failures.reported_to is management for 5 % (the top of the source's 1-5 %, so that the three add up "
     "to 100 %), front_line for 45 % and none for 50 % of failures"),
    (SOURCE_SERVICE, "內部服務品質創造員工滿意員工滿意創造員工忠誠度價值創造客戶滿意度客戶滿意創造客戶忠誠客戶忠誠創度造營收成長和獲利",
     "employees and visits: internal service quality (teams) → staff satisfaction → turnover and productivity → "
     "visit ratings → customers returning (outcomes); the source's figure gives the links' words only, every "
     "link's strength is an assumption (chain_*)"),
    (SOURCE_SERVICE, "基本區域網點為1023個服務中心,為過百萬車主會員服務",
     "centres has 1,023 rows whose members add up to just over 1,000,000: the unnamed network (XX汽車服務網路) of "
     "seeds/004, another firm, not 车佰汇"),
    (SOURCE_SERVICE, "維修廠主管1.快速與安心2.專業3.雙向溝通1.對客戶的第一時間回應要在30分中內回饋",
     "a worksheet row on what repair-shop managers expect, not a promise of the network: the network view tests "
     "the 30 minutes as a target (network_target, an assumption of this data set)"),
    (SOURCE_SERVICE, "顧客會從五個方面評估:具體服務、可靠性、回應速度、確實性以及同理心",
     "servqual has importance, expectation and performance (1–10, the source's chart scale) on these five "
     "dimensions"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "store_revenue_share": (1.0, "share of the source's 10 million yuan turnover (年营业额 1000 万, the whole firm's, "
                                 "wholesale included) that the data gives to the store's services: the source does "
                                 "not split it, and this data has no wholesale business"),
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
    "network_target": (f"{FIRST_RESPONSE_MINUTES} minutes",
                       "the network view asks whether the 1,023-centre network could answer within the 30 minutes of "
                       "seeds/004's worksheet row on repair-shop managers; the source gives that figure as what those "
                       "managers expect, not as the network's promise, and says nothing of the network's staff or demand"),
    "usual_technician": ("when on duty", "each customer has a usual technician and is served by him whenever he is on "
                                          "duty; otherwise by any technician on duty, the more productive likelier"),
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
