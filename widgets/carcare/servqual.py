"""SERVQUAL view: gaps on the five dimensions and an importance–performance chart that says where to act first."""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.carcare.servqual import act_first, ipa_quadrants, servqual_gaps
from widgets.common import html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

QUADRANT_COLOURS = {"concentrate_here": "#c0392b", "keep_up": "#27ae60", "low_priority": "#7f8c8d",
                    "possible_overkill": "#f39c12"}
TABLE_FORMATS = {"importance": "{:.2f}", "expectation": "{:.2f}", "performance": "{:.2f}", "gap": "{:+.2f}",
                 "quadrant": "{}", "act_rank": "{}"}
TABLE_LABELS = {k: f"sq.{k}" for k in TABLE_FORMATS}


def dim_name(code: str, lang: str | None = None) -> str:
    """Display name of a SERVQUAL dimension."""
    try:
        return t(f"sq.dim.{code}", lang)
    except KeyError:
        return code


def servqual_figure(quadrants: pd.DataFrame, importance_cut: float, performance_cut: float,
                    lang: str | None = None) -> go.Figure:
    """Left: importance (y) against performance (x), 1–10, quadrant lines at the cuts.
    Right: the gap performance − expectation per dimension."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                        subplot_titles=(t("sq.ipa_title", lang), t("sq.gap_title", lang)))
    names = [dim_name(d, lang) for d in quadrants.index]
    colours = [QUADRANT_COLOURS[q] for q in quadrants["quadrant"]]
    fig.add_scatter(x=quadrants["performance"], y=quadrants["importance"], mode="markers+text", text=names,
                    textposition="top center", marker=dict(size=16, color=colours), showlegend=False, row=1, col=1)
    fig.add_bar(x=names, y=quadrants["gap"], marker_color=colours, showlegend=False, row=1, col=2)
    fig.update_layout(height=430, template="plotly_white", margin=dict(l=60, r=20, t=50, b=50),
                      shapes=_cut_lines(importance_cut, performance_cut))
    fig.update_xaxes(title_text=t("sq.x", lang), range=[1, 10], row=1, col=1)
    fig.update_yaxes(title_text=t("sq.y", lang), range=[1, 10], row=1, col=1)
    fig.update_yaxes(title_text=t("sq.gap", lang), row=1, col=2)
    return fig


def _cut_lines(importance_cut: float, performance_cut: float) -> list[dict]:
    line = dict(color="#555", dash="dot")
    return [dict(type="line", xref="x", yref="y", x0=1, x1=10, y0=importance_cut, y1=importance_cut, line=line),
            dict(type="line", xref="x", yref="y", x0=performance_cut, x1=performance_cut, y0=1, y1=10, line=line)]


class ServqualView(View):
    """Two sliders place the quadrant lines; points, colours, table and the advice follow in place."""

    def __init__(self, survey: pd.DataFrame, lang: Language = LANG) -> None:
        self.gaps = servqual_gaps(survey)
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.imp_cut = W.FloatSlider(value=round(float(self.gaps["importance"].mean()), 1), min=1.0, max=10.0,
                                     step=0.1, style=style, layout=wide)
        self.perf_cut = W.FloatSlider(value=round(float(self.gaps["performance"].mean()), 1), min=1.0, max=10.0,
                                      step=0.1, style=style, layout=wide)
        self.title, self.table, self.advice = W.HTML(), W.HTML(), W.HTML()
        self.quadrants = ipa_quadrants(self.gaps, self.imp_cut.value, self.perf_cut.value)
        self.figure = FigureWidget(servqual_figure(self.quadrants, self.imp_cut.value, self.perf_cut.value))
        for s in (self.imp_cut, self.perf_cut):
            s.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.imp_cut, self.perf_cut]), self.figure, self.advice, self.table], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"ServqualView(act_first={act_first(self.gaps, importance_cut=self.imp_cut.value, performance_cut=self.perf_cut.value)!r})"

    def refresh(self) -> None:
        """Re-classify at the new lines and recolour in place."""
        self.quadrants = ipa_quadrants(self.gaps, self.imp_cut.value, self.perf_cut.value)
        colours = [QUADRANT_COLOURS[q] for q in self.quadrants["quadrant"]]
        with self.figure.batch_update():
            self.figure.data[0].marker.color = colours
            self.figure.data[1].marker.color = colours
            self.figure.layout.shapes = _cut_lines(self.imp_cut.value, self.perf_cut.value)
        self._text()

    def _text(self) -> None:
        q = self.quadrants
        first = q.index[q["act_rank"] == 1][0]
        self.advice.value = info_html(t("sq.first", dim=dim_name(first)))
        shown = q.assign(quadrant=[t(f"sq.q.{v}") for v in q["quadrant"]])
        self.table.value = html_table(shown, TABLE_FORMATS, view="sq", index_label=t("sq.dimension"),
                                      index_names=dim_name, labels=TABLE_LABELS)

    def relabel(self) -> None:
        """Every label in the current language."""
        self.imp_cut.description, self.perf_cut.description = t("sq.imp_cut"), t("sq.perf_cut")
        self.title.value = f"<h3>{t('sq.title')}</h3>"
        fresh = servqual_figure(self.quadrants, self.imp_cut.value, self.perf_cut.value)
        with self.figure.batch_update():
            self.figure.data[0].text = fresh.data[0].text
            self.figure.data[1].x = fresh.data[1].x
            self.figure.layout.annotations = fresh.layout.annotations
            self.figure.layout.xaxis.title.text = t("sq.x")
            self.figure.layout.yaxis.title.text = t("sq.y")
            self.figure.layout.yaxis2.title.text = t("sq.gap")
        self._text()


@view_or_error
def servqual_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ServqualView | W.HTML:
    """SERVQUAL gaps and the importance–performance chart on a case's ``servqual`` survey."""
    return ServqualView(tables["servqual"], lang)
