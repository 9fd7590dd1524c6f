"""Exercise questions for the bank case (exercises/bank.ipynb).

Every expected answer is computed from the loaded tables, so the same questions grade a
submission on any data variant (``python -m crm.cases --case bank --seed N``).
"""
from __future__ import annotations


from crm.cases.bank.scorecard import DEFAULT_CUTOFFS
from crm.cases.bank.case import tier_thresholds
from crm.core.exercise import NumberQuestion, SetQuestion, Text, question_set

_TH = tier_thresholds()  # the datasheet's tier minima: VIP 5,000 and key 1,200 yuan a year






class TopFifthProfitShare(NumberQuestion):
    qid = "q1"
    prompt = Text("2014 年，利润贡献最高的 20% 客户（2014 年有利润记录的 n 位客户中的前 int(0.2 × n) 位，向下取整）"
                  "创造了当年利润的多大比例？（小数，如 0.8）汇丰的“20/80”前提成立吗？",
                  "In 2014, what share of that year's profit did the top 20% of clients (by contribution: the first "
                  "int(0.2 × n) of the n clients with a 2014 profit row, rounded down) create? "
                  "(A fraction, e.g. 0.8.) Does HSBC's 20/80 premise hold?")
    hint_text = Text("取 profits 中 year == 2014 的行，按 profit 从高到低排序，取前 int(0.2 × 人数) 位求和，再除以总和。",
                     "Take the 2014 rows of profits, sort profit descending, sum the first int(0.2 × clients), divide by the total.")
    rtol = 1e-6  # every variant is close to the source's 80 %: only the exact computation counts


class VipCount(NumberQuestion):
    qid = "q2"
    prompt = Text(f"以年贡献至少 {_TH['VIP']:,.0f} 元为贵宾客户的门槛，2014 年有多少位贵宾客户？",
                  f"With a yearly contribution of at least {_TH['VIP']:,.0f} yuan as the VIP line, how many VIP clients "
                  "were there in 2014?")
    hint_text = Text("数一数 2014 年 profit ≥ 门槛的客户。也可以用 crm.core.segment.value_tiers。",
                     "Count the 2014 rows with profit at or above the line; crm.core.segment.value_tiers does it too.")
    rtol = 0.0


class YoungMatchRate(NumberQuestion):
    qid = "q3"
    prompt = Text("在现有客户（left_year 为空）中，按默认规则（crm.cases.bank.products.DEFAULT_RULES），“青年贷款客户”被推荐的产品中"
                  "已经持有的比例（匹配率）是多少？",
                  "Among today's clients (left_year empty), with the default rules (crm.cases.bank.products.DEFAULT_RULES), what share "
                  "of the products recommended to the young borrowers do they already hold (the match rate)?")
    hint_text = Text("crm.cases.bank.products.match_summary(今日客户, holdings) 的 young_borrowers 行的 match_rate。",
                     "The match_rate of the young_borrowers row of crm.cases.bank.products.match_summary(today's clients, holdings).")


class ScorecardAuc(NumberQuestion):
    qid = "q4"
    prompt = Text("用 crm.cases.bank.scorecard.fit_scorecard 在全部申请上拟合评分卡（默认分档），最终评分（自动评分 + 人工调整）的 AUC 是多少？",
                  "Fit the scorecard on all applications with crm.cases.bank.scorecard.fit_scorecard (default bins). What is the AUC "
                  "of the final score (automatic score + manual adjustment)?")
    hint_text = Text("defaulted 要与 applications 按 application_id 对齐；score(...) 给出 final_score；再用 crm.cases.bank.scorecard.auc。",
                     "Align defaulted with applications by application_id; score(...) gives final_score; then crm.cases.bank.scorecard.auc.")


class ApprovedBadRate(NumberQuestion):
    qid = "q5"
    prompt = Text(f"沿用上题的最终评分与默认分数线 {DEFAULT_CUTOFFS}（评分 ≥ {DEFAULT_CUTOFFS[1]:g} 即批准，含降额批准），"
                  "被批准的申请中违约的比例是多少？",
                  f"With the same final scores and the default cut-offs {DEFAULT_CUTOFFS} (a score of at least "
                  f"{DEFAULT_CUTOFFS[1]:g} is approved, with or without a lower limit), what share of the approved "
                  "applications defaulted?")
    hint_text = Text("批准 = final_score ≥ 590；再看这些申请的 defaulted 平均值。crm.cases.bank.scorecard.decide 给出决定代码（≥ 2 为批准）。",
                     "Approved = final_score ≥ 590; then the mean of defaulted among them. crm.cases.bank.scorecard.decide gives the "
                     "decision codes (≥ 2 is approved).")


class VipChurn(NumberQuestion):
    qid = "q6"
    prompt = Text(f"按年贡献分层（贵宾 ≥ {_TH['VIP']:,.0f} 元，重点 ≥ {_TH['key']:,.0f} 元，其余为普通），用 2010–2014 年的数据"
                  "估计迁移矩阵：一位贵宾客户一年内流失（lost）的概率是多少？",
                  f"Tier clients by yearly contribution (VIP ≥ {_TH['VIP']:,.0f} yuan, key ≥ {_TH['key']:,.0f}, the rest "
                  "ordinary) and estimate the transition matrix from 2010–2014: what is the chance that a VIP client "
                  "is lost within a year?")
    hint_text = Text("crm.cases.bank.lifetime.yearly_tiers(profits, 门槛) → transition_matrix(…, ('VIP', 'key', 'ordinary')) → 取 VIP 行的 lost 列。",
                     "crm.cases.bank.lifetime.yearly_tiers(profits, thresholds) → transition_matrix(…, ('VIP', 'key', 'ordinary')) "
                     "→ the lost column of the VIP row.")


class KeyClientLifetimeValue(NumberQuestion):
    qid = "q7"
    prompt = Text("沿用上题的迁移矩阵，以 2014 年各层客户的平均贡献为该层每年的利润，折现率 8%、展望 10 年，"
                  "一位重点客户的终身价值（元）是多少？",
                  "With the same transition matrix, each tier's mean 2014 contribution as its yearly profit, a discount "
                  "rate of 8% and 10 years ahead, what is the lifetime value (yuan) of a key client?")
    hint_text = Text("各层平均贡献：把 2014 年的 profit 按 2014 年的层级分组求平均；再用 crm.cases.bank.lifetime.tier_clv(矩阵, 平均贡献, 0.08, 10)。",
                     "Mean contribution per tier: group 2014 profit by the 2014 tier; then crm.cases.bank.lifetime.tier_clv(matrix, "
                     "mean profit, 0.08, 10).")


class MultiSignalBorrowers(SetQuestion):
    qid = "q8"
    prompt = Text("用默认的五个风险预警信号（crm.cases.bank.scorecard.DEFAULT_SIGNALS），哪些存量贷款同时触发了至少 3 个信号？给出 loan_id 的列表。",
                  "With the five default early-warning signals (crm.cases.bank.scorecard.DEFAULT_SIGNALS), which existing loans fire at "
                  "least 3 signals at once? Give a list of loan_id.")
    hint_text = Text("crm.cases.bank.scorecard.early_warnings(loans) 的 signals 列是触发的信号个数。",
                     "The signals column of crm.cases.bank.scorecard.early_warnings(loans) counts the signals that fire.")


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("bank", TopFifthProfitShare, VipCount, YoungMatchRate, ScorecardAuc, ApprovedBadRate, VipChurn,
                         KeyClientLifetimeValue, MultiSignalBorrowers)
