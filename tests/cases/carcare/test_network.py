"""crm.cases.carcare.network: a 30-minute first response (an assumed target) on Erlang C."""
import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crm.core.queueing import erlang_c
from crm.cases.carcare.network import network_promise, promise_summary, response_within, staff_to_meet
from crm.core.schemas import DataError

CENTRES = pd.DataFrame({"centre_id": ["A", "B"], "peak_requests_per_hour": [6.0, 2.0], "staff": [3, 1]})


def test_response_within_by_hand():
    # one server: C = rho, P(W <= t) = 1 - rho exp(-(mu - lambda) t)
    assert response_within(0.5, 1.0, 1, 2.0) == pytest.approx(1 - 0.5 * math.exp(-1.0))
    assert response_within(0.1, 0.05, 3, 0.0) == pytest.approx(1 - erlang_c(0.1, 0.05, 3))
    assert response_within(3.0, 1.0, 2, 30.0) == 0.0  # overloaded
    assert response_within(0.0, 1.0, 1, 1.0) == 1.0


def test_network_by_hand():
    t = network_promise(CENTRES, handling_minutes=20.0)
    assert t["utilisation"].tolist() == pytest.approx([6 / 9, 2 / 3])
    assert t.loc[1, "within_promise"] == pytest.approx(1 - (2 / 3) * math.exp(-(3 - 2) / 60 * 30))
    s = promise_summary(t, 0.5)
    assert s["centres_meeting_target"] == 2 and s["staff"] == 4


@given(st.floats(0.1, 3.0), st.floats(0.1, 3.0), st.integers(-1, 3))
def test_more_demand_never_helps_and_more_staff_never_hurts(d1, d2, extra):
    lo, hi = sorted((d1, d2))
    a, b = network_promise(CENTRES, lo, extra), network_promise(CENTRES, hi, extra)
    assert (a["within_promise"] >= b["within_promise"] - 1e-12).all()
    more = network_promise(CENTRES, lo, extra + 1)
    assert (more["within_promise"] >= a["within_promise"] - 1e-12).all()


def test_staff_to_meet_is_the_fewest():
    need = staff_to_meet(CENTRES, 0.9)
    for cid, c in need.items():
        lam = float(CENTRES.set_index("centre_id").loc[cid, "peak_requests_per_hour"]) / 60
        assert response_within(lam, 1 / 20, int(c), 30) >= 0.9
        assert c == 1 or response_within(lam, 1 / 20, int(c) - 1, 30) < 0.9


def test_bad_input_is_explained():
    with pytest.raises(DataError, match="cannot be negative"):
        network_promise(CENTRES, demand=-1)
    with pytest.raises(DataError, match="between 0 and 1"):
        promise_summary(network_promise(CENTRES), 1.5)
