"""Labels in Chinese (default) and English: the machinery, and the labels the shared views use.

A view asks :func:`t` for its labels and registers with :func:`on_language_change`
so that one switch (:func:`language_picker`) relabels every view in the notebook.
:data:`TEXT` holds the labels of the shared views and controls (ABC, RFM, complaint flows,
the upload control, tables and key figures, the marking app); each case's own labels live beside its views in
``widgets/<case>/labels.py`` and join :data:`TEXT` through :func:`register`.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W
import traitlets

LANGUAGES = ("zh", "en")

TEXT: dict[str, dict[str, str]] = {
    "language": {"zh": "语言", "en": "Language"},
    # ABC view
    "abc.title": {"zh": "ABC 客户分类（20/80 法则）", "en": "ABC customer classes (the 20/80 rule)"},
    "abc.cut_a": {"zh": "A/B 分界：累计消费占比", "en": "A/B line: cumulative spend share"},
    "abc.cut_b": {"zh": "B/C 分界：累计消费占比", "en": "B/C line: cumulative spend share"},
    "abc.x": {"zh": "客户累计占比（按年消费额从高到低排序）", "en": "Cumulative share of customers (ranked by annual spend)"},
    "abc.y": {"zh": "年消费额累计占比", "en": "Cumulative share of annual spend"},
    "abc.curve": {"zh": "帕累托曲线", "en": "Pareto curve"},
    "abc.equal": {"zh": "完全平均", "en": "Perfect equality"},
    "abc.upload": {"zh": "上传交易文件（CSV/Excel）", "en": "Upload transactions (CSV/Excel)"},
    "abc.loaded": {"zh": "已载入：{name}，{customers:,} 位客户，{rows:,} 笔交易。",
                   "en": "Loaded: {name}, {customers:,} customers, {rows:,} transactions."},
    "abc.bad_cutoffs": {"zh": "A/B 分界必须小于 B/C 分界。", "en": "The A/B line must be below the B/C line."},
    "col.class": {"zh": "类别", "en": "Class"},
    "col.customers": {"zh": "客户数", "en": "Customers"},
    "col.customer_share": {"zh": "客户占比", "en": "Share of customers"},
    "col.value": {"zh": "年消费额（元）", "en": "Annual spend (yuan)"},
    "col.value_share": {"zh": "消费占比", "en": "Share of spend"},
    "col.mean_value": {"zh": "人均消费（元）", "en": "Spend per customer (yuan)"},
    "class.A": {"zh": "A 重点客户", "en": "A key customers"},
    "class.B": {"zh": "B 一般客户", "en": "B ordinary customers"},
    "class.C": {"zh": "C 次要客户", "en": "C minor customers"},
    # RFM view
    "rfm.title": {"zh": "RFM 客户细分", "en": "RFM segments"},
    "rfm.bins": {"zh": "分档数", "en": "Score bins"},
    "rfm.x": {"zh": "R 分（越近越高）", "en": "R score (recent = high)"},
    "rfm.y": {"zh": "F 与 M 平均分", "en": "Mean of F and M scores"},
    "rfm.segment": {"zh": "细分", "en": "Segment"},
    "rfm.mean_recency_days": {"zh": "平均未购天数", "en": "Mean days since last visit"},
    "rfm.mean_frequency": {"zh": "平均购买次数", "en": "Mean visits"},
    "rfm.mean_monetary": {"zh": "平均消费（元）", "en": "Mean spend (yuan)"},
    "rfm.monetary_share": {"zh": "消费占比", "en": "Share of spend"},
    "seg.champions": {"zh": "冠军客户", "en": "Champions"},
    "seg.cant_lose": {"zh": "不能失去", "en": "Can't lose them"},
    "seg.loyal": {"zh": "忠诚客户", "en": "Loyal"},
    "seg.at_risk": {"zh": "流失风险", "en": "At risk"},
    "seg.potential_loyalists": {"zh": "潜在忠诚", "en": "Potential loyalists"},
    "seg.new_customers": {"zh": "新近客户", "en": "New / recent"},
    "seg.need_attention": {"zh": "需要关注", "en": "Need attention"},
    "seg.hibernating": {"zh": "沉睡客户", "en": "Hibernating"},
    "seg.lost": {"zh": "已流失", "en": "Lost"},
    "seg.other": {"zh": "其他", "en": "Other"},
    # Complaint flows (shared by every case with a complaint process)
    "complaints.title": {"zh": "投诉处理流程追踪", "en": "Complaint flow tracer"},
    "complaints.kind": {"zh": "显示", "en": "Show"},
    "complaints.all": {"zh": "全部投诉", "en": "All complaints"},
    "complaints.pick": {"zh": "投诉编号", "en": "Complaint"},
    "complaints.listed": {"zh": "列出 {n:,} 件（共 {total:,} 件）。", "en": "{n:,} listed ({total:,} in all)."},
    "complaints.none": {"zh": "没有这一类投诉。", "en": "No complaint of this kind."},
    "complaints.trace_title": {"zh": "投诉 {id} 的处理过程", "en": "Complaint {id}: its steps"},
    "complaints.hours_since": {"zh": "自第一步起的小时数", "en": "Hours since the first step"},
    "complaints.duration": {"zh": "用时", "en": "Time taken"},
    "complaints.limit": {"zh": "时限", "en": "Time limit"},
    "complaints.within": {"zh": "未超时", "en": "Within limit"},
    "complaints.breached": {"zh": "超时", "en": "Over limit"},
    "complaints.no_limit": {"zh": "无时限", "en": "No limit"},
    "complaints.step": {"zh": "步骤", "en": "Step"},
    "complaints.level": {"zh": "级别", "en": "Level"},
    "complaints.owner": {"zh": "负责人", "en": "Owner"},
    "complaints.timestamp": {"zh": "时间", "en": "Time"},
    "complaints.hours": {"zh": "用时（小时）", "en": "Hours taken"},
    "complaints.limit_h": {"zh": "时限（小时）", "en": "Limit (hours)"},
    "complaints.status": {"zh": "状态", "en": "Status"},
    "complaints.sankey_title": {"zh": "投诉在哪一级解决", "en": "Where complaints are settled"},
    "complaints.settled_at": {"zh": "在{level}办结", "en": "Settled at {level}"},
    "complaints.open": {"zh": "尚未办结", "en": "Still open"},
    "complaints.by": {"zh": "超时统计：按", "en": "Breaches by"},
    "complaints.by_level": {"zh": "级别", "en": "Level"},
    "complaints.by_owner": {"zh": "负责人", "en": "Owner"},
    "complaints.breach_title": {"zh": "超过时限的步骤比例", "en": "Share of steps over their time limit"},
    "complaints.breach_rate": {"zh": "超时比例", "en": "Over the limit"},
    "complaints.conformance": {"zh": "流程符合性检查", "en": "Conformance check"},
    "complaints.complaints": {"zh": "投诉数", "en": "Complaints"},
    "complaints.share": {"zh": "占比", "en": "Share"},
    "complaints.example": {"zh": "示例", "en": "Example"},
    "complaints.note": {"zh": "规定流程：{flow}。“跳步”指漏掉了已到达步骤之前的必经步骤；“顺序颠倒”指某步早于它之前的步骤；"
                              "“重复”指某步做了两次（返工）。",
                        "en": "The documented flow: {flow}. 'Skipped' means a required step is missing before the "
                              "last step reached; 'reordered' that a step came before an earlier one; 'repeated' "
                              "that a step was done twice (rework)."},
    "dev.fits": {"zh": "符合流程", "en": "Fits the flow"},
    "dev.open": {"zh": "尚未办结", "en": "Still open"},
    "dev.repeated": {"zh": "重复（返工）", "en": "Repeated (rework)"},
    "dev.skipped": {"zh": "跳步", "en": "Skipped a step"},
    "dev.reordered": {"zh": "顺序颠倒", "en": "Reordered"},
    "step.review": {"zh": "审查", "en": "Review"},
    # Exercises
    "ex.correct": {"zh": "✔ 正确！", "en": "✔ Correct!"},
    "ex.unanswered": {"zh": "尚未作答：请把答案赋给变量后再运行检查。", "en": "Not answered yet: assign your answer, then run the check."},
    "upload.button": {"zh": "上传自己的文件（CSV/Excel）", "en": "Upload your own file (CSV/Excel)"},
    "upload.needs": {"zh": "需要的列：{columns}。", "en": "Needs columns: {columns}."},
    "upload.optional": {"zh": "可选：{columns}。", "en": "Optional: {columns}."},
    "upload.none": {"zh": "无固定列", "en": "no fixed columns"},
    "upload.loaded": {"zh": "已载入：{name}，{rows:,} 行。", "en": "Loaded: {name}, {rows:,} rows."},
    "upload.kept": {"zh": "仍使用之前的数据：{name}。", "en": "The previous data stays loaded: {name}."},
    "upload.case_data": {"zh": "案例数据", "en": "case data"},
    "upload.failed": {"zh": "文件 {name} 无法用于此视图（{kind}）。请检查各列的内容后再上传。",
                      "en": "File {name} cannot be used in this view ({kind}). Check its columns and upload again."},
    "upload.reading": {"zh": "正在读取并检查 {name}……", "en": "Reading and checking {name}..."},
    "complaints.loaded": {"zh": "已载入：{name}，{complaints:,} 件投诉，{rows:,} 个事件。",
                          "en": "Loaded: {name}, {complaints:,} complaints, {rows:,} events."},
    "complaints.xes": {"zh": "导出 XES（过程挖掘）", "en": "Export XES (process mining)"},
    "complaints.xes_link": {"zh": "下载 {file}（可用 pm4py、ProM 等工具打开）",
                            "en": "Download {file} (opens in pm4py, ProM and other tools)"},
    "upload.in_file": {"zh": "文件 {name}：", "en": "File {name}: "},
    "rfm.lifetimes": {"zh": "显示 lifetimes / pymc-marketing 格式的汇总（BG/NBD、Gamma-Gamma 模型用）",
                      "en": "Show the lifetimes / pymc-marketing summary (for BG/NBD and Gamma-Gamma models)"},
    "rfm.sum.frequency": {"zh": "frequency（重复购买天数）", "en": "frequency (repeat purchase days)"},
    "rfm.sum.recency": {"zh": "recency（首购到末购，天）", "en": "recency (first to last purchase, days)"},
    "rfm.sum.T": {"zh": "T（首购到期末，天）", "en": "T (first purchase to period end, days)"},
    "rfm.sum.monetary_value": {"zh": "monetary_value（重复购买的平均消费，元）",
                               "en": "monetary_value (mean spend of repeat purchases, yuan)"},
    "rfm.sum.mean": {"zh": "平均", "en": "Mean"},
    "rfm.sum.median": {"zh": "中位数", "en": "Median"},
    "rfm.sum.max": {"zh": "最大", "en": "Maximum"},
    "rfm.sum.note": {"zh": "按天计：同一天的多笔购买算一次；只买过一天的客户（{share:.1%}）frequency、recency 与 "
                           "<code>monetary_value</code> 均为 0。",
                     "en": "In days: purchases on one day count once; the customers who bought on one day only "
                           "({share:.1%}) have frequency, recency and <code>monetary_value</code> 0."},
    "rfm.sum.download": {"zh": "下载汇总（CSV：<code>customer_id, frequency, recency, T, monetary_value</code>）",
                         "en": "Download the summary (CSV: <code>customer_id, frequency, recency, T, monetary_value</code>)"},
    "rfm.loaded": {"zh": "已载入：{name}，{customers:,} 位客户，{rows:,} 笔交易。",
                   "en": "Loaded: {name}, {customers:,} customers, {rows:,} transactions."},
    "rfm.help": {"zh": "定义：R（最近一次购买）＝从客户最后一次购买到文件中最后一笔交易次日的天数；F（频率）＝客户的购买笔数（文件行数）；"
                       "M（金额）＝客户的消费总额。R、F、M 各按分位数打 1 到所选分档数的分，相同的值同分。"
                       "注意 lifetimes 与 pymc-marketing 的 <code>rfm_summary</code> 用另一套定义：频率＝有购买的天数减 1（只算重复购买），"
                       "recency＝第一次到最后一次购买的天数，T＝第一次购买到观察期末的天数，金额＝重复购买的平均金额；"
                       "与其结果比较时先换算。",
                 "en": "Definitions: R (recency) = days from the customer's last purchase to the day after the last "
                       "transaction in the file; F (frequency) = his purchases (rows of the file); M (monetary) = his "
                       "total spend. Each is scored 1 to the chosen number of bins by quantile; equal values share a "
                       "score. Note that the <code>rfm_summary</code> of lifetimes and pymc-marketing uses other definitions: "
                       "frequency = days with a purchase minus 1 (repeat purchases only), recency = days from the first "
                       "to the last purchase, T = days from the first purchase to the end of the period, monetary = the "
                       "mean value of the repeat purchases; convert before comparing."},
    "tables.missing": {"zh": "表示没有数据", "en": "means no value"},
    "tables.yes": {"zh": "是", "en": "yes"},
    "tables.no": {"zh": "否", "en": "no"},
    "tables.gender.M": {"zh": "男", "en": "male"},
    "tables.gender.F": {"zh": "女", "en": "female"},
    "col.transaction_id": {"zh": "交易编号", "en": "Transaction"},
    "col.customer_id": {"zh": "客户编号", "en": "Customer"},
    "col.date": {"zh": "日期", "en": "Date"},
    "col.time": {"zh": "时间", "en": "Time"},
    "col.lane": {"zh": "收银台", "en": "Lane"},
    "col.items": {"zh": "件数", "en": "Items"},
    "col.amount": {"zh": "金额", "en": "Amount"},
    "col.station_id": {"zh": "加油站", "en": "Station"},
    "col.litres": {"zh": "升数", "en": "Litres"},
    "col.grade": {"zh": "油品", "en": "Grade"},
    "col.payment": {"zh": "支付方式", "en": "Payment"},
    "col.gender": {"zh": "性别", "en": "Gender"},
    "col.age": {"zh": "年龄", "en": "Age"},
    "col.occupation": {"zh": "职业", "en": "Occupation"},
    "col.monthly_income": {"zh": "月收入", "en": "Monthly income"},
    "col.life_stage": {"zh": "人生阶段", "en": "Life stage"},
    "col.joined_year": {"zh": "开户年份", "en": "Joined"},
    "col.left_year": {"zh": "离开年份", "en": "Left"},
    "col.cause": {"zh": "原因", "en": "Cause"},
    "col.complaints": {"zh": "投诉数", "en": "Complaints"},
    "col.share": {"zh": "占比", "en": "Share"},
    "col.stations": {"zh": "涉及加油站数", "en": "Stations with it"},
    "col.branches": {"zh": "涉及营业部数", "en": "Branches with it"},
    "col.calls": {"zh": "回访次数", "en": "Calls"},
    "col.level": {"zh": "客户的投诉到达", "en": "Customers' complaints reach"},
    "col.observed": {"zh": "观察到的投诉", "en": "Complaints observed"},
    "col.estimated": {"zh": "冰山估计", "en": "Iceberg estimate"},
    "col.truth": {"zh": "实际（模拟的真相）", "en": "Actual (simulated truth)"},
    "kf.complaints": {"zh": "件投诉", "en": "complaints"},
    # the marking app (crm-mark, widgets/app/marking.py)
    "mark.title": {"zh": "书面题批改", "en": "Marking written answers"},
    "mark.question": {"zh": "题目", "en": "Question"},
    "mark.names": {"zh": "显示姓名", "en": "Show names"},
    "mark.paper": {"zh": "答卷 #{n}", "en": "Paper #{n}"},
    "mark.position": {"zh": "第 {i} 份，共 {k} 份", "en": "{i} of {k}"},
    "mark.progress": {"zh": "本题已批改 {done} / {total}；全部 {all_done} / {all_total}。",
                      "en": "This question: {done} of {total} marked; all questions: {all_done} of {all_total}."},
    "mark.none": {"zh": "这道题没有需要批改的答案。", "en": "No answers to mark for this question."},
    "mark.no_answer": {"zh": "（另有 {n} 位学生没有作答，不需批改。）", "en": "({n} more gave no answer: nothing to mark.)"},
    "mark.prev": {"zh": "◀ 上一份", "en": "◀ Previous"},
    "mark.next": {"zh": "下一份 ▶", "en": "Next ▶"},
    "mark.unmarked": {"zh": "下一份未批改", "en": "Next unmarked"},
    "mark.seen": {"zh": "确认并继续 ↵", "en": "Mark as seen and go on ↵"},
    "mark.comment": {"zh": "评语", "en": "Comment"},
    "mark.points": {"zh": "得分：{points:g} / {most:g}", "en": "Points: {points:g} / {most:g}"},
    "mark.marked": {"zh": "已批改", "en": "marked"},
    "mark.open": {"zh": "未批改", "en": "not marked yet"},
    "mark.numbers": {"zh": "好的答案会用到的数字", "en": "Numbers a good answer uses"},
    "mark.on_students": {"zh": "学生的数据", "en": "students' data"},
    "mark.on_variant": {"zh": "评分变体（种子 {seed}）", "en": "grading variant (seed {seed})"},
    "mark.group": {"zh": "相似组：与 {n} 份答卷相近", "en": "Similar group: close to {n} other papers"},
    "mark.copy": {"zh": "⚑ 与 {papers} 非常相似：请复核（这只是提示，不是结论）",
                  "en": "⚑ Very similar to {papers}: worth a look (a flag, not a verdict)"},
    "mark.keys": {"zh": "键盘：→/n 下一份，←/p 上一份，u 下一份未批改，1–9 勾选标准，Enter 确认并继续，c 写评语（Esc 离开）",
                  "en": "Keys: →/n next, ←/p previous, u next unmarked, 1–9 tick a line, Enter mark as seen and go on, "
                        "c comment (Esc leaves)"},
}


#: Which catalogue defined each key (``widgets.i18n`` or a case's ``labels`` module).
DEFINED_IN: dict[str, str] = dict.fromkeys(TEXT, __name__)


def register(labels: dict[str, dict[str, str]], owner: str) -> None:
    """Add a case's labels to :data:`TEXT`; a key that another catalogue defines is an error."""
    twice = sorted(k for k in labels if DEFINED_IN.get(k, owner) != owner)
    if twice:
        raise ValueError(f"labels defined twice ({owner} and {DEFINED_IN[twice[0]]}): {twice[:5]}")
    TEXT.update(labels)
    DEFINED_IN.update(dict.fromkeys(labels, owner))


class Language(traitlets.HasTraits):
    """The language every view of a notebook shows (one per kernel, zh by default)."""

    code = traitlets.Enum(LANGUAGES, default_value="zh")


#: The notebook-wide language; views observe it so one switch relabels them all.
LANG = Language()


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    """The label ``key`` in ``lang`` (default: the current language), formatted with ``fmt``."""
    entry = TEXT[key]
    text = entry[lang or LANG.code]
    return text.format(**fmt) if fmt else text


def both(key: str, **fmt: object) -> str:
    """The label in Chinese then English, for messages that must reach every reader."""
    return " / ".join(t(key, code, **fmt) for code in LANGUAGES)


def on_language_change(callback: Callable[[str], None], state: Language = LANG) -> None:
    """Call ``callback(code)`` whenever the notebook's language changes."""
    state.observe(lambda change: callback(change["new"]), names="code")


def language_picker(state: Language = LANG) -> W.ToggleButtons:
    """A 中文 / English switch bound to ``state`` (the whole notebook by default)."""
    picker = W.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=state.code,
                             description=TEXT["language"]["zh"] + " / Language",
                             style={"description_width": "initial", "button_width": "80px"})
    traitlets.link((picker, "value"), (state, "code"))
    return picker
