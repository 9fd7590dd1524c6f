"""Exercise questions for the car-care case (exercises/carcare.ipynb).

Every expected answer is computed from the loaded tables, so the same questions
grade a submission on any data variant (``python -m crm.cases --case carcare --seed N``).
"""
from __future__ import annotations


from crm.core.exercise import NumberQuestion, SetQuestion, Text, question_set


class CostPerCustomer(NumberQuestion):
    qid = "q1"
    prompt = Text("在数据年度（visits 所在的年份）里，各渠道的投放总额除以赢得的新客户总数，平均获客成本是多少元？",
                  "In the data year (the year of the visits), what is the average cost per customer won: total "
                  "channel spend divided by total customers won across all channels (yuan)?")
    hint_text = Text("在 channel_spend 中只取 month 属于该年份的行，分别求 spend 与 customers 的和再相除。",
                     "Keep the channel_spend rows whose month is in that year; divide the sum of spend by the "
                     "sum of customers.")


class CarShowElasticity(NumberQuestion):
    qid = "q2"
    prompt = Text("对车展（car_show）拟合 新客户 = a × 投放额^b（对两边取对数做线性回归，用全部月份），弹性 b 是多少？"
                  "它小于 1 说明什么？",
                  "Fit customers = a × spend^b for car shows (car_show) by a straight line on logs, using every "
                  "month. What is the elasticity b? What does b < 1 mean?")
    hint_text = Text("np.polyfit(np.log(spend), np.log(customers), 1) 的斜率；或 crm.cases.carcare.channels.fit_response_curves。",
                     "The slope of np.polyfit(np.log(spend), np.log(customers), 1); or crm.cases.carcare.channels.fit_response_curves.")


class StayWithoutRepair(NumberQuestion):
    qid = "q3"
    prompt = Text("已结案（outcome 为 stayed 或 left）的投诉中，处理日志里没有“补救关系”（repair）这一步的，"
                  "客户留下的比例是多少？",
                  "Among closed complaints (outcome stayed or left) whose log has no 'repair' step, what share "
                  "of customers stayed?")
    hint_text = Text("先从 complaint_log 找出有 repair 事件的 complaint_id，再在 complaints 中排除它们和未结案的投诉。",
                     "Find the complaint_ids with a repair event in complaint_log, then take the other closed "
                     "complaints in complaints.")


class StayIfFast(NumberQuestion):
    qid = "q4"
    prompt = Text("已结案的投诉中，首次答复在 24 小时内（response_hours ≤ 24）的，客户留下的比例是多少？"
                  "与来源的 70% 相比如何？",
                  "Among closed complaints first answered within 24 hours (response_hours ≤ 24), what share of "
                  "customers stayed? How does it compare with the source's 70%?")
    hint_text = Text("只保留 outcome 为 stayed 或 left 的投诉；crm.cases.carcare.recovery.recovery_rates 也能算。",
                     "Keep complaints whose outcome is stayed or left; crm.cases.carcare.recovery.recovery_rates does it too.")


class IcebergTotal(NumberQuestion):
    qid = "q5"
    prompt = Text("按来源的冰山比例（高层 1%~5%，这里取上限 5%；一线 45%；从不投诉 50%），由公司收到的投诉估计：全年遇到问题而不满的客户"
                  "一共有多少（包括从不投诉的）？",
                  "With the source's iceberg shares (management 1–5%, here the top of the range, 5%; front line 45%; never "
                  "complain 50%), estimate "
                  "from the complaints the firm received how many customers had a problem in all (the silent included).")
    hint_text = Text("收到的投诉（front_line 与 management）只占全部问题的 50%。",
                     "The complaints received (front_line and management) are 50% of all problems.")


class ReliabilityGap(NumberQuestion):
    qid = "q6"
    prompt = Text("SERVQUAL 问卷中，“可靠性”（reliability）的差距（平均表现 − 平均期望）是多少？",
                  "In the SERVQUAL survey, what is the gap of reliability (mean performance − mean expectation)?")
    hint_text = Text("只取 dimension 为 reliability 的行，performance 与 expectation 的平均值相减。",
                     "Take the rows with dimension reliability; subtract mean expectation from mean performance.")


class SlowAndLost(SetQuestion):
    qid = "q7"
    prompt = Text("哪些投诉首次答复超过 48 小时、而且客户流失了（outcome 为 left）？给出 complaint_id 的列表。",
                  "Which complaints waited more than 48 hours for a first response and lost the customer "
                  "(outcome left)? Give a list of complaint_id.")
    hint_text = Text("两个条件同时满足：response_hours > 48 与 outcome == 'left'。",
                     "Both conditions: response_hours > 48 and outcome == 'left'.")


class QualitySatisfactionCorrelation(NumberQuestion):
    qid = "q8"
    prompt = Text("服务利润链的第一环：员工档案中，内部服务质量（internal_service_quality）与员工满意度（satisfaction）"
                  "的相关系数（Pearson）是多少？",
                  "The chain's first link: in the staff records, what is the (Pearson) correlation between "
                  "internal_service_quality and satisfaction?")
    hint_text = Text("employees[['internal_service_quality', 'satisfaction']].corr()。",
                     "employees[['internal_service_quality', 'satisfaction']].corr().")


class CentresMeetingPromise(NumberQuestion):
    qid = "q9"
    prompt = Text("把每个服务中心的高峰小时看作 M/M/c 排队（每次响应占用 20 分钟，在岗人数为 staff）。需求增加 20% 时，"
                  "有多少个中心能让至少 90% 的请求在 30 分钟内得到响应？",
                  "Treat each centre's peak hour as an M/M/c queue (20 minutes per response, staff servers). "
                  "With demand 20% higher, how many centres answer at least 90% of requests within 30 minutes?")
    hint_text = Text("crm.cases.carcare.network.network_promise(centres, demand=1.2) 给出每个中心的 within_promise。",
                     "crm.cases.carcare.network.network_promise(centres, demand=1.2) gives each centre's within_promise.")
    rtol = 0.0


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("carcare", CostPerCustomer, CarShowElasticity, StayWithoutRepair, StayIfFast, IcebergTotal,
                         ReliabilityGap, SlowAndLost, QualitySatisfactionCorrelation, CentresMeetingPromise)
