"""Written questions of the service-visits exercise, from the case notebook's Think prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic questions
whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class WhomFirst(WrittenQuestion):
    qid = "d1"
    prompt = Text("（思考 1）来源说“有限的服务资源需要优先保证VIP客户的服务”，又说孤儿客户“实际上处于无人服务状态”。"
                  "用你在 q1、q3 和 q4 中算出的数字，说明不足 2,500 名客服人员应当按什么顺序拜访，你放弃了什么？"
                  "哪些数字是来源给的，哪些是本数据的假设，你会向分公司要哪些资料来确定它们？",
                  "(Think 1) The source says limited service must put the VIPs first, and that orphan clients are in fact "
                  "served by nobody. With your numbers from q1, q3 and q4, say in which order fewer than 2,500 staff "
                  "should visit and what you give up. Which figures are the source's and which are assumptions of this "
                  "data, and what would you ask the branch for to settle them?")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的孤儿 VIP 客户数（q1）、拜访全部 VIP 所需人数（q3）和按保费排序时孤儿客户的覆盖率（q4）。",
                  "Quotes the own count of orphan VIPs (q1), the staff needed to reach every VIP (q3) and the orphans' "
                  "coverage under the premium order (q4)."),
        Criterion("rule", 2, "给出明确的拜访顺序（或配额），并说明它对 VIP、孤儿客户和久未接触客户各覆盖多少，最好在视图中试过。",
                  "Gives a clear order (or quotas) and says what it covers of the VIPs, the orphans and the long unseen, "
                  "ideally tried in the view."),
        Criterion("assumed", 1, "区分来源的数字（1278.5 万客户、不足 2500 人）与假设（每天 6 次拜访、250 个工作日、VIP 比例、代理人离职率）。",
                  "Separates the source's figures (12.785 million clients, fewer than 2,500 staff) from the assumptions "
                  "(6 visits a day, 250 working days, the VIP mix, the agents' leaving rate)."),
        Criterion("reassign", 1, "提到孤儿客户的根本办法是重新分配代理人（来源：“通过回收和再分配,盘活客户资源”），而不只是客服拜访。",
                  "Notes that the lasting remedy for orphans is to reassign an agent (the source: recover and "
                  "reallocate the client resource), not staff visits alone."),
    )
    uses = {"q1": Text("孤儿 VIP 客户数", "orphan VIPs"), "q3": Text("拜访全部 VIP 所需人数", "staff to reach every VIP"),
            "q4": Text("按保费排序时孤儿客户的覆盖率", "orphans reached under the premium order")}


class SmsVersusSurvey(WrittenQuestion):
    qid = "d2"
    prompt = Text("（思考 2）来源说拜访后客户短信中“非常满意”占比超过 97%，“明显超过”第三方调查的“定期与客户联系或沟通”"
                  "满意度 7.95 分。这两个数字可以这样比较吗？用 q6、q7 和 q8 的数字，说明调查能告诉我们什么、不能告诉我们什么，"
                  "以及你会怎样衡量拜访的效果。",
                  "(Think 2) The source says that over 97% of the clients' text messages after a visit were 'very "
                  "satisfied', 'clearly above' the third-party survey's 7.95 for regular contact. Can the two be "
                  "compared like this? With your numbers from q6, q7 and q8, say what the survey can and cannot tell us, "
                  "and how you would measure what the visits achieve.")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的 q6、q7、q8 的数字。", "Quotes the own numbers of q6, q7 and q8."),
        Criterion("comparable", 2, "指出不可比之处：一个是“非常满意”的比例，一个是 10 分制的平均分；短信在代理人自己的拜访结束时、"
                                   "由被拜访的客户发出，调查由第三方对随机客户做。",
                  "Says why they are not comparable: a share of 'very satisfied' against a mean on a 10-point scale; the "
                  "text is sent at the end of the agent's own visit by a visited client, the survey is a third party's "
                  "of sampled clients."),
        Criterion("generated", 1, "说明本数据中联系评分与总体评分的关系是生成器的假设（contact_link），不能证明联系导致满意。",
                  "Says that in this data the link between the contact and overall scores is the generator's assumption "
                  "(contact_link), and cannot show that contact causes satisfaction."),
        Criterion("design", 1, "提出更好的衡量方法：同一量表、同一调查方，拜访与未拜访客户（或拜访前后）的比较。",
                  "Proposes a better measure: the same scale and surveyor, visited against unvisited clients (or before "
                  "and after)."),
    )
    uses = {"q6": Text("联系评分 7 分及以下者中打 10 分的比例", "share of 10s among contact scores of 7 or below"),
            "q7": Text("不满代理人者的联系评分均值", "mean contact score of the agent's critics"),
            "q8": Text("不满代理人者中总体低于 8 分的比例", "share below 8 among the agent's critics")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("visits", WhomFirst, SmsVersusSurvey)
