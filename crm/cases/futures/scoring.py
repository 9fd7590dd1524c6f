"""Client evaluation: indicators → weighted score → ranking, its stability, and the crude screen.

The futures firm's CRM platform has a client-evaluation module (seeds/000, 天富期货):
"通过设置参数、指标,对客户进行评价,得出客户评价得分的排名". The source also criticises
today's "核心客户筛选标准过于粗糙" and proposes core clients by the 80/20 rule. Here:

- :func:`client_indicators`: funds, lots, commission, tenure and activity per account;
- :func:`score_clients`: each indicator as a percentile rank (0–1), weighted, summed to a
  0–100 score and ranked;
- :func:`rank_stability`: how much of the top list survives when the weights move;
- :func:`core_clients`: the Pareto core (crm.core.segment), and :func:`crude_screen`, the
  assumed funds-only stand-in for the screen the source calls too crude, with :func:`compare_screens` to set them side by side.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared
from crm.core.segment import abc_counts, pareto_ranking

INDICATORS: tuple[str, ...] = ("equity", "lots", "commission", "tenure_years", "active_months")
#: Default weights (an assumption: the source names the method, not the weights).
DEFAULT_WEIGHTS: dict[str, float] = {"equity": 0.25, "lots": 0.15, "commission": 0.35, "tenure_years": 0.1,
                                     "active_months": 0.15}


@shared
def client_indicators(clients: pd.DataFrame, accounts: pd.DataFrame, as_of: pd.Timestamp | str | None = None,
                      months: int = 12) -> pd.DataFrame:
    """Evaluation indicators of every account with data in the ``months`` months up to ``as_of``.

    Returns
    -------
    pd.DataFrame
        Indexed by ``client_id`` (sorted): ``equity`` (funds in the last month),
        ``lots`` and ``commission`` (sums over the window), ``tenure_years`` (since the
        account was opened) and ``active_months`` (months with at least one trade).
    """
    if months < 1:
        raise DataError(f"时间窗口须至少 1 个月，收到 {months}。", f"The window must be at least 1 month; got {months}.")
    last = accounts["month"].max() if as_of is None else pd.Timestamp(as_of).to_period("M").to_timestamp()
    first = last - pd.DateOffset(months=months - 1)
    window = accounts[(accounts["month"] >= first) & (accounts["month"] <= last)]
    if window.empty:
        raise DataError("所选时间窗口内没有账户数据。", "There is no account data in the chosen window.")
    g = window.groupby("client_id")
    out = pd.DataFrame({
        "equity": window.sort_values("month", kind="stable").groupby("client_id")["equity"].last(),
        "lots": g["lots"].sum(),
        "commission": g["commission"].sum(),
        "active_months": (window["trades"] > 0).groupby(window["client_id"]).sum(),
    })
    opened = clients.set_index("client_id")["account_opened"].reindex(out.index)
    end = last + pd.offsets.MonthEnd(0)
    out.insert(3, "tenure_years", ((end - opened).dt.days / 365.25).clip(lower=0).fillna(0.0))
    out["active_months"] = out["active_months"].astype(int)
    return out.sort_index()


def _weights(weights: Mapping[str, float], columns: pd.Index) -> pd.Series:
    unknown = [k for k in weights if k not in columns]
    w = pd.Series({k: float(v) for k, v in weights.items() if k in columns})
    if unknown:
        raise DataError(f"未知的指标：{'、'.join(unknown)}。可用：{'、'.join(columns)}。",
                        f"Unknown indicators: {', '.join(unknown)}. Available: {', '.join(columns)}.")
    if (w < 0).any() or w.sum() <= 0:
        raise DataError("权重不能为负，且至少有一个大于 0。", "Weights must be non-negative and at least one above 0.")
    return w / w.sum()


def score_clients(indicators: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Weighted score (0–100) and rank of every client.

    Each indicator becomes a percentile rank (0 to 1, ties averaged), so funds in yuan
    and months of activity weigh alike; weights are rescaled to sum to 1.

    Returns
    -------
    pd.DataFrame
        Indexed by ``client_id``: one contribution column per weighted indicator
        (points it adds), ``score`` (their sum, 0–100) and ``rank`` (1 = best; ties by
        client id). Sorted by rank.

    Examples
    --------
    >>> ind = pd.DataFrame({"equity": [1.0, 2.0, 3.0], "lots": [3.0, 2.0, 1.0]}, index=["a", "b", "c"])
    >>> score_clients(ind, {"equity": 1, "lots": 0})["rank"].to_dict()
    {'c': 1, 'b': 2, 'a': 3}
    """
    w = _weights(weights, indicators.columns)
    return _score(indicators[w.index].rank(pct=True), w, _name_order(indicators.index))


def _name_order(index: pd.Index) -> np.ndarray:
    """Each client's position in the ids sorted as strings (the ranking's tie-break)."""
    names = index.to_numpy().astype(str)
    order = np.empty(len(names), dtype=np.int64)
    order[np.argsort(names, kind="stable")] = np.arange(len(names))
    return order


def _score(pct: pd.DataFrame, w: pd.Series, name_order: np.ndarray) -> pd.DataFrame:
    return _ranked(pct, w, name_order)[0]


def _ranked(pct: pd.DataFrame, w: pd.Series, name_order: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The scores by rank, and each ranked client's row in ``pct``."""
    parts = pct[w.index].mul(w * 100, axis=1)
    out = parts.copy()
    out["score"] = parts.sum(axis=1)
    order = np.lexsort((name_order, -out["score"].to_numpy()))
    out = out.iloc[order]
    out["rank"] = np.arange(1, len(out) + 1)
    return out, order


def top_overlap(a: pd.Index, b: pd.Index) -> float:
    """Share of list ``a`` that is also in list ``b`` (1 = the same clients)."""
    # One hash lookup per id (sets or isin iterate arrow-backed strings one by one in Python: slow).
    return int((pd.Index(b).unique().get_indexer(pd.Index(a).unique()) >= 0).sum()) / len(a) if len(a) else 1.0


def rank_stability(indicators: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS, n: int = 100,
                   spread: float = 0.3, draws: int = 200, seed: int = 0) -> pd.DataFrame:
    """How often each top-``n`` client stays in the top ``n`` when the weights move.

    Each draw multiplies every weight by an independent factor ``exp(N(0, spread))``
    and re-ranks everyone.

    Returns
    -------
    pd.DataFrame
        The base top ``n`` (index ``client_id``, by rank): ``rank``, ``stay_share``
        (share of draws in which the client is still in the top ``n``) and ``worst_rank``.
    """
    if n < 1 or draws < 1 or spread < 0:
        raise DataError("名单长度与抽样次数须至少为 1，扰动幅度不能为负。",
                        "The list length and the number of draws must be at least 1; the spread cannot be negative.")
    return ClientScorer(indicators).stability(weights, n, spread, draws, seed)


def _ranks_above(scores: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """For each draw (column), 1 + the number of clients scoring strictly above each client of ``pos``.

    Only clients above the lowest of ``pos`` can count, so each draw sorts those alone
    instead of everyone, and looks the list's scores up in sorted order (same counts as
    searching the whole sorted column).
    """
    return _ranks_above_by_draw(np.ascontiguousarray(scores.T), pos).T


def _ranks_above_by_draw(by_draw: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """:func:`_ranks_above` of the scores laid out draws × clients; returns draws × ``pos``."""
    ranks = np.empty((by_draw.shape[0], len(pos)), dtype=np.int64)
    if not len(pos):
        return ranks
    mine_by_draw = by_draw[:, pos]
    orders = np.argsort(mine_by_draw, axis=1)  # ties in any order: equal scores get equal counts
    sorted_mine = np.take_along_axis(mine_by_draw, orders, axis=1)
    for d in range(by_draw.shape[0]):
        col, mine = by_draw[d], sorted_mine[d]
        above = np.sort(col[col > mine[0]])
        ranks[d, orders[d]] = len(above) + 1 - np.searchsorted(above, mine, side="right")
    return ranks


@shared
def _draw_scores(indicators: pd.DataFrame, weights: tuple, spread: float, draws: int, seed: int) -> np.ndarray:
    """Every client's score under ``draws`` random weightings around ``weights`` (draws × clients).

    ``weights``: the normalised ``(indicator, weight)`` pairs. The same for every visitor of
    the case's own data, so an app's kernels share one (:mod:`crm.core.shared_results`).
    """
    w = pd.Series(dict(weights), dtype=float)
    pct = pd.DataFrame({c: indicators[c].rank(pct=True) for c in w.index}, index=indicators.index)
    rng = np.random.default_rng(seed)
    factors = np.exp(rng.normal(0.0, spread, (draws, len(w))))
    # Laid out draws × clients, as each draw is ranked on its own: the same products
    # and sums as pct @ (w * factors.T), transposed (tests/cases/futures/test_scoring.py).
    pct_by_client = np.ascontiguousarray(pct.to_numpy().T)
    return (w.to_numpy()[:, None] * factors.T).T @ pct_by_client


class ClientScorer:
    """Scores and rank stability of one indicator table for many weightings.

    The percentile ranks and the tie-break order do not depend on the weights, so they
    are computed once; :meth:`score` and :meth:`stability` equal :func:`score_clients`
    and :func:`rank_stability` (tests/cases/futures/test_scoring.py checks it). The draws of the
    last :meth:`stability` call are kept, so a move of ``n`` alone re-uses them.
    """

    def __init__(self, indicators: pd.DataFrame) -> None:
        self.indicators = indicators
        self._ranks: dict[str, pd.Series] = {}
        self._names = _name_order(indicators.index)
        self._draws: tuple | None = None
        #: Rows (in ``indicators``) of the clients of the last :meth:`score`, by rank.
        self.positions = np.arange(0)
        self._scored: pd.DataFrame | None = None

    def pct(self, columns: pd.Index) -> pd.DataFrame:
        """The percentile ranks (0–1, ties averaged) of ``columns``, each column ranked once."""
        for c in columns:
            if c not in self._ranks:
                self._ranks[c] = self.indicators[c].rank(pct=True)
        return pd.DataFrame({c: self._ranks[c] for c in columns}, index=self.indicators.index)

    def score(self, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
        """:func:`score_clients` with the ranks computed once."""
        w = _weights(weights, self.indicators.columns)
        scores, self.positions = _ranked(self.pct(w.index), w, self._names)
        self._scored = scores
        return scores

    def stability(self, weights: Mapping[str, float] = DEFAULT_WEIGHTS, n: int = 100, spread: float = 0.3,
                  draws: int = 200, seed: int = 0, base: pd.DataFrame | None = None) -> pd.DataFrame:
        """:func:`rank_stability`; ``base`` is ``self.score(weights)`` if the caller has it already."""
        if n < 1 or draws < 1 or spread < 0:
            raise DataError("名单长度与抽样次数须至少为 1，扰动幅度不能为负。",
                            "The list length and the number of draws must be at least 1; the spread cannot be negative.")
        w = _weights(weights, self.indicators.columns)
        full = self.score(weights) if base is None else base
        base = full.head(n)
        # The last score's positions if ``base`` is that table (no look-up of the ids).
        pos = self.positions[:n] if full is self._scored else self.indicators.index.get_indexer(base.index)
        key = (tuple(w.items()), spread, draws, seed)
        if self._draws is None or self._draws[0] != key:
            self._draws = (key, _draw_scores(self.indicators, key[0], spread, draws, seed))
        n = min(n, len(self.indicators))
        ranks = _ranks_above_by_draw(self._draws[1], pos).T
        return pd.DataFrame({"rank": base["rank"].to_numpy(), "stay_share": (ranks <= n).mean(axis=1),
                             "worst_rank": ranks.max(axis=1)}, index=base.index)


def core_clients(values: pd.Series, share: float = 0.8) -> pd.Index:
    """The Pareto core: the largest clients who together bring ``share`` of the value.

    Uses :func:`crm.core.segment.pareto_ranking`; a client is core while those ranked above
    him hold less than ``share`` (so the one who crosses the line is core too).
    """
    if not 0.0 < share < 1.0:
        raise DataError(f"核心客户的贡献占比须在 0 与 1 之间，收到 {share:g}。",
                        f"The core clients' share of value must be between 0 and 1; got {share:g}.")
    ranking = pareto_ranking(values)
    k = abc_counts(ranking, (share, 1.0))[0]
    return pd.Index(ranking.customer_id[:k], name="client_id")


def crude_screen(indicators: pd.DataFrame, min_equity: float = 500_000.0) -> pd.Index:
    """A stand-in for the screen the source calls too crude: funds at or above ``min_equity``, nothing else.

    The source does not say what today's criteria are; this funds-only rule (and its
    threshold, ``ASSUMPTIONS["core_flag_equity"]`` of :mod:`crm.cases.futures.case`) is an
    assumption of the data set.
    """
    return pd.Index(indicators.index[indicators["equity"] >= min_equity], name="client_id")


class ScreenComparer:
    """:func:`compare_screens` for one indicator table and many screens.

    The ids' positions and the value column are looked up once; a screen whose ids are
    all in the table is then compared with array look-ups (others go to
    :func:`compare_screens`). Results equal :func:`compare_screens`
    (tests/cases/futures/test_scoring.py checks it).
    """

    def __init__(self, indicators: pd.DataFrame, value: str = "commission") -> None:
        self.indicators, self.value = indicators, value
        self._values = indicators[value].to_numpy(dtype=float)
        self._total = indicators[value].sum()
        self._unique = indicators.index.is_unique
        self._pos: dict[int, tuple[pd.Index, np.ndarray]] = {}

    def positions(self, ids: pd.Index) -> np.ndarray:
        """Positions of ``ids`` in the table (-1 if absent); a screen seen before is looked up once."""
        hit = self._pos.get(id(ids))
        if hit is not None and hit[0] is ids:
            return hit[1]
        pos = self.indicators.index.get_indexer(pd.Index(ids))
        self._pos[id(ids)] = (ids, pos)
        return pos

    def compare(self, screens: Mapping[str, pd.Index], positions: Mapping[str, np.ndarray] | None = None
                ) -> pd.DataFrame:
        """:func:`compare_screens` of ``screens``; ``positions`` gives some screens' positions already."""
        positions = dict(positions or {})
        if not self._unique:
            return compare_screens(self.indicators, screens, self.value)
        pos = {name: positions[name] if name in positions else self.positions(ids) for name, ids in screens.items()}
        if any(len(p) and p.min() < 0 for p in pos.values()):
            return compare_screens(self.indicators, screens, self.value)
        marks = {}
        for name, p in pos.items():
            marks[name] = np.zeros(len(self._values), dtype=bool)
            marks[name][p] = True
        rows, total, count = {}, self._total, len(self.indicators)
        for name, p in pos.items():
            v = self._values[p]
            k = len(p)
            members = np.flatnonzero(marks[name])
            row = {"clients": k, "client_share": k / count,
                   "value_share": float(v.sum() / total) if total else 0.0,
                   "mean_value": float(v.mean()) if k else 0.0}
            row.update({f"overlap_{other}": int(marks[other][members].sum()) / k if k else 1.0 for other in screens})
            rows[name] = row
        return pd.DataFrame.from_dict(rows, orient="index")


def compare_screens(indicators: pd.DataFrame, screens: Mapping[str, pd.Index],
                    value: str = "commission") -> pd.DataFrame:
    """Each screen's size, the share of ``value`` its clients bring, and its overlap with the others.

    Returns
    -------
    pd.DataFrame
        Index = screen names: ``clients``, ``client_share``, ``value_share``, ``mean_value``,
        and ``overlap_<name>`` for every screen (share of this screen's clients also in that one).
    """
    total = indicators[value].sum()
    # Every screen's ids as integer codes, hashed once (overlaps are then array look-ups).
    ids = [pd.Index(v) for v in screens.values()]
    every_id = pd.Index(np.concatenate([v.to_numpy(dtype=object) for v in ids])) if ids else pd.Index([])
    codes = pd.factorize(every_id, use_na_sentinel=False)[0]
    bounds = np.cumsum([0] + [len(v) for v in ids])
    members = {name: np.unique(codes[bounds[i]:bounds[i + 1]]) for i, name in enumerate(screens)}
    marks = {name: np.zeros(int(bounds[-1]), dtype=bool) for name in screens}
    for name, m in members.items():
        marks[name][m] = True
    rows = {}
    for (name, i), v in zip(screens.items(), (indicators[value].reindex(x).fillna(0.0) for x in ids)):
        row = {"clients": len(i), "client_share": len(i) / len(indicators),
               "value_share": float(v.sum() / total) if total else 0.0,
               "mean_value": float(v.mean()) if len(i) else 0.0}
        row.update({f"overlap_{other}": int(marks[other][members[name]].sum()) / len(i) if len(i) else 1.0
                    for other in screens})
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index")
