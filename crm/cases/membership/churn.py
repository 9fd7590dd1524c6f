"""Churn after a product-line change (欧珀莱, seeds/002): who stops buying when her series is withdrawn.

「从2006年起差不多2年左右就有新系列上市取代旧系列……这使得一些习惯使用老产品的客户流失」. A withdrawn
series' **users** are the members who bought it in the twelve months before it was withdrawn; the
**others** bought something else in those months and not it. A member **left** if she bought nothing
in the ``months`` after the change; she **tried the new series** if she bought its replacement then.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.membership.case import AGE_BANDS, age_band, broad_band, TIERS, SEGMENTS
from crm.core.schemas import DataError

_NEEDED = {"purchases": ("member_id", "date", "line"), "lines": ("line", "withdrawn", "replaced_by"),
           "members": ("member_id", "age", "tier", "segment")}
GROUPS = ("users", "others")
BY = ("none", "age_band", "tier", "segment")


def _check(df: pd.DataFrame, table: str) -> None:
    missing = [c for c in _NEEDED[table] if c not in df.columns]
    if missing:
        raise DataError(f"表 {table} 缺少列：{', '.join(missing)}。", f"The {table} table lacks columns: {', '.join(missing)}.")


def withdrawn_lines(lines: pd.DataFrame) -> list[str]:
    """The lines that were withdrawn (and replaced), in the order of their withdrawal."""
    _check(lines, "lines")
    w = lines.dropna(subset=["withdrawn"])
    return list(w.sort_values("withdrawn", kind="stable")["line"])


def change_of(lines: pd.DataFrame, line: str) -> tuple[pd.Timestamp, str]:
    """The day ``line`` was withdrawn and the series that replaced it."""
    _check(lines, "lines")
    row = lines[lines["line"] == line]
    if row.empty or pd.isna(row["withdrawn"].iloc[0]):
        names = "、".join(withdrawn_lines(lines)) or "—"
        raise DataError(f"“{line}”不是被撤下的系列。可选：{names}。",
                        f"'{line}' is not a withdrawn series. Choose one of: {', '.join(withdrawn_lines(lines)) or '—'}.")
    return pd.Timestamp(row["withdrawn"].iloc[0]), str(row["replaced_by"].iloc[0])


def _months(months: object) -> int:
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or not 1 <= int(months) <= 24:
        raise DataError(f"观察月数须为 1–24 的整数，收到 {months!r}。",
                        f"The months watched must be a whole number 1–24; got {months!r}.")
    return int(months)


def change_groups(purchases: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6) -> pd.DataFrame:
    """One row per member who bought in the year before ``line`` was withdrawn.

    Columns ``group`` (users / others), ``left`` (bought nothing in the ``months`` after) and ``tried_new``
    (bought the replacement then), indexed by ``member_id``.
    """
    _check(purchases, "purchases")
    months = _months(months)
    day, new = change_of(lines, line)
    d = pd.to_datetime(purchases["date"])
    before = purchases[(d >= day - pd.DateOffset(months=12)) & (d < day)]
    after = purchases[(d >= day) & (d < day + pd.DateOffset(months=months))]
    users = set(before.loc[before["line"] == line, "member_id"])
    ids = pd.Index(sorted(set(before["member_id"])), name="member_id")
    out = pd.DataFrame(index=ids)
    out["group"] = np.where(ids.isin(list(users)), "users", "others")
    out["left"] = ~ids.isin(after["member_id"].unique())
    out["tried_new"] = ids.isin(after.loc[after["line"] == new, "member_id"].unique())
    return out


def churn_after(purchases: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6) -> pd.DataFrame:
    """Members, share who left and share who tried the new series, for the users and the others."""
    g = change_groups(purchases, lines, line, months)
    t = g.groupby("group").agg(members=("left", "size"), left=("left", "sum"), tried_new=("tried_new", "sum"))
    t = t.reindex(list(GROUPS)).fillna(0).astype(int)
    t["left_share"] = t["left"] / t["members"].where(t["members"] > 0)
    t["tried_share"] = t["tried_new"] / t["members"].where(t["members"] > 0)
    return t


def churn_by(purchases: pd.DataFrame, members: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6,
             by: str = "age_band") -> pd.DataFrame:
    """The share who left, users against others, in each age band, tier or segment (rows) × group (columns)."""
    if by not in BY:
        raise DataError(f"无法按“{by}”分组。可选：{'、'.join(BY)}。", f"Cannot split by '{by}'. Choose one of: {', '.join(BY)}.")
    _check(members, "members")
    g = change_groups(purchases, lines, line, months)
    m = members.set_index("member_id")
    if by == "none":
        key = pd.Series("all", index=g.index)
        order = ["all"]
    elif by == "age_band":
        key = m.loc[g.index, "age"].map(age_band)
        order = [b[2] for b in AGE_BANDS]
    else:
        key = m.loc[g.index, by].astype(str)
        order = list(TIERS if by == "tier" else SEGMENTS)
    t = g.assign(key=key.to_numpy()).pivot_table(index="key", columns="group", values="left", aggfunc="mean",
                                                  observed=False)
    n = g.assign(key=key.to_numpy()).pivot_table(index="key", columns="group", values="left", aggfunc="size",
                                                  observed=False)
    t = t.reindex(index=order, columns=list(GROUPS))
    n = n.reindex(index=order, columns=list(GROUPS)).fillna(0).astype(int)
    return pd.concat({"left_share": t, "members": n}, axis=1)


__all__ = ["change_groups", "change_of", "churn_after", "churn_by", "withdrawn_lines", "broad_band"]
