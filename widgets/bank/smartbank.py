"""Smart-bank tiers (seeds/002, 面向智慧银行的客户关系管理): the experience each tier gets, and a client's path.

Ordinary clients get the *basic* experience (respect, professionalism, convenience), key
clients the *performance* experience (knowledge, trend, brand), VIP clients the *incentive*
experience (innovation, customisation, status). The six activities identify → differentiate
→ interact → customise → evaluate → optimise are drawn as the path one client takes, with
what the bank knows and does for him at each step, computed from his data.
"""
from __future__ import annotations

from typing import Mapping

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.case import TIERS, tier_shares
from crm.cases.bank.lifetime import contribution
from crm.cases.bank.products import DEFAULT_RULES, match_table
from crm.core.segment import rank_tiers, tier_summary
from crm.core.shared_results import shared
from widgets.i18n import LANG, Language, t
from widgets.figure import FigureWidget
from widgets.bank.pyramid import TIER_COLOURS
from widgets.view import View

STEPS = ("identify", "differentiate", "interact", "customise", "evaluate", "optimise")
EXPERIENCE = {"ordinary": "basic", "key": "performance", "VIP": "incentive"}
ELEMENTS = {"basic": ("respect", "professional", "convenient"), "performance": ("knowledge", "trend", "brand"),
            "incentive": ("innovation", "customised", "status")}
SAMPLE = 12  # clients offered per tier in the picker


def client_path(client: pd.Series, lang: str | None = None) -> list[str]:
    """What the bank knows and does for one client at each of the six steps (one text per step).

    ``client`` is a row of :func:`smartbank_clients`.
    """
    growth = client["growth"]
    recommended = ", ".join(t(f"bank.product.{p}", lang) for p in client["recommended"]) or t("bank.smart.none", lang)
    gap = (t("bank.smart.gap", lang, gap=client["gap"], tier=t(f"bank.tier.{client['next_tier']}", lang))
           if client["next_tier"] else t("bank.smart.top", lang))
    return [
        t("bank.smart.d.identify", lang, age=int(client["age"]), occupation=t(f"bank.occ.{client['occupation']}", lang),
          income=client["monthly_income"]),
        t("bank.smart.d.differentiate", lang, profit=client["profit"], tier=t(f"bank.tier.{client['tier']}", lang),
          experience=t(f"bank.smart.exp.{EXPERIENCE[client['tier']]}", lang)),
        t("bank.smart.d.interact", lang, products=int(client["products"]), years=int(client["years"])),
        t("bank.smart.d.customise", lang, products=recommended),
        t("bank.smart.d.evaluate", lang, growth=growth) if np.isfinite(growth) else t("bank.smart.d.new", lang),
        gap,
    ]


@shared
def smartbank_clients(tables: dict[str, pd.DataFrame], shares: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Today's clients with their tier, contribution, growth, products and the gap to the next tier.

    Returns
    -------
    DataFrame
        Indexed by ``customer_id``, ranked by contribution: the client's attributes, ``profit``,
        ``tier``, ``growth`` (contribution change on last year; NaN for new clients),
        ``products`` (held), ``years`` (with the bank), ``recommended`` (life-stage products
        he lacks), ``next_tier`` and ``gap`` (yuan more a year to reach it).
    """
    profits, clients = tables["profits"], tables["clients"].set_index("customer_id")
    year = int(profits["year"].max())
    profit = contribution(profits, year).sort_values(ascending=False, kind="stable")
    previous = contribution(profits, year - 1).reindex(profit.index)
    tiers = rank_tiers(profit, dict(shares or tier_shares()))
    out = clients.reindex(profit.index)[["age", "occupation", "monthly_income", "joined_year"]].copy()
    out["profit"], out["tier"] = profit, tiers.astype(str)
    out["growth"] = profit / previous - 1
    out["products"] = tables["holdings"].groupby("customer_id").size().reindex(profit.index, fill_value=0)
    out["years"] = year - out.pop("joined_year")
    pairs = match_table(tables["clients"][tables["clients"]["customer_id"].isin(profit.index)], tables["holdings"],
                        DEFAULT_RULES)
    lacking: dict[str, tuple] = {}
    gaps = pairs[~pairs["held"]]
    for cid, product in zip(gaps["customer_id"].to_numpy(), gaps["product"].to_numpy()):
        lacking[cid] = lacking.get(cid, ()) + (product,)
    out["recommended"] = [lacking.get(c, ()) for c in out.index.to_numpy()]
    floor = {tier: float(profit[tiers == tier].min()) for tier in TIERS if (tiers == tier).any()}
    up = {"ordinary": "key", "key": "VIP", "VIP": ""}
    out["next_tier"] = [up[x] for x in out["tier"]]
    out["gap"] = [max(floor.get(n, np.nan) - p, 0.0) if n else 0.0 for n, p in zip(out["next_tier"], out["profit"])]
    return out


def _sample(clients: pd.DataFrame, tier: str) -> list[str]:
    ids = clients.index[clients["tier"].to_numpy() == tier]
    k = min(SAMPLE, len(ids))
    pick = np.unique(((np.arange(k) + 0.5) / max(k, 1) * len(ids)).astype(int))  # spread over the tier
    return [str(ids[i]) for i in pick]


def smartbank_figure(clients: pd.DataFrame, customer_id: str, lang: str | None = None) -> go.Figure:
    """The six steps as a path for one client (left) and the tiers' shares of clients and profit (right)."""
    client = clients.loc[customer_id]
    texts = client_path(client, lang)
    colour = TIER_COLOURS[client["tier"]]
    summary = tier_summary(clients["profit"], pd.Series(pd.Categorical(clients["tier"], categories=list(TIERS)),
                                                          index=clients.index))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.72, 0.28], horizontal_spacing=0.08,
                        subplot_titles=(t("bank.smart.path", lang, client=customer_id), t("bank.smart.right", lang)))
    x = np.arange(len(STEPS))
    fig.add_scatter(x=x, y=np.zeros(len(STEPS)), mode="lines+markers+text", showlegend=False,
                    marker=dict(size=34, color=colour, line=dict(color="white", width=2)),
                    line=dict(color=colour, width=4), text=[str(i + 1) for i in x], textfont=dict(color="white", size=15),
                    hovertext=texts, hoverinfo="text", row=1, col=1)
    names = [t(f"bank.smart.step.{s}", lang) for s in STEPS]
    fig.add_bar(x=[t(f"bank.tier.{k}", lang) for k in TIERS], y=summary["customer_share"], name=t("bank.client_share", lang),
                marker_color="#95a5a6", row=1, col=2)
    fig.add_bar(x=[t(f"bank.tier.{k}", lang) for k in TIERS], y=summary["value_share"], name=t("bank.profit_share", lang),
                marker_color=[TIER_COLOURS[k] for k in TIERS], row=1, col=2)
    fig.update_layout(height=400, template="plotly_white", margin=dict(l=20, r=20, t=50, b=40), barmode="group",
                      annotations=list(fig.layout.annotations) + _step_notes(names, texts),
                      legend=dict(orientation="h", x=0.74, y=-0.08))
    fig.update_xaxes(visible=False, range=[-0.6, len(STEPS) - 0.4], row=1, col=1)
    fig.update_yaxes(visible=False, range=[-1.6, 1.0], row=1, col=1)
    fig.update_yaxes(tickformat=".0%", row=1, col=2)
    return fig


def _step_notes(names: list[str], texts: list[str]) -> list[dict]:
    notes = []
    for i, (name, text) in enumerate(zip(names, texts)):
        notes.append(dict(x=i, y=0.35, xref="x", yref="y", showarrow=False, text=f"<b>{name}</b>", font=dict(size=13)))
        notes.append(dict(x=i, y=-0.3, xref="x", yref="y", showarrow=False, yanchor="top", align="center",
                          text=text, font=dict(size=11, color="#333")))
    return notes


class SmartBankView(View):
    """Pick a tier and a client: the experience card and the client's six-step path follow in place."""

    def __init__(self, clients: pd.DataFrame, lang: Language = LANG) -> None:
        self.clients, self._relabelling = clients, False
        self.title, self.card = W.HTML(), W.HTML()
        self.tier = W.Dropdown(options=[(t(f"bank.tier.{k}"), k) for k in TIERS], value="key", description=t("bank.tier"),
                               style={"description_width": "initial"})
        self.client = W.Dropdown(options=_sample(clients, "key"), description=t("bank.smart.client"),
                                 style={"description_width": "initial"})
        self.figure = FigureWidget(smartbank_figure(clients, self.client.value))
        self.tier.observe(self._on_tier, names="value")
        self.client.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.tier, self.client]), self.card, self.figure], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        counts = self.clients["tier"].value_counts().reindex(list(TIERS)).to_dict()
        return f"SmartBankView(clients={len(self.clients)}, tiers={counts}, client={self.client.value!r})"

    def _on_tier(self, change: dict) -> None:
        if self._relabelling:
            return
        self.client.options = _sample(self.clients, self.tier.value)  # selects the first: refresh follows
        self.refresh()

    def refresh(self) -> None:
        """Redraw the path and relabel the tier bars for the chosen client, in place."""
        cid = self.client.value
        if cid is None:
            return
        client = self.clients.loc[cid]
        tier = client["tier"]
        texts = client_path(client)
        colour = TIER_COLOURS[tier]
        names = [t(f"bank.smart.step.{s}") for s in STEPS]
        with self.figure.batch_update():
            path, clients_bar, profit_bar = self.figure.data
            path.marker.color, path.line.color, path.hovertext = colour, colour, texts
            tiers = [t(f"bank.tier.{k}") for k in TIERS]
            clients_bar.x, profit_bar.x = tiers, tiers
            clients_bar.name, profit_bar.name = t("bank.client_share"), t("bank.profit_share")
            self.figure.layout.annotations = [
                dict(self.figure.layout.annotations[0].to_plotly_json(), text=t("bank.smart.path", client=cid)),
                dict(self.figure.layout.annotations[1].to_plotly_json(), text=t("bank.smart.right")),
                *_step_notes(names, texts)]
        exp = EXPERIENCE[tier]
        items = "".join(f"<li><b>{t(f'bank.smart.el.{e}')}</b>：{t(f'bank.smart.el.{e}.text')}</li>" for e in ELEMENTS[exp])
        self.card.value = (f'<div style="border-left:6px solid {TIER_COLOURS[tier]};padding:4px 12px">'
                           f"<b>{t(f'bank.tier.{tier}')} → {t(f'bank.smart.exp.{exp}')}</b><ul>{items}</ul></div>")

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('bank.smart.title')}</h3>"
        self.tier.description, self.client.description = t("bank.tier"), t("bank.smart.client")
        value, self._relabelling = self.tier.value, True
        try:
            self.tier.options = [(t(f"bank.tier.{k}"), k) for k in TIERS]
            self.tier.value = value
        finally:
            self._relabelling = False
        self.refresh()


def smartbank_view(tables: dict[str, pd.DataFrame], shares: Mapping[str, float] | None = None,
                   lang: Language = LANG) -> SmartBankView:
    """Smart-bank tiers and a client's six-step path (uses ``profits``, ``clients``, ``holdings``)."""
    return SmartBankView(smartbank_clients(tables, shares), lang)
