"""BG/NBD, Gamma-Gamma and CLV: the summaries they refuse, invariants, and agreement with simulation."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.btyd import clv_forecast, customer_lifetime_value, fit_bgnbd, fit_gamma_gamma
from crm.core.btyd.bgnbd import BgNbd, MIN_REPEAT_BUYERS
from crm.core.btyd.gamma_gamma import GammaGamma
from crm.core.btyd.summary import patterns
from crm.core.rfm import rfm_summary
from crm.core.schemas import DataError
from tests.core.btyd.cdnow import cdnow_summary

CDNOW_FIT = BgNbd(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=np.nan, customers=2357, repeat_buyers=946)
CDNOW_GG = GammaGamma(p=6.25, q=3.74, gamma=15.44, log_likelihood=np.nan, customers=946)


def simulate_bgnbd(n: int, r: float, alpha: float, a: float, b: float, T: float, seed: int) -> pd.DataFrame:
    """Customers drawn from the BG/NBD story itself, all of age T: frequency, recency, T."""
    rng = np.random.default_rng(seed)
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    x, t_x = np.zeros(n), np.zeros(n)
    t, alive = np.zeros(n), np.ones(n, dtype=bool)
    while alive.any():
        t = t + rng.exponential(1 / np.maximum(lam, 1e-12))
        buys = alive & (t <= T)
        x[buys] += 1
        t_x[buys] = t[buys]
        alive = buys & (rng.random(n) >= p)  # after each purchase he drops out with probability p
    return pd.DataFrame({"frequency": x, "recency": t_x, "T": np.full(n, T)})


def test_fit_recovers_the_parameters_it_simulated():
    truth = dict(r=0.8, alpha=5.0, a=0.6, b=3.0)
    m = fit_bgnbd(simulate_bgnbd(20_000, **truth, T=60.0, seed=1))
    for k, v in truth.items():
        assert getattr(m, k) == pytest.approx(v, rel=0.15), k


def test_forecast_matches_what_simulated_customers_then_do():
    """E[Y(t) | history] against the purchases simulated customers really make in the next t."""
    rng = np.random.default_rng(7)
    n, T, t = 20_000, 30.0, 20.0
    lam, p = rng.gamma(0.8, 1 / 5.0, n), rng.beta(0.6, 3.0, n)
    times = []
    clock, alive = np.zeros(n), np.ones(n, dtype=bool)
    while alive.any():
        clock = clock + rng.exponential(1 / np.maximum(lam, 1e-12))
        buys = alive & (clock <= T + t)
        times.append(np.where(buys, clock, np.nan))
        alive = buys & (rng.random(n) >= p)
    times = np.array(times)
    before = np.where(times <= T, times, np.nan)
    x = np.sum(~np.isnan(before), axis=0).astype(float)
    t_x = np.nan_to_num(np.nanmax(np.where(np.isnan(before), -np.inf, before), axis=0), neginf=0.0)
    future = np.sum(times > T, axis=0)
    summary = pd.DataFrame({"frequency": x, "recency": np.where(x > 0, t_x, 0.0), "T": T})
    model = BgNbd(0.8, 5.0, 0.6, 3.0, np.nan, n, int((x > 0).sum()))
    forecast = model.expected_purchases(summary, t)
    assert forecast.sum() == pytest.approx(future.sum(), rel=0.05)
    silent = (x > 0) & (T - t_x > 15)  # bought, then a long silence: the model expects little of them
    assert forecast[silent].mean() < forecast[(x > 0) & ~silent].mean()


@pytest.mark.parametrize("bad, column", [
    (dict(frequency=[1.5, 0, 2]), "frequency"),
    (dict(recency=[50.0, 0.0, 3.0]), "recency"),       # beyond T
    (dict(recency=[0.0, 0.0, 3.0]), "recency"),        # a repeat buyer with recency 0: days *since*, not age
    (dict(recency=[5.0, 4.0, 3.0]), "recency"),        # recency without a repeat purchase
    (dict(T=[40.0, -1.0, 38.0]), "T"),
    (dict(frequency=[1.0, np.nan, 2.0]), "frequency"),
    (dict(T=["40", "x", "38"]), "T"),
])
def test_a_table_that_is_not_a_summary_is_refused_naming_column_and_customers(bad, column):
    s = pd.DataFrame({"frequency": [1.0, 0.0, 2.0], "recency": [5.0, 0.0, 3.0], "T": [40.0, 39.0, 38.0]},
                     index=pd.Index(["c1", "c2", "c3"], name="customer_id")).assign(**bad)
    with pytest.raises(DataError) as e:
        fit_bgnbd(s)
    assert e.value.column == column and column in e.value.message_en and column in e.value.message_zh
    assert any(c in e.value.message_en for c in ("c1", "c2", "c3")) and e.value.rows


def test_missing_columns_and_empty_tables_are_refused():
    with pytest.raises(DataError, match="recency"):
        fit_bgnbd(pd.DataFrame({"frequency": [1.0], "T": [2.0]}))
    with pytest.raises(DataError, match="empty"):
        fit_bgnbd(pd.DataFrame({"frequency": [], "recency": [], "T": []}))
    with pytest.raises(DataError):
        fit_bgnbd([1, 2, 3])  # type: ignore[arg-type]


def test_too_few_repeat_buyers_is_a_clear_error():
    s = cdnow_summary()
    few = pd.concat([s[s["frequency"] == 0], s[s["frequency"] > 0].head(MIN_REPEAT_BUYERS - 1)])
    with pytest.raises(DataError, match=f"Only {MIN_REPEAT_BUYERS - 1} customers bought again") as e:
        fit_bgnbd(few)
    assert "重复购买" in e.value.message_zh


def test_a_likelihood_without_a_finite_maximum_is_a_clear_error():
    """Everyone bought again at the very end: nothing says anyone ever drops out (b runs off to infinity)."""
    s = pd.DataFrame({"frequency": np.tile([1.0, 2.0, 3.0], 20), "recency": 40.0, "T": 40.0})
    with pytest.raises(DataError, match="cannot pin the BG/NBD model down"):
        fit_bgnbd(s)


def test_row_order_and_time_unit_do_not_change_the_answer():
    s = cdnow_summary()
    m = fit_bgnbd(s)
    shuffled = fit_bgnbd(s.sample(frac=1.0, random_state=3))
    assert shuffled.params.to_numpy() == pytest.approx(m.params.to_numpy(), rel=1e-6)
    days = fit_bgnbd(s.assign(recency=s["recency"] * 7, T=s["T"] * 7))
    assert days.alpha == pytest.approx(7 * m.alpha, rel=1e-5)
    assert days.r == pytest.approx(m.r, rel=1e-5) and days.b == pytest.approx(m.b, rel=1e-5)
    assert days.log_likelihood == pytest.approx(m.log_likelihood - (s["frequency"].sum()) * np.log(7), rel=1e-8)
    assert m.p_alive(s).to_numpy() == pytest.approx(days.p_alive(s.assign(recency=s["recency"] * 7,
                                                                           T=s["T"] * 7)).to_numpy(), abs=1e-5)


def test_patterns_fold_and_unfold_customers():
    x, t_x, T = np.array([1.0, 0, 1, 2, 0]), np.array([3.0, 0, 3, 5, 0]), np.array([9.0, 9, 9, 9, 8])
    p = patterns(x, t_x, T)
    assert len(p.x) == 4 and p.weight.sum() == 5
    assert (p.x[p.inverse] == x).all() and (p.t_x[p.inverse] == t_x).all() and (p.T[p.inverse] == T).all()


@settings(max_examples=60, deadline=None)
@given(x=st.integers(0, 60), frac=st.floats(0.01, 1.0), T=st.floats(1.0, 400.0),
       t1=st.floats(0.5, 100.0), t2=st.floats(0.5, 100.0))
def test_p_alive_is_a_probability_and_expected_purchases_grow_with_the_horizon(x, frac, T, t1, t2):
    t_x = frac * T if x > 0 else 0.0
    for m in (CDNOW_FIT, BgNbd(2.0, 30.0, 1.5, 4.0, np.nan, 1, 1)):
        p = float(m.p_alive_arrays(x, t_x, T))
        assert 0 <= p <= 1
        e1, e2 = (float(m.expected_purchases_arrays(t, x, t_x, T)) for t in sorted((t1, t2)))
        assert 0 <= e1 <= e2 + 1e-9 and np.isfinite(e2)


def test_expected_purchases_stay_finite_for_heavy_buyers():
    """Where Gauss's series overflows (FHL note 027) the Euler transformation takes over."""
    e = CDNOW_FIT.expected_purchases_arrays(365.0, np.array([150.0, 300.0]), np.array([360.0, 364.0]), 365.0)
    assert np.isfinite(e).all() and (e > 0).all()


def test_gamma_gamma_refuses_non_positive_spend_and_too_few_buyers():
    s = cdnow_summary()
    with pytest.raises(DataError, match="monetary_value") as e:
        fit_gamma_gamma(s.assign(monetary_value=np.where(s.index == 1, 0.0, s["monetary_value"])))
    assert e.value.column == "monetary_value" and "1" in e.value.message_en
    with pytest.raises(DataError, match="needs at least"):
        fit_gamma_gamma(s[s["frequency"] > 0].head(5))


def test_gamma_gamma_spend_shrinks_towards_the_population_mean():
    s = pd.DataFrame({"frequency": [0.0, 1.0, 1.0, 20.0], "monetary_value": [0.0, 100.0, 5.0, 100.0]})
    e = CDNOW_GG.expected_spend(s).to_numpy()
    mean = CDNOW_GG.population_mean_spend
    assert e[0] == pytest.approx(mean)
    assert mean < e[1] < 100 and 5 < e[2] < mean and abs(e[3] - 100) < abs(e[1] - 100)


def test_clv_is_spend_times_discounted_purchases_per_period():
    s = cdnow_summary()
    f = clv_forecast(CDNOW_FIT, CDNOW_GG, s, periods=12, period=4.0)
    clv = f.clv(12, 0.01)
    one = s.loc[[1]]
    by_hand = sum((CDNOW_FIT.expected_purchases_arrays(4.0 * k, 2, one["recency"].iloc[0], one["T"].iloc[0])
                   - CDNOW_FIT.expected_purchases_arrays(4.0 * (k - 1), 2, one["recency"].iloc[0], one["T"].iloc[0]))
                  / 1.01 ** k for k in range(1, 13))
    assert clv.loc[1] == pytest.approx(float(by_hand) * CDNOW_GG.expected_spend(one).iloc[0], rel=1e-10)
    assert (customer_lifetime_value(CDNOW_FIT, CDNOW_GG, s, 12, 0.01, period=4.0) == clv).all()
    # monotone: a longer horizon adds value, a higher discount rate takes it away
    assert (f.clv(6, 0.01) <= clv + 1e-12).all() and (f.clv(12, 0.05) <= clv + 1e-12).all()
    assert f.clv(12, 0.0).sum() == pytest.approx(
        (CDNOW_GG.expected_spend(s) * CDNOW_FIT.expected_purchases(s, 48.0)).sum(), rel=1e-10)


def test_clv_refuses_horizons_and_rates_it_cannot_give():
    f = clv_forecast(CDNOW_FIT, CDNOW_GG, cdnow_summary(), periods=6, period=4.0)
    for horizon, rate in ((7, 0.01), (0, 0.01), (3, -1.0), (3, float("nan"))):
        with pytest.raises(DataError):
            f.clv(horizon, rate)


def test_the_summary_of_a_transaction_log_fits_end_to_end():
    """rfm_summary (days) straight into the models: a simulated shop's log."""
    rng = np.random.default_rng(11)
    sim = simulate_bgnbd(3000, 0.9, 20.0, 0.7, 3.0, T=200.0, seed=11)
    rows = []
    for i, (x, t_x) in enumerate(zip(sim["frequency"].astype(int), sim["recency"])):
        days = np.concatenate(([0], np.sort(rng.uniform(0, t_x, max(x - 1, 0))), [t_x] if x else []))
        for d in np.floor(days):
            rows.append((f"c{i}", pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(d)), rng.gamma(5, 4)))
    tx = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    s = rfm_summary(tx, "2024-07-19")
    m, g = fit_bgnbd(s), fit_gamma_gamma(s)
    assert 0 < m.p_alive(s).min() and m.p_alive(s).max() <= 1 and g.population_mean_spend > 0
    assert np.isfinite(customer_lifetime_value(m, g, s)).all()
