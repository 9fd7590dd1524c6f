"""Every label and message of the views, in Chinese (default) and English.

A view asks :func:`t` for its labels and registers with :func:`on_language_change`
so that one switch (:func:`language_picker`) relabels every view in the notebook.
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
    "abc.kept": {"zh": "仍使用之前的数据：{name}。", "en": "The previous data stays loaded: {name}."},
    "abc.case_data": {"zh": "案例数据", "en": "case data"},
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
    # Campaign view
    "camp.title": {"zh": "会员日与生日短信：活动模拟", "en": "Member day and birthday SMS: campaign simulator"},
    "camp.uplift": {"zh": "会员日客流提升", "en": "Member-day visit uplift"},
    "camp.discount": {"zh": "会员日折扣", "en": "Member-day discount"},
    "camp.margin": {"zh": "毛利率", "en": "Gross margin"},
    "camp.response": {"zh": "生日短信响应率", "en": "Birthday SMS response rate"},
    "camp.coupon": {"zh": "生日券面值（元）", "en": "Birthday coupon (yuan)"},
    "camp.fixed": {"zh": "每次会员日固定成本（元）", "en": "Fixed cost per member day (yuan)"},
    "camp.x": {"zh": "年增量利润（元）", "en": "Incremental profit a year (yuan)"},
    "camp.member_day": {"zh": "会员日", "en": "Member day"},
    "camp.birthday_sms": {"zh": "生日短信", "en": "Birthday SMS"},
    "camp.campaign": {"zh": "活动", "en": "Campaign"},
    "camp.segment": {"zh": "客户类别", "en": "Class"},
    "camp.all": {"zh": "全部会员", "en": "All members"},
    "camp.profit_mean": {"zh": "增量利润均值（元）", "en": "Mean incremental profit (yuan)"},
    "camp.profit_p5": {"zh": "5% 分位", "en": "5th pct."},
    "camp.profit_p95": {"zh": "95% 分位", "en": "95th pct."},
    "camp.cost": {"zh": "成本（元）", "en": "Cost (yuan)"},
    "camp.roi": {"zh": "投资回报率", "en": "ROI"},
    "camp.note": {"zh": "基于 {n} 次蒙特卡洛模拟；参数为建模假设（见数据说明）。",
                  "en": "From {n} Monte Carlo runs; parameters are modelling assumptions (see the datasheet)."},
    # Checkout view
    "chk.title": {"zh": "高峰期收银：快速结账口", "en": "Peak-hour checkout: express lanes"},
    "chk.lanes": {"zh": "收银台总数", "en": "Checkout lanes in all"},
    "chk.express": {"zh": "其中快速结账口", "en": "of which express lanes"},
    "chk.limit": {"zh": "快速通道件数上限", "en": "Express item limit"},
    "chk.rate": {"zh": "到达率（人/分钟）", "en": "Arrivals per minute"},
    "chk.x": {"zh": "快速结账口数量", "en": "Express lanes"},
    "chk.y": {"zh": "平均等待（分钟，最多显示 {cap} 分钟）", "en": "Mean wait (minutes, shown up to {cap})"},
    "chk.regular": {"zh": "普通通道", "en": "Regular lanes"},
    "chk.express_type": {"zh": "快速通道", "en": "Express lanes"},
    "chk.all": {"zh": "全部顾客", "en": "All customers"},
    "chk.summary": {"zh": "当前方案：平均等待 {wait:.1f} 分钟，90% 顾客等待不超过 {p90:.1f} 分钟，平均排队 {queue:.1f} 人。",
                    "en": "This plan: mean wait {wait:.1f} min, 90% of customers wait at most {p90:.1f} min, {queue:.1f} in queue on average."},
    "chk.unstable": {"zh": "收银台不足：队伍会无限增长。", "en": "Too few lanes: the queue grows without bound."},
    # Survey
    "survey.few_benefits": {"zh": "认为会员优惠少", "en": "Feel membership brings few benefits"},
    "theme.messy_shelving": {"zh": "商品摆放无规则", "en": "Messy shelving"},
    "theme.confusing_price_tags": {"zh": "价格牌标注混乱", "en": "Confusing price tags"},
    "theme.oppressive_atmosphere": {"zh": "卖场氛围压抑", "en": "Oppressive atmosphere"},
    "theme.slow_checkout": {"zh": "结账效率低", "en": "Slow checkout"},
    "theme.staff_attitude": {"zh": "导购服务态度差", "en": "Staff attitude"},
    "theme.empty_specials_shelf": {"zh": "特价商品空架", "en": "Specials out of stock"},
    "theme.none": {"zh": "无意见", "en": "No complaint"},
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
    # Fuel-station case (中原石油): funnel, anomaly, care, managers, keep-vs-win, reported results, complaint flow
    "fuel.complaints_title": {"zh": "三级投诉快速反应：加油站 → 片区 → 公司", "en": "Three-level complaint fast response: station → district → company"},
    "step.verify": {"zh": "核实", "en": "Verify"},
    "step.review": {"zh": "审查", "en": "Review"},
    "step.rectify": {"zh": "整改", "en": "Rectify"},
    "step.callback": {"zh": "回访", "en": "Follow-up call"},
    "step.archive": {"zh": "归档", "en": "Archive"},
    "level.station": {"zh": "加油站", "en": "station"},
    "level.district": {"zh": "片区", "en": "district"},
    "level.company": {"zh": "公司", "en": "company"},
    "funnel.title": {"zh": "客户开发三步法：转化漏斗", "en": "Three-step acquisition: the funnel"},
    "funnel.first_visit": {"zh": "第一次加油（记车牌、车型）", "en": "1st visit (plate, model)"},
    "funnel.second_visit": {"zh": "第二次加油", "en": "2nd visit"},
    "funnel.basic_file": {"zh": "同意留姓名单位（初级档案）", "en": "Name and employer given (basic file)"},
    "funnel.third_visit": {"zh": "第三次加油", "en": "3rd visit"},
    "funnel.complete_file": {"zh": "留下联系方式（完整档案）", "en": "Contact details given (complete file)"},
    "funnel.rate.second_visit": {"zh": "再次来加油的比例", "en": "Come back a 2nd time"},
    "funnel.rate.basic_file": {"zh": "第二次时同意建初级档案", "en": "Agree to a basic file at the 2nd visit"},
    "funnel.rate.third_visit": {"zh": "建档后第三次来", "en": "Come a 3rd time after the basic file"},
    "funnel.rate.complete_file": {"zh": "第三次时留下联系方式", "en": "Leave contact details at the 3rd visit"},
    "funnel.actual": {"zh": "数据中的实际", "en": "In the data"},
    "funnel.what_if": {"zh": "假设情景", "en": "What if"},
    "funnel.x": {"zh": "车辆数（期内新客户）", "en": "Vehicles (new this year)"},
    "funnel.summary": {"zh": "按实际转化率，{first:,} 辆新车中有 {actual:,} 位建立完整档案；按假设转化率为 {what_if:,.0f} 位（{delta:+,.0f}）。",
                       "en": "At the real rates {actual:,} of {first:,} new vehicles end with a complete file; at the what-if rates {what_if:,.0f} ({delta:+,.0f})."},
    "anomaly.title": {"zh": "加油周期异常：超过固定周期 N 天未进站", "en": "Visit-cycle anomalies: N days beyond the usual cycle"},
    "anomaly.grace": {"zh": "超过固定周期的天数 N", "en": "Days beyond the usual cycle, N"},
    "anomaly.drop": {"zh": "加油量低于平时的比例视为异常", "en": "Flag a fill this much below usual"},
    "anomaly.use_volume": {"zh": "同时标记加油量异常", "en": "Also flag abnormal volume"},
    "anomaly.x": {"zh": "N（天）", "en": "N (days)"},
    "anomaly.y": {"zh": "精确率 / 召回率", "en": "Precision / recall"},
    "anomaly.y2": {"zh": "每周需要回访的电话", "en": "Calls a week"},
    "anomaly.precision": {"zh": "精确率：被标记者中真正流失的比例", "en": "Precision: flags that are real leavers"},
    "anomaly.recall": {"zh": "召回率：流失客户被及时发现的比例", "en": "Recall: leavers caught in time"},
    "anomaly.calls": {"zh": "每周回访电话", "en": "Calls a week"},
    "anomaly.summary": {"zh": "N = {n}：学习期后 {weeks:.0f} 周内共 {flags:,} 次标记，每周 {calls:,.0f} 个电话；精确率 {precision:.1%}，召回率 {recall:.1%}（{caught:,}/{leavers:,} 位流失的常客）；发现时间中位数为最后一次加油后 {days:+.0f} 天（负数 = 还在来时就发现了）。",
                        "en": "N = {n}: {flags:,} flags in the {weeks:.0f} weeks after the learning window, {calls:,.0f} calls a week; precision {precision:.1%}, recall {recall:.1%} ({caught:,}/{leavers:,} regular customers who left); caught at a median {days:+.0f} days after the last refuel (negative = while still coming)."},
    "anomaly.note": {"zh": "每位常客的固定周期 = 他在前 {learn} 天（学习期）内加油间隔的中位数；至少加油 {visits} 次才算常客。真实流失情况来自生成器（churn_truth 表）。",
                     "en": "Each regular customer's usual cycle = the median gap between his refuels in the first {learn} days (learning window); a regular refuels at least {visits} times in it. Who really left comes from the generator (table churn_truth)."},
    "care.title": {"zh": "三级维护：VIP、A 类以上单位、B 类以上个人客户", "en": "Three-level care: VIPs, A-and-above units, B-and-above individuals"},
    "care.unit.VIP": {"zh": "单位客户 VIP 门槛（升/年）", "en": "Unit VIP from (litres a year)"},
    "care.unit.A": {"zh": "单位客户 A 类门槛", "en": "Unit class A from"},
    "care.unit.B": {"zh": "单位客户 B 类门槛", "en": "Unit class B from"},
    "care.individual.VIP": {"zh": "个人客户 VIP 门槛（升/年）", "en": "Individual VIP from (litres a year)"},
    "care.individual.A": {"zh": "个人客户 A 类门槛", "en": "Individual class A from"},
    "care.individual.B": {"zh": "个人客户 B 类门槛", "en": "Individual class B from"},
    "care.occasion.price_change": {"zh": "油价调整（{n} 次）", "en": "Price changes ({n})"},
    "care.occasion.weather": {"zh": "天气变化（{n} 次）", "en": "Weather changes ({n})"},
    "care.occasion.holiday": {"zh": "重要节日（{n} 次）", "en": "Major holidays ({n})"},
    "care.kind.unit": {"zh": "单位客户", "en": "Unit customers"},
    "care.kind.individual": {"zh": "个人客户", "en": "Individual customers"},
    "care.tiers_y": {"zh": "客户数", "en": "Customers"},
    "care.calls_title": {"zh": "这个维护方案一年的电话量", "en": "Calls a year this care plan costs"},
    "care.calls_y": {"zh": "每年回访次数", "en": "Calls a year"},
    "care.level.company": {"zh": "公司零售部（VIP，每季度）", "en": "Company retail dept. (VIPs, quarterly)"},
    "care.level.district": {"zh": "片区（A 类以上单位客户）", "en": "Districts (A-and-above units)"},
    "care.level.station": {"zh": "加油站（B 类以上个人客户）", "en": "Stations (B-and-above individuals)"},
    "care.customers": {"zh": "维护客户数", "en": "Customers cared for"},
    "care.calls": {"zh": "每年电话", "en": "Calls a year"},
    "care.callers": {"zh": "负责人数", "en": "Callers"},
    "care.calls_per_caller_week": {"zh": "每人每周电话", "en": "Calls per caller a week"},
    "care.bad": {"zh": "门槛必须满足 VIP > A > B：请调整滑块。", "en": "Thresholds must satisfy VIP > A > B: move the sliders."},
    "managers.title": {"zh": "“1:15”客户经理：每位员工至少维护 15 位客户", "en": "\"1:15\" customer managers: every employee keeps at least 15 customers"},
    "managers.staff": {"zh": "员工人数变化", "en": "Change in staff"},
    "managers.customers": {"zh": "客户数变化", "en": "Change in customers"},
    "managers.capacity": {"zh": "每人最多维护客户数", "en": "Most customers per employee"},
    "managers.station": {"zh": "加油站", "en": "Station"},
    "managers.x": {"zh": "员工", "en": "Employee"},
    "managers.y": {"zh": "维护客户数", "en": "Customers maintained"},
    "managers.value": {"zh": "客户年加油量（升）", "en": "Customers' litres a year"},
    "managers.minimum": {"zh": "最低 15 位", "en": "Minimum 15"},
    "managers.summary": {"zh": "全网 {employees:,} 名员工、{customers:,} 位建档客户：覆盖 {covered:.1%}；{below:,} 名员工不足 15 位；与现状相比 {moved:,} 位客户换了客户经理，{uncovered:,} 位无人维护。",
                         "en": "Network: {employees:,} employees, {customers:,} customers on file; {covered:.1%} covered; {below:,} employees keep fewer than 15; against today {moved:,} customers change manager, {uncovered:,} have none."},
    "managers.station_summary": {"zh": "{station}：{employees} 名员工，{customers:,} 位客户，每人 {lo}–{hi} 位；年加油量最多与最少的员工相差 {spread:.1f} 倍。",
                                 "en": "{station}: {employees} employees, {customers:,} customers, {lo}–{hi} each; the largest load in litres is {spread:.1f}× the smallest."},
    "keepwin.title": {"zh": "维护老客户还是开发新客户：预算模拟", "en": "Keep or win: splitting the budget"},
    "keepwin.share": {"zh": "用于维护老客户的预算比例", "en": "Share of the budget spent on keeping"},
    "keepwin.budget": {"zh": "每年预算（元）", "en": "Budget a year (yuan)"},
    "keepwin.multiple": {"zh": "开发一位新客户的费用 / 维护一位老客户", "en": "Cost to win one / to keep one"},
    "keepwin.churn": {"zh": "不维护时的年流失率", "en": "Yearly churn without care"},
    "keepwin.effect": {"zh": "维护能避免的流失比例", "en": "Share of churn care prevents"},
    "keepwin.years": {"zh": "模拟年数", "en": "Years"},
    "keepwin.frontier_x": {"zh": "用于维护的预算比例", "en": "Share of the budget spent on keeping"},
    "keepwin.profit": {"zh": "累计利润（万元）", "en": "Cumulative profit (10k yuan)"},
    "keepwin.customers": {"zh": "期末客户数", "en": "Customers at the end"},
    "keepwin.chosen": {"zh": "当前方案", "en": "This split"},
    "keepwin.summary": {"zh": "维护 {share:.0%}、开发 {win:.0%}：{years} 年后客户 {customers:,.0f} 位（现在 {start:,}），累计利润 {profit:,.0f} 万元；在这些假设下利润最高的比例是 {best:.0%}。",
                        "en": "Keep {share:.0%}, win {win:.0%}: after {years} years {customers:,.0f} customers (now {start:,}), cumulative profit {profit:,.0f} × 10k yuan; under these assumptions the most profitable share is {best:.0%}."},
    "keepwin.note": {"zh": "默认值来自来源：开发新客户的费用是维护老客户的 6 倍，年流失率约 10%。其余（维护费用、维护效果、每升毛利）是建模假设。",
                     "en": "Defaults from the source: winning a customer costs 6× keeping one; about 10% are lost a year. The rest (keep cost, care effect, margin per litre) are modelling assumptions."},
    "results.title": {"zh": "来源报告的成效（截至 2014 年 6 月，同比）", "en": "Results the source reports (to June 2014, year on year)"},
    "results.x": {"zh": "同比增长（%；持卡消费比率为百分点）", "en": "Change (%; card share in points)"},
    "results.source": {"zh": "来源：{file}，王俊彪（中国石化河南中原石油分公司）。这些是报告的数字，不是本数据算出的。",
                       "en": "Source: {file}, Wang Junbiao (Sinopec Henan Zhongyuan Petroleum). Reported figures, not computed from this data."},
    "results.unit_customers": {"zh": "单位客户", "en": "Unit customers"},
    "results.individual_customers": {"zh": "个人客户", "en": "Individual customers"},
    "results.card_share_points": {"zh": "持卡消费比率（百分点）", "en": "Card payment share (points)"},
    "results.station_volume": {"zh": "加油站销量", "en": "Station volume"},
    "results.gasoline": {"zh": "汽油销量", "en": "Gasoline volume"},
    "results.premium_gasoline": {"zh": "高标号汽油（E97、E98）", "en": "Premium gasoline (E97, E98)"},
    "results.best_station": {"zh": "单站最高增量", "en": "Best single station"},
    "results.card_topups": {"zh": "加油卡充值额", "en": "Card top-ups"},
    # Exercises
    "ex.correct": {"zh": "✔ 正确！", "en": "✔ Correct!"},
    "ex.unanswered": {"zh": "尚未作答：请把答案赋给变量后再运行检查。", "en": "Not answered yet: assign your answer, then run the check."},
}


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
