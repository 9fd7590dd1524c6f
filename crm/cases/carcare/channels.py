"""Channel mix: response curves with diminishing returns, a budget's results, the best mix.

Each channel's monthly reach, leads and customers are fitted as power curves of its
spend, ``y = y_ref * (spend / ref_spend) ** elasticity``, by least squares on logs
(an elasticity below 1 means each extra yuan buys less than the one before). A mix
of monthly spends then gives reach, leads, customers and cost per customer, and
:func:`best_mix` finds the split of a budget that wins most customers: at the
optimum every funded channel wins the same number of customers with its last yuan.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

METRICS = ("reach", "leads", "customers")


def fit_response_curves(spend: pd.DataFrame, metrics: tuple[str, ...] = METRICS) -> pd.DataFrame:
    """Fit ``metric = at_ref * (spend / ref_spend) ** elasticity`` per channel and metric.

    Parameters
    ----------
    spend : DataFrame
        One row per channel and month: ``channel``, ``spend`` and the ``metrics`` columns.
    metrics : tuple of str
        The outcome columns to fit.

    Returns
    -------
    DataFrame
        Indexed by ``channel``; columns ``ref_spend`` (the channel's median monthly
        spend, where the fit is anchored), ``max_spend`` (the most it ever spent) and,
        per metric, ``<metric>_at_ref``, ``<metric>_elasticity`` and ``<metric>_r2``.
        Months with a zero outcome are left out of the log fit.

    Examples
    --------
    >>> df = pd.DataFrame({"channel": ["tv"] * 3, "spend": [100.0, 400.0, 1600.0],
    ...                    "customers": [10, 20, 40]})
    >>> fit_response_curves(df, ("customers",)).loc["tv", "customers_elasticity"]
    0.5
    """
    missing = [c for c in ("channel", "spend", *metrics) if c not in spend.columns]
    if missing:
        raise DataError(f"渠道数据缺少列：{'、'.join(missing)}。", f"The channel table lacks columns: {', '.join(missing)}.")
    rows = {}
    for channel, g in spend.groupby("channel", sort=False):
        g = g[g["spend"] > 0]
        if g["spend"].nunique() < 2:
            raise DataError(f"渠道“{channel}”的投放额少于两个不同的值，无法拟合响应曲线。",
                            f"Channel '{channel}' has fewer than two different spends: no curve can be fitted.")
        ref = float(g["spend"].median())
        row = {"ref_spend": ref, "max_spend": float(g["spend"].max())}
        for m in metrics:
            ok = g[m] > 0
            x, y = np.log(g.loc[ok, "spend"].to_numpy(float) / ref), np.log(g.loc[ok, m].to_numpy(float))
            if len(x) < 2 or np.ptp(x) == 0:
                raise DataError(f"渠道“{channel}”的“{m}”有效月份太少，无法拟合。",
                                f"Channel '{channel}' has too few months with {m} > 0 to fit a curve.")
            slope, intercept = np.polyfit(x, y, 1)
            resid = y - (intercept + slope * x)
            total = float(((y - y.mean()) ** 2).sum())
            row |= {f"{m}_at_ref": float(np.exp(intercept)), f"{m}_elasticity": float(slope),
                    f"{m}_r2": 1 - float((resid ** 2).sum()) / total if total > 0 else 1.0}
        rows[channel] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "channel"
    return out


def _curve(curves: pd.DataFrame, metric: str, spend: np.ndarray) -> np.ndarray:
    ref, at_ref, b = curves[["ref_spend", f"{metric}_at_ref", f"{metric}_elasticity"]].to_numpy(float).T
    return at_ref * (np.maximum(spend, 0.0) / ref) ** b


def _spend_vector(curves: pd.DataFrame, mix: Mapping[str, float]) -> np.ndarray:
    unknown = sorted(set(mix) - set(curves.index))
    if unknown:
        raise DataError(f"未知的渠道：{'、'.join(unknown)}。", f"Unknown channels: {', '.join(unknown)}.")
    x = np.array([float(mix.get(c, 0.0)) for c in curves.index])
    if (x < 0).any() or not np.isfinite(x).all():
        raise DataError("投放额不能为负数。", "Spend cannot be negative.")
    return x


def mix_results(curves: pd.DataFrame, mix: Mapping[str, float]) -> pd.DataFrame:
    """Reach, leads, customers and cost per customer of a monthly spend per channel.

    Parameters
    ----------
    curves : DataFrame
        From :func:`fit_response_curves`.
    mix : mapping
        Channel → monthly spend (yuan); channels left out spend nothing.

    Returns
    -------
    DataFrame
        One row per channel plus a ``total`` row: ``spend``, ``reach``, ``leads``,
        ``customers`` and ``cost_per_customer`` (NaN where no customer is won).
    """
    x = _spend_vector(curves, mix)
    # Plain arrays, one DataFrame at the end: a view calls this on every slider move.
    columns = {"spend": x}
    for m in METRICS:
        if f"{m}_at_ref" in curves.columns:
            columns[m] = np.where(x > 0, _curve(curves, m, x), 0.0)
    columns = {k: np.append(v, v.sum()) for k, v in columns.items()}
    won = columns["customers"]
    columns["cost_per_customer"] = np.divide(columns["spend"], won, out=np.full(len(won), np.nan), where=won > 0)
    return pd.DataFrame(columns, index=pd.Index([*curves.index, "total"], name=curves.index.name))


def best_mix(curves: pd.DataFrame, budget: float, metric: str = "customers",
             max_spend: Mapping[str, float] | None = None) -> dict[str, float]:
    """The split of a monthly ``budget`` across channels that maximises ``metric``.

    With concave curves (elasticity between 0 and 1) the optimum spends on each
    channel until its marginal return equals a common value λ; λ is found by bisection
    so that the spends add up to the budget. ``max_spend`` caps a channel (e.g. at what
    the data has seen, since a curve says nothing beyond it); if the caps add up to less
    than the budget, every channel gets its cap.

    Returns
    -------
    dict
        Channel → spend (yuan), adding up to ``budget`` (or to the caps).

    Examples
    --------
    >>> c = pd.DataFrame({"ref_spend": [1.0, 1.0], "customers_at_ref": [1.0, 1.0],
    ...                   "customers_elasticity": [0.5, 0.5]}, index=["a", "b"])
    >>> {k: round(v, 6) for k, v in best_mix(c, 10.0).items()}
    {'a': 5.0, 'b': 5.0}
    """
    if not np.isfinite(budget) or budget < 0:
        raise DataError("预算必须是非负数。", "The budget must be a non-negative number.")
    b = curves[f"{metric}_elasticity"].to_numpy(float)
    if ((b <= 0) | (b >= 1)).any():
        bad = ", ".join(curves.index[(b <= 0) | (b >= 1)])
        raise DataError(f"这些渠道的弹性不在 0 与 1 之间（没有边际递减），无法求最优组合：{bad}。",
                        f"These channels' elasticities are not between 0 and 1 (no diminishing returns), "
                        f"so there is no best mix: {bad}.")
    k = curves[f"{metric}_at_ref"].to_numpy(float) / curves["ref_spend"].to_numpy(float) ** b
    cap = np.array([float((max_spend or {}).get(c, np.inf)) for c in curves.index])
    if budget == 0:
        return dict.fromkeys(curves.index, 0.0)
    if cap.sum() <= budget:
        return dict(zip(curves.index, cap.tolist()))

    def spends(log_lam: float) -> np.ndarray:  # marginal k b x^(b-1) = λ  ⇔  x = (k b / λ)^(1/(1-b))
        return np.minimum(np.exp((np.log(k * b) - log_lam) / (1 - b)), cap)

    lo, hi = -60.0, 60.0  # log λ: spends fall as λ rises
    while hi - lo > 1e-9:  # about 40 halvings
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if spends(mid).sum() > budget else (lo, mid)
    x = spends(hi)
    x *= budget / x.sum() if x.sum() > 0 else 0.0
    return dict(zip(curves.index, np.minimum(x, cap).tolist()))
