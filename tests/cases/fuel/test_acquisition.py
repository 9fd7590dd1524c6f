"""crm.cases.fuel.acquisition: the three-step funnel, its what-if, the keep-vs-win simulation."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.fuel.acquisition import (FUNNEL_STEPS, KeepWinConfig, acquisition_funnel, funnel_what_if, keep_win_frontier,
                             simulate_keep_win)
from crm.core.schemas import DataError

CUSTOMERS = pd.DataFrame({
    "first_visit": pd.to_datetime(["2023-05-01", "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]),
    "second_visit": pd.to_datetime([None, "2024-01-09", "2024-01-12", None, "2024-01-20"]),
    "third_visit": pd.to_datetime([None, "2024-01-20", "2024-01-25", None, None]),
    "file_stage": ["complete", "complete", "plate", "plate", "basic"]})


def test_funnel_counts_each_step_of_the_new_vehicles():
    f = acquisition_funnel(CUSTOMERS, since="2024-01-01")
    assert list(f.index) == list(FUNNEL_STEPS)
    assert f["customers"].tolist() == [4, 3, 2, 1, 1]
    assert f["rate"].tolist() == pytest.approx([1, 0.75, 2 / 3, 0.5, 1.0])
    assert f["share"].iloc[-1] == pytest.approx(0.25)


def test_what_if_changes_only_the_steps_given():
    f = funnel_what_if(acquisition_funnel(CUSTOMERS, since="2024-01-01"), {"basic_file": 1.0})
    assert f["what_if_customers"].tolist() == pytest.approx([4, 3, 3, 1.5, 1.5])
    with pytest.raises(DataError, match="between 0 and 1"):
        funnel_what_if(f, {"basic_file": 1.5})
    with pytest.raises(DataError):
        acquisition_funnel(CUSTOMERS, since="2030-01-01")


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
