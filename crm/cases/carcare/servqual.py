"""SERVQUAL: gaps on the five service dimensions and the importance–performance chart.

seeds/004: "顧客會從五個方面評估:具體服務、可靠性、回應速度、確實性以及同理心" (tangibles, reliability,
responsiveness, assurance, empathy), and an importance × performance chart on 1–10 scales
whose quadrants say where to act first.
"""
from __future__ import annotations

import pandas as pd

from crm.core.schemas import DataError

DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
#: Importance–performance quadrants (Martilla & James), in the order to act on them.
QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")


def servqual_gaps(survey: pd.DataFrame) -> pd.DataFrame:
    """Mean importance, expectation and performance per dimension, and the SERVQUAL gap.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent and dimension: ``dimension``, ``importance``,
        ``expectation``, ``performance`` (1–10).

    Returns
    -------
    DataFrame
        Indexed by dimension (in :data:`DIMENSIONS` order when they are those):
        ``respondents``, ``importance``, ``expectation``, ``performance``, ``gap``
        (performance − expectation: negative means the service falls short) and
        ``weighted_gap`` (gap × importance / mean importance).
    """
    need = ["dimension", "importance", "expectation", "performance"]
    missing = [c for c in need if c not in survey.columns]
    if missing:
        raise DataError(f"问卷缺少列：{'、'.join(missing)}。", f"The survey lacks columns: {', '.join(missing)}.")
    if survey.empty:
        raise DataError("问卷没有数据。", "The survey is empty.")
    g = survey.assign(dimension=survey["dimension"].astype(str)).groupby("dimension", sort=False)
    out = g[need[1:]].mean()
    out.insert(0, "respondents", g.size())
    order = [d for d in DIMENSIONS if d in out.index] + [d for d in out.index if d not in DIMENSIONS]
    out = out.loc[order]
    out["gap"] = out["performance"] - out["expectation"]
    out["weighted_gap"] = out["gap"] * out["importance"] / out["importance"].mean()
    out.index.name = "dimension"
    return out


def ipa_quadrants(gaps: pd.DataFrame, importance_cut: float | None = None,
                  performance_cut: float | None = None) -> pd.DataFrame:
    """Place each dimension in an importance–performance quadrant and rank where to act.

    Parameters
    ----------
    gaps : DataFrame
        From :func:`servqual_gaps` (``importance``, ``performance``, ``gap``).
    importance_cut, performance_cut : float, optional
        Where the axes are split; the means over the dimensions by default (the
        data-centred chart). 5.5 is the middle of a 1–10 scale.

    Returns
    -------
    DataFrame
        ``gaps`` with ``quadrant`` (one of :data:`QUADRANTS`) and ``act_rank``
        (1 = act first): by quadrant order, then by the most negative weighted gap.
    """
    imp_cut = float(gaps["importance"].mean()) if importance_cut is None else float(importance_cut)
    perf_cut = float(gaps["performance"].mean()) if performance_cut is None else float(performance_cut)
    for v in (imp_cut, perf_cut):
        if not 1 <= v <= 10:
            raise DataError("分界线必须在 1 到 10 之间。", "The cut lines must be between 1 and 10.")
    high_imp, high_perf = gaps["importance"] >= imp_cut, gaps["performance"] >= perf_cut
    quadrant = pd.Series("low_priority", index=gaps.index)
    quadrant[high_imp & ~high_perf] = "concentrate_here"
    quadrant[high_imp & high_perf] = "keep_up"
    quadrant[~high_imp & high_perf] = "possible_overkill"
    out = gaps.assign(quadrant=quadrant)
    key = out["quadrant"].map({q: i for i, q in enumerate(QUADRANTS)})
    ranked = out.assign(_q=key, _g=out["weighted_gap"] if "weighted_gap" in out else out["gap"])
    order = ranked.sort_values(["_q", "_g"], kind="stable").index
    out["act_rank"] = pd.Series(range(1, len(out) + 1), index=order).reindex(out.index)
    return out


def act_first(gaps: pd.DataFrame, **cuts: float) -> str:
    """The dimension to act on first (``act_rank`` 1 of :func:`ipa_quadrants`)."""
    q = ipa_quadrants(gaps, **cuts)
    return str(q.index[q["act_rank"] == 1][0])
