"""Generator for the logistics case, 迅捷物流速运有限公司 (seeds/003).

The source gives the firm's size (2,200 outlets in 32 provinces and about 250 cities, 72,000
staff, a 2010 peak of 2.6 million parcels a day, 600 million a year, 7.5 billion yuan), its five
departments close to CRM, the hotline's rules and a diagnosis: customer service alone owns CRM,
the other departments do not support it, and worn, overloaded hub lines make port operations the
largest cause of delays after carriers. Its department figure, its client table and the figure of
delay shares are lost in the scrape: every share, count and client here is a modelling assumption
(:data:`crm.cases.logistics.case.ASSUMPTIONS`, printed in the datasheet), chosen so that the
source's ranking (carrier first, port operations second) comes out of the mechanisms, not typed in.

The year's 600 million parcels are sampled 1 in 10,000 (60,000 parcels); the hubs' daily volumes
and capacities (``hub_days``) are at full scale; complaints and calls are those of the sampled
parcels. Complaints are handled as in 2010, by customer service alone
(:func:`crm.cases.logistics.ownership.handle` with no department bound in).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.logistics.case import (_a, CAUSE_STAGE, CAUSES, CITIES,
                                      DEFAULT_SEED, HUBS, INTERNATIONAL, OTHER_TOPICS, OUTLETS,
                                      PEAK_DAY_PARCELS, PROVINCES, REVENUE_YUAN, STAFF, YEAR, YEAR_PARCELS)
from crm.cases.logistics.delays import port_held, POSITIONS
from crm.cases.logistics.ownership import OWNERS, OwnershipConfig, handle
from crm.core.queueing import mmc_metrics

DETAILS = {"carrier": ("flight_cancelled", "trunk_truck_late", "weather"), "service_centre": ("pickup_missed",
           "delivery_missed"), "customs": ("clearance",), "recipient": ("address_wrong", "recipient_absent"),
           "it_system": ("system_outage",), "sales_promise": ("promise_beyond_network",)}


def _largest_remainder(weights: np.ndarray, total: int, minimum: int = 0) -> np.ndarray:
    """Whole numbers in proportion to ``weights`` that add up to ``total`` exactly (each at least ``minimum``)."""
    w = np.asarray(weights, float)
    base = np.full(len(w), minimum)
    rest = total - base.sum()
    exact = w / w.sum() * rest
    out = np.floor(exact).astype(int)
    out[np.argsort(-(exact - out), kind="stable")[: rest - out.sum()]] += 1
    return base + out


def _days() -> pd.DatetimeIndex:
    return pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")


def daily_volume() -> np.ndarray:
    """Full-scale parcels per day of 2010: the year's 600 million, peaking at 2.6 million (both from the source).

    The seasonal shape (assumption ``seasonality``, weekends 0.8) is raised to the power that makes
    the peak day 2.6 / (600 / 365) times an average day, then scaled to the year's total.
    """
    days = _days()
    anchors = pd.Series(_a("seasonality"))
    anchors.index = pd.to_datetime(anchors.index)
    x = days.map(lambda d: 0).astype(float).to_numpy()
    t = (days - days[0]).days.to_numpy()
    at = (anchors.index - days[0]).days.to_numpy()
    x = np.interp(t, np.r_[at[-1] - 365, at, at[0] + 365], np.r_[anchors.iloc[-1], anchors.to_numpy(), anchors.iloc[0]])
    x = x * np.where(days.day_of_week >= 5, 0.8, 1.0)
    target = PEAK_DAY_PARCELS / (YEAR_PARCELS / len(days))
    lo, hi = 0.1, 5.0
    for _ in range(60):  # bisection on the power: max/mean grows with it
        g = (lo + hi) / 2
        y = x ** g
        lo, hi = (g, hi) if y.max() / y.mean() < target else (lo, g)
    y = x ** ((lo + hi) / 2)
    return y / y.sum() * YEAR_PARCELS


def _geography(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    share = np.asarray(_a("hub_share"), float)
    prov_hub = np.repeat(np.arange(len(HUBS)), _largest_remainder(share, PROVINCES, 1))
    provinces = [f"P{i:02d}" for i in range(1, PROVINCES + 1)]
    city_prov = np.sort(rng.choice(PROVINCES, CITIES - PROVINCES, p=share[prov_hub] / share[prov_hub].sum()))
    city_prov = np.sort(np.r_[np.arange(PROVINCES), city_prov])
    lo, hi = _a("outlets_per_city")
    w = np.clip(rng.lognormal(0, 1.0, CITIES), 0.2, None)
    per_city = np.minimum(_largest_remainder(w, OUTLETS, lo), hi)
    while per_city.sum() < OUTLETS:  # give what the cap took to the cities below it
        room = np.flatnonzero(per_city < hi)
        per_city[room[np.argsort(-w[room])[: OUTLETS - per_city.sum()]]] += 1
    cities = pd.DataFrame({"city": [f"C{i:03d}" for i in range(1, CITIES + 1)],
                           "province": np.array(provinces)[city_prov], "hub": np.array(HUBS)[prov_hub[city_prov]],
                           "outlets": per_city})
    o_city = np.repeat(np.arange(CITIES), per_city)
    hub_staff = _largest_remainder(share, int(STAFF * _a("hub_staff_share")))
    outlet_staff = _largest_remainder(rng.lognormal(0, 0.4, OUTLETS), STAFF - int(hub_staff.sum()), 5)
    outlets = pd.DataFrame({"outlet_id": [f"O{i:04d}" for i in range(1, OUTLETS + 1)],
                            "city": cities["city"].to_numpy()[o_city], "province": cities["province"].to_numpy()[o_city],
                            "hub": cities["hub"].to_numpy()[o_city], "staff": outlet_staff})
    worn = set(_a("worn_hubs"))
    hubs = pd.DataFrame({"hub": HUBS, "worn": [h in worn for h in HUBS], "staff": hub_staff,
                         "capacity": 0, "provinces": np.bincount(prov_hub, minlength=len(HUBS))})
    return cities, outlets, hubs


def _hub_days(hubs: pd.DataFrame, volume: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    share = np.asarray(_a("hub_share"), float)
    mult = np.asarray(_a("hub_capacity"), float)
    capacity = np.rint(mult * volume.mean() * share).astype(int)
    hubs["capacity"] = capacity
    rate = _a("breakdown_rate")
    days = _days()
    rows = []
    for h, hub in enumerate(HUBS):
        p = rate["worn"] if hubs.at[h, "worn"] else rate["new"]
        rows.append(pd.DataFrame({"hub": hub, "date": days, "volume": np.rint(volume * share[h]).astype(int),
                                  "capacity": capacity[h], "breakdown": rng.random(len(days)) < p}))
    return pd.concat(rows, ignore_index=True)


def _parcels(cities: pd.DataFrame, volume: np.ndarray, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    rate = _a("sample_rate")
    per_day = _largest_remainder(volume, int(round(YEAR_PARCELS / rate)))
    days = _days()
    n = int(per_day.sum())
    ship = np.repeat(days.to_numpy(), per_day)
    share = np.asarray(_a("hub_share"), float)
    origin = rng.choice(len(HUBS), n, p=share)
    mix = _a("service_mix")
    service = rng.choice(np.array(list(mix)), n, p=list(mix.values()))
    dest_pick = rng.choice(len(HUBS), n, p=share)
    clash = (dest_pick == origin) & (service == "domestic")
    dest_pick[clash] = (origin[clash] + 1 + rng.integers(0, len(HUBS) - 1, clash.sum())) % len(HUBS)
    dest = np.where(service == "same_hub", np.array(HUBS)[origin], np.array(HUBS)[dest_pick])
    dest = np.where(service == "international", np.array(INTERNATIONAL)[rng.integers(0, 3, n)], dest)
    # the origin city: one of the origin hub's cities, weighted by its outlets
    city_of = {}
    for h, hub in enumerate(HUBS):
        c = cities[cities["hub"] == hub]
        city_of[h] = (c["city"].to_numpy(), c["outlets"].to_numpy() / c["outlets"].sum())
    city = np.empty(n, dtype=object)
    for h in range(len(HUBS)):
        rows = origin == h
        names, p = city_of[h]
        city[rows] = rng.choice(names, rows.sum(), p=p)
    # senders: contract clients (heavy, by hub) or walk-ins (one parcel each)
    cmix = _a("client_mix")
    contract = rng.random(n) < cmix["contract"]
    k = int(_a("contract_clients"))
    c_hub = rng.choice(len(HUBS), k, p=share)
    c_weight = rng.lognormal(0, 1.3, k)
    client = np.empty(n, dtype=object)
    for h in range(len(HUBS)):
        mine = np.flatnonzero(c_hub == h)
        rows = np.flatnonzero(contract & (origin == h))
        client[rows] = [f"B{i + 1:04d}" for i in rng.choice(mine, len(rows), p=c_weight[mine] / c_weight[mine].sum())]
    walk = np.flatnonzero(~contract)
    client[walk] = [f"W{i + 1:05d}" for i in range(len(walk))]
    hub_of_city = dict(zip(cities["city"], cities["hub"]))
    c_city = {f"B{i + 1:04d}": rng.choice(cities.loc[cities["hub"] == HUBS[c_hub[i]], "city"].to_numpy()) for i in range(k)}
    promised = pd.Series(service).map(_a("promised_days")).to_numpy()
    far = set(_a("far_extra_day"))
    o_name = np.array(HUBS)[origin]
    promised = promised + ((service == "domestic") & (np.isin(o_name, list(far)) | np.isin(dest, list(far))))
    base = pd.Series(service).map(_a("base_price_yuan")).to_numpy()
    raw = base * rng.lognormal(0, 0.3, n)
    price = np.round(raw * REVENUE_YUAN / rate / raw.sum(), 2)
    parcels = pd.DataFrame({"parcel_id": [f"X{i + 1:06d}" for i in range(n)], "client_id": client,
                            "ship_date": pd.to_datetime(ship), "origin_city": city, "origin_hub": o_name,
                            "destination": dest, "route": [f"{a}-{b}" for a, b in zip(o_name, dest)],
                            "service": service, "promised_days": promised.astype(int), "price": price,
                            "hub_position": rng.integers(0, POSITIONS, n)})
    first = parcels.groupby("client_id")["ship_date"].min()
    clients = pd.DataFrame({"client_id": first.index})
    clients["kind"] = np.where(clients["client_id"].str.startswith("B"), "contract", "walk_in")
    by_parcel = parcels.drop_duplicates("client_id").set_index("client_id")["origin_city"]
    clients["city"] = [c_city.get(c) or by_parcel[c] for c in clients["client_id"]]
    clients["hub"] = clients["city"].map(hub_of_city)
    clients["first_shipment"] = first.to_numpy()
    return parcels, clients


def _delays(parcels: pd.DataFrame, hubs: pd.DataFrame, hub_days: pd.DataFrame,
            rng: np.random.Generator) -> pd.DataFrame:
    n = len(parcels)
    key = hub_days.set_index(["hub", "date"])
    pos = key.index.get_indexer(pd.MultiIndex.from_arrays([parcels["origin_hub"], parcels["ship_date"]]))
    held, by_breakdown = port_held(parcels["hub_position"].to_numpy() / POSITIONS, key["volume"].to_numpy(float)[pos],
                                   key["capacity"].to_numpy(float)[pos], key["breakdown"].to_numpy(bool)[pos],
                                   float(_a("breakdown_loss")))
    rates = _a("delay_rates")
    lo, hi = _a("delay_days")
    month = parcels["ship_date"].dt.month.to_numpy()
    frames = []
    for cause, p in rates.items():
        chance = np.full(n, p)
        if cause == "carrier":
            chance = np.where(np.isin(month, (1, 7)), 2 * p, p)
        if cause == "customs":
            chance = np.where(parcels["service"].to_numpy() == "international", p, 0.0)
        hit = np.flatnonzero(rng.random(n) < chance)
        detail = np.array(DETAILS[cause])[rng.integers(0, len(DETAILS[cause]), len(hit))]
        frames.append(pd.DataFrame({"row": hit, "cause": cause, "detail": detail,
                                    "days": rng.integers(lo, hi + 1, len(hit))}))
    port = np.flatnonzero(held)
    frames.append(pd.DataFrame({"row": port, "cause": "port_operations",
                                "detail": np.where(by_breakdown[port], "equipment_fault", "line_overload"), "days": 1}))
    d = pd.concat(frames, ignore_index=True)
    d["stage"] = d["cause"].map(CAUSE_STAGE)
    d = d.sort_values(["row", "stage"], kind="stable").reset_index(drop=True)
    d.insert(0, "parcel_id", parcels["parcel_id"].to_numpy()[d["row"]])
    d.insert(0, "delay_id", [f"D{i + 1:06d}" for i in range(len(d))])
    return d.drop(columns=["row", "stage"])


def _mark_late(parcels: pd.DataFrame, delays: pd.DataFrame) -> pd.DataFrame:
    first = delays.drop_duplicates("parcel_id").set_index("parcel_id")["cause"]
    days = delays.groupby("parcel_id")["days"].sum()
    out = parcels.copy()
    out["late"] = out["parcel_id"].isin(first.index)
    out["delay_days"] = out["parcel_id"].map(days).fillna(0).astype(int)
    out["delay_cause"] = out["parcel_id"].map(first)
    out["delivered"] = out["ship_date"] + pd.to_timedelta(out["promised_days"] + out["delay_days"], unit="D")
    return out


def _owner(topic: pd.Series) -> pd.Series:
    owners = {**{c: (d or _a("carrier_owner")) for c, d in CAUSES.items()}, **OTHER_TOPICS}
    return topic.map(owners)


def _complaints(parcels: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, OwnershipConfig]:
    r = _a("complaint_rate")
    late = parcels["late"].to_numpy()
    p = np.where(late, r["late"] + r["extra_per_day"] * (parcels["delay_days"].to_numpy() - 1), r["on_time"])
    hit = np.flatnonzero(rng.random(len(parcels)) < p)
    c = parcels.iloc[hit].reset_index(drop=True)
    about = c["late"].to_numpy()
    topics = _a("other_topics")
    other = rng.choice(np.array(list(topics)), len(c), p=list(topics.values()))
    topic = np.where(about, c["delay_cause"].fillna("").to_numpy(), other)
    noticed = np.where(about, c["ship_date"] + pd.to_timedelta(c["promised_days"] + 1, unit="D"),
                       c["delivered"] + pd.Timedelta(days=1))
    received = pd.to_datetime(noticed) + pd.to_timedelta(rng.integers(8 * 60, 21 * 60, len(c)), unit="min")
    out = pd.DataFrame({"parcel_id": c["parcel_id"], "client_id": c["client_id"], "received_at": received,
                        "topic": topic, "about_delay": about})
    out = out.sort_values(["received_at", "parcel_id"], kind="stable").reset_index(drop=True)
    out.insert(0, "complaint_id", [f"K{i + 1:05d}" for i in range(len(out))])
    out["owner"] = _owner(out["topic"]).to_numpy()
    mix = out["owner"].value_counts(normalize=True).reindex(list(OWNERS), fill_value=0.0)
    config = OwnershipConfig(complaints_per_day=len(out) * _a("sample_rate") / 365.0,
                             owner_mix=tuple(float(x) for x in mix), n=len(out))
    k = len(out)
    draws = pd.DataFrame({"owner": out["owner"], "u_wait": rng.random(k), "u_line": rng.random(k),
                          "u_support": rng.random(k), "e_wait": rng.exponential(1.0, k),
                          "e_dept": rng.exponential(1.0, k), "e_solve": rng.exponential(1.0, k),
                          "e_relay": rng.exponential(1.0, k)})
    today = handle(draws, config).complaints  # 2010: customer service alone, nobody bound in
    out["path"] = today["path"].to_numpy()
    out["calls"] = today["calls"].to_numpy()
    out["answered_at"] = (out["received_at"] + pd.to_timedelta(today["hours"].to_numpy(), unit="h")).dt.floor("min")
    return out, config


def _calls(parcels: pd.DataFrame, complaints: pd.DataFrame, config: OwnershipConfig,
           rng: np.random.Generator) -> pd.DataFrame:
    frames = []
    n = len(parcels)
    for kind, rate in _a("calls_per_parcel").items():
        hit = np.flatnonzero(rng.random(n) < rate)
        p = parcels.iloc[hit]
        when = p["ship_date"] + pd.to_timedelta(rng.integers(0, 3, len(p)) * 24 * 60
                                                + rng.integers(8 * 60, 21 * 60, len(p)), unit="min")
        if kind == "booking":  # a booking comes before the pickup
            when = when - pd.Timedelta(days=1)
        frames.append(pd.DataFrame({"started": when, "parcel_id": p["parcel_id"].to_numpy(),
                                    "client_id": p["client_id"].to_numpy(), "kind": kind}))
    rep = complaints.loc[complaints.index.repeat(complaints["calls"])]
    k = rep.groupby(level=0).cumcount().to_numpy()
    frames.append(pd.DataFrame({"started": rep["received_at"].to_numpy() + pd.to_timedelta(k * config.patience_h, unit="h"),
                                "parcel_id": rep["parcel_id"].to_numpy(), "client_id": rep["client_id"].to_numpy(),
                                "kind": np.where(k == 0, "complaint", "complaint_repeat")}))
    calls = pd.concat(frames, ignore_index=True)
    calls = calls[calls["started"] < pd.Timestamp(f"{YEAR + 1}-01-01")]
    calls = calls.sort_values(["started", "parcel_id", "kind"], kind="stable").reset_index(drop=True)
    m = len(calls)
    cond = _a("line_conditions")
    calls["condition"] = rng.choice(np.array(list(cond)), m, p=list(cond.values()))
    # wait for an agent: the complaint line's M/M/c at the year's mean load of all these calls
    arrivals = m * _a("sample_rate") / 365.0 / 24.0 / 60.0
    agents = max(config.cs_agents, int(np.ceil(arrivals * config.call_minutes / 0.9)))
    q = mmc_metrics(arrivals, 1.0 / config.call_minutes, agents)
    rate_s = (agents / config.call_minutes - arrivals) / 60.0
    calls["wait_s"] = np.where(rng.random(m) < q.p_wait, np.round(rng.exponential(1.0 / rate_s, m)), 0).astype(int)
    talk = _a("talk_seconds")
    calls["talk_s"] = np.round(rng.gamma(4.0, calls["kind"].map(talk).to_numpy() / 4.0)).astype(int)
    calls.insert(0, "call_id", [f"T{i + 1:06d}" for i in range(m)])
    calls.loc[calls["condition"] == "silent", "talk_s"] = 20  # greet, 5 s, greet, 5 s, explain, 5 s, hang up
    return calls


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the logistics firm's tables from a seed.

    Returns
    -------
    dict
        ``outlets`` (2,200), ``hubs`` (9), ``hub_days`` (full-scale daily volume, capacity and
        breakdowns per hub), ``clients`` (senders in the sample), ``parcels`` (1 in 10,000 of 2010),
        ``delays`` (every delay a parcel met, with cause and detail), ``complaints`` (with the
        owning department and how customer service alone handled them) and ``calls`` (the hotline).
    """
    rng = np.random.default_rng(seed)
    cities, outlets, hubs = _geography(rng)
    volume = daily_volume()
    hub_days = _hub_days(hubs, volume, rng)
    parcels, clients = _parcels(cities, volume, rng)
    delays = _delays(parcels, hubs, hub_days, rng)
    parcels = _mark_late(parcels, delays)
    complaints, config = _complaints(parcels, rng)
    calls = _calls(parcels, complaints, config, rng)
    return {"outlets": outlets, "hubs": hubs, "hub_days": hub_days, "clients": clients, "parcels": parcels,
            "delays": delays, "complaints": complaints, "calls": calls}


def _share_late_by(cause: str):  # noqa: ANN202
    def share(t: dict[str, pd.DataFrame]) -> float:
        p = t["parcels"]
        return float((p["delay_cause"] == cause).sum() / p["late"].sum())
    return share


#: The figure in the generated tables for each assumption that has one (printed in the datasheet).
MEASURED = {
    "sample_rate": lambda t: f"{len(t['parcels']):,} parcels × 10,000 = {len(t['parcels']) * 10_000:,}",
    "contract_clients": lambda t: int((t["clients"]["kind"] == "contract").sum()),
    "hub_capacity": lambda t: "late parcels whose first delay is port operations: "
                              f"{_share_late_by('port_operations')(t):.1%}; carrier: {_share_late_by('carrier')(t):.1%}",
    "complaint_rate": lambda t: f"{len(t['complaints']):,} complaints, "
                                f"{t['complaints']['about_delay'].mean():.1%} about a delay",
    "line_conditions": lambda t: f"{(t['calls']['condition'] != 'normal').mean():.1%} of calls not normal",
}
