"""RFM segment view: the R × FM grid as a heat map and the segment table."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.rfm import rfm_scores, rfm_segment_summary, rfm_segments, rfm_table
from widgets.common import html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, on_language_change, t

TABLE_FORMATS = {"customers": "{:,}", "customer_share": "{:.1%}", "mean_recency_days": "{:.0f}",
                 "mean_frequency": "{:.1f}", "mean_monetary": "{:,.0f}", "monetary_share": "{:.1%}"}


def rfm_grid(scored: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    """Customers per (R score, FM score) cell with the segment of the cell."""
    df = scored.assign(segment=segments.astype(str))
    grid = df.groupby(["fm_score", "r_score"]).agg(customers=("segment", "size"), segment=("segment", "first"))
    return grid.reset_index()


def rfm_figure(scored: pd.DataFrame, segments: pd.Series, bins: int, lang: str | None = None) -> go.Figure:
    """Heat map of customers on the R × FM grid, each cell labelled with its segment."""
    grid = rfm_grid(scored, segments)
    r_vals = np.arange(1, bins + 1)
    fm_vals = np.arange(2, 2 * bins + 1) / 2
    z = np.zeros((len(fm_vals), len(r_vals)))
    text = np.full(z.shape, "", dtype=object)
    for row in grid.itertuples():
        i, j = int(round((row.fm_score - 1) * 2)), int(row.r_score) - 1
        z[i, j] = row.customers
        text[i, j] = f"{t('seg.' + row.segment, lang)}<br>{row.customers:,}"
    fig = go.Figure(go.Heatmap(x=r_vals, y=fm_vals, z=z, text=text, texttemplate="%{text}",
                               colorscale="Blues", showscale=False, hoverinfo="text"))
    fig.update_layout(height=460, margin=dict(l=60, r=20, t=30, b=50), template="plotly_white",
                      xaxis=dict(title=t("rfm.x", lang), dtick=1), yaxis=dict(title=t("rfm.y", lang), dtick=0.5))
    return fig


class RfmView(W.VBox):
    """RFM scores and segments of a case's customers; :func:`rfm_view` builds it."""

    def __init__(self, transactions: pd.DataFrame, bins: int = 5, lang: Language = LANG) -> None:
        self.rfm = rfm_table(transactions)
        self.title = W.HTML()
        self.bins = W.Dropdown(options=[3, 4, 5], value=bins, description=t("rfm.bins"))
        self._score()
        self.figure = FigureWidget(rfm_figure(self.scored, self.segments, bins))
        self.table = W.HTML()
        self.bins.observe(lambda _: self.refresh(), names="value")
        on_language_change(lambda _: self.refresh(), lang)
        super().__init__([self.title, self.bins, self.figure, self.table])
        self.refresh()

    def __repr__(self) -> str:
        counts = self.segments.value_counts(sort=False)
        return f"RfmView(customers={len(self.rfm)}, bins={self.bins.value}, segments={counts.to_dict()})"

    def _score(self) -> None:
        self.scored = rfm_scores(self.rfm, self.bins.value)
        self.segments = rfm_segments(self.scored, bins=self.bins.value)

    def refresh(self) -> None:
        """Rescore and update the heat map in place."""
        self._score()
        new = rfm_figure(self.scored, self.segments, self.bins.value)
        with self.figure.batch_update():
            heat = self.figure.data[0]
            heat.x, heat.y, heat.z, heat.text = new.data[0].x, new.data[0].y, new.data[0].z, new.data[0].text
            self.figure.layout.xaxis.title.text = t("rfm.x")
            self.figure.layout.yaxis.title.text = t("rfm.y")
        self.title.value = f"<h3>{t('rfm.title')}</h3>"
        self.bins.description = t("rfm.bins")
        summary = rfm_segment_summary(self.scored, self.segments)
        self.table.value = html_table(summary, TABLE_FORMATS, view="rfm", index_label=t("rfm.segment"),
                                      index_names=lambda s: t(f"seg.{s}"))


def rfm_view(tables: dict[str, pd.DataFrame], bins: int = 5, lang: Language = LANG) -> RfmView:
    """RFM segmentation of ``tables["transactions"]`` with a choice of score bins."""
    return RfmView(tables["transactions"], bins, lang)
