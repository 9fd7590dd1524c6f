"""RFM (recency, frequency, monetary) summary, quantile scores and named segments.

Shared by every case with a transaction log. The segment grid is the common
R × FM grid used in retail CRM; its rules are data (:data:`DEFAULT_RFM_SEGMENTS`),
so a student or an instructor can read and change them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from crm.schemas import DataError


def rfm_table(transactions: pd.DataFrame, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer.

    Parameters
    ----------
    transactions : pd.DataFrame
        Columns ``customer_id``, ``date`` (datetime64) and ``amount``.
    as_of : date-like, optional
        The day recency is measured from; default the day after the last
        transaction in the table.

    Returns
    -------
    pd.DataFrame
        Indexed by ``customer_id`` (sorted): ``recency_days`` (days since the
        last purchase), ``frequency`` (purchases), ``monetary`` (total spend),
        ``first_purchase``, ``last_purchase``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                    "date": pd.to_datetime(["2014-01-01", "2014-01-05", "2014-01-03"]),
    ...                    "amount": [10.0, 20.0, 5.0]})
    >>> rfm_table(tx, as_of="2014-01-06")[["recency_days", "frequency", "monetary"]].to_dict("list")
    {'recency_days': [1, 3], 'frequency': [2, 1], 'monetary': [30.0, 5.0]}
    """
    missing = {"customer_id", "date", "amount"} - set(transactions.columns)
    if missing:
        cols = ", ".join(sorted(missing))
        raise DataError(message_zh=f"RFM 需要列：{cols}。", message_en=f"RFM needs the column(s): {cols}.")
    codes, ids = pd.factorize(transactions["customer_id"], sort=True)
    n = len(ids)
    days = transactions["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    last = np.full(n, np.iinfo(np.int64).min)
    first = np.full(n, np.iinfo(np.int64).max)
    np.maximum.at(last, codes, days)
    np.minimum.at(first, codes, days)
    ref = (pd.Timestamp(as_of).to_datetime64().astype("datetime64[D]").astype(np.int64)
           if as_of is not None else int(days.max()) + 1)
    return pd.DataFrame({
        "recency_days": ref - last,
        "frequency": np.bincount(codes, minlength=n),
        "monetary": np.bincount(codes, weights=transactions["amount"].to_numpy(dtype=float), minlength=n),
        "first_purchase": first.astype("datetime64[D]").astype("datetime64[ns]"),
        "last_purchase": last.astype("datetime64[D]").astype("datetime64[ns]"),
    }, index=pd.Index(ids, name="customer_id"))


def quantile_score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Score 1..bins by rank quantile; tied values always share a score.

    The lowest value scores 1 and the highest ``bins`` (reversed when
    ``higher_is_better`` is False, as for recency).
    """
    if bins < 2:
        raise DataError(message_zh="分档数至少为 2。", message_en="The number of bins must be at least 2.")
    v = values if higher_is_better else -values
    rank = v.rank(method="min").to_numpy()
    score = 1 + np.floor((rank - 1) / len(v) * bins).astype(int)
    return pd.Series(np.clip(score, 1, bins), index=values.index, name=values.name)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Add ``r_score``, ``f_score``, ``m_score`` (1..bins) and ``fm_score`` to an RFM table.

    Recent customers score high on R; frequent and big spenders high on F and M.
    ``fm_score`` is the mean of F and M, the second axis of the segment grid.
    """
    out = rfm.copy()
    out["r_score"] = quantile_score(rfm["recency_days"], bins, higher_is_better=False)
    out["f_score"] = quantile_score(rfm["frequency"], bins)
    out["m_score"] = quantile_score(rfm["monetary"], bins)
    out["fm_score"] = (out["f_score"] + out["m_score"]) / 2
    return out


@dataclass(frozen=True)
class RfmRule:
    """A cell block of the R × FM grid: segment ``name`` for r in [r_lo, r_hi], fm in [fm_lo, fm_hi]."""

    name: str
    r_lo: float
    r_hi: float
    fm_lo: float
    fm_hi: float


#: The R × FM grid on a 1–5 scale; the first matching rule wins and together they
#: cover the whole grid (a test checks it), so every customer gets one segment.
DEFAULT_RFM_SEGMENTS: tuple[RfmRule, ...] = (
    RfmRule("champions", 4, 5, 4, 5),
    RfmRule("cant_lose", 1, 2, 4, 5),
    RfmRule("loyal", 3, 5, 3, 5),
    RfmRule("at_risk", 1, 2, 3, 5),
    RfmRule("potential_loyalists", 4, 5, 2, 5),
    RfmRule("new_customers", 4, 5, 1, 5),
    RfmRule("need_attention", 3, 3, 1, 5),
    RfmRule("hibernating", 2, 2, 1, 5),
    RfmRule("lost", 1, 1, 1, 5),
)


def rfm_segments(scores: pd.DataFrame, rules: Sequence[RfmRule] = DEFAULT_RFM_SEGMENTS,
                 bins: int = 5) -> pd.Series:
    """Name each customer's segment from his R and FM scores.

    Scores on another scale than 1–5 are mapped onto it first, so the default
    grid serves any number of bins. Customers that no rule matches are
    ``"other"`` (never with the default rules).

    Returns
    -------
    pd.Series
        Categorical segment per customer, categories in rule order.
    """
    scale = lambda s: 1 + (s - 1) * 4 / (bins - 1)  # noqa: E731  (map 1..bins onto 1..5)
    r = scale(scores["r_score"].to_numpy(dtype=float))
    fm = scale(scores["fm_score"].to_numpy(dtype=float))
    conditions = [(r >= x.r_lo) & (r <= x.r_hi) & (fm >= x.fm_lo) & (fm <= x.fm_hi) for x in rules]
    names = [x.name for x in rules]
    seg = np.select(conditions, names, default="other")
    cats = names + (["other"] if (seg == "other").any() else [])
    return pd.Series(pd.Categorical(seg, categories=list(dict.fromkeys(cats))),
                     index=scores.index, name="segment")


def rfm_segment_summary(scores: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    """Customers, share, mean R/F/M and total spend per segment (rule order)."""
    df = scores.assign(segment=segments)
    g = df.groupby("segment", observed=False)
    out = pd.DataFrame({
        "customers": g.size(),
        "mean_recency_days": g["recency_days"].mean(),
        "mean_frequency": g["frequency"].mean(),
        "mean_monetary": g["monetary"].mean(),
        "monetary": g["monetary"].sum(),
    })
    out["customer_share"] = out["customers"] / out["customers"].sum()
    out["monetary_share"] = out["monetary"] / out["monetary"].sum()
    return out
