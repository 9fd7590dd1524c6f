"""The credit notebook's Notice cells, computed from the tables (so every figure they state is the data's).

Each returns Markdown in the house form: ``**注意 / Notice:**`` Chinese, then the English in ``*...*``, naming
the assumptions (between backticks) that the pattern rests on.
"""
from __future__ import annotations

import pandas as pd

from crm.cases.credit.rating import rate_book
from crm.cases.credit.receivables import double_ten, open_on
from crm.core.assumptions import NOTICE_HEADER as HEADER


def rating_notice(tables: dict[str, pd.DataFrame]) -> str:
    """How the book's ratings fall, and how paying late goes with the grade (both built by assumptions)."""
    r = rate_book(tables["clients"], tables["facts"])
    n, none = len(r), int(r["band"].isna().sum())
    top = int((r["band"] == "5A").sum())
    inv = tables["invoices"]
    paid = inv.dropna(subset=["paid_date"])
    late = (pd.to_datetime(paid["paid_date"]) > pd.to_datetime(paid["due_date"])
            + pd.to_timedelta(paid["extension_days"], unit="D"))
    by_client = late.groupby(paid["client_id"]).mean()
    g = r["grade"].reindex(by_client.index)
    good, bad = float(by_client[g <= 2].mean()), float(by_client[g >= 5].mean())
    keys = "`aspect_points`、`grade_cuts`、`operating_asset_model`、`limit_rate`、`grade_factor`、`late_habit`"
    keys_en = keys.replace("、", ", ")
    return (f"{HEADER} 本数据的 {n} 个客户中，{none} 个为 6 级、不给予信用销售，{top} 个落在 5A（150 万元以上）。"
            f"1–2 级客户的已付发票中逾期付款的占 {good:.0%}，5–6 级客户占 {bad:.0%}：这是生成器按假设造出来的"
            f"（客户的 72 项信息和付款习惯出自同一个隐含的质量），不是时风集团的数据；分值、等级界限、营运资产公式与额度比例"
            f"都是本数据集的假设（{keys}），来源只给出结构。"
            f"*Of the {n} clients in this data, {none} are grade 6 and get no credit sale, {top} fall in 5A (over 1.5 "
            f"million yuan). Of the paid invoices of grade 1–2 clients {good:.0%} were paid late, of grade 5–6 clients "
            f"{bad:.0%}: the generator built this under assumptions (a client's 72 facts and its paying habit come "
            f"from one hidden quality), it is not Shifeng's data; the points, cut-offs, operating-asset formula and "
            f"limit rates are all assumptions of this data set ({keys_en}); the source gives only the structure.*")


def receivables_notice(tables: dict[str, pd.DataFrame], today: str = "2012-12-31") -> str:
    """What the book owes on ``today``: open amount, the share a month or more overdue, the double ten's weight."""
    o = open_on(tables["invoices"], today)
    total = float(o["amount"].sum())
    month = float(o.loc[o["days_overdue"] >= 30, "amount"].sum())
    largest, oldest = double_ten(tables["invoices"], today)
    share10 = float(largest["owed"].sum()) / total if total else 0.0
    both = len(set(largest.index) & set(oldest.index))
    keys = "`late_habit`、`late_days`、`invoice_yuan`、`month_days`"
    keys_en = keys.replace("、", ", ")
    return (f"{HEADER} {today} 未收的应收账款共 {total:,.0f} 元，其中逾期一个月及以上的占 {month / total:.0%}；"
            f"金额最大的十家客户占未收金额的 {share10:.0%}，其中 {both} 家同时在账龄最长的十家里。"
            f"逾期的多少与长短来自本数据集的假设（{keys}），不是时风集团的账。"
            f"*On {today} the book has {total:,.0f} yuan open, {month / total:.0%} of it a month or more overdue; the "
            f"ten largest debtors hold {share10:.0%} of the open amount, and {both} of them are also among the ten "
            f"oldest. How much is overdue and for how long comes from assumptions of this data set ({keys_en}), not "
            f"from Shifeng's books.*")
