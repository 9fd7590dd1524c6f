"""The fuel case's data reproduces the source's numbers (seeds/002, 中原石油)."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm.core.complaints import breaches, conformance
from crm.cases.fuel import case as fuel_case, data as fuel
from crm.cases import load_case

SEEDS = Path("/work/shared") / fuel_case.SOURCE


@pytest.fixture(scope="module")
def tables():
    return load_case("fuel")


def test_ten_percent_of_the_customers_on_file_leave_within_the_year(tables):
    # "客户每年的流失率在10%左右"
    t = tables["churn_truth"].merge(tables["customers"][["customer_id", "kind"]], on="customer_id")
    start = t[t["on_file_at_start"]]
    assert start.groupby("kind")["left"].mean().to_dict() == pytest.approx({"unit": 0.10, "individual": 0.10})
    assert not t.loc[~t["on_file_at_start"], "left"].any()
    leavers = t[t["left"]]
    last = tables["refuels"].groupby("customer_id")["date"].max()
    assert (last.reindex(leavers["customer_id"]).to_numpy() == leavers["last_visit"].to_numpy()).all()


def test_customers_on_file_grow_as_reported(tables):
    # "单位客户和个人客户同比增长率分别达到93.35%和39.72%"
    c = tables["customers"].merge(tables["churn_truth"], on="customer_id")
    for kind, growth in (("unit", 0.9335), ("individual", 0.3972)):
        k = c[c["kind"] == kind]
        at_start = int(k["on_file_at_start"].sum())
        at_end = int(((k["file_stage"] != "plate") & ~k["left"]).sum())
        assert at_end / at_start - 1 == pytest.approx(growth, abs=0.0005), kind


def test_card_share_of_litres_rises_to_the_reported_level(tables):
    # "持卡消费比率38.85%，同比增长14.51%" (read as percentage points)
    r = tables["refuels"]
    card = r["litres"].where(r["payment"] == "card", 0.0)
    share = card.groupby(r["date"].dt.to_period("M")).sum() / r.groupby(r["date"].dt.to_period("M"))["litres"].sum()
    assert share.iloc[-1] == pytest.approx(0.3885, abs=0.01)
    assert share.iloc[-1] - share.iloc[0] == pytest.approx(0.1451, abs=0.015)


def test_every_station_has_at_least_fifteen_customers_on_file_per_employee(tables):
    # "每人至少维护15位以上客户"
    c, s = tables["customers"], tables["staff"]
    per_station = c[c["file_stage"] != "plate"].groupby("station_id").size()
    staff = s[s["station_id"].notna()].groupby("station_id").size()
    assert (per_station / staff >= fuel_case.CUSTOMERS_PER_EMPLOYEE).all()
    assert set(s["role"]) == {"company_admin", "district_manager", "station_manager", "attendant"}


def test_the_three_step_funnel_is_consistent(tables):
    c = tables["customers"]
    new = c[c["first_visit"] >= fuel_case.START]
    assert (new["second_visit"].isna() | (new["second_visit"] > new["first_visit"])).all()
    assert (new["third_visit"].isna() | (new["third_visit"] > new["second_visit"])).all()
    filed = new["file_stage"] != "plate"
    assert new.loc[filed, "second_visit"].notna().all()  # a basic file needs a second visit
    assert new.loc[new["file_stage"] == "complete", "third_visit"].notna().all()
    assert c.loc[(c["kind"] == "individual") & (c["file_stage"] == "plate"), "employer"].isna().all()


def test_complaints_follow_the_three_level_flow_with_some_deviations_and_breaches(tables):
    # "加油站—片区—公司" and "核实—审查—整改—回访—归档"
    log = tables["complaints"]
    assert set(log["level"]) == set(fuel_case.LEVELS) and set(log["step"]) == set(fuel_case.STEPS)
    kinds = conformance(log, fuel_case.COMPLAINT_FLOW)["deviation"].value_counts()
    assert kinds["fits"] > 0.7 * kinds.sum()
    assert kinds["skipped"] > 0 and kinds["reordered"] > 0 and kinds["repeated"] > 0
    assert breaches(log, fuel_case.COMPLAINT_FLOW)["breached"].sum() > 0
    first = log.groupby("complaint_id")["level"].first()
    assert (first == "station").all()  # every complaint is received at the station


def test_occasions_and_reported_results(tables):
    occ = tables["occasions"]
    assert set(occ["occasion"]) == {"price_change", "weather", "holiday"}
    assert occ["date"].between(fuel_case.START, fuel_case.END).all()
    rep = tables["reported_results"].set_index("metric")["change"]
    assert rep.to_dict() == {"unit_customers": 93.35, "individual_customers": 39.72, "card_share_points": 14.51,
                             "station_volume": 16.5, "gasoline": 24.0, "premium_gasoline": 118.0,
                             "best_station": 57.0, "card_topups": 69.65}


def test_sizes_are_realistic_and_the_folder_small(tables):
    assert tables["customers"]["customer_id"].nunique() > 10_000  # tens of thousands of card holders, roughly
    assert len(tables["refuels"]) > 300_000 and tables["refuels"]["date"].nunique() == 365
    folder = Path(fuel.__file__).resolve().parents[3] / "data" / "fuel"
    assert sum(p.stat().st_size for p in folder.iterdir()) < 20 * 2**20


@pytest.mark.skipif(not SEEDS.exists(), reason="the source documents are not on this machine")
def test_every_quote_is_verbatim_in_the_source():
    text = SEEDS.read_text(encoding="utf-8")
    for _, quote, _ in fuel_case.QUOTES:
        assert quote in text, quote[:30]
