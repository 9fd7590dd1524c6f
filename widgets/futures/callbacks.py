"""Tracked callbacks view: who is due a call this week, by branch and reason, and one client's funds and trades.

What no threshold changes (who was reached when, last month's changes, each client's
funds; each client's rows of the account table) is gathered once per week or once per
view; a threshold move only re-applies the rules (crm.cases.futures.callbacks.due_from_evidence) and
restyles the traces in place (benchmarks/futures_views.py times it).
"""
from __future__ import annotations

from dataclasses import replace

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.futures.callbacks import REASONS, CallbackEvidence, CallbackRules, callback_evidence, due_from_evidence
from crm.core.schemas import DataError
from widgets.common import html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

REASON_COLOURS = {"new_account": "#2ca02c", "funds_change": "#ff7f0e", "potential": "#1f77b4"}
LIST_FORMATS = {"branch": "{}", "reason": "{}", "due_date": "{:%Y-%m-%d}", "days_overdue": "{:,}",
                "equity": "{:,.0f}"}
LISTED = 12


def weeks(accounts: pd.DataFrame, n: int = 6) -> list[pd.Timestamp]:
    """The ``n`` Mondays up to the first one after the data's last month (the default "this week")."""
    end = accounts["month"].max() + pd.offsets.MonthEnd(0)
    first = end + pd.offsets.Week(weekday=0)
    return [first - pd.Timedelta(weeks=k) for k in range(n - 1, -1, -1)]


def due_traces(due: pd.DataFrame, branches: list[str], lang: str | None = None) -> list[dict]:
    """The due chart's bars (``x``, ``y``, ``name``): calls per branch, one series per reason."""
    x = [t(f"branch.{b}", lang) for b in branches]
    pairs = pd.MultiIndex.from_arrays([due["reason"].astype(str), due["branch"]])
    counts = pd.Series(1, index=pairs).groupby(level=[0, 1]).sum() if len(due) else pd.Series(dtype=int)
    return [dict(x=x, y=counts.get(reason, pd.Series(dtype=int)).reindex(branches, fill_value=0).to_numpy(),
                 name=t(f"cb.reason.{reason}", lang)) for reason in REASONS]


def due_figure(due: pd.DataFrame, branches: list[str], lang: str | None = None) -> go.Figure:
    """Stacked bars: calls due per branch, one colour per reason."""
    fig = go.Figure()
    for reason, trace in zip(REASONS, due_traces(due, branches, lang)):
        fig.add_bar(**trace, marker_color=REASON_COLOURS[reason])
    fig.update_layout(barmode="stack", height=340, template="plotly_white", margin=dict(l=60, r=20, t=40, b=80),
                      title=t("cb.due_title", lang, n=len(due)), yaxis=dict(title=t("cb.calls", lang)))
    return fig


def _month_labels(months: pd.Series) -> list[str]:
    """Months as ISO date strings, which a date axis reads the same in Python and the browser."""
    return months.dt.strftime("%Y-%m-%d").tolist()


def watch_figure(accounts: pd.DataFrame, client_id: str | None, lang: str | None = None) -> go.Figure:
    """One client's month-end funds (line) and trades (bars) over the data's months."""
    rows = accounts[accounts["client_id"] == client_id] if client_id else accounts.iloc[:0]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=_month_labels(rows["month"]), y=rows["trades"], name=t("cb.trades", lang), marker_color="#c7e9c0",
                secondary_y=True)
    fig.add_scatter(x=_month_labels(rows["month"]), y=rows["equity"], name=t("cb.equity", lang), mode="lines+markers",
                    line=dict(color="#08519c", width=3), secondary_y=False)
    fig.update_layout(height=300, template="plotly_white", margin=dict(l=70, r=60, t=40, b=40),
                      title=t("cb.watch_title", lang, id=client_id or "—"), legend=dict(orientation="h", y=-0.2))
    fig.update_xaxes(type="date", tickformat="%Y-%m")  # months as dates even while no client is shown
    fig.update_yaxes(title_text=t("cb.equity", lang), secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=t("cb.trades", lang), secondary_y=True, rangemode="tozero")
    return fig


class CallbacksView(View):
    """Pick the week and the thresholds; the due list, the chart and the watched client follow."""

    def __init__(self, clients: pd.DataFrame, accounts: pd.DataFrame, callbacks: pd.DataFrame,
                 rules: CallbackRules = CallbackRules(), lang: Language = LANG) -> None:
        self.clients, self.accounts, self.callbacks, self.base = clients, accounts, callbacks, rules
        self.branches = sorted(clients["branch"].unique(), key=lambda b: -int((clients["branch"] == b).sum()))
        style = {"description_width": "initial"}
        options = weeks(accounts)
        self.week = W.Dropdown(options=[(f"{w:%Y-%m-%d}", w) for w in options], value=options[-1], style=style)
        self.funds = W.FloatSlider(value=rules.funds_change, min=0.1, max=2.0, step=0.05, readout_format=".0%",
                                   style=style, layout=W.Layout(width="420px"))
        self.every = W.IntSlider(value=rules.potential_every_days, min=30, max=180, step=5, style=style,
                                 layout=W.Layout(width="420px"))
        self.pick = W.Dropdown(style=style, layout=W.Layout(width="420px"))
        self.title, self.message, self.listing, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        # Per week, gathered once for the weeks offered (a week's first visit would otherwise take seconds).
        self.evidence: dict[pd.Timestamp, CallbackEvidence] = {}
        for w in options:
            self._evidence(w)
        self.rows_of = accounts.groupby("client_id", sort=False).indices  # client -> row positions, once
        self.due = due_from_evidence(self._evidence(self.week.value), self.rules)
        self.figure = FigureWidget(due_figure(self.due, self.branches))
        self.watch = FigureWidget(watch_figure(accounts, None))
        for c in (self.week, self.funds, self.every):
            c.observe(lambda _: self.refresh(), names="value")
        self._quiet = False
        self.pick.observe(lambda _: None if self._quiet else self.show(self.pick.value), names="value")
        super().__init__([self.title, W.HBox([self.week]), W.HBox([self.funds, self.every]), self.message,
                          self.figure, self.listing, self.pick, self.watch, self.note], lang=lang)
        self.refresh()

    @property
    def rules(self) -> CallbackRules:
        return replace(self.base, funds_change=float(self.funds.value), potential_every_days=int(self.every.value))

    def _evidence(self, week: pd.Timestamp) -> CallbackEvidence:
        if week not in self.evidence:
            self.evidence[week] = callback_evidence(self.clients, self.accounts, self.callbacks, week)
        return self.evidence[week]

    def __repr__(self) -> str:
        counts = self.due["reason"].value_counts().reindex(list(REASONS), fill_value=0).to_dict()
        return f"CallbacksView(week={self.week.value:%Y-%m-%d}, due={counts})"

    def refresh(self) -> None:
        """Recompute who is due and update the chart, the list and the labels in place."""
        self.title.value = f"<h3>{t('cb.title')}</h3>"
        self.week.description, self.funds.description = t("cb.week"), t("cb.funds")
        self.every.description, self.pick.description = t("cb.every"), t("cb.pick")
        try:
            self.due = due_from_evidence(self._evidence(self.week.value), self.rules)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        with self.figure.batch_update():
            for old, fresh in zip(self.figure.data, due_traces(self.due, self.branches)):
                old.x, old.y, old.name = fresh["x"], fresh["y"], fresh["name"]
            self.figure.layout.title.text = t("cb.due_title", n=len(self.due))
            self.figure.layout.yaxis.title.text = t("cb.calls")
        top = self.due.head(LISTED).set_index("client_id")
        top = top.assign(branch=[t(f"branch.{b}") for b in top["branch"]],
                         reason=[t(f"cb.reason.{r}") for r in top["reason"].astype(str)])
        self.listing.value = (f"<b>{t('cb.list_title', n=min(LISTED, len(self.due)), total=len(self.due))}</b>"
                              + html_table(top, LIST_FORMATS, view="cb", index_label=t("cb.client")))
        movers = self.due[self.due["reason"] == "funds_change"]["client_id"].head(30).tolist()
        current = self.pick.value
        if list(self.pick.options) != movers:
            self._quiet = True  # one redraw below, not one per value the dropdown passes through
            try:
                self.pick.options = movers
                if movers:
                    self.pick.value = current if current in movers else movers[0]
            finally:
                self._quiet = False
        self.show(self.pick.value if movers else None)
        self.note.value = info_html(t("cb.note", **{k: getattr(self.rules, k) for k in
                                                   ("funds_change", "trades_change", "potential_every_days")},
                                      checkpoints="、".join(map(str, self.rules.checkpoints))))

    def show(self, client_id: str | None) -> None:
        """Draw the watched client's funds and trades (its rows found once, by position)."""
        rows = self.accounts.iloc[self.rows_of.get(client_id, [])] if client_id else self.accounts.iloc[:0]
        with self.watch.batch_update():
            bars, line = self.watch.data
            months = _month_labels(rows["month"])  # ISO dates: numpy datetimes would travel as nanoseconds
            bars.x, bars.y, bars.name = months, rows["trades"], t("cb.trades")
            line.x, line.y, line.name = months, rows["equity"], t("cb.equity")
            self.watch.layout.title.text = t("cb.watch_title", id=client_id or "—")
            self.watch.layout.yaxis.title.text = t("cb.equity")
            self.watch.layout.yaxis2.title.text = t("cb.trades")


def callbacks_view(tables: dict[str, pd.DataFrame], rules: CallbackRules = CallbackRules(),
                   lang: Language = LANG) -> CallbacksView:
    """Who is due a call this week, from ``clients``, ``accounts`` and ``callbacks``."""
    return CallbacksView(tables["clients"], tables["accounts"], tables["callbacks"], rules, lang)
