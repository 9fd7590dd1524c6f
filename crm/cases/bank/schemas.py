"""The bank case's tables, keyed ``bank/<table>``; and the contributions, value-matrix, applications and loans files a student uploads.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is
loaded or uploaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.core.schemas import Column, CUSTOMER_ID, DATE, TableSchema

#: This case's table schemas, keyed ``<case>/<table>`` (``crm.cases.load_case`` tries that key first).
SCHEMAS: dict[str, TableSchema] = {}

# --- bank case (crm/cases/bank/data.py) -------------------------------------------------------------
def _bank_schemas() -> dict[str, TableSchema]:
    from crm.cases.bank.case import APPLIED, EDUCATIONS, HOUSING, LIFE_STAGES, OCCUPATIONS, PRODUCTS

    cid = replace(CUSTOMER_ID, aliases=(), description_en="Client identifier.", description_zh="客户编号。")
    c = Column  # short: the bank tables have many columns
    age = c("age", "int", min=16, max=100, label_zh="年龄", description_en="Age in years.", description_zh="年龄（岁）。")
    occupation = c("occupation", "category", allowed=OCCUPATIONS, label_zh="职业",
                   description_en="Occupation.", description_zh="职业。")
    education = c("education", "category", allowed=EDUCATIONS, label_zh="受教育程度",
                  description_en="Highest education.", description_zh="最高学历。")
    income = c("monthly_income", "float", min=0, label_zh="月收入",
               description_en="Monthly income, yuan.", description_zh="月收入（元）。")
    housing = c("housing", "category", allowed=HOUSING, label_zh="住房",
                description_en="Housing: own, mortgage, rent or family.", description_zh="住房：自有、按揭、租房或与家人同住。")
    defaulted = c("defaulted", "bool", label_zh="是否违约",
                  description_en="Ground truth: defaulted within the next 12 months.",
                  description_zh="真实结果：未来 12 个月内是否违约。")
    clients = TableSchema("bank/clients", (
        replace(cid, unique=True),
        c("gender", "category", allowed=("F", "M"), label_zh="性别", description_en="F or M.", description_zh="F（女）或 M（男）。"),
        age, education, occupation, income,
        c("life_stage", "category", allowed=LIFE_STAGES, label_zh="人生阶段",
          description_en="Life stage by age: starting out, family building, wealth building, pre-retirement, retired.",
          description_zh="按年龄划分的人生阶段：起步、成家、财富积累、退休前、已退休。"),
        housing,
        c("joined_year", "int", min=1950, max=2100, label_zh="开户年份", description_en="Year the client opened an account.",
          description_zh="开户年份。"),
        c("left_year", "int", nullable=True, min=1950, max=2100, label_zh="流失年份",
          description_en="First year the client was gone (empty: still a client).", description_zh="客户流失的年份（空：仍是客户）。"),
        c("delinquencies_2y", "int", min=0, label_zh="近两年逾期次数", description_en="Late payments in the past two years.",
          description_zh="近两年逾期次数。"),
        c("debt_to_income", "float", min=0, label_zh="负债收入比", description_en="Debt repayments / income today.",
          description_zh="当前月还款额 / 月收入。"),
    ), "Retail clients, one row each.", "零售客户，每位一行。")
    holdings = TableSchema("bank/holdings", (
        cid,
        c("product", "category", allowed=PRODUCTS, label_zh="产品", description_en="Product held.", description_zh="持有的产品。"),
        c("opened_year", "int", min=1950, max=2100, label_zh="开立年份", description_en="Year the product was opened.",
          description_zh="开立年份。"),
        c("balance", "float", min=0, label_zh="余额", description_en="Balance or limit, yuan.", description_zh="余额或额度（元）。"),
    ), "Products held, one row per client and product.", "客户持有的产品，每位客户每种产品一行。")
    profits = TableSchema("bank/profits", (
        cid, c("year", "int", min=1950, max=2100, label_zh="年份", description_en="Year.", description_zh="年份。"),
        c("profit", "float", min=0, label_zh="利润贡献", description_en="Profit contribution that year, yuan.",
          description_zh="当年利润贡献（元）。"),
    ), "Yearly profit contribution, one row per client and year as a client.", "年度利润贡献，每位客户每年一行。")
    applications = TableSchema("bank/applications", (
        c("application_id", "str", unique=True, label_zh="申请编号", description_en="Application identifier.",
          description_zh="申请编号。"),
        cid, c("year", "int", min=1950, max=2100, label_zh="申请年份", description_en="Year of application.",
               description_zh="申请年份。"),
        c("product", "category", allowed=APPLIED, label_zh="申请产品", description_en="Credit card, consumer loan or car loan.",
          description_zh="信用卡、消费贷款或车贷。"),
        c("amount", "float", min=0, label_zh="申请额度", description_en="Amount or limit asked, yuan.", description_zh="申请的金额或额度（元）。"),
        age, occupation, education, income, housing,
        c("years_with_bank", "int", min=0, label_zh="在行年限", description_en="Years as a client of the bank.",
          description_zh="成为本行客户的年数。"),
        c("delinquencies_2y", "int", min=0, label_zh="近两年逾期次数", description_en="Late payments in the past two years.",
          description_zh="近两年逾期次数。"),
        c("debt_to_income", "float", min=0, label_zh="负债收入比", description_en="Debt repayments / income.",
          description_zh="月还款额 / 月收入。"),
        c("manual_adjustment", "int", min=-100, max=100, label_zh="人工调整", description_en=(
            "Client manager's manual adjustment of the score, points."), description_zh="客户经理对评分的人工调整（分）。"),
    ), "Credit applications with the applicant's attributes.", "信贷申请及申请人属性。")
    outcomes = TableSchema("bank/application_outcomes", (
        replace(applications.column("application_id")), defaulted,
    ), "Ground truth of each application (as if it had been granted).", "每笔申请的真实结果（假设已放贷）。")
    loans = TableSchema("bank/loans", (
        c("loan_id", "str", unique=True, label_zh="贷款编号", description_en="Loan or card account.", description_zh="贷款或信用卡账户。"),
        cid, c("product", "category", allowed=PRODUCTS, label_zh="产品", description_en="Lending product.", description_zh="信贷产品。"),
        c("credit_limit", "float", min=0, label_zh="额度", description_en="Limit or loan amount, yuan.", description_zh="额度或贷款金额（元）。"),
        c("balance", "float", min=0, label_zh="余额", description_en="Outstanding balance, yuan.", description_zh="未还余额（元）。"),
        c("utilisation", "float", min=0, label_zh="额度使用率", description_en="Balance / limit (may exceed 1).",
          description_zh="余额 / 额度（可能超过 1）。"),
        c("days_past_due", "int", min=0, label_zh="逾期天数", description_en="Days past due today.", description_zh="当前逾期天数。"),
        c("missed_payments_12m", "int", min=0, label_zh="近 12 月漏还次数", description_en="Missed payments in 12 months.",
          description_zh="近 12 个月漏还次数。"),
        c("salary_inflow_change", "float", min=-1, label_zh="工资流入变化", description_en=(
            "Change of monthly salary inflow against last year (-0.5: halved)."),
          description_zh="月工资流入较上年的变化（-0.5 即减半）。"),
        c("credit_inquiries_3m", "int", min=0, label_zh="近 3 月征信查询", description_en="Credit bureau inquiries in 3 months.",
          description_zh="近 3 个月征信查询次数。"),
    ), "Existing borrowers' accounts with risk signals.", "存量借款账户及风险信号。")
    loan_outcomes = TableSchema("bank/loan_outcomes", (replace(loans.column("loan_id")), defaulted),
                                "Ground truth of each existing loan.", "每个存量账户的真实结果。")
    return {s.name: s for s in (clients, holdings, profits, applications, outcomes, loans, loan_outcomes)}


SCHEMAS.update(_bank_schemas())


# --- files a student brings to the views that classify or score customers ------------------------
# (widgets/upload.py reads them; each view says which one it takes.) Kept in one block so that
# the case schemas above stay as they are.
UPLOAD_CONTRIBUTIONS = TableSchema("upload_contributions", (
    CUSTOMER_ID,
    Column("year", "int", required=False, min=1900, max=2199, aliases=("年份", "年度", "fiscal_year"),
           label_zh="年份", description_en="Year of the contribution (optional; else taken from a date column).",
           description_zh="贡献所属年份（可选；否则取自日期列）。"),
    replace(DATE, required=False),
    Column("profit", "float", min=0, aliases=(
        "利润", "利润贡献", "贡献", "贡献值", "客户贡献", "年贡献", "contribution", "value", "价值", "revenue", "收入"),
        label_zh="利润贡献", description_en="The client's profit contribution (rows of a client and year are added up).",
        description_zh="客户的利润贡献（同一客户同一年的多行相加）。"),
), "Client contributions for the customer pyramid; extra columns are kept.", "客户金字塔用的客户贡献；多余的列会保留。")

UPLOAD_VALUE_MATRIX = TableSchema("upload_value_matrix", (
    replace(CUSTOMER_ID, unique=True),
    Column("current_value", "float", min=0, aliases=(
        "当前价值", "当前贡献", "现有价值", "贡献", "利润", "current", "current_contribution", "contribution", "profit"),
        label_zh="当前价值", description_en="The client's current value (e.g. last year's profit contribution).",
        description_zh="客户的当前价值（例如上一年的利润贡献）。"),
    Column("potential", "float", min=0, aliases=(
        "潜在价值", "增长潜力", "潜力", "增值潜力", "growth_potential", "potential_value"),
        label_zh="潜在价值", description_en="The client's growth potential (e.g. yearly profit of products he lacks).",
        description_zh="客户的增长潜力（例如他尚未持有的产品每年可带来的利润）。"),
    Column("credit_score", "float", aliases=("信用评分", "信用分", "资信评分", "评分", "score", "credit"),
           label_zh="信用评分", description_en="The client's credit score (higher = safer).",
           description_zh="客户的信用评分（越高越安全）。"),
), "One row per client for the value matrix; extra columns are kept.", "客户价值矩阵用的客户表，每位客户一行；多余的列会保留。")

UPLOAD_APPLICATIONS = TableSchema("upload_applications", (
    Column("application_id", "str", required=False, unique=True, aliases=("申请编号", "申请号", "app_id"),
           label_zh="申请编号", description_en="Application identifier (optional).", description_zh="申请编号（可选）。"),
), "Credit applications with an outcome column and attributes the student chooses.",
    "信贷申请：结果列和属性列由学生选择。")

UPLOAD_LOANS = TableSchema("upload_loans", (
    Column("loan_id", "str", unique=True, aliases=("贷款编号", "账户编号", "账号", "借据号", "account_id", "loan"),
           label_zh="贷款编号", description_en="Loan or card account.", description_zh="贷款或信用卡账户。"),
    Column("days_past_due", "float", min=0, aliases=("逾期天数", "dpd"), label_zh="逾期天数",
           description_en="Days past due today.", description_zh="当前逾期天数。"),
    Column("utilisation", "float", min=0, aliases=("额度使用率", "使用率", "utilization"), label_zh="额度使用率",
           description_en="Balance / limit (may exceed 1).", description_zh="余额 / 额度（可能超过 1）。"),
    Column("missed_payments_12m", "float", min=0, aliases=("近12月漏还次数", "漏还次数", "missed_payments"),
           label_zh="近 12 月漏还次数", description_en="Missed payments in 12 months.", description_zh="近 12 个月漏还次数。"),
    Column("salary_inflow_change", "float", min=-1, aliases=("工资流入变化", "工资变化", "salary_change"),
           label_zh="工资流入变化", description_en="Change of monthly salary inflow (-0.5: halved).",
           description_zh="月工资流入的变化（-0.5 即减半）。"),
    Column("credit_inquiries_3m", "float", min=0, aliases=("近3月征信查询", "征信查询次数", "inquiries"),
           label_zh="近 3 月征信查询", description_en="Credit bureau inquiries in 3 months.", description_zh="近 3 个月征信查询次数。"),
    Column("defaulted", "bool", aliases=("是否违约", "违约", "default", "bad"), label_zh="是否违约",
           description_en="Defaulted within the next 12 months (yes/no, 1/0).", description_zh="未来 12 个月内是否违约（是/否、1/0）。"),
), "Existing borrowers with the five warning signals and what happened; extra columns are kept.",
    "存量借款人的五个预警信号及其结果；多余的列会保留。")
