"""Customer pyramid (HSBC, seeds/004): tiers by profit contribution with movable shares, the Pareto curve.

"客户金字塔是建立在20%的客户创造了80%的利润这个前提下的": the view ranks a year's clients by
their contribution, cuts VIP and key tiers at the shares a student sets
(:func:`crm.core.segment.rank_tiers`), and checks the source's claim on the data. The ranking is
computed once per year; a slider move recounts the tiers and restyles the figure in place.
A student's own contributions file (customer, profit, and a year or a date if there are
several years) replaces the case's through the shared :class:`widgets.upload.UploadControl`.
"""
from __future__ import annotations

from typing import Mapping

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from crm.cases.bank.case import tier_shares
from crm.cases.bank.lifetime import ALL_YEARS, profit_years, yearly_rankings
from crm.cases.bank.schemas import UPLOAD_CONTRIBUTIONS
from crm.core.segment import ParetoRanking, pareto_curve, pareto_ranking, ranked_tier_summary
from widgets.common import html_table, info_html, share_slider
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View


TIER_COLOURS = {"VIP": "#8e44ad", "key": "#c0392b", "ordinary": "#7f8c8d"}
TABLE_FORMATS = {"customers": "{:,}", "customer_share": "{:.1%}", "value": "{:,.0f}", "value_share": "{:.1%}",
                 "mean_value": "{:,.0f}"}
TABLE_LABELS = {"customers": "bank.clients", "customer_share": "bank.client_share", "value": "bank.profit",
                "value_share": "bank.profit_share", "mean_value": "bank.mean_profit"}


def top_share(ranking: ParetoRanking, share: float = 0.2) -> float:
    """Share of total contribution held by the top ``share`` of clients (the source's 20 %)."""
    k = int(share * ranking.n)
    return float(ranking.cum_value_share[k - 1]) if k > 0 else 0.0


def contribution_rankings(profits: pd.DataFrame) -> dict[int, ParetoRanking]:
    """One Pareto ranking of the clients' contributions per year, oldest year first.

    ``profits`` has ``customer_id`` and ``profit``, and ``year`` or ``date`` when it covers
    several years (without either, all rows are one period, :data:`ALL_YEARS`). Rows of the
    same client and year are added up, so a file of single transactions works too.
    """
    year = profit_years(profits)
    total = profits["profit"].astype(float).groupby([year.to_numpy(), profits["customer_id"].to_numpy()]).sum()
    return {int(y): pareto_ranking(total.loc[y]) for y in sorted(total.index.get_level_values(0).unique())}


def _year_label(year: int) -> str:
    return t("upload.all_years") if year == ALL_YEARS else str(year)


def _shares(vip: float, key: float) -> dict[str, float]:
    return {"VIP": vip, "key": key, "ordinary": 1.0 - vip - key}


def _pyramid_parts(summary: pd.DataFrame, lang: str | None) -> tuple[dict, list[dict], list[dict]]:
    """Centred bars (the pyramid), their labels and the tier bands on the Pareto curve."""
    cs = summary["customer_share"].to_numpy()
    width = np.maximum(cs, 0.004)
    labels = [t(f"bank.tier.{k}", lang) for k in summary.index]
    bars = dict(x=width, base=-width / 2, y=labels)
    notes = [dict(x=w / 2 + 0.02, y=lab, xref="x", yref="y", xanchor="left", showarrow=False,
                  text=t("bank.pyr.note", lang, clients=c, profit=p))
             for w, lab, c, p in zip(width, labels, cs, summary["value_share"])]
    shapes, x0 = [], 0.0
    for tier, c in zip(summary.index, cs):
        shapes.append(dict(type="rect", xref="x2", yref="paper", x0=x0, x1=x0 + c, y0=0, y1=1, line_width=0,
                           fillcolor=TIER_COLOURS[tier], opacity=0.12, layer="below"))
        x0 += c
    return bars, notes, shapes


def pyramid_figure(ranking: ParetoRanking, shares: Mapping[str, float], lang: str | None = None) -> go.Figure:
    """The pyramid (tiers as centred bars, VIP on top) and the Pareto curve with the tier bands.

    ``ranking`` is :func:`crm.core.segment.pareto_ranking` of a year's contributions.
    """
    summary = ranked_tier_summary(ranking, shares)
    bars, notes, shapes = _pyramid_parts(summary, lang)
    curve = pareto_curve(ranking)
    top = top_share(ranking)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.45, 0.55], horizontal_spacing=0.12,
                        subplot_titles=(t("bank.pyr.left", lang), t("bank.pyr.right", lang)))
    fig.add_bar(orientation="h", marker_color=[TIER_COLOURS[k] for k in summary.index], showlegend=False,
                hoverinfo="skip", row=1, col=1, **bars)
    fig.add_scatter(x=curve["customer_share"], y=curve["value_share"], mode="lines", name=t("bank.pyr.curve", lang),
                    line=dict(color="#2c3e50", width=3), row=1, col=2)
    fig.add_scatter(x=[0.2], y=[top], mode="markers+text", name=t("bank.pyr.top20", lang), marker=dict(size=11, color="#e67e22"),
                    text=[f"{top:.0%}"], textposition="middle right", row=1, col=2)
    fig.add_scatter(x=[0, 0.2, 0.2], y=[0.8, 0.8, 0], mode="lines", name=t("bank.pyr.claim_line", lang),
                    line=dict(color="#e67e22", dash="dot"), row=1, col=2)
    fig.update_layout(height=420, template="plotly_white", margin=dict(l=90, r=20, t=40, b=50), bargap=0.05,
                      shapes=shapes, annotations=list(fig.layout.annotations) + notes,
                      legend=dict(x=0.75, y=0.08))
    fig.update_xaxes(range=[-0.55, 0.95], showticklabels=False, showgrid=False, zeroline=False, row=1, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=bars["y"][::-1], row=1, col=1)
    fig.update_xaxes(title_text=t("bank.pyr.x", lang), tickformat=".0%", range=[0, 1], row=1, col=2)
    fig.update_yaxes(title_text=t("bank.pyr.y", lang), tickformat=".0%", range=[0, 1.02], row=1, col=2)
    return fig


class PyramidView(View):
    """Sliders for the VIP and key shares and a year; the pyramid, curve and table follow in place."""

    def __init__(self, profits: pd.DataFrame, shares: Mapping[str, float] | None = None, lang: Language = LANG,
                 upload: bool = True) -> None:
        shares = dict(shares or tier_shares())
        self.rankings = yearly_rankings(profits)
        self.title, self.claim, self.table, self.message = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.vip = share_slider(shares["VIP"], "bank.pyr.vip", lo=0.01, hi=0.3)
        self.key = share_slider(shares["key"], "bank.pyr.key", lo=0.01, hi=0.6)
        years = list(self.rankings)
        self.year = W.Dropdown(options=[(_year_label(y), y) for y in years], value=years[-1],
                               description=t("bank.pyr.year"), style={"description_width": "initial"})
        self.uploader = UploadControl(UPLOAD_CONTRIBUTIONS, contribution_rankings, self._use_rankings,
                                      summary=lambda r, df: {"clients": max(x.n for x in r.values()), "years": len(r),
                                                             "rows": len(df)},
                                      loaded_key="bank.pyr.loaded", lang=lang)
        self.figure = FigureWidget(pyramid_figure(self.rankings[self.year.value], shares))
        self.vip.observe(lambda _: self.refresh(), names="value")
        self.key.observe(lambda _: self.refresh(), names="value")
        self.year.observe(self._on_year, names="value")
        super().__init__([self.title, self.vip, self.key, self.year, *([self.uploader] if upload else []), self.message,
                          self.figure, self.claim, self.table], lang=lang)
        self.relabel()

    def load(self, content: bytes, name: str) -> bool:
        """Tier the clients of an uploaded file instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_rankings(self, rankings: dict[int, ParetoRanking], name: str) -> None:
        self.rankings = rankings
        years = list(rankings)
        self.year.options = [(_year_label(y), y) for y in years]  # observers see the new rankings already
        self.year.value = years[-1]
        self._on_year({})

    def __repr__(self) -> str:
        r = self.rankings[self.year.value]
        return f"PyramidView(year={self.year.value}, clients={r.n}, top_20_share={top_share(r):.3f})"

    @property
    def shares(self) -> dict[str, float]:
        return _shares(self.vip.value, self.key.value)

    def _on_year(self, change: dict) -> None:
        curve = pareto_curve(self.rankings[self.year.value])
        top = top_share(self.rankings[self.year.value])
        with self.figure.batch_update():
            self.figure.data[1].x, self.figure.data[1].y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
            self.figure.data[2].y, self.figure.data[2].text = [top], [f"{top:.0%}"]
        self.refresh()

    def refresh(self) -> None:
        """Recut the tiers and restyle the figure in place; refuse shares that leave no ordinary clients."""
        if self.vip.value + self.key.value >= 1:
            self.show_error("bank.pyr.bad")
            return
        self.clear_error()
        ranking = self.rankings[self.year.value]
        summary = ranked_tier_summary(ranking, self.shares)
        bars, notes, shapes = _pyramid_parts(summary, None)
        titles = [a for a in self.figure.layout.annotations if a.xref == "paper"]
        with self.figure.batch_update():
            self.figure.data[0].x, self.figure.data[0].base, self.figure.data[0].y = bars["x"], bars["base"], bars["y"]
            self.figure.layout.annotations = titles + notes
            self.figure.layout.shapes = shapes
            self.figure.layout.yaxis.categoryarray = bars["y"][::-1]
        self.table.value = html_table(summary, TABLE_FORMATS, view="bank.pyr", index_label=t("bank.tier"),
                                      index_names=lambda k: t(f"bank.tier.{k}"), labels=TABLE_LABELS)
        top = top_share(ranking)
        self.claim.value = info_html(t("bank.pyr.claim", year=_year_label(self.year.value), top=top))

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{t('bank.pyr.title')}</h3>"
        self.vip.description, self.key.description, self.year.description = t("bank.pyr.vip"), t("bank.pyr.key"), t("bank.pyr.year")
        if ALL_YEARS in self.rankings:
            self.year.options = [(_year_label(y), y) for y in self.rankings]  # one period: its value stays
        with self.figure.batch_update():
            titles = [a for a in self.figure.layout.annotations if a.xref == "paper"]
            for a, key in zip(titles, ("bank.pyr.left", "bank.pyr.right")):
                a.text = t(key)
            self.figure.data[1].name, self.figure.data[2].name = t("bank.pyr.curve"), t("bank.pyr.top20")
            self.figure.data[3].name = t("bank.pyr.claim_line")
            self.figure.layout.xaxis2.title.text = t("bank.pyr.x")
            self.figure.layout.yaxis2.title.text = t("bank.pyr.y")
        self.refresh()


def pyramid_view(tables: dict[str, pd.DataFrame], shares: Mapping[str, float] | None = None,
                 lang: Language = LANG, upload: bool = True) -> PyramidView:
    """The customer pyramid of the bank's clients by yearly profit contribution.

    Parameters
    ----------
    tables : dict
        The bank case's tables; uses ``profits`` (customer_id, year, profit).
    shares : mapping, optional
        Initial VIP / key / ordinary shares of clients (default: the datasheet's).
    """
    return PyramidView(tables["profits"], shares, lang, upload)
