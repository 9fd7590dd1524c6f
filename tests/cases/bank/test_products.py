"""Life-stage product rules: segments, match rate, cross-sell opportunity."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.bank.products import (ProductRule, cross_sell_potential, life_stage_segments, match_summary, match_table)
from crm.core.schemas import DataError

RULES = (ProductRule("young", ("mortgage", "car_loan"), 22, 35),
         ProductRule("rich", ("fund",), 36, 55, min_income=5000))
PROFIT = {"mortgage": 100.0, "car_loan": 40.0, "fund": 10.0}


def clients():
    return pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "age": [25, 40, 40, 70],
                         "monthly_income": [3000, 8000, 3000, 9000], "occupation": ["worker"] * 4,
                         "education": ["bachelor"] * 4})


def holdings():
    return pd.DataFrame({"customer_id": ["a", "b", "d"], "product": ["mortgage", "gold", "fund"]})


def test_segments_first_matching_rule_else_other():
    assert life_stage_segments(clients(), RULES).tolist() == ["young", "rich", "other", "other"]


def test_occupation_and_education_conditions():
    rule = ProductRule("grads", ("fund",), educations=("postgraduate",))
    assert life_stage_segments(clients(), (rule,)).tolist() == ["other"] * 4
    rule = ProductRule("workers", ("fund",), occupations=("worker",))
    assert life_stage_segments(clients(), (rule,)).tolist() == ["workers"] * 4


def test_match_table_and_summary_hand_checked():
    pairs = match_table(clients(), holdings(), RULES)
    assert list(zip(pairs["customer_id"], pairs["product"], pairs["held"])) == [
        ("a", "mortgage", True), ("a", "car_loan", False), ("b", "fund", False)]
    table = match_summary(clients(), holdings(), RULES, PROFIT, success_rate=0.5)
    assert table.loc["young", "match_rate"] == pytest.approx(0.5)
    assert table.loc["young", "opportunity"] == pytest.approx(0.5 * 40)
    assert table.loc["rich", "opportunity"] == pytest.approx(0.5 * 10)
    assert table.loc["all", ["clients", "recommended", "held", "gaps"]].tolist() == [2, 3, 1, 2]


def test_cross_sell_potential_per_client():
    pot = cross_sell_potential(clients(), holdings(), RULES, PROFIT, success_rate=0.5)
    assert pot.to_dict() == {"a": 20.0, "b": 5.0, "c": 0.0, "d": 0.0}


def test_bad_rules_and_tables_are_bilingual_errors():
    with pytest.raises(DataError):
        ProductRule("x", ("fund",), min_age=50, max_age=20)
    with pytest.raises(DataError) as err:
        life_stage_segments(clients().drop(columns="age"), RULES)
    assert "age" in err.value.message_zh and "age" in err.value.message_en
    with pytest.raises(DataError):
        match_summary(clients(), holdings(), RULES, PROFIT, success_rate=1.5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(18, 80), st.integers(0, 20000)), min_size=1, max_size=40),
       st.integers(18, 60))
def test_every_client_gets_exactly_one_segment_and_rates_are_shares(people, max_age):
    df = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(people))], "age": [p[0] for p in people],
                       "monthly_income": [p[1] for p in people], "occupation": "worker", "education": "college"})
    rules = (ProductRule("young", ("mortgage", "car_loan"), 18, max_age), *RULES[1:])
    seg = life_stage_segments(df, rules)
    assert len(seg) == len(df) and seg.isin(["young", "rich", "other"]).all()
    h = pd.DataFrame({"customer_id": df["customer_id"][::2], "product": "mortgage"})
    table = match_summary(df, h, rules, PROFIT)
    rates = table["match_rate"].dropna()
    assert ((rates >= 0) & (rates <= 1)).all()
    assert (cross_sell_potential(df, h, rules, PROFIT) >= 0).all()
