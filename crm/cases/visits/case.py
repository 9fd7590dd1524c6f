"""中国人寿江苏 · the service-visits case (seeds/002): its definition, the source's figures and quotes, constants.

The paper (肖建友, 汤华, 中国人寿保险股份有限公司江苏省分公司) speaks of 「某省级分公司」, "a provincial
branch": that it is the authors' own Jiangsu branch is the reader's inference, not the source's words.
Throughout the scrape the word 「人」 stands where the paper had 代理人 (the agent): 「对人不满意」 is
"dissatisfied with the agent". The scrape also lost the paper's 图3 (「从图3可知」), which showed the
breakdown of dissatisfaction with agents; only the two shares quoted in the text survive (44.5 %, 36.2 %).

What the case is (name, title, source), the sentences quoted, the figures the source gives (each with
its sentence), the modelling assumptions (each named, with why), and the constants shared by the
analytics, views, questions and the generator (:mod:`crm.cases.visits.data`). Nothing here generates
or reads data.
"""
from __future__ import annotations

NAME = "visits"
TITLE = "中国人寿江苏 · Service visits at China Life Jiangsu"
SUMMARY = ("客服人员见不到每一位客户：先拜访谁、多少人手能覆盖多少客户，以及 501 位客户的满意度调查 · "
           "A staff that cannot see every client: whom to visit first, what coverage a staff size buys, "
           "and the survey of 501 clients")
DEFAULT_SEED = 2013
SOURCE = "seeds/002_d50ebfd6dc09df34.txt"
YEAR = 2013
REFERENCE_DATE = "2013-12-31"  # the end of the year of the survey and of the 「客户大拜访活动」
FILES = {"agents": "agents.csv", "clients": "clients.csv.gz", "policies": "policies.csv.gz", "survey": "survey.csv"}

# --- figures from the source (seeds/002, 一、3 and 二、1, 三、5) -------------------------------------------
CLIENTS = 12_785_000  # "2013年拥有有效个人客户数1278.5万人"
SERVICE_STAFF = 2_500  # "全省直接从事客服工作的员工不足2500人" (fewer than: an upper bound)
RESPONDENTS = 501  # "501个被访客户"
MEAN_SCORE = 8.52  # "总体满意度平均8.52分(满分10分)"
SHARE_TEN = 0.521  # "其中打10分的占52.1%"
SHARE_BELOW_8 = 0.197  # "8分以下的占19.7%"
SHARE_AGENT = 0.445  # "客户最不满意的因素主要在“人”(占44.5%)"  (人 = 代理人, the agent)
SHARE_AFTER_SALES = 0.362  # "对人不满意因素集中在“售后服务”(占36.2%)"
AGENT_SCORE = 8.26  # "客户对人的总体评价为8.26分(满分10分)"
CONTACT_SCORE = 7.95  # "其中“定期与客户联系或沟通”满意度为7.95分"
SMS_VERY_SATISFIED = 0.97  # "“非常满意”占比超过97%" (a lower bound, from the agents' own visits: not comparable)
TELESALES_CLOSE = 0.001  # "实际签单率未超过千分之一" (an upper bound)
COMPLAINTS_2013 = 21_000  # "2013年保监会处理各类保险消费投诉2.1万件" (the whole industry, not this branch)

#: The client groups the planner reports on (orphans: every policy's agent has left, 孤儿客户).
GROUPS: tuple[str, ...] = ("all", "orphan", "vip", "overdue")
VIP_GRADES: tuple[str, ...] = ("none", "silver", "gold", "diamond")  # the source: 「划分VIP客户的不同等级」, names assumed
#: What a respondent names as the factor he is least satisfied with (the source gives the agent's share only).
FACTORS: tuple[str, ...] = ("agent", "claims", "counter_service", "product", "phone_sms", "other")
#: What he is least satisfied with about the agent (the source gives the after-sales share only; 图3 is lost).
AGENT_ISSUES: tuple[str, ...] = ("after_sales", "mis_selling", "expertise", "manner", "other")
POLICY_KINDS: tuple[str, ...] = ("life", "health", "accident", "annuity")

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "比如某省级分公司2013年拥有有效个人客户数1278.5万人,而全省直接从事客服工作的员工不足2500人",
     "clients: a 1-in-1,000 sample (12,785 clients stand for 12.785 million); the planner's default staff is 2,500"),
    (SOURCE, "随着推行“零现金缴费和支付”,公司和客户基本上“不再见面”",
     "clients.last_contact: many clients have not met anyone of the company for years"),
    (SOURCE, "501个被访客户的总体满意度平均8.52分(满分10分),其中打10分的占52.1%,8分以下的占19.7%",
     "survey: 501 rows; overall scores made to give this mean and these shares as closely as whole answers allow"),
    (SOURCE, "客户最不满意的因素主要在“人”(占44.5%)。对人不满意因素集中在“售后服务”(占36.2%)",
     "survey.least_satisfied and survey.agent_issue (人 is the scrape's 代理人, the agent); figure 3 with the other "
     "shares is lost"),
    (SOURCE, "客户对人的总体评价为8.26分(满分10分),其中“定期与客户联系或沟通”满意度为7.95分,明显低于总体评价",
     "survey.agent_score and survey.contact_score: means made to be 8.26 and 7.95"),
    (SOURCE, "孤儿客户指该客户持有的所有保单的人都已离职,并处于尚未重新分配新人的状态",
     "policies.agent_id and agents.active: a client is an orphan when every agent of his policies has left"),
    (SOURCE, "有限的服务资源需要优先保证VIP客户的服务,需要确保服务品质和频次",
     "clients.vip_grade: the planner's vip_first rule"),
    (SOURCE, "客户满意度统计中“非常满意”占比超过97%",
     "not generated: the SMS replies are sent at the end of the agent's own visit and are not comparable with the "
     "independent survey"),
)

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "sample_rate": (1_000, "the data holds 1 client in 1,000 of the branch's 12.785 million (12,785 clients)"),
    "vip_mix": ({"none": 0.9, "silver": 0.06, "gold": 0.03, "diamond": 0.01},
                "share of clients per VIP grade; the source grades VIPs but gives no shares or names"),
    "policies_per_client": ({1: 0.6, 2: 0.25, 3: 0.1, 4: 0.05}, "how many policies a client holds (more for VIPs)"),
    "agent_left_rate": (0.35, "share of the agents who sold the sample's policies and have left by the end of 2013 "
                              "(the source speaks of 「人队伍“大进大出”」 without a figure)"),
    "reassigned_share": (0.7, "share of the clients whose agent left that already have a new agent (the rest are "
                              "orphans, 「尚未重新分配新人」)"),
    "clients_per_agent": (40, "clients an agent serves on average in the sample"),
    "contact_gap_days": ({"served": 300, "orphan": 900},
                         "mean days since the last contact for a client with an active agent and for an orphan"),
    "visits_per_day": (6, "visits one member of staff can make in a working day"),
    "working_days": (250, "working days in a year"),
    "overdue_days": (365, "a client not contacted for this many days is overdue"),
    "score_nine_share": (0.45, "share of 9s among the respondents scoring 8 or 9 (the source gives no split)"),
    "below_8_shape": ({0: 0.01, 1: 0.01, 2: 0.03, 3: 0.06, 4: 0.12, 5: 0.3, 6: 0.27, 7: 0.2},
                      "shape of the scores below 8 before they are nudged to the published mean"),
    "factor_mix": ({"claims": 0.18, "counter_service": 0.12, "product": 0.12, "phone_sms": 0.08, "other": 0.05},
                   "what the 55.5 % not naming the agent name as their least satisfying factor (the base of the "
                   "44.5 % is not stated: assumed to be all 501)"),
    "issue_mix": ({"mis_selling": 0.25, "expertise": 0.17, "manner": 0.13, "other": 0.09},
                  "the agent issues other than after-sales (figure 3 with their shares is lost)"),
    "visits_a_year": (1, "the plan visits a client at most once a year (the source gives no visit frequency)"),
    "priority_rules": (("orphan_first", "vip_first", "longest_gap", "premium"),
                       "the orders the planner offers: orphans first (then the higher VIP grade, then the longest "
                       "unseen), VIPs first (then the longest unseen), the longest unseen first, the largest premium "
                       "first; the source puts VIPs first and says orphans need a visit but gives no order between "
                       "them, and its value model (over a hundred variables) is not given: premium is a crude stand-in"),
    "contact_link": (0.55, "weight of the overall score in a respondent's contact score (the rest is noise): how much "
                          "the survey's drivers move together is generated, not the source's"),
}


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]
