"""Three-step acquisition view: the funnel in the data and a what-if on each step's conversion."""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.funnel import FUNNEL_STEPS, acquisition_funnel, funnel_what_if
from widgets.common import PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View


def funnel_figure(table: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Horizontal bars, first step on top: the data's counts and the what-if counts."""
    labels = [t(f"funnel.{s}", lang) for s in table.index]
    fig = go.Figure([
        go.Bar(y=labels, x=table["customers"].to_numpy(), orientation="h", name=t("funnel.actual", lang),
               marker_color=PALETTE[0], text=[f"{v:,}" for v in table["customers"]], textposition="auto"),
        go.Bar(y=labels, x=table["what_if_customers"].to_numpy(), orientation="h", name=t("funnel.what_if", lang),
               marker_color=PALETTE[1], text=[f"{v:,.0f}" for v in table["what_if_customers"]], textposition="auto"),
    ])
    fig.update_layout(barmode="group", height=380, template="plotly_white", margin=dict(l=230, r=20, t=30, b=50),
                      yaxis=dict(autorange="reversed"), xaxis=dict(title=t("funnel.x", lang)),
                      legend=dict(orientation="h", y=1.08))
    return fig


class FunnelView(View):
    """A slider per step (its conversion rate); the what-if bars and the summary follow in place."""

    def __init__(self, customers: pd.DataFrame, since: str | pd.Timestamp | None = None, lang: Language = LANG) -> None:
        self.funnel = acquisition_funnel(customers, since)
        self.sliders = {step: W.FloatSlider(value=round(float(self.funnel.loc[step, "rate"]), 2), min=0.0, max=1.0,
                                            step=0.01, readout_format=".0%", style={"description_width": "initial"},
                                            layout=W.Layout(width="460px"))
                        for step in FUNNEL_STEPS[1:]}
        self.table = funnel_what_if(self.funnel, self.rates)
        self.title, self.summary = W.HTML(), W.HTML()
        self.figure = FigureWidget(funnel_figure(self.table))
        for s in self.sliders.values():
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(2, 480px)"))
        super().__init__([self.title, grid, self.figure, self.summary], lang=lang)
        self.relabel()

    @property
    def rates(self) -> dict[str, float]:
        return {step: s.value for step, s in self.sliders.items()}

    def __repr__(self) -> str:
        counts = dict(zip(self.funnel.index, self.funnel["customers"]))
        return f"FunnelView(steps={counts})"

    def refresh(self) -> None:
        """Recompute the what-if counts and update the bars and the summary in place."""
        self.table = funnel_what_if(self.funnel, self.rates)
        with self.figure.batch_update():
            bar = self.figure.data[1]
            bar.x = self.table["what_if_customers"].to_numpy()
            bar.text = [f"{v:,.0f}" for v in self.table["what_if_customers"]]
        last = self.table.iloc[-1]
        self.summary.value = info_html(t("funnel.summary", first=int(self.table["customers"].iloc[0]),
                                         actual=int(last["customers"]), what_if=last["what_if_customers"],
                                         delta=last["what_if_customers"] - last["customers"]))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('funnel.title')}</h3>"
        for step, s in self.sliders.items():
            s.description = t(f"funnel.rate.{step}")
        labels = [t(f"funnel.{s}") for s in self.table.index]
        with self.figure.batch_update():
            for bar, key in zip(self.figure.data, ("funnel.actual", "funnel.what_if")):
                bar.y, bar.name = labels, t(key)
            self.figure.layout.xaxis.title.text = t("funnel.x")
        self.refresh()


def funnel_view(tables: dict[str, pd.DataFrame], since: str | pd.Timestamp | None = None,
                lang: Language = LANG) -> FunnelView:
    """The three-step acquisition funnel of ``tables["customers"]`` (vehicles first seen on or after ``since``)."""
    return FunnelView(tables["customers"], since, lang)
