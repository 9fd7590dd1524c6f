"""The logistics case's views, headless: they build, a control updates the figures in place, language relabels."""
import ipywidgets as W
import pytest

from crm.cases import load_case
from crm.cases.logistics.delays import delay_pareto
from crm.cases.logistics.hotline import RULES
from widgets.i18n import LANG, TEXT
from widgets.logistics.delays import delays_view
from widgets.logistics.hotline import hotline_view
from widgets.logistics.ownership import ownership_view


@pytest.fixture(scope="module")
def t():
    return load_case("logistics")


@pytest.fixture(autouse=True)
def chinese():
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def test_every_logistics_label_has_both_languages():
    keys = [k for k in TEXT if k.startswith("lg.") or k.startswith("kf.lg_")]
    assert len(keys) > 100
    for key in keys:
        assert set(TEXT[key]) == {"zh", "en"} and all(TEXT[key].values()), key


def test_ownership_view_binding_departments_in_moves_the_measures_in_place(t):
    view = ownership_view(t)
    measures, flows = view.measures, view.flows
    today = view.results["today"].summary["within_promise_share"]
    assert view.results["design"].summary["within_promise_share"] == today  # nobody bound in: the same design
    for box in view.bound.values():
        box.value = True
    assert view.measures is measures and view.flows is flows
    design = view.results["design"].summary
    assert design["within_promise_share"] > today + 0.4
    assert measures.data[1].y[1] == design["within_promise_share"]
    assert sum(v for s, v in zip(flows.data[1].link.source, flows.data[1].link.value) if s == 0) == design["complaints"]
    view.relay.value = "department"
    labels = list(flows.data[1].node.label)
    assert "告知：责任部门" in labels
    view.agents.value = 150  # too few agents: 2010's repeats overload the line
    assert not view.results["today"].summary["line_stable"] and "超负荷" in view.note.value
    LANG.code = "en"
    assert "Whose problem is CRM" in view.title.value and "Your design" in measures.data[0].x
    assert "Tells: the department" in list(flows.data[1].node.label)
    assert view.relay.value == "department" and "Port operations" in view.table.value


def test_delays_view_pareto_drill_down_and_fix(t):
    view = delays_view(t)
    fig = view.pareto
    want = delay_pareto(t["parcels"])
    assert list(fig.data[0].y) == want["parcels"].tolist() and sum(fig.data[1].y) == 0
    assert fig.data[0].x[:2] == ("承运人（非公司所能控制）", "口岸作业（场地、流水线、设备）")
    view.gain.value = 0.2
    assert view.pareto is fig and sum(fig.data[1].y) > 0
    port = list(want.index).index("port_operations")
    assert fig.data[1].y[port] > 0 and fig.data[1].y[0] == 0  # only port operations' bar loses parcels
    assert "全年约" in view.effect.value
    view.route.value = "via:shanghai"
    view.month_pick.value = 12
    dec = t["parcels"][(t["parcels"]["ship_date"].dt.month == 12) & t["parcels"]["late"]
                       & ((t["parcels"]["origin_hub"] == "shanghai") | (t["parcels"]["destination"] == "shanghai"))]
    assert sum(fig.data[0].y) + sum(fig.data[1].y) == len(dec)
    assert sum(view.months.data[0].y) + sum(view.months.data[1].y) + sum(view.months.data[2].y) == \
        int((t["parcels"]["late"] & ((t["parcels"]["origin_hub"] == "shanghai")
                                     | (t["parcels"]["destination"] == "shanghai"))).sum())
    view.measure.value = "complaints"
    assert "投诉" in fig.layout.title.text
    LANG.code = "en"
    assert "Why parcels are late" in view.title.value and view.route.value == "via:shanghai"
    assert "Through Shanghai" in [label for label, _ in view.route.options]


def test_hotline_view_checks_a_sentence_and_keeps_the_last_findings_on_bad_input(t):
    view = hotline_view(t)
    assert "违反" in view.result.value
    view.situation.value = "silent"
    view.sentence.value = "对不起,您的电话没有声音,请您换一部电话再次打来,好吗?再见!"
    assert "符合" in view.result.value and not view.showing_error
    kept = view.result.value
    view.sentence.value = "   "
    assert view.showing_error and "Type a sentence first" in view.message.value and view.result.value == kept
    view.sentence.value = "Hey, say something or I'll hang up!"
    assert not view.showing_error and "违反" in view.result.value
    LANG.code = "en"
    assert "Breaks" in view.result.value and RULES[0].say_en[:20] in view.rules.value
    assert view.situation.value == "silent" and "Silent call" in view.figure.data[0].x


def test_bad_tables_get_the_bilingual_box(t):
    for build, tables in ((ownership_view, {"complaints": t["complaints"].drop(columns="owner")}),
                          (delays_view, {**t, "parcels": t["parcels"].drop(columns="late")}),
                          (hotline_view, {"calls": t["calls"].drop(columns="condition")})):
        out = build(tables)
        assert type(out) is W.HTML and "crm-error" in out.value and "Traceback" not in out.value
