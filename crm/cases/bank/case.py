"""商业银行与汇丰 · the commercial banks and HSBC case (seeds/002, 004, 001): its definition and constants.

What the case is (name, title, source), the sentences quoted from the source, the modelling
assumptions (each named, with why), and the constants the analytics, views, questions and the
generator (:mod:`crm.cases.bank.data`) share. Nothing here generates or reads data.
"""
from __future__ import annotations

from crm.cases.bank.products import DEFAULT_PRODUCT_PROFIT, DEFAULT_RULES

NAME = "bank"
TITLE = "商业银行与汇丰 · Commercial banks and HSBC"
SUMMARY = "客户金字塔、智慧银行分层、生命周期产品匹配、信用评分卡与客户迁移 · " \
          "Customer pyramid, smart-bank tiers, life-stage products, credit scorecard and tier migration"
DEFAULT_SEED = 2014
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
HSBC = "seeds/004_1b977a9aff8eaf27.txt"
MATRIX = "seeds/001_bd5f0c3c9eb3ac29.txt"
YEARS = tuple(range(2010, 2015))  # assumption: five years up to the paper's 2014 (时代 2014年第11期)
FILES = {"clients": "clients.csv.gz", "holdings": "holdings.csv.gz", "profits": "profits.csv.gz",
         "applications": "applications.csv.gz", "application_outcomes": "application_outcomes.csv.gz",
         "loans": "loans.csv.gz", "loan_outcomes": "loan_outcomes.csv.gz"}

QUOTES: tuple[tuple[str, str, str], ...] = (
    (HSBC, "客户金字塔是建立在20%的客户创造了80%的利润这个前提下的",
     "profit contribution is skewed so that the top 20 % of clients create about 80 % of each year's profit"),
    (HSBC, "在76个国家驻有10000个办事处,雇有232000名员工。汇丰银行在全球拥有超过1亿1千万的顾客",
     "context only: the data is one city's retail book, not HSBC's"),
    (SOURCE, "根据客户年龄、职业、受教育程度、收入等因素进行客户分类",
     "clients carry age, occupation, education and monthly income (and a life stage)"),
    (SOURCE, "针对贷款需求较旺盛的青年消费群体,可提供多样化的房贷、车贷或信用卡分期等业务,而针对事业日趋平稳,"
             "财富积累逐渐增多,理财需求较强烈的中年消费群体,可提供代售基金、外汇投资、黄金投资等理财产品",
     "young clients are likelier to hold mortgages, car loans and card instalments; middle-aged, higher-income "
     "clients funds, forex and gold; many still lack them (the cross-sell opportunity)"),
    (SOURCE, "对客户的信用度进行评定,对客户的贡献度进行评估。将不同的客户群体进行划分,例如:可以将客户划分为重点客户、"
             "潜在客户和普通客户等",
     "clients have the attributes a scorecard rates and a yearly contribution, so both can be crossed"),
    (SOURCE, "客户经理在录入资料的同时还要进行两部分的工作,那就是自动评估和手工的调整,这样就可以形成最后的资信评估评分值",
     "applications.manual_adjustment is the client manager's adjustment added to the automatic score"),
    (SOURCE, "银行可以根据客户的信用分数,分析客户按时还款的可能性和风险系数,决定是否予以授信以及授信的额度和利率",
     "application_outcomes.defaulted is the ground truth a scorecard's decisions are judged against"),
    (SOURCE, "通过对客户的活动进行监测,对具有风险的行为发出预警",
     "loans carry the signals an early-warning rule watches (days past due, utilisation, salary inflow, "
     "inquiries); loan_outcomes says who defaulted in the next 12 months"),
    (SOURCE, "对于普通客户,商业银行应该注重客户的基本体验", "profits allow ordinary / key / VIP tiers"),
    (MATRIX, "客戶價值細分的兩個具體維度是客戶當前價值和客戶增值潛力",
     "current value is the latest year's contribution; growth potential is computed from the products a "
     "client lacks (crm.cases.bank.products.cross_sell_potential)"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "clients": (40_000, "retail clients of one city branch network over five years (a mid-sized city commercial bank)"),
    "start_clients": (30_000, "clients already with the bank at the start of 2010; the rest join 2011-2014"),
    "age_mix": (((18, 29, 0.24), (30, 39, 0.24), (40, 54, 0.28), (55, 64, 0.14), (65, 80, 0.10)),
                "age bands and their shares among clients"),
    "education_weights": (dict(zip(("junior_high", "high_school", "college", "bachelor", "postgraduate"),
                                   (0.18, 0.30, 0.22, 0.24, 0.06))), "education of working-age clients"),
    "occupation_weights": (dict(zip(("civil_servant", "state_enterprise", "private_enterprise", "self_employed",
                                     "professional", "worker", "farmer"),
                                    (0.08, 0.16, 0.26, 0.14, 0.10, 0.18, 0.08))),
                           "occupation of working clients (65+ are retired, under 23 often students)"),
    "median_income": (4_500, "median monthly income in yuan (city, 2014)"),
    "income_sd": (0.55, "sd of log income around what education, occupation and age predict"),
    "contribution_sd": (1.62, "sd of log yearly profit contribution across clients: gives the 20/80 skew"),
    "yearly_noise_sd": (0.35, "sd of log contribution from year to year for one client"),
    "median_contribution": (260.0, "median yearly profit contribution of a client, yuan"),
    "yearly_churn": ((0.10, 0.05, 0.03), "yearly chance that an ordinary / key / VIP client leaves"),
    "tier_thresholds": ((5_000, 1_200), "contribution (yuan a year) of a VIP and of a key client; used for "
                                         "the tiers in the data's description, the views let you move them"),
    "tier_shares": ((0.05, 0.15, 0.80), "VIP, key and ordinary shares of clients by yearly contribution: "
                                         "VIP + key = the source's top 20 %; the 5 % VIP split is an assumption"),
    "product_base_rates": (dict(zip(("debit_card", "time_deposit", "credit_card", "card_instalment", "mortgage",
                                     "car_loan", "fund", "forex", "gold"),
                                    (1.0, 0.45, 0.42, 0.12, 0.14, 0.07, 0.12, 0.05, 0.06))),
                           "share of all clients holding each product"),
    "life_stage_lift": (2.2, "how much likelier a product is for the life stage the source pairs it with"),
    "applications": (15_000, "credit applications 2012-2014 (credit cards, consumer and car loans)"),
    "default_rate": (0.07, "share of applicants who would default within 12 months if granted"),
    "manual_share": (0.35, "chance that the client manager reviews an application to adjust its score (an "
                           "adjustment that rounds to 0 points leaves the score as it was)"),
    "loan_default_rate": (0.05, "share of existing loans defaulting within the next 12 months"),
    "credit_class_rule": ("credit below the cut → ordinary",
                          "the credit × contribution classes: good credit and high contribution → key, good credit "
                          "and lower contribution → potential, credit below the cut → ordinary whatever the "
                          "contribution (crm.cases.bank.value_matrix.credit_contribution_classes; the source names "
                          "the three classes, not the rule)"),
    "current_value_rule": ("last year's contribution",
                           "the value matrix's current value; seeds/001 defines it as the present value of the profit "
                           "the client will bring if he keeps buying as now, which this data cannot compute"),
    "loan_signals": ("one hidden factor", "each existing borrower's warning signals (utilisation, days past due, "
                                          "missed payments, salary change, enquiries) and his default all rise with "
                                          "one hidden trouble factor of the generator, which no column shows"),
    # The applicants' risk: the source names the attributes a bank may score, never their weights.
    "occupation_risk": ({"civil_servant": -0.7, "state_enterprise": -0.4, "professional": -0.3,
                         "private_enterprise": 0.0, "worker": 0.25, "self_employed": 0.4, "farmer": 0.45,
                         "retired": -0.1, "student": 0.7}, "log-odds of default added by the applicant's occupation"),
    "education_risk": (dict(zip(("junior_high", "high_school", "college", "bachelor", "postgraduate"),
                                (0.35, 0.15, 0.0, -0.2, -0.35))), "log-odds of default added by education"),
    "housing_risk": ({"own": -0.35, "mortgage": -0.1, "rent": 0.3, "family": 0.15},
                     "log-odds of default added by housing"),
    "soft_information": (0.45, "log-odds of default per sd of a hidden factor no column of applications shows; the "
                               "client manager's manual adjustment is drawn from the same factor, so that the "
                               "adjustment carries information the form lacks is built into this data set"),
    "manual_points": ((-12, 8, 40), "a reviewed application's adjustment: -12 points per sd of the hidden factor, "
                                    "plus noise of sd 8, rounded to 5 points and capped at ±40"),
}

def _rules_text() -> str:
    parts = []
    for r in DEFAULT_RULES:
        cond = f"age {r.min_age}-{r.max_age}"
        cond += ", working" if r.occupations is not None else ""
        cond += f", income >= {r.min_income:,.0f} yuan a month" if r.min_income else ""
        parts.append(f"{r.segment}: {cond} -> {', '.join(r.products)}")
    return "; ".join(parts)


#: The products view's and the value matrix's assumptions (read from crm.cases.bank.products, so they cannot drift).
ASSUMPTIONS["product_rules"] = (_rules_text(), "the bounds of the source's two groups (青年 borrowers, 中年 "
                                               "investors): the source pairs the groups with products and gives no "
                                               "age or income; the products view lets you move them "
                                               "(crm.cases.bank.products.DEFAULT_RULES)")
ASSUMPTIONS["product_profit"] = (dict(DEFAULT_PRODUCT_PROFIT),
                                 "yearly profit to the bank of one product held, yuan: the products view's "
                                 "opportunity and the value matrix's growth potential (the source gives none)")
#: The migration view's lifetime value (the student can move both).
ASSUMPTIONS["ltv_discount_rate"] = (0.08, "yearly discount rate of the migration view's lifetime values")
ASSUMPTIONS["ltv_years"] = (10, "years over which the migration view counts a tier's lifetime value")

PRODUCTS = tuple(ASSUMPTIONS["product_base_rates"][0])  # type: ignore[arg-type]
EDUCATIONS = tuple(ASSUMPTIONS["education_weights"][0])  # type: ignore[arg-type]
WORK = tuple(ASSUMPTIONS["occupation_weights"][0])  # type: ignore[arg-type]
OCCUPATIONS = (*WORK, "retired", "student")
LIFE_STAGES = ("starting_out", "family_building", "wealth_building", "pre_retirement", "retired")
HOUSING = ("own", "mortgage", "rent", "family")
LENDING = ("credit_card", "card_instalment", "mortgage", "car_loan")
APPLIED = ("credit_card", "consumer_loan", "car_loan")
# products the source pairs with young and with middle-aged clients (seeds/002)
YOUNG_PRODUCTS = ("mortgage", "car_loan", "card_instalment")
WEALTH_PRODUCTS = ("fund", "forex", "gold")


TIERS = ("VIP", "key", "ordinary")  # the smart bank's tiers, top first (seeds/002: 贵宾、重点、普通客户)


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]


def tier_shares() -> dict[str, float]:
    """The default tiers by rank (share of clients), for :func:`crm.core.segment.rank_tiers`."""
    return dict(zip(TIERS, _a("tier_shares")))


def tier_thresholds() -> dict[str, float]:
    """The default tiers by yearly contribution (yuan), for :func:`crm.core.segment.value_tiers`."""
    vip, key = _a("tier_thresholds")
    return {"VIP": float(vip), "key": float(key), "ordinary": 0.0}
