"""Generator of the concepts case's customer book (the value-matrix section, seeds/001).

seeds/001 defines current value and growth potential as present values of future profit but gives
no customer: every customer here, his yearly profit, the extra profit a retention strategy would
bring and the years the relationship lasts are drawn under the named assumptions of
:data:`crm.cases.concepts.case.ASSUMPTIONS`. The present values themselves are not stored: they are
computed from these columns (:func:`crm.cases.concepts.value.present_values`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.concepts.case import _a


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """The customer book: ``customers`` (one row each: ``annual_profit``, ``annual_uplift``, ``years``)."""
    rng = np.random.default_rng(seed)
    n = int(_a("customers"))
    median, sd = _a("annual_profit")
    profit = np.exp(rng.normal(np.log(median), sd, n))
    negative = rng.random(n) < _a("negative_share")
    profit = np.where(negative, -rng.uniform(0, 800, n), profit)
    up_median, up_sd = _a("annual_uplift")
    uplift = np.where(rng.random(n) < _a("no_uplift_share"), 0.0, np.exp(rng.normal(np.log(up_median), up_sd, n)))
    lo, hi = _a("years")
    years = rng.integers(lo, hi + 1, n)
    return {"customers": pd.DataFrame({"customer_id": [f"C{i:03d}" for i in range(1, n + 1)],
                                       "annual_profit": np.round(profit, 0), "annual_uplift": np.round(uplift, 0),
                                       "years": years.astype(int)})}


#: The figure in the generated book for each assumption that has one (printed in the datasheet).
MEASURED = {
    "customers": lambda t: len(t["customers"]),
    "negative_share": lambda t: int((t["customers"]["annual_profit"] < 0).sum()),
    "no_uplift_share": lambda t: int((t["customers"]["annual_uplift"] == 0).sum()),
}
