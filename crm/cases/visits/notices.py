"""The visits notebook's Notice cells, computed from the tables (so every figure they state is the data's).

Each returns Markdown in the house form: ``**注意 / Notice:**`` Chinese, then the English in ``*...*``, naming
the assumptions (between backticks) that the pattern rests on.
"""
from __future__ import annotations

import pandas as pd

from crm.cases.visits.case import _a, SERVICE_STAFF, SHARE_BELOW_8
from crm.cases.visits.plan import VisitPlanner
from crm.core.assumptions import NOTICE_HEADER as HEADER, named


def plan_notice(tables: dict[str, pd.DataFrame]) -> str:
    """What the source's staff reaches in a year, and how much the order decides for the orphans and VIPs."""
    p = VisitPlanner(tables["clients"])
    orphan_first, vip_first, premium = (p.plan(SERVICE_STAFF, rule=r) for r in ("orphan_first", "vip_first", "premium"))
    share_orphans = p.counts["orphan"] / p.counts["all"]
    need = p.staff_for("orphan", "orphan_first")
    vpd, days = _a("visits_per_day"), _a("working_days")
    kz, ke = named("visits_per_day", "working_days", "sample_rate")
    oz, oe = named("agent_left_rate", "reassigned_share", "vip_mix")
    return (f"{HEADER} 以来源的上限 {SERVICE_STAFF:,} 人（“不足2500人”）为人手、每人每天 {vpd} 次、每年 {days} 天（本数据集的假设 {kz}），"
            f"一年能拜访样本中 {orphan_first.reached['all']:.0%} 的客户：无论按什么顺序，大多数客户一年也见不到一次。"
            f"孤儿客户占样本的 {share_orphans:.1%}、VIP 客户占 {p.counts['vip'] / p.counts['all']:.1%}，这两个比例来自本数据集的假设"
            f"（{oz}），来源没有给出。按“孤儿客户优先”，{need:,} 人一年就能拜访到全部孤儿客户；按“VIP 优先”，孤儿客户只拜访到 "
            f"{vip_first.reached['orphan']:.0%}；按“保费最高优先”只拜访到 {premium.reached['orphan']:.0%}。顺序决定谁被拜访，"
            f"这是计划的算术，不是中国人寿江苏的数据。"
            f"*With the source's upper bound of {SERVICE_STAFF:,} staff (「不足2500人」), {vpd} visits a day each and {days} days a year "
            f"(assumptions of this data set: {ke}), a year's visits reach {orphan_first.reached['all']:.0%} of the sample's "
            f"clients: whatever the order, most clients are not seen once a year. Orphans are "
            f"{share_orphans:.1%} of the sample and VIPs {p.counts['vip'] / p.counts['all']:.1%}, shares that come from "
            f"assumptions of this data set ({oe}); the source gives neither. Orphans first, {need:,} staff visit every "
            f"orphan in a year; VIPs first, only {vip_first.reached['orphan']:.0%} of the orphans are visited; largest "
            f"premium first, only {premium.reached['orphan']:.0%}. The order decides who is visited: this is the "
            f"arithmetic of the plan, not China Life Jiangsu's data.*")


def survey_notice(tables: dict[str, pd.DataFrame]) -> str:
    """The published figures the answers are built to follow, and the contact link the generator assumes."""
    s = tables["survey"]
    low, ten = s["contact_score"] <= 7, s["contact_score"] == 10
    low_ten = float((s.loc[low, "overall"] == 10).mean())
    top_ten = float((s.loc[ten, "overall"] == 10).mean())
    n_below = int((s["overall"] < 8).sum())
    sz, se = named("score_nine_share", "below_8_shape", "factor_mix", "issue_mix")
    cz, ce = named("contact_link")
    return (f"{HEADER} 本数据按来源的数字生成：{len(s)} 份回答平均 {s['overall'].mean():.2f} 分，打 10 分的占 "
            f"{(s['overall'] == 10).mean():.1%}，8 分以下的 {n_below} 人（{n_below / len(s):.1%}：{len(s)} 人中没有一个整数人数"
            f"恰好是 {SHARE_BELOW_8:.1%}，取最接近的）。分数在 8 与 9 之间和 8 分以下如何分布、代理人以外的因素各占多少，都是本数据集的假设"
            f"（{sz}）。“定期与客户联系或沟通”打 7 分及以下的受访者中，{low_ten:.0%} 给总体打了 10 分，打 10 分的受访者中是 "
            f"{top_ten:.0%}：这一关系是生成器按假设放进去的（{cz}），来源只给了各项的平均分，不能由此说联系得少导致不满意。"
            f"*In this data, built to follow the source's figures: the {len(s)} answers average {s['overall'].mean():.2f}, "
            f"{(s['overall'] == 10).mean():.1%} gave 10 and {n_below} ({n_below / len(s):.1%}) scored below 8 (no whole "
            f"number of {len(s)} respondents is exactly {SHARE_BELOW_8:.1%}, so the nearest). How the scores split between 8 and 9 and "
            f"below 8, and the shares of the factors other than the agent, are assumptions of this data set ({se}). Of the "
            f"respondents who scored regular contact 7 or below, {low_ten:.0%} gave the company a 10 overall; of those who "
            f"scored it 10, {top_ten:.0%}: the generator put this link there under an assumption ({ce}); the source gives "
            f"only the means, and this cannot show that too little contact causes dissatisfaction.*")
