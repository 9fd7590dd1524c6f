"""Rating view: pick a client, see its ratios against the standards, its points by family, and how the
grade, the limit and the rating XAY follow (:func:`crm.cases.credit.rating.rate`).

Three sliders move the points of the source's three families (each 0–120: 6 items × 4 aspects × 0–5
points) so a student sees how far a client is from the next grade or band. Bad points get the
bilingual message and the last rating stays.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.credit.case import _a, FAMILIES, RATIOS
from crm.cases.credit.rating import characteristic_points, family_points, MAX_ITEM_POINTS, rate, ratios, Rating
from crm.core.schemas import DataError
from widgets.common import info_html, TABLE_CSS
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View, view_or_error

FAMILY_MAX = MAX_ITEM_POINTS * 6
GRADE_COLOURS = ("#1e8449", "#27ae60", "#f1c40f", "#e67e22", "#d35400", "#c0392b")


def shown_ratio(value: float, standard: float | None = None) -> str:
    """A ratio with two decimals, or as many more (up to six) as it takes not to look equal to its standard
    when it is not (a cash ratio of 0.1996 against 0.20 is shown 0.1996, not 0.20 ✗)."""
    if value != value:
        return "—"
    digits = 2
    while (standard is not None and value != standard and digits < 6
           and f"{value:.{digits}f}" == f"{standard:.{digits}f}"):
        digits += 1
    return f"{value:.{digits}f}"


def ratios_html(r: pd.Series, lang: str | None = None) -> str:
    """The eight ratios of one client, the short-term three beside their standards."""
    std = _a("standard_ratios")
    rows = []
    for k in RATIOS:
        v = r[k]
        s = std.get(k)
        ok = "" if s is None or v != v else ("✓" if v >= s else "✗")
        rows.append(f"<tr><td>{html.escape(t(f'cr.ratio.{k}', lang))}</td><td>{shown_ratio(v, s)}</td>"
                    f"<td>{'' if s is None else f'{s:.2f} {ok}'}</td></tr>")
    head = "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in ("cr.rate.ratio", "cr.rate.value", "cr.rate.standard"))
    return (f'{TABLE_CSS}<table class="crm-table" data-view="cr.rate.ratios"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def rating_html(r: Rating, lang: str | None = None) -> str:
    """The rating in large type, coloured by grade, with the sentence that explains it."""
    colour = GRADE_COLOURS[r.grade - 1]
    return (f'<div data-view="cr.rate.result"><span style="font-size:28px;font-weight:700;color:{colour}">'
            f"{html.escape(r.rating)}</span><div>{html.escape(r.explain(lang or LANG.code))}</div></div>")


def families_figure(points: pd.Series, lang: str | None = None) -> go.Figure:
    """Points of each family against its maximum."""
    names = [t(f"cr.fam.{f}", lang) for f in FAMILIES]
    fig = go.Figure([go.Bar(x=names, y=[FAMILY_MAX] * 3, marker_color="#e5e8e8", name=t("cr.rate.max", lang)),
                     go.Bar(x=names, y=[float(points[f]) for f in FAMILIES], marker_color="#2980b9",
                            name=t("cr.rate.points", lang), text=[f"{points[f]:.0f}" for f in FAMILIES],
                            textposition="auto")])
    fig.update_layout(barmode="overlay", height=280, template="plotly_white", margin=dict(l=40, r=20, t=40, b=40),
                      title=t("cr.rate.fig_title", lang), yaxis=dict(range=[0, FAMILY_MAX]), showlegend=False)
    return fig


class RatingView(View):
    """Client and three family sliders; ratios, rating and the family chart follow each move."""

    def __init__(self, clients: pd.DataFrame, facts: pd.DataFrame, client: str | None = None,
                 lang: Language = LANG) -> None:
        self.clients = clients.set_index("client_id", drop=False)
        self.ratios = ratios(self.clients)
        self.items = characteristic_points(facts)
        self.fam = {c: family_points(self.items.loc[c]) for c in self.items.index}
        first = client if client is not None else str(self.clients.index[0])
        if first not in self.clients.index:
            raise DataError(f"没有这个客户：{first}。", f"No such client: {first}.")
        style = {"description_width": "initial"}
        self.client = W.Dropdown(options=list(self.clients.index), value=first, style=style)
        self.sliders = {f: W.IntSlider(min=0, max=FAMILY_MAX, value=0, continuous_update=False, style=style,
                                       layout=W.Layout(width="420px")) for f in FAMILIES}
        self.title, self.message, self.result, self.table, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self._quiet = False
        self.rating = rate(self.clients.loc[first], int(self.fam[first].sum()))
        self.figure = FigureWidget(families_figure(self.fam[first]))
        self.client.observe(lambda _: self._pick(), names="value")
        for s in self.sliders.values():
            s.observe(lambda _: None if self._quiet else self.refresh(), names="value")
        super().__init__([self.title, self.client, *self.sliders.values(), self.message, self.result,
                          W.HBox([self.table, self.figure]), self.note], lang=lang)
        self._pick()
        self.relabel()

    def __repr__(self) -> str:
        return f"RatingView(client={self.client.value!r}, rating={self.rating.rating!r})"

    def _pick(self) -> None:
        self._quiet = True
        for f, s in self.sliders.items():
            s.value = int(self.fam[self.client.value][f])
        self._quiet = False
        self.refresh()

    def points(self) -> pd.Series:
        """The family points the sliders show."""
        return pd.Series({f: s.value for f, s in self.sliders.items()})

    def refresh(self) -> None:
        """Rate again from the sliders; bad points show the message and keep the last rating."""
        c = self.client.value
        try:
            pts = self.points()
            if (pts < 0).any() or (pts > FAMILY_MAX).any():
                raise DataError(f"每类得分须在 0–{FAMILY_MAX} 之间。", f"Each family's points must be 0–{FAMILY_MAX}.")
            self.rating = rate(self.clients.loc[c], int(pts.sum()))
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.result.value = rating_html(self.rating)
        self.table.value = ratios_html(self.ratios.loc[c])
        with self.figure.batch_update():
            self.figure.data[1].y = [float(pts[f]) for f in FAMILIES]
            self.figure.data[1].text = [f"{pts[f]:.0f}" for f in FAMILIES]

    def relabel(self) -> None:
        """Show every label in the current language."""
        self.title.value = f"<h3>{html.escape(t('cr.rate.title'))}</h3>"
        self.client.description = t("cr.rate.client")
        for f, s in self.sliders.items():
            s.description = t("cr.rate.family", family=t(f"cr.fam.{f}"))
        self.note.value = info_html(t("cr.rate.note"))
        names = [t(f"cr.fam.{f}") for f in FAMILIES]
        with self.figure.batch_update():
            self.figure.data[0].x = names
            self.figure.data[1].x = names
            self.figure.layout.title.text = t("cr.rate.fig_title")
        self.refresh()


@view_or_error
def rating_view(tables: dict[str, pd.DataFrame], client: str | None = None, lang: Language = LANG) -> RatingView:
    """The rating of one client from ``tables["clients"]`` and ``tables["facts"]``."""
    return RatingView(tables["clients"], tables["facts"], client, lang)
