"""Churn after a product-line change: pick the withdrawn series, the months watched and a split; the share of
its users who bought nothing afterwards, against the other members, follows
(:mod:`crm.cases.membership.churn`). A bad choice gets the bilingual message and the last result stays.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.membership.churn import _check, _months, BY, change_of, ChangeBook, GROUPS, withdrawn_lines
from crm.core.schemas import DataError
from widgets.common import html_table, info_html, LEGEND_BELOW, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

COLOURS = {"users": "#c0392b", "others": "#7f8c8d"}


def key_name(by: str, key: str, lang: str | None = None) -> str:
    """The label of one row of a split."""
    if by == "tier":
        return t(f"mb.tier.{key}", lang)
    if by == "segment":
        return t(f"mb.seg.{key}", lang)
    if by == "none":
        return t("mb.churn.all", lang)
    return key


def summary_html(c: pd.DataFrame, lang: str | None = None) -> str:
    """Users against others: members, the share who bought nothing, the share who tried the new series."""
    return html_table(c, {"members": "{:,}", "left_share": "{:.0%}", "tried_share": "{:.0%}"}, "mb.churn.summary",
                      lang, index_label=t("mb.col.group", lang), index_names=lambda g: t(f"mb.churn.group.{g}", lang),
                      labels={k: f"mb.col.{k}" for k in ("members", "left_share", "tried_share")})


def split_figure(b: pd.DataFrame, by: str, months: int, lang: str | None = None) -> go.Figure:
    """The share who bought nothing, users against others, in each row of the split."""
    names = [key_name(by, str(k), lang) for k in b.index]
    fig = go.Figure([go.Bar(x=names, y=b[("left_share", g)].fillna(0).tolist(), name=t(f"mb.churn.group.{g}", lang),
                            marker_color=COLOURS[g], text=[f"{v:.0%}" if v == v else "—" for v in b[("left_share", g)]],
                            textposition="auto") for g in GROUPS])
    fig.update_layout(barmode="group", height=320, template="plotly_white", margin=dict(l=50, r=20, t=50, b=90),
                      title=dict(text=t("mb.churn.fig_title", lang, months=months), font=dict(size=13)),
                      yaxis=dict(title=t("mb.churn.left_share", lang), tickformat=".0%", range=[0, 1]),
                      legend=LEGEND_BELOW)
    return fig


class ChurnView(View):
    """Withdrawn series, months and split; the summary table and the split chart follow each move."""

    def __init__(self, purchases: pd.DataFrame, members: pd.DataFrame, lines: pd.DataFrame, line: str | None = None,
                 months: int = 6, lang: Language = LANG) -> None:
        _check(purchases, "purchases")
        _check(members, "members")
        self.purchases, self.members, self.lines = purchases, members, lines
        self.book = ChangeBook(purchases, members, lines)
        self.withdrawn = withdrawn_lines(lines)
        if not self.withdrawn:
            raise DataError("数据中没有被撤下的系列。", "No series is withdrawn in the data.")
        first = line if line is not None else self.withdrawn[-1]
        change_of(lines, first)  # a bilingual error for a series that was not withdrawn
        months = _months(months)
        style = {"description_width": "initial"}
        self.change = W.Dropdown(options=[(s, s) for s in self.withdrawn], value=first, style=style,
                                 layout=W.Layout(width="440px"))
        self.months = W.IntSlider(value=months, min=1, max=24, continuous_update=False, style=style,
                                  layout=W.Layout(width="340px"))
        self.by = W.Dropdown(options=[(b, b) for b in BY], value="age_band", style=style,
                             layout=W.Layout(width="240px"))
        self.title, self.message, self.summary, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.table = pd.DataFrame()
        self.figure = FigureWidget(go.Figure())
        for w in (self.change, self.months, self.by):
            w.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.change, self.months, self.by]), self.message,
                          side_by_side(self.summary, self.figure), self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"ChurnView(line={self.change.value!r}, months={self.months.value}, by={self.by.value!r})"

    def refresh(self) -> None:
        """Recompute for the series, months and split; a bad choice shows the message and keeps the rest."""
        line, months, by = self.change.value, self.months.value, self.by.value
        try:
            c = self.book.summary(line, months)
            b = self.book.split(line, months, by)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.table = c
        self.summary.value = summary_html(c)
        new = split_figure(b, by, months)
        with self.figure.batch_update():
            if len(self.figure.data) != len(new.data):
                self.figure.data = []
                self.figure.add_traces(list(new.data))
                self.figure.layout = new.layout
            else:
                for old, tr in zip(self.figure.data, new.data):
                    old.x, old.y, old.text, old.name = tr.x, tr.y, tr.text, tr.name
                self.figure.layout.title.text = new.layout.title.text
                self.figure.layout.yaxis.title.text = new.layout.yaxis.title.text

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('mb.churn.title'))}</h3>"
        self.change.description, self.months.description, self.by.description = (
            t("mb.churn.change"), t("mb.churn.months"), t("mb.churn.by"))
        quiet = (self.change.value, self.by.value)
        options = []
        for s in self.withdrawn:
            day, new = change_of(self.lines, s)
            options.append((t("mb.churn.option", old=t(f"mb.line.{s}"), new=t(f"mb.line.{new}"),
                              day=f"{day:%Y-%m-%d}"), s))
        self.change.options = options
        self.by.options = [(t(f"mb.churn.by.{b}"), b) for b in BY]
        self.change.value, self.by.value = quiet
        self.note.value = info_html(t("mb.churn.note"))
        self.refresh()


@view_or_error
def churn_view(tables: dict[str, pd.DataFrame], line: str | None = None, months: int = 6,
               lang: Language = LANG) -> ChurnView:
    """Churn after the withdrawal of ``line`` (default: the latest) over ``months`` months."""
    return ChurnView(tables["purchases"], tables["members"], tables["lines"], line, months, lang)
