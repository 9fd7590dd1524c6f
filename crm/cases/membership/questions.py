"""Exercise questions for the membership case (exercises/membership.ipynb).

Every expected answer is computed from the loaded tables (in :mod:`crm.answer_key.membership`), so the same
questions grade a submission on any data variant (``python -m crm.cases --case membership --seed N``).
"""
from __future__ import annotations

from crm.core.exercise import NumberQuestion, question_set, SetQuestion, Text


class ActivationWinners(SetQuestion):
    qid = "q1"
    prompt = Text("“激活有礼”：激活顺序为 100 的整倍数的会员获得礼品。哪些会员得到了激活礼品？给出 member_id 的列表。",
                  "The activation gift goes to every member whose activation order is a whole multiple of 100. "
                  "Which members won it? Give the list of member_id.")
    hint_text = Text("members['activation_order'] % 100 == 0（空值不算）。",
                     "members['activation_order'] % 100 == 0 (empty values do not count).")


class ActivatedShare(NumberQuestion):
    qid = "q2"
    prompt = Text("全部会员中，在俱乐部网站激活过会员卡的比例是多少？（用小数，如 0.25）",
                  "What share of all members ever activated their card on the club website? (a fraction, e.g. 0.25)")
    hint_text = Text("members['activated'].notna().mean()。", "members['activated'].notna().mean().")


class LotteryDraws(NumberQuestion):
    qid = "q3"
    prompt = Text("“惠员有礼”每 3 个月一次抽奖。2014 年四个季度合计，已激活会员一共用了多少次抽奖机会？",
                  "The draw comes every three months. Over the four quarters of 2014, how many draws did the activated "
                  "members use in all?")
    hint_text = Text("club 中 quarter 以 '2014' 开头的行，lottery 之和。",
                     "The club rows whose quarter starts with '2014': the sum of lottery.")
    rtol = 0.0


class OlderBookingShare(NumberQuestion):
    qid = "q4"
    prompt = Text("2014 年答谢礼品只能在网上预约。2014 年有购买的 40 岁及以上会员中，在网上预约了的比例是多少？",
                  "In 2014 the thank-you gift could be booked only online. Of the members aged 40 or more who bought "
                  "in 2014, what share booked it online?")
    hint_text = Text("先找出 purchases 中 2014 年有购买的 member_id，再看其中 age ≥ 40 的 thanks_booked 平均值。",
                     "Find the member_id with a purchase in 2014, then the mean of thanks_booked of those aged 40+.")


class LowQualityPosts(NumberQuestion):
    qid = "q5"
    prompt = Text("论坛帖子中，抄袭的（copied_from 非空）或水贴（少于 15 个字，假设 post_quality）一共有多少个？",
                  "How many of the forum's posts are copied (copied_from not empty) or water (fewer than 15 "
                  "characters, assumption post_quality)?")
    hint_text = Text("copied_from.notna() | (chars < 15) 的个数。", "The count of copied_from.notna() | (chars < 15).")
    rtol = 0.0


class ChurnGap(NumberQuestion):
    qid = "q6"
    prompt = Text("O2 系列于 2014-03-01 撤下（涌泉润肌上市）。撤下前 12 个月买过 O2 的会员中，撤下后 6 个月内没有任何购买的比例，"
                  "比同期买过其他系列、没买 O2 的会员高多少？（两个比例之差，用小数）",
                  "Series O2 was withdrawn on 2014-03-01 (when 涌泉润肌 came). Of the members who bought O2 in the 12 "
                  "months before, the share who bought nothing in the 6 months after, minus the same share among "
                  "those who bought in those 12 months but not O2? (a difference of fractions)")
    hint_text = Text("churn_after(purchases, lines, 'O2', 6)['left_share']：users − others。",
                     "churn_after(purchases, lines, 'O2', 6)['left_share']: users − others.")


class UnredeemedPoints(NumberQuestion):
    qid = "q7"
    prompt = Text("按默认规则（每元 1 分、礼品 1,000 分加 50 欧圆、每次登录 1 欧圆、每帖 5 欧圆）模拟 2014 年：未兑换的积分（负债）"
                  "折合多少元（每分 0.02 元）？",
                  "Simulate 2014 under the default rule (1 point a yuan, a gift for 1,000 points and 50 欧圆, 1 欧圆 a "
                  "login, 5 a post): what is the liability of the points not redeemed, in yuan (0.02 yuan a point)?")
    hint_text = Text("simulate(tables).liability_yuan；或自己算：2014 年积分合计 − 兑换掉的积分，乘以 0.02。",
                     "simulate(tables).liability_yuan; or by hand: 2014's points minus the points redeemed, × 0.02.")


class GiftTakers(NumberQuestion):
    qid = "q8"
    prompt = Text("同一模拟中，如果礼品不再要欧圆（gift_ouyuan = 0），有多少会员至少能兑换一份礼品？",
                  "In the same simulation, if a gift needed no 欧圆 (gift_ouyuan = 0), how many members could take at "
                  "least one gift?")
    hint_text = Text("simulate(tables, Rule(gift_ouyuan=0)).with_gift；只有激活过俱乐部的会员能在网站兑换。",
                     "simulate(tables, Rule(gift_ouyuan=0)).with_gift; only members who activated the club can redeem "
                     "on its website.")
    rtol = 0.0


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("membership", ActivationWinners, ActivatedShare, LotteryDraws, OlderBookingShare,
                         LowQualityPosts, ChurnGap, UnredeemedPoints, GiftTakers)
