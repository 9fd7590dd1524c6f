"""Written questions of the credit exercise, from the case notebook's Think prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic questions
whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class WhatTheModelHides(WrittenQuestion):
    qid = "d1"
    prompt = Text("（思考 1）这里的分值、等级界限和营运资产公式都是假设，来源只给了结构。用你在 q3 和 q4 中算出的数字，"
                  "说明哪一个假设最能改变授信总额，你会向时风集团营销管理部要哪些资料来确定它？",
                  "(Think 1) The points, grade cut-offs and operating-asset formula are assumptions; the source gives only "
                  "the structure. With your numbers from q3 and q4, say which assumption would change the total limit "
                  "most, and what you would ask Shifeng's marketing department for to settle it.")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的 1 级客户数（q3）和授信总额（q4）。",
                  "Quotes the own count of grade-1 clients (q3) and the total limit (q4)."),
        Criterion("assumed", 1, "明确指出哪些是来源给出的（18 项、6 级、五档额度），哪些是假设。",
                  "States what the source gives (18 items, 6 grades, five bands) and what is assumed."),
        Criterion("sensitivity", 2, "说明某个假设（如 grade_factor、limit_rate）如何改变额度，最好在视图中试过。",
                  "Explains how one assumption (e.g. grade_factor, limit_rate) moves the limits, ideally tried in the view."),
        Criterion("data", 1, "列出要的资料：72 项信息的评分表、等级界限、营运资产模型的公式与比例。",
                  "Lists what to ask for: the scoring sheet of the 72 facts, the grade cut-offs, the operating-asset "
                  "formula and rates."),
    )
    uses = {"q3": Text("1 级客户数", "grade-1 clients"), "q4": Text("授信额度合计", "total limit")}


class StopShipping(WrittenQuestion):
    qid = "d2"
    prompt = Text("（思考 2）来源说逾期两周时“视事态性质停止发货”。用 q6、q7 和 q8 的数字，"
                  "你会怎样决定对双十客户中哪些客户停止发货？重点客户和一般客户应当区别对待吗？",
                  "(Think 2) The source says that at two weeks overdue shipments may be stopped 'as the case requires'. "
                  "With your numbers from q6, q7 and q8, how would you decide which double-ten clients to stop "
                  "shipping to? Should key and general clients be treated differently?")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的今天到期各步骤的发票金额（q6）、逾期一个月以上金额（q7）和双十重叠客户（q8）。",
                  "Quotes the own amount of the invoices due a step today (q6), the amount over a month overdue (q7) and the "
                  "double-ten overlap (q8)."),
        Criterion("cause", 1, "区分信用原因与非信用原因（如不可抗力延期、海南经销商的台风），后者先协调。",
                  "Separates credit from non-credit causes (force majeure, the Hainan dealer's typhoons): coordinate first."),
        Criterion("rule", 2, "给出具体规则：金额、账龄、等级、是否已在黑名单，谁批准。",
                  "Gives a concrete rule: amount, age, grade, whether already on the warning list, who approves."),
        Criterion("tier", 1, "讨论重点/一般客户的区别及其代价（失去客户与坏账风险）。",
                  "Discusses key vs general clients and the cost either way (losing a client, a bad debt)."),
    )
    uses = {"q6": Text("今天到期各步骤的发票金额", "amount of the invoices due a step today"),
            "q7": Text("逾期一个月以上的金额", "amount over a month overdue"),
            "q8": Text("双十重叠客户", "clients in both lists of the double ten")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("credit", WhatTheModelHides, StopShipping)
