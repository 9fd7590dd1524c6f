"""Customer value matrix (seeds/001) and credit × contribution classes (seeds/002), side by side.

Current value is a client's contribution last year; growth potential is the yearly profit
expected from the life-stage products he lacks (:func:`crm.cases.bank.products.cross_sell_potential`).
"High" means in the top share a student sets. Types I–IV each get a retention strategy;
the source names the matrix and the four types but its strategy section is empty, so the
strategies shown are the workbench's suggestion, labelled as such. The credit rating is the
scorecard's automatic score of each client (:func:`crm.cases.bank.scorecard.client_scores`), crossed with
his contribution into key / potential / ordinary clients.

A student's own client table (customer, current value, potential, credit score) replaces
the case's through the shared :class:`widgets.upload.UploadControl`; the two cut sliders
in points then span the file's own scales.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.scorecard import DEFAULT_CUTOFFS, client_scores, fit_scorecard
from crm.cases.bank.case import tier_thresholds
from crm.cases.bank.lifetime import contribution
from crm.cases.bank.products import cross_sell_potential
from crm.cases.bank.schemas import UPLOAD_VALUE_MATRIX
from crm.cases.bank.value_matrix import (CREDIT_CLASSES, VALUE_TYPES, credit_contribution_classes, value_matrix,
                                         value_matrix_summary)
from widgets.common import LEGEND_BELOW, LOG_AXIS, html_table, share_slider
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

TYPE_COLOURS = {"I": "#95a5a6", "II": "#27ae60", "III": "#2980b9", "IV": "#8e44ad"}
CLASS_COLOURS = {"key": "#c0392b", "potential": "#e67e22", "ordinary": "#7f8c8d"}
SHOWN = 4000  # clients drawn in the scatter (every k-th by id); counts use them all
TABLE_FORMATS = {"customers": "{:,}", "customer_share": "{:.1%}", "mean_current_value": "{:,.0f}",
                 "mean_potential": "{:,.0f}", "strategy": "{}"}


def value_base(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Today's clients: ``current`` (last year's contribution), ``potential`` and ``credit_score``.

    The scorecard is fitted on the applications and their outcomes (:func:`crm.cases.bank.scorecard.fit_scorecard`).
    """
    profits, clients = tables["profits"], tables["clients"]
    year = int(profits["year"].max())
    current = contribution(profits, year)
    today = clients.set_index("customer_id").loc[current.index].reset_index()
    potential = cross_sell_potential(today, tables["holdings"])
    apps = tables["applications"]
    outcomes = tables["application_outcomes"].set_index("application_id")["defaulted"]
    card = fit_scorecard(apps, outcomes.reindex(apps["application_id"]))  # aligned by id, not by row position
    return pd.DataFrame({"current": current.to_numpy(), "potential": potential.to_numpy(),
                         "credit_score": client_scores(today, card, year).to_numpy()}, index=current.index)


def uploaded_value_base(clients: pd.DataFrame) -> pd.DataFrame:
    """A student's client table (validated by ``UPLOAD_VALUE_MATRIX``) as the view's base.

    Returns ``current``, ``potential`` and ``credit_score`` indexed by ``customer_id``, like
    :func:`value_base`.
    """
    return pd.DataFrame({"current": clients["current_value"].to_numpy(dtype=float),
                         "potential": clients["potential"].to_numpy(dtype=float),
                         "credit_score": clients["credit_score"].to_numpy(dtype=float)},
                        index=pd.Index(clients["customer_id"].to_numpy(), name="customer_id"))


def slider_span(values: pd.Series, current: float, default_quantile: float) -> tuple[float, float, float, float]:
    """(min, max, step, value) of a cut slider over ``values``: the cut stays if it is inside, else a quantile."""
    v = values.to_numpy(dtype=float)
    lo, hi = float(np.floor(v.min())), float(np.ceil(v.max()))
    if hi - lo < 10:  # a small scale (e.g. 0 to 1): finer steps
        lo, hi = float(v.min()), float(v.max())
    hi = hi if hi > lo else lo + 1.0
    step = float(10 ** np.floor(np.log10((hi - lo) / 100))) if hi - lo < 100 else float(max(1, round((hi - lo) / 200)))
    value = current if lo <= current <= hi else float(np.quantile(v, default_quantile))
    return lo, hi, step, float(np.clip(value, lo, hi))


def cut_at_top(values: pd.Series, share: float) -> float:
    """The value from which a client is in the top ``share`` (ties at the cut count as high).

    The lowest value never counts as high: when many clients share it (no potential at
    all), the cut moves up to the next value.
    """
    v = values.to_numpy(dtype=float)
    cut = float(np.quantile(v, 1.0 - share))
    lowest = v.min()
    if cut <= lowest:
        above = v[v > lowest]
        cut = float(above.min()) if len(above) else cut
    return cut


def _colour_codes(types: pd.Series) -> np.ndarray:
    return types.cat.codes.to_numpy()


#: Discrete colour scale: code k (0..3) of VALUE_TYPES gets its type's colour.
TYPE_SCALE = [[edge, TYPE_COLOURS[k]] for i, k in enumerate(VALUE_TYPES) for edge in (i / 4, (i + 1) / 4)]


def _matrix_parts(base: pd.DataFrame, c_cut: float, p_cut: float, lang: str | None):
    m = value_matrix(base["current"], base["potential"], c_cut, p_cut)
    summary = value_matrix_summary(m)
    summary["strategy"] = [t(f"bank.vm.strategy.{k}", lang) for k in summary.index]
    return m, summary


def value_matrix_figure(base: pd.DataFrame, c_cut: float, p_cut: float, credit_cut: float, contribution_cut: float,
                        lang: str | None = None) -> go.Figure:
    """Left: the clients in the value matrix with the two cuts. Right: clients and profit per credit class."""
    m, summary = _matrix_parts(base, c_cut, p_cut, lang)
    shown = m.iloc[:: max(1, len(m) // SHOWN)]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.1,
                        subplot_titles=(t("bank.vm.left", lang), t("bank.vm.right", lang)))
    fig.add_scattergl(x=np.maximum(shown["current_value"], 1.0), y=shown["potential"], mode="markers",
                      marker=dict(size=4, opacity=0.6, color=_colour_codes(shown["value_type"]), colorscale=TYPE_SCALE,
                                  cmin=-0.5, cmax=3.5),
                      showlegend=False, hoverinfo="skip", row=1, col=1)
    classes = credit_contribution_classes(base["credit_score"], base["current"], credit_cut, contribution_cut)
    counts, profit = _class_totals(base, classes)
    names = [t(f"bank.vm.class.{k}", lang) for k in CREDIT_CLASSES]
    fig.add_bar(x=names, y=counts / counts.sum(), name=t("bank.client_share", lang), marker_color="#bdc3c7", row=1, col=2)
    fig.add_bar(x=names, y=profit / profit.sum(), name=t("bank.profit_share", lang),
                marker_color=[CLASS_COLOURS[k] for k in CREDIT_CLASSES], row=1, col=2)
    fig.update_layout(height=480, template="plotly_white", barmode="group", margin=dict(l=70, r=20, t=50, b=110),
                      shapes=_cut_lines(c_cut, p_cut), legend=LEGEND_BELOW,
                      annotations=list(fig.layout.annotations) + _quadrant_notes(summary, lang))
    fig.update_xaxes(**LOG_AXIS, title_text=t("bank.vm.x", lang), row=1, col=1)
    fig.update_xaxes(tickangle=0, row=1, col=2)  # class names on three short lines, not slanted into the legend
    fig.update_yaxes(title_text=t("bank.vm.y", lang), row=1, col=1)
    fig.update_yaxes(tickformat=".0%", row=1, col=2)
    return fig


def _class_totals(base: pd.DataFrame, classes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes = classes.cat.codes.to_numpy()
    return (np.bincount(codes, minlength=3).astype(float),
            np.bincount(codes, weights=base["current"].to_numpy(), minlength=3))


def _cut_lines(c_cut: float, p_cut: float) -> list[dict]:
    line = dict(color="#555", dash="dot", width=1.5)
    return [dict(type="line", xref="x", yref="paper", x0=max(c_cut, 1.0), x1=max(c_cut, 1.0), y0=0, y1=1, line=line),
            dict(type="line", xref="x domain", yref="y", x0=0, x1=1, y0=p_cut, y1=p_cut, line=line)]


def _quadrant_notes(summary: pd.DataFrame, lang: str | None) -> list[dict]:
    where = {"I": (0.02, 0.02, "left", "bottom"), "II": (0.02, 0.98, "left", "top"),
             "III": (0.53, 0.02, "right", "bottom"), "IV": (0.53, 0.98, "right", "top")}
    return [dict(x=x, y=y, xref="paper", yref="paper", xanchor=xa, yanchor=ya, showarrow=False,
                 bgcolor="rgba(255,255,255,0.8)", font=dict(color=TYPE_COLOURS[k], size=13),
                 text=t("bank.vm.quadrant", lang, type=k, clients=int(summary.loc[k, "customers"]),
                        share=summary.loc[k, "customer_share"]))
            for k, (x, y, xa, ya) in where.items()]


class ValueMatrixView(View):
    """Four sliders (two per chart); both charts and the strategy table follow in place."""

    def __init__(self, base: pd.DataFrame, lang: Language = LANG, upload: bool = True) -> None:
        self.base = base
        style, wide = {"description_width": "initial"}, W.Layout(width="520px")
        self.current_share = share_slider(0.2, "bank.vm.current_share", lo=0.05, hi=0.8)
        self.potential_share = share_slider(0.3, "bank.vm.potential_share", lo=0.05, hi=0.8)
        self.credit_cut = W.FloatSlider(value=int(DEFAULT_CUTOFFS[2]), min=450, max=750, step=5, readout_format=",.0f",
                                        description=t("bank.vm.credit_cut"), style=style, layout=wide)
        self.contribution_cut = W.FloatSlider(value=int(tier_thresholds()["key"]), min=100, max=10000, step=100,
                                              readout_format=",.0f", description=t("bank.vm.contribution_cut"),
                                              style=style, layout=wide)
        self.uploader = UploadControl(UPLOAD_VALUE_MATRIX, uploaded_value_base, self._use_base,
                                      summary=lambda base, df: {"clients": len(base)}, loaded_key="bank.vm.loaded",
                                      lang=lang)
        self._syncing = False
        self.title, self.table, self.note = W.HTML(), W.HTML(), W.HTML()
        self.figure = FigureWidget(value_matrix_figure(base, *self.cuts))
        for s in (self.current_share, self.potential_share, self.credit_cut, self.contribution_cut):
            s.observe(lambda _: None if self._syncing else self.refresh(), names="value")
        super().__init__([self.title, W.HBox([W.VBox([self.current_share, self.potential_share]),
                                              W.VBox([self.credit_cut, self.contribution_cut])]),
                          *([self.uploader] if upload else []), self.figure, self.table, self.note], lang=lang)
        self.refresh()

    def load(self, content: bytes, name: str) -> bool:
        """Classify the clients of an uploaded file instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_base(self, base: pd.DataFrame, name: str) -> None:
        self.base = base
        self._syncing = True
        try:
            for slider, values, q in ((self.credit_cut, base["credit_score"], 0.5),
                                      (self.contribution_cut, base["current"], 0.8)):
                lo, hi, step, value = slider_span(values, float(slider.value), q)
                slider.min, slider.max = min(lo, slider.min), max(hi, slider.max)  # never min > max on the way
                slider.min, slider.max, slider.step, slider.value = lo, hi, step, value
                slider.readout_format = ",.0f" if step >= 1 else ".2f"
        finally:
            self._syncing = False
        shown = base.iloc[:: max(1, len(base) // SHOWN)]
        with self.figure.batch_update():
            self.figure.data[0].x = np.maximum(shown["current"].to_numpy(), 1.0)
            self.figure.data[0].y = shown["potential"].to_numpy()
        self.refresh()

    def __repr__(self) -> str:
        m = value_matrix(self.base["current"], self.base["potential"], *self.cuts[:2])
        return f"ValueMatrixView(clients={len(self.base)}, types={m['value_type'].value_counts().sort_index().to_dict()})"

    @property
    def cuts(self) -> tuple[float, float, float, float]:
        return (cut_at_top(self.base["current"], self.current_share.value),
                cut_at_top(self.base["potential"], self.potential_share.value),
                float(self.credit_cut.value), float(self.contribution_cut.value))

    def refresh(self) -> None:
        """Reclassify with the sliders' cuts; recolour points, move lines, update bars and table in place."""
        c_cut, p_cut, credit_cut, contribution_cut = self.cuts
        m, summary = _matrix_parts(self.base, c_cut, p_cut, None)
        shown = m.iloc[:: max(1, len(m) // SHOWN)]
        classes = credit_contribution_classes(self.base["credit_score"], self.base["current"], credit_cut,
                                              contribution_cut)
        counts, profit = _class_totals(self.base, classes)
        names = [t(f"bank.vm.class.{k}") for k in CREDIT_CLASSES]
        titles = [dict(a.to_plotly_json(), text=t(key))
                  for a, key in zip(self.figure.layout.annotations[:2], ("bank.vm.left", "bank.vm.right"))]
        with self.figure.batch_update():
            points, clients_bar, profit_bar = self.figure.data
            points.marker.color = _colour_codes(shown["value_type"])
            clients_bar.x = profit_bar.x = names
            clients_bar.y, profit_bar.y = counts / counts.sum(), profit / max(profit.sum(), 1e-9)
            clients_bar.name, profit_bar.name = t("bank.client_share"), t("bank.profit_share")
            self.figure.layout.annotations = titles + _quadrant_notes(summary, None)
            self.figure.layout.shapes = _cut_lines(c_cut, p_cut)
            self.figure.layout.xaxis.title.text, self.figure.layout.yaxis.title.text = t("bank.vm.x"), t("bank.vm.y")
        self.title.value = f"<h3>{t('bank.vm.title')}</h3>"
        self.current_share.description, self.potential_share.description = t("bank.vm.current_share"), t("bank.vm.potential_share")
        self.credit_cut.description, self.contribution_cut.description = t("bank.vm.credit_cut"), t("bank.vm.contribution_cut")
        self.table.value = html_table(summary, TABLE_FORMATS, view="bank.vm", index_label=t("bank.vm.type"),
                                      index_names=lambda k: t(f"bank.vm.type.{k}"))
        self.note.value = f'<div class="crm-info" style="color:#31708f">{t("bank.vm.note", c=c_cut, p=p_cut)}</div>'


def value_matrix_view(tables: dict[str, pd.DataFrame], lang: Language = LANG, upload: bool = True) -> ValueMatrixView:
    """Customer value matrix and credit × contribution classes of today's clients (or of an uploaded file)."""
    return ValueMatrixView(value_base(tables), lang, upload)
