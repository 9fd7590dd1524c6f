"""The fuel-station case's tables (中原石油): customers, refuels, stations, care, complaints, results; and the visit and care files a student uploads.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is
loaded or uploaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.core.schemas import AMOUNT, Column, CUSTOMER_ID, DATE, Kind, TableSchema

#: This case's table schemas, keyed ``<case>/<table>`` (``crm.cases.load_case`` tries that key first).
SCHEMAS: dict[str, TableSchema] = {}

# --- fuel-station case (crm/cases/fuel/data.py) ------------------------------------------
def _fuel(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_FUEL_STEPS = ("verify", "review", "rectify", "callback", "archive")
_FUEL_LEVELS = ("station", "district", "company")
_FUEL_MODELS = ("sedan", "suv", "mpv", "van", "light_truck", "heavy_truck", "bus")
_FUEL_STATION = _fuel("station_id", "str", "加油站编号。", "Station identifier.")
_FUEL_CUSTOMER = _fuel("customer_id", "str", "客户编号（一辆车一个）。", "Customer identifier (one per vehicle).")
_FUEL_DISTRICT = _fuel("district", "str", "片区。", "District (片区) of the network.")
SCHEMAS.update({s.name: s for s in (
    TableSchema("fuel/stations", (replace(_FUEL_STATION, unique=True), _FUEL_DISTRICT),
                "Fuel stations, one row each.", "加油站，每站一行。"),
    TableSchema("fuel/staff", (
        _fuel("employee_id", "str", "员工编号。", "Employee identifier.", unique=True),
        replace(_FUEL_STATION, nullable=True, description_zh="所在加油站（公司、片区人员为空）。",
                description_en="Station (empty for company and district staff)."),
        replace(_FUEL_DISTRICT, nullable=True, description_zh="所在片区（公司人员为空）。",
                description_en="District (empty for company staff)."),
        _fuel("role", "category", "岗位：公司客户专职管理员、片区客户经理、站长、加油员。",
              "company_admin, district_manager, station_manager or attendant.",
              allowed=("company_admin", "district_manager", "station_manager", "attendant")),
    ), "Staff, one row per employee.", "员工，每人一行。"),
    TableSchema("fuel/customers", (
        replace(_FUEL_CUSTOMER, unique=True),
        _fuel("kind", "category", "客户类型：单位客户或个人客户。", "unit (fleet card) or individual.",
              allowed=("unit", "individual")),
        _fuel("plate", "str", "车牌号（第一次加油时记住）。", "Licence plate (remembered at the first visit)."),
        _fuel("vehicle_model", "category", "车型。", "Vehicle model.", allowed=_FUEL_MODELS),
        replace(_FUEL_STATION, description_zh="常去的加油站（维护站）。", description_en="Home station (who maintains him)."),
        _FUEL_DISTRICT,
        _fuel("employer", "str", "单位（初级档案起记录；单位客户为其单位）。",
              "Employer (recorded from the basic file on; a unit customer's own unit).", nullable=True),
        _fuel("first_visit", "date", "第一次加油日期。", "Day of the first visit."),
        _fuel("second_visit", "date", "第二次加油日期（期内新客户；否则为空）。",
              "Day of the second visit (new customers of the year; else empty).", nullable=True),
        _fuel("third_visit", "date", "第三次加油日期（期内新客户；否则为空）。",
              "Day of the third visit (new customers of the year; else empty).", nullable=True),
        _fuel("file_stage", "category", "档案阶段：plate 只记车牌车型，basic 初级档案，complete 完整档案。",
              "plate (plate and model only), basic (name and employer) or complete (contact details too).",
              allowed=("plate", "basic", "complete")),
        _fuel("card_holder", "bool", "是否持加油 IC 卡。", "Holds a fuel IC card."),
        _fuel("acquired_by", "str", "开发该客户的员工（谁开发，谁维护；无档案为空）。",
              "Employee who acquired him (who acquires, maintains; empty without a file).", nullable=True),
    ), "Every identified vehicle, one row each.", "识别出的每辆车，每辆一行。"),
    TableSchema("fuel/refuels", (
        _fuel("date", "date", "加油日期。", "Day of the refuel."),
        _FUEL_CUSTOMER, _FUEL_STATION,
        _fuel("litres", "float", "加油量（升）。", "Litres.", min=0),
        _fuel("grade", "category", "油品：E92、E95、E98 乙醇汽油或柴油。", "E92, E95, E98 ethanol petrol or diesel.",
              allowed=("E92", "E95", "E98", "diesel")),
        _fuel("payment", "category", "付款方式：加油卡或现金。", "card (fuel IC card) or cash.", allowed=("card", "cash")),
    ), "Refuelling events, one row each.", "加油记录，每次一行。"),
    TableSchema("fuel/complaints", (
        _fuel("complaint_id", "str", "投诉编号。", "Complaint identifier."),
        _fuel("step", "category", "环节：核实、审查、整改、回访、归档。", "verify, review, rectify, callback or archive.",
              allowed=_FUEL_STEPS),
        _fuel("level", "category", "处理层级：加油站、片区、公司。", "station, district or company.", allowed=_FUEL_LEVELS),
        _fuel("owner", "str", "该环节负责人（员工编号）。", "Employee who owns the step."),
        _fuel("timestamp", "date", "该环节开始时间。", "When the step happened."),
        _FUEL_CUSTOMER, _FUEL_STATION,
        _fuel("topic", "category", "投诉内容。", "What the customer complained about.",
              allowed=("quantity", "service", "card", "quality", "invoice", "queue")),
        _fuel("root_cause", "str", "核实后的根本原因。", "Root cause found by verification."),
    ), "Complaint event log, one row per step event.", "投诉事件日志，每个环节一行。"),
    TableSchema("fuel/callbacks", (
        _fuel("callback_id", "str", "回访编号。", "Call identifier.", unique=True),
        _fuel("date", "date", "回访日期。", "Day of the call."),
        _FUEL_CUSTOMER,
        _fuel("employee_id", "str", "回访员工。", "Employee who called."),
        _fuel("occasion", "category", "回访时机：油价调整、天气变化、节日、异常。",
              "price_change, weather, holiday or anomaly.", allowed=("price_change", "weather", "holiday", "anomaly")),
        _fuel("reached", "bool", "是否联系上客户。", "The call reached the customer."),
        _fuel("cause", "str", "异常回访查明的原因（其他为空）。", "Cause recorded on an anomaly call (else empty).",
              nullable=True),
    ), "Callbacks, one row per call.", "回访记录，每次一行。"),
    TableSchema("fuel/occasions", (
        _fuel("date", "date", "日期。", "Day."),
        _fuel("occasion", "category", "必访时机：油价调整、天气变化、重要节日。", "price_change, weather or holiday.",
              allowed=("price_change", "weather", "holiday")),
        _fuel("name", "str", "节日名称。", "Holiday name.", nullable=True),
    ), "Must-call occasions of the year.", "一年中的必访时机。"),
    TableSchema("fuel/churn_truth", (
        replace(_FUEL_CUSTOMER, unique=True),
        _fuel("on_file_at_start", "bool", "2013-07-01 前已是老客户。", "Already a customer before 2013-07-01."),
        _fuel("left", "bool", "期内真正流失（生成器已知的真实情况）。", "Really left during the year (known to the generator)."),
        _fuel("last_visit", "date", "流失客户的最后一次加油日期。", "A leaver's last refuel.", nullable=True),
        _fuel("reason", "str", "流失原因。", "Why he left.", nullable=True),
    ), "Ground truth of churn, one row per customer.", "流失的真实情况，每位客户一行。"),
    TableSchema("fuel/reported_results", (
        _fuel("metric", "str", "指标。", "Reported indicator.", unique=True),
        _fuel("change", "float", "同比变化。", "Year-on-year change."),
        _fuel("unit", "category", "pct 为百分比增长，points 为百分点。", "pct (per cent growth) or points.",
              allowed=("pct", "points")),
    ), "The results the source reports to June 2014.", "来源报告的截至 2014 年 6 月的成效。"),
)})

UPLOAD_VISITS = TableSchema("upload_visits", (
    CUSTOMER_ID,
    replace(DATE, aliases=(*DATE.aliases, "加油日期", "进站日期", "到店日期", "visit_date", "时间", "visit_time")),
    Column("litres", "float", required=False, min=0, aliases=(
        "升", "升数", "加油量", "油量", "加油升数", "liters", "volume", "fuel_litres"),
        label_zh="加油量", description_en="Litres of the visit (or give amount).", description_zh="本次加油升数（或给出金额）。"),
    replace(AMOUNT, required=False, aliases=(*AMOUNT.aliases, "加油金额"),
            description_en="Amount paid at the visit (used when there are no litres).",
            description_zh="本次付款金额（没有加油量时使用）。"),
), "A visit log: one row per visit (customer, date, litres or amount).", "到访记录：每次到访一行（客户、日期、加油量或金额）。")

UPLOAD_CARE = TableSchema("upload_care", (
    CUSTOMER_ID,
    replace(UPLOAD_VISITS.column("litres"), description_en="Litres (per visit or per year; rows of a customer are added up).",
            description_zh="加油量（每次或全年；同一客户的多行相加）。"),
    replace(AMOUNT, required=False, aliases=(*AMOUNT.aliases, "加油金额"),
            description_en="Amount paid (used when there are no litres).", description_zh="付款金额（没有加油量时使用）。"),
    Column("kind", "str", required=False, aliases=("客户类型", "类型", "客户类别", "customer_type", "type"),
           label_zh="客户类型", description_en="unit (fleet card) or individual; Chinese 单位 / 个人 work too (optional: "
           "without it every customer is an individual).", description_zh="单位或个人（可写 unit / individual；可选：没有此列时都按个人客户）。"),
), "Customers to tier for three-level care; extra columns are kept.", "三级关怀分层用的客户数据；多余的列会保留。")
