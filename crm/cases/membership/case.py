"""欧珀莱 · the cosmetics membership case (seeds/002): its definition, the source's figures and quotes, constants.

The source (seeds/002, the piece by 刘娜 on 欧珀莱's customer management) gives the needs-based
segments (白领、公务员、学生 and other working people; 时光锁 for the over-30s; the 2012 high-end
臻源新肌 and the 2014 youth line 涌泉润肌), the split into ordinary and VIP members by purchasing
power and value (the table of their differences is lost in the scrape: 「两者的区别。可以看出」), the
花之友 club's activities (an activation gift for every 100th activation, a draw every three months,
gifts for shopping points plus the virtual currency 欧圆, earned by logging in and posting), and
four problems: churn after product-line changes, a slow points system on a separate login, low
take-up of online-only activities (the 2014 thank-you gifts booked online only), and a forum
full of posts written to earn 欧圆.

It gives no member, purchase, point or post, no VIP rule, no earn or burn rate, no churn rate and
no share of members who take part: every one of these here is a named assumption
(:data:`ASSUMPTIONS`, printed in the datasheet).
"""
from __future__ import annotations

NAME = "membership"
TITLE = "欧珀莱 · AUPRES membership and the 花之友 club"
SUMMARY = ("会员分级、积分与欧圆、产品线更替后的流失 · Ordinary and VIP members, points and the 欧圆 "
           "currency, and who leaves after a product-line change")
DEFAULT_SEED = 2014
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
START, END = "2011-01-01", "2014-12-31"  # assumption ``window``: the source dates the problems to 2006-2014
FILES = {"lines": "lines.csv", "members": "members.csv", "purchases": "purchases.csv.gz",
         "club": "club.csv.gz", "posts": "posts.csv.gz"}

# --- figures from the source ------------------------------------------------------------------------
SEGMENTS = ("白领", "公务员", "学生", "其他")  # "白领、公务员、学生还有社会其他工作阶层"
SEGMENT_EN = {"白领": "office workers", "公务员": "civil servants", "学生": "students", "其他": "other working people"}
TIERS = ("ordinary", "vip")  # "欧珀莱将客户分为普通会员和VIP会员"
TIER_ZH = {"ordinary": "普通会员", "vip": "VIP会员"}
ACTIVATION_EVERY = 100  # "只要激活顺序为100的整倍数,即可获得相应的礼品"
LOTTERY_MONTHS = 3  # "会员每3个月有一次抽奖机会"
OVER_30_AGE = 30  # "时光锁系列针对的是30岁以上的消费群体"
THANKS_YEAR = 2014  # "2014年运作了最久的会员答谢活动也开始在网上自助预约答谢礼品"
#: The product lines. The source names 时光锁, 美白, 防晒防辐射, 臻源新肌 (2012) and 涌泉润肌 (2014); it
#: does not name the older series the new ones replaced: O1 and O2 are unnamed (assumption ``replaced``).
LINES = ("时光锁", "美白", "防晒", "O1", "O2", "臻源新肌", "涌泉润肌")
LINE_EN = {"时光锁": "Time Lock", "美白": "Whitening", "防晒": "Sun care", "O1": "older series O1",
           "O2": "older series O2", "臻源新肌": "Zhenyuan (high-end)", "涌泉润肌": "Yongquan (youth)"}
AGE_BANDS = ((0, 24, "≤24"), (25, 29, "25-29"), (30, 39, "30-39"), (40, 49, "40-49"), (50, 200, "50+"))
POST_KINDS = ("post", "reply")  # "回帖发帖"

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "欧珀莱细分了不同的客户群体,白领、公务员、学生还有社会其他工作阶层",
     "members.segment: one of the four groups (the mix is assumption segment_mix)"),
    (SOURCE, "时光锁系列针对的是30岁以上的消费群体,注重弹力的提升和保湿功能",
     "lines: 时光锁 aimed at the over-30s; members over 30 use it more (assumption line_taste)"),
    (SOURCE, "2012年上市的高端系列臻源新肌就是面向有更高护理要求和较强购买力的客户群",
     "lines: 臻源新肌 launched in 2012 (the month is assumption change_month)"),
    (SOURCE, "2014年推出的涌泉润肌系列则相反,从价格包装效果到代言人都更适合学生等年轻的客户群",
     "lines: 涌泉润肌 launched in 2014, aimed at the young"),
    (SOURCE, "按照客户购买力和价值,欧珀莱将客户分为普通会员和VIP会员,并开展不同的管理策略,两者的区别。可以看出,VIP会员可以享受普通会员没有的一些特殊待遇",
     "members.tier: ordinary or vip by purchasing power (rule: assumption vip_share); the table of the differences "
     "is lost in the scrape, so no VIP privilege is modelled"),
    (SOURCE, "每个会员仅有一次机会,当会员首次登录俱乐部网站,激活会员卡号,只要激活顺序为100的整倍数,即可获得相应的礼品",
     "members.activation_order: the order of the first login; every 100th activation wins the gift"),
    (SOURCE, "会员每3个月有一次抽奖机会,能免费领取相应礼品", "club.lottery: one draw per activated member per quarter"),
    (SOURCE, "需要使用购物积分和“欧圆”兑换礼品", "the simulator's gift costs points and 欧圆 (prices are assumptions)"),
    (SOURCE, "当会员每天登录网站、回帖发帖、参加活动的同时,就可获得相应“欧圆”",
     "club.logins and posts earn 欧圆 (rates: assumption ouyuan_rates)"),
    (SOURCE, "欧珀莱最初给客户的定位是年龄层30岁以上的,品牌上市以来几个系列产品十年保持不变",
     "context only: the data (2011-2014, assumption window) starts after the ten unchanged years"),
    (SOURCE, "从2006年起差不多2年左右就有新系列上市取代旧系列,而且从包装到效果更迎合年轻一些的消费者,这使得一些习惯使用老产品的客户流失",
     "lines.withdrawn: O1 and O2 withdrawn when the new series came; their users may leave (assumption change_churn)"),
    (SOURCE, "会员积分系统并非实时更新,通常需要几天时间才能在系统中查询到最近一次的购物积分",
     "purchases.posted_date: points appear some days after the purchase (assumption posting_delay_days)"),
    (SOURCE, "很多客户因为不常访问俱乐部网站或品牌宣传不到位而不知道有这些活动,使得参与活动的客户数量较会员数量偏少",
     "members.activated: only some members ever activate the club (assumption activation_rate)"),
    (SOURCE, "2014年运作了最久的会员答谢活动也开始在网上自助预约答谢礼品,很多客户特别是年龄较大的并不习惯这种方式",
     "members.thanks_booked: the 2014 thank-you gift booked online, less often by older members "
     "(assumption thanks_booking)"),
    (SOURCE, "大部分帖子都是会员为了赚取欧圆而发的,帖子质量不高,而且存在大量水贴、抄袭情况",
     "posts.chars and posts.copied_from: short (water) and copied posts (assumption post_quality)"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "window": ((START, END), "the years of the data; the source dates its problems from 2006 to 2014 but gives no data"),
    "members": (3000, "members in the data; the source gives no count"),
    "segment_mix": ({"白领": 0.4, "公务员": 0.15, "学生": 0.2, "其他": 0.25},
                    "share of members in each of the source's four groups (the source gives no shares)"),
    "age_by_segment": ({"白领": (23, 50), "公务员": (25, 58), "学生": (18, 24), "其他": (20, 60)},
                       "age range of each group (uniform; the source gives no ages)"),
    "joined_range": (("2009-01-01", "2014-09-30"), "the days members joined (uniform; the source gives none)"),
    "purchasing_power": ({"sigma": 0.6, "students": 0.6},
                         "a member's hidden purchasing power: lognormal with this sigma, students' scaled by this "
                         "factor (the source: VIP by 购买力和价值, no measure given)"),
    "vip_share": (0.15, "share of members, highest purchasing power first, who are VIP (the source gives no rule; "
                        "its table of the differences is lost)"),
    "purchases_per_year": ({"ordinary": 4.0, "vip": 8.0}, "mean purchases a year of a member who stays (Poisson)"),
    "basket_yuan": ({"ordinary": (120, 400), "vip": (300, 1200)}, "range of one purchase in yuan (log-uniform)"),
    "line_taste": ({"over_30": {"时光锁": 0.35, "O1": 0.15, "O2": 0.15, "美白": 0.2, "防晒": 0.15},
                    "30_and_under": {"时光锁": 0.1, "O1": 0.1, "O2": 0.1, "美白": 0.4, "防晒": 0.3}},
                   "each member's usual line when joining, drawn by age (the source: 时光锁 for the over-30s; no mix); "
                   "one who joins after her line was withdrawn takes its new series"),
    "usual_share": (0.8, "share of a member's purchases that are of her usual line (the rest: a standing line)"),
    "replaced": ({"O1": "臻源新肌", "O2": "涌泉润肌"}, "which older series each new one replaced: the source says "
                 "new series replaced old ones but names neither old series"),
    "change_month": ({"臻源新肌": "2012-03-01", "涌泉润肌": "2014-03-01"},
                     "the day each new series came and its older one was withdrawn (the source gives the years)"),
    "switch_share": ({"≤29": 0.75, "30-39": 0.55, "40+": 0.35},
                     "share of an older series' users, by age, who move to the new series when theirs is withdrawn; "
                     "the others leave (the source gives no share)"),
    "base_churn": (0.012, "monthly chance that any member stops buying (the source gives no rate)"),
    "change_churn": ("1 − switch_share", "a withdrawn series' user who does not switch stops buying within "
                                          "three months of the change (built to follow the source's claim)"),
    "points_period": (2014, "the simulator counts the points and 欧圆 of one year, with no balance carried in "
                            "(the source gives no expiry)"),
    "points_per_yuan": (1, "points earned per yuan spent (the source gives no rate)"),
    "posting_delay_days": ((2, 6), "days until a purchase's points can be seen (通常需要几天时间: the source gives no "
                                   "number)"),
    "activation_rate": ({"≤29": 0.6, "30-39": 0.4, "40+": 0.2},
                        "share of members, by age, who ever activate their card on the club website (on a day of their first "
                        "year in the data)"),
    "club_logins": ((0, 40), "range of a quarter's logins of an activated member (geometric-like, mean about 6)"),
    "lottery_take_up": (0.45, "chance an activated member who logged in that quarter uses the quarter's draw"),
    "posts_per_login": (0.25, "posts and replies per login of an activated member"),
    "post_quality": ({"water": 0.55, "copied": 0.2, "water_chars": 15},
                     "share of posts that are water (fewer than water_chars characters) and copied (the text of an "
                     "earlier post): the source says 大部分 and 大量 without a figure"),
    "post_kinds": ({"post": 0.3, "reply": 0.7}, "share of new posts and replies (回帖发帖; the source gives no split)"),
    "post_chars": ((15, 800), "range of a post's length in characters when it is not water (log-uniform)"),
    "thanks_booking": ({"≤29": 0.6, "30-39": 0.45, "40+": 0.2},
                       "chance a member active in 2014 books the 2014 thank-you gift online, by age"),
    "ouyuan_rates": ({"login": 1, "post": 5}, "欧圆 per login and per post or reply (the source gives no rate)"),
    "gift_price": ({"points": 1000, "ouyuan": 50}, "the points and 欧圆 one gift of 非常兑奖 costs"),
    "point_cost_yuan": (0.02, "what the firm's gift costs per point redeemed (yuan), for the liability"),
    "age_bands": ("≤24, 25-29, 30-39, 40-49, 50+", "the age bands of the tables and views (the source names students "
                                                    "and the over-30s, no bands); the generator's own bands are ≤29, "
                                                    "30-39, 40+"),
    "stay_model": ({"ordinary": 0.55, "vip": 0.75, "gift_lift": 0.1},
                   "the simulator's chance a member buys again next year, by tier, and what a gift adds: a model, "
                   "built to follow the source's 积分赠礼……留住客户, not measured"),
}


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]


def age_band(age) -> str:  # noqa: ANN001
    """The band of an age (:data:`AGE_BANDS`)."""
    for lo, hi, label in AGE_BANDS:
        if lo <= age <= hi:
            return label
    raise ValueError(age)


def broad_band(age) -> str:  # noqa: ANN001
    """The three bands of the switch, activation and booking assumptions: ≤29, 30-39, 40+."""
    return "≤29" if age <= 29 else "30-39" if age <= 39 else "40+"
