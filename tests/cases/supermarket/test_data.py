"""The supermarket generator: the source's numbers (regeneration and datasheet: test_case_data)."""
import pandas as pd
import pytest

from crm.cases import case_catalogue, CASES, load_case
from crm.cases.supermarket import case as supermarket_case, data as supermarket
from crm.core.segment import abc_summary, pareto_ranking


@pytest.fixture(scope="module")
def tables():
    return load_case("supermarket")


def test_default_cutoffs_reproduce_the_source_abc_shares(tables):
    # seeds/002: A = 10-20% of customers with 60-70% of spend; B about 20% / 20%;
    # C = 60-70% of customers with 10-20% of spend.
    spend = tables["transactions"].groupby("customer_id")["amount"].sum()
    table = abc_summary(pareto_ranking(spend))
    a, b, c = (table.loc[k] for k in "ABC")
    assert 0.10 <= a["customer_share"] <= 0.20 and 0.60 <= a["value_share"] <= 0.70
    assert 0.15 <= b["customer_share"] <= 0.25 and 0.15 <= b["value_share"] <= 0.25
    assert 0.60 <= c["customer_share"] <= 0.70 and 0.10 <= c["value_share"] <= 0.20


def test_survey_reproduces_the_82_percent_and_the_main_complaints(tables):
    survey = tables["survey"]
    assert survey["few_benefits"].mean() == pytest.approx(supermarket_case.FEW_BENEFITS_SHARE)
    top3 = survey["complaint_theme"].astype(str).value_counts().index[:3]
    assert set(top3) == {"messy_shelving", "confusing_price_tags", "oppressive_atmosphere"}
    members = set(tables["customers"].query("card_type == 'member'")["customer_id"])
    assert set(survey["customer_id"]) <= members


def test_sizes_and_integrity(tables):
    tx, customers = tables["transactions"], tables["customers"]
    assert 300_000 <= len(tx) <= 500_000
    assert set(tx["customer_id"]) <= set(customers["customer_id"])
    assert tx["transaction_id"].is_unique
    assert (tx["date"].dt.year == supermarket_case.YEAR).all()
    assert customers.loc[customers["card_type"] == "ordinary", "birthday"].isna().all()
    assert customers.loc[customers["card_type"] == "member", "birthday"].notna().all()
    # Nobody shops before joining.
    first = tx.groupby("customer_id")["date"].min()
    joined = customers.set_index("customer_id")["join_date"].reindex(first.index)
    assert (first >= joined.clip(lower=pd.Timestamp(f"{supermarket_case.YEAR}-01-01"))).all()


def test_another_seed_is_another_variant():
    a, b = supermarket.generate(1), supermarket.generate(2)
    assert not a["transactions"]["amount"].head(100).equals(b["transactions"]["amount"].head(100))
    assert a["survey"]["few_benefits"].mean() == b["survey"]["few_benefits"].mean()


def test_catalogue_lists_every_case():
    cat = case_catalogue()
    assert list(cat.index) == sorted(CASES)
    assert (cat["notebook"] == [f"cases/{c}.ipynb" for c in cat.index]).all()
