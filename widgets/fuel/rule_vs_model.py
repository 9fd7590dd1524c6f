"""The 3-days-beyond-cycle rule beside the BG/NBD model's P(alive), on the same regular customers.

Each dot is a regular customer on the last day of the data: how many days beyond his usual
cycle he has stayed away (x) and the model's probability that he is still a customer (y),
red if he really left. The rule flags everyone right of the N line, the model everyone
below the threshold line; the table gives each one's precision and recall against the truth,
and the customers where they disagree. Moving N or the threshold moves two lines and rewrites
the table: the customers' facts are computed once (:func:`crm.cases.fuel.rule_vs_model.rule_and_model`).
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.rule_vs_model import DEFAULT_ALIVE_THRESHOLD, RuleAndModel, rule_and_model
from crm.cases.fuel.visit_cycle import DEFAULT_GRACE_DAYS
from widgets.common import PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import table_html
from widgets.view import View, view_or_error

X_CAP_DAYS = 120  # beyond four months away a dot is drawn at the edge (the axis says so)
COLUMNS = {"flagged": "int", "right": "int", "precision": "share", "recall": "share"}
ROWS = ["rule", "model", "rule_only", "model_only"]
DISAGREEMENT_ROWS = 8
DISAGREEMENT_COLUMNS = {"flagged_by": "label:rvm.row.", "cycle_days": "num1", "days_beyond_cycle": "num1",
                        "p_alive": "share", "gone": "bool"}


def _lines(grace: float, threshold: float) -> list[dict]:
    return [dict(type="line", xref="x", yref="paper", x0=grace, x1=grace, y0=0, y1=1,
                 line=dict(color=PALETTE[1], dash="dash", width=2)),
            dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=threshold, y1=threshold,
                 line=dict(color=PALETTE[0], dash="dash", width=2))]


def rule_vs_model_figure(rm: RuleAndModel, grace: float = DEFAULT_GRACE_DAYS,
                         threshold: float = DEFAULT_ALIVE_THRESHOLD, lang: str | None = None) -> go.Figure:
    """Days beyond the cycle against P(alive), one dot per regular customer, the two cut lines drawn."""
    c = rm.customers
    # Rounded to what a dot can show (half days, 0.1 percentage point): the saved notebook keeps every
    # dot, and full float precision would double its size for nothing a reader can see.
    x = np.round(np.clip(c["days_beyond_cycle"].to_numpy(), None, X_CAP_DAYS), 1)
    y = np.round(c["p_alive"].to_numpy(), 3)
    traces = []
    for gone, key, color in ((False, "rvm.stayed", "#9aa5b1"), (True, "rvm.gone", PALETTE[3])):
        keep = c["gone"].to_numpy() == gone
        traces.append(go.Scattergl(x=x[keep], y=y[keep], mode="markers", name=t(key, lang),
                                   hovertemplate="%{x:.0f} / %{y:.1%}<extra></extra>",
                                   marker=dict(color=color, size=5, opacity=0.6)))
    fig = go.Figure(traces)
    fig.update_layout(height=440, template="plotly_white", margin=dict(l=60, r=20, t=30, b=55),
                      xaxis=dict(title=t("rvm.x", lang, cap=X_CAP_DAYS), range=[-30, X_CAP_DAYS + 3]),
                      yaxis=dict(title=t("rvm.y", lang), tickformat=".0%", range=[-0.03, 1.03]),
                      legend=dict(orientation="h", y=1.1), shapes=_lines(grace, threshold))
    return fig


def judge_table_html(judged: pd.DataFrame, lang: str | None = None) -> str:
    """The rule's and the model's precision and recall, and the two sides of their disagreement."""
    rows = judged.loc[ROWS].rename_axis("rvm_side")
    return table_html(rows, COLUMNS, lang, labels={c: f"rvm.col.{c}" for c in COLUMNS} | {"rvm_side": "rvm.col.side"},
                      index="label:rvm.row.", missing_key="rvm.missing", view="rule-vs-model")


def disagreement_table_html(rm: RuleAndModel, grace: float, threshold: float, rows: int = DISAGREEMENT_ROWS,
                            lang: str | None = None) -> str:
    """The first customers flagged by one side only: each side's least certain first (P(alive) near the line)."""
    d = rm.disagreements(grace, threshold)
    d = d.assign(closeness=(d["p_alive"] - threshold).abs()).sort_values(["flagged_by", "closeness"])
    d = d.groupby("flagged_by", sort=True).head(rows // 2).set_index("customer_id")
    return table_html(d, DISAGREEMENT_COLUMNS, lang, labels={c: f"rvm.col.{c}" for c in DISAGREEMENT_COLUMNS},
                      index="code", view="rule-vs-model-disagreements")


class RuleVsModelView(View):
    """N and the P(alive) threshold as sliders; the lines, the table and the summary follow in place."""

    def __init__(self, rm: RuleAndModel, grace: int = DEFAULT_GRACE_DAYS,
                 threshold: float = DEFAULT_ALIVE_THRESHOLD, lang: Language = LANG) -> None:
        self.rm = rm
        style, wide = {"description_width": "initial"}, W.Layout(width="460px")
        self.grace = W.IntSlider(value=grace, min=0, max=30, style=style, layout=wide)
        self.threshold = W.FloatSlider(value=threshold, min=0.05, max=0.95, step=0.05, readout_format=".0%",
                                       style=style, layout=wide)
        self.title, self.table, self.summary, self.note, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.disagreements = W.HTML()
        self.figure = FigureWidget(rule_vs_model_figure(rm, grace, threshold))
        for w in (self.grace, self.threshold):
            w.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, self.grace, self.threshold, self.message, self.figure, self.table,
                          self.summary, self.disagreements, self.note], lang=lang)
        self.relabel()

    @property
    def judged(self) -> pd.DataFrame:
        return self.rm.judge(self.grace.value, self.threshold.value)

    def __repr__(self) -> str:
        j = self.judged
        return (f"RuleVsModelView(regular_customers={len(self.rm.customers)}, N={self.grace.value}, "
                f"threshold={self.threshold.value:.2f}, rule_precision={j.loc['rule', 'precision']:.3f}, "
                f"rule_recall={j.loc['rule', 'recall']:.3f}, model_precision={j.loc['model', 'precision']:.3f}, "
                f"model_recall={j.loc['model', 'recall']:.3f})")

    def refresh(self) -> None:
        """Move the two lines, rewrite the table and the summary."""
        n, p = self.grace.value, self.threshold.value
        with self.figure.batch_update():
            self.figure.layout.shapes = _lines(n, p)
        j = self.judged
        self.table.value = judge_table_html(j)
        self.disagreements.value = disagreement_table_html(self.rm, n, p)
        self.summary.value = info_html(t("rvm.summary", n=n, p=p, customers=len(self.rm.customers),
                                         gone=int(j.loc["rule", "gone"]), rule_only=int(j.loc["rule_only", "flagged"]),
                                         rule_only_right=int(j.loc["rule_only", "right"]),
                                         model_only=int(j.loc["model_only", "flagged"]),
                                         model_only_right=int(j.loc["model_only", "right"])))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('rvm.title')}</h3>"
        self.grace.description, self.threshold.description = t("rvm.grace"), t("rvm.threshold")
        with self.figure.batch_update():
            for trace, key in zip(self.figure.data, ("rvm.stayed", "rvm.gone")):
                trace.name = t(key)
            self.figure.layout.xaxis.title.text = t("rvm.x", cap=X_CAP_DAYS)
            self.figure.layout.yaxis.title.text = t("rvm.y")
        m = self.rm.model
        note = t("rvm.note", day=self.rm.as_of.strftime("%Y-%m-%d"), r=m.r, alpha=m.alpha, a=m.a, b=m.b,
                 customers=m.customers)
        self.note.value = f"<p style='color:#666'>{note}</p>"
        self.refresh()


@view_or_error
def rule_vs_model_view(tables: dict[str, pd.DataFrame], grace: int = DEFAULT_GRACE_DAYS,
                       threshold: float = DEFAULT_ALIVE_THRESHOLD, lang: Language = LANG) -> RuleVsModelView:
    """The visit-cycle rule and the BG/NBD model on ``tables["refuels"]``, judged against ``tables["churn_truth"]``."""
    return RuleVsModelView(rule_and_model(tables["refuels"], tables["churn_truth"]), grace, threshold, lang)
