"""The answer key of the membership exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module. Every expected
answer is computed from the tables, so the same key grades a submission on any data variant.
"""
from __future__ import annotations

from crm.answer_key import Answer, Tables
from crm.cases.membership.churn import churn_after
from crm.cases.membership.club import activation_winners, eligible_for_thanks, post_quality
from crm.cases.membership.points import Rule, simulate
from crm.core.exercise import Text


def q1_activation_winners(tables: Tables) -> list[str]:
    """q1: ActivationWinners."""
    return sorted(activation_winners(tables["members"])["member_id"])


def q2_activated_share(tables: Tables) -> float:
    """q2: ActivatedShare."""
    return float(tables["members"]["activated"].notna().mean())


def q3_lottery_draws(tables: Tables) -> int:
    """q3: LotteryDraws."""
    c = tables["club"]
    return int(c.loc[c["quarter"].astype(str).str.startswith("2014"), "lottery"].sum())


def q4_older_booking_share(tables: Tables) -> float:
    """q4: OlderBookingShare."""
    m = tables["members"]
    sel = eligible_for_thanks(m, tables["purchases"], 2014) & (m["age"] >= 40)
    return float(m.loc[sel, "thanks_booked"].mean())


def q5_low_quality_posts(tables: Tables) -> int:
    """q5: LowQualityPosts."""
    return int((post_quality(tables["posts"], 15) != "substantive").sum())


def q6_churn_gap(tables: Tables) -> float:
    """q6: ChurnGap."""
    s = churn_after(tables["purchases"], tables["lines"], "O2", 6)["left_share"]
    return float(s["users"] - s["others"])


def q7_unredeemed_points(tables: Tables) -> float:
    """q7: UnredeemedPoints."""
    return float(simulate(tables).liability_yuan)


def q8_gift_takers(tables: Tables) -> int:
    """q8: GiftTakers."""
    return int(simulate(tables, Rule(gift_ouyuan=0)).with_gift)


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_activation_winners, Text("sorted(members.loc[members['activation_order'] % 100 == 0, 'member_id'])",
                                             "sorted(members.loc[members['activation_order'] % 100 == 0, 'member_id'])")),
    "q2": Answer(q2_activated_share, Text("members['activated'].notna().mean()", "members['activated'].notna().mean()")),
    "q3": Answer(q3_lottery_draws, Text("club.loc[club['quarter'].str.startswith('2014'), 'lottery'].sum()",
                                        "club.loc[club['quarter'].str.startswith('2014'), 'lottery'].sum()")),
    "q4": Answer(q4_older_booking_share, Text(
        "b = set(purchases.loc[purchases['date'].dt.year == 2014, 'member_id']); "
        "members.loc[members['member_id'].isin(b) & (members['age'] >= 40), 'thanks_booked'].mean()",
        "b = set(purchases.loc[purchases['date'].dt.year == 2014, 'member_id']); "
        "members.loc[members['member_id'].isin(b) & (members['age'] >= 40), 'thanks_booked'].mean()")),
    "q5": Answer(q5_low_quality_posts, Text("(posts['copied_from'].notna() | (posts['chars'] < 15)).sum()",
                                            "(posts['copied_from'].notna() | (posts['chars'] < 15)).sum()")),
    "q6": Answer(q6_churn_gap, Text("s = churn_after(purchases, lines, 'O2', 6)['left_share']; s['users'] - s['others']",
                                    "s = churn_after(purchases, lines, 'O2', 6)['left_share']; s['users'] - s['others']")),
    "q7": Answer(q7_unredeemed_points, Text("simulate(tables).liability_yuan", "simulate(tables).liability_yuan")),
    "q8": Answer(q8_gift_takers, Text("simulate(tables, Rule(gift_ouyuan=0)).with_gift",
                                      "simulate(tables, Rule(gift_ouyuan=0)).with_gift")),
}
