"""The membership case's views, headless: they build, a control updates in place, language relabels, bad input
shows the bilingual box."""
import ipywidgets as W
import pytest

from crm.cases import load_case
from crm.cases.membership.churn import churn_after, churn_by
from crm.cases.membership.points import Rule, simulate
from widgets.i18n import LANG, TEXT
from widgets.membership.churn import churn_view
from widgets.membership.points import points_view


@pytest.fixture(scope="module")
def t():
    return load_case("membership")


@pytest.fixture(autouse=True)
def chinese():
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def test_every_membership_label_has_both_languages():
    keys = [k for k in TEXT if k.startswith("mb.") or k.startswith("kf.mb_")]
    assert len(keys) > 60
    for key in keys:
        assert set(TEXT[key]) == {"zh", "en"} and all(TEXT[key].values()), key


def test_points_view_shows_the_simulation_and_moves_with_its_controls(t):
    view = points_view(t)
    o = simulate(t)
    assert (view.outcome.gifts, view.outcome.liability_yuan, view.outcome.with_gift) == (o.gifts, o.liability_yuan, o.with_gift)
    assert f"{o.points_issued:,}" in view.figures.value
    figure = view.figure
    view.gift_ouyuan.value = 0
    want = simulate(t, Rule(gift_ouyuan=0))
    assert view.figure is figure and view.outcome.with_gift == want.with_gift
    assert list(figure.data[1].y) == [float(want.by_tier.loc[k, "with_gift"]) for k in ("ordinary", "vip")]
    view.delay.value = 21
    assert view.outcome.points_visible == simulate(t, Rule(gift_ouyuan=0, delay_days=21)).points_visible
    view.rate.value = 2.0
    assert view.outcome.points_issued == simulate(t, Rule(points_per_yuan=2, gift_ouyuan=0, delay_days=21)).points_issued
    LANG.code = "en"
    assert "Points programme simulator" in view.title.value and "points issued" in view.figures.value
    assert view.delay.description.startswith("Days until points show") and figure.data[0].x == ("Ordinary", "VIP")


def test_churn_view_follows_its_controls(t):
    view = churn_view(t)
    assert view.change.value == "O2"
    c = churn_after(t["purchases"], t["lines"], "O2", 6)
    assert f"{c.loc['users', 'left_share']:.0%}" in view.summary.value
    figure = view.figure
    view.by.value = "tier"
    b = churn_by(t["purchases"], t["members"], t["lines"], "O2", 6, "tier")
    assert view.figure is figure and list(figure.data[0].y) == pytest.approx(list(b[("left_share", "users")]))
    view.change.value, view.months.value = "O1", 12
    c = churn_after(t["purchases"], t["lines"], "O1", 12)
    assert f"{c.loc['users', 'members']:,}" in view.summary.value and "12" in figure.layout.title.text
    LANG.code = "en"
    assert "Churn after a product-line change" in view.title.value and "The old series" in view.summary.value
    assert view.change.options[0][0] == "Old O1 → Zhenyuan (2012-03-01)"


def test_bad_input_gets_the_bilingual_box(t):
    for out in (points_view(t, rule=Rule(points_per_yuan=-1)), points_view({**t, "club": t["club"].drop(columns="logins")}),
                churn_view(t, line="美白"), churn_view({**t, "purchases": t["purchases"].drop(columns="line")}),
                churn_view(t, months=0)):
        assert type(out) is W.HTML and "crm-error" in out.value and "Traceback" not in out.value
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out.value)


def test_a_bad_split_keeps_the_last_result(t):
    view = churn_view(t)
    before = view.summary.value
    view.by.options = list(view.by.options) + [("colour", "colour")]
    view.by.value = "colour"
    assert view.showing_error and "Cannot split" in view.message.value and view.summary.value == before
    view.by.value = "tier"
    assert not view.showing_error
