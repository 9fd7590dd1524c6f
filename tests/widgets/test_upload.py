"""A student's own file in every view that classifies or scores customers.

Each view is given a small file that is not the case's (other headers, Chinese headers,
extra columns), and its numbers must follow that file; a bad file must keep the data the
view had and say why in Chinese and English.
"""
import numpy as np
import pandas as pd
import pytest

from crm.core.schemas import UPLOAD_TRANSACTIONS
from widgets.i18n import LANG
from widgets.rfm import rfm_view
from widgets.upload import UploadControl, accepted_suffixes


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.strip().replace("\n    ", "\n").encode(encoding) + b"\n"


def assert_refused(control, before, after, name, column=None):
    """The view's numbers did not move, and the message names the file in both languages."""
    assert after == before
    message = control.message.value
    assert "crm-error" in message and name in message and "Traceback" not in message
    assert "仍使用之前的数据" in message and "previous data stays loaded" in message
    if column:
        assert column in message


# --- the control itself -----------------------------------------------------------------------
def test_accept_list_offers_only_what_the_reader_reads():
    from crm.core.io import read_upload
    from tests.uploads import writers

    accept = accepted_suffixes().split(",")
    assert {".csv", ".xlsx", ".xls", ".ods"} <= set(accept)
    rows = [["customer_id", "date", "amount"], ["c1", "2024-01-02", 3]]
    table = b"customer_id,date,amount\nc1,2024-01-02,3\n"
    files = {".csv": table, ".txt": table, ".tsv": table.replace(b",", b"\t"), ".xlsx": writers.xlsx(rows),
             ".xlsm": writers.xlsx(rows), ".xls": writers.xls(rows), ".ods": writers.ods(rows)}
    for suffix in accept:  # every type offered is one the reader reads
        assert len(read_upload(files[suffix], "a" + suffix, UPLOAD_TRANSACTIONS)) == 1, suffix


def test_control_relabels_and_keeps_errors_in_both_languages():
    seen = []
    control = UploadControl(UPLOAD_TRANSACTIONS, lambda tx: len(tx), lambda data, name: seen.append(data))
    assert "上传" in control.button.description and "<code>customer_id</code>（客户编号）" in control.needs.value
    assert control.load(b"customer_id,date,amount\nc1,2024-01-02,3\n", "a.csv") and seen == [1]
    assert "已载入" in control.message.value
    LANG.code = "en"
    assert control.button.description.startswith("Upload") and "Needs columns: <code>customer_id</code>" in control.needs.value
    assert "Loaded: a.csv" in control.message.value
    assert not control.load(b"customer_id,date\nc1,2024-01-02\n", "b.csv") and seen == [1]
    LANG.code = "zh"
    assert "缺少必需的列" in control.message.value and "missing required column" in control.message.value
    assert "a.csv" in control.message.value  # the data that stays is the last good file


def test_an_unexpected_failure_is_a_message_not_a_traceback():
    def prepare(tx):
        raise ZeroDivisionError("boom")
    control = UploadControl(UPLOAD_TRANSACTIONS, prepare, lambda data, name: None)
    assert not control.load(b"customer_id,date,amount\nc1,2024-01-02,3\n", "a.csv")
    assert "crm-error" in control.message.value and "a.csv" in control.message.value


# --- RFM ----------------------------------------------------------------------------------------
RFM_FILE = """
    会员卡号,消费日期,实付金额,门店
    V1,2024-03-01,120.5,东区
    V1,2024-03-20,80,东区
    V1,2024-03-30,40,西区
    V2,2024-01-05,500,东区
    V3,2024-03-29,15,西区
    V3,2024-03-10,25,西区
    V4,2024-02-14,60,东区
"""


def test_rfm_view_scores_an_uploaded_file(supermarket):
    view = rfm_view(supermarket)
    assert view.load(csv(RFM_FILE, "gbk"), "门店会员.csv")
    rfm = view.rfm
    assert list(rfm.index) == ["V1", "V2", "V3", "V4"]
    # recency from the day after the last purchase in the file (2024-03-31)
    assert rfm["recency_days"].tolist() == [1, 86, 2, 46]
    assert rfm["frequency"].tolist() == [3, 1, 2, 1]
    assert rfm["monetary"].tolist() == pytest.approx([240.5, 500.0, 40.0, 60.0])
    assert view.figure.data[0].z.sum() == 4  # the heat map counts the file's customers
    assert "门店会员.csv" in view.uploader.message.value and "4 位客户" in view.uploader.message.value
    view.bins.value = 3
    assert view.figure.data[0].z.sum() == 4 and view.segments.notna().all()


def test_rfm_view_keeps_its_data_on_a_bad_file(supermarket):
    view = rfm_view(supermarket)
    before = (len(view.rfm), view.table.value)
    bad = csv("会员卡号,消费日期,实付金额\nV1,2024-03-01,12\nV2,明天,30")
    assert not view.load(bad, "坏文件.csv")
    assert_refused(view.uploader, before, (len(view.rfm), view.table.value), "坏文件.csv", "date")


def test_rfm_view_states_its_definitions(supermarket):
    view = rfm_view(supermarket)
    assert "lifetimes" in view.help.value and "T＝" in view.help.value
    LANG.code = "en"
    assert "repeat purchases" in view.help.value


# --- bank: customer pyramid ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def bank():
    from crm.cases import load_case
    return load_case("bank")


def pyramid_file() -> bytes:
    rows = ["客户编号,年度,客户贡献,分行"]
    for i, v in enumerate([100, 50, 20, 10, 10, 5, 3, 1, 1, 0]):
        rows.append(f"K{i:02d},2023,{v},南京")
    for i, v in enumerate([40, 30, 20, 5, 2]):
        rows.append(f"K{i:02d},2024,{v},南京")
    rows.append("K04,2024,3,扬州")  # a second row of the same client and year is added
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_pyramid_tiers_an_uploaded_file(bank):
    from widgets.bank.pyramid import pyramid_view, top_share
    view = pyramid_view(bank)
    assert view.load(pyramid_file(), "我的分行.csv")
    assert [v for _, v in view.year.options] == [2023, 2024] and view.year.value == 2024
    r = view.rankings[2024]
    assert r.n == 5 and r.value.tolist() == [40, 30, 20, 5, 5]
    assert top_share(r) == pytest.approx(0.40)  # top 20% of 5 clients: the first, 40 of 100
    assert "40.0%" in view.claim.value and "2024" in view.claim.value
    view.year.value = 2023
    assert top_share(view.rankings[2023]) == pytest.approx(0.75) and "75.0%" in view.claim.value
    assert view.figure.data[1].y[-1] == pytest.approx(1.0)


def test_pyramid_file_without_years_is_one_period(bank):
    from widgets.bank.pyramid import pyramid_view
    view = pyramid_view(bank)
    assert view.load(b"client_id,contribution\nA,5\nB,15\nC,80\nD,0\nE,0\n", "flat.csv")
    assert len(view.rankings) == 1 and view.year.options[0][0] == "全部"
    assert "80.0%" in view.claim.value
    LANG.code = "en"
    assert view.year.options[0][0] == "all"


def test_pyramid_keeps_its_data_on_a_bad_file(bank):
    from widgets.bank.pyramid import pyramid_view
    view = pyramid_view(bank)
    before = (dict((y, r.n) for y, r in view.rankings.items()), view.table.value, view.claim.value)
    assert not view.load(b"customer_id,year,profit\nA,2024,5\nB,2024,-3\n", "neg.csv")
    after = (dict((y, r.n) for y, r in view.rankings.items()), view.table.value, view.claim.value)
    assert_refused(view.uploader, before, after, "neg.csv", "profit")


# --- bank: value matrix -------------------------------------------------------------------------
VALUE_FILE = """
    client_id,contribution,growth_potential,score,manager
    A,10,0,0.91,Li
    B,20,0,0.35,Li
    C,30,0,0.80,Wang
    D,40,0,0.75,Wang
    E,50,0,0.66,Li
    F,60,5,0.20,Li
    G,70,6,0.95,Wang
    H,80,7,0.55,Li
    I,90,8,0.85,Wang
    J,100,9,0.70,Li
"""


def test_value_matrix_classifies_an_uploaded_file(bank):
    from widgets.bank.value_matrix import value_matrix_view
    view = value_matrix_view(bank)
    assert view.load(csv(VALUE_FILE), "clients.csv")
    assert len(view.base) == 10 and list(view.base.index[:2]) == ["A", "B"]
    # top 20% by current value: I, J (cut 82); top 30% by potential: H, I, J (cut 6.3): IV = I, J; II = H
    c_cut, p_cut, credit_cut, contribution_cut = view.cuts
    assert c_cut == pytest.approx(82.0) and p_cut == pytest.approx(6.3)
    assert "ValueMatrixView(clients=10, types={'I': 7, 'II': 1, 'III': 0, 'IV': 2})" == repr(view)
    # credit scores on a 0-1 scale: the cut moved inside it (the median), the contribution cut to the 80th percentile
    assert view.credit_cut.min == pytest.approx(0.20) and view.credit_cut.max == pytest.approx(0.95)
    assert credit_cut == pytest.approx(0.725) and contribution_cut == pytest.approx(82.0)
    # good credit (>= 0.725) and contribution >= 82: I (0.85) -> key; J (0.70) bad credit -> ordinary
    clients_bar = view.figure.data[1].y
    assert clients_bar.tolist() == pytest.approx([0.1, 0.4, 0.5])
    assert len(view.figure.data[0].x) == 10 and max(view.figure.data[0].x) == 100


def test_value_matrix_keeps_its_data_on_a_bad_file(bank):
    from widgets.bank.value_matrix import value_matrix_view
    view = value_matrix_view(bank)
    before = (repr(view), view.table.value)
    bad = csv("client_id,contribution,growth_potential\nA,1,2\n")
    assert not view.load(bad, "no_score.csv")
    assert_refused(view.uploader, before, (repr(view), view.table.value), "no_score.csv", "credit_score")


# --- fuel: visit-cycle detector -----------------------------------------------------------------
@pytest.fixture(scope="module")
def fuel():
    from crm.cases import load_case
    return load_case("fuel")


def visits_file() -> bytes:
    """Three regulars (every 7, 5 and 10 days; the second stops on 15 April) and one occasional visitor."""
    days = pd.date_range("2024-01-01", "2024-06-30")
    rows = ["卡号,加油日期,加油金额"]
    for i, d in enumerate(days):
        if i % 7 == 0:
            rows.append(f"粤B001,{d:%Y/%m/%d},300")
        if i % 5 == 0 and d <= pd.Timestamp("2024-04-15"):
            rows.append(f"粤B002,{d:%Y/%m/%d},200")
        if i % 10 == 3:
            rows.append(f"粤B003,{d:%Y/%m/%d},250")
    rows += ["粤B004,2024/02/01,100", "粤B004,2024/05/01,100"]
    return ("\n".join(rows) + "\n").encode("gbk")


def test_anomaly_detector_watches_an_uploaded_visit_log(fuel):
    from widgets.fuel.visit_cycle import anomaly_view
    view = anomaly_view(fuel)
    view.grace.value = 3
    assert view.load(visits_file(), "我的油站.csv")
    assert sorted(view.vg.customers["customer_id"]) == ["粤B001", "粤B002", "粤B003"]
    assert view.vg.customers.set_index("customer_id")["cycle_days"].to_dict() == {"粤B001": 7, "粤B002": 5, "粤B003": 10}
    row = view.sweep.loc[3]
    # the one absence beyond 5 + 3 days: 粤B002 since 15 April (still away at the end); steady amounts: no volume flag
    assert row["flags"] == 1
    # watched from the end of the 91-day learning window to the file's last visit (粤B001 on 24 June)
    weeks = ((pd.Timestamp("2024-06-24") - pd.Timestamp("2024-04-01")).days + 1) / 7
    assert row["calls_per_week"] == pytest.approx(1 / weeks)
    assert np.isnan(row["precision"]) and np.isnan(row["recall"])  # nobody says who left: unknown, not 0
    assert "无法计算精确率" in view.summary.value and "3 位常客" in view.summary.value
    assert "AnomalyView(regular_customers=3, N=3" in repr(view)
    LANG.code = "en"
    assert "cannot be measured" in view.summary.value


def test_anomaly_detector_keeps_its_data_on_a_bad_file(fuel):
    from widgets.fuel.visit_cycle import anomaly_view
    view = anomaly_view(fuel)
    before = (repr(view), view.summary.value)
    short = b"customer_id,date,litres\nA,2024-01-01,30\nA,2024-01-08,30\nA,2024-01-15,30\n"
    assert not view.load(short, "short.csv")
    assert_refused(view.uploader, before, (repr(view), view.summary.value), "short.csv")
    assert not view.load(b"customer_id,date\nA,2024-01-01\n", "no_volume.csv")
    assert_refused(view.uploader, before, (repr(view), view.summary.value), "no_volume.csv", "litres")


# --- complaint-flow conformance check -----------------------------------------------------------
EVENT_LOG = """
    工单号,环节,时间,层级,负责人,备注
    T1,核实,2024-05-01 08:00,加油站,张,
    T1,审查,2024-05-01 09:00,加油站,张,
    T1,整改,2024-05-01 12:00,加油站,张,
    T1,回访,2024-05-02 08:00,加油站,李,
    T1,归档,2024-05-02 09:00,加油站,李,
    T2,verify,2024-05-01 10:00,station,王,over the 2 h limit
    T2,Review,2024-05-01 15:00,district,赵,
    T2,rectify,2024-05-02 10:00,district,赵,
    T2,archive,2024-05-03 10:00,district,赵,no call
    T3,审查,2024-05-01 08:00,加油站,钱,
    T3,核实,2024-05-01 09:00,加油站,钱,
    T3,整改,2024-05-01 10:00,加油站,钱,
    T3,回访,2024-05-01 11:00,加油站,钱,
    T3,归档,2024-05-01 12:00,加油站,钱,
"""


@pytest.fixture
def fuel_flow_view(fuel):
    from crm.cases.fuel.case import COMPLAINT_FLOW
    from widgets.complaints import complaint_flow_view
    return complaint_flow_view(fuel["complaints"], COMPLAINT_FLOW, title_key="fuel.complaints_title")


def test_complaint_flow_checks_an_uploaded_event_log(fuel_flow_view):
    view = fuel_flow_view
    assert view.load(csv(EVENT_LOG, "gbk"), "我的工单.csv")
    assert repr(view).startswith("ComplaintFlowView(flow='fast_response', complaints=3")
    assert view.table["deviation"].to_dict() == {"T1": "fits", "T2": "skipped", "T3": "reordered"}
    assert list(view.pick.options) == ["T1", "T2", "T3"]
    breached = view.times[view.times["breached"]]
    assert breached[["complaint_id", "step"]].values.tolist() == [["T2", "verify"]]  # 5 h against 2 h
    links = view.sankey.data[0].link
    assert sum(links.value) == 1 + 3  # one escalation (T2 to the district), three complaint ends
    assert "3 件投诉" in view.uploader.message.value
    xes = view.export_xes()
    assert xes.count("<trace>") == 3 and 'value="verify"' in xes and 'value="赵"' in xes
    assert 'download="我的工单.xes"' in view.xes.value and "base64," in view.xes.value


def test_complaint_flow_log_without_levels_or_owners(fuel_flow_view):
    view = fuel_flow_view
    log = ("case_id,activity,time:timestamp\n"
           + "".join(f"K1,{s},2024-05-01 0{i}:00\n" for i, s in enumerate(["verify", "review", "rectify", "callback",
                                                                         "archive"]))
           + "K2,verify,2024-05-01 01:00\nK2,archive,2024-05-01 02:00\n")
    assert view.load(log.encode(), "plain.csv")
    assert view.flow.levels == () and set(view.event_log["level"]) == {"—"}
    assert view.table["deviation"].to_dict() == {"K1": "fits", "K2": "skipped"}


def test_complaint_flow_keeps_its_log_on_a_bad_file(fuel_flow_view):
    view = fuel_flow_view
    before = (repr(view), view.deviations.value)
    bad = csv("工单号,环节,时间\nT1,核实,2024-05-01 08:00\nT1,投诉受理,2024-05-01 09:00")
    assert not view.load(bad, "坏日志.csv")
    assert_refused(view.uploader, before, (repr(view), view.deviations.value), "坏日志.csv", "step")
    assert "投诉受理" in view.uploader.message.value and "verify（核实）" in view.uploader.message.value


# --- bank: scorecard on a student's own applications --------------------------------------------
def credit_file(n=300, seed=7) -> bytes:
    """Applicants of another lender: Chinese headers, a text outcome, gaps in age and outcome, a name column."""
    rng = np.random.default_rng(seed)
    income = rng.integers(1500, 20000, n)
    housing = rng.choice(["自有", "租房", "宿舍"], n, p=[0.5, 0.4, 0.1])
    age = rng.integers(20, 65, n).astype(object)
    age[rng.random(n) < 0.1] = ""
    risk = 1 / (1 + np.exp((income - 6000) / 2500)) * np.where(housing == "租房", 1.5, 1.0)
    outcome = np.where(rng.random(n) < np.clip(risk, 0, 0.95), "坏", "好").astype(object)
    outcome[:7] = ""  # seven applications whose outcome is not known yet
    rows = ["姓名,年龄,住房,月收入,结果"] + [f"申请人{i},{a},{h},{m},{o}" for i, (a, h, m, o)
                                         in enumerate(zip(age, housing, income, outcome))]
    return ("\n".join(rows) + "\n").encode("utf-8"), age, outcome


def test_scorecard_fits_an_uploaded_file_with_the_students_choices(bank):
    from crm.cases.bank.binning import MISSING
    view = scorecard_view_of(bank)
    content, age, outcome = credit_file()
    assert view.load(content, "另一家银行.csv")
    assert view.setup.outcome.value == "结果" and view.setup.bad_values.value == ("坏",)
    assert set(view.setup.attributes.value) == {"年龄", "住房", "月收入"}  # the name column is no attribute
    known = outcome != ""
    assert len(view.bad) == known.sum() == 293 and view.bad.sum() == (outcome == "坏").sum()
    card = view.card.set_index(["attribute", "bin"])
    # a missing age is a bin of its own, never the top bin
    assert card.loc[("年龄", MISSING), "applications"] == ((age == "") & known).sum()
    assert set(card.loc["住房"].index) == {"自有", "租房", "宿舍"}
    # every score is the sum of the points of the row's bins
    scores = view.scores()
    first = view.binned.index[0]
    assert scores[0] == view.binned.points_table(view.card)[first].sum()
    assert "applications=293" in repr(view) and "7 行结果为空" in view.setup.message.value
    assert view.setup.edit_attr.value in view.setup.attributes.value and view.setup.bin_text.value  # the bins of one attribute shown
    LANG.code = "en"
    assert "7 rows without an outcome" in view.setup.message.value and view.setup.fit_button.description.startswith("Fit")
    # income predicts risk in this file: the fitted card separates goods from bads
    assert float(repr(view).split("auc=")[1].split(",")[0]) > 0.6


def test_scorecard_takes_a_second_file_with_the_same_columns(bank):
    view = scorecard_view_of(bank)
    assert view.load(credit_file(seed=7)[0], "first.csv")
    assert view.load(credit_file(n=200, seed=8)[0], "second.csv")
    assert len(view.bad) == 193 and "second.csv" in view.uploader.message.value


def test_scorecard_bins_are_editable(bank):
    view = scorecard_view_of(bank)
    view.load(credit_file()[0], "另一家银行.csv")
    view.setup.edit_attr.value = "月收入"
    assert view.setup.bin_text.value.count(",") == 4  # five quantile bins proposed
    view.setup.bin_text.value = "0, 6000"
    assert view.fit()
    bins = view.card[view.card["attribute"] == "月收入"]["bin"].tolist()
    assert bins == ["0–6000", "6000+"]
    view.setup.edit_attr.value = "住房"
    view.setup.bin_text.value = "自有; 租房, 宿舍"
    assert view.fit() and view.card[view.card["attribute"] == "住房"]["bin"].tolist() == ["自有", "租房 / 宿舍"]
    view.setup.bin_text.value = "自有; 租房"  # 宿舍 in no bin: refused, the card stays
    assert not view.fit()
    assert "宿舍" in view.setup.message.value and "仍显示之前的评分卡" in view.setup.message.value
    assert view.card[view.card["attribute"] == "住房"]["bin"].tolist() == ["自有", "租房 / 宿舍"]


def test_scorecard_refuses_an_outcome_without_bads_and_a_bad_file(bank):
    view = scorecard_view_of(bank)
    before = repr(view)
    one_class = b"age,job,result\n30,a,ok\n40,b,ok\n50,a,ok\n"
    assert view.load(one_class, "all_good.csv")  # the file is read; the fit with its only value as bad fails
    view.setup.bad_values.value = ()
    assert not view.fit() and repr(view) == before
    assert "crm-error" in view.setup.message.value
    single = b"only\n1\n2\n"
    assert not view.load(single, "one_column.csv")
    assert_refused(view.uploader, before, repr(view), "one_column.csv")


def scorecard_view_of(bank):
    from widgets.bank.scorecard import scorecard_view
    return scorecard_view(bank)


# --- fuel: three-level care tiers ---------------------------------------------------------------
CARE_FILE = """
    卡号,客户类型,加油量,日期
    U1,单位,15000,2024-01-05
    U1,单位,10000,2024-06-05
    U2,单位,9000,2024-03-01
    U3,单位,500,2024-03-02
    P1,个人,3500,2024-02-01
    P2,个人,1500,2024-02-02
    P3,个人,100,2024-02-03
    P4,individual,2000,2024-02-04
"""


def test_care_tiers_an_uploaded_customer_file(fuel):
    from widgets.fuel.care import care_view
    view = care_view(fuel)
    assert view.load(csv(CARE_FILE), "车队与个人.csv")
    assert view.litres.to_dict() == {"P1": 3500, "P2": 1500, "P3": 100, "P4": 2000, "U1": 25000, "U2": 9000, "U3": 500}
    counts = view.tiers_table["customers"]
    # default thresholds: units VIP 20,000 / A 8,000 / B 3,000 litres; individuals 3,000 / 2,000 / 1,200
    assert [int(counts[("unit", tier)]) for tier in ("VIP", "A", "B", "C")] == [1, 1, 0, 1]
    assert [int(counts[("individual", tier)]) for tier in ("VIP", "A", "B", "C")] == [1, 1, 1, 1]
    assert [bar.y for bar in view.tiers_figure.data][0] == (1, 1)  # VIP: one unit, one individual
    assert repr(view).startswith("CareView(customers=7,")


def test_care_file_without_kinds_and_with_amounts(fuel):
    from widgets.fuel.care import care_view
    view = care_view(fuel)
    assert view.load(b"customer_id,amount\nA,9000\nB,100\n", "yuan.csv")
    assert set(view.kinds) == {"individual"} and view.litres.to_dict() == {"A": 9000, "B": 100}
    assert view.sliders[("individual", "VIP")].max >= 9000


def test_care_keeps_its_data_on_a_bad_file(fuel):
    from widgets.fuel.care import care_view
    view = care_view(fuel)
    before = (repr(view), view.table.value)
    assert not view.load(csv("卡号,客户类型,加油量\nA,单位,5\nB,出租车,3"), "kinds.csv")
    assert_refused(view.uploader, before, (repr(view), view.table.value), "kinds.csv", "kind")
    assert "出租车" in view.uploader.message.value


# --- futures: core clients (the ABC view on commission) -----------------------------------------
def test_core_clients_view_takes_a_commission_file():
    from crm.cases import load_case
    from crm.core.segment import abc_counts
    from widgets.futures.scoring import core_view
    view = core_view(load_case("futures"))
    commission = "client_id,日期,sales\n" + "".join(
        f"F{i},2024-0{1 + m}-01,{v}\n" for i, v in enumerate([800, 100, 50, 30, 20]) for m in range(2))
    assert view.load(commission.encode(), "commission.csv")
    assert view.ranking.n == 5 and view.ranking.value.tolist() == [1600, 200, 100, 60, 40]
    # the 80% line: F0 holds 1600 of 2000 = 80% on his own; the 95% line closes with F1 and F2
    assert abc_counts(view.ranking, view.cutoffs) == (1, 2, 2)
    assert "核心" in view.table.value


# --- futures: weighted client evaluation --------------------------------------------------------
INDICATOR_FILE = """
    资金账号,客户权益,成交手数,手续费,开户年限,活跃月数,营业部
    Z1,900000,10,100,1,2,郑州
    Z2,100000,500,9000,8,12,郑州
    Z3,50000,300,5000,5,10,洛阳
    Z4,600000,50,800,2,4,洛阳
    Z5,20000,5,50,0.5,1,郑州
"""


def test_scoring_view_ranks_an_uploaded_client_table():
    from crm.cases import load_case
    from widgets.futures.scoring import scoring_view
    view = scoring_view(load_case("futures"), n=50)
    assert view.load(csv(INDICATOR_FILE), "我的客户.csv")
    assert list(view.indicators.index) == ["Z1", "Z2", "Z3", "Z4", "Z5"]
    assert list(view.crude) == ["Z1", "Z4"]  # funds of 500,000 yuan or more: today's crude screen
    assert view.n.value == 2 and view.n.max == 5
    # with the default weights (commission 35%, equity 25%, ...) the active, high-commission Z2 leads, Z5 trails
    assert view.scores.index[0] == "Z2" and view.scores.index[-1] == "Z5"
    view.sliders["commission"].value, view.sliders["lots"].value = 0.0, 0.0
    view.sliders["tenure_years"].value, view.sliders["active_months"].value = 0.0, 0.0
    assert view.scores.index[0] == "Z1"  # funds alone: the richest first
    assert "ScoringView(clients=5" in repr(view)


def test_scoring_view_keeps_its_data_on_a_bad_file():
    from crm.cases import load_case
    from widgets.futures.scoring import scoring_view
    view = scoring_view(load_case("futures"), n=50)
    before = (repr(view), view.table.value)
    bad = csv("资金账号,客户权益,成交手数,手续费,开户年限\nZ1,1,2,3,4")
    assert not view.load(bad, "four.csv")
    assert_refused(view.uploader, before, (repr(view), view.table.value), "four.csv", "active_months")


# --- bank: early warning on a student's own loan book -------------------------------------------
LOAN_FILE = """
    借据号,逾期天数,使用率,漏还次数,工资变化,征信查询次数,是否违约
    L1,45,0.95,3,-0.5,4,是
    L2,0,0.20,0,0.0,0,否
    L3,35,0.50,0,0.1,1,是
    L4,0,0.92,0,-0.4,0,否
    L5,0,0.10,2,0.0,5,否
    L6,10,0.30,0,0.0,0,是
"""


def test_early_warning_judges_an_uploaded_loan_book(bank):
    from widgets.bank.scorecard import early_warning_view
    view = early_warning_view(bank)
    assert view.load(csv(LOAN_FILE), "贷款台账.csv")
    perf = view.performance()
    # past due 30+: L1, L3 (both defaulted); utilisation 0.9+: L1, L4 (one of two)
    assert perf.loc["past_due_30", "flagged"] == 2 and perf.loc["past_due_30", "precision"] == 1.0
    assert perf.loc["high_utilisation", "precision"] == 0.5
    assert perf.loc["any", "flagged"] == 4 and perf.loc["any", "recall"] == pytest.approx(2 / 3)  # L6 is missed
    assert repr(view) == "EarlyWarningView(loans=6, flagged=4, precision=0.500)"
    assert "3 个违约" in view.uploader.message.value


def test_early_warning_keeps_its_data_on_a_bad_file(bank):
    from widgets.bank.scorecard import early_warning_view
    view = early_warning_view(bank)
    before = (repr(view), view.table.value)
    no_bad = csv(LOAN_FILE).replace("是".encode(), "否".encode())
    assert not view.load(no_bad, "no_defaults.csv")
    assert_refused(view.uploader, before, (repr(view), view.table.value), "no_defaults.csv", "defaulted")


# --- bank: tier migration -----------------------------------------------------------------------
def test_migration_counts_the_moves_of_an_uploaded_file(bank):
    from widgets.bank.migration import migration_view
    view = migration_view(bank)
    rows = ["客户编号,日期,客户贡献"]
    values = {"A": (900, 950, 1000), "B": (500, 100, None), "C": (100, 500, 900), "D": (100, 100, 100),
              "E": (50, 60, 70), "F": (400, 420, 450)}
    for cid, series in values.items():
        for year, v in zip((2021, 2022, 2023), series):
            if v is not None:
                rows.append(f"{cid},{year}-06-30,{v}")
    assert view.load(("\n".join(rows) + "\n").encode(), "三年贡献.csv")
    assert list(view.wide.columns) == [2021, 2022, 2023] and len(view.wide) == 6
    view.vip_min.value, view.key_min.value = 800, 300
    matrix = view.state[0]
    # VIP (>= 800): A twice -> stays VIP; key (300-800): B 2021 -> ordinary, F twice key -> key, C 2022 -> VIP
    assert matrix.loc["VIP", "VIP"] == 1.0
    assert matrix.loc["key", "VIP"] == pytest.approx(1 / 4) and matrix.loc["key", "key"] == pytest.approx(2 / 4)
    assert repr(view).startswith("MigrationView(clients=")


def test_migration_refuses_a_single_year_and_keeps_its_data(bank):
    from widgets.bank.migration import migration_view
    view = migration_view(bank)
    before = (repr(view), view.table.value)
    assert not view.load(b"customer_id,year,profit\nA,2023,5\nB,2023,7\n", "one_year.csv")
    assert_refused(view.uploader, before, (repr(view), view.table.value), "one_year.csv", "year")
