"""Service-recovery view: who stays as handling speeds up, word of mouth, and the complaint iceberg."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.carcare.recovery import (ICEBERG_SHARES, STAY_IF_FAST, TOLD_IF_HAPPY, TOLD_IF_UNHAPPY, iceberg_estimate,
                                        recovery_rates, recovery_scenario, stay_by_response)
from crm.core.schemas import DataError
from widgets.common import info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

FAST, SLOW, GOOD, BAD = "#2e86c1", "#aab7b8", "#27ae60", "#c0392b"


def recovery_figure(bands: pd.DataFrame, fast_hours: float, wom_now: dict, wom_target: dict,
                    lang: str | None = None) -> go.Figure:
    """Left: share of complainants who stayed by hours to first reply (fast bands in blue), the source's 70 %.
    Right: people told a good and a bad story, today and at the target."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                        subplot_titles=(t("rec.stay_title", lang), t("rec.wom_title", lang)))
    colours = [FAST if up <= fast_hours else SLOW for up in bands["upper"]]
    fig.add_bar(x=bands["band"], y=bands["stay_rate"], marker_color=colours, name=t("rec.stay_rate", lang),
                text=[f"n={n}" for n in bands["complaints"]], textposition="outside", showlegend=False, row=1, col=1)
    fig.add_scatter(x=[bands["band"].iloc[0], bands["band"].iloc[-1]], y=[STAY_IF_FAST, STAY_IF_FAST], mode="lines",
                    line=dict(color="#8e44ad", dash="dash"), name=t("rec.source70", lang), row=1, col=1)
    cols = [t("rec.now", lang), t("rec.scenario", lang)]
    fig.add_bar(x=cols, y=[wom_now["positive"], wom_target["positive"]], name=t("rec.positive", lang),
                marker_color=GOOD, row=1, col=2)
    fig.add_bar(x=cols, y=[wom_now["negative"], wom_target["negative"]], name=t("rec.negative", lang),
                marker_color=BAD, row=1, col=2)
    fig.update_layout(height=400, template="plotly_white", barmode="group", margin=dict(l=60, r=20, t=50, b=60),
                      legend=dict(orientation="h", y=-0.2))
    fig.update_xaxes(title_text=t("rec.band", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("rec.stay_rate", lang), tickformat=".0%", range=[0, 1.05], row=1, col=1)
    return fig


def iceberg_figure(table: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """The iceberg as horizontal bars: complaints received (solid) and the estimate for each level."""
    levels = [lv for lv in ("management", "front_line", "none") if lv in table.index]
    names = [t(f"rec.level.{lv}", lang) for lv in levels]
    fig = go.Figure()
    fig.add_bar(y=names, x=table.loc[levels, "estimated"], orientation="h", name=t("rec.estimated", lang),
                marker_color=["#85c1e9", "#5dade2", "#1b4f72"])
    fig.add_bar(y=names, x=table.loc[levels, "observed"].fillna(0), orientation="h", name=t("rec.observed", lang),
                marker_color="#f5b041", width=0.35)
    fig.update_layout(height=260, template="plotly_white", barmode="overlay", title=t("rec.iceberg_title", lang),
                      margin=dict(l=170, r=20, t=50, b=40), xaxis=dict(title=t("rec.iceberg_x", lang)),
                      legend=dict(orientation="h", y=-0.3))
    return fig


class RecoveryView(View):
    """Sliders for the fast-reply limit, the target share and word of mouth; the figures follow in place."""

    def __init__(self, complaints: pd.DataFrame, lang: Language = LANG) -> None:
        self.complaints = complaints
        self.bands = stay_by_response(complaints)
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.fast_hours = W.FloatSlider(value=24.0, min=4.0, max=96.0, step=4.0, readout_format=".0f",
                                        style=style, layout=wide)
        rates = recovery_rates(complaints, 24.0)
        self.target = W.FloatSlider(value=round(min(rates.fast_share + 0.1, 1.0), 2), min=0.0, max=1.0, step=0.01,
                                    readout_format=".0%", style=style, layout=wide)
        self.unhappy = W.FloatSlider(value=TOLD_IF_UNHAPPY, min=8.0, max=10.0, step=0.5, style=style, layout=wide)
        self.happy = W.FloatSlider(value=TOLD_IF_HAPPY, min=2.0, max=3.0, step=0.5, style=style, layout=wide)
        self.title, self.summary, self.message = W.HTML(), W.HTML(), W.HTML()
        received = complaints["received_by"].astype(str).value_counts().to_dict()
        self.iceberg = iceberg_estimate({k: int(v) for k, v in received.items()}, ICEBERG_SHARES)
        self._compute()
        self.figure = FigureWidget(recovery_figure(self.bands, self.fast_hours.value, self.now, self.scenario))
        self.iceberg_figure = FigureWidget(iceberg_figure(self.iceberg))
        for s in (self.fast_hours, self.target, self.unhappy, self.happy):
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox([self.fast_hours, self.target, self.unhappy, self.happy],
                         layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.message, self.figure, self.summary, self.iceberg_figure], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return (f"RecoveryView(closed={self.rates.complaints}, fast_share={self.rates.fast_share:.3f}, "
                f"stay_if_fast={self.rates.stay_if_fast:.3f}, stay_if_slow={self.rates.stay_if_slow:.3f})")

    def _compute(self) -> None:
        self.rates = recovery_rates(self.complaints, self.fast_hours.value)
        r, told = self.rates, dict(told_if_unhappy=self.unhappy.value, told_if_happy=self.happy.value)
        self.now = recovery_scenario(r.complaints, r.fast_share, r.stay_if_fast, r.stay_if_slow, **told)
        self.scenario = recovery_scenario(r.complaints, self.target.value, r.stay_if_fast, r.stay_if_slow, **told)

    def refresh(self) -> None:
        """Recompute the rates and the scenario; update the bars in place."""
        try:
            self._compute()
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        with self.figure.batch_update():
            self.figure.data[0].marker.color = [FAST if up <= self.fast_hours.value else SLOW
                                                for up in self.bands["upper"]]
            self.figure.data[2].y = [self.now["positive"], self.scenario["positive"]]
            self.figure.data[3].y = [self.now["negative"], self.scenario["negative"]]
        self._summary()

    def _summary(self) -> None:
        r = self.rates
        nan = (lambda v: 0.0 if np.isnan(v) else v)
        self.summary.value = info_html(t("rec.summary", n=r.complaints, fast=r.fast_share, hours=r.fast_hours,
                                         sf=nan(r.stay_if_fast), ss=nan(r.stay_if_slow), target=self.target.value,
                                         stay=self.scenario["stayed"], stay0=self.now["stayed"],
                                         neg=self.scenario["negative"], neg0=self.now["negative"]))

    def relabel(self) -> None:
        """Every label in the current language."""
        for key, s in (("rec.fast_hours", self.fast_hours), ("rec.target", self.target),
                       ("rec.unhappy", self.unhappy), ("rec.happy", self.happy)):
            s.description = t(key)
        self.title.value = f"<h3>{t('rec.title')}</h3>"
        fresh = recovery_figure(self.bands, self.fast_hours.value, self.now, self.scenario)
        ice = iceberg_figure(self.iceberg)
        with self.figure.batch_update():
            for old, new in zip(self.figure.data, fresh.data):
                old.name, old.x = new.name, new.x
            self.figure.layout.annotations = fresh.layout.annotations
            self.figure.layout.xaxis.title.text = t("rec.band")
            self.figure.layout.yaxis.title.text = t("rec.stay_rate")
        with self.iceberg_figure.batch_update():
            for old, new in zip(self.iceberg_figure.data, ice.data):
                old.name, old.y = new.name, new.y
            self.iceberg_figure.layout.title.text = t("rec.iceberg_title")
            self.iceberg_figure.layout.xaxis.title.text = t("rec.iceberg_x")
        self._summary()


@view_or_error
def recovery_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> RecoveryView | W.HTML:
    """Service recovery on a case's ``complaints`` table (a bilingual message if it cannot be used)."""
    return RecoveryView(tables["complaints"], lang)
