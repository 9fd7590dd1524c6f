"""The concepts notebook's computed Notice: how the customer book falls into the value matrix.

Returns Markdown in the house form: ``**注意 / Notice:**`` Chinese, then the English in ``*...*``, naming the
assumptions (between backticks) that the pattern rests on.
"""
from __future__ import annotations

import pandas as pd

from crm.cases.concepts.case import _a
from crm.cases.concepts.value import type_summary, value_table
from crm.core.assumptions import NOTICE_HEADER as HEADER


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


def demand_notice() -> str:
    """What the two levers do to the assumed day: unmet demand and idle capacity at rest, with the capacity that
    clears the unmet demand, and with all the peak demand moved (every figure computed by
    :func:`crm.cases.concepts.demand.balance`)."""
    from crm.cases.concepts.demand import balance, lever_range

    rest = balance()
    low, high = lever_range("capacity_change")
    clear = next((c for c in range(0, int(high) + 1) if balance(c).unmet == 0), None)
    moved = balance(0, lever_range("demand_shift")[1])
    keys = "`demand_profile`、`optimum_capacity`、`maximum_capacity`"
    keys_en = keys.replace("、", ", ")
    peaks = "、".join(f"{h:02d}:00" for h in rest.hours.loc[rest.hours["unmet"] > 0, "hour"])
    peaks_en = ", ".join(f"{h:02d}:00" for h in rest.hours.loc[rest.hours["unmet"] > 0, "hour"])
    cap_zh = (f"把产能每小时加 {clear} 位客户，未满足的需求才降到 0，闲置产能却从 {rest.idle:g} 升到 "
              f"{balance(clear).idle:g}" if clear is not None else "产能杠杆的范围内未满足的需求降不到 0")
    cap_en = (f"adding {clear} customers an hour of capacity brings the unmet demand to 0 but raises the idle "
              f"capacity from {rest.idle:g} to {balance(clear).idle:g}" if clear is not None
              else "within the capacity lever's range the unmet demand never reaches 0")
    return (f"{HEADER} 这一天的需求与两条产能线都是本数据集的假设（{keys}），不是来源的数字。不动两个手段时，"
            f"{rest.demand:g} 位客户中有 {rest.unmet:g} 位的需求得不到满足（{peaks}），同时有 {rest.idle:g} 位客户的最适产能闲置："
            f"{cap_zh}；把高于最适产能的需求全部移到空闲时段，未满足的需求为 {moved.unmet:g}，闲置降到 {moved.idle:g}。"
            f"两个数字此消彼长，是这一天的形状造成的：需求的高峰与低谷都是假设的。"
            f"*This day's demand and both capacity lines are assumptions of this data set ({keys_en}), not figures of "
            f"the source. With neither lever moved, {rest.unmet:g} of the day's {rest.demand:g} customers go unserved "
            f"({peaks_en}) while optimum capacity for {rest.idle:g} customers stands idle: {cap_en}; moving all the "
            f"demand above optimum into quiet hours leaves {moved.unmet:g} unmet and {moved.idle:g} idle. The trade "
            f"between the two comes from the shape of this day, whose peaks and troughs are assumed.*")
