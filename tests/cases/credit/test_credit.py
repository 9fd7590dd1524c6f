"""The credit case (时风集团, seeds/002): the source's bands and timeline, the rating and the receivables
computed on the data, the generator deterministic, bad input a bilingual DataError."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.credit import case as cr
from crm.cases.credit.data import generate
from crm.cases.credit.rating import band_of, characteristic_points, grade_of, operating_assets, rate, rate_book, ratios
from crm.cases.credit.receivables import (ageing, double_ten, due_today, files_due, open_on, stage, step_dates,
                                          warning_list)
from crm.core.schemas import DataError

SEED_FILE = Path("/work/shared") / cr.SOURCE
AS_OF = "2012-12-31"


@pytest.fixture(scope="module")
def t():
    return load_case("credit")


def test_every_quote_is_in_the_source():
    if not SEED_FILE.exists():
        pytest.skip("the seeds folder is not on this machine")
    text = SEED_FILE.read_text(encoding="utf-8").replace("\n", "")
    for _, quote, _ in cr.QUOTES:
        assert quote in text, quote[:30]


def test_the_source_structure_18_items_72_facts():
    assert len(cr.ITEMS) == cr.ITEMS_COUNT == 18 and cr.ITEMS_COUNT * cr.ASPECTS == cr.FACTS_COUNT == 72
    assert [len(v) for v in cr.FAMILIES.values()] == [6, 6, 6]


def test_the_generator_is_deterministic_and_the_committed_data_is_its_output(t):
    a, b = generate(), generate()
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    assert len(t["clients"]) == cr.ASSUMPTIONS["clients"][0]
    assert len(t["facts"]) == len(t["clients"]) * 72
    assert (t["facts"].groupby("client_id").size() == 72).all()


def test_bands_follow_the_source():
    # "信用额度在30万元以下的用1A表示,30-60万元用2A表示,60-100万元用3A表示,100-150万元用4A表示,150万元以上用5A表示"
    assert [band_of(x) for x in (1, 299_999, 300_000, 599_999, 600_000, 999_999, 1_000_000, 1_499_999, 1_500_000,
                                 9e6)] == ["1A", "1A", "2A", "2A", "3A", "3A", "4A", "4A", "5A", "5A"]
    assert band_of(0) is None


def test_grades_are_six_and_ordered():
    shares = np.linspace(0, 1, 101)
    g = [grade_of(s) for s in shares]
    assert set(g) == {1, 2, 3, 4, 5, 6} and all(a >= b for a, b in zip(g, g[1:]))
    with pytest.raises(DataError):
        grade_of(1.5)


def test_ratios_by_hand(t):
    c = t["clients"].iloc[0]
    r = ratios(t["clients"]).iloc[0]
    assert r["current"] == pytest.approx(c["current_assets"] / c["current_liabilities"])
    assert r["quick"] == pytest.approx((c["current_assets"] - c["inventory"]) / c["current_liabilities"])
    assert r["debt"] == pytest.approx(c["total_liabilities"] / c["total_assets"])
    assert r["gross_margin"] == pytest.approx(1 - c["cost_of_sales"] / c["sales"])


def test_the_rating_is_written_xay_and_explained(t):
    r = rate_book(t["clients"], t["facts"])
    rated = r[r["band"].notna()]
    assert (rated["rating"] == rated["band"] + rated["grade"].astype(str)).all()
    assert (r.loc[r["band"].isna(), "grade"] == cr.ASSUMPTIONS["no_credit_grade"][0]).all()
    assert r["band"].nunique() == 5  # every band is reached in this data
    row = t["clients"].set_index("client_id", drop=False).loc[rated.index[0]]
    one = rate(row, int(rated.iloc[0]["points"]))
    assert one.rating in one.explain("en") and "信用等级" in one.explain("zh")
    # better facts never lower the limit
    pts = characteristic_points(t["facts"]).sum(axis=1)
    c = t["clients"].iloc[3]
    assert rate(c, 360).limit >= rate(c, int(pts.iloc[3])).limit >= rate(c, 0).limit == 0


def test_operating_assets_model():
    row = pd.Series({"current_assets": 600.0, "inventory": 200.0, "cash": 50.0, "current_liabilities": 300.0,
                     "total_liabilities": 500.0, "total_assets": 1500.0, "sales": 1, "cost_of_sales": 1, "net_profit": 0})
    oa, ev = operating_assets(row)
    assert oa == (300 + 1000) / 2 and ev == pytest.approx(2 + 400 / 300 - 0.3 - 0.5)


def test_the_timeline_follows_the_source(t):
    inv = t["invoices"].iloc[[0]].copy()
    cal = step_dates(inv).set_index("step")["date"]
    ship, due = pd.Timestamp(inv["ship_date"].iloc[0]), pd.Timestamp(inv["due_date"].iloc[0])
    due += pd.Timedelta(days=int(inv["extension_days"].iloc[0]))
    assert cal["remind"] == due - pd.Timedelta(days=7) and cal["warn"] == due + pd.Timedelta(days=7)
    assert cal["press"] == due + pd.Timedelta(days=14) and cal["blacklist"] == due + pd.Timedelta(days=30)
    inv["paid_date"] = pd.NaT
    assert set(due_today(inv, ship)["step"]) == {"confirm"}  # "货发一周内"
    assert due_today(inv, ship + pd.Timedelta(days=7)).empty
    assert list(due_today(inv, cal["warn"])["step"]) == ["warn"]


def test_due_today_and_stages_agree(t):
    d = due_today(t["invoices"], AS_OF)
    o = open_on(t["invoices"], AS_OF)
    assert set(d["invoice_id"]) <= set(o["invoice_id"])
    s = stage(o)
    warn = d[d["step"] == "warn"]["invoice_id"]
    assert (s[o["invoice_id"].isin(warn)] == "warn").all()


def test_double_ten_and_ageing(t):
    largest, oldest = double_ten(t["invoices"], AS_OF)
    assert len(largest) == len(oldest) == 10
    assert largest["owed"].is_monotonic_decreasing and oldest["oldest_days"].is_monotonic_decreasing
    o = open_on(t["invoices"], AS_OF)
    owed = o.groupby("client_id")["amount"].sum().sort_values(ascending=False)
    assert largest["owed"].iloc[0] == owed.iloc[0]
    a = ageing(t["invoices"], AS_OF)
    assert a.to_numpy().sum() == pytest.approx(o["amount"].sum())
    one, _ = double_ten(t["invoices"], AS_OF, "U1")
    assert set(one.index) <= set(t["clients"].loc[t["clients"]["sales_unit"] == "U1", "client_id"])


def test_warning_list_reasons(t):
    w = warning_list(t["clients"], t["invoices"], AS_OF)
    c = t["clients"].set_index("client_id")
    for cid, why in w[["client_id", "reasons"]].itertuples(index=False):
        reasons = why.split(",")
        assert ("lawsuit" in reasons) == bool(c.loc[cid, "lawsuit"])
        assert ("non_credit_arrears" in reasons) == (c.loc[cid, "non_credit_arrears_months"] > 6)
    o = open_on(t["invoices"], AS_OF)
    assert set(o.loc[o["days_overdue"] >= 30, "client_id"]) <= set(w["client_id"])
    assert len(files_due(t["clients"], AS_OF)) > 0


def test_bad_input_is_a_bilingual_error(t):
    for call in (lambda: due_today(t["invoices"], "2012-13-45"), lambda: ratios(t["clients"].drop(columns="cash")),
                 lambda: double_ten(t["invoices"], AS_OF, "U9"), lambda: rate(t["clients"].iloc[0], 999),
                 lambda: characteristic_points(t["facts"].drop(columns="points")),
                 lambda: open_on(t["invoices"].drop(columns="due_date"), AS_OF)):
        with pytest.raises(DataError) as err:
            call()
        assert err.value.message_zh and err.value.message_en
