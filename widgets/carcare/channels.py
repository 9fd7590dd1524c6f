"""Channel-mix view: split a monthly marketing budget across channels, see reach, leads,
customers and cost per customer, and compare with the best split of the same budget."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.carcare.channels import best_mix, fit_response_curves, mix_results
from crm.core.schemas import DataError
from widgets.common import LEGEND_BELOW, PALETTE, html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

#: The best mix may spend up to this multiple of the most a channel ever spent: beyond the
#: data a fitted curve is extrapolation (assumption).
EXTRAPOLATION = 1.5
TABLE_FORMATS = {"spend": "{:,.0f}", "reach": "{:,.0f}", "leads": "{:,.0f}", "customers": "{:,.1f}",
                 "cost_per_customer": "{:,.0f}"}
TABLE_LABELS = {"spend": "mix.spend_col", "reach": "mix.reach", "leads": "mix.leads", "customers": "mix.customers",
                "cost_per_customer": "mix.cost_per_customer"}


def channel_name(code: str, lang: str | None = None) -> str:
    """Display name of a channel code."""
    try:
        return t(f"channel.{code}", lang)
    except KeyError:
        return code


def mix_figure(curves: pd.DataFrame, spend: pd.DataFrame, yours: pd.DataFrame, best: pd.DataFrame,
               lang: str | None = None) -> go.Figure:
    """Left: each channel's fitted customer curve, its past months and the two mixes' points.
    Right: customers won per channel under your mix and the best mix."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.1,
                        subplot_titles=(t("mix.curves", lang), t("mix.compare", lang)))
    channels = list(curves.index)
    for i, ch in enumerate(channels):
        top = float(curves.loc[ch, "max_spend"]) * EXTRAPOLATION
        x = np.linspace(top / 60, top, 60)
        y = curves.loc[ch, "customers_at_ref"] * (x / curves.loc[ch, "ref_spend"]) ** curves.loc[ch, "customers_elasticity"]
        colour = PALETTE[i % len(PALETTE)]
        fig.add_scatter(x=x, y=y, mode="lines", line=dict(color=colour), name=channel_name(ch, lang),
                        legendgroup=ch, row=1, col=1)
        past = spend[spend["channel"] == ch]
        fig.add_scatter(x=past["spend"], y=past["customers"], mode="markers", marker=dict(color=colour, size=5,
                        opacity=0.45), showlegend=False, legendgroup=ch, hoverinfo="skip", row=1, col=1)
    names = [channel_name(c, lang) for c in channels]
    for mix, key, symbol, colour in ((yours, "mix.yours", "circle", "#111"), (best, "mix.best", "star", "#c0392b")):
        fig.add_scatter(x=mix.loc[channels, "spend"], y=mix.loc[channels, "customers"], mode="markers",
                        marker=dict(symbol=symbol, size=13, color=colour, line=dict(color="white", width=1)),
                        name=t(key, lang), row=1, col=1)
    for mix, key, colour in ((yours, "mix.yours", "#34495e"), (best, "mix.best", "#c0392b")):
        fig.add_bar(x=names, y=mix.loc[channels, "customers"], name=t(key, lang), marker_color=colour,
                    showlegend=False, row=1, col=2)
    fig.update_layout(height=480, template="plotly_white", barmode="group", margin=dict(l=60, r=20, t=50, b=130),
                      legend=LEGEND_BELOW)  # below the slanted channel names, whatever their language
    fig.update_xaxes(title_text=t("mix.x", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("mix.y", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("mix.customers", lang), row=1, col=2)
    return fig


class ChannelMixView(View):
    """One slider per channel (monthly spend); the chart, the table and the best mix follow in place."""

    def __init__(self, spend: pd.DataFrame, lang: Language = LANG) -> None:
        self.spend = spend
        self.curves = fit_response_curves(spend)
        self.caps = (self.curves["max_spend"] * EXTRAPOLATION).to_dict()
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.sliders = {ch: W.FloatSlider(value=round(float(self.curves.loc[ch, "ref_spend"]), -2), min=0.0,
                                          max=round(self.caps[ch], -2), step=100.0, readout_format=",.0f",
                                          style=style, layout=wide) for ch in self.curves.index}
        self.title, self.table, self.message, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.yours, self.best = self._results()
        self.figure = FigureWidget(mix_figure(self.curves, spend, self.yours, self.best))
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.message, self.figure, self.table, self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return (f"ChannelMixView(budget={self.yours.loc['total', 'spend']:,.0f}, "
                f"customers={self.yours.loc['total', 'customers']:.1f}, best={self.best.loc['total', 'customers']:.1f})")

    def mix(self) -> dict[str, float]:
        """The student's monthly spend per channel."""
        return {ch: float(s.value) for ch, s in self.sliders.items()}

    def _results(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        mix = self.mix()
        best = best_mix(self.curves, sum(mix.values()), max_spend=self.caps)
        return mix_results(self.curves, mix), mix_results(self.curves, best)

    def refresh(self) -> None:
        """Recompute both mixes and move the points, bars and table in place."""
        try:
            self.yours, self.best = self._results()
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        n = len(self.curves)
        with self.figure.batch_update():
            for k, mix in enumerate((self.yours, self.best)):
                spend, won = mix["spend"].to_numpy()[:n], mix["customers"].to_numpy()[:n]  # rows: channels, then total
                self.figure.data[2 * n + k].x = spend
                self.figure.data[2 * n + k].y = won
                self.figure.data[2 * n + 2 + k].y = won
        self._table()

    def _table(self) -> None:
        rows = pd.concat([self.yours.iloc[[-1]], self.best.iloc[[-1]]]).set_axis(["mix.yours", "mix.best"])
        self.table.value = html_table(rows, TABLE_FORMATS, view="mix", index_label=t("mix.mix"),
                                      index_names=lambda k: t(k), labels=TABLE_LABELS)

    def relabel(self) -> None:
        """Every label in the current language."""
        channels = list(self.curves.index)
        n = len(channels)
        for ch, s in self.sliders.items():
            s.description = t("mix.spend", channel=channel_name(ch))
        self.title.value = f"<h3>{t('mix.title')}</h3>"
        fresh = mix_figure(self.curves, self.spend, self.yours, self.best)
        with self.figure.batch_update():
            for i in range(n):
                self.figure.data[2 * i].name = channel_name(channels[i])
            for k in range(2):
                self.figure.data[2 * n + k].name = fresh.data[2 * n + k].name
                self.figure.data[2 * n + 2 + k].name = fresh.data[2 * n + 2 + k].name
                self.figure.data[2 * n + 2 + k].x = fresh.data[2 * n + 2 + k].x
            self.figure.layout.annotations = fresh.layout.annotations
            self.figure.layout.xaxis.title.text = t("mix.x")
            self.figure.layout.yaxis.title.text = t("mix.y")
            self.figure.layout.yaxis2.title.text = t("mix.customers")
        self._table()
        months = int(self.spend.groupby("channel").size().min())
        self.note.value = info_html(t("mix.note", months=months, cap=EXTRAPOLATION))


@view_or_error
def channel_mix_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ChannelMixView | W.HTML:
    """The channel-mix simulator on a case's ``channel_spend`` table (a bilingual message if it cannot be fitted)."""
    return ChannelMixView(tables["channel_spend"], lang)
