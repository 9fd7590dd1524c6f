"""The segment-value view: the sliders restyle the CLV bars and the table in place, in both languages."""
import pytest

from crm.cases import load_case
from widgets.i18n import LANG
from widgets.supermarket.segment_value import SegmentValueView, segment_value_view


@pytest.fixture(scope="module")
def view():
    return segment_value_view(load_case("supermarket"))


def test_sliders_restyle_the_clv_bars_in_place(view):
    assert isinstance(view, SegmentValueView)
    figure, past = view.figure, tuple(view.figure.data[0].y)
    view.horizon.value, view.discount.value = 24, 0.2
    tb = view.sv.table(24, 0.2)
    assert view.figure is figure and tuple(figure.data[0].y) == past  # last year does not move
    assert list(figure.data[1].y) == pytest.approx(tb["clv_share"].tolist())
    assert f"¥{tb['clv'].sum():,.0f}" in view.summary.value


def test_labels_follow_the_language(view):
    LANG.code = "en"
    try:
        assert "Champions" in view.figure.data[0].x and "CLV per customer" in view.table.value
        assert "next 24 months" in view.figure.data[1].name
    finally:
        LANG.code = "zh"
    assert "冠军客户" in view.figure.data[0].x and "人均 CLV" in view.table.value


def test_a_log_without_repeat_buyers_gives_the_error_box():
    tables = load_case("supermarket")
    tx = tables["transactions"].drop_duplicates("customer_id")
    assert "crm-error" in segment_value_view({**tables, "transactions": tx}).value
