"""The credit case's tables (时风集团): clients with their statements, rated facts, invoices."""
from __future__ import annotations

from crm.cases.credit.case import BANDS, ITEMS, SALES_UNITS  # noqa: F401
from crm.core.schemas import Column, Kind, TableSchema


def _c(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_CLIENT = _c("client_id", "str", "客户编号。", "Client identifier.")
_UNIT = _c("sales_unit", "category", "主销单位（代码：来源未列出）。", "Sales unit (a code: the source names none).",
           allowed=SALES_UNITS)


def _yuan(name: str, zh: str, en: str) -> Column:
    return _c(name, "float", f"{zh}（元）。", f"{en} (yuan).", min=0)


SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (
    TableSchema("credit/clients", (
        Column("client_id", "str", label_zh="客户编号", description_zh="客户编号。", description_en="Client identifier.",
               unique=True),
        _UNIT, _c("tier", "category", "重点客户或一般客户（按上年度业务发生额）。", "key or general (by last year's business).",
                  allowed=("key", "general")),
        _yuan("last_year_business", "上年度业务发生额", "Last year's business"),
        _c("file_updated", "date", "信用档案最近更新日期。", "Day the credit file was last updated.",
           earliest="2011-01-01", latest="2012-12-31"),
        _yuan("current_assets", "流动资产", "Current assets"), _yuan("inventory", "存货", "Inventory"),
        _yuan("cash", "现金", "Cash"), _yuan("current_liabilities", "流动负债", "Current liabilities"),
        _yuan("total_liabilities", "负债总额", "Total liabilities"), _yuan("total_assets", "资产总额", "Total assets"),
        _yuan("sales", "销售收入", "Sales"), _yuan("cost_of_sales", "销售成本", "Cost of sales"),
        _c("net_profit", "float", "净利润（元，可为负）。", "Net profit (yuan, may be negative)."),
        _c("lawsuit", "bool", "已立案起诉或未结案。", "A lawsuit filed or open."),
        _c("non_credit_arrears_months", "int", "非信用销售拖欠货款的月数（0：无）。",
           "Months owed on a non-credit sale (0: none).", min=0),
    ), "Clients with their financial statements, one row each.", "客户及其财务报表，每个一行。"),
    TableSchema("credit/facts", (
        _CLIENT, _c("item", "category", "特征项目（18 项之一）。", "Characteristic item (one of the 18).", allowed=ITEMS),
        _c("aspect", "int", "项目中的方面（1–4，来源未列出内容）。", "Aspect within the item (1–4; the source does not list them).",
           min=1, max=4),
        _c("points", "int", "该项信息的分值（0–5，假设）。", "Points of the fact (0–5, an assumption).", min=0, max=5),
    ), "The 72 rated facts of each client.", "每个客户的 72 项信息及其分值。"),
    TableSchema("credit/invoices", (
        _c("invoice_id", "str", "发票（应收账款）编号。", "Invoice (receivable) identifier.", unique=True),
        _CLIENT, _UNIT, _c("amount", "float", "金额（元）。", "Amount (yuan).", min=0),
        _c("ship_date", "date", "发货日期。", "Day shipped.", earliest="2012-01-01", latest="2012-12-31"),
        _c("due_date", "date", "到期日（信用期限一个月）。", "Due day (a month's credit term).",
           earliest="2012-01-01", latest="2013-12-31"),
        _c("extension_days", "int", "经批准的不可抗力延期天数。", "Approved force-majeure extension (days).", min=0),
        _c("paid_date", "date", "回款日期（空：截至 2012-12-31 未付）。", "Day paid (empty: open on 2012-12-31).",
           nullable=True, earliest="2012-01-01", latest="2012-12-31"),
    ), "The year's credit sales, one row per invoice.", "全年的信用销售，每张发票一行。"),
)}
