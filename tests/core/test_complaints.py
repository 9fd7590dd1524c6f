"""Complaint flows: a hand-checked event log, and invariants on random logs."""
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.complaints import (Flow, breaches, conformance, level_paths, recurring_causes, settled_level, step_times,
                                 to_xes, trace)
from crm.core.schemas import DataError

FLOW = Flow("fast", ("verify", "review", "rectify", "call", "archive"), levels=("station", "district", "company"),
            limits_h={"verify": 2, "review": 24, "rectify": 48, "call": 24})


def log_of(rows):
    df = pd.DataFrame(rows, columns=["complaint_id", "step", "level", "owner", "timestamp"])
    df["timestamp"] = pd.Timestamp("2024-03-01 08:00") + pd.to_timedelta(df["timestamp"], unit="h")
    return df


# c1 fits at the station; c2 is escalated to the district after review and breaches rectify;
# c3 skips the follow-up call; c4 reviews before verifying; c5 is still open; c6 repeats rectify.
LOG = log_of([
    ("c1", "verify", "station", "wang", 0), ("c1", "review", "station", "wang", 1),
    ("c1", "rectify", "station", "wang", 5), ("c1", "call", "station", "li", 20), ("c1", "archive", "station", "li", 30),
    ("c2", "verify", "station", "wang", 0), ("c2", "review", "station", "wang", 3),
    ("c2", "rectify", "district", "zhao", 10), ("c2", "call", "district", "zhao", 70),
    ("c2", "archive", "district", "zhao", 71),
    ("c3", "verify", "station", "li", 0), ("c3", "review", "station", "li", 1), ("c3", "rectify", "station", "li", 2),
    ("c3", "archive", "station", "li", 3),
    ("c4", "review", "station", "li", 0), ("c4", "verify", "station", "li", 1), ("c4", "rectify", "station", "li", 2),
    ("c4", "call", "station", "li", 3), ("c4", "archive", "station", "li", 4),
    ("c5", "verify", "station", "wang", 0), ("c5", "review", "district", "zhao", 1),
    ("c6", "verify", "station", "li", 0), ("c6", "review", "station", "li", 1), ("c6", "rectify", "station", "li", 2),
    ("c6", "rectify", "station", "li", 3), ("c6", "call", "station", "li", 4), ("c6", "archive", "station", "li", 5),
])


def test_conformance_names_each_deviation():
    table = conformance(LOG.sample(frac=1, random_state=1), FLOW)  # order of rows does not matter
    assert table["deviation"].astype(str).to_dict() == {
        "c1": "fits", "c2": "fits", "c3": "skipped", "c4": "reordered", "c5": "open", "c6": "repeated"}
    assert table.loc["c3", "missing"] == "call"
    assert table.loc["c2", "level"] == "district" and table.loc["c2", "hours"] == 71
    assert table.loc["c1", "trace"] == "verify → review → rectify → call → archive"
    assert table["fits"].sum() == 2 and table.loc["c5", "open"]


def test_step_times_and_breaches_by_hand():
    times = trace(LOG, FLOW, "c2")
    assert times["hours"].tolist()[:4] == [3, 7, 60, 1]
    assert times["breached"].tolist() == [True, False, True, False, False]  # verify 3 h > 2 h; rectify 60 h > 48 h
    assert pd.isna(times["end"].iloc[-1]) and pd.isna(times["limit_h"].iloc[-1])
    table = breaches(LOG, FLOW, by=("level",))
    assert table.loc["district", "events"] == 2 and table.loc["district", "breached"] == 1
    assert table["events"].sum() == len(step_times(LOG, FLOW).dropna(subset=["hours", "limit_h"]))
    by_owner = breaches(LOG, FLOW, by=("level", "owner"))
    assert by_owner.loc[("station", "wang"), "breached"] == 1


def test_where_complaints_are_settled():
    assert settled_level(LOG, FLOW).to_dict() == {"c1": "station", "c2": "district", "c3": "station",
                                                  "c4": "station", "c5": "district", "c6": "station"}
    paths = level_paths(LOG, FLOW).set_index(["source", "target"])["complaints"]
    assert paths[("station", "district")] == 2
    assert paths[("district", "settled:district")] == 1 and paths[("district", "open")] == 1
    assert paths[("station", "settled:station")] == 4


def test_recurring_causes_counts_complaints_once_and_groups():
    log = LOG.assign(root_cause=LOG["complaint_id"].map({"c1": "pump", "c2": "pump", "c3": "staff", "c4": "pump",
                                                         "c5": None, "c6": "staff"}),
                     station=LOG["complaint_id"].map({"c1": "s1", "c2": "s2", "c3": "s1", "c4": "s1", "c5": "s3",
                                                      "c6": "s1"}))
    table = recurring_causes(log, "root_cause", by="station")
    assert table.index.tolist() == ["pump", "staff"]
    assert table["complaints"].tolist() == [3, 2] and table["groups"].tolist() == [2, 1]
    assert table["share"].sum() == pytest.approx(1.0)


def test_xes_export_is_well_formed():
    root = ET.fromstring(to_xes(LOG))
    ns = {"x": "http://www.xes-standard.org/"}
    assert len(root.findall("x:trace", ns)) == 6
    assert len(root.findall("x:trace/x:event", ns)) == len(LOG)


def test_bad_logs_and_flows_get_a_message_in_both_languages():
    with pytest.raises(DataError, match="lacks columns: owner"):
        conformance(LOG.drop(columns="owner"), FLOW)
    with pytest.raises(DataError, match="not in flow") as err:
        conformance(LOG.replace({"step": {"call": "phone"}}), FLOW)
    assert err.value.rows and "投诉" in err.value.message_zh
    with pytest.raises(DataError, match="date-time"):
        conformance(LOG.assign(timestamp="yesterday"), FLOW)
    with pytest.raises(DataError, match="No complaint"):
        trace(LOG, FLOW, "c99")
    with pytest.raises(DataError):
        Flow("bad", ("a", "a"))
    with pytest.raises(DataError):
        Flow("bad", ("a", "b"), limits_h={"c": 1})
    with pytest.raises(DataError):
        Flow("bad", ("a", "b"), limits_h={"a": 0})


def test_optional_steps_may_be_left_out():
    flow = Flow("futures", ("receive", "promise", "solve", "confirm", "file"), optional=("promise",))
    log = log_of([("a", "receive", "branch", "x", 0), ("a", "solve", "branch", "x", 1),
                  ("a", "confirm", "branch", "x", 2), ("a", "file", "branch", "x", 3)])
    assert conformance(log, flow)["deviation"].tolist() == ["fits"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.sampled_from(FLOW.steps), st.sampled_from(FLOW.levels),
                          st.integers(0, 500)), min_size=1, max_size=60))
def test_invariants_on_random_logs(events):
    log = log_of([(f"c{c}", step, level, "o", h) for c, step, level, h in events])
    table = conformance(log, FLOW)
    assert len(table) == log["complaint_id"].nunique()
    assert table["events"].sum() == len(log)
    assert (table["fits"] == (table["deviation"] == "fits")).all()
    paths = level_paths(log, FLOW)
    ends = paths[paths["target"].str.startswith("settled:") | (paths["target"] == "open")]
    assert ends["complaints"].sum() == len(table)  # every complaint ends once
    times = step_times(log, FLOW)
    assert (times["hours"].dropna() >= 0).all()
    assert times["breached"].sum() == breaches(log, FLOW)["breached"].sum()
