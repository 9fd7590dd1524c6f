"""Tier migration, CLV per tier and retention strategies simulated forward."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.bank.lifetime import (LOST, RetentionStrategy, apply_strategies, simulate_retention, tier_clv,
                                     transition_counts, transition_matrix)
from crm.core.schemas import DataError

TIERS = ("VIP", "key", "ordinary")


def yearly():
    return pd.DataFrame({2012: ["VIP", "key", "ordinary", "ordinary", None],
                         2013: ["VIP", "VIP", "ordinary", LOST, "key"],
                         2014: ["key", "VIP", LOST, LOST, "key"]}, index=list("abcde"), dtype=object)


def test_counts_and_matrix_hand_checked():
    counts = transition_counts(yearly(), TIERS)
    assert counts.loc["VIP"].tolist() == [2, 1, 0, 0]  # a stays VIP, b stays VIP; a drops to key
    assert counts.loc["key"].tolist() == [1, 1, 0, 0]
    assert counts.loc["ordinary"].tolist() == [0, 0, 1, 2]  # lost clients are not counted again
    p = transition_matrix(yearly(), TIERS)
    assert p.sum(axis=1).tolist() == pytest.approx([1, 1, 1])
    assert p.loc["ordinary", LOST] == pytest.approx(2 / 3)


def matrix():
    return pd.DataFrame([[0.8, 0.1, 0.05, 0.05], [0.1, 0.7, 0.1, 0.1], [0.0, 0.1, 0.7, 0.2]],
                        index=list(TIERS), columns=[*TIERS, LOST])


def test_clv_one_year_is_the_discounted_expected_profit():
    profit = {"VIP": 1000.0, "key": 200.0, "ordinary": 20.0}
    clv = tier_clv(matrix(), profit, discount_rate=0.1, years=1)
    assert clv["VIP"] == pytest.approx((0.8 * 1000 + 0.1 * 200 + 0.05 * 20) / 1.1)
    assert clv["VIP"] > clv["key"] > clv["ordinary"]


def test_clv_of_a_client_who_always_stays_is_an_annuity():
    p = pd.DataFrame([[1.0, 0.0]], index=["only"], columns=["only", LOST])
    assert tier_clv(p, {"only": 100.0}, 0.0, 5)["only"] == pytest.approx(500)


def test_strategy_moves_kept_leavers_into_their_tier():
    p = apply_strategies(matrix(), {"ordinary": RetentionStrategy(churn_cut=0.5, cost_per_client=1)})
    assert p.loc["ordinary", LOST] == pytest.approx(0.1)
    assert p.loc["ordinary", "ordinary"] == pytest.approx(0.8)
    with pytest.raises(DataError):
        apply_strategies(matrix(), {"gold": RetentionStrategy(0.1, 0)})
    with pytest.raises(DataError):
        RetentionStrategy(churn_cut=1.5)


def test_simulation_hand_checked_first_year():
    profit = {"VIP": 1000.0, "key": 200.0, "ordinary": 20.0}
    start = {"VIP": 10, "key": 0, "ordinary": 100}
    out = simulate_retention(matrix(), start, profit, {"ordinary": RetentionStrategy(0.5, 2.0)}, years=2,
                             discount_rate=0.0)
    first = out.loc[1]
    assert first["VIP"] == pytest.approx(8)
    assert first["ordinary"] == pytest.approx(0.5 + 80)  # 0.7 + 0.1 kept
    assert first["cost"] == pytest.approx(200)
    assert first[LOST] == pytest.approx(0.5 + 10)


def test_bad_matrix_is_refused():
    bad = matrix() * 2
    with pytest.raises(DataError):
        tier_clv(bad, {"VIP": 1, "key": 1, "ordinary": 1})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.01, 1), min_size=12, max_size=12), st.floats(0, 1), st.floats(0, 0.3))
def test_clients_are_conserved_and_a_free_strategy_never_loses(weights, cut, rate):
    w = np.array(weights).reshape(3, 4)
    p = pd.DataFrame(w / w.sum(axis=1, keepdims=True), index=list(TIERS), columns=[*TIERS, LOST])
    profit = {"VIP": 500.0, "key": 100.0, "ordinary": 10.0}
    start = {"VIP": 5.0, "key": 20.0, "ordinary": 100.0}
    base = simulate_retention(p, start, profit, years=4, discount_rate=rate)
    free = simulate_retention(p, start, profit, {t: RetentionStrategy(cut, 0.0) for t in TIERS}, 4, rate)
    assert base[[*TIERS, LOST]].sum(axis=1).tolist() == pytest.approx([125.0] * 4)
    assert (base[LOST].diff().dropna() >= -1e-9).all()  # lost is absorbing
    assert free["cumulative_npv"].iloc[-1] >= base["cumulative_npv"].iloc[-1] - 1e-6


def test_yearly_tiers_from_profits_hand_checked():
    from crm.cases.bank.lifetime import contribution, profit_table, yearly_tiers
    profits = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c"], "year": [2013, 2014, 2013, 2014, 2014],
                            "profit": [6000.0, 900.0, 1500.0, 8000.0, 10.0]})
    thresholds = {"VIP": 5000, "key": 1200, "ordinary": 0}
    y = yearly_tiers(profits, thresholds)
    assert y[2013].tolist()[:2] == ["VIP", "key"] and pd.isna(y.loc["c", 2013])
    assert y[2014].tolist() == ["ordinary", "VIP", "ordinary"]
    assert yearly_tiers(profit_table(profits), thresholds).equals(y)
    gone = yearly_tiers(profits[profits["customer_id"] != "a"].assign(), thresholds)
    assert list(gone.index) == ["b", "c"]
    counts = transition_counts(y, TIERS)
    assert counts.loc["VIP", "ordinary"] == 1 and counts.loc["key", "VIP"] == 1
    assert contribution(profits).to_dict() == {"a": 900.0, "b": 8000.0, "c": 10.0}
    lost = yearly_tiers(profits[~((profits["customer_id"] == "a") & (profits["year"] == 2014))], thresholds)
    assert lost.loc["a", 2014] == LOST
    with pytest.raises(DataError):
        contribution(profits, 1999)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1e5), min_size=1, max_size=120), st.floats(0.01, 0.3), st.floats(0.01, 0.6))
def test_ranked_tier_summary_equals_tier_summary_of_rank_tiers(values, vip, key):
    from crm.core.segment import pareto_ranking, rank_tiers, ranked_tier_summary, tier_summary
    s = pd.Series(values, index=[f"c{i:03d}" for i in range(len(values))])
    shares = {"VIP": vip, "key": key, "ordinary": 1 - vip - key}
    expected = tier_summary(s, rank_tiers(s, shares))
    pd.testing.assert_frame_equal(ranked_tier_summary(pareto_ranking(s), shares), expected, check_dtype=False)
