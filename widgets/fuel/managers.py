"""The "1:15" customer-manager view: load per employee of a station; what staff or customer changes do."""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.managers import (DEFAULT_CAPACITY, MIN_PER_EMPLOYEE, assign_managers, assignment_changes,
                                     manager_load, station_coverage)
from widgets.common import BAR_BLUES, PALETTE, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View


def managed_customers(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Customers on file (id, home station, litres in the year), the station staff, today's managers.

    Today's manager is who acquired the customer (the source's 谁开发，谁维护).
    """
    c = tables["customers"]
    filed = c[c["file_stage"] != "plate"]
    litres = tables["refuels"].groupby("customer_id")["litres"].sum()
    customers = pd.DataFrame({"customer_id": filed["customer_id"].to_numpy(), "station_id": filed["station_id"].to_numpy(),
                              "value": litres.reindex(filed["customer_id"]).fillna(0.0).to_numpy()})
    staff = tables["staff"].loc[tables["staff"]["station_id"].notna(), ["employee_id", "station_id", "role"]]
    return customers, staff.reset_index(drop=True), filed.set_index("customer_id")["acquired_by"]


def change_staff(staff: pd.DataFrame, change: float) -> pd.DataFrame:
    """Each station's staff grown or cut by ``change`` (a share); the station manager always stays."""
    parts = []
    for sid, group in staff.groupby("station_id", sort=True):
        k = int(round(len(group) * change))
        if k < 0:
            drop = group[group["role"] != "station_manager"].sort_values("employee_id").index[k:]
            group = group.drop(drop)
        elif k > 0:
            new = pd.DataFrame({"employee_id": [f"{sid}-N{i}" for i in range(1, k + 1)], "station_id": sid,
                                "role": "attendant"})
            group = pd.concat([group, new])
        parts.append(group)
    return pd.concat(parts, ignore_index=True)


def change_customers(customers: pd.DataFrame, change: float, seed: int = 0) -> pd.DataFrame:
    """Customers lost at random (``change`` < 0) or new ones like random existing ones (> 0)."""
    rng = np.random.default_rng(seed)
    k = int(round(len(customers) * abs(change)))
    if change < 0:
        return customers.drop(customers.index[rng.choice(len(customers), k, replace=False)]).reset_index(drop=True)
    like = customers.iloc[rng.choice(len(customers), k, replace=True)]
    new = like.assign(customer_id=[f"NEW{i:06d}" for i in range(1, k + 1)])
    return pd.concat([customers, new], ignore_index=True)


def managers_figure(load: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Customers per employee of one station (bars), litres in hover and colour, the minimum 15 as a line."""
    fig = go.Figure(go.Bar(x=load["employee_id"].to_numpy(), y=load["customers"].to_numpy(),
                           marker=dict(color=load["value"].to_numpy(), colorscale=BAR_BLUES, showscale=True,
                                       line=dict(color="#2c5c85", width=1),
                                       colorbar=dict(title=dict(text=t("managers.value", lang)))),
                           customdata=load["value"].to_numpy(), name=t("managers.y", lang),
                           hovertemplate="%{x}: %{y} · %{customdata:,.0f} L<extra></extra>"))
    fig.update_layout(height=360, template="plotly_white", margin=dict(l=60, r=20, t=30, b=60),
                      xaxis=dict(title=t("managers.x", lang)), yaxis=dict(title=t("managers.y", lang), rangemode="tozero"),
                      shapes=[dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=MIN_PER_EMPLOYEE,
                                   y1=MIN_PER_EMPLOYEE, line=dict(color=PALETTE[3], dash="dash"))],
                      annotations=[dict(xref="paper", yref="y", x=1, y=MIN_PER_EMPLOYEE, text=t("managers.minimum", lang),
                                        showarrow=False, yshift=10, xanchor="right", font=dict(color=PALETTE[3]))])
    return fig


class ManagersView(View):
    """Staff and customer changes, capacity and a station; the chart and summaries follow in place."""

    def __init__(self, customers: pd.DataFrame, staff: pd.DataFrame, current: pd.Series, lang: Language = LANG) -> None:
        self.customers, self.staff = customers, staff
        self.today = assign_managers(customers, staff, current=current, capacity=DEFAULT_CAPACITY)
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.staff_change = W.FloatSlider(value=0.0, min=-0.5, max=0.5, step=0.1, readout_format="+.0%", style=style,
                                          layout=wide)
        self.customer_change = W.FloatSlider(value=0.0, min=-0.3, max=0.6, step=0.1, readout_format="+.0%",
                                             style=style, layout=wide)
        self.capacity = W.IntSlider(value=DEFAULT_CAPACITY, min=15, max=100, step=5, style=style, layout=wide)
        self.station = W.Dropdown(options=sorted(staff["station_id"].unique()), style=style)
        self.title, self.summary, self.station_summary = W.HTML(), W.HTML(), W.HTML()
        self._compute()
        self.figure = FigureWidget(managers_figure(self._station_load()))
        for w in (self.staff_change, self.customer_change, self.capacity):
            w.observe(lambda _: self.refresh(), names="value")
        self.station.observe(lambda _: self.draw(), names="value")
        grid = W.GridBox([self.staff_change, self.customer_change, self.capacity, self.station],
                         layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        super().__init__([self.title, grid, self.summary, self.figure, self.station_summary], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return (f"ManagersView(employees={len(self.scenario_staff)}, customers={len(self.scenario_customers)}, "
                f"below_minimum={int((~self.load['meets_minimum']).sum())})")

    def _compute(self) -> None:
        self.scenario_staff = change_staff(self.staff, self.staff_change.value)
        self.scenario_customers = change_customers(self.customers, self.customer_change.value)
        self.managers = assign_managers(self.scenario_customers, self.scenario_staff, current=self.today,
                                        capacity=self.capacity.value)
        self.load = manager_load(self.scenario_customers, self.scenario_staff, self.managers)
        self.coverage = station_coverage(self.scenario_customers, self.load, self.managers)
        self.changes = assignment_changes(self.today, self.managers)

    def _station_load(self) -> pd.DataFrame:
        return self.load[self.load["station_id"] == self.station.value]

    def refresh(self) -> None:
        """Re-assign under the changed staff, customers or capacity; redraw in place."""
        self._compute()
        self.draw()

    def draw(self) -> None:
        """The chosen station's bars and both summaries, in the current language."""
        rows = self._station_load()
        with self.figure.batch_update():
            bar = self.figure.data[0]
            bar.x, bar.y = rows["employee_id"].to_numpy(), rows["customers"].to_numpy()
            bar.marker.color, bar.customdata = rows["value"].to_numpy(), rows["value"].to_numpy()
        covered = float(self.managers.notna().mean()) if len(self.managers) else 0.0
        self.summary.value = info_html(t("managers.summary", employees=len(self.scenario_staff),
                                         customers=len(self.scenario_customers), covered=covered,
                                         below=int((~self.load["meets_minimum"]).sum()), moved=self.changes["moved"],
                                         uncovered=int(self.managers.isna().sum())))
        c = self.coverage.loc[self.station.value]
        spread = c["value_spread"] if np.isfinite(c["value_spread"]) else 0.0
        self.station_summary.value = info_html(t("managers.station_summary", station=self.station.value,
                                                 employees=int(c["employees"]), customers=int(c["customers"]),
                                                 lo=int(c["min_customers"]), hi=int(c["max_customers"]), spread=spread))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('managers.title')}</h3>"
        self.staff_change.description, self.customer_change.description = t("managers.staff"), t("managers.customers")
        self.capacity.description, self.station.description = t("managers.capacity"), t("managers.station")
        with self.figure.batch_update():
            self.figure.data[0].name = t("managers.y")
            self.figure.data[0].marker.colorbar.title.text = t("managers.value")
            self.figure.layout.xaxis.title.text = t("managers.x")
            self.figure.layout.yaxis.title.text = t("managers.y")
            self.figure.layout.annotations[0].text = t("managers.minimum")
        self.draw()


def managers_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ManagersView:
    """The 1:15 customer managers of the fuel case: today's assignment and what-if changes."""
    return ManagersView(*managed_customers(tables), lang=lang)
