"""The visits case's questions, answer key and Notices: computed on any variant, checked against the analytics."""
import numpy as np
import pandas as pd
import pytest

from crm.answer_key.visits import ANSWERS
from crm.cases import load_case
from crm.cases.visits.case import SERVICE_STAFF
from crm.cases.visits.data import generate
from crm.cases.visits.notices import plan_notice, survey_notice
from crm.cases.visits.plan import days_since_contact, priority_order, VisitPlanner, yearly_visits
from crm.cases.visits.questions import questions
from crm.cases.visits.survey import contact_drivers, score_distribution, source_figures
from crm.cases.visits.written import written
from crm.core.schemas import DataError


@pytest.fixture(scope="module", params=["committed", 7])
def t(request):
    return load_case("visits") if request.param == "committed" else generate(request.param)


def test_every_question_has_a_key_and_the_written_ones_name_existing_questions(t):
    qs = questions(t)
    assert list(qs) == [f"q{i}" for i in range(1, 9)] and set(ANSWERS) == set(qs)
    for w in written(t).values():
        assert set(w.uses) <= set(qs) and sum(c.points for c in w.rubric) == 5


def test_orphan_vips_and_overdue_counts_follow_the_tables(t):
    qs = questions(t)
    c = t["clients"]
    active = dict(zip(t["agents"]["agent_id"], t["agents"]["active"]))
    served = {}
    for cid, aid in zip(t["policies"]["client_id"], t["policies"]["agent_id"]):  # by hand, not orphan_clients
        served[cid] = served.get(cid, False) or bool(active[aid])
    orphans = {cid for cid, s in served.items() if not s}
    assert qs["q1"].expected() == sum(1 for cid, g in zip(c["client_id"], c["vip_grade"]) if cid in orphans and g != "none")
    days = (pd.Timestamp("2013-12-31") - pd.to_datetime(c["last_contact"])).dt.days
    assert qs["q2"].expected() == int((days >= 365).sum())


def test_staff_for_vips_is_the_smallest_staff_that_reaches_them_all(t):
    need = questions(t)["q3"].expected()
    p = VisitPlanner(t["clients"])
    assert p.plan(need, rule="vip_first").reached["vip"] == 1.0 > p.plan(need - 1, rule="vip_first").reached["vip"]


def test_the_premium_order_reaches_fewer_orphans_than_the_orphan_order(t):
    share = questions(t)["q4"].expected()
    p = VisitPlanner(t["clients"])
    assert 0 < share < p.plan(SERVICE_STAFF, rule="orphan_first").reached["orphan"] == 1.0


def test_the_first_ten_are_orphans_of_the_highest_grades_longest_unseen_first(t):
    first = questions(t)["q5"].expected()
    c = t["clients"].set_index("client_id")
    top = c.loc[first]
    assert len(first) == 10 and top["orphan"].all()
    rank = {"none": 0, "silver": 1, "gold": 2, "diamond": 3}
    worst_in = top["vip_grade"].astype(object).map(rank).min()
    rest = c.drop(index=first)
    assert not (rest["orphan"] & (rest["vip_grade"].astype(object).map(rank) > worst_in)).any()


def test_survey_answers_match_the_drivers_table(t):
    qs, s = questions(t), t["survey"]
    d = contact_drivers(s)
    low = d.loc[["0-5", "6-7"]]
    assert qs["q6"].expected() == pytest.approx((low["share_ten"] * low["respondents"]).sum() / low["respondents"].sum())
    agent = s[s["least_satisfied"] == "agent"]
    assert qs["q7"].expected() == pytest.approx(agent["contact_score"].mean())
    assert 0 < qs["q8"].expected() < 1


def test_answers_differ_between_variants():
    a, b = questions(load_case("visits")), questions(generate(4711))
    for qid in a:
        x, y = a[qid].expected(), b[qid].expected()
        assert (sorted(x) != sorted(y)) if isinstance(x, list) else not np.isclose(x, y, rtol=1e-3), qid


def test_the_notices_state_the_datas_figures_and_name_their_assumptions(t):
    p = VisitPlanner(t["clients"])
    n = plan_notice(t)
    assert f"{p.staff_for('orphan', 'orphan_first'):,} staff visit every orphan" in n
    assert f"only {p.plan(SERVICE_STAFF, rule='premium').reached['orphan']:.0%}" in n
    assert "`agent_left_rate`" in n and n.count("`visits_per_day`") == 2
    s = survey_notice(t)
    sv = t["survey"]
    assert f"average {sv['overall'].mean():.2f}" in s and f"{(sv.loc[sv['contact_score'] <= 7, 'overall'] == 10).mean():.0%}" in s
    assert s.count("`contact_link`") == 2 and "cannot show" in s


def test_source_figures_and_distribution_agree(t):
    f = source_figures(t)
    d = score_distribution(t["survey"])
    assert d["count"].sum() == 501 and f.loc["share_ten", "in_data"] == pytest.approx(d.loc[10, "share"])
    with pytest.raises(DataError):
        score_distribution(t["survey"], "nothing")
    with pytest.raises(DataError):
        contact_drivers(t["survey"], "overall")


def test_order_and_visits_reject_bad_input(t):
    with pytest.raises(DataError):
        priority_order(t["clients"].drop(columns="orphan"))
    with pytest.raises(DataError):
        yearly_visits(2500, 6, float("nan"), 1000)
    assert len(days_since_contact(t["clients"])) == len(t["clients"])
