"""Results shared by an app template's kernels: kept only where sharing is on, and only for unchanged kept tables."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from crm.core import shared_results as sr


@pytest.fixture
def fresh(monkeypatch):
    """The module's state, empty and not sharing, restored after the test."""
    monkeypatch.setattr(sr, "_SHARING", False)
    monkeypatch.setattr(sr, "_KEPT", {})
    monkeypatch.setattr(sr, "_VIEWS", [])
    monkeypatch.setattr(sr, "_RESULTS", {})
    return sr


def _tables(rows: int = 1_000) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(7)
    return {"tx": pd.DataFrame({"customer_id": np.array([f"C{i % 97:03d}" for i in range(rows)], dtype=object),
                                "date": pd.date_range("2026-01-01", periods=rows, freq="h"),
                                "amount": rng.gamma(2.0, 30.0, rows),
                                # nullable integers (values and mask) and pyarrow strings are kept too
                                "visits": pd.array([None if i % 11 == 0 else i % 7 for i in range(rows)], dtype="Int64"),
                                "grade": pd.Series([("92", "95", "98")[i % 3] for i in range(rows)], dtype="str")})}


@pytest.fixture
def kept(fresh):
    """A case-like set of tables, kept, in a process that shares results."""
    tables = _tables()
    fresh.keep(tables)
    fresh.share_results()
    return tables


@dataclasses.dataclass(frozen=True)
class Rules:
    top: float = 0.2


def _counted():
    calls = []

    @sr.shared
    def total(tx: pd.DataFrame, scale: float = 1.0, rules: Rules = Rules()) -> float:
        calls.append(1)
        return float(tx["amount"].sum()) * scale * (1 + rules.top)

    return total, calls


def test_nothing_is_kept_where_sharing_is_off(fresh):
    tables = _tables()
    fresh.keep(tables)
    total, calls = _counted()
    assert total(tables["tx"]) == total(tables["tx"])
    assert len(calls) == 2 and not fresh._RESULTS
    tables["tx"].loc[0, "amount"] = 1.0  # the kept tables stay writable: the grader's students may write


def test_a_kept_table_and_its_shallow_copies_share_one_result_per_arguments(kept):
    tables = kept
    total, calls = _counted()
    first = total(tables["tx"])
    assert total(tables["tx"].copy(deep=False)) == first and len(calls) == 1
    assert total(tables["tx"], scale=2.0) == pytest.approx(2 * first) and len(calls) == 2
    assert total(tables["tx"], rules=Rules(0.5)) == pytest.approx(first / 1.2 * 1.5) and len(calls) == 3
    assert total(tables["tx"], rules=Rules(0.5)) and len(calls) == 3


def test_writing_into_a_kept_table_raises_once_sharing_is_on(kept):
    tables = kept
    with pytest.raises(ValueError, match="read-only"):
        tables["tx"].loc[0, "amount"] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        tables["tx"]["amount"].to_numpy()[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        tables["tx"]["visits"].array._data[0] = 1


@pytest.mark.parametrize("change", ["replace a column", "add a column", "drop a column", "reorder", "filter rows",
                                    "deep copy", "same values, not kept", "sort"])
def test_a_table_that_is_not_the_kept_one_as_it_was_is_computed_afresh(kept, change):
    tables = kept
    total, calls = _counted()
    kept = tables["tx"]
    total(kept)
    other = kept.copy(deep=False)
    if change == "replace a column":
        other["amount"] = other["amount"] * 2
    elif change == "add a column":
        other["flag"] = 1
    elif change == "drop a column":
        other = other.drop(columns="date")
    elif change == "reorder":
        other = other[list(reversed(other.columns))]
    elif change == "filter rows":
        other = other[other["amount"] > other["amount"].median()]
    elif change == "deep copy":
        other = other.copy()
    elif change == "same values, not kept":
        other = _tables()["tx"]
    elif change == "sort":
        other = other.sort_values("amount")
    expected = float(other["amount"].sum()) * 1.2
    assert total(other) == pytest.approx(expected)
    assert len(calls) == 2


def test_a_list_or_dict_argument_is_keyed_by_what_it_holds_at_each_call(kept):
    tables = kept
    calls = []

    @sr.shared
    def pick(tx: pd.DataFrame, ids) -> int:
        calls.append(1)
        return int(tx["customer_id"].isin(ids).sum())

    ids = ["C001"]
    one = pick(tables["tx"], ids)
    assert pick(tables["tx"], ["C001"]) == one and len(calls) == 1
    ids.append("C002")  # the same list, changed: a new key
    assert pick(tables["tx"], ids) > one and len(calls) == 2

    @sr.shared
    def rows(case: dict) -> int:
        calls.append(1)
        return sum(len(df) for df in case.values())

    assert rows(tables) == rows(dict(tables)) == 1_000 and len(calls) == 3
    assert rows({**tables, "more": tables["tx"].head(3)}) == 1_003 and len(calls) == 4


def test_a_call_with_an_argument_that_has_no_key_is_computed_afresh(kept):
    tables = kept
    calls = []

    @sr.shared
    def scaled(tx: pd.DataFrame, weights) -> float:
        calls.append(1)
        return float((tx["amount"] * weights).sum())

    weights = np.ones(len(tables["tx"]))  # an array can change in place: never a key
    assert scaled(tables["tx"], weights) == scaled(tables["tx"], weights)
    assert scaled(tables["tx"], tables["tx"]["amount"]) > 0  # nor a series
    assert len(calls) == 3 and not sr._RESULTS


def test_the_shared_analytics_give_the_same_numbers_shared_or_not(fresh):
    """The supermarket's segment value, the heaviest: the template's result is the one computed afresh."""
    from crm.cases import load_case
    from crm.cases.supermarket.segment_value import segment_value

    tx = load_case("supermarket")["transactions"]
    plain = segment_value(tx).table(12, 0.10)
    fresh.keep({"transactions": tx})
    fresh.share_results()
    first = segment_value(tx)
    assert segment_value(tx.copy(deep=False)) is first
    pd.testing.assert_frame_equal(first.table(12, 0.10), plain)


def test_a_write_into_a_shallow_copy_leaves_the_kept_values_and_is_computed_afresh(kept):
    tables = kept
    total, calls = _counted()
    kept = tables["tx"]
    before = total(kept)
    mine = kept.copy(deep=False)  # what load_case hands out where results are shared
    mine.loc[0, "amount"] = mine["amount"].iloc[0] + 100.0
    assert total(mine) == pytest.approx(before + 120.0) and len(calls) == 2
    assert total(kept) == before and len(calls) == 2


def test_a_shared_table_result_comes_back_as_each_callers_own_copy(kept):
    tables = kept

    @sr.shared
    def by_customer(tx: pd.DataFrame) -> pd.DataFrame:
        return tx.groupby("customer_id", as_index=False)["amount"].sum()

    mine = by_customer(tables["tx"])
    expected = mine.copy()
    mine.loc[0, "amount"] = -1.0
    mine["extra"] = 1
    pd.testing.assert_frame_equal(by_customer(tables["tx"]), expected)


def test_a_shared_function_of_a_shared_result_is_shared_too_and_arrays_come_back_read_only(kept):
    tables = kept
    calls = []

    @sr.shared
    def totals(tx: pd.DataFrame) -> pd.DataFrame:
        calls.append("totals")
        return tx.groupby("customer_id")[["amount"]].sum()

    @sr.shared
    def draws(by_customer: pd.DataFrame, n: int) -> np.ndarray:
        calls.append("draws")
        return np.random.default_rng(0).normal(size=(n, 1)) * by_customer["amount"].to_numpy()

    first = draws(totals(tables["tx"]), 5)
    again = draws(totals(tables["tx"]), 5)
    assert again is first and calls == ["totals", "draws"]
    with pytest.raises(ValueError, match="read-only"):
        first[0, 0] = 0.0
    mine = totals(tables["tx"])
    mine.loc[mine.index[0], "amount"] = -1.0  # the caller's copy: the shared table and the draws keep theirs
    assert draws(totals(tables["tx"]), 5) is first
    assert draws(mine, 5) is not first and calls == ["totals", "draws", "draws"]
