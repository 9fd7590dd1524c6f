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


class ChangeBook:
    """The purchases read once for every withdrawn series (or ``only`` one): for each member who bought in the
    year before, her group and the first day she bought anything, and the new series, after the change.

    A view keeps one book, so a move of its controls compares dates instead of scanning the purchases.
    """

    def __init__(self, purchases: pd.DataFrame, members: pd.DataFrame | None, lines: pd.DataFrame,
                 only: str | None = None) -> None:
        _check(purchases, "purchases")
        if members is not None:
            _check(members, "members")
        self.lines = lines
        d = pd.to_datetime(purchases["date"])
        ids_all, line_all = purchases["member_id"].to_numpy(), purchases["line"].astype(str).to_numpy()
        self.changes: dict[str, dict] = {}
        for line in ([only] if only is not None else withdrawn_lines(lines)):
            day, new = change_of(lines, line)
            before = ((d >= day - pd.DateOffset(months=12)) & (d < day)).to_numpy()
            ids = pd.Index(sorted(set(ids_all[before])), name="member_id")
            users = ids.isin(list(set(ids_all[before & (line_all == line)])))
            after = (d >= day).to_numpy()
            first = pd.Series(d.to_numpy()[after]).groupby(ids_all[after]).min()
            after_new = after & (line_all == new)
            first_new = pd.Series(d.to_numpy()[after_new]).groupby(ids_all[after_new]).min()
            far = np.datetime64("2262-01-01")
            self.changes[line] = {
                "day": day, "new": new, "ids": ids, "users": users,
                "first": first.reindex(ids).to_numpy(dtype="datetime64[ns]"),
                "first_new": first_new.reindex(ids).to_numpy(dtype="datetime64[ns]"), "far": far}
        self.keys: dict[str, tuple[list[str], dict[str, np.ndarray]]] = {}
        if members is not None:
            m = members.set_index("member_id")
            bands = [b[2] for b in AGE_BANDS]
            for line, c in self.changes.items():
                sub = m.reindex(c["ids"])
                c["keys"] = {"none": (["all"], np.zeros(len(c["ids"]), int)),
                             "age_band": (bands, pd.Categorical(sub["age"].map(age_band), categories=bands).codes),
                             "tier": (list(TIERS), pd.Categorical(sub["tier"].astype(str), categories=TIERS).codes),
                             "segment": (list(SEGMENTS),
                                         pd.Categorical(sub["segment"].astype(str), categories=SEGMENTS).codes)}

    def _masks(self, line: str, months: object) -> tuple[dict, np.ndarray, np.ndarray]:
        if line not in self.changes:
            change_of(self.lines, line)  # the bilingual error for a series that was not withdrawn
            raise DataError(f"“{line}”不在这本账里。", f"'{line}' is not in this book.")
        c = self.changes[line]
        end = np.datetime64(c["day"] + pd.DateOffset(months=_months(months)), "ns")
        first, first_new = c["first"], c["first_new"]
        left = ~(first < end)  # NaT compares False: never bought again
        tried = first_new < end
        return c, left, tried

    def groups(self, line: str, months: int = 6) -> pd.DataFrame:
        """Like :func:`change_groups`."""
        c, left, tried = self._masks(line, months)
        return pd.DataFrame({"group": np.where(c["users"], "users", "others"), "left": left, "tried_new": tried},
                            index=c["ids"])

    def summary(self, line: str, months: int = 6) -> pd.DataFrame:
        """Like :func:`churn_after`."""
        c, left, tried = self._masks(line, months)
        rows = {}
        for g, mask in (("users", c["users"]), ("others", ~c["users"])):
            n = int(mask.sum())
            rows[g] = {"members": n, "left": int(left[mask].sum()), "tried_new": int(tried[mask].sum())}
        t = pd.DataFrame.from_dict(rows, orient="index")
        t.index.name = "group"
        t["left_share"] = t["left"] / t["members"].where(t["members"] > 0)
        t["tried_share"] = t["tried_new"] / t["members"].where(t["members"] > 0)
        return t

    def split(self, line: str, months: int = 6, by: str = "age_band") -> pd.DataFrame:
        """Like :func:`churn_by`."""
        if by not in BY:
            raise DataError(f"无法按“{by}”分组。可选：{'、'.join(BY)}。", f"Cannot split by '{by}'. Choose one of: {', '.join(BY)}.")
        c, left, _ = self._masks(line, months)
        if "keys" not in c:
            raise DataError("这本账没有会员表，不能分组。", "This book has no members table to split by.")
        order, codes = c["keys"][by]
        k = len(order)
        share, count = {}, {}
        for g, mask in (("users", c["users"]), ("others", ~c["users"])):
            ok = mask & (codes >= 0)
            n = np.bincount(codes[ok], minlength=k)
            gone = np.bincount(codes[ok], weights=left[ok].astype(float), minlength=k)
            count[g] = n
            share[g] = np.where(n > 0, gone / np.maximum(n, 1), np.nan)
        idx = pd.Index(order, name="key")
        out = pd.concat({"left_share": pd.DataFrame(share, index=idx)[list(GROUPS)],
                         "members": pd.DataFrame(count, index=idx)[list(GROUPS)]}, axis=1)
        out.columns.names = [None, "group"]
        return out


def change_groups(purchases: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6) -> pd.DataFrame:
    """One row per member who bought in the year before ``line`` was withdrawn.

    Columns ``group`` (users / others), ``left`` (bought nothing in the ``months`` after) and ``tried_new``
    (bought the replacement then), indexed by ``member_id``.
    """
    _months(months)
    return ChangeBook(purchases, None, lines, only=line).groups(line, months)


def churn_after(purchases: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6) -> pd.DataFrame:
    """Members, share who left and share who tried the new series, for the users and the others."""
    _months(months)
    return ChangeBook(purchases, None, lines, only=line).summary(line, months)


def churn_by(purchases: pd.DataFrame, members: pd.DataFrame, lines: pd.DataFrame, line: str, months: int = 6,
             by: str = "age_band") -> pd.DataFrame:
    """The share who left, users against others, in each age band, tier or segment (rows) × group (columns)."""
    if by not in BY:
        raise DataError(f"无法按“{by}”分组。可选：{'、'.join(BY)}。", f"Cannot split by '{by}'. Choose one of: {', '.join(BY)}.")
    _months(months)
    return ChangeBook(purchases, members, lines, only=line).split(line, months, by)


__all__ = ["ChangeBook", "change_groups", "change_of", "churn_after", "churn_by", "withdrawn_lines", "broad_band"]
