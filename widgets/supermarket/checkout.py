"""Checkout-lanes view: how many express lanes at the peak, and for baskets of how many items."""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.supermarket.checkout import CheckoutConfig, basket_items, compare_express, peak_arrival_rates
from widgets.common import PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, error_box

LANE_TYPES = ("regular", "express", "all")
LANE_KEYS = {"regular": "chk.regular", "express": "chk.express_type", "all": "chk.all"}
#: The wait axis stops here: an overloaded plan's hours-long waits would flatten the rest.
WAIT_CAP_MINUTES = 20


def peak_config(transactions: pd.DataFrame, **assumptions: float) -> CheckoutConfig:
    """A checkout config for the busiest hour of the till data (weekday or weekend)."""
    rates = peak_arrival_rates(transactions)
    peak = rates.loc[rates["arrivals_per_minute"].idxmax()]
    return CheckoutConfig(arrival_rate=float(peak["arrivals_per_minute"]),
                          basket_sizes=basket_items(transactions, int(peak["hour"])), **assumptions)


def checkout_figure(table: pd.DataFrame, express: int, lang: str | None = None) -> go.Figure:
    """Mean wait by number of express lanes, one line per lane type; the chosen plan marked."""
    fig = go.Figure()
    for i, lane in enumerate(LANE_TYPES):
        y, symbols = _capped(table[table["lane_type"] == lane]["mean_wait"])
        fig.add_scatter(x=table[table["lane_type"] == lane]["express_lanes"].to_numpy(), y=y, mode="lines+markers",
                        name=t(LANE_KEYS[lane], lang), marker=dict(symbol=symbols, size=8),
                        line=dict(color=PALETTE[i], width=3 if lane == "all" else 2))
    shapes, notes = _cap_marks(table, lang)
    fig.update_layout(height=380, template="plotly_white", margin=dict(l=70, r=20, t=30, b=50),
                      xaxis=dict(title=t("chk.x", lang), dtick=1),
                      yaxis=dict(title=t("chk.y", lang, cap=WAIT_CAP_MINUTES), range=_wait_range(table)),
                      shapes=[_marker(express), *shapes], annotations=notes)
    return fig


def _capped(waits: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Waits drawn at most at the cap (a wait above it is drawn on the cap as a triangle)."""
    values = waits.to_numpy(dtype=float)
    over = values > WAIT_CAP_MINUTES
    return np.where(over, WAIT_CAP_MINUTES, values), ["triangle-up" if o else "circle" for o in over]


def _cap_marks(table: pd.DataFrame, lang: str | None = None) -> tuple[list[dict], list[dict]]:
    """A dashed line and "≥ cap" at the cap when some wait is above it (nothing otherwise)."""
    if not (table["mean_wait"].to_numpy(dtype=float) > WAIT_CAP_MINUTES).any():
        return [], []
    line = dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=WAIT_CAP_MINUTES, y1=WAIT_CAP_MINUTES,
                line=dict(color="#a94442", dash="dash", width=1))
    note = dict(xref="paper", yref="y", x=1, y=WAIT_CAP_MINUTES, xanchor="right", yanchor="bottom", showarrow=False,
                text=t("chk.capped", lang, cap=WAIT_CAP_MINUTES), font=dict(color="#a94442", size=12))
    return [line], [note]


def _wait_range(table: pd.DataFrame) -> list[float]:
    top = float(np.nanmax(table["mean_wait"].to_numpy(dtype=float), initial=0.0))
    if top > WAIT_CAP_MINUTES:  # room above the cap line for its label
        return [0.0, WAIT_CAP_MINUTES * 1.12]
    return [0.0, max(top * 1.1, 1.0)]


def _marker(express: int) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=express, x1=express, y0=0, y1=1,
                line=dict(color="#555", dash="dot"))


class CheckoutView(View):
    """Lanes, express lanes, item limit and arrival rate; chart and summary follow in place."""

    def __init__(self, config: CheckoutConfig, express: int = 0, seed: int = 0, lang: Language = LANG) -> None:
        self.config, self.seed = config, seed
        lanes = config.regular_lanes + config.express_lanes
        style, wide = {"description_width": "initial"}, W.Layout(width="420px")
        self.lanes = W.IntSlider(value=lanes, min=2, max=20, style=style, layout=wide)
        self.express = W.IntSlider(value=express, min=0, max=lanes - 1, style=style, layout=wide)
        self.limit = W.IntSlider(value=config.express_item_limit, min=3, max=20, style=style, layout=wide)
        self.rate = W.FloatSlider(value=round(config.arrival_rate, 2), min=0.5, max=6.0, step=0.05,
                                  style=style, layout=wide)
        self.title, self.summary = W.HTML(), W.HTML()
        self.table = self._simulate()
        self.figure = FigureWidget(checkout_figure(self.table, express))
        for w in (self.lanes, self.express, self.limit, self.rate):
            w.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox([self.lanes, self.express, self.limit, self.rate],
                         layout=W.Layout(grid_template_columns="repeat(2, 440px)"))
        super().__init__([self.title, grid, self.figure, self.summary], lang=lang)
        self.refresh()

    def __repr__(self) -> str:
        chosen = self._chosen()
        return (f"CheckoutView(lanes={self.lanes.value}, express={self.express.value}, "
                f"arrivals_per_minute={self.rate.value:.2f}, mean_wait={chosen['mean_wait']:.2f})")

    def utilisation(self) -> float:
        """Offered load per lane: arrivals × mean service time / lanes (≥ 1: the queue explodes)."""
        plan = self._plan()
        mean_service = plan.payment_time + plan.time_per_item * float(np.mean(plan.basket_sizes))
        return plan.arrival_rate * mean_service / plan.regular_lanes

    def _plan(self) -> CheckoutConfig:
        return replace(self.config, regular_lanes=self.lanes.value, express_lanes=0,
                       express_item_limit=self.limit.value, arrival_rate=self.rate.value)

    def _simulate(self) -> pd.DataFrame:
        options = list(range(0, min(self.lanes.value, 7)))
        return compare_express(self._plan(), options, self.seed)

    def _chosen(self) -> pd.Series:
        rows = self.table[(self.table["express_lanes"] == self.express.value) & (self.table["lane_type"] == "all")]
        return rows.iloc[0] if len(rows) else pd.Series({"mean_wait": np.nan, "p90_wait": np.nan,
                                                          "mean_queue_length": np.nan})

    def refresh(self) -> None:
        """Re-simulate the options for the current floor and update chart and summary."""
        self.express.max = max(self.lanes.value - 1, 0)
        self.table = self._simulate()
        new = checkout_figure(self.table, self.express.value)
        with self.figure.batch_update():
            for old, fresh in zip(self.figure.data, new.data):
                old.x, old.y, old.name, old.marker.symbol = fresh.x, fresh.y, fresh.name, fresh.marker.symbol
            self.figure.layout.shapes = new.layout.shapes
            self.figure.layout.annotations = new.layout.annotations
            self.figure.layout.xaxis.title.text = t("chk.x")
            self.figure.layout.yaxis.title.text = t("chk.y", cap=WAIT_CAP_MINUTES)
            self.figure.layout.yaxis.range = _wait_range(self.table)
        for w, key in ((self.lanes, "chk.lanes"), (self.express, "chk.express"),
                       (self.limit, "chk.limit"), (self.rate, "chk.rate")):
            w.description = t(key)
        self.title.value = f"<h3>{t('chk.title')}</h3>"
        c = self._chosen()
        if self.utilisation() >= 1:
            self.summary.value = error_box("chk.unstable")
        else:
            self.summary.value = info_html(t("chk.summary", wait=c["mean_wait"], p90=c["p90_wait"],
                                             queue=c["mean_queue_length"]))


def checkout_view(tables: dict[str, pd.DataFrame], express: int = 0, seed: int = 0,
                  lang: Language = LANG, **assumptions: float) -> CheckoutView:
    """Express-lane planner for the busiest hour of ``tables["transactions"]``.

    ``assumptions`` are :class:`crm.cases.supermarket.checkout.CheckoutConfig` fields (lanes, service
    times) that the case's datasheet names.
    """
    return CheckoutView(peak_config(tables["transactions"], **assumptions), express, seed, lang)
