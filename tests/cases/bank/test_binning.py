"""Bins for a scorecard on a student's own file: proposals, text round trips, missing values, outcomes."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.bank.binning import (MISSING, bin_names, bins_text, label_applications, outcome_flags, outcome_values,
                                    parse_bins, propose_bins)
from crm.cases.bank.scorecard import fit_scorecard
from crm.core.schemas import DataError


def test_numeric_proposal_is_quantiles_and_text_is_categories():
    assert propose_bins(pd.Series([1, 2, 3, 4, 5, 6, 7, 8]), max_bins=4) == (1.0, 2.75, 4.5, 6.25)
    assert propose_bins(pd.Series(["10", "20", None, "30", "40"]), max_bins=2) == (10.0, 25.0)  # numbers as text
    assert propose_bins(pd.Series(["rent", "own", "own", "", None])) == (("own",), ("rent",))
    many = pd.Series([f"c{i}" for i in range(12) for _ in range(12 - i)])
    bins = propose_bins(many)
    assert len(bins) == 8 and bins[-1] == tuple(f"c{i}" for i in range(7, 12))  # the rarest share a bin


def test_bins_round_trip_through_text_and_bad_text_is_explained():
    for bins in ((18.0, 25.0, 40.0), (("own",), ("rent", "family"))):
        assert parse_bins(bins_text(bins), isinstance(bins[0], float)) == bins
    assert parse_bins("40，18, 25", True) == (18.0, 25.0, 40.0)  # full-width comma, any order
    for text, numeric in (("18, abc", True), ("18", True), ("own", False), ("own; own", False)):
        with pytest.raises(DataError) as err:
            parse_bins(text, numeric, "age")
        assert "age" in err.value.message_zh and "age" in err.value.message_en


def test_missing_values_get_their_own_bin_not_the_top_one():
    table = pd.DataFrame({"income": ["1000", "", "9000", "5000", None, "7000"],
                          "y": ["bad", "good", "good", "bad", "good", "good"]})
    la = label_applications(table, "y", ["bad"], {"income": (0.0, 5000.0)})
    assert la.frame["income"].tolist() == ["0–5000", MISSING, "5000+", "5000+", MISSING, "5000+"]
    assert la.bins["income"] == ("0–5000", "5000+", MISSING)
    card = fit_scorecard(la.frame, la.bad, la.bins).set_index("bin")
    assert card.loc[MISSING, "applications"] == 2 and card.loc["5000+", "applications"] == 3


def test_outcomes_are_read_as_the_student_says_and_missing_ones_are_left_out():
    values = pd.Series(["0", "1", "", None, "1", "0", "0"])
    bad, known = outcome_flags(values, ["1"])
    assert bad.tolist() == [False, True, False, False, True, False, False]
    assert known.tolist() == [True, True, False, False, True, True, True]
    assert outcome_values(values) == ["0", "1"]
    table = pd.DataFrame({"x": ["a", "b", "a", "b", "a", "b", "a"], "y": values})
    la = label_applications(table, "y", ["1"], {"x": (("a",), ("b",))})
    assert la.dropped == 2 and la.bad.sum() == 2 and len(la.frame) == 5
    with pytest.raises(DataError, match="good"):
        label_applications(table, "y", ["0", "1"], {"x": (("a",), ("b",))})  # everyone bad: no goods
    with pytest.raises(DataError, match="distinct values"):
        outcome_values(pd.Series([str(i) for i in range(30)]))


def test_a_category_in_no_bin_names_the_column_and_rows():
    table = pd.DataFrame({"job": ["a", "b", "c", "a"], "y": ["1", "0", "0", "1"]})
    with pytest.raises(DataError) as err:
        label_applications(table, "y", ["1"], {"job": (("a",), ("b",))})
    assert err.value.column == "job" and err.value.rows == [4] and "'c'" in err.value.message_en


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-50, 50)), min_size=4, max_size=40), st.randoms(use_true_random=False))
def test_labels_do_not_depend_on_row_order(values, rnd):
    s = pd.Series([None if v is None else str(v) for v in values], dtype=object)
    if s.notna().sum() == 0:
        return
    bins = propose_bins(s, 3)
    order = list(range(len(s)))
    rnd.shuffle(order)
    shuffled = s.iloc[order].reset_index(drop=True)
    assert propose_bins(shuffled, 3) == bins
    y = pd.Series(["1", "0"] * (len(s) // 2) + ["0"] * (len(s) % 2))
    a = label_applications(pd.DataFrame({"v": s, "y": y}), "y", ["1"], {"v": bins}).frame["v"].to_numpy()
    b = label_applications(pd.DataFrame({"v": shuffled, "y": y.iloc[order].reset_index(drop=True)}), "y", ["1"],
                           {"v": bins}).frame["v"].to_numpy()
    assert a[order].tolist() == b.tolist()
    assert set(a) <= set(bin_names(bins)) | {MISSING}
