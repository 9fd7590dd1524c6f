"""Why parcels are late: the Pareto of delay and complaint causes, and what fixing the hubs would remove.

The source (seeds/003, 迅捷物流) ranks the causes: delays at port operations from 「场地的限制、操作流水线的严重
超负荷运转和现有设备的成旧和故障」 are 「仅次于非公司所能控制的承运人原因」. Its figure 4.1 with the shares is lost; the
shares here are those of the generated data (named assumptions, see the datasheet).

**The hub model.** Each hub's sorting line handles up to ``capacity`` parcels a day (the full-scale
figure of ``hub_days``), less on a day its line breaks down (``breakdown``, a share
``breakdown_loss`` of the capacity lost). Parcels are sorted in the order they arrive: a parcel
whose place in the day's order (``hub_position`` / :data:`POSITIONS`, 0 first, 1 last) lies beyond the share the line
can sort waits for the next day (a delay at port operations: ``line_overload``, or
``equipment_fault`` when the breakdown alone held it). :func:`port_held` applies this rule; the
generator writes the delays it gives, and :func:`port_relief` re-applies it with a larger capacity
or with the worn equipment replaced (no breakdown at a worn hub).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: The columns the Pareto and the drill-down need.
PARCEL_COLUMNS = ("parcel_id", "ship_date", "route", "origin_hub", "late", "delay_cause")
#: ``parcels.hub_position`` counts a parcel's place in its hub-day's sorting order in ten-thousandths.
POSITIONS = 10_000


def _need(df: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(f"{what}缺少列：{', '.join(missing)}。", f"The {what_en(what)} lacks columns: {', '.join(missing)}.",
                        column=missing[0])


def what_en(what: str) -> str:
    return {"快件表": "parcel table", "延误表": "delay table", "投诉表": "complaint table", "口岸日表": "hub-day table"}.get(
        what, what)


def port_held(position: np.ndarray, volume: np.ndarray, capacity: np.ndarray, breakdown: np.ndarray,
              loss: float) -> tuple[np.ndarray, np.ndarray]:
    """Which parcels a hub's line cannot sort on their day, and which of them only because of a breakdown.

    Parameters
    ----------
    position : array
        Each parcel's place in its hub-day's sorting order (0 first … 1 last).
    volume, capacity : array
        The parcel's hub-day volume and the line's capacity (full scale, parcels a day).
    breakdown : array of bool
        Whether the line broke down that day.
    loss : float
        Share of the capacity a breakdown costs.

    Returns
    -------
    held, by_breakdown : arrays of bool
        ``held``: the parcel waits; ``by_breakdown``: it would not have waited without the breakdown.
    """
    full = capacity / volume
    effective = np.where(breakdown, capacity * (1.0 - loss), capacity) / volume
    held = position >= effective
    return held, held & (position < full)


def delay_pareto(parcels: pd.DataFrame, by: str = "delay_cause") -> pd.DataFrame:
    """Late parcels by cause, largest first, with share and cumulative share (a Pareto table).

    Parameters
    ----------
    parcels : DataFrame
        Parcels with ``late`` and the ``by`` column (the recorded cause, the first delay a parcel met).

    Returns
    -------
    pd.DataFrame
        Index the cause; ``parcels``, ``share``, ``cumulative``. Empty when no parcel is late.
    """
    _need(parcels, ("late", by), "快件表")
    late = parcels.loc[parcels["late"].astype(bool), by].astype(str)
    counts = late.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    out = pd.DataFrame({"parcels": counts.astype(int)})
    out["share"] = out["parcels"] / max(int(out["parcels"].sum()), 1)
    out["cumulative"] = out["share"].cumsum()
    out.index.name = by
    return out


def complaint_pareto(complaints: pd.DataFrame) -> pd.DataFrame:
    """Complaints by topic (a delay cause or another topic), largest first, with share and cumulative share."""
    _need(complaints, ("topic",), "投诉表")
    counts = complaints["topic"].astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    out = pd.DataFrame({"complaints": counts.astype(int)})
    out["share"] = out["complaints"] / max(int(out["complaints"].sum()), 1)
    out["cumulative"] = out["share"].cumsum()
    out.index.name = "topic"
    return out


def drill_mask(parcels: pd.DataFrame, route: str | None = None, hub: str | None = None,
               month: int | None = None) -> np.ndarray:
    """Parcels of one route (``origin-destination``), through one hub (either end), or of one month (1-12)."""
    _need(parcels, ("route", "origin_hub", "destination", "ship_date"), "快件表")
    mask = np.ones(len(parcels), dtype=bool)
    if route:
        mask &= (parcels["route"] == route).to_numpy()
    if hub:
        mask &= ((parcels["origin_hub"] == hub) | (parcels["destination"] == hub)).to_numpy()
    if month:
        if not 1 <= int(month) <= 12:
            raise DataError(f"月份须在 1 到 12 之间（收到 {month}）。", f"The month must be 1 to 12 (got {month}).")
        mask &= (pd.to_datetime(parcels["ship_date"]).dt.month == int(month)).to_numpy()
    return mask


def port_relief(parcels: pd.DataFrame, hubs: pd.DataFrame, hub_days: pd.DataFrame, capacity_gain: float = 0.0,
                replace_equipment: bool = False, loss: float = 0.3) -> pd.Series:
    """Whether each parcel would still wait at its hub with more capacity or the worn equipment replaced.

    Parameters
    ----------
    parcels : DataFrame
        ``origin_hub``, ``ship_date``, ``hub_position`` (ten-thousandths of the day's sorting order).
    hubs : DataFrame
        ``hub``, ``worn`` (old equipment).
    hub_days : DataFrame
        ``hub``, ``date``, ``volume``, ``capacity``, ``breakdown``.
    capacity_gain : float
        Relief of the overloaded lines: every hub sorts this share more a day (0.2: +20 %).
    replace_equipment : bool
        The worn hubs get new equipment: their breakdowns do not happen.
    loss : float
        Capacity a breakdown costs (the case's ``breakdown_loss``).

    Returns
    -------
    pd.Series of bool
        ``True`` where the parcel waits at its hub under the changed conditions (index as ``parcels``).
    """
    _need(parcels, ("origin_hub", "ship_date", "hub_position"), "快件表")
    _need(hub_days, ("hub", "date", "volume", "capacity", "breakdown"), "口岸日表")
    if not -0.5 <= capacity_gain <= 2.0:
        raise DataError(f"扩容比例须在 -50% 到 +200% 之间（收到 {capacity_gain:.0%}）。",
                        f"The capacity change must be between -50% and +200% (got {capacity_gain:.0%}).")
    days = hub_days.set_index(["hub", pd.to_datetime(hub_days["date"])])
    key = pd.MultiIndex.from_arrays([parcels["origin_hub"], pd.to_datetime(parcels["ship_date"])])
    pos = days.index.get_indexer(key)
    if (pos < 0).any():
        bad = (np.flatnonzero(pos < 0)[:5] + 2).tolist()
        raise DataError(f"快件表第 {bad} 行的口岸与日期在口岸日表中找不到。",
                        f"Rows {bad} of the parcel table name a hub and day missing from the hub-day table.", rows=bad)
    breakdown = days["breakdown"].to_numpy(bool)[pos]
    if replace_equipment:
        worn = set(hubs.loc[hubs["worn"].astype(bool), "hub"])
        breakdown = breakdown & ~parcels["origin_hub"].isin(worn).to_numpy()
    held, _ = port_held(parcels["hub_position"].to_numpy(float) / POSITIONS, days["volume"].to_numpy(float)[pos],
                        days["capacity"].to_numpy(float)[pos] * (1.0 + capacity_gain), breakdown, loss)
    return pd.Series(held, index=parcels.index, name="held")


def relief_effect(parcels: pd.DataFrame, delays: pd.DataFrame, complaints: pd.DataFrame, still_held: pd.Series,
                  sample_rate: float = 1.0) -> dict:
    """What a hub change removes: port delays, late parcels, delay complaints (in the sample and a year).

    A parcel stops being late when its only delays were port-operations waits its hub no longer
    imposes (``still_held`` False, from :func:`port_relief`); its complaint about the delay is then
    avoided. ``sample_rate`` scales the sample's counts to the year.

    Returns
    -------
    dict
        ``port_delays`` and ``port_delays_removed``; ``late`` and ``late_removed`` (parcels);
        ``complaints_removed``; and each ``*_per_year`` (times ``sample_rate``); ``removed``: the
        ids of the parcels no longer late.
    """
    _need(delays, ("parcel_id", "cause"), "延误表")
    _need(complaints, ("parcel_id", "about_delay"), "投诉表")
    port = delays[delays["cause"] == "port_operations"]
    held_ids = set(parcels.loc[still_held.to_numpy(bool), "parcel_id"])
    cleared = port[~port["parcel_id"].isin(held_ids)]
    remaining = delays[~delays.index.isin(cleared.index)]
    late_ids = set(delays["parcel_id"])
    removed = late_ids - set(remaining["parcel_id"])
    about = complaints[complaints["about_delay"].astype(bool)]
    gone = int(about["parcel_id"].isin(removed).sum())
    out = {"port_delays": int(len(port)), "port_delays_removed": int(len(cleared)), "late": len(late_ids),
           "late_removed": len(removed), "complaints_removed": gone}
    out.update({f"{k}_per_year": v * sample_rate for k, v in list(out.items())})
    out["removed"] = removed
    return out


class HubRelief:
    """The hub rule prepared once per parcel, so that a what-if answers in a few milliseconds (for the view).

    ``late_after(gain, replace)`` gives, per parcel, whether it would still be late: it is if it met
    a delay other than port operations, or its hub would still hold it (:func:`port_held`).
    :func:`relief_effect` on :func:`port_relief` gives the same parcels (``tests/cases/logistics``).
    """

    def __init__(self, parcels: pd.DataFrame, hubs: pd.DataFrame, hub_days: pd.DataFrame, delays: pd.DataFrame,
                 loss: float = 0.3) -> None:
        _need(parcels, ("parcel_id", "origin_hub", "ship_date", "hub_position", "late"), "快件表")
        _need(delays, ("parcel_id", "cause"), "延误表")
        _need(hub_days, ("hub", "date", "volume", "capacity", "breakdown"), "口岸日表")
        days = hub_days.set_index(["hub", pd.to_datetime(hub_days["date"])])
        pos = days.index.get_indexer(pd.MultiIndex.from_arrays([parcels["origin_hub"],
                                                                pd.to_datetime(parcels["ship_date"])]))
        if (pos < 0).any():
            bad = (np.flatnonzero(pos < 0)[:5] + 2).tolist()
            raise DataError(f"快件表第 {bad} 行的口岸与日期在口岸日表中找不到。",
                            f"Rows {bad} of the parcel table name a hub and day missing from the hub-day table.",
                            rows=bad)
        self.loss = loss
        self.position = parcels["hub_position"].to_numpy(float) / POSITIONS
        self.volume = days["volume"].to_numpy(float)[pos]
        self.capacity = days["capacity"].to_numpy(float)[pos]
        self.breakdown = days["breakdown"].to_numpy(bool)[pos]
        worn = set(hubs.loc[hubs["worn"].astype(bool), "hub"])
        self.worn = parcels["origin_hub"].isin(worn).to_numpy()
        ids = parcels["parcel_id"]
        self.port = ids.isin(set(delays.loc[delays["cause"] == "port_operations", "parcel_id"])).to_numpy()
        self.other = ids.isin(set(delays.loc[delays["cause"] != "port_operations", "parcel_id"])).to_numpy()

    def late_after(self, capacity_gain: float = 0.0, replace_equipment: bool = False) -> np.ndarray:
        """Per parcel: still late with ``capacity_gain`` more capacity and, if asked, the worn equipment replaced."""
        breakdown = self.breakdown & ~self.worn if replace_equipment else self.breakdown
        held, _ = port_held(self.position, self.volume, self.capacity * (1.0 + capacity_gain), breakdown, self.loss)
        return self.other | (self.port & held)
