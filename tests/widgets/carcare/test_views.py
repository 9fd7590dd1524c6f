"""The car-care views, headless: each builds, a control updates its figure in place, a language switch relabels it."""
import numpy as np
import pytest

from crm.cases import load_case
from crm.cases.carcare.recovery import SERVICE_RECOVERY_FLOW
from widgets.carcare.channels import channel_mix_view, mix_figure
from widgets.complaints import complaint_flow_view
from widgets.i18n import LANG
from widgets.carcare.network import network_view
from widgets.carcare.recovery import recovery_view
from widgets.carcare.service_profit import service_profit_view
from widgets.carcare.servqual import servqual_view


@pytest.fixture(scope="module")
def carcare():
    return load_case("carcare")


def test_channel_mix_moves_in_place_and_keeps_the_budget(carcare):
    view = channel_mix_view(carcare)
    figure, before = view.figure, np.array(view.figure.data[-2].y, dtype=float)
    table = view.table.value
    view.sliders["tv"].value = 2000.0
    assert view.figure is figure
    assert not np.allclose(np.array(view.figure.data[-2].y, dtype=float), before)
    assert view.table.value != table
    assert view.best.loc["total", "spend"] == pytest.approx(view.yours.loc["total", "spend"])
    assert view.best.loc["total", "customers"] >= view.yours.loc["total", "customers"] - 1e-9


def test_channel_mix_language(carcare):
    view = channel_mix_view(carcare)
    assert "渠道组合" in view.title.value and "获客成本" in view.table.value
    LANG.code = "en"
    assert "Channel mix" in view.title.value and "Cost per customer" in view.table.value
    assert view.sliders["tv"].description.startswith("TV")
    assert view.figure.layout.xaxis.title.text == "Monthly spend (yuan)"
    assert view.figure.data[0].name == "TV"


def test_channel_mix_without_variation_is_explained(carcare):
    flat = carcare["channel_spend"].assign(spend=1000.0)
    view = channel_mix_view({"channel_spend": flat})
    assert "crm-error" in view.value and "two different spends" in view.value and "无法拟合" in view.value


def test_mix_figure_is_pure(carcare):
    view = channel_mix_view(carcare)
    fig = mix_figure(view.curves, carcare["channel_spend"], view.yours, view.best, lang="en")
    assert len(fig.data) == 2 * len(view.curves) + 4


def test_recovery_view(carcare):
    view = recovery_view(carcare)
    figure, wom = view.figure, list(view.figure.data[2].y)
    view.target.value = 1.0
    assert view.figure is figure and list(view.figure.data[2].y) != wom
    colours = list(view.figure.data[0].marker.color)
    view.fast_hours.value = 48.0
    assert list(view.figure.data[0].marker.color) != colours
    assert view.iceberg.loc["none", "estimated"] == pytest.approx(
        (carcare["complaints"]["received_by"].astype(str).isin(["front_line", "management"])).sum())
    assert "服务补救" in view.title.value
    LANG.code = "en"
    assert "Service recovery" in view.title.value and "closed complaints" in view.summary.value
    assert view.iceberg_figure.layout.title.text.startswith("The complaint iceberg")


def test_service_profit_view(carcare):
    view = service_profit_view(carcare)
    figure, before = view.figure, list(view.figure.data[0].x)
    view.change.value = 2.0
    assert view.figure is figure and list(view.figure.data[0].x) != before
    view.links["satisfaction_to_value"].value = 0.0
    assert view.result.loc["loyalty", "change"] == pytest.approx(0.0)
    assert "数据中的斜率" in view.table.value
    LANG.code = "en"
    assert "Slope in the data" in view.table.value and "Service–profit chain" in view.title.value
    assert "Profit" in view.figure.data[0].y


def test_servqual_view(carcare):
    view = servqual_view(carcare)
    figure, colours = view.figure, list(view.figure.data[0].marker.color)
    view.perf_cut.value = 1.0  # everything performs "well": no dimension left to concentrate on
    assert view.figure is figure and list(view.figure.data[0].marker.color) != colours
    assert "优先改进" not in view.table.value
    LANG.code = "en"
    assert "SERVQUAL" in view.title.value and "Act first on" in view.advice.value
    assert "Reliability" in view.figure.data[0].text


def test_servqual_view_explains_a_bad_survey(carcare):
    view = servqual_view({"servqual": carcare["servqual"].drop(columns="performance")})
    assert "crm-error" in view.value and "performance" in view.value


def test_network_view(carcare):
    view = network_view(carcare)
    figure, before = view.figure, list(view.figure.data[0].y)
    meeting = view.totals["centres_meeting_target"]
    view.demand.value = 1.5
    assert view.figure is figure and list(view.figure.data[0].y) != before
    assert view.totals["centres_meeting_target"] < meeting
    view.extra.value = 2
    assert view.totals["requests_within_promise"] > 0.9
    LANG.code = "en"
    assert "30 minutes" in view.title.value and "centres meet the target" in view.summary.value


def test_complaint_flow_view_with_the_seven_steps(carcare):
    view = complaint_flow_view(carcare["complaint_log"], SERVICE_RECOVERY_FLOW, title_key="cc.flow_title")
    assert "七步骤" in view.title.value
    LANG.code = "en"
    assert "seven steps" in view.title.value
