"""Receivables view: a day and a sales unit; who is due which step of the RPM timeline that day, where
the open invoices stand, the double ten, the ageing by sales unit and the bad-client warning list
(:mod:`crm.cases.credit.receivables`). A day that cannot be read gets the bilingual message.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.credit.case import _a, SALES_UNITS, STEPS
from crm.cases.credit.receivables import _check, ageing, AGE_BUCKETS, double_ten, due_today, open_on, stage, warning_list
from crm.core.schemas import DataError
from widgets.common import html_table, info_html, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

STAGES = ("current", "remind", "warn", "press", "blacklist")
STAGE_COLOURS = ("#27ae60", "#f1c40f", "#e67e22", "#d35400", "#c0392b")
MAX_ROWS = 15


def _cols(keys: tuple[str, ...]) -> dict[str, str]:
    return {k: f"cr.col.{k}" for k in keys}


def due_html(d: pd.DataFrame, lang: str | None = None) -> str:
    """Today's steps, latest step first, at most 15 rows (and how many more)."""
    if d.empty:
        return info_html(t("cr.rec.none", lang))
    order = {s: i for i, (s, _, _) in enumerate(STEPS)}
    d = d.assign(_o=-d["step"].map(order)).sort_values(["_o", "amount"], ascending=[True, False], kind="stable")
    shown = d.head(MAX_ROWS).assign(step=lambda x: x["step"].map(lambda s: t(f"cr.step.{s}", lang)))
    shown = shown.set_index("invoice_id")
    more = "" if len(d) <= MAX_ROWS else f"<div>… +{len(d) - MAX_ROWS}</div>"
    return (f"<b>{html.escape(t('cr.rec.due_title', lang))} ({len(d)})</b>"
            + html_table(shown, {"client_id": "{}", "sales_unit": "{}", "amount": "{:,.0f}", "step": "{}"},
                         "cr.rec.due", lang, index_label=t("cr.col.invoice_id", lang), labels=_cols(
                             ("client_id", "sales_unit", "amount", "step"))) + more)


def ten_html(g: pd.DataFrame, key: str, lang: str | None = None) -> str:
    """One list of the double ten."""
    return (f"<b>{html.escape(t(key, lang))}</b>"
            + html_table(g, {"owed": "{:,.0f}", "oldest_days": "{}", "most_overdue": "{}"}, key, lang,
                         index_label=t("cr.col.client_id", lang), labels=_cols(("owed", "oldest_days", "most_overdue"))))


def ageing_html(a: pd.DataFrame, lang: str | None = None) -> str:
    """The ageing table: sales units × age buckets."""
    fmts = {b[2]: "{:,.0f}" for b in AGE_BUCKETS}
    # (bucket names are data, "not_due", "1-7", ...: each header is said in words)
    heads = {b[2]: t("cr.age.not_due", lang) if b[2] == "not_due" else t("cr.age.over", lang, days=b[2])
             for b in AGE_BUCKETS}
    return (f"<b>{html.escape(t('cr.rec.ageing', lang))}</b>"
            + html_table(a.rename(columns=heads), {heads[k]: v for k, v in fmts.items()}, "cr.rec.ageing", lang,
                         index_label=t("cr.col.sales_unit", lang), labels={h: "" for h in heads.values()}))


def stages_figure(counts: pd.Series, lang: str | None = None) -> go.Figure:
    """Open invoices by the furthest step reached."""
    fig = go.Figure(go.Bar(x=[t(f"cr.step.{s}", lang) for s in STAGES], y=[int(counts.get(s, 0)) for s in STAGES],
                           marker_color=list(STAGE_COLOURS), text=[str(int(counts.get(s, 0))) for s in STAGES],
                           textposition="auto"))
    fig.update_layout(height=280, template="plotly_white", margin=dict(l=40, r=20, t=40, b=80),
                      title=t("cr.rec.fig_title", lang), yaxis=dict(title=t("cr.rec.invoices", lang)))
    return fig


class ReceivablesView(View):
    """Day and sales unit; today's steps, the stage chart, the double ten, ageing and the warning list follow."""

    def __init__(self, clients: pd.DataFrame, invoices: pd.DataFrame, today: str | None = None,
                 lang: Language = LANG) -> None:
        _check(invoices)
        for col in ("client_id", "sales_unit", "lawsuit", "non_credit_arrears_months"):
            if col not in clients.columns:
                raise DataError(f"客户表缺少列：{col}。", f"The clients lack the column {col}.")
        self.clients, self.invoices = clients, invoices
        style = {"description_width": "initial"}
        self.today = W.Text(value=today or str(_a("as_of")), continuous_update=False, style=style)
        self.unit = W.Dropdown(options=[("all", "")] + [(u, u) for u in SALES_UNITS], value="", style=style)
        self.title, self.message, self.due, self.ten, self.age, self.warn = (W.HTML() for _ in range(6))
        self.counts = pd.Series(dtype=int)
        self.figure = FigureWidget(stages_figure(self.counts))
        for w in (self.today, self.unit):
            w.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.today, self.unit]), self.message, self.warn,
                          side_by_side(self.due, self.figure), self.ten, self.age], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"ReceivablesView(today={self.today.value!r}, unit={self.unit.value!r})"

    def _book(self) -> pd.DataFrame:
        u = self.unit.value
        return self.invoices if not u else self.invoices[self.invoices["sales_unit"] == u]

    def refresh(self) -> None:
        """Recompute for the day and unit; a day that cannot be read shows the message and keeps the rest."""
        day, book = self.today.value, self._book()
        try:
            d = due_today(book, day)
            o = open_on(book, day)
            largest, oldest = double_ten(book, day)
            a = ageing(self.invoices, day)
            w = warning_list(self.clients, self.invoices, day)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.counts = stage(o).value_counts()
        self.due.value = due_html(d)
        self.ten.value = f'<div style="display:flex;gap:24px"><div>{ten_html(largest, "cr.rec.largest")}</div>' \
                         f'<div>{ten_html(oldest, "cr.rec.oldest")}</div></div>'
        self.age.value = ageing_html(a)
        self.warn.value = info_html(t("cr.rec.warning", n=len(w)) + ": " + ", ".join(
            f"{c} ({'、'.join(t(f'cr.why.{x}') for x in r.split(','))})" for c, r in w[["client_id", "reasons"]].itertuples(index=False)))
        with self.figure.batch_update():
            self.figure.data[0].y = [int(self.counts.get(s, 0)) for s in STAGES]
            self.figure.data[0].text = [str(int(self.counts.get(s, 0))) for s in STAGES]

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('cr.rec.title'))}</h3>"
        self.today.description, self.unit.description = t("cr.rec.today"), t("cr.rec.unit")
        value = self.unit.value
        self.unit.options = [(t("cr.rec.all"), "")] + [(u, u) for u in SALES_UNITS]
        self.unit.value = value
        with self.figure.batch_update():
            self.figure.data[0].x = [t(f"cr.step.{s}") for s in STAGES]
            self.figure.layout.title.text = t("cr.rec.fig_title")
            self.figure.layout.yaxis.title.text = t("cr.rec.invoices")
        self.refresh()


@view_or_error
def receivables_view(tables: dict[str, pd.DataFrame], today: str | None = None,
                     lang: Language = LANG) -> ReceivablesView:
    """The receivables calendar on ``today`` (default 2012-12-31) for ``tables["invoices"]``."""
    return ReceivablesView(tables["clients"], tables["invoices"], today, lang)
