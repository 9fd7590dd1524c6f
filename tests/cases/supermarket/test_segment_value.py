"""Each RFM segment's CLV: sums that add up, monotone in horizon and rate, and the same as the models' own CLV."""
import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.supermarket.segment_value import monthly_rate, segment_value
from crm.core.btyd import customer_lifetime_value
from crm.core.rfm import rfm_scores, rfm_segments, rfm_summary, rfm_table
from crm.core.schemas import DataError


@pytest.fixture(scope="module")
def tx():
    return load_case("supermarket")["transactions"]


@pytest.fixture(scope="module")
def sv(tx):
    return segment_value(tx)


def test_monthly_rate_compounds_to_the_yearly_one():
    assert (1 + monthly_rate(0.10)) ** 12 == pytest.approx(1.10)
    assert monthly_rate(0.0) == 0.0
    with pytest.raises(DataError):
        monthly_rate(-1.0)


def test_segment_sums_add_up_to_every_customer(sv, tx):
    tb = sv.table(12, 0.10)
    assert tb["customers"].sum() == tx["customer_id"].nunique()
    assert tb["past_spend"].sum() == pytest.approx(tx["amount"].sum(), rel=1e-9)
    assert tb["clv"].sum() == pytest.approx(sv.clv(12, 0.10).sum(), rel=1e-9)
    assert tb["clv_share"].sum() == pytest.approx(1.0) and tb["past_share"].sum() == pytest.approx(1.0)
    segments = rfm_segments(rfm_scores(rfm_table(tx)))
    assert (tb["customers"] == segments.value_counts().reindex(tb.index)).all()


def test_the_segment_clv_is_the_models_own_clv(sv, tx):
    s = rfm_summary(tx)
    direct = customer_lifetime_value(sv.bgnbd, sv.gamma_gamma, s, 12, monthly_rate(0.10))
    assert np.allclose(sv.clv(12, 0.10).to_numpy(), direct.to_numpy(), rtol=1e-12)


def test_longer_horizons_add_value_and_higher_rates_take_it_away(sv):
    totals = [sv.table(h, 0.10)["clv"].sum() for h in (1, 6, 12, 24, 36)]
    assert totals == sorted(totals) and totals[0] > 0
    rates = [sv.table(12, r)["clv"].sum() for r in (0.0, 0.1, 0.2, 0.3)]
    assert rates == sorted(rates, reverse=True)
    with pytest.raises(DataError):
        sv.table(37, 0.1)


def test_the_models_rank_the_segments_as_the_grid_does_at_the_top(sv):
    tb = sv.table(12, 0.10)
    assert tb["clv_per_customer"].idxmax() == "champions"
    assert tb.loc["champions", "p_alive"] > tb.loc["cant_lose", "p_alive"]


def test_an_empty_segment_has_no_mean_not_zero(tx):
    sv = segment_value(tx, bins=4)  # with 4 bins no R band sits in the middle fifth: need_attention is empty
    tb = sv.table(12, 0.1)
    assert np.isnan(tb.loc["need_attention", "clv_per_customer"])
