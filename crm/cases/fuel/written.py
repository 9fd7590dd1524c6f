"""Written questions of the fuel-station exercise, from the case notebook's Think and Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class CallsPerWeek(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 2）周期预警和三级维护都要打电话。用你在 q3 和 q4 中算出的数字估计：一位员工一周要打多少个电话？"
                  "两者加起来会不会太多？你会怎样调整（例如 N 的取值、片区与加油站的分工）？",
                  "(Discussion 2) Both cycle alerts and three-level care need calls. With your numbers from q3 and q4, "
                  "estimate how many calls one employee makes a week. Do the two together ask too much? What would "
                  "you change (the N of the alert, how districts and stations share the calls)?")
    rubric = (
        Criterion("numbers", 2, "引用了自己算出的预警次数（q3）和片区电话数（q4），并换算成每周、每人。",
                  "Quotes the own alert count (q3) and district calls (q4), turned into calls per week and person."),
        Criterion("capacity", 1, "明确说出一位员工一周能打多少电话的假设，并与估计比较。",
                  "States an explicit assumption of how many calls one employee can make a week and compares."),
        Criterion("tradeoff", 1, "指出取舍：N 越大电话越少，但发现流失越晚。",
                  "Names the trade-off: a larger N means fewer calls but later detection."),
        Criterion("recommend", 1, "给出一个具体、可执行的建议。", "Ends with a concrete recommendation."),
    )
    uses = {"q3": Text("学习期后的预警次数（N = 3）", "anomaly flags after the learning window (N = 3)"),
            "q4": Text("片区一年的回访电话数", "district calls a year")}


class CausedGrowth(WrittenQuestion):
    qid = "d2"
    prompt = Text("（想一想）这些数字能证明客户关系管理导致了增长吗？同一时期还有什么变化？没有对照组，我们能说什么、不能说什么？"
                  "你会怎样设计一个能回答这个问题的比较？",
                  "(Think) Do these figures prove that the CRM practices caused the growth? What else changed at the "
                  "same time? Without a comparison group, what can we say and what not? How would you design a "
                  "comparison that could answer it?")
    rubric = (
        Criterion("causation", 2, "区分相关与因果：前后对比不能证明是 CRM 带来的增长。",
                  "Separates association from cause: a before/after rise does not show CRM caused it."),
        Criterion("confounders", 1, "举出至少两个同期的其他变化（新系统、加油卡推广、竞争对手、油价）。",
                  "Names at least two other changes of the period (new system, card push, competitors, prices)."),
        Criterion("design", 2, "提出可行的对照：分批推行的加油站、对照站或随机试验，并说明比较什么指标。",
                  "Proposes a workable comparison (staggered roll-out, control stations, a randomised trial) and the "
                  "measure it compares."),
    )


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("fuel", CallsPerWeek, CausedGrowth)
