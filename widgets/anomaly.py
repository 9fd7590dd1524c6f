"""Visit-cycle anomaly view: a slider for N, the rule's precision, recall and calls against the truth."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.churn import (DEFAULT_GRACE_DAYS, DEFAULT_LEARN_DAYS, DEFAULT_MIN_VISITS, DEFAULT_VOLUME_DROP, rule_sweep,
                       visit_gaps)
from widgets.common import LOG_AXIS, PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, on_language_change, t

GRACE_RANGE = range(0, 15)


def anomaly_figure(sweep: pd.DataFrame, grace: int, lang: str | None = None) -> go.Figure:
    """Precision and recall by N (left axis), calls a week (bars, right axis), the chosen N marked."""
    x = sweep.index.to_numpy()
    fig = go.Figure([
        go.Bar(x=x, y=sweep["calls_per_week"].to_numpy(), name=t("anomaly.calls", lang), yaxis="y2",
               marker_color="#d5dbe0"),
        go.Scatter(x=x, y=sweep["precision"].to_numpy(), mode="lines+markers", name=t("anomaly.precision", lang),
                   line=dict(color=PALETTE[0], width=3)),
        go.Scatter(x=x, y=sweep["recall"].to_numpy(), mode="lines+markers", name=t("anomaly.recall", lang),
                   line=dict(color=PALETTE[3], width=3)),
    ])
    fig.update_layout(height=420, template="plotly_white", margin=dict(l=60, r=70, t=30, b=50),
                      xaxis=dict(title=t("anomaly.x", lang), dtick=1),
                      yaxis=dict(title=t("anomaly.y", lang), tickformat=".0%", range=[0, 1.05]),
                      yaxis2=dict(title=t("anomaly.y2", lang), overlaying="y", side="right", showgrid=False,
                                  **LOG_AXIS),
                      legend=dict(orientation="h", y=1.12), shapes=[_marker(grace)])
    return fig


def _marker(grace: int) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=grace, x1=grace, y0=0, y1=1, line=dict(color="#555", dash="dot"))


class AnomalyView(W.VBox):
    """N and the volume rule as controls; the chart and the summary follow in place."""

    def __init__(self, refuels: pd.DataFrame, truth: pd.DataFrame, grace: int = DEFAULT_GRACE_DAYS,
                 volume_drop: float = DEFAULT_VOLUME_DROP, lang: Language = LANG) -> None:
        self.vg = visit_gaps(refuels, DEFAULT_LEARN_DAYS, DEFAULT_MIN_VISITS)
        self.truth = truth
        style, wide = {"description_width": "initial"}, W.Layout(width="460px")
        self.grace = W.IntSlider(value=grace, min=GRACE_RANGE.start, max=GRACE_RANGE.stop - 1, style=style, layout=wide)
        self.drop = W.FloatSlider(value=volume_drop, min=0.2, max=0.8, step=0.05, readout_format=".0%", style=style,
                                  layout=wide)
        self.use_volume = W.Checkbox(value=True, style=style)
        self.title, self.summary, self.note = W.HTML(), W.HTML(), W.HTML()
        self.sweep = self._sweep()
        self.figure = FigureWidget(anomaly_figure(self.sweep, grace))
        self.grace.observe(lambda _: self.refresh(), names="value")
        for w in (self.drop, self.use_volume):
            w.observe(lambda _: self.recompute(), names="value")
        on_language_change(lambda _: self.relabel(), lang)
        super().__init__([self.title, self.grace, W.HBox([self.drop, self.use_volume]), self.figure, self.summary,
                          self.note])
        self.relabel()

    def _sweep(self) -> pd.DataFrame:
        drop = self.drop.value if self.use_volume.value else None
        return rule_sweep(self.vg, self.truth, GRACE_RANGE, volume_drop=drop)

    def __repr__(self) -> str:
        row = self.sweep.loc[self.grace.value]
        return (f"AnomalyView(regular_customers={len(self.vg.customers)}, N={self.grace.value}, "
                f"calls_per_week={row['calls_per_week']:.0f}, precision={row['precision']:.3f}, recall={row['recall']:.3f})")

    def recompute(self) -> None:
        """Re-evaluate every N (the volume rule changed) and update the curves in place."""
        self.sweep = self._sweep()
        with self.figure.batch_update():
            for trace, col in zip(self.figure.data, ("calls_per_week", "precision", "recall")):
                trace.y = self.sweep[col].to_numpy()
        self.refresh()

    def refresh(self) -> None:
        """Move the N marker and rewrite the summary."""
        n = self.grace.value
        with self.figure.batch_update():
            self.figure.layout.shapes = [_marker(n)]
        r = self.sweep.loc[n]
        days = r["median_days_after_last_visit"]
        self.summary.value = info_html(t("anomaly.summary", n=n, weeks=self.vg.watch_weeks, flags=int(r["flags"]),
                                         calls=r["calls_per_week"], precision=r["precision"], recall=r["recall"],
                                         caught=int(r["caught"]), leavers=int(r["leavers"]),
                                         days=0.0 if np.isnan(days) else days))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('anomaly.title')}</h3>"
        self.grace.description, self.drop.description = t("anomaly.grace"), t("anomaly.drop")
        self.use_volume.description = t("anomaly.use_volume")
        with self.figure.batch_update():
            for trace, key in zip(self.figure.data, ("anomaly.calls", "anomaly.precision", "anomaly.recall")):
                trace.name = t(key)
            self.figure.layout.xaxis.title.text = t("anomaly.x")
            self.figure.layout.yaxis.title.text = t("anomaly.y")
            self.figure.layout.yaxis2.title.text = t("anomaly.y2")
        self.note.value = f"<p style='color:#666'>{t('anomaly.note', learn=DEFAULT_LEARN_DAYS, visits=DEFAULT_MIN_VISITS)}</p>"
        self.refresh()


def anomaly_view(tables: dict[str, pd.DataFrame], grace: int = DEFAULT_GRACE_DAYS,
                 volume_drop: float = DEFAULT_VOLUME_DROP, lang: Language = LANG) -> AnomalyView:
    """Visit-cycle anomaly detector on ``tables["refuels"]``, judged against ``tables["churn_truth"]``."""
    return AnomalyView(tables["refuels"], tables["churn_truth"], grace, volume_drop, lang)
