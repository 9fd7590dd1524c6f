"""RFM (recency, frequency, monetary) summary, quantile scores and named segments.

Shared by every case with a transaction log. The segment grid is the common
R × FM grid used in retail CRM; its rules are data (:data:`DEFAULT_RFM_SEGMENTS`),
so a student or an instructor can read and change them.

Two conventions
---------------
:func:`rfm_table` is the retail-CRM convention the cases use; :func:`rfm_summary` is the
one of the CLV libraries lifetimes (``summary_data_from_transaction_data``) and
pymc-marketing (``clv.utils.rfm_summary``), whose models (BG/NBD, Gamma-Gamma) expect it.

============  ==========================================  ==========================================
              :func:`rfm_table` (retail CRM)               :func:`rfm_summary` (lifetimes, pymc-marketing)
============  ==========================================  ==========================================
frequency     purchases (rows), the first one included    *repeat* purchase days: distinct days with
                                                          a purchase, minus one (0 for a one-off buyer)
recency       ``recency_days``: days from the last        ``recency``: the customer's *age* at the last
              purchase to ``as_of``                       purchase (last − first purchase day)
T             (not given; ``first_purchase`` is)          age at the end of the period (end − first day)
monetary      total spend                                 mean spend per *repeat* purchase day (the
                                                          first day left out; 0 for a one-off buyer)
period end    ``as_of``, default the day after the last   ``observation_period_end``, default the day
              purchase                                    of the last purchase
============  ==========================================  ==========================================

Both drop the purchases after the end of the period they are asked about, as lifetimes and
pymc-marketing do: a table "as of" a past day knows nothing of the days after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared


def _require_columns(transactions: pd.DataFrame) -> None:
    missing = {"customer_id", "date", "amount"} - set(transactions.columns)
    if missing:
        cols = ", ".join(sorted(missing))
        raise DataError(message_zh=f"RFM 需要列：{cols}。", message_en=f"RFM needs the column(s): {cols}.")


def _day_numbers(transactions: pd.DataFrame) -> np.ndarray:
    """Each transaction's calendar day as a day number (days since 1970-01-01)."""
    return transactions["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)


def _day_number(day: pd.Timestamp | str) -> int:
    return int(pd.Timestamp(day).to_datetime64().astype("datetime64[D]").astype(np.int64))


def _sum_by(codes: np.ndarray, amounts: np.ndarray, n: int) -> np.ndarray:
    """Sum of ``amounts`` per code, independent of the order of the rows.

    Amounts in whole cents (money, as every case's log has it) are summed exactly in
    integer cents, so the same spend to the cent gives the same float, whatever the
    purchases and their order. Other amounts are added smallest first, so the same
    purchases give the same sum to the last bit however the file is sorted. (A plain
    ``bincount`` adds in row order, and its rounding noise then reorders customers who
    spent the same.)
    """
    cents = np.rint(amounts * 100)
    if len(amounts) and np.all(np.abs(amounts * 100 - cents) < 1e-6) and np.abs(cents).sum() < 2.0 ** 53:
        return np.bincount(codes, weights=cents, minlength=n) / 100  # integer-valued floats: exact sums
    order = np.argsort(amounts, kind="stable")
    return np.bincount(codes[order], weights=amounts[order], minlength=n)


@shared
def rfm_table(transactions: pd.DataFrame, as_of: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer.

    Parameters
    ----------
    transactions : pd.DataFrame
        Columns ``customer_id``, ``date`` (datetime64) and ``amount``.
    as_of : date-like, optional
        The day recency is measured from; default the day after the last
        transaction in the table. Purchases *after* ``as_of`` are left out (a
        purchase on ``as_of`` itself counts, with recency 0), so recency is never
        negative, and a customer whose first purchase is after ``as_of`` is not
        in the table: it describes the customers as they stood on that day.

    Returns
    -------
    pd.DataFrame
        Indexed by ``customer_id`` (sorted): ``recency_days`` (days since the
        last purchase), ``frequency`` (purchases), ``monetary`` (total spend; exact to the
        cent for whole-cent amounts, and never dependent on the order of the rows),
        ``first_purchase``, ``last_purchase``. See the module notes for how this
        differs from the lifetimes / pymc-marketing convention (:func:`rfm_summary`).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                    "date": pd.to_datetime(["2014-01-01", "2014-01-05", "2014-01-03"]),
    ...                    "amount": [10.0, 20.0, 5.0]})
    >>> rfm_table(tx, as_of="2014-01-06")[["recency_days", "frequency", "monetary"]].to_dict("list")
    {'recency_days': [1, 3], 'frequency': [2, 1], 'monetary': [30.0, 5.0]}
    """
    _require_columns(transactions)
    if as_of is not None:
        ref = _day_number(as_of)
        transactions = transactions[_day_numbers(transactions) <= ref]
    codes, ids = pd.factorize(transactions["customer_id"], sort=True)
    n = len(ids)
    days = _day_numbers(transactions)
    if as_of is None:
        ref = int(days.max()) + 1 if len(days) else 0
    last = np.full(n, np.iinfo(np.int64).min)
    first = np.full(n, np.iinfo(np.int64).max)
    np.maximum.at(last, codes, days)
    np.minimum.at(first, codes, days)
    return pd.DataFrame({
        "recency_days": ref - last,
        "frequency": np.bincount(codes, minlength=n),
        "monetary": _sum_by(codes, transactions["amount"].to_numpy(dtype=float), n),
        "first_purchase": first.astype("datetime64[D]").astype("datetime64[ns]"),
        "last_purchase": last.astype("datetime64[D]").astype("datetime64[ns]"),
    }, index=pd.Index(ids, name="customer_id"))


def rfm_summary(transactions: pd.DataFrame,
                observation_period_end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """The lifetimes / pymc-marketing summary: repeat frequency, recency as age, T, repeat monetary.

    The same numbers as lifetimes' ``summary_data_from_transaction_data`` and
    pymc-marketing's ``clv.utils.rfm_summary`` with daily periods (``freq="D"``):
    purchases are first summed per customer and day, then

    - ``frequency``: days with a purchase, minus one (the *repeat* purchases);
    - ``recency``: days from the first to the last purchase day (the customer's age
      at the last purchase; 0 for a one-off buyer);
    - ``T``: days from the first purchase day to ``observation_period_end`` (the age);
    - ``monetary_value``: mean spend per repeat purchase day, the first day left out
      (0 for a one-off buyer).

    Compare :func:`rfm_table`, where frequency counts every purchase, recency is the
    days *since* the last purchase and monetary the total spend (module notes).

    Parameters
    ----------
    transactions : pd.DataFrame
        Columns ``customer_id``, ``date`` and ``amount``.
    observation_period_end : date-like, optional
        The end of the period, default the day of the last purchase in the table (the
        libraries' default). Purchases after it are left out.

    Returns
    -------
    pd.DataFrame
        Indexed by ``customer_id`` (sorted): ``frequency``, ``recency``, ``T`` (floats, in
        days, as the libraries give them) and ``monetary_value``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                    "date": pd.to_datetime(["2014-01-01", "2014-01-01", "2014-01-05", "2014-01-03"]),
    ...                    "amount": [10.0, 5.0, 20.0, 5.0]})
    >>> rfm_summary(tx).to_dict("list")
    {'frequency': [1.0, 0.0], 'recency': [4.0, 0.0], 'T': [4.0, 2.0], 'monetary_value': [20.0, 0.0]}
    """
    _require_columns(transactions)
    days = _day_numbers(transactions)
    end = _day_number(observation_period_end) if observation_period_end is not None else (
        int(days.max()) if len(days) else 0)
    keep = days <= end
    per_day = (pd.DataFrame({"customer_id": transactions["customer_id"].to_numpy()[keep], "day": days[keep],
                             "amount": transactions["amount"].to_numpy(dtype=float)[keep]})
               .groupby(["customer_id", "day"], sort=True)["amount"].sum().reset_index())
    g = per_day.groupby("customer_id", sort=True)
    first, last, n_days = g["day"].min(), g["day"].max(), g["day"].size()
    first_spend = g["amount"].first()  # sorted by day within each customer: the first day's spend
    repeat = n_days - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(repeat > 0, (g["amount"].sum() - first_spend) / repeat.where(repeat > 0, 1), 0.0)
    out = pd.DataFrame({"frequency": repeat.astype(float), "recency": (last - first).astype(float),
                        "T": (end - first).astype(float), "monetary_value": monetary.astype(float)})
    out.index.name = "customer_id"
    return out


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


def five_point_scale(r_score: np.ndarray, fm_score: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Map R and FM scores on a 1..``bins`` scale onto the 1..5 grid the segment rules are written on.

    A score is placed at the middle of its quantile band, ``p = (score - 0.5) / bins``
    (so with 4 bins R = 3 sits at p = 0.625, the customers between the 50th and 75th
    percentile), and takes the step of the 5-point grid whose band holds ``p``: R an
    integer 1..5 (the 5-point band holding p), FM a half-step 1, 1.5, .., 5 (the nearest
    half-step to ``5 p + 0.5``, a tie going up; only possible with 10 bins). Every score maps to
    a step of the grid, so rules that cover the grid name every customer, whatever the
    number of bins; with 5 bins the map is the identity. Exact integer arithmetic.
    """
    if bins < 2:
        raise DataError(message_zh="分档数至少为 2。", message_en="The number of bins must be at least 2.")
    # 4·bins·(5p + 0.5) = 10·(2·score) - 10 + 2·bins, an integer since FM is a half-step
    def grid(score: np.ndarray) -> np.ndarray:
        doubled = np.rint(2 * np.asarray(score, dtype=float)).astype(np.int64)
        return np.clip(10 * doubled - 10 + 2 * bins, 4 * bins, 20 * bins)  # ends beyond 1 or 5 count as 1 or 5
    r = (grid(r_score) + 2 * bins) // (4 * bins)        # the integer k with k - 0.5 <= 5p + 0.5 < k + 0.5
    fm = ((grid(fm_score) + bins) // (2 * bins)) / 2    # the half-step h/2 with h/2 - 0.25 <= 5p + 0.5 < h/2 + 0.25
    return r.astype(float), fm


def rfm_segments(scores: pd.DataFrame, rules: Sequence[RfmRule] = DEFAULT_RFM_SEGMENTS,
                 bins: int = 5) -> pd.Series:
    """Name each customer's segment from his R and FM scores.

    The rules are written on the 1–5 grid (R an integer, FM a half-step). Scores on
    another scale are first mapped onto that grid by :func:`five_point_scale`: each score
    is placed at the middle of its quantile band and takes the grid step whose band holds
    it, so "R at least 4" always means "among the most recent 40% or so", whatever the
    number of bins, and the default rules (which cover the grid) name every customer for
    any ``bins`` >= 2. With 5 bins the map is the identity. With other counts some
    segments may stay empty (2 bins cannot tell five recency classes apart; with 4 bins no
    R band sits in the middle fifth, so ``need_attention`` is empty). Customers that no
    rule matches are ``"other"`` (never with the default rules).

    Returns
    -------
    pd.Series
        Categorical segment per customer, categories in rule order.
    """
    r, fm = five_point_scale(scores["r_score"].to_numpy(dtype=float), scores["fm_score"].to_numpy(dtype=float), bins)
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
