"""Service–profit chain view: set the links' strengths, push internal service quality, watch profit."""
from __future__ import annotations

from dataclasses import asdict, fields

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.core.schemas import DataError
from crm.cases.carcare.service_profit import STAGES, ChainBaseline, ChainLinks, chain_baseline, chain_links_from_data, simulate_chain
from widgets.common import html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

#: slider range per link (min, max, step)
LINK_RANGES = {"quality_to_satisfaction": (0.0, 1.5, 0.05), "satisfaction_to_turnover": (-2.0, 0.0, 0.05),
               "satisfaction_to_productivity": (0.0, 0.2, 0.005), "satisfaction_to_value": (0.0, 1.5, 0.05),
               "value_to_customer_satisfaction": (0.0, 1.5, 0.05), "satisfaction_to_loyalty": (0.0, 1.5, 0.05)}
LINK_FORMATS = {"assumed": "{:.3f}", "data_slope": "{:.3f}", "correlation": "{:.2f}", "n": "{:,}"}
LINK_LABELS = {k: f"spc.{k}" for k in LINK_FORMATS}


def chain_figure(result: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Relative change at each stage of the chain, first stage on top; green up, red down."""
    stages = list(result.index)[::-1]
    rel = result.loc[stages, "relative_change"].fillna(0.0)
    fig = go.Figure(go.Bar(y=[t(f"spc.stage.{s}", lang) for s in stages], x=rel, orientation="h",
                           marker_color=["#27ae60" if v >= 0 else "#c0392b" for v in rel],
                           text=[f"{v:+.1%}" for v in rel], textposition="outside"))
    fig.update_layout(height=420, template="plotly_white", margin=dict(l=170, r=40, t=20, b=50),
                      xaxis=dict(title=t("spc.x", lang), tickformat="+.0%"))
    return fig


class ServiceProfitView(View):
    """A quality-change slider and one slider per link; the chain and the money follow in place."""

    def __init__(self, base: ChainBaseline, data_links: pd.DataFrame, links: ChainLinks = ChainLinks(),
                 lang: Language = LANG) -> None:
        self.base, self.data_links = base, data_links
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.change = W.FloatSlider(value=1.0, min=-2.0, max=3.0, step=0.1, style=style, layout=wide)
        self.links = {f.name: W.FloatSlider(value=getattr(links, f.name), min=LINK_RANGES[f.name][0],
                                            max=LINK_RANGES[f.name][1], step=LINK_RANGES[f.name][2],
                                            readout_format=".3f", style=style, layout=wide)
                      for f in fields(ChainLinks)}
        self.title, self.summary, self.table, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.result = simulate_chain(self.change.value, self._links(), base)
        self.figure = FigureWidget(chain_figure(self.result))
        for s in (self.change, *self.links.values()):
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox([self.change, *self.links.values()], layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.message, self.figure, self.summary, self.table], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        r = self.result
        return (f"ServiceProfitView(quality_change={self.change.value:+.1f}, "
                f"loyalty={r.loc['loyalty', 'scenario']:.3f}, revenue_change={r.loc['revenue', 'change']:+,.0f})")

    def _links(self) -> ChainLinks:
        return ChainLinks(**{k: float(s.value) for k, s in self.links.items()})

    def refresh(self) -> None:
        """Re-simulate and update the bars in place."""
        try:
            self.result = simulate_chain(self.change.value, self._links(), self.base)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        fresh = chain_figure(self.result)
        with self.figure.batch_update():
            bar = self.figure.data[0]
            bar.x, bar.text, bar.marker.color = fresh.data[0].x, fresh.data[0].text, fresh.data[0].marker.color
        self._text()

    def _text(self) -> None:
        r = self.result
        self.summary.value = info_html(t("spc.summary", rev=r.loc["revenue", "change"], profit=r.loc["profit", "change"]))
        links = asdict(self._links())
        rows = pd.DataFrame({"assumed": links}).join(self.data_links)
        rows = rows.drop(index=[k for k in rows.index if k not in self.data_links.index])
        rows["n"] = rows["n"].astype(int)
        self.table.value = html_table(rows, LINK_FORMATS, view="spc", index_label=t("spc.link"),
                                      index_names=lambda k: t(f"spc.link.{k}"), labels=LINK_LABELS)

    def relabel(self) -> None:
        """Every label in the current language."""
        self.change.description = t("spc.change")
        for k, s in self.links.items():
            s.description = t(f"spc.link.{k}")
        self.title.value = f"<h3>{t('spc.title')}</h3>"
        with self.figure.batch_update():
            self.figure.data[0].y = [t(f"spc.stage.{s}") for s in list(STAGES)[::-1]]
            self.figure.layout.xaxis.title.text = t("spc.x")
        self._text()


@view_or_error
def service_profit_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ServiceProfitView | W.HTML:
    """The service–profit chain simulator, anchored on the case data, with the data's own links beside it."""
    return ServiceProfitView(chain_baseline(tables), chain_links_from_data(tables), ChainLinks(), lang)
