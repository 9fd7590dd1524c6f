"""Satisfaction view focused on the dissatisfied: distribution, drivers and whom to call first.

(``widgets/supermarket/survey.py`` draws the supermarket's complaint themes; this survey has rated
items rather than themes, so it gets its own view on :mod:`crm.cases.futures.satisfaction`.)
"""
from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import pandas as pd
from IPython.display import Markdown
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.core.assumptions import NOTICE_HEADER
from crm.core.schemas import DataError
from crm.cases.futures.satisfaction import call_first, driver_analysis, satisfaction_distribution
from widgets.common import LEGEND_BELOW, html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

CALL_FORMATS = {"overall": "{}", "worst_item": "{}", "value": "{:,.0f}", "priority": "{:,.0f}"}
LISTED = 10


def satisfaction_figure(survey: pd.DataFrame, items: Sequence[str], threshold: int = 2,
                        lang: str | None = None) -> go.Figure:
    """Left: respondents per overall rating (dissatisfied in red); right: each item's mean, dissatisfied vs others."""
    dist = satisfaction_distribution(survey, threshold)
    drv = driver_analysis(survey, items, threshold).reindex(list(items))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.4, 0.6], horizontal_spacing=0.18,
                        subplot_titles=[t("sat.dist_title", lang), t("sat.drivers_title", lang)])
    fig.add_bar(x=[str(r) for r in dist.index], y=dist["respondents"], row=1, col=1, showlegend=False,
                marker_color=["#d62728" if d else "#bdbdbd" for d in dist["dissatisfied"]],
                text=[f"{s:.0%}" for s in dist["share"]], textposition="auto")
    labels = [t(f"sat.item.{i}", lang) for i in items]
    fig.add_bar(y=labels, x=drv["mean_dissatisfied"], orientation="h", row=1, col=2,
                name=t("sat.dissatisfied", lang), marker_color="#d62728")
    fig.add_bar(y=labels, x=drv["mean_others"], orientation="h", row=1, col=2, name=t("sat.others", lang),
                marker_color="#74a9cf")
    fig.update_xaxes(title_text=t("sat.rating", lang), row=1, col=1)
    fig.update_xaxes(title_text=t("sat.mean_rating", lang), range=[1, 5], row=1, col=2)
    fig.update_yaxes(autorange="reversed", row=1, col=2)
    fig.update_layout(barmode="group", height=400, template="plotly_white", margin=dict(l=60, r=20, t=50, b=80),
                      legend=LEGEND_BELOW)
    return fig


class SatisfactionView(View):
    """The dissatisfied line as a slider; distribution, drivers and call list follow in place."""

    def __init__(self, survey: pd.DataFrame, value: pd.Series, items: Sequence[str], threshold: int = 2,
                 lang: Language = LANG) -> None:
        self.survey, self.value, self.items = survey, value, tuple(items)
        self.threshold = W.IntSlider(value=threshold, min=1, max=4, style={"description_width": "initial"},
                                     layout=W.Layout(width="420px"))
        self.title, self.message, self.summary, self.calls = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.figure = FigureWidget(satisfaction_figure(survey, self.items, threshold))
        self.threshold.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, self.threshold, self.message, self.figure, self.summary, self.calls], lang=lang)
        self.refresh()

    def __repr__(self) -> str:
        bad = int((self.survey["overall"] <= self.threshold.value).sum())
        return f"SatisfactionView(respondents={len(self.survey)}, threshold={self.threshold.value}, dissatisfied={bad})"

    def refresh(self) -> None:
        """Redraw for the current line and language, in place."""
        self.title.value = f"<h3>{t('sat.title')}</h3>"
        self.threshold.description = t("sat.threshold")
        k = self.threshold.value
        try:
            dist = satisfaction_distribution(self.survey, k)
            drv = driver_analysis(self.survey, self.items, k)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        ordered = drv.reindex(list(self.items))
        labels = [t(f"sat.item.{i}") for i in self.items]
        titles = (t("sat.dist_title"), t("sat.drivers_title"))
        with self.figure.batch_update():  # arrays only: no new figure per move
            bars, low, high = self.figure.data
            bars.marker.color = ["#d62728" if d else "#bdbdbd" for d in dist["dissatisfied"]]
            low.x, low.y, low.name = ordered["mean_dissatisfied"].to_numpy(), labels, t("sat.dissatisfied")
            high.x, high.y, high.name = ordered["mean_others"].to_numpy(), labels, t("sat.others")
            for note, title in zip(self.figure.layout.annotations, titles):
                note.text = title
            self.figure.layout.xaxis.title.text = t("sat.rating")
            self.figure.layout.xaxis2.title.text = t("sat.mean_rating")
        bad = self.survey["overall"] <= k
        self.summary.value = info_html(t("sat.summary", n=int(bad.sum()), share=float(bad.mean()),
                                         item=t(f"sat.item.{drv.index[0]}"), gap=float(drv["gap"].iloc[0])))
        calls = call_first(self.survey, self.value, self.items, k).head(LISTED).set_index("client_id")
        calls = calls.assign(worst_item=[t(f"sat.item.{i}") for i in calls["worst_item"]])
        self.calls.value = (f"<b>{t('sat.calls_title', n=len(calls))}</b>"
                            + html_table(calls, CALL_FORMATS, view="sat", index_label=t("sat.client")))


def satisfaction_view(tables: dict[str, pd.DataFrame], items: Sequence[str] | None = None, threshold: int = 2,
                      year: int = 2013, lang: Language = LANG) -> SatisfactionView:
    """The survey in ``tables["survey"]``; clients valued by their ``year`` commission from ``tables["accounts"]``."""
    survey = tables["survey"]
    items = tuple(items or _survey_items(survey))
    acc = tables["accounts"]
    value = acc[acc["month"].dt.year == year].groupby("client_id")["commission"].sum()
    return SatisfactionView(survey, value, items, threshold, lang)


def _survey_items(survey: pd.DataFrame) -> tuple[str, ...]:
    return tuple(c for c in survey.columns if c not in ("respondent_id", "client_id", "date", "overall"))


def satisfaction_notice_text(survey: pd.DataFrame, items: Sequence[str] | None = None, threshold: int = 2) -> str:
    """The notebook's "Notice" on the survey, in zh then en, every figure and ranking computed from ``survey``.

    It names the item with the largest gap between the dissatisfied and the others (the
    view's summary names the same one) and the item the dissatisfied rate lowest, then says
    where that pattern comes from: the item means are an assumption of the data set
    (``survey_item_means``) and the survey is drawn apart from the requests, so the Notice
    gives the low rating no cause (the routing of section 1 included).
    """
    items = tuple(items or _survey_items(survey))
    drv = driver_analysis(survey, items, threshold)
    widest, lowest = str(drv.index[0]), str(drv["mean_dissatisfied"].idxmin())
    key = "sat.notice.both" if widest == lowest else "sat.notice.split"
    fmt = dict(gap=float(drv.loc[widest, "gap"]), low_mean=float(drv.loc[lowest, "mean_dissatisfied"]),
               low_share=float(drv.loc[lowest, "low_share"]), threshold=threshold)
    zh, en = (t(key, lang, widest=t(f"sat.item.{widest}", lang), lowest=t(f"sat.item.{lowest}", lang),
                **fmt) + ("" if lang == "zh" else " ") + t("sat.notice.assumed", lang) + ("。" if lang == "zh" else ".")
              for lang in ("zh", "en"))
    return f"{NOTICE_HEADER} {zh}*{en}*"


def satisfaction_notice(tables: dict[str, pd.DataFrame], items: Sequence[str] | None = None,
                        threshold: int = 2) -> Markdown:
    """:func:`satisfaction_notice_text` of ``tables["survey"]``, for display in a notebook."""
    return Markdown(satisfaction_notice_text(tables["survey"], items, threshold))
