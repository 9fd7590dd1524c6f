"""The queueing formulas two cases use (crm.core.queueing): Erlang C and the M/M/c steady state.

The supermarket's checkout simulation is checked against them in
tests/cases/supermarket/test_checkout.py.
"""
import math

import pytest
from hypothesis import given, strategies as st

from crm.core.queueing import erlang_c, mmc_metrics


def erlang_c_by_factorials(load: float, servers: int) -> float:
    """Textbook Erlang C formula, fine for small c."""
    top = load**servers / math.factorial(servers) * servers / (servers - load)
    return top / (sum(load**k / math.factorial(k) for k in range(servers)) + top)


def test_erlang_c_single_server_is_utilisation():
    assert erlang_c(0.3, 0.5, 1) == pytest.approx(0.6)


def test_erlang_c_matches_hand_and_textbook_values():
    # a = 2 Erlang on 3 servers: B(3) = 4/19, C = B / (1 - rho (1 - B)) = 4/9
    assert erlang_c(2.0, 1.0, 3) == pytest.approx(4 / 9)
    assert erlang_c(3.5, 1.0, 5) == pytest.approx(erlang_c_by_factorials(3.5, 5))
    assert erlang_c(4.0, 0.5, 10) == pytest.approx(erlang_c_by_factorials(8.0, 10))


def test_erlang_c_is_stable_for_200_servers():
    value = erlang_c(190.0, 1.0, 200)  # factorials of 200 would overflow a float
    assert 0.0 < value < 1.0
    assert erlang_c(0.0, 1.0, 200) == 0.0


def test_erlang_c_rejects_bad_input():
    for args in [(-1.0, 1.0, 2), (1.0, 0.0, 2), (1.0, 1.0, 0), (1.0, 1.0, 2.5)]:
        with pytest.raises(ValueError):
            erlang_c(*args)


def test_mm1_metrics_match_closed_form():
    lam, mu = 0.4, 0.5
    m = mmc_metrics(lam, mu, 1)
    rho = lam / mu
    assert m.stable and m.utilisation == pytest.approx(rho)
    assert m.mean_wait == pytest.approx(rho / (mu - lam))  # Wq = rho / (mu - lambda) = 8 min
    assert m.mean_queue_length == pytest.approx(rho**2 / (1 - rho))
    assert m.mean_time_in_system == pytest.approx(1 / (mu - lam))


def test_unstable_queue_reports_infinite_waits_without_raising():
    m = mmc_metrics(5.0, 0.5, 10)  # rho = 1
    assert not m.stable and m.p_wait == 1.0 and m.utilisation == pytest.approx(1.0)
    assert math.isinf(m.mean_wait) and math.isinf(m.mean_queue_length)
    assert not mmc_metrics(6.0, 0.5, 10).stable


@given(st.floats(0.0, 50.0), st.floats(0.0, 50.0), st.floats(0.1, 5.0), st.integers(1, 60))
def test_erlang_c_is_a_probability_increasing_in_arrivals(lam1, lam2, mu, servers):
    low, high = sorted((lam1, lam2))
    c_low, c_high = erlang_c(low, mu, servers), erlang_c(high, mu, servers)
    assert 0.0 <= c_low <= 1.0 and 0.0 <= c_high <= 1.0
    assert c_low <= c_high + 1e-12
