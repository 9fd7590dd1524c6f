"""crm.cases.carcare.recovery: stay rates by handling speed, word of mouth, the complaint iceberg."""
import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crm.cases.carcare.recovery import iceberg_estimate, recovery_rates, recovery_scenario, stay_by_response, word_of_mouth
from crm.core.schemas import DataError

COMPLAINTS = pd.DataFrame({"response_hours": [1.0, 3.0, 10.0, 30.0, 50.0, 5.0],
                           "outcome": ["stayed", "stayed", "left", "left", "stayed", "open"]})


def test_stay_rates_by_band_by_hand():
    t = stay_by_response(COMPLAINTS, (0, 4, 24, math.inf))
    assert t["complaints"].tolist() == [2, 1, 2]  # the open complaint is left out
    assert t["stay_rate"].tolist() == [1.0, 0.0, 0.5]
    assert t["band"].tolist() == ["0–4", "4–24", ">24"]


def test_fast_and_slow_rates():
    r = recovery_rates(COMPLAINTS, fast_hours=24)
    assert r.complaints == 5 and r.fast_share == pytest.approx(0.6)
    assert r.stay_if_fast == pytest.approx(2 / 3) and r.stay_if_slow == pytest.approx(0.5)


def test_word_of_mouth_uses_the_sources_midpoints():
    assert word_of_mouth(70, 30) == {"positive": 175.0, "negative": 270.0, "net": -95.0}


def test_scenario_by_hand():
    s = recovery_scenario(100, 0.5, 0.7, 0.3)
    assert s["stayed"] == pytest.approx(50) and s["left"] == pytest.approx(50)
    assert s["negative"] == pytest.approx(450)


@given(n=st.integers(0, 10_000), a=st.floats(0, 1), b=st.floats(0, 1))
def test_faster_handling_never_keeps_fewer(n, a, b):
    lo, hi = sorted((a, b))
    assert recovery_scenario(n, hi)["stayed"] >= recovery_scenario(n, lo)["stayed"] - 1e-9
    s = recovery_scenario(n, a)
    assert s["stayed"] + s["left"] == pytest.approx(n)


def test_iceberg_by_hand():
    t = iceberg_estimate({"front_line": 45, "management": 5})
    assert t.loc["none", "estimated"] == pytest.approx(50.0)
    assert t["estimated"].sum() == pytest.approx(100.0)
    assert math.isnan(t.loc["none", "observed"])


@given(front=st.integers(1, 5000), mgmt=st.integers(0, 500))
def test_iceberg_estimates_add_up_and_match_what_was_seen(front, mgmt):
    t = iceberg_estimate({"front_line": front, "management": mgmt})
    assert t.loc[["front_line", "management"], "estimated"].sum() == pytest.approx(front + mgmt)
    assert t["estimated"].sum() == pytest.approx((front + mgmt) / 0.5)


def test_bad_input_is_explained():
    with pytest.raises(DataError, match="add up to 1"):
        iceberg_estimate({"front_line": 1}, {"front_line": 0.5, "none": 0.2})
    with pytest.raises(DataError, match="Unknown level"):
        iceberg_estimate({"ceo": 1})
    with pytest.raises(DataError, match="between 0 and 1"):
        recovery_scenario(10, 1.5)
    with pytest.raises(DataError, match="no closed complaint") as err:
        recovery_rates(COMPLAINTS.assign(outcome="open"))
    assert "没有已结案" in str(err.value)
    with pytest.raises(DataError, match="increasing"):
        stay_by_response(COMPLAINTS, (0, 10, 5))
