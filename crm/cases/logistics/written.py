"""Written questions of the logistics exercise, from the case notebook's Discussion prompts.

Marked by hand against each rubric (:mod:`crm.core.written`); ``uses`` names the automatic
questions whose numbers a good answer quotes, computed for each data variant.
"""
from __future__ import annotations

from crm.core.exercise import Text
from crm.core.written import Criterion, WrittenQuestion, written_set


class StaffOrMachines(WrittenQuestion):
    qid = "d1"
    prompt = Text("（讨论 2）纳入部门要花人手，扩容和换设备要花钱。用你在 q4、q5 和 q7 中算出的数字，怎样比较这两条路？"
                  "你会先向高层提出哪一条，需要哪些部门签字？",
                  "(Discussion 2) Binding departments in costs staff; capacity and equipment cost money. With your numbers "
                  "from q4, q5 and q7, how would you compare the two ways? Which would you put to top management first, "
                  "and whose signatures does it need?")
    rubric = (
        Criterion("numbers", 2, "引用了自己算出的可消除的延误件数（q4）、今天 24 小时内答复的比例（q5）和纳入部门后的平均答复时间（q7）。",
                  "Quotes the own late parcels removed (q4), today's share answered within 24 hours (q5) and the mean "
                  "hours with the departments bound in (q7)."),
        Criterion("different_problems", 1, "指出两条路解决的问题不同：设备减少延误本身，纳入部门缩短投诉的答复。",
                  "Sees that the two solve different problems: equipment removes delays, binding departments in "
                  "shortens the answer to a complaint."),
        Criterion("costs_assumed", 1, "说明来源没有给出成本，比较需要哪些假设（人手、设备价格）。",
                  "Says the source gives no costs and names the assumptions a comparison needs (staff, equipment prices)."),
        Criterion("owners", 1, "给出具体的建议和需要签字的部门（如口岸作业部、高层）。",
                  "Ends with a concrete proposal and the departments that must sign (e.g. port operations, top management)."),
    )
    uses = {"q4": Text("扩容 20% 并换设备后变为准时的延误快件", "late parcels on time after +20 % capacity and new equipment"),
            "q5": Text("只由客服部处理时 24 小时内答复的比例", "share answered within 24 hours by customer service alone"),
            "q7": Text("四个部门都纳入后的平均答复小时数", "mean hours to answer with all four departments bound in")}


class DataToTest(WrittenQuestion):
    qid = "d2"
    prompt = Text("（讨论 3）这里的比例都是假设。你需要从迅捷拿到哪些数据，才能检验来源的结论（承运人原因第一、口岸作业第二，"
                  "设备成旧和超负荷是主因）？怎样收集，谁来提供？",
                  "(Discussion 3) The shares here are assumptions. What data would you need from Xunjie to test the "
                  "source's conclusions (carrier causes first, port operations second, worn and overloaded equipment "
                  "the main cause)? How would you collect it, and who would provide it?")
    rubric = (
        Criterion("assumed", 1, "明确说出本数据中的比例是假设，不能证明来源的结论。",
                  "States that the shares in this data are assumptions and cannot prove the source's conclusions."),
        Criterion("records", 2, "列出具体的记录：每件延误的原因和环节、口岸每天的处理量与能力、设备故障记录、投诉与来电记录。",
                  "Lists concrete records: each delay's cause and stage, each hub's daily volume and capacity, "
                  "equipment breakdowns, the complaint and call logs."),
        Criterion("sources", 1, "说明谁提供这些数据（口岸作业部、客服部、信息技术部）以及怎样统一原因的编码。",
                  "Says who provides them (port operations, customer service, IT) and how the causes are coded alike."),
        Criterion("test", 1, "说明怎样用这些数据检验结论（例如按原因的帕累托、故障日与延误的对比）。",
                  "Says how the data would test the conclusions (a Pareto by cause, breakdown days against delays)."),
    )


#: ``written(tables) -> {"d1": ..., "d2": ...}`` for the exercise notebook and the grader.
written = written_set("logistics", StaffOrMachines, DataToTest)
