"""The concepts notebook's computed Notice: how the customer book falls into the value matrix.

Returns Markdown in the house form: ``**注意 / Notice:**`` Chinese, then the English in ``*...*``, naming the
assumptions (between backticks) that the pattern rests on.
"""
from __future__ import annotations

import pandas as pd

from crm.cases.concepts.case import _a
from crm.cases.concepts.value import type_summary, value_table

HEADER = "**注意 / Notice:**"


def value_notice(tables: dict[str, pd.DataFrame]) -> str:
    """Each type's share of the book's current value and growth potential (both are the generator's)."""
    s = type_summary(value_table(tables["customers"]))
    cv, gp = s["current_value"] / s["current_value"].sum(), s["growth_potential"] / s["growth_potential"].sum()
    n = int(s["customers"].sum())
    rate = float(_a("discount_rate"))
    keys = "`annual_profit`、`negative_share`、`annual_uplift`、`no_uplift_share`、`years`、`discount_rate`、`matrix_cut`"
    keys_en = keys.replace("、", ", ")
    return (f"{HEADER} 本数据的 {n} 位客户中，IV 类 {s.loc['IV', 'customers']} 位，占当前价值的 {cv['IV']:.0%}；"
            f"II 类 {s.loc['II', 'customers']} 位，当前价值只占 {cv['II']:.0%}，增值潜力却占 {gp['II']:.0%}。"
            f"这是本数据集的假设造出来的（年利润、年增利和年数各自独立抽取，按 {rate:.0%} 贴现，以中位数为界：{keys}），"
            f"不是任何一家企业的客户；来源只给出两个现值的定义。"
            f"*Of the {n} customers in this data, {s.loc['IV', 'customers']} are type IV and hold {cv['IV']:.0%} of the "
            f"current value; the {s.loc['II', 'customers']} of type II hold only {cv['II']:.0%} of the current value but "
            f"{gp['II']:.0%} of the growth potential. The assumptions of this data set made this (yearly profit, yearly "
            f"uplift and years drawn apart, discounted at {rate:.0%}, cut at the medians: {keys_en}); they are no "
            f"firm's customers, and the source gives only the definitions of the two present values.*")
