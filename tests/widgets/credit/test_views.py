"""The credit case's views, headless: they build, a control updates in place, language relabels, bad input
shows the bilingual box."""
import ipywidgets as W
import pytest

from crm.cases import load_case
from crm.cases.credit.rating import rate_book
from crm.cases.credit.receivables import due_today
from widgets.credit.rating import rating_view
from widgets.credit.receivables import receivables_view
from widgets.i18n import LANG, TEXT


@pytest.fixture(scope="module")
def t():
    return load_case("credit")


@pytest.fixture(autouse=True)
def chinese():
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def test_every_credit_label_has_both_languages():
    keys = [k for k in TEXT if k.startswith("cr.") or k.startswith("kf.cr_")]
    assert len(keys) > 40
    for key in keys:
        assert set(TEXT[key]) == {"zh", "en"} and all(TEXT[key].values()), key


def test_rating_view_shows_the_books_rating_and_moves_with_the_sliders(t):
    view = rating_view(t)
    book = rate_book(t["clients"], t["facts"])
    first = view.client.value
    assert view.rating.rating == book.loc[first, "rating"] and book.loc[first, "rating"] in view.result.value
    figure = view.figure
    for s in view.sliders.values():
        s.value = s.max
    assert view.figure is figure and view.rating.grade == 1 and list(figure.data[1].y) == [120.0] * 3
    for s in view.sliders.values():
        s.value = 0
    assert view.rating.rating == "—" and "不给予信用销售" in view.result.value
    view.client.value = book.index[5]
    assert view.rating.rating == book.iloc[5]["rating"]
    LANG.code = "en"
    assert "Rating a client" in view.title.value and "Current ratio" in view.table.value


def test_receivables_view_follows_the_day_and_keeps_the_last_result_on_a_bad_day(t):
    view = receivables_view(t)
    n = len(due_today(t["invoices"], "2012-12-31"))
    assert f"({n})" in view.due.value
    view.today.value = "2012-06-15"
    assert f"({len(due_today(t['invoices'], '2012-06-15'))})" in view.due.value
    before = view.due.value
    view.today.value = "not a day"
    assert view.showing_error and "Cannot read the date" in view.message.value and view.due.value == before
    view.today.value = "2012-12-31"
    assert not view.showing_error
    view.unit.value = "U2"
    inv = t["invoices"][t["invoices"]["sales_unit"] == "U2"]
    assert f"({len(due_today(inv, '2012-12-31'))})" in view.due.value
    LANG.code = "en"
    assert "Steps due today" in view.due.value and "Double ten" in view.ten.value


def test_bad_tables_get_the_bilingual_box(t):
    for build, tables in ((rating_view, {**t, "clients": t["clients"].drop(columns="cash")}),
                          (rating_view, {**t, "facts": t["facts"].drop(columns="points")}),
                          (receivables_view, {**t, "invoices": t["invoices"].drop(columns="due_date")})):
        out = build(tables)
        assert type(out) is W.HTML and "crm-error" in out.value and "Traceback" not in out.value



def test_a_ratio_just_below_its_standard_does_not_look_equal_to_it(t):
    from crm.cases.credit.case import ASSUMPTIONS
    from crm.cases.credit.rating import ratios
    from widgets.credit.rating import ratios_html, shown_ratio

    standard = ASSUMPTIONS["standard_ratios"][0]["cash"]
    below = standard - 0.0004
    assert shown_ratio(below, standard) == f"{below:.4f}"  # not the standard's own two decimals
    assert shown_ratio(standard, standard) == f"{standard:.2f}" and shown_ratio(float("nan")) == "—"
    assert shown_ratio(1.2345) == "1.23"
    # in the table: a client's cash ratio set just below the standard shows its digits beside ✗
    r = ratios(t["clients"]).iloc[0].copy()
    r["cash"] = below
    shown = ratios_html(r)
    assert f"<td>{below:.4f}</td>" in shown and f"{standard:.2f} ✗" in shown
