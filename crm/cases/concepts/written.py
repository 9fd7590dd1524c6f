"""Written questions of the concepts exercise, from the case notebook's Think prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic questions
whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class WhichMultiple(WrittenQuestion):
    qid = "d1"
    prompt = Text("（思考 1）来源给出了“5~10 倍”（发展新客户的成本，seeds/001）、“6 倍”（向新客户推销的花费，seeds/001）"
                  "和“6 倍”（开发新客户的费用，seeds/002）。做一年的保持与开发预算时你会用哪一个？为什么它们不矛盾（或矛盾）？"
                  "用 q5 和 q6 的数字说明，客户流失的代价除了重新获客的成本还有什么。",
                  "(Think 1) The sources give 5–10× (the cost of developing a new customer, seeds/001), 6× (the spend on "
                  "selling to a new customer, seeds/001) and 6× (the cost of developing a new customer, seeds/002). "
                  "Which would you use in a year's keep-and-win budget, and why do they (not) contradict each other? With "
                  "your numbers from q5 and q6, say what losing a customer costs besides winning a new one.")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的继续合作人数（q5）和听到不满的人数（q6）。",
                  "Quotes the own number who stay (q5) and the people who hear of the dissatisfaction (q6)."),
        Criterion("sources", 2, "分清三个数字各自衡量什么（成本、推销花费、另一家企业的费用）和出处，不把它们合并成一个。",
                  "Says what each figure measures (cost, selling spend, another firm's cost) and where it is from, "
                  "without merging them into one."),
        Criterion("choice", 1, "说明自己选哪个数字、在预算中怎样用（例如 5 与 10 两端都算一遍）。",
                  "Says which figure to use and how (e.g. both ends, 5 and 10)."),
        Criterion("beyond", 1, "指出口碑和 70% 的挽回等代价来源只给了数字、没有给企业的数据。",
                  "Notes that word of mouth and the 70 % recovered are the source's figures, not a firm's data."),
    )
    uses = {"q5": Text("继续合作人数", "customers who stay"), "q6": Text("听到不满的人数", "people who hear")}


class EmptyStrategies(WrittenQuestion):
    qid = "d2"
    prompt = Text("（思考 2）seeds/001 的“保持策略”一节在抓取的文本中是空的。用 q3 和 q4 的结果，为 IV 类和 II 类客户各提出"
                  "一条保持策略，并说明它属于哪一种增长战略（忠诚、扩充、获得、多样化），以及客户处在生命周期的哪一期时最合适。",
                  "(Think 2) The 'retention strategies' section of seeds/001 is empty in the scraped text. With your "
                  "results of q3 and q4, propose one retention strategy for type IV and one for type II customers, say "
                  "which growth strategy (loyalty, expansion, acquisition, diversification) each belongs to, and at "
                  "which stage of the life cycle it fits best.")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的 IV 类客户数（q3）和 II 类客户（q4）。",
                  "Quotes the own count of type-IV customers (q3) and the type-II customers (q4)."),
        Criterion("empty", 1, "明确说明来源没有给出策略，所提策略是自己的。",
                  "States that the source gives no strategy and the one proposed is the student's own."),
        Criterion("fit", 2, "策略与类型的定义（现值）相符：IV 类保住当前价值，II 类把潜力变成利润。",
                  "Fits each strategy to the type's definition (present values): keep IV's current value, turn II's "
                  "potential into profit."),
        Criterion("frameworks", 1, "把策略放进增长战略和生命周期（考察期、形成期、稳定期、衰退期）中。",
                  "Places it among the growth strategies and the life cycle (exploration, formation, stability, decline)."),
    )
    uses = {"q3": Text("IV 类客户数", "type-IV customers"), "q4": Text("II 类客户", "type-II customers")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("concepts", WhichMultiple, EmptyStrategies)
