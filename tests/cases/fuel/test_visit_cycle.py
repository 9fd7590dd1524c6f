"""crm.cases.fuel.visit_cycle: usual cycles, gap and volume flags, evaluation against the truth."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.fuel.visit_cycle import evaluate_flags, gap_flags, rule_sweep, visit_cycle_anomalies, visit_gaps, volume_flags
from crm.core.schemas import DataError


def refuels(rows):
    """rows: (customer, 'MM-DD', litres) in 2024."""
    return pd.DataFrame({"customer_id": [r[0] for r in rows], "date": pd.to_datetime(["2024-" + r[1] for r in rows]),
                         "litres": [float(r[2]) for r in rows]})


# a: weekly for 4 weeks (learn), then a 29-day absence; b: every 3 days, then half the litres
WEEKLY = [("a", d, 40) for d in ("01-01", "01-08", "01-15", "01-22")] + [("a", "02-20", 40)]
B = [("b", f"01-{d:02d}", 20) for d in (1, 4, 7, 10, 13, 16, 19, 22, 25)] + [("b", "01-31", 8), ("b", "02-03", 20)]


def test_cycle_is_the_median_gap_of_the_learning_window():
    vg = visit_gaps(refuels(WEEKLY + B), learn_days=28, min_visits=3, end="2024-02-29")
    cyc = vg.customers.set_index("customer_id")["cycle_days"]
    assert cyc["a"] == 7 and cyc["b"] == 3
    assert vg.customers.set_index("customer_id").loc["b", "usual_litres"] == 20


def test_gap_flag_fires_the_day_the_absence_exceeds_cycle_plus_n():
    vg = visit_gaps(refuels(WEEKLY), learn_days=28, min_visits=3, end="2024-02-29")
    flags = gap_flags(vg, 3)
    assert flags["date"].tolist() == [pd.Timestamp("2024-02-02")]  # 01-22 + 7 + 3 + 1
    assert gap_flags(vg, 28).empty  # 29 days away is not more than 7 + 28
    # with N = 0 the absence still open at the end (02-20 to 02-29: 9 days > 7) is flagged too, on 02-28
    assert gap_flags(vg, 0)["date"].tolist() == [pd.Timestamp("2024-01-30"), pd.Timestamp("2024-02-28")]


def test_volume_flag_on_a_fill_below_half_the_usual():
    vg = visit_gaps(refuels(B), learn_days=28, min_visits=3, end="2024-02-29")
    v = volume_flags(vg, 0.5)
    assert v["date"].tolist() == [pd.Timestamp("2024-01-31")] and v["kind"].tolist() == ["volume"]
    assert volume_flags(vg, 0.7).empty


def test_visit_cycle_anomalies_combines_both_kinds():
    flags = visit_cycle_anomalies(refuels(WEEKLY + B), grace_days=3, learn_days=28, min_visits=3, end="2024-02-29")
    assert set(flags["kind"]) == {"gap", "volume"}
    assert flags["date"].is_monotonic_increasing


def test_evaluation_counts_right_flags_and_recall():
    rf = refuels(WEEKLY + B)
    vg = visit_gaps(rf, learn_days=28, min_visits=3, end="2024-03-31")
    truth = pd.DataFrame({"customer_id": ["a", "b"], "left": [True, False],
                          "last_visit": pd.to_datetime(["2024-02-20", None])})
    flags = gap_flags(vg, 3)
    ev = evaluate_flags(flags, truth, vg, horizon_days=30)
    # a's flags: 02-02 (18 days before his last visit: right) and 03-01 (after it: right)
    a_flags = flags[flags["customer_id"] == "a"]
    assert len(a_flags) == 2
    assert ev.leavers == 1 and ev.caught == 1 and ev.recall == 1.0
    assert ev.right_flags == 2 and ev.precision == pytest.approx(2 / len(flags))
    assert ev.median_days_after_last_visit == -18


def test_sweep_without_truth_counts_flags_and_leaves_precision_unknown():
    rf = refuels(WEEKLY + B)
    vg = visit_gaps(rf, learn_days=28, min_visits=3, end="2024-03-31")
    truth = pd.DataFrame({"customer_id": ["a", "b"], "left": [True, False],
                          "last_visit": pd.to_datetime(["2024-02-20", None])})
    known, unknown = rule_sweep(vg, truth, range(0, 6)), rule_sweep(vg, None, range(0, 6))
    assert unknown["flags"].tolist() == known["flags"].tolist()
    assert unknown["calls_per_week"].tolist() == known["calls_per_week"].tolist()
    for column in ("precision", "recall", "right_flags", "caught", "leavers", "median_days_after_last_visit"):
        assert unknown[column].isna().all()  # unknown, never a misleading 0


def test_bad_parameters_are_explained_in_both_languages():
    rf = refuels(WEEKLY)
    with pytest.raises(DataError, match="Grace days"):
        gap_flags(visit_gaps(rf, learn_days=28, min_visits=3), -1)
    with pytest.raises(DataError, match="learning window"):
        visit_gaps(rf, learn_days=365)
    with pytest.raises(DataError, match="lacks columns"):
        visit_gaps(rf.drop(columns="litres"))
    with pytest.raises(DataError, match="volume drop"):
        volume_flags(visit_gaps(rf, learn_days=28, min_visits=3), 1.5)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=8, max_size=40), st.integers(0, 10), st.integers(0, 10))
def test_a_larger_grace_never_adds_flags(gaps, n1, n2):
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.cumsum([0] + gaps), unit="D")
    rf = pd.DataFrame({"customer_id": "x", "date": days, "litres": 30.0})
    try:
        vg = visit_gaps(rf, learn_days=30, min_visits=2)
    except DataError:
        return
    lo, hi = sorted((n1, n2))
    assert len(gap_flags(vg, hi)) <= len(gap_flags(vg, lo))
    assert set(map(tuple, gap_flags(vg, hi)[["customer_id"]].values)) <= set(map(tuple, gap_flags(vg, lo)[["customer_id"]].values))


def test_sweep_on_the_case_data_trades_calls_for_precision():
    from crm.cases import load_case
    t = load_case("fuel")
    vg = visit_gaps(t["refuels"])
    sweep = rule_sweep(vg, t["churn_truth"], [0, 3, 10])
    assert sweep["flags"].is_monotonic_decreasing and sweep["precision"].is_monotonic_increasing
    assert sweep.loc[3, "recall"] > 0.9
    # the fast sweep gives exactly what evaluate_flags gives on the flags themselves
    flags = visit_cycle_anomalies(t["refuels"], grace_days=3)
    assert evaluate_flags(flags, t["churn_truth"], vg).as_series().to_dict() == pytest.approx(sweep.loc[3].to_dict())


def test_a_customer_already_overdue_when_watching_begins_is_flagged_that_day():
    """Found by the property above: the rule flagged him at N = 7 (exceeded inside the watch) but not at N = 0."""
    gaps = [1, 1, 1, 2, 2, 2, 11, 11]
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.cumsum([0] + gaps), unit="D")
    vg = visit_gaps(pd.DataFrame({"customer_id": "x", "date": days, "litres": 30.0}), learn_days=30, min_visits=2)
    counts = [len(gap_flags(vg, n)) for n in range(9)]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1
    assert gap_flags(vg, 0)["date"].min() == vg.learn_end  # overdue before watching began: flagged as it begins
