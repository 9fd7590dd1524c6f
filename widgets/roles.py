"""Client roles view: rules a student can read and move, counts, movement and accuracy.

The evidence (accounts, last trade, funds) is gathered once for two year ends; moving a
rule only re-applies it (crm.roles.assign_roles), so the view answers at once.
"""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.roles import ROLES, RoleRules, assign_roles, client_roles, role_accuracy, role_counts, role_movement
from widgets.common import html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, on_language_change, t

DATES = ("2012-12-31", "2013-12-31")
ROLE_COLOURS = {"existing": "#2ca02c", "potential": "#1f77b4", "lost": "#d62728", "non_company": "#7f7f7f"}
ACCURACY_FORMATS = {"clients": "{:,}", "right": "{:,}", "precision": "{:.1%}", "recall": "{:.1%}"}


def counts_figure(counts: dict[str, pd.Series], lang: str | None = None) -> go.Figure:
    """Grouped bars: clients per role at each date, and in today's file (``recorded``)."""
    fig = go.Figure()
    colours = {"2012-12-31": "#9ecae1", "2013-12-31": "#3182bd", "recorded": "#fdae6b"}
    for key, s in counts.items():
        fig.add_bar(x=[t(f"role.{r}", lang) for r in ROLES], y=s.reindex(list(ROLES)).to_numpy(),
                    name=t("roles.at", lang, date=key) if key != "recorded" else t("roles.recorded", lang),
                    marker_color=colours.get(key, "#999"))
    fig.update_layout(barmode="group", height=340, template="plotly_white", margin=dict(l=60, r=20, t=40, b=40),
                      title=t("roles.counts_title", lang), yaxis=dict(title=t("roles.clients", lang)))
    return fig


def movement_figure(movement: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Heat map of clients moving from their role at the first date (rows) to the second (columns)."""
    z = movement.to_numpy()
    fig = go.Figure(go.Heatmap(z=z, x=[t(f"role.{c}", lang) for c in movement.columns],
                               y=[t(f"role.{r}", lang) for r in movement.index], colorscale="Blues",
                               text=z, texttemplate="%{text:,}", showscale=False))
    fig.update_layout(height=340, margin=dict(l=110, r=20, t=40, b=60), template="plotly_white",
                      title=t("roles.movement_title", lang, a=DATES[0][:4], b=DATES[1][:4]),
                      xaxis=dict(title=t("roles.to", lang, year=DATES[1][:4])),
                      yaxis=dict(title=t("roles.from", lang, year=DATES[0][:4]), autorange="reversed"))
    return fig


class RolesView(W.VBox):
    """Two rule sliders; counts, movement and accuracy against the truth follow."""

    def __init__(self, clients: pd.DataFrame, accounts: pd.DataFrame, truth: pd.DataFrame,
                 rules: RoleRules = RoleRules(), lang: Language = LANG) -> None:
        self.truth = truth
        self.evidence = {d: client_roles(clients, accounts, d, rules) for d in DATES}
        recorded = clients.set_index("client_id")["role_recorded"].astype(str)
        self.recorded = pd.DataFrame({"role": pd.Categorical(recorded.reindex(self.evidence[DATES[1]].index),
                                                             categories=list(ROLES))})
        style = {"description_width": "initial"}
        self.months = W.IntSlider(value=rules.inactive_months, min=1, max=18, style=style,
                                  layout=W.Layout(width="440px"))
        self.equity = W.FloatLogSlider(value=rules.min_equity, base=10, min=3, max=6.5, step=0.05,
                                       readout_format=",.0f", style=style, layout=W.Layout(width="440px"))
        self.title, self.rules_text, self.table = W.HTML(), W.HTML(), W.HTML()
        self.roles = self._apply()
        self.counts = FigureWidget(counts_figure(self._counts()))
        self.movement = FigureWidget(movement_figure(role_movement(*self.roles.values())))
        self.months.observe(lambda _: self.refresh(), names="value")
        self.equity.observe(lambda _: self.refresh(), names="value")
        on_language_change(lambda _: self.refresh(), lang)
        super().__init__([self.title, W.HBox([self.months, self.equity]), self.rules_text, self.counts,
                          self.movement, self.table])
        self.refresh()

    @property
    def rules(self) -> RoleRules:
        return RoleRules(int(self.months.value), float(self.equity.value))

    def _apply(self) -> dict[str, pd.DataFrame]:
        return {d: assign_roles(e, self.rules) for d, e in self.evidence.items()}

    def _counts(self) -> dict[str, pd.Series]:
        return {**{d: role_counts(r) for d, r in self.roles.items()}, "recorded": role_counts(self.recorded)}

    def __repr__(self) -> str:
        counts = role_counts(self.roles[DATES[1]]).to_dict()
        return f"RolesView(rules={self.rules}, roles_{DATES[1][:4]}={counts})"

    def refresh(self) -> None:
        """Re-apply the rules and update counts, movement, accuracy and labels in place."""
        self.roles = self._apply()
        new_c = counts_figure(self._counts())
        new_m = movement_figure(role_movement(*self.roles.values()))
        with self.counts.batch_update():
            for old, fresh in zip(self.counts.data, new_c.data):
                old.x, old.y, old.name = fresh.x, fresh.y, fresh.name
            self.counts.layout.title.text = new_c.layout.title.text
            self.counts.layout.yaxis.title.text = new_c.layout.yaxis.title.text
        with self.movement.batch_update():
            m = self.movement.data[0]
            m.z, m.text, m.x, m.y = new_m.data[0].z, new_m.data[0].text, new_m.data[0].x, new_m.data[0].y
            self.movement.layout.title.text = new_m.layout.title.text
            self.movement.layout.xaxis.title.text = new_m.layout.xaxis.title.text
            self.movement.layout.yaxis.title.text = new_m.layout.yaxis.title.text
        self.title.value = f"<h3>{t('roles.title')}</h3>"
        self.months.description, self.equity.description = t("roles.months"), t("roles.equity")
        r = self.rules
        self.rules_text.value = "<ul>" + "".join(
            f"<li>{t(f'roles.rule.{role}', months=r.inactive_months, equity=r.min_equity)}</li>"
            for role in ROLES) + "</ul>"
        ours = role_accuracy(self.roles[DATES[1]], self.truth)
        theirs = role_accuracy(self.recorded, self.truth)
        both = pd.concat({"rules": ours, "recorded": theirs}).fillna(0.0)
        agree = {k: float(v["right"].sum() / max(v["clients"].sum(), 1)) for k, v in (("rules", ours),
                                                                                       ("recorded", theirs))}
        self.table.value = (f"<b>{t('roles.accuracy_title')}</b>"
                            + html_table(both, ACCURACY_FORMATS, view="roles", index_label=t("roles.role"),
                                         index_names=lambda ix: f"{t('roles.by_' + ix[0])} · {t('role.' + ix[1])}")
                            + info_html(t("roles.agreement", rules=agree["rules"], recorded=agree["recorded"])))


def roles_view(tables: dict[str, pd.DataFrame], rules: RoleRules = RoleRules(), lang: Language = LANG) -> RolesView:
    """Client roles from ``tables["clients"]`` and ``tables["accounts"]``, checked against ``tables["truth"]``."""
    return RolesView(tables["clients"], tables["accounts"], tables["truth"], rules, lang)

