"""Generator for the membership case, 欧珀莱 (seeds/002).

The source gives the club's rules and its problems, not its members: every member, purchase, club
visit and post here is generated under the named assumptions of
:data:`crm.cases.membership.case.ASSUMPTIONS` (printed in the datasheet). Month by month a member
buys (Poisson, by tier), mostly her usual line; a member may stop at any month (``base_churn``);
when her usual line is withdrawn (O1 in 2012, O2 in 2014, ``change_month``) she moves to the new
series or leaves within three months (``switch_share``, lower for older members: built to follow the
source's claim). Club activity (activation, logins, draws, posts) and the 2014 online booking are
drawn by age band, never from the purchases.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.membership.case import (_a, ACTIVATION_EVERY, broad_band, DEFAULT_SEED, END, LINES, SEGMENTS, START,
                                       THANKS_YEAR)

_MONTHS = pd.date_range(START, END, freq="MS")
_STANDING = ("时光锁", "美白", "防晒")


def _lines() -> pd.DataFrame:
    change = _a("change_month")
    replaced = _a("replaced")
    new_of = {old: new for old, new in replaced.items()}
    rows = []
    aimed = {"时光锁": "over_30", "美白": "all", "防晒": "all", "O1": "over_30", "O2": "over_30",
             "臻源新肌": "high_end", "涌泉润肌": "young"}
    for line in LINES:
        launched = change.get(line, "")
        withdrawn = change[new_of[line]] if line in new_of else ""
        rows.append({"line": line, "aimed_at": aimed[line], "launched": launched or None,
                     "withdrawn": withdrawn or None, "replaced_by": new_of.get(line)})
    return pd.DataFrame(rows)


def _members(rng: np.random.Generator) -> pd.DataFrame:
    n = int(_a("members"))
    mix = _a("segment_mix")
    seg = rng.choice(np.array(SEGMENTS), n, p=[mix[s] for s in SEGMENTS])
    ranges = _a("age_by_segment")
    lo = np.array([ranges[s][0] for s in seg])
    hi = np.array([ranges[s][1] for s in seg])
    age = (lo + np.floor(rng.random(n) * (hi - lo + 1))).astype(int)
    pp = _a("purchasing_power")
    power = rng.lognormal(0, pp["sigma"], n) * np.where(seg == "学生", pp["students"], 1.0)
    vip_n = int(round(n * _a("vip_share")))
    rank = np.argsort(np.argsort(-power, kind="stable"), kind="stable")
    tier = np.where(rank < vip_n, "vip", "ordinary")
    j0, j1 = (pd.Timestamp(d) for d in _a("joined_range"))
    joined = j0 + pd.to_timedelta(rng.integers(0, (j1 - j0).days, n), "D")
    over = age > 30
    u = rng.random(n)
    taste = _a("line_taste")
    names = np.array(["时光锁", "O1", "O2", "美白", "防晒"])
    cut_over = np.cumsum([taste["over_30"][k] for k in names])
    cut_young = np.cumsum([taste["30_and_under"][k] for k in names])
    idx = np.where(over, np.searchsorted(cut_over, u, side="right"), np.searchsorted(cut_young, u, side="right"))
    line = names[np.minimum(idx, 4)]
    change = _a("change_month")
    for old, new in _a("replaced").items():  # a member who joins after her series was withdrawn takes the new one
        late = (line == old) & (joined >= pd.Timestamp(change[new]))
        line = np.where(late, new, line)
    return pd.DataFrame({"member_id": [f"M{i:04d}" for i in range(1, n + 1)], "segment": seg, "age": age,
                         "tier": tier, "joined": joined.strftime("%Y-%m-%d"), "usual_line": line})


def _purchases(members: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    n = len(members)
    tier = members["tier"].to_numpy()
    rate = np.where(tier == "vip", _a("purchases_per_year")["vip"], _a("purchases_per_year")["ordinary"]) / 12
    bask = _a("basket_yuan")
    b_lo = np.where(tier == "vip", bask["vip"][0], bask["ordinary"][0])
    b_hi = np.where(tier == "vip", bask["vip"][1], bask["ordinary"][1])
    start = pd.to_datetime(members["joined"]).to_numpy()
    band = np.array([broad_band(a) for a in members["age"]])
    switch = _a("switch_share")
    p_switch = np.array([switch[b] for b in band])
    line = members["usual_line"].to_numpy().copy()
    active = np.zeros(n, bool)
    leave_at = np.full(n, -1)  # month index at which a member who did not switch leaves
    left = np.full(n, len(_MONTHS))  # first month with no purchase (len: never left)
    change = {pd.Timestamp(d): new for new, d in _a("change_month").items()}
    old_of = {new: old for old, new in _a("replaced").items()}
    others = np.array(_STANDING)
    parts = []
    for m, month in enumerate(_MONTHS):
        month_end = month + pd.offsets.MonthEnd(0)
        joining = (~active) & (left == len(_MONTHS)) & (start <= month_end.to_datetime64())
        active |= joining
        stop = active & (rng.random(n) < _a("base_churn"))
        if month in change:
            new = change[month]
            users = active & (line == old_of[new])
            moves = users & (rng.random(n) < p_switch)
            line = np.where(moves, new, line)
            goes = users & ~moves
            leave_at = np.where(goes, m + rng.integers(0, 3, n), leave_at)
            line = np.where(goes, "", line)  # her series is gone: she buys only the standing lines until she leaves
        stop |= active & (leave_at == m)
        left = np.where(stop, m, left)
        active &= ~stop
        k = np.where(active, rng.poisson(rate), 0)
        who = np.repeat(np.arange(n), k)
        if not len(who):
            continue
        days = month_end.day
        first = np.maximum(0, (pd.to_datetime(start[who]) - month).days.to_numpy())
        day = first + np.floor(rng.random(len(who)) * (days - first)).astype(int)
        own = line[who]
        other = others[rng.integers(0, len(others), len(who))]
        usual = (rng.random(len(who)) < _a("usual_share")) & (own != "")
        bought = np.where(usual, own, other)
        amount = np.round(np.exp(rng.uniform(np.log(b_lo[who]), np.log(b_hi[who]))), 0)
        parts.append(pd.DataFrame({"member_id": members["member_id"].to_numpy()[who],
                                   "date": (month + pd.to_timedelta(day, "D")).strftime("%Y-%m-%d"),
                                   "line": bought, "amount": amount}))
    p = pd.concat(parts, ignore_index=True).sort_values(["date", "member_id"], kind="stable").reset_index(drop=True)
    p.insert(0, "purchase_id", [f"P{i:06d}" for i in range(1, len(p) + 1)])
    p["points"] = np.floor(p["amount"] * _a("points_per_yuan")).astype(int)
    d_lo, d_hi = _a("posting_delay_days")
    delay = rng.integers(d_lo, d_hi + 1, len(p))
    p["posted_date"] = (pd.to_datetime(p["date"]) + pd.to_timedelta(delay, "D")).dt.strftime("%Y-%m-%d")
    return p, left


def _club(members: pd.DataFrame, left: np.ndarray, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(members)
    band = np.array([broad_band(a) for a in members["age"]])
    p_act = np.array([_a("activation_rate")[b] for b in band])
    start = pd.to_datetime(members["joined"]).clip(lower=pd.Timestamp(START))
    last = pd.Series([_MONTHS[m] - pd.Timedelta(days=1) if m < len(_MONTHS) else pd.Timestamp(END) for m in left])
    span = (last - start).dt.days.to_numpy()
    wants = rng.random(n) < p_act
    when = start + pd.to_timedelta(np.floor(rng.random(n) * np.clip(span, 0, 365) + 0).astype(int), "D")
    activated = wants & (span >= 0) & (when <= pd.Timestamp(END)).to_numpy()
    act = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    act[activated] = when[activated].to_numpy()
    order = pd.Series(pd.NA, index=range(n), dtype="Int64")
    ranked = act[activated].sort_values(kind="stable")
    order[ranked.index] = np.arange(1, len(ranked) + 1)
    members = members.assign(activated=act.dt.strftime("%Y-%m-%d").where(act.notna(), None),
                             activation_order=order)
    # the club's quarters of each activated member, from her activation to her last month
    quarters = pd.period_range(START, END, freq="Q")
    rows = []
    for i in np.flatnonzero(activated):
        q0, q1 = act[i].to_period("Q"), last[i].to_period("Q")
        for q in quarters[(quarters >= q0) & (quarters <= q1)]:
            rows.append((i, str(q)))
    club = pd.DataFrame(rows, columns=["i", "quarter"])
    lo, hi = _a("club_logins")
    logins = np.minimum(rng.geometric(1 / 7, len(club)) - 1, hi).clip(lo)
    club["logins"] = logins
    club["lottery"] = (logins > 0) & (rng.random(len(club)) < _a("lottery_take_up"))
    club["posts"] = rng.poisson(logins * _a("posts_per_login"))
    club.insert(0, "member_id", members["member_id"].to_numpy()[club["i"]])
    # posts: each on a day of its quarter, on or after the activation and within the data
    who = np.repeat(club["i"].to_numpy(), club["posts"].to_numpy())
    qs = np.repeat(club["quarter"].to_numpy(), club["posts"].to_numpy())
    q_start = pd.PeriodIndex(qs, freq="Q").start_time
    first = np.maximum(q_start, act.to_numpy()[who])
    q_end = pd.PeriodIndex(qs, freq="Q").end_time.normalize()
    end = np.minimum(q_end, last.to_numpy()[who])
    span_d = np.maximum((end - first).days.to_numpy(), 0)
    date = first + pd.to_timedelta(np.floor(rng.random(len(who)) * (span_d + 1)).astype(int), "D")
    quality = _a("post_quality")
    water = rng.random(len(who)) < quality["water"]
    chars = np.where(water, rng.integers(1, quality["water_chars"], len(who)),
                     np.round(np.exp(rng.uniform(np.log(_a("post_chars")[0]), np.log(_a("post_chars")[1]),
                                                 len(who)))).astype(int))
    posts = pd.DataFrame({"member_id": members["member_id"].to_numpy()[who], "date": date.strftime("%Y-%m-%d"),
                          "kind": np.where(rng.random(len(who)) < _a("post_kinds")["post"], "post", "reply"),
                          "chars": chars,
                          "copy": ~water & (rng.random(len(who)) < quality["copied"] / (1 - quality["water"]))})
    posts = posts.sort_values(["date", "member_id"], kind="stable").reset_index(drop=True)
    ids = np.array([f"T{i:06d}" for i in range(1, len(posts) + 1)])
    src = np.floor(rng.random(len(posts)) * np.arange(len(posts))).astype(int)
    copied = posts["copy"].to_numpy() & (np.arange(len(posts)) > 0)
    chars = posts["chars"].to_numpy().copy()
    for i in np.flatnonzero(copied):  # in order, so a copy of a copy has the original's length
        chars[i] = chars[src[i]]
    posts["chars"] = chars
    posts.insert(0, "post_id", ids)
    posts["copied_from"] = np.where(copied, ids[src], None)
    posts = posts.drop(columns="copy")
    return members, club.drop(columns="i"), posts


def _thanks(members: pd.DataFrame, purchases: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    bought = set(purchases.loc[purchases["date"].str.startswith(str(THANKS_YEAR)), "member_id"])
    eligible = members["member_id"].isin(bought).to_numpy()
    p = np.array([_a("thanks_booking")[broad_band(a)] for a in members["age"]])
    return pd.Series(np.where(eligible, rng.random(len(members)) < p, False), index=members.index)


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The case's tables for ``seed``.

    Returns
    -------
    dict
        ``lines`` (the seven product lines, launched and withdrawn), ``members`` (segment, age, tier,
        usual line when joining, club activation and its order, the 2014 online booking), ``purchases``
        (each with its points and the day they could be seen), ``club`` (one row per activated member
        and quarter: logins, the draw, posts) and ``posts`` (the forum: length, copied from).
    """
    rng = np.random.default_rng(seed)
    members = _members(rng)
    purchases, left = _purchases(members, rng)
    members, club, posts = _club(members, left, rng)
    members["thanks_booked"] = _thanks(members, purchases, rng)
    return {"lines": _lines(), "members": members, "purchases": purchases, "club": club, "posts": posts}


def _churn(t, line):  # noqa: ANN001, ANN202
    from crm.cases.membership.churn import churn_after
    c = churn_after(t["purchases"], t["lines"], line, 6)
    return ", ".join(f"{k}: {v:.0%}" for k, v in c["left_share"].items())


def _booking(t):  # noqa: ANN001, ANN202
    from crm.cases.membership.club import eligible_for_thanks
    m = t["members"]
    e = eligible_for_thanks(m, t["purchases"])
    band = m["age"].map(broad_band)
    return ", ".join(f"{b}: {m.loc[e & (band == b), 'thanks_booked'].mean():.0%}" for b in ("≤29", "30-39", "40+")) \
        + " of those who bought in 2014 booked online"


#: The figure in the generated tables for each assumption that has one (printed in the datasheet).
MEASURED = {
    "members": lambda t: len(t["members"]),
    "vip_share": lambda t: int((t["members"]["tier"] == "vip").sum()),
    "activation_rate": lambda t: f"{t['members']['activated'].notna().mean():.0%} of members activated; "
                                 f"{int((t['members']['activation_order'] % ACTIVATION_EVERY == 0).sum())} "
                                 f"activation gifts",
    "purchases_per_year": lambda t: f"{len(t['purchases']):,} purchases",
    "switch_share": lambda t: "six months after the change, share of the withdrawn series' users / of the others "
                              "who bought nothing: " + "; ".join(f"{ln}: {_churn(t, ln)}" for ln in ("O1", "O2")),
    "lottery_take_up": lambda t: f"{t['club'].loc[t['club']['logins'] > 0, 'lottery'].mean():.0%} of the quarters "
                                 f"with a login used the draw",
    "thanks_booking": lambda t: _booking(t),
    "post_quality": lambda t: f"{len(t['posts']):,} posts, {t['posts']['copied_from'].notna().mean():.0%} copied, "
                              f"{((t['posts']['chars'] < _a('post_quality')['water_chars']) & t['posts']['copied_from'].isna()).mean():.0%} water",
}
