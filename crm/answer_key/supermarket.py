"""The answer key of the supermarket exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module;
a grading kernel's file view covers this folder, so no submission can import or read it.
Every expected answer is computed from the tables, so the same key grades a submission
on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

from crm.core.queueing import mmc_metrics
from crm.cases.supermarket.checkout import peak_arrival_rates
from crm.core.exercise import Text
from crm.cases.supermarket.member_day import CampaignConfig, break_even_uplift, campaign_base
from crm.cases.supermarket.segment_value import segment_value
from crm.core.rfm import rfm_scores, rfm_segments, rfm_table
from crm.core.segment import DEFAULT_ABC_CUTOFFS, abc_counts, pareto_ranking
from crm.cases.supermarket.questions import _TILL  # noqa: F401
from crm.answer_key import Answer, Tables


def q1_member_spend_share(tables: Tables) -> float:
    """q1: MemberSpendShare (see :class:`crm.cases.supermarket.questions.MemberSpendShare`)."""
    tx = tables["transactions"].merge(tables["customers"][["customer_id", "card_type"]],
                                      on="customer_id")
    return float(tx.loc[tx["card_type"] == "member", "amount"].sum() / tx["amount"].sum())


def q2_top_fifth_share(tables: Tables) -> float:
    """q2: TopFifthShare (see :class:`crm.cases.supermarket.questions.TopFifthShare`)."""
    spend = tables["transactions"].groupby("customer_id")["amount"].sum().sort_values(ascending=False)
    return float(spend.head(int(0.2 * len(spend))).sum() / spend.sum())


def q3_class_a_count(tables: Tables) -> int:
    """q3: ClassACount (see :class:`crm.cases.supermarket.questions.ClassACount`)."""
    spend = tables["transactions"].groupby("customer_id")["amount"].sum()
    return abc_counts(pareto_ranking(spend), DEFAULT_ABC_CUTOFFS)[0]


def q4_champion_count(tables: Tables) -> int:
    """q4: ChampionCount (see :class:`crm.cases.supermarket.questions.ChampionCount`)."""
    segments = rfm_segments(rfm_scores(rfm_table(tables["transactions"]), 5))
    return int((segments == "champions").sum())


def q5_few_benefits_satisfaction_gap(tables: Tables) -> float:
    """q5: FewBenefitsSatisfactionGap (see :class:`crm.cases.supermarket.questions.FewBenefitsSatisfactionGap`)."""
    m = tables["survey"].groupby("few_benefits")["satisfaction"].mean()
    return float(m[False] - m[True])


def q6_break_even_uplift(tables: Tables) -> float:
    """q6: BreakEvenUplift (see :class:`crm.cases.supermarket.questions.BreakEvenUplift`)."""
    base = campaign_base(tables["transactions"], tables["customers"])
    return float(break_even_uplift(base, CampaignConfig(), segment="A"))


def q7_peak_wait_m_mc(tables: Tables) -> float:
    """q7: PeakWaitMMc (see :class:`crm.cases.supermarket.questions.PeakWaitMMc`)."""
    a = _TILL
    rates = peak_arrival_rates(tables["transactions"])
    peak = rates.loc[rates["arrivals_per_minute"].idxmax()]
    service = a["payment_time"] + a["time_per_item"] * float(peak["mean_items"])
    return float(mmc_metrics(float(peak["arrivals_per_minute"]), 1 / service, a["regular_lanes"]).mean_wait)


def q8_top_ten_customers(tables: Tables) -> set[str]:
    """q8: TopTenCustomers (see :class:`crm.cases.supermarket.questions.TopTenCustomers`)."""
    spend = tables["transactions"].groupby("customer_id")["amount"].sum()
    return set(spend.nlargest(10).index.astype(str))


#: What each question's answer is, and how it is found.
def q9_champions_clv_share(tables: Tables) -> float:
    """q9: ChampionsClvShare (see :class:`crm.cases.supermarket.questions.ChampionsClvShare`)."""
    return float(segment_value(tables["transactions"]).table(12, 0.10).loc["champions", "clv_share"])


ANSWERS = {
    "q1": Answer(q1_member_spend_share,
                 Text("tx.merge(customers, on='customer_id').groupby('card_type')['amount'].sum() / 总额",
                      "tx.merge(customers, on='customer_id').groupby('card_type')['amount'].sum() / total")),
    "q2": Answer(q2_top_fifth_share,
                 Text("spend = tx.groupby('customer_id')['amount'].sum().sort_values(ascending=False); "
                      "spend.head(int(0.2 * len(spend))).sum() / spend.sum()",
                      "spend = tx.groupby('customer_id')['amount'].sum().sort_values(ascending=False); "
                      "spend.head(int(0.2 * len(spend))).sum() / spend.sum()")),
    "q3": Answer(q3_class_a_count,
                 Text("abc_classes(spend, (0.65, 0.85))['abc_class'].value_counts()['A']",
                      "abc_classes(spend, (0.65, 0.85))['abc_class'].value_counts()['A']")),
    "q4": Answer(q4_champion_count,
                 Text("(rfm_segments(rfm_scores(rfm_table(tx), 5)) == 'champions').sum()",
                      "(rfm_segments(rfm_scores(rfm_table(tx), 5)) == 'champions').sum()")),
    "q5": Answer(q5_few_benefits_satisfaction_gap,
                 Text("m = survey.groupby('few_benefits')['satisfaction'].mean(); m[False] - m[True]",
                      "m = survey.groupby('few_benefits')['satisfaction'].mean(); m[False] - m[True]")),
    "q6": Answer(q6_break_even_uplift,
                 Text("break_even_uplift(campaign_base(tx, customers), CampaignConfig(), segment='A')",
                      "break_even_uplift(campaign_base(tx, customers), CampaignConfig(), segment='A')")),
    "q7": Answer(q7_peak_wait_m_mc,
                 Text("peak = rates.loc[rates.arrivals_per_minute.idxmax()]; mmc_metrics(λ, 1/(1.2+0.1*items), 6).mean_wait",
                      "peak = rates.loc[rates.arrivals_per_minute.idxmax()]; mmc_metrics(λ, 1/(1.2+0.1*items), 6).mean_wait")),
    "q8": Answer(q8_top_ten_customers,
                 Text("tx.groupby('customer_id')['amount'].sum().nlargest(10).index",
                      "tx.groupby('customer_id')['amount'].sum().nlargest(10).index")),
    "q9": Answer(q9_champions_clv_share,
                 Text("segment_value(tx).table(12, 0.10).loc['champions', 'clv_share']",
                      "segment_value(tx).table(12, 0.10).loc['champions', 'clv_share']")),
}
