"""扬州A超市卖场 · the Yangzhou A Supermarket case (seeds/002): its definition and constants.

What the case is (name, title, source), the sentences quoted from the source, the modelling
assumptions (each named, with why), and the constants the analytics, views, questions and the
generator (:mod:`crm.cases.supermarket.data`) share. Nothing here generates or reads data.
"""
from __future__ import annotations

from crm.cases.supermarket.member_day import CampaignConfig
from crm.core.assumptions import config_assumptions
from crm.core.segment import DEFAULT_ABC_CUTOFFS

NAME = "supermarket"
TITLE = "扬州A超市卖场 · Yangzhou A Supermarket"
SUMMARY = "会员日、生日短信、ABC 分类与高峰期快速结账 · Member day, birthday SMS, ABC classes and express checkout"
DEFAULT_SEED = 2014
YEAR = 2014  # assumption: the paper is undated; a calendar year of till data
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
#: How each table is written: the till log is large, so it is gzipped.
FILES = {"customers": "customers.csv", "transactions": "transactions.csv.gz", "survey": "survey.csv"}

#: The source's sentences that the data reproduces (file, quote, what the data does with it).
QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "调查发现，扬州A超市卖场有高达82%持有会员卡的顾客认为他们作为会员并没有得到许多的优惠",
     "survey.few_benefits is true for exactly 82 % of respondents"),
    (SOURCE, "顾客对扬州A超市卖场的意见集中体现为：卖场商品摆放无规则、商品主题不明显、价格牌标注混乱以及卖场整体氛围感觉压抑",
     "survey.complaint_theme: messy_shelving, confusing_price_tags, oppressive_atmosphere, three of the source's "
     "four complaints, are the three most frequent themes; 商品主题不明显 (no clear product themes) has no theme in "
     "the data"),
    (SOURCE, "扬州A超市卖场简单地将客户划分为会员客户和普通客户",
     "customers.card_type is member or ordinary: the only split the store makes today"),
    (SOURCE, "一般情况下，年购物总额占60%-70%的客户数量只占10%-20%，这类客户称为超市的重点客户，即A类客户；"
             "相反，年购物总额占10%-20%、客户数量却占60%-70%的这类客户称为超市的次要客户，即C类客户；"
             "年购物总额与客户数量比重都在20%左右的这类客户称为一般客户，即B类客户",
     "annual spend per customer is skewed so that the default ABC cut-offs (65 %, 85 % of spend) give these shares"),
    (SOURCE, "超市可自定一个“会员日”,所有会员在会员日这一天都可以获得超市的更多优惠",
     "customers.card_type and the till log feed the campaign view; the source gives no frequency, effect or cost: "
     "every campaign.* figure below (one member day a month included) is an assumption of this data set"),
    (SOURCE, "利用会员卡信息在会员生日当天发送生日短信祝福",
     "customers.birthday is known for members only; the birthday message's response and cost are campaign.* assumptions"),
    (SOURCE, "设置快速结账口（针对超市高峰段提出的快速结账口）",
     "transactions carry time of day, lane and items, so the checkout view can find the peak and size express lanes"),
)

#: Every number the source does not give, with its value and why.
ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "customers": (30_000, "identified customers in a year: a mid-sized store, about 1,000 baskets a day"),
    "abc_cutoffs": (DEFAULT_ABC_CUTOFFS, "the ABC view's default lines (share of cumulative spend at which A ends and B ends): the workbench's choice within the source's ranges (A holds 60–70 % of spend, C 10–20 %); a student moves them"),
    "member_share": (0.6, "share of identified customers holding a member card"),
    "mean_visits_member": (16.0, "mean till visits a year of a member"),
    "mean_visits_ordinary": (10.0, "mean till visits a year of an ordinary customer"),
    "visit_dispersion": (1.15, "sd of log visit rate across customers: heavy-tailed loyalty"),
    "median_basket": (68.0, "median basket value in yuan"),
    "basket_dispersion_customer": (0.55, "sd of log mean basket across customers"),
    "basket_dispersion_visit": (0.45, "sd of log basket within a customer's visits"),
    "yuan_per_item": (11.0, "mean price of one item, yuan"),
    "lapse_share": (0.18, "share of customers who stop coming at a random day of the year"),
    "lanes": (6, "checkout lanes open at peak, all regular today (no express lane yet)"),
    "payment_minutes": (1.2, "minutes to pay and bag at a till, whatever the basket"),
    "minutes_per_item": (0.1, "minutes to scan one item (6 s)"),
    "express_item_limit": (5, "most items a customer may bring to an express lane (a common sign: 5 items or fewer)"),
    "service_cv": (0.5, "coefficient of variation of a till's service time around its mean"),
    "opening_hours": ("08:00-22:00", "opening hours"),
    "weekend_factor": (1.35, "weekend day traffic relative to a weekday"),
    "survey_respondents": (500, "members answering the satisfaction survey"),
    "age_mean_sd": ((44, 14), "mean and sd of customers' age (clipped to 18-85)"),
    "female_share": (0.62, "share of identified shoppers who are women"),
    "first_join_year": (2006, "members joined from this year on; join days are uniform up to the data year's end"),
    "district_weights": (dict(zip(("广陵区", "邗江区", "江都区", "仪征市", "高邮市", "宝应县"),
                                  (0.38, 0.34, 0.12, 0.07, 0.05, 0.04))),
                         "where customers live: Yangzhou's districts, the store being in the city"),
    "hour_weights": ((3, 5, 7, 8, 8, 6, 5, 5, 6, 9, 11, 10, 7, 4),
                     "relative traffic in each opening hour 08-21: lunch and after-work peaks"),
    "theme_weights": (dict(zip(("messy_shelving", "confusing_price_tags", "oppressive_atmosphere", "slow_checkout",
                                "staff_attitude", "empty_specials_shelf", "none"),
                               (0.24, 0.20, 0.16, 0.14, 0.10, 0.06, 0.10))),
                      "complaint themes: three of the source's four complaints first (商品主题不明显 has no "
                      "theme here), then problems its remedies address"),
    "clv_horizon_months": (12, "the CLV view's and exercise's default horizon: a year ahead, the RFM grid's year "
                               "looking forward"),
    "clv_annual_discount": (0.10, "the yearly discount rate of the CLV (a common textbook cost of capital), "
                                  "applied monthly"),
    "satisfaction_means": ((2.9, 3.9, 0.9), "mean satisfaction (1-5) of members who feel few benefits, "
                                            "of the others, and the sd around them"),
}

#: The campaign view's assumptions (crm.cases.supermarket.member_day.CampaignConfig), read from the class itself.
ASSUMPTIONS.update(config_assumptions(CampaignConfig, "campaign"))

DISTRICTS = tuple(ASSUMPTIONS["district_weights"][0])  # type: ignore[arg-type]
# Survey complaint themes: the first three are the paper's "意见集中体现为" themes.
COMPLAINT_THEMES = tuple(ASSUMPTIONS["theme_weights"][0])  # type: ignore[arg-type]
FEW_BENEFITS_SHARE = 0.82  # seeds/002: "有高达82%持有会员卡的顾客认为他们作为会员并没有得到许多的优惠"


def checkout_assumptions() -> dict[str, float]:
    """The till assumptions as keyword arguments of :class:`crm.cases.supermarket.checkout.CheckoutConfig`."""
    return {"regular_lanes": int(_a("lanes")), "payment_time": _a("payment_minutes"),
            "time_per_item": _a("minutes_per_item"), "service_cv": _a("service_cv"),
            "express_item_limit": int(_a("express_item_limit"))}


def _a(name: str):  # noqa: ANN202  (values are numbers, pairs or weight tables)
    return ASSUMPTIONS[name][0]
