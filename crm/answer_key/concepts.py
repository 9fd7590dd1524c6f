"""The answer key of the concepts exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module. Every expected
answer is computed from the customer book, so the same key grades a submission on any data variant.
"""
from __future__ import annotations

from crm.answer_key import Answer, Tables
from crm.cases.concepts.retention import figure, figure_range
from crm.cases.concepts.value import present_values, value_table
from crm.core.exercise import Text


def q1_total_current_value(tables: Tables) -> float:
    """q1: TotalCurrentValue."""
    return float(present_values(tables["customers"])["current_value"].sum())


def q2_total_potential(tables: Tables) -> float:
    """q2: TotalPotential."""
    return float(present_values(tables["customers"])["growth_potential"].sum())


def q3_type_four_count(tables: Tables) -> int:
    """q3: TypeFourCount."""
    return int((value_table(tables["customers"])["value_type"] == "IV").sum())


def q4_type_two_customers(tables: Tables) -> list[str]:
    """q4: TypeTwoCustomers."""
    v = value_table(tables["customers"])
    return sorted(v.index[v["value_type"] == "II"])


def q5_stay_if_fast(tables: Tables) -> float:
    """q5: StayIfFast."""
    return float((value_table(tables["customers"])["value_type"] == "III").sum() * figure("stay_if_fast"))


def q6_people_told(tables: Tables) -> int:
    """q6: PeopleTold (a count of people: whole)."""
    return int((value_table(tables["customers"])["value_type"] == "I").sum() * int(figure_range("told_unhappy")[1]))


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_total_current_value, Text("present_values(customers)['current_value'].sum()",
                                              "present_values(customers)['current_value'].sum()")),
    "q2": Answer(q2_total_potential, Text("present_values(customers)['growth_potential'].sum()",
                                          "present_values(customers)['growth_potential'].sum()")),
    "q3": Answer(q3_type_four_count, Text("(value_table(customers)['value_type'] == 'IV').sum()",
                                          "(value_table(customers)['value_type'] == 'IV').sum()")),
    "q4": Answer(q4_type_two_customers, Text("v = value_table(customers); list(v.index[v['value_type'] == 'II'])",
                                             "v = value_table(customers); list(v.index[v['value_type'] == 'II'])")),
    "q5": Answer(q5_stay_if_fast, Text("(value_table(customers)['value_type'] == 'III').sum() * 0.70",
                                       "(value_table(customers)['value_type'] == 'III').sum() * 0.70")),
    "q6": Answer(q6_people_told, Text("(value_table(customers)['value_type'] == 'I').sum() * 10",
                                      "(value_table(customers)['value_type'] == 'I').sum() * 10")),
}
