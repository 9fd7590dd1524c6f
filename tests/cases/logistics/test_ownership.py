"""Complaints owned by customer service alone vs the causing departments bound in."""
from dataclasses import replace

import numpy as np
import pytest

from crm.cases import load_case
from crm.cases.logistics.ownership import (BINDABLE, by_owner, compare_ownership, complaint_draws,
                                           config_from_complaints, flow_counts, handle, OWNERS, OwnershipConfig)
from crm.core.queueing import mmc_metrics
from crm.core.schemas import DataError


@pytest.fixture(scope="module")
def cfg():
    return config_from_complaints(load_case("logistics")["complaints"], 10_000)


def test_the_config_is_measured_on_the_log(cfg):
    c = load_case("logistics")["complaints"]
    assert cfg.complaints_per_day == pytest.approx(len(c) * 10_000 / 365)
    assert cfg.owner_mix[OWNERS.index("port_operations")] == pytest.approx((c["owner"] == "port_operations").mean())


def test_binding_departments_in_answers_faster_with_fewer_repeats(cfg):
    table = compare_ownership(cfg, seed=0)
    today, bound = table.loc["cs_only"], table.loc["all_bound"]
    assert bound["mean_hours"] < today["mean_hours"] / 3
    assert bound["within_promise_share"] > today["within_promise_share"] + 0.4
    assert bound["repeat_calls"] < today["repeat_calls"] and bound["escalated_share"] == 0


def test_binding_one_more_department_never_hurts(cfg):
    draws = complaint_draws(cfg, 1)
    prev = handle(draws, replace(cfg, bound=())).summary["within_promise_share"]
    for k in range(1, len(BINDABLE) + 1):
        now = handle(draws, replace(cfg, bound=BINDABLE[:k])).summary["within_promise_share"]
        assert now >= prev - 1e-12
        prev = now


def test_customer_service_owned_complaints_do_not_depend_on_binding(cfg):
    draws = complaint_draws(cfg, 2)
    a = handle(draws, replace(cfg, cs_agents=2000)).complaints  # a line that never waits
    b = handle(draws, replace(cfg, cs_agents=2000, bound=BINDABLE)).complaints
    mine = (a["owner"] == "customer_service").to_numpy()
    assert np.allclose(a.loc[mine, "hours"], b.loc[mine, "hours"], atol=1e-3)


def test_repeat_calls_load_the_line(cfg):
    draws = complaint_draws(cfg, 0)
    r = handle(draws, cfg)
    calls = r.summary["repeat_calls"] + 1
    arrivals = cfg.complaints_per_day * calls / 24 / 60
    want = mmc_metrics(arrivals, 1 / cfg.call_minutes, cfg.cs_agents).utilisation
    assert r.summary["line_utilisation"] == pytest.approx(want, rel=0.02)
    few = handle(draws, replace(cfg, cs_agents=150)).summary
    assert not few["line_stable"] and few["within_promise_share"] == 0.0  # everyone waits a full day


def test_flows_add_up(cfg):
    r = handle(complaint_draws(cfg, 0), replace(cfg, bound=("port_operations",), relay="department"))
    f = flow_counts(r)
    n = len(r.complaints)
    assert f.loc[f["source"] == "client", "complaints"].sum() == n
    assert f.loc[f["target"].str.startswith("tell."), "complaints"].sum() == n
    assert "tell.department" in set(f["target"])
    owners = by_owner(r)
    assert owners["complaints"].sum() == n


def test_bad_parameters_get_one_bilingual_message():
    with pytest.raises(DataError) as err:
        OwnershipConfig(cs_agents=0, support=2.0)
    assert "客服人数" in err.value.message_zh and "agents" in err.value.message_en
    assert "support" in err.value.message_en
    with pytest.raises(DataError):
        config_from_complaints(load_case("logistics")["complaints"].iloc[:0], 10_000)
