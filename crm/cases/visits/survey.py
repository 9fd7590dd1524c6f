"""The 2013 satisfaction survey of 501 clients: its distribution, the source's figures beside the data's, drivers.

The source publishes only a mean, two shares of the overall score, the agent's share of the least
satisfying factor, the after-sales share of that and two means of the agent's scores; the answers here
are generated to match them (:mod:`crm.cases.visits.data`). How the scores move *together* (the
drivers) is a modelling assumption (``contact_link``), not a finding of the survey.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.visits.case import (_a, AGENT_ISSUES, AGENT_SCORE, CLIENTS, CONTACT_SCORE, FACTORS, MEAN_SCORE,
                                   RESPONDENTS, SHARE_AFTER_SALES, SHARE_AGENT, SHARE_BELOW_8, SHARE_TEN)
from crm.core.schemas import DataError

SCORES: tuple[str, ...] = ("overall", "agent_score", "contact_score")
#: Bands of the contact score for the drivers table.
BANDS: tuple[tuple[str, int, int], ...] = (("0-5", 0, 5), ("6-7", 6, 7), ("8", 8, 8), ("9", 9, 9), ("10", 10, 10))


def _need(survey: pd.DataFrame, cols) -> None:
    missing = [c for c in cols if c not in survey.columns]
    if missing:
        raise DataError(f"survey 表缺少列：{', '.join(missing)}。", f"The survey table lacks columns: {', '.join(missing)}.",
                        column=missing[0])
    if len(survey) == 0:
        raise DataError("survey 表没有任何回答。", "The survey table has no answer.")


def score_distribution(survey: pd.DataFrame, column: str = "overall") -> pd.DataFrame:
    """Respondents per score 0–10 of ``column``: ``count`` and ``share`` (index ``score``)."""
    if column not in SCORES:
        raise DataError(f"未知的评分列“{column}”。可用：{'、'.join(SCORES)}。",
                        f"Unknown score column '{column}'. Available: {', '.join(SCORES)}.")
    _need(survey, (column,))
    counts = np.bincount(survey[column].to_numpy(int), minlength=11)[:11]
    return pd.DataFrame({"count": counts, "share": counts / len(survey)}, index=pd.Index(range(11), name="score"))


def source_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each figure of the source and the same figure computed from the tables.

    Returns
    -------
    pd.DataFrame
        Index ``figure``; ``source`` and ``in_data``. ``clients`` is the sample scaled up.
    """
    s = tables["survey"]
    _need(s, ("overall", "agent_score", "contact_score", "least_satisfied", "agent_issue"))
    agent = s["least_satisfied"] == "agent"
    rows = {"clients": (CLIENTS, len(tables["clients"]) * _a("sample_rate")), "respondents": (RESPONDENTS, len(s)),
            "mean_score": (MEAN_SCORE, s["overall"].mean()), "share_ten": (SHARE_TEN, (s["overall"] == 10).mean()),
            "share_below_8": (SHARE_BELOW_8, (s["overall"] < 8).mean()), "share_agent": (SHARE_AGENT, agent.mean()),
            "share_after_sales": (SHARE_AFTER_SALES, (s.loc[agent, "agent_issue"] == "after_sales").mean()),
            "agent_score": (AGENT_SCORE, s["agent_score"].mean()), "contact_score": (CONTACT_SCORE, s["contact_score"].mean())}
    out = pd.DataFrame(rows, index=["source", "in_data"]).T.astype(float)
    out.index.name = "figure"
    return out


def factor_shares(survey: pd.DataFrame) -> dict[str, pd.Series]:
    """Shares of the least satisfying factor (all respondents) and of the agent issue (those naming the agent)."""
    _need(survey, ("least_satisfied", "agent_issue"))
    least = survey["least_satisfied"].astype(object).value_counts(normalize=True).reindex(FACTORS, fill_value=0.0)
    agent = survey[survey["least_satisfied"] == "agent"]
    issue = agent["agent_issue"].astype(object).value_counts(normalize=True).reindex(AGENT_ISSUES, fill_value=0.0) \
        if len(agent) else pd.Series(0.0, index=list(AGENT_ISSUES))
    return {"least_satisfied": least, "agent_issue": issue}


def contact_drivers(survey: pd.DataFrame, by: str = "contact_score") -> pd.DataFrame:
    """Mean overall score and the share giving 10 per band of ``by`` (index ``band``), with counts."""
    if by not in ("contact_score", "agent_score"):
        raise DataError(f"未知的分组列“{by}”。", f"Unknown grouping column '{by}'.")
    _need(survey, ("overall", by))
    x, y = survey[by].to_numpy(int), survey["overall"].to_numpy(int)
    rows = []
    for name, lo, hi in BANDS:
        m = (x >= lo) & (x <= hi)
        rows.append({"band": name, "respondents": int(m.sum()), "mean_overall": float(y[m].mean()) if m.any() else np.nan,
                     "share_ten": float((y[m] == 10).mean()) if m.any() else np.nan})
    return pd.DataFrame(rows).set_index("band")
