"""Client evaluation view (weights → score → ranking, stability, the crude screen) and the 80/20 core view.

The core view is :class:`widgets.abc.AbcView` on a year's commission, relabelled for
the futures firm: its A/B line is the 80/20 core line. Both take a student's own file
through the shared :class:`widgets.upload.UploadControl`: the evaluation a table of
clients with the five indicators, the core view a transactions-like file.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.futures.case import ASSUMPTIONS as FUTURES_ASSUMPTIONS
from crm.cases.futures.schemas import UPLOAD_CLIENT_INDICATORS
from crm.core.schemas import DataError
from crm.cases.futures.scoring import (DEFAULT_WEIGHTS, INDICATORS, ClientScorer, ScreenComparer, client_indicators,
                                       core_clients, crude_screen)
from crm.core.segment import abc_summary
from widgets.abc import TABLE_FORMATS as ABC_FORMATS, AbcView
from widgets.common import PALETTE, html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.upload import UploadControl
from widgets.view import View

SHOWN = 15  # clients drawn in the contribution chart
SCREEN_FORMATS = {"clients": "{:,}", "client_share": "{:.1%}", "value_share": "{:.1%}", "mean_value": "{:,.0f}",
                  "overlap_score": "{:.0%}"}
CRUDE_EQUITY = float(FUTURES_ASSUMPTIONS["core_flag_equity"][0])  # the assumed crude screen (the file's core flag)


def contribution_traces(scores: pd.DataFrame, lang: str | None = None, shown: int = SHOWN) -> list[dict]:
    """The contribution chart's bars (``x``, ``y``, ``name``): one per indicator, the top ``shown`` clients."""
    top = scores.head(shown)
    return [dict(y=list(top.index), x=top[ind].to_numpy() if ind in top.columns else [0.0] * len(top),
                 name=t(f"score.ind.{ind}", lang)) for ind in INDICATORS]


def contribution_figure(scores: pd.DataFrame, lang: str | None = None, shown: int = SHOWN) -> go.Figure:
    """Stacked bars of the top clients' scores, one colour per indicator's contribution."""
    fig = go.Figure()
    for i, trace in enumerate(contribution_traces(scores, lang, shown)):
        fig.add_bar(**trace, orientation="h", marker_color=PALETTE[i])
    fig.update_layout(barmode="stack", height=420, template="plotly_white", margin=dict(l=80, r=20, t=40, b=40),
                      title=t("score.top_title", lang, n=shown), xaxis=dict(title=t("score.x", lang), range=[0, 100]),
                      yaxis=dict(autorange="reversed"), legend=dict(orientation="h", y=-0.15))
    return fig


def screens_traces(table: pd.DataFrame, lang: str | None = None) -> list[dict]:
    """The screens chart's two bar series (``x``, ``y``, ``text``, ``name``): commission share, client share."""
    names = [t(f"score.screen.{s}", lang) for s in table.index]
    return [dict(x=names, y=table[col], text=[f"{v:.0%}" for v in table[col]], name=t(f"score.{col}", lang))
            for col in ("value_share", "client_share")]


def screens_figure(table: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Share of commission each screen captures, against the share of clients it picks."""
    fig = go.Figure([go.Bar(**trace, marker_color=colour, textposition="auto")
                     for trace, colour in zip(screens_traces(table, lang), ("#2c7fb8", "#bdbdbd"))])
    fig.update_layout(barmode="group", height=320, template="plotly_white", margin=dict(l=60, r=20, t=40, b=40),
                      title=t("score.screens_title", lang), yaxis=dict(tickformat=".0%", range=[0, 1]))
    return fig


def uploaded_indicators(clients: pd.DataFrame) -> pd.DataFrame:
    """A student's client table (``UPLOAD_CLIENT_INDICATORS``) as the indicator table: indexed by client, sorted."""
    if len(clients) < 2:
        raise DataError("评价至少需要两位客户。", "An evaluation needs at least two clients.")
    out = clients.set_index("client_id")[list(INDICATORS)].astype(float).sort_index()
    out.index.name = "client_id"
    return out


class ScoringView(View):
    """Weight sliders and list length; the ranking, its stability and the screens follow in place."""

    def __init__(self, indicators: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS, n: int = 100,
                 draws: int = 100, lang: Language = LANG, upload: bool = True) -> None:
        self.draws = draws
        style = {"description_width": "initial"}
        self.sliders = {k: W.FloatSlider(value=weights.get(k, 0.0), min=0.0, max=1.0, step=0.05, style=style,
                                         layout=W.Layout(width="300px")) for k in INDICATORS}
        self.n = W.IntSlider(value=n, min=10, max=3000, step=1, style=style, layout=W.Layout(width="440px"))
        self.title, self.message, self.summary, self.table = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self._prepare(indicators)
        self.scores = self.scorer.score(self.weights)
        self.uploader = UploadControl(UPLOAD_CLIENT_INDICATORS, uploaded_indicators, self._use_indicators,
                                      summary=lambda ind, df: {"rows": len(ind)}, loaded_key="score.loaded", lang=lang)
        self.contrib = FigureWidget(contribution_figure(self.scores))
        self.screens = FigureWidget(screens_figure(self._screens()))
        for s in (*self.sliders.values(), self.n):
            s.observe(lambda _: self.refresh(), names="value")
        grid = W.GridBox(list(self.sliders.values()), layout=W.Layout(grid_template_columns="repeat(3, 320px)"))
        super().__init__([self.title, grid, self.n, *([self.uploader] if upload else []), self.message, self.contrib,
                          self.summary, self.screens, self.table], lang=lang)
        self.refresh()

    def _prepare(self, indicators: pd.DataFrame) -> None:
        """Done once per table: the percentile ranks, the equal-weight ranking and the two screens no slider moves."""
        self.indicators = indicators
        self.scorer = ClientScorer(indicators)
        self.baseline = self.scorer.score({k: 1.0 for k in INDICATORS})  # equal weights
        self.core = core_clients(indicators["commission"], 0.8)
        self.crude = crude_screen(indicators, CRUDE_EQUITY)
        self.comparer = ScreenComparer(indicators)  # the fixed screens' positions looked up once

    def load(self, content: bytes, name: str) -> bool:
        """Evaluate the clients of an uploaded file instead; a bad file keeps the data shown and explains."""
        return self.uploader.load(content, name)

    def _use_indicators(self, indicators: pd.DataFrame, name: str) -> None:
        self._prepare(indicators)
        # The list as long as the assumed funds-only screen picks (like for like, as on the case data), else a fifth.
        k = len(self.crude) if 0 < len(self.crude) < len(indicators) else max(1, len(indicators) // 5)
        self.n.min = 1
        self.n.max = len(indicators)
        self.n.value = k
        self.refresh()

    @property
    def weights(self) -> dict[str, float]:
        return {k: s.value for k, s in self.sliders.items()}

    def _screens(self) -> pd.DataFrame:
        n = self.n.value
        screens = {"score": self.scores.index[:n], "equal": self.baseline.index[:n],
                   "core": self.core, "crude": self.crude}
        return self.comparer.compare(screens, {"score": self.scorer.positions[:n]})

    def __repr__(self) -> str:
        return f"ScoringView(clients={len(self.indicators)}, weights={self.weights}, top={list(self.scores.index[:3])})"

    def refresh(self) -> None:
        """Re-score with the sliders' weights and update everything in place."""
        self.title.value = f"<h3>{t('score.title')}</h3>"
        for k, s in self.sliders.items():
            s.description = t(f"score.ind.{k}")
        self.n.description = t("score.n")
        try:
            self.scores = self.scorer.score(self.weights)
            stability = self.scorer.stability(self.weights, n=self.n.value, draws=self.draws, base=self.scores)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        screens = self._screens()
        with self.contrib.batch_update():
            for old, fresh in zip(self.contrib.data, contribution_traces(self.scores)):
                old.x, old.y, old.name = fresh["x"], fresh["y"], fresh["name"]
            self.contrib.layout.title.text = t("score.top_title", n=SHOWN)
            self.contrib.layout.xaxis.title.text = t("score.x")
        with self.screens.batch_update():
            for old, fresh in zip(self.screens.data, screens_traces(screens)):
                old.x, old.y, old.text, old.name = fresh["x"], fresh["y"], fresh["text"], fresh["name"]
            self.screens.layout.title.text = t("score.screens_title")
        n = self.n.value
        # The screens table's overlaps are top_overlap of the lists (tests/unit/test_scoring.py).
        self.summary.value = info_html(t("score.summary", n=n, equal=screens.at["score", "overlap_equal"],
                                         stay=float(stability["stay_share"].mean()),
                                         crude=screens.at["score", "overlap_crude"]))
        shown = screens[list(SCREEN_FORMATS)]
        self.table.value = html_table(shown, SCREEN_FORMATS, view="score", index_label=t("score.screen"),
                                      index_names=lambda s: t(f"score.screen.{s}"))


class CoreClientsView(AbcView):
    """The ABC view on commission: A = core clients (80/20), relabelled for the futures firm."""

    def relabel(self) -> None:
        super().relabel()
        self.title.value = f"<h3>{t('core.title')}</h3>"
        self.cut_a.description, self.cut_b.description = t("core.cut_a"), t("core.cut_b")
        with self.figure.batch_update():
            self.figure.data[0].name = t("core.curve")
            self.figure.layout.xaxis.title.text = t("core.x")
            self.figure.layout.yaxis.title.text = t("core.y")

    def refresh(self) -> None:
        super().refresh()
        if self.cut_a.value < self.cut_b.value:
            self.table.value = html_table(abc_summary(self.ranking, self.cutoffs), ABC_FORMATS, view="core",
                                          index_label=t("col.class"), index_names=lambda c: t(f"core.class.{c}"))

    def __repr__(self) -> str:
        return "Core" + super().__repr__()


def commission_log(accounts: pd.DataFrame, year: int = 2013) -> pd.DataFrame:
    """A year's monthly commission as a transactions table (customer_id, date, amount) for the ABC view."""
    rows = accounts[accounts["month"].dt.year == year]
    return pd.DataFrame({"customer_id": rows["client_id"].to_numpy(), "date": rows["month"].to_numpy(),
                         "amount": rows["commission"].to_numpy()})


def core_view(tables: dict[str, pd.DataFrame], cutoffs: Sequence[float] = (0.8, 0.95), year: int = 2013,
              lang: Language = LANG, upload: bool = True) -> CoreClientsView:
    """Core clients by the 80/20 rule on ``year``'s commission (the ABC view, relabelled).

    With ``upload``, a student's own file (client, date, commission or any amount) replaces it.
    """
    return CoreClientsView(commission_log(tables["accounts"], year), cutoffs, lang, upload=upload)


def scoring_view(tables: dict[str, pd.DataFrame], weights: Mapping[str, float] = DEFAULT_WEIGHTS,
                 n: int | None = None, lang: Language = LANG, upload: bool = True) -> ScoringView:
    """Weighted client evaluation on the last 12 months of ``tables["accounts"]``.

    The list length ``n`` defaults to the number of clients the assumed funds-only screen
    (``core_flag_equity``) picks, so the two lists compare like for like.
    """
    indicators = client_indicators(tables["clients"], tables["accounts"])
    n = len(crude_screen(indicators, CRUDE_EQUITY)) if n is None else n
    return ScoringView(indicators, weights, n, lang=lang, upload=upload)
