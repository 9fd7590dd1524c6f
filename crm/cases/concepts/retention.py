"""Retention economics (seeds/001, seeds/002): what the sources' figures say, per 100 customers.

Every input is one of the sources' figures (:data:`crm.cases.concepts.case.FIGURES`): a range (5–10×,
8–10 people, 2–3 people) is an input anywhere between its two ends, a point (15 %, 50 %, 6×, 70 %,
+5 % → ×2) is fixed. Nothing is added to them: where two figures are put together (attempts needed for
a number of sales) the arithmetic is shown, and where the source gives no figure (who stays when a
failure is handled slowly, how profit moves between 0 and +5 % satisfaction) the result says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from crm.cases.concepts.case import _a, FIGURES
from crm.core.schemas import DataError


def figure(name: str) -> float:
    """A point figure of the sources (its low end for a range)."""
    return FIGURES[name][0]


def figure_range(name: str) -> tuple[float, float]:
    """The two ends of a figure as the source gives them."""
    low, high, _, _ = FIGURES[name]
    return low, high


def _in_range(name: str, value: float) -> float:
    low, high = figure_range(name)
    if not low <= value <= high:
        sentence = FIGURES[name][3]
        raise DataError(f"{value:g} 不在来源给出的范围 {low:g}–{high:g} 之内（“{sentence}”）。",
                        f"{value:g} is outside the source's range {low:g}–{high:g} (“{sentence}”).")
    return float(value)


@dataclass(frozen=True)
class Retention:
    """The calculator's results for ``per`` customers (assumption ``per_customers``).

    ``keep_cost`` and ``win_cost`` are in units of the cost of keeping one customer; ``attempts_new`` and
    ``attempts_existing`` are the sales attempts that land ``per`` sales; ``stay_fast`` is how many of ``per``
    dissatisfied customers stay when their failure gets fast attention; ``told_bad`` and ``told_good`` are the
    people ``per`` dissatisfied and ``per`` satisfied customers tell.
    """

    per: int
    new_vs_keep: float
    told_unhappy: float
    told_happy: float
    keep_cost: float
    win_cost: float
    attempts_new: float
    attempts_existing: float
    selling_spend: float
    stay_fast: float
    told_bad: float
    told_good: float

    @property
    def ratios(self) -> dict[str, float]:
        """How many times the new (or the unhappy) against the existing (or the happy), for each pair."""
        return {"cost": self.win_cost / self.keep_cost, "attempts": self.attempts_new / self.attempts_existing,
                "spend": self.selling_spend, "told": self.told_bad / self.told_good}


def retention(new_vs_keep: float = 5.0, told_unhappy: float = 8.0, told_happy: float = 2.0) -> Retention:
    """The sources' retention figures worked through for ``per_customers`` customers.

    Parameters
    ----------
    new_vs_keep : float
        A new customer costs this many times keeping one (seeds/001: 5–10).
    told_unhappy, told_happy : float
        People a dissatisfied and a satisfied customer tell (seeds/001: 8–10 and 2–3).

    Raises
    ------
    DataError
        For a value outside the source's range (in Chinese and English).

    Examples
    --------
    >>> r = retention(5, 8, 2)
    >>> r.win_cost, round(r.attempts_new), r.attempts_existing, r.stay_fast, r.told_bad
    (500.0, 667, 200.0, 70.0, 800.0)
    """
    per = int(_a("per_customers"))
    m = _in_range("new_vs_keep", new_vs_keep)
    bad, good = _in_range("told_unhappy", told_unhappy), _in_range("told_happy", told_happy)
    return Retention(per=per, new_vs_keep=m, told_unhappy=bad, told_happy=good, keep_cost=float(per),
                     win_cost=per * m, attempts_new=per / figure("success_new"),
                     attempts_existing=per / figure("success_existing"), selling_spend=figure("selling_spend"),
                     stay_fast=per * figure("stay_if_fast"), told_bad=per * bad, told_good=per * good)
