"""crm.cases.fuel.managers: the 1:15 customer managers, balanced, stable under change."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.fuel.managers import assign_managers, assignment_changes, manager_load, station_coverage
from crm.core.schemas import DataError

STAFF = pd.DataFrame({"employee_id": ["e1", "e2", "e3"], "station_id": ["S1", "S1", "S2"]})


def customers(n1, n2, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"customer_id": [f"c{i}" for i in range(n1 + n2)], "station_id": ["S1"] * n1 + ["S2"] * n2,
                         "value": rng.integers(1, 1000, n1 + n2).astype(float)})


def test_small_station_by_hand():
    c = pd.DataFrame({"customer_id": list("abcd"), "station_id": "S1", "value": [40.0, 30, 20, 10]})
    m = assign_managers(c, STAFF[STAFF["station_id"] == "S1"])
    assert m.tolist() == ["e1", "e2", "e2", "e1"]  # each 50 of value, 2 customers


def test_load_coverage_and_the_minimum():
    c = customers(40, 10)
    m = assign_managers(c, STAFF)
    load = manager_load(c, STAFF, m).set_index("employee_id")
    assert load["customers"].tolist() == [20, 20, 10]
    assert load["meets_minimum"].tolist() == [True, True, False]
    cov = station_coverage(c, manager_load(c, STAFF, m), m)
    assert cov.loc["S1", "covered"] == 1.0 and cov.loc["S2", "below_minimum"] == 1


def test_capacity_leaves_customers_uncovered():
    c = customers(40, 0)
    m = assign_managers(c, STAFF, capacity=15)
    assert m.notna().sum() == 30


def test_a_leaving_employee_moves_only_his_customers():
    c = customers(40, 10)
    before = assign_managers(c, STAFF)
    after = assign_managers(c, STAFF[STAFF["employee_id"] != "e2"], current=before)
    changes = assignment_changes(before, after)
    assert changes["moved"] == 20 and changes["kept"] == 30 and changes["uncovered"] == 0


def test_missing_columns_are_explained():
    with pytest.raises(DataError, match="lacks columns"):
        assign_managers(customers(3, 0).drop(columns="value"), STAFF)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 80), st.integers(0, 30), st.integers(0, 10_000))
def test_every_customer_has_at_most_one_manager_at_his_station_and_counts_differ_by_one(n1, n2, seed):
    c = customers(n1, n2, seed)
    m = assign_managers(c, STAFF)
    home = dict(zip(STAFF["employee_id"], STAFF["station_id"]))
    assert all(home[e] == s for e, s in zip(m, c["station_id"]))
    s1 = m[c["station_id"].to_numpy() == "S1"].value_counts()
    if len(s1):
        assert s1.max() - s1.reindex(["e1", "e2"], fill_value=0).min() <= 1
