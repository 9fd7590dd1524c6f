"""Lost-customer view: which of seeds/001's six kinds a lost customer is, read from the words of the kinds' own
names, and which of its five strategies against churn the workbench pairs with it.

Two switches pick how the customer went (主動 / 被 / 被迫 / 其他原因) and what happened (放棄 / 離開 / 挖走 / 吸引);
the table of the six kinds lights the one the source names with those words, quoting its line, with the strategy
the assumption ``lost_strategy`` pairs it with (the source lists both and pairs none) and the source's one
sentence linking a lost customer to what to do. A pair of words the source does not name gets the bilingual
message and the last kind stays lit (:func:`crm.cases.concepts.lost.classify`).
"""
from __future__ import annotations

import html

import ipywidgets as W

from crm.cases.concepts.lost import classify, COMPLAINTS, HOW, KINDS, Lost, STRATEGIES, WHAT
from crm.core.schemas import DataError
from widgets.common import info_html, TABLE_CSS
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View

LIT, DIM = "#fdebd0", "#f8f9f9"


def lost_html(r: Lost, lang: str | None = None) -> str:
    """The six kinds, the chosen one lit with its strategy (the pairing an assumption), then the complaints line."""
    head = "".join(f"<th style='text-align:left'>{html.escape(t(k, lang))}</th>"
                   for k in ("cc.lo.kind", "cc.lo.reading", "cc.lo.strategy"))
    body = []
    for kind, (_, _, line) in KINDS.items():
        lit = kind == r.kind
        strategy = (f"{quoted(STRATEGIES[r.strategy])}<div style='color:#555;margin-top:4px'>"
                    f"{html.escape(t(f'cc.lo.strategy.{r.strategy}', lang))}</div>") if lit else ""
        style = f"background:{LIT if lit else DIM};{'border:2px solid #e67e22;' if lit else ''}text-align:left;vertical-align:top"
        body.append(f"<tr data-kind='{kind}'><td style='{style}'>{quoted(line)}</td>"
                    f"<td style='{style}'>{html.escape(t(f'cc.lo.kind.{kind}', lang))}</td>"
                    f"<td style='{style}'>{strategy}</td></tr>")
    return (f'{TABLE_CSS}<table class="crm-table" data-view="cc.lo.table" style="max-width:900px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"<div style='margin-top:6px'>{quoted(COMPLAINTS)} "
            f"<span style='color:#555'>{html.escape(t('cc.lo.complaints', lang))}</span></div>")


class LostView(View):
    """Two switches in the source's words; the table of the six kinds follows."""

    def __init__(self, lang: Language = LANG) -> None:
        style = {"description_width": "initial"}
        self.how = W.ToggleButtons(options=[(w, w) for w in HOW], value="被", style=style)
        self.what = W.ToggleButtons(options=[(w, w) for w in WHAT], value="挖走", style=style)
        self.title, self.table, self.note, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.result = classify(self.how.value, self.what.value)
        self._relabelling = False
        for s in (self.how, self.what):
            s.observe(lambda _: None if self._relabelling else self.refresh(), names="value")
        super().__init__([self.title, self.how, self.what, self.message, self.table, self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"LostView(kind={self.result.kind}, strategy={self.result.strategy})"

    def calculate(self, how: str | None = None, what: str | None = None) -> None:
        """Name the kind for the two words (the switches' by default); a pair the source does not name is explained."""
        try:
            self.result = classify(self.how.value if how is None else how, self.what.value if what is None else what)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.table.value = lost_html(self.result)

    def refresh(self) -> None:
        """Light the kind of the switches."""
        self.calculate()

    def relabel(self) -> None:
        """Every label in the current language (the switches keep their values: the source's words)."""
        self.title.value = f"<h3>{html.escape(t('cc.lo.title'))}</h3>"
        self._relabelling = True
        try:
            for box, words, key in ((self.how, HOW, "how"), (self.what, WHAT, "what")):
                value = box.value
                box.options = [(t(f"cc.lo.{key}.{w}"), w) for w in words]
                box.value = value
                box.description = t(f"cc.lo.{key}")
        finally:
            self._relabelling = False
        self.note.value = info_html(t("cc.lo.note"))
        self.refresh()


def lost_view(lang: Language = LANG) -> LostView:
    """The six kinds of lost customer (it needs no table: the source gives none)."""
    return LostView(lang)
