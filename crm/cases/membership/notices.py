"""The membership notebook's Notice cells, computed from the tables (so every figure they state is the data's).

Each returns Markdown in the house form: ``**注意 / Notice:**`` Chinese, then the English in ``*...*``, naming
the assumptions (between backticks) that the pattern rests on.
"""
from __future__ import annotations

import pandas as pd

from crm.cases.membership.churn import churn_after, churn_by, withdrawn_lines
from crm.cases.membership.club import activation_winners, forum_summary, lottery_by_quarter, take_up
from crm.cases.membership.points import Rule, simulate
from crm.core.assumptions import NOTICE_HEADER as HEADER, named


def club_notice(tables: dict[str, pd.DataFrame]) -> str:
    """Who takes part: activation and online booking by age, the activation gifts, the draw."""
    m = tables["members"]
    tu = take_up(m, tables["purchases"])
    young, old = tu.loc[["≤24", "25-29"]], tu.loc[["40-49", "50+"]]
    act_y = young["activated"].sum() / young["members"].sum()
    act_o = old["activated"].sum() / old["members"].sum()
    book_y = young["booked"].sum() / young["eligible"].sum()
    book_o = old["booked"].sum() / old["eligible"].sum()
    share = float(m["activated"].notna().mean())
    wins = len(activation_winners(m))
    lq = lottery_by_quarter(tables["club"])
    drew = float(lq["drew"].sum() / lq["members"].sum())
    zh_k, en_k = named("activation_rate", "thanks_booking", "lottery_take_up")
    return (f"{HEADER} 本数据中只有 {share:.0%} 的会员激活过俱乐部网站（30 岁以下 {act_y:.0%}，40 岁及以上 {act_o:.0%}），"
            f"所以“激活有礼”只送出了 {wins} 份；已激活会员的季度记录中，用了抽奖机会的占 {drew:.0%}。"
            f"2014 年有购买的会员里，30 岁以下的 {book_y:.0%} 在网上预约了答谢礼品，40 岁及以上的只有 {book_o:.0%}。"
            f"这些比例是按来源“参与活动的客户数量较会员数量偏少”“年龄较大的并不习惯这种方式”的说法生成的，"
            f"数字本身是本数据集的假设（{zh_k}），来源没有给出任何参与率。"
            f"*In this data only {share:.0%} of members ever activated the club website (under 30: {act_y:.0%}; 40 and "
            f"over: {act_o:.0%}), so the activation gift went out {wins} times; of the activated members' quarters, "
            f"{drew:.0%} used the draw. Of the members who bought in 2014, {book_y:.0%} of those under 30 booked the "
            f"thank-you gift online and only {book_o:.0%} of those 40 and over. The shares are built to follow the "
            f"source's claims that fewer customers take part than there are members and that older customers are not "
            f"used to booking online; the figures themselves are assumptions of this data set ({en_k}): the source "
            f"gives no take-up rate.*")


def points_notice(tables: dict[str, pd.DataFrame]) -> str:
    """What the default rule gives, and what dropping the 欧圆 price would change."""
    o = simulate(tables)
    free = simulate(tables, Rule(gift_ouyuan=0))
    now = simulate(tables, Rule(delay_days=0))
    zh_k, en_k = named("points_per_yuan", "gift_price", "ouyuan_rates", "point_cost_yuan", "points_period",
                       "posting_delay_days", "stay_model")
    return (f"{HEADER} 按数据集的默认规则，2014 年购买过的 {o.members:,} 位会员中只有 {o.with_gift:,} 位兑换到礼品，"
            f"未兑换的积分折合 {o.liability_yuan:,.0f} 元的负债；礼品如果不再要欧圆，能兑换的会员增至 {free.with_gift:,} 位。"
            f"积分若即时到账，年末可查到的积分会多 {now.points_visible - o.points_visible:,} 分。"
            f"规则、价格、每分成本和“谁留下”的模型都是本数据集的假设（{zh_k}）；模型估计的留存来自假设的比率，不是欧珀莱的数据。"
            f"*Under the data set's default rule, of the {o.members:,} members who bought in 2014 only {o.with_gift:,} "
            f"took a gift, and the points not redeemed are a liability of {o.liability_yuan:,.0f} yuan; if a gift "
            f"needed no 欧圆, {free.with_gift:,} members could take one. Were points posted at once, "
            f"{now.points_visible - o.points_visible:,} more points would be visible at year end. The rule, the "
            f"prices, the cost of a point and the stay model are assumptions of this data set ({en_k}); the modelled "
            f"stayers come from assumed rates, not from AUPRES's data.*")


def forum_notice(tables: dict[str, pd.DataFrame]) -> str:
    """How much of the forum, and of the 欧圆 it pays, is water and copying."""
    f = forum_summary(tables["posts"])
    low = float(f.loc[["water", "copied"], "share"].sum())
    sub = int(f.loc["substantive", "posts"])
    zh_k, en_k = named("post_quality", "posts_per_login", "ouyuan_rates")
    return (f"{HEADER} 本数据的 {len(tables['posts']):,} 个帖子中，{low:.0%} 是水贴或抄袭，言之有物的只有 {sub:,} 个；"
            f"按每帖相同的欧圆，它们也拿走了同样比例的欧圆。这是按来源“大部分帖子都是会员为了赚取欧圆而发的”的说法生成的，"
            f"比例是本数据集的假设（{zh_k}）：来源只说“大部分”“大量”，没有给出数字。"
            f"*Of the {len(tables['posts']):,} posts in this data, {low:.0%} are water or copied and only {sub:,} are "
            f"substantive; at the same 欧圆 a post, they take the same share of the 欧圆. This is built to follow the "
            f"source's claim that most posts are written to earn 欧圆; the shares are assumptions of this data set "
            f"({en_k}): the source says 'most' and 'a great many' without a figure.*")


def churn_notice(tables: dict[str, pd.DataFrame], months: int = 6) -> str:
    """Users of each withdrawn series against the others, and by age for the latest change."""
    p, lines = tables["purchases"], tables["lines"]
    parts_zh, parts_en = [], []
    for line in withdrawn_lines(lines):
        s = churn_after(p, lines, line, months)["left_share"]
        parts_zh.append(f"{line} 的用户 {s['users']:.0%}、其他会员 {s['others']:.0%}")
        parts_en.append(f"{line}'s users {s['users']:.0%}, the others {s['others']:.0%}")
    last = withdrawn_lines(lines)[-1]
    b = churn_by(p, tables["members"], lines, last, months, "age_band")[("left_share", "users")]
    zh_k, en_k = named("switch_share", "change_churn", "base_churn", "replaced", "change_month")
    return (f"{HEADER} 撤下后 {months} 个月内没有任何购买的比例：{'；'.join(parts_zh)}。{last} 的用户中，"
            f"25–29 岁的 {b['25-29']:.0%}、40–49 岁的 {b['40-49']:.0%}。差距是生成器按来源“这使得一些习惯使用老产品的客户流失”的说法放进去的："
            f"年龄较大的用户换新系列的比例更低是本数据集的假设（{zh_k}），被撤下的旧系列 O1、O2 和撤下的月份也是假设；"
            f"数据不能说明欧珀莱的真实流失率。"
            f"*Share who bought nothing in the {months} months after the change: {'; '.join(parts_en)}. Of {last}'s "
            f"users, {b['25-29']:.0%} of those aged 25–29 and {b['40-49']:.0%} of those aged 40–49. The gap is built "
            f"to follow the source's claim that the new series made some customers used to the old products leave: "
            f"that older users switch less is an assumption of this data set ({en_k}), as are the withdrawn series O1 "
            f"and O2 and the months; the data cannot tell AUPRES's real churn.*")
