"""Life-stage product matching (seeds/002): who should be offered what, who already holds it, what is left.

The source pairs young clients with mortgages, car loans and card instalments, and
middle-aged, wealth-building clients with funds, forex and gold. A student moves the age
that ends "young" and the income that makes a "wealth builder", and the chance that an
existing client accepts an offer (seeds/001: 50 %); the view shows, per product, how many
of the targeted clients already hold it against the other clients, and the yearly profit
left on the table.
"""
from __future__ import annotations

from typing import Mapping

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.case import WEALTH_PRODUCTS, YOUNG_PRODUCTS
from crm.cases.bank.products import (DEFAULT_PRODUCT_PROFIT, DEFAULT_RULES, EXISTING_CLIENT_SUCCESS, WORKING,
                                     ProductRule, ClientProducts, client_products, match_summary, segment_index)
from crm.core.schemas import DataError
from widgets.common import html_table
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

PRODUCTS = YOUNG_PRODUCTS + WEALTH_PRODUCTS
TABLE_FORMATS = {"clients": "{:,}", "recommended": "{:,}", "held": "{:,}", "match_rate": "{:.1%}", "gaps": "{:,}",
                 "opportunity": "{:,.0f}"}


def rules_for(young_max_age: int = 35, wealth_min_income: float = 5000, wealth_max_age: int = 55) -> tuple[ProductRule, ...]:
    """The source's two rules with the bounds a student chose (young from 22; middle-aged up to 55)."""
    return (ProductRule("young_borrowers", YOUNG_PRODUCTS, 22, young_max_age, occupations=WORKING),
            ProductRule("wealth_builders", WEALTH_PRODUCTS, young_max_age + 1, wealth_max_age,
                        min_income=wealth_min_income))


def product_rates(base: ClientProducts, rules) -> pd.DataFrame:
    """Per product: share of the clients it is recommended to who hold it, and share of the others who do.

    Returns
    -------
    DataFrame
        Index: the recommended products; ``targeted_rate``, ``other_rate``, ``gaps``.
    """
    segments = segment_index(base, rules)
    rows = []
    for i, rule in enumerate(rules):
        mine = segments == i
        for p in rule.products:
            held = base.holds(p)
            rows.append({"product": p, "targeted_rate": held[mine].mean() if mine.any() else np.nan,
                         "other_rate": held[~mine].mean() if (~mine).any() else np.nan,
                         "gaps": int((mine & ~held).sum())})
    return pd.DataFrame(rows).set_index("product")


def products_figure(rates: pd.DataFrame, summary_by_product: pd.Series, lang: str | None = None) -> go.Figure:
    """Left: who holds each product, targeted vs other clients. Right: yearly profit left to win per product."""
    names = [t(f"bank.product.{p}", lang) for p in rates.index]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(t("bank.prod.left", lang), t("bank.prod.right", lang)))
    fig.add_bar(x=names, y=rates["targeted_rate"], name=t("bank.prod.targeted", lang), marker_color="#2980b9", row=1, col=1)
    fig.add_bar(x=names, y=rates["other_rate"], name=t("bank.prod.others", lang), marker_color="#bdc3c7", row=1, col=1)
    fig.add_bar(x=names, y=summary_by_product.reindex(rates.index).to_numpy(), name=t("bank.prod.opportunity", lang),
                marker_color="#27ae60", row=1, col=2, showlegend=False)
    fig.update_layout(height=420, barmode="group", template="plotly_white", margin=dict(l=60, r=20, t=50, b=80),
                      legend=dict(orientation="h", x=0, y=-0.15))
    fig.update_yaxes(tickformat=".0%", title_text=t("bank.prod.y_left", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("bank.prod.y_right", lang), row=1, col=2)
    return fig


def opportunity_by_product(rates: pd.DataFrame, product_profit: Mapping[str, float], success_rate: float) -> pd.Series:
    """Yearly profit expected from offering each recommended product to those who lack it."""
    return rates["gaps"] * success_rate * rates.index.map(lambda p: product_profit.get(p, 0.0)).to_numpy()


class ProductsView(View):
    """Sliders for the rules' bounds and the success rate; chart and table follow in place."""

    def __init__(self, clients: pd.DataFrame, holdings: pd.DataFrame, lang: Language = LANG) -> None:
        self.base = client_products(clients, holdings)
        self.profit = dict(DEFAULT_PRODUCT_PROFIT)
        style = {"description_width": "initial"}
        young, wealth = DEFAULT_RULES
        self.young_age = W.IntSlider(value=young.max_age, min=25, max=45, description=t("bank.prod.young_age"), style=style,
                                     layout=W.Layout(width="520px"))
        self.income = W.IntSlider(value=int(wealth.min_income), min=0, max=20000, step=500,
                                  description=t("bank.prod.income"), style=style, layout=W.Layout(width="520px"))
        self.success = W.FloatSlider(value=EXISTING_CLIENT_SUCCESS, min=0.05, max=1.0, step=0.05, readout_format=".0%",
                                     description=t("bank.prod.success"), style=style, layout=W.Layout(width="520px"))
        self.title, self.table, self.message = W.HTML(), W.HTML(), W.HTML()
        rates = product_rates(self.base, self.rules)
        self.figure = FigureWidget(products_figure(rates, opportunity_by_product(rates, self.profit,
                                                                                 self.success.value)))
        for s in (self.young_age, self.income, self.success):
            s.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, self.young_age, self.income, self.success, self.message, self.figure, self.table], lang=lang)
        self.refresh()

    def __repr__(self) -> str:
        s = match_summary(self.base, None, self.rules, self.profit, self.success.value)
        return (f"ProductsView(clients={len(self.base.customer_id)}, match_rate={s.loc['all', 'match_rate']:.3f}, "
                f"opportunity={s.loc['all', 'opportunity']:,.0f})")

    @property
    def rules(self) -> tuple[ProductRule, ...]:
        return rules_for(self.young_age.value, self.income.value)

    def refresh(self) -> None:
        """Re-match with the sliders' rules and update chart and table in place."""
        try:
            rules = self.rules
            rates = product_rates(self.base, rules)
            opportunity = opportunity_by_product(rates, self.profit, self.success.value)
            summary = match_summary(self.base, None, rules, self.profit, self.success.value)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        names = [t(f"bank.product.{p}") for p in rates.index]
        with self.figure.batch_update():
            targeted, others, left = self.figure.data
            targeted.x = others.x = left.x = names
            targeted.y, others.y = rates["targeted_rate"].to_numpy(), rates["other_rate"].to_numpy()
            left.y = opportunity.reindex(rates.index).to_numpy()
            targeted.name, others.name, left.name = t("bank.prod.targeted"), t("bank.prod.others"), t("bank.prod.opportunity")
            for note, key in zip(self.figure.layout.annotations, ("bank.prod.left", "bank.prod.right")):
                note.text = t(key)
            self.figure.layout.yaxis.title.text = t("bank.prod.y_left")
            self.figure.layout.yaxis2.title.text = t("bank.prod.y_right")
        self.title.value = f"<h3>{t('bank.prod.title')}</h3>"
        self.young_age.description, self.income.description = t("bank.prod.young_age"), t("bank.prod.income")
        self.success.description = t("bank.prod.success")
        self.table.value = html_table(summary, TABLE_FORMATS, view="bank.prod", index_label=t("bank.prod.segment"),
                                      index_names=lambda k: t(f"bank.prod.seg.{k}"), labels={"opportunity": "bank.prod.opportunity_col"})


def products_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> ProductsView:
    """Life-stage product matching on today's clients (uses ``clients`` and ``holdings``)."""
    clients = tables["clients"]
    return ProductsView(clients[clients["left_year"].isna()].reset_index(drop=True), tables["holdings"], lang)
