"""Give/get view: the quadrant of what a customer (C) and a service provider (SP) each get and give (seeds/004).

Two switches say, for each side, whether it gets more than it gives (得>给) or less; the 2 × 2 grid lights the
cell and shows the source's own sentence for it (:data:`crm.cases.concepts.give_get.CELLS`), with a reading in
the notebook's language. No data: the view places a relationship a student describes.
"""
from __future__ import annotations

import html

import ipywidgets as W

from crm.cases.concepts.give_get import CELLS, NAMES
from widgets.common import TABLE_CSS
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View

LIT, DIM = "#fdebd0", "#f8f9f9"


def quadrant_html(customer_more: bool, provider_more: bool, lang: str | None = None) -> str:
    """The 2 × 2 grid: rows the customer (得>给, 得<给), columns the provider; the chosen cell lit, with its words."""
    head = (f"<th style='text-align:left'>{html.escape(t('cc.gg.axes', lang))}</th>"
            + "".join(f"<th style='text-align:left'>{html.escape(t(k, lang))}</th>" for k in ("cc.gg.more", "cc.gg.less")))
    body = []
    for c in (True, False):
        cells = []
        for p in (True, False):
            lit = (c, p) == (customer_more, provider_more)
            name = NAMES[(c, p)]
            text = f"<b>{html.escape(t(f'cc.gg.cell.{name}', lang))}</b>"
            if lit:
                text += (f"<div style='margin-top:4px'>{quoted(CELLS[(c, p)])}</div>"
                         f"<div style='margin-top:4px;color:#555'>{html.escape(t(f'cc.gg.read.{name}', lang))}</div>")
            cells.append(f"<td data-cell='{name}' style='text-align:left;vertical-align:top;width:42%;"
                         f"background:{LIT if lit else DIM};{'border:2px solid #e67e22' if lit else ''}'>{text}</td>")
        body.append(f"<tr><th style='text-align:left'>{html.escape(t('cc.gg.more' if c else 'cc.gg.less', lang))}</th>{''.join(cells)}</tr>")
    return (f'{TABLE_CSS}<table class="crm-table" data-view="cc.gg.grid" style="max-width:760px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


class GiveGetView(View):
    """Two switches (customer, provider); the grid follows."""

    def __init__(self, lang: Language = LANG) -> None:
        style = {"description_width": "initial"}
        self.customer = W.ToggleButtons(options=[("", True), ("", False)], value=True, style=style)
        self.provider = W.ToggleButtons(options=[("", True), ("", False)], value=True, style=style)
        self.title, self.grid, self.message = W.HTML(), W.HTML(), W.HTML()
        self._relabelling = False
        for s in (self.customer, self.provider):
            s.observe(lambda _: None if self._relabelling else self.refresh(), names="value")
        super().__init__([self.title, self.customer, self.provider, self.message, self.grid], lang=lang)
        self.relabel()

    @property
    def cell(self) -> str:
        """The name of the lit cell."""
        return NAMES[(bool(self.customer.value), bool(self.provider.value))]

    def __repr__(self) -> str:
        return f"GiveGetView(cell={self.cell!r})"

    def refresh(self) -> None:
        """Light the cell of the switches."""
        self.grid.value = quadrant_html(bool(self.customer.value), bool(self.provider.value))

    def relabel(self) -> None:
        """Every label in the current language (the switches keep their values)."""
        self.title.value = f"<h3>{html.escape(t('cc.gg.title'))}</h3>"
        options = [(t("cc.gg.more"), True), (t("cc.gg.less"), False)]
        self._relabelling = True  # new options reset a switch to its first value: put it back, then redraw once
        try:
            for box, key in ((self.customer, "cc.gg.customer"), (self.provider, "cc.gg.provider")):
                value = box.value
                box.options = options
                box.value = value
                box.description = t(key)
        finally:
            self._relabelling = False
        self.refresh()


def give_get_view(lang: Language = LANG) -> GiveGetView:
    """The give/get quadrant (it needs no table)."""
    return GiveGetView(lang)
