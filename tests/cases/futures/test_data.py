"""The futures data reproduces its source (seeds/000, 天富期货) and behaves as the datasheet says."""
import pandas as pd
import pytest

from crm.core.complaints import conformance
from crm.cases.futures import case as gen_case, data as gen
from crm.cases import load_case
from crm.cases.futures.routing import DEPARTMENTS, config_from_requests


@pytest.fixture(scope="module")
def tables():
    return load_case("futures")


def test_the_top_fifth_of_accounts_bring_about_80_percent_of_commission(tables):
    # seeds/000: "企业 80%的销售收入和利润来自仅占总数 20%的客户"
    a = tables["accounts"]
    c = a[a["month"].dt.year == 2013].groupby("client_id")["commission"].sum().sort_values(ascending=False)
    share = c.head(int(0.2 * len(c))).sum() / c.sum()
    assert share == pytest.approx(0.80, abs=0.03)


def test_branches_take_the_same_problem_to_the_back_office_separately(tables):
    # seeds/000: "各营业部往往为相同的问题分头找后台部门，后台部门只能分头依次解决"
    r = tables["requests"]
    branches_per_problem = r.groupby("problem_id")["branch"].nunique()
    assert (branches_per_problem > 1).sum() > 100
    assert set(r["department"].astype(str)) == set(DEPARTMENTS)  # 研发部、技术部、结算部、交易风控部
    assert (r["resolved_at"] >= r["raised_at"]).all()
    cfg = config_from_requests(r)
    assert cfg.branches == gen_case.ASSUMPTIONS["branches"][0]
    assert cfg.requests_per_branch_day == pytest.approx(gen_case.ASSUMPTIONS["requests_per_branch_day"][0], rel=0.1)


def test_the_four_roles_exist_and_the_file_is_crude(tables):
    # seeds/000: "现有客户、潜在客户、流失客户、以及非公司客户"
    truth = tables["truth"]["status"].astype(str).value_counts()
    assert {"active", "left", "prospect", "other_firm"} <= set(truth.index)
    recorded = tables["clients"]["role_recorded"].astype(str)
    assert "non_company" not in set(recorded)  # today's file never marks non-company clients
    m = tables["clients"].merge(tables["truth"], on="client_id")
    assert ((m["role_recorded"] == "existing") & (m["status"] == "left")).sum() > 500


def test_complaints_follow_the_documented_steps_with_gaps(tables):
    # seeds/000: solve on the spot or promise a reply time, confirm, file, analyse the cause
    log = tables["complaints"]
    flow = gen_case.complaint_flow()
    assert set(log["step"].astype(str)) == set(flow.steps)
    table = conformance(log, flow)
    assert (table["deviation"] == "fits").mean() > 0.4
    assert (table["deviation"] == "skipped").any()  # some are never confirmed
    on_spot = ~table["trace"].str.contains("reply_promised")
    assert on_spot.mean() == pytest.approx(gen_case.ASSUMPTIONS["on_spot_share"][0], abs=0.1)


def test_callbacks_watch_potential_and_new_accounts(tables):
    # seeds/000: "按照潜在客户与已开户客户两个方向进行全程跟踪、定期回访"
    reasons = set(tables["callbacks"]["reason"].astype(str))
    assert {"potential", "new_account", "funds_change"} == reasons
    assert tables["accounts"]["trades"].ge(0).all() and tables["accounts"]["equity"].ge(0).all()


def test_survey_sizes_and_scale(tables):
    s = tables["survey"]
    assert len(s) == gen_case.ASSUMPTIONS["survey_respondents"][0] and s["client_id"].is_unique
    for col in ("overall", *gen_case.SURVEY_ITEMS):
        assert s[col].between(1, 5).all()
    assert 0.05 < (s["overall"] <= 2).mean() < 0.35


def test_realistic_sizes(tables):
    assert 15_000 < len(tables["clients"]) <= gen_case.ASSUMPTIONS["client_records"][0]
    assert tables["clients"]["branch"].nunique() == 20
    assert pd.Timestamp("2012-01-01") == tables["accounts"]["month"].min()
