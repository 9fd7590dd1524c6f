"""Pareto of delay and complaint causes, drill-down, and what relieving the hubs removes."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases import load_case
from crm.cases.logistics.delays import (complaint_pareto, delay_pareto, drill_mask, port_held, port_relief,
                                        relief_effect)
from crm.core.schemas import DataError


@pytest.fixture(scope="module")
def t():
    return load_case("logistics")


def test_pareto_on_a_hand_table():
    p = pd.DataFrame({"late": [True, True, True, False, True], "delay_cause": ["a", "b", "a", None, "a"]})
    out = delay_pareto(p)
    assert out.index.tolist() == ["a", "b"] and out["parcels"].tolist() == [3, 1]
    assert out["share"].tolist() == [0.75, 0.25] and out["cumulative"].iloc[-1] == 1.0


def test_pareto_does_not_depend_on_row_order(t):
    p = t["parcels"]
    assert delay_pareto(p).equals(delay_pareto(p.sample(frac=1.0, random_state=3)))
    assert complaint_pareto(t["complaints"])["complaints"].sum() == len(t["complaints"])


def test_port_held_rule():
    pos = np.array([0.1, 0.7, 0.85, 0.95])
    held, brk = port_held(pos, np.full(4, 100.0), np.full(4, 90.0), np.array([False, True, True, False]), 0.3)
    assert held.tolist() == [False, True, True, True]  # 90 % sorted; on a breakdown day 63 %
    assert brk.tolist() == [False, True, True, False]


def test_drill_down_by_route_hub_and_month(t):
    p = t["parcels"]
    route = p["route"].value_counts().index[0]
    assert drill_mask(p, route=route).sum() == (p["route"] == route).sum()
    dec = drill_mask(p, month=12)
    assert dec.sum() == (p["ship_date"].dt.month == 12).sum()
    both = drill_mask(p, hub="shanghai", month=12)
    assert both.sum() <= dec.sum() and (p.loc[both, "ship_date"].dt.month == 12).all()
    with pytest.raises(DataError) as err:
        drill_mask(p, month=13)
    assert "13" in err.value.message_zh and "13" in err.value.message_en


def test_no_change_removes_nothing_and_reproduces_the_data(t):
    held = port_relief(t["parcels"], t["hubs"], t["hub_days"], 0.0, False, 0.3)
    port = set(t["delays"].loc[t["delays"]["cause"] == "port_operations", "parcel_id"])
    assert set(t["parcels"].loc[held, "parcel_id"]) == port
    eff = relief_effect(t["parcels"], t["delays"], t["complaints"], held, 10_000)
    assert eff["port_delays_removed"] == eff["late_removed"] == eff["complaints_removed"] == 0


@settings(max_examples=12, deadline=None)
@given(st.floats(0.0, 0.6), st.floats(0.0, 0.6), st.booleans())
def test_more_capacity_never_removes_less(t, a, b, replace):
    lo, hi = sorted((a, b))
    e = [relief_effect(t["parcels"], t["delays"], t["complaints"],
                       port_relief(t["parcels"], t["hubs"], t["hub_days"], g, replace, 0.3)) for g in (lo, hi)]
    assert e[0]["port_delays_removed"] <= e[1]["port_delays_removed"]
    assert e[0]["late_removed"] <= e[1]["late_removed"] <= e[1]["port_delays_removed"]


def test_replacing_equipment_removes_the_equipment_faults_of_worn_hubs(t):
    eff = relief_effect(t["parcels"], t["delays"], t["complaints"],
                        port_relief(t["parcels"], t["hubs"], t["hub_days"], 0.0, True, 0.3))
    d, p = t["delays"], t["parcels"].set_index("parcel_id")
    worn = set(t["hubs"].loc[t["hubs"]["worn"], "hub"])
    faults = d[(d["detail"] == "equipment_fault")]
    at_worn = faults[p.loc[faults["parcel_id"], "origin_hub"].astype(str).isin(worn).to_numpy()]
    assert eff["port_delays_removed"] == len(at_worn) > 0
    # a parcel with another delay too stays late
    others = set(d.loc[d["cause"] != "port_operations", "parcel_id"])
    assert eff["late_removed"] == len(set(at_worn["parcel_id"]) - others)


def test_bad_tables_and_values_get_bilingual_errors(t):
    with pytest.raises(DataError) as err:
        delay_pareto(t["parcels"].drop(columns="late"))
    assert "late" in err.value.message_zh and "late" in err.value.message_en
    with pytest.raises(DataError):
        port_relief(t["parcels"], t["hubs"], t["hub_days"], 5.0)
    with pytest.raises(DataError) as err:
        port_relief(t["parcels"], t["hubs"], t["hub_days"].iloc[:100])
    assert err.value.rows


@pytest.mark.parametrize("gain, replace", [(0.0, False), (0.2, True), (0.1, False), (0.0, True)])
def test_the_prepared_relief_gives_the_same_parcels(t, gain, replace):
    from crm.cases.logistics.delays import HubRelief
    fast = HubRelief(t["parcels"], t["hubs"], t["hub_days"], t["delays"], 0.3).late_after(gain, replace)
    eff = relief_effect(t["parcels"], t["delays"], t["complaints"],
                        port_relief(t["parcels"], t["hubs"], t["hub_days"], gain, replace, 0.3))
    late = t["parcels"]["late"].to_numpy()
    assert set(t["parcels"].loc[late & ~fast, "parcel_id"]) == eff["removed"]
    assert not (fast & ~late).any()
