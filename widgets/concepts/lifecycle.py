"""Life-cycle view: step through seeds/002's four stages (考察期 → 形成期 → 稳定期 → 衰退期) and see what the sources
say of each.

A switch (or the "next stage" button) picks the stage; the four stages are drawn in a row with the chosen one lit,
then seeds/002's own sentence (the same for every stage: a strategy for each customer's situation) and the move of
seeds/003's life-cycle management the named assumption ``lifecycle_actions`` pairs with the stage (bring customers in,
keep them), quoted with their files. No curve: neither source gives one. A name that is no stage gets the bilingual
message (:func:`crm.cases.concepts.lifecycle.stage`).
"""
from __future__ import annotations

import html

import ipywidgets as W

from crm.cases.concepts.lifecycle import MONITOR_LINE, next_stage, stage, Stage, STAGES, STAGES_LINE
from crm.core.schemas import DataError
from widgets.common import info_html
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View

LIT, DIM = "#fdebd0", "#f8f9f9"


def _cite(line: tuple[str, str]) -> str:
    file, sentence = line
    return f"<div style='margin-top:4px'>{quoted(sentence)} <code>{html.escape(file)}</code></div>"


def stage_html(s: Stage, lang: str | None = None) -> str:
    """The four stages in a row (the chosen one lit), what seeds/002 says, and the move paired with the stage."""
    boxes = "".join(
        f"<div data-stage='{n}' style='flex:1;padding:8px;border-radius:4px;text-align:center;"
        f"background:{LIT if n == s.name else DIM};border:{'2px solid #e67e22' if n == s.name else '1px solid #ddd'}'>"
        f"<b>{i}. {html.escape(t(f'cc.lc.box.{n}', lang))}</b></div>" + ("<div style='align-self:center'>→</div>" if i < 4 else "")
        for i, n in enumerate(STAGES, 1))
    return (f"<div data-view='cc.lc.stages' style='max-width:900px'>"
            f"<div style='display:flex;gap:6px'>{boxes}</div>"
            f"<h4 style='margin:10px 0 2px'>{html.escape(t('cc.lc.says', lang))}</h4>{_cite(STAGES_LINE)}"
            f"<div style='color:#555'>{html.escape(t('cc.lc.says_read', lang))}</div>"
            f"<h4 style='margin:10px 0 2px'>{html.escape(t(f'cc.lc.do.{s.action}', lang))}</h4>"
            + "".join(_cite(line) for line in s.lines)
            + f"<div style='color:#555'>{html.escape(t(f'cc.lc.read.{s.action}', lang))}</div>"
            f"<h4 style='margin:10px 0 2px'>{html.escape(t('cc.lc.monitor', lang))}</h4>{_cite(MONITOR_LINE)}</div>")


class LifecycleView(View):
    """A switch of the four stages and a button to the next; the stages and the sources' words follow."""

    def __init__(self, lang: Language = LANG) -> None:
        self.stage = W.ToggleButtons(options=[(n, n) for n in STAGES], value=STAGES[0], style={"description_width": "initial"})
        self.next = W.Button()
        self.title, self.panel, self.note, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.result = stage(STAGES[0])
        self._relabelling = False
        self.stage.observe(lambda _: None if self._relabelling else self.refresh(), names="value")
        self.next.on_click(lambda _: self.step())
        super().__init__([self.title, W.HBox([self.stage, self.next]), self.message, self.panel, self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"LifecycleView(stage={self.result.name!r}, action={self.result.action!r})"

    def step(self) -> None:
        """To the next stage (decline is the last)."""
        self.stage.value = next_stage(self.stage.value)

    def calculate(self, name: str | None = None) -> None:
        """Show the stage ``name`` (the switch's by default); a name that is no stage is explained."""
        try:
            self.result = stage(self.stage.value if name is None else name)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.panel.value = stage_html(self.result)
        self.next.disabled = self.result.name == STAGES[-1]

    def refresh(self) -> None:
        """Show the switch's stage."""
        self.calculate()

    def relabel(self) -> None:
        """Every label in the current language (the switch keeps its stage)."""
        self.title.value = f"<h3>{html.escape(t('cc.lc.title'))}</h3>"
        self._relabelling = True
        try:
            value = self.stage.value
            self.stage.options = [(t(f"cc.lc.stage.{n}"), n) for n in STAGES]
            self.stage.value = value
        finally:
            self._relabelling = False
        self.next.description = t("cc.lc.next")
        self.note.value = info_html(t("cc.lc.note"))
        self.refresh()


def lifecycle_view(lang: Language = LANG) -> LifecycleView:
    """The customer life cycle (it needs no table: the sources give no figure)."""
    return LifecycleView(lang)
