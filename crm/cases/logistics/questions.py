"""Exercise questions for the logistics case (exercises/logistics.ipynb).

Every expected answer is computed from the loaded tables (in :mod:`crm.answer_key.logistics`), so the
same questions grade a submission on any data variant (``python -m crm.cases --case logistics --seed N``).
"""
from __future__ import annotations

from crm.core.exercise import NumberQuestion, question_set, Text


class CarrierShare(NumberQuestion):
    qid = "q1"
    prompt = Text("延误的快件中，记录原因（delay_cause）为承运人（carrier）的占多大比例？（小数）",
                  "Of the late parcels, what share has the recorded cause (delay_cause) carrier? (A fraction.)")
    hint_text = Text("只看 late 为 True 的快件，数 delay_cause == 'carrier'。也可以用 crm.cases.logistics.delays.delay_pareto。",
                     "Keep the parcels with late True and count delay_cause == 'carrier'. "
                     "crm.cases.logistics.delays.delay_pareto does it too.")


class EquipmentFaults(NumberQuestion):
    qid = "q2"
    prompt = Text("来源把口岸延误归于“现有设备的成旧和故障”。样本中有多少件快件因为分拣线故障而滞留在口岸（delays 表中 detail 为 equipment_fault）？",
                  "The source blames port delays on worn, failing equipment. How many of the sample's parcels waited at a "
                  "hub because its line broke down (delays with detail equipment_fault)?")
    hint_text = Text("在 delays 表中数 detail == 'equipment_fault' 的行（每件快件在始发口岸最多滞留一次）。",
                     "Count the rows of delays with detail == 'equipment_fault' (a parcel waits at its origin hub once at most).")
    rtol = 0.0


class WorstMonthLateShare(NumberQuestion):
    qid = "q3"
    prompt = Text("哪个月寄出的快件延误比例最高？给出那个月的延误比例（小数）。",
                  "In which month of shipping is the share of late parcels highest? Give that month's share (a fraction).")
    hint_text = Text("按 ship_date 的月份分组，求 late 的均值，取最大值。",
                     "Group by the month of ship_date, take the mean of late, then the largest.")


class ReliefRemovesLate(NumberQuestion):
    qid = "q4"
    prompt = Text("如果每个口岸分拣能力提高 20%，并更换成旧设备（成旧口岸不再故障），样本中有多少件延误快件会变为准时？",
                  "If every hub's sorting capacity rose by 20 % and the worn equipment were replaced (no breakdown at a "
                  "worn hub), how many of the sample's late parcels would arrive on time?")
    hint_text = Text("crm.cases.logistics.delays.port_relief(parcels, hubs, hub_days, 0.2, True) 给出仍需滞留的快件；"
                     "再用 relief_effect(parcels, delays, complaints, held) 的 'late_removed'。快件只有在它所有的延误都消失时才变为准时。",
                     "crm.cases.logistics.delays.port_relief(parcels, hubs, hub_days, 0.2, True) tells which parcels still "
                     "wait; then relief_effect(parcels, delays, complaints, held)['late_removed']. A parcel is on time only "
                     "when all of its delays are gone.")
    rtol = 0.0


class WithinPromiseToday(NumberQuestion):
    qid = "q5"
    prompt = Text("2010 年只由客服部处理时，有多大比例的投诉在受理后 24 小时内（含）答复了客户？（小数）",
                  "With customer service alone handling them (2010), what share of complaints were answered within "
                  "24 hours of being received (24 h included)? (A fraction.)")
    hint_text = Text("answered_at − received_at ≤ 24 小时的投诉占全部投诉的比例。",
                     "The share of complaints with answered_at − received_at ≤ 24 hours.")


class RepeatCalls(NumberQuestion):
    qid = "q6"
    prompt = Text("平均每件投诉客户又重复打来几次电话？（calls 减去第一次来电）",
                  "On average, how many times did a client call again about a complaint? (calls minus the first call.)")
    hint_text = Text("complaints['calls'] 的均值减 1。", "The mean of complaints['calls'], minus 1.")


class BoundMeanHours(NumberQuestion):
    qid = "q7"
    prompt = Text("用投诉记录测出的投诉量和部门构成（config_from_complaints(complaints, 10_000)），其余取默认，"
                  "种子 seed=0：把四个部门都纳入投诉处理（bound=BINDABLE）后，平均多少小时答复客户？",
                  "With the volume and owner mix measured on the complaint log (config_from_complaints(complaints, 10_000)) "
                  "and the other defaults, seed=0: bind all four departments in (bound=BINDABLE). How many hours on "
                  "average until the client is answered?")
    hint_text = Text("from dataclasses import replace；cfg = replace(config_from_complaints(...), bound=BINDABLE)；"
                     "handle(complaint_draws(cfg, 0), cfg).summary['mean_hours']。",
                     "from dataclasses import replace; cfg = replace(config_from_complaints(...), bound=BINDABLE); "
                     "handle(complaint_draws(cfg, 0), cfg).summary['mean_hours'].")
    rtol = 1e-6  # the model is deterministic for a seed


#: ``questions(tables) -> {"q1": ..., ...}`` for the exercise notebook and the grader.
questions = question_set("logistics", CarrierShare, EquipmentFaults, WorstMonthLateShare, ReliefRemovesLate,
                         WithinPromiseToday, RepeatCalls, BoundMeanHours)
