"""Three-level care view: movable tier thresholds, must-call occasions, the calls the plan costs.

A student's own customers (customer, litres or amount, and unit / individual if known)
replace the case's through the shared :class:`widgets.upload.UploadControl`; the occasions
and the callers stay the case's (the file does not say them).
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from crm.cases.fuel.care import (DEFAULT_THRESHOLDS, KINDS, LEVELS, OCCASIONS, TIERS, care_load, care_plan,
                                 customer_tiers, occasion_counts, tier_table)
from crm.cases.fuel.schemas import UPLOAD_CARE
from crm.core.schemas import DataError
from widgets.common import CLASS_COLOURS, LOG_AXIS, PALETTE, html_table, side_by_side
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

TIER_COLOURS = {"VIP": "#8e44ad", **CLASS_COLOURS}
LOAD_FORMATS = {"customers": "{:,}", "calls": "{:,}", "callers": "{:,}", "calls_per_caller_week": "{:,.1f}"}
SLIDER_MAX = {"unit": 40_000, "individual": 5_000}


def care_value_base(tables: dict[str, pd.DataFrame]) -> tuple[pd.Series, pd.Series]:
    """Litres in the year of every customer with a file, and his kind (unit / individual)."""
    c = tables["customers"]
    filed = c[c["file_stage"] != "plate"].set_index("customer_id")
    litres = tables["refuels"].groupby("customer_id")["litres"].sum().reindex(filed.index, fill_value=0.0)
    return litres, filed["kind"].astype(str)


KIND_SPELLINGS = {"unit": "unit", "单位": "unit", "单位客户": "unit", "fleet": "unit", "company": "unit", "企业": "unit",
                  "individual": "individual", "个人": "individual", "个人客户": "individual", "private": "individual",
                  "personal": "individual"}


def uploaded_care_base(customers: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Litres (or amount) per customer, added up over his rows, and his kind (individual if not given)."""
    volume = "litres" if "litres" in customers.columns else "amount" if "amount" in customers.columns else None
    if volume is None:
        raise DataError("客户数据需要“litres”（加油量）或“amount”（金额）列之一。",
                        "The customer file needs a 'litres' or an 'amount' column.", column="litres")
    ids = customers["customer_id"]
    litres = customers[volume].astype(float).groupby(ids.to_numpy()).sum()
    if "kind" not in customers.columns:
        return litres, pd.Series("individual", index=litres.index)
    kind = customers["kind"].astype(str).str.strip().str.casefold().map(KIND_SPELLINGS)
    if kind.isna().any():
        rows = (np.flatnonzero(kind.isna().to_numpy())[:5] + 2).tolist()
        found = list(dict.fromkeys(customers["kind"][kind.isna()].astype(str)))[:5]
        raise DataError(f"“kind”列第 {'、'.join(map(str, rows))} 行的客户类型 {found} 无法识别：请写 unit（单位）或 individual（个人）。",
                        f"Column 'kind', rows {', '.join(map(str, rows))}: customer kinds {found} are not known; "
                        "write unit or individual.", column="kind", rows=rows)
    kinds = kind.groupby(ids.to_numpy())
    mixed = kinds.nunique()
    if (mixed > 1).any():
        who = list(mixed.index[mixed > 1][:5])
        raise DataError(f"客户 {who} 的类型前后不一致（既有单位也有个人）。",
                        f"Customers {who} are recorded both as unit and as individual.", column="kind")
    return litres, kinds.first().reindex(litres.index)


def tiers_figure(table: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Customers per tier, one group of bars per kind."""
    fig = go.Figure([go.Bar(x=[t(f"care.kind.{k}", lang) for k in KINDS],
                            y=[int(table.loc[(k, tier), "customers"]) for k in KINDS], name=tier,
                            marker_color=TIER_COLOURS[tier]) for tier in TIERS])
    fig.update_layout(barmode="group", height=320, template="plotly_white", margin=dict(l=60, r=20, t=30, b=40),
                      yaxis=dict(title=t("care.tiers_y", lang), **LOG_AXIS), legend=dict(orientation="h", y=1.12))
    return fig


def calls_figure(load: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Calls a year at each care level, labelled with the calls per caller a week."""
    fig = go.Figure(go.Bar(x=[t(f"care.level.{lv}", lang) for lv in LEVELS], y=load["calls"].to_numpy(),
                           marker_color=[PALETTE[i] for i in range(len(LEVELS))],
                           text=[t("care.per_caller_label", lang, v=v) for v in load["calls_per_caller_week"]],
                           textposition="auto"))
    fig.update_layout(height=320, template="plotly_white", margin=dict(l=60, r=20, t=40, b=40),
                      title=dict(text=t("care.calls_title", lang)), yaxis=dict(title=t("care.calls_y", lang)))
    return fig


class CareView(View):
    """Threshold sliders and occasion boxes; tiers, calls and the load table follow in place."""

    def __init__(self, litres: pd.Series, kinds: pd.Series, occasions: pd.DataFrame, callers: dict[str, int],
                 lang: Language = LANG, upload: bool = True) -> None:
        self.litres, self.kinds, self.callers = litres, kinds, callers
        self.counts = occasion_counts(occasions)
        style, wide = {"description_width": "initial"}, W.Layout(width="440px")
        self.sliders = {(k, tier): W.IntSlider(value=int(DEFAULT_THRESHOLDS[k][tier]), min=0, max=SLIDER_MAX[k],
                                               step=100 if k == "unit" else 50, style=style, layout=wide)
                        for k in KINDS for tier in ("VIP", "A", "B")}
        self.boxes = {o: W.Checkbox(value=True, style=style) for o in OCCASIONS}
        self.title, self.table, self.message = W.HTML(), W.HTML(), W.HTML()
        self._compute()
        self.tiers_figure = FigureWidget(tiers_figure(self.tiers_table))
        self.calls_figure = FigureWidget(calls_figure(self.call_load))
        for w in (*self.sliders.values(), *self.boxes.values()):
            w.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(2, 460px)"))
        self.uploader = UploadControl(UPLOAD_CARE, uploaded_care_base, self._use_base,
                                      summary=lambda base, df: {"customers": len(base[0]), "rows": len(df)},
                                      loaded_key="care.loaded", lang=lang)
        super().__init__([self.title, grid, W.HBox(list(self.boxes.values())), *([self.uploader] if upload else []),
                          self.message, side_by_side(self.tiers_figure, self.calls_figure), self.table], lang=lang)
        self.relabel()

    def load(self, content: bytes, name: str) -> bool:
        """Tier an uploaded customer file instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_base(self, base: tuple[pd.Series, pd.Series], name: str) -> None:
        self.litres, self.kinds = base
        for (k, _), slider in self.sliders.items():  # a file in yuan may run past the litre scale
            top = float(self.litres[self.kinds == k].max()) if (self.kinds == k).any() else 0.0
            if top > slider.max:
                slider.max = int(np.ceil(top / slider.step) * slider.step)
        self.refresh()

    @property
    def thresholds(self) -> dict[str, dict[str, float]]:
        return {k: {**{tier: float(self.sliders[(k, tier)].value) for tier in ("VIP", "A", "B")}, "C": 0.0}
                for k in KINDS}

    def __repr__(self) -> str:
        return f"CareView(customers={len(self.litres)}, calls={dict(zip(self.call_load.index, self.call_load['calls']))})"

    def _compute(self) -> None:
        tiers = customer_tiers(self.litres, self.kinds, self.thresholds)
        self.tiers_table = tier_table(self.litres, self.kinds, tiers)
        occasions = {o: (self.counts[o] if box.value else 0) for o, box in self.boxes.items()}
        self.call_load = care_load(care_plan(tiers, self.kinds, occasions), self.callers)

    def refresh(self) -> None:
        """Re-tier and re-count the calls; crossed thresholds keep the last plan and say why."""
        try:
            self._compute()
        except DataError:
            self.show_error("care.bad")
            return
        self.clear_error()
        with self.tiers_figure.batch_update():
            for bar, tier in zip(self.tiers_figure.data, TIERS):
                bar.y = [int(self.tiers_table.loc[(k, tier), "customers"]) for k in KINDS]
        fresh = calls_figure(self.call_load)
        with self.calls_figure.batch_update():
            self.calls_figure.data[0].y, self.calls_figure.data[0].text = fresh.data[0].y, fresh.data[0].text
        self.table.value = html_table(self.call_load, LOAD_FORMATS, view="care", index_label="",
                                      index_names=lambda lv: t(f"care.level.{lv}"))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('care.title')}</h3>"
        for (k, tier), s in self.sliders.items():
            s.description = t(f"care.{k}.{tier}")
        for o, box in self.boxes.items():
            box.description = t(f"care.occasion.{o}", n=self.counts[o])
        with self.tiers_figure.batch_update():
            for bar in self.tiers_figure.data:
                bar.x = [t(f"care.kind.{k}") for k in KINDS]
            self.tiers_figure.layout.yaxis.title.text = t("care.tiers_y")
        with self.calls_figure.batch_update():
            self.calls_figure.data[0].x = [t(f"care.level.{lv}") for lv in LEVELS]
            self.calls_figure.layout.title.text = t("care.calls_title")
            self.calls_figure.layout.yaxis.title.text = t("care.calls_y")
        self.refresh()


def care_view(tables: dict[str, pd.DataFrame], lang: Language = LANG, upload: bool = True) -> CareView:
    """Tiers of the fuel case's customers on file and the calls of the three-level care plan."""
    litres, kinds = care_value_base(tables)
    staff = tables["staff"]
    callers = {"company": int((staff["role"] == "company_admin").sum()),
               "district": int((staff["role"] == "district_manager").sum()),
               "station": int(staff["station_id"].notna().sum())}
    return CareView(litres, kinds, tables["occasions"], callers, lang, upload)
