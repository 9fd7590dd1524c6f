"""The view base class: one place for the language wiring and the bilingual error line.

The last tests scan the source of ``widgets/`` (AST): a module that wires the language switch
or builds the data-error box itself, instead of going through :mod:`widgets.view`, fails them,
so a new view cannot bring the copied block back.
"""
import ast
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


# --- no copy of the wiring under widgets/ -------------------------------------------------------

#: Where (relative to ``widgets/``) the wiring may appear, and why.
ALLOWED = {
    "on_language_change": {"i18n.py": "defines it", "view.py": "the base class",
                           "tables.py": "data_table's HTML cell re-renders itself; it is a table, not a view"},
    "error_html": {"common.py": "defines it", "view.py": "the base class"},
    "crm-error": {"common.py": "error_html's class", "view.py": "View.showing_error"},
}


def _wiring(node: ast.AST) -> str | None:
    """What of the wiring ``node`` is, if any."""
    if isinstance(node, ast.Name) and node.id in ALLOWED:
        return node.id
    if isinstance(node, ast.Attribute) and node.attr in ALLOWED:
        return node.attr
    if isinstance(node, ast.alias) and node.name in ALLOWED:
        return node.name
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "crm-error" in node.value:
        return "crm-error"  # the error box written by hand
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "observe"
            and any(k.arg == "names" and isinstance(k.value, ast.Constant) and k.value.value == "code"
                    for k in node.keywords)):
        return "on_language_change"  # observing the language state directly is the same wiring
    if (isinstance(node, ast.ExceptHandler) and node.type is not None and "DataError" in ast.unparse(node.type)
            and any(isinstance(n, ast.Attribute) and n.attr == "HTML" for stmt in node.body for n in ast.walk(stmt))):
        return "error_html"  # a DataError turned into an HTML widget: view_or_error's job
    return None


def copied_wiring(root: Path) -> set[tuple[str, int, str]]:
    """Every place under ``root`` that wires the language or builds the error box itself: (file, line, what)."""
    found = set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            what = _wiring(node)
            if what is not None and rel not in ALLOWED[what]:
                found.add((rel, node.lineno, what))
    return found


def test_no_module_under_widgets_wires_the_language_or_the_error_box_itself():
    found = sorted(copied_wiring(WIDGETS))
    assert not found, "use widgets.view (View, view_or_error) instead:\n" + "\n".join(map(str, found))


def test_the_scan_finds_a_copied_wiring(tmp_path):
    """The old copy, pasted into a new case view, is found line by line; the base class is not."""
    (tmp_path / "newcase").mkdir()
    (tmp_path / "newcase" / "shop.py").write_text('''
import ipywidgets as W
from crm.core.schemas import DataError
from widgets.common import error_html
from widgets.i18n import LANG, on_language_change


class ShopView(W.VBox):
    def __init__(self, lang=LANG):
        self.message = W.HTML()
        on_language_change(lambda _: self.relabel(), lang)
        lang.observe(lambda change: self.relabel(), names="code")
        super().__init__([self.message])

    def refresh(self):
        try:
            pass
        except DataError as err:
            self.message.value = error_html(err.message_zh, err.message_en)


def shop_view(tables):
    try:
        return ShopView()
    except DataError as err:
        return W.HTML('<div class="crm-error">' + err.message_en + "</div>")
''', encoding="utf-8")
    (tmp_path / "view.py").write_text("from widgets.common import error_html\n", encoding="utf-8")
    (tmp_path / "newcase" / "view.py").write_text("from widgets.common import error_html\n", encoding="utf-8")
    assert copied_wiring(tmp_path) == {
        ("newcase/shop.py", 4, "error_html"), ("newcase/shop.py", 5, "on_language_change"),
        ("newcase/shop.py", 11, "on_language_change"), ("newcase/shop.py", 12, "on_language_change"),
        ("newcase/shop.py", 19, "error_html"), ("newcase/shop.py", 25, "error_html"),
        ("newcase/shop.py", 26, "crm-error"), ("newcase/view.py", 1, "error_html")}


def test_every_box_view_under_widgets_is_a_view():
    """A class ``...View`` (or a control with a relabel) built on a bare VBox would wire itself again."""
    bare = []
    for path in sorted(WIDGETS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b) in ("W.VBox", "VBox") for b in node.bases):
                methods = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
                if node.name != "View" and (node.name.endswith("View") or methods & {"relabel", "refresh"}):
                    bare.append(f"{path.relative_to(WIDGETS)}: {node.name}")
    assert not bare, bare
