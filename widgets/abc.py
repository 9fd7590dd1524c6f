"""ABC view: movable cumulative-share cut-offs, the Pareto curve and the class table.

The ranking is computed once per data set; moving a cut-off only recounts the
classes (two binary searches) and restyles the figure in place, so the view
answers in a few milliseconds even on 100,000 customers (see benchmarks/).
A student can upload a transactions file of his own through the shared
:class:`widgets.upload.UploadControl`; bad input gets a message in Chinese and
English and the data already loaded stays.
"""
from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.core.rfm import rfm_table
from crm.core.schemas import UPLOAD_TRANSACTIONS, DataError
from crm.core.segment import (ABC_LABELS, DEFAULT_ABC_CUTOFFS, ParetoRanking, abc_counts, abc_summary, pareto_curve,
                              pareto_ranking)
from widgets.common import CLASS_COLOURS, html_table, share_slider
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

TABLE_FORMATS = {"customers": "{:,}", "customer_share": "{:.1%}", "value": "{:,.0f}",
                 "value_share": "{:.1%}", "mean_value": "{:,.0f}"}


def spend_ranking(transactions: pd.DataFrame) -> ParetoRanking:
    """Rank customers by their total spend in a transactions table."""
    return pareto_ranking(rfm_table(transactions)["monetary"])


def _class_shapes(ranking: ParetoRanking, cutoffs: Sequence[float]) -> tuple[list[dict], list[dict]]:
    """Background bands (one per class, along the customer axis) and their labels."""
    counts = abc_counts(ranking, cutoffs)
    shapes, notes, x0 = [], [], 0.0
    for label, k in zip(ABC_LABELS, counts):
        x1 = x0 + k / ranking.n
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=x0, x1=x1, y0=0, y1=1,
                           fillcolor=CLASS_COLOURS[label], opacity=0.12, line_width=0, layer="below"))
        notes.append(dict(x=(x0 + x1) / 2, y=0.04, xref="x", yref="paper", showarrow=False,
                          text=f"<b>{label}</b>", font=dict(size=16, color=CLASS_COLOURS[label])))
        x0 = x1
    for cut in cutoffs:
        shapes.append(dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=cut, y1=cut,
                           line=dict(color="#555", dash="dot", width=1)))
    return shapes, notes


def abc_figure(ranking: ParetoRanking, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS,
               lang: str | None = None) -> go.Figure:
    """The Pareto curve with the A/B/C bands and cut-off lines (a plain plotly Figure)."""
    curve = pareto_curve(ranking)
    shapes, notes = _class_shapes(ranking, cutoffs)
    fig = go.Figure([
        go.Scatter(x=curve["customer_share"], y=curve["value_share"], mode="lines",
                   name=t("abc.curve", lang), line=dict(color="#2c3e50", width=3)),
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("abc.equal", lang),
                   line=dict(color="#aaa", dash="dash")),
    ])
    fig.update_layout(shapes=shapes, annotations=notes, height=420, margin=dict(l=60, r=20, t=30, b=50),
                      xaxis=dict(title=t("abc.x", lang), tickformat=".0%", range=[0, 1]),
                      yaxis=dict(title=t("abc.y", lang), tickformat=".0%", range=[0, 1.02]),
                      legend=dict(x=0.62, y=0.1), template="plotly_white")
    return fig


def abc_table_html(ranking: ParetoRanking, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS,
                   lang: str | None = None) -> str:
    """The class table (customers, spend and their shares per class) as HTML."""
    return html_table(abc_summary(ranking, cutoffs), TABLE_FORMATS, view="abc", lang=lang,
                      index_label=t("col.class", lang), index_names=lambda c: t(f"class.{c}", lang))


class AbcView(View):
    """The ABC view as a widget; :func:`abc_view` builds it. State is kept for tests."""

    def __init__(self, transactions: pd.DataFrame, cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS,
                 lang: Language = LANG, upload: bool = True) -> None:
        self.lang = lang
        self.ranking = spend_ranking(transactions)
        self.title = W.HTML()
        self.cut_a = share_slider(cutoffs[0], "abc.cut_a")
        self.cut_b = share_slider(cutoffs[1], "abc.cut_b")
        self.figure = FigureWidget(abc_figure(self.ranking, cutoffs))
        self.table = W.HTML(abc_table_html(self.ranking, cutoffs))
        self.message = W.HTML()
        self.uploader = UploadControl(UPLOAD_TRANSACTIONS, spend_ranking, self._use_ranking,
                                      summary=lambda ranking, tx: {"customers": ranking.n, "rows": len(tx)},
                                      loaded_key="abc.loaded", button_key="abc.upload", lang=lang)
        self.upload, self.progress = self.uploader.button, self.uploader.progress
        self.cut_a.observe(self._on_cutoff, names="value")
        self.cut_b.observe(self._on_cutoff, names="value")
        controls = [self.cut_a, self.cut_b, self.message] + ([self.uploader] if upload else [])
        super().__init__([self.title, *controls, self.figure, self.table], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        try:
            classes = dict(zip(ABC_LABELS, abc_counts(self.ranking, self.cutoffs)))
        except DataError:
            classes = None
        return f"AbcView(customers={self.ranking.n}, cutoffs={self.cutoffs}, classes={classes})"

    @property
    def cutoffs(self) -> tuple[float, float]:
        return (self.cut_a.value, self.cut_b.value)

    def _on_cutoff(self, change: dict | None = None) -> None:
        self.clear_error()
        self.refresh()

    def refresh(self) -> None:
        """Recount the classes and restyle the figure in place (no redraw).

        Crossed lines (A/B at or above B/C) are refused with a message; the last
        valid figure and table stay.
        """
        if self.cut_a.value >= self.cut_b.value:
            self.show_error("abc.bad_cutoffs")
            return
        shapes, notes = _class_shapes(self.ranking, self.cutoffs)
        with self.figure.batch_update():
            self.figure.layout.shapes = shapes
            self.figure.layout.annotations = notes
        self.table.value = abc_table_html(self.ranking, self.cutoffs)

    @property
    def source_name(self) -> str:
        """The file the view shows, or "case data"."""
        return self.uploader.kept_name(self.lang.code)

    def load(self, content: bytes, name: str) -> bool:
        """Replace the data by an uploaded file; on bad input keep the old data and explain."""
        return self.uploader.load(content, name)

    def _use_ranking(self, ranking: ParetoRanking, name: str) -> None:
        self.ranking = ranking
        curve = pareto_curve(ranking)
        with self.figure.batch_update():
            self.figure.data[0].x = curve["customer_share"].to_numpy()
            self.figure.data[0].y = curve["value_share"].to_numpy()
        self.refresh()

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('abc.title')}</h3>"
        self.cut_a.description, self.cut_b.description = t("abc.cut_a"), t("abc.cut_b")
        with self.figure.batch_update():
            self.figure.data[0].name, self.figure.data[1].name = t("abc.curve"), t("abc.equal")
            self.figure.layout.xaxis.title.text = t("abc.x")
            self.figure.layout.yaxis.title.text = t("abc.y")
        self.refresh()


def abc_view(tables: dict[str, pd.DataFrame], cutoffs: Sequence[float] = DEFAULT_ABC_CUTOFFS,
             lang: Language = LANG, upload: bool = True) -> AbcView:
    """ABC classifier with movable cut-offs, Pareto curve, class table and upload.

    Parameters
    ----------
    tables : dict
        A case's tables; uses ``tables["transactions"]`` (customer_id, date, amount).
    cutoffs : (float, float)
        Initial cumulative spend shares closing A and B.
    """
    return AbcView(tables["transactions"], cutoffs, lang, upload)
