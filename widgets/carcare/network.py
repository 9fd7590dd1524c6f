"""Service-network view: how many of the 1,023 centres of seeds/004's network (another firm) would answer
within 30 minutes (an assumed target) as demand and staff change."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.carcare.network import network_promise, promise_summary, staff_to_meet
from crm.core.schemas import DataError
from widgets.common import info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

EDGES = np.linspace(0.0, 1.0, 21)  # 5-point bins of the share answered in time


def _histogram(per_centre: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    counts, _ = np.histogram(per_centre["within_promise"].clip(0, 1), bins=EDGES)
    return (EDGES[:-1] + EDGES[1:]) / 2, counts


def network_figure(per_centre: pd.DataFrame, target: float, lang: str | None = None) -> go.Figure:
    """Centres by the share of their peak-hour requests answered within 30 minutes; the target as a line."""
    mid, counts = _histogram(per_centre)
    colours = ["#27ae60" if m >= target else "#c0392b" for m in mid]
    fig = go.Figure(go.Bar(x=mid, y=counts, width=0.045, marker_color=colours))
    fig.update_layout(height=380, template="plotly_white", margin=dict(l=60, r=20, t=20, b=50),
                      xaxis=dict(title=t("net.x", lang), tickformat=".0%", range=[0, 1.02]),
                      yaxis=dict(title=t("net.y", lang)), shapes=[_target_line(target)])
    return fig


def _target_line(target: float) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=target, x1=target, y0=0, y1=1,
                line=dict(color="#555", dash="dot"))


class NetworkView(View):
    """Demand, staff, handling time and target sliders; the histogram and totals follow in place."""

    def __init__(self, centres: pd.DataFrame, handling_minutes: float = 20.0, lang: Language = LANG) -> None:
        self.centres = centres
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.demand = W.FloatSlider(value=1.0, min=0.5, max=2.0, step=0.05, readout_format=".2f", style=style,
                                    layout=wide)
        self.extra = W.IntSlider(value=0, min=-1, max=4, style=style, layout=wide)
        self.handling = W.FloatSlider(value=handling_minutes, min=5.0, max=40.0, step=1.0, style=style, layout=wide)
        self.target = W.FloatSlider(value=0.9, min=0.5, max=0.99, step=0.01, readout_format=".0%", style=style,
                                    layout=wide)
        self.title, self.summary, self.message = W.HTML(), W.HTML(), W.HTML()
        self._compute()
        self.figure = FigureWidget(network_figure(self.per_centre, self.target.value))
        for s in (self.demand, self.extra, self.handling, self.target):
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox([self.demand, self.extra, self.handling, self.target],
                         layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.message, self.figure, self.summary], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        s = self.totals
        return (f"NetworkView(centres={s['centres']}, meeting_target={s['centres_meeting_target']}, "
                f"within_30min={s['requests_within_promise']:.3f})")

    def _compute(self) -> None:
        self.per_centre = network_promise(self.centres, self.demand.value, self.extra.value, self.handling.value)
        self.totals = promise_summary(self.per_centre, self.target.value)
        self.needed = int(staff_to_meet(self.centres, min(self.target.value, 0.999), self.demand.value,
                                        self.handling.value).sum())

    def refresh(self) -> None:
        """Recompute every centre's queue and update the bars in place."""
        try:
            self._compute()
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        mid, counts = _histogram(self.per_centre)
        with self.figure.batch_update():
            self.figure.data[0].y = counts
            self.figure.data[0].marker.color = ["#27ae60" if m >= self.target.value else "#c0392b" for m in mid]
            self.figure.layout.shapes = [_target_line(self.target.value)]
        self._summary()

    def _summary(self) -> None:
        s = self.totals
        self.summary.value = info_html(t("net.summary", meet=s["centres_meeting_target"], n=s["centres"],
                                         share=s["requests_within_promise"], over=s["overloaded_centres"],
                                         staff=s["staff"], need=self.needed))

    def relabel(self) -> None:
        """Every label in the current language."""
        for key, s in (("net.demand", self.demand), ("net.extra", self.extra), ("net.handling", self.handling),
                       ("net.target", self.target)):
            s.description = t(key)
        self.title.value = f"<h3>{t('net.title')}</h3>"
        with self.figure.batch_update():
            self.figure.layout.xaxis.title.text = t("net.x")
            self.figure.layout.yaxis.title.text = t("net.y")
        self._summary()


@view_or_error
def network_view(tables: dict[str, pd.DataFrame], handling_minutes: float = 20.0,
                 lang: Language = LANG) -> NetworkView | W.HTML:
    """A 30-minute first response (assumed target) across seeds/004's service network (``centres`` table)."""
    return NetworkView(tables["centres"], handling_minutes, lang)
