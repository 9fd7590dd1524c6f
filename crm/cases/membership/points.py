"""The points programme simulator (欧珀莱, seeds/002): earn and burn rates, the liability, who stays.

「非常兑奖。需要使用购物积分和“欧圆”兑换礼品」: a gift costs points (from shopping) **and** 欧圆 (from
logging in and posting on the club website), so only a member who activated the club can redeem. The
points system is slow: 「通常需要几天时间才能在系统中查询到最近一次的购物积分」, so on the day a member
looks, her last purchases' points may not be there yet.

Over one year of the data (2014; no balance carried in: assumption ``points_period``), a :class:`Rule`
(points per yuan, days until points show, a gift's price in points and 欧圆, 欧圆 per login and per
post) gives each member her visible points, her 欧圆 and the gifts she can take
(``min(points // gift points, 欧圆 // gift 欧圆)``). The programme's **liability** is the points earned
and not redeemed, at ``point_cost_yuan``. **Who stays** is a model, not data: the chance a member who
bought this year buys again next year is ``stay_model`` by tier, plus its ``gift_lift`` for a member who
took a gift (built to follow the source's 「通过积分赠礼的方式……促进客户多次重复购买,从而留住客户」).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from crm.cases.membership.case import _a, TIERS
from crm.cases.membership.club import post_quality
from crm.core.schemas import DataError

YEAR = 2014  # assumption ``points_period``
LOOK = f"{YEAR}-12-31"


@dataclass(frozen=True)
class Rule:
    """One design of the programme (defaults: the assumptions ``points_per_yuan``, ``posting_delay_days``,
    ``gift_price`` and ``ouyuan_rates``; ``delay_days`` None keeps each purchase's own delay in the data)."""

    points_per_yuan: float = float(_a("points_per_yuan"))
    delay_days: int | None = None
    gift_points: int = int(_a("gift_price")["points"])
    gift_ouyuan: int = int(_a("gift_price")["ouyuan"])
    login_ouyuan: float = float(_a("ouyuan_rates")["login"])
    post_ouyuan: float = float(_a("ouyuan_rates")["post"])

    def checked(self) -> "Rule":
        """The rule itself, or a bilingual DataError naming the first bad value."""
        limits = {"points_per_yuan": (0, 20), "gift_points": (1, 100_000), "gift_ouyuan": (0, 100_000),
                  "login_ouyuan": (0, 1_000), "post_ouyuan": (0, 1_000)}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "delay_days":
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v <= 60):
                    raise DataError(f"积分到账天数须为 0–60 的整数，收到 {v!r}。",
                                    f"The days until points show must be a whole number 0–60; got {v!r}.")
                continue
            lo, hi = limits[f.name]
            if isinstance(v, bool) or not isinstance(v, (int, float, np.number)) or not np.isfinite(v) or not lo <= v <= hi:
                raise DataError(f"{f.name} 须在 {lo}–{hi:,} 之间，收到 {v!r}。", f"{f.name} must be {lo}–{hi:,}; got {v!r}.")
        return self


@dataclass(frozen=True)
class Outcome:
    """What one rule gives over the year: points, gifts, liability and the modelled stayers."""

    members: int            # members who bought in the year
    points_issued: int
    points_visible: int     # on the look day (the slow system)
    points_burned: int
    gifts: int
    with_gift: int          # members with at least one gift
    short_by_delay: int     # members who would take one more gift if every point were posted
    liability_points: int
    liability_yuan: float
    ouyuan_issued: float
    ouyuan_low_quality: float  # 欧圆 paid for water and copied posts
    stay_expected: float    # modelled members buying again next year
    by_tier: pd.DataFrame   # members, with_gift, stay_expected by tier


class PointsBook:
    """The year's purchases and club activity, read once, for many :class:`Rule` s (the view's slider moves)."""

    def __init__(self, members: pd.DataFrame, purchases: pd.DataFrame, club: pd.DataFrame, posts: pd.DataFrame,
                 year: int = YEAR) -> None:
        for df, cols, name in ((members, ("member_id", "tier", "activated"), "members"),
                               (purchases, ("member_id", "date", "amount", "posted_date"), "purchases"),
                               (club, ("member_id", "quarter", "logins", "posts"), "club"),
                               (posts, ("post_id", "member_id", "date", "chars", "copied_from"), "posts")):
            missing = [c for c in cols if c not in df.columns]
            if missing:
                raise DataError(f"表 {name} 缺少列：{', '.join(missing)}。",
                                f"The {name} table lacks columns: {', '.join(missing)}.")
        look = pd.Timestamp(f"{year}-12-31")
        self.year, self.look = year, look
        d = pd.to_datetime(purchases["date"])
        p = purchases[d.dt.year == year]
        ids = pd.Index(sorted(set(p["member_id"])))
        self.ids = ids
        self.member = ids.get_indexer(p["member_id"])
        self.amount = p["amount"].to_numpy(dtype=float)
        self.days_left = (look - pd.to_datetime(p["date"])).dt.days.to_numpy()  # days from purchase to look day
        self.own_delay = (pd.to_datetime(p["posted_date"]) - pd.to_datetime(p["date"])).dt.days.to_numpy()
        m = members.set_index("member_id").reindex(ids)
        self.tier = m["tier"].astype(str).to_numpy()
        self.activated = (pd.to_datetime(m["activated"]) <= look).fillna(False).to_numpy(dtype=bool)
        c = club[club["quarter"].astype(str).str.startswith(str(year))]
        ci = ids.get_indexer(c["member_id"])
        ok = ci >= 0
        n = len(ids)
        self.logins = np.bincount(ci[ok], weights=c["logins"].to_numpy(dtype=float)[ok], minlength=n)
        po = posts[pd.to_datetime(posts["date"]).dt.year == year]
        pi = ids.get_indexer(po["member_id"])
        low = (post_quality(po) != "substantive").to_numpy()
        okp = pi >= 0
        self.posts = np.bincount(pi[okp], minlength=n).astype(float)
        self.low_posts = np.bincount(pi[okp & low], minlength=n).astype(float)
        self.stay = _a("stay_model")

    def simulate(self, rule: Rule | None = None) -> Outcome:
        """The year under ``rule`` (default: the data's assumptions)."""
        r = (rule or Rule()).checked()
        n = len(self.ids)
        pts = np.floor(self.amount * r.points_per_yuan)
        delay = self.own_delay if r.delay_days is None else np.full(len(pts), r.delay_days)
        shown = delay <= self.days_left
        issued = np.bincount(self.member, weights=pts, minlength=n)
        visible = np.bincount(self.member, weights=np.where(shown, pts, 0.0), minlength=n)
        ouyuan = self.logins * r.login_ouyuan + self.posts * r.post_ouyuan
        gifts = self._gifts(visible, ouyuan, r)
        gifts_all = self._gifts(issued, ouyuan, r)
        burned = gifts * r.gift_points
        liability = float(issued.sum() - burned.sum())
        p_stay = np.where(self.tier == "vip", self.stay["vip"], self.stay["ordinary"]) + self.stay["gift_lift"] * (gifts > 0)
        tiers = pd.DataFrame({"tier": self.tier, "with_gift": gifts > 0, "stay": p_stay})
        by_tier = tiers.groupby("tier").agg(members=("stay", "size"), with_gift=("with_gift", "sum"),
                                            stay_expected=("stay", "sum")).reindex(list(TIERS), fill_value=0)
        return Outcome(members=n, points_issued=int(issued.sum()), points_visible=int(visible.sum()),
                       points_burned=int(burned.sum()), gifts=int(gifts.sum()), with_gift=int((gifts > 0).sum()),
                       short_by_delay=int((gifts_all > gifts).sum()), liability_points=int(liability),
                       liability_yuan=liability * float(_a("point_cost_yuan")),
                       ouyuan_issued=float(ouyuan[self.activated].sum()),
                       ouyuan_low_quality=float((self.low_posts * r.post_ouyuan)[self.activated].sum()),
                       stay_expected=float(p_stay.sum()), by_tier=by_tier)

    def _gifts(self, points: np.ndarray, ouyuan: np.ndarray, r: Rule) -> np.ndarray:
        by_points = np.floor(points / r.gift_points)
        by_ouyuan = np.floor(ouyuan / r.gift_ouyuan) if r.gift_ouyuan > 0 else np.full(len(points), np.inf)
        return np.where(self.activated, np.minimum(by_points, by_ouyuan), 0.0)


def simulate(tables: dict[str, pd.DataFrame], rule: Rule | None = None, year: int = YEAR) -> Outcome:
    """One rule on the case's tables (builds a :class:`PointsBook`; a view keeps its book)."""
    return PointsBook(tables["members"], tables["purchases"], tables["club"], tables["posts"], year).simulate(rule)


__all__ = ["Outcome", "PointsBook", "Rule", "simulate", "replace", "YEAR", "LOOK"]
