"""The source's rule of thumb beside the BG/NBD model: who is still a customer, judged against who left.

The rule (seeds/002, 中原石油): a regular customer who has not refuelled for 3 days beyond his usual
cycle is an anomaly ("超过固定周期3天不进站加油，马上作为“异常情况”引起察觉"). The model
(:mod:`crm.core.btyd`): BG/NBD fitted on every card holder's refuels, each regular customer's
probability of being still alive. Both are asked the same question on the same day (``as_of``,
default the last day of the data) about the same customers (the regulars the rule knows a cycle
for), and both are judged against the case's ground truth (``churn_truth``: who really left,
and his last visit): a customer is *gone* on ``as_of`` if he left and his last visit is on or
before it.

The per-customer facts are computed once (:func:`rule_and_model`); a new grace N or a new
P(alive) threshold is then a few array comparisons (:meth:`RuleAndModel.judge`), so a view can
move either at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from crm.cases.fuel.visit_cycle import DEFAULT_GRACE_DAYS, DEFAULT_LEARN_DAYS, DEFAULT_MIN_VISITS, visit_gaps
from crm.core.rfm import rfm_summary
from crm.core.schemas import DataError
from crm.core.shared_results import shared

if TYPE_CHECKING:  # the models (scipy) load when a comparison is made, not with the case (every kernel imports it)
    from crm.core.btyd import BgNbd

DEFAULT_ALIVE_THRESHOLD = 0.5  # an assumption, named in the datasheet (case.ASSUMPTIONS["alive_threshold"])


@dataclass(frozen=True)
class RuleAndModel:
    """Each regular customer's overdue days, P(alive) and truth on ``as_of``, and the model fitted.

    Attributes
    ----------
    customers : pd.DataFrame
        One row per regular customer, sorted by ``customer_id``: ``cycle_days`` (learnt),
        ``days_since_visit`` (to ``as_of``), ``days_beyond_cycle`` (the two's difference),
        ``p_alive`` (BG/NBD), ``gone`` (the truth).
    model : BgNbd
        The BG/NBD model, fitted on every customer's refuels up to ``as_of`` (time in days).
    as_of : pd.Timestamp
    """

    customers: pd.DataFrame
    model: BgNbd
    as_of: pd.Timestamp

    def flags(self, grace_days: float = DEFAULT_GRACE_DAYS,
              threshold: float = DEFAULT_ALIVE_THRESHOLD) -> tuple[np.ndarray, np.ndarray]:
        """Who the rule flags (more than ``grace_days`` beyond his cycle) and who the model does (P(alive) < threshold)."""
        if grace_days < 0:
            raise DataError(f"宽限天数不能为负，收到 {grace_days:g}。", f"Grace days cannot be negative; got {grace_days:g}.")
        if not 0 < threshold < 1:
            raise DataError(f"P(alive) 门槛必须在 0 与 1 之间，收到 {threshold:g}。",
                            f"The P(alive) threshold must be between 0 and 1; got {threshold:g}.")
        c = self.customers
        return c["days_beyond_cycle"].to_numpy() > grace_days, c["p_alive"].to_numpy() < threshold

    def judge(self, grace_days: float = DEFAULT_GRACE_DAYS,
              threshold: float = DEFAULT_ALIVE_THRESHOLD) -> pd.DataFrame:
        """Precision and recall of the rule and of the model against the truth, and where they disagree.

        Returns
        -------
        pd.DataFrame
            Index ``rule``, ``model``, ``rule_only``, ``model_only``, ``both``: ``flagged``,
            ``right`` (flagged and gone), ``precision``, ``recall`` (share of the gone customers
            flagged), ``gone`` (all gone customers). ``rule_only``: the rule flags them, the model
            does not; ``model_only`` the reverse; their ``precision`` says which side was right
            more often. Precision is NaN where nobody is flagged, never 0.
        """
        rule, model = self.flags(grace_days, threshold)
        gone = self.customers["gone"].to_numpy()
        groups = {"rule": rule, "model": model, "rule_only": rule & ~model, "model_only": model & ~rule,
                  "both": rule & model}
        n_gone = int(gone.sum())
        rows = {}
        for name, flagged in groups.items():
            k, right = int(flagged.sum()), int((flagged & gone).sum())
            rows[name] = {"flagged": k, "right": right, "precision": right / k if k else np.nan,
                          "recall": right / n_gone if n_gone else np.nan, "gone": n_gone}
        return pd.DataFrame.from_dict(rows, orient="index")

    def disagreements(self, grace_days: float = DEFAULT_GRACE_DAYS,
                      threshold: float = DEFAULT_ALIVE_THRESHOLD) -> pd.DataFrame:
        """The customers that one flags and the other does not, with ``flagged_by`` ("rule" or "model")."""
        rule, model = self.flags(grace_days, threshold)
        c = self.customers
        out = c[rule != model].assign(flagged_by=np.where(rule[rule != model], "rule", "model"))
        return out.sort_values(["flagged_by", "p_alive"])


@shared
def rule_and_model(refuels: pd.DataFrame, truth: pd.DataFrame, as_of: pd.Timestamp | str | None = None,
                   learn_days: int = DEFAULT_LEARN_DAYS, min_visits: int = DEFAULT_MIN_VISITS) -> RuleAndModel:
    """Set the visit-cycle rule and the BG/NBD model side by side on the regular customers.

    Parameters
    ----------
    refuels : pd.DataFrame
        ``customer_id``, ``date``, ``litres``.
    truth : pd.DataFrame
        ``customer_id``, ``left`` (bool), ``last_visit`` (the leavers' last day).
    as_of : date-like, optional
        The day both are asked, default the last day of the data; the refuels after it are not seen.
    learn_days, min_visits : int
        The rule's learning window and what makes a customer regular (:func:`visit_gaps`).

    Returns
    -------
    RuleAndModel
    """
    from crm.core.btyd import fit_bgnbd

    end = pd.Timestamp(as_of) if as_of is not None else refuels["date"].max()
    seen = refuels[refuels["date"] <= end]
    vg = visit_gaps(seen, learn_days, min_visits, end)
    if len(vg.regular) == 0:
        raise DataError("没有常客：规则无从比较。", "There are no regular customers: the rule has nobody to judge.")
    # The model counts refuel days; the litres stand in for the amount rfm_summary asks for (not used here).
    summary = rfm_summary(seen.assign(amount=seen["litres"]), end)
    model = fit_bgnbd(summary)
    ids = vg.ids[vg.regular]
    last = seen.groupby("customer_id")["date"].max().reindex(ids)
    since = ((end - last) / pd.Timedelta(days=1)).to_numpy()
    cycle = vg.cycle[vg.regular]
    t = truth.set_index("customer_id").reindex(ids)
    gone = (t["left"].fillna(False).astype(bool) & (pd.to_datetime(t["last_visit"]) <= end)).to_numpy()
    out = pd.DataFrame({"customer_id": ids, "cycle_days": cycle, "days_since_visit": since,
                        "days_beyond_cycle": since - cycle,
                        "p_alive": model.p_alive(summary).reindex(ids).to_numpy(), "gone": gone})
    out = out.sort_values("customer_id", kind="stable").reset_index(drop=True)
    return RuleAndModel(customers=out, model=model, as_of=pd.Timestamp(end))
