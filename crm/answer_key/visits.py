"""The answer key of the service-visits exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module. Every expected
answer is computed from the tables, so the same key grades a submission on any data variant.
"""
from __future__ import annotations

from crm.answer_key import Answer, Tables
from crm.cases.visits.case import _a
from crm.cases.visits.plan import days_since_contact, orphan_clients, priority_order, VisitPlanner
from crm.core.exercise import Text

STAFF = 2_500  # the source's 「不足2500人」, the planner's default


def _agent_critics(tables: Tables):
    s = tables["survey"]
    return s[s["least_satisfied"] == "agent"]


def q1_orphan_vips(tables: Tables) -> int:
    """q1: OrphanVips."""
    c = tables["clients"]
    orphans = set(orphan_clients(tables["policies"], tables["agents"]))
    return int((c["client_id"].isin(orphans) & (c["vip_grade"].astype(object) != "none")).sum())


def q2_overdue_clients(tables: Tables) -> int:
    """q2: OverdueClients."""
    return int((days_since_contact(tables["clients"]) >= _a("overdue_days")).sum())


def q3_staff_for_vips(tables: Tables) -> int:
    """q3: StaffForVips."""
    return VisitPlanner(tables["clients"]).staff_for("vip", "vip_first")


def q4_premium_rule_orphans(tables: Tables) -> float:
    """q4: PremiumRuleOrphans."""
    return float(VisitPlanner(tables["clients"]).plan(STAFF, rule="premium").reached["orphan"])


def q5_first_ten(tables: Tables) -> list[str]:
    """q5: FirstTen."""
    c = tables["clients"]
    return sorted(c["client_id"].to_numpy()[priority_order(c, "orphan_first")[:10]])


def q6_ten_among_low_contact(tables: Tables) -> float:
    """q6: TenAmongLowContact."""
    s = tables["survey"]
    return float((s.loc[s["contact_score"] <= 7, "overall"] == 10).mean())


def q7_agent_critics_contact(tables: Tables) -> float:
    """q7: AgentCriticsContact."""
    return float(_agent_critics(tables)["contact_score"].mean())


def q8_agent_critics_below_8(tables: Tables) -> float:
    """q8: AgentCriticsBelow8."""
    return float((_agent_critics(tables)["overall"] < 8).mean())


def _same(code: str) -> Text:
    return Text(code, code)


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_orphan_vips, _same("o = orphan_clients(policies, agents); "
                                       "(clients['client_id'].isin(o) & (clients['vip_grade'] != 'none')).sum()")),
    "q2": Answer(q2_overdue_clients, _same("((pd.Timestamp('2013-12-31') - clients['last_contact']).dt.days >= 365).sum()")),
    "q3": Answer(q3_staff_for_vips, _same("VisitPlanner(clients).staff_for('vip', 'vip_first')")),
    "q4": Answer(q4_premium_rule_orphans, _same("VisitPlanner(clients).plan(2500, rule='premium').reached['orphan']")),
    "q5": Answer(q5_first_ten, _same("list(clients['client_id'].iloc[priority_order(clients, 'orphan_first')[:10]])")),
    "q6": Answer(q6_ten_among_low_contact, _same("(survey.loc[survey['contact_score'] <= 7, 'overall'] == 10).mean()")),
    "q7": Answer(q7_agent_critics_contact, _same("survey.loc[survey['least_satisfied'] == 'agent', 'contact_score'].mean()")),
    "q8": Answer(q8_agent_critics_below_8, _same("(survey.loc[survey['least_satisfied'] == 'agent', 'overall'] < 8).mean()")),
}
