"""The car-care data reproduces its sources' numbers (seeds/000, 001, 004) and keeps its tables consistent."""
import numpy as np
import pytest

from crm.cases.carcare import case as carcare_case, data as carcare
from crm.cases import load_case


@pytest.fixture(scope="module")
def tables():
    return load_case("carcare")


def test_over_10000_cars_and_10_million_yuan(tables):
    # seeds/000: "公司年装饰车辆 1 万台以上,年营业额 1000 万"
    visits = tables["visits"]
    assert visits["date"].dt.year.unique().tolist() == [carcare_case.YEAR]
    assert visits["customer_id"].nunique() >= carcare_case.CARS_PER_YEAR
    assert visits["price"].sum() == pytest.approx(carcare_case.REVENUE_YUAN, rel=1e-5)


def test_the_six_channels_and_their_customers_agree(tables):
    # seeds/000: car shows with dealers and 4S stores, and the five media
    spend, customers = tables["channel_spend"], tables["customers"]
    assert set(spend["channel"]) == set(carcare_case.CHANNELS) == set(customers["channel"])
    assert spend.groupby("channel").size().eq(carcare_case.ASSUMPTIONS["channel_months"][0]).all()
    won = customers[customers["acquired"] >= spend["month"].min()]
    counted = won.groupby([won["acquired"].dt.to_period("M").dt.to_timestamp(), "channel"]).size()
    recorded = spend.set_index(["month", "channel"])["customers"]
    assert counted.reindex(recorded.index, fill_value=0).tolist() == recorded.tolist()
    assert (spend["customers"] <= spend["leads"]).all() and (spend["leads"] <= spend["reach"]).all()


def test_complaints_follow_the_seven_steps(tables):
    log, complaints = tables["complaint_log"], tables["complaints"]
    assert set(log["complaint_id"]) == set(complaints["complaint_id"])
    traces = log.sort_values(["complaint_id", "timestamp"], kind="stable").groupby("complaint_id")["step"].agg(tuple)
    assert (traces == carcare_case.STEPS).mean() > 0.75  # most complaints go through the source's sequence in order
    assert traces.map(lambda s: s[0] == "understand").all()
    assert set(complaints["outcome"].astype(str)) == {"stayed", "left", "open"}


def test_seventy_percent_stay_when_handled_fast(tables):
    # seeds/001: "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作"
    c, log = tables["complaints"], tables["complaint_log"]
    repaired = set(log.loc[log["step"] == "repair", "complaint_id"])
    closed = c[c["outcome"].astype(str).isin(["stayed", "left"]) & c["complaint_id"].isin(repaired)]
    fast = closed[closed["response_hours"] <= carcare_case.ASSUMPTIONS["fast_response_hours"][0]]
    rate, n = (fast["outcome"].astype(str) == "stayed").mean(), len(fast)
    assert abs(rate - carcare_case.STAY_IF_FAST) < 3 * np.sqrt(0.7 * 0.3 / n)
    slow = closed[closed["response_hours"] > 24]
    assert (slow["outcome"].astype(str) == "stayed").mean() < rate


def test_the_complaint_iceberg(tables):
    # seeds/001: 1–5 % reach top management, 45 % the front line, 50 % never complain
    shares = tables["service_failures"]["reported_to"].astype(str).value_counts(normalize=True)
    n = len(tables["service_failures"])
    for level, share in carcare_case.ICEBERG.items():
        assert shares[level] == pytest.approx(share, abs=1 / n)
    reported = tables["service_failures"]["reported_to"].astype(str) != "none"
    assert reported.sum() == len(tables["complaints"])


def test_the_service_network(tables):
    # seeds/004: "基本區域網點為1023個服務中心,為過百萬車主會員服務"
    centres = tables["centres"]
    assert len(centres) == carcare_case.CENTRES and centres["members"].sum() > carcare_case.MEMBERS


def test_the_five_servqual_dimensions_on_1_to_10(tables):
    s = tables["servqual"]
    assert set(s["dimension"].astype(str)) == set(carcare_case.DIMENSIONS)
    assert s.groupby("respondent_id").size().eq(5).all()
    for col in ("importance", "expectation", "performance"):
        assert s[col].between(1, 10).all()


def test_the_chain_is_in_the_data(tables):
    # seeds/000: satisfied staff, low turnover, satisfied and loyal customers
    e = tables["employees"]
    assert np.corrcoef(e["internal_service_quality"], e["satisfaction"])[0, 1] > 0.5
    assert e.loc[e["left"], "satisfaction"].mean() < e.loc[~e["left"], "satisfaction"].mean()
    rating = tables["visits"].groupby("customer_id")["rating"].mean()
    back = tables["outcomes"].set_index("customer_id")["returned_next_year"]
    assert rating[back.reindex(rating.index).to_numpy()].mean() > rating[~back.reindex(rating.index).to_numpy()].mean()


def test_a_customer_lost_after_a_complaint_does_not_come_back(tables):
    lost = tables["complaints"].loc[tables["complaints"]["outcome"].astype(str) == "left", "customer_id"]
    out = tables["outcomes"].set_index("customer_id")
    assert not out.loc[lost.unique(), "returned_next_year"].any()
    assert set(out.loc[~out["returned_next_year"], "lost_reason"]) <= set(carcare_case.LOST_REASONS)
