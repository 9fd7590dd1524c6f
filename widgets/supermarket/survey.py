"""Member survey view: how many feel membership brings few benefits, and what they complain of."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from widgets.figure import FigureWidget
from widgets.i18n import LANG, Language, t
from widgets.view import View


def theme_counts(survey: pd.DataFrame) -> pd.Series:
    """Respondents per complaint theme, most frequent first (``none`` last)."""
    counts = survey["complaint_theme"].astype(str).value_counts()
    order = [x for x in counts.index if x != "none"] + (["none"] if "none" in counts.index else [])
    return counts[order]


def survey_figure(survey: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """Horizontal bars of complaint themes, titled with the share who feel few benefits."""
    counts = theme_counts(survey)
    share = survey["few_benefits"].mean()
    fig = go.Figure(go.Bar(x=counts.to_numpy(), y=[t(f"theme.{k}", lang) for k in counts.index],
                           orientation="h", marker_color="#2c7fb8", text=counts.to_numpy(), textposition="auto"))
    fig.update_layout(height=360, margin=dict(l=160, r=20, t=50, b=40), template="plotly_white",
                      title=f"{t('survey.few_benefits', lang)}: {share:.0%} (n = {len(survey)})",
                      yaxis=dict(autorange="reversed"))
    return fig


class SurveyView(View):
    """The survey chart, relabelled when the notebook's language changes."""

    def __init__(self, survey: pd.DataFrame, lang: Language = LANG) -> None:
        self.survey = survey
        self.figure = FigureWidget(survey_figure(survey))
        super().__init__([self.figure], lang=lang)

    def refresh(self) -> None:
        """Relabel the bars and the title."""
        new = survey_figure(self.survey)
        with self.figure.batch_update():
            self.figure.data[0].y = new.data[0].y
            self.figure.layout.title.text = new.layout.title.text

    def __repr__(self) -> str:
        return f"SurveyView(respondents={len(self.survey)}, few_benefits={self.survey['few_benefits'].mean():.1%})"


def survey_view(tables: dict[str, pd.DataFrame], lang: Language = LANG) -> SurveyView:
    """Chart of ``tables["survey"]``: the few-benefits share and the complaint themes."""
    return SurveyView(tables["survey"], lang)
