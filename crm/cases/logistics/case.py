"""迅捷物流速运 · the logistics case (seeds/003): its definition, the source's figures and quotes, constants.

What the case is (name, title, source), the sentences quoted from the source, the figures it gives
(size of the firm), the modelling assumptions (each named, with why), and the constants the
analytics, views, questions and the generator (:mod:`crm.cases.logistics.data`) share. Nothing here
generates or reads data.

The scrape lost the source's figure 1.1 (how work passes between the departments), its client
database table and figure 4.1 (the shares of delay causes): the department flow, every share,
count and client here is an assumption; only the *order* of the two largest delay causes (carrier,
then port operations) is the source's.
"""
from __future__ import annotations

from crm.cases.logistics.ownership import OwnershipConfig
from crm.core.assumptions import config_assumptions

NAME = "logistics"
TITLE = "迅捷物流速运有限公司 · Xunjie Express logistics"
SUMMARY = ("客户关系是谁的事、快件为何延误、客服热线用语 · Whose problem is CRM, why parcels are late, "
           "the hotline's say / never-say rules")
DEFAULT_SEED = 2010
SOURCE = "seeds/003_b6c7d5ab1d2bda91.txt"
YEAR = 2010
FILES = {"outlets": "outlets.csv", "hubs": "hubs.csv", "hub_days": "hub_days.csv", "clients": "clients.csv.gz",
         "parcels": "parcels.csv.gz", "delays": "delays.csv.gz", "complaints": "complaints.csv.gz",
         "calls": "calls.csv.gz"}

# --- figures from the source (seeds/003, 1.1 公司简介) -------------------------------------------
OUTLETS = 2_200  # "目前已建有2200多个营业网点"
PROVINCES = 32  # "覆盖了中国大陆32个省、自治区和直辖市"
CITIES = 250  # "近250个大中城市"
STAFF = 72_000  # "公司现有员工72000多人"
PEAK_DAY_PARCELS = 2_600_000  # "2010年,速运日业务量最高峰达到260万票"
YEAR_PARCELS = 600_000_000  # "全年速运业务总量达6亿余票"
REVENUE_YUAN = 7_500_000_000  # "年营业额达75亿元"
INTERNATIONAL = ("singapore", "korea", "malaysia")  # "目前已开通新加坡、韩国及马来西亚业务"

#: The five departments close to CRM (seeds/003, in the source's order), and who does what with a complaint.
DEPARTMENTS: tuple[str, ...] = ("sales", "port_operations", "service_centre", "customer_service", "it")
#: The delay causes, the department each belongs to (None: outside the company, 非公司所能控制).
CAUSES: dict[str, str | None] = {"carrier": None, "port_operations": "port_operations",
                                 "service_centre": "service_centre", "customs": "port_operations",
                                 "recipient": "customer_service", "it_system": "it", "sales_promise": "sales"}
#: Complaints that are not about a delay, and the department each belongs to.
OTHER_TOPICS: dict[str, str] = {"damage": "port_operations", "lost": "port_operations",
                                "courier_attitude": "service_centre", "billing": "sales"}
#: The stage of the parcel's journey where each delay cause strikes (a parcel's first delay is its recorded cause).
CAUSE_STAGE = {"sales_promise": 0, "service_centre": 1, "port_operations": 2, "it_system": 2, "carrier": 3,
               "customs": 4, "recipient": 5}
PORT_DETAILS = ("line_overload", "equipment_fault")  # "操作流水线的严重超负荷运转和现有设备的成旧和故障"
HUBS: tuple[str, ...] = ("qinhuangdao", "beijing", "shenyang", "shanghai", "wuhan", "guangzhou", "shenzhen",
                         "chengdu", "xian")

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "目前已建有2200多个营业网点,覆盖了中国大陆32个省、自治区和直辖市,近250个大中城市及1300多个县级市或城镇",
     "outlets: 2,200 outlets in 32 provinces (codes: the source names none) and 250 cities"),
    (SOURCE, "公司现有员工72000多人", "outlets.staff adds up to 72,000 (every employee counted at the outlet or hub "
                                 "he reports to)"),
    (SOURCE, "2010年,速运日业务量最高峰达到260万票。全年速运业务总量达6亿余票,年营业额达75亿元",
     "parcels: a 1-in-10,000 sample of 2010; scaled up it gives 600 million parcels, a peak day of 2.6 million "
     "and 7.5 billion yuan; hub_days carries the full-scale daily volume"),
    (SOURCE, "目前已开通新加坡、韩国及马来西亚业务", "parcels.destination: a few international parcels to these three"),
    (SOURCE, "口岸作业部是指从事快件具体运输的服务机构,确保快件和货物正常到达和出运",
     "hubs and hub_days: port operations sorts and dispatches each day's parcels at nine hubs"),
    (SOURCE, "客户服务部是指公司中为客户提供有关公司产品和服务咨询等相关服务的部门。它的主要职责包括:预约取件、处理不正常查询、"
             "转运时间分析和处理索赔等等", "calls: bookings, tracking enquiries, complaints and claims reach customer "
                                 "service"),
    (SOURCE, "但目前公司高层管理者仅把它作为客户服务部的事情",
     "complaints: in 2010 customer service owns every complaint and has to ask the causing department for an answer"),
    (SOURCE, "尽管客户服务部的人员努力提供优质服务,但碰到实际问题时,他们根本没有能力也无法来协调与其他部门的关系,也解决不了这些实际问题",
     "complaints: a department not bound in answers customer service late or not at all; the client calls again"),
    (SOURCE, "由于目前场地的限制、操作流水线的严重超负荷运转和现有设备的成旧和故障,已远远超出当初设计时的极限从而大大制约了快件的准时出运和分拣速度",
     "hub_days: a hub's line sorts up to its capacity a day (less on a breakdown day at a hub with worn "
     "equipment); parcels beyond it wait (delays.detail line_overload or equipment_fault)"),
    (SOURCE, "眼下口岸作业部由于硬件设施开发的缺乏这一因素导致快件滞留而形成的延误已越来越严重,仅次于非公司所能控制的承运人原因而占有挺大的比例",
     "parcels.delay_cause: carrier first, port operations second (figure 4.1 with the shares is lost: the shares "
     "are assumptions)"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "sample_rate": (10_000, "the data holds 1 parcel in 10,000 of 2010 (a random sample; 600 million parcels are "
                            "more than a notebook can hold); calls and complaints are those of the sampled parcels"),
    "cities_per_province": ("250 cities spread over the 32 provinces in proportion to their outlets",
                            "the source names no province or city: they are codes P01–P32 and C001–C250"),
    "outlets_per_city": ((1, 40), "range of outlets per city (more in large cities)"),
    "hub_share": ((0.06, 0.16, 0.08, 0.2, 0.1, 0.14, 0.12, 0.08, 0.06),
                  "share of the year's parcels dispatched by each hub (Qinhuangdao is the head office, 总部设在秦皇岛)"),
    "seasonality": ({"2010-02-14": 0.45, "2010-06-01": 1.0, "2010-11-11": 1.35, "2010-12-20": 1.55},
                    "daily volume relative to an ordinary day: Spring Festival low, end-of-year peak; weekends 0.8"),
    "hub_capacity": ((1.4, 1.22, 1.4, 1.17, 1.3, 1.2, 1.25, 1.4, 1.45),
                     "each hub's daily sorting capacity as a multiple of its mean daily volume: several lines "
                     "already run beyond their design on busy days (严重超负荷运转)"),
    "worn_hubs": (("beijing", "shanghai", "guangzhou", "wuhan"), "hubs whose equipment is old (成旧)"),
    "breakdown_rate": ({"worn": 0.05, "new": 0.01}, "share of days a hub's line breaks down"),
    "breakdown_loss": (0.3, "share of a day's capacity lost on a breakdown day"),
    "client_mix": ({"contract": 0.45, "walk_in": 0.55}, "share of parcels sent by contract (business) clients and "
                                                         "by walk-in senders; the source's client table is lost"),
    "contract_clients": (1_500, "contract clients seen in the sample (each ships thousands of parcels a year)"),
    "service_mix": ({"same_hub": 0.3, "domestic": 0.695, "international": 0.005},
                    "parcels within one hub's area, between hubs, abroad"),
    "promised_days": ({"same_hub": 1, "domestic": 2, "international": 4}, "days promised to the client"),
    "far_extra_day": (("chengdu", "xian", "shenyang"), "hubs whose parcels to or from other hubs get one more day"),
    "mean_price_yuan": (12.5, "mean price of a parcel: 7.5 billion yuan / 600 million parcels (from the source)"),
    "delay_rates": ({"sales_promise": 0.002, "service_centre": 0.008, "it_system": 0.002, "carrier": 0.04,
                     "customs": 0.08, "recipient": 0.006},
                    "chance a stage delays a parcel (customs: of international parcels only); carrier doubled in "
                    "January and July (snow, storms); port operations come from the hubs' lines, not a rate"),
    "delay_days": ((1, 3), "range of days one delay adds"),
    "complaint_rate": ({"late": 0.12, "on_time": 0.0015, "extra_per_day": 0.06},
                       "chance a late parcel's sender complains (+6 points per extra day late) and that an on-time "
                       "parcel brings a complaint of another topic"),
    "other_topics": ({"damage": 0.35, "lost": 0.15, "courier_attitude": 0.3, "billing": 0.2},
                     "what the complaints not about delay are about"),
    "calls_per_parcel": ({"tracking": 0.04, "booking": 0.02, "claim": 0.002},
                         "hotline calls per parcel besides complaints (预约取件, 不正常查询, 索赔)"),
    "line_conditions": ({"normal": 0.9, "silent": 0.02, "low_voice": 0.03, "hands_free": 0.02, "noisy": 0.015,
                         "dialect": 0.015}, "the situations of the source's hotline rules among calls"),
    "hub_staff_share": (0.25, "share of the 72,000 staff working at the nine hubs (the rest at the outlets)"),
    "base_price_yuan": ({"same_hub": 8.0, "domestic": 14.0, "international": 70.0},
                        "relative price by service (varied ±30 % per parcel), scaled to the source's revenue"),
    "carrier_owner": ("port_operations", "who answers for a carrier's delay inside the firm: port operations "
                                         "coordinates the transport network (运输网络的协调控制)"),
    "talk_seconds": ({"tracking": 120, "booking": 150, "claim": 300, "complaint": 420, "complaint_repeat": 240},
                     "mean talk time of a call by kind (a silent call: 20 s, the source's three 5-second pauses)"),
}
#: The complaint-handling model's parameters, read from its class field by field (none is the source's; the
#: generator and the view measure ``complaints_per_day`` and ``owner_mix`` on the complaints instead).
ASSUMPTIONS.update(config_assumptions(OwnershipConfig, "handling"))


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]
