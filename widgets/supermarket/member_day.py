"""Campaign simulator view: member day and birthday SMS, incremental profit by ABC class."""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.supermarket.member_day import CAMPAIGNS, CampaignConfig, campaign_base, simulate_campaigns
from widgets.common import PALETTE, html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

#: slider key → (config field, min, max, step, readout format)
CONTROLS = {
    "camp.uplift": ("member_day_uplift_visits", 0.0, 3.0, 0.05, ".0%"),
    "camp.discount": ("member_day_discount", 0.0, 0.2, 0.01, ".0%"),
    "camp.margin": ("gross_margin", 0.05, 0.4, 0.01, ".0%"),
    "camp.fixed": ("member_day_fixed_cost", 0.0, 20000.0, 500.0, ",.0f"),
    "camp.response": ("birthday_response_rate", 0.0, 0.5, 0.01, ".0%"),
    "camp.coupon": ("birthday_coupon_value", 0.0, 50.0, 1.0, ".0f"),
}
TABLE_FORMATS = {"incremental_profit_mean": "{:,.0f}", "incremental_profit_p5": "{:,.0f}",
                 "incremental_profit_p95": "{:,.0f}", "cost": "{:,.0f}", "roi_mean": "{:.2f}"}
TABLE_LABELS = {"incremental_profit_mean": "camp.profit_mean", "incremental_profit_p5": "camp.profit_p5",
                "incremental_profit_p95": "camp.profit_p95", "cost": "camp.cost", "roi_mean": "camp.roi"}


def segment_label(segment: str, lang: str | None = None) -> str:
    """A class label for charts and tables ("all" translated)."""
    return t("camp.all", lang) if segment == "all" else segment


def campaign_figure(summary: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Bars of mean incremental profit per class, with the 5–95 % range, one colour per campaign."""
    fig = go.Figure()
    for i, campaign in enumerate(CAMPAIGNS):
        rows = summary[summary["campaign"] == campaign]
        mean = rows["incremental_profit_mean"].to_numpy()
        fig.add_bar(x=[segment_label(s, lang) for s in rows["segment"].astype(str)], y=mean, name=t(f"camp.{campaign}", lang),
                    marker_color=PALETTE[i],
                    error_y=dict(type="data", symmetric=False,
                                 array=rows["incremental_profit_p95"].to_numpy() - mean,
                                 arrayminus=mean - rows["incremental_profit_p5"].to_numpy()))
    fig.update_layout(barmode="group", height=380, template="plotly_white", margin=dict(l=70, r=20, t=30, b=50),
                      xaxis=dict(title=t("camp.segment", lang)), yaxis=dict(title=t("camp.x", lang)))
    return fig


class CampaignView(View):
    """Sliders for the campaign assumptions; the chart and table follow them in place."""

    def __init__(self, base: pd.DataFrame, config: CampaignConfig = CampaignConfig(), n_sims: int = 1000,
                 seed: int = 0, lang: Language = LANG) -> None:
        self.base, self.config, self.n_sims, self.seed = base, config, n_sims, seed
        self.sliders = {key: W.FloatSlider(value=getattr(config, field), min=lo, max=hi, step=step,
                                           readout_format=fmt, style={"description_width": "initial"},
                                           layout=W.Layout(width="420px"))
                        for key, (field, lo, hi, step, fmt) in CONTROLS.items()}
        self.title, self.table, self.note = W.HTML(), W.HTML(), W.HTML()
        self.result = simulate_campaigns(base, config, n_sims, seed)
        self.figure = FigureWidget(campaign_figure(self.result.summary))
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(2, 440px)"))
        super().__init__([self.title, grid, self.figure, self.table, self.note], lang=lang)
        self.refresh()

    def __repr__(self) -> str:
        rows = self.result.summary.query("segment == 'all'")
        profit = dict(zip(rows["campaign"], rows["incremental_profit_mean"].round(0)))
        return f"CampaignView(members={int((self.base['card_type'] == 'member').sum())}, mean_profit={profit})"

    def refresh(self) -> None:
        """Re-simulate with the sliders' values and update the chart and table in place."""
        self.config = replace(self.config, **{CONTROLS[k][0]: s.value for k, s in self.sliders.items()})
        self.result = simulate_campaigns(self.base, self.config, self.n_sims, self.seed)
        new = campaign_figure(self.result.summary)
        with self.figure.batch_update():
            for old, fresh in zip(self.figure.data, new.data):
                old.x, old.y, old.error_y, old.name = fresh.x, fresh.y, fresh.error_y, fresh.name
            self.figure.layout.xaxis.title.text = t("camp.segment")
            self.figure.layout.yaxis.title.text = t("camp.x")
        for key, s in self.sliders.items():
            s.description = t(key)
        self.title.value = f"<h3>{t('camp.title')}</h3>"
        shown = self.result.summary.set_index(["campaign", "segment"])
        self.table.value = html_table(shown, TABLE_FORMATS, view="camp", index_label=t("camp.campaign"),
                                      index_names=lambda ix: f"{t('camp.' + ix[0])} · {segment_label(ix[1])}",
                                      labels=TABLE_LABELS)
        self.note.value = info_html(t("camp.note", n=self.n_sims))


def campaign_view(tables: dict[str, pd.DataFrame], config: CampaignConfig = CampaignConfig(),
                  n_sims: int = 1000, seed: int = 0, lang: Language = LANG) -> CampaignView:
    """Member-day and birthday-SMS simulator on a case's members, by ABC class."""
    return CampaignView(campaign_base(tables["transactions"], tables["customers"]), config, n_sims, seed, lang)
