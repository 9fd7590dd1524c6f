"""Written questions of the membership exercise, from the case notebook's Think prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic questions
whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class CurrencyBackfires(WrittenQuestion):
    qid = "d1"
    prompt = Text("（思考 1）来源说论坛里“大部分帖子都是会员为了赚取欧圆而发的”。用你在 q5、q7 和 q8 中算出的数字，"
                  "说明欧圆的规则怎样造成了水贴和抄袭，并设计一条新规则：它奖励什么、怎样防止刷帖，对兑换礼品的人数和积分负债有什么影响？",
                  "(Think 1) The source says most forum posts are written to earn 欧圆. With your numbers from q5, q7 and "
                  "q8, explain how the 欧圆 rule produces water posts and copying, and design a new rule: what it rewards, "
                  "how it stops post-farming, and what it does to the number of gift takers and the points liability.")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的水贴与抄袭帖数（q5）、积分负债（q7）和不要欧圆时的兑换人数（q8）。",
                  "Quotes the own count of water and copied posts (q5), the liability (q7) and the gift takers without 欧圆 (q8)."),
        Criterion("incentive", 1, "说明按帖数付欧圆奖励的是数量而不是质量（激励的反作用），且兑换要欧圆把不上网的会员挡在外面。",
                  "Explains that paying 欧圆 per post rewards quantity, not quality (an incentive backfiring), and that "
                  "needing 欧圆 to redeem shuts out members who do not go online."),
        Criterion("design", 2, "给出具体的新规则（如按被采纳、被点赞或审核的帖子给欧圆、每日上限、抄袭检测），并在模拟器中试过其影响。",
                  "Gives a concrete rule (欧圆 for posts others find useful or that pass review, a daily cap, copy "
                  "checks) and tried its effect in the simulator."),
        Criterion("assumed", 1, "指出模拟器中的兑换价格、欧圆比率和“谁留下”都是假设，来源没有给出数字。",
                  "Says the gift prices, 欧圆 rates and the stay model are assumptions; the source gives no figures."),
    )
    uses = {"q5": Text("水贴与抄袭帖数", "water and copied posts"), "q7": Text("积分负债（元）", "liability (yuan)"),
            "q8": Text("不要欧圆时能兑换的会员数", "gift takers without 欧圆")}


class OldCustomersLeave(WrittenQuestion):
    qid = "d2"
    prompt = Text("（思考 2）来源说新系列取代旧系列“使得一些习惯使用老产品的客户流失”，而年龄较大的客户也不习惯网上预约。"
                  "用 q4 和 q6 的数字，为下一次产品线更替写一份留住老客户的计划：谁、什么时候、通过哪个渠道（专柜、美容顾问、网上）。"
                  "来源中普通会员与 VIP 会员区别的表格在抓取中丢失了：你还需要知道什么？",
                  "(Think 2) The source says new series replacing old ones made some customers used to the old products "
                  "leave, and that older customers are not used to booking online. With your numbers from q4 and q6, "
                  "write a plan to keep the old customers at the next product-line change: whom, when, through which "
                  "channel (counter, beauty adviser, online). The source's table of the differences between ordinary "
                  "and VIP members is lost in the scrape: what else would you need to know?")
    rubric = (
        Criterion("numbers", 1, "引用了自己算出的流失差距（q6）和 40 岁及以上会员的网上预约比例（q4）。",
                  "Quotes the own churn gap (q6) and the online booking share of members aged 40+ (q4)."),
        Criterion("target", 1, "用数据找出风险最高的人（旧系列的用户、年龄较大者），在撤下之前而不是之后行动。",
                  "Uses the data to find who is most at risk (the old series' users, older members) and acts before the "
                  "withdrawal, not after."),
        Criterion("channel", 2, "选择适合她们的渠道（专柜试用、美容顾问电话、小样），不只依靠网上活动；说明怎样衡量效果。",
                  "Chooses channels that reach them (counter trials, the beauty adviser's call, samples), not online "
                  "only; says how the effect would be measured."),
        Criterion("missing", 1, "指出 VIP 待遇的表格已丢失，不能编造；列出要向欧珀莱要的资料（VIP 规则与待遇、真实的流失率）。",
                  "Says the VIP table is lost and must not be made up; lists what to ask AUPRES for (the VIP rule and "
                  "privileges, real churn rates)."),
    )
    uses = {"q4": Text("40 岁及以上会员的网上预约比例", "online booking share, members aged 40+"),
            "q6": Text("撤下 O2 后的流失差距", "churn gap after O2 was withdrawn")}


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("membership", CurrencyBackfires, OldCustomersLeave)
