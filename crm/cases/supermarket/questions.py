"""Exercise questions for the supermarket case (exercises/supermarket.ipynb).

Every expected answer is computed from the loaded tables, so the same questions
grade a submission on any data variant (``python -m crm.cases --seed N``).
"""
from __future__ import annotations

from crm.cases.supermarket.case import checkout_assumptions
from crm.core.exercise import NumberQuestion, SetQuestion, Text, question_set


class MemberSpendShare(NumberQuestion):
    qid = "q1"
    prompt = Text("会员（card_type 为 member）的消费额占全年总消费额的比例是多少？（用小数表示，如 0.25）",
                  "What share of the year's total spend comes from members (card_type == 'member')? "
                  "(A fraction, e.g. 0.25.)")
    hint_text = Text("把 transactions 与 customers 按 customer_id 合并，再按 card_type 汇总 amount。",
                     "Merge transactions with customers on customer_id, then sum amount by card_type.")


class TopFifthShare(NumberQuestion):
    qid = "q2"
    prompt = Text("消费额最高的 20% 客户占全年消费额的比例是多少？这家超市符合“20/80”法则吗？",
                  "What share of annual spend do the top 20% of customers (by spend) hold? "
                  "Does the store follow the 20/80 rule?")
    hint_text = Text("先算每位客户的年消费额，从高到低排序，取前 20% 的客户（向下取整）。",
                     "Total spend per customer, sort descending, take the top 20% of customers (rounded down).")


class ClassACount(NumberQuestion):
    qid = "q3"
    prompt = Text("用默认分界（累计消费占比 65% 与 85%）做 ABC 分类，A 类有多少位客户？"
                  "（客户按消费额从高到低排列；排在他前面的客户累计占比还低于 65%，他就是 A 类，"
                  "所以跨过 65% 的那位客户也算 A 类。）",
                  "With the default cut-offs (65% and 85% of cumulative spend), how many customers are in class A? "
                  "(Rank customers by spend, largest first; a customer is A while those ranked above him hold less "
                  "than 65% of spend, so the customer who crosses 65% is still A.)")
    hint_text = Text("客户按消费额从高到低排序；排在他之前的客户累计占比仍低于 65% 的，都属于 A 类。"
                     "可以用 crm.core.segment.abc_classes。",
                     "Rank customers by spend; a customer is A while those ranked above him hold less "
                     "than 65%. crm.core.segment.abc_classes does this.")
    rtol = 0.0


class ChampionCount(NumberQuestion):
    qid = "q4"
    prompt = Text("用 5 档 RFM 评分和默认细分规则，“冠军客户”（champions）有多少位？",
                  "With 5-bin RFM scores and the default segment rules, how many customers are 'champions'?")
    hint_text = Text("rfm_table → rfm_scores(bins=5) → rfm_segments，数一数 champions。",
                     "rfm_table → rfm_scores(bins=5) → rfm_segments, then count 'champions'.")
    rtol = 0.0


class FewBenefitsSatisfactionGap(NumberQuestion):
    qid = "q5"
    prompt = Text("问卷中，认为会员优惠少的会员，平均满意度比其他会员低多少分？（给出正数）",
                  "In the survey, how many points lower is the mean satisfaction of members who feel they "
                  "get few benefits than that of the others? (A positive number.)")
    hint_text = Text("按 few_benefits 分组求 satisfaction 的平均值，再相减。",
                     "Group the survey by few_benefits, average satisfaction, subtract.")


class BreakEvenUplift(NumberQuestion):
    qid = "q6"
    prompt = Text("按默认活动假设（CampaignConfig()），A 类会员的会员日客流提升至少要达到多少才能不亏？（小数，如 0.8 表示 +80%）",
                  "Under the default campaign assumptions (CampaignConfig()), what member-day visit uplift "
                  "makes the member day break even for class A members? (A fraction: 0.8 means +80%.)")
    hint_text = Text("增量毛利 = 提升 ×（1 − 挤占）× 当日消费 × 毛利率；成本 = 折扣 ×（1 + 提升）× 当日消费 + 固定成本。"
                     "可用 crm.cases.supermarket.member_day.break_even_uplift。",
                     "Extra margin = uplift × (1 − cannibalisation) × day's spend × margin; cost = discount × "
                     "(1 + uplift) × day's spend + fixed cost. crm.cases.supermarket.member_day.break_even_uplift solves it.")


_TILL = checkout_assumptions()  # the datasheet's named assumptions: lanes and service times


class PeakWaitMMc(NumberQuestion):
    qid = "q7"
    prompt = Text(f"取数据中最繁忙的一个小时（到达率最高），把 {_TILL['regular_lanes']} 个收银台看作 M/M/c 排队"
                  f"（服务时间均值 = {_TILL['payment_time']} + {_TILL['time_per_item']} × 该小时平均件数 分钟），"
                  "顾客平均排队等待多少分钟？",
                  f"Take the busiest hour in the data (highest arrival rate). Treating the {_TILL['regular_lanes']} "
                  f"tills as an M/M/c queue with mean service time {_TILL['payment_time']} + "
                  f"{_TILL['time_per_item']} × that hour's mean items (minutes), what is the mean wait in the "
                  "queue, in minutes?")
    hint_text = Text("crm.cases.supermarket.checkout.peak_arrival_rates 给出每小时到达率；μ = 1 / 平均服务时间；再用 mmc_metrics。",
                     "crm.cases.supermarket.checkout.peak_arrival_rates gives arrivals per minute by hour; μ = 1 / mean service "
                     "time; then mmc_metrics.")


class TopTenCustomers(SetQuestion):
    qid = "q8"
    prompt = Text("哪 10 位客户的年消费额最高？他们应当得到“一对一”的服务档案。给出 customer_id 的列表。",
                  "Which 10 customers spent most this year? They deserve one-to-one service files. "
                  "Give a list of their customer_id.")
    hint_text = Text("按 customer_id 汇总 amount，nlargest(10)。", "Sum amount by customer_id, then nlargest(10).")


class ChampionsClvShare(NumberQuestion):
    qid = "q9"
    prompt = Text("用全年交易拟合 BG/NBD 与 Gamma-Gamma 模型（rfm_summary），按年贴现率 10%（每月 30 天、按月贴现）"
                  "计算每位客户未来 12 个月的 CLV。“冠军客户”（q4 的细分）占全部客户 CLV 的比例是多少？（小数）",
                  "Fit the BG/NBD and Gamma-Gamma models on the year's transactions (rfm_summary) and compute each "
                  "customer's CLV over the next 12 months at 10% a year (30-day months, discounted monthly). What "
                  "share of all customers' CLV do the champions (the segment of q4) hold? (A fraction.)")
    hint_text = Text("crm.cases.supermarket.segment_value.segment_value(tx).table(12, 0.10) 按细分汇总 CLV；"
                     "或自己用 fit_bgnbd、fit_gamma_gamma、customer_lifetime_value（月贴现率 1.1^(1/12) − 1）。",
                     "crm.cases.supermarket.segment_value.segment_value(tx).table(12, 0.10) sums the CLV by segment; "
                     "or use fit_bgnbd, fit_gamma_gamma and customer_lifetime_value yourself (monthly rate "
                     "1.1^(1/12) - 1).")


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("supermarket", MemberSpendShare, TopFifthShare, ClassACount, ChampionCount,
                         FewBenefitsSatisfactionGap, BreakEvenUplift, PeakWaitMMc, TopTenCustomers, ChampionsClvShare)

