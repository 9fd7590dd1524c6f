"""The customer value matrix and the credit × contribution classes (crm/core/segment.py, bank block)."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.schemas import DataError
from crm.cases.bank.value_matrix import VALUE_TYPES, credit_contribution_classes, value_matrix, value_matrix_summary


def test_four_types_hand_checked():
    cur = pd.Series([1.0, 1.0, 9.0, 9.0, 5.0], index=list("abcde"))
    pot = pd.Series([1.0, 9.0, 1.0, 9.0, 5.0], index=list("abcde"))
    m = value_matrix(cur, pot, 5, 5)
    assert m["value_type"].astype(str).tolist() == ["I", "II", "III", "IV", "IV"]  # at the cut counts as high
    table = value_matrix_summary(m)
    assert list(table.index) == list(VALUE_TYPES)
    assert table["customers"].tolist() == [1, 1, 1, 2]
    assert table["mean_current_value"]["IV"] == pytest.approx(7.0)


def test_credit_contribution_classes_hand_checked():
    credit = pd.Series([700, 700, 500, 500], index=list("abcd"))
    contribution = pd.Series([900, 10, 900, 10], index=list("abcd"))
    out = credit_contribution_classes(credit, contribution, 600, 500)
    assert out.astype(str).tolist() == ["key", "potential", "ordinary", "ordinary"]


def test_mismatched_or_empty_inputs_are_bilingual_errors():
    with pytest.raises(DataError):
        value_matrix(pd.Series([1.0], index=["a"]), pd.Series([1.0], index=["b"]), 0, 0)
    with pytest.raises(DataError) as err:
        credit_contribution_classes(pd.Series([], dtype=float), pd.Series([], dtype=float), 0, 0)
    assert err.value.message_zh and err.value.message_en


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1e5), st.floats(0, 1e5)), min_size=1, max_size=100),
       st.floats(0, 1e5), st.floats(0, 1e5), st.floats(0, 1e4))
def test_every_customer_one_type_and_raising_a_cut_only_moves_down(pairs, c_cut, p_cut, step):
    idx = [f"c{i}" for i in range(len(pairs))]
    cur = pd.Series([p[0] for p in pairs], index=idx)
    pot = pd.Series([p[1] for p in pairs], index=idx)
    m = value_matrix(cur, pot, c_cut, p_cut)
    assert m["value_type"].notna().all() and len(m) == len(pairs)
    assert value_matrix_summary(m)["customers"].sum() == len(pairs)
    higher = value_matrix(cur, pot, c_cut + step, p_cut)
    high_before = m["value_type"].isin(["III", "IV"]).to_numpy()
    high_after = higher["value_type"].isin(["III", "IV"]).to_numpy()
    assert not (high_after & ~high_before).any()
    classes = credit_contribution_classes(cur, pot, c_cut, p_cut)
    assert classes.notna().all() and set(classes.astype(str)) <= {"key", "potential", "ordinary"}
