"""The futures case's tables (天富期货), keyed ``futures/<table>``; and the client indicators a student uploads.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is
loaded or uploaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.core.schemas import Column, CUSTOMER_ID, TableSchema

#: This case's table schemas, keyed ``<case>/<table>`` (``crm.cases.load_case`` tries that key first).
SCHEMAS: dict[str, TableSchema] = {}

# --- futures case (天富期货, seeds/000): one block, keyed "futures/<table>" --------------
_F_CLIENT = replace(CUSTOMER_ID, name="client_id", aliases=("客户编号", "客户号", "资金账号", "client"),
                    description_en="Client record identifier.", description_zh="客户档案编号。")
_F_BRANCH = Column("branch", "str", aliases=("营业部",), label_zh="营业部",
                   description_en="Sales branch (code; label in widgets.i18n branch.<code>).",
                   description_zh="营业部（代码；显示名见 widgets.i18n 的 branch.<代码>）。")
_F_DEPARTMENTS = ("research", "technology", "settlement", "risk")
_F_CAUSES = ("software_freeze", "late_margin_call", "statement_error", "fee_dispute", "broker_promise",
             "slow_withdrawal", "data_feed_delay", "account_paperwork")
_F_ITEMS = (("response_speed", "问题响应速度", "Speed of answers to problems"),
            ("trading_system", "交易系统", "Trading system"),
            ("staff_service", "客服人员服务", "Service of the staff"),
            ("settlement", "结算与账单", "Settlement and statements"),
            ("research", "研究报告与行情指导", "Research reports and market guidance"),
            ("fees", "手续费", "Fees"))
SCHEMAS.update({s.name: s for s in (
    TableSchema("futures/clients", (
        replace(_F_CLIENT, unique=True), _F_BRANCH,
        Column("broker_id", "str", aliases=("经纪人",), label_zh="经纪人",
               description_en="Broker (经纪人) looking after the client: branch prefix and number.",
               description_zh="负责该客户的经纪人：营业部前缀加编号。"),
        Column("investor_type", "category", allowed=("individual", "institution"), label_zh="投资者类型",
               description_en="Individual or institutional investor.", description_zh="个人或机构投资者。"),
        Column("birthday", "date", label_zh="生日", description_en="Birthday (for birthday reminders).",
               description_zh="生日（用于生日提醒）。"),
        Column("first_contact", "date", label_zh="首次接触",
               description_en="Day the firm first recorded the client (a lead or an enquiry).",
               description_zh="公司第一次记录该客户的日期（线索或咨询）。"),
        Column("account_opened", "date", nullable=True, label_zh="开户日期",
               description_en="Day the account was opened; empty if the client has no account.",
               description_zh="开户日期；未开户为空。"),
        Column("account_closed", "date", nullable=True, label_zh="销户日期",
               description_en="Day the account was closed; empty if open or never opened.",
               description_zh="销户日期；未销户或未开户为空。"),
        Column("other_firm", "bool", label_zh="在他司交易",
               description_en="Known to trade through another futures firm (no account here).",
               description_zh="已知在其他期货公司交易（在本公司无账户）。"),
        Column("role_recorded", "category", allowed=("existing", "potential", "lost", "non_company"),
               label_zh="档案角色",
               description_en="Role in today's file: existing if the account is open, lost if closed, potential "
                              "if none; nobody is marked non-company. The source does not say how the firm records "
                              "roles today: this rule is an assumption of this data set (role_recorded_rule).",
               description_zh="现在档案中的角色：账户未销户为现有，已销户为流失，无账户为潜在；无人标为非公司客户。"
                              "来源没有说公司今天怎样记录角色：这条规则是本数据集的假设（role_recorded_rule）。"),
        Column("core_flag", "bool", label_zh="核心客户标记",
               description_en="Marked core client today: funds at the end of 2013 of at least 500,000 yuan. The "
                              "source calls the screen too crude without saying what it is: this rule is an "
                              "assumption of this data set (core_flag_equity).",
               description_zh="现在的核心客户标记：2013 年底权益不低于 50 万元。来源只说筛选标准“过于粗糙”，没有说标准是什么："
                              "这条规则是本数据集的假设（core_flag_equity）。"),
    ), "The CRM client file: accounts and contacts, one row per client.", "CRM 客户档案：开户客户与联系人，每位客户一行。"),
    TableSchema("futures/accounts", (
        _F_CLIENT,
        Column("month", "date", label_zh="月份", description_en="Month (its first day).", description_zh="月份（当月第一天）。"),
        Column("equity", "float", min=0, label_zh="客户权益", description_en="Funds (client equity) at the month's end, yuan.",
               description_zh="月末客户权益（资金量），元。"),
        Column("trades", "int", min=0, label_zh="交易次数", description_en="Number of trades in the month.",
               description_zh="当月交易次数。"),
        Column("lots", "int", min=0, label_zh="成交手数", description_en="Lots traded in the month.",
               description_zh="当月成交手数。"),
        Column("commission", "float", min=0, label_zh="手续费收入",
               description_en="Commission the firm earned from the client in the month, yuan.",
               description_zh="公司当月从该客户获得的手续费收入，元。"),
    ), "Monthly account data, 2012-2013: one row per account and month while the account is open.",
        "2012–2013 年账户月度数据：账户存续期间每户每月一行。"),
    TableSchema("futures/truth", (
        replace(_F_CLIENT, unique=True),
        Column("status", "category", allowed=("active", "left", "prospect", "other_firm"), label_zh="真实状态",
               description_en="What the generator knows at the end of 2013: active, left (stopped trading), "
                              "prospect (no account yet), other_firm (trades elsewhere).",
               description_zh="生成器所知的 2013 年底真实状态：活跃、已流失（停止交易）、潜在（尚未开户）、他司客户。"),
        Column("left_month", "date", nullable=True, label_zh="流失月份",
               description_en="Month the client stopped trading (left only).", description_zh="停止交易的月份（仅流失客户）。"),
    ), "Ground truth for evaluating role rules (not visible to the firm).", "用于评价角色规则的真实状态（公司看不到）。"),
    TableSchema("futures/requests", (
        Column("request_id", "str", unique=True, label_zh="请求编号", description_en="Request identifier.",
               description_zh="请求编号。"),
        _F_CLIENT, _F_BRANCH,
        Column("raised_at", "date", label_zh="提出时间", description_en="When the branch raised the request.",
               description_zh="营业部提出请求的时间。"),
        Column("topic", "str", label_zh="主题", description_en="Topic of the request.", description_zh="请求主题。"),
        Column("department", "category", allowed=_F_DEPARTMENTS, label_zh="后台部门",
               description_en="Back-office department that solved it (research, technology, settlement, risk).",
               description_zh="解决该请求的后台部门（研发、技术、结算、交易风控）。"),
        Column("problem_id", "str", label_zh="问题编号",
               description_en="The underlying problem: requests with the same id are the same problem.",
               description_zh="请求背后的问题：编号相同即同一个问题。"),
        Column("resolved_at", "date", label_zh="解决时间", description_en="When the department solved it.",
               description_zh="后台部门解决的时间。"),
        Column("staff_hours", "float", min=0, label_zh="处理工时",
               description_en="Staff hours the department spent on it.", description_zh="后台部门投入的工时。"),
    ), "2013 requests taken by branches straight to the back office.", "2013 年营业部直接交给后台部门的请求。"),
    TableSchema("futures/complaints", (
        Column("complaint_id", "str", label_zh="投诉编号", description_en="Complaint identifier.", description_zh="投诉编号。"),
        Column("step", "category", allowed=("received", "reply_promised", "resolved", "confirmed", "filed",
                                            "analysed"), label_zh="步骤",
               description_en="Step of the handling: received, reply_promised (not when solved on the spot), "
                              "resolved, confirmed, filed, analysed (root cause).",
               description_zh="处理步骤：受理、承诺答复时限（现场解决时无此步）、解决、回访确认、归档、原因分析。"),
        Column("level", "category", allowed=("branch", "customer_service", "compliance"), label_zh="处理层级",
               description_en="Who handles it at this step: branch, customer service or compliance.",
               description_zh="该步骤的处理层级：营业部、客服部或合规部。"),
        Column("owner", "str", label_zh="处理人", description_en="Staff member handling the step.",
               description_zh="处理该步骤的员工。"),
        Column("timestamp", "date", label_zh="时间", description_en="When the step happened.", description_zh="步骤发生的时间。"),
        _F_CLIENT, _F_BRANCH,
        Column("root_cause", "category", allowed=_F_CAUSES, label_zh="根本原因",
               description_en="Root cause (known to the generator; the firm learns it by analysis).",
               description_zh="根本原因（生成器已知；公司需通过分析得知）。"),
    ), "Complaint event log, 2013: one row per step.", "2013 年投诉事件日志：每个步骤一行。"),
    TableSchema("futures/callbacks", (
        Column("callback_id", "str", unique=True, label_zh="回访编号", description_en="Callback identifier.",
               description_zh="回访编号。"),
        _F_CLIENT,
        Column("date", "date", label_zh="日期", description_en="Day of the call.", description_zh="回访日期。"),
        Column("reason", "category", allowed=("new_account", "potential", "funds_change"), label_zh="回访原因",
               description_en="Why the client was called: new account, potential client, change of funds.",
               description_zh="回访原因：新开户、潜在客户、资金变动。"),
        Column("staff_id", "str", label_zh="客服人员", description_en="Customer-service staff member.",
               description_zh="客服人员。"),
        Column("reached", "bool", label_zh="已接通", description_en="The client was reached.", description_zh="是否接通。"),
    ), "Customer service's call log, 2013.", "2013 年客服回访记录。"),
    TableSchema("futures/survey", (
        Column("respondent_id", "str", unique=True, label_zh="问卷编号", description_en="Response identifier.",
               description_zh="问卷编号。"),
        replace(_F_CLIENT, unique=True),
        Column("date", "date", label_zh="日期", description_en="Day of the answer.", description_zh="答卷日期。"),
        Column("overall", "int", min=1, max=5, label_zh="总体满意度",
               description_en="Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied).",
               description_zh="总体满意度，1（很不满意）到 5（很满意）。"),
        *(Column(name, "int", min=1, max=5, label_zh=zh, description_en=f"{en}, rated 1 to 5.",
                 description_zh=f"{zh}评分，1 到 5。") for name, zh, en in _F_ITEMS),
    ), "Satisfaction survey, one row per respondent (December 2013: the month is assumed, survey_days).",
        "满意度调查，每位受访者一行（2013 年 12 月：月份是假设，survey_days）。"),
)})

UPLOAD_CLIENT_INDICATORS = TableSchema("upload_client_indicators", (
    replace(CUSTOMER_ID, name="client_id", unique=True, aliases=("customer_id", *CUSTOMER_ID.aliases, "账户", "资金账号",
                                                                 "account", "account_id")),
    Column("equity", "float", min=0, aliases=("客户权益", "权益", "资金", "资金量", "funds"), label_zh="客户权益",
           description_en="Funds (client equity) at the end of the period, yuan.", description_zh="期末客户权益（资金量），元。"),
    Column("lots", "float", min=0, aliases=("成交手数", "手数", "成交量", "volume"), label_zh="成交手数",
           description_en="Lots traded in the period.", description_zh="期内成交手数。"),
    Column("commission", "float", min=0, aliases=("手续费", "手续费收入", "佣金", "fees"), label_zh="手续费收入",
           description_en="Commission earned from the client in the period, yuan.", description_zh="期内从该客户获得的手续费收入，元。"),
    Column("tenure_years", "float", min=0, aliases=("开户年限", "客户年限", "年限", "tenure", "years"), label_zh="开户年限",
           description_en="Years since the account was opened.", description_zh="开户至今的年数。"),
    Column("active_months", "float", min=0, aliases=("活跃月数", "交易月数", "active"), label_zh="活跃月数",
           description_en="Months with at least one trade in the period.", description_zh="期内至少有一笔交易的月数。"),
), "One row per client with the five evaluation indicators; extra columns are kept.",
    "每位客户一行，含五项评价指标；多余的列会保留。")
