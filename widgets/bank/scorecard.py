"""A transparent credit scorecard a student reads and changes, judged against the ground truth.

seeds/002: "自动评估和手工的调整 ... 形成最后的资信评估评分值" and the score decides "是否予以
授信以及授信的额度和利率". The view starts from points fitted on the data (weight of
evidence, :func:`crm.cases.bank.scorecard.fit_scorecard`); a student picks an attribute and a bin and sets
its points, switches the client manager's manual adjustment on or off, and moves the three
cut-offs (decline / warn / approve with a lower limit / approve). Rescoring 15,000
applications is one sum of lookups (:class:`crm.cases.bank.scorecard.BinnedApplications`), so the score
distributions, the ROC curve and the decision table answer a slider move at once.

A student's own file of applications replaces the bank's through the shared
:class:`widgets.upload.UploadControl`: he chooses the outcome column and which of its values
mean "bad", and the attributes; bins are proposed from quantiles (numeric) or categories
(text) and edited as text (:mod:`crm.cases.bank.binning`); missing values get a bin of their own. None of
the bank's columns is required.

:func:`early_warning_view` flags existing borrowers by simple signals and shows how many
of those flagged really default.
"""
from __future__ import annotations

from typing import Sequence

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.binning import MISSING, LabelledApplications
from crm.cases.bank.scorecard import (DECISIONS, DEFAULT_CUTOFFS, DEFAULT_SIGNALS, BinnedApplications, bin_applications,
                                      decision_summary, early_warnings, evaluate, fit_scorecard, outcome_flags,
                                      roc_points, warning_performance)
from crm.cases.bank.schemas import UPLOAD_APPLICATIONS, UPLOAD_LOANS
from crm.core.schemas import DataError
from widgets.common import html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.bank.scorecard_setup import ScorecardSetup, check_applications
from widgets.upload import UploadControl
from widgets.view import View

EDGES = np.arange(300, 861, 10)  # score histogram bins
DECISION_COLOURS = {"decline": "#c0392b", "warn": "#e67e22", "approve_lower_limit": "#f1c40f", "approve": "#27ae60"}
BIN_FORMATS = {"applications": "{:,}", "bad_rate": "{:.1%}", "points": "{:d}"}
DECISION_FORMATS = {"applications": "{:,}", "share": "{:.1%}", "bad": "{:,}", "bad_rate": "{:.1%}"}
ROC_POINTS = 400  # the ROC curve is drawn with at most this many points


def _histograms(scores: np.ndarray, bad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    goods = np.histogram(scores[~bad], EDGES)[0] / max((~bad).sum(), 1)
    bads = np.histogram(scores[bad], EDGES)[0] / max(bad.sum(), 1)
    return goods, bads


def _roc_xy(roc: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    _, tpr, fpr = roc
    step = max(1, len(tpr) // ROC_POINTS)
    keep = np.r_[np.arange(0, len(tpr), step), len(tpr) - 1]
    return fpr[keep], tpr[keep]


def _cut_shapes(cutoffs: Sequence[float]) -> list[dict]:
    return [dict(type="line", xref="x", yref="paper", x0=c, x1=c, y0=0, y1=1,
                 line=dict(color=DECISION_COLOURS[DECISIONS[i + 1]], width=2, dash="dash"))
            for i, c in enumerate(cutoffs)]


def scorecard_figure(scores: np.ndarray, bad: np.ndarray, cutoffs: Sequence[float] = DEFAULT_CUTOFFS,
                     lang: str | None = None) -> go.Figure:
    """Score distributions of goods and bads with the cut-offs, the ROC curve, and the bad rate per decision."""
    goods, bads = _histograms(scores, bad)
    x, y = _roc_xy(roc_points(scores, bad))
    table = decision_summary(scores, bad, cutoffs)
    centres = (EDGES[:-1] + EDGES[1:]) / 2
    fig = make_subplots(rows=1, cols=3, column_widths=[0.45, 0.25, 0.3], horizontal_spacing=0.08,
                        subplot_titles=(t("bank.sc.dist", lang), t("bank.sc.roc", lang), t("bank.sc.decisions", lang)))
    fig.add_bar(x=centres, y=goods, name=t("bank.sc.goods", lang), marker_color="#2980b9", opacity=0.6, row=1, col=1)
    fig.add_bar(x=centres, y=bads, name=t("bank.sc.bads", lang), marker_color="#c0392b", opacity=0.6, row=1, col=1)
    fig.add_scatter(x=x, y=y, mode="lines", name=t("bank.sc.roc_curve", lang), line=dict(color="#2c3e50", width=3),
                    row=1, col=2)
    fig.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("bank.sc.chance", lang), line=dict(color="#aaa", dash="dash"),
                    row=1, col=2)
    fig.add_bar(x=[t(f"bank.sc.d.{d}", lang) for d in DECISIONS], y=table["bad_rate"].to_numpy(), showlegend=False,
                marker_color=[DECISION_COLOURS[d] for d in DECISIONS], text=[f"{n:,}" for n in table["applications"]],
                textposition="outside", row=1, col=3)
    fig.update_layout(height=420, template="plotly_white", barmode="overlay", margin=dict(l=60, r=20, t=50, b=90),
                      shapes=_cut_shapes(cutoffs), legend=dict(orientation="h", x=0, y=-0.25))
    fig.update_xaxes(title_text=t("bank.sc.score", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("bank.sc.share", lang), tickformat=".0%", row=1, col=1)
    fig.update_xaxes(title_text=t("bank.sc.fpr", lang), range=[0, 1], row=1, col=2)
    fig.update_yaxes(title_text=t("bank.sc.tpr", lang), range=[0, 1], row=1, col=2)
    fig.update_yaxes(title_text=t("bank.sc.bad_rate", lang), tickformat=".0%", row=1, col=3)
    return fig


class ScorecardView(View):
    """The scorecard's points, the manual adjustment and the cut-offs as controls; everything follows in place."""

    def __init__(self, applications: pd.DataFrame, defaulted: pd.Series, lang: Language = LANG) -> None:
        bad, known = outcome_flags(defaulted)  # read explicitly: an unknown outcome is not a default
        applications = applications[known] if not known.all() else applications
        self.bad = bad[known]
        self.card = fit_scorecard(applications, self.bad)
        self.fitted = self.card.copy()
        self.binned = bin_applications(applications, self.card)
        self._rows_of = {a: np.flatnonzero(self.card["attribute"].to_numpy(dtype=object) == a)
                         for a in dict.fromkeys(self.card["attribute"])}
        style, wide = {"description_width": "initial"}, W.Layout(width="420px")
        self.cut_decline = W.IntSlider(value=int(DEFAULT_CUTOFFS[0]), min=400, max=750, step=5, style=style, layout=wide)
        self.cut_warn = W.IntSlider(value=int(DEFAULT_CUTOFFS[1]), min=400, max=750, step=5, style=style, layout=wide)
        self.cut_limit = W.IntSlider(value=int(DEFAULT_CUTOFFS[2]), min=400, max=750, step=5, style=style, layout=wide)
        attributes = list(dict.fromkeys(self.card["attribute"]))
        self.attribute = W.Dropdown(options=attributes, value=attributes[0], style=style)
        self.bin = W.Dropdown(options=self._bins(attributes[0]), style=style)
        self.points = W.IntSlider(value=self._points(), min=-50, max=200, style=style, layout=wide)
        self.manual = W.Checkbox(value=True, style=style, indent=False)
        self.reset = W.Button(icon="undo", layout=W.Layout(width="auto"))  # the label's own width, never cut
        self.title, self.metrics, self.bins_table, self.table, self.message = (W.HTML() for _ in range(5))
        self._syncing = False
        self.figure = FigureWidget(scorecard_figure(self.scores(), self.bad, self.cutoffs))
        self._shown_cutoffs = self.cutoffs
        for s in (self.cut_decline, self.cut_warn, self.cut_limit, self.manual):
            s.observe(lambda _: self.refresh(), names="value")
        self.attribute.observe(self._on_attribute, names="value")
        self.bin.observe(self._on_bin, names="value")
        self.points.observe(self._on_points, names="value")
        self.reset.on_click(lambda _: self.restore())
        controls = W.HBox([W.VBox([self.cut_decline, self.cut_warn, self.cut_limit, self.manual]),
                           W.VBox([W.HBox([self.attribute, self.bin]), self.points, self.reset, self.bins_table])])
        self.bins_used: dict | None = None  # None: the bank's default bins
        self.setup = ScorecardSetup(self._use_card, lang)
        self.uploader = UploadControl(UPLOAD_APPLICATIONS, check_applications,
                                      lambda table, name: self.setup.use_table(table),
                                      summary=lambda table, df: {"rows": len(df), "columns": df.shape[1]},
                                      loaded_key="bank.sc.loaded", hint_key="bank.sc.upload_hint", lang=lang)
        super().__init__([self.title, controls, self.uploader, self.setup, self.message, self.metrics, self.figure,
                          self.table], lang=lang)
        self.relabel()

    # --- a student's own file ------------------------------------------------------------------
    def load(self, content: bytes, name: str) -> bool:
        """Take an uploaded applications file: propose outcome, attributes and bins, and fit them."""
        return self.uploader.load(content, name)

    def fit(self) -> bool:
        """Refit on the uploaded file with the setup's choices (see :meth:`ScorecardSetup.fit`)."""
        return self.setup.fit()

    def _use_card(self, labelled: LabelledApplications, card: pd.DataFrame, binned: BinnedApplications) -> None:
        self.bad, self.card, self.fitted, self.binned = labelled.bad, card, card.copy(), binned
        self.bins_used = labelled.bins
        self._rows_of = {a: np.flatnonzero(card["attribute"].to_numpy(dtype=object) == a)
                         for a in dict.fromkeys(card["attribute"])}
        points = card["points"].to_numpy()
        self.points.min, self.points.max = min(-50, int(points.min()) - 50), max(200, int(points.max()) + 50)
        self._syncing = True
        try:
            attributes = list(self._rows_of)
            self.attribute.options = [(self._attr_name(a), a) for a in attributes]
            self.attribute.value = attributes[0]
            self.bin.options = self._bins(attributes[0])
            self.bin.value = self.bin.options[0][1]
            self.points.value = self._points()
        finally:
            self._syncing = False
        self.relabel()

    @staticmethod
    def _attr_name(attribute: str) -> str:
        try:
            return t(f"bank.sc.attr.{attribute}")
        except KeyError:
            return str(attribute)

    def __repr__(self) -> str:
        r = evaluate(self.scores(), self.bad, self.cutoffs)
        return (f"ScorecardView(applications={len(self.bad)}, auc={r['auc']:.3f}, ks={r['ks']:.3f}, "
                f"approval_rate={r['approval_rate']:.3f}, approved_bad_rate={r['approved_bad_rate']:.3f})")

    @property
    def cutoffs(self) -> tuple[float, float, float]:
        return (float(self.cut_decline.value), float(self.cut_warn.value), float(self.cut_limit.value))

    def scores(self) -> np.ndarray:
        """Final (or automatic, with the manual adjustment off) score of every application."""
        return self.binned.score(self.card, manual=self.manual.value)

    def _rows(self, attribute: str) -> pd.DataFrame:
        return self.card.iloc[self._rows_of[attribute]]  # fitted in bin order

    def _bins(self, attribute: str) -> list[tuple[str, int]]:
        rows = self._rows(attribute)
        return [(self._bin_name(attribute, b), int(o)) for b, o in zip(rows["bin"], rows["order"])]

    @staticmethod
    def _bin_name(attribute: str, label: str) -> str:
        if label == MISSING:
            return t("upload.missing")
        for key in (f"bank.occ.{label}", f"bank.sc.level.{label}"):
            try:
                return t(key)
            except KeyError:
                continue
        return label

    def _where(self) -> int:
        """Row position in the scorecard of the chosen attribute and bin."""
        return int(self._rows_of[self.attribute.value][self.bin.value])

    def _points(self) -> int:
        return int(self.card["points"].iat[self._where()])

    def _on_attribute(self, change: dict) -> None:
        self._syncing = True
        try:
            self.bin.options = self._bins(self.attribute.value)
            self.bin.value = self.bin.options[0][1]
            self.points.value = self._points()
        finally:
            self._syncing = False
        self._show_bins()

    def _on_bin(self, change: dict) -> None:
        if self._syncing or self.bin.value is None:
            return
        self._syncing = True
        try:
            self.points.value = self._points()
        finally:
            self._syncing = False

    def _on_points(self, change: dict) -> None:
        if self._syncing:
            return
        self.card.iloc[self._where(), self.card.columns.get_loc("points")] = int(self.points.value)
        self.refresh()

    def restore(self) -> None:
        """Back to the fitted points."""
        self.card = self.fitted.copy()
        self._syncing = True
        try:
            self.points.value = self._points()
        finally:
            self._syncing = False
        self.refresh()

    def refresh(self) -> None:
        """Rescore, re-evaluate and update figure, metrics and tables in place.

        Crossed cut-offs are refused with a message; the last valid state stays.
        """
        if not (self.cut_decline.value <= self.cut_warn.value <= self.cut_limit.value):
            self.show_error("bank.sc.bad_cutoffs")
            return
        self.clear_error()
        scores = self.scores()
        goods, bads = _histograms(scores, self.bad)
        roc = roc_points(scores, self.bad)
        x, y = _roc_xy(roc)
        table = decision_summary(scores, self.bad, self.cutoffs)
        result = evaluate(scores, self.bad, self.cutoffs, roc=roc)
        with self.figure.batch_update():
            self.figure.data[0].y, self.figure.data[1].y = goods, bads
            self.figure.data[2].x, self.figure.data[2].y = x, y
            self.figure.data[4].y = table["bad_rate"].to_numpy()
            self.figure.data[4].text = [f"{n:,}" for n in table["applications"]]
            if self._shown_cutoffs != self.cutoffs:  # moving points leaves the lines where they are
                self.figure.layout.shapes = _cut_shapes(self.cutoffs)
                self._shown_cutoffs = self.cutoffs
        self.metrics.value = (f'<div class="crm-info" style="font-size:15px">'
                              f"{t('bank.sc.metrics', auc=result['auc'], ks=result['ks'], approval=result['approval_rate'], bad=result['approved_bad_rate'])}</div>")
        self.table.value = html_table(table, DECISION_FORMATS, view="bank.sc", index_label=t("bank.sc.decision"),
                                      index_names=lambda d: t(f"bank.sc.d.{d}"), labels={"share": "bank.sc.share_col"})
        self._show_bins()

    def _show_bins(self) -> None:
        rows = self._rows(self.attribute.value).set_index("bin")
        self.bins_table.value = html_table(rows, BIN_FORMATS, view="bank.sc", index_label=t("bank.sc.bin"),
                                           index_names=lambda b: self._bin_name(self.attribute.value, b),
                                           labels={"points": "bank.sc.points_col"})

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('bank.sc.title')}</h3>"
        for s, key in ((self.cut_decline, "bank.sc.cut_decline"), (self.cut_warn, "bank.sc.cut_warn"),
                       (self.cut_limit, "bank.sc.cut_limit"), (self.attribute, "bank.sc.attribute"), (self.bin, "bank.sc.bin"),
                       (self.points, "bank.sc.points"), (self.manual, "bank.sc.manual"), (self.reset, "bank.sc.reset")):
            s.description = t(key)
        self._syncing = True
        try:
            value, bin_value = self.attribute.value, self.bin.value
            self.attribute.options = [(self._attr_name(a), a) for a in dict.fromkeys(self.card["attribute"])]
            self.attribute.value = value
            self.bin.options = self._bins(value)
            self.bin.value = bin_value
        finally:
            self._syncing = False
        fresh = scorecard_figure(self.scores(), self.bad, self._shown_cutoffs)  # the last valid cut-offs
        with self.figure.batch_update():
            for old, new in zip(self.figure.data, fresh.data):
                old.name = new.name
            self.figure.data[4].x = fresh.data[4].x
            for old, new in zip(self.figure.layout.annotations, fresh.layout.annotations):
                old.text = new.text
            for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2", "yaxis3"):
                self.figure.layout[axis].title.text = fresh.layout[axis].title.text
        self.refresh()


def scorecard_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ScorecardView:
    """The transparent scorecard on the bank's applications and their ground truth."""
    outcomes = tables["application_outcomes"].set_index("application_id")["defaulted"]
    apps = tables["applications"]
    return ScorecardView(apps, outcomes.reindex(apps["application_id"]).to_numpy(), lang)


# --- early warning on existing borrowers ------------------------------------------------------------
#: slider per signal: (min, max, step)
SIGNAL_RANGES = {"past_due_30": (0, 90, 5), "high_utilisation": (0.5, 1.2, 0.05), "missed_payments": (1, 6, 1),
                 "salary_drop": (-0.9, 0.0, 0.05), "many_inquiries": (1, 8, 1)}
PERF_FORMATS = {"flagged": "{:,}", "precision": "{:.1%}", "recall": "{:.1%}", "lift": "{:.1f}"}


def early_warning_figure(performance: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Precision (share of the flagged who default) and recall (share of defaulters flagged) per signal."""
    names = [t(f"bank.ew.{s}", lang) for s in performance.index]
    fig = go.Figure([go.Bar(x=names, y=performance["precision"], name=t("bank.ew.precision", lang), marker_color="#c0392b"),
                     go.Bar(x=names, y=performance["recall"], name=t("bank.ew.recall", lang), marker_color="#2980b9")])
    fig.update_layout(height=360, barmode="group", template="plotly_white", margin=dict(l=60, r=20, t=30, b=60),
                      yaxis=dict(tickformat=".0%", range=[0, 1]), legend=dict(orientation="h", x=0, y=1.12))
    return fig


class EarlyWarningView(View):
    """One slider per signal's threshold; the precision / recall chart and table follow in place."""

    def __init__(self, loans: pd.DataFrame, defaulted: np.ndarray, lang: Language = LANG, upload: bool = True) -> None:
        bad, known = outcome_flags(defaulted)  # read explicitly: an unknown outcome is not a default
        self.loans, self.bad = (loans[known] if not known.all() else loans), bad[known]
        style, wide = {"description_width": "initial"}, W.Layout(width="420px")
        self.sliders = {}
        for name, (column, op, threshold) in DEFAULT_SIGNALS.items():
            lo, hi, step = SIGNAL_RANGES[name]
            cls = W.IntSlider if isinstance(step, int) else W.FloatSlider
            self.sliders[name] = cls(value=threshold, min=lo, max=hi, step=step, style=style, layout=wide)
        self.title, self.table = W.HTML(), W.HTML()
        self.figure = FigureWidget(early_warning_figure(self.performance()))
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(2, 440px)"))
        self.uploader = UploadControl(UPLOAD_LOANS, _loans_and_outcomes, self._use_loans,
                                      summary=lambda lo, df: {"loans": len(df), "bad": int(lo[1].sum())},
                                      loaded_key="bank.ew.loaded", lang=lang)
        super().__init__([self.title, grid, *([self.uploader] if upload else []), self.figure, self.table], lang=lang)
        self.refresh()

    def load(self, content: bytes, name: str) -> bool:
        """Flag the borrowers of an uploaded loan book instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_loans(self, loans_and_bad: tuple[pd.DataFrame, np.ndarray], name: str) -> None:
        self.loans, self.bad = loans_and_bad
        self.refresh()

    def __repr__(self) -> str:
        p = self.performance().loc["any"]
        return f"EarlyWarningView(loans={len(self.loans)}, flagged={int(p['flagged'])}, precision={p['precision']:.3f})"

    def signals(self) -> dict[str, tuple[str, str, float]]:
        """The signals with the sliders' thresholds."""
        return {name: (column, op, self.sliders[name].value) for name, (column, op, _) in DEFAULT_SIGNALS.items()}

    def performance(self) -> pd.DataFrame:
        return warning_performance(early_warnings(self.loans, self.signals()), self.bad)

    def refresh(self) -> None:
        """Re-flag the borrowers and update chart and table in place."""
        perf = self.performance()
        with self.figure.batch_update():
            names = [t(f"bank.ew.{s}") for s in perf.index]
            self.figure.data[0].x = self.figure.data[1].x = names
            self.figure.data[0].y, self.figure.data[1].y = perf["precision"].to_numpy(), perf["recall"].to_numpy()
            self.figure.data[0].name, self.figure.data[1].name = t("bank.ew.precision"), t("bank.ew.recall")
        for name, s in self.sliders.items():
            s.description = t(f"bank.ew.rule.{name}")
        self.title.value = f"<h3>{t('bank.ew.title')}</h3>"
        self.table.value = html_table(perf, PERF_FORMATS, view="bank.ew", index_label=t("bank.ew.signal"),
                                      index_names=lambda s: t(f"bank.ew.{s}"))


def _loans_and_outcomes(loans: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """An uploaded loan book (``UPLOAD_LOANS``) and its outcomes; both defaulters and others are needed."""
    bad, known = outcome_flags(loans["defaulted"].to_numpy())  # read explicitly, as for the case's loans
    loans, bad = loans[known], bad[known]
    if not bad.any() or bad.all():
        raise DataError("“defaulted”列需要既有违约也有未违约的借款人，才能衡量预警信号。",
                        "Column 'defaulted' needs both defaulters and non-defaulters to judge the signals.",
                        column="defaulted")
    return loans.drop(columns="defaulted"), bad


def early_warning_view(tables: dict[str, pd.DataFrame], lang: Language = LANG, upload: bool = True) -> EarlyWarningView:
    """Early-warning signals on existing borrowers, judged against who defaulted in the next 12 months."""
    outcomes = tables["loan_outcomes"].set_index("loan_id")["defaulted"]
    loans = tables["loans"]
    return EarlyWarningView(loans, outcomes.reindex(loans["loan_id"]).to_numpy(), lang, upload)
