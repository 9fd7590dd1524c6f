"""Rating a client as 时风集团 does (seeds/002): financial ratios, the characteristic grade, the
operating-asset model, the limit band and the rating written XAY (e.g. 3A2).

Only the structure is the source's (which ratios, 18 items × 4 aspects = 72 facts, 6 grades, the five
bands); the points, cut-offs, standard ratios and the operating-asset formula are named assumptions in
:data:`crm.cases.credit.case.ASSUMPTIONS`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm.cases.credit.case import _a, BAND_EDGES, BANDS, FACTS_COUNT, FAMILIES, ITEMS, ASPECTS, SHORT_RATIOS
from crm.core.schemas import DataError

_STATEMENT = ("current_assets", "inventory", "cash", "current_liabilities", "total_liabilities", "total_assets",
              "sales", "cost_of_sales", "net_profit")


def _check_statement(c: pd.Series | pd.DataFrame) -> None:
    cols = c.index if isinstance(c, pd.Series) else c.columns
    missing = [k for k in _STATEMENT if k not in cols]
    if missing:
        raise DataError(f"财务报表缺少：{', '.join(missing)}", f"The statement lacks: {', '.join(missing)}")


def ratios(clients: pd.DataFrame) -> pd.DataFrame:
    """The source's eight ratios for each client (one row per client, indexed like ``clients``).

    current = current assets / current liabilities; quick = (current assets − inventory) / current
    liabilities; cash = cash / current liabilities; debt = total liabilities / total assets; inventory
    turnover = cost of sales / inventory; sales margin = net profit / sales; gross margin = (sales − cost
    of sales) / sales; cost margin = net profit / cost of sales.
    """
    _check_statement(clients)
    c = clients
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame({
            "current": c["current_assets"] / c["current_liabilities"],
            "quick": (c["current_assets"] - c["inventory"]) / c["current_liabilities"],
            "cash": c["cash"] / c["current_liabilities"],
            "debt": c["total_liabilities"] / c["total_assets"],
            "inventory_turnover": c["cost_of_sales"] / c["inventory"],
            "sales_margin": c["net_profit"] / c["sales"],
            "gross_margin": (c["sales"] - c["cost_of_sales"]) / c["sales"],
            "cost_margin": c["net_profit"] / c["cost_of_sales"],
        }, index=c.index)
    return out.replace([np.inf, -np.inf], np.nan)


def standard_check(r: pd.DataFrame) -> pd.DataFrame:
    """Each short-term ratio against its standard (assumption ``standard_ratios``): True where it meets it."""
    std = _a("standard_ratios")
    return pd.DataFrame({k: r[k] >= std[k] for k in SHORT_RATIOS}, index=r.index)


def characteristic_points(facts: pd.DataFrame) -> pd.DataFrame:
    """Points per client and item (18 columns, each the sum of its 4 aspects) from the long ``facts`` table."""
    missing = [k for k in ("client_id", "item", "points") if k not in facts.columns]
    if missing:
        raise DataError(f"特征信息表缺少列：{', '.join(missing)}。", f"The facts lack columns: {', '.join(missing)}.")
    lo, hi = _a("aspect_points")
    bad = facts[(facts["points"] < lo) | (facts["points"] > hi)]
    if len(bad):
        raise DataError(f"特征分值须在 {lo}–{hi} 之间（{len(bad)} 项不在）",
                       f"Fact points must be {lo}–{hi} ({len(bad)} are not)")
    wide = facts.pivot_table(index="client_id", columns="item", values="points", aggfunc="sum")
    counts = facts.groupby("client_id").size()
    short = counts[counts != FACTS_COUNT]
    if len(short):
        raise DataError(f"每个客户须有 {FACTS_COUNT} 项信息（{short.index[0]} 有 {short.iloc[0]} 项）",
                       f"Each client needs {FACTS_COUNT} facts ({short.index[0]} has {short.iloc[0]})")
    return wide.reindex(columns=list(ITEMS))


def grade_of(share: float) -> int:
    """Characteristic grade 1 (best) … 6 from the share of possible points (assumption ``grade_cuts``)."""
    if not 0.0 <= share <= 1.0 or share != share:
        raise DataError(f"得分比例须在 0–1 之间，现为 {share}", f"The score share must be 0–1, not {share}")
    for g, cut in enumerate(_a("grade_cuts"), start=1):
        if share >= cut:
            return g
    return 6


def operating_assets(row: pd.Series) -> tuple[float, float]:
    """The operating-asset model (assumption ``operating_asset_model``): (operating assets, evaluation value)."""
    _check_statement(row)
    equity = row["total_assets"] - row["total_liabilities"]
    if equity <= 0:
        return 0.0, float("-inf")
    wc = row["current_assets"] - row["current_liabilities"]
    oa = (wc + equity) / 2
    cur = row["current_assets"] / row["current_liabilities"]
    quick = (row["current_assets"] - row["inventory"]) / row["current_liabilities"]
    ev = cur + quick - row["current_liabilities"] / equity - row["total_liabilities"] / equity
    return max(float(oa), 0.0), float(ev)


def band_of(limit: float) -> str | None:
    """1A … 5A for a limit in yuan (the source's bands); None for no credit."""
    if limit <= 0:
        return None
    return BANDS[int(np.searchsorted(BAND_EDGES, limit, side="right"))]


@dataclass(frozen=True)
class Rating:
    """One client's rating: the numbers behind it and the rating written XAY."""
    client_id: str
    points: int
    share: float
    grade: int
    operating_assets: float
    evaluation: float
    base_rate: float
    limit: float
    band: str | None
    rating: str  # "3A2", or "—" for no credit sale

    def explain(self, lang: str = "en") -> str:
        """A sentence on how the grade and the limit were found."""
        if lang == "zh":
            s = (f"{self.client_id}：72 项信息得 {self.points} 分（{self.share:.0%}），特征信用等级 {self.grade}；"
                 f"营运资产 {self.operating_assets:,.0f} 元，评估值 {self.evaluation:.2f}，基础比例 {self.base_rate:.0%}；")
            return s + (f"授信额度 {self.limit:,.0f} 元，{self.band}，信用等级 {self.rating}。" if self.band
                        else "不给予信用销售。")
        s = (f"{self.client_id}: the 72 facts score {self.points} points ({self.share:.0%}), characteristic grade "
             f"{self.grade}; operating assets {self.operating_assets:,.0f} yuan, evaluation value {self.evaluation:.2f}, "
             f"base rate {self.base_rate:.0%}; ")
        return s + (f"limit {self.limit:,.0f} yuan, band {self.band}, rating {self.rating}." if self.band
                    else "no credit sale.")


def rate(statement: pd.Series, points: pd.Series | int) -> Rating:
    """Rate one client from its statement (a ``clients`` row) and its points (18 items, or their total)."""
    total = int(points if np.isscalar(points) else pd.Series(points).sum())
    lo, hi = _a("aspect_points")
    top = hi * FACTS_COUNT
    if not lo * FACTS_COUNT <= total <= top:
        raise DataError(f"总分须在 0–{top} 之间，现为 {total}", f"The total points must be 0–{top}, not {total}")
    share = total / top
    grade = grade_of(share)
    oa, ev = operating_assets(statement)
    lr = _a("limit_rate")
    base = 0.0 if ev == float("-inf") else lr["rates"][int(np.searchsorted(lr["cuts"], ev, side="right"))]
    limit = float(np.floor(oa * base * _a("grade_factor")[grade - 1] / 10_000) * 10_000)
    band = band_of(limit)
    return Rating(str(statement.get("client_id", statement.name)), total, share, grade, oa, ev, base, limit, band,
                  f"{band}{grade}" if band else "—")


def rate_book(clients: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Every client's rating (one row per client): points, grade, operating assets, limit, band, rating."""
    pts = characteristic_points(facts).sum(axis=1)
    rows = [rate(row, int(pts.loc[row["client_id"]])).__dict__ for _, row in clients.iterrows()]
    return pd.DataFrame(rows).set_index("client_id")


def family_points(item_points: pd.Series) -> pd.Series:
    """The 18 items' points summed by the source's three families."""
    return pd.Series({f: float(item_points.reindex(list(items)).sum()) for f, items in FAMILIES.items()})


MAX_ITEM_POINTS = _a("aspect_points")[1] * ASPECTS
