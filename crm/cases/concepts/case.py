"""Concepts across cases (seeds/001, seeds/004, seeds/002): the figures and frameworks the sources teach
apart from any one firm, their quotes, and the small customer book the value-matrix section needs.

seeds/001 (客户关系管理战略与业务流程再造) gives the retention figures (5–10×, 15 % vs 50 %, 6×, 70 %,
8–10 vs 2–3 people), the TARP iceberg, the six kinds of lost customer and five strategies against churn,
the retention model, the customer value matrix (its two dimensions defined as present values, its four
types; the strategy section under 保持策略 is empty in the scrape) and the four growth strategies.
seeds/004 (卓越客户关系管理) gives SERVQUAL's five dimensions, the importance–performance chart (its
axes 1–10, the figure itself lost), the give/get quadrant, the value-creation ladder and demand
against capacity (its figure lost too). seeds/002 gives a second 6× (中原石油), the library paper's
"a 5 % rise in satisfaction doubles profit" and the power utility's customer life cycle; seeds/003 (a drug
maker's paper in it) the two moves of life-cycle management (把客户请进来, 把客户留下来).

The customer book (:mod:`crm.cases.concepts.data`) is generated: seeds/001 defines current value and
growth potential but gives no customer, so every customer and every profit in it is a named
assumption (:data:`ASSUMPTIONS`).
"""
from __future__ import annotations

NAME = "concepts"
TITLE = "跨案例概念 · Concepts across cases"
SUMMARY = ("客户保持的经济账、投诉冰山、流失客户、价值矩阵、增长战略、生命周期、SERVQUAL、供需与得失象限 · "
           "Retention economics, the complaint iceberg, lost customers, the value matrix, growth strategies, "
           "the life cycle, SERVQUAL, demand against capacity and the give/get quadrant")
DEFAULT_SEED = 1004
SEED_001 = "seeds/001_bd5f0c3c9eb3ac29.txt"
SEED_002 = "seeds/002_d50ebfd6dc09df34.txt"
SEED_004 = "seeds/004_1b977a9aff8eaf27.txt"
SEED_003 = "seeds/003_b6c7d5ab1d2bda91.txt"
SOURCE = SEED_001
FILES = {"customers": "customers.csv"}

# --- the retention figures, each with its file and sentence -------------------------------------------------
#: name → (low, high, file, the source's sentence). A range's two ends are both the source's; a point is low == high.
FIGURES: dict[str, tuple[float, float, str, str]] = {
    "new_vs_keep": (5.0, 10.0, SEED_001, "發展一位新客戶的成本是保持乙個老客戶的5~10倍"),
    "success_new": (0.15, 0.15, SEED_001, "向新客戶推銷產品的成功率是15%,而向現有客戶推銷產品的成功率是50%"),
    "success_existing": (0.50, 0.50, SEED_001, "向新客戶推銷產品的成功率是15%,而向現有客戶推銷產品的成功率是50%"),
    "selling_spend": (6.0, 6.0, SEED_001, "向新客戶進行推銷的花費是向現有客戶推銷花費的6倍"),
    "new_vs_keep_002": (6.0, 6.0, SEED_002, "开发新客户的费用是维护老客户的6倍"),
    "stay_if_fast": (0.70, 0.70, SEED_001, "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作"),
    "told_unhappy": (8.0, 10.0, SEED_001, "乙個對服務不滿的客戶會將他的不滿經歷告訴其他8~10個人"),
    "told_happy": (2.0, 3.0, SEED_001, "一位滿意的客戶則會將他的滿意經歷告訴2~3人"),
    "satisfaction_rise": (0.05, 0.05, SEED_002, "如果客户满意度提高5%,企业利润会增加一倍"),
    "profit_multiple": (2.0, 2.0, SEED_002, "如果客户满意度提高5%,企业利润会增加一倍"),
}

QUOTES: tuple[tuple[str, str, str], ...] = (
    *((file, sentence, f"retention calculator: figure {name}") for name, (_, _, file, sentence) in FIGURES.items()
      if name not in ("success_existing", "profit_multiple")),
    (SEED_001, "只有1%~5%的投訴反映到了高層管理者,45%的投訴反映到**機構、分支機構和一線人員,50%的客戶遇到問題從不投訴",
     "the iceberg's shares (the carcare case's view shows them)"),
    (SEED_001, "客戶當前價值是假定客戶現行購買行為模式保持不變時,客戶未來可望為公司創造的利潤總和的現值",
     "customers: current_value is the present value of annual_profit over years at discount_rate"),
    (SEED_001, "客戶增值潛力是假定通過採用合適的客戶保持策略,使客戶購買行為模式向著有利於提高公司利潤的方面發展時,"
               "客戶未來可望為公司增加的利潤總和的現值",
     "customers: growth_potential is the present value of annual_uplift over years at discount_rate"),
    (SEED_001, "ⅰ類客戶最沒有吸引力的一類客戶,該類客戶的當前價值和增值潛力都很低,甚至是負利潤",
     "types I–IV from the two present values (cut: assumption matrix_cut); some profits are negative"),
    (SEED_004, "顾客是金母鸡,但却不甚满意", "the give/get quadrant (no data: the view places a relationship)"),
    (SEED_002, "具体对客户实施考察期、形成期、稳定期以及衰退期的考察", "the life cycle (no data: the source gives no figure)"),
    (SEED_001, "識別以下幾類客戶", "lost customers: the six kinds, named only (no definition, share or count)"),
    (SEED_001, "防範客戶流失的策略", "lost customers: the five strategies; which one meets which kind is assumption "
                                     "lost_strategy"),
    (SEED_001, "利用客戶投訴或抱怨,分析客戶流失原因,從而改進服務", "lost customers: the source's one link from a "
                                                                  "lost customer to what to do"),
    (SEED_003, "把客户请进来。企业采取招商、代理等方式请客户溶入企业中。进行品质融合、资源共享从而使双方获益",
     "the life cycle: what to do (bring customers in); the stages it is paired with are assumption lifecycle_actions"),
    (SEED_003, "把客户留下来。企业如果仅仅从利益的角度出发来刺激客户的积极性往往起不到预期效果",
     "the life cycle: what to do (keep customers); the stages it is paired with are assumption lifecycle_actions"),
    (SEED_004, "服務的需求與供給分析1.調整服務產能2.管理顧客對服務的需求水準",
     "demand against capacity: the view's two levers (capacity_change, demand_shift)"),
    (SEED_004, "需求最大產能需求最適產能過剩最適產能最大產能需求量12341234CAB時間",
     "demand against capacity: the chart's words only; its curve and lines are assumptions demand_profile, "
     "optimum_capacity, maximum_capacity"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "customers": (120, "customers in the book; seeds/001 defines the value matrix but gives no customer"),
    "annual_profit": ((2_000.0, 0.9), "median (yuan a year) and log-sd of a customer's yearly profit if his buying "
                                      "stays as it is"),
    "negative_share": (0.1, "share of customers whose yearly profit is negative (seeds/001: type I may be "
                            "甚至是負利潤), drawn between −800 and 0 yuan"),
    "annual_uplift": ((800.0, 1.0), "median (yuan a year) and log-sd of the extra yearly profit a suitable "
                                    "retention strategy would bring"),
    "no_uplift_share": (0.25, "share of customers with no growth at all (annual_uplift 0)"),
    "years": ((1, 10), "range of whole years the relationship is expected to last (uniform)"),
    "discount_rate": (0.08, "yearly rate the present values are discounted at (the source gives none)"),
    "matrix_cut": ("median", "a customer whose present value is at or above the book's median is high on that "
                             "dimension (the source gives no cut)"),
    "demand_profile": ((4, 7, 12, 18, 22, 16, 10, 8, 12, 20, 24, 14, 6),
                       "customers asking for service in each hour of one day, 08:00 to 21:00 (seeds/004's demand "
                       "curve is lost in the scrape: this profile is the data set's, not the source's)"),
    "optimum_capacity": (14, "customers an hour the service handles at its best (the chart's 最適產能; the source "
                             "gives no figure)"),
    "maximum_capacity": (18, "customers an hour the service can handle at most (the chart's 最大產能; the source "
                             "gives no figure)"),
    "capacity_change": ((-6, 6), "range of the capacity lever (調整服務產能), customers an hour added to both "
                                 "capacities in every hour"),
    "demand_shift": ((0.0, 1.0), "range of the demand lever (管理顧客對服務的需求水準): the share of the demand "
                                 "above optimum capacity moved into hours with room below it"),
    "lost_strategy": ({1: 1, 2: 2, 3: 3, 4: 5, 5: 4, 6: 2},
                      "which of seeds/001's five strategies against churn meets which of its six kinds of lost "
                      "customer (kind → strategy); the source lists both and pairs none, so this pairing is the "
                      "workbench's suggestion: gave up → quality (1); left → complaints (2, half never complain); "
                      "poached → staff satisfaction (3); attracted → evaluating relationships (5); forced → a "
                      "customer-centred organisation (4); other reasons → complaints (2, the source's 利用客戶投訴或抱怨,"
                      "分析客戶流失原因)"),
    "lifecycle_actions": ({"考察期": "invite", "形成期": "invite", "稳定期": "keep", "衰退期": "keep"},
                          "which of seeds/003's two moves of customer life-cycle management (把客户请进来 bring "
                          "customers in, 把客户留下来 keep them) meets which of seeds/002's four stages; neither "
                          "source pairs them, so this pairing is the workbench's suggestion (seeds/003 says keeping "
                          "them lets the life cycle 相应的延续, hence decline too)"),
    "per_customers": (100, "the retention calculator states its results per 100 customers (a unit, not a figure "
                           "of the source)"),
}


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]
