"""Fuel-station views, headless: each builds, a control updates its figure in place, a language switch relabels."""
import numpy as np
import pytest

from crm.cases.fuel.case import COMPLAINT_FLOW, SOURCE, START
from crm.cases import load_case
from widgets.fuel.visit_cycle import anomaly_view
from widgets.fuel.care import care_view
from widgets.complaints import complaint_flow_view
from widgets.fuel.funnel import funnel_view
from widgets.i18n import LANG
from widgets.fuel.keep_win import keep_win_view, results_view
from widgets.fuel.managers import managers_view


@pytest.fixture(scope="module")
def fuel():
    return load_case("fuel")


def test_funnel_what_if_moves_only_the_what_if_bars(fuel):
    view = funnel_view(fuel, since=START)
    fig, actual = view.figure, list(view.figure.data[0].x)
    before = np.array(fig.data[1].x, dtype=float)
    view.sliders["basic_file"].value = 0.95
    assert view.figure is fig and list(fig.data[0].x) == actual
    after = np.array(fig.data[1].x, dtype=float)
    assert after[2] > before[2] and after[0] == before[0]
    assert "+" in view.summary.value
    LANG.code = "en"
    assert "funnel" in view.title.value and fig.data[0].name == "In the data"
    assert fig.data[0].y[0] == "1st visit (plate, model)"


def test_anomaly_slider_moves_the_marker_and_the_summary(fuel):
    view = anomaly_view(fuel)
    fig = view.figure
    assert fig.layout.shapes[0].x0 == 3 and "N = 3" in view.summary.value
    view.grace.value = 7
    assert view.figure is fig and fig.layout.shapes[0].x0 == 7 and "N = 7" in view.summary.value
    precision = list(fig.data[1].y)
    view.use_volume.value = False
    assert list(fig.data[1].y) != precision
    LANG.code = "en"
    assert "Visit-cycle" in view.title.value and "Calls a week" in fig.layout.yaxis2.title.text


def test_care_thresholds_change_tiers_and_calls_and_crossed_ones_are_refused(fuel):
    view = care_view(fuel)
    tiers_fig, calls_fig = view.tiers_figure, view.calls_figure
    vip = list(tiers_fig.data[0].y)
    company_calls = calls_fig.data[0].y[0]
    view.sliders[("unit", "VIP")].value = 12_000
    assert view.tiers_figure is tiers_fig and tiers_fig.data[0].y[0] > vip[0]
    assert calls_fig.data[0].y[0] > company_calls
    view.boxes["holiday"].value = False
    assert calls_fig.data[0].y[1] < view.call_load["calls"].sum()
    view.sliders[("unit", "VIP")].value = 1_000  # below A: refused, both languages, last plan kept
    assert "VIP &gt; A &gt; B" in view.message.value and "滑块" in view.message.value
    LANG.code = "en"
    assert "Three-level care" in view.title.value and calls_fig.data[0].x[0].startswith("Company")


def test_managers_staff_cut_moves_customers_and_redraws(fuel):
    view = managers_view(fuel)
    fig = view.figure
    assert (view.load["customers"] >= 15).all()
    n_bars = len(fig.data[0].x)
    view.staff_change.value = -0.5
    assert view.figure is fig and len(fig.data[0].x) < n_bars
    assert view.changes["moved"] > 0
    view.capacity.value = 15
    assert view.managers.isna().sum() > 0
    LANG.code = "en"
    assert "customer managers" in view.title.value and "Network" in view.summary.value


def test_keep_win_parameters_redraw_the_frontier(fuel):
    view = keep_win_view(fuel)
    fig = view.figure
    profit = list(fig.data[0].y)
    view.sliders["keepwin.effect"].value = 1.0
    assert view.figure is fig and list(fig.data[0].y) != profit
    view.share.value = 0.8
    assert fig.layout.shapes[0].x0 == 0.8 and "80%" in view.summary.value
    LANG.code = "en"
    assert "Keep or win" in view.title.value


def test_results_and_complaint_views_relabel(fuel):
    res = results_view(fuel, SOURCE)
    assert res.figure.data[0].x[-1] == pytest.approx(93.35)
    log = complaint_flow_view(fuel["complaints"], COMPLAINT_FLOW, title_key="fuel.complaints_title")
    assert "三级投诉" in log.title.value
    LANG.code = "en"
    assert res.figure.data[0].y[-1] == "Unit customers" and "station → district" in log.title.value
