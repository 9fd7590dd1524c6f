"""Written questions of the bank exercise, from the case notebook's Think and Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class TopTwenty(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 1）汇丰先“鉴别最佳客户”，再“设计最佳体验”。这家银行的数据支持把资源集中到前 20% 的客户吗？"
                  "代价是什么？银行应该放弃只贡献 20% 利润的普通客户吗？",
                  "(Discussion 1) HSBC first identifies the best customers, then designs the best experience. Does this "
                  "bank's data support concentrating resources on the top 20%? At what cost? Should the bank give up "
                  "the ordinary clients who bring only 20% of profit?")
    rubric = (
        Criterion("numbers", 2, "引用自己算出的前 20% 利润占比（q1）和贵宾人数（q2）。",
                  "Quotes the own top-20% profit share (q1) and the number of VIPs (q2)."),
        Criterion("cost", 1, "说出集中资源的代价（普通客户流失、未来的贵宾来自今天的普通客户、声誉）。",
                  "Names a cost of concentrating (ordinary clients leave, tomorrow's VIPs are today's ordinary "
                  "clients, reputation)."),
        Criterion("differentiate", 1, "主张差异化服务而不是放弃，并说明低成本服务普通客户的方式。",
                  "Argues for differentiated service rather than giving up, with a low-cost way to serve ordinary clients."),
    )
    uses = {"q1": Text("前 20% 客户的利润占比（2014）", "profit share of the top 20% (2014)"),
            "q2": Text("贵宾客户人数（2014）", "VIP clients (2014)")}


class FairScorecard(WrittenQuestion):
    qid = "d2"
    prompt = Text("（讨论 3）评分卡的分值透明、可改：这对客户公平吗？哪些属性不应进入评分卡？你会怎样检查一张评分卡是否公平？",
                  "(Discussion 3) A transparent, editable scorecard: is it fair to clients? Which attributes should never "
                  "be scored? How would you check whether a scorecard is fair?")
    rubric = (
        Criterion("transparency", 1, "权衡透明可改的利弊（可解释、可申诉 vs. 可被人为操纵）。",
                  "Weighs transparency and editability (explainable and open to appeal vs. open to manipulation)."),
        Criterion("attributes", 2, "举出不应评分的属性（性别、民族、宗教、户籍等）并指出“代理变量”的问题。",
                  "Names attributes never to score (gender, ethnicity, religion, household registration) and the "
                  "problem of proxies."),
        Criterion("check", 1, "提出检查方法：按群体比较批准率和违约率，或检查人工调整的分布。",
                  "Proposes a check: approval and bad rates compared by group, or the spread of manual adjustments."),
    )
    uses = {"q4": Text("最终评分的 AUC", "AUC of the final score")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("bank", TopTwenty, FairScorecard)
