"""Hotline view: the source's say / never-say rules, a checker for a student's own sentence, the line's situations.

The rules table shows each situation with the source's sentence (quoted, Chinese) and its
translation; the student picks a situation, types what he would say (Chinese or English), and the
findings say which rule fired and why (:func:`crm.cases.logistics.hotline.check_sentence`). A bad
sentence (empty, too long) gets the bilingual message and the last findings stay.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from crm.cases.logistics.hotline import call_conditions, check_sentence, RULE_IDS, RULES, verdict
from crm.core.schemas import DataError
from widgets.common import info_html, LOG_AXIS, TABLE_CSS
from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.tables import quoted
from widgets.view import View, view_or_error

CONDITIONS = ("normal", "silent", "low_voice", "hands_free", "noisy", "dialect")
VERDICT_COLOURS = {"breaks": "#c0392b", "missing": "#d35400", "keeps": "#27ae60"}


def rules_html(lang: str | None = None) -> str:
    """The rules as a table: situation, what to say (the source's words, and a translation), what never."""
    code = lang or LANG.code
    rows = []
    for r in RULES:
        situation = r.situation_zh if code == "zh" else r.situation_en
        say = quoted(r.say_zh) + ("" if code == "zh" else f"<br><i>{html.escape(r.say_en)}</i>")
        never = quoted(r.never_zh) + ("" if code == "zh" else f"<br><i>{html.escape(r.never_en)}</i>")
        rows.append(f"<tr><td>{html.escape(r.section)}</td><td>{html.escape(situation)}</td><td>{say}</td>"
                    f"<td>{never}</td></tr>")
    head = "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in ("lg.hot.section", "lg.hot.situation", "lg.hot.say",
                                                                   "lg.hot.never"))
    return (f"<b>{html.escape(t('lg.hot.rules_title', lang))}</b>{TABLE_CSS}"
            f'<table class="crm-table" data-view="lg.hot" style="text-align:left"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def findings_html(findings: pd.DataFrame, lang: str | None = None) -> str:
    """The checks that fired (and those kept) with the reason, worst first, and a one-line summary."""
    code = lang or LANG.code
    overall = verdict(findings)
    broken = sorted({_situation(r, code) for r in findings.loc[findings["verdict"] == "breaks", "rule_id"]})
    summary = t(f"lg.hot.summary.{overall}", lang, rules="、".join(broken) if code == "zh" else "; ".join(broken))
    order = findings.assign(_o=findings["verdict"].map({"breaks": 0, "missing": 1, "keeps": 2}))
    order = order.sort_values("_o", kind="stable")
    rows = "".join(
        f'<tr><td style="color:{VERDICT_COLOURS[v]}">{html.escape(t(f"lg.hot.verdict.{v}", lang))}</td>'
        f"<td>{html.escape(t(f'lg.hot.kind.{k}', lang))}</td><td>{html.escape(_situation(r, code))}</td>"
        f"<td>{quoted(e) if e else ''}</td><td>{html.escape(zh if code == 'zh' else en)}</td></tr>"
        for v, k, r, e, zh, en in order[["verdict", "kind", "rule_id", "evidence", "why_zh", "why_en"]].itertuples(
            index=False))
    head = "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in ("lg.hot.verdict", "lg.hot.kind", "lg.hot.rule",
                                                                   "lg.hot.evidence", "lg.hot.why"))
    return (f'<div style="color:{VERDICT_COLOURS[overall]};font-weight:600">{html.escape(summary)}</div>{TABLE_CSS}'
            f'<table class="crm-table" data-view="lg.hot.check"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


def _situation(rule_id: str, code: str) -> str:
    r = next(r for r in RULES if r.rule_id == rule_id)
    return r.situation_zh if code == "zh" else r.situation_en


def conditions_figure(table: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Calls per line condition (the situations the rules are written for), normal calls included."""
    counts = table["calls"].reindex(CONDITIONS, fill_value=0)
    fig = go.Figure(go.Bar(x=[t(f"lg.cond.{c}", lang) for c in CONDITIONS], y=counts.tolist(), marker_color="#2980b9",
                           text=[f"{v:,}" for v in counts], textposition="auto"))
    fig.update_layout(height=300, template="plotly_white", margin=dict(l=50, r=20, t=40, b=40),
                      title=t("lg.hot.conditions_title", lang), yaxis=dict(title=t("lg.hot.calls", lang), **LOG_AXIS))
    return fig


class HotlineView(View):
    """Situation and sentence; the findings follow each change, the rules and the line's situations beside."""

    def __init__(self, calls: pd.DataFrame, sentence: str = RULES[0].never_zh, situation: str = "greeting",
                 lang: Language = LANG) -> None:
        self.conditions = call_conditions(calls)
        style = {"description_width": "initial"}
        self.situation = W.Dropdown(options=[(r, r) for r in RULE_IDS], value=situation, style=style,
                                    layout=W.Layout(width="520px"))
        self.sentence = W.Textarea(value=sentence, continuous_update=False, style=style,
                                   layout=W.Layout(width="100%", height="60px"))
        self.title, self.message, self.result, self.rules, self.note = W.HTML(), W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.findings = check_sentence(sentence, situation)
        self.figure = FigureWidget(conditions_figure(self.conditions))
        self._quiet = False
        for w in (self.situation, self.sentence):
            w.observe(lambda _: None if self._quiet else self.refresh(), names="value")
        super().__init__([self.title, self.situation, self.sentence, self.message, self.result, self.note,
                          self.rules, self.figure], lang=lang)
        self.relabel()

    def __repr__(self) -> str:
        return f"HotlineView(situation={self.situation.value!r}, verdict={verdict(self.findings)!r})"

    def refresh(self) -> None:
        """Check the sentence again; a bad one shows the message and keeps the last findings."""
        try:
            self.findings = check_sentence(self.sentence.value, self.situation.value)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()
        self.result.value = findings_html(self.findings)

    def relabel(self) -> None:
        """Show every label in the current language."""
        self._quiet = True
        self.title.value = f"<h3>{t('lg.hot.title')}</h3>"
        self.situation.description, self.sentence.description = t("lg.hot.situation"), t("lg.hot.sentence")
        value = self.situation.value
        self.situation.options = [(_situation(r, LANG.code), r) for r in RULE_IDS]
        self.situation.value = value
        self._quiet = False
        self.result.value = findings_html(self.findings)
        self.rules.value = rules_html()
        self.note.value = info_html(t("lg.hot.note"))
        counts = self.conditions["calls"].reindex(CONDITIONS, fill_value=0)
        with self.figure.batch_update():
            self.figure.data[0].x = [t(f"lg.cond.{c}") for c in CONDITIONS]
            self.figure.data[0].y = counts.tolist()
            self.figure.layout.title.text = t("lg.hot.conditions_title")
            self.figure.layout.yaxis.title.text = t("lg.hot.calls")


@view_or_error
def hotline_view(tables: dict[str, pd.DataFrame], sentence: str = RULES[0].never_zh, situation: str = "greeting",
                 lang: Language = LANG) -> HotlineView:
    """The hotline rules and the checker, with the line's situations counted on ``tables["calls"]``."""
    return HotlineView(tables["calls"], sentence, situation, lang)
