"""Visit-cycle anomaly view: a slider for N, the rule's precision, recall and calls against the truth.

A student's own visit log (customer, date, litres or amount) replaces the case's through
the shared :class:`widgets.upload.UploadControl`. Such a log does not say who really
left, so the view then counts the flags and the calls they cost, and says that precision
and recall cannot be measured on it (they are not shown as 0).
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.visit_cycle import (DEFAULT_GRACE_DAYS, DEFAULT_LEARN_DAYS, DEFAULT_MIN_VISITS, DEFAULT_VOLUME_DROP,
                                        VisitGaps, rule_sweep, visit_gaps)
from crm.cases.fuel.schemas import UPLOAD_VISITS
from crm.core.schemas import DataError
from widgets.common import LOG_AXIS, PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

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


def visit_log(visits: pd.DataFrame) -> pd.DataFrame:
    """An uploaded visit log as the detector's input: ``customer_id``, ``date``, ``litres``.

    The volume is the litres if the file has them, else the amount paid (a fill's value
    moves with its volume at a given price).
    """
    volume = "litres" if "litres" in visits.columns else "amount" if "amount" in visits.columns else None
    if volume is None:
        raise DataError("到访记录需要“litres”（加油量）或“amount”（金额）列之一。",
                        "A visit log needs a 'litres' or an 'amount' column.", column="litres")
    return pd.DataFrame({"customer_id": visits["customer_id"], "date": visits["date"],
                         "litres": visits[volume].astype(float)})


def uploaded_gaps(visits: pd.DataFrame) -> VisitGaps:
    """The learnt cycles of an uploaded visit log; refuses a log without regular customers."""
    vg = visit_gaps(visit_log(visits), DEFAULT_LEARN_DAYS, DEFAULT_MIN_VISITS)
    if len(vg.regular) == 0:
        raise DataError(f"文件中没有常客：没有客户在前 {DEFAULT_LEARN_DAYS} 天内到访至少 {DEFAULT_MIN_VISITS} 次，"
                        "无法学习到访周期。",
                        f"The file has no regular customers: nobody visits at least {DEFAULT_MIN_VISITS} times in "
                        f"the first {DEFAULT_LEARN_DAYS} days, so no visit cycle can be learnt.")
    return vg


def _marker(grace: int) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=grace, x1=grace, y0=0, y1=1, line=dict(color="#555", dash="dot"))


class AnomalyView(View):
    """N and the volume rule as controls; the chart and the summary follow in place."""

    def __init__(self, refuels: pd.DataFrame, truth: pd.DataFrame | None, grace: int = DEFAULT_GRACE_DAYS,
                 volume_drop: float = DEFAULT_VOLUME_DROP, lang: Language = LANG, upload: bool = True) -> None:
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
        self.uploader = UploadControl(UPLOAD_VISITS, uploaded_gaps, self._use_gaps,
                                      summary=lambda vg, df: {"regular": len(vg.regular), "rows": len(df)},
                                      loaded_key="anomaly.loaded", lang=lang)
        self.grace.observe(lambda _: self.refresh(), names="value")
        for w in (self.drop, self.use_volume):
            w.observe(lambda _: self.recompute(), names="value")
        super().__init__([self.title, self.grace, W.HBox([self.drop, self.use_volume]),
                          *([self.uploader] if upload else []), self.figure, self.summary, self.note], lang=lang)
        self.relabel()

    def load(self, content: bytes, name: str) -> bool:
        """Watch an uploaded visit log instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_gaps(self, vg: VisitGaps, name: str) -> None:
        self.vg, self.truth = vg, None  # a student's log does not say who really left
        self.recompute()
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
        if self.truth is None:
            self.summary.value = info_html(t("anomaly.summary_unknown", n=n, weeks=self.vg.watch_weeks,
                                             flags=int(r["flags"]), calls=r["calls_per_week"],
                                             regular=len(self.vg.regular)))
            return
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
        note = "anomaly.note" if self.truth is not None else "anomaly.note_unknown"
        self.note.value = f"<p style='color:#666'>{t(note, learn=DEFAULT_LEARN_DAYS, visits=DEFAULT_MIN_VISITS)}</p>"
        self.refresh()


def anomaly_view(tables: dict[str, pd.DataFrame], grace: int = DEFAULT_GRACE_DAYS,
                 volume_drop: float = DEFAULT_VOLUME_DROP, lang: Language = LANG, upload: bool = True) -> AnomalyView:
    """Visit-cycle anomaly detector on ``tables["refuels"]``, judged against ``tables["churn_truth"]``.

    With ``upload``, a student's own visit log (customer, date, litres or amount) can replace them.
    """
    return AnomalyView(tables["refuels"], tables["churn_truth"], grace, volume_drop, lang, upload)
