"""A transparent credit scorecard: points per attribute, automatic score plus manual adjustment.

The bank papers (seeds/002) describe the process this module follows: "客户经理在录入资料的
同时还要进行两部分的工作,那就是自动评估和手工的调整,这样就可以形成最后的资信评估评分值"
(automatic score + manual adjustment = final score), and the score decides "是否予以授信以及
授信的额度和利率" (whether to lend, how much, at what rate). Cut-offs map the final score to
decline / warn (refer) / approve with a lower limit / approve.

A scorecard is a plain table a student can read and edit: one row per attribute and bin,
with the points that bin earns. :func:`fit_scorecard` proposes points from the data by the
weight of evidence (WOE) of each bin, scaled the usual way (points to double the odds,
``pdo``); :func:`evaluate` judges any scorecard against the ground truth (ROC, AUC, KS,
approval and bad rates). :func:`early_warnings` flags existing borrowers by simple signals.

Real data is messy, so nothing is guessed silently: a missing attribute value is a bin of its
own (:data:`MISSING_BIN`, with its own WOE and points) when the fitting data has missing
values, and a clear error naming the column and rows when it meets a scorecard without that
bin; outcomes are read explicitly (:func:`outcome_flags`), unknown ones left out of every
rate; :func:`ks_statistic` measures the gap both ways and says which way the score points.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

DECISIONS = ("decline", "warn", "approve_lower_limit", "approve")
#: Default cut-offs on the final score: below 560 decline, below 590 warn (manual review),
#: below 620 approve with a lower limit, else approve (modelling assumptions, movable).
DEFAULT_CUTOFFS: tuple[float, float, float] = (560.0, 590.0, 620.0)

#: Default bins: numeric attributes by their edges (left-closed), categorical by their levels.
DEFAULT_BINS: dict[str, Sequence] = {
    "age": (18, 25, 30, 40, 50, 60),
    "monthly_income": (0, 2500, 4000, 6000, 10000),
    "years_with_bank": (0, 2, 5, 10),
    "delinquencies_2y": (0, 1, 2, 3),
    "debt_to_income": (0, 0.2, 0.35, 0.5, 0.7),
    "occupation": ("civil_servant", "state_enterprise", "professional", "private_enterprise", "worker",
                   "self_employed", "farmer", "retired", "student"),
    "education": ("junior_high", "high_school", "college", "bachelor", "postgraduate"),
    "housing": ("own", "mortgage", "rent", "family"),
}

#: Early-warning signals on existing borrowers: column, comparison, threshold.
DEFAULT_SIGNALS: dict[str, tuple[str, str, float]] = {
    "past_due_30": ("days_past_due", ">=", 30),
    "high_utilisation": ("utilisation", ">=", 0.9),
    "missed_payments": ("missed_payments_12m", ">=", 2),
    "salary_drop": ("salary_inflow_change", "<=", -0.3),
    "many_inquiries": ("credit_inquiries_3m", ">=", 3),
}


#: How outcome values are read (case and surrounding spaces ignored); anything else is an error.
BAD_OUTCOMES = frozenset({"1", "1.0", "true", "t", "yes", "y", "bad", "default", "defaulted", "违约", "是", "坏"})
GOOD_OUTCOMES = frozenset({"0", "0.0", "false", "f", "no", "n", "good", "non-default", "not defaulted",
                           "正常", "未违约", "否", "好"})
#: Bin label of a numeric or categorical attribute's missing values (its own bin, see :func:`bin_index`).
MISSING_BIN = "missing"


def outcome_flags(defaulted: pd.Series | np.ndarray | Sequence, name: str = "defaulted") -> tuple[np.ndarray, np.ndarray]:
    """Read an outcome column explicitly: which applications defaulted, and which outcomes are known.

    Booleans are taken as they are; numbers must be 0 (good) or 1 (bad); text is read
    case-insensitively: bad is one of :data:`BAD_OUTCOMES` (``1``, ``yes``, ``true``,
    ``bad``, ``违约`` ..), good one of :data:`GOOD_OUTCOMES` (``0``, ``no``, ``false``,
    ``good``, ``正常`` ..). A missing outcome (empty, NaN, None) is *unknown*: it is not a
    default, and every rate leaves it out.

    Returns
    -------
    (ndarray of bool, ndarray of bool)
        ``bad`` (False where unknown) and ``known``, one per application.

    Raises
    ------
    DataError
        For any other value, naming the column, the values and their first rows.
    """
    values = defaulted if isinstance(defaulted, pd.Series) else pd.Series(np.asarray(defaulted))
    if values.dtype == bool:
        b = values.to_numpy(dtype=bool)
        return b, np.ones(len(b), dtype=bool)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)  # -1: missing
    meaning = np.array([_outcome_meaning(u) for u in uniques] + [-1], dtype=np.int8)  # 1 bad, 0 good, -1 unknown, -2 ?
    m = meaning[codes]  # codes == -1 picks the trailing -1 (missing)
    bad, good, known = m == 1, m == 0, m >= 0
    unread = m == -2
    if unread.any():
        rows = values.index[unread][:5].tolist()
        odd = list(dict.fromkeys(values.astype(str).to_numpy()[unread]))[:5]
        raise DataError(f"结果列“{name}”有无法识别的值 {odd}（前几行：{rows}）。违约请写 1 / 是 / 违约 / bad，"
                        f"未违约请写 0 / 否 / 正常 / good，未知请留空。",
                        f"The outcome column '{name}' has values that are neither a default nor a non-default: "
                        f"{odd} (first rows {rows}). Write 1 / yes / bad / 违约 for a default, 0 / no / good / 正常 "
                        f"for none, and leave unknown outcomes empty.")
    return bad, known


def _outcome_meaning(value) -> int:
    """1 bad, 0 good, -1 unknown (missing), -2 not an outcome."""
    if isinstance(value, (bool, np.bool_)):
        return int(bool(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return -1 if np.isnan(value) else {0.0: 0, 1.0: 1}.get(float(value), -2)
    text = str(value).strip().lower()
    if text in ("", "nan", "none", "null", "na", "n/a"):
        return -1
    return 1 if text in BAD_OUTCOMES else 0 if text in GOOD_OUTCOMES else -2


def _known_outcomes(scores, defaulted) -> tuple[np.ndarray, np.ndarray]:
    """Scores and bad flags of the applications whose outcome is known (see :func:`outcome_flags`)."""
    s = np.asarray(scores, dtype=float)
    bad, known = outcome_flags(defaulted)
    if len(s) != len(bad):
        raise DataError("分数与结果的个数不一致。", "Scores and outcomes differ in length.")
    return (s, bad) if known.all() else (s[known], bad[known])


def _numeric_label(edges: Sequence[float], i: int) -> str:
    lo = edges[i]
    return f"{lo:g}+" if i == len(edges) - 1 else f"{lo:g}–{edges[i + 1]:g}"


def _missing(values: pd.Series) -> np.ndarray:
    """Missing values: NaN / None, and for text also empty or blank strings."""
    missing = values.isna().to_numpy().copy()
    if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
        missing |= values.astype(str).str.strip().eq("").to_numpy()
    return missing


def bin_index(values: pd.Series, bins: Sequence, missing_bin: bool = False) -> np.ndarray:
    """The bin of each value: numeric by left-closed edges (below the first edge: bin 0), else by level.

    A missing value (NaN, None, empty) never falls into a value's bin: with
    ``missing_bin`` it gets a bin of its own, number ``len(bins)`` (labelled
    :data:`MISSING_BIN`), and without one it is an error.

    Raises
    ------
    DataError
        For a category not in ``bins``, or a missing value when there is no missing bin,
        naming the column and the first rows.
    """
    missing = _missing(values)
    if missing.any() and not missing_bin:
        rows = values.index[missing][:5].tolist()
        raise DataError(f"“{values.name}”列有 {int(missing.sum())} 个缺失值（前几行：{rows}），评分卡没有“缺失”分箱："
                        f"请补全这些值，或用含缺失值的数据拟合评分卡（缺失值会成为单独一箱）。",
                        f"Column '{values.name}' has {int(missing.sum())} missing values (first rows {rows}) and the "
                        f"scorecard has no 'missing' bin: fill them in, or fit the scorecard on data with missing "
                        f"values (they then get a bin of their own).")
    if len(bins) and isinstance(bins[0], str):
        lookup = {b: i for i, b in enumerate(bins)}
        codes = values.astype(str).map(lookup)
        unknown = codes.isna().to_numpy() & ~missing
        if unknown.any():
            bad = sorted(set(values.astype(str)[unknown]))[:5]
            raise DataError(f"“{values.name}”列有评分卡中没有的类别：{bad}。",
                            f"Column '{values.name}' has categories the scorecard does not know: {bad}.")
        return np.where(missing, len(bins), codes.fillna(-1).to_numpy(dtype=float)).astype(np.int64)
    edges = np.asarray(bins, dtype=float)
    v = pd.to_numeric(values.where(~missing), errors="coerce").to_numpy(dtype=float)
    unreadable = np.isnan(v) & ~missing
    if unreadable.any():  # text in a numeric column would otherwise sort past the last edge, like NaN
        rows = values.index[unreadable][:5].tolist()
        odd = list(dict.fromkeys(values.astype(str).to_numpy()[unreadable]))[:5]
        raise DataError(f"“{values.name}”列应为数字，但有 {int(unreadable.sum())} 个值不是数字：{odd}（前几行：{rows}）。",
                        f"Column '{values.name}' should hold numbers, but {int(unreadable.sum())} values are not: "
                        f"{odd} (first rows {rows}).")
    codes = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, len(edges) - 1)
    return np.where(missing, len(edges), codes).astype(np.int64)


def bin_labels(bins: Sequence) -> list[str]:
    """Readable labels of the bins (the levels, or "lo–hi" ranges)."""
    if len(bins) and isinstance(bins[0], str):
        return list(bins)
    return [_numeric_label(bins, i) for i in range(len(bins))]


def fit_scorecard(applications: pd.DataFrame, defaulted: pd.Series, bins: Mapping[str, Sequence] | None = None,
                  base_score: float = 600.0, base_odds: float = 20.0, pdo: float = 20.0) -> pd.DataFrame:
    """Points per attribute and bin from the weight of evidence of each bin.

    ``points = round(factor * WOE)`` with ``factor = pdo / ln 2``, plus an equal share of
    the offset ``base_score - factor * ln(base_odds / overall_odds)`` on every attribute,
    so a client with average evidence everywhere scores about ``base_score`` when the
    portfolio's good:bad odds are ``base_odds``. WOE = ln(share of goods / share of bads)
    in the bin, with half a count added to each cell so empty bins stay finite.

    Parameters
    ----------
    applications : DataFrame
        One row per application with a column per attribute in ``bins``.
    defaulted : Series
        Ground truth, aligned with ``applications`` by position, read by :func:`outcome_flags`
        (bool, 0/1, yes/no, good/bad, 违约/正常 ..). Applications whose outcome is missing are
        left out of the fit; how many is in ``scorecard.attrs["unknown_outcomes"]``.
    bins : mapping, optional
        Attribute → numeric edges or category levels (default :data:`DEFAULT_BINS`).
    base_score, base_odds, pdo : float
        Score scaling: ``base_score`` points at odds ``base_odds``; ``pdo`` points double the odds.

    Returns
    -------
    DataFrame
        ``attribute``, ``bin`` (label), ``order`` (bin number), ``applications``, ``bad_rate``,
        ``woe`` and ``points`` (int), one row per attribute and bin. An attribute with missing
        values gets one more bin, :data:`MISSING_BIN`, with its own WOE and points: a missing
        value is evidence of its own, never the top (or any other) bin of the values.
    """
    bins = dict(DEFAULT_BINS if bins is None else bins)
    if len(defaulted) != len(applications) or len(applications) == 0:
        raise DataError("申请与结果的行数不一致，或没有数据。",
                        "Applications and outcomes differ in length, or there is no data.")
    bad, known = outcome_flags(defaulted)
    unknown = int((~known).sum())
    if unknown:  # an unknown outcome is neither good nor bad: the evidence comes from the known ones
        applications, bad = applications[known], bad[known]
    if bad.all() or not bad.any():
        raise DataError("结果中需要既有违约也有未违约的申请。", "The outcomes need both defaults and non-defaults.")
    factor = pdo / math.log(2)
    n_good, n_bad = (~bad).sum(), bad.sum()
    offset = base_score - factor * math.log(base_odds / (n_good / n_bad))
    rows = []
    for attribute, edges in bins.items():
        if attribute not in applications.columns:
            raise DataError(f"申请表缺少评分卡用到的列“{attribute}”。",
                            f"The applications lack the column '{attribute}' the scorecard uses.")
        values = applications[attribute]
        has_missing = bool(_missing(values).any())
        idx = bin_index(values, edges, missing_bin=has_missing)
        k = len(edges) + has_missing
        goods = np.bincount(idx[~bad], minlength=k) + 0.5
        bads = np.bincount(idx[bad], minlength=k) + 0.5
        woe = np.log((goods / goods.sum()) / (bads / bads.sum()))
        count = np.bincount(idx, minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(count > 0, np.bincount(idx[bad], minlength=k) / np.maximum(count, 1), np.nan)
        for i, label in enumerate(bin_labels(edges) + [MISSING_BIN] * has_missing):
            rows.append({"attribute": attribute, "bin": label, "order": i, "applications": int(count[i]),
                         "bad_rate": float(rate[i]), "woe": float(woe[i]),
                         "points": int(round(factor * woe[i] + offset / len(bins)))})
    card = pd.DataFrame(rows)
    card.attrs["unknown_outcomes"] = unknown  # applications left out for want of an outcome
    return card


@dataclass(frozen=True)
class BinnedApplications:
    """Applications with every attribute's bin precomputed, so rescoring is one sum of lookups."""

    attributes: tuple[str, ...]
    index: np.ndarray  # (applications, attributes) position of each bin in the flat points table
    offsets: np.ndarray  # where each attribute's bins start in the flat points table
    manual: np.ndarray  # manual adjustment per application

    def points_table(self, scorecard: pd.DataFrame) -> np.ndarray:
        """The scorecard's points as one flat array, attribute by attribute, bin by bin."""
        where = {(a, int(o)): i for i, (a, o) in enumerate(zip(scorecard["attribute"], scorecard["order"]))}
        given = scorecard["points"].to_numpy(dtype=float)
        flat = np.zeros(int(self.offsets[-1]))
        for j, attribute in enumerate(self.attributes):
            for k in range(int(self.offsets[j + 1] - self.offsets[j])):
                flat[self.offsets[j] + k] = given[where[(attribute, k)]]
        return flat

    def score(self, scorecard: pd.DataFrame, manual: bool = True) -> np.ndarray:
        """Final score of every application under ``scorecard`` (automatic + manual if ``manual``)."""
        total = self.points_table(scorecard)[self.index].sum(axis=1)
        return total + self.manual if manual else total


def bin_applications(applications: pd.DataFrame, scorecard: pd.DataFrame,
                     bins: Mapping[str, Sequence] | None = None) -> BinnedApplications:
    """Precompute the bin of each attribute the scorecard uses (see :class:`BinnedApplications`)."""
    bins = dict(DEFAULT_BINS if bins is None else bins)
    attributes = tuple(dict.fromkeys(scorecard["attribute"]))
    missing = [a for a in attributes if a not in bins]
    if missing:
        raise DataError(f"评分卡的属性 {missing} 没有分箱定义。", f"No bins are defined for the attributes {missing}.")
    with_missing = set(scorecard.loc[scorecard["bin"] == MISSING_BIN, "attribute"])
    sizes = [len(bins[a]) + (a in with_missing) for a in attributes]
    offsets = np.cumsum([0] + sizes)
    index = np.column_stack([bin_index(applications[a], bins[a], missing_bin=a in with_missing) + offsets[j]
                             for j, a in enumerate(attributes)])
    manual = (applications["manual_adjustment"].to_numpy(dtype=float) if "manual_adjustment" in applications
              else np.zeros(len(applications)))
    return BinnedApplications(attributes, index, offsets, manual)


def score(applications: pd.DataFrame, scorecard: pd.DataFrame,
          bins: Mapping[str, Sequence] | None = None) -> pd.DataFrame:
    """Automatic score, manual adjustment and final score of each application.

    Returns
    -------
    DataFrame
        ``automatic_score``, ``manual_adjustment`` and ``final_score``, indexed like ``applications``.
    """
    binned = bin_applications(applications, scorecard, bins)
    automatic = binned.score(scorecard, manual=False)
    return pd.DataFrame({"automatic_score": automatic, "manual_adjustment": binned.manual,
                         "final_score": automatic + binned.manual}, index=applications.index)


def client_scores(clients: pd.DataFrame, scorecard: pd.DataFrame, year: int,
                  bins: Mapping[str, Sequence] | None = None) -> pd.Series:
    """The automatic credit score of every client on file in ``year`` (no manual adjustment).

    ``years_with_bank`` is ``year - joined_year``; the other attributes are the client's own.

    Returns
    -------
    pd.Series
        Indexed by ``customer_id``, named ``credit_score``.
    """
    if "joined_year" not in clients.columns:
        raise DataError("客户表缺少“joined_year”列。", "The client table lacks the column 'joined_year'.")
    attrs = clients.assign(years_with_bank=(year - clients["joined_year"]).clip(lower=0))
    binned = bin_applications(attrs.drop(columns="manual_adjustment", errors="ignore"), scorecard, bins)
    return pd.Series(binned.score(scorecard, manual=False), index=pd.Index(clients["customer_id"], name="customer_id"),
                     name="credit_score")


def _check_cutoffs(cutoffs: Sequence[float]) -> tuple[float, float, float]:
    if len(cutoffs) != 3 or not (cutoffs[0] <= cutoffs[1] <= cutoffs[2]):
        raise DataError("需要三个递增的分数线：拒绝/预警、预警/降额批准、降额批准/批准。",
                        "Three rising cut-offs are needed: decline/warn, warn/lower limit, lower limit/approve.")
    return float(cutoffs[0]), float(cutoffs[1]), float(cutoffs[2])


def decide(scores: pd.Series | np.ndarray, cutoffs: Sequence[float] = DEFAULT_CUTOFFS) -> np.ndarray:
    """Decision code per score: 0 decline, 1 warn, 2 approve with a lower limit, 3 approve (see :data:`DECISIONS`).

    A score equal to a cut-off takes the higher decision.
    """
    return np.searchsorted(np.asarray(_check_cutoffs(cutoffs)), np.asarray(scores, dtype=float), side="right")


def decision_summary(scores: pd.Series | np.ndarray, defaulted: pd.Series | np.ndarray,
                     cutoffs: Sequence[float] = DEFAULT_CUTOFFS) -> pd.DataFrame:
    """Applications, their share, defaults and bad rate per decision.

    Returns
    -------
    DataFrame
        Index ``decision`` (:data:`DECISIONS`); ``applications``, ``share``, ``bad``, ``bad_rate``
        (bads among the applications whose outcome is known, :func:`outcome_flags`).
    """
    code = decide(scores, cutoffs)
    bad, known = outcome_flags(defaulted)
    n = np.bincount(code, minlength=4)
    b = np.bincount(code[bad], minlength=4)
    n_known = np.bincount(code[known], minlength=4)  # the bad rate counts only known outcomes
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n_known > 0, b / np.maximum(n_known, 1), np.nan)
    return pd.DataFrame({"applications": n, "share": n / max(len(code), 1), "bad": b, "bad_rate": rate},
                        index=pd.Index(DECISIONS, name="decision"))


def roc_curve(scores: pd.Series | np.ndarray, defaulted: pd.Series | np.ndarray) -> pd.DataFrame:
    """ROC of a score where a *low* score means risk: approving everyone from a threshold up.

    Returns
    -------
    DataFrame
        ``threshold`` (declining every application scoring at or below it), ``bad_rate_caught``
        (share of bads declined: true positive rate) and ``good_rate_lost`` (share of goods
        declined: false positive rate), rising from (0, 0) to (1, 1).
    """
    threshold, tpr, fpr = _roc_arrays(scores, defaulted)
    return pd.DataFrame({"threshold": threshold, "bad_rate_caught": tpr, "good_rate_lost": fpr})


def roc_points(scores, defaulted) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC as arrays ``(threshold, bad_rate_caught, good_rate_lost)`` (see :func:`roc_curve`).

    Integer scores in a modest range (a points scorecard's) are counted with ``bincount``
    instead of sorted, which keeps a rescoring view fast.
    """
    s, bad = _known_outcomes(scores, defaulted)  # unknown outcomes are left out
    if bad.all() or not bad.any():
        raise DataError("ROC 需要既有违约也有未违约的申请。", "ROC needs both defaults and non-defaults.")
    lo, hi = (s.min(), s.max()) if len(s) else (0.0, 0.0)
    if np.isfinite(lo) and hi - lo < 100_000 and np.array_equal(s, np.round(s)):
        k = (s - lo).astype(np.int64)
        n_bad = np.bincount(k[bad], minlength=int(hi - lo) + 1)
        n_all = np.bincount(k, minlength=int(hi - lo) + 1)
        present = np.flatnonzero(n_all)
        tp, total = np.cumsum(n_bad)[present], np.cumsum(n_all)[present]
        values = lo + present
    else:
        order = np.argsort(s, kind="stable")  # lowest (riskiest) first: they are declined first
        s_sorted, bad_sorted = s[order], bad[order]
        last = np.r_[np.flatnonzero(np.diff(s_sorted)), len(s_sorted) - 1]  # end of each run of equal scores
        tp, total, values = np.cumsum(bad_sorted)[last], last + 1, s_sorted[last]
    fp = total - tp
    return np.r_[-np.inf, values], np.r_[0.0, tp / bad.sum()], np.r_[0.0, fp / (~bad).sum()]


_roc_arrays = roc_points


def auc(scores: pd.Series | np.ndarray, defaulted: pd.Series | np.ndarray) -> float:
    """Area under the ROC curve: the chance a random bad scores below a random good (ties count half)."""
    _, tpr, fpr = _roc_arrays(scores, defaulted)
    return float(np.trapezoid(tpr, fpr))


class KsResult(NamedTuple):
    """The Kolmogorov–Smirnov gap between the bads' and the goods' score distributions."""

    #: the largest gap between the two cumulative distributions, measured both ways (0 to 1):
    #: the same number as ``scipy.stats.ks_2samp(bad_scores, good_scores).statistic``
    statistic: float
    #: the score where it is reached (the gap is between the shares scoring at or below it)
    score: float
    #: where the bads' scores lie at the largest gap: ``"lower"`` or ``"higher"`` than the goods'
    bads_score: str
    #: whether that is the way the score was said to point (``higher_is``): a score that
    #: points the wrong way still has a KS, but ranks bads as good
    points_as_stated: bool


def _ks_gap(threshold: np.ndarray, tpr: np.ndarray, fpr: np.ndarray) -> tuple[float, float, str]:
    gap = tpr - fpr  # > 0 where more of the bads than of the goods score at or below the threshold
    i = int(np.argmax(np.abs(gap)))
    return float(abs(gap[i])), float(threshold[i]), "lower" if gap[i] >= 0 else "higher"


def ks_statistic(scores: pd.Series | np.ndarray, defaulted: pd.Series | np.ndarray,
                 higher_is: str = "good") -> KsResult:
    """Kolmogorov–Smirnov: the largest gap between the bads' and goods' score distributions, both ways.

    The gap is measured in both directions, so a score where a high value means risk (a
    probability of default, a count of missed payments) has its KS too, and the result
    says which way the bads lie and whether that is the way ``higher_is`` says.

    Parameters
    ----------
    scores, defaulted : array-like
        One score and one outcome (True = bad) per application.
    higher_is : {"good", "bad"}
        What a high score means: ``"good"`` for a scorecard's points (the default),
        ``"bad"`` for a risk score such as a probability of default.

    Returns
    -------
    KsResult
        ``(statistic, score, bads_score, points_as_stated)``; the statistic equals
        ``scipy.stats.ks_2samp``'s two-sided statistic.

    Examples
    --------
    >>> ks_statistic([0.9, 0.8, 0.2, 0.1], [True, True, False, False], higher_is="bad")
    KsResult(statistic=1.0, score=0.2, bads_score='higher', points_as_stated=True)
    """
    if higher_is not in ("good", "bad"):
        raise DataError(f"higher_is 只能是 \"good\"（高分为好）或 \"bad\"（高分为坏），收到 {higher_is!r}。",
                        f'higher_is must be "good" (a high score is good) or "bad" (a high score is risky); '
                        f"got {higher_is!r}.")
    statistic, at, bads = _ks_gap(*_roc_arrays(scores, defaulted))
    return KsResult(statistic, at, bads, bads == ("lower" if higher_is == "good" else "higher"))


def evaluate(scores: pd.Series | np.ndarray, defaulted: pd.Series | np.ndarray,
             cutoffs: Sequence[float] = DEFAULT_CUTOFFS,
             roc: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """AUC, KS (both ways, as :func:`ks_statistic`), approval rate (approve + lower limit) and the bad rate among approvals.

    ``roc`` may pass :func:`roc_points` of the same scores, computed already. Applications
    whose outcome is unknown are left out of every figure (:func:`outcome_flags`).
    """
    s, bad = _known_outcomes(scores, defaulted)  # rates count only the known outcomes
    code = decide(s, cutoffs)
    approved = code >= 2
    threshold, tpr, fpr = roc if roc is not None else roc_points(scores, defaulted)
    ks, ks_score, _ = _ks_gap(threshold, tpr, fpr)  # both ways, as ks_statistic
    return {"auc": float(np.trapezoid(tpr, fpr)), "ks": ks, "ks_score": ks_score, "approval_rate": float(approved.mean()),
            "approved_bad_rate": float(bad[approved].mean()) if approved.any() else float("nan"),
            "declined_bad_rate": float(bad[code == 0].mean()) if (code == 0).any() else float("nan")}


_OPS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less}


def early_warnings(loans: pd.DataFrame, signals: Mapping[str, tuple[str, str, float]] | None = None) -> pd.DataFrame:
    """Flag each borrower by each signal (column, comparison, threshold).

    Returns
    -------
    DataFrame
        ``loan_id``, one bool column per signal, ``signals`` (how many fire) and ``warned``
        (at least one fires).
    """
    signals = dict(DEFAULT_SIGNALS if signals is None else signals)
    out = {"loan_id": loans["loan_id"].to_numpy()}
    for name, (column, op, threshold) in signals.items():
        if column not in loans.columns or op not in _OPS:
            raise DataError(f"预警信号“{name}”无效：列“{column}”或比较符“{op}”不存在。",
                            f"Signal '{name}' is invalid: no column '{column}' or comparison '{op}'.")
        out[name] = _OPS[op](loans[column].to_numpy(dtype=float), threshold)
    flags = pd.DataFrame(out)
    names = list(signals)
    flags["signals"] = flags[names].sum(axis=1).astype(int)
    flags["warned"] = flags["signals"] > 0
    return flags


def warning_performance(flags: pd.DataFrame, defaulted: pd.Series | np.ndarray) -> pd.DataFrame:
    """How well each signal (and "any") foresees default.

    Returns
    -------
    DataFrame
        Index: the signals, then ``any``; ``flagged``, ``precision`` (share of flagged who
        default), ``recall`` (share of defaulters flagged), ``lift`` (precision / base rate).
    """
    bad, known = outcome_flags(defaulted)
    if not known.all():  # unknown outcomes are neither foreseen nor missed
        flags, bad = flags[known], bad[known]
    base = bad.mean()
    names = [c for c in flags.columns if c not in ("loan_id", "signals", "warned")] + ["warned"]
    rows = []
    for name in names:
        f = flags[name].to_numpy(dtype=bool)
        precision = bad[f].mean() if f.any() else float("nan")
        rows.append({"signal": "any" if name == "warned" else name, "flagged": int(f.sum()), "precision": precision,
                     "recall": bad[f].sum() / max(bad.sum(), 1), "lift": precision / base if base > 0 else float("nan")})
    return pd.DataFrame(rows).set_index("signal")
