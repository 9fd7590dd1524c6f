"""Retention calculator: the sources' retention figures worked through, per 100 customers (seeds/001, seeds/002).

Every input is one of the figures (:data:`crm.cases.concepts.case.FIGURES`): three sliders move within the
source's own ranges (5–10×, 8–10 people, 2–3 people); 15 %, 50 %, 6× (twice, from two files), 70 % and
"+5 % satisfaction → profit ×2" are fixed. A table gives each figure, its file and what it means for 100
customers (:func:`crm.cases.concepts.retention.retention`); a bar chart says how many times the new (or the
unhappy) weighs against the existing (or the happy). A value outside a range gets the bilingual message.
"""
from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from crm.cases.concepts.case import FIGURES
from crm.cases.concepts.retention import figure_range, retention, Retention
from crm.core.schemas import DataError
from widgets.common import info_html, TABLE_CSS
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View

BARS = ("cost", "attempts", "spend", "told")
COLOURS = ("#c0392b", "#e67e22", "#8e44ad", "#2471a3")
#: slider → (figure, step)
SLIDERS = {"new_vs_keep": 0.5, "told_unhappy": 0.5, "told_happy": 0.5}


def _file(name: str) -> str:
    return FIGURES[name][2].split("/")[1].split("_")[0]


def rows(r: Retention, lang: str | None = None) -> list[tuple[str, str, str, str]]:
    """(figure, the source's sentence, its file, the result) for each row of the table."""
    per = r.per
    return [
        (t("cc.ret.row.cost_fig", lang, m=r.new_vs_keep), FIGURES["new_vs_keep"][3], _file("new_vs_keep"),
         t("cc.ret.row.cost", lang, per=per, keep=r.keep_cost, win=r.win_cost)),
        (t("cc.ret.row.spend_fig", lang), FIGURES["selling_spend"][3], _file("selling_spend"),
         t("cc.ret.row.spend", lang, s=r.selling_spend)),
        (t("cc.ret.row.002_fig", lang), FIGURES["new_vs_keep_002"][3], _file("new_vs_keep_002"), t("cc.ret.row.002", lang)),
        (t("cc.ret.row.success_fig", lang), FIGURES["success_new"][3], _file("success_new"),
         t("cc.ret.row.success", lang, per=per, new=r.attempts_new, old=r.attempts_existing)),
        (t("cc.ret.row.stay_fig", lang), FIGURES["stay_if_fast"][3], _file("stay_if_fast"),
         t("cc.ret.row.stay", lang, per=per, stay=r.stay_fast)),
        (t("cc.ret.row.told_fig", lang, u=r.told_unhappy, h=r.told_happy),
         f'{FIGURES["told_unhappy"][3]},而{FIGURES["told_happy"][3]}', _file("told_unhappy"),
         t("cc.ret.row.told", lang, per=per, bad=r.told_bad, good=r.told_good, r=r.ratios["told"])),
        (t("cc.ret.row.satisfaction_fig", lang), FIGURES["satisfaction_rise"][3], _file("satisfaction_rise"),
         t("cc.ret.row.satisfaction", lang)),
    ]


def retention_html(r: Retention, lang: str | None = None) -> str:
    """The table: each figure, the source's sentence (as quoted), its file, and the result per 100 customers."""
    head = "".join(f"<th style='text-align:left'>{html.escape(t(k, lang, per=r.per))}</th>"
                   for k in ("cc.ret.figure", "cc.gg.source", "cc.ret.file", "cc.ret.result"))
    body = "".join(f"<tr><td>{html.escape(a)}</td><td style='text-align:left'>{quoted(b)}</td>"
                   f"<td>seeds/{html.escape(c)}</td><td style='text-align:left'>{html.escape(d)}</td></tr>"
                   for a, b, c, d in rows(r, lang))
    return (f'{TABLE_CSS}<table class="crm-table" data-view="cc.ret.table" style="max-width:100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def retention_figure(r: Retention, lang: str | None = None) -> go.Figure:
    """One bar per pair of figures: how many times the new (or the unhappy) against the existing (or the happy)."""
    ratios = r.ratios
    fig = go.Figure(go.Bar(x=[t(f"cc.ret.bar.{k}", lang) for k in BARS], y=[ratios[k] for k in BARS],
                           marker_color=list(COLOURS), text=[f"{ratios[k]:.1f}×" for k in BARS], textposition="outside"))
    fig.update_layout(height=300, template="plotly_white", title=t("cc.ret.fig_title", lang), showlegend=False,
                      margin=dict(l=60, r=20, t=50, b=40), yaxis=dict(title=t("cc.ret.times", lang), range=[0, 11.5]))
    return fig


class RetentionView(View):
    """Three sliders within the source's ranges; the table and the bars follow in place."""

    def __init__(self, lang: Language = LANG) -> None:
        style, wide = {"description_width": "initial"}, W.Layout(width="520px")
        self.sliders = {}
        for name, step in SLIDERS.items():
            low, high = figure_range(name)
            self.sliders[name] = W.FloatSlider(value=low, min=low, max=high, step=step, readout_format=".1f",
                                               style=style, layout=wide)
        self.title, self.table, self.note, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.result = retention(**self.values)
        self.figure = FigureWidget(retention_figure(self.result))
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.VBox(list(self.sliders.values())), self.message, self.table, self.figure,
                          self.note], lang=lang)
        self.relabel()

    @property
    def values(self) -> dict[str, float]:
        return {name: float(s.value) for name, s in self.sliders.items()}

    def __repr__(self) -> str:
        r = self.result
        return (f"RetentionView(new_vs_keep={r.new_vs_keep:g}, win_cost={r.win_cost:g}, stay_fast={r.stay_fast:g}, "
                f"told_bad={r.told_bad:g}, told_good={r.told_good:g})")

    def calculate(self, **values: float) -> None:
        """Work the figures through for ``values`` (the sliders' by default); a value out of range is explained."""
        try:
            self.result = retention(**{**self.values, **values})
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.table.value = retention_html(self.result)
        ratios = self.result.ratios
        with self.figure.batch_update():
            bars = self.figure.data[0]
            bars.y = [ratios[k] for k in BARS]
            bars.text = [f"{ratios[k]:.1f}×" for k in BARS]

    def refresh(self) -> None:
        """Recompute from the sliders; update the table and the bars in place."""
        self.calculate()

    def relabel(self) -> None:
        """Every label in the current language."""
        for name, s in self.sliders.items():
            s.description = t(f"cc.ret.{name}")
        self.title.value = f"<h3>{html.escape(t('cc.ret.title', per=self.result.per))}</h3>"
        self.note.value = info_html(t("cc.ret.note", per=self.result.per))
        with self.figure.batch_update():
            self.figure.data[0].x = [t(f"cc.ret.bar.{k}") for k in BARS]
            self.figure.layout.title.text = t("cc.ret.fig_title")
            self.figure.layout.yaxis.title.text = t("cc.ret.times")
        self.refresh()


def retention_view(lang: Language = LANG) -> RetentionView:
    """The retention calculator (it needs no table: every input is a figure of the sources)."""
    return RetentionView(lang)


