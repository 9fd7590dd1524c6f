"""Service recovery: whether a complainant stays as handling speed changes, word of mouth,
and the complaint iceberg as an estimate of hidden dissatisfaction.

Sources (seeds/001): "如果企業對服務過失給予快速關注,70%對服務不滿的客戶還會繼續與其進行商業合作"
(70 % of dissatisfied customers stay if the failure gets fast attention); "乙個對服務不滿的客戶會將他的不滿經歷
告訴其他8~10個人,而一位滿意的客戶則會將他的滿意經歷告訴2~3人" (8–10 people told vs 2–3); and TARP's iceberg,
"只有1%~5%的投訴反映到了高層管理者,45%的投訴反映到…一線人員,50%的客戶遇到問題從不投訴".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from crm.core.complaints import Flow
from crm.cases.carcare.case import ASSUMPTIONS, LEVELS, STEPS
from crm.core.schemas import DataError

#: seeds/001 (TARP): where the problems of customers end up; 1–5 % taken at its top so the shares add to 1.
ICEBERG_SHARES: dict[str, float] = {"management": 0.05, "front_line": 0.45, "none": 0.50}
STAY_IF_FAST = 0.70            # seeds/001
TOLD_IF_UNHAPPY = 9.0          # seeds/001: 8–10 people, the midpoint
TOLD_IF_HAPPY = 2.5            # seeds/001: 2–3 people, the midpoint
RESPONSE_BANDS = (0.0, 4.0, 12.0, 24.0, 48.0, 96.0, np.inf)

#: 车佰汇's complaint handling (seeds/000): "首先会详细地了解客户的问题和投诉的原因,…安抚客户并承诺及时调查和答复…
#: 快速响应妥善处理、认真记录客户意见、兑现客户承诺、及时补救客户关系、将投诉作为关键的管理过程"; levels and time
#: limits are the generator's named assumptions (``step_limits_h``).
SERVICE_RECOVERY_FLOW = Flow("service_recovery", STEPS, LEVELS, ASSUMPTIONS["step_limits_h"][0])


def _closed(complaints: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("response_hours", "outcome") if c not in complaints.columns]
    if missing:
        raise DataError(f"投诉表缺少列：{'、'.join(missing)}。", f"The complaints table lacks: {', '.join(missing)}.")
    done = complaints[complaints["outcome"].astype(str).isin(["stayed", "left"])]
    if done.empty:
        raise DataError("没有已结案（stayed 或 left）的投诉。", "There is no closed complaint (stayed or left).")
    return done


def stay_by_response(complaints: pd.DataFrame, bands: tuple[float, ...] = RESPONSE_BANDS) -> pd.DataFrame:
    """Share of closed complaints whose customer stayed, by band of first-response hours.

    Returns
    -------
    DataFrame
        One row per band (``band`` as "0–4" etc., ``lower``, ``upper`` hours):
        ``complaints``, ``stayed``, ``stay_rate``. Open complaints are left out.
    """
    if len(bands) < 2 or any(b >= a for a, b in zip(bands[1:], bands[:-1])):
        raise DataError("时间分段必须从小到大排列。", "The hour bands must be increasing.")
    done = _closed(complaints)
    cut = pd.cut(done["response_hours"], list(bands), right=True, include_lowest=True)
    stayed = (done["outcome"].astype(str) == "stayed")
    g = stayed.groupby(cut, observed=False).agg(["size", "sum"])
    label = [f"{a:g}–{b:g}" if np.isfinite(b) else f">{a:g}" for a, b in zip(bands[:-1], bands[1:])]
    out = pd.DataFrame({"band": label, "lower": bands[:-1], "upper": bands[1:],
                        "complaints": g["size"].to_numpy(), "stayed": g["sum"].to_numpy().astype(int)})
    out["stay_rate"] = np.where(out["complaints"] > 0, out["stayed"] / out["complaints"].clip(lower=1), np.nan)
    return out


@dataclass(frozen=True)
class RecoveryRates:
    """Stay rates of complaints answered fast and slowly, and the share answered fast."""

    fast_hours: float
    fast_share: float
    stay_if_fast: float
    stay_if_slow: float
    complaints: int


def recovery_rates(complaints: pd.DataFrame, fast_hours: float = 24.0) -> RecoveryRates:
    """Split closed complaints at ``fast_hours`` of first response and compare who stayed."""
    if not fast_hours > 0:
        raise DataError("“快速”的小时数必须大于 0。", "The fast-response limit must be above 0 hours.")
    done = _closed(complaints)
    fast = done["response_hours"].to_numpy(float) <= fast_hours
    stayed = (done["outcome"].astype(str) == "stayed").to_numpy()
    rate = (lambda m: float(stayed[m].mean()) if m.any() else float("nan"))
    return RecoveryRates(float(fast_hours), float(fast.mean()), rate(fast), rate(~fast), int(len(done)))


def word_of_mouth(stayed: float, left: float, told_if_unhappy: float = TOLD_IF_UNHAPPY,
                  told_if_happy: float = TOLD_IF_HAPPY) -> dict[str, float]:
    """People told of a good and of a bad experience: the recovered tell ``told_if_happy``,
    the lost tell ``told_if_unhappy`` (seeds/001: 2–3 and 8–10).

    Examples
    --------
    >>> word_of_mouth(70, 30)
    {'positive': 175.0, 'negative': 270.0, 'net': -95.0}
    """
    if min(stayed, left, told_if_unhappy, told_if_happy) < 0:
        raise DataError("人数与传播人数不能为负。", "Counts and people told cannot be negative.")
    pos, neg = float(stayed * told_if_happy), float(left * told_if_unhappy)
    return {"positive": pos, "negative": neg, "net": pos - neg}


def recovery_scenario(complaints: int, fast_share: float, stay_if_fast: float = STAY_IF_FAST,
                      stay_if_slow: float = 0.35, told_if_unhappy: float = TOLD_IF_UNHAPPY,
                      told_if_happy: float = TOLD_IF_HAPPY) -> dict[str, float]:
    """Expected customers kept and lost, and word of mouth, if ``fast_share`` of complaints get a fast answer."""
    for name, v in (("fast_share", fast_share), ("stay_if_fast", stay_if_fast), ("stay_if_slow", stay_if_slow)):
        if not 0 <= v <= 1:
            raise DataError(f"{name} 必须在 0 与 1 之间。", f"{name} must be between 0 and 1.")
    if complaints < 0:
        raise DataError("投诉数不能为负。", "The number of complaints cannot be negative.")
    stay = complaints * (fast_share * stay_if_fast + (1 - fast_share) * stay_if_slow)
    return {"complaints": float(complaints), "stayed": stay, "left": complaints - stay,
            **word_of_mouth(stay, complaints - stay, told_if_unhappy, told_if_happy)}


def iceberg_estimate(observed: Mapping[str, int], shares: Mapping[str, float] = ICEBERG_SHARES) -> pd.DataFrame:
    """Estimate every dissatisfied customer from the complaints the firm sees.

    Parameters
    ----------
    observed : mapping
        Complaints received by level, e.g. ``{"front_line": 567, "management": 63}``.
    shares : mapping
        Share of all problems that reach each level, ``none`` (never complain) included.

    Returns
    -------
    DataFrame
        Indexed by level (the observed ones, then ``none``): ``share``, ``observed``
        (NaN for ``none``) and ``estimated``: the total ``sum(observed) / sum(their
        shares)`` spread by ``shares``. The ``none`` row is the hidden dissatisfaction.

    Examples
    --------
    >>> iceberg_estimate({"front_line": 45, "management": 5}).loc["none", "estimated"]
    50.0
    """
    if abs(sum(shares.values()) - 1) > 1e-9 or min(shares.values()) < 0:
        raise DataError("冰山各层比例必须非负且合计为 1。", "The iceberg shares must be non-negative and add up to 1.")
    unknown = sorted(set(observed) - set(shares))
    if unknown or any(v < 0 for v in observed.values()):
        raise DataError(f"投诉层级未知或数量为负：{'、'.join(unknown) or '负数'}。",
                        f"Unknown level or negative count: {', '.join(unknown) or 'negative'}.")
    seen = sum(shares[k] for k in observed)
    if seen <= 0:
        raise DataError("观察到的层级比例合计为 0，无法估计。", "The observed levels' shares add to 0: nothing to scale.")
    total = sum(observed.values()) / seen
    levels = [*observed, *[k for k in shares if k not in observed]]
    return pd.DataFrame({"share": [shares[k] for k in levels],
                         "observed": [float(observed[k]) if k in observed else np.nan for k in levels],
                         "estimated": [total * shares[k] for k in levels]}, index=pd.Index(levels, name="level"))
