"""crm.cases.futures.callbacks: who is due a call this week, by hand; coverage of new-account calls."""
import pandas as pd
import pytest

from crm.cases.futures.callbacks import CallbackRules, callback_coverage, calls_due, monthly_changes
from crm.core.schemas import DataError

D = pd.to_datetime


@pytest.fixture(scope="module")
def small():
    clients = pd.DataFrame({
        "client_id": ["new", "called", "mover", "calm", "lead", "old_lead", "elsewhere"],
        "branch": ["x"] * 7, "broker_id": ["x-1"] * 7,
        "first_contact": D(["2013-11-01", "2013-11-01", "2012-01-01", "2012-01-01", "2013-08-01", "2011-01-01",
                            "2013-08-01"]),
        "account_opened": D(["2013-12-20", "2013-12-20", "2012-02-01", "2012-02-01", None, None, None]),
        "account_closed": D([None] * 7),
        "other_firm": [False] * 6 + [True],
    })
    accounts = pd.DataFrame({"client_id": ["mover", "mover", "calm", "calm"],
                             "month": D(["2013-11-01", "2013-12-01"] * 2),
                             "equity": [100_000.0, 200_000.0, 100_000.0, 110_000.0], "trades": [20, 20, 20, 21]})
    callbacks = pd.DataFrame({"client_id": ["called", "lead"], "date": D(["2013-12-27", "2013-12-20"]),
                              "reached": [True, True]})
    return clients, accounts, callbacks


def test_due_by_hand(small):
    due = calls_due(*small, "2014-01-06")
    assert dict(zip(due["client_id"], due["reason"].astype(str))) == {"new": "new_account", "mover": "funds_change"}
    row = due.set_index("client_id").loc["new"]
    assert row["due_date"] == pd.Timestamp("2013-12-27") and row["days_overdue"] == 10
    assert due.set_index("client_id").loc["mover", "equity_change"] == pytest.approx(1.0)
    # three months later the lead is due again; the old lead (first met in 2011) is not chased
    later = calls_due(*small, "2014-03-24")
    assert "lead" in set(later["client_id"]) and "old_lead" not in set(later["client_id"])
    assert "elsewhere" not in set(later["client_id"])


def test_thresholds_move_the_list_monotonically(small):
    loose = calls_due(*small, "2014-01-06", CallbackRules(funds_change=0.05, trades_change=10))
    strict = calls_due(*small, "2014-01-06", CallbackRules(funds_change=2.0, trades_change=10))
    assert set(strict["client_id"]) <= set(loose["client_id"])
    assert "calm" in set(loose["client_id"]) and "mover" not in set(strict["client_id"])


def test_monthly_changes_and_coverage(small):
    clients, accounts, callbacks = small
    ch = monthly_changes(accounts, "2013-12-01")
    assert ch.loc["calm", "equity_change"] == pytest.approx(0.1)
    assert callback_coverage(clients, callbacks, 2013) == 0.5  # "called" reached on day 7, "new" not
    with pytest.raises(DataError):
        callback_coverage(clients, callbacks, 1999)
    with pytest.raises(DataError):
        CallbackRules(funds_change=0)


def test_evidence_gathered_once_serves_every_rule_setting(small):
    from crm.cases.futures.callbacks import callback_evidence, due_from_evidence
    for week in ("2014-01-06", "2014-03-24"):
        evidence = callback_evidence(*small, week)
        for rules in (CallbackRules(), CallbackRules(funds_change=0.05, trades_change=10, potential_every_days=30),
                      CallbackRules(checkpoints=(1, 200), grace_days=0, lookback_days=400, potential_max_age_days=5000)):
            got = due_from_evidence(evidence, rules)
            # a fresh calls_due for these rules, evidence gathered anew
            pd.testing.assert_frame_equal(got, calls_due(*small, week, rules))
            assert got["client_id"].is_unique
