"""RFM segment view: the R × FM grid as a heat map, the segment table, and a student's own file.

The view states its definitions under the grid (``rfm.help``): recency, frequency and
monetary as :func:`crm.core.rfm.rfm_table` computes them, beside the conventions of the
lifetimes and pymc-marketing summaries, which differ. A transactions file of the
student's own (customer, date, amount) replaces the case's data through the shared
:class:`widgets.upload.UploadControl`.
"""
from __future__ import annotations

import base64

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.core.rfm import rfm_scores, rfm_segment_summary, rfm_segments, rfm_summary, rfm_table
from widgets.common import html_table
from widgets.figure import FigureWidget
from crm.core.schemas import UPLOAD_TRANSACTIONS
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

TABLE_FORMATS = {"customers": "{:,}", "customer_share": "{:.1%}", "mean_recency_days": "{:.0f}",
                 "mean_frequency": "{:.1f}", "mean_monetary": "{:,.0f}", "monetary_share": "{:.1%}"}
SUMMARY_COLUMNS = ("frequency", "recency", "T", "monetary_value")
SUMMARY_FORMATS = {c: "{:,.1f}" for c in SUMMARY_COLUMNS}


def summary_description(summary: pd.DataFrame) -> pd.DataFrame:
    """What a BG/NBD or Gamma-Gamma user looks at first: each summary column's mean, median and maximum."""
    return summary[list(SUMMARY_COLUMNS)].agg(["mean", "median", "max"])


def summary_csv_link(summary: pd.DataFrame, label: str) -> str:
    """A download link holding the summary as CSV, with the columns the libraries use."""
    data = base64.b64encode(summary.reset_index().to_csv(index=False).encode("utf-8")).decode("ascii")
    return (f'<a download="rfm_summary.csv" href="data:text/csv;base64,{data}" '
            f'style="font-size:13px">{label}</a>')


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


class RfmView(View):
    """RFM scores and segments of a case's customers; :func:`rfm_view` builds it."""

    def __init__(self, transactions: pd.DataFrame, bins: int = 5, lang: Language = LANG, upload: bool = True) -> None:
        self.rfm, self.summary = rfm_table(transactions), None
        self.transactions = transactions
        self.title, self.help = W.HTML(), W.HTML()
        self.bins = W.Dropdown(options=[3, 4, 5], value=bins, description=t("rfm.bins"))
        self._score()
        self.figure = FigureWidget(rfm_figure(self.scored, self.segments, bins))
        self.table = W.HTML()
        # The lifetimes / pymc-marketing summary, for students going on to BG/NBD and Gamma-Gamma.
        self.convention = W.Checkbox(value=False, description=t("rfm.lifetimes"), indent=False)
        self.lifetimes = W.HTML()
        self.uploader = UploadControl(UPLOAD_TRANSACTIONS, lambda tx: (rfm_table(tx), tx), self._use_rfm,
                                      summary=lambda loaded, tx: {"customers": len(loaded[0]), "rows": len(tx)},
                                      loaded_key="rfm.loaded", lang=lang)
        self.bins.observe(lambda _: self.refresh(), names="value")
        self.convention.observe(lambda _: self._show_summary(), names="value")
        super().__init__([self.title, self.bins, *([self.uploader] if upload else []), self.figure, self.table,
                          self.help, self.convention, self.lifetimes], lang=lang)
        self.refresh()

    def __repr__(self) -> str:
        counts = self.segments.value_counts(sort=False)
        return f"RfmView(customers={len(self.rfm)}, bins={self.bins.value}, segments={counts.to_dict()})"

    def load(self, content: bytes, name: str) -> bool:
        """Score an uploaded transactions file instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_rfm(self, loaded: tuple[pd.DataFrame, pd.DataFrame], name: str) -> None:
        self.rfm, self.transactions = loaded
        self.summary = None
        self.refresh()

    def _show_summary(self) -> None:
        """The summary in the libraries' convention, described and offered for download (computed once per data)."""
        if not self.convention.value:
            self.lifetimes.value = ""
            return
        if self.summary is None:
            self.summary = rfm_summary(self.transactions)
        described = summary_description(self.summary)
        table = html_table(described, SUMMARY_FORMATS, view="rfm.sum", index_label="",
                           index_names=lambda s: t(f"rfm.sum.{s}"))
        # The libraries' column names in the headers are names to type: shown as code.
        table = table.replace("<th>monetary_value", "<th><code>monetary_value</code>")
        share = float((self.summary["frequency"] == 0).mean())  # one-off buyers: no repeat purchase
        self.lifetimes.value = (f'<div style="max-width:900px">{table}'
                                f'<p style="font-size:12px;color:#555">{t("rfm.sum.note", share=share)}</p>'
                                f'{summary_csv_link(self.summary, t("rfm.sum.download"))}</div>')

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
        self.help.value = f'<div style="color:#555;font-size:12px;max-width:900px">{t("rfm.help")}</div>'
        summary = rfm_segment_summary(self.scored, self.segments)
        self.table.value = html_table(summary, TABLE_FORMATS, view="rfm", index_label=t("rfm.segment"),
                                      index_names=lambda s: t(f"seg.{s}"))
        self.convention.description = t("rfm.lifetimes")
        self._show_summary()


def rfm_view(tables: dict[str, pd.DataFrame], bins: int = 5, lang: Language = LANG, upload: bool = True) -> RfmView:
    """RFM segmentation of ``tables["transactions"]`` with a choice of score bins and an upload.

    Definitions (shown in the view): recency = days from a customer's last purchase to
    the day after the last purchase in the file; frequency = his purchases (rows);
    monetary = his total spend. lifetimes / pymc-marketing's ``rfm_summary`` counts
    *repeat* purchase days instead (frequency = days with a purchase − 1), measures
    recency from the first to the last purchase, adds T (first purchase to the end) and
    takes monetary as the mean of the repeat purchases.
    """
    return RfmView(tables["transactions"], bins, lang, upload)
