"""crm.cases.futures.satisfaction: distribution, drivers and call order of the dissatisfied."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.schemas import DataError
from crm.cases.futures.satisfaction import call_first, dissatisfied, driver_analysis, satisfaction_distribution

SMALL = pd.DataFrame({"client_id": ["a", "b", "c", "d"], "overall": [1, 2, 4, 5],
                      "speed": [1, 2, 4, 4], "fees": [3, 3, 3, 4]})


def test_distribution_by_hand():
    d = satisfaction_distribution(SMALL, threshold=2)
    assert d["respondents"].tolist() == [1, 1, 0, 1, 1] and d["share"].sum() == pytest.approx(1)
    assert d["dissatisfied"].tolist() == [True, True, False, False, False]
    assert dissatisfied(SMALL, 1).tolist() == [True, False, False, False]


def test_drivers_by_hand():
    drv = driver_analysis(SMALL, ["fees", "speed"], threshold=2)
    assert drv.index.tolist() == ["speed", "fees"]
    assert drv.loc["speed", "gap"] == pytest.approx(4 - 1.5) and drv.loc["speed", "low_share"] == 1.0
    assert drv.loc["fees", "mean_dissatisfied"] == 3.0


def test_call_order_by_hand():
    calls = call_first(SMALL, pd.Series({"a": 100.0, "b": 500.0}), ["speed", "fees"], threshold=2)
    assert calls["client_id"].tolist() == ["b", "a"]  # 500 × 1 before 100 × 2
    assert calls["priority"].tolist() == [500.0, 200.0] and calls["worst_item"].tolist() == ["speed", "speed"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=60), st.integers(1, 4))
def test_only_the_dissatisfied_are_called_and_shares_sum_to_one(ratings, threshold):
    df = pd.DataFrame({"client_id": [f"c{i}" for i in range(len(ratings))], "overall": ratings, "x": ratings})
    assert satisfaction_distribution(df, threshold)["share"].sum() == pytest.approx(1)
    calls = call_first(df, pd.Series(1.0, index=df["client_id"]), ["x"], threshold)
    assert len(calls) == sum(r <= threshold for r in ratings) and (calls["overall"] <= threshold).all()
    assert calls["priority"].is_monotonic_decreasing


def test_bad_input():
    with pytest.raises(DataError) as err:
        satisfaction_distribution(SMALL, threshold=5)
    assert "分数线" in err.value.message_zh and "line" in err.value.message_en
    with pytest.raises(DataError):
        driver_analysis(SMALL, ["colour"])
    with pytest.raises(DataError):
        driver_analysis(SMALL.assign(overall=5), ["speed"])
