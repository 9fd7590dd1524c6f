"""Complaint-flow view: trace one complaint, see where complaints are settled, find breaches and deviations.

Shared by every case with a complaint process (fuel, futures, car care): the case gives
its event log and its :class:`crm.complaints.Flow`; step and level names are shown
through the i18n keys ``step.<code>`` and ``level.<code>`` (the code itself if a case
has none). All analytics are computed once; picking a complaint or a grouping updates
the figures in place.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.complaints import DEVIATIONS, OPEN, SETTLED, Flow, breaches, conformance, level_paths, step_times
from widgets.common import PALETTE, html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, on_language_change, t

COLOURS = {"within": "#2ca02c", "breached": "#d62728", "no_limit": "#95a5a6"}
TRACE_FORMATS = {"level": "{}", "owner": "{}", "timestamp": "{:%Y-%m-%d %H:%M}", "hours": "{:.1f}",
                 "limit_h": "{:.0f}", "status": "{}"}
DEVIATION_FORMATS = {"complaints": "{:,}", "share": "{:.1%}", "example": "{}"}
MAX_LISTED = 300  # complaints offered in the picker at a time (a longer list slows the page)


def name(prefix: str, code: object, lang: str | None = None) -> str:
    """The display name of a step or level code (``step.<code>``), or the code itself."""
    try:
        return t(f"{prefix}.{code}", lang)
    except KeyError:
        return str(code)


def _status(rows: pd.DataFrame) -> np.ndarray:
    return np.where(rows["limit_h"].isna() | rows["hours"].isna(), "no_limit",
                    np.where(rows["breached"], "breached", "within"))


def _trace_arrays(rows: pd.DataFrame, lang: str | None) -> dict:
    start = (rows["timestamp"] - rows["timestamp"].iloc[0]).dt.total_seconds().to_numpy() / 3600.0
    labels = [f"{i + 1}. {name('step', s, lang)} · {name('level', lv, lang)}"
              for i, (s, lv) in enumerate(zip(rows["step"], rows["level"]))]
    status = _status(rows)
    hours = rows["hours"].fillna(0.0).to_numpy()
    has_limit = rows["limit_h"].notna().to_numpy()
    return dict(labels=labels, base=start, hours=hours, colours=[COLOURS[s] for s in status],
                text=[f"{h:.1f} h" if not np.isnan(x) else "" for h, x in zip(hours, rows["hours"])],
                limit_x=(start + rows["limit_h"].fillna(0.0).to_numpy())[has_limit],
                limit_y=[lab for lab, ok in zip(labels, has_limit) if ok])


def trace_figure(rows: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """One complaint's steps as a timeline: a bar per step (red when over its limit), limits as ticks.

    ``rows`` is :func:`crm.complaints.trace` of one complaint.
    """
    a = _trace_arrays(rows, lang)
    fig = go.Figure([
        go.Bar(y=a["labels"], x=a["hours"], base=a["base"], orientation="h", marker_color=a["colours"],
               text=a["text"], textposition="outside", name=t("complaints.duration", lang)),
        go.Scatter(y=a["limit_y"], x=a["limit_x"], mode="markers", name=t("complaints.limit", lang),
                   marker=dict(symbol="line-ns-open", size=22, line=dict(width=3, color="#333"))),
    ])
    fig.update_layout(height=320, margin=dict(l=220, r=30, t=40, b=50), template="plotly_white",
                      title=t("complaints.trace_title", lang, id=rows["complaint_id"].iloc[0]),
                      xaxis=dict(title=t("complaints.hours_since", lang), rangemode="tozero"),
                      yaxis=dict(autorange="reversed"), legend=dict(orientation="h", y=-0.25), bargap=0.35)
    return fig


def _sankey_arrays(paths: pd.DataFrame, flow: Flow, lang: str | None) -> dict:
    seen = list(dict.fromkeys([*paths["source"], *paths["target"]]))
    levels = [lv for lv in flow.levels if lv in seen] + [n for n in seen if n not in flow.levels
                                                          and not n.startswith(SETTLED) and n != OPEN]
    ends = [SETTLED + lv for lv in levels if SETTLED + lv in seen] + ([OPEN] if OPEN in seen else [])
    nodes = levels + ends
    index = {n: i for i, n in enumerate(nodes)}

    def label(node: str) -> str:
        if node == OPEN:
            return t("complaints.open", lang)
        if node.startswith(SETTLED):
            return t("complaints.settled_at", lang, level=name("level", node[len(SETTLED):], lang))
        return name("level", node, lang)

    colours = [PALETTE[i % len(PALETTE)] for i in range(len(levels))] + \
              ["#2ca02c" if n != OPEN else "#7f7f7f" for n in ends]
    return dict(labels=[label(n) for n in nodes], colours=colours,
                source=[index[s] for s in paths["source"]], target=[index[x] for x in paths["target"]],
                value=paths["complaints"].tolist())


def sankey_figure(paths: pd.DataFrame, flow: Flow, lang: str | None = None) -> go.Figure:
    """Where complaints go: escalations between levels and the level that settles them.

    ``paths`` is :func:`crm.complaints.level_paths`.
    """
    a = _sankey_arrays(paths, flow, lang)
    fig = go.Figure(go.Sankey(node=dict(label=a["labels"], color=a["colours"], pad=18, thickness=18),
                              link=dict(source=a["source"], target=a["target"], value=a["value"]),
                              valueformat=",d"))
    fig.update_layout(height=360, margin=dict(l=20, r=20, t=40, b=20), title=t("complaints.sankey_title", lang))
    return fig


def _breach_arrays(table: pd.DataFrame, by: str, lang: str | None) -> dict:
    levels = table.index.get_level_values("level")
    if by == "level":
        grouped = table.groupby(level="level", sort=False)[["events", "breached"]].sum()
        keys, lv = list(grouped.index), list(grouped.index)
        labels = [name("level", k, lang) for k in keys]
    else:
        grouped = table[["events", "breached"]]
        keys, lv = list(grouped.index), list(levels)
        labels = [f"{owner} ({name('level', level, lang)})" for level, owner in keys]
    rate = (grouped["breached"] / grouped["events"]).to_numpy()
    order = np.argsort(-rate, kind="stable")
    level_colour = {level: PALETTE[i % len(PALETTE)] for i, level in enumerate(dict.fromkeys(levels))}
    return dict(x=[labels[i] for i in order], y=rate[order],
                text=[f"{grouped['breached'].iloc[i]}/{grouped['events'].iloc[i]}" for i in order],
                colours=[level_colour[lv[i]] for i in order])


def breach_figure(table: pd.DataFrame, by: str = "level", lang: str | None = None) -> go.Figure:
    """Share of timed steps over their limit, per level or per owner (coloured by level), worst first.

    ``table`` is :func:`crm.complaints.breaches` with ``by=("level", "owner")``.
    """
    a = _breach_arrays(table, by, lang)
    fig = go.Figure(go.Bar(x=a["x"], y=a["y"], text=a["text"], textposition="outside", marker_color=a["colours"]))
    fig.update_layout(height=360, margin=dict(l=60, r=20, t=40, b=90), template="plotly_white",
                      title=t("complaints.breach_title", lang),
                      yaxis=dict(title=t("complaints.breach_rate", lang), tickformat=".0%", rangemode="tozero"))
    return fig


def deviation_table(table: pd.DataFrame) -> pd.DataFrame:
    """Complaints per deviation kind (every kind listed), their share and one example id."""
    counts = table["deviation"].value_counts().reindex(list(DEVIATIONS), fill_value=0)
    first = table.reset_index().groupby("deviation", observed=True)["complaint_id"].first()
    return pd.DataFrame({"complaints": counts, "share": counts / max(len(table), 1),
                         "example": first.reindex(list(DEVIATIONS)).fillna("—")})


class ComplaintFlowView(W.VBox):
    """The complaint-flow view as a widget; :func:`complaint_flow_view` builds it."""

    def __init__(self, log: pd.DataFrame, flow: Flow, title_key: str = "complaints.title",
                 lang: Language = LANG, max_listed: int = MAX_LISTED) -> None:
        self.flow, self.lang, self.title_key, self.max_listed = flow, lang, title_key, max_listed
        self.times = step_times(log, flow)
        self.table = conformance(log, flow)
        self.paths = level_paths(log, flow)
        self.breach_table = breaches(log, flow, by=("level", "owner"))
        self.title, self.note, self.listed = W.HTML(), W.HTML(), W.HTML()
        self.kind = W.Dropdown(layout=W.Layout(width="260px"), style={"description_width": "initial"})
        self.pick = W.Dropdown(layout=W.Layout(width="360px"), style={"description_width": "initial"})
        self.by = W.ToggleButtons(style={"description_width": "initial"})
        first = self.table.index[0]
        self.trace_figure = FigureWidget(trace_figure(self._rows(first)))
        self.trace_table = W.HTML()
        self.sankey = FigureWidget(sankey_figure(self.paths, flow))
        self.breach_figure = FigureWidget(breach_figure(self.breach_table))
        self.deviations = W.HTML()
        self._set_options(first_kind="all")
        self.kind.observe(self._on_kind, names="value")
        self.pick.observe(lambda _: self.show(self.pick.value), names="value")
        self.by.observe(lambda _: self._draw_breaches(), names="value")
        on_language_change(lambda _: self.relabel(), lang)
        super().__init__([self.title, W.HBox([self.kind, self.pick]), self.listed, self.trace_figure,
                          self.trace_table, self.sankey, self.by, self.breach_figure, self.deviations, self.note])
        self.relabel()

    def __repr__(self) -> str:
        return f"ComplaintFlowView(flow={self.flow.name!r}, complaints={len(self.table)}, shown={self.pick.value!r})"

    def _rows(self, complaint_id: str) -> pd.DataFrame:
        return self.times[self.times["complaint_id"] == complaint_id].reset_index(drop=True)

    def _ids(self, kind: str) -> list[str]:
        ids = self.table.index if kind == "all" else self.table.index[self.table["deviation"] == kind]
        return list(ids[: self.max_listed])

    def _set_options(self, first_kind: str | None = None) -> None:
        kinds = ["all", *DEVIATIONS]
        value = first_kind or self.kind.value
        self.kind.options = [(t("complaints.all") if k == "all" else t(f"dev.{k}"), k) for k in kinds]
        self.kind.value = value
        self.by.options = [(t("complaints.by_level"), "level"), (t("complaints.by_owner"), "owner")]

    def _on_kind(self, change: dict) -> None:
        ids = self._ids(change["new"])
        total = len(self.table) if change["new"] == "all" else int((self.table["deviation"] == change["new"]).sum())
        self.listed.value = t("complaints.listed", n=len(ids), total=total) if total else t("complaints.none")
        current = self.pick.value
        self.pick.options = ids
        if ids:
            self.pick.value = current if current in ids else ids[0]

    def show(self, complaint_id: str | None) -> None:
        """Draw one complaint's trace (timeline and table) in place."""
        if complaint_id is None:
            return
        rows = self._rows(complaint_id)
        a = _trace_arrays(rows, self.lang.code)
        with self.trace_figure.batch_update():
            bar, limit = self.trace_figure.data
            bar.y, bar.x, bar.base, bar.marker.color, bar.text = a["labels"], a["hours"], a["base"], a["colours"], a["text"]
            limit.y, limit.x = a["limit_y"], a["limit_x"]
            self.trace_figure.layout.title.text = t("complaints.trace_title", id=complaint_id)
        shown = rows.assign(status=[t(f"complaints.{s}") for s in _status(rows)]).copy()
        shown["level"] = [name("level", v) for v in shown["level"]]
        shown.index = [name("step", s) for s in rows["step"]]
        self.trace_table.value = html_table(shown, TRACE_FORMATS, view="complaints", index_label=t("complaints.step"))

    def _draw_breaches(self) -> None:
        a = _breach_arrays(self.breach_table, self.by.value or "level", self.lang.code)
        with self.breach_figure.batch_update():
            bar = self.breach_figure.data[0]
            bar.x, bar.y, bar.text, bar.marker.color = a["x"], a["y"], a["text"], a["colours"]

    def relabel(self) -> None:
        """Show every label in the current language."""
        lang = self.lang.code
        self.title.value = f"<h3>{t(self.title_key)}</h3>"
        self.kind.description, self.pick.description = t("complaints.kind"), t("complaints.pick")
        self.by.description = t("complaints.by")
        by = self.by.value or "level"
        self._set_options()
        self.by.value = by
        self._on_kind({"new": self.kind.value})
        self.show(self.pick.value)
        a = _sankey_arrays(self.paths, self.flow, lang)
        with self.sankey.batch_update():
            self.sankey.data[0].node.label = a["labels"]
            self.sankey.layout.title.text = t("complaints.sankey_title")
        with self.trace_figure.batch_update():
            self.trace_figure.data[0].name, self.trace_figure.data[1].name = t("complaints.duration"), t("complaints.limit")
            self.trace_figure.layout.xaxis.title.text = t("complaints.hours_since")
        with self.breach_figure.batch_update():
            self.breach_figure.layout.title.text = t("complaints.breach_title")
            self.breach_figure.layout.yaxis.title.text = t("complaints.breach_rate")
        self._draw_breaches()
        dev = deviation_table(self.table)
        self.deviations.value = (f"<h4>{t('complaints.conformance')}</h4>" +
                                 html_table(dev, DEVIATION_FORMATS, view="complaints", index_label=t("complaints.kind"),
                                            index_names=lambda k: t(f"dev.{k}")))
        self.note.value = f"<p>{t('complaints.note', flow=' → '.join(name('step', s) for s in self.flow.steps))}</p>"


def complaint_flow_view(log: pd.DataFrame, flow: Flow, title_key: str = "complaints.title",
                        lang: Language = LANG, max_listed: int = MAX_LISTED) -> ComplaintFlowView:
    """Trace complaints through a documented flow: timeline, Sankey of levels, breaches, conformance.

    Parameters
    ----------
    log : pd.DataFrame
        The event log (``complaint_id, step, level, owner, timestamp``; see :mod:`crm.complaints`).
    flow : Flow
        The documented process: steps in order, levels, time limits.
    title_key : str
        The i18n key of the view's title (a case may name its process).
    """
    return ComplaintFlowView(log, flow, title_key, lang, max_listed)
