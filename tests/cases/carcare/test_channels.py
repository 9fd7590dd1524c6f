"""crm.cases.carcare.channels: power-curve fits, a mix's results, the best mix."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.carcare.channels import best_mix, fit_response_curves, mix_results
from crm.core.schemas import DataError


def exact_curves():
    """Two channels following y = k (spend/100)^b exactly."""
    rows = []
    for ch, k, b in (("tv", 10.0, 0.5), ("show", 20.0, 0.25)):
        for s in (100.0, 400.0, 1600.0):
            y = k * (s / 400.0) ** b
            rows.append((ch, s, y * 100, y * 10, y))
    return pd.DataFrame(rows, columns=["channel", "spend", "reach", "leads", "customers"])


def test_fit_recovers_exact_power_curves():
    c = fit_response_curves(exact_curves())
    assert c.loc["tv", "ref_spend"] == 400.0 and c.loc["tv", "max_spend"] == 1600.0
    assert c.loc["tv", "customers_elasticity"] == pytest.approx(0.5)
    assert c.loc["show", "customers_elasticity"] == pytest.approx(0.25)
    assert c.loc["show", "customers_at_ref"] == pytest.approx(20.0)
    assert c.loc["tv", "reach_at_ref"] == pytest.approx(1000.0)
    assert c.loc["tv", "customers_r2"] == pytest.approx(1.0)


def test_mix_results_by_hand():
    c = fit_response_curves(exact_curves())
    r = mix_results(c, {"tv": 1600.0, "show": 400.0})
    assert r.loc["tv", "customers"] == pytest.approx(20.0)  # 10 * 4^0.5
    assert r.loc["show", "customers"] == pytest.approx(20.0)
    assert r.loc["total", "customers"] == pytest.approx(40.0)
    assert r.loc["total", "cost_per_customer"] == pytest.approx(2000 / 40)
    assert r.loc["total", "spend"] == 2000.0


def test_a_channel_without_spend_wins_nothing():
    r = mix_results(fit_response_curves(exact_curves()), {"tv": 400.0})
    assert r.loc["show", "customers"] == 0 and np.isnan(r.loc["show", "cost_per_customer"])


def test_equal_curves_split_the_budget_evenly():
    c = pd.DataFrame({"ref_spend": [1.0, 1.0], "customers_at_ref": [1.0, 1.0], "customers_elasticity": [0.5, 0.5]},
                     index=["a", "b"])
    assert best_mix(c, 10.0) == pytest.approx({"a": 5.0, "b": 5.0})


def test_best_mix_respects_caps():
    c = fit_response_curves(exact_curves())
    mix = best_mix(c, 3000.0, max_spend={"tv": 500.0})
    assert mix["tv"] == pytest.approx(500.0) and sum(mix.values()) == pytest.approx(3000.0)
    assert best_mix(c, 10_000.0, max_spend={"tv": 500.0, "show": 700.0}) == {"tv": 500.0, "show": 700.0}


@settings(max_examples=60, deadline=None)
@given(budget=st.floats(10, 1e5), shift=st.floats(-0.3, 0.3))
def test_best_mix_adds_up_and_beats_any_other_split(budget, shift):
    c = fit_response_curves(exact_curves())
    best = best_mix(c, budget)
    assert sum(best.values()) == pytest.approx(budget, rel=1e-9)
    won = mix_results(c, best).loc["total", "customers"]
    other = {"tv": best["tv"] * (1 + shift), "show": budget - best["tv"] * (1 + shift)}
    if other["show"] >= 0:
        assert won >= mix_results(c, other).loc["total", "customers"] - 1e-9


@settings(max_examples=40, deadline=None)
@given(a=st.floats(1, 1e4), b=st.floats(1, 1e4))
def test_more_spend_never_wins_fewer_customers(a, b):
    c = fit_response_curves(exact_curves())
    lo, hi = sorted((a, b))
    assert mix_results(c, {"tv": hi}).loc["tv", "customers"] >= mix_results(c, {"tv": lo}).loc["tv", "customers"]


def test_bad_input_is_explained_in_both_languages():
    c = fit_response_curves(exact_curves())
    with pytest.raises(DataError, match="Unknown channels"):
        mix_results(c, {"radio": 1.0})
    with pytest.raises(DataError, match="negative"):
        mix_results(c, {"tv": -5.0})
    with pytest.raises(DataError, match="budget"):
        best_mix(c, -1.0)
    with pytest.raises(DataError, match="lacks columns"):
        fit_response_curves(exact_curves().drop(columns="leads"))
    one = exact_curves().assign(spend=100.0)
    with pytest.raises(DataError, match="two different spends") as err:
        fit_response_curves(one)
    assert "无法拟合" in str(err.value)
    convex = c.assign(customers_elasticity=1.2)
    with pytest.raises(DataError, match="diminishing"):
        best_mix(convex, 100.0)
