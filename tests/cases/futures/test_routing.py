"""crm.cases.futures.routing: the FIFO queue, both designs on the same requests, flows and measured configs."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.futures.routing import (DEPARTMENTS, RoutingConfig, _fifo, compare_designs, config_from_requests,
                                       flow_counts, generate_requests, simulate_routing)
from crm.core.schemas import DataError


def test_fifo_by_hand():
    # two servers; jobs at 0, 0, 1 needing 3, 1, 1 hours: the third waits for the second server (free at 1)
    start = _fifo(np.array([0.0, 0.0, 1.0, 1.5]), np.array([3.0, 1.0, 1.0, 1.0]), 2)
    assert start.tolist() == [0.0, 0.0, 1.0, 2.0]


def _requests(rows):
    return pd.DataFrame(rows, columns=["request_no", "arrival_h", "branch", "department", "problem", "shared",
                                       "solve_h"])


def test_hub_solves_a_shared_problem_once_and_today_solves_it_for_every_branch():
    req = _requests([(0, 0.0, 0, 1, 7, True, 2.0), (1, 1.0, 1, 1, 7, True, 2.0), (2, 5.0, 2, 1, 7, True, 2.0)])
    cfg = RoutingConfig(department_staff=1, cs_staff=1, cs_hours=0.25, service_cv=0.01, recognition=1.0)
    today = simulate_routing(req, "today", cfg).summary
    assert today["back_office_jobs"] == 3 and today["repeat_jobs"] == 2 and today["seen_by_cs_share"] == 0
    # today: one server, jobs at 0, 1, 5 of 2 h each: resolved at 2, 4, 7 → 2, 3, 2 hours
    assert today["mean_hours"] == pytest.approx(7 / 3)
    hub = simulate_routing(req, "hub", cfg).summary
    assert hub["back_office_jobs"] == 1 and hub["repeat_jobs"] == 0 and hub["seen_by_cs_share"] == 1
    assert hub["back_office_hours"] == pytest.approx(2.0)


def test_same_requests_for_both_designs_and_deterministic():
    a, b = compare_designs(RoutingConfig(days=40), seed=3), compare_designs(RoutingConfig(days=40), seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc["today", "requests"] == a.loc["hub", "requests"]
    assert a.loc["hub", "back_office_jobs"] < a.loc["today", "back_office_jobs"]


@settings(max_examples=25, deadline=None)
@given(branches=st.integers(1, 30), shared=st.floats(0, 1), staff=st.integers(1, 5), seed=st.integers(0, 10**6))
def test_invariants(branches, shared, staff, seed):
    cfg = RoutingConfig(branches=branches, shared_share=shared, department_staff=staff, days=20)
    req = generate_requests(cfg, seed)
    for design in ("today", "hub"):
        r = simulate_routing(req, design, cfg, seed)
        out = r.requests
        assert (out["resolved_h"] >= out["arrival_h"] - 1e-9).all()
        assert r.summary["back_office_jobs"] <= len(req)
        flows = flow_counts(r)
        assert flows.loc[flows["source"] == "branches", "requests"].sum() == len(req)
    today = simulate_routing(req, "today", cfg).summary
    assert today["back_office_jobs"] == len(req)
    # jobs on the same problem beyond the first are exactly the repeats
    assert today["repeat_jobs"] == len(req) - req["problem"].nunique()


def test_more_sharing_means_more_repeated_work_today():
    low = compare_designs(RoutingConfig(shared_share=0.1, days=60), 1).loc["today", "repeat_jobs"]
    high = compare_designs(RoutingConfig(shared_share=0.7, days=60), 1).loc["today", "repeat_jobs"]
    assert high > low


def test_bad_parameters_are_explained_in_both_languages():
    with pytest.raises(DataError) as err:
        RoutingConfig(branches=0)
    assert "营业部" in err.value.message_zh and "branches" in err.value.message_en
    with pytest.raises(DataError):
        RoutingConfig(shared_share=1.5)
    with pytest.raises(DataError):
        simulate_routing(generate_requests(RoutingConfig(days=2), 0), "sideways", RoutingConfig())


def test_config_measured_from_a_log():
    log = pd.DataFrame({"branch": ["a", "a", "b", "b"], "department": ["technology", "risk", "technology", "research"],
                        "problem_id": ["P1", "P1", "P2", "P3"],
                        "raised_at": pd.to_datetime(["2013-01-07 09:00", "2013-01-07 10:00", "2013-01-08 09:00",
                                                     "2013-01-08 11:00"])})
    cfg = config_from_requests(log)
    assert cfg.branches == 2 and cfg.requests_per_branch_day == pytest.approx(1.0)
    assert cfg.shared_share == pytest.approx(0.5)
    assert dict(zip(DEPARTMENTS, cfg.department_mix)) == {"research": 0.25, "technology": 0.5, "settlement": 0.0,
                                                           "risk": 0.25}
