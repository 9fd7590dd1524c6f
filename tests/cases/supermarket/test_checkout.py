"""Tests for crm.cases.supermarket.checkout: the simulation, checked against M/M/c theory (crm.core.queueing)."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from crm.cases.supermarket.checkout import (CheckoutConfig, basket_items, compare_express, peak_arrival_rates,
                                            simulate_checkout)
from crm.core.queueing import mmc_metrics

# 40% small baskets (<= 10 items), 60% large ones: a peak where express lanes matter
MIXED_BASKETS = (2, 4, 6, 8, 20, 30, 40, 50, 60, 70)


def mmc_config(arrival_rate: float, service_rate: float, servers: int, duration: float) -> CheckoutConfig:
    """A floor that is exactly M/M/c: one basket size, exponential service of mean 1/mu."""
    return CheckoutConfig(arrival_rate, (1,), regular_lanes=servers, payment_time=1.0 / service_rate,
                          time_per_item=0.0, service="exponential", duration=duration, warmup=200.0)




# --- Erlang C and M/M/c ----------------------------------------------------------
















# --- simulation against theory ----------------------------------------------------

# Queue waits are strongly autocorrelated, so a run needs many customers. Relative
# standard errors of the simulated Wq measured over 20 seeds were 3.6% at 20k
# customers (M/M/1), 7.3% at 20k (M/M/3) and 8.5% at 40k (M/M/10, rho = 0.8), shrinking
# with the square root of the run; the lengths below bring them to about 2.5-3.7%,
# so the 10% tolerance is about 3 standard errors.
@pytest.mark.parametrize(
    "lam, mu, servers, duration",
    [(0.5, 1.0, 1, 100_000.0), (2.0, 1.0, 3, 50_000.0), (4.0, 0.5, 10, 80_000.0)],
)
def test_exponential_simulation_matches_mmc(lam, mu, servers, duration):
    exact = mmc_metrics(lam, mu, servers)
    regular = simulate_checkout(mmc_config(lam, mu, servers, duration), seed=11).summary.iloc[0]
    assert regular.customers_served > 20_000
    assert regular.mean_wait == pytest.approx(exact.mean_wait, rel=0.10)
    assert regular.mean_queue_length == pytest.approx(exact.mean_queue_length, rel=0.10)
    assert regular.utilisation == pytest.approx(exact.utilisation, rel=0.03)


def test_mm1_wait_is_rho_over_mu_minus_lambda():
    lam, mu = 0.5, 1.0
    regular = simulate_checkout(mmc_config(lam, mu, 1, 60_000.0), seed=5).summary.iloc[0]
    assert regular.mean_wait == pytest.approx((lam / mu) / (mu - lam), rel=0.10)


def test_littles_law_holds_in_the_simulation():
    # mean_queue_length integrates the queue over time; lambda * Wq comes from the waits
    config = CheckoutConfig(4.0, MIXED_BASKETS, regular_lanes=8, express_lanes=2, duration=5_000.0)
    summary = simulate_checkout(config, seed=2).summary.set_index("lane_type")
    for lane_type in ("regular", "express", "all"):
        row = summary.loc[lane_type]
        throughput = row.customers_served / config.duration
        assert row.mean_queue_length == pytest.approx(throughput * row.mean_wait, rel=0.02)


# --- simulation behaviour --------------------------------------------------------


def test_same_seed_same_result_and_different_seed_differs():
    config = CheckoutConfig(5.0, MIXED_BASKETS, regular_lanes=8, express_lanes=2)
    first, again = simulate_checkout(config, seed=1), simulate_checkout(config, seed=1)
    pd.testing.assert_frame_equal(first.summary, again.summary)
    pd.testing.assert_frame_equal(first.customers, again.customers)
    other = simulate_checkout(config, seed=2)
    assert not first.customers["wait"].equals(other.customers["wait"])


def test_express_lanes_cut_small_basket_waits_in_a_busy_peak():
    base = CheckoutConfig(4.4, MIXED_BASKETS, regular_lanes=10, duration=2_000.0)
    with_express = replace(base, regular_lanes=8, express_lanes=2)
    mean_service = base.payment_time + base.time_per_item * np.mean(MIXED_BASKETS)  # 1.95 min
    assert mmc_metrics(4.4, 1 / mean_service, 10).utilisation > 0.8  # busy tills

    def small_basket_wait(config):
        customers = simulate_checkout(config, seed=3).customers
        return customers.loc[customers["items"] <= 10, "wait"].mean()

    assert small_basket_wait(with_express) < 0.7 * small_basket_wait(base)


def test_routing_respects_the_item_limit_and_overflow():
    config = CheckoutConfig(4.4, MIXED_BASKETS, regular_lanes=9, express_lanes=1, duration=1_000.0)
    strict = simulate_checkout(config, seed=4).customers
    assert (strict.loc[strict["items"] <= 10, "lane_type"] == "express").all()
    assert (strict.loc[strict["items"] > 10, "lane_type"] == "regular").all()
    flexible = simulate_checkout(replace(config, express_overflow=True), seed=4).customers
    assert (flexible.loc[flexible["items"] > 10, "lane_type"] == "regular").all()
    small = flexible["items"] <= 10
    assert (flexible.loc[small, "lane_type"] == "regular").any()  # one express lane overflows
    assert flexible.loc[small, "wait"].mean() < strict.loc[strict["items"] <= 10, "wait"].mean()


def test_without_express_lanes_everyone_queues_regular():
    result = simulate_checkout(CheckoutConfig(3.0, MIXED_BASKETS), seed=0)
    assert set(result.customers["lane_type"]) == {"regular"}
    express = result.summary.set_index("lane_type").loc["express"]
    assert express.customers_served == 0 and np.isnan(express.utilisation)


def test_result_shapes_and_deterministic_gamma_service():
    config = CheckoutConfig(2.0, (4, 10), service_cv=0.0, duration=60.0, warmup=10.0)
    result = simulate_checkout(config, seed=0)
    assert list(result.summary["lane_type"]) == ["regular", "express", "all"]
    assert list(result.customers.columns) == ["arrival", "items", "lane_type", "wait", "service"]
    customers = result.customers
    assert customers["arrival"].between(0.0, 60.0).all() and (customers["wait"] >= 0).all()
    np.testing.assert_allclose(customers["service"], 0.5 + 0.05 * customers["items"])


def test_config_rejects_impossible_floors():
    with pytest.raises(ValueError):
        CheckoutConfig(2.0, ())
    with pytest.raises(ValueError):
        CheckoutConfig(2.0, (3,), regular_lanes=0)
    with pytest.raises(ValueError):
        CheckoutConfig(2.0, (3,), service="uniform")


def test_compare_express_keeps_total_lanes_and_customers():
    config = CheckoutConfig(4.4, MIXED_BASKETS, regular_lanes=10)
    table = compare_express(config, [0, 2, 3], seed=7)
    assert list(table.columns) == ["express_lanes", "regular_lanes", "lane_type", "customers_served",
                                   "mean_wait", "p90_wait", "mean_queue_length", "utilisation"]
    assert len(table) == 9
    assert ((table["express_lanes"] + table["regular_lanes"]) == 10).all()
    served = table.loc[table["lane_type"] == "all", "customers_served"]
    assert served.nunique() == 1  # common random numbers: the same customers each time
    with pytest.raises(ValueError):
        compare_express(config, [10], seed=7)


# --- till data -------------------------------------------------------------------


@pytest.fixture
def till():
    # 2024-03-04 and 03-05 are a Monday and a Tuesday, 03-09 a Saturday
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-03-04"] * 3 + ["2024-03-05"] + ["2024-03-09"] * 2),
        "time": ["17:05:00", "17:40:10", "09:00:00", "17:59:59", "10:15:00", "10:20:00"],
        "items": [3, 12, 5, 7, 20, 2],
    })


def test_peak_arrival_rates_by_hour_and_day_type(till):
    rates = peak_arrival_rates(till).set_index(["day_type", "hour"])
    # 3 weekday transactions at 17h over 2 weekdays: 3 / (2 * 60) per minute
    assert rates.loc[("weekday", 17), "arrivals_per_minute"] == pytest.approx(3 / 120)
    assert rates.loc[("weekday", 9), "arrivals_per_minute"] == pytest.approx(1 / 120)
    assert rates.loc[("weekend", 10), "arrivals_per_minute"] == pytest.approx(2 / 60)
    assert rates.loc[("weekday", 17), "mean_items"] == pytest.approx(22 / 3)
    assert rates["arrivals_per_minute"].idxmax() == ("weekend", 10)


def test_basket_items_for_all_or_one_hour(till):
    assert basket_items(till).tolist() == [3, 12, 5, 7, 20, 2]
    assert basket_items(till, hour=17).tolist() == [3, 12, 7]
    assert basket_items(till, hour=3).size == 0
    with pytest.raises(ValueError):
        basket_items(till.drop(columns="time"))
