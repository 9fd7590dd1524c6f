"""Visit-cycle anomalies: flag a regular customer who stays away or buys less, and judge the rule.

The fuel-station paper's rule (seeds/002, 中原石油): "每位加油员工负责联系的客户超过固定周期3天
不进站加油，马上作为“异常情况”引起察觉" — a regular customer who has not refuelled for
N = 3 days beyond his usual cycle is an anomaly, as is one whose volume is abnormal
("当客户加油量出现异常"). Each customer's usual cycle and volume are learnt from his own
history in a learning window; the rule then watches the rest of the data.

Everything is vectorised (one sort, a few group medians): a million refuelling events
take well under a second (``benchmarks/visit_cycle.py``). Moving N does not touch the
events again: :func:`visit_gaps` is computed once and :func:`gap_flags` filters it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: The source's rule: flag after 3 days beyond the usual cycle.
DEFAULT_GRACE_DAYS = 3
DEFAULT_LEARN_DAYS = 91  # assumption: a quarter of history to learn a customer's cycle
DEFAULT_MIN_VISITS = 4  # assumption: "regular" = at least 4 refuels in the learning window
DEFAULT_VOLUME_DROP = 0.5  # assumption: a fill below half the usual litres is abnormal
DEFAULT_HORIZON_DAYS = 30  # assumption: a flag counts as right if it comes at most 30 days before the last visit
_DAY = np.timedelta64(1, "D")


def _check(refuels: pd.DataFrame) -> None:
    missing = [c for c in ("customer_id", "date", "litres") if c not in refuels.columns]
    if missing:
        raise DataError(f"加油记录缺少列：{'、'.join(missing)}。", f"The refuels table lacks columns: {', '.join(missing)}.")
    if len(refuels) == 0:
        raise DataError("加油记录为空。", "The refuels table is empty.")
    if refuels["customer_id"].isna().any() or refuels["date"].isna().any() or refuels["litres"].isna().any():
        raise DataError("加油记录中有空的客户编号、日期或加油量。", "The refuels table has empty customer ids, dates or litres.")


def _window(refuels: pd.DataFrame, learn_days: int, end: pd.Timestamp | None) -> tuple[np.datetime64, np.datetime64]:
    if learn_days < 7:
        raise DataError(f"学习期至少 7 天，收到 {learn_days}。", f"The learning window needs at least 7 days; got {learn_days}.")
    first = refuels["date"].min().to_datetime64().astype("datetime64[D]")
    last = (pd.Timestamp(end) if end is not None else refuels["date"].max()).to_datetime64().astype("datetime64[D]")
    learn_end = first + np.timedelta64(int(learn_days), "D")
    if learn_end >= last:
        raise DataError("学习期覆盖了全部数据，没有留下观察期。", "The learning window covers all the data; nothing is left to watch.")
    return learn_end, last


def _codes(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer code of each row's customer and the customer of each code (first-seen order)."""
    arrow = getattr(ids.array, "_pa_array", None)
    if arrow is not None:  # pandas' Arrow-backed str: Arrow's dictionary encoding is the fastest
        import pyarrow.compute as pc
        encoded = pc.dictionary_encode(arrow).combine_chunks()
        return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), \
            np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    code, uniques = pd.factorize(ids, sort=False)
    return code.astype(np.int64), np.asarray(uniques, dtype=object)


def _segment_median(code: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Median of ``values`` per code (NaN where none) and the count per code."""
    if values.dtype.kind in "iu" and len(values) and values.min() >= 0 and values.max() < 1 << 20:
        v = np.sort((code << 20) | values)  # one integer sort orders by code, then value
        c, v = v >> 20, (v & ((1 << 20) - 1)).astype(float)
    else:  # sort by value, then (stable, radix for small ints) by code
        by_value = np.argsort(values)
        small = code.astype(np.int16 if n < 1 << 15 else np.int32)
        order = by_value[np.argsort(small[by_value], kind="stable")]
        v, c = values[order], code[order]
    count = np.bincount(c, minlength=n)
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    has = count > 0
    med = np.full(n, np.nan)
    lo, hi = start[has] + (count[has] - 1) // 2, start[has] + count[has] // 2
    med[has] = (v[lo] + v[hi]) / 2
    return med, count


@dataclass(frozen=True)
class VisitGaps:
    """Every regular customer's learnt cycle and each absence of the watch period.

    Kept as arrays (customer codes into ``ids``) so that sweeping N touches no strings;
    :attr:`customers`, :attr:`gaps` and :attr:`fills` show them as tables:
    ``customers``: one row per regular customer (``customer_id``, ``cycle_days``,
    ``usual_litres``, ``learn_visits``); ``gaps``: one row per absence that starts at a
    visit and ends at the next one after the learning window (or at ``end``, then
    ``censored``): ``customer_id``, ``start``, ``days``, ``cycle_days``, ``censored``;
    ``fills``: the watch period's refuels of regular customers with ``litres_ratio``
    (litres / usual litres). ``learn_end`` and ``end`` bound the watch period.
    """

    ids: np.ndarray
    regular: np.ndarray  # codes of the regular customers
    cycle: np.ndarray  # per code (NaN if none)
    usual: np.ndarray  # per code
    visits: np.ndarray  # learning-window refuels per code
    g_code: np.ndarray
    g_start: np.ndarray  # datetime64[D]
    g_days: np.ndarray
    g_open: np.ndarray
    f_code: np.ndarray
    f_date: np.ndarray  # datetime64[D]
    f_litres: np.ndarray
    learn_end: pd.Timestamp
    end: pd.Timestamp

    @property
    def watch_weeks(self) -> float:
        return ((self.end - self.learn_end).days + 1) / 7

    @property
    def customers(self) -> pd.DataFrame:
        r = self.regular
        return pd.DataFrame({"customer_id": self.ids[r], "cycle_days": self.cycle[r], "usual_litres": self.usual[r],
                             "learn_visits": self.visits[r]})

    @property
    def gaps(self) -> pd.DataFrame:
        return pd.DataFrame({"customer_id": self.ids[self.g_code], "start": self.g_start.astype("datetime64[ns]"),
                             "days": self.g_days, "cycle_days": self.cycle[self.g_code], "censored": self.g_open})

    @property
    def fills(self) -> pd.DataFrame:
        return pd.DataFrame({"customer_id": self.ids[self.f_code], "date": self.f_date.astype("datetime64[ns]"),
                             "litres": self.f_litres, "litres_ratio": self.f_litres / self.usual[self.f_code]})


def visit_gaps(refuels: pd.DataFrame, learn_days: int = DEFAULT_LEARN_DAYS, min_visits: int = DEFAULT_MIN_VISITS,
               end: pd.Timestamp | str | None = None) -> VisitGaps:
    """Learn each regular customer's cycle, then list his absences in the watch period.

    Parameters
    ----------
    refuels : DataFrame
        ``customer_id``, ``date`` (datetime64), ``litres``; any order.
    learn_days : int
        Days from the first date in the data used to learn cycles (default a quarter).
    min_visits : int
        Refuels in the learning window that make a customer "regular".
    end : date, optional
        Last day watched (default the last date in the data).

    Returns
    -------
    VisitGaps
    """
    _check(refuels)
    learn_end, last = _window(refuels, learn_days, end)
    code, ids = _codes(refuels["customer_id"])
    n = len(ids)
    day0 = refuels["date"].min().to_datetime64().astype("datetime64[D]")
    day = refuels["date"].to_numpy().astype("datetime64[D]").astype(np.int64) - day0.astype(np.int64)
    litres = refuels["litres"].to_numpy(dtype=float)
    # One sort by (customer, day) as a single integer key: days fit in 2**20 (over 2,800 years).
    key = (code << 20) | day
    order = np.argsort(key)
    key = key[order]
    code, day, litres = key >> 20, key & ((1 << 20) - 1), litres[order]
    keep = day <= (last - day0).astype(np.int64)
    if not keep.all():
        code, day, litres = code[keep], day[keep], litres[keep]
    learn = day < (learn_end - day0).astype(np.int64)
    same = np.empty(len(code), dtype=bool)  # the row before is the same customer
    same[0] = False
    np.equal(code[1:], code[:-1], out=same[1:])
    gap = np.zeros(len(day), dtype=np.int64)
    gap[1:] = day[1:] - day[:-1]
    # The cycle: median gap between consecutive refuels inside the learning window.
    in_learn_gap = same & learn
    cycle, _ = _segment_median(code[in_learn_gap], gap[in_learn_gap], n)
    usual, visits = _segment_median(code[learn], litres[learn], n)
    is_reg = (visits >= max(int(min_visits), 2)) & ~np.isnan(cycle)
    # Absences ending in the watch period: from the previous visit to each watch visit...
    watch = ~learn & is_reg[code]
    closed = watch & same
    closed_at = np.flatnonzero(closed)
    # ...and from each regular customer's last visit to the end of the data (still away).
    is_last = np.empty(len(code), dtype=bool)
    is_last[-1] = True
    np.not_equal(code[1:], code[:-1], out=is_last[:-1])
    open_ = is_last & is_reg[code]
    end_day = (last - day0).astype(np.int64)
    g_code = np.concatenate((code[closed_at], code[open_]))
    g_start = np.concatenate((day[closed_at - 1], day[open_]))
    g_days = np.concatenate((gap[closed_at], end_day - day[open_])).astype(float)
    g_open = np.concatenate((np.zeros(len(closed_at), dtype=bool), np.ones(int(open_.sum()), dtype=bool)))
    return VisitGaps(ids=ids, regular=np.flatnonzero(is_reg), cycle=cycle, usual=usual, visits=visits,
                     g_code=g_code, g_start=day0 + g_start.astype("timedelta64[D]"), g_days=g_days, g_open=g_open,
                     f_code=code[watch], f_date=day0 + day[watch].astype("timedelta64[D]"), f_litres=litres[watch],
                     learn_end=pd.Timestamp(learn_end), end=pd.Timestamp(last))


def _gap_hits(vg: VisitGaps, grace_days: float) -> tuple[np.ndarray, np.ndarray]:
    """Which absences are flagged at ``grace_days``, and each absence's flag day.

    An absence is flagged on the day it exceeds the cycle plus ``grace_days``, or on the
    first day of the watch period if it already had by then and still goes on (a
    customer overdue when watching begins is overdue, not forgotten); so a larger grace
    never flags more.
    """
    limit = vg.cycle[vg.g_code] + grace_days
    exceeded = vg.g_start + (np.floor(limit).astype(np.int64) + 1).astype("timedelta64[D]")
    flag_day = np.maximum(exceeded, np.datetime64(vg.learn_end, "D"))
    hit = (vg.g_days > limit) & (flag_day <= np.datetime64(vg.end, "D"))
    return hit, flag_day


def gap_flags(vg: VisitGaps, grace_days: float = DEFAULT_GRACE_DAYS) -> pd.DataFrame:
    """Absences longer than the usual cycle plus ``grace_days``, flagged on the day they exceed it.

    Returns
    -------
    DataFrame
        ``customer_id``, ``date`` (the flag day, inside the watch period), ``kind`` = "gap".
    """
    if grace_days < 0:
        raise DataError(f"宽限天数不能为负，收到 {grace_days:g}。", f"Grace days cannot be negative; got {grace_days:g}.")
    hit, flag_day = _gap_hits(vg, grace_days)
    return pd.DataFrame({"customer_id": vg.ids[vg.g_code[hit]], "date": flag_day[hit].astype("datetime64[ns]"),
                         "kind": "gap"})


def _volume_hits(vg: VisitGaps, volume_drop: float) -> np.ndarray:
    if not 0 < volume_drop < 1:
        raise DataError(f"加油量下降比例必须在 0 与 1 之间，收到 {volume_drop:g}。",
                        f"The volume drop must be between 0 and 1; got {volume_drop:g}.")
    return vg.f_litres / vg.usual[vg.f_code] < 1 - volume_drop


def volume_flags(vg: VisitGaps, volume_drop: float = DEFAULT_VOLUME_DROP) -> pd.DataFrame:
    """Refuels below ``(1 - volume_drop)`` of the customer's usual litres ("加油量出现异常")."""
    hit = _volume_hits(vg, volume_drop)
    return pd.DataFrame({"customer_id": vg.ids[vg.f_code[hit]], "date": vg.f_date[hit].astype("datetime64[ns]"),
                         "kind": "volume"})


def visit_cycle_anomalies(refuels: pd.DataFrame, grace_days: float = DEFAULT_GRACE_DAYS,
                          volume_drop: float | None = DEFAULT_VOLUME_DROP, learn_days: int = DEFAULT_LEARN_DAYS,
                          min_visits: int = DEFAULT_MIN_VISITS, end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Flag regular customers who stay away ``grace_days`` beyond their cycle or buy abnormally little.

    Parameters
    ----------
    refuels : DataFrame
        ``customer_id``, ``date``, ``litres``.
    grace_days : float
        Days beyond the usual cycle before an absence is flagged (the source: 3).
    volume_drop : float or None
        Flag a fill below ``1 - volume_drop`` of the usual litres; None: no volume flags.

    Returns
    -------
    DataFrame
        One row per flag, by date: ``customer_id``, ``date``, ``kind`` ("gap" or "volume").

    Examples
    --------
    >>> days = pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-02-20"])
    >>> rf = pd.DataFrame({"customer_id": "a", "date": days, "litres": 40.0})
    >>> visit_cycle_anomalies(rf, learn_days=28, min_visits=3)["date"].dt.strftime("%m-%d").tolist()
    ['02-02']
    """
    if grace_days < 0:
        raise DataError(f"宽限天数不能为负，收到 {grace_days:g}。", f"Grace days cannot be negative; got {grace_days:g}.")
    vg = visit_gaps(refuels, learn_days, min_visits, end)
    hit, day = _gap_hits(vg, grace_days)
    codes, dates = [vg.g_code[hit]], [day[hit]]
    if volume_drop is not None:
        vol = _volume_hits(vg, volume_drop)
        codes.append(vg.f_code[vol])
        dates.append(vg.f_date[vol])
    code, date = np.concatenate(codes), np.concatenate(dates)
    kind = np.repeat(np.arange(len(codes)), [len(c) for c in codes])
    # Sorted by day, customer id, kind on integers; the strings are made once, at the end.
    id_rank = np.empty(len(vg.ids), dtype=np.int64)
    id_rank[np.argsort(vg.ids.astype(str), kind="stable")] = np.arange(len(vg.ids))
    order = np.lexsort((kind, id_rank[code], date))
    return pd.DataFrame({"customer_id": vg.ids[code[order]], "date": date[order].astype("datetime64[ns]"),
                         "kind": np.array(["gap", "volume"])[kind[order]]})


@dataclass(frozen=True)
class RuleEvaluation:
    """How a flagging rule fares against the truth (who really left, and when)."""

    flags: int
    right_flags: int
    precision: float
    leavers: int
    caught: int
    recall: float
    calls_per_week: float
    median_days_after_last_visit: float  # of each caught leaver's first right flag; negative = before he stopped

    def as_series(self) -> pd.Series:
        return pd.Series(self.__dict__)


def evaluate_flags(flags: pd.DataFrame, truth: pd.DataFrame, vg: VisitGaps,
                   horizon_days: int = DEFAULT_HORIZON_DAYS) -> RuleEvaluation:
    """Precision, recall, calls per week and timing of ``flags`` against ``truth``.

    A flag is right if its customer really left and it comes no earlier than
    ``horizon_days`` before his last visit (a call then can still find out why).
    Recall counts the regular customers whose last visit falls in the watch period.

    Parameters
    ----------
    flags : DataFrame
        ``customer_id``, ``date`` (from :func:`visit_cycle_anomalies` or :func:`gap_flags`).
    truth : DataFrame
        ``customer_id``, ``left`` (bool), ``last_visit`` (date, for leavers).
    vg : VisitGaps
        The watch period and its regular customers.
    """
    t = truth.loc[truth["left"].astype(bool), ["customer_id", "last_visit"]]
    last = flags[["customer_id", "date"]].merge(t, on="customer_id", how="left")["last_visit"].to_numpy()
    days_after = (flags["date"].to_numpy() - last) / _DAY
    right = ~np.isnan(days_after) & (days_after >= -horizon_days)
    eligible = t[t["customer_id"].isin(vg.customers["customer_id"]) & (t["last_visit"] >= vg.learn_end)
                 & (t["last_visit"] <= vg.end)]
    first = pd.Series(days_after[right]).groupby(flags["customer_id"].to_numpy()[right]).min()
    first = first[first.index.isin(eligible["customer_id"])]
    n, k = len(flags), int(right.sum())
    return RuleEvaluation(
        flags=n, right_flags=k, precision=k / n if n else float("nan"),
        leavers=len(eligible), caught=len(first), recall=len(first) / len(eligible) if len(eligible) else float("nan"),
        calls_per_week=n / vg.watch_weeks,
        median_days_after_last_visit=float(first.median()) if len(first) else float("nan"))


def rule_sweep(vg: VisitGaps, truth: pd.DataFrame | None, grace_values: range | list = range(0, 15),
               volume_drop: float | None = DEFAULT_VOLUME_DROP,
               horizon_days: int = DEFAULT_HORIZON_DAYS) -> pd.DataFrame:
    """:func:`evaluate_flags` for each grace N: the precision / recall / cost trade-off.

    The same numbers as calling :func:`evaluate_flags` on ``gap_flags(vg, n)`` (plus the
    volume flags) for each N, computed on arrays prepared once, so a view can sweep N live.
    With ``truth=None`` (a visit log that does not say who really left) only ``flags`` and
    ``calls_per_week`` are counted; the columns that need the truth are NaN, not 0.

    Returns
    -------
    DataFrame
        Index ``grace_days``; the fields of :class:`RuleEvaluation` as columns.
    """
    if truth is None:
        unknown = pd.DataFrame({"customer_id": pd.Series([], dtype=object), "left": pd.Series([], dtype=bool),
                                "last_visit": pd.Series([], dtype="datetime64[ns]")})
        out = rule_sweep(vg, unknown, grace_values, volume_drop, horizon_days)
        needs_truth = ["right_flags", "precision", "leavers", "caught", "recall", "median_days_after_last_visit"]
        return out.assign(**{c: np.nan for c in needs_truth})
    left = truth.loc[truth["left"].astype(bool), ["customer_id", "last_visit"]]
    last_of = pd.Series(left["last_visit"].to_numpy(), index=left["customer_id"].to_numpy())
    lv = last_of.reindex(vg.ids).to_numpy().astype("datetime64[ns]")  # per code; NaT if he stayed
    eligible = np.zeros(len(vg.ids), dtype=bool)
    eligible[vg.regular] = True
    eligible &= ~np.isnat(lv) & (lv >= np.datetime64(vg.learn_end)) & (lv <= np.datetime64(vg.end))
    if volume_drop is not None:
        vol = _volume_hits(vg, volume_drop)
        v_code, v_date = vg.f_code[vol], vg.f_date[vol]
    else:
        v_code, v_date = vg.f_code[:0], vg.f_date[:0]
    rows = {}
    for n in grace_values:
        if n < 0:
            raise DataError(f"宽限天数不能为负，收到 {n}。", f"Grace days cannot be negative; got {n}.")
        hit, day = _gap_hits(vg, n)
        code = np.concatenate((vg.g_code[hit], v_code))
        date = np.concatenate((day[hit], v_date)).astype("datetime64[ns]")
        after = (date - lv[code]) / _DAY
        right = ~np.isnan(after) & (after >= -horizon_days)
        first = np.full(len(vg.ids), np.inf)
        np.minimum.at(first, code[right], after[right])
        caught = first[eligible & np.isfinite(first)]
        k, m, e = len(code), int(right.sum()), int(eligible.sum())
        rows[n] = {"flags": k, "right_flags": m, "precision": m / k if k else np.nan, "leavers": e,
                   "caught": len(caught), "recall": len(caught) / e if e else np.nan,
                   "calls_per_week": k / vg.watch_weeks,
                   "median_days_after_last_visit": float(np.median(caught)) if len(caught) else np.nan}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "grace_days"
    return out
