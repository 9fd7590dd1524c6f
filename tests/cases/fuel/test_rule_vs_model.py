"""The visit-cycle rule beside the BG/NBD model: hand-checked judging, and the case's data."""
import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.fuel.rule_vs_model import RuleAndModel, rule_and_model
from crm.cases.fuel.visit_cycle import visit_gaps
from crm.core.btyd import BgNbd
from crm.core.schemas import DataError


@pytest.fixture
def hand() -> RuleAndModel:
    c = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"], "cycle_days": 7.0,
                      "days_since_visit": [30.0, 12.0, 8.0, 40.0, 5.0],
                      "days_beyond_cycle": [23.0, 5.0, 1.0, 33.0, -2.0],
                      "p_alive": [0.1, 0.3, 0.9, 0.8, 0.95], "gone": [True, False, False, True, False]})
    return RuleAndModel(c, BgNbd(1, 1, 1, 1, 0, 5, 5), pd.Timestamp("2014-06-30"))


def test_judge_counts_by_hand(hand):
    j = hand.judge(grace_days=3, threshold=0.5)
    # rule: a, b, d (beyond 3 days); model: a, b (P(alive) < 0.5); gone: a, d
    assert j.loc["rule", ["flagged", "right"]].tolist() == [3, 2] and j.loc["rule", "recall"] == 1.0
    assert j.loc["model", ["flagged", "right"]].tolist() == [2, 1] and j.loc["model", "recall"] == 0.5
    assert j.loc["rule_only", ["flagged", "right"]].tolist() == [1, 1]  # d: the rule was right, the model not
    assert j.loc["model_only", "flagged"] == 0 and np.isnan(j.loc["model_only", "precision"])  # NaN, not 0
    assert hand.disagreements(3, 0.5)["customer_id"].tolist() == ["d"]
    assert hand.disagreements(3, 0.85).empty  # d's 0.8 is now below the line: both flag him
    assert hand.judge(3, 0.85).loc["model", "flagged"] == 3


def test_bad_controls_are_refused(hand):
    with pytest.raises(DataError):
        hand.judge(-1, 0.5)
    with pytest.raises(DataError):
        hand.judge(3, 1.0)


@pytest.fixture(scope="module")
def fuel():
    return load_case("fuel")


@pytest.fixture(scope="module")
def rm(fuel):
    return rule_and_model(fuel["refuels"], fuel["churn_truth"])


def test_on_the_case_the_same_customers_and_the_truth(fuel, rm):
    c = rm.customers
    assert set(c["customer_id"]) == set(visit_gaps(fuel["refuels"]).customers["customer_id"])
    truth = fuel["churn_truth"].set_index("customer_id")
    assert (c["gone"].to_numpy() == truth.loc[c["customer_id"], "left"].to_numpy()).all()  # as of the last day
    assert ((0 <= c["p_alive"]) & (c["p_alive"] <= 1)).all()
    assert rm.model.customers == fuel["refuels"]["customer_id"].nunique()


def test_on_the_case_rule_and_model_move_the_way_they_should(rm):
    # a larger N flags fewer; a higher threshold flags more; both only ever gain precision or recall the right way
    flagged = [rm.judge(n, 0.5).loc["rule", "flagged"] for n in range(0, 31, 5)]
    assert flagged == sorted(flagged, reverse=True)
    model = [rm.judge(3, p).loc["model", "flagged"] for p in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert model == sorted(model)
    j = rm.judge()
    assert j.loc["rule", "flagged"] == j.loc["rule_only", "flagged"] + j.loc["both", "flagged"]
    # the two disagree on some customers, and the truth decides between them
    assert j.loc["rule_only", "flagged"] + j.loc["model_only", "flagged"] > 0
    assert len(rm.disagreements()) == j.loc["rule_only", "flagged"] + j.loc["model_only", "flagged"]


def test_an_earlier_day_sees_only_the_refuels_before_it(fuel):
    early = rule_and_model(fuel["refuels"], fuel["churn_truth"], as_of="2014-03-31")
    assert early.as_of == pd.Timestamp("2014-03-31") and (early.customers["days_since_visit"] >= 0).all()
    truth = fuel["churn_truth"].set_index("customer_id").loc[early.customers["customer_id"]]
    later = (truth["left"] & (pd.to_datetime(truth["last_visit"]) > "2014-03-31")).to_numpy()
    assert not early.customers["gone"].to_numpy()[later].any()  # leaving after the day is not gone yet
