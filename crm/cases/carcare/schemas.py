"""The car-care case's tables (车佰汇): customers, channels, complaints, chain, SERVQUAL, network.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is
loaded or uploaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.core.schemas import Column, Kind, TableSchema

#: This case's table schemas, keyed ``<case>/<table>`` (``crm.cases.load_case`` tries that key first).
SCHEMAS: dict[str, TableSchema] = {}

# --- car-care case (车佰汇, crm/cases/carcare/data.py) -----------------------------------
def _cc(name: str, kind: Kind, zh: str, en: str, **kw: object) -> Column:
    return Column(name, kind, label_zh=zh.split("（")[0].rstrip("。"), description_zh=zh, description_en=en, **kw)


_CC_CUSTOMER = _cc("customer_id", "str", "客户编号（一位客户一辆车）。", "Customer identifier (one car per customer).")
_CC_CHANNEL = _cc("channel", "str", "获客渠道：tv 电视、radio 电台、magazine 汽车杂志、newspaper 地方报纸、"
                  "billboard 路牌、car_show 车展（汽贸公司、4S 店）。",
                  "Acquisition channel: tv, radio, magazine (car magazines), newspaper (local papers), "
                  "billboard, car_show (shows with dealers and 4S stores).")
SCHEMAS.update({s.name: s for s in (
    TableSchema("carcare/customers", (
        replace(_CC_CUSTOMER, unique=True), _CC_CHANNEL,
        _cc("acquired", "date", "成为客户的日期。", "Day the customer was won."),
        _cc("car_class", "str", "车型档次：economy 经济型、midsize 中级、luxury 豪华。",
            "Car class: economy, midsize or luxury."),
    ), "Customers on file, one row per customer (and car).", "客户档案，每位客户（一辆车）一行。"),
    TableSchema("carcare/visits", (
        _cc("visit_id", "str", "服务单号。", "Service visit identifier.", unique=True),
        _cc("date", "date", "服务日期。", "Day of the visit."),
        _CC_CUSTOMER,
        _cc("service", "str", "服务项目：wash_wax 洗车打蜡、interior_clean 内饰清洗、polish_seal 抛光封釉、coating 镀膜、"
            "window_film 贴膜、accessories 装饰用品加装。",
            "Service: wash_wax, interior_clean, polish_seal, coating, window_film, accessories."),
        _cc("price", "float", "收费（元）。", "Price paid (yuan).", min=0),
        _cc("employee_id", "str", "施工技师编号。", "Technician who did the work."),
        _cc("rating", "int", "客户对本次服务的评分（1–10）。", "Customer's rating of the visit (1–10).", min=1, max=10),
    ), "Service visits of the data year, one row per visit.", "数据年度的服务记录，每次服务一行。"),
    TableSchema("carcare/channel_spend", (
        _cc("month", "date", "月份（当月第一天）。", "Month (its first day)."),
        _CC_CHANNEL,
        _cc("spend", "float", "当月投放费用（元）。", "Spend in the month (yuan).", min=0),
        _cc("reach", "int", "触达人数。", "People reached.", min=0),
        _cc("leads", "int", "咨询线索数。", "Enquiries (leads).", min=0),
        _cc("customers", "int", "成交的新客户数。", "New customers won.", min=0),
    ), "Marketing by channel and month.", "按渠道、按月的营销投放与效果。"),
    TableSchema("carcare/service_failures", (
        _cc("failure_id", "str", "服务失误编号。", "Service failure identifier.", unique=True),
        _cc("visit_id", "str", "发生失误的服务单号。", "Visit where the failure happened."),
        _CC_CUSTOMER,
        _cc("date", "date", "服务日期。", "Day of the visit."),
        _cc("topic", "str", "问题类型：paint_damage 漆面损伤、film_bubbles 膜起泡、dirty_interior 内饰不洁、"
            "late_delivery 交车延误、overcharge 多收费、rude_staff 态度差。",
            "Problem: paint_damage, film_bubbles, dirty_interior, late_delivery, overcharge, rude_staff."),
        _cc("reported_to", "category", "客户向谁投诉：management 高层、front_line 一线、none 未投诉（真实情况，公司看不到）。",
            "Whom the customer told: management, front_line or none (ground truth the firm does not see).",
            allowed=("management", "front_line", "none")),
    ), "Ground truth: every service failure of the year.", "真实情况：全年每一次服务失误。"),
    TableSchema("carcare/complaints", (
        _cc("complaint_id", "str", "投诉编号。", "Complaint identifier.", unique=True),
        _cc("failure_id", "str", "对应的服务失误。", "The service failure complained about."),
        _cc("visit_id", "str", "对应的服务单号。", "The visit complained about."),
        _CC_CUSTOMER,
        _cc("received", "date", "收到投诉的时间。", "When the complaint was received (date and time)."),
        _cc("received_by", "category", "接到投诉的层级：front_line 一线、management 高层。",
            "Who received it: front_line or management.", allowed=("front_line", "management")),
        _cc("topic", "str", "问题类型（同服务失误表）。", "Problem (as in service_failures)."),
        _cc("response_hours", "float", "从收到投诉到首次实质答复的小时数。", "Hours from receipt to the first real response.",
            min=0),
        _cc("outcome", "category", "结果：stayed 留下、left 流失、open 年底尚未结案。",
            "Outcome: stayed, left, or open at the year's end.", allowed=("stayed", "left", "open")),
    ), "Complaints, one row per complaint.", "客户投诉，每件一行。"),
    TableSchema("carcare/complaint_log", (
        _cc("complaint_id", "str", "投诉编号。", "Complaint identifier."),
        _cc("step", "str", "处理步骤：understand 了解问题、calm_promise 安抚并承诺、respond 快速响应、record 记录意见、"
            "keep_promise 兑现承诺、repair 补救关系、review 管理复盘。",
            "Handling step: understand, calm_promise, respond, record, keep_promise, repair, review."),
        _cc("level", "str", "处理层级：front_desk 前台、service_manager 服务经理、general_manager 总经理。",
            "Level: front_desk, service_manager, general_manager."),
        _cc("owner", "str", "负责员工编号。", "Employee who handled the step."),
        _cc("timestamp", "date", "该步骤发生的时间。", "When the step happened (date and time)."),
    ), "Complaint handling event log, one row per step.", "投诉处理事件日志，每个步骤一行。"),
    TableSchema("carcare/employees", (
        _cc("employee_id", "str", "员工编号。", "Employee identifier.", unique=True),
        _cc("role", "str", "岗位：technician 技师、advisor 前台顾问、manager 经理。",
            "Role: technician, advisor (front desk) or manager."),
        _cc("team", "int", "班组。", "Work team.", min=1),
        _cc("hired", "date", "入职日期。", "Day hired."),
        _cc("left_on", "date", "离职日期（在职为空）。", "Day left (empty if still employed).", nullable=True),
        _cc("internal_service_quality", "float", "员工评价的内部服务质量（1–10）。",
            "Internal service quality as the employee rates it (1–10).", min=1, max=10),
        _cc("satisfaction", "float", "员工满意度（1–10）。", "Employee satisfaction (1–10).", min=1, max=10),
        _cc("left", "bool", "本年内离职。", "Left during the year."),
        _cc("tenure_years", "float", "司龄（年，到离职或年底）。", "Tenure in years (to leaving or the year's end).", min=0),
    ), "Staff records, one row per employee.", "员工档案，每位员工一行。"),
    TableSchema("carcare/servqual", (
        _cc("respondent_id", "str", "问卷编号。", "Respondent identifier."),
        _CC_CUSTOMER,
        _cc("dimension", "category", "SERVQUAL 维度：tangibles 有形性、reliability 可靠性、responsiveness 响应性、"
            "assurance 保证性、empathy 移情性。",
            "SERVQUAL dimension: tangibles, reliability, responsiveness, assurance, empathy.",
            allowed=("tangibles", "reliability", "responsiveness", "assurance", "empathy")),
        _cc("importance", "int", "重要性（1–10）。", "Importance (1–10).", min=1, max=10),
        _cc("expectation", "int", "期望（1–10）。", "Expectation (1–10).", min=1, max=10),
        _cc("performance", "int", "感知表现（1–10）。", "Perceived performance (1–10).", min=1, max=10),
    ), "SERVQUAL survey, one row per respondent and dimension.", "SERVQUAL 问卷，每位受访者每个维度一行。"),
    TableSchema("carcare/outcomes", (
        replace(_CC_CUSTOMER, unique=True),
        _cc("returned_next_year", "bool", "次年是否再来（真实情况）。", "Came back the next year (ground truth)."),
        _cc("lost_reason", "str", "流失类型（再来的客户为空）：gave_up 主动放弃、left_own_accord 主动离开、poached 被挖走、"
            "attracted_away 被吸引、forced 被迫离开、other 其他。",
            "Kind of loss (empty if the customer came back): gave_up, left_own_accord, poached, attracted_away, "
            "forced, other.", required=True, nullable=True),
    ), "Ground truth: whether each customer of the data year came back.", "真实情况：数据年度的每位客户次年是否再来。"),
    TableSchema("carcare/centres", (
        _cc("centre_id", "str", "服务中心编号。", "Service centre identifier.", unique=True),
        _cc("region", "str", "大区。", "Region."),
        _cc("members", "int", "会员车主数。", "Member car owners.", min=0),
        _cc("peak_requests_per_hour", "float", "高峰小时的服务请求数。", "Service requests in the peak hour.", min=0),
        _cc("staff", "int", "高峰时在岗人数。", "Staff on duty in the peak hour.", min=1),
    ), "The unnamed service network of seeds/004 (another firm, not 车佰汇), one row per centre.",
       "seeds/004 中另一家企业（不是车佰汇）的服务网络，每个服务中心一行。"),
)})
