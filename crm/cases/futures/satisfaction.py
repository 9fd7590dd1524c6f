"""Satisfaction survey analysis focused on the dissatisfied.

The source (seeds/000, 天富期货) asks customer service to survey clients regularly, "将满意度
调查结果汇总,重点分析不满意客户的问题所在". So: how satisfaction is distributed
(:func:`satisfaction_distribution`), which service items set the dissatisfied apart
(:func:`driver_analysis`), and whom to call first (:func:`call_first`): the dissatisfied,
the most valuable and the most unhappy first.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

SCALE = (1, 2, 3, 4, 5)


def _check(survey: pd.DataFrame, columns: Sequence[str], threshold: int) -> None:
    missing = [c for c in columns if c not in survey.columns]
    if missing:
        raise DataError(f"问卷缺少列：{'、'.join(missing)}。", f"The survey lacks columns: {', '.join(missing)}.")
    if not 1 <= threshold < 5:
        raise DataError(f"“不满意”的分数线须在 1 到 4 之间，收到 {threshold}。",
                        f"The dissatisfied line must be between 1 and 4; got {threshold}.")
    if survey.empty:
        raise DataError("问卷没有答卷。", "The survey has no responses.")


def dissatisfied(survey: pd.DataFrame, threshold: int = 2, overall: str = "overall") -> pd.Series:
    """True for respondents whose overall rating is at or below ``threshold``."""
    _check(survey, [overall], threshold)
    return survey[overall] <= threshold


def satisfaction_distribution(survey: pd.DataFrame, threshold: int = 2, overall: str = "overall") -> pd.DataFrame:
    """Respondents per overall rating (1–5), their share, and whether that rating counts as dissatisfied.

    Returns
    -------
    pd.DataFrame
        Index ``rating`` 1..5: ``respondents``, ``share`` (sums to 1), ``dissatisfied``.
    """
    _check(survey, [overall], threshold)
    counts = survey[overall].value_counts().reindex(list(SCALE), fill_value=0)
    out = pd.DataFrame({"respondents": counts.to_numpy(), "share": counts.to_numpy() / counts.sum(),
                        "dissatisfied": np.array(SCALE) <= threshold}, index=pd.Index(SCALE, name="rating"))
    return out


def driver_analysis(survey: pd.DataFrame, items: Sequence[str], threshold: int = 2,
                    overall: str = "overall") -> pd.DataFrame:
    """What sets the dissatisfied apart: each item's ratings among them and among the others.

    Returns
    -------
    pd.DataFrame
        Index ``item``: ``mean_dissatisfied``, ``mean_others``, ``gap`` (others minus
        dissatisfied: the larger, the more the item separates them), ``low_share``
        (share of the dissatisfied rating the item at or below ``threshold``) and
        ``correlation`` (Pearson, item with overall, all respondents). Sorted by gap,
        largest first.
    """
    _check(survey, [overall, *items], threshold)
    bad = survey[overall] <= threshold
    if not bad.any() or bad.all():
        raise DataError("按这条分数线，没有（或全部都是）不满意的受访者，无法比较。",
                        "With this line there are no (or only) dissatisfied respondents: nothing to compare.")
    rows = {}
    for item in items:
        x = survey[item].astype(float)
        rows[item] = {"mean_dissatisfied": x[bad].mean(), "mean_others": x[~bad].mean(),
                      "gap": x[~bad].mean() - x[bad].mean(), "low_share": float((x[bad] <= threshold).mean()),
                      "correlation": float(np.corrcoef(x, survey[overall].astype(float))[0, 1])}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "item"
    return out.sort_values(["gap"], ascending=False, kind="stable")


def call_first(survey: pd.DataFrame, value: pd.Series, items: Sequence[str], threshold: int = 2,
               overall: str = "overall") -> pd.DataFrame:
    """The dissatisfied respondents in the order to call them back.

    Priority = client value × (``threshold`` + 1 − overall rating): the unhappiest and the
    most valuable first (ties by client id).

    Parameters
    ----------
    value : Series
        Value of each client (index ``client_id``), e.g. a year's commission; 0 if absent.

    Returns
    -------
    pd.DataFrame
        ``client_id``, ``overall``, ``worst_item`` (his lowest-rated item, the first of
        ``items`` on a tie), ``worst_rating``, ``value``, ``priority``; most urgent first.
    """
    _check(survey, [overall, "client_id", *items], threshold)
    bad = survey[survey[overall] <= threshold]
    ratings = bad[list(items)].to_numpy()
    worst = ratings.argmin(axis=1) if len(bad) else np.array([], int)
    v = value.reindex(bad["client_id"]).fillna(0.0).to_numpy()
    out = pd.DataFrame({"client_id": bad["client_id"].to_numpy(), "overall": bad[overall].to_numpy(),
                        "worst_item": np.array(items, dtype=object)[worst] if len(bad) else [],
                        "worst_rating": ratings.min(axis=1) if len(bad) else [],
                        "value": v, "priority": v * (threshold + 1 - bad[overall].to_numpy())})
    order = np.lexsort((out["client_id"].to_numpy().astype(str), -out["priority"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)
