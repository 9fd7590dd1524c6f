"""Each RFM segment's share of last year's spend beside its share of the value ahead (BG/NBD + Gamma-Gamma CLV).

Two bars per segment: what it spent in the year (the RFM grid's view) and what the models expect
it to be worth over the horizon, discounted. Sliders for the horizon (months) and the yearly
discount rate re-sum the forecast prepared once (:func:`crm.cases.supermarket.segment_value.segment_value`)
and restyle the CLV bars and the table in place.
"""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.supermarket.segment_value import (DEFAULT_ANNUAL_DISCOUNT, DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS,
                                                 SegmentValue, segment_value)
from widgets.common import PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import table_html
from widgets.view import View, view_or_error

COLUMNS = {"customers": "int", "past_spend": "yuan", "clv": "yuan", "clv_per_customer": "yuan", "p_alive": "share",
           "clv_over_past": "num2"}


def segment_value_figure(sv: SegmentValue, horizon: int = DEFAULT_HORIZON_MONTHS,
                         annual_discount: float = DEFAULT_ANNUAL_DISCOUNT, lang: str | None = None) -> go.Figure:
    """Past-spend share and CLV share per segment, as grouped bars."""
    tb = sv.table(horizon, annual_discount)
    names = [t(f"seg.{s}", lang) for s in tb.index]
    fig = go.Figure([go.Bar(x=names, y=tb["past_share"].to_numpy(), name=t("sv.past", lang), marker_color="#b8c2cc"),
                     go.Bar(x=names, y=tb["clv_share"].to_numpy(), name=t("sv.future", lang, months=horizon),
                            marker_color=PALETTE[0])])
    fig.update_layout(barmode="group", height=420, template="plotly_white", margin=dict(l=60, r=20, t=30, b=80),
                      yaxis=dict(title=t("sv.y", lang), tickformat=".0%"), legend=dict(orientation="h", y=1.1))
    return fig


class SegmentValueView(View):
    """Horizon and discount-rate sliders; the CLV bars, the table and the summary follow in place."""

    def __init__(self, sv: SegmentValue, horizon: int = DEFAULT_HORIZON_MONTHS,
                 annual_discount: float = DEFAULT_ANNUAL_DISCOUNT, lang: Language = LANG) -> None:
        self.sv = sv
        style, wide = {"description_width": "initial"}, W.Layout(width="460px")
        self.horizon = W.IntSlider(value=horizon, min=1, max=sv.forecast.periods, style=style, layout=wide)
        self.discount = W.FloatSlider(value=annual_discount, min=0.0, max=0.30, step=0.01, readout_format=".0%",
                                      style=style, layout=wide)
        self.title, self.table, self.summary, self.note, self.message = (W.HTML() for _ in range(5))
        self.figure = FigureWidget(segment_value_figure(sv, horizon, annual_discount))
        for w in (self.horizon, self.discount):
            w.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, self.horizon, self.discount, self.message, self.figure, self.table,
                          self.summary, self.note], lang=lang)
        self.relabel()

    @property
    def current(self) -> pd.DataFrame:
        return self.sv.table(self.horizon.value, self.discount.value)

    def __repr__(self) -> str:
        tb = self.current
        return (f"SegmentValueView(customers={int(tb['customers'].sum())}, horizon={self.horizon.value}, "
                f"discount={self.discount.value:.2f}, clv={tb['clv'].sum():.0f})")

    def refresh(self) -> None:
        """Restyle the CLV bars and rewrite the table and summary for the current horizon and rate."""
        tb = self.current
        with self.figure.batch_update():
            self.figure.data[1].y = tb["clv_share"].to_numpy()
            self.figure.data[1].name = t("sv.future", months=self.horizon.value)
        self.table.value = table_html(tb, COLUMNS, labels={c: f"sv.col.{c}" for c in COLUMNS} | {"segment": "sv.col.segment"},
                                      index="label:seg.", view="segment-value")
        top = tb["clv_share"].idxmax()
        self.summary.value = info_html(t("sv.summary", months=self.horizon.value, rate=self.discount.value,
                                         clv=tb["clv"].sum(), past=tb["past_spend"].sum(), top=t(f"seg.{top}"),
                                         share=tb.loc[top, "clv_share"]))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('sv.title')}</h3>"
        self.horizon.description, self.discount.description = t("sv.horizon"), t("sv.discount")
        tb = self.current
        with self.figure.batch_update():
            names = [t(f"seg.{s}") for s in tb.index]
            for trace in self.figure.data:
                trace.x = names
            self.figure.data[0].name = t("sv.past")
            self.figure.layout.yaxis.title.text = t("sv.y")
        m, g = self.sv.bgnbd, self.sv.gamma_gamma
        note = t("sv.note", r=m.r, alpha=m.alpha, a=m.a, b=m.b, p=g.p, q=g.q, gamma=g.gamma,
                 spend=g.population_mean_spend)
        self.note.value = f"<p style='color:#666'>{note}</p>"
        self.refresh()


@view_or_error
def segment_value_view(tables: dict[str, pd.DataFrame], horizon: int = DEFAULT_HORIZON_MONTHS,
                       annual_discount: float = DEFAULT_ANNUAL_DISCOUNT, lang: Language = LANG) -> SegmentValueView:
    """Each RFM segment's past spend and CLV ahead on ``tables["transactions"]``."""
    return SegmentValueView(segment_value(tables["transactions"], max_horizon_months=MAX_HORIZON_MONTHS), horizon,
                            annual_discount, lang)
