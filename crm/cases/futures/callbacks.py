"""Tracked callbacks: who customer service should call this week, and why.

The source (seeds/000, 天富期货) asks customer service to follow "潜在客户与已开户客户两个方向
进行全程跟踪、定期回访,对客户资金量的变化及交易次数的变动等情况做出及时地评估". It gives no
schedule: the rules below are assumptions in :class:`CallbackRules`, which a student can change.

A client is due a call in the week starting ``week_start`` when

- **new_account**: his account was opened ``k`` days ago for a checkpoint ``k`` of
  ``checkpoints`` that falls before the week ends, and nobody reached him since
  (``grace_days`` before that checkpoint counts), the checkpoint being at most
  ``lookback_days`` old;
- **funds_change**: in the last complete month his funds moved by at least
  ``funds_change`` (either way) or his number of trades by at least ``trades_change``,
  and nobody reached him since that month ended;
- **potential**: he is a potential client (no account, not trading elsewhere, first
  contacted at most ``potential_max_age_days`` ago) and the last time anyone reached him
  (or first contact) is ``potential_every_days`` days old or more.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared

REASONS: tuple[str, ...] = ("new_account", "funds_change", "potential")


@dataclass(frozen=True)
class CallbackRules:
    """When a client is due a call (every number an assumption; see the module docstring)."""

    checkpoints: tuple[int, ...] = (7, 30, 90)
    grace_days: int = 3
    lookback_days: int = 30
    funds_change: float = 0.5
    trades_change: float = 0.8
    min_equity: float = 50_000.0
    min_trades: int = 10
    potential_every_days: int = 90
    potential_max_age_days: int = 365

    def __post_init__(self) -> None:
        if (not self.checkpoints or min(self.checkpoints) < 0 or self.funds_change <= 0 or self.trades_change <= 0
                or min(self.potential_every_days, self.potential_max_age_days) < 1 or min(self.grace_days, self.lookback_days, self.min_trades) < 0):
            raise DataError("回访规则有误：检查点、阈值与间隔天数都必须为正数。",
                            "Bad callback rules: checkpoints, thresholds and intervals must be positive.")


def monthly_changes(accounts: pd.DataFrame, month: pd.Timestamp | str) -> pd.DataFrame:
    """Each account's funds and trades in ``month`` against the month before.

    Returns
    -------
    pd.DataFrame
        Indexed by ``client_id`` (accounts with a row in both months): ``equity_before``,
        ``equity``, ``equity_change`` (relative), ``trades_before``, ``trades``,
        ``trades_change`` (relative to the month before, at least 1 trade as base).
    """
    month = pd.Timestamp(month).to_period("M").to_timestamp()
    prev = month - pd.DateOffset(months=1)
    now = accounts[accounts["month"] == month].set_index("client_id")
    then = accounts[accounts["month"] == prev].set_index("client_id")
    both = now.index.intersection(then.index)
    e0, e1 = then.loc[both, "equity"], now.loc[both, "equity"]
    t0, t1 = then.loc[both, "trades"], now.loc[both, "trades"]
    return pd.DataFrame({"equity_before": e0, "equity": e1, "equity_change": (e1 - e0) / e0.where(e0 > 0),
                         "trades_before": t0, "trades": t1, "trades_change": (t1 - t0) / np.maximum(t0, 1)}).sort_index()


def _last_reached(callbacks: pd.DataFrame, before: pd.Timestamp) -> pd.Series:
    reached = callbacks[callbacks["reached"].astype(bool) & (callbacks["date"] < before)]
    return reached.groupby("client_id")["date"].max()


@dataclass(frozen=True)
class CallbackEvidence:
    """What :func:`calls_due` needs about one week that no rule changes (see :func:`callback_evidence`)."""

    start: pd.Timestamp
    month: pd.Timestamp  # the last complete month
    opened: pd.Series  # account_opened of the accounts open before the week ends
    opened_reached: pd.Series  # when each of them was last reached (NaT if never)
    changes: pd.DataFrame  # monthly_changes of that month, with ``fresh`` (not reached since it ended)
    first_contact: pd.Series  # of the contacts with no account, not trading elsewhere, first met before the week
    contact_since: pd.Series  # their last reach, or first contact if later / never reached
    per_client: pd.DataFrame  # last_reached, branch, broker_id, equity of every client


@shared
def callback_evidence(clients: pd.DataFrame, accounts: pd.DataFrame, callbacks: pd.DataFrame,
                      week_start: pd.Timestamp | str) -> CallbackEvidence:
    """Gather, once per week, what the callback rules are applied to (see :func:`calls_due`)."""
    start = pd.Timestamp(week_start).normalize()
    end = start + pd.Timedelta(days=7)
    last = _last_reached(callbacks, start)
    info = clients.set_index("client_id")
    month = (start - pd.Timedelta(days=1)).to_period("M").to_timestamp()
    if (start - pd.Timedelta(days=1)).month == start.month:  # the week starts mid-month: last month is complete
        month = month - pd.DateOffset(months=1)
    open_ = info[info["account_opened"].notna() & (info["account_opened"] < end) & info["account_closed"].isna()]
    ch = monthly_changes(accounts, month)
    ch = ch.assign(fresh=~(last.reindex(ch.index) > month + pd.offsets.MonthEnd(0)))
    pot = info[info["account_opened"].isna() & ~info["other_firm"].astype(bool) & (info["first_contact"] < start)]
    since = np.maximum(last.reindex(pot.index).fillna(pot["first_contact"]), pot["first_contact"])
    recent = accounts[(accounts["month"] <= month) & (accounts["month"] >= month - pd.DateOffset(months=2))]
    latest = recent.sort_values("month", kind="stable").drop_duplicates("client_id", keep="last")
    ids = info.index.append(ch.index.difference(info.index))
    per_client = pd.DataFrame({"last_reached": last.reindex(ids), "branch": info["branch"].reindex(ids),
                               "broker_id": info["broker_id"].reindex(ids),
                               "equity": latest.set_index("client_id")["equity"].reindex(ids).fillna(0.0)})
    return CallbackEvidence(start, month, open_["account_opened"], last.reindex(open_.index), ch,
                            pot["first_contact"], since, per_client)


def calls_due(clients: pd.DataFrame, accounts: pd.DataFrame, callbacks: pd.DataFrame,
              week_start: pd.Timestamp | str, rules: CallbackRules = CallbackRules()) -> pd.DataFrame:
    """The clients due a call in the week starting ``week_start``, most urgent first.

    Parameters
    ----------
    clients, accounts, callbacks : DataFrame
        The client file, the monthly account data and customer service's call log
        (``client_id``, ``date``, ``reached``).
    week_start : date-like
        First day of the week (calls made before it count).
    rules : CallbackRules

    Returns
    -------
    pd.DataFrame
        One row per client (his most urgent reason only): ``client_id``, ``branch``,
        ``broker_id``, ``reason`` (:data:`REASONS`), ``due_date``, ``days_overdue``
        (0 if due during the week), ``last_reached`` (NaT if never), ``equity`` (funds in the
        last complete month, or the latest of the two before it; 0 if none) and
        ``equity_change`` / ``trades_change`` (funds_change only). Sorted by reason,
        then most overdue, then largest funds.

    Notes
    -----
    The same as ``due_from_evidence(callback_evidence(clients, accounts, callbacks, week_start), rules)``:
    a view that moves the rules gathers the evidence once per week.
    """
    return due_from_evidence(callback_evidence(clients, accounts, callbacks, week_start), rules)


def due_from_evidence(evidence: CallbackEvidence, rules: CallbackRules = CallbackRules()) -> pd.DataFrame:
    """:func:`calls_due` on evidence already gathered by :func:`callback_evidence`."""
    start, month, ch = evidence.start, evidence.month, evidence.changes
    end = start + pd.Timedelta(days=7)
    rows = []
    # New accounts: the earliest missed checkpoint still within the look-back.
    opened, reached = evidence.opened, evidence.opened_reached
    for k in sorted(rules.checkpoints):
        due = opened + pd.Timedelta(days=int(k))
        missed = ((due < end) & (due >= start - pd.Timedelta(days=rules.lookback_days)) &
                  ~(reached >= due - pd.Timedelta(days=rules.grace_days))).to_numpy()
        rows.append(pd.DataFrame({"client_id": opened.index[missed], "reason": "new_account",
                                  "due_date": due.to_numpy()[missed]}))
    # Funds or trades moved in the last complete month.
    moved = ((ch["equity_change"].abs() >= rules.funds_change) & (ch["equity_before"] >= rules.min_equity)) | \
            ((ch["trades_change"].abs() >= rules.trades_change) &
             (np.maximum(ch["trades_before"], ch["trades"]) >= rules.min_trades))
    month_end = month + pd.offsets.MonthEnd(0)
    hit = ch[moved & ch["fresh"]]
    rows.append(pd.DataFrame({"client_id": hit.index, "reason": "funds_change",
                              "due_date": month_end + pd.Timedelta(days=1),
                              "equity_change": hit["equity_change"].to_numpy(),
                              "trades_change": hit["trades_change"].to_numpy()}))
    # Potential clients (first contacted at most potential_max_age_days ago) not reached for a while.
    young = (evidence.first_contact >= start - pd.Timedelta(days=rules.potential_max_age_days)).to_numpy()
    due = evidence.contact_since[young] + pd.Timedelta(days=rules.potential_every_days)
    late = (due < end).to_numpy()
    rows.append(pd.DataFrame({"client_id": due.index[late], "reason": "potential", "due_date": due.to_numpy()[late]}))
    out = pd.concat(rows, ignore_index=True)
    out["reason"] = pd.Categorical(out["reason"], categories=list(REASONS))
    out = out.sort_values(["reason", "due_date", "client_id"], kind="stable").drop_duplicates("client_id")
    out["days_overdue"] = np.maximum((start - out["due_date"]).dt.days, 0).astype(int)
    who = evidence.per_client.reindex(out["client_id"])
    for col in ("last_reached", "branch", "broker_id", "equity"):
        out[col] = who[col].to_numpy()
    out = out.sort_values(["reason", "days_overdue", "equity", "client_id"], ascending=[True, False, False, True],
                          kind="stable")
    cols = ["client_id", "branch", "broker_id", "reason", "due_date", "days_overdue", "last_reached", "equity",
            "equity_change", "trades_change"]
    return out[cols].reset_index(drop=True)


def callback_coverage(clients: pd.DataFrame, callbacks: pd.DataFrame, year: int,
                      checkpoint: int = 7, within_days: int = 14) -> float:
    """Share of accounts opened in ``year`` reached within ``within_days`` of their ``checkpoint``-day call.

    A measure of how well the new-account callbacks the source asks for are kept.
    """
    opened = clients[clients["account_opened"].dt.year == year][["client_id", "account_opened"]]
    if opened.empty:
        raise DataError(f"{year} 年没有新开户客户。", f"No accounts were opened in {year}.")
    calls = callbacks[callbacks["reached"].astype(bool)].merge(opened, on="client_id")
    lag = (calls["date"] - calls["account_opened"]).dt.days
    ok = calls[(lag >= checkpoint - 3) & (lag <= checkpoint + within_days)]["client_id"].unique()
    return len(ok) / len(opened)
