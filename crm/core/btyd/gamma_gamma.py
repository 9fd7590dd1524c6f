"""Gamma-Gamma: what a customer spends per purchase (Fader, Hardie & Lee 2005, Colombo & Jiang 1999).

Each purchase's spend is Gamma(p, ν) around the customer's own mean; ν varies over customers
as Gamma(q, γ). Fitted by maximum likelihood on the repeat buyers of an RFM summary
(``frequency`` > 0, ``monetary_value`` = the mean spend of the repeat purchases), it gives each
customer's expected spend per purchase: a weighted mean of the population's mean pγ/(q − 1)
and his own observed mean, his own weighing more the more he bought.

References
----------
Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "RFM and CLV: Using Iso-Value Curves for
Customer Base Analysis", Journal of Marketing Research 42 (4), 415-430; Fader & Hardie (2013),
"The Gamma-Gamma Model of Monetary Value" (brucehardie.com/notes/025): the likelihood and
E[M | x, m_x]. On CDNOW: p = 6.25, q = 3.74, γ = 15.44. The same formulas as lifetimes'
``GammaGammaFitter`` and pymc-marketing's ``GammaGammaModel``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln

from crm.core.btyd.summary import _refuse, summary_arrays
from crm.core.schemas import DataError

#: Below this many repeat buyers the spread of spend over customers is not pinned down (assumption).
MIN_SPENDERS = 10


def _neg_ll_and_grad(theta: np.ndarray, x: np.ndarray, m: np.ndarray) -> tuple[float, np.ndarray]:
    """Minus the mean log-likelihood of the repeat buyers' mean spends, and its gradient in log-parameters."""
    p, q, g = np.exp(theta)
    px = p * x
    gxm = g + x * m
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(m) + px * np.log(x)
          - (px + q) * np.log(gxm))
    d_p = x * (digamma(px + q) - digamma(px) + np.log(m) + np.log(x) - np.log(gxm))
    d_q = digamma(px + q) - digamma(q) + np.log(g) - np.log(gxm)
    d_g = q / g - (px + q) / gxm
    n = len(x)
    return -float(ll.sum()) / n, -np.array([d_p.sum() * p, d_q.sum() * q, d_g.sum() * g]) / n


@dataclass(frozen=True)
class GammaGamma:
    """A fitted Gamma-Gamma spend model.

    Attributes
    ----------
    p, q, gamma : float
        Shape of each purchase's spend; shape and scale of its spread over customers.
    log_likelihood : float
        The maximised log-likelihood of the repeat buyers' mean spends.
    customers : int
        The repeat buyers it was fitted on.
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float
    customers: int

    @property
    def params(self) -> pd.Series:
        """``p``, ``q``, ``gamma`` as a Series."""
        return pd.Series({"p": self.p, "q": self.q, "gamma": self.gamma})

    @property
    def population_mean_spend(self) -> float:
        """The mean spend per purchase over customers, pγ / (q − 1) (infinite if q ≤ 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")

    def expected_spend_arrays(self, x: np.ndarray, m: np.ndarray) -> np.ndarray:
        """E[M | x, m_x] on arrays; a customer with no repeat purchase gets the population's mean."""
        x, m = np.asarray(x, dtype=float), np.asarray(m, dtype=float)
        p, q = self.p, self.q
        own = p * x / (p * x + q - 1)
        return np.where(x > 0, (1 - own) * self.population_mean_spend + own * m, self.population_mean_spend)

    def expected_spend(self, summary: pd.DataFrame) -> pd.Series:
        """Each customer's expected spend per future purchase, given his repeat purchases.

        Parameters
        ----------
        summary : pd.DataFrame
            ``frequency`` and ``monetary_value`` per customer (:func:`crm.core.rfm.rfm_summary`).

        Returns
        -------
        pd.Series
            ``expected_spend`` by the summary's index.
        """
        v = summary_arrays(summary, ("frequency", "monetary_value"))
        return pd.Series(self.expected_spend_arrays(v["frequency"], v["monetary_value"]), index=summary.index,
                         name="expected_spend")


def fit_gamma_gamma(summary: pd.DataFrame) -> GammaGamma:
    """Fit the Gamma-Gamma spend model by maximum likelihood on the repeat buyers.

    Parameters
    ----------
    summary : pd.DataFrame
        ``frequency`` and ``monetary_value`` per customer (:func:`crm.core.rfm.rfm_summary`);
        customers without a repeat purchase carry no spend of a repeat purchase and are left out.

    Returns
    -------
    GammaGamma

    Raises
    ------
    DataError
        Not an RFM summary; a repeat buyer whose mean spend is not above 0 (the model is for
        positive spends: refunds and free orders need netting first); fewer than
        :data:`MIN_SPENDERS` repeat buyers; q ≤ 1 at the optimum (no finite mean spend) or no
        finite optimum.
    """
    v = summary_arrays(summary, ("frequency", "monetary_value"))
    x, m = v["frequency"], v["monetary_value"]
    repeat = x > 0
    _refuse(summary, repeat & (m <= 0), "monetary_value", "对有重复购买的客户应大于 0",
            "must be above 0 for repeat buyers")
    n = int(repeat.sum())
    if n < MIN_SPENDERS:
        raise DataError(f"只有 {n} 位客户有重复购买，至少需要 {MIN_SPENDERS} 位才能估计 Gamma-Gamma 模型。",
                        f"Only {n} customers bought again; the Gamma-Gamma model needs at least {MIN_SPENDERS}.",
                        column="frequency")
    x, m = x[repeat], m[repeat]
    from scipy.optimize import minimize  # here, not at the top: predicting needs no optimiser (0.3 s of import)

    scale = 10 / np.median(m)  # spends near 10 whatever the currency, as for time in the BG/NBD fit
    res = minimize(_neg_ll_and_grad, np.zeros(3), args=(x, m * scale), jac=True, method="L-BFGS-B",
                   bounds=[(-20.0, 20.0)] * 3, options={"maxiter": 500, "ftol": 1e-13, "gtol": 1e-9})
    p, q, g = np.exp(res.x)
    if not np.isfinite(res.fun) or np.any(np.abs(res.x) >= 15) or q <= 1:
        raise DataError("数据不足以确定 Gamma-Gamma 模型（客单价的分布没有有限的均值或似然没有有限的最大值）。",
                        "The data cannot pin the Gamma-Gamma model down (the spread of spend has no finite mean, "
                        "or the likelihood has no finite maximum).", column="monetary_value")
    # A density in spend: rescaling spend by `scale` takes log(scale) per customer from to the log-likelihood.
    ll = -res.fun * n + n * np.log(scale)
    return GammaGamma(p=float(p), q=float(q), gamma=float(g / scale), log_likelihood=float(ll), customers=n)
