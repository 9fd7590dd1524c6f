"""crm.cases.futures.roles: role rules by hand, movement between dates, accuracy against the truth."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.futures.roles import ROLES, RoleRules, assign_roles, client_roles, role_accuracy, role_counts, role_movement
from crm.core.schemas import DataError

D = pd.to_datetime


@pytest.fixture(scope="module")
def small():
    clients = pd.DataFrame({
        "client_id": ["act", "idle_rich", "idle_poor", "closed", "lead", "elsewhere", "late_lead"],
        "first_contact": D(["2011-01-01"] * 6 + ["2013-06-01"]),
        "account_opened": D(["2011-02-01", "2011-02-01", "2011-02-01", "2011-02-01", None, None, None]),
        "account_closed": D([None, None, None, "2013-03-15", None, None, None]),
        "other_firm": [False, False, False, False, False, True, False],
    })
    months = D(["2012-12-01", "2013-06-01", "2013-12-01"])
    rows = [("act", m, 50_000.0, 5) for m in months]
    rows += [("idle_rich", m, 200_000.0, 0) for m in months]
    rows += [("idle_poor", months[0], 5_000.0, 3), ("idle_poor", months[1], 5_000.0, 0),
             ("idle_poor", months[2], 5_000.0, 0)]
    rows += [("closed", months[0], 1_000.0, 2)]
    accounts = pd.DataFrame(rows, columns=["client_id", "month", "equity", "trades"])
    truth = pd.DataFrame({"client_id": clients["client_id"],
                          "status": ["active", "active", "left", "left", "prospect", "other_firm", "prospect"]})
    return clients, accounts, truth


def test_rules_by_hand(small):
    clients, accounts, truth = small
    roles = client_roles(clients, accounts, "2013-12-31")
    assert roles["role"].astype(str).to_dict() == {
        "act": "existing", "idle_rich": "existing", "idle_poor": "lost", "closed": "lost", "lead": "potential",
        "elsewhere": "non_company", "late_lead": "potential"}
    # a higher funds bar makes the idle rich account lost too
    strict = client_roles(clients, accounts, "2013-12-31", RoleRules(6, 500_000))
    assert strict.loc["idle_rich", "role"] == "lost"
    acc = role_accuracy(roles, truth)
    assert acc.loc["existing", "right"] == 2 and acc.loc["lost", "precision"] == 1.0


def test_movement_counts_every_client_once(small):
    clients, accounts, _ = small
    before = client_roles(clients, accounts, "2012-12-31")
    after = client_roles(clients, accounts, "2013-12-31")
    move = role_movement(before, after)
    assert move.to_numpy().sum() == len(after)
    assert move.loc["new", "potential"] == 1  # the lead first met in 2013
    assert move.loc["existing", "lost"] == 2  # idle_poor and closed
    assert "late_lead" not in before.index


@settings(max_examples=30, deadline=None)
@given(months=st.integers(1, 24), equity=st.floats(0, 1e6))
def test_every_client_one_role_and_stricter_rules_only_lose_existing(small, months, equity):
    clients, accounts, _ = small
    base = client_roles(clients, accounts, "2013-12-31", RoleRules(months, equity))
    assert base["role"].isin(ROLES).all() and role_counts(base).sum() == len(base)
    stricter = assign_roles(base, RoleRules(max(1, months - 1), equity * 2))
    was = base["role"] == "existing"
    assert (stricter["role"][~was] == base["role"][~was]).all()
    assert set(stricter["role"][was].astype(str)) <= {"existing", "lost"}


def test_bad_rules():
    with pytest.raises(DataError) as err:
        RoleRules(inactive_months=0)
    assert "规则" in err.value.message_zh and "rules" in err.value.message_en


@pytest.fixture(scope="module")
def futures_evidence():
    from crm.cases import load_case
    tables = load_case("futures")
    before, after = (client_roles(tables["clients"], tables["accounts"], d) for d in ("2012-12-31", "2013-12-31"))
    return before, after, tables


@pytest.mark.parametrize("rules", [RoleRules(), RoleRules(2, 100_000.0), RoleRules(18, 1_000.0)])
def test_role_sweep_equals_the_plain_functions(futures_evidence, rules):
    from crm.cases.futures.roles import RoleSweep
    before, after, tables = futures_evidence
    got = RoleSweep(before, after, tables["truth"]).apply(rules)
    b, a = assign_roles(before, rules), assign_roles(after, rules)
    pd.testing.assert_series_equal(got["counts"][0], role_counts(b))
    pd.testing.assert_series_equal(got["counts"][1], role_counts(a))
    pd.testing.assert_frame_equal(got["movement"], role_movement(b, a))
    pd.testing.assert_frame_equal(got["accuracy"], role_accuracy(a, tables["truth"]))


def test_accuracy_refuses_roles_that_lost_their_client_ids(small):
    clients, accounts, truth = small
    roles = client_roles(clients, accounts, "2013-12-31")
    with pytest.raises(DataError, match="client_id"):
        role_accuracy(roles.reset_index(drop=True), truth)
