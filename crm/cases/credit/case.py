"""时风集团 · the credit-management case (seeds/002): its definition, the source's figures and quotes, constants.

The source (seeds/002, the piece on 时风集团's credit sales) gives the process: client credit files
split into key and general clients and refreshed every six months, a preliminary review with a
"green channel", a financial evaluation on ratios, a characteristic model of 18 items in three
families (each item with 4 aspects, 72 facts) rated into 6 grades, an operating-asset model that
sets the limit together with the characteristic grade, the limit bands 1A–5A and the rating
written XAY, the receivables timeline of the RPM system, the bad-client warning list, the "double
ten" and a monthly ageing analysis.

The source names the 18 items but not their 4 aspects, the points of a fact, the grade cut-offs,
the standard ratios, nor the operating-asset formula: every one of these here is a named
assumption (:data:`ASSUMPTIONS`, printed in the datasheet), as are all clients and invoices.
"""
from __future__ import annotations

NAME = "credit"
TITLE = "时风集团 · Shifeng Group credit management"
SUMMARY = ("客户信用评级、授信额度与应收账款跟踪 · Rating a client's credit, setting its limit, "
           "and following each receivable")
DEFAULT_SEED = 2002
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
YEAR = 2012  # assumption ``as_of``: the source gives no year
FILES = {"clients": "clients.csv", "facts": "facts.csv.gz", "invoices": "invoices.csv.gz"}

# --- figures from the source ------------------------------------------------------------------------
REFRESH_MONTHS = 6  # "客户基础信用信息的收集、更新以六个月为一个周期"
ITEMS_COUNT, ASPECTS, FACTS_COUNT, GRADES = 18, 4, 72, 6  # "18个项目,每个项目又包含4个方面的内容,共计72项信息" "共分6级"
#: Limit bands in yuan: "信用额度在30万元以下的用1A表示,30-60万元用2A表示,60-100万元用3A表示,100-150万元用4A表示,150万元以上用5A表示"
BAND_EDGES = (300_000, 600_000, 1_000_000, 1_500_000)
BANDS = ("1A", "2A", "3A", "4A", "5A")
#: The three families and their 18 items, in the source's order and words.
FAMILIES: dict[str, tuple[str, ...]] = {
    "自身特征": ("表面印象", "组织管理", "产品与行业", "市场竞争性", "经营状况", "发展前景"),
    "优先性特征": ("交易盈利率", "交易条件", "市场竞争力影响", "市场吸引力影响", "付款担保", "可替代性"),
    "财务信用特征": ("付款记录", "银行信用", "偿债能力", "获利能力", "资产负债表评估", "资本总额"),
}
FAMILY_EN = {"自身特征": "the client itself", "优先性特征": "priority", "财务信用特征": "financial credit"}
ITEMS: tuple[str, ...] = tuple(i for items in FAMILIES.values() for i in items)
#: The receivables timeline (RPM), days from the ship date (confirm) or the due date (the rest).
STEPS: tuple[tuple[str, str, int], ...] = (
    ("confirm", "ship", 7),      # "货发一周内,电话/传真通知客户已按合同约定发货……请客户予以确认"
    ("remind", "due", -7),       # "账款临期一周,函电征询客户销售及货款回笼情况"
    ("warn", "due", 7),          # "账款过期一周……提出信用警告,并记录不良信用信息"
    ("press", "due", 14),        # "账款过期二周,加大催款力度……并视事态性质停止发货"
    ("blacklist", "due", 30),    # "账款过期一个月,实地调查研究……列入黑名单" (a month: assumption month_days)
)
STEP_ZH = {"confirm": "发货确认", "remind": "临期提示", "warn": "信用警告", "press": "加大催款/视情停发",
           "blacklist": "实地调查/列入黑名单"}
DOUBLE_TEN = 10  # "“双十客户”(十家金额最大、十家账龄最长)"
NON_CREDIT_ARREARS_MONTHS = 6  # "对非信用销售业务拖欠货款6个月以上的客户"
RATIOS = ("current", "quick", "cash", "debt", "inventory_turnover", "sales_margin", "gross_margin", "cost_margin")
SHORT_RATIOS = ("current", "quick", "cash")  # "流动比率、速动比率、现金比率是分析短期授信的主要指标,采用的是标准比率分析法"
SALES_UNITS = ("U1", "U2", "U3", "U4", "U5")  # 主销单位: the source names none

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "各主销单位根据上年度客户业务发生额大小,把客户划分为重点客户和一般客户",
     "clients.tier: key or general, from last_year_business (the cut-off is assumption key_share)"),
    (SOURCE, "客户基础信用信息的收集、更新以六个月为一个周期", "clients.file_updated: a file older than six months is due"),
    (SOURCE, "流动比率、速动比率、现金比率是分析短期授信的主要指标,采用的是标准比率分析法",
     "ratios: current, quick and cash compared with standard values (assumption standard_ratios)"),
    (SOURCE, "资产负债率、存货周转率、销售利润率、毛利率、成本利润率等相关指标用于对客户的安生性和收益性进行评估",
     "ratios: debt ratio, inventory turnover, sales, gross and cost margins"),
    (SOURCE, "将客户信用信息分为客户自身特征、优先性特征和财务信用特征三大类,18个项目,每个项目又包含4个方面的内容,共计72项信息",
     "facts: 18 items × 4 aspects = 72 facts per client"),
    (SOURCE, "72项信息根据好坏情况赋予不同的分值,根据最后的汇总得分得出相应的特征信用等级,共分6级",
     "characteristic grade 1–6 from the summed points (points and cut-offs are assumptions)"),
    (SOURCE, "通过对客户营运资产和资产负债比率的计算,综合考虑客户资产流动性和负债水平这两个最能反映公司偿债能力的因素,得出评估值",
     "operating_assets and evaluation value (the formula is assumption operating_asset_model)"),
    (SOURCE, "信用额度在30万元以下的用1A表示,30-60万元用2A表示,60-100万元用3A表示,100-150万元用4A表示,150万元以上用5A表示",
     "limit bands 1A–5A"),
    (SOURCE, "最终的信用等级以XAY表示,例如3A2", "rating written band + grade, e.g. 3A2"),
    (SOURCE, "货发一周内,电话/传真通知客户已按合同约定发货,征询货物满意性,请客户予以确认", "step confirm"),
    (SOURCE, "账款临期一周,函电征询客户销售及货款回笼情况", "step remind"),
    (SOURCE, "账款过期一周,了解逾期原因,函电通知货款已逾期,提出信用警告,并记录不良信用信息", "step warn"),
    (SOURCE, "账款过期二周,加大催款力度,函件通知客户偿付货款,了解逾期拖欠货款的原因,分析原因归属,并视事态性质停止发货",
     "step press"),
    (SOURCE, "账款过期一个月,实地调查研究,提出对策,整理相关凭证,进行专案处理,向各主销单位通报该客户为不良客户并列入黑名单",
     "step blacklist"),
    (SOURCE, "对公司各主销单位的“双十客户”(十家金额最大、十家账龄最长)进行重点监控", "double ten per sales unit"),
    (SOURCE, "将新立案起诉的客户,未结案(审理、执行)的客户,对非信用销售业务拖欠货款6个月以上的客户,信用销售逾期一个月未付款的客户",
     "warning list: lawsuits, non-credit arrears over 6 months, credit sales a month overdue"),
    (SOURCE, "并每月对各销售单位应收账款按账龄结构,结合公司整体清欠计划进行分析与评价", "monthly ageing by sales unit"),
    (SOURCE, "如时风集团给予海南现代绿野农业机械有限公司信用期限为一个月",
     "invoices: a credit term of a month (30 days, assumption month_days); extension_days for force majeure"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "as_of": ("2012-12-31", "the day the book is looked at (the source is undated)"),
    "clients": (80, "clients in the book; the source gives no count"),
    "key_share": (0.2, "share of clients, largest last-year business first, that are key clients (the source "
                       "gives no cut-off)"),
    "month_days": (30, "a month (一个月) in the timeline and the credit term"),
    "standard_ratios": ({"current": 2.0, "quick": 1.0, "cash": 0.2},
                        "the standard values of the 标准比率分析法 (textbook values; the source gives none)"),
    "aspect_points": ((0, 5), "each of the 72 facts is rated 0 (bad) to 5 (good): the source says only 赋予不同的分值"),
    "grade_cuts": ((0.8, 0.68, 0.56, 0.44, 0.32),
                   "share of the 360 possible points at or above which a client is grade 1, 2, … 5; below: grade 6"),
    "no_credit_grade": (6, "grade 6 gets no credit sale (是否给予信用销售); the source does not say which grades do"),
    "operating_asset_model": ("operating assets = (working capital + net worth) / 2; evaluation value = current "
                              "ratio + quick ratio − current liabilities/net worth − total liabilities/net worth",
                              "the textbook (Dun & Bradstreet) operating-asset model; the source gives no formula"),
    "limit_rate": ({"low": 0.0, "cuts": (0.0, 1.0, 2.0, 3.0), "rates": (0.05, 0.1, 0.15, 0.2, 0.25)},
                   "share of operating assets granted as the base limit, by evaluation value (below 0: 5 %, "
                   "0–1: 10 %, … 3 and more: 25 %)"),
    "grade_factor": ((1.2, 1.0, 0.85, 0.7, 0.5, 0.0), "base limit × this factor, by characteristic grade 1–6"),
    "invoices_per_client": ((5, 40), "range of credit-sale invoices per client in the year"),
    "invoice_yuan": ((20_000, 400_000), "range of one invoice (log-uniform)"),
    "late_habit": ({"good": 0.05, "fair": 0.25, "poor": 0.6},
                   "chance an invoice is paid late, by how good the client's facts are"),
    "late_days": ((1, 90), "range of days a late invoice is paid after its due date (or still open)"),
    "extension_share": (0.02, "share of invoices with an approved force-majeure extension (like the Hainan dealer)"),
    "extension_days": (15, "days an approved extension adds"),
    "lawsuit_share": (0.03, "share of clients with a lawsuit filed or open (新立案起诉的客户, 未结案)"),
    "non_credit_arrears_share": (0.04, "share of clients owing on a non-credit (cash) sale, months owed 1–12"),
}


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]
