"""Visit planner view: a staff size, visits a day, working days and a priority order; what share of each
client group a year of visits reaches, the coverage curve against the staff, and whom the plan visits first
(:class:`crm.cases.visits.plan.VisitPlanner`).

The planner sorts the clients once per order and keeps running counts per group, so a move of the staff
slider only reads them (and moves the marker on the curve); a new order, visits a day or working days
redraws the curves. Working days outside 1–366 get the bilingual message and the last plan stays.
"""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.visits.case import _a, GROUPS, SERVICE_STAFF
from crm.cases.visits.plan import _check_clients, Plan, RULES, VisitPlanner
from crm.core.schemas import DataError
from widgets.common import html_table, info_html, LEGEND_BELOW, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

MAX_STAFF = 12_000
STAFF_STEP = 100
GRID = np.arange(0, MAX_STAFF + STAFF_STEP, STAFF_STEP)
GROUP_COLOURS = {"all": "#7f8c8d", "orphan": "#c0392b", "vip": "#d4ac0d", "overdue": "#2980b9"}
FIRST = 10


def groups_html(plan: Plan, lang: str | None = None) -> str:
    """Clients, clients visited and the share visited, per group."""
    df = pd.DataFrame({"clients": [plan.counts[g] for g in GROUPS],
                       "reached": [int(round(plan.reached[g] * plan.counts[g])) for g in GROUPS],
                       "share": [plan.reached[g] for g in GROUPS]}, index=list(GROUPS))
    return html_table(df, {"clients": "{:,}", "reached": "{:,}", "share": "{:.1%}"}, "vi.plan.groups", lang,
                      index_label=t("vi.col.group", lang), index_names=lambda g: t(f"vi.group.{g}", lang),
                      labels={"clients": "vi.col.clients", "reached": "vi.col.reached", "share": "vi.col.share"})


def first_html(clients: pd.DataFrame, order: np.ndarray, days: np.ndarray, lang: str | None = None) -> str:
    """The first clients of the order, with what put them there."""
    top = order[:FIRST]
    c = clients.iloc[top]
    df = pd.DataFrame({"vip_grade": [t(f"vi.grade.{g}", lang) for g in c["vip_grade"].astype(object)],
                       "orphan": [t("vi.yes" if o else "vi.no", lang) for o in c["orphan"].to_numpy(bool)],
                       "days": days[top].astype(int).tolist(), "annual_premium": c["annual_premium"].to_numpy(float)},
                      index=c["client_id"].to_numpy())
    return (f"<b>{html.escape(t('vi.plan.first', lang, n=FIRST))}</b>"
            + html_table(df, {"vip_grade": "{}", "orphan": "{}", "days": "{:,}", "annual_premium": "{:,.0f}"},
                         "vi.plan.first", lang, index_label=t("vi.col.client_id", lang),
                         labels={k: f"vi.col.{k}" for k in ("vip_grade", "orphan", "days", "annual_premium")}))


def curve_figure(curves: dict[str, np.ndarray], staff: float, rule: str, lang: str | None = None) -> go.Figure:
    """Share of each group visited in a year against the staff, with the chosen staff marked."""
    fig = go.Figure([go.Scatter(x=GRID, y=curves[g], mode="lines", name=t(f"vi.group.{g}", lang),
                                line=dict(color=GROUP_COLOURS[g], width=3 if g == "orphan" else 2)) for g in GROUPS])
    fig.add_vline(x=staff, line=dict(color="#34495e", dash="dash"))
    fig.update_layout(height=340, template="plotly_white", margin=dict(l=60, r=20, t=50, b=110),
                      title=t("vi.plan.curve", lang, rule=t(f"vi.rule.{rule}", lang)), legend=LEGEND_BELOW,
                      xaxis=dict(title=t("vi.plan.x", lang), range=[0, MAX_STAFF], tickformat=","),
                      yaxis=dict(title=t("vi.plan.y", lang), range=[0, 1.02], tickformat=".0%"))
    return fig


class PlanView(View):
    """Staff, visits a day, working days and order; the groups table, the curve and the first clients follow."""

    def __init__(self, clients: pd.DataFrame, staff: int = SERVICE_STAFF, rule: str = "orphan_first",
                 lang: Language = LANG) -> None:
        _check_clients(clients)
        if rule not in RULES:
            raise DataError(f"未知的拜访顺序“{rule}”。可用：{'、'.join(RULES)}。",
                            f"Unknown priority rule '{rule}'. Available: {', '.join(RULES)}.")
        self.clients = clients.reset_index(drop=True)
        self.planner = VisitPlanner(self.clients)
        style = {"description_width": "initial"}
        wide = W.Layout(width="460px")
        self.staff = W.IntSlider(value=int(staff), min=STAFF_STEP, max=MAX_STAFF, step=STAFF_STEP, style=style,
                                 layout=wide, continuous_update=True, readout_format=",d")
        self.per_day = W.IntSlider(value=int(_a("visits_per_day")), min=1, max=12, style=style, layout=wide)
        self.days = W.IntText(value=int(_a("working_days")), style=style, layout=W.Layout(width="240px"))
        self.rule = W.Dropdown(options=[(r, r) for r in RULES], value=rule, style=style)
        self.title, self.message, self.info, self.table, self.first, self.note = (W.HTML() for _ in range(6))
        self.plan: Plan = self.planner.plan(staff, rule=rule)
        self._curves_for: tuple | None = None
        self.figure = FigureWidget(curve_figure(self._curves(rule, *self._rates()), staff, rule))
        self.staff.observe(lambda _: self.refresh(), names="value")
        for w in (self.per_day, self.days, self.rule):
            w.observe(lambda _: self.refresh(redraw=True), names="value")
        super().__init__([self.title, W.HBox([self.rule, self.days]), self.staff, self.per_day, self.message,
                          self.info, side_by_side(W.VBox([self.table, self.first]), self.figure), self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"PlanView(staff={self.staff.value}, rule={self.rule.value!r}, visits={self.plan.visits})"

    def _rates(self) -> tuple[int, int]:
        days = self.days.value
        if days is None or not 1 <= days <= 366:
            raise DataError(t("vi.plan.bad_days", "zh", days=days), t("vi.plan.bad_days", "en", days=days))
        return self.per_day.value, days

    def _curves(self, rule: str, per_day: int, days: int) -> dict[str, np.ndarray]:
        visits = np.floor(GRID * per_day * days / self.planner.sample_rate + 1e-9).astype(int)
        return self.planner.reached(rule, visits)

    def refresh(self, redraw: bool = False) -> None:
        """Plan again for the controls; bad working days show the message and keep the last plan."""
        rule = self.rule.value
        try:
            per_day, days = self._rates()
            self.plan = self.planner.plan(self.staff.value, per_day, days, rule)
            need = {g: self.planner.staff_for(g, rule, visits_per_day=per_day, working_days=days) for g in ("orphan", "vip")}
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        scaled = int(round(self.plan.visits * self.planner.sample_rate))
        self.info.value = info_html(t("vi.plan.visits", visits=self.plan.visits, scaled=scaled,
                                      share=self.plan.reached["all"]) + " "
                                    + t("vi.plan.need", orphan=need["orphan"], vip=need["vip"]))
        self.table.value = groups_html(self.plan)
        key = (rule, per_day, days)
        with self.figure.batch_update():
            if redraw or key != self._curves_for:
                curves = self._curves(rule, per_day, days)
                for trace, g in zip(self.figure.data, GROUPS):
                    trace.y = curves[g]
                self.figure.layout.title.text = t("vi.plan.curve", rule=t(f"vi.rule.{rule}"))
                self.first.value = first_html(self.clients, self.planner.order(rule), self.planner.days)
                self._curves_for = key
            self.figure.layout.shapes[0].x0 = self.figure.layout.shapes[0].x1 = self.staff.value

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('vi.plan.title'))}</h3>"
        self.staff.description, self.per_day.description = t("vi.plan.staff"), t("vi.plan.per_day")
        self.days.description, self.rule.description = t("vi.plan.days"), t("vi.plan.rule")
        value = self.rule.value
        self.rule.options = [(t(f"vi.rule.{r}"), r) for r in RULES]
        self.rule.value = value
        self.note.value = info_html(t("vi.plan.note"))
        with self.figure.batch_update():
            for trace, g in zip(self.figure.data, GROUPS):
                trace.name = t(f"vi.group.{g}")
            self.figure.layout.xaxis.title.text = t("vi.plan.x")
            self.figure.layout.yaxis.title.text = t("vi.plan.y")
        self._curves_for = None
        self.refresh()


@view_or_error
def plan_view(tables: dict[str, pd.DataFrame], staff: int = SERVICE_STAFF, rule: str = "orphan_first",
              lang: Language = LANG) -> PlanView:
    """A year's visits for ``staff`` (default the source's 2,500) under ``rule`` on ``tables["clients"]``."""
    return PlanView(tables["clients"], staff, rule, lang)
