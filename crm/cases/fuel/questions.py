"""Exercise questions for the fuel-station case (exercises/fuel.ipynb).

Every expected answer is computed from the loaded tables, so the same questions grade
a submission on any data variant (``python -m crm.cases --case fuel --seed N``).
"""
from __future__ import annotations


from crm.cases.fuel.case import START
from crm.core.exercise import NumberQuestion, SetQuestion, Text, question_set




class CompleteFileShare(NumberQuestion):
    qid = "q1"
    prompt = Text(f"在 {START} 及以后第一次来加油的车辆中，有多大比例最终建立了完整档案（file_stage 为 complete）？（小数）",
                  f"Of the vehicles first seen on or after {START}, what share ended with a complete file "
                  "(file_stage == 'complete')? (A fraction.)")
    hint_text = Text("先按 first_visit 筛选新车，再数 file_stage == 'complete'。也可以用 crm.cases.fuel.funnel.acquisition_funnel。",
                     "Keep the vehicles with first_visit on or after the start, then count file_stage == 'complete'. "
                     "crm.cases.fuel.funnel.acquisition_funnel does it too.")


class RegularCustomers(NumberQuestion):
    qid = "q2"
    prompt = Text("把数据前 91 天作为学习期：学习期内至少加油 4 次的客户算“常客”。共有多少位常客？",
                  "Take the first 91 days of the data as the learning window: a customer with at least 4 refuels in "
                  "it is a regular. How many regular customers are there?")
    hint_text = Text("学习期是 date < 第一天 + 91 天；按 customer_id 计数，再数有多少 ≥ 4。或用 crm.cases.fuel.visit_cycle.visit_gaps。",
                     "The learning window is date < first day + 91 days; count refuels per customer_id, then how many "
                     "have at least 4. Or crm.cases.fuel.visit_cycle.visit_gaps.")
    rtol = 0.0


class GapFlagsAtThree(NumberQuestion):
    qid = "q3"
    prompt = Text("按来源的规则（超过固定周期 3 天不进站），在学习期之后共会产生多少次“异常”标记？"
                  "（固定周期 = 学习期内加油间隔的中位数；间隔严格大于固定周期 + 3 天才标记；不算加油量异常。）",
                  "With the source's rule (3 days beyond the usual cycle), how many anomaly flags are raised after "
                  "the learning window? (Usual cycle = median gap in the learning window; an absence is flagged "
                  "when it is strictly longer than the usual cycle + 3 days; no volume flags.)")
    hint_text = Text("crm.cases.fuel.visit_cycle.visit_gaps 学出周期并列出每段未进站的间隔；gap_flags(vg, 3) 给出标记。",
                     "crm.cases.fuel.visit_cycle.visit_gaps learns the cycles and lists each absence; gap_flags(vg, 3) gives the flags.")
    rtol = 0.0


class DistrictCalls(NumberQuestion):
    qid = "q4"
    prompt = Text("对建档客户（file_stage 不是 plate）按一年加油升数和默认门槛（crm.cases.fuel.care.DEFAULT_THRESHOLDS）分层，"
                  "油价调整、天气变化、重要节日都必访：片区一年要打多少个回访电话？",
                  "Tier the customers on file (file_stage other than plate) by litres in the year with the default "
                  "thresholds (crm.cases.fuel.care.DEFAULT_THRESHOLDS); price changes, weather changes and holidays are all "
                  "must-call occasions. How many calls a year do the districts make?")
    hint_text = Text("片区负责 A 类以上（含 VIP）的单位客户，每个必访时机一次：人数 × occasions 表的天数。",
                     "Districts call unit customers of class A and above (VIP included) once per must-call occasion: "
                     "customers × days in the occasions table.")
    rtol = 0.0


class SkippedComplaints(SetQuestion):
    qid = "q5"
    prompt = Text("哪些投诉跳过了“核实—审查—整改—回访—归档”中的必经环节？给出 complaint_id 的列表。",
                  "Which complaints skipped a required step of verify → review → rectify → callback → archive? "
                  "Give a list of complaint_id.")
    hint_text = Text("用 crm.core.complaints.conformance(complaints, fuel.COMPLAINT_FLOW)，看 deviation == 'skipped'。",
                     "Use crm.core.complaints.conformance(complaints, fuel.COMPLAINT_FLOW) and keep deviation == 'skipped'.")


class KeepWinProfit(NumberQuestion):
    qid = "q6"
    prompt = Text("以年初已有的客户（churn_truth.on_file_at_start）一年的加油升数为起点，按默认假设 KeepWinConfig()，"
                  "一半预算维护、一半开发，5 年累计利润是多少元？",
                  "Starting from the litres in the year of the customers on file at the start "
                  "(churn_truth.on_file_at_start), with the default KeepWinConfig() and half the budget on keeping, "
                  "what is the cumulative profit after 5 years, in yuan?")
    hint_text = Text("客户的年升数：refuels 按 customer_id 求和，再取年初已有的客户（没有加油的记 0）。"
                     "然后 crm.cases.fuel.keep_win.simulate_keep_win(litres, 0.5)。",
                     "Litres per customer: sum refuels by customer_id, keep the customers on file at the start "
                     "(0 for those with no refuel), then crm.cases.fuel.keep_win.simulate_keep_win(litres, 0.5).")
    rtol = 1e-6  # the model is deterministic; another data variant moves the result by less than 0.1 %


class CustomersPerEmployee(NumberQuestion):
    qid = "q7"
    prompt = Text("加油站 S01 的建档客户（以 station_id 为准）平均每位员工（含站长）要维护多少位？"
                  "（客户数与员工数是本数据集的假设，来源没有给出：所以答案只说明本数据里“1:15”是否约束，不说明真实的加油站。）",
                  "At station S01, how many customers on file (by station_id) does each employee (the manager "
                  "included) maintain on average? (The customer and staff counts are assumptions of this data set, "
                  "not in the source: the answer says whether \"1:15\" binds in this data, not at the real stations.)")
    hint_text = Text("建档客户 = file_stage 不是 plate；员工 = staff 中 station_id 为 S01 的人。",
                     "Customers on file = file_stage other than plate; employees = staff with station_id S01.")


class ModelRecall(NumberQuestion):
    qid = "q8"
    prompt = Text("把 BG/NBD 模型拟合在全部持卡客户的加油天数上（rfm_summary，观察期到数据最后一天，升数当作金额），"
                  "在最后一天，模型给出 P(仍活跃) < 0.5 的常客占“实际已流失的常客”的比例是多少？（模型的召回率，小数；"
                  "常客与 q2 相同。）",
                  "Fit the BG/NBD model on all card holders' refuel days (rfm_summary to the last day of the data, "
                  "the litres as the amount). On the last day, what share of the regular customers who really left "
                  "(churn_truth.left) does the model give P(alive) < 0.5? (The model's recall, a fraction; regular "
                  "customers as in q2.)")
    hint_text = Text("crm.cases.fuel.rule_vs_model.rule_and_model(refuels, truth) 把规则与模型放在同一批常客上；"
                     "它的 judge() 给出两者的精确率与召回率。",
                     "crm.cases.fuel.rule_vs_model.rule_and_model(refuels, truth) sets the rule and the model on the "
                     "same regular customers; its judge() gives both precision and recall.")


class ExpectedRefuels(NumberQuestion):
    qid = "q9"
    prompt = Text("用 q8 的模型：全部常客在数据最后一天之后 30 天内预计共加油多少次？",
                  "With the model of q8: how many refuels do all the regular customers make in the 30 days after "
                  "the last day of the data, as the model expects?")
    hint_text = Text("模型的 expected_purchases(summary, 30) 给出每位客户的期望次数；只加总常客的。",
                     "The model's expected_purchases(summary, 30) gives each customer's expected refuels; add up the "
                     "regular customers' only.")


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("fuel", CompleteFileShare, RegularCustomers, GapFlagsAtThree, DistrictCalls, SkippedComplaints,
                         KeepWinProfit, CustomersPerEmployee, ModelRecall, ExpectedRefuels)
