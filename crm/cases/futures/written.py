"""Written questions of the futures-broker exercise, from the case notebook's Think and Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class HubProof(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 3）这些数据能证明“客服枢纽提高满意度”吗？还需要什么数据？用你算出的重复请求数（q1）和不满意客户比例（q7）说明。",
                  "(Discussion 3) Can this data prove that the hub raises satisfaction? What data would you need? "
                  "Use your count of repeated requests (q1) and share of dissatisfied clients (q7).")
    rubric = (
        Criterion("numbers", 2, "引用自己算出的重复请求数（q1）和不满意比例（q7）。",
                  "Quotes the own repeated requests (q1) and dissatisfied share (q7)."),
        Criterion("causation", 1, "指出枢纽方案是模拟，不是观察到的结果；没有前后对比和对照就不能证明。",
                  "Notes the hub is simulated, not observed; without before/after and a control it proves nothing."),
        Criterion("data", 1, "说出需要的数据：推行前后同一批客户的满意度、对照营业部。",
                  "Names the data needed: satisfaction of the same clients before and after, control branches."),
    )
    uses = {"q1": Text("重复解决的请求数（2013）", "requests re-solving a known problem (2013)"),
            "q7": Text("不满意客户的比例", "share of dissatisfied respondents")}


class WhoSetsRules(WrittenQuestion):
    qid = "d2"
    prompt = Text("（讨论 2）角色规则、评分权重和回访规则都是可调的参数。谁应该决定它们？多久复核一次？"
                  "现有档案错记的“现有客户”（q4）说明了什么？",
                  "(Discussion 2) Role rules, score weights and callback rules are all parameters. Who should set them, "
                  "and how often should they be reviewed? What do the clients wrongly kept as existing (q4) tell you?")
    rubric = (
        Criterion("owner", 1, "为每类参数指定负责人（客服部、营业部、风控或管理层），并说明理由。",
                  "Names an owner for each kind of parameter (customer service, branches, risk, management), with reasons."),
        Criterion("review", 1, "给出复核频率和触发复核的信号。", "Gives a review frequency and the signal that triggers a review."),
        Criterion("numbers", 2, "引用自己算出的流失客户数（q3）和错记的现有客户数（q4），说明规则的影响。",
                  "Quotes the own lost clients (q3) and clients wrongly kept as existing (q4) to show what the rules do."),
    )
    uses = {"q3": Text("默认规则下的流失客户数", "lost clients under the default rules"),
            "q4": Text("被错记为现有客户的流失客户数", "lost clients recorded as existing")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("futures", HubProof, WhoSetsRules)
