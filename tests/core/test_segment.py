"""ABC / Pareto classification: hand-checked tables and invariants."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.schemas import DataError
from crm.core.segment import (VALUE_TYPES, abc_classes, abc_counts, abc_summary, gini, pareto_curve, pareto_ranking,
                              rank_tiers, tier_summary, value_matrix_types, value_tiers)

values_strategy = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=200)


def series(values):
    return pd.Series(values, index=[f"c{i:03d}" for i in range(len(values))], dtype=float)


def test_hand_checked_classes():
    # 60 + 25 + 10 + 5 = 100: w crosses 60% -> A; x takes the share from 60 to 85 -> B.
    s = pd.Series([10.0, 60.0, 5.0, 25.0], index=["y", "w", "z", "x"])
    out = abc_classes(s, (0.6, 0.85))
    assert out["customer_id"].tolist() == ["w", "x", "y", "z"]
    assert out["abc_class"].astype(str).tolist() == ["A", "B", "C", "C"]
    assert out["cum_value_share"].tolist() == pytest.approx([0.6, 0.85, 0.95, 1.0])
    assert out["rank"].tolist() == [1, 2, 3, 4]


def test_customer_crossing_the_line_is_in_the_upper_class():
    s = pd.Series([50.0, 30.0, 20.0], index=["a", "b", "c"])
    # a holds 50% < 65%, so b (crossing from 50% to 80%) is still A.
    assert abc_counts(pareto_ranking(s), (0.65, 0.85)) == (2, 1, 0)


def test_summary_table_hand_checked():
    s = pd.Series([60.0, 25.0, 10.0, 5.0], index=list("wxyz"))
    table = abc_summary(pareto_ranking(s), (0.6, 0.85))
    assert table["customers"].tolist() == [1, 1, 2]
    assert table["value"].tolist() == pytest.approx([60, 25, 15])
    assert table["value_share"].tolist() == pytest.approx([0.6, 0.25, 0.15])
    assert table["mean_value"].tolist() == pytest.approx([60, 25, 7.5])


def test_ties_are_broken_by_id_deterministically():
    s = pd.Series([5.0, 5.0, 5.0], index=["b", "c", "a"])
    assert abc_classes(s, (0.3, 0.7))["customer_id"].tolist() == ["a", "b", "c"]


def test_input_is_not_mutated():
    s = series([3.0, 1.0, 2.0])
    before = s.copy()
    abc_classes(s)
    pd.testing.assert_series_equal(s, before)


@pytest.mark.parametrize("cutoffs", [(0.9, 0.5), (0.0, 0.5), (0.5, 1.2), (0.5,)])
def test_bad_cutoffs_raise_bilingual_error(cutoffs):
    with pytest.raises(DataError) as err:
        abc_classes(series([1.0, 2.0]), cutoffs)
    assert err.value.message_zh and err.value.message_en


def test_negative_or_empty_values_raise():
    with pytest.raises(DataError):
        pareto_ranking(series([1.0, -2.0]))
    with pytest.raises(DataError):
        pareto_ranking(pd.Series([], dtype=float))


def test_pareto_curve_runs_from_origin_to_one():
    curve = pareto_curve(pareto_ranking(series(np.arange(1, 1001, dtype=float))), points=101)
    assert len(curve) == 101
    assert curve.iloc[0].tolist() == [0.0, 0.0]
    assert curve.iloc[-1].tolist() == pytest.approx([1.0, 1.0])
    assert (np.diff(curve["value_share"]) >= 0).all()
    # Above the diagonal: the top customers always hold at least their share.
    assert (curve["value_share"] >= curve["customer_share"] - 1e-12).all()


def test_gini_extremes():
    assert gini(series([1.0] * 10)) == pytest.approx(0.0)
    assert gini(series([0.0] * 9 + [1.0])) == pytest.approx(0.9)


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.floats(0.05, 0.6), st.floats(0.05, 0.39))
def test_every_customer_gets_one_class_and_shares_sum_to_one(values, a, gap):
    s = series(values)
    cutoffs = (a, a + gap)
    out = abc_classes(s, cutoffs)
    assert len(out) == len(s) and out["abc_class"].notna().all()
    table = abc_summary(pareto_ranking(s), cutoffs)
    assert table["customers"].sum() == len(s)
    assert table["customer_share"].sum() == pytest.approx(1.0)
    assert table["value_share"].sum() == pytest.approx(1.0)
    # Classes are contiguous in rank: A above B above C.
    codes = out["abc_class"].cat.codes.to_numpy()
    assert (np.diff(codes) >= 0).all()


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.floats(0.05, 0.5), st.floats(0.01, 0.3))
def test_moving_a_line_up_never_shrinks_the_upper_class(values, a, step):
    ranking = pareto_ranking(series(values))
    low = abc_counts(ranking, (a, 0.99))
    high = abc_counts(ranking, (min(a + step, 0.98), 0.99))
    assert high[0] >= low[0]
    assert high[2] == low[2]


# --- tiers ---------------------------------------------------------------------------------
def test_value_tiers_by_hand():
    v = pd.Series([900.0, 500.0, 499.0, 100.0, 0.0], index=list("abcde"))
    tiers = value_tiers(v, {"VIP": 500, "A": 100, "B": 0})
    assert tiers.tolist() == ["VIP", "VIP", "A", "A", "B"]
    assert list(tiers.cat.categories) == ["VIP", "A", "B"]


def test_value_tiers_reject_bad_thresholds_and_uncovered_customers():
    v = pd.Series([10.0, 1.0])
    with pytest.raises(DataError, match="递减"):
        value_tiers(v, {"A": 1, "B": 5})
    with pytest.raises(DataError, match="1 customers are below"):
        value_tiers(v, {"A": 5, "B": 2})


def test_rank_tiers_and_summary_by_hand():
    v = pd.Series([50.0, 10.0, 30.0, 5.0, 5.0], index=list("abcde"))
    tiers = rank_tiers(v, {"top": 0.2, "mid": 0.4, "base": 0.4})
    assert tiers.to_dict() == {"a": "top", "b": "mid", "c": "mid", "d": "base", "e": "base"}
    table = tier_summary(v, tiers)
    assert table["customers"].tolist() == [1, 2, 2]
    assert table.loc["top", "value_share"] == pytest.approx(0.5)
    assert table.loc["mid", "mean_value"] == pytest.approx(20.0)
    with pytest.raises(DataError, match="sum to 1"):
        rank_tiers(v, {"top": 0.5, "rest": 0.6})


@settings(deadline=None)  # a loaded machine is not a failure
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=200),
       st.floats(0.01, 0.98), st.floats(0.0, 1e6), st.floats(0.0, 1e6))
def test_tier_invariants(values, top_share, t1, t2):
    v = pd.Series(values, index=[f"c{i}" for i in range(len(values))])
    by_rank = rank_tiers(v, {"top": top_share, "rest": 1 - top_share})
    table = tier_summary(v, by_rank)
    assert table["customers"].sum() == len(v) and by_rank.notna().all()
    assert table["customer_share"].sum() == pytest.approx(1.0)
    assert table["value_share"].sum() == pytest.approx(1.0)
    # The top tier holds the largest values.
    if (by_rank == "top").any() and (by_rank == "rest").any():
        assert v[by_rank == "top"].min() >= v[by_rank == "rest"].max()
    # Raising a threshold can only move customers down.
    lo, hi = sorted((t1, t2))
    low = value_tiers(v, {"VIP": lo + 1, "B": -1})
    high = value_tiers(v, {"VIP": hi + 1, "B": -1})
    assert ((high == "VIP") <= (low == "VIP")).all()


def test_same_spend_to_the_cent_is_ranked_by_id_whatever_the_rounding_noise():
    """y spends 0.1 + 0.2 + 0.3 (in a float sum 0.6000000000000001), z 0.3 + 0.2 + 0.1, x 0.60 at once:
    all spent 0.60, so they rank by id."""
    from crm.core.rfm import rfm_table
    assert 0.1 + 0.2 + 0.3 != 0.6
    tx = pd.DataFrame({"customer_id": ["y", "y", "y", "z", "z", "z", "x"],
                       "date": pd.to_datetime(["2014-01-01"] * 7),
                       "amount": [0.1, 0.2, 0.3, 0.3, 0.2, 0.1, 0.6]})
    spend = rfm_table(tx)["monetary"]
    assert spend.nunique() == 1
    assert pareto_ranking(spend).customer_id.tolist() == ["x", "y", "z"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from([0.1, 0.2, 0.3, 0.7, 1.1, 2.2, 3.3, 10.01])),
                min_size=2, max_size=60),
       st.randoms(use_true_random=False), st.floats(0.05, 0.95))
def test_shuffling_the_transactions_never_changes_a_class(rows, rnd, a):
    from crm.core.rfm import rfm_table
    tx = pd.DataFrame({"customer_id": [f"c{c:02d}" for c, _ in rows],
                       "date": pd.Timestamp("2014-01-01"), "amount": [x for _, x in rows]})
    cutoffs = (a, min(a + 0.04, 1.0))
    before = abc_classes(rfm_table(tx)["monetary"], cutoffs).set_index("customer_id")
    order = list(range(len(tx)))
    rnd.shuffle(order)
    after = abc_classes(rfm_table(tx.iloc[order])["monetary"], cutoffs).set_index("customer_id")
    assert after.index.tolist() == before.index.tolist()  # the same ranking, ties by id
    assert (after["abc_class"] == before["abc_class"]).all()


def test_value_matrix_types_by_hand_and_a_value_at_its_cut_is_high():
    got = value_matrix_types([1, 1, 9, 9, 5], [1, 9, 1, 9, 5], 5, 5)
    assert list(got) == ["I", "II", "III", "IV", "IV"]
    assert list(got.categories) == list(VALUE_TYPES)


def test_the_bank_and_the_concepts_matrix_type_their_customers_by_the_one_rule():
    from crm.cases.bank.value_matrix import value_matrix
    from crm.cases.concepts.value import value_types

    rng = np.random.default_rng(7)
    cur, pot = pd.Series(rng.normal(size=200)), pd.Series(rng.normal(size=200))
    rule = list(value_matrix_types(cur, pot, 0.1, -0.2))
    assert list(value_matrix(cur, pot, 0.1, -0.2)["value_type"]) == rule
    both = pd.DataFrame({"current_value": cur, "growth_potential": pot})
    assert list(value_types(both, 0.1, -0.2)) == rule
    assert list(value_types(both)) == list(value_matrix_types(cur, pot, cur.median(), pot.median()))
