"""Delays view: the Pareto of delay or complaint causes, drilled down by route and month, and the hub fix.

The bars count the sample's late parcels (or complaints) by cause, largest first, with the cumulative
share; the part of a bar a fix of the hubs would remove is drawn lighter on top. The fix (more sorting
capacity, the worn equipment replaced) is re-applied per parcel by
:class:`crm.cases.logistics.delays.HubRelief`; the month chart shows the chosen route's late parcels.
"""
from __future__ import annotations

import calendar

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.logistics.case import _a, CAUSES, HUBS, OTHER_TOPICS
from crm.cases.logistics.delays import drill_mask, HubRelief
from crm.core.schemas import DataError
from widgets.common import info_html, LEGEND_BELOW, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

CODES = (*CAUSES, *OTHER_TOPICS)
MEASURES = ("parcels", "complaints")
MONTHS = tuple(range(1, 13))
MONTH_GROUPS = ("carrier", "port_operations", "other")
GROUP_COLOURS = {"carrier": "#7f8c8d", "port_operations": "#c0392b", "other": "#95a5a6"}


def place(code: str, lang: str | None = None) -> str:
    """A hub's or a country's name."""
    return t(f"lg.hub.{code}", lang)


def route_label(route: str, lang: str | None = None) -> str:
    """``beijing-shanghai`` → 北京—上海 / Beijing–Shanghai; ``via:wuhan`` → through Wuhan; empty → all."""
    if not route:
        return t("lg.delay.all", lang)
    if route.startswith("via:"):
        return t("lg.delay.via", lang, hub=place(route[4:], lang))
    a, b = route.split("-")
    return f"{place(a, lang)}—{place(b, lang)}"


def month_label(m: int, lang: str | None = None) -> str:
    return t("lg.delay.month_n", lang, m=m, name=calendar.month_abbr[m])


def pareto_arrays(causes: np.ndarray, removed: np.ndarray) -> dict:
    """Counts per cause (codes of :data:`CODES` as integers), sorted, with the removed part and cumulative share."""
    total = np.bincount(causes, minlength=len(CODES))
    gone = np.bincount(causes[removed], minlength=len(CODES))
    order = [i for i in np.argsort(-total, kind="stable") if total[i] > 0]
    counts = total[order]
    return {"codes": [CODES[i] for i in order], "remaining": (counts - gone[order]).tolist(),
            "removed": gone[order].tolist(), "cumulative": (np.cumsum(counts) / max(counts.sum(), 1)).tolist()}


def pareto_figure(a: dict, measure: str = "parcels", lang: str | None = None) -> go.Figure:
    """Bars of each cause (what stays and what the fix removes) and the cumulative share on the right axis."""
    x = [t(f"lg.cause.{c}", lang) for c in a["codes"]]
    fig = go.Figure()
    fig.add_bar(x=x, y=a["remaining"], name=t("lg.delay.remaining", lang), marker_color="#34495e")
    fig.add_bar(x=x, y=a["removed"], name=t("lg.delay.removed", lang), marker_color="#f5b7b1")
    fig.add_scatter(x=x, y=a["cumulative"], name=t("lg.delay.cumulative", lang), yaxis="y2", mode="lines+markers",
                    line=dict(color="#e67e22"))
    fig.update_layout(barmode="stack", height=400, template="plotly_white", margin=dict(l=50, r=50, t=40, b=120),
                      title=t("lg.delay.pareto_title", lang, what=t(f"lg.delay.measure.{measure}", lang)),
                      xaxis=dict(title=t("lg.delay.cause_axis", lang), automargin=True),
                      yaxis=dict(title=t("lg.delay.count", lang), rangemode="tozero"),
                      yaxis2=dict(overlaying="y", side="right", range=[0, 1.05], tickformat=".0%", showgrid=False),
                      legend=LEGEND_BELOW)
    return fig


def month_arrays(month: np.ndarray, group: np.ndarray) -> dict:
    """Late parcels per month (1-12) and cause group (carrier, port operations, other)."""
    counts = np.zeros((len(MONTH_GROUPS), 12), dtype=int)
    np.add.at(counts, (group, month - 1), 1)
    return {g: counts[i].tolist() for i, g in enumerate(MONTH_GROUPS)}


def month_figure(a: dict, lang: str | None = None) -> go.Figure:
    """Stacked bars: the chosen route's late parcels by month, carrier and port operations apart."""
    fig = go.Figure()
    x = [month_label(m, lang) for m in MONTHS]
    names = {"carrier": t("lg.cause.carrier", lang), "port_operations": t("lg.cause.port_operations", lang),
             "other": t("lg.delay.other", lang)}
    for g in MONTH_GROUPS:
        fig.add_bar(x=x, y=a[g], name=names[g], marker_color=GROUP_COLOURS[g])
    fig.update_layout(barmode="stack", height=400, template="plotly_white", margin=dict(l=50, r=20, t=40, b=120),
                      title=t("lg.delay.by_month", lang), xaxis_title=t("lg.delay.month_axis", lang),
                      yaxis=dict(title=t("lg.delay.count", lang), rangemode="tozero"), legend=LEGEND_BELOW)
    return fig


class DelaysView(View):
    """Measure, route, month and the hub fix; the Pareto, the month chart and the effect line follow in place."""

    def __init__(self, tables: dict[str, pd.DataFrame], lang: Language = LANG) -> None:
        p, c = tables["parcels"], tables["complaints"]
        for name, df, cols in (("parcels", p, ("late", "delay_cause", "route", "destination", "ship_date")),
                               ("complaints", c, ("parcel_id", "topic", "about_delay"))):
            missing = [col for col in cols if col not in df.columns]
            if missing:
                raise DataError(f"{name} 表缺少列：{', '.join(missing)}。", f"The {name} table lacks columns: "
                                f"{', '.join(missing)}.", column=missing[0])
        self.parcels, self.complaints = p, c
        self.relief = HubRelief(p, tables["hubs"], tables["hub_days"], tables["delays"], float(_a("breakdown_loss")))
        self.rate = float(_a("sample_rate"))
        code = {k: i for i, k in enumerate(CODES)}
        self.late = p["late"].to_numpy(bool)
        self.cause = p["delay_cause"].astype(object).map(code).fillna(-1).to_numpy(int)
        self.month = pd.to_datetime(p["ship_date"]).dt.month.to_numpy()
        self.group = np.select([self.cause == code["carrier"], self.cause == code["port_operations"]], [0, 1], 2)
        row = pd.Series(np.arange(len(p)), index=p["parcel_id"])
        self.c_row = row.reindex(c["parcel_id"]).to_numpy()
        if np.isnan(self.c_row.astype(float)).any():
            raise DataError("投诉表中有快件表里没有的快件编号。", "The complaint table names parcels the parcel table lacks.",
                            column="parcel_id")
        self.c_row = self.c_row.astype(int)
        self.c_topic = c["topic"].astype(object).map(code).to_numpy(int)
        self.c_delay = c["about_delay"].to_numpy(bool)
        self.masks: dict = {}
        style = {"description_width": "initial"}
        self.measure = W.ToggleButtons(options=[(m, m) for m in MEASURES], value="parcels", style=style)
        routes = p["route"].value_counts()
        self.route = W.Dropdown(options=[("", "")], value="", style=style, layout=W.Layout(width="360px"))
        self._routes = ["", *(f"via:{h}" for h in HUBS), *routes.index[routes >= 50]]
        self.month_pick = W.Dropdown(options=[("", 0)], value=0, style=style, layout=W.Layout(width="260px"))
        self.gain = W.FloatSlider(value=0.0, min=0.0, max=0.5, step=0.05, readout_format=".0%", style=style,
                                  layout=W.Layout(width="440px"))
        self.replace = W.Checkbox(value=False, indent=False, layout=W.Layout(width="auto"))
        self.title, self.message, self.effect, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self._quiet = True
        self.pareto = FigureWidget(pareto_figure(self._pareto()))
        self.months = FigureWidget(month_figure(self._months()))
        for w in (self.measure, self.route, self.month_pick, self.gain, self.replace):
            w.observe(lambda _: None if self._quiet else self.refresh(), names="value")
        controls = W.GridBox([self.measure, self.route, self.month_pick, self.gain, self.replace],
                             layout=W.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))", width="100%"))
        super().__init__([self.title, controls, self.message, self.effect,
                          side_by_side(self.pareto, self.months), self.note], lang=lang)
        self.relabel()

    def _mask(self) -> np.ndarray:
        key = (self.route.value, self.month_pick.value)
        if key not in self.masks:
            r = self.route.value
            hub = r[4:] if r.startswith("via:") else None
            self.masks[key] = drill_mask(self.parcels, route=None if hub or not r else r, hub=hub,
                                         month=self.month_pick.value or None)
        return self.masks[key]

    def _still_late(self) -> np.ndarray:
        return self.relief.late_after(self.gain.value, self.replace.value)

    def _pareto(self, still: np.ndarray | None = None) -> dict:
        still = self._still_late() if still is None else still
        mask = self._mask()
        if self.measure.value == "parcels":
            rows = mask & self.late
            return pareto_arrays(self.cause[rows], ~still[rows])
        rows = mask[self.c_row]
        removed = self.c_delay[rows] & ~still[self.c_row[rows]]
        return pareto_arrays(self.c_topic[rows], removed)

    def _months(self) -> dict:
        r = self.route.value
        hub = r[4:] if r.startswith("via:") else None
        key = (r, 0)
        if key not in self.masks:
            self.masks[key] = drill_mask(self.parcels, route=None if hub or not r else r, hub=hub)
        rows = self.masks[key] & self.late
        return month_arrays(self.month[rows], self.group[rows])

    def __repr__(self) -> str:
        a = self._pareto()
        return f"DelaysView(measure={self.measure.value!r}, first={a['codes'][:2]}, removed={sum(a['removed'])})"

    def refresh(self) -> None:
        """Recount for the controls and update both figures and the effect line in place."""
        self.clear_error()
        self._draw()

    def _draw(self) -> None:
        still = self._still_late()
        a = self._pareto(still)
        x = [t(f"lg.cause.{c}") for c in a["codes"]]
        with self.pareto.batch_update():
            self.pareto.data[0].x, self.pareto.data[0].y = x, a["remaining"]
            self.pareto.data[1].x, self.pareto.data[1].y = x, a["removed"]
            self.pareto.data[2].x, self.pareto.data[2].y = x, a["cumulative"]
            for trace, key in zip(self.pareto.data, ("lg.delay.remaining", "lg.delay.removed", "lg.delay.cumulative")):
                trace.name = t(key)
            self.pareto.layout.title.text = t("lg.delay.pareto_title", what=t(f"lg.delay.measure.{self.measure.value}"))
            self.pareto.layout.xaxis.title.text = t("lg.delay.cause_axis")
            self.pareto.layout.yaxis.title.text = t("lg.delay.count")
        m = self._months()
        names = {"carrier": t("lg.cause.carrier"), "port_operations": t("lg.cause.port_operations"),
                 "other": t("lg.delay.other")}
        with self.months.batch_update():
            for trace, g in zip(self.months.data, MONTH_GROUPS):
                trace.x, trace.y, trace.name = [month_label(k) for k in MONTHS], m[g], names[g]
            self.months.layout.title.text = t("lg.delay.by_month")
            self.months.layout.xaxis.title.text = t("lg.delay.month_axis")
            self.months.layout.yaxis.title.text = t("lg.delay.count")
        mask = self._mask()
        late = mask & self.late
        if not mask.any():
            self.effect.value = info_html(t("lg.delay.empty"))
            return
        gone = int((late & ~still).sum())
        rows = mask[self.c_row]
        complaints = int((self.c_delay[rows] & ~still[self.c_row[rows]]).sum())
        share = float((self.cause[late] == CODES.index("port_operations")).mean()) if late.any() else 0.0
        self.effect.value = info_html(t("lg.delay.effect", late=gone, late_year=gone * self.rate, complaints=complaints,
                                        complaints_year=complaints * self.rate, share=share))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self._quiet = True
        self.title.value = f"<h3>{t('lg.delay.title')}</h3>"
        for key, w in (("lg.delay.measure", self.measure), ("lg.delay.route", self.route),
                       ("lg.delay.month", self.month_pick), ("lg.delay.gain", self.gain),
                       ("lg.delay.replace", self.replace)):
            w.description = t(key)
        values = (self.measure.value, self.route.value, self.month_pick.value)
        self.measure.options = [(t(f"lg.delay.measure.{m}"), m) for m in MEASURES]
        self.route.options = [(route_label(r), r) for r in self._routes]
        self.month_pick.options = [(t("lg.delay.all"), 0), *((month_label(m), m) for m in MONTHS)]
        self.measure.value, self.route.value, self.month_pick.value = values
        self.note.value = info_html(t("lg.delay.note"))
        self._quiet = False
        self._draw()


@view_or_error
def delays_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> DelaysView:
    """The Pareto of the case's delay and complaint causes, with drill-down and the hub fix."""
    return DelaysView(tables, lang)
