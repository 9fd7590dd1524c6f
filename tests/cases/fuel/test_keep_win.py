"""crm.cases.fuel.keep_win: the keep-vs-win simulation and its frontier."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.fuel.keep_win import KeepWinConfig, keep_win_frontier, simulate_keep_win
from crm.core.schemas import DataError



def test_keep_win_with_nothing_spent_loses_the_source_churn():
    cfg = KeepWinConfig(budget=0.0, years=2)
    sim = simulate_keep_win(np.full(100, 1000.0), 0.5, cfg)
    assert sim["customers"].tolist() == pytest.approx([90, 81])
    assert sim.loc[1, "margin"] == pytest.approx(90 * 1000 * cfg.margin_per_litre)
    assert sim.loc[2, "cumulative_profit"] == pytest.approx(sim["profit"].sum())


def test_keeping_cares_for_the_largest_customers_first():
    cfg = KeepWinConfig(budget=600.0, keep_cost=60.0, years=1, care_effect=1.0)
    sim = simulate_keep_win(np.array([5000.0] * 10 + [100.0] * 90), 1.0, cfg)
    assert sim.loc[1, "cared"] == pytest.approx(10)
    assert sim.loc[1, "lost"] == pytest.approx(9.0)  # the 10 largest kept, 10 % of the 90 others lost


def test_all_on_winning_buys_budget_over_six_keep_costs():
    cfg = KeepWinConfig(budget=36_000.0, keep_cost=60.0, years=1)
    assert simulate_keep_win(np.ones(10), 0.0, cfg).loc[1, "won"] == pytest.approx(100)


def test_bad_parameters_are_refused():
    with pytest.raises(DataError, match="keeping share"):
        simulate_keep_win(np.ones(3), 1.5)
    with pytest.raises(DataError, match="Unreasonable"):
        simulate_keep_win(np.ones(3), 0.5, KeepWinConfig(churn=2.0))


@settings(max_examples=20, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1))
def test_more_keeping_never_loses_more_customers(s1, s2):
    litres = np.linspace(100, 5000, 50)
    lo, hi = sorted((s1, s2))
    cfg = KeepWinConfig(budget=2000.0, years=1)
    assert simulate_keep_win(litres, hi, cfg).loc[1, "lost"] <= simulate_keep_win(litres, lo, cfg).loc[1, "lost"] + 1e-9


def test_frontier_has_one_row_per_share():
    f = keep_win_frontier(np.linspace(100, 5000, 50), KeepWinConfig(budget=2000.0, years=2))
    assert len(f) == 21 and f.index[0] == 0 and f.index[-1] == 1
