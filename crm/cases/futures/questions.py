"""Exercise questions for the futures case (exercises/futures.ipynb).

Every expected answer is computed from the loaded tables, so the same questions grade a
submission on any data variant (``python -m crm.cases --case futures --seed N``).
"""
from __future__ import annotations


from crm.core.exercise import NumberQuestion, SetQuestion, Text, question_set

AS_OF = "2013-12-31"
WEEK = "2014-01-06"


class RepeatedRequests(NumberQuestion):
    qid = "q1"
    prompt = Text("2013 年营业部交给后台的请求中，有多少件是在解决一个此前已经有人提出过的问题？"
                  "（请求数减去不同问题 problem_id 的个数）",
                  "Of the 2013 requests branches took to the back office, how many were about a problem someone "
                  "had raised before? (Requests minus distinct problem_id.)")
    hint_text = Text("len(requests) 与 requests['problem_id'].nunique() 之差。",
                     "The difference between len(requests) and requests['problem_id'].nunique().")
    rtol = 0.0


class CoreClientCount(NumberQuestion):
    qid = "q2"
    prompt = Text("按 2013 年手续费从高到低排序，最少需要多少个账户，它们的手续费合计才达到 2013 年手续费总额的 80%？"
                  "这些账户约占全部账户的多少？来源的 80/20 法则成立吗？",
                  "Ranking accounts by 2013 commission, how few accounts together bring 80% of 2013 commission? "
                  "What share of all accounts is that, and does the source's 80/20 rule hold?")
    hint_text = Text("只取 2013 年的月份，按 client_id 汇总 commission，从高到低累加；累计占比第一次达到 80% 的那个账户也算在内。"
                     "crm.cases.futures.scoring.core_clients 可以做这件事。",
                     "Keep the 2013 months, sum commission by client_id, accumulate from the largest; the account "
                     "whose commission crosses 80% counts too. crm.cases.futures.scoring.core_clients does this.")
    rtol = 0.0


class LostClients(NumberQuestion):
    qid = "q3"
    prompt = Text("用默认规则 RoleRules()（6 个月无交易且权益低于 1 万元即流失）判断 2013 年底的角色，流失客户有多少位？",
                  "With the default rules RoleRules() (no trade for 6 months and funds under 10,000 yuan means lost), "
                  "how many clients are lost at the end of 2013?")
    hint_text = Text("crm.cases.futures.roles.client_roles(clients, accounts, '2013-12-31')，数一数 role == 'lost'。",
                     "crm.cases.futures.roles.client_roles(clients, accounts, '2013-12-31'), then count role == 'lost'.")
    rtol = 0.0


class MisrecordedExisting(NumberQuestion):
    qid = "q4"
    prompt = Text("现有档案（按本数据集假设的规则 role_recorded_rule 记录）把多少位客户记为“现有客户”"
                  "（role_recorded == 'existing'），而他们其实已经流失（truth 中 status == 'left'）？",
                  "How many clients does today's file (recorded by this data set's assumed rule, role_recorded_rule) "
                  "record as existing (role_recorded == 'existing') although they have really left (status == 'left' in truth)?")
    hint_text = Text("把 clients 与 truth 按 client_id 合并，同时满足两个条件的行数。",
                     "Merge clients with truth on client_id and count the rows meeting both conditions.")
    rtol = 0.0


class MeanResolutionHours(NumberQuestion):
    qid = "q5"
    prompt = Text("2013 年的请求从提出（raised_at）到解决（resolved_at）平均经过多少小时（按日历时间）？",
                  "On average, how many hours (calendar time) passed between a 2013 request being raised "
                  "(raised_at) and resolved (resolved_at)?")
    hint_text = Text("(resolved_at - raised_at) 是时间差，.dt.total_seconds() / 3600 换算成小时后求平均。",
                     "(resolved_at - raised_at) is a time difference; .dt.total_seconds() / 3600 gives hours; average them.")


class TopScoredClients(SetQuestion):
    qid = "q6"
    prompt = Text("用最近 12 个月的指标（client_indicators）和默认权重（DEFAULT_WEIGHTS）给客户评分，得分最高的 10 位客户是谁？给出 client_id 的列表。",
                  "Score the clients on the last 12 months' indicators (client_indicators) with the default weights "
                  "(DEFAULT_WEIGHTS). Who are the 10 best-scored clients? Give a list of client_id.")
    hint_text = Text("score_clients(client_indicators(clients, accounts), DEFAULT_WEIGHTS) 已按排名排序。",
                     "score_clients(client_indicators(clients, accounts), DEFAULT_WEIGHTS) is sorted by rank.")


class DissatisfiedShare(NumberQuestion):
    qid = "q7"
    prompt = Text("满意度调查中，总体满意度（overall）不高于 2 分的“不满意客户”占受访者的比例是多少？（小数）",
                  "In the survey, what share of respondents are dissatisfied (overall rating 2 or lower)? (A fraction.)")
    hint_text = Text("(survey['overall'] <= 2).mean()", "(survey['overall'] <= 2).mean()")


class UnanalysedComplaints(NumberQuestion):
    qid = "q8"
    prompt = Text("有多少件投诉从来没有做过原因分析（日志中没有 step == 'analysed' 的事件）？",
                  "How many complaints were never root-cause analysed (no event with step == 'analysed' in the log)?")
    hint_text = Text("所有投诉编号的个数，减去出现过 analysed 步骤的投诉编号个数。",
                     "The number of complaint ids, minus the number of ids that have an 'analysed' step.")
    rtol = 0.0


class NewAccountCallsDue(NumberQuestion):
    qid = "q9"
    prompt = Text(f"按默认回访规则 CallbackRules()，从 {WEEK} 开始的这一周，有多少位新开户客户（reason == 'new_account'）应当回访？",
                  f"With the default rules CallbackRules(), how many new accounts (reason == 'new_account') are due "
                  f"a call in the week starting {WEEK}?")
    hint_text = Text("crm.cases.futures.callbacks.calls_due(clients, accounts, callbacks, 周一日期) 返回应回访名单。",
                     "crm.cases.futures.callbacks.calls_due(clients, accounts, callbacks, the Monday) returns the list of calls due.")
    rtol = 0.0


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("futures", RepeatedRequests, CoreClientCount, LostClients, MisrecordedExisting, MeanResolutionHours,
                         TopScoredClients, DissatisfiedShare, UnanalysedComplaints, NewAccountCallsDue)
