"""Demand against capacity view: one day's demand, hour by hour, against an optimum and a maximum capacity, with
seeds/004's two levers as sliders (1. 調整服務產能, adjust capacity; 2. 管理顧客對服務的需求水準, manage demand).

The stacked bars split each hour's demand into served within the optimum capacity, served above it, and unmet
(above the maximum); the two lines are the capacities, the dotted line the demand before the demand lever. A
table gives the day's totals, idle capacity included (:func:`crm.cases.concepts.demand.balance`). The demand
profile and the capacities are the data set's assumptions: seeds/004's chart is lost in the scrape. A lever
outside its range gets the bilingual message and the last result stays.
"""
from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go

from crm.cases.concepts.case import _a, QUOTES
from crm.cases.concepts.demand import balance, Balance, lever_range, profile
from crm.core.schemas import DataError
from widgets.common import info_html, TABLE_CSS
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View

LEVERS = next(s for f, s, _ in QUOTES if s.startswith("服務的需求與供給分析"))
BARS = (("within", "#27ae60"), ("above_optimum", "#f39c12"), ("unmet", "#c0392b"))
TOTALS = ("demand", "served", "unmet", "above_optimum", "idle", "moved")


def _bars(b: Balance) -> dict[str, list[float]]:
    h = b.hours
    return {"within": (h["served"] - h["above_optimum"]).tolist(), "above_optimum": h["above_optimum"].tolist(),
            "unmet": h["unmet"].tolist()}


def demand_figure(b: Balance, lang: str | None = None) -> go.Figure:
    """Stacked bars of each hour's demand (within optimum, above optimum, unmet), the two capacity lines and the
    demand before the demand lever."""
    hours = [f"{h:02d}:00" for h in b.hours["hour"]]
    bars = _bars(b)
    fig = go.Figure([go.Bar(x=hours, y=bars[k], name=t(f"cc.dc.bar.{k}", lang), marker_color=c) for k, c in BARS])
    fig.add_trace(go.Scatter(x=hours, y=b.hours["optimum"].tolist(), mode="lines", name=t("cc.dc.optimum", lang),
                             line=dict(color="#2471a3", width=2)))
    fig.add_trace(go.Scatter(x=hours, y=b.hours["maximum"].tolist(), mode="lines", name=t("cc.dc.maximum", lang),
                             line=dict(color="#1b2631", width=2, dash="dash")))
    fig.add_trace(go.Scatter(x=hours, y=profile().tolist(), mode="lines+markers", name=t("cc.dc.before", lang),
                             line=dict(color="#7f8c8d", width=1, dash="dot")))
    top = max(float(profile().max()), float(_a("maximum_capacity")) + lever_range("capacity_change")[1])  # axis fixed
    fig.update_layout(barmode="stack", height=360, template="plotly_white", title=t("cc.dc.fig_title", lang),
                      margin=dict(l=60, r=20, t=50, b=40),
                      xaxis=dict(title=t("cc.dc.time", lang)),
                      yaxis=dict(title=t("cc.dc.quantity", lang), range=[0, top * 1.1]))
    return fig


def totals_html(b: Balance, lang: str | None = None) -> str:
    """The day's totals, customers: demand, served, unmet, above optimum, idle optimum capacity, demand moved."""
    body = "".join(f"<tr><td style='text-align:left'>{html.escape(t(f'cc.dc.total.{k}', lang))}</td>"
                   f"<td data-total='{k}'>{getattr(b, k):,.1f}</td></tr>" for k in TOTALS)
    return (f'{TABLE_CSS}<table class="crm-table" data-view="cc.dc.totals" style="max-width:560px">'
            f"<thead><tr><th style='text-align:left'>{html.escape(t('cc.dc.day', lang))}</th>"
            f"<th>{html.escape(t('cc.dc.customers', lang))}</th></tr></thead><tbody>{body}</tbody></table>")


class DemandView(View):
    """Two levers (capacity, demand); the bars, the lines and the totals follow in place."""

    def __init__(self, lang: Language = LANG) -> None:
        style, wide = {"description_width": "380px"}, W.Layout(width="760px")
        low, high = lever_range("capacity_change")
        self.capacity = W.IntSlider(value=0, min=int(low), max=int(high), step=1, style=style, layout=wide)
        low, high = lever_range("demand_shift")
        self.shift = W.FloatSlider(value=low, min=low, max=high, step=0.1, readout_format=".0%", style=style,
                                   layout=wide)
        self.title, self.levers, self.table, self.note, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.result = balance()
        self.figure = FigureWidget(demand_figure(self.result))
        for s in (self.capacity, self.shift):
            s.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, self.levers, self.capacity, self.shift, self.message, self.figure, self.table,
                          self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        b = self.result
        return (f"DemandView(capacity_change={b.capacity_change}, demand_shift={b.demand_shift:g}, "
                f"unmet={b.unmet:g}, idle={b.idle:g})")

    def calculate(self, capacity_change: float | None = None, demand_shift: float | None = None) -> None:
        """Apply the levers (the sliders' by default); a lever outside its range is explained, the last result stays."""
        try:
            self.result = balance(self.capacity.value if capacity_change is None else capacity_change,
                                  self.shift.value if demand_shift is None else demand_shift)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.table.value = totals_html(self.result)
        bars, b = _bars(self.result), self.result
        with self.figure.batch_update():
            for trace, (key, _) in zip(self.figure.data[:3], BARS):
                trace.y = bars[key]
            self.figure.data[3].y = b.hours["optimum"].tolist()
            self.figure.data[4].y = b.hours["maximum"].tolist()

    def refresh(self) -> None:
        """Recompute from the sliders; update the bars, the lines and the totals in place."""
        self.calculate()

    def relabel(self) -> None:
        """Every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('cc.dc.title'))}</h3>"
        self.levers.value = f"<div>{quoted(LEVERS)} <span style='color:#555'>{html.escape(t('cc.dc.levers'))}</span></div>"
        self.capacity.description = t("cc.dc.capacity")
        self.shift.description = t("cc.dc.shift")
        self.note.value = info_html(t("cc.dc.note"))
        with self.figure.batch_update():
            for trace, key in zip(self.figure.data, [k for k, _ in BARS] + ["optimum", "maximum", "before"]):
                trace.name = t(f"cc.dc.bar.{key}" if key in dict(BARS) else f"cc.dc.{key}")
            self.figure.layout.title.text = t("cc.dc.fig_title")
            self.figure.layout.xaxis.title.text = t("cc.dc.time")
            self.figure.layout.yaxis.title.text = t("cc.dc.quantity")
        self.refresh()


def demand_view(lang: Language = LANG) -> DemandView:
    """Demand against capacity (it needs no table: the day is the assumptions' profile)."""
    return DemandView(lang)
