"""Routing view: requests from the branches today (straight to the back office) against the hub design.

Both designs serve the same simulated year of requests (crm.cases.futures.routing); the defaults are
measured on the case's request log (branches, request rate, how often a problem is
shared, the department mix). A student changes the number of branches, the sharing and
the staffing; the measures and the flow diagram follow in place.
"""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.futures.routing import DEPARTMENTS, DESIGNS, RoutingConfig, config_from_requests, flow_counts, generate_requests, \
    simulate_routing
from crm.core.schemas import DataError
from widgets.common import PALETTE, html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

#: The measures shown side by side: summary key → number format.
MEASURES = {"repeat_jobs": "{:,}", "seen_by_cs_share": "{:.0%}", "mean_hours": "{:.1f}",
            "back_office_utilisation": "{:.0%}"}
TABLE_FORMATS = {"requests": "{:,}", "back_office_jobs": "{:,}", "repeat_jobs": "{:,}", "seen_by_cs_share": "{:.0%}",
                 "mean_hours": "{:.1f}", "p90_hours": "{:.1f}", "back_office_utilisation": "{:.0%}"}
STAGES = ("branches", "customer_service", *DEPARTMENTS, "answered_by_cs")
DESIGN_COLOURS = {"today": "#c0392b", "hub": "#2980b9"}


def run_designs(config: RoutingConfig, seed: int = 0) -> dict:
    """Both designs on one simulated request stream: ``{design: RoutingResult}``."""
    req = generate_requests(config, seed)
    return {d: simulate_routing(req, d, config, seed) for d in DESIGNS}


def measures_figure(results: dict, lang: str | None = None) -> go.Figure:
    """Four small bar charts, today against the hub: repeated jobs, visibility, time, load."""
    fig = make_subplots(rows=1, cols=len(MEASURES), subplot_titles=[t(f"route.{m}", lang) for m in MEASURES],
                        horizontal_spacing=0.08)
    for i, m in enumerate(MEASURES, start=1):
        y = [results[d].summary[m] for d in DESIGNS]
        fig.add_bar(x=[t(f"route.{d}", lang) for d in DESIGNS], y=y, row=1, col=i, showlegend=False,
                    marker_color=[DESIGN_COLOURS[d] for d in DESIGNS],
                    text=[MEASURES[m].format(v) for v in y], textposition="auto")
    fig.update_yaxes(rangemode="tozero")
    for i in (2, 4):
        fig.update_yaxes(tickformat=".0%", row=1, col=i)
    fig.update_layout(height=320, margin=dict(l=40, r=20, t=50, b=40), template="plotly_white")
    return fig


def _sankey_arrays(results: dict, lang: str | None) -> dict:
    out = {}
    for d in DESIGNS:
        flows = flow_counts(results[d])
        nodes = [s for s in STAGES if s in set(flows["source"]) | set(flows["target"])]
        index = {n: i for i, n in enumerate(nodes)}
        out[d] = dict(labels=[t(f"route.stage.{n}", lang) for n in nodes],
                      colours=[PALETTE[STAGES.index(n) % len(PALETTE)] for n in nodes],
                      source=[index[s] for s in flows["source"]], target=[index[x] for x in flows["target"]],
                      value=flows["requests"].tolist())
    return out


def flow_figure(results: dict, lang: str | None = None) -> go.Figure:
    """The two designs as flow diagrams (Sankey), today on the left, the hub on the right."""
    a = _sankey_arrays(results, lang)
    fig = go.Figure()
    for i, d in enumerate(DESIGNS):
        fig.add_trace(go.Sankey(domain=dict(x=[0.0, 0.46] if i == 0 else [0.54, 1.0], y=[0, 0.92]),
                                node=dict(label=a[d]["labels"], color=a[d]["colours"], pad=14, thickness=16),
                                link=dict(source=a[d]["source"], target=a[d]["target"], value=a[d]["value"]),
                                valueformat=",d", name=t(f"route.{d}", lang)))
    fig.update_layout(height=360, margin=dict(l=20, r=20, t=40, b=10), annotations=_flow_titles(lang))
    return fig


def _flow_titles(lang: str | None) -> list[dict]:
    return [dict(x=x, y=1.0, xref="paper", yref="paper", showarrow=False, font=dict(size=14),
                 text=f"<b>{t(f'route.{d}_long', lang)}</b>") for x, d in zip((0.23, 0.77), DESIGNS)]


class RoutingView(View):
    """Sliders for branches, sharing and staffing; measures, flows and table follow in place."""

    def __init__(self, base: RoutingConfig, seed: int = 0, lang: Language = LANG) -> None:
        self.base, self.seed = base, seed
        style, layout = {"description_width": "initial"}, W.Layout(width="440px")
        self.branches = W.IntSlider(value=base.branches, min=2, max=40, style=style, layout=layout)
        self.shared = W.FloatSlider(value=round(base.shared_share, 2), min=0.0, max=0.9, step=0.05,
                                    readout_format=".0%", style=style, layout=layout)
        self.staff = W.IntSlider(value=base.department_staff, min=1, max=8, style=style, layout=layout)
        self.cs_staff = W.IntSlider(value=base.cs_staff, min=1, max=8, style=style, layout=layout)
        self.title, self.table, self.message, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.results = run_designs(self.config, seed)
        self.measures = FigureWidget(measures_figure(self.results))
        self.flows = FigureWidget(flow_figure(self.results))
        for s in (self.branches, self.shared, self.staff, self.cs_staff):
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox([self.branches, self.shared, self.staff, self.cs_staff],
                         layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.message, self.measures, self.flows, self.table, self.note], lang=lang)
        self.relabel()

    @property
    def config(self) -> RoutingConfig:
        return replace(self.base, branches=self.branches.value, shared_share=self.shared.value,
                       department_staff=self.staff.value, cs_staff=self.cs_staff.value)

    def __repr__(self) -> str:
        s = {d: self.results[d].summary for d in DESIGNS}
        return (f"RoutingView(branches={self.branches.value}, requests={s['today']['requests']}, "
                f"repeat_jobs={{today: {s['today']['repeat_jobs']}, hub: {s['hub']['repeat_jobs']}}}, "
                f"mean_hours={{today: {s['today']['mean_hours']:.1f}, hub: {s['hub']['mean_hours']:.1f}}})")

    def refresh(self) -> None:
        """Simulate again with the controls' values and update the figures in place."""
        try:
            self.results = run_designs(self.config, self.seed)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self._draw()

    def _draw(self) -> None:
        # Arrays only: building a new subplot figure per move would cost more than the simulation.
        flows = _sankey_arrays(self.results, None)
        with self.measures.batch_update():
            for trace, m in zip(self.measures.data, MEASURES):
                y = [self.results[d].summary[m] for d in DESIGNS]
                trace.x, trace.y, trace.text = [t(f"route.{d}") for d in DESIGNS], y, [MEASURES[m].format(v) for v in y]
            for note, m in zip(self.measures.layout.annotations, MEASURES):
                note.text = t(f"route.{m}")
        with self.flows.batch_update():
            for trace, d in zip(self.flows.data, DESIGNS):
                a = flows[d]
                trace.node.label, trace.node.color = a["labels"], a["colours"]
                trace.link.source, trace.link.target, trace.link.value = a["source"], a["target"], a["value"]
            self.flows.layout.annotations = _flow_titles(None)
        rows = pd.DataFrame([self.results[d].summary for d in DESIGNS]).set_index("design")
        self.table.value = html_table(rows, TABLE_FORMATS, view="route", index_label=t("route.design"),
                                      index_names=lambda d: t(f"route.{d}"))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('route.title')}</h3>"
        for key, s in (("route.branches", self.branches), ("route.shared", self.shared),
                       ("route.staff", self.staff), ("route.cs_staff", self.cs_staff)):
            s.description = t(key)
        self.note.value = info_html(t("route.note"))
        self._draw()


def routing_view(tables: dict[str, pd.DataFrame], seed: int = 0, lang: Language = LANG) -> RoutingView:
    """Today's routing against customer service as the hub, with defaults measured on ``tables["requests"]``."""
    return RoutingView(config_from_requests(tables["requests"]), seed, lang)
