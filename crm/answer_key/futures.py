"""The answer key of the futures exercise: how each answer is computed, and the method shown.

Only the grader's own process and a student's own (ungraded) notebook load this module;
a grading kernel's file view covers this folder, so no submission can import or read it.
Every expected answer is computed from the tables, so the same key grades a submission
on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

import pandas as pd
from crm.cases.futures.callbacks import CallbackRules, calls_due
from crm.core.exercise import Text
from crm.cases.futures.roles import RoleRules, client_roles
from crm.cases.futures.scoring import DEFAULT_WEIGHTS, client_indicators, core_clients, score_clients
from crm.cases.futures.questions import AS_OF, WEEK  # noqa: F401
from crm.answer_key import Answer, Tables


def q1_repeated_requests(tables: Tables) -> int:
    """q1: RepeatedRequests (see :class:`crm.cases.futures.questions.RepeatedRequests`)."""
    r = tables["requests"]
    return int(len(r) - r["problem_id"].nunique())


def q2_core_client_count(tables: Tables) -> int:
    """q2: CoreClientCount (see :class:`crm.cases.futures.questions.CoreClientCount`)."""
    a = tables["accounts"]
    return len(core_clients(a[a["month"].dt.year == 2013].groupby("client_id")["commission"].sum(), 0.8))


def q3_lost_clients(tables: Tables) -> int:
    """q3: LostClients (see :class:`crm.cases.futures.questions.LostClients`)."""
    roles = client_roles(tables["clients"], tables["accounts"], AS_OF, RoleRules())
    return int((roles["role"] == "lost").sum())


def q4_misrecorded_existing(tables: Tables) -> int:
    """q4: MisrecordedExisting (see :class:`crm.cases.futures.questions.MisrecordedExisting`)."""
    m = tables["clients"].merge(tables["truth"], on="client_id")
    return int(((m["role_recorded"] == "existing") & (m["status"] == "left")).sum())


def q5_mean_resolution_hours(tables: Tables) -> float:
    """q5: MeanResolutionHours (see :class:`crm.cases.futures.questions.MeanResolutionHours`)."""
    r = tables["requests"]
    return float(((r["resolved_at"] - r["raised_at"]).dt.total_seconds() / 3600).mean())


def q6_top_scored_clients(tables: Tables) -> set[str]:
    """q6: TopScoredClients (see :class:`crm.cases.futures.questions.TopScoredClients`)."""
    scores = score_clients(client_indicators(tables["clients"], tables["accounts"]), DEFAULT_WEIGHTS)
    return set(scores.index[:10].astype(str))


def q7_dissatisfied_share(tables: Tables) -> float:
    """q7: DissatisfiedShare (see :class:`crm.cases.futures.questions.DissatisfiedShare`)."""
    return float((tables["survey"]["overall"] <= 2).mean())


def q8_unanalysed_complaints(tables: Tables) -> int:
    """q8: UnanalysedComplaints (see :class:`crm.cases.futures.questions.UnanalysedComplaints`)."""
    log = tables["complaints"]
    return int(log["complaint_id"].nunique() - log.loc[log["step"] == "analysed", "complaint_id"].nunique())


def q9_new_account_calls_due(tables: Tables) -> int:
    """q9: NewAccountCallsDue (see :class:`crm.cases.futures.questions.NewAccountCallsDue`)."""
    t = tables
    due = calls_due(t["clients"], t["accounts"], t["callbacks"], pd.Timestamp(WEEK), CallbackRules())
    return int((due["reason"] == "new_account").sum())


#: What each question's answer is, and how it is found.
ANSWERS = {
    "q1": Answer(q1_repeated_requests,
                 Text("len(requests) - requests['problem_id'].nunique()", "len(requests) - requests['problem_id'].nunique()")),
    "q2": Answer(q2_core_client_count,
                 Text("len(core_clients(accounts[accounts.month.dt.year == 2013].groupby('client_id').commission.sum(), 0.8))",
                      "len(core_clients(accounts[accounts.month.dt.year == 2013].groupby('client_id').commission.sum(), 0.8))")),
    "q3": Answer(q3_lost_clients,
                 Text("(client_roles(clients, accounts, '2013-12-31')['role'] == 'lost').sum()",
                      "(client_roles(clients, accounts, '2013-12-31')['role'] == 'lost').sum()")),
    "q4": Answer(q4_misrecorded_existing,
                 Text("m = clients.merge(truth, on='client_id'); ((m.role_recorded == 'existing') & (m.status == 'left')).sum()",
                      "m = clients.merge(truth, on='client_id'); ((m.role_recorded == 'existing') & (m.status == 'left')).sum()")),
    "q5": Answer(q5_mean_resolution_hours,
                 Text("((requests.resolved_at - requests.raised_at).dt.total_seconds() / 3600).mean()",
                      "((requests.resolved_at - requests.raised_at).dt.total_seconds() / 3600).mean()")),
    "q6": Answer(q6_top_scored_clients,
                 Text("score_clients(client_indicators(clients, accounts), DEFAULT_WEIGHTS).index[:10]",
                      "score_clients(client_indicators(clients, accounts), DEFAULT_WEIGHTS).index[:10]")),
    "q7": Answer(q7_dissatisfied_share,
                 Text("(survey['overall'] <= 2).mean()", "(survey['overall'] <= 2).mean()")),
    "q8": Answer(q8_unanalysed_complaints,
                 Text("complaints.complaint_id.nunique() - complaints.loc[complaints.step == 'analysed', 'complaint_id'].nunique()",
                      "complaints.complaint_id.nunique() - complaints.loc[complaints.step == 'analysed', 'complaint_id'].nunique()")),
    "q9": Answer(q9_new_account_calls_due,
                 Text(f"(calls_due(clients, accounts, callbacks, '{WEEK}')['reason'] == 'new_account').sum()",
                      f"(calls_due(clients, accounts, callbacks, '{WEEK}')['reason'] == 'new_account').sum()")),
}
