"""The firm's size as the source states it (seeds/003, 1.1 公司简介) beside what the generated data gives."""
from __future__ import annotations

import pandas as pd

from crm.cases.logistics.case import _a, OUTLETS, PEAK_DAY_PARCELS, PROVINCES, REVENUE_YUAN, STAFF, YEAR_PARCELS


def source_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each figure of the source and the same figure computed from the tables (the sample scaled up).

    Returns
    -------
    pd.DataFrame
        Index ``figure`` (``outlets``, ``provinces``, ``staff``, ``parcels_year``, ``peak_day``,
        ``revenue_yuan``); ``source`` and ``in_data``.
    """
    rate = _a("sample_rate")
    p, o = tables["parcels"], tables["outlets"]
    rows = {"outlets": (OUTLETS, len(o)), "provinces": (PROVINCES, o["province"].nunique()),
            "staff": (STAFF, int(o["staff"].sum() + tables["hubs"]["staff"].sum())),
            "parcels_year": (YEAR_PARCELS, len(p) * rate),
            "peak_day": (PEAK_DAY_PARCELS, int(p.groupby("ship_date").size().max()) * rate),
            "revenue_yuan": (REVENUE_YUAN, float(p["price"].sum()) * rate)}
    out = pd.DataFrame(rows, index=["source", "in_data"]).T
    out.index.name = "figure"
    return out
