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
    # Exercises
    "ex.correct": {"zh": "✔ 正确！", "en": "✔ Correct!"},
    "ex.unanswered": {"zh": "尚未作答：请把答案赋给变量后再运行检查。", "en": "Not answered yet: assign your answer, then run the check."},
}

# --- car-care case (车佰汇): channel mix, complaint recovery, service-profit chain, SERVQUAL, network ---
TEXT.update({
    # complaint flow: the seven steps (seeds/000) and the three levels
    "step.understand": {"zh": "了解问题与原因", "en": "Understand the problem"},
    "step.calm_promise": {"zh": "安抚并承诺答复", "en": "Calm and promise a reply"},
    "step.respond": {"zh": "快速响应妥善处理", "en": "Respond fast"},
    "step.record": {"zh": "记录客户意见", "en": "Record the opinion"},
    "step.keep_promise": {"zh": "兑现承诺", "en": "Keep the promise"},
    "step.repair": {"zh": "补救客户关系", "en": "Repair the relationship"},
    "step.review": {"zh": "作为管理过程复盘", "en": "Review as a management process"},
    "level.front_desk": {"zh": "前台", "en": "Front desk"},
    "level.service_manager": {"zh": "服务经理", "en": "Service manager"},
    "level.general_manager": {"zh": "总经理", "en": "General manager"},
    "cc.flow_title": {"zh": "车佰汇投诉处理七步骤", "en": "Chebaihui's seven steps of complaint handling"},
    "channel.tv": {"zh": "电视广告", "en": "TV"},
    "channel.radio": {"zh": "电台广播", "en": "Radio"},
    "channel.magazine": {"zh": "汽车杂志", "en": "Car magazines"},
    "channel.newspaper": {"zh": "地方报纸", "en": "Local newspapers"},
    "channel.billboard": {"zh": "路牌广告", "en": "Billboards"},
    "channel.car_show": {"zh": "车展（汽贸、4S 店）", "en": "Car shows (dealers, 4S)"},
    # channel mix
    "mix.title": {"zh": "渠道组合：每月营销预算怎么分", "en": "Channel mix: splitting the monthly marketing budget"},
    "mix.spend": {"zh": "{channel}（元/月）", "en": "{channel} (yuan/month)"},
    "mix.curves": {"zh": "各渠道的响应曲线（点为历史月份）", "en": "Response curves (dots: past months)"},
    "mix.x": {"zh": "月投放额（元）", "en": "Monthly spend (yuan)"},
    "mix.y": {"zh": "月新增客户", "en": "New customers a month"},
    "mix.yours": {"zh": "你的组合", "en": "Your mix"},
    "mix.best": {"zh": "最优组合（同样预算）", "en": "Best mix (same budget)"},
    "mix.compare": {"zh": "各渠道新增客户：你的组合与最优组合", "en": "Customers won by channel: your mix and the best"},
    "mix.mix": {"zh": "组合", "en": "Mix"},
    "mix.spend_col": {"zh": "月预算（元）", "en": "Budget (yuan/month)"},
    "mix.reach": {"zh": "触达人数", "en": "Reach"},
    "mix.leads": {"zh": "线索", "en": "Leads"},
    "mix.customers": {"zh": "新客户", "en": "Customers"},
    "mix.cost_per_customer": {"zh": "获客成本（元/人）", "en": "Cost per customer (yuan)"},
    "mix.note": {"zh": "曲线由 {months} 个月的数据拟合（新增客户 ∝ 投放额^弹性，弹性小于 1 即边际递减）；"
                       "最优组合只在历史最大投放额的 {cap:.1f} 倍以内寻找，超出数据的部分曲线不可信。",
                 "en": "Curves fitted on {months} months (customers ∝ spend^elasticity; below 1 means diminishing "
                       "returns); the best mix stays within {cap:.1f}× the largest spend seen, beyond which the "
                       "curves are guesses."},
    # recovery
    "rec.title": {"zh": "服务补救：处理速度、客户去留与口碑", "en": "Service recovery: speed, who stays, word of mouth"},
    "rec.fast_hours": {"zh": "“快速”指首次答复在（小时）内", "en": "'Fast' means a first reply within (hours)"},
    "rec.target": {"zh": "目标：快速答复的投诉比例", "en": "Target: share of complaints answered fast"},
    "rec.unhappy": {"zh": "不满客户告诉几个人", "en": "People an unhappy customer tells"},
    "rec.happy": {"zh": "满意客户告诉几个人", "en": "People a happy customer tells"},
    "rec.band": {"zh": "首次答复用时（小时）", "en": "Hours to the first reply"},
    "rec.stay_rate": {"zh": "留下的比例", "en": "Share who stayed"},
    "rec.source70": {"zh": "来源：快速处理则 70% 留下", "en": "Source: 70% stay if handled fast"},
    "rec.fast": {"zh": "快速", "en": "Fast"},
    "rec.slow": {"zh": "较慢", "en": "Slow"},
    "rec.stay_title": {"zh": "投诉客户留下的比例", "en": "Complainants who stayed"},
    "rec.wom_title": {"zh": "口碑：听到好评与差评的人数", "en": "Word of mouth: people told"},
    "rec.now": {"zh": "现状", "en": "Today"},
    "rec.scenario": {"zh": "目标", "en": "Target"},
    "rec.positive": {"zh": "好评", "en": "Good"},
    "rec.negative": {"zh": "差评", "en": "Bad"},
    "rec.summary": {"zh": "已结案 {n:,} 件；{fast:.0%} 在 {hours:g} 小时内首次答复。快速答复的客户 {sf:.0%} 留下，"
                          "较慢的 {ss:.0%}。若 {target:.0%} 的投诉快速答复：留下 {stay:,.0f} 人（现状 {stay0:,.0f}），"
                          "差评传播 {neg:,.0f} 人次（现状 {neg0:,.0f}）。",
                    "en": "{n:,} closed complaints; {fast:.0%} got a first reply within {hours:g} hours. Of those "
                          "answered fast {sf:.0%} stayed, of the others {ss:.0%}. If {target:.0%} were answered fast: "
                          "{stay:,.0f} stay (today {stay0:,.0f}) and {neg:,.0f} people hear a bad story "
                          "(today {neg0:,.0f})."},
    "rec.iceberg_title": {"zh": "投诉冰山：看得见的投诉与看不见的不满", "en": "The complaint iceberg: seen and unseen"},
    "rec.iceberg_x": {"zh": "客户人数", "en": "Customers"},
    "rec.observed": {"zh": "公司收到的投诉", "en": "Complaints the firm received"},
    "rec.estimated": {"zh": "按冰山比例估计", "en": "Estimated from the iceberg shares"},
    "rec.level.management": {"zh": "到达高层（1–5%）", "en": "Reach top management (1–5%)"},
    "rec.level.front_line": {"zh": "到达一线（45%）", "en": "Reach the front line (45%)"},
    "rec.level.none": {"zh": "从不投诉（50%）", "en": "Never complain (50%)"},
    "rec.bad": {"zh": "参数不合理：", "en": "Parameters out of range: "},
    # service-profit chain
    "spc.title": {"zh": "服务利润链模拟器", "en": "Service–profit chain simulator"},
    "spc.change": {"zh": "内部服务质量变化（分）", "en": "Change of internal service quality (points)"},
    "spc.link.quality_to_satisfaction": {"zh": "内部质量 → 员工满意", "en": "Internal quality → staff satisfaction"},
    "spc.link.satisfaction_to_turnover": {"zh": "员工满意 → 流失（对数几率）", "en": "Staff satisfaction → turnover (log-odds)"},
    "spc.link.satisfaction_to_productivity": {"zh": "员工满意 → 生产率", "en": "Staff satisfaction → productivity"},
    "spc.link.satisfaction_to_value": {"zh": "员工满意 → 服务价值", "en": "Staff satisfaction → service value"},
    "spc.link.value_to_customer_satisfaction": {"zh": "服务价值 → 顾客满意", "en": "Service value → customer satisfaction"},
    "spc.link.satisfaction_to_loyalty": {"zh": "顾客满意 → 忠诚（对数几率）", "en": "Customer satisfaction → loyalty (log-odds)"},
    "spc.stage.internal_quality": {"zh": "内部服务质量", "en": "Internal service quality"},
    "spc.stage.employee_satisfaction": {"zh": "员工满意", "en": "Employee satisfaction"},
    "spc.stage.staff_turnover": {"zh": "员工流失率", "en": "Staff turnover"},
    "spc.stage.productivity": {"zh": "员工生产率", "en": "Productivity"},
    "spc.stage.service_value": {"zh": "外部服务价值", "en": "Service value"},
    "spc.stage.customer_satisfaction": {"zh": "顾客满意", "en": "Customer satisfaction"},
    "spc.stage.loyalty": {"zh": "顾客忠诚（次年再来）", "en": "Loyalty (back next year)"},
    "spc.stage.revenue": {"zh": "营收", "en": "Revenue"},
    "spc.stage.profit": {"zh": "利润", "en": "Profit"},
    "spc.x": {"zh": "相对现状的变化", "en": "Change from today"},
    "spc.link": {"zh": "链条环节", "en": "Link"},
    "spc.assumed": {"zh": "模拟所用强度", "en": "Strength used"},
    "spc.data_slope": {"zh": "数据中的斜率", "en": "Slope in the data"},
    "spc.correlation": {"zh": "数据中的相关系数", "en": "Correlation in the data"},
    "spc.n": {"zh": "样本数", "en": "Pairs"},
    "spc.summary": {"zh": "营收变化 {rev:+,.0f} 元，利润变化 {profit:+,.0f} 元（已扣除流失招聘成本与提升内部质量的投入）。",
                    "en": "Revenue changes by {rev:+,.0f} yuan, profit by {profit:+,.0f} yuan (after the cost of "
                          "replacing leavers and of the better internal service)."},
    # SERVQUAL
    "sq.title": {"zh": "SERVQUAL：五个维度的差距与重要性–表现图", "en": "SERVQUAL: gaps and the importance–performance chart"},
    "sq.imp_cut": {"zh": "重要性分界线", "en": "Importance line"},
    "sq.perf_cut": {"zh": "表现分界线", "en": "Performance line"},
    "sq.x": {"zh": "表现（1–10）", "en": "Performance (1–10)"},
    "sq.y": {"zh": "重要性（1–10）", "en": "Importance (1–10)"},
    "sq.gap_title": {"zh": "差距 = 表现 − 期望", "en": "Gap = performance − expectation"},
    "sq.ipa_title": {"zh": "重要性–表现图", "en": "Importance–performance chart"},
    "sq.dim.tangibles": {"zh": "有形性", "en": "Tangibles"},
    "sq.dim.reliability": {"zh": "可靠性", "en": "Reliability"},
    "sq.dim.responsiveness": {"zh": "响应性", "en": "Responsiveness"},
    "sq.dim.assurance": {"zh": "保证性", "en": "Assurance"},
    "sq.dim.empathy": {"zh": "移情性", "en": "Empathy"},
    "sq.q.concentrate_here": {"zh": "优先改进", "en": "Concentrate here"},
    "sq.q.keep_up": {"zh": "继续保持", "en": "Keep up the good work"},
    "sq.q.low_priority": {"zh": "次要", "en": "Low priority"},
    "sq.q.possible_overkill": {"zh": "可能过度投入", "en": "Possible overkill"},
    "sq.importance": {"zh": "重要性", "en": "Importance"},
    "sq.expectation": {"zh": "期望", "en": "Expectation"},
    "sq.performance": {"zh": "表现", "en": "Performance"},
    "sq.gap": {"zh": "差距", "en": "Gap"},
    "sq.quadrant": {"zh": "象限", "en": "Quadrant"},
    "sq.act_rank": {"zh": "行动顺序", "en": "Act in order"},
    "sq.dimension": {"zh": "维度", "en": "Dimension"},
    "sq.first": {"zh": "先改进：{dim}。", "en": "Act first on: {dim}."},
    # service network
    "net.title": {"zh": "服务网络：30 分钟内首次响应", "en": "The service network: a first response within 30 minutes"},
    "net.demand": {"zh": "需求倍数（高峰小时）", "en": "Demand (× today's peak hour)"},
    "net.extra": {"zh": "每个中心增减人手", "en": "Staff added per centre"},
    "net.handling": {"zh": "每次响应占用（分钟）", "en": "Minutes per response"},
    "net.target": {"zh": "目标：30 分钟内响应的比例", "en": "Target: share answered within 30 min"},
    "net.x": {"zh": "30 分钟内响应的比例（每个中心）", "en": "Share answered within 30 minutes (per centre)"},
    "net.y": {"zh": "服务中心数", "en": "Service centres"},
    "net.summary": {"zh": "{meet:,} / {n:,} 个中心达到目标；全网 {share:.1%} 的请求在 30 分钟内得到响应；{over:,} 个中心超负荷。"
                          "现有高峰人手 {staff:,} 人，要让每个中心都达标需要 {need:,} 人。",
                    "en": "{meet:,} of {n:,} centres meet the target; {share:.1%} of all requests get a response "
                          "within 30 minutes; {over:,} centres are overloaded. Peak staff today {staff:,}; every "
                          "centre meeting the target needs {need:,}."},
})


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
