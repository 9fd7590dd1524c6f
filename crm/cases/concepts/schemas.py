"""The concepts case's table: the customer book of the value-matrix section (generated, seeds/001 gives none)."""
from __future__ import annotations

from crm.core.schemas import Column, TableSchema

SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (
    TableSchema("concepts/customers", (
        Column("customer_id", "str", label_zh="客户编号", description_zh="客户编号。", description_en="Customer identifier.",
               unique=True),
        Column("annual_profit", "float", label_zh="年利润", description_zh="购买行为不变时每年的利润（元，可为负）。",
               description_en="Yearly profit if his buying stays as it is (yuan, may be negative)."),
        Column("annual_uplift", "float", label_zh="年增利", min=0,
               description_zh="采用合适的保持策略后每年可增加的利润（元）。",
               description_en="Extra yearly profit a suitable retention strategy would bring (yuan)."),
        Column("years", "int", label_zh="关系年数", min=1, max=10, description_zh="关系预计还会持续的年数。",
               description_en="Years the relationship is expected to last."),
    ), "The customer book, one row per customer.", "客户账本，每位客户一行。"),
)}
