"""Retention economics view: split a budget between keeping and winning customers; the reported results."""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.keep_win import KeepWinConfig, keep_win_frontier, simulate_keep_win
from widgets.common import PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

#: slider key → (config field, min, max, step, readout format)
CONTROLS = {
    "keepwin.budget": ("budget", 100_000.0, 2_000_000.0, 50_000.0, ",.0f"),
    "keepwin.multiple": ("acquisition_multiple", 1.0, 12.0, 0.5, ".1f"),
    "keepwin.churn": ("churn", 0.0, 0.3, 0.01, ".0%"),
    "keepwin.effect": ("care_effect", 0.0, 1.0, 0.05, ".0%"),
}
TEN_THOUSAND = 10_000.0  # profits are shown in 万元


def base_litres(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Litres in the year of each customer on file at the start (the base the simulation keeps or loses)."""
    truth = tables["churn_truth"]
    base = truth.loc[truth["on_file_at_start"].astype(bool), "customer_id"]
    return tables["refuels"].groupby("customer_id")["litres"].sum().reindex(base, fill_value=0.0)


def keep_win_figure(frontier: pd.DataFrame, share: float, lang: str | None = None) -> go.Figure:
    """Cumulative profit (left) and final customers (right) by keeping share; the chosen split marked."""
    x = frontier.index.to_numpy()
    fig = go.Figure([
        go.Scatter(x=x, y=frontier["cumulative_profit"].to_numpy() / TEN_THOUSAND, mode="lines+markers",
                   name=t("keepwin.profit", lang), line=dict(color=PALETTE[2], width=3)),
        go.Scatter(x=x, y=frontier["customers"].to_numpy(), mode="lines", name=t("keepwin.customers", lang),
                   yaxis="y2", line=dict(color=PALETTE[0], dash="dash")),
    ])
    fig.update_layout(height=400, template="plotly_white", margin=dict(l=70, r=70, t=30, b=50),
                      xaxis=dict(title=t("keepwin.frontier_x", lang), tickformat=".0%"),
                      yaxis=dict(title=t("keepwin.profit", lang)),
                      yaxis2=dict(title=t("keepwin.customers", lang), overlaying="y", side="right", showgrid=False),
                      legend=dict(orientation="h", y=1.12), shapes=[_marker(share)])
    return fig


def _marker(share: float) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=share, x1=share, y0=0, y1=1, line=dict(color="#555", dash="dot"))


class KeepWinView(View):
    """The split and the model's parameters as sliders; the frontier and the summary follow in place."""

    def __init__(self, litres: pd.Series, config: KeepWinConfig = KeepWinConfig(), share: float = 0.5,
                 lang: Language = LANG) -> None:
        self.litres, self.config = litres, config
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.share = W.FloatSlider(value=share, min=0.0, max=1.0, step=0.05, readout_format=".0%", style=style,
                                   layout=wide)
        self.sliders = {key: W.FloatSlider(value=getattr(config, field), min=lo, max=hi, step=step,
                                           readout_format=fmt, style=style, layout=wide)
                        for key, (field, lo, hi, step, fmt) in CONTROLS.items()}
        self.years = W.IntSlider(value=config.years, min=1, max=10, style=style, layout=wide)
        self.title, self.summary, self.note = W.HTML(), W.HTML(), W.HTML()
        self.frontier = keep_win_frontier(litres, config)
        self.figure = FigureWidget(keep_win_figure(self.frontier, share))
        self.share.observe(lambda _: self.refresh(), names="value")
        for w in (*self.sliders.values(), self.years):
            w.observe(lambda _: self.recompute(), names="value")
        grid = W.GridBox([self.share, self.years, *self.sliders.values()],
                         layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.figure, self.summary, self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        best = float(self.frontier["cumulative_profit"].idxmax())
        return f"KeepWinView(customers={len(self.litres)}, share={self.share.value:.2f}, most_profitable_share={best:.2f})"

    def recompute(self) -> None:
        """Re-run the model for every split (a parameter changed) and update the curves in place."""
        self.config = replace(self.config, years=self.years.value,
                              **{CONTROLS[k][0]: s.value for k, s in self.sliders.items()})
        self.frontier = keep_win_frontier(self.litres, self.config)
        with self.figure.batch_update():
            self.figure.data[0].y = self.frontier["cumulative_profit"].to_numpy() / TEN_THOUSAND
            self.figure.data[1].y = self.frontier["customers"].to_numpy()
        self.refresh()

    def refresh(self) -> None:
        """Move the marker to the chosen split and rewrite the summary."""
        s = self.share.value
        with self.figure.batch_update():
            self.figure.layout.shapes = [_marker(s)]
        last = simulate_keep_win(self.litres, s, self.config).iloc[-1]
        best = float(self.frontier["cumulative_profit"].idxmax())
        self.summary.value = info_html(t("keepwin.summary", share=s, win=1 - s, years=self.config.years,
                                         customers=last["customers"], start=len(self.litres),
                                         profit=last["cumulative_profit"] / TEN_THOUSAND, best=best))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('keepwin.title')}</h3>"
        self.share.description, self.years.description = t("keepwin.share"), t("keepwin.years")
        for key, s in self.sliders.items():
            s.description = t(key)
        with self.figure.batch_update():
            self.figure.data[0].name, self.figure.data[1].name = t("keepwin.profit"), t("keepwin.customers")
            self.figure.layout.xaxis.title.text = t("keepwin.frontier_x")
            self.figure.layout.yaxis.title.text = t("keepwin.profit")
            self.figure.layout.yaxis2.title.text = t("keepwin.customers")
        self.note.value = f"<p style='color:#666'>{t('keepwin.note')}</p>"
        self.refresh()


def keep_win_view(tables: dict[str, pd.DataFrame], config: KeepWinConfig = KeepWinConfig(), share: float = 0.5,
                  lang: Language = LANG) -> KeepWinView:
    """Keep-vs-win budget simulator on the fuel case's customers on file (defaults 6× and 10 % from the source)."""
    return KeepWinView(base_litres(tables), config, share, lang)


def results_figure(reported: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """The source's reported year-on-year results as horizontal bars."""
    rows = reported.iloc[::-1]
    fig = go.Figure(go.Bar(y=[t(f"results.{m}", lang) for m in rows["metric"]], x=rows["change"].to_numpy(),
                           orientation="h", marker_color=[PALETTE[1] if u == "points" else PALETTE[0] for u in rows["unit"]],
                           text=[f"+{v:g}{' pt' if u == 'points' else '%'}" for v, u in zip(rows["change"], rows["unit"])],
                           textposition="auto"))
    fig.update_layout(height=360, template="plotly_white", margin=dict(l=200, r=20, t=30, b=50),
                      xaxis=dict(title=t("results.x", lang)))
    return fig


class ResultsView(View):
    """The reported results with their source; relabelled on a language switch."""

    def __init__(self, reported: pd.DataFrame, source: str, lang: Language = LANG) -> None:
        self.reported, self.source = reported, source
        self.title, self.caption = W.HTML(), W.HTML()
        self.figure = FigureWidget(results_figure(reported))
        super().__init__([self.title, self.figure, self.caption], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"ResultsView(metrics={len(self.reported)}, source={self.source!r})"

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('results.title')}</h3>"
        with self.figure.batch_update():
            self.figure.data[0].y = [t(f"results.{m}") for m in self.reported["metric"].iloc[::-1]]
            self.figure.layout.xaxis.title.text = t("results.x")
        self.caption.value = f"<p style='color:#666'>{t('results.source', file=self.source)}</p>"


def results_view(tables: dict[str, pd.DataFrame], source: str, lang: Language = LANG) -> ResultsView:
    """Bars of ``tables["reported_results"]`` with the source named under them."""
    return ResultsView(tables["reported_results"], source, lang)
