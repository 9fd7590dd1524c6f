"""crm.cases.fuel.care: VIP/A/B/C tiers per kind, the three-level care plan and its calls."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.fuel.care import DEFAULT_THRESHOLDS, care_load, care_plan, customer_tiers, occasion_counts, tier_table
from crm.core.schemas import DataError

VALUES = pd.Series([25_000.0, 9_000.0, 100.0, 3_500.0, 1_500.0, 10.0], index=["u1", "u2", "u3", "i1", "i2", "i3"])
KINDS = pd.Series(["unit"] * 3 + ["individual"] * 3, index=VALUES.index)


def test_tiers_use_each_kinds_thresholds():
    tiers = customer_tiers(VALUES, KINDS)
    assert tiers.tolist() == ["VIP", "A", "C", "VIP", "B", "C"]


def test_care_plan_follows_the_three_levels():
    plan = care_plan(customer_tiers(VALUES, KINDS), KINDS, {"price_change": 10, "holiday": 5})
    assert plan["company_calls"].tolist() == [4, 0, 0, 4, 0, 0]  # VIPs quarterly
    assert plan["district_calls"].tolist() == [15, 15, 0, 0, 0, 0]  # units A and above
    assert plan["station_calls"].tolist() == [0, 0, 0, 15, 15, 0]  # individuals B and above
    load = care_load(plan, {"company": 1, "district": 2, "station": 3}, weeks=52)
    assert load.loc["district", "calls"] == 30 and load.loc["station", "customers"] == 2
    assert load.loc["company", "calls_per_caller_week"] == pytest.approx(8 / 52)


def test_tier_table_and_occasions():
    table = tier_table(VALUES, KINDS, customer_tiers(VALUES, KINDS))
    assert table.loc[("unit", "VIP"), "customers"] == 1
    assert table.groupby(level="kind")["customer_share"].sum().tolist() == pytest.approx([1, 1])
    occ = pd.DataFrame({"occasion": ["holiday", "weather", "holiday"]})
    assert occasion_counts(occ) == {"price_change": 0, "weather": 1, "holiday": 2}


def test_bad_input_is_refused():
    with pytest.raises(DataError, match="unit or individual"):
        customer_tiers(VALUES, KINDS.replace("unit", "fleet"))
    with pytest.raises(DataError, match="strictly decrease"):
        customer_tiers(VALUES, KINDS, {**DEFAULT_THRESHOLDS, "unit": {"VIP": 1.0, "A": 5.0, "B": 0.5, "C": 0.0}})
    with pytest.raises(DataError, match="Occasions"):
        care_plan(customer_tiers(VALUES, KINDS), KINDS, {"birthday": 1})


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 50_000), min_size=1, max_size=40), st.floats(1_000, 30_000))
def test_every_customer_gets_one_tier_and_a_higher_vip_line_never_adds_vips(values, vip):
    v = pd.Series(values, index=[f"c{i}" for i in range(len(values))])
    k = pd.Series(np.where(np.arange(len(v)) % 2, "unit", "individual"), index=v.index)
    low = customer_tiers(v, k)
    assert low.notna().all() and len(low) == len(v)
    t = {"unit": {"VIP": max(vip, 20_001.0), "A": 8_000.0, "B": 3_000.0, "C": 0.0},
         "individual": {"VIP": max(vip, 3_001.0), "A": 2_000.0, "B": 1_200.0, "C": 0.0}}
    assert (customer_tiers(v, k, t) == "VIP").sum() <= (low == "VIP").sum()
