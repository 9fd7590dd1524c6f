"""中石化河南中原石油 · the Sinopec Henan Zhongyuan fuel-station case (seeds/002): its definition and constants.

What the case is (name, title, source), the sentences quoted from the source, the modelling
assumptions (each named, with why), and the constants the analytics, views, questions and the
generator (:mod:`crm.cases.fuel.data`) share. Nothing here generates or reads data.
"""
from __future__ import annotations
import numpy as np
from crm.cases.fuel import care, managers, rule_vs_model, visit_cycle
from crm.cases.fuel.keep_win import KeepWinConfig
from crm.core.assumptions import config_assumptions
from crm.core.complaints import Flow

NAME = "fuel"
TITLE = "中石化河南中原石油 · Sinopec Henan Zhongyuan fuel stations"
SUMMARY = ("客户开发三步法、加油周期异常、三级维护、“1:15”客户经理与三级投诉 · Three-step acquisition, "
           "visit-cycle anomalies, three-level care, 1:15 customer managers and complaints")
START, END = "2013-07-01", "2014-06-30"  # the year to the source's "截至2014年6月底"
UNIT_GROWTH, INDIVIDUAL_GROWTH = 0.9335, 0.3972  # "单位客户和个人客户同比增长率分别达到93.35%和39.72%"
CARD_SHARE_END, CARD_SHARE_GAIN = 0.3885, 0.1451  # "持卡消费比率38.85%，同比增长14.51%"
DEFAULT_SEED = 2014
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
FILES = {"stations": "stations.csv", "staff": "staff.csv", "customers": "customers.csv.gz",
         "refuels": "refuels.csv.gz", "complaints": "complaints.csv.gz", "callbacks": "callbacks.csv.gz",
         "occasions": "occasions.csv", "churn_truth": "churn_truth.csv.gz", "reported_results": "reported_results.csv"}

# --- numbers from the source (seeds/002) ---------------------------------------------
ANNUAL_CHURN = 0.10  # "客户每年的流失率在10%左右"
ACQUISITION_COST_MULTIPLE = 6.0  # "开发新客户的费用是维护老客户的6倍"
CYCLE_GRACE_DAYS = 3  # "超过固定周期3天不进站加油，马上作为“异常情况”"
CUSTOMERS_PER_EMPLOYEE = 15  # "每人至少维护15位以上客户"

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "实践中发现,开发新客户的费用是维护老客户的6倍,而客户每年的流失率在10%左右",
     "churn_truth: 10 % of the customers on file at the start leave within the year; the keep-vs-win "
     "simulator's defaults are 6× and 10 %"),
    (SOURCE, "当客户第一次来加油,员工在提供热情服务的同时,记住客户的车辆牌照及型号,不冒然询问客户的联系方式;"
             "第二次来加油时,先告知客户自己的工牌号及姓名,在客户允许的情况下询问姓名及单位,并建立客户初级档案;"
             "等到客户第三次来加油时,加深沟通,尝试留下客户联系方式等更详细的个人信息,建立完整的客户信息档案",
     "customers: first, second and third visit dates and file_stage (plate → basic → complete) of every vehicle"),
    (SOURCE, "每位加油员工负责联系的客户超过固定周期3天不进站加油,马上作为“异常情况”引起察觉",
     "refuels: each regular customer refuels on his own cycle; leavers stop (and some first buy less)"),
    (SOURCE, "公司零售部门每季度对VIP客户进行回访,采集客户需求,制定差异化营销方案;片区负责参与维护A类以上的单位客户,"
             "加油站负责参与维护B类以上的个人客户,通过现场沟通、电话、短信、上门走访等方式,遇油价调整、天气变化、重要节日必访",
     "occasions: the year's price changes, weather changes and major holidays; callbacks on them"),
    (SOURCE, "公司尝试在加油站试行客户经理制,即让每一位员工都成为客户经理,每人至少维护15位以上客户",
     "staff: every station's employees; customers.acquired_by (谁开发，谁维护)"),
    (SOURCE, "我们建立了“加油站—片区—公司”三级客户投诉快速反应机制",
     "complaints: an event log whose level is station, district or company"),
    (SOURCE, "确保客户投诉“核实—审查—整改—回访—归档”形成一个完整的工作流程和操作链条,每个环节都有专人负责",
     "complaints: steps verify, review, rectify, callback, archive, each with a named owner (some skip or reorder steps)"),
    (SOURCE, "公司单位客户和个人客户同比增长率分别达到93.35%和39.72%,持卡消费比率38.85%,同比增长14.51%",
     "customers with a file on 2014-06-30 vs 2013-07-01: units +93.35 %, individuals +39.72 %; card share of "
     "litres 38.85 % in June 2014 vs 24.34 % in July 2013; reported_results"),
    (SOURCE, "加油站销量同比增加16.5%,其中汽油同比增量24%,高标号汽油(E97、E98)增量高达118%;单站最高同比增量达到57%;"
             "加油卡充值额同比增加69.65%",
     "reported_results (shown as reported; the data covers one year and cannot check them)"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "districts": (("濮阳城区", "濮阳县", "清丰南乐", "范县台前"), "the four districts (片区) of the network, in Puyang"),
    "stations_per_district": ((10, 9, 8, 9), "stations in each district (36 in all)"),
    "staff_per_station": ((7, 13), "range of employees per station, the station manager included"),
    "customers_on_file": ({"unit": 900, "individual": 6000}, "customers with a file on 2013-07-01"),
    "complete_file_share": (0.7, "share of customers on file at the start whose file is complete"),
    "funnel_return": (0.6, "share of first-time vehicles that come back a second time"),
    "funnel_basic": (0.8, "share of second-visit customers who agree to give name and employer (basic file)"),
    "funnel_complete": (0.75, "share of basic-file customers at a third visit who leave contact details"),
    "unit_vehicles": ({"sedan": 0.3, "van": 0.2, "light_truck": 0.25, "heavy_truck": 0.15, "bus": 0.1},
                      "vehicle models of unit (fleet) cards"),
    "individual_vehicles": ({"sedan": 0.6, "suv": 0.3, "mpv": 0.1}, "vehicle models of individual customers"),
    "litres_median": ({"sedan": 38, "suv": 50, "mpv": 45, "van": 45, "light_truck": 80, "heavy_truck": 190,
                       "bus": 140}, "median litres per refuel by vehicle model"),
    "litres_cv": (0.12, "variation of one customer's litres from fill to fill"),
    "cycle_median_days": ({"unit": 6.0, "individual": 13.0}, "median usual refuelling cycle"),
    "cycle_dispersion": (0.35, "sd of log cycle across customers"),
    "cycle_cv": (0.2, "variation of a customer's gaps around his own cycle"),
    "truck_cycle_factor": (0.6, "heavy trucks and buses refuel this much more often (cycle × 0.6), cycles clipped to 2-40 days"),
    "litres_dispersion": (0.15, "sd of log usual litres across customers of one vehicle model"),
    "away_share": (0.2, "share of fills at another station of the network than the customer's own"),
    "plate_provinces": ({"豫J": 4, "鲁P": 1, "冀D": 1}, "plate prefixes (Puyang, and the Shandong and Hebei side of the border)"),
    "fleet_units": (140, "units (employers) holding the fleet cards"),
    "churn_decline_share": (0.6, "share of leavers who first buy less; customers new this year do not leave in it"),
    "decline_factors": ((0.5, 0.3), "a declining leaver's litres per fill are multiplied by 0.5 and 30 % of his visits dropped"),
    "decline_days": ((20, 50), "how long before his last visit a declining leaver starts buying less"),
    "churn_reasons": ({"competitor_price": 0.3, "moved_route": 0.25, "vehicle_sold": 0.15, "service": 0.15,
                       "unit_contract": 0.15}, "why customers leave (units alone have unit_contract)"),
    "grades": ({"E92": 0.7, "E95": 0.22, "E98": 0.08}, "petrol grades of petrol vehicles; trucks and buses use diesel"),
    "card_holder_share": ({"unit": 0.95, "individual": 0.5},
                          "share of customers with a file (not plate-only) holding a fuel IC card"),
    "complaints_per_10k_refuels": (10, "complaint rate"),
    "complaint_topics": ({"quantity": 0.25, "service": 0.25, "card": 0.2, "quality": 0.1, "invoice": 0.1,
                          "queue": 0.1}, "what customers complain about"),
    "escalation": ((0.22, 0.3), "share of complaints reviewed by the district, then of those by the company"),
    "step_hours_median": ({"verify": 0.8, "review": 6.0, "rectify": 24.0, "callback": 8.0, "archive": 3.0},
                          "median hours from a step to the next one"),
    "step_limits_h": ({"verify": 2.0, "review": 24.0, "rectify": 72.0, "callback": 24.0, "archive": 24.0},
                      "time limit per step (the source says only 第一时间, at once)"),
    "step_hours_sd": (0.8, "sd of log step duration"),
    "deviations": ({"skip_callback": 0.05, "skip_review": 0.03, "archive_before_callback": 0.03,
                    "rectify_again": 0.03}, "share of complaints that deviate from the flow"),
    "callbacks_per_occasion": (2, "customers each employee calls on each must-call occasion"),
    "callback_reached": (0.8, "share of calls that reach the customer"),
    "price_change_share": (0.65, "share of the 10-working-day price windows (every 14 days from 2013-07-05) with a price change"),
    "alive_threshold": (rule_vs_model.DEFAULT_ALIVE_THRESHOLD, "the BG/NBD model calls a regular customer lost below an even chance of being alive "
                             "(the rule-beside-model view's default)"),
    "complaint_hours": ((7, 21), "complaints are received between these hours"),
    "second_cause_share": (0.35, "share of a topic's complaints whose root cause is the topic's second cause"),
    "weather_days": (("2013-07-18", "2013-08-09", "2013-11-17", "2013-12-25", "2014-01-30", "2014-02-06",
                      "2014-05-11", "2014-06-20"), "days of severe weather (heat, fog, snow, storms)"),
}
#: The keep-vs-win model's parameters, read from its class (6× and 10% are the source's, the rest assumptions).
ASSUMPTIONS.update(config_assumptions(KeepWinConfig, "keep_win"))
#: The views' other defaults, from the modules that use them (the source gives none of them).
ASSUMPTIONS.update({
    "card_share_gain_reading": ("percentage points", "the source's 持卡消费比率38.85%,同比增长14.51% could mean points or "
                                                     "growth relative to last year's share; the data reads it as points "
                                                     "(38.85% − 14.51 points = 24.34% a year before)"),
    "care_thresholds": (care.DEFAULT_THRESHOLDS, "least litres a year of each care tier, unit and individual "
                                                 "customers (the source names the tiers, not their lines)"),
    "manager_capacity": (managers.DEFAULT_CAPACITY, "customers one employee can really keep in touch with; customers "
                                                    "beyond that are left uncovered"),
    "cycle_learn_days": (visit_cycle.DEFAULT_LEARN_DAYS, "days of history from which a customer's usual cycle is learnt"),
    "cycle_min_visits": (visit_cycle.DEFAULT_MIN_VISITS, "refuels in the learning window that make a customer regular"),
    "cycle_volume_drop": (visit_cycle.DEFAULT_VOLUME_DROP, "a fill below this share of the usual litres is abnormal"),
    "cycle_horizon_days": (visit_cycle.DEFAULT_HORIZON_DAYS, "a flag is right if it comes at most this many days "
                                                             "before the leaver's last visit"),
})

HOLIDAYS = (("2013-09-19", "mid_autumn"), ("2013-10-01", "national_day"), ("2014-01-01", "new_year"),
            ("2014-01-31", "spring_festival"), ("2014-04-05", "qingming"), ("2014-05-01", "labour_day"),
            ("2014-06-02", "dragon_boat"))  # China's public holidays in the year
STEPS = ("verify", "review", "rectify", "callback", "archive")
LEVELS = ("station", "district", "company")
REPORTED = (("unit_customers", 93.35, "pct"), ("individual_customers", 39.72, "pct"),
            ("card_share_points", 14.51, "points"), ("station_volume", 16.5, "pct"), ("gasoline", 24.0, "pct"),
            ("premium_gasoline", 118.0, "pct"), ("best_station", 57.0, "pct"), ("card_topups", 69.65, "pct"))
#: The three-level fast-response flow (seeds/002); the time limits are assumptions (the source: 第一时间).
COMPLAINT_FLOW = Flow("fast_response", STEPS, LEVELS, limits_h=ASSUMPTIONS["step_limits_h"][0])
PLATE_LETTERS = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ"))


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]
