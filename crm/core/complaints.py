"""Complaint flows: a documented process checked against an event log.

Every case that handles complaints describes a process: the fuel network's three-level
fast response (seeds/002, 中原石油: station → district → company, each complaint through
verify → review → rectify → follow-up call → archive), the futures firm's "solve on the
spot, else promise a reply time, confirm, file, find the root cause" (seeds/000, 案例一),
the car-care chain's seven steps of service recovery (seeds/000, 案例二). A :class:`Flow`
states such a process; an **event log** records what really happened, one row per step
event:

``complaint_id`` (str), ``step`` (str), ``level`` (str), ``owner`` (str),
``timestamp`` (datetime64), plus any other columns (customer_id, topic, root_cause, ...).

Escalation shows as the ``level`` column changing: a complaint escalated mid-way goes
on with the next step at the higher level (e.g. verify and review at the station,
rectify at the district). A step that happens twice is rework (``repeated``).

The process models here are small and documented, so pandas and a few clear functions
check them; pm4py (AGPL-3.0) is not used, and :func:`to_xes` exports a log for anyone
who wants to mine it with pm4py on their side.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence
from xml.sax.saxutils import quoteattr

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

LOG_COLUMNS: tuple[str, ...] = ("complaint_id", "step", "level", "owner", "timestamp")
DEVIATIONS: tuple[str, ...] = ("fits", "open", "repeated", "skipped", "reordered")
OPEN = "open"
SETTLED = "settled:"


@dataclass(frozen=True)
class Flow:
    """A complaint process: the steps in order, escalation levels and time limits.

    Parameters
    ----------
    name : str
        A short code, e.g. ``"fast_response"``.
    steps : tuple of str
        The steps every complaint should go through, in order.
    levels : tuple of str, optional
        Escalation levels, lowest first (e.g. station, district, company); if given,
        every event's level must be one of them.
    limits_h : mapping step -> hours, optional
        Time limit of a step: from its event to the complaint's next event.
    optional : tuple of str, optional
        Steps a complaint may leave out without deviating (e.g. "promise a reply time"
        when the problem was solved on the spot).

    Examples
    --------
    >>> Flow("demo", ("receive", "solve", "archive"), limits_h={"receive": 24}).steps
    ('receive', 'solve', 'archive')
    """

    name: str
    steps: tuple[str, ...]
    levels: tuple[str, ...] = ()
    limits_h: Mapping[str, float] = field(default_factory=dict)
    optional: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "levels", tuple(self.levels))
        object.__setattr__(self, "optional", tuple(self.optional))
        object.__setattr__(self, "limits_h", dict(self.limits_h))
        if not self.steps or len(set(self.steps)) != len(self.steps):
            raise DataError("流程的步骤不能为空，也不能重复。", "A flow needs steps, each named once.")
        unknown = [s for s in (*self.limits_h, *self.optional) if s not in self.steps]
        if unknown:
            raise DataError(f"时限或可选步骤中有流程里没有的步骤：{unknown}。",
                            f"Time limits or optional steps name steps not in the flow: {unknown}.")
        bad = {s: h for s, h in self.limits_h.items() if not float(h) > 0}
        if bad:
            raise DataError(f"时限必须为正数（小时）：{bad}。", f"Time limits must be positive hours: {bad}.")

    @property
    def required(self) -> tuple[str, ...]:
        """The steps a complete complaint must have."""
        return tuple(s for s in self.steps if s not in self.optional)


def _checked(log: pd.DataFrame, flow: Flow) -> pd.DataFrame:
    """The log sorted by complaint and time (ties keep log order), after checking it fits the flow."""
    missing = [c for c in LOG_COLUMNS if c not in log.columns]
    if missing:
        raise DataError(f"投诉事件日志缺少列：{', '.join(missing)}（需要 {', '.join(LOG_COLUMNS)}）。",
                        f"The complaint event log lacks columns: {', '.join(missing)} (needs {', '.join(LOG_COLUMNS)}).")
    if not pd.api.types.is_datetime64_any_dtype(log["timestamp"]) or log["timestamp"].isna().any():
        raise DataError("投诉事件日志的 timestamp 列必须是完整的日期时间。",
                        "The complaint event log's timestamp column must hold a date-time on every row.")
    for column, known in (("step", flow.steps), ("level", flow.levels)):
        if not known:
            continue
        bad = ~log[column].isin(known)
        if bad.any():
            rows = (np.flatnonzero(bad.to_numpy())[:5] + 2).tolist()
            values = sorted(set(log.loc[bad, column].astype(str)))[:5]
            raise DataError(f"投诉事件日志的 {column} 列有流程“{flow.name}”里没有的值 {values}（第 {rows} 行）。",
                            f"The complaint log's {column} column has values not in flow '{flow.name}': "
                            f"{values} (rows {rows}).", column=column, rows=rows)
    return log.sort_values(["complaint_id", "timestamp"], kind="stable").reset_index(drop=True)


def step_times(log: pd.DataFrame, flow: Flow) -> pd.DataFrame:
    """Every event with how long its step took and whether it broke its time limit.

    Returns
    -------
    pd.DataFrame
        The log's rows sorted by complaint and time, plus ``end`` (the complaint's next
        event; NaT for its last), ``hours`` (end − timestamp), ``limit_h`` (NaN when the
        step has no limit) and ``breached`` (hours > limit_h; False when either is unknown).
    """
    out = _checked(log, flow)
    same = out["complaint_id"].eq(out["complaint_id"].shift(-1)).to_numpy()
    nxt = out["timestamp"].shift(-1)
    out["end"] = nxt.where(same)
    out["hours"] = (out["end"] - out["timestamp"]).dt.total_seconds() / 3600.0
    out["limit_h"] = out["step"].map(flow.limits_h).astype(float)
    out["breached"] = (out["hours"] > out["limit_h"]).fillna(False).astype(bool)
    return out


def trace(log: pd.DataFrame, flow: Flow, complaint_id: str) -> pd.DataFrame:
    """One complaint's events in time order, with durations, limits and breaches (see :func:`step_times`)."""
    rows = log[log["complaint_id"] == complaint_id]
    if rows.empty:
        raise DataError(f"没有编号为 {complaint_id} 的投诉。", f"No complaint has id {complaint_id}.")
    return step_times(rows, flow).reset_index(drop=True)


def breaches(log: pd.DataFrame, flow: Flow, by: Sequence[str] = ("level",)) -> pd.DataFrame:
    """Time-limit breaches per group (e.g. per level, per owner) over the steps that have a limit.

    Returns
    -------
    pd.DataFrame
        One row per group (index = ``by``): ``events`` (timed steps), ``breached``,
        ``breach_rate`` and ``mean_hours``.
    """
    times = step_times(log, flow)
    timed = times[times["limit_h"].notna() & times["hours"].notna()]
    grouped = timed.groupby(list(by), observed=True, sort=True)
    out = grouped.agg(events=("breached", "size"), breached=("breached", "sum"), mean_hours=("hours", "mean"))
    out["breached"] = out["breached"].astype(int)
    out["breach_rate"] = out["breached"] / out["events"]
    return out[["events", "breached", "breach_rate", "mean_hours"]]


def _deviation(steps: tuple, flow: Flow, position: dict[str, int]) -> tuple:
    seen = list(dict.fromkeys(steps))  # first occurrences, in order
    order = [position[s] for s in seen]
    reordered = any(b < a for a, b in zip(order, order[1:]))
    repeated = len(seen) < len(steps)
    is_open = flow.steps[-1] not in seen
    reached = max(order)
    missing = tuple(s for s in flow.required if s not in seen and position[s] < reached)
    if reordered:
        kind = "reordered"
    elif missing:
        kind = "skipped"
    elif repeated:
        kind = "repeated"
    elif is_open:
        kind = OPEN
    else:
        kind = "fits"
    return " → ".join(steps), kind == "fits", ", ".join(missing), repeated, reordered, is_open, kind


def conformance(log: pd.DataFrame, flow: Flow) -> pd.DataFrame:
    """Check every complaint's steps against the flow.

    A complaint **fits** when it went through every required step, in order, once, and
    was closed (reached the flow's last step). Otherwise its ``deviation`` is, the first
    that applies: ``reordered`` (a step came before an earlier one), ``skipped`` (a
    required step is missing before the last step reached), ``repeated`` (a step done
    twice: rework), ``open`` (in order so far, not yet closed).

    Returns
    -------
    pd.DataFrame
        Index ``complaint_id``; columns ``trace`` (steps joined by " → "), ``events``,
        ``level`` (where it was settled: its last event's level), ``hours`` (first to
        last event), ``fits``, ``missing``, ``repeated``, ``reordered``, ``open``,
        ``deviation``.

    Examples
    --------
    >>> flow = Flow("demo", ("receive", "solve", "archive"))
    >>> log = pd.DataFrame({"complaint_id": ["c1", "c1", "c2", "c2"], "step": ["receive", "archive"] * 2,
    ...                     "level": "shop", "owner": "li", "timestamp": pd.to_datetime(["2024-01-01"] * 4)})
    >>> conformance(log, flow)["deviation"].tolist()
    ['skipped', 'skipped']
    """
    ordered = _checked(log, flow)
    position = {s: i for i, s in enumerate(flow.steps)}
    groups = ordered.groupby("complaint_id", sort=True)
    steps = groups["step"].agg(tuple)
    rows = [_deviation(s, flow, position) for s in steps]
    out = pd.DataFrame(rows, index=steps.index,
                       columns=["trace", "fits", "missing", "repeated", "reordered", "open", "deviation"])
    first, last = groups["timestamp"].min(), groups["timestamp"].max()
    out.insert(1, "events", groups.size())
    out.insert(2, "level", groups["level"].last())
    out.insert(3, "hours", (last - first).dt.total_seconds() / 3600.0)
    out["deviation"] = pd.Categorical(out["deviation"], categories=list(DEVIATIONS))
    return out


def settled_level(log: pd.DataFrame, flow: Flow) -> pd.Series:
    """The level at which each complaint was settled: the level of its last event."""
    ordered = _checked(log, flow)
    return ordered.groupby("complaint_id", sort=True)["level"].last().rename("level")


def level_paths(log: pd.DataFrame, flow: Flow) -> pd.DataFrame:
    """Escalations between levels and where complaints end, counted for a Sankey diagram.

    Each complaint contributes one link per change of level (``station → district``) and
    one final link from its last level to ``"settled:<level>"``, or to ``"open"`` if it
    has not reached the flow's last step.

    Returns
    -------
    pd.DataFrame
        ``source``, ``target``, ``complaints``; the number of complaints entering the
        lowest level equals the number leaving all levels.
    """
    ordered = _checked(log, flow)
    ids = ordered["complaint_id"].to_numpy()
    lv = ordered["level"].astype(str).to_numpy()
    new_complaint = np.r_[True, ids[1:] != ids[:-1]]
    changes = ~new_complaint & np.r_[False, lv[1:] != lv[:-1]]
    idx = np.flatnonzero(changes)
    moves = pd.DataFrame({"source": lv[idx - 1], "target": lv[idx]})
    last = np.r_[np.flatnonzero(new_complaint)[1:] - 1, len(ids) - 1] if len(ids) else np.array([], int)
    closed = ordered.groupby("complaint_id", sort=False)["step"].agg(lambda s: flow.steps[-1] in set(s))
    ends = pd.DataFrame({"source": lv[last],
                         "target": np.where(closed.reindex(ids[last]).to_numpy(), SETTLED + lv[last], OPEN)})
    paths = pd.concat([moves, ends], ignore_index=True)
    return (paths.groupby(["source", "target"], sort=True).size().rename("complaints").reset_index())


def recurring_causes(log: pd.DataFrame, cause: str = "root_cause", by: str | None = None) -> pd.DataFrame:
    """Root causes by how many complaints they explain, and how many groups raised them.

    Parameters
    ----------
    log : pd.DataFrame
        An event log (or one row per complaint) with ``complaint_id`` and ``cause``.
    cause : str
        The column naming the root cause; a complaint counts once, with its first
        non-empty cause.
    by : str, optional
        A column such as ``branch``: a cause raised by several groups is one the firm
        solved several times over.

    Returns
    -------
    pd.DataFrame
        Index ``cause``, most frequent first: ``complaints``, ``share`` and, with ``by``,
        ``groups`` (distinct groups raising it).
    """
    for column in ("complaint_id", cause, *([by] if by else [])):
        if column not in log.columns:
            raise DataError(f"投诉表缺少列 {column}。", f"The complaint table lacks column {column}.", column=column)
    known = log.dropna(subset=[cause])
    first = known.groupby("complaint_id", sort=True).first()
    counts = first.groupby(cause, observed=True).size().rename("complaints")
    out = counts.to_frame()
    out["share"] = out["complaints"] / max(len(first), 1)
    if by:
        out["groups"] = first.groupby(cause, observed=True)[by].nunique()
    out.index = out.index.astype(str)
    out.index.name = "cause"
    return out.sort_values(["complaints", *(["groups"] if by else [])], ascending=False, kind="stable")


def to_xes(log: pd.DataFrame) -> str:
    """The event log as XES (IEEE 1849) XML text, one trace per complaint.

    Each event carries ``concept:name`` (the step), ``org:resource`` (the owner),
    ``time:timestamp`` and ``level``; pm4py and other process-mining tools read it.
    """
    ordered = log.sort_values(["complaint_id", "timestamp"], kind="stable")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">',
           '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
           '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
           '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>']
    for cid, events in ordered.groupby("complaint_id", sort=True):
        out += ["  <trace>", f'    <string key="concept:name" value={quoteattr(str(cid))}/>']
        for step, level, owner, ts in events[["step", "level", "owner", "timestamp"]].itertuples(index=False):
            out += ["    <event>", f'      <string key="concept:name" value={quoteattr(str(step))}/>',
                    f'      <string key="org:resource" value={quoteattr(str(owner))}/>',
                    f'      <string key="level" value={quoteattr(str(level))}/>',
                    f'      <date key="time:timestamp" value="{pd.Timestamp(ts).isoformat()}"/>', "    </event>"]
        out.append("  </trace>")
    out.append("</log>")
    return "\n".join(out) + "\n"
