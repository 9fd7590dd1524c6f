"""A student's own file in every view that classifies or scores customers.

Each view is given a small file that is not the case's (other headers, Chinese headers,
extra columns), and its numbers must follow that file; a bad file must keep the data the
view had and say why in Chinese and English.
"""
import numpy as np
import pandas as pd
import pytest

from crm.schemas import UPLOAD_TRANSACTIONS
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
    accept = accepted_suffixes().split(",")
    assert ".csv" in accept and ".xlsx" in accept
    try:
        import xlrd  # noqa: F401
    except ImportError:  # without an engine the reader refuses .xls, so the button must not offer it
        assert ".xls" not in accept


def test_control_relabels_and_keeps_errors_in_both_languages():
    seen = []
    control = UploadControl(UPLOAD_TRANSACTIONS, lambda tx: len(tx), lambda data, name: seen.append(data))
    assert "上传" in control.button.description and "customer_id（客户编号）" in control.needs.value
    assert control.load(b"customer_id,date,amount\nc1,2024-01-02,3\n", "a.csv") and seen == [1]
    assert "已载入" in control.message.value
    LANG.code = "en"
    assert control.button.description.startswith("Upload") and "Needs columns: customer_id" in control.needs.value
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
    from crm.io import load_case
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
    from widgets.pyramid import pyramid_view, top_share
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
    from widgets.pyramid import pyramid_view
    view = pyramid_view(bank)
    assert view.load(b"client_id,contribution\nA,5\nB,15\nC,80\nD,0\nE,0\n", "flat.csv")
    assert len(view.rankings) == 1 and view.year.options[0][0] == "全部"
    assert "80.0%" in view.claim.value
    LANG.code = "en"
    assert view.year.options[0][0] == "all"


def test_pyramid_keeps_its_data_on_a_bad_file(bank):
    from widgets.pyramid import pyramid_view
    view = pyramid_view(bank)
    before = (dict((y, r.n) for y, r in view.rankings.items()), view.table.value, view.claim.value)
    assert not view.load(b"customer_id,year,profit\nA,2024,5\nB,2024,-3\n", "neg.csv")
    after = (dict((y, r.n) for y, r in view.rankings.items()), view.table.value, view.claim.value)
    assert_refused(view.uploader, before, after, "neg.csv", "profit")
