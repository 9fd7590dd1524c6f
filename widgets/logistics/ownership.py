"""Ownership view: complaints handled by customer service alone (2010) against the design a student sets.

Both designs handle the same simulated complaints (:mod:`crm.cases.logistics.ownership`), with the
volume and the owner mix measured on the case's complaint log. A student changes the staffing (agents
on the complaint line, the bound departments' headroom, how often an unbound department answers),
the route (who tells the client) and the ownership (which departments are bound in); the measures,
the department map as a flow and the table follow in place.
"""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.logistics.case import _a
from crm.cases.logistics.ownership import (BINDABLE, by_owner, complaint_draws, config_from_complaints, flow_counts,
                                           handle, OwnershipConfig, RELAYS)
from crm.core.schemas import DataError
from widgets.common import html_table, info_html, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

MEASURES = {"mean_hours": "{:.0f}", "within_promise_share": "{:.0%}", "repeat_calls": "{:.2f}",
            "line_utilisation": "{:.0%}"}
TABLE_FORMATS = {"complaints": "{:,}", "mean_hours": "{:.1f}", "within_promise_share": "{:.0%}", "repeat_calls": "{:.2f}"}
DESIGNS = ("today", "design")
COLOURS = {"today": "#c0392b", "design": "#2980b9"}
STAGES = ("client", "recv.customer_service", *(f"solve.{d}" for d in (*BINDABLE, "customer_service")), "escalated",
          "tell.customer_service", "tell.department")
STAGE_COLOURS = ("#7f8c8d", "#2980b9", "#e67e22", "#16a085", "#8e44ad", "#2c3e50", "#2980b9", "#c0392b", "#27ae60",
                 "#d35400")


def stage_label(code: str, lang: str | None = None) -> str:
    """The label of a flow stage (``solve.<dept>`` names the department)."""
    if code.startswith("solve."):
        return t("lg.solve", lang, dept=t(f"lg.dept.{code[6:]}", lang))
    return t(f"lg.stage.{code}", lang)


def run_designs(config: OwnershipConfig, seed: int = 0) -> dict:
    """2010 (nobody bound in, customer service relays) and ``config`` on the same complaints."""
    draws = complaint_draws(config, seed)
    today = replace(config, bound=(), relay="customer_service")
    return {"today": handle(draws, today), "design": handle(draws, config)}


def measures_figure(results: dict, lang: str | None = None) -> go.Figure:
    """Four small bar charts, 2010 against the design: hours, within the promise, repeat calls, line load."""
    fig = make_subplots(rows=1, cols=len(MEASURES), subplot_titles=[t(f"lg.own.{m}", lang) for m in MEASURES],
                        horizontal_spacing=0.08)
    for i, m in enumerate(MEASURES, start=1):
        y = [results[d].summary[m] for d in DESIGNS]
        fig.add_bar(x=[t(f"lg.own.{d}_short", lang) for d in DESIGNS], y=y, row=1, col=i, showlegend=False,
                    marker_color=[COLOURS[d] for d in DESIGNS], text=[MEASURES[m].format(v) for v in y],
                    textposition="auto")
    fig.update_yaxes(rangemode="tozero")
    for i in (2, 4):
        fig.update_yaxes(tickformat=".0%", row=1, col=i)
    fig.update_layout(height=300, margin=dict(l=40, r=20, t=50, b=40), template="plotly_white")
    return fig


def _sankey(result, lang: str | None) -> dict:
    flows = flow_counts(result)
    nodes = [s for s in STAGES if s in set(flows["source"]) | set(flows["target"])]
    index = {n: i for i, n in enumerate(nodes)}
    return dict(labels=[stage_label(n, lang) for n in nodes], colours=[STAGE_COLOURS[STAGES.index(n)] for n in nodes],
                source=[index[s] for s in flows["source"]], target=[index[x] for x in flows["target"]],
                value=flows["complaints"].tolist())


def flow_figure(results: dict, lang: str | None = None) -> go.Figure:
    """The department map as a flow: who receives, who solves, who tells the client; 2010 left, the design right."""
    fig = go.Figure()
    for i, d in enumerate(DESIGNS):
        a = _sankey(results[d], lang)
        fig.add_trace(go.Sankey(domain=dict(x=[0.0, 0.47] if i == 0 else [0.53, 1.0], y=[0, 0.9]),
                                node=dict(label=a["labels"], color=a["colours"], pad=12, thickness=14),
                                link=dict(source=a["source"], target=a["target"], value=a["value"]),
                                valueformat=",d"))
    fig.update_layout(height=380, margin=dict(l=10, r=10, t=40, b=10), annotations=_titles(lang))
    return fig


def _titles(lang: str | None) -> list[dict]:
    return [dict(x=x, y=1.0, xref="paper", yref="paper", showarrow=False, font=dict(size=14),
                 text=f"<b>{t(f'lg.own.{d}', lang)}</b>") for x, d in zip((0.23, 0.77), DESIGNS)]


class OwnershipView(View):
    """Staffing, route and ownership controls; measures, the flow map and the owner table follow in place."""

    def __init__(self, base: OwnershipConfig, seed: int = 0, lang: Language = LANG) -> None:
        self.base, self.seed, self._quiet = base, seed, False
        style, layout = {"description_width": "initial"}, W.Layout(width="440px")
        self.agents = W.IntSlider(value=base.cs_agents, min=100, max=800, step=10, style=style, layout=layout)
        self.headroom = W.FloatSlider(value=base.headroom, min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                      style=style, layout=layout)
        self.support = W.FloatSlider(value=base.support, min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                     style=style, layout=layout)
        self.relay = W.ToggleButtons(options=[(r, r) for r in RELAYS], value=base.relay, style=style)
        self.bound_label = W.HTML()
        self.bound = {d: W.Checkbox(value=d in base.bound, indent=False, layout=W.Layout(width="auto"))
                      for d in BINDABLE}
        self.title, self.table, self.message, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.results = run_designs(self.config, seed)
        self.measures = FigureWidget(measures_figure(self.results))
        self.flows = FigureWidget(flow_figure(self.results))
        for w in (self.agents, self.headroom, self.support, self.relay, *self.bound.values()):
            w.observe(lambda _: None if self._quiet else self.refresh(), names="value")
        grid = W.GridBox([self.agents, self.headroom, self.support, self.relay],
                         layout=W.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))", width="100%"))
        bound = W.HBox([self.bound_label, *self.bound.values()], layout=W.Layout(flex_flow="row wrap"))
        super().__init__([self.title, grid, bound, self.message, self.measures, self.flows,
                          side_by_side(self.table, self.note)], lang=lang)
        self.relabel()

    @property
    def config(self) -> OwnershipConfig:
        """The design the controls describe."""
        return replace(self.base, cs_agents=self.agents.value, headroom=self.headroom.value,
                       support=self.support.value, relay=self.relay.value,
                       bound=tuple(d for d, box in self.bound.items() if box.value))

    def __repr__(self) -> str:
        s = {d: self.results[d].summary for d in DESIGNS}
        return (f"OwnershipView(bound={list(s['design']['bound'])}, within_promise={{today: "
                f"{s['today']['within_promise_share']:.2f}, design: {s['design']['within_promise_share']:.2f}}})")

    def refresh(self) -> None:
        """Handle the complaints again under the controls' design and update the figures in place."""
        try:
            self.results = run_designs(self.config, self.seed)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self._draw()

    def _draw(self) -> None:
        with self.measures.batch_update():
            for trace, m in zip(self.measures.data, MEASURES):
                y = [self.results[d].summary[m] for d in DESIGNS]
                trace.x = [t(f"lg.own.{d}_short") for d in DESIGNS]
                trace.y, trace.text = y, [MEASURES[m].format(v) for v in y]
            for note, m in zip(self.measures.layout.annotations, MEASURES):
                note.text = t(f"lg.own.{m}")
        with self.flows.batch_update():
            for trace, d in zip(self.flows.data, DESIGNS):
                a = _sankey(self.results[d], None)
                trace.node.label, trace.node.color = a["labels"], a["colours"]
                trace.link.source, trace.link.target, trace.link.value = a["source"], a["target"], a["value"]
            self.flows.layout.annotations = _titles(None)
        owners = by_owner(self.results["design"])
        self.table.value = html_table(owners, TABLE_FORMATS, view="lg.own", index_label=t("lg.own.owner"),
                                      index_names=lambda d: t(f"lg.dept.{d}"))
        design = self.results["design"].summary
        warn = "".join(info_html(t("lg.own.overloaded", design=t(f"lg.own.{d}"), load=r.summary["line_utilisation"]))
                       for d, r in self.results.items() if not r.summary["line_stable"])
        self.note.value = warn + info_html(t("lg.own.note", n=design["complaints"],
                                             per_day=self.base.complaints_per_day))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('lg.own.title')}</h3>"
        for key, w in (("lg.own.agents", self.agents), ("lg.own.headroom", self.headroom),
                       ("lg.own.support", self.support), ("lg.own.relay", self.relay)):
            w.description = t(key)
        value, self._quiet = self.relay.value, True
        self.relay.options = [(t(f"lg.own.relay.{r}"), r) for r in RELAYS]
        self.relay.value, self._quiet = value, False
        self.bound_label.value = t("lg.own.bound")
        for d, box in self.bound.items():
            box.description = t(f"lg.dept.{d}")
        self._draw()


@view_or_error
def ownership_view(tables: dict[str, pd.DataFrame], seed: int = 0, lang: Language = LANG) -> OwnershipView:
    """2010's handling against a design of the student's, with volume and owner mix measured on ``tables["complaints"]``."""
    return OwnershipView(config_from_complaints(tables["complaints"], _a("sample_rate")), seed, lang)
