"""Complaint-flow view: trace one complaint, see where complaints are settled, find breaches and deviations.

Shared by every case with a complaint process (fuel, futures, car care): the case gives
its event log and its :class:`crm.core.complaints.Flow`; step and level names are shown
through the i18n keys ``step.<code>`` and ``level.<code>`` (the code itself if a case
has none). All analytics are computed once; picking a complaint or a grouping updates
the figures in place.

A student's own event log (CSV or Excel: case id, step, timestamp; level and owner
optional) replaces the case's through the shared :class:`widgets.upload.UploadControl`;
steps and levels may be written as the flow's codes or their Chinese or English names.
The log shown (the case's or the student's) can be exported as XES
(:func:`crm.core.complaints.to_xes`) for process-mining tools such as pm4py or ProM.
"""
from __future__ import annotations

import base64
import html
from dataclasses import replace
from pathlib import PurePath

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.core.complaints import DEVIATIONS, OPEN, SETTLED, Flow, breaches, conformance, level_paths, step_times, to_xes
from crm.core.schemas import UPLOAD_EVENT_LOG, DataError
from widgets.common import PALETTE, html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, LANGUAGES, Language, t
from widgets.upload import UploadControl
from widgets.view import View

COLOURS = {"within": "#2ca02c", "breached": "#d62728", "no_limit": "#95a5a6"}
TRACE_FORMATS = {"level": "{}", "owner": "{}", "timestamp": "{:%Y-%m-%d %H:%M}", "hours": "{:.1f}",
                 "limit_h": "{:.0f}", "status": "{}"}
DEVIATION_FORMATS = {"complaints": "{:,}", "share": "{:.1%}", "example": "{}"}
MAX_LISTED = 300  # complaints offered in the picker at a time (a longer list slows the page)


def name(prefix: str, code: object, lang: str | None = None, flow: Flow | None = None) -> str:
    """The display name of a step or level code, or the code itself.

    A flow's own label (``step.<flow name>.<code>``) comes first, so two cases may use
    the same code for different steps; then the shared ``step.<code>``.
    """
    keys = ([f"{prefix}.{flow.name}.{code}"] if flow is not None else []) + [f"{prefix}.{code}"]
    for key in keys:
        try:
            return t(key, lang)
        except KeyError:
            continue
    return str(code)


def _status(rows: pd.DataFrame) -> np.ndarray:
    return np.where(rows["limit_h"].isna() | rows["hours"].isna(), "no_limit",
                    np.where(rows["breached"], "breached", "within"))


def _trace_arrays(rows: pd.DataFrame, lang: str | None, flow: Flow | None = None) -> dict:
    start = (rows["timestamp"] - rows["timestamp"].iloc[0]).dt.total_seconds().to_numpy() / 3600.0
    labels = [f"{i + 1}. {name('step', s, lang, flow)} · {name('level', lv, lang, flow)}"
              for i, (s, lv) in enumerate(zip(rows["step"], rows["level"]))]
    status = _status(rows)
    hours = rows["hours"].fillna(0.0).to_numpy()
    has_limit = rows["limit_h"].notna().to_numpy()
    return dict(labels=labels, base=start, hours=hours, colours=[COLOURS[s] for s in status],
                text=[f"{h:.1f} h" if not np.isnan(x) else "" for h, x in zip(hours, rows["hours"])],
                limit_x=(start + rows["limit_h"].fillna(0.0).to_numpy())[has_limit],
                limit_y=[lab for lab, ok in zip(labels, has_limit) if ok])


def trace_figure(rows: pd.DataFrame, lang: str | None = None, flow: Flow | None = None) -> go.Figure:
    """One complaint's steps as a timeline: a bar per step (red when over its limit), limits as ticks.

    ``rows`` is :func:`crm.core.complaints.trace` of one complaint.
    """
    a = _trace_arrays(rows, lang, flow)
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
            return t("complaints.settled_at", lang, level=name("level", node[len(SETTLED):], lang, flow))
        return name("level", node, lang, flow)

    colours = [PALETTE[i % len(PALETTE)] for i in range(len(levels))] + \
              ["#2ca02c" if n != OPEN else "#7f7f7f" for n in ends]
    return dict(labels=[label(n) for n in nodes], colours=colours,
                source=[index[s] for s in paths["source"]], target=[index[x] for x in paths["target"]],
                value=paths["complaints"].tolist())


def sankey_figure(paths: pd.DataFrame, flow: Flow, lang: str | None = None) -> go.Figure:
    """Where complaints go: escalations between levels and the level that settles them.

    ``paths`` is :func:`crm.core.complaints.level_paths`.
    """
    a = _sankey_arrays(paths, flow, lang)
    fig = go.Figure(go.Sankey(node=dict(label=a["labels"], color=a["colours"], pad=18, thickness=18),
                              link=dict(source=a["source"], target=a["target"], value=a["value"]),
                              valueformat=",d"))
    fig.update_layout(height=360, margin=dict(l=20, r=20, t=40, b=20), title=t("complaints.sankey_title", lang))
    return fig


def _breach_arrays(table: pd.DataFrame, by: str, lang: str | None, flow: Flow | None = None) -> dict:
    levels = table.index.get_level_values("level")
    if by == "level":
        grouped = table.groupby(level="level", sort=False)[["events", "breached"]].sum()
        keys, lv = list(grouped.index), list(grouped.index)
        labels = [name("level", k, lang, flow) for k in keys]
    else:
        grouped = table[["events", "breached"]]
        keys, lv = list(grouped.index), list(levels)
        labels = [f"{owner} ({name('level', level, lang, flow)})" for level, owner in keys]
    rate = (grouped["breached"] / grouped["events"]).to_numpy()
    order = np.argsort(-rate, kind="stable")
    level_colour = {level: PALETTE[i % len(PALETTE)] for i, level in enumerate(dict.fromkeys(levels))}
    return dict(x=[labels[i] for i in order], y=rate[order],
                text=[f"{grouped['breached'].iloc[i]}/{grouped['events'].iloc[i]}" for i in order],
                colours=[level_colour[lv[i]] for i in order])


def breach_figure(table: pd.DataFrame, by: str = "level", lang: str | None = None,
                  flow: Flow | None = None) -> go.Figure:
    """Share of timed steps over their limit, per level or per owner (coloured by level), worst first.

    ``table`` is :func:`crm.core.complaints.breaches` with ``by=("level", "owner")``.
    """
    a = _breach_arrays(table, by, lang, flow)
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


NO_VALUE = "—"  # level or owner of a log that does not record them


def _spellings(prefix: str, codes: tuple[str, ...], flow: Flow) -> dict[str, str]:
    """Every accepted spelling of a flow's step or level (code, Chinese and English name), case-folded."""
    out = {}
    for code in codes:
        for spelt in (code, *(name(prefix, code, lang, flow) for lang in LANGUAGES)):
            out.setdefault(str(spelt).strip().casefold(), code)
    return out


def _to_codes(values: pd.Series, prefix: str, codes: tuple[str, ...], flow: Flow, column: str) -> pd.Series:
    lookup = _spellings(prefix, codes, flow)
    mapped = values.astype(str).str.strip().str.casefold().map(lookup)
    bad = mapped.isna().to_numpy()
    if bad.any():
        rows = (np.flatnonzero(bad)[:5] + 2).tolist()
        found = list(dict.fromkeys(values[bad].astype(str)))[:5]
        zh_allowed = "、".join(f"{c}（{name(prefix, c, 'zh', flow)}）" for c in codes)
        en_allowed = ", ".join(f"{c} ({name(prefix, c, 'en', flow)})" for c in codes)
        raise DataError(f"“{column}”列第 {'、'.join(map(str, rows))} 行的值 {found} 不在流程“{flow.name}”中。"
                        f"可用的值：{zh_allowed}。",
                        f"Column '{column}', row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}: "
                        f"{found} {'are' if len(found) > 1 else 'is'} not in flow '{flow.name}'. Use: {en_allowed}.",
                        column=column, rows=rows)
    return mapped


def uploaded_log(log: pd.DataFrame, flow: Flow) -> tuple[pd.DataFrame, Flow]:
    """A student's event log (``UPLOAD_EVENT_LOG``) in the flow's codes, and the flow to check it against.

    Steps (and levels, if the log has them) may be codes or their zh / en names. A log
    without levels is checked against the flow's steps and limits alone (its levels
    shown as one "—"); a log without owners gets "—" as every owner.
    """
    out = log.copy()
    out["step"] = _to_codes(log["step"], "step", flow.steps, flow, "step")
    if "level" in log.columns and flow.levels:
        out["level"] = _to_codes(log["level"], "level", flow.levels, flow, "level")
    else:
        out["level"] = NO_VALUE if "level" not in log.columns else log["level"].astype(str)
        flow = replace(flow, levels=())
    if "owner" not in log.columns:
        out["owner"] = NO_VALUE
    conformance(out, flow)  # any problem the analytics find is raised now, while the old log stays
    return out, flow


def xes_link(log: pd.DataFrame, stem: str, lang: str | None = None) -> str:
    """A download link holding ``log`` as an XES file (a data URI: works in JupyterLab and Voila alike)."""
    payload = base64.b64encode(to_xes(log).encode("utf-8")).decode("ascii")
    file = html.escape(f"{stem}.xes", quote=True)
    return (f'<a download="{file}" href="data:application/xml;base64,{payload}" '
            f'style="color:#1f77b4">⬇ {html.escape(t("complaints.xes_link", lang, file=f"{stem}.xes"))}</a>')


class ComplaintFlowView(View):
    """The complaint-flow view as a widget; :func:`complaint_flow_view` builds it."""

    def __init__(self, log: pd.DataFrame, flow: Flow, title_key: str = "complaints.title",
                 lang: Language = LANG, max_listed: int = MAX_LISTED, upload: bool = True) -> None:
        self.lang, self.title_key, self.max_listed = lang, title_key, max_listed
        self.case_flow, self.log_stem = flow, flow.name
        self._analyse(log, flow)
        self.title, self.note, self.listed = W.HTML(), W.HTML(), W.HTML()
        self.uploader = UploadControl(UPLOAD_EVENT_LOG, lambda df: uploaded_log(df, self.case_flow), self._use_log,
                                      summary=lambda lf, df: {"complaints": lf[0]["complaint_id"].nunique(),
                                                              "rows": len(df)},
                                      loaded_key="complaints.loaded", lang=lang)
        self.xes_button = W.Button(icon="download", layout=W.Layout(width="auto"))
        self.xes = W.HTML()
        self.xes_button.on_click(lambda _: self.export_xes())
        self.kind = W.Dropdown(layout=W.Layout(width="260px"), style={"description_width": "initial"})
        self.pick = W.Dropdown(layout=W.Layout(width="360px"), style={"description_width": "initial"})
        self.by = W.ToggleButtons(style={"description_width": "initial"})
        first = self.table.index[0]
        self.trace_figure = FigureWidget(trace_figure(self._rows(first), flow=flow))
        self.trace_table = W.HTML()
        self.sankey = FigureWidget(sankey_figure(self.paths, flow))
        self.breach_figure = FigureWidget(breach_figure(self.breach_table, flow=flow))
        self.deviations = W.HTML()
        self._set_options(first_kind="all")
        self.kind.observe(self._on_kind, names="value")
        self.pick.observe(lambda _: self.show(self.pick.value), names="value")
        self.by.observe(lambda _: self._draw_breaches(), names="value")
        files = [self.uploader, W.HBox([self.xes_button, self.xes])] if upload else [W.HBox([self.xes_button, self.xes])]
        super().__init__([self.title, *files, W.HBox([self.kind, self.pick]), self.listed, self.trace_figure,
                          self.trace_table, self.sankey, self.by, self.breach_figure, self.deviations, self.note], lang=lang)
        self.relabel()

    def _analyse(self, log: pd.DataFrame, flow: Flow) -> None:
        self.event_log, self.flow = log, flow
        self.times = step_times(log, flow)
        self.table = conformance(log, flow)
        self.paths = level_paths(log, flow)
        self.breach_table = breaches(log, flow, by=("level", "owner"))

    def load(self, content: bytes, name: str) -> bool:
        """Check an uploaded event log against the flow instead; a bad file keeps the log shown and explains."""
        return self.uploader.load(content, name)

    def _use_log(self, log_and_flow: tuple[pd.DataFrame, Flow], name: str) -> None:
        self._analyse(*log_and_flow)
        self.log_stem = PurePath(name).stem or "complaints"
        self.xes.value = ""  # an export of the previous log would mislead
        a = _sankey_arrays(self.paths, self.flow, self.lang.code)
        with self.sankey.batch_update():
            node, link = self.sankey.data[0].node, self.sankey.data[0].link
            node.label, node.color = a["labels"], a["colours"]
            link.source, link.target, link.value = a["source"], a["target"], a["value"]
        self.pick.options = []  # the old ids are gone; relabel lists the new ones
        self.relabel()

    def export_xes(self) -> str:
        """Offer the log shown as an XES download; returns the XES text."""
        self.xes.value = xes_link(self.event_log, self.log_stem)
        return to_xes(self.event_log)

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
        a = _trace_arrays(rows, self.lang.code, self.flow)
        with self.trace_figure.batch_update():
            bar, limit = self.trace_figure.data
            bar.y, bar.x, bar.base, bar.marker.color, bar.text = a["labels"], a["hours"], a["base"], a["colours"], a["text"]
            limit.y, limit.x = a["limit_y"], a["limit_x"]
            self.trace_figure.layout.title.text = t("complaints.trace_title", id=complaint_id)
        shown = rows.assign(status=[t(f"complaints.{s}") for s in _status(rows)]).copy()
        shown["level"] = [name("level", v, flow=self.flow) for v in shown["level"]]
        shown.index = [name("step", s, flow=self.flow) for s in rows["step"]]
        self.trace_table.value = html_table(shown, TRACE_FORMATS, view="complaints", index_label=t("complaints.step"))

    def _draw_breaches(self) -> None:
        a = _breach_arrays(self.breach_table, self.by.value or "level", self.lang.code, self.flow)
        with self.breach_figure.batch_update():
            bar = self.breach_figure.data[0]
            bar.x, bar.y, bar.text, bar.marker.color = a["x"], a["y"], a["text"], a["colours"]

    def relabel(self) -> None:
        """Show every label in the current language."""
        lang = self.lang.code
        self.title.value = f"<h3>{t(self.title_key)}</h3>"
        self.kind.description, self.pick.description = t("complaints.kind"), t("complaints.pick")
        self.xes_button.description = t("complaints.xes")
        if self.xes.value:
            self.xes.value = xes_link(self.event_log, self.log_stem)
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
        self.note.value = f"<p>{t('complaints.note', flow=' → '.join(name('step', s, flow=self.flow) for s in self.flow.steps))}</p>"


def complaint_flow_view(log: pd.DataFrame, flow: Flow, title_key: str = "complaints.title",
                        lang: Language = LANG, max_listed: int = MAX_LISTED, upload: bool = True) -> ComplaintFlowView:
    """Trace complaints through a documented flow: timeline, Sankey of levels, breaches, conformance.

    Parameters
    ----------
    log : pd.DataFrame
        The event log (``complaint_id, step, level, owner, timestamp``; see :mod:`crm.core.complaints`).
    flow : Flow
        The documented process: steps in order, levels, time limits.
    title_key : str
        The i18n key of the view's title (a case may name its process).
    upload : bool
        Offer an upload of the student's own event log (checked against ``flow``).
    """
    return ComplaintFlowView(log, flow, title_key, lang, max_listed, upload)
