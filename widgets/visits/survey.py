"""Survey view: the 2013 survey of 501 clients. Pick a score (overall, the agent, regular contact) to see its
distribution; the source's figures beside the same figures computed from the answers; the least
satisfying factors; and the overall score by band of the contact (or agent) score
(:mod:`crm.cases.visits.survey`). The answers are generated to match the published figures; how the
scores move together is an assumption (``contact_link``), said under the view.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.visits.survey import _need, contact_drivers, factor_shares, score_distribution, SCORES, source_figures
from crm.core.schemas import DataError
from widgets.common import html_table, info_html, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

_COLUMNS = ("overall", "agent_score", "contact_score", "least_satisfied", "agent_issue")
_SHARES = ("share_ten", "share_below_8", "share_agent", "share_after_sales")
SCORE_COLOURS = ["#c0392b"] * 8 + ["#f1c40f", "#82e0aa", "#1e8449"]  # below 8, 8, 9, 10


def figures_html(fig: pd.DataFrame, lang: str | None = None) -> str:
    """The source's figures and the data's, each in its own format (shares as %, means to 2 places)."""
    def fmt(name: str, v: float) -> str:
        if name == "clients":
            return f"{v / 10_000:,.1f}"
        if name == "respondents":
            return f"{v:,.0f}"
        return f"{v:.1%}" if name in _SHARES else f"{v:.2f}"
    df = pd.DataFrame({c: [fmt(n, fig.loc[n, c]) for n in fig.index] for c in ("source", "in_data")}, index=fig.index)
    return (f"<b>{html.escape(t('vi.sur.figures', lang))}</b>"
            + html_table(df, {"source": "{}", "in_data": "{}"}, "vi.sur.figures", lang,
                         index_names=lambda n: t(f"vi.fig.{n}", lang),
                         labels={"source": "vi.col.source", "in_data": "vi.col.in_data"}))


def shares_html(shares: pd.Series, key: str, prefix: str, lang: str | None = None) -> str:
    """One table of shares (factor or agent issue), the ones the source does not give marked assumed."""
    sourced = {"vi.factor.agent", "vi.issue.after_sales"}
    assumed = t("vi.sur.assumed", lang)
    df = pd.DataFrame({"share": shares.to_numpy(float)}, index=list(shares.index))
    return (f"<b>{html.escape(t(key, lang))}</b>"
            + html_table(df, {"share": "{:.1%}"}, key, lang, index_label=t("vi.col.factor", lang),
                         index_names=lambda k: t(f"{prefix}.{k}", lang)
                         + ("" if f"{prefix}.{k}" in sourced else f" {assumed}"),
                         labels={"share": "vi.col.share_of"}))


def drivers_html(d: pd.DataFrame, by: str, lang: str | None = None) -> str:
    """Mean overall score and the share giving 10, per band of ``by``."""
    return (f"<b>{html.escape(t('vi.sur.drivers', lang, by=t(f'vi.score.{by}', lang)))}</b>"
            + html_table(d, {"respondents": "{:,}", "mean_overall": "{:.2f}", "share_ten": "{:.1%}"}, "vi.sur.drivers",
                         lang, index_label=t("vi.col.band", lang),
                         labels={k: f"vi.col.{k}" for k in ("respondents", "mean_overall", "share_ten")}))


def distribution_figure(dist: pd.DataFrame, column: str, mean: float, lang: str | None = None) -> go.Figure:
    """Respondents per score 0–10 of one column, coloured below 8 / 8 / 9 / 10, the mean marked."""
    fig = go.Figure(go.Bar(x=list(dist.index), y=dist["count"].tolist(), marker_color=SCORE_COLOURS,
                           text=[str(int(c)) for c in dist["count"]], textposition="outside"))
    fig.add_vline(x=mean, line=dict(color="#34495e", dash="dash"))
    fig.update_layout(height=320, template="plotly_white", margin=dict(l=60, r=20, t=50, b=50), showlegend=False,
                      title=t("vi.sur.fig", lang, column=t(f"vi.score.{column}", lang)),
                      xaxis=dict(title=t("vi.sur.x", lang), dtick=1, range=[-0.6, 10.6]),
                      yaxis=dict(title=t("vi.sur.y", lang)))
    fig.add_annotation(x=mean, y=1, yref="paper", text=t("vi.sur.mean", lang, mean=mean), showarrow=False,
                       xanchor="right", yanchor="bottom")
    return fig


class SurveyView(View):
    """A score to show and a score to group by; the chart, the figures, the factors and the drivers follow."""

    def __init__(self, tables: dict[str, pd.DataFrame], column: str = "overall", lang: Language = LANG) -> None:
        self.survey = tables["survey"]
        _need(self.survey, _COLUMNS)
        if column not in SCORES:
            raise DataError(f"未知的评分列“{column}”。可用：{'、'.join(SCORES)}。",
                            f"Unknown score column '{column}'. Available: {', '.join(SCORES)}.")
        self.figures = source_figures(tables)
        self.shares = factor_shares(self.survey)
        self.dists = {c: score_distribution(self.survey, c) for c in SCORES}
        self.means = {c: float(self.survey[c].mean()) for c in SCORES}
        self.drivers = {b: contact_drivers(self.survey, b) for b in ("contact_score", "agent_score")}
        style = {"description_width": "initial"}
        self.column = W.Dropdown(options=[(c, c) for c in SCORES], value=column, style=style)
        self.by = W.Dropdown(options=[(b, b) for b in self.drivers], value="contact_score", style=style)
        self.title, self.message, self.table, self.factors, self.drivers_box, self.note = (W.HTML() for _ in range(6))
        self.figure = FigureWidget(distribution_figure(self.dists[column], column, self.means[column]))
        self.column.observe(lambda _: self.refresh(), names="value")
        self.by.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.column, self.by]), self.message,
                          side_by_side(self.figure, self.table), side_by_side(self.factors, self.drivers_box), self.note],
                         lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"SurveyView(column={self.column.value!r}, by={self.by.value!r})"

    def refresh(self) -> None:
        """Show the chosen score's distribution and the drivers for the chosen grouping."""
        column, by = self.column.value, self.by.value
        if column not in self.dists or by not in self.drivers:
            self.show_error(DataError(f"未知的评分列“{column}”。", f"Unknown score column '{column}'."))
            return
        self.clear_error()
        d, mean = self.dists[column], self.means[column]
        with self.figure.batch_update():
            self.figure.data[0].y = d["count"].tolist()
            self.figure.data[0].text = [str(int(c)) for c in d["count"]]
            self.figure.layout.shapes[0].x0 = self.figure.layout.shapes[0].x1 = mean
            self.figure.layout.annotations[0].x = mean
            self.figure.layout.annotations[0].text = t("vi.sur.mean", mean=mean)
            self.figure.layout.title.text = t("vi.sur.fig", column=t(f"vi.score.{column}"))
        self.drivers_box.value = drivers_html(self.drivers[by], by)

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('vi.sur.title'))}</h3>"
        self.column.description, self.by.description = t("vi.sur.column"), t("vi.sur.by")
        for box, keys in ((self.column, SCORES), (self.by, tuple(self.drivers))):
            value = box.value
            box.options = [(t(f"vi.score.{k}"), k) for k in keys]
            box.value = value
        self.table.value = figures_html(self.figures)
        self.factors.value = (shares_html(self.shares["least_satisfied"], "vi.sur.factors", "vi.factor")
                              + shares_html(self.shares["agent_issue"], "vi.sur.issues", "vi.issue"))
        self.note.value = info_html(t("vi.sur.note"))
        with self.figure.batch_update():
            self.figure.layout.xaxis.title.text = t("vi.sur.x")
            self.figure.layout.yaxis.title.text = t("vi.sur.y")
        self.refresh()


@view_or_error
def survey_view(tables: dict[str, pd.DataFrame], column: str = "overall", lang: Language = LANG) -> SurveyView:
    """The survey's distribution of ``column``, the source's figures and the drivers, from ``tables["survey"]``."""
    return SurveyView(tables, column, lang)
