"""Tier migration and lifetime value: how clients move between tiers, what a client of each tier is worth,
and what a retention strategy per tier would return.

Tiers are cut by yearly contribution (VIP / key / ordinary, :func:`crm.core.segment.value_tiers`);
the transition matrix is counted over the five years of data; CLV per tier discounts the
expected profit of the chain (:func:`crm.cases.bank.lifetime.tier_clv`). A strategy keeps a share of a
tier's leavers at a cost per client a year; today's clients are simulated forward with and
without the strategies (:func:`crm.cases.bank.lifetime.simulate_retention`). The discount rate and the
strategies are the student's assumptions; the default strategy values are the workbench's.
A student's own contributions over two years or more (customer, year or date, profit)
replace the bank's through the shared :class:`widgets.upload.UploadControl`.
"""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.case import TIERS, tier_thresholds
from crm.cases.bank.case import ASSUMPTIONS as BANK_ASSUMPTIONS
from crm.cases.bank.lifetime import (LOST, RetentionStrategy, profit_years, profit_table, simulate_retention, tier_clv,
                                     transition_matrix, yearly_tiers)
from crm.cases.bank.schemas import UPLOAD_CONTRIBUTIONS
from crm.core.schemas import DataError
from widgets.common import html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.bank.pyramid import TIER_COLOURS
from widgets.upload import UploadControl
from widgets.bank.value_matrix import slider_span
from widgets.view import View

#: Default strategies (assumptions of the workbench, not the source): keep a share of leavers at a cost a year.
DEFAULT_STRATEGIES = {"VIP": RetentionStrategy(0.5, 300.0), "key": RetentionStrategy(0.3, 60.0),
                      "ordinary": RetentionStrategy(0.0, 0.0)}
TABLE_FORMATS = {"clients": "{:,}", "churn": "{:.1%}", "mean_profit": "{:,.0f}", "clv": "{:,.0f}",
                 "churn_cut": "{:.0%}", "cost_per_client": "{:,.0f}", "npv_gain": "{:,.0f}"}


def migration_state(wide: pd.DataFrame, thresholds: dict[str, float]) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Transition matrix, today's clients per tier and last year's mean profit per tier."""
    yearly = yearly_tiers(wide, thresholds)
    matrix = transition_matrix(yearly, TIERS)
    last = yearly.columns[-1]
    tiers_now = yearly[last]
    profit_now = wide[last]
    start = tiers_now.value_counts().reindex(list(TIERS), fill_value=0).astype(float)
    mean_profit = profit_now.groupby(tiers_now, observed=False).mean().reindex(list(TIERS)).fillna(0.0)
    return matrix, start, mean_profit


def migration_table(matrix: pd.DataFrame, start: pd.Series, mean_profit: pd.Series, strategies: dict,
                    discount_rate: float, years: int) -> pd.DataFrame:
    """Per tier: clients, yearly churn, mean profit, CLV, the strategy and its NPV gain over ``years``."""
    base = simulate_retention(matrix, start, mean_profit, None, years, discount_rate)["cumulative_npv"].iloc[-1]
    gains = {tier: simulate_retention(matrix, start, mean_profit, {tier: strategies[tier]}, years,
                                      discount_rate)["cumulative_npv"].iloc[-1] - base for tier in TIERS}
    return pd.DataFrame({"clients": start.astype(int), "churn": matrix[LOST], "mean_profit": mean_profit,
                         "clv": tier_clv(matrix, mean_profit, discount_rate, years),
                         "churn_cut": [strategies[k].churn_cut for k in TIERS],
                         "cost_per_client": [strategies[k].cost_per_client for k in TIERS],
                         "npv_gain": pd.Series(gains)}, index=pd.Index(list(TIERS), name="tier"))


def migration_figure(matrix: pd.DataFrame, table: pd.DataFrame, baseline: pd.DataFrame, plan: pd.DataFrame,
                     lang: str | None = None) -> go.Figure:
    """Heatmap of the transition matrix, CLV per tier, and clients and cumulative NPV with / without the plan."""
    rows = [t(f"bank.tier.{k}", lang) for k in matrix.index]
    cols = [t(f"bank.tier.{k}", lang) for k in matrix.columns]
    fig = make_subplots(rows=1, cols=3, column_widths=[0.36, 0.24, 0.4], horizontal_spacing=0.1,
                        subplot_titles=(t("bank.mig.matrix", lang), t("bank.mig.clv", lang), t("bank.mig.sim", lang)))
    z = matrix.to_numpy()
    fig.add_heatmap(z=z, x=cols, y=rows, colorscale="Blues", zmin=0, zmax=1, showscale=False,
                    text=[[f"{v:.0%}" for v in r] for r in z], texttemplate="%{text}", row=1, col=1)
    fig.add_bar(x=rows, y=table["clv"].to_numpy(), marker_color=[TIER_COLOURS[k] for k in TIERS], showlegend=False,
                text=[f"{v:,.0f}" for v in table["clv"]], textposition="outside", row=1, col=2)
    fig.add_scatter(x=baseline.index, y=baseline["cumulative_npv"], name=t("bank.mig.baseline", lang),
                    line=dict(color="#7f8c8d", dash="dash"), row=1, col=3)
    fig.add_scatter(x=plan.index, y=plan["cumulative_npv"], name=t("bank.mig.plan", lang), line=dict(color="#27ae60", width=3),
                    row=1, col=3)
    fig.update_layout(height=400, template="plotly_white", margin=dict(l=80, r=20, t=50, b=60),
                      legend=dict(orientation="h", x=0.62, y=-0.15))
    fig.update_yaxes(autorange="reversed", title_text=t("bank.mig.from", lang), row=1, col=1)
    fig.update_xaxes(title_text=t("bank.mig.to", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("bank.mig.yuan", lang), row=1, col=2)
    fig.update_xaxes(title_text=t("bank.mig.year", lang), dtick=1, row=1, col=3)
    fig.update_yaxes(title_text=t("bank.mig.npv", lang), row=1, col=3)
    return fig


def yearly_profits(profits: pd.DataFrame) -> pd.DataFrame:
    """An uploaded contributions file as the profit table: one row per client, one column per year (two or more).

    Rows of the same client and year are added up; the year is the ``year`` column, else the
    year of ``date``.
    """
    year = profit_years(profits)
    if year.nunique() < 2:
        raise DataError("迁移需要至少两年的贡献数据：请加上“year”（年份）或“date”（日期）列，且覆盖两年以上。",
                        "Migration needs contributions over at least two years: add a 'year' or 'date' column "
                        "covering two years or more.", column="year")
    long = (profits.assign(year=year.to_numpy()).groupby(["customer_id", "year"], as_index=False)["profit"].sum())
    return profit_table(long)


class MigrationView(View):
    """Tier thresholds, discount rate, horizon and one strategy per tier as controls; all follow in place."""

    def __init__(self, profits: pd.DataFrame, lang: Language = LANG, upload: bool = True) -> None:
        self.wide = profit_table(profits)
        self.strategies = dict(DEFAULT_STRATEGIES)
        th = tier_thresholds()
        style, wide = {"description_width": "initial"}, W.Layout(width="420px")
        self.vip_min = W.IntSlider(value=int(th["VIP"]), min=2000, max=20000, step=500, style=style, layout=wide,
                                   continuous_update=False)
        self.key_min = W.IntSlider(value=int(th["key"]), min=200, max=5000, step=100, style=style, layout=wide,
                                   continuous_update=False)
        self.rate = W.FloatSlider(value=float(BANK_ASSUMPTIONS["ltv_discount_rate"][0]), min=0.0, max=0.2, step=0.01, readout_format=".0%", style=style,
                                  layout=wide)
        self.years = W.IntSlider(value=int(BANK_ASSUMPTIONS["ltv_years"][0]), min=1, max=20, style=style,
                                 layout=wide)
        self.tier = W.Dropdown(options=[(t(f"bank.tier.{k}"), k) for k in TIERS], value="VIP", style=style)
        self.cut = W.FloatSlider(value=self.strategies["VIP"].churn_cut, min=0, max=1, step=0.05, readout_format=".0%",
                                 style=style, layout=wide)
        self.cost = W.IntSlider(value=int(self.strategies["VIP"].cost_per_client), min=0, max=2000, step=10,
                                style=style, layout=wide)
        self.title, self.table, self.message = W.HTML(), W.HTML(), W.HTML()
        self._syncing = False
        self.state = migration_state(self.wide, self.thresholds)
        self.figure = FigureWidget(migration_figure(self.state[0], *self._results(), lang=None))
        for s in (self.vip_min, self.key_min):
            s.observe(lambda _: None if self._syncing else self._retier(), names="value")
        for s in (self.rate, self.years):
            s.observe(lambda _: self.refresh(), names="value")
        self.tier.observe(self._on_tier, names="value")
        for s in (self.cut, self.cost):
            s.observe(self._on_strategy, names="value")
        controls = W.HBox([W.VBox([self.vip_min, self.key_min, self.rate, self.years]),
                           W.VBox([self.tier, self.cut, self.cost])])
        self.uploader = UploadControl(UPLOAD_CONTRIBUTIONS, self._prepare_upload, self._use_upload,
                                      summary=lambda up, df: {"clients": len(up[0]), "years": up[0].shape[1]},
                                      loaded_key="bank.mig.loaded", lang=lang)
        super().__init__([self.title, controls, *([self.uploader] if upload else []), self.message, self.figure,
                          self.table], lang=lang)
        self.relabel()

    def load(self, content: bytes, name: str) -> bool:
        """Count the migrations of an uploaded contributions file instead; a bad file keeps the data shown."""
        return self.uploader.load(content, name)

    def _prepare_upload(self, profits: pd.DataFrame) -> tuple:
        """The file's profit table, the sliders' new (min, max, step, value) and the migration state they give.

        A threshold inside the range of the contributions a move starts from (every year but the
        last) stays; else VIP starts at their 90th and key at their 60th percentile. Computed before anything changes, so a file
        the analytics refuse leaves the view as it was.
        """
        wide = yearly_profits(profits)
        moving = pd.Series(wide[wide.columns[:-1]].to_numpy().ravel()).dropna()  # the years a move starts from
        spans = {}
        for name, slider, q in (("VIP", self.vip_min, 0.9), ("key", self.key_min, 0.6)):
            lo, hi, step, value = slider_span(moving, float(slider.value), q)
            spans[name] = (int(lo), max(int(hi), int(lo) + 1), max(1, int(step)), int(round(value)))
        if spans["key"][3] >= spans["VIP"][3]:  # keep the order the tiers need
            lo, hi, step, _ = spans["key"]
            spans["key"] = (lo, hi, step, max(lo, spans["VIP"][3] - step))
        state = migration_state(wide, {"VIP": float(spans["VIP"][3]), "key": float(spans["key"][3]), "ordinary": 0.0})
        return wide, spans, state

    def _use_upload(self, upload: tuple, name: str) -> None:
        wide, spans, state = upload
        self._syncing = True  # move both thresholds, then re-tier once
        try:
            for slider, (lo, hi, step, value) in ((self.vip_min, spans["VIP"]), (self.key_min, spans["key"])):
                slider.min, slider.max = min(slider.min, lo), max(slider.max, hi)
                slider.min, slider.max, slider.step, slider.value = lo, hi, step, value
        finally:
            self._syncing = False
        self.wide, self.state = wide, state
        self.refresh()

    def __repr__(self) -> str:
        table = self._results()[0]
        return f"MigrationView(clients={int(table['clients'].sum())}, clv={table['clv'].round(0).to_dict()})"

    @property
    def thresholds(self) -> dict[str, float]:
        return {"VIP": float(self.vip_min.value), "key": float(self.key_min.value), "ordinary": 0.0}

    def _results(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        matrix, start, mean_profit = self.state
        horizon = self.years.value
        table = migration_table(matrix, start, mean_profit, self.strategies, self.rate.value, horizon)
        baseline = simulate_retention(matrix, start, mean_profit, None, horizon, self.rate.value)
        plan = simulate_retention(matrix, start, mean_profit, self.strategies, horizon, self.rate.value)
        return table, baseline, plan

    def _retier(self) -> None:
        if self.key_min.value >= self.vip_min.value:
            self.show_error("bank.mig.bad")
            return
        try:
            self.state = migration_state(self.wide, self.thresholds)
        except DataError as err:
            self.show_error(err)
            return
        self.refresh()

    def _on_tier(self, change: dict) -> None:
        if self._syncing:
            return
        s = self.strategies[self.tier.value]
        self._syncing = True
        try:
            self.cut.value, self.cost.value = s.churn_cut, int(s.cost_per_client)
        finally:
            self._syncing = False

    def _on_strategy(self, change: dict) -> None:
        if self._syncing:
            return
        self.strategies[self.tier.value] = RetentionStrategy(float(self.cut.value), float(self.cost.value))
        self.refresh()

    def refresh(self) -> None:
        """Re-estimate, re-simulate and update the figure and table in place."""
        self.clear_error()
        matrix = self.state[0]
        table, baseline, plan = self._results()
        z = matrix.to_numpy()
        with self.figure.batch_update():
            heat, clv, base_line, plan_line = self.figure.data
            heat.z, heat.text = z, [[f"{v:.0%}" for v in r] for r in z]
            clv.y, clv.text = table["clv"].to_numpy(), [f"{v:,.0f}" for v in table["clv"]]
            base_line.x, base_line.y = baseline.index.to_numpy(), baseline["cumulative_npv"].to_numpy()
            plan_line.x, plan_line.y = plan.index.to_numpy(), plan["cumulative_npv"].to_numpy()
        self.table.value = html_table(table, TABLE_FORMATS, view="bank.mig", index_label=t("bank.tier"),
                                      index_names=lambda k: t(f"bank.tier.{k}"), labels={"clv": "bank.mig.clv_col"})

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('bank.mig.title')}</h3>"
        for s, key in ((self.vip_min, "bank.mig.vip_min"), (self.key_min, "bank.mig.key_min"), (self.rate, "bank.mig.rate"),
                       (self.years, "bank.mig.years"), (self.tier, "bank.mig.tier"), (self.cut, "bank.mig.cut"),
                       (self.cost, "bank.mig.cost")):
            s.description = t(key)
        self._syncing = True
        try:
            value = self.tier.value
            self.tier.options = [(t(f"bank.tier.{k}"), k) for k in TIERS]
            self.tier.value = value
        finally:
            self._syncing = False
        fresh = migration_figure(self.state[0], *self._results())
        with self.figure.batch_update():
            heat, clv, base_line, plan_line = self.figure.data
            heat.x, heat.y, clv.x = fresh.data[0].x, fresh.data[0].y, fresh.data[1].x
            base_line.name, plan_line.name = fresh.data[2].name, fresh.data[3].name
            for old, new in zip(self.figure.layout.annotations, fresh.layout.annotations):
                old.text = new.text
            for axis in ("xaxis", "yaxis", "yaxis2", "xaxis3", "yaxis3"):
                self.figure.layout[axis].title.text = fresh.layout[axis].title.text
        self.refresh()


def migration_view(tables: dict[str, pd.DataFrame], lang: Language = LANG, upload: bool = True) -> MigrationView:
    """Tier migration, CLV per tier and retention strategies (uses ``profits``, or a student's own file)."""
    return MigrationView(tables["profits"], lang, upload)
