"""The districts' monthly analysis (seeds/002 §2.2), computed from the refuel log."""
from __future__ import annotations

import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.fuel.monthly import monthly_analysis
from crm.core.schemas import DataError


@pytest.fixture(scope="module")
def fuel():
    return load_case("fuel")


def test_the_levels_add_up_to_the_network(fuel):
    t = fuel
    net = monthly_analysis(t["refuels"], t["customers"], t["stations"], by="network")
    dist = monthly_analysis(t["refuels"], t["customers"], t["stations"])
    assert len(net) == 12 and set(dist.index.get_level_values("district")) == set(t["stations"]["district"])
    assert dist.groupby(level="month")["litres"].sum().to_numpy() == pytest.approx(net["litres"].to_numpy())
    assert net["litres"].sum() == pytest.approx(t["refuels"]["litres"].sum())
    card = t["refuels"].loc[t["refuels"]["payment"] == "card", "litres"].sum() / t["refuels"]["litres"].sum()
    assert (net["card_share"] * net["litres"]).sum() / net["litres"].sum() == pytest.approx(card)


def test_new_customers_are_counted_once_in_their_first_month(fuel):
    t = fuel
    net = monthly_analysis(t["refuels"], t["customers"], t["stations"], by="network")
    first = t["customers"]["first_visit"]
    seen = t["refuels"].groupby("customer_id")["date"].min()
    in_year = first[(first >= seen.min()) & t["customers"]["customer_id"].isin(seen.index)]
    assert net["new_customers"].sum() == len(in_year)


def test_a_bad_level_or_file_is_refused(fuel):
    t = fuel
    with pytest.raises(DataError, match="level"):
        monthly_analysis(t["refuels"], t["customers"], t["stations"], by="region")
    with pytest.raises(DataError, match="payment"):
        monthly_analysis(t["refuels"].drop(columns="payment"), t["customers"], t["stations"])
