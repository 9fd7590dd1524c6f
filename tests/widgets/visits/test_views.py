"""The visits case's views, headless: they build, a control updates in place, language relabels, bad input
shows the bilingual box and keeps the last plan."""
import ipywidgets as W
import pytest

from crm.cases import load_case
from crm.cases.visits.plan import VisitPlanner
from widgets.i18n import LANG, TEXT
from widgets.visits.plan import plan_view
from widgets.visits.survey import survey_view


@pytest.fixture(scope="module")
def t():
    return load_case("visits")


@pytest.fixture(autouse=True)
def chinese():
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def test_every_visits_label_has_both_languages():
    keys = [k for k in TEXT if k.startswith("vi.") or k.startswith("kf.vi_")]
    assert len(keys) > 60
    for key in keys:
        assert set(TEXT[key]) == {"zh", "en"} and all(TEXT[key].values()), key


def test_plan_view_follows_the_staff_and_the_order_in_place(t):
    view = plan_view(t)
    p = VisitPlanner(t["clients"])
    assert view.plan.reached == p.plan(2500).reached and "3,750" in view.info.value
    figure, first = view.figure, view.first.value
    view.staff.value = 800
    assert view.figure is figure and view.plan.visits == 1200 and view.figure.layout.shapes[0].x0 == 800
    assert f"{p.plan(800).reached['orphan']:.1%}" in view.table.value and view.first.value == first
    view.rule.value = "premium"
    assert view.plan.reached == p.plan(800, rule="premium").reached and view.first.value != first
    assert list(view.figure.data[1].y)[-1] == pytest.approx(1.0)  # the curve of the orphans reaches them all at last
    view.per_day.value = 3
    assert view.plan.visits == 600
    LANG.code = "en"
    assert "Planning visits" in view.title.value and "Orphans" in view.table.value
    assert view.figure.data[1].name == "Orphans" and "Largest premium first" in view.figure.layout.title.text


def test_plan_view_keeps_the_last_plan_on_bad_working_days(t):
    view = plan_view(t)
    before = view.table.value
    view.days.value = 0
    assert view.showing_error and "Working days must be 1–366" in view.message.value and "工作日" in view.message.value
    view.staff.value = 5000
    assert view.showing_error and view.table.value == before
    view.days.value = 250
    assert not view.showing_error and view.plan.visits == 7500


def test_survey_view_shows_each_score_and_grouping(t):
    view = survey_view(t)
    s = t["survey"]
    assert list(view.figure.data[0].y) == s["overall"].value_counts().reindex(range(11), fill_value=0).tolist()
    assert "8.52" in view.table.value and "19.8%" in view.table.value and "19.7%" in view.table.value
    view.column.value = "contact_score"
    assert view.figure.layout.shapes[0].x0 == pytest.approx(s["contact_score"].mean())
    view.by.value = "agent_score"
    assert "对代理人的总体评价" in view.drivers_box.value
    LANG.code = "en"
    assert "'Regular contact'" in view.figure.layout.title.text and "(assumed)" in view.factors.value
    assert "not comparable" in view.note.value


def test_bad_tables_and_arguments_get_the_bilingual_box(t):
    for out in (plan_view({**t, "clients": t["clients"].drop(columns="orphan")}),
                plan_view({**t, "clients": t["clients"].iloc[:0]}),
                plan_view(t, rule="nobody"),
                survey_view({**t, "survey": t["survey"].drop(columns="contact_score")}),
                survey_view(t, column="nothing")):
        assert type(out) is W.HTML and "crm-error" in out.value and "Traceback" not in out.value
