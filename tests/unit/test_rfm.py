"""RFM table, quantile scores and segments."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm.rfm import (DEFAULT_RFM_SEGMENTS, quantile_score, rfm_scores, rfm_segment_summary,
                     rfm_segments, rfm_table)
from crm.schemas import DataError


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
