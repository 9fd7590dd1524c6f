"""The logistics case's tables (迅捷物流): outlets, hubs and their days, clients, parcels, delays, complaints, calls.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is loaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.cases.logistics.case import CAUSES, DEPARTMENTS, HUBS, INTERNATIONAL, OTHER_TOPICS, PORT_DETAILS
from crm.core.schemas import Column, Kind, TableSchema

_CONDITIONS = ("normal", "silent", "low_voice", "hands_free", "noisy", "dialect")
_PATHS = ("customer_service", "bound", "answered", "escalated")


def _c(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_HUB = _c("hub", "category", "口岸（分拣中心）。", "Hub (sorting and dispatch centre).", allowed=HUBS)
_PARCEL = _c("parcel_id", "str", "快件编号（运单号）。", "Parcel (waybill) identifier.")
_CLIENT = _c("client_id", "str", "寄件客户编号（B 开头为协议客户，W 为散客）。",
             "Sender (B…: contract client, W…: walk-in).")
_CAUSE = _c("cause", "category", "延误原因（承运人、口岸作业、快件服务中心、清关、收件人、系统、销售承诺）。",
            "Delay cause (carrier, port operations, service centre, customs, recipient, IT system, sales promise).",
            allowed=tuple(CAUSES))
SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (
    TableSchema("logistics/outlets", (
        _c("outlet_id", "str", "营业网点编号。", "Outlet identifier.", unique=True),
        _c("city", "str", "城市（代码：来源未列出城市）。", "City (a code: the source names none)."),
        _c("province", "str", "省份（代码）。", "Province (a code)."),
        _HUB, _c("staff", "int", "员工数。", "Staff.", min=0),
    ), "The outlets, one row each.", "营业网点，每个一行。"),
    TableSchema("logistics/hubs", (
        replace(_HUB, unique=True),
        _c("worn", "bool", "设备成旧（故障较多）。", "Old, worn equipment (breaks down more often)."),
        _c("staff", "int", "口岸员工数。", "Staff at the hub.", min=0),
        _c("capacity", "int", "分拣线每日处理能力（票，全量）。", "Sorting line's capacity a day (parcels, full scale).", min=0),
        _c("provinces", "int", "所辖省份数。", "Provinces the hub serves.", min=0),
    ), "The nine hubs, one row each.", "九个口岸，每个一行。"),
    TableSchema("logistics/hub_days", (
        _HUB, _c("date", "date", "日期。", "Day."),
        _c("volume", "int", "当日进入口岸的快件（票，全量）。", "Parcels the hub had to sort that day (full scale).", min=0),
        _c("capacity", "int", "分拣线每日处理能力（票）。", "The line's capacity a day (parcels).", min=0),
        _c("breakdown", "bool", "当日分拣线故障。", "The line broke down that day."),
    ), "Every hub's every day of 2010.", "每个口岸 2010 年的每一天。"),
    TableSchema("logistics/clients", (
        replace(_CLIENT, unique=True),
        _c("kind", "category", "客户类型：协议客户或散客。", "contract or walk_in.", allowed=("contract", "walk_in")),
        _c("city", "str", "所在城市（代码）。", "City (a code)."), _HUB,
        _c("first_shipment", "date", "样本中第一次寄件日期。", "First shipment in the sample."),
    ), "Senders of the sampled parcels (the source's client table is lost).", "样本快件的寄件客户（来源的客户数据库表缺失）。"),
    TableSchema("logistics/parcels", (
        replace(_PARCEL, unique=True), _CLIENT,
        _c("ship_date", "date", "寄件日期。", "Day shipped.", earliest="2010-01-01", latest="2010-12-31"),
        _c("origin_city", "str", "始发城市（代码）。", "Origin city (a code)."),
        _c("origin_hub", "category", "始发口岸。", "Origin hub.", allowed=HUBS),
        _c("destination", "category", "目的口岸或国家。", "Destination hub or country.", allowed=HUBS + INTERNATIONAL),
        _c("route", "str", "路线：始发口岸-目的地。", "Route: origin hub-destination."),
        _c("service", "category", "同区、跨区或国际。", "same_hub, domestic or international.",
           allowed=("same_hub", "domestic", "international")),
        _c("promised_days", "int", "承诺时限（天）。", "Days promised.", min=1),
        _c("price", "float", "运费（元）。", "Price (yuan).", min=0),
        _c("hub_position", "int", "在始发口岸当日分拣顺序中的位置（万分之几：0 最先，9999 最后）。",
           "Place in the origin hub's sorting order that day, in ten-thousandths (0 first, 9,999 last).", min=0, max=9999),
        _c("late", "bool", "是否延误。", "Delivered after the promise."),
        _c("delay_days", "int", "延误天数。", "Days late.", min=0),
        replace(_CAUSE, name="delay_cause", nullable=True, description_zh="记录的延误原因（快件遇到的第一个延误；未延误为空）。",
                description_en="Recorded delay cause (the first delay the parcel met; empty if on time)."),
        _c("delivered", "date", "送达日期。", "Day delivered."),
    ), "A 1-in-10,000 sample of the parcels of 2010.", "2010 年快件的万分之一样本。"),
    TableSchema("logistics/delays", (
        _c("delay_id", "str", "延误编号。", "Delay identifier.", unique=True), _PARCEL, _CAUSE,
        _c("detail", "str", "具体原因（口岸：line_overload 流水线超负荷，equipment_fault 设备故障）。",
           f"What happened (port operations: {', '.join(PORT_DETAILS)})."),
        _c("days", "int", "延误天数。", "Days it added.", min=1),
    ), "Every delay a sampled parcel met, in the order of its journey.", "样本快件遇到的每一次延误，按运输环节排序。"),
    TableSchema("logistics/complaints", (
        _c("complaint_id", "str", "投诉编号。", "Complaint identifier.", unique=True), _PARCEL, _CLIENT,
        _c("received_at", "date", "受理时间。", "When the complaint line took it."),
        _c("topic", "category", "投诉内容（延误原因或其他）。", "What it is about (a delay cause or another topic).",
           allowed=tuple(CAUSES) + tuple(OTHER_TOPICS)),
        _c("about_delay", "bool", "是否关于延误。", "About a delay."),
        _c("owner", "category", "原因所在的部门。", "The department whose cause it is.", allowed=DEPARTMENTS),
        _c("path", "category", "处理路径：客服自行解决、部门已纳入（bound）、部门答复、升级催办。",
           "customer_service, bound, answered (by a department not bound in) or escalated.", allowed=_PATHS),
        _c("calls", "int", "客户为此打来的电话数（含重复来电）。", "Calls the client made about it (repeats included).", min=1),
        _c("answered_at", "date", "客户得到答复的时间。", "When the client was told the answer."),
    ), "Complaints about the sampled parcels, handled in 2010 by customer service alone.",
        "样本快件的投诉：2010 年只由客服部处理。"),
    TableSchema("logistics/calls", (
        _c("call_id", "str", "通话编号。", "Call identifier.", unique=True),
        _c("started", "date", "来电时间。", "When the call came in."), _PARCEL, _CLIENT,
        _c("kind", "category", "来电类型：查询、预约取件、索赔、投诉、重复投诉。",
           "tracking, booking, claim, complaint or complaint_repeat.",
           allowed=("tracking", "booking", "claim", "complaint", "complaint_repeat")),
        _c("condition", "category", "通话情况（热线规则的情境）：正常、无声、音小、免提、杂音、方言。",
           "Line condition (the hotline rules' situations).", allowed=_CONDITIONS),
        _c("wait_s", "int", "排队等待（秒）。", "Seconds waiting for an agent.", min=0),
        _c("talk_s", "int", "通话时长（秒）。", "Seconds talking.", min=0),
    ), "Hotline calls about the sampled parcels.", "关于样本快件的热线来电。"),
)}
