"""The rule-beside-model view: sliders move the lines and rewrite the tables in place; both languages."""
import pytest

from crm.cases import load_case
from widgets.fuel.rule_vs_model import RuleVsModelView, rule_vs_model_view
from widgets.i18n import LANG


@pytest.fixture(scope="module")
def view():
    return rule_vs_model_view(load_case("fuel"))


def test_sliders_move_lines_and_tables_in_place(view):
    assert isinstance(view, RuleVsModelView)
    figure = view.figure
    view.grace.value, view.threshold.value = 10, 0.3
    assert view.figure is figure
    assert figure.layout.shapes[0].x0 == 10 and figure.layout.shapes[1].y0 == 0.3
    j = view.rm.judge(10, 0.3)
    assert f"{int(j.loc['rule', 'flagged']):,}" in view.table.value
    assert f"{int(j.loc['rule_only', 'flagged']):,}" in view.summary.value
    assert "rule-vs-model-disagreements" in view.disagreements.value


def test_labels_follow_the_language(view):
    LANG.code = "en"
    try:
        assert "Precision" in view.table.value and "Really left" in [d.name for d in view.figure.data]
        assert "regular customers" in view.summary.value
    finally:
        LANG.code = "zh"
    assert "精确率" in view.table.value and "实际已流失" in [d.name for d in view.figure.data]


def test_tables_without_refuels_give_the_error_box():
    tables = load_case("fuel")
    tables = {**tables, "refuels": tables["refuels"].iloc[:0]}
    out = rule_vs_model_view(tables)
    assert "crm-error" in out.value
