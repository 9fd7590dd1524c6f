"""Written questions of the car-care exercise, from the case notebook's Think and Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class DecisiveStep(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 2）投诉处理的七个步骤里，哪一步最能决定客户去留？用你在 q3 和 q4 中算出的留存比例说明，数据支持你的判断吗？",
                  "(Discussion 2) Of the seven complaint steps, which decides most whether a customer stays? Use your "
                  "stay shares from q3 and q4: does the data support you?")
    rubric = (
        Criterion("numbers", 2, "引用自己算出的留存比例（q3：没有补救；q4：24 小时内答复）。",
                  "Quotes the own stay shares (q3: without repair; q4: first reply within 24 hours)."),
        Criterion("compare", 1, "与一个基准比较（全部已结案投诉的留存比例，或来源的 70%）。",
                  "Compares with a baseline (the stay share of all closed complaints, or the source's 70%)."),
        Criterion("limits", 1, "指出局限：步骤之间相关、观察数据不能排除其他原因。",
                  "Names the limits: steps go together, observational data cannot rule out other causes."),
    )
    uses = {"q3": Text("没有“补救关系”时客户留下的比例", "stay share without the repair step"),
            "q4": Text("24 小时内首次答复时客户留下的比例", "stay share with a first reply within 24 hours")}


class StaffAndProfit(WrittenQuestion):
    qid = "d2"
    prompt = Text("（想一想）数据中的相关（例如 q8 的内部服务质量与员工满意度）能证明“对员工好带来利润”吗？还有哪些解释？",
                  "(Think) Do the data's correlations (such as q8's internal service quality and satisfaction) prove "
                  "that treating staff well brings profit? What else could explain them?")
    rubric = (
        Criterion("numbers", 1, "引用自己算出的相关系数（q8）并说明其大小。", "Quotes the own correlation (q8) and reads its size."),
        Criterion("alternatives", 2, "给出至少两种其他解释：反向因果、共同原因（门店位置、店长）、选择。",
                  "Gives at least two other explanations: reverse cause, a common cause (location, manager), selection."),
        Criterion("evidence", 1, "说明什么证据能更有说服力（试点门店、前后对比加对照）。",
                  "Says what evidence would convince (pilot centres, before/after with a control)."),
    )
    uses = {"q8": Text("内部服务质量与员工满意度的相关系数", "correlation of internal service quality and satisfaction")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("carcare", DecisiveStep, StaffAndProfit)
