"""Written questions of the supermarket exercise, from the case notebook's Think and Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class OneToOne(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 1）来源建议对 A 类客户“建立客户服务档案，制定一对一的服务方案”。在数据里这意味着多少位客户（q3）？"
                  "门店能负担吗？如果不能，先服务谁？",
                  "(Discussion 1) The source says A customers deserve personal files and one-to-one service. How many "
                  "customers is that in the data (q3)? Can the store afford it? If not, whom would you serve first?")
    rubric = (
        Criterion("numbers", 2, "引用自己算出的 A 类人数（q3）和前 20% 客户的消费占比（q2）。",
                  "Quotes the own count of A customers (q3) and the top-20% share of spend (q2)."),
        Criterion("cost", 1, "用明确的假设估计一对一服务的工作量或成本（例如每位客户每月几分钟）。",
                  "Estimates the workload or cost of one-to-one service under a stated assumption."),
        Criterion("priority", 1, "提出先服务谁的规则（如 RFM 的“不能失去”、消费额前 10 名）。",
                  "Proposes whom to serve first (e.g. RFM's can't-lose cell, the top 10 spenders)."),
    )
    uses = {"q3": Text("A 类客户人数", "customers in class A"),
            "q2": Text("前 20% 客户的消费占比", "share of spend of the top 20%")}


class MemberDayLoyalty(WrittenQuestion):
    qid = "d2"
    prompt = Text("（讨论 3）这些数据能证明“会员日提高忠诚度”吗？还需要什么数据？会员日要不亏，客流提升至少要多大（q6）？",
                  "(Discussion 3) Can this data prove that a member day raises loyalty? What data would you need? "
                  "How large must the uplift be for the member day to break even (q6)?")
    rubric = (
        Criterion("causation", 1, "说明现有数据只有相关，不能证明会员日带来忠诚。",
                  "Explains that the data shows association only and cannot prove the member day causes loyalty."),
        Criterion("data", 2, "指出需要的数据：对照组（或随机分组）、会员日前后同一批客户的回访与消费。",
                  "Names the data needed: a control group (or random split), repeat visits and spend of the same "
                  "customers before and after."),
        Criterion("breakeven", 1, "引用自己算出的不亏所需客流提升（q6），并判断它是否现实。",
                  "Quotes the own break-even uplift (q6) and judges whether it is realistic."),
    )
    uses = {"q6": Text("会员日不亏所需的客流提升", "member-day uplift needed to break even")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("supermarket", OneToOne, MemberDayLoyalty)
