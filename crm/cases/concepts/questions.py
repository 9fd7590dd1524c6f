"""Exercise questions of the concepts case (exercises/concepts.ipynb), on the customer book.

Every expected answer is computed from the loaded book (in :mod:`crm.answer_key.concepts`), so the same
questions grade a submission on any data variant (``python -m crm.cases --case concepts --seed N``).
Present values use the book's discount rate of 8 % (assumption ``discount_rate``) and median cuts
(assumption ``matrix_cut``).
"""
from __future__ import annotations

from crm.core.exercise import NumberQuestion, question_set, SetQuestion, Text


class TotalCurrentValue(NumberQuestion):
    qid = "q1"
    prompt = Text("按来源的定义（购买行为不变时未来利润总和的现值，贴现率 8%），账本中所有客户的当前价值合计多少元？",
                  "By the source's definition (the present value of future profit if buying stays as it is, at 8 % a "
                  "year), what is the total current value of the book's customers, in yuan?")
    hint_text = Text("present_values(customers)['current_value'].sum()；每年年末收到 annual_profit，共 years 年。",
                     "present_values(customers)['current_value'].sum(); annual_profit at each year's end for years years.")


class TotalPotential(NumberQuestion):
    qid = "q2"
    prompt = Text("同样按现值计算，所有客户的增值潜力（annual_uplift 的现值）合计多少元？",
                  "Likewise as a present value, what is the total growth potential (the present value of annual_uplift)?")
    hint_text = Text("present_values(customers)['growth_potential'].sum()。",
                     "present_values(customers)['growth_potential'].sum().")


class TypeFourCount(NumberQuestion):
    qid = "q3"
    prompt = Text("以两个现值各自的中位数为界（等于中位数算“高”），有多少位 IV 类客户（当前价值和增值潜力都高）？",
                  "Cutting each present value at its median (at the median counts as high), how many customers are type "
                  "IV (both high)?")
    hint_text = Text("value_table(customers)['value_type'] == 'IV'。", "value_table(customers)['value_type'] == 'IV'.")
    rtol = 0.0


class TypeTwoCustomers(SetQuestion):
    qid = "q4"
    prompt = Text("同样的界线下，哪些客户是 II 类（增值潜力高、当前价值低）？给出 customer_id 的列表。",
                  "With the same cuts, which customers are type II (high potential, low current value)? Give the list "
                  "of customer_id.")
    hint_text = Text("value_table(customers) 中 value_type == 'II' 的 index。",
                     "The index of value_table(customers) where value_type == 'II'.")


class StayIfFast(NumberQuestion):
    qid = "q5"
    prompt = Text("假如所有 III 类客户都遇到了服务过失，而企业都给予了快速关注，按来源的 70%，预计有多少位会继续合作？",
                  "If every type-III customer met a service failure and each got fast attention, how many would stay "
                  "by the source's 70 %?")
    hint_text = Text("III 类客户数 × 0.70（不必取整）。", "The number of type-III customers × 0.70 (do not round).")


class PeopleTold(NumberQuestion):
    qid = "q6"
    prompt = Text("假如所有 I 类客户（当前价值和增值潜力都低，企业最容易忽视的一群）都不满意，"
                  "按来源“告诉其他 8~10 个人”的上限，最多有多少人会听到他们的不满经历？",
                  "If every type-I customer (low current value and low potential, the ones a firm most easily "
                  "neglects) were dissatisfied, at the top of the source's 8–10 people told, how many people at most "
                  "would hear of it?")
    hint_text = Text("I 类客户数（与 q3 同样的界线）× 10。", "The number of type-I customers (the cuts of q3) × 10.")
    rtol = 0.0


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("concepts", TotalCurrentValue, TotalPotential, TypeFourCount, TypeTwoCustomers, StayIfFast,
                         PeopleTold)
