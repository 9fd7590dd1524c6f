"""The CDNOW 1/10 sample (Fader, Hardie & Lee 2005) as the models read it: tests/data/cdnow/README.md."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crm.core.rfm import rfm_summary

CDNOW = Path(__file__).resolve().parents[2] / "data" / "cdnow"
CALIBRATION_END = "1997-09-30"  # the end of week 39: every customer's first purchase is in weeks 1-12 of 1997
HOLDOUT_END = "1998-06-30"  # the end of week 78
HOLDOUT_WEEKS = 39


def cdnow_transactions() -> pd.DataFrame:
    """The 6,919 purchases of the 2,357 customers: ``customer_id``, ``date``, ``cds``, ``amount``."""
    raw = pd.read_csv(CDNOW / "CDNOW_sample.txt", sep=r"\s+", header=None,
                      names=["master_id", "customer_id", "date", "cds", "amount"], dtype={"date": str})
    return raw.assign(date=pd.to_datetime(raw["date"], format="%Y%m%d")).drop(columns="master_id")


def cdnow_summary(transactions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The calibration summary in weeks (the paper's unit) and each customer's hold-out repeat purchases."""
    tx = cdnow_transactions() if transactions is None else transactions
    days = rfm_summary(tx, CALIBRATION_END)
    weeks = days.assign(recency=days["recency"] / 7, T=days["T"] / 7)
    after = tx[(tx["date"] > CALIBRATION_END) & (tx["date"] <= HOLDOUT_END)]
    holdout = after.groupby("customer_id")["date"].nunique()
    return weeks.assign(holdout=holdout.reindex(weeks.index, fill_value=0).astype(float))


def hardie_summary() -> pd.DataFrame:
    """Fader & Hardie's own summary (x, t_x, T in weeks to two decimals, zbar) as shipped with lifetimes."""
    h = pd.read_csv(CDNOW / "cdnow_customers_summary_with_transactions.csv", index_col=0)
    return h.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary_value"})


__all__ = ["CALIBRATION_END", "HOLDOUT_WEEKS", "cdnow_summary", "cdnow_transactions", "hardie_summary", "np"]
