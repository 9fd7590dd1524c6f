"""The membership case (欧珀莱, seeds/002): the source's rules (every 100th activation, a draw a quarter,
gifts for points and 欧圆), churn after a product-line change, the points simulator and the forum, computed on
the data; the generator deterministic; bad input a bilingual DataError."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.membership import case as mc
from crm.cases.membership.churn import change_groups, change_of, churn_after, churn_by, withdrawn_lines
from crm.cases.membership.club import (activation_winners, eligible_for_thanks, forum_summary, lottery_by_quarter,
                                       post_quality, take_up)
from crm.cases.membership.data import generate
from crm.cases.membership.points import PointsBook, Rule, simulate
from crm.core.schemas import DataError

SEED_FILE = Path("/work/shared") / mc.SOURCE


@pytest.fixture(scope="module")
def t():
    return load_case("membership")


def test_every_quote_is_in_the_source():
    if not SEED_FILE.exists():
        pytest.skip("the seeds folder is not on this machine")
    text = SEED_FILE.read_text(encoding="utf-8").replace("\n", "")
    for _, quote, _ in mc.QUOTES:
        assert quote in text, quote[:30]


def test_the_generator_is_deterministic_and_the_committed_data_is_its_output(t):
    a, b = generate(), generate()
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    assert len(t["members"]) == mc.ASSUMPTIONS["members"][0]
    assert set(t) == set(mc.FILES)
    # another seed gives other data of the same shape
    c = generate(7)
    assert not c["purchases"]["amount"].equals(a["purchases"]["amount"]) and set(c) == set(a)


def test_the_tables_hang_together(t):
    m, p, c, po = t["members"], t["purchases"], t["club"], t["posts"]
    ids = set(m["member_id"])
    assert set(p["member_id"]) <= ids and set(c["member_id"]) <= ids and set(po["member_id"]) <= ids
    # only activated members are in the club, and only from the quarter they activated
    act = m.set_index("member_id")["activated"]
    assert act.loc[c["member_id"]].notna().all()
    q0 = act.loc[c["member_id"]].dt.to_period("Q").astype(str).to_numpy()
    assert (c["quarter"].to_numpy() >= q0).all()
    assert (po["date"].to_numpy() >= act.loc[po["member_id"]].to_numpy()).all()
    # activation order: 1..n in the order of the activation days
    o = m.dropna(subset=["activated"]).sort_values(["activated", "activation_order"])
    assert list(o["activation_order"]) == list(range(1, len(o) + 1))
    # points: floor(amount × points_per_yuan), shown some days later (the slow system)
    assert (p["points"] == np.floor(p["amount"] * mc.ASSUMPTIONS["points_per_yuan"][0])).all()
    delay = (p["posted_date"] - p["date"]).dt.days
    lo, hi = mc.ASSUMPTIONS["posting_delay_days"][0]
    assert delay.between(lo, hi).all() and delay.nunique() == hi - lo + 1
    # a withdrawn series is not bought after its day; a new one not before
    for line in withdrawn_lines(t["lines"]):
        day, new = change_of(t["lines"], line)
        assert p.loc[p["line"] == line, "date"].max() < day <= p.loc[p["line"] == new, "date"].min()
    # the lottery is used only in a quarter with a login; a copied post repeats an earlier one's length
    assert not (c["lottery"] & (c["logins"] == 0)).any()
    cp = po.dropna(subset=["copied_from"])
    src = po.set_index("post_id").loc[cp["copied_from"]]
    assert (src["chars"].to_numpy() == cp["chars"].to_numpy()).all() and (cp["copied_from"] < cp["post_id"]).all()


def test_every_hundredth_activation_wins(t):
    w = activation_winners(t["members"])
    assert len(w) == int(t["members"]["activated"].notna().sum()) // mc.ACTIVATION_EVERY
    assert (w["activation_order"] % 100 == 0).all()
    toy = pd.DataFrame({"member_id": list("abcd"), "activation_order": pd.array([100, 99, None, 200], dtype="Int64")})
    assert list(activation_winners(toy)["member_id"]) == ["a", "d"]
    assert list(activation_winners(toy, every=99)["member_id"]) == ["b"]
    with pytest.raises(DataError, match="positive whole"):
        activation_winners(toy, every=0)


def test_lottery_and_take_up_by_hand(t):
    lq = lottery_by_quarter(t["club"])
    c14 = t["club"][t["club"]["quarter"] == "2014Q4"]
    assert lq.loc["2014Q4", "members"] == len(c14) and lq.loc["2014Q4", "drew"] == int(c14["lottery"].sum())
    assert len(lq) == 16  # a draw every three months over four years
    tu = take_up(t["members"], t["purchases"])
    assert tu["members"].sum() == len(t["members"])
    assert tu["eligible"].sum() == int(eligible_for_thanks(t["members"], t["purchases"]).sum())
    # built to follow the source: fewer older members activate and book online (assumptions activation_rate, thanks_booking)
    assert tu.loc["≤24", "activated_share"] > tu.loc["40-49", "activated_share"]
    assert tu.loc["≤24", "booked_share"] > tu.loc["50+", "booked_share"]


def test_post_quality_and_forum(t):
    toy = pd.DataFrame({"post_id": ["T1", "T2", "T3"], "chars": [5, 200, 200], "copied_from": [None, None, "T2"]})
    assert list(post_quality(toy)) == ["water", "substantive", "copied"]
    f = forum_summary(t["posts"], per_post=2)
    assert f["posts"].sum() == len(t["posts"]) and f["share"].sum() == pytest.approx(1)
    assert (f["ouyuan"] == 2 * f["posts"]).all()
    with pytest.raises(DataError, match="lacks columns"):
        post_quality(toy.drop(columns="chars"))


def test_churn_after_a_change_by_hand(t):
    p, lines = t["purchases"], t["lines"]
    day, new = change_of(lines, "O2")
    assert str(day.date()) == "2014-03-01" and new == "涌泉润肌"
    g = change_groups(p, lines, "O2", 6)
    before = p[(p["date"] >= day - pd.DateOffset(months=12)) & (p["date"] < day)]
    after = p[(p["date"] >= day) & (p["date"] < day + pd.DateOffset(months=6))]
    users = set(before.loc[before["line"] == "O2", "member_id"])
    assert set(g.index[g["group"] == "users"]) == users and set(g.index) == set(before["member_id"])
    left = {m for m in users if m not in set(after["member_id"])}
    assert set(g.index[(g["group"] == "users") & g["left"]]) == left
    c = churn_after(p, lines, "O2", 6)
    assert c.loc["users", "left_share"] == pytest.approx(len(left) / len(users))
    # built to follow the source (assumption switch_share): the withdrawn series' users leave more
    for line in withdrawn_lines(lines):
        s = churn_after(p, lines, line, 6)["left_share"]
        assert s["users"] > s["others"] + 0.1
    b = churn_by(p, t["members"], lines, "O2", 6, by="tier")
    assert b["members"].to_numpy().sum() == len(g)


def test_churn_bad_input_is_bilingual(t):
    with pytest.raises(DataError, match="not a withdrawn series"):
        churn_after(t["purchases"], t["lines"], "美白")
    with pytest.raises(DataError, match="whole number 1–24"):
        churn_after(t["purchases"], t["lines"], "O1", 0)
    with pytest.raises(DataError, match="Cannot split"):
        churn_by(t["purchases"], t["members"], t["lines"], "O1", 6, by="colour")
    with pytest.raises(DataError, match="lacks columns"):
        churn_after(t["purchases"].drop(columns="line"), t["lines"], "O1")


def test_the_simulator_by_hand(t):
    o = simulate(t)
    p = t["purchases"][t["purchases"]["date"].dt.year == 2014]
    assert o.points_issued == int(np.floor(p["amount"]).sum())
    assert o.points_visible == int(p.loc[p["posted_date"] <= "2014-12-31", "points"].sum())
    assert o.members == p["member_id"].nunique() == int(o.by_tier["members"].sum())
    assert o.points_burned == o.gifts * 1000 and o.liability_points == o.points_issued - o.points_burned
    assert o.liability_yuan == pytest.approx(o.liability_points * 0.02)
    # one member by hand: min(points // 1000, 欧圆 // 50), if she activated the club
    book = PointsBook(t["members"], t["purchases"], t["club"], t["posts"])
    m = t["members"].set_index("member_id")
    pts = p.loc[p["posted_date"] <= "2014-12-31"].groupby("member_id")["points"].sum()
    c = t["club"][t["club"]["quarter"].str.startswith("2014")].groupby("member_id")[["logins"]].sum()
    po = t["posts"][t["posts"]["date"].dt.year == 2014].groupby("member_id").size()
    gifts = 0
    for mid in book.ids:
        if pd.isna(m.loc[mid, "activated"]):
            continue
        ou = c["logins"].get(mid, 0) * 1 + po.get(mid, 0) * 5
        gifts += int(min(pts.get(mid, 0) // 1000, ou // 50))
    assert o.gifts == gifts


def test_the_simulator_moves_the_right_way(t):
    book = PointsBook(t["members"], t["purchases"], t["club"], t["posts"])
    base = book.simulate()
    assert book.simulate(Rule(gift_ouyuan=0)).with_gift > base.with_gift  # 欧圆 keeps members from gifts
    assert book.simulate(Rule(points_per_yuan=2)).points_issued == pytest.approx(2 * base.points_issued, rel=0.01)
    assert book.simulate(Rule(delay_days=0)).points_visible == base.points_issued
    slow = book.simulate(Rule(delay_days=30))
    assert slow.points_visible < base.points_visible and slow.gifts <= base.gifts and slow.short_by_delay >= 0
    cheap = book.simulate(Rule(gift_points=200, gift_ouyuan=0))
    assert cheap.liability_points < base.liability_points and cheap.stay_expected > base.stay_expected
    assert book.simulate(Rule(post_ouyuan=0)).ouyuan_low_quality == 0


@pytest.mark.parametrize("rule, words", [(Rule(points_per_yuan=-1), "points_per_yuan"),
                                         (Rule(gift_points=0), "gift_points"),
                                         (Rule(delay_days=-2), "0–60"), (Rule(login_ouyuan=float("nan")), "login")])
def test_bad_rules_are_bilingual(t, rule, words):
    with pytest.raises(DataError) as err:
        simulate(t, rule)
    assert words in str(err.value) and any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))


def test_the_change_book_gives_what_the_functions_give(t):
    from crm.cases.membership.churn import ChangeBook
    book = ChangeBook(t["purchases"], t["members"], t["lines"])
    for line in withdrawn_lines(t["lines"]):
        for months in (1, 6, 13):
            pd.testing.assert_frame_equal(book.summary(line, months), churn_after(t["purchases"], t["lines"], line, months))
            for by in ("none", "age_band", "tier", "segment"):
                pd.testing.assert_frame_equal(book.split(line, months, by),
                                              churn_by(t["purchases"], t["members"], t["lines"], line, months, by))


def test_the_notices_state_the_datas_figures(t):
    from crm.cases.membership.notices import churn_notice, club_notice, forum_notice, points_notice
    club = club_notice(t)
    assert f"went out {len(activation_winners(t['members']))} times" in club
    assert f"only {t['members']['activated'].notna().mean():.0%} of members" in club
    o = simulate(t)
    pts = points_notice(t)
    assert f"only {o.with_gift:,} took a gift" in pts and f"{o.liability_yuan:,.0f} yuan" in pts
    assert f"{simulate(t, Rule(gift_ouyuan=0)).with_gift:,} members could take one" in pts
    f = forum_summary(t["posts"])
    assert f"only {int(f.loc['substantive', 'posts']):,} are substantive" in forum_notice(t)
    s = churn_after(t["purchases"], t["lines"], "O2", 6)["left_share"]
    assert f"O2's users {s['users']:.0%}, the others {s['others']:.0%}" in churn_notice(t)
