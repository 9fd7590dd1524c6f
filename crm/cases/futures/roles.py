"""Client roles from account and trading data, and movement between roles.

The futures firm's CRM platform (seeds/000, 天富期货) "可以将客户分为现有客户、潜在客户、
流失客户、以及非公司客户等不同角色进行管理". The source names the roles, not the rules; the
rules here are data (:class:`RoleRules`), written so a student can read and change them:

- **existing** (现有客户): an open account that traded in the last ``inactive_months``
  months or still holds at least ``min_equity`` yuan;
- **lost** (流失客户): a closed account, or an open one with no trade in that time and
  less than ``min_equity`` left;
- **potential** (潜在客户): a recorded contact with no account;
- **non_company** (非公司客户): a contact with no account, known to trade at another firm.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared

ROLES: tuple[str, ...] = ("existing", "potential", "lost", "non_company")
#: Which real status (the generator's ``truth``) each role stands for.
ROLE_TRUTH = {"existing": "active", "potential": "prospect", "lost": "left", "non_company": "other_firm"}


@dataclass(frozen=True)
class RoleRules:
    """The role rules' two parameters.

    Attributes
    ----------
    inactive_months : int
        An open account with no trade in this many months (the as-of month included) ...
    min_equity : float
        ... and less than this many yuan of funds is lost.
    """

    inactive_months: int = 6
    min_equity: float = 10_000.0

    def __post_init__(self) -> None:
        if self.inactive_months < 1 or self.min_equity < 0:
            raise DataError(f"角色规则有误：无交易月数须 ≥ 1（收到 {self.inactive_months}），权益门槛须 ≥ 0（收到 {self.min_equity:g}）。",
                            f"Bad role rules: inactive months must be ≥ 1 (got {self.inactive_months}) and the "
                            f"funds threshold ≥ 0 (got {self.min_equity:g}).")


def _month_start(as_of: pd.Timestamp | str) -> pd.Timestamp:
    return pd.Timestamp(as_of).to_period("M").to_timestamp()


@shared
def client_roles(clients: pd.DataFrame, accounts: pd.DataFrame, as_of: pd.Timestamp | str,
                 rules: RoleRules = RoleRules()) -> pd.DataFrame:
    """Every client's role at the end of ``as_of``'s month, with the evidence the rules used.

    Parameters
    ----------
    clients : DataFrame
        ``client_id``, ``first_contact``, ``account_opened``, ``account_closed``, ``other_firm``.
    accounts : DataFrame
        Monthly ``client_id``, ``month``, ``equity``, ``trades``.
    as_of : date-like
        The day the roles are taken (its month counts as complete).
    rules : RoleRules

    Returns
    -------
    pd.DataFrame
        Indexed by ``client_id`` (clients first recorded after ``as_of`` are left out):
        ``has_account``, ``closed``, ``months_since_trade`` (NaN if never traded),
        ``equity`` (last month's funds, 0 without an account), ``other_firm`` and ``role`` (category of
        :data:`ROLES`).

    Examples
    --------
    >>> c = pd.DataFrame({"client_id": ["a", "b"], "first_contact": pd.to_datetime(["2012-01-01"] * 2),
    ...                   "account_opened": pd.to_datetime(["2012-01-05", None]),
    ...                   "account_closed": pd.to_datetime([None, None]), "other_firm": [False, True]})
    >>> m = pd.DataFrame({"client_id": ["a"], "month": pd.to_datetime(["2013-12-01"]),
    ...                   "equity": [50_000.0], "trades": [3]})
    >>> client_roles(c, m, "2013-12-31")["role"].tolist()
    ['existing', 'non_company']
    """
    as_of = pd.Timestamp(as_of)
    month = _month_start(as_of)
    end = month + pd.offsets.MonthEnd(0)
    known = clients[(clients["first_contact"] <= end) | (clients["account_opened"] <= end)]
    known = known.set_index("client_id")
    opened = known["account_opened"].notna() & (known["account_opened"] <= end)
    closed = opened & known["account_closed"].notna() & (known["account_closed"] <= end)
    past = accounts[accounts["month"] <= month]
    traded = past[past["trades"] > 0].groupby("client_id")["month"].max()
    last_equity = past.sort_values("month").groupby("client_id")["equity"].last()
    since = traded.reindex(known.index)
    months_since = (month.year - since.dt.year) * 12 + (month.month - since.dt.month)
    equity = last_equity.reindex(known.index).fillna(0.0).where(opened & ~closed, 0.0)
    evidence = pd.DataFrame({"has_account": opened, "closed": closed, "months_since_trade": months_since,
                             "equity": equity, "other_firm": known["other_firm"].astype(bool)}, index=known.index)
    return assign_roles(evidence, rules)


def assign_roles(evidence: pd.DataFrame, rules: RoleRules = RoleRules()) -> pd.DataFrame:
    """Apply the role rules to evidence already gathered (a :func:`client_roles` result).

    Moving a rule's parameter only re-runs this step, which is what keeps the roles
    view quick.
    """
    out = evidence.copy()
    out["role"] = pd.Categorical.from_codes(role_codes(_evidence_arrays(evidence), rules), categories=list(ROLES))
    return out


def _evidence_arrays(evidence: pd.DataFrame) -> dict[str, np.ndarray]:
    return {c: evidence[c].to_numpy(dtype=float if c in ("months_since_trade", "equity") else bool)
            for c in ("months_since_trade", "has_account", "closed", "equity", "other_firm")}


def role_codes(arrays: dict[str, np.ndarray], rules: RoleRules) -> np.ndarray:
    """The rules on evidence columns as numpy arrays: each client's role as its position in :data:`ROLES`."""
    since = arrays["months_since_trade"]
    idle = np.isnan(since) | (since >= rules.inactive_months)
    open_ = arrays["has_account"] & ~arrays["closed"]
    return np.select([open_ & ~(idle & (arrays["equity"] < rules.min_equity)), arrays["has_account"],
                      arrays["other_firm"]], [0, 2, 3], 1).astype(np.int8)  # existing, lost, non_company; potential


def role_counts(roles: pd.DataFrame) -> pd.Series:
    """Clients per role, in :data:`ROLES` order."""
    return roles["role"].value_counts().reindex(list(ROLES), fill_value=0).rename("clients")


def role_movement(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """How clients moved between roles from one date to another.

    Parameters
    ----------
    before, after : DataFrame
        :func:`client_roles` at an earlier and a later date.

    Returns
    -------
    pd.DataFrame
        A role × role table of client counts: rows are the earlier role plus ``new``
        (clients first recorded in between), columns the later role. Every client of
        ``after`` is counted once.
    """
    start = before["role"].astype(str).reindex(after.index).fillna("new")
    table = pd.crosstab(start, after["role"].astype(str))
    return table.reindex(index=[*ROLES, "new"], columns=list(ROLES), fill_value=0)


def _status_of(ids: pd.Index, truth: pd.DataFrame) -> pd.Series:
    """The real status of each client in ``ids``; refuses roles that are not indexed by the truth's client ids.

    A table whose index lost the client ids (a fresh 0, 1, 2, .. index) would otherwise
    match no client and silently score every role as wrong.
    """
    status = truth.set_index("client_id")["status"].astype(str)
    unknown = ~ids.isin(status.index)
    if len(ids) and unknown.any():
        first = [str(x) for x in ids[unknown][:5]]
        raise DataError(f"角色表的索引应为客户编号（client_id）：{int(unknown.sum())} 个索引值在真实状态表中找不到，"
                        f"前几个是 {first}。",
                        f"The roles must be indexed by client_id: {int(unknown.sum())} index values are not clients "
                        f"of the truth table; the first are {first}.")
    return status.reindex(ids)


def role_accuracy(roles: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Rule roles against the real status: counts per role, how many are right, precision.

    Parameters
    ----------
    roles : DataFrame
        :func:`client_roles` (at the date the truth describes).
    truth : DataFrame
        ``client_id`` and ``status`` (active, left, prospect, other_firm).

    Returns
    -------
    pd.DataFrame
        Index ``role``: ``clients``, ``right`` (real status is the one the role stands for,
        :data:`ROLE_TRUTH`), ``precision`` (right / clients) and ``recall`` (right / clients
        whose real status is that one).
    """
    status = _status_of(roles.index, truth)
    role = roles["role"].astype(str)
    want = role.map(ROLE_TRUTH)
    right = (status == want)
    out = pd.DataFrame({"clients": role.value_counts(), "right": right.groupby(role).sum()})
    out = out.reindex(list(ROLES)).fillna(0).astype(int)
    real = status.value_counts()
    out["precision"] = out["right"] / out["clients"].where(out["clients"] > 0)
    out["recall"] = out["right"] / pd.Series([real.get(ROLE_TRUTH[r], 0) for r in ROLES], index=list(ROLES)).replace(0, np.nan)
    out.index.name = "role"
    return out


class RoleSweep:
    """Counts, movement and accuracy for many rule settings on evidence gathered once.

    What does not depend on the rules is done here once: the evidence as numpy arrays,
    where each client of the later date was at the earlier one, and each client's real
    status. :meth:`apply` then costs a few array passes; its results equal
    :func:`role_counts`, :func:`role_movement` and :func:`role_accuracy` on
    :func:`assign_roles` (tests/cases/futures/test_roles.py checks it).

    Parameters
    ----------
    before, after : DataFrame
        :func:`client_roles` evidence at an earlier and a later date.
    truth : DataFrame
        ``client_id`` and ``status``, describing the later date.
    """

    def __init__(self, before: pd.DataFrame, after: pd.DataFrame, truth: pd.DataFrame) -> None:
        self.index = after.index
        self._arrays = (_evidence_arrays(before), _evidence_arrays(after))
        self._before_pos = before.index.get_indexer(after.index)  # -1: first recorded in between
        status = _status_of(after.index, truth)
        truth_code = {ROLE_TRUTH[r]: i for i, r in enumerate(ROLES)}
        self._status = status.map(truth_code).fillna(-1).to_numpy(dtype=np.int8)
        real = status.value_counts()
        self._real = pd.Series([real.get(ROLE_TRUTH[r], 0) for r in ROLES], index=list(ROLES)).replace(0, np.nan)

    def apply(self, rules: RoleRules) -> dict[str, object]:
        """``counts`` (before, after), ``movement`` and ``accuracy`` (after) under ``rules``."""
        k = len(ROLES)
        before, after = (role_codes(a, rules) for a in self._arrays)
        counts = tuple(pd.Series(np.bincount(c, minlength=k), index=pd.Index(list(ROLES), name="role"),
                                 name="clients") for c in (before, after))
        start = np.where(self._before_pos >= 0, before[self._before_pos], k)  # k: "new"
        moved = np.bincount(start.astype(np.int64) * k + after, minlength=(k + 1) * k).reshape(k + 1, k)
        movement = pd.DataFrame(moved, index=pd.Index([*ROLES, "new"], name="role"),
                                columns=pd.Index(list(ROLES), name="role"))
        right = np.bincount(after[self._status == after], minlength=k)
        acc = pd.DataFrame({"clients": counts[1].to_numpy(), "right": right}, index=list(ROLES)).astype(int)
        acc["precision"] = acc["right"] / acc["clients"].where(acc["clients"] > 0)
        acc["recall"] = acc["right"] / self._real
        acc.index.name = "role"
        return {"counts": counts, "movement": movement, "accuracy": acc}
