"""The view base class: one place for the language wiring and the bilingual error line.

The last tests scan the source of ``widgets/`` (AST): a module that wires the language switch
or builds the data-error box itself, instead of going through :mod:`widgets.view`, fails them,
so a new view cannot bring the copied block back.
"""
import html
from pathlib import Path

import ipywidgets as W
import pandas as pd
import pytest

from crm.core.schemas import DataError
from widgets.i18n import LANG, Language, t
from widgets.view import View, error_box, view_or_error

WIDGETS = Path(__file__).resolve().parents[2] / "widgets"


class Titled(View):
    """A view that relabels in place (the language switch calls relabel)."""

    def __init__(self, lang: Language = LANG) -> None:
        self.title, self.message = W.HTML(), W.HTML()
        self.relabels = 0
        super().__init__([self.title, self.message], lang=lang)
        self.relabel()

    def relabel(self) -> None:
        self.relabels += 1
        self.title.value = t("abc.title")


class Redrawn(View):
    """A view that only redraws (the language switch calls refresh)."""

    def __init__(self, lang: Language = LANG) -> None:
        self.title = W.HTML()
        super().__init__([self.title], lang=lang)
        self.refresh()

    def refresh(self) -> None:
        self.title.value = t("rfm.title")


def test_a_language_switch_relabels_the_view():
    view = Titled()
    assert view.title.value == t("abc.title", "zh") and view.relabels == 1
    LANG.code = "en"
    assert view.title.value == t("abc.title", "en") and view.relabels == 2
    LANG.code = "zh"
    assert view.title.value == t("abc.title", "zh") and view.relabels == 3


def test_a_view_without_relabel_is_refreshed_on_a_switch():
    view = Redrawn()
    LANG.code = "en"
    assert view.title.value == t("rfm.title", "en") != t("rfm.title", "zh")


def test_a_view_follows_its_own_language_state_only():
    state = Language()
    view = Titled(lang=state)
    LANG.code = "en"
    assert view.relabels == 1  # another state's switch does not concern it
    state.code = "en"
    assert view.relabels == 2


def test_the_view_keeps_its_children_and_box_options():
    a, b = W.HTML("a"), W.HTML("b")

    class Plain(View):
        def relabel(self) -> None:
            pass

    view = Plain([a, b], layout=W.Layout(display="none"))
    assert isinstance(view, W.VBox) and view.children == (a, b) and view.layout.display == "none"
    assert view._model_name == W.VBox()._model_name  # the same widget in the front end


def test_an_error_shows_both_languages_and_clears():
    view = Titled()
    view.show_error(DataError("金额为负数。", "Amount is negative.", column="amount", rows=[3]))
    assert "crm-error" in view.message.value and view.showing_error
    assert "金额为负数。" in view.message.value and "Amount is negative." in view.message.value
    LANG.code = "en"  # a switch relabels the view; the error stays, in both languages
    assert "金额为负数。" in view.message.value and "Amount is negative." in view.message.value
    view.clear_error()
    assert view.message.value == "" and not view.showing_error


def test_an_error_of_the_catalogue_shows_both_languages_and_what_follows():
    view = Titled()
    view.show_error("abc.bad_cutoffs", after="<i>kept</i>")
    for code in ("zh", "en"):
        assert html.escape(t("abc.bad_cutoffs", code)) in view.message.value
    assert view.message.value.endswith("<i>kept</i>")
    assert error_box("abc.bad_cutoffs") == error_box(DataError(t("abc.bad_cutoffs", "zh"), t("abc.bad_cutoffs", "en")))


def test_an_error_is_escaped():
    box = error_box(DataError("<b>列</b>", "<script>x</script>"))
    assert "<script>" not in box and "&lt;script&gt;" in box and "&lt;b&gt;" in box


def test_a_bad_table_gives_the_bilingual_box_not_a_traceback():
    @view_or_error
    def needs_amount(tables: dict[str, pd.DataFrame]) -> Titled | W.HTML:
        """A view of the ``amount`` column."""
        if "amount" not in tables["sales"]:
            raise DataError("缺少“amount”列。", "The column “amount” is missing.", column="amount")
        return Titled()

    good = needs_amount({"sales": pd.DataFrame({"amount": [1.0]})})
    assert isinstance(good, Titled)
    bad = needs_amount({"sales": pd.DataFrame({"x": [1.0]})})
    assert type(bad) is W.HTML and "crm-error" in bad.value
    assert "缺少“amount”列。" in bad.value and "The column “amount” is missing." in bad.value
    assert "Traceback" not in bad.value
    assert needs_amount.__name__ == "needs_amount" and needs_amount.__doc__.startswith("A view of")


def test_a_bad_table_in_a_case_view_gives_the_box():
    """A real view function built through the helper: a survey without its ``performance`` column."""
    from crm.cases import load_case
    from widgets.carcare.servqual import servqual_view

    survey = load_case("carcare")["servqual"].drop(columns="performance")
    bad = servqual_view({"servqual": survey})
    assert type(bad) is W.HTML and "crm-error" in bad.value and "Traceback" not in bad.value
    assert "performance" in bad.value


def test_other_errors_are_not_hidden():
    @view_or_error
    def broken(tables):
        raise KeyError("sales")

    with pytest.raises(KeyError):
        broken({})
