"""The complaint-flow view, headless: builds, picks in place, groups breaches, relabels."""
import pytest

from crm.core.complaints import breaches, conformance, level_paths, trace
from tests.core.test_complaints import FLOW, LOG
from widgets.complaints import (breach_figure, complaint_flow_view, deviation_table, sankey_figure,
                                trace_figure)
from widgets.i18n import LANG


def test_pure_figures_show_the_analytics():
    fig = trace_figure(trace(LOG, FLOW, "c2"))
    bar, limits = fig.data
    assert list(bar.x)[:4] == [3, 7, 60, 1] and list(bar.base)[:3] == [0, 3, 10]
    assert bar.marker.color[0] == "#d62728" and bar.marker.color[1] == "#2ca02c"  # 3 h > 2 h; 7 h < 24 h
    assert len(limits.x) == 4  # four steps have a limit
    sankey = sankey_figure(level_paths(LOG, FLOW), FLOW).data[0]
    assert sum(sankey.link.value) == 2 + 6  # two escalations, six complaint ends
    rates = breach_figure(breaches(LOG, FLOW, by=("level", "owner")), by="owner").data[0]
    assert max(rates.y) == pytest.approx(0.5)  # zhao: 1 of 2 timed steps over
    table = deviation_table(conformance(LOG, FLOW))
    assert table["complaints"].sum() == 6 and table.loc["skipped", "example"] == "c3"


def test_picking_a_complaint_updates_the_trace_in_place():
    view = complaint_flow_view(LOG, FLOW)
    figure = view.trace_figure
    view.pick.value = "c2"
    assert view.trace_figure is figure and list(figure.data[0].x)[:2] == [3, 7]
    view.kind.value = "reordered"
    assert list(view.pick.options) == ["c4"] and view.pick.value == "c4"
    assert "c4" in figure.layout.title.text
    view.kind.value = "fits"
    assert set(view.pick.options) == {"c1", "c2"}


def test_breaches_regroup_in_place_and_language_switch_relabels():
    view = complaint_flow_view(LOG, FLOW)
    bars = view.breach_figure.data[0]
    assert len(bars.x) == 2  # station, district
    view.by.value = "owner"
    assert view.breach_figure.data[0] is bars and len(bars.x) == 3  # wang, li, zhao
    assert "投诉" in view.title.value and "办结" in " ".join(view.sankey.data[0].node.label)
    LANG.code = "en"
    assert "Complaint flow" in view.title.value and "Settled at" in " ".join(view.sankey.data[0].node.label)
    assert view.by.value == "owner" and "Conformance" in view.deviations.value


def test_a_flow_may_name_its_own_steps():
    from widgets.complaints import name
    from widgets.i18n import TEXT
    flow = FLOW.__class__("other_case", FLOW.steps)
    TEXT["step.other_case.review"] = {"zh": "复盘", "en": "Look back"}
    try:
        assert name("step", "review", "en", flow) == "Look back"
        assert name("step", "review", "en", FLOW) == name("step", "review", "en") != "Look back"
        assert name("step", "no_such_step", "en", flow) == "no_such_step"
    finally:
        del TEXT["step.other_case.review"]
