"""Points programme simulator: points per yuan, days until points show, a gift's price in points and 欧圆, and
the 欧圆 per login and per post; the year's points, gifts, liability and modelled stayers follow each move
(:class:`crm.cases.membership.points.PointsBook`, read once). A rule out of range gets the bilingual
message and the last result stays.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.membership.case import TIERS
from crm.cases.membership.points import Outcome, PointsBook, Rule
from crm.core.schemas import DataError
from widgets.common import info_html, LEGEND_BELOW
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import key_figures_html
from widgets.view import View, view_or_error

BARS = (("members", "mb.pts.bought", "#95a5a6"), ("with_gift", "mb.pts.with_gift", "#e67e22"),
        ("stay_expected", "mb.pts.stay", "#2980b9"))
DATA_DELAY = -1  # the delay list's first choice: each purchase's own delay in the data
DELAYS = (0, 1, 2, 3, 5, 7, 10, 14, 21, 30)  # days until points show, to choose from


def figures_html(o: Outcome, lang: str | None = None) -> str:
    """The outcome's key figures."""
    low = o.ouyuan_low_quality / o.ouyuan_issued if o.ouyuan_issued else 0.0
    return key_figures_html({"kf.mb_issued": (o.points_issued, "int"), "kf.mb_visible": (o.points_visible, "int"),
                             "kf.mb_gifts": (o.gifts, "int"), "kf.mb_with_gift": (o.with_gift, "int"),
                             "kf.mb_short": (o.short_by_delay, "int"), "kf.mb_liability": (o.liability_yuan, "yuan"),
                             "kf.mb_low": (low, "share"), "kf.mb_stay": (o.stay_expected, "int")}, lang)


def tiers_figure(by_tier: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Members, gift takers and modelled stayers by tier."""
    names = [t(f"mb.tier.{k}", lang) for k in TIERS]
    fig = go.Figure([go.Bar(x=names, y=[float(by_tier.loc[k, col]) for k in TIERS], name=t(key, lang),
                            marker_color=colour, text=[f"{by_tier.loc[k, col]:,.0f}" for k in TIERS],
                            textposition="auto") for col, key, colour in BARS])
    fig.update_layout(barmode="group", height=320, template="plotly_white", margin=dict(l=50, r=20, t=50, b=90),
                      title=dict(text=t("mb.pts.fig_title", lang), font=dict(size=13)),
                      yaxis=dict(title=t("mb.pts.members", lang)), legend=LEGEND_BELOW)
    return fig


class PointsView(View):
    """Six controls of the programme's rule; key figures and the tier chart follow each move."""

    def __init__(self, book: PointsBook, rule: Rule | None = None, lang: Language = LANG) -> None:
        r = (rule or Rule()).checked()
        self.book = book
        style = {"description_width": "initial"}
        wide = W.Layout(width="420px")
        self.rate = W.FloatSlider(value=r.points_per_yuan, min=0.5, max=5, step=0.5, continuous_update=False,
                                  style=style, layout=wide)
        self.delay = W.Dropdown(options=self._delays("data", r.delay_days),
                                value=DATA_DELAY if r.delay_days is None else r.delay_days, style=style,
                                layout=W.Layout(width="340px"))
        self.gift_points = W.IntSlider(value=r.gift_points, min=100, max=5000, step=100, continuous_update=False,
                                       style=style, layout=wide)
        self.gift_ouyuan = W.IntSlider(value=r.gift_ouyuan, min=0, max=200, step=10, continuous_update=False,
                                       style=style, layout=wide)
        self.login = W.IntSlider(value=int(r.login_ouyuan), min=0, max=10, continuous_update=False, style=style,
                                 layout=wide)
        self.post = W.IntSlider(value=int(r.post_ouyuan), min=0, max=20, continuous_update=False, style=style,
                                layout=wide)
        self.controls = (self.rate, self.delay, self.gift_points, self.gift_ouyuan, self.login, self.post)
        self.title, self.message, self.figures, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.outcome = book.simulate(r)
        self.figure = FigureWidget(tiers_figure(self.outcome.by_tier))
        for w in self.controls:
            w.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([W.VBox([self.rate, self.delay, self.gift_points]),
                                              W.VBox([self.gift_ouyuan, self.login, self.post])]),
                          self.message, self.figures, self.figure, self.note], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        o = self.outcome
        return f"PointsView(rule={self.rule()!r}, gifts={o.gifts}, liability_yuan={o.liability_yuan:,.0f})"

    @staticmethod
    def _delays(data_label: str, extra: int | None) -> list[tuple[str, int]]:
        days = sorted(set(DELAYS) | ({extra} if extra is not None else set()))
        return [(data_label, DATA_DELAY)] + [(str(d), d) for d in days]

    def rule(self) -> Rule:
        """The rule the controls show."""
        d = self.delay.value
        return Rule(points_per_yuan=float(self.rate.value), delay_days=None if d == DATA_DELAY else int(d),
                    gift_points=int(self.gift_points.value), gift_ouyuan=int(self.gift_ouyuan.value),
                    login_ouyuan=float(self.login.value), post_ouyuan=float(self.post.value))

    def refresh(self) -> None:
        """Simulate the year again; a bad rule shows the message and keeps the last result."""
        try:
            self.outcome = self.book.simulate(self.rule())
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.figures.value = figures_html(self.outcome)
        b = self.outcome.by_tier
        with self.figure.batch_update():
            for trace, (col, _, _) in zip(self.figure.data, BARS):
                trace.y = [float(b.loc[k, col]) for k in TIERS]
                trace.text = [f"{b.loc[k, col]:,.0f}" for k in TIERS]

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('mb.pts.title'))}</h3>"
        for w, key in zip(self.controls, ("mb.pts.rate", "mb.pts.delay", "mb.pts.gift_points", "mb.pts.gift_ouyuan",
                                          "mb.pts.login", "mb.pts.post")):
            w.description = t(key)
        value = self.delay.value
        self.delay.options = self._delays(t("mb.pts.delay_data"), None if value == DATA_DELAY else value)
        self.delay.value = value
        self.note.value = info_html(t("mb.pts.note"))
        names = [t(f"mb.tier.{k}") for k in TIERS]
        with self.figure.batch_update():
            for trace, (_, key, _) in zip(self.figure.data, BARS):
                trace.x, trace.name = names, t(key)
            self.figure.layout.title.text = t("mb.pts.fig_title")
            self.figure.layout.yaxis.title.text = t("mb.pts.members")
        self.refresh()


@view_or_error
def points_view(tables: dict[str, pd.DataFrame], rule: Rule | None = None, lang: Language = LANG) -> PointsView:
    """The points simulator on ``tables`` (members, purchases, club, posts), starting from ``rule`` (default: the
    data's assumptions)."""
    book = PointsBook(tables["members"], tables["purchases"], tables["club"], tables["posts"])
    return PointsView(book, rule, lang)
