"""The answer key of the credit exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module. Every expected
answer is computed from the tables, so the same key grades a submission on any data variant.
"""
from __future__ import annotations

from crm.answer_key import Answer, Tables
from crm.cases.credit.case import _a
from crm.cases.credit.rating import rate_book, ratios
from crm.cases.credit.receivables import double_ten, due_today, open_on
from crm.core.exercise import Text

AS_OF = "2012-12-31"


def q1_mean_current_ratio(tables: Tables) -> float:
    """q1: MeanCurrentRatio."""
    return float(ratios(tables["clients"])["current"].median())


def q2_below_quick_standard(tables: Tables) -> int:
    """q2: BelowQuickStandard."""
    return int((ratios(tables["clients"])["quick"] < _a("standard_ratios")["quick"]).sum())


def q3_grade_one_clients(tables: Tables) -> int:
    """q3: GradeOneClients."""
    return int((rate_book(tables["clients"], tables["facts"])["grade"] == 1).sum())


def q4_total_limit(tables: Tables) -> float:
    """q4: TotalLimit."""
    return float(rate_book(tables["clients"], tables["facts"])["limit"].sum())


def q5_three_a_clients(tables: Tables) -> list[str]:
    """q5: ThreeAClients."""
    r = rate_book(tables["clients"], tables["facts"])
    return sorted(r.index[r["band"] == "3A"])


def q6_due_today_amount(tables: Tables) -> float:
    """q6: DueTodayAmount."""
    return float(due_today(tables["invoices"], AS_OF)["amount"].sum())


def q7_overdue_month_amount(tables: Tables) -> float:
    """q7: OverdueMonthAmount."""
    o = open_on(tables["invoices"], AS_OF)
    return float(o.loc[o["days_overdue"] >= 31, "amount"].sum())


def q8_double_ten_both(tables: Tables) -> list[str]:
    """q8: DoubleTenBoth."""
    largest, oldest = double_ten(tables["invoices"], AS_OF)
    return sorted(set(largest.index) & set(oldest.index))


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_mean_current_ratio, Text("ratios(clients)['current'].median()", "ratios(clients)['current'].median()")),
    "q2": Answer(q2_below_quick_standard, Text("(ratios(clients)['quick'] < 1.0).sum()", "(ratios(clients)['quick'] < 1.0).sum()")),
    "q3": Answer(q3_grade_one_clients, Text("(rate_book(clients, facts)['grade'] == 1).sum()",
                                            "(rate_book(clients, facts)['grade'] == 1).sum()")),
    "q4": Answer(q4_total_limit, Text("rate_book(clients, facts)['limit'].sum()", "rate_book(clients, facts)['limit'].sum()")),
    "q5": Answer(q5_three_a_clients, Text("r = rate_book(clients, facts); list(r.index[r['band'] == '3A'])",
                                          "r = rate_book(clients, facts); list(r.index[r['band'] == '3A'])")),
    "q6": Answer(q6_due_today_amount, Text("due_today(invoices, '2012-12-31')['amount'].sum()",
                                     "due_today(invoices, '2012-12-31')['amount'].sum()")),
    "q7": Answer(q7_overdue_month_amount, Text("o = open_on(invoices, '2012-12-31'); o.loc[o.days_overdue >= 31, 'amount'].sum()",
                                               "o = open_on(invoices, '2012-12-31'); o.loc[o.days_overdue >= 31, 'amount'].sum()")),
    "q8": Answer(q8_double_ten_both, Text("largest, oldest = double_ten(invoices, '2012-12-31'); set(largest.index) & set(oldest.index)",
                                          "largest, oldest = double_ten(invoices, '2012-12-31'); set(largest.index) & set(oldest.index)")),
}
