"""BG/NBD: who is still a customer, and how many purchases to expect (Fader, Hardie & Lee 2005).

While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each
purchase he drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood (the
closed-form likelihood of the paper's equation 6, with its gradient) on an RFM summary in the
lifetimes / pymc-marketing convention (:func:`crm.core.rfm.rfm_summary`): ``frequency`` = x,
the repeat purchases; ``recency`` = t_x, the age at the last purchase; ``T`` the age. Times are
in the summary's unit (days from ``rfm_summary``; weeks in the paper), and so are ``alpha`` and
every horizon.

References
----------
Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "'Counting Your Customers' the Easy Way:
An Alternative to the Pareto/NBD Model", Marketing Science 24 (2), 275-284: the likelihood
(eq. 6), E[X(t)] (eq. 9), E[Y(t) | x, t_x, T] (eq. 10); Fader, Hardie & Lee (2008), "Computing
P(alive) using the BG/NBD model" (brucehardie.com/notes/021). The same formulas as lifetimes'
``BetaGeoFitter`` and pymc-marketing's ``BetaGeoModel``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln, hyp2f1

from crm.core.btyd.summary import Patterns, patterns, summary_arrays
from crm.core.schemas import DataError

#: Below this many repeat buyers the dropout process (a, b) is not pinned down (assumption).
MIN_REPEAT_BUYERS = 10
_WARM_START_PATTERNS = 5_000  # beyond 4× this many distinct histories, a subset finds the starting point


def _neg_ll_and_grad(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, w: np.ndarray,
                     repeat: np.ndarray, ux: np.ndarray, xi: np.ndarray) -> tuple[float, np.ndarray]:
    """Minus the mean log-likelihood over customers, and its gradient in the log-parameters.

    ``ux`` are the distinct frequencies and ``xi`` each row's index into them: the Gamma
    functions of r + x, b + x, a + b + x are computed once per frequency, not per row.
    """
    r, alpha, a, b = np.exp(theta)
    bx = (b + np.maximum(ux, 1) - 1)[xi]
    rx = r + x
    inv_T, inv_tx = 1 / (alpha + T), 1 / (alpha + t_x)
    log_T, log_tx = np.log(alpha + T), np.log(alpha + t_x)
    a3 = -rx * log_T
    a4 = np.log(a) - np.log(bx) - rx * log_tx
    # log(e^a3 + e^a4) and the two terms' shares of it, with the gap kept within ±600: beyond that
    # e^-gap is a subnormal float, and subnormal arithmetic is ~100× slower
    gap = np.clip(np.where(repeat, a4 - a3, -600.0), -600.0, 600.0)
    small = np.exp(-np.abs(gap))
    tail = a3 + np.maximum(gap, 0.0) + np.log1p(np.where(repeat, small, 0.0))
    w4 = np.where(repeat, np.where(gap >= 0, 1.0, small) / (1 + small), 0.0)
    w3 = 1 - w4
    lg = (gammaln(r + ux) + gammaln(b + ux) - gammaln(a + b + ux))[xi]
    dg_r, dg_b, dg_ab = digamma(r + ux)[xi], digamma(b + ux)[xi], digamma(a + b + ux)[xi]
    ll = lg - gammaln(r) + r * np.log(alpha) + gammaln(a + b) - gammaln(b) + tail
    d_r = dg_r - digamma(r) + np.log(alpha) - w3 * log_T - w4 * log_tx
    d_alpha = r / alpha - rx * (w3 * inv_T + w4 * inv_tx)
    d_a = digamma(a + b) - dg_ab + w4 / a
    d_b = digamma(a + b) + dg_b - digamma(b) - dg_ab - w4 / bx
    # weighted sums as multiply-and-add, not ``w @ d``: BLAS's threads would contend with the
    # kernel's own on a busy 2-core machine (measured: the four dot products took half the time)
    total = w.sum()
    grad = np.array([(w * d_r).sum() * r, (w * d_alpha).sum() * alpha, (w * d_a).sum() * a,
                     (w * d_b).sum() * b]) / total
    return -float((w * ll).sum()) / total, -grad


def _hyp2f1(a: np.ndarray, b: np.ndarray, c: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Gauss's 2F1, through Euler's transformation where the series overflows (FHL note 027)."""
    out = hyp2f1(a, b, c, z)
    bad = ~np.isfinite(out)
    if bad.any():
        a_, b_, c_, z_ = (np.broadcast_to(v, out.shape)[bad] for v in (a, b, c, z))
        out[bad] = hyp2f1(c_ - a_, c_ - b_, c_, z_) * (1 - z_) ** (c_ - a_ - b_)
    return out


@dataclass(frozen=True)
class BgNbd:
    """A fitted BG/NBD model: the four parameters and how the fit went.

    Attributes
    ----------
    r, alpha : float
        Shape and scale of the Gamma spread of purchase rates (``alpha`` in the summary's time unit).
    a, b : float
        The Beta spread of the dropout probability after a purchase.
    log_likelihood : float
        The maximised log-likelihood (summed over customers).
    customers, repeat_buyers : int
        The customers the model was fitted on, and how many of them bought again.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    customers: int
    repeat_buyers: int

    @property
    def params(self) -> pd.Series:
        """``r``, ``alpha``, ``a``, ``b`` as a Series (lifetimes' ``params_``)."""
        return pd.Series({"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b})

    def p_alive_arrays(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        """P(alive | x, t_x, T) on arrays: 1 for a customer who never bought again (the model's assumption)."""
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        log_odds = np.log(self.a / (self.b + np.maximum(x, 1) - 1)) + (self.r + x) * np.log(
            (self.alpha + T) / (self.alpha + t_x))
        return np.where(x > 0, 1 / (1 + np.exp(log_odds)), 1.0)

    def expected_purchases_arrays(self, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: the expected purchases in the next ``t`` (eq. 10) on arrays."""
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        if t <= 0:
            return np.zeros(np.broadcast(x, t_x, T).shape)
        z = t / (alpha + T + t)
        hyp = _hyp2f1(r + x, b + x, a + b + x - 1, z)
        grow = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp
        odds = np.where(x > 0, a / (b + np.maximum(x, 1) - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x), 0.0)
        return (a + b + x - 1) / (a - 1) * grow / (1 + odds)

    def p_alive(self, summary: pd.DataFrame) -> pd.Series:
        """Each customer's probability of being still alive at the end of the period.

        Parameters
        ----------
        summary : pd.DataFrame
            ``frequency``, ``recency``, ``T`` per customer (:func:`crm.core.rfm.rfm_summary`).

        Returns
        -------
        pd.Series
            ``p_alive`` by the summary's index.
        """
        v = summary_arrays(summary)
        return pd.Series(self.p_alive_arrays(v["frequency"], v["recency"], v["T"]), index=summary.index,
                         name="p_alive")

    def expected_purchases(self, summary: pd.DataFrame, t: float) -> pd.Series:
        """Each customer's expected purchases in the next ``t`` time units, given his history.

        Computed once per distinct history (customers who share one share the forecast).
        """
        v = summary_arrays(summary)
        p = patterns(v["frequency"], v["recency"], v["T"])
        e = self.expected_purchases_arrays(t, p.x, p.t_x, p.T)[p.inverse]
        return pd.Series(e, index=summary.index, name="expected_purchases")

    def expected_purchases_new(self, t: np.ndarray | float) -> np.ndarray:
        """E[X(t)]: the expected repeat purchases of a new customer in his first ``t`` (eq. 9)."""
        t = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        hyp = _hyp2f1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp)


def fit_bgnbd(summary: pd.DataFrame) -> BgNbd:
    """Fit the BG/NBD model by maximum likelihood.

    Parameters
    ----------
    summary : pd.DataFrame
        One row per customer: ``frequency`` (repeat purchase periods), ``recency`` (age at the
        last purchase) and ``T`` (age), as :func:`crm.core.rfm.rfm_summary` gives them.

    Returns
    -------
    BgNbd

    Raises
    ------
    DataError
        The table is not an RFM summary, fewer than :data:`MIN_REPEAT_BUYERS` customers bought
        again, or the likelihood has no finite maximum on the data (e.g. no customer bought
        again after a long silence, so nothing says how fast they drop out).

    Examples
    --------
    On Fader, Hardie & Lee's CDNOW sample (weeks) this gives r = 0.243, alpha = 4.414,
    a = 0.793, b = 2.426, their published estimates (tests/core/btyd/test_cdnow.py).
    """
    v = summary_arrays(summary)
    p = patterns(v["frequency"], v["recency"], v["T"])
    n_repeat = int((v["frequency"] > 0).sum())
    if n_repeat < MIN_REPEAT_BUYERS:
        raise DataError(f"只有 {n_repeat} 位客户有重复购买，至少需要 {MIN_REPEAT_BUYERS} 位才能估计 BG/NBD 模型。",
                        f"Only {n_repeat} customers bought again; the BG/NBD model needs at least "
                        f"{MIN_REPEAT_BUYERS} to be estimated.", column="frequency")
    if p.T.max() <= 0:
        raise DataError("所有客户的客龄 T 都是 0：观察期太短。", "Every customer's age T is 0: the period is too short.",
                        column="T")
    return _fit_patterns(p, len(v["frequency"]), n_repeat)


def _fit_patterns(p: Patterns, customers: int, repeat_buyers: int) -> BgNbd:
    # Time is rescaled so that the oldest customer is 10 units old (as lifetimes does): alpha
    # then sits near 1 whatever the unit, and the optimiser's steps mean the same everywhere.
    from scipy.optimize import minimize  # here, not at the top: predicting needs no optimiser (0.3 s of import)

    scale = 10 / p.T.max()
    ux, xi = np.unique(p.x, return_inverse=True)
    args = (p.x, p.t_x * scale, p.T * scale, p.weight, p.x > 0, ux, xi.reshape(-1))
    starts = [np.zeros(4), np.log([0.5, 1.0, 1.0, 3.0])]
    if len(p.x) > 4 * _WARM_START_PATTERNS:
        # Many distinct histories: most of the optimiser's steps are taken on every 1 in k of them
        # (a fixed, deterministic subset), and the full data only polishes the answer (3× fewer passes).
        sub = slice(None, None, len(p.x) // _WARM_START_PATTERNS)
        warm = minimize(_neg_ll_and_grad, starts[0], jac=True, method="L-BFGS-B", bounds=[(-20.0, 20.0)] * 4,
                        args=tuple(a[sub] for a in args[:5]) + (ux, np.searchsorted(ux, p.x[sub])),
                        options={"maxiter": 500})
        if warm.success and np.all(np.abs(warm.x) < 15):
            starts.insert(0, warm.x)
    best = None
    for start in starts:
        res = minimize(_neg_ll_and_grad, start, args=args, jac=True, method="L-BFGS-B",
                       bounds=[(-20.0, 20.0)] * 4, options={"maxiter": 500, "ftol": 1e-13, "gtol": 1e-9})
        if best is None or res.fun < best.fun:
            best = res
        if res.success and np.all(np.abs(res.x) < 15):
            break
    r, alpha, a, b = np.exp(best.x)
    if not np.isfinite(best.fun) or np.any(np.abs(best.x) >= 15):
        raise DataError("数据不足以确定 BG/NBD 模型：似然在参数趋于 0 或无穷时才最大（例如没有客户在长时间沉默后再购买）。",
                        "The data cannot pin the BG/NBD model down: the likelihood keeps growing as a parameter "
                        "goes to 0 or infinity (e.g. no customer ever bought again after a long silence).")
    return BgNbd(r=float(r), alpha=float(alpha / scale), a=float(a), b=float(b),
                 log_likelihood=float(-best.fun * p.weight.sum() + _unit_shift(p, scale)),
                 customers=customers, repeat_buyers=repeat_buyers)


def _unit_shift(p: Patterns, scale: float) -> float:
    """Change of the log-likelihood from the rescaled times back to the summary's unit.

    The likelihood is a density in the purchase times: rescaling time by ``scale`` multiplies
    it by ``scale`` per purchase, so the log-likelihood in the original unit is the rescaled one
    plus x·log(scale) per customer.
    """
    return float(p.weight @ p.x) * np.log(scale)
