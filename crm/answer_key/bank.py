"""The answer key of the bank exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module;
a grading kernel's file view covers this folder, so no submission can import or read it.
Every expected answer is computed from the tables, so the same key grades a submission
on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from crm.cases.bank.scorecard import DEFAULT_CUTOFFS, auc, decide, early_warnings, fit_scorecard, score
from crm.cases.bank.case import TIERS
from crm.core.exercise import Text
from crm.cases.bank.lifetime import LOST, contribution, tier_clv, transition_matrix, yearly_tiers
from crm.cases.bank.products import match_summary
from crm.cases.bank.questions import _TH  # noqa: F401
from crm.answer_key import Answer, Tables


def _defaulted(tables: dict[str, pd.DataFrame]) -> np.ndarray:
    outcomes = tables["application_outcomes"].set_index("application_id")["defaulted"]
    return outcomes.reindex(tables["applications"]["application_id"]).to_numpy(dtype=bool)


def _final_scores(tables: dict[str, pd.DataFrame]) -> np.ndarray:
    apps = tables["applications"]
    return score(apps, fit_scorecard(apps, _defaulted(tables)))["final_score"].to_numpy()


def q1_top_fifth_profit_share(tables: Tables) -> float:
    """q1: TopFifthProfitShare (see :class:`crm.cases.bank.questions.TopFifthProfitShare`)."""
    p = contribution(tables["profits"], 2014).sort_values(ascending=False)
    return float(p.head(int(0.2 * len(p))).sum() / p.sum())


def q2_vip_count(tables: Tables) -> int:
    """q2: VipCount (see :class:`crm.cases.bank.questions.VipCount`)."""
    return int((contribution(tables["profits"], 2014) >= _TH["VIP"]).sum())


def q3_young_match_rate(tables: Tables) -> float:
    """q3: YoungMatchRate (see :class:`crm.cases.bank.questions.YoungMatchRate`)."""
    clients = tables["clients"]
    today = clients[clients["left_year"].isna()]
    return float(match_summary(today, tables["holdings"]).loc["young_borrowers", "match_rate"])


def q4_scorecard_auc(tables: Tables) -> float:
    """q4: ScorecardAuc (see :class:`crm.cases.bank.questions.ScorecardAuc`)."""
    return auc(_final_scores(tables), _defaulted(tables))


def q5_approved_bad_rate(tables: Tables) -> float:
    """q5: ApprovedBadRate (see :class:`crm.cases.bank.questions.ApprovedBadRate`)."""
    approved = decide(_final_scores(tables), DEFAULT_CUTOFFS) >= 2
    return float(_defaulted(tables)[approved].mean())


def q6_vip_churn(tables: Tables) -> float:
    """q6: VipChurn (see :class:`crm.cases.bank.questions.VipChurn`)."""
    return float(transition_matrix(yearly_tiers(tables["profits"], _TH), TIERS).loc["VIP", LOST])


def q7_key_client_lifetime_value(tables: Tables) -> float:
    """q7: KeyClientLifetimeValue (see :class:`crm.cases.bank.questions.KeyClientLifetimeValue`)."""
    yearly = yearly_tiers(tables["profits"], _TH)
    profit = contribution(tables["profits"], 2014)
    mean = profit.groupby(yearly[2014].reindex(profit.index), observed=True).mean()
    return float(tier_clv(transition_matrix(yearly, TIERS), mean, 0.08, 10)["key"])


def q8_multi_signal_borrowers(tables: Tables) -> set[str]:
    """q8: MultiSignalBorrowers (see :class:`crm.cases.bank.questions.MultiSignalBorrowers`)."""
    flags = early_warnings(tables["loans"])
    return set(flags.loc[flags["signals"] >= 3, "loan_id"].astype(str))


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_top_fifth_profit_share,
                 Text("p = profits[profits.year == 2014].profit.sort_values(ascending=False); p.head(int(0.2 * len(p))).sum() / p.sum()",
                      "p = profits[profits.year == 2014].profit.sort_values(ascending=False); p.head(int(0.2 * len(p))).sum() / p.sum()")),
    "q2": Answer(q2_vip_count,
                 Text(f"(profits[profits.year == 2014].profit >= {_TH['VIP']:g}).sum()",
                      f"(profits[profits.year == 2014].profit >= {_TH['VIP']:g}).sum()")),
    "q3": Answer(q3_young_match_rate,
                 Text("match_summary(clients[clients.left_year.isna()], holdings).loc['young_borrowers', 'match_rate']",
                      "match_summary(clients[clients.left_year.isna()], holdings).loc['young_borrowers', 'match_rate']")),
    "q4": Answer(q4_scorecard_auc,
                 Text("card = fit_scorecard(apps, bad); auc(score(apps, card)['final_score'], bad)",
                      "card = fit_scorecard(apps, bad); auc(score(apps, card)['final_score'], bad)")),
    "q5": Answer(q5_approved_bad_rate,
                 Text("approved = decide(final, (560, 590, 620)) >= 2; bad[approved].mean()",
                      "approved = decide(final, (560, 590, 620)) >= 2; bad[approved].mean()")),
    "q6": Answer(q6_vip_churn,
                 Text("transition_matrix(yearly_tiers(profits, {'VIP': 5000, 'key': 1200, 'ordinary': 0}), TIERS).loc['VIP', 'lost']",
                      "transition_matrix(yearly_tiers(profits, {'VIP': 5000, 'key': 1200, 'ordinary': 0}), TIERS).loc['VIP', 'lost']")),
    "q7": Answer(q7_key_client_lifetime_value,
                 Text("y = yearly_tiers(profits, th); m = profits[profits.year == 2014].set_index('customer_id').profit; "
                      "tier_clv(transition_matrix(y, TIERS), m.groupby(y[2014]).mean(), 0.08, 10)['key']",
                      "y = yearly_tiers(profits, th); m = profits[profits.year == 2014].set_index('customer_id').profit; "
                      "tier_clv(transition_matrix(y, TIERS), m.groupby(y[2014]).mean(), 0.08, 10)['key']")),
    "q8": Answer(q8_multi_signal_borrowers,
                 Text("f = early_warnings(loans); f.loc[f.signals >= 3, 'loan_id']",
                      "f = early_warnings(loans); f.loc[f.signals >= 3, 'loan_id']")),
}
