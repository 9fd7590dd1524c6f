"""The monthly analysis the source asks of each district, as far as the refuel log can give it.

seeds/002: "片区分析油站销售情况、客户开发、加油卡消费趋势、客户消费潜力,以及现有客户级别变化情况". Of
these, the refuels and the customer file give, month by month: the litres sold (sales), the vehicles
seen for the first time (customer development), the share of litres paid by fuel card (the card
spending trend) and the customers who refuelled. Customers' potential and changes of class need a
rule the source does not give (a tier's line is an assumption), so they are left to the care view.
"""
from __future__ import annotations

import pandas as pd

from crm.core.schemas import DataError
from crm.core.shared_results import shared

__all__ = ["monthly_analysis"]

MEASURES = ("litres", "card_share", "active_customers", "new_customers")


@shared
def monthly_analysis(refuels: pd.DataFrame, customers: pd.DataFrame, stations: pd.DataFrame,
                     by: str = "district") -> pd.DataFrame:
    """Litres, card share, active and new customers per month (and per ``by``: district or station).

    Parameters
    ----------
    refuels : DataFrame
        ``date``, ``customer_id``, ``station_id``, ``litres``, ``payment`` (card or cash).
    customers : DataFrame
        ``customer_id``, ``first_visit``: a customer is new in the month of his first visit,
        counted where he refuelled then.
    stations : DataFrame
        ``station_id``, ``district``.
    by : {"district", "station_id", "network"}
        The level of the analysis ("network": the company's).

    Returns
    -------
    pd.DataFrame
        Indexed by (``month``, ``by``), or by ``month`` for the network: ``litres``,
        ``card_share`` (card litres / litres), ``active_customers`` (distinct customers who
        refuelled), ``new_customers`` (first visit in the month).

    Examples
    --------
    >>> r = pd.DataFrame({"date": pd.to_datetime(["2014-01-03", "2014-01-20", "2014-02-02"]),
    ...                   "customer_id": ["a", "b", "a"], "station_id": ["S1", "S1", "S1"],
    ...                   "litres": [40.0, 60.0, 50.0], "payment": ["card", "cash", "card"]})
    >>> c = pd.DataFrame({"customer_id": ["a", "b"], "first_visit": pd.to_datetime(["2013-12-01", "2014-01-20"])})
    >>> s = pd.DataFrame({"station_id": ["S1"], "district": ["d"]})
    >>> monthly_analysis(r, c, s, by="network")[["litres", "card_share", "new_customers"]].to_dict("list")
    {'litres': [100.0, 50.0], 'card_share': [0.4, 1.0], 'new_customers': [1, 0]}
    """
    if by not in ("district", "station_id", "network"):
        raise DataError(f"分析层级只能是 district、station_id 或 network，收到 {by!r}。",
                        f"The level must be district, station_id or network, not {by!r}.")
    missing = [c for c in ("date", "customer_id", "station_id", "litres", "payment") if c not in refuels]
    if missing:
        raise DataError(f"refuels 缺少列：{', '.join(missing)}。", f"refuels lacks the columns {', '.join(missing)}.")
    r = refuels.merge(stations[["station_id", "district"]], on="station_id", how="left")
    r["month"] = r["date"].dt.to_period("M").dt.to_timestamp()
    r["card_litres"] = r["litres"].where(r["payment"].astype(str) == "card", 0.0)
    keys = ["month"] if by == "network" else ["month", by]
    out = r.groupby(keys, observed=True).agg(litres=("litres", "sum"), card_litres=("card_litres", "sum"),
                                             active_customers=("customer_id", "nunique"))
    out["card_share"] = out["card_litres"] / out["litres"]
    first = r.merge(customers[["customer_id", "first_visit"]], on="customer_id")
    first = first[first["date"] == first["first_visit"]].drop_duplicates("customer_id")
    new = first.groupby(keys, observed=True)["customer_id"].nunique()
    out["new_customers"] = new.reindex(out.index).fillna(0).astype(int)
    return out[list(MEASURES)]
