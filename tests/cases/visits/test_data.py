"""The visits case's data reproduces the source's figures as closely as whole answers allow; the planner works."""
import numpy as np
import pytest

from crm.cases import load_case
from crm.cases.visits.case import (AGENT_SCORE, CLIENTS, CONTACT_SCORE, MEAN_SCORE, RESPONDENTS, SHARE_AFTER_SALES,
                                   SHARE_AGENT, SHARE_BELOW_8, SHARE_TEN)
from crm.cases.visits.data import generate
from crm.cases.visits.plan import orphan_clients, VisitPlanner, yearly_visits
from crm.core.schemas import DataError


@pytest.fixture(scope="module", params=["committed", 4711])
def t(request):
    return load_case("visits") if request.param == "committed" else generate(request.param)


def _nearest(share, n, k):
    """k is the whole number of n whose share is nearest to the published one."""
    return all(abs(k / n - share) <= abs(j / n - share) for j in range(n + 1))


def test_survey_matches_the_published_figures_as_closely_as_integers_allow(t):
    s = t["survey"]
    assert len(s) == RESPONDENTS and round(s["overall"].mean(), 2) == MEAN_SCORE
    assert _nearest(SHARE_TEN, 501, int((s["overall"] == 10).sum()))
    assert _nearest(SHARE_BELOW_8, 501, int((s["overall"] < 8).sum()))  # 99: no whole number gives 19.7 %
    agent = s["least_satisfied"] == "agent"
    assert _nearest(SHARE_AGENT, 501, int(agent.sum()))
    assert _nearest(SHARE_AFTER_SALES, int(agent.sum()), int((s.loc[agent, "agent_issue"] == "after_sales").sum()))
    assert round(s["agent_score"].mean(), 2) == AGENT_SCORE and round(s["contact_score"].mean(), 2) == CONTACT_SCORE
    assert s["agent_issue"].isna().to_numpy().tolist() == (~agent).to_numpy().tolist()


def test_clients_sample_and_orphans_follow_the_policies(t):
    c = t["clients"]
    assert len(c) * 1_000 == CLIENTS
    orphans = orphan_clients(t["policies"], t["agents"])
    assert set(orphans) == set(c.loc[c["orphan"], "client_id"])


def test_the_planner_reaches_the_orphans_first_and_rejects_bad_input(t):
    p = VisitPlanner(t["clients"])
    plan = p.plan(2500, rule="orphan_first")
    assert plan.reached["orphan"] == 1.0 and 0 < plan.reached["all"] < 0.5
    assert p.plan(2500, rule="premium").reached["orphan"] < 1.0
    need = p.staff_for("orphan", "orphan_first")
    assert p.plan(need).reached["orphan"] == 1.0 and p.plan(need - 1).reached["orphan"] < 1.0
    with pytest.raises(DataError):
        yearly_visits(0, 6, 250, 1000)
    with pytest.raises(DataError):
        p.plan(2500, rule="nobody")
