"""Client roles view: rules a student can read and move, counts, movement and accuracy.

The evidence (accounts, last trade, funds) is gathered once for two year ends; moving a
rule only re-applies it to arrays (crm.cases.futures.roles.RoleSweep) and restyles the figures' traces
in place (no figure is rebuilt), so the view answers at once (benchmarks/futures_views.py).
"""
from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.futures.roles import ROLES, RoleRules, RoleSweep, assign_roles, client_roles, role_accuracy, role_counts
from widgets.common import html_table, info_html
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View

DATES = ("2012-12-31", "2013-12-31")
ROLE_COLOURS = {"existing": "#2ca02c", "potential": "#1f77b4", "lost": "#d62728", "non_company": "#7f7f7f"}
ACCURACY_FORMATS = {"clients": "{:,}", "right": "{:,}", "precision": "{:.1%}", "recall": "{:.1%}"}


def counts_traces(counts: dict[str, pd.Series], lang: str | None = None) -> list[dict]:
    """The counts chart's bars (``x``, ``y``, ``name``), one per date (and ``recorded``)."""
    x = [t(f"role.{r}", lang) for r in ROLES]
    return [dict(x=x, y=s.reindex(list(ROLES)).to_numpy(),
                 name=t("roles.at", lang, date=key) if key != "recorded" else t("roles.recorded", lang))
            for key, s in counts.items()]


def counts_figure(counts: dict[str, pd.Series], lang: str | None = None) -> go.Figure:
    """Grouped bars: clients per role at each date, and in today's file (``recorded``)."""
    fig = go.Figure()
    colours = {"2012-12-31": "#9ecae1", "2013-12-31": "#3182bd", "recorded": "#fdae6b"}
    for key, trace in zip(counts, counts_traces(counts, lang)):
        fig.add_bar(**trace, marker_color=colours.get(key, "#999"))
    fig.update_layout(barmode="group", height=340, template="plotly_white", margin=dict(l=60, r=20, t=40, b=40),
                      title=t("roles.counts_title", lang), yaxis=dict(title=t("roles.clients", lang)))
    return fig


def movement_trace(movement: pd.DataFrame, lang: str | None = None) -> dict:
    """The movement heat map's ``z``, ``text`` and labelled axes."""
    z = movement.to_numpy()
    return dict(z=z, text=z, x=[t(f"role.{c}", lang) for c in movement.columns],
                y=[t(f"role.{r}", lang) for r in movement.index])


def movement_figure(movement: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Heat map of clients moving from their role at the first date (rows) to the second (columns)."""
    fig = go.Figure(go.Heatmap(**movement_trace(movement, lang), colorscale="Blues", texttemplate="%{text:,}",
                               showscale=False))
    fig.update_layout(height=340, margin=dict(l=110, r=20, t=40, b=60), template="plotly_white",
                      title=t("roles.movement_title", lang, a=DATES[0][:4], b=DATES[1][:4]),
                      xaxis=dict(title=t("roles.to", lang, year=DATES[1][:4])),
                      yaxis=dict(title=t("roles.from", lang, year=DATES[0][:4]), autorange="reversed"))
    return fig


class RolesView(View):
    """Two rule sliders; counts, movement and accuracy against the truth follow."""

    def __init__(self, clients: pd.DataFrame, accounts: pd.DataFrame, truth: pd.DataFrame,
                 rules: RoleRules = RoleRules(), lang: Language = LANG) -> None:
        self.truth = truth
        self.evidence = {d: client_roles(clients, accounts, d, rules) for d in DATES}
        ids = self.evidence[DATES[1]].index
        recorded = clients.set_index("client_id")["role_recorded"].astype(str).reindex(ids)
        # indexed by client_id like the rules' roles, so role_accuracy compares each client with his own truth
        self.recorded = pd.DataFrame({"role": pd.Categorical(recorded, categories=list(ROLES))}, index=ids)
        style = {"description_width": "initial"}
        self.months = W.IntSlider(value=rules.inactive_months, min=1, max=18, style=style,
                                  layout=W.Layout(width="440px"))
        self.equity = W.FloatLogSlider(value=rules.min_equity, base=10, min=3, max=6.5, step=0.05,
                                       readout_format=",.0f", style=style, layout=W.Layout(width="440px"))
        self.title, self.rules_text, self.table = W.HTML(), W.HTML(), W.HTML()
        # Done once: nothing here depends on the rules.
        self.sweep = RoleSweep(*self.evidence.values(), truth)
        self.recorded_counts = role_counts(self.recorded)
        self.recorded_accuracy = role_accuracy(self.recorded, truth)
        self.result = self.sweep.apply(self.rules)
        self.counts = FigureWidget(counts_figure(self._counts()))
        self.movement = FigureWidget(movement_figure(self.result["movement"]))
        self.months.observe(lambda _: self.refresh(), names="value")
        self.equity.observe(lambda _: self.refresh(), names="value")
        super().__init__([self.title, W.HBox([self.months, self.equity]), self.rules_text, self.counts,
                          self.movement, self.table], lang=lang)
        self.refresh()

    @property
    def rules(self) -> RoleRules:
        return RoleRules(int(self.months.value), float(self.equity.value))

    @property
    def roles(self) -> dict[str, pd.DataFrame]:
        """Every client's role at each date under the current rules (evidence and ``role``)."""
        return {d: assign_roles(e, self.rules) for d, e in self.evidence.items()}

    def _counts(self) -> dict[str, pd.Series]:
        return {**dict(zip(DATES, self.result["counts"])), "recorded": self.recorded_counts}

    def __repr__(self) -> str:
        counts = self.result["counts"][1].to_dict()
        return f"RolesView(rules={self.rules}, roles_{DATES[1][:4]}={counts})"

    def refresh(self) -> None:
        """Re-apply the rules and update counts, movement, accuracy and labels in place."""
        self.result = self.sweep.apply(self.rules)
        with self.counts.batch_update():
            for old, fresh in zip(self.counts.data, counts_traces(self._counts())):
                old.x, old.y, old.name = fresh["x"], fresh["y"], fresh["name"]
            self.counts.layout.title.text = t("roles.counts_title")
            self.counts.layout.yaxis.title.text = t("roles.clients")
        with self.movement.batch_update():
            m, fresh = self.movement.data[0], movement_trace(self.result["movement"])
            m.z, m.text, m.x, m.y = fresh["z"], fresh["text"], fresh["x"], fresh["y"]
            self.movement.layout.title.text = t("roles.movement_title", a=DATES[0][:4], b=DATES[1][:4])
            self.movement.layout.xaxis.title.text = t("roles.to", year=DATES[1][:4])
            self.movement.layout.yaxis.title.text = t("roles.from", year=DATES[0][:4])
        self.title.value = f"<h3>{t('roles.title')}</h3>"
        self.months.description, self.equity.description = t("roles.months"), t("roles.equity")
        r = self.rules
        self.rules_text.value = "<ul>" + "".join(
            f"<li>{t(f'roles.rule.{role}', months=r.inactive_months, equity=r.min_equity)}</li>"
            for role in ROLES) + "</ul>"
        ours, theirs = self.result["accuracy"], self.recorded_accuracy
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

