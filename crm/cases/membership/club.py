"""The 花之友 club's activities (欧珀莱, seeds/002): the activation gift, the quarterly draw, who takes part,
the 2014 online booking and the forum's posts.

- 激活有礼: a member's first login activates her card; every 100th activation wins a gift
  (「激活顺序为100的整倍数」), once per member;
- 惠员有礼: one draw every three months (「会员每3个月有一次抽奖机会」);
- take-up: 「参与活动的客户数量较会员数量偏少」, and the 2014 thank-you gifts booked only online, which
  older members do not like;
- the forum: 「大部分帖子都是会员为了赚取欧圆而发的……存在大量水贴、抄袭情况」. A post is **copied**
  if it repeats an earlier post (``copied_from``), **water** if it is shorter than ``water_chars``
  characters (assumption ``post_quality``), else **substantive** (言之有物).
"""
from __future__ import annotations

import pandas as pd

from crm.cases.membership.case import _a, ACTIVATION_EVERY, AGE_BANDS, age_band, THANKS_YEAR
from crm.core.schemas import DataError

QUALITY = ("substantive", "water", "copied")


def _need(df: pd.DataFrame, cols: tuple[str, ...], table: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise DataError(f"表 {table} 缺少列：{', '.join(missing)}。", f"The {table} table lacks columns: {', '.join(missing)}.")


def activation_winners(members: pd.DataFrame, every: int = ACTIVATION_EVERY) -> pd.DataFrame:
    """The members whose activation order is a whole multiple of ``every`` (the source's 100)."""
    _need(members, ("member_id", "activation_order"), "members")
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        raise DataError(f"间隔须为正整数，收到 {every!r}。", f"The interval must be a positive whole number; got {every!r}.")
    o = members["activation_order"]
    return members[o.notna() & (o % every == 0)].sort_values("activation_order", kind="stable")


def lottery_by_quarter(club: pd.DataFrame) -> pd.DataFrame:
    """Each quarter: activated members in the club, how many logged in, how many used the draw, and the share."""
    _need(club, ("member_id", "quarter", "logins", "lottery"), "club")
    g = club.groupby("quarter").agg(members=("member_id", "size"), logged_in=("logins", lambda s: int((s > 0).sum())),
                                    drew=("lottery", "sum"))
    g["drew"] = g["drew"].astype(int)
    g["drew_share"] = g["drew"] / g["members"]
    return g


def take_up(members: pd.DataFrame, purchases: pd.DataFrame, year: int = THANKS_YEAR) -> pd.DataFrame:
    """By age band: members, share who activated the club, and the share of those who bought in ``year``
    (the thank-you booking's reach: ``eligible``) who booked its gift online (``thanks_booked``)."""
    _need(members, ("member_id", "age", "activated", "thanks_booked"), "members")
    band = members["age"].map(age_band)
    m = members.assign(band=pd.Categorical(band, categories=[b[2] for b in AGE_BANDS], ordered=True),
                       active=members["activated"].notna(),
                       eligible=eligible_for_thanks(members, purchases, year))
    m["booked"] = m["thanks_booked"].astype(bool) & m["eligible"]
    g = m.groupby("band", observed=False).agg(members=("member_id", "size"), activated=("active", "sum"),
                                              eligible=("eligible", "sum"), booked=("booked", "sum"))
    g = g.astype(int)
    g["activated_share"] = g["activated"] / g["members"].where(g["members"] > 0)
    g["booked_share"] = g["booked"] / g["eligible"].where(g["eligible"] > 0)
    return g


def eligible_for_thanks(members: pd.DataFrame, purchases: pd.DataFrame, year: int = THANKS_YEAR) -> pd.Series:
    """Members with a purchase in ``year`` (those the thank-you booking could reach), aligned with ``members``."""
    _need(purchases, ("member_id", "date"), "purchases")
    bought = purchases.loc[pd.to_datetime(purchases["date"]).dt.year == year, "member_id"]
    return members["member_id"].isin(set(bought))


def post_quality(posts: pd.DataFrame, water_chars: int | None = None) -> pd.Series:
    """Each post's quality: copied (repeats an earlier post), water (shorter than ``water_chars``), substantive."""
    _need(posts, ("post_id", "chars", "copied_from"), "posts")
    w = int(_a("post_quality")["water_chars"] if water_chars is None else water_chars)
    q = pd.Series("substantive", index=posts.index)
    q[posts["chars"] < w] = "water"
    q[posts["copied_from"].notna()] = "copied"
    return q


def forum_summary(posts: pd.DataFrame, per_post: float | None = None) -> pd.DataFrame:
    """Posts, their share and the 欧圆 they earned (``per_post``, assumption ``ouyuan_rates``) by quality."""
    rate = float(_a("ouyuan_rates")["post"] if per_post is None else per_post)
    q = post_quality(posts)
    g = q.value_counts().reindex(list(QUALITY), fill_value=0).rename("posts").to_frame()
    g["share"] = g["posts"] / max(len(posts), 1)
    g["ouyuan"] = g["posts"] * rate
    return g


__all__ = ["activation_winners", "eligible_for_thanks", "forum_summary", "lottery_by_quarter", "post_quality",
           "take_up", "QUALITY"]
