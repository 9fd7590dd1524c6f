"""Exercise questions for the service-visits case (exercises/visits.ipynb).

Every expected answer is computed from the loaded tables (in :mod:`crm.answer_key.visits`), so the same
questions grade a submission on any data variant (``python -m crm.cases --case visits --seed N``).
The sample is looked at on 2013-12-31 (``REFERENCE_DATE``); a year of visits is staff × 6 visits a day ×
250 working days, divided by 1,000 for the 1-in-1,000 sample (assumptions ``visits_per_day``,
``working_days``, ``sample_rate``).
"""
from __future__ import annotations

from crm.core.exercise import NumberQuestion, question_set, SetQuestion, Text


class OrphanVips(NumberQuestion):
    qid = "q1"
    prompt = Text("样本中有多少位 VIP 客户（vip_grade 不是 none）同时是孤儿客户（所有保单的代理人都已离职、尚未重新分配）？"
                  "请由保单表和代理人表判断孤儿客户。",
                  "How many of the sample's VIP clients (vip_grade other than none) are also orphans (every policy's agent "
                  "has left and none is reassigned)? Tell the orphans from the policies and the agents.")
    hint_text = Text("orphan_clients(policies, agents) 给出孤儿客户的 client_id；再看其中 vip_grade != 'none' 的个数。",
                     "orphan_clients(policies, agents) gives the orphans' client_id; count those with vip_grade != 'none'.")
    rtol = 0.0


class OverdueClients(NumberQuestion):
    qid = "q2"
    prompt = Text("到 2013-12-31，有多少客户已有 365 天或更久没有与公司或代理人接触（假设 overdue_days）？",
                  "On 2013-12-31, how many clients have had no contact with the company or an agent for 365 days or more "
                  "(assumption overdue_days)?")
    hint_text = Text("(pd.Timestamp('2013-12-31') - clients['last_contact']).dt.days >= 365。",
                     "(pd.Timestamp('2013-12-31') - clients['last_contact']).dt.days >= 365.")
    rtol = 0.0


class StaffForVips(NumberQuestion):
    qid = "q3"
    prompt = Text("按“VIP 优先”（vip_first）的拜访顺序，最少要多少名客服人员（整数），一年才能拜访到每一位 VIP 客户？"
                  "每人每天 6 次、每年 250 个工作日，样本为千分之一。",
                  "Under the vip_first order, what is the smallest whole staff whose year of visits reaches every VIP "
                  "client? 6 visits a day each, 250 working days, the sample is 1 in 1,000.")
    hint_text = Text("VisitPlanner(clients).staff_for('vip', 'vip_first')；或：最后一位 VIP 在顺序中的位置 k，"
                     "staff = ceil(k / (6 × 250 / 1000))。",
                     "VisitPlanner(clients).staff_for('vip', 'vip_first'); or: the position k of the last VIP in the "
                     "order, staff = ceil(k / (6 × 250 / 1000)).")
    rtol = 0.0


class PremiumRuleOrphans(NumberQuestion):
    qid = "q4"
    prompt = Text("如果 2,500 名客服人员按“保费最高优先”（premium）的顺序拜访，一年能拜访到孤儿客户中的多大比例（0–1 的小数）？",
                  "If 2,500 staff visit in the premium order (largest annual premium first), what share of the orphan "
                  "clients do they reach in a year (a fraction 0–1)?")
    hint_text = Text("VisitPlanner(clients).plan(2500, rule='premium').reached['orphan']。",
                     "VisitPlanner(clients).plan(2500, rule='premium').reached['orphan'].")


class FirstTen(SetQuestion):
    qid = "q5"
    prompt = Text("按“孤儿优先”（orphan_first：先孤儿客户，其中 VIP 等级高的在前，同级中未接触最久的在前）的顺序，"
                  "最先拜访的 10 位客户是谁？给出 client_id 的列表。",
                  "Under the orphan_first order (orphans first; among them the higher VIP grade first, then the longest "
                  "unseen), which 10 clients are visited first? Give the list of client_id.")
    hint_text = Text("priority_order(clients, 'orphan_first') 给出行的位置；取前 10 个的 client_id。",
                     "priority_order(clients, 'orphan_first') gives row positions; take the first 10 client_id.")


class TenAmongLowContact(NumberQuestion):
    qid = "q6"
    prompt = Text("调查中，“定期与客户联系或沟通”打 7 分或以下的受访者，有多大比例给总体满意度打了 10 分（0–1 的小数）？",
                  "In the survey, of the respondents who scored 'regular contact' 7 or below, what share gave the "
                  "overall satisfaction a 10 (a fraction 0–1)?")
    hint_text = Text("survey[survey['contact_score'] <= 7]['overall'] == 10 的平均值；也见 contact_drivers(survey)。",
                     "The mean of survey[survey['contact_score'] <= 7]['overall'] == 10; see also contact_drivers(survey).")


class AgentCriticsContact(NumberQuestion):
    qid = "q7"
    prompt = Text("把代理人（来源中的“人”）列为最不满意因素的受访者，对“定期与客户联系或沟通”的平均打分是多少？",
                  "What is the mean 'regular contact' score of the respondents who name the agent (the source's 人) as "
                  "their least satisfying factor?")
    hint_text = Text("survey.loc[survey['least_satisfied'] == 'agent', 'contact_score'].mean()。",
                     "survey.loc[survey['least_satisfied'] == 'agent', 'contact_score'].mean().")


class AgentCriticsBelow8(NumberQuestion):
    qid = "q8"
    prompt = Text("把代理人列为最不满意因素的受访者中，总体满意度低于 8 分的占多大比例（0–1 的小数）？",
                  "Of the respondents who name the agent as their least satisfying factor, what share gave an overall "
                  "score below 8 (a fraction 0–1)?")
    hint_text = Text("survey.loc[survey['least_satisfied'] == 'agent', 'overall'] < 8 的平均值。",
                     "The mean of survey.loc[survey['least_satisfied'] == 'agent', 'overall'] < 8.")


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("visits", OrphanVips, OverdueClients, StaffForVips, PremiumRuleOrphans, FirstTen,
                         TenAmongLowContact, AgentCriticsContact, AgentCriticsBelow8)
