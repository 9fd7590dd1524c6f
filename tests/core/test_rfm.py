"""RFM table, quantile scores and segments."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.rfm import (DEFAULT_RFM_SEGMENTS, five_point_scale, quantile_score, rfm_scores, rfm_segment_summary,
                          rfm_segments, rfm_summary, rfm_table)
from crm.core.schemas import DataError


@pytest.fixture
def tx():
    return pd.DataFrame({
        "customer_id": ["a", "a", "b", "c", "c", "c"],
        "date": pd.to_datetime(["2014-01-01", "2014-03-01", "2014-02-01", "2014-01-10", "2014-02-10", "2014-03-10"]),
        "amount": [10.0, 20.0, 100.0, 1.0, 2.0, 3.0],
    })


def test_rfm_table_hand_checked(tx):
    out = rfm_table(tx, as_of="2014-03-11")
    assert out.index.tolist() == ["a", "b", "c"]
    assert out["recency_days"].tolist() == [10, 38, 1]
    assert out["frequency"].tolist() == [2, 1, 3]
    assert out["monetary"].tolist() == pytest.approx([30.0, 100.0, 6.0])
    assert out.loc["c", "first_purchase"] == pd.Timestamp("2014-01-10")
    assert out.loc["a", "last_purchase"] == pd.Timestamp("2014-03-01")


def test_default_as_of_is_the_day_after_the_last_purchase(tx):
    assert rfm_table(tx)["recency_days"].min() == 1


def test_missing_column_raises(tx):
    with pytest.raises(DataError, match="amount"):
        rfm_table(tx.drop(columns="amount"))


def test_quantile_score_ties_share_a_score_and_extremes():
    s = pd.Series([1, 1, 1, 2, 3, 4, 5, 6, 7, 8], dtype=float)
    score = quantile_score(s, 5)
    assert score.iloc[:3].nunique() == 1 and score.iloc[0] == 1
    assert score.iloc[-1] == 5
    assert (np.diff(score.to_numpy()) >= 0).all()
    assert quantile_score(s, 5, higher_is_better=False).iloc[-1] == 1


def test_scores_and_segments_on_the_example(tx):
    scored = rfm_scores(rfm_table(tx, as_of="2014-03-11"), bins=3)
    assert scored.loc["c", "r_score"] == 3 and scored.loc["b", "r_score"] == 1
    assert scored.loc["b", "m_score"] == 3 and scored.loc["c", "f_score"] == 3
    seg = rfm_segments(scored, bins=3)
    assert seg.notna().all() and "other" not in seg.cat.categories


def test_default_rules_cover_the_whole_grid():
    r, fm = np.meshgrid(np.arange(1, 6), np.arange(2, 11) / 2)
    scores = pd.DataFrame({"r_score": r.ravel(), "fm_score": fm.ravel()})
    seg = rfm_segments(scores)
    assert (seg != "other").all()
    assert set(seg.astype(str)) == {rule.name for rule in DEFAULT_RFM_SEGMENTS}


def test_segment_summary_shares(tx):
    scored = rfm_scores(rfm_table(tx), 3)
    summary = rfm_segment_summary(scored, rfm_segments(scored, bins=3))
    assert summary["customers"].sum() == 3
    assert summary["customer_share"].sum() == pytest.approx(1.0)
    assert summary["monetary"].sum() == pytest.approx(136.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 364), st.floats(0.01, 1e4)), min_size=1, max_size=300),
       st.integers(2, 6))
def test_every_customer_scored_in_range_and_segmented_once(rows, bins):
    tx = pd.DataFrame({"customer_id": [f"c{c}" for c, _, _ in rows],
                       "date": pd.Timestamp("2014-01-01") + pd.to_timedelta([d for _, d, _ in rows], unit="D"),
                       "amount": [a for _, _, a in rows]})
    scored = rfm_scores(rfm_table(tx), bins)
    for col in ("r_score", "f_score", "m_score"):
        assert scored[col].between(1, bins).all()
    seg = rfm_segments(scored, bins=bins)
    assert len(seg) == tx["customer_id"].nunique() and seg.notna().all()
    assert rfm_table(tx)["monetary"].sum() == pytest.approx(tx["amount"].sum())


def _random_tx(rows):
    return pd.DataFrame({"customer_id": [f"c{c}" for c, _, _ in rows],
                         "date": pd.Timestamp("2014-01-01") + pd.to_timedelta([d for _, d, _ in rows], unit="D"),
                         "amount": [a for _, _, a in rows]})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 364), st.floats(0.01, 1e4)), min_size=1, max_size=400),
       st.integers(2, 10))
def test_every_customer_gets_a_named_segment_for_every_bin_count(rows, bins):
    scored = rfm_scores(rfm_table(_random_tx(rows)), bins)
    seg = rfm_segments(scored, bins=bins)
    assert (seg.astype(str) != "other").all()
    assert "other" not in seg.cat.categories


@pytest.mark.parametrize("bins", range(2, 11))
def test_every_cell_of_every_grid_is_named(bins):
    """Every (R, FM) pair a scoring with ``bins`` bins can produce lands in a named segment."""
    r, fm = np.meshgrid(np.arange(1, bins + 1), np.arange(2, 2 * bins + 1) / 2)
    seg = rfm_segments(pd.DataFrame({"r_score": r.ravel(), "fm_score": fm.ravel()}), bins=bins)
    assert (seg.astype(str) != "other").all()


@pytest.mark.parametrize("bins", range(2, 11))
def test_five_point_scale_keeps_order_and_stays_on_the_grid(bins):
    steps = np.arange(2, 2 * bins + 1) / 2
    r, fm = five_point_scale(np.arange(1, bins + 1), steps, bins)
    assert set(r) <= {1, 2, 3, 4, 5} and set(fm * 2) <= set(range(2, 11))
    assert (np.diff(r) >= 0).all() and (np.diff(fm) >= 0).all()
    assert r[0] <= 2 and r[-1] >= 4  # the bottom and top bands stay at the bottom and top of the grid


def test_five_bins_map_onto_themselves():
    """The 5-bin segments (the supermarket exercise counts 'champions') are those of the grid as written."""
    r, fm = five_point_scale(np.arange(1, 6), np.arange(2, 11) / 2, 5)
    assert r.tolist() == [1, 2, 3, 4, 5] and fm.tolist() == (np.arange(2, 11) / 2).tolist()


@pytest.fixture(scope="module")
def supermarket_rfm():
    from crm.cases import load_case
    return rfm_table(load_case("supermarket")["transactions"])


@pytest.mark.parametrize("bins", [4, 6])
def test_supermarket_with_4_and_6_bins_has_no_unnamed_customers(supermarket_rfm, bins):
    """Before: 32% (4 bins) and 34% (6 bins) of the supermarket's customers were 'other'."""
    seg = rfm_segments(rfm_scores(supermarket_rfm, bins), bins=bins).astype(str)
    assert (seg != "other").all()
    # the top of both axes is still the champions, the bottom of both still lost
    scored = rfm_scores(supermarket_rfm, bins)
    top = (scored["r_score"] == bins) & (scored["fm_score"] == bins)
    bottom = (scored["r_score"] == 1) & (scored["fm_score"] == 1)
    assert (seg[top] == "champions").all() and (seg[bottom] == "lost").all()


def test_as_of_before_the_last_purchase_drops_the_later_purchases():
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "c"],
                       "date": pd.to_datetime(["2014-01-01", "2014-01-05", "2014-01-09", "2014-01-03", "2014-01-08"]),
                       "amount": [1.0, 2.0, 4.0, 3.0, 9.0]})
    out = rfm_table(tx, as_of="2014-01-05")
    assert out.index.tolist() == ["a", "b"]  # c had not bought yet on 5 January
    assert out["recency_days"].tolist() == [0, 2]  # a's purchase on the day itself: recency 0
    assert out["frequency"].tolist() == [2, 1]
    assert out["monetary"].tolist() == [3.0, 3.0]
    assert out.loc["a", "last_purchase"] == pd.Timestamp("2014-01-05")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 364), st.floats(0.01, 1e4)), min_size=1, max_size=200),
       st.integers(-10, 380))
def test_recency_is_never_negative_whatever_as_of(rows, offset):
    tx = _random_tx(rows)
    as_of = pd.Timestamp("2014-01-01") + pd.Timedelta(days=offset)
    out = rfm_table(tx, as_of=as_of)
    assert (out["recency_days"] >= 0).all()
    kept = tx[tx["date"] <= as_of]
    assert out["frequency"].sum() == len(kept)
    assert set(out.index) == set(kept["customer_id"])


@pytest.fixture
def clv_tx():
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "a", "b", "c", "c"],
        "date": pd.to_datetime(["2014-01-01", "2014-01-01", "2014-01-05", "2014-01-11",
                                "2014-01-03", "2014-01-02", "2014-01-12"]),
        "amount": [10.0, 5.0, 20.0, 30.0, 7.0, 4.0, 6.0],
    })


def test_rfm_summary_follows_the_lifetimes_convention(clv_tx):
    """Hand-checked with lifetimes' definitions (freq="D", period end = last day in the data, 12 Jan).

    a buys on days 1 (twice: 10 + 5, one purchase day), 5 (20) and 11 (30): frequency = 3 days - 1 = 2,
    recency = 11 - 1 = 10, T = 12 - 1 = 11, monetary = mean of the repeat days (20 + 30) / 2 = 25.
    b buys once on day 3: frequency 0, recency 0, T = 12 - 3 = 9, monetary 0.
    c buys on days 2 (4) and 12 (6): frequency 1, recency 10, T 10, monetary 6.
    """
    out = rfm_summary(clv_tx)
    assert out.index.tolist() == ["a", "b", "c"]
    assert out["frequency"].tolist() == [2.0, 0.0, 1.0]
    assert out["recency"].tolist() == [10.0, 0.0, 10.0]
    assert out["T"].tolist() == [11.0, 9.0, 10.0]
    assert out["monetary_value"].tolist() == [25.0, 0.0, 6.0]


def test_rfm_summary_with_an_observation_period_end(clv_tx):
    """Period end 8 Jan: a keeps days 1 and 5 (frequency 1, recency 4, T 7, monetary 20);
    b: T = 8 - 3 = 5; c keeps only day 2 (frequency 0, recency 0, T 6, monetary 0)."""
    out = rfm_summary(clv_tx, observation_period_end="2014-01-08")
    assert out["frequency"].tolist() == [1.0, 0.0, 0.0]
    assert out["recency"].tolist() == [4.0, 0.0, 0.0]
    assert out["T"].tolist() == [7.0, 5.0, 6.0]
    assert out["monetary_value"].tolist() == [20.0, 0.0, 0.0]


def test_rfm_summary_does_not_mutate_its_input(clv_tx):
    before = clv_tx.copy()
    rfm_summary(clv_tx, observation_period_end="2014-01-08")
    pd.testing.assert_frame_equal(clv_tx, before)
