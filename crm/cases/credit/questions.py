"""Exercise questions for the credit case (exercises/credit.ipynb).

Every expected answer is computed from the loaded tables (in :mod:`crm.answer_key.credit`), so the same
questions grade a submission on any data variant (``python -m crm.cases --case credit --seed N``).
The book is looked at on 2012-12-31 (assumption ``as_of``).
"""
from __future__ import annotations

from crm.core.exercise import NumberQuestion, question_set, SetQuestion, Text


class MeanCurrentRatio(NumberQuestion):
    qid = "q1"
    prompt = Text("客户的流动比率（流动资产 / 流动负债）的中位数是多少？",
                  "What is the median current ratio (current assets / current liabilities) of the clients?")
    hint_text = Text("crm.cases.credit.rating.ratios(clients)['current'].median()。",
                     "crm.cases.credit.rating.ratios(clients)['current'].median().")


class BelowQuickStandard(NumberQuestion):
    qid = "q2"
    prompt = Text("有多少客户的速动比率低于标准值 1.0（假设 standard_ratios）？",
                  "How many clients have a quick ratio below the standard 1.0 (assumption standard_ratios)?")
    hint_text = Text("速动比率 = (流动资产 − 存货) / 流动负债。", "Quick ratio = (current assets − inventory) / current liabilities.")
    rtol = 0.0


class GradeOneClients(NumberQuestion):
    qid = "q3"
    prompt = Text("按 72 项信息的总分，有多少客户的特征信用等级为 1 级？",
                  "From the 72 facts' total points, how many clients have characteristic grade 1?")
    hint_text = Text("rate_book(clients, facts)['grade']；等级由得分比例和 grade_cuts 决定。",
                     "rate_book(clients, facts)['grade']; the grade follows the share of points and grade_cuts.")
    rtol = 0.0


class TotalLimit(NumberQuestion):
    qid = "q4"
    prompt = Text("所有客户的授信额度合计多少元？", "What is the total credit limit granted to all clients, in yuan?")
    hint_text = Text("rate_book(clients, facts)['limit'].sum()。", "rate_book(clients, facts)['limit'].sum().")


class ThreeAClients(SetQuestion):
    qid = "q5"
    prompt = Text("哪些客户的额度分级为 3A（60–100 万元）？给出 client_id 的列表。",
                  "Which clients are in band 3A (600,000–1,000,000 yuan)? Give the list of client_id.")
    hint_text = Text("rate_book(...)['band'] == '3A'。", "rate_book(...)['band'] == '3A'.")


class DueTodayAmount(NumberQuestion):
    qid = "q6"
    prompt = Text("2012-12-31 这一天，RPM 系统中到期要走某个步骤（发货确认、临期提示、信用警告、加大催款、列入黑名单）的未付发票，金额合计多少元？",
                  "On 2012-12-31, how much (yuan) do the open invoices that are due a step of the RPM timeline that day "
                  "(confirm, remind, warn, press, blacklist) add up to?")
    hint_text = Text("due_today(invoices, '2012-12-31')['amount'].sum()；发货确认在发货后一周内的每一天都列出。",
                     "due_today(invoices, '2012-12-31')['amount'].sum(); confirm is listed on every day of the week "
                     "after shipping.")


class OverdueMonthAmount(NumberQuestion):
    qid = "q7"
    prompt = Text("2012-12-31 未付、逾期超过 30 天（31 天及以上）的应收账款合计多少元？",
                  "On 2012-12-31, how much (yuan) is open more than 30 days past the (extended) due date (31 days or more)?")
    hint_text = Text("open_on(invoices, '2012-12-31')，days_overdue ≥ 31 的 amount 之和；也是 ageing 的 31-90 与 >90 两列之和。",
                     "open_on(invoices, '2012-12-31'), sum amount where days_overdue ≥ 31; also the 31-90 and >90 "
                     "columns of ageing.")


class DoubleTenBoth(SetQuestion):
    qid = "q8"
    prompt = Text("全集团的“双十客户”中，哪些客户同时在“金额最大十家”和“账龄最长十家”里？",
                  "Of the group's double ten, which clients are in both the ten largest and the ten oldest debts?")
    hint_text = Text("largest, oldest = double_ten(invoices, '2012-12-31')；两者 index 的交集。",
                     "largest, oldest = double_ten(invoices, '2012-12-31'); the intersection of their index.")


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("credit", MeanCurrentRatio, BelowQuickStandard, GradeOneClients, TotalLimit, ThreeAClients,
                         DueTodayAmount, OverdueMonthAmount, DoubleTenBoth)
