"""The supermarket case's tables (扬州A超市): till transactions, card holders, survey.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is
loaded or uploaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.core.schemas import AMOUNT, Column, CUSTOMER_ID, DATE, ITEMS, LANE, TableSchema, TIME, TRANSACTION_ID

TRANSACTIONS = TableSchema("transactions", (TRANSACTION_ID, CUSTOMER_ID, DATE, TIME, LANE, ITEMS, AMOUNT),
                           "Supermarket till: one row per basket.", "超市收银记录：每个购物篮一行。")
CUSTOMERS = TableSchema("customers", (
    replace(CUSTOMER_ID, unique=True),
    Column("card_type", "category", allowed=("member", "ordinary"), aliases=("卡类型", "会员类型", "card"),
           label_zh="卡类型", description_en="Member card or ordinary card.", description_zh="会员卡或普通卡。"),
    Column("join_date", "date", aliases=("入会日期", "办卡日期"), label_zh="入会日期",
           description_en="Day the card was issued.", description_zh="办卡日期。"),
    Column("birthday", "date", nullable=True, aliases=("生日", "出生日期"), label_zh="生日",
           description_en="Birthday (members only; empty for ordinary cards).",
           description_zh="生日（仅会员有；普通卡为空）。"),
    Column("district", "str", aliases=("区域", "所在区", "城区"), label_zh="区域",
           description_en="Home district.", description_zh="居住城区。"),
    Column("gender", "category", allowed=("F", "M"), aliases=("性别", "sex"), label_zh="性别",
           description_en="F or M.", description_zh="F（女）或 M（男）。"),
    Column("age", "int", min=16, max=100, aliases=("年龄",), label_zh="年龄",
           description_en="Age in years (16 to 100).", description_zh="年龄（16 至 100 岁）。"),
), "Card holders, one row per customer.", "持卡客户，每位客户一行。")
COMPLAINT_THEMES = ("messy_shelving", "confusing_price_tags", "oppressive_atmosphere", "slow_checkout",
                    "staff_attitude", "empty_specials_shelf", "none")
SURVEY = TableSchema("survey", (
    Column("respondent_id", "str", unique=True, aliases=("问卷编号", "受访者编号"), label_zh="问卷编号",
           description_en="Survey response identifier.", description_zh="问卷编号。"),
    CUSTOMER_ID,
    Column("few_benefits", "bool", aliases=("优惠少", "福利少"), label_zh="优惠少",
           description_en="Says the card gives few benefits.", description_zh="认为会员卡优惠少。"),
    Column("complaint_theme", "category", allowed=COMPLAINT_THEMES, aliases=("投诉主题", "抱怨主题"),
           label_zh="投诉主题", description_en="Main complaint.", description_zh="主要抱怨。"),
    Column("satisfaction", "int", min=1, max=5, aliases=("满意度",), label_zh="满意度",
           description_en="Satisfaction, 1 (low) to 5 (high).", description_zh="满意度，1（低）到 5（高）。"),
), "Customer survey, one row per respondent.", "顾客问卷，每位受访者一行。")

# Keyed by table name; a case whose table differs may add "<case>/<table>" (load_case tries it first).
SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (TRANSACTIONS, CUSTOMERS, SURVEY)}
