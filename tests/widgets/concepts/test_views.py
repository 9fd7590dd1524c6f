"""The concepts case's views, headless: they build, a control updates in place, language relabels, bad input
shows the bilingual box."""
import pytest

from crm.cases.concepts.give_get import CELLS
from crm.cases.concepts.retention import retention
from widgets.concepts.give_get import give_get_view, quadrant_html
from widgets.concepts.retention import retention_view, rows
from widgets.i18n import LANG, TEXT


@pytest.fixture(autouse=True)
def chinese():
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def test_every_concepts_label_has_both_languages():
    keys = [k for k in TEXT if k.startswith("cc.")]
    assert len(keys) > 40
    for key in keys:
        assert set(TEXT[key]) == {"zh", "en"} and all(TEXT[key].values()), key


def test_the_calculators_sliders_span_exactly_the_sources_ranges():
    view = retention_view()
    spans = {k: (s.min, s.max) for k, s in view.sliders.items()}
    assert spans == {"new_vs_keep": (5.0, 10.0), "told_unhappy": (8.0, 10.0), "told_happy": (2.0, 3.0)}


def test_a_slider_move_updates_the_table_and_the_bars_in_place():
    view = retention_view()
    figure, bars = view.figure, view.figure.data[0]
    view.sliders["new_vs_keep"].value = 9.0
    view.sliders["told_happy"].value = 2.5
    want = retention(9.0, 8.0, 2.5)
    assert view.result == want and view.figure is figure and view.figure.data[0] is bars
    assert list(bars.y) == pytest.approx([9.0, 0.5 / 0.15, 6.0, 3.2])
    assert "900" in view.table.value and "250" in view.table.value
    assert not view.showing_error


def test_a_value_outside_a_range_shows_both_languages_and_keeps_the_last_result():
    view = retention_view()
    before = view.result
    view.calculate(told_unhappy=12)
    assert view.showing_error and "来源给出的范围" in view.message.value and "outside the source" in view.message.value
    assert view.result == before
    view.sliders["told_unhappy"].value = 9.0
    assert not view.showing_error and view.result.told_bad == 900


def test_the_table_quotes_every_figure_with_its_file_and_relabels():
    view = retention_view()
    for figure_label, sentence, file, result in rows(view.result):
        assert sentence in view.table.value and f"seeds/{file}" in view.table.value
    LANG.code = "en"
    assert "Per 100 customers" in view.table.value and "Retention economics" in view.title.value
    assert view.sliders["told_happy"].description.startswith("People a happy customer")
    assert view.figure.data[0].x[0] == "Cost to win"


def test_give_get_lights_the_chosen_cell_with_the_sources_words():
    view = give_get_view()
    assert view.cell == "win_win" and CELLS[(True, True)] in view.grid.value
    view.customer.value = False
    assert view.cell == "golden_hen" and CELLS[(False, True)] in view.grid.value
    assert CELLS[(True, True)] not in view.grid.value
    LANG.code = "en"
    assert view.customer.value is False and view.cell == "golden_hen"  # relabelling keeps the choice
    assert "golden hen" in view.grid.value and view.customer.options[0][0] == "gets > gives"
    assert quadrant_html(False, False, "zh").count("crm-source") == 1


# --- demand against capacity ------------------------------------------------------------------------------------
from crm.cases.concepts.demand import balance  # noqa: E402
from widgets.concepts.demand import demand_view, LEVERS  # noqa: E402


def test_the_demand_levers_update_the_bars_lines_and_totals_in_place():
    view = demand_view()
    figure, bars = view.figure, view.figure.data[2]
    assert list(bars.y) == balance().hours["unmet"].tolist() and sum(bars.y) > 0
    view.capacity.value = 4
    view.shift.value = 0.5
    want = balance(4, 0.5)
    assert view.result.hours.equals(want.hours) and (view.result.unmet, view.result.idle) == (want.unmet, want.idle)
    assert view.figure is figure and view.figure.data[2] is bars and sum(bars.y) == want.unmet
    assert list(view.figure.data[4].y) == want.hours["maximum"].tolist()
    assert f"data-total='idle'>{want.idle:,.1f}<" in view.table.value
    assert LEVERS in view.levers.value and not view.showing_error


def test_a_lever_out_of_range_shows_both_languages_and_keeps_the_last_result():
    view = demand_view()
    before = view.result
    view.calculate(demand_shift=1.5)
    assert view.showing_error and "比例" in view.message.value and "share of demand" in view.message.value
    assert view.result is before
    view.capacity.value = -2
    assert not view.showing_error and view.result.capacity_change == -2


def test_the_demand_view_relabels_and_says_the_day_is_assumed():
    view = demand_view()
    assert "本数据集的假设" in view.note.value and "数据说明" in view.note.value
    LANG.code = "en"
    assert "Service demand against capacity" in view.title.value and "not figures of the source" in view.note.value
    assert view.figure.data[2].name.startswith("Unmet") and view.capacity.description.startswith("1. Adjust capacity")
    assert "Idle capacity" in view.table.value


# --- six kinds of lost customer ---------------------------------------------------------------------------------
from crm.cases.concepts.lost import COMPLAINTS, KINDS, STRATEGIES  # noqa: E402
from widgets.concepts.lost import lost_view  # noqa: E402


def test_the_lost_view_lights_the_kind_of_the_two_words_with_its_strategy():
    view = lost_view()
    assert view.result.kind == 3 and "data-kind='3' " not in view.table.value
    view.how.value, view.what.value = "被迫", "離開"
    assert view.result.kind == 5 and view.table.value.count("crm-source") == 6 + 2  # six kinds, the strategy, complaints
    strategy = STRATEGIES[view.result.strategy]
    assert strategy in view.table.value and KINDS[5][2] in view.table.value and COMPLAINTS in view.table.value
    assert all(s not in view.table.value for k, s in STRATEGIES.items() if k != view.result.strategy)


def test_a_pair_the_source_does_not_name_is_refused_in_both_languages_and_the_kind_stays():
    view = lost_view()
    before = view.table.value
    view.how.value = "主動"  # 主動挖走 is no kind of the source's
    assert view.showing_error and "“主動挖走”" in view.message.value and "six kinds" in view.message.value
    assert view.result.kind == 3 and view.table.value == before
    view.what.value = "放棄"
    assert not view.showing_error and view.result.kind == 1


def test_the_lost_view_relabels_and_keeps_the_sources_words():
    view = lost_view()
    view.how.value, view.what.value = "其他原因", "離開"
    LANG.code = "en"
    assert view.how.value == "其他原因" and view.result.kind == 6
    assert view.how.options[0] == ("主動 · of his own accord", "主動") and "Six kinds of lost customer" in view.title.value
    assert "left for other reasons" in view.table.value and "not the source&#x27;s" in view.note.value


# --- the customer life cycle ------------------------------------------------------------------------------------
from crm.cases.concepts.lifecycle import ACTIONS, STAGES, STAGES_LINE  # noqa: E402
from widgets.concepts.lifecycle import lifecycle_view  # noqa: E402


def test_the_next_button_steps_through_the_stages_and_shows_the_paired_move():
    view = lifecycle_view()
    seen = []
    for _ in range(4):
        seen.append(view.result.name)
        assert f"data-stage='{view.result.name}' style='flex:1;padding:8px;border-radius:4px;text-align:center;background:#fdebd0" in view.panel.value
        assert STAGES_LINE[1] in view.panel.value
        assert all(sentence in view.panel.value for _, sentence in ACTIONS[view.result.action])
        other = "keep" if view.result.action == "invite" else "invite"
        assert all(sentence not in view.panel.value for _, sentence in ACTIONS[other])
        view.next.click()
    assert seen == list(STAGES) and view.next.disabled and view.result.name == STAGES[-1]
    view.stage.value = STAGES[1]
    assert not view.next.disabled and view.result.name == STAGES[1]


def test_a_name_that_is_no_stage_is_refused_in_both_languages_and_relabels():
    view = lifecycle_view()
    view.stage.value = STAGES[2]
    view.calculate("成长期")
    assert view.showing_error and "“成长期”" in view.message.value and "four stages" in view.message.value
    assert view.result.name == STAGES[2]
    LANG.code = "en"
    assert view.stage.value == STAGES[2] and view.stage.options[2] == ("稳定期 · stability", "稳定期")
    assert "Keep customers" in view.panel.value or "keep customers" in view.panel.value
    assert "none is drawn here" in view.note.value and view.next.description == "Next stage →"
