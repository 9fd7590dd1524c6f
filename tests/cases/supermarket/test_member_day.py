"""Tests for crm.cases.supermarket.member_day: member-day and birthday-SMS campaign simulation."""

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.supermarket.member_day import CampaignConfig, break_even_uplift, simulate_campaigns

# every uncertain parameter fixed at its assumed value
FIXED = CampaignConfig(uplift_spread=0.0, cannibalisation_spread=0.0, response_spread=0.0)

SUMMARY_COLUMNS = [
    "campaign", "segment", "members", "incremental_revenue", "incremental_margin", "cost",
    "incremental_profit_mean", "incremental_profit_p5", "incremental_profit_p95",
    "roi_mean", "roi_p5", "roi_p95",
]


@pytest.fixture
def tiny():
    # daily spend 3650 / 365 = 10 and 7300 / 365 = 20 yuan; both baskets 73 yuan
    return pd.DataFrame({
        "customer_id": [1, 2, 3],
        "card_type": ["member", "member", "ordinary"],
        "segment": ["A", "B", "A"],
        "annual_spend": [3650.0, 7300.0, 36500.0],
        "visits": [50, 100, 365],
        "has_birthday": [True, False, True],
    })


@pytest.fixture
def shop():
    rng = np.random.default_rng(5)
    n = 600
    visits = rng.integers(1, 120, n)
    return pd.DataFrame({
        "customer_id": np.arange(n),
        "card_type": rng.choice(["member", "ordinary"], n),
        "segment": rng.choice(["A", "B", "C"], n),
        "annual_spend": visits * rng.gamma(2.0, 40.0, n),
        "visits": visits,
        "has_birthday": rng.random(n) < 0.9,
    })


def row(result, campaign, segment):
    summary = result.summary
    return summary[(summary["campaign"] == campaign) & (summary["segment"] == segment)].iloc[0]


def test_tiny_table_matches_the_formulas_by_hand(tiny):
    config = CampaignConfig(
        member_day_uplift_visits=0.5, member_day_discount=0.1, member_day_fixed_cost=12.0,
        cannibalisation=0.2, gross_margin=0.2, sms_cost=0.1, birthday_response_rate=0.5,
        birthday_coupon_value=5.0, uplift_spread=0.0, cannibalisation_spread=0.0, response_spread=0.0,
    )
    result = simulate_campaigns(tiny, config, n_sims=3, seed=0, months=12)
    days = 12
    # member day, segment A: daily spend 10, half the members so half the fixed cost
    revenue = days * 0.5 * (1 - 0.2) * 10  # 48
    cost = days * (0.1 * (1 + 0.5) * 10 + 12.0 * 0.5)  # 90
    a = row(result, "member_day", "A")
    assert a.incremental_revenue == pytest.approx(revenue)
    assert a.cost == pytest.approx(cost)
    assert a.incremental_profit_mean == pytest.approx(0.2 * revenue - cost)  # -80.4
    assert a.roi_mean == pytest.approx((0.2 * revenue - cost) / cost)
    assert a.incremental_profit_p5 == a.incremental_profit_p95 == a.incremental_profit_mean
    # birthday SMS, segment A: one message, half a responder spending a 73-yuan basket
    b = row(result, "birthday_sms", "A")
    assert b.incremental_revenue == pytest.approx(0.5 * 73)
    assert b.cost == pytest.approx(0.1 + 0.5 * 5.0)
    assert b.incremental_profit_mean == pytest.approx(0.2 * 36.5 - 2.6)  # 4.7
    # segment B has no birthday on file: nothing spent, nothing earned, ROI undefined
    none = row(result, "birthday_sms", "B")
    assert none.cost == 0 and none.incremental_profit_mean == 0 and np.isnan(none.roi_mean)
    # "all" adds the segments; the whole fixed cost is counted once
    total = row(result, "member_day", "all")
    assert total.cost == pytest.approx(days * (0.1 * 1.5 * 30 + 12.0))
    assert total.members == 2


def test_profit_rises_with_uplift_and_falls_with_costs(shop):
    def profit(campaign="member_day", **changes):
        result = simulate_campaigns(shop, replace(FIXED, **changes), n_sims=2)
        return row(result, campaign, "all").incremental_profit_mean

    uplifts = [profit(member_day_uplift_visits=u) for u in (0.0, 0.3, 0.6, 1.2, 2.0)]
    assert np.all(np.diff(uplifts) > 0)  # margin (1 - k) = 0.126 exceeds the 5% discount
    discounts = [profit(member_day_discount=d) for d in (0.0, 0.05, 0.1)]
    assert np.all(np.diff(discounts) < 0)
    fixed = [profit(member_day_fixed_cost=f) for f in (0.0, 3000.0, 6000.0)]
    assert np.all(np.diff(fixed) < 0)
    assert profit(member_day_uplift_visits=0.6, cannibalisation=0.6) < profit(member_day_uplift_visits=0.6)
    sms = [profit("birthday_sms", sms_cost=c) for c in (0.0, 0.05, 0.5)]
    assert np.all(np.diff(sms) < 0)
    coupons = [profit("birthday_sms", birthday_coupon_value=c) for c in (0.0, 10.0, 20.0)]
    assert np.all(np.diff(coupons) < 0)


@settings(max_examples=20, deadline=None)
@given(st.floats(0.0, 3.0), st.floats(0.0, 3.0))
def test_profit_is_monotone_in_uplift_in_every_draw(low, high):
    shop = pd.DataFrame({"customer_id": [1, 2], "card_type": ["member"] * 2, "segment": ["A", "B"],
                         "annual_spend": [5000.0, 800.0], "visits": [80, 10], "has_birthday": [True, True]})
    low, high = sorted((low, high))
    profits = [
        simulate_campaigns(shop, replace(CampaignConfig(), member_day_uplift_visits=u), 50, seed=3)
        .draws.query("campaign == 'member_day'")["incremental_profit"].to_numpy()
        for u in (low, high)
    ]
    assert np.all(profits[0] <= profits[1] + 1e-9)


def test_zero_uplift_loses_exactly_the_costs(shop):
    config = replace(FIXED, member_day_uplift_visits=0.0, birthday_response_rate=0.0)
    result = simulate_campaigns(shop, config, n_sims=4, months=6)
    members = shop[shop["card_type"] == "member"]
    for campaign in ("member_day", "birthday_sms"):
        total = row(result, campaign, "all")
        assert total.incremental_revenue == 0
        assert total.incremental_profit_mean == pytest.approx(-total.cost)
    # member day: the discount on baseline purchases plus the fixed cost, 6 member days
    expected = 6 * (0.05 * members["annual_spend"].sum() / 365 + 3000.0)
    assert row(result, "member_day", "all").cost == pytest.approx(expected)
    messages = 6 / 12 * members["has_birthday"].sum()  # half the birthdays fall in 6 months
    assert row(result, "birthday_sms", "all").cost == pytest.approx(0.05 * messages)


def test_same_seed_same_draws_and_different_seed_differs(shop):
    config = CampaignConfig()
    first = simulate_campaigns(shop, config, n_sims=200, seed=1)
    again = simulate_campaigns(shop, config, n_sims=200, seed=1)
    pd.testing.assert_frame_equal(first.draws, again.draws)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    other = simulate_campaigns(shop, config, n_sims=200, seed=2)
    assert not np.allclose(first.draws["incremental_profit"], other.draws["incremental_profit"])


def test_draws_keep_the_assumed_means(shop):
    result = simulate_campaigns(shop, CampaignConfig(), n_sims=20_000, seed=0)
    fixed = simulate_campaigns(shop, FIXED, n_sims=1)
    for campaign in ("member_day", "birthday_sms"):
        # parameters are independent with the assumed means, so revenue keeps its mean
        assert row(result, campaign, "all").incremental_revenue == pytest.approx(
            row(fixed, campaign, "all").incremental_revenue, rel=0.02)
        r = row(result, campaign, "all")
        assert r.incremental_profit_p5 < r.incremental_profit_mean < r.incremental_profit_p95


@pytest.mark.parametrize("segment", ["A", "C", None])
def test_break_even_uplift_gives_zero_profit(shop, segment):
    uplift = break_even_uplift(shop, FIXED, segment)
    assert 0 < uplift < math.inf
    result = simulate_campaigns(shop, replace(FIXED, member_day_uplift_visits=uplift), n_sims=1)
    profit = row(result, "member_day", "all" if segment is None else segment).incremental_profit_mean
    assert profit == pytest.approx(0.0, abs=1e-6)


def test_break_even_uplift_is_infinite_when_the_discount_eats_the_margin(shop):
    assert break_even_uplift(shop, replace(FIXED, member_day_discount=0.2)) == math.inf
    with pytest.raises(ValueError):
        break_even_uplift(shop, FIXED, segment="Z")


def test_ordinary_customers_contribute_nothing(tiny):
    members_only = tiny[tiny["card_type"] == "member"]
    louder = tiny.assign(annual_spend=np.where(tiny["card_type"] == "ordinary", 1e7, tiny["annual_spend"]))
    results = [simulate_campaigns(table, CampaignConfig(), n_sims=50, seed=9)
               for table in (tiny, members_only, louder)]
    for other in results[1:]:
        pd.testing.assert_frame_equal(results[0].summary, other.summary)
    only_ordinary = tiny.assign(card_type="ordinary")
    empty = simulate_campaigns(only_ordinary, CampaignConfig(), n_sims=5)
    assert list(empty.summary["segment"]) == ["all", "all"]
    assert (empty.summary[["incremental_revenue", "cost"]] == 0).all().all()


def test_output_shapes(shop):
    result = simulate_campaigns(shop, CampaignConfig(), n_sims=100, seed=0)
    assert list(result.summary.columns) == SUMMARY_COLUMNS
    assert len(result.summary) == 2 * 4  # two campaigns, segments A, B, C and "all"
    assert list(result.summary["segment"][:4]) == ["A", "B", "C", "all"]
    assert list(result.draws.columns) == ["sim", "campaign", "segment", "incremental_revenue", "cost",
                                          "incremental_profit", "roi"]
    assert len(result.draws) == 100 * 2 * 4
    assert result.draws.groupby(["campaign", "segment"]).size().eq(100).all()
    assert result.draws["sim"].between(0, 99).all()


def test_bad_inputs_are_rejected(tiny):
    with pytest.raises(ValueError):
        simulate_campaigns(tiny.drop(columns="has_birthday"), CampaignConfig())
    with pytest.raises(ValueError):
        simulate_campaigns(tiny.assign(annual_spend=-1.0), CampaignConfig())
    with pytest.raises(ValueError):
        CampaignConfig(member_day_discount=1.5)
    with pytest.raises(ValueError):  # a Beta share of 0.12 cannot have a sd of 0.6
        simulate_campaigns(tiny, CampaignConfig(response_spread=5.0))
