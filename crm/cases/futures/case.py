"""天富期货 · the Tianfu Futures case (seeds/000 案例一): its definition and constants.

What the case is (name, title, source), the sentences quoted from the source, the modelling
assumptions (each named, with why), and the constants the analytics, views, questions and the
generator (:mod:`crm.cases.futures.data`) share. Nothing here generates or reads data.
"""
from __future__ import annotations
import pandas as pd
from crm.cases.futures.roles import RoleRules
from crm.cases.futures.routing import RoutingConfig
from crm.core.assumptions import config_assumptions
from crm.core.complaints import Flow

NAME = "futures"
TITLE = "天富期货有限公司 · Tianfu Futures"
SUMMARY = "客服中心、客户角色、80/20 核心客户、客户评价、回访、投诉与满意度 · Service hub, client roles, core clients, scoring, callbacks, complaints"
FIRST_MONTH, LAST_MONTH = "2012-01", "2013-12"
DEFAULT_SEED = 2013
SOURCE = "seeds/000_20c42c6c043d0e77.txt"
FILES = {"clients": "clients.csv", "accounts": "accounts.csv.gz", "truth": "truth.csv",
         "requests": "requests.csv.gz", "complaints": "complaints.csv", "callbacks": "callbacks.csv",
         "survey": "survey.csv"}
YEAR_START = pd.Timestamp("2013-01-01")

QUOTES: tuple[tuple[str, str, str], ...] = (
    (SOURCE, "在实际工作中,营业部为满足客户需求、处理客户问题时,直接找研发部、技术部、结算部等部门解决问题,绕过了客服部",
     "requests: every 2013 request goes from a branch straight to a back-office department; none passes customer service"),
    (SOURCE, "而各营业部往往为相同的问题分头找后台部门,后台部门只能分头依次解决,这增加了工作的重复率",
     "requests.problem_id: common problems are raised by several branches and each request is solved again"),
    (SOURCE, "将客服部定位为客户关系管理的核心部门,使客服部成为连接前台、营业部、研发部及其他部门的纽带",
     "the routing model's hub design (crm.cases.futures.routing) runs on the same requests"),
    (SOURCE, "企业 80%的销售收入和利润来自仅占总数 20%的客户",
     "accounts.commission: the top 20 % of accounts by 2013 commission bring about 80 % of it"),
    (SOURCE, "核心客户筛选标准过于粗糙",
     "clients.core_flag stands for the crude screen, which the source names but does not describe: the funds-only "
     "rule and its threshold are an assumption of this data set (core_flag_equity)"),
    (SOURCE, "可以将客户分为现有客户、潜在客户、流失客户、以及非公司客户等不同角色进行管理",
     "clients and accounts carry what a role rule needs; clients.role_recorded is the role in today's file by a rule "
     "this data set assumes (role_recorded_rule: the source gives the roles as a feature of the proposed platform and "
     "does not say how the firm records clients today); truth the real status"),
    (SOURCE, "按照潜在客户与已开户客户两个方向进行全程跟踪、定期回访,对客户资金量的变化及交易次数的变动等情况做出及时地评估",
     "callbacks: calls to potential and newly opened accounts; accounts: monthly funds and number of trades"),
    (SOURCE, "如果当时能够解决,则应该现场解决,反之,应该告诉客户,公司会以最快的速度进行处理,在什么时间内进行答复,后期与客户进行沟通确认",
     "complaints: an event log with received, reply promised (unless solved on the spot), resolved, confirmed, filed, analysed"),
    (SOURCE, "客服部针对投诉的问题进行详细的整理和归档,并对投诉问题的原因进行分析,力求此类问题不再重复发生",
     "complaints.root_cause: some causes recur across branches; some complaints are never analysed"),
    (SOURCE, "定期对公司的客户进行满意度调查,并将满意度调查结果汇总,重点分析不满意客户的问题所在",
     "survey: overall satisfaction and six service items, 1 to 5, drawn independently of the requests and the "
     "complaints (survey_item_means, survey_weights): the data cannot tell why an item is rated low"),
)

_BRANCHES = ("changchun", "jilin", "siping", "yanji", "tonghua", "baicheng", "songyuan", "liaoyuan", "baishan",
             "meihekou", "gongzhuling", "harbin", "shenyang", "dalian", "beijing", "shanghai", "zhengzhou",
             "qingdao", "hangzhou", "shenzhen")

ASSUMPTIONS: dict[str, tuple[object, str]] = {
    "branches": (len(_BRANCHES), "sales branches (营业部): the firm is Jilin-based, most branches in the north-east"),
    "branch_weights": ((9, 6, 4, 4, 3, 3, 3, 3, 2, 2, 2, 5, 5, 4, 5, 5, 4, 3, 3, 3),
                       "relative number of client records per branch (the head-office city largest)"),
    "brokers_per_branch": ((5, 12), "range of brokers (经纪人) per branch"),
    "client_records": (20_000, "client records drawn, accounts and contacts together; accounts closed before 2012 "
                               "are then gone from the file"),
    "status_mix": ({"account": 0.66, "prospect": 0.24, "other_firm": 0.10},
                   "records that hold an account, potential clients, and contacts trading at another firm"),
    "open_years": ((2006, 2013), "accounts were opened in these years (more in recent years)"),
    "yearly_leave_rate": (0.12, "share of active accounts that stop trading in a year and leave"),
    "close_share_of_leavers": (0.5, "share of leavers who close the account (the others leave it dormant)"),
    "median_equity": (80_000.0, "median funds (客户权益) of an active account, yuan"),
    "equity_sigma": (1.45, "sd of log funds across accounts: a few very large accounts"),
    "trades_per_month": (12.0, "mean number of trades a month of an active account"),
    "activity_sigma": (0.9, "sd of log trading activity across accounts"),
    "lots_per_trade_per_100k": (2.0, "lots per trade for every 100,000 yuan of funds"),
    "commission_per_lot": (6.0, "commission the firm keeps per lot traded, yuan"),
    "monthly_return_sd": (0.12, "sd of the monthly change of an account's funds"),
    "idle_month_share": (0.15, "chance an active account does not trade in a given month"),
    "requests_per_branch_day": (1.5, "requests a branch takes to the back office per working day"),
    "shared_share": (0.4, "share of requests about a problem other branches raise too"),
    "routing": ("RoutingConfig()", "the rest of the routing model: crm.cases.futures.routing.RoutingConfig's defaults"),
    "hours_per_day": (8.0, "working hours a day (08:30-12:30, 13:00-17:00 counted as one block from 08:30)"),
    "complaints_per_1000_accounts": (25, "complaints a year per 1,000 accounts"),
    "on_spot_share": (0.35, "chance that a complaint the branch keeps (not escalated) is solved on the spot"),
    "complaint_limits_h": ({"received": 4, "reply_promised": 24, "resolved": 72, "confirmed": 168, "filed": 336},
                           "time limits (hours from a step to the next): answer or promise within 4 h, reply within "
                           "the promised 24 h, confirm within 3 days, file within a week, analyse within two weeks"),
    "escalation_share": ((0.3, 0.25), "share escalated from branch to customer service, and from there to compliance"),
    "skip_confirm_share": (0.15, "complaints never confirmed with the client"),
    "skip_analysis_share": (0.3, "complaints filed without a root-cause analysis"),
    "callbacks_new_account": ((7, 30, 90), "days after opening when customer service should call a new account"),
    "callback_done_share": (0.7, "share of due callbacks actually made in 2013"),
    "survey_respondents": (1_500, "clients answering the survey (on the days of survey_days)"),
    "survey_days": (("2013-12-02", 14), "first day and number of days of the satisfaction survey: the source says "
                                        "only that customer service surveys clients regularly (定期), not when"),
    "survey_weights": ({"response_speed": 0.3, "trading_system": 0.25, "staff_service": 0.2, "settlement": 0.1,
                        "research": 0.1, "fees": 0.05}, "weight of each item in a client's overall satisfaction"),
    "survey_item_means": ({"response_speed": 3.0, "trading_system": 3.4, "staff_service": 3.8, "settlement": 3.9,
                           "research": 3.5, "fees": 3.3}, "mean rating of each item (1-5)"),
    "core_flag_equity": (500_000.0, "the workbench's stand-in for the crude screen: the source says only that the "
                                    "screening criteria are too crude (核心客户筛选标准过于粗糙) and gives neither rule "
                                    "nor threshold; here today's file marks a client core when his funds at the end of "
                                    "2013 reach this, nothing else"),
}
ASSUMPTIONS["role_recorded_rule"] = (
    {"open_account": "existing", "closed_account": "lost", "no_account": "potential"},
    "the workbench's stand-in for how today's file records roles (clients.role_recorded): the source gives the four "
    "roles as a feature of the proposed platform and says nothing of how the firm records clients today; here the "
    "file looks only at the account, so nobody is marked non-company")
ROOT_CAUSES = ("software_freeze", "late_margin_call", "statement_error", "fee_dispute", "broker_promise",
               "slow_withdrawal", "data_feed_delay", "account_paperwork")
CAUSE_WEIGHTS = (0.22, 0.16, 0.14, 0.12, 0.1, 0.1, 0.09, 0.07)
ASSUMPTIONS["complaint_root_causes"] = (dict(zip(ROOT_CAUSES, CAUSE_WEIGHTS)),
                                        "root causes of complaints and their shares (the source names none)")
#: The views' model assumptions, read from their classes (the routing model, the role rules).
ASSUMPTIONS.update(config_assumptions(RoutingConfig, "routing"))
ASSUMPTIONS.update(config_assumptions(RoleRules, "roles"))
ROOT_CAUSE_DEPT = {"software_freeze": "technology", "late_margin_call": "risk", "statement_error": "settlement",
                   "fee_dispute": "settlement", "broker_promise": "branch", "slow_withdrawal": "settlement",
                   "data_feed_delay": "technology", "account_paperwork": "branch"}
TOPICS = {"research": ("market_view", "strategy_report"), "technology": ("software", "connection"),
          "settlement": ("statement", "funds_transfer"), "risk": ("margin", "position_limit")}
SURVEY_ITEMS = tuple(ASSUMPTIONS["survey_weights"][0])  # type: ignore[arg-type]
COMPLAINT_STEPS = ("received", "reply_promised", "resolved", "confirmed", "filed", "analysed")
COMPLAINT_LEVELS = ("branch", "customer_service", "compliance")


def complaint_flow() -> Flow:
    """The complaint process the source proposes, as a :class:`crm.core.complaints.Flow`.

    Received → (reply promised, unless solved on the spot) → resolved → confirmed with
    the client → filed → root cause analysed; levels branch, customer service,
    compliance; the time limits are the assumption ``complaint_limits_h``.
    """
    return Flow("futures_complaints", COMPLAINT_STEPS, COMPLAINT_LEVELS, _a("complaint_limits_h"),
                optional=("reply_promised",))


def _a(name: str):  # noqa: ANN202
    return ASSUMPTIONS[name][0]


def branches() -> tuple[str, ...]:
    """Branch codes (pinyin of the city; labels in widgets.i18n ``branch.<code>``)."""
    return _BRANCHES
