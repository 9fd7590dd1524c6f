"""crm.cases.carcare.service_profit: the chain simulator and the data's links."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crm.core.schemas import DataError
from crm.cases.carcare.service_profit import STAGES, ChainBaseline, ChainLinks, chain_links_from_data, logit_slope, simulate_chain


def test_no_change_changes_nothing():
    out = simulate_chain(0.0)
    assert list(out.index) == list(STAGES)
    assert (out["change"].abs() < 1e-9).all()


def test_first_links_by_hand():
    out = simulate_chain(1.0, ChainLinks(quality_to_satisfaction=0.5, satisfaction_to_value=2.0))
    assert out.loc["employee_satisfaction", "change"] == pytest.approx(0.5)
    assert out.loc["service_value", "change"] == pytest.approx(1.0)
    assert out.loc["customer_satisfaction", "change"] == pytest.approx(1.0)


def test_cutting_a_link_stops_the_chain_there():
    out = simulate_chain(2.0, ChainLinks(satisfaction_to_value=0.0, satisfaction_to_productivity=0.0))
    assert out.loc["loyalty", "change"] == pytest.approx(0.0)
    assert out.loc["revenue", "change"] == pytest.approx(0.0)
    assert out.loc["staff_turnover", "change"] < 0


@given(st.floats(0, 3), st.floats(0, 3))
def test_better_internal_quality_raises_loyalty_and_revenue_monotonically(a, b):
    lo, hi = sorted((a, b))
    x, y = simulate_chain(lo), simulate_chain(hi)
    for stage in ("employee_satisfaction", "loyalty", "revenue"):
        assert y.loc[stage, "scenario"] >= x.loc[stage, "scenario"] - 1e-9
    assert y.loc["staff_turnover", "scenario"] <= x.loc["staff_turnover", "scenario"] + 1e-12


def test_revenue_is_capped_by_capacity():
    base = ChainBaseline(capacity_headroom=1.0, new_customers=0.0, loyalty=0.999)
    out = simulate_chain(0.0, ChainLinks(satisfaction_to_productivity=0.0), base)
    assert out.loc["revenue", "baseline"] <= base.customers * base.revenue_per_customer + 1e-6


def test_logit_slope_recovers_a_known_slope():
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, 20_000)
    y = rng.random(len(x)) < 1 / (1 + np.exp(-(0.3 + 0.8 * x)))
    assert logit_slope(x, y) == pytest.approx(0.8, abs=0.05)
    assert np.isnan(logit_slope(x, np.ones_like(x)))


def test_links_from_a_small_firm():
    emp = pd.DataFrame({"employee_id": ["E1", "E2", "E3", "E4"], "role": ["technician"] * 4,
                        "hired": pd.to_datetime(["2010-01-01"] * 4), "left_on": pd.to_datetime([None] * 3 + ["2012-07-01"]),
                        "internal_service_quality": [4.0, 6.0, 8.0, 5.0], "satisfaction": [5.0, 6.0, 7.0, 5.5],
                        "left": [False, False, False, True]})
    visits = pd.DataFrame({"date": pd.to_datetime(["2012-03-01"] * 4), "customer_id": ["K1", "K2", "K3", "K4"],
                           "employee_id": ["E1", "E2", "E3", "E4"], "rating": [5, 6, 7, 6], "price": [100.0] * 4})
    outcomes = pd.DataFrame({"customer_id": ["K1", "K2", "K3", "K4"], "returned_next_year": [False, True, True, False]})
    links = chain_links_from_data({"employees": emp, "visits": visits, "outcomes": outcomes})
    assert links.loc["quality_to_satisfaction", "data_slope"] == pytest.approx(np.polyfit([4, 6, 8, 5], [5, 6, 7, 5.5], 1)[0])
    assert links.loc["satisfaction_to_value", "correlation"] == pytest.approx(
        np.corrcoef([5, 6, 7, 5.5], [5, 6, 7, 6])[0, 1])
    assert links.loc["quality_to_satisfaction", "n"] == 4


def test_bad_input_is_explained():
    with pytest.raises(DataError, match="within ±9"):
        simulate_chain(20.0)
