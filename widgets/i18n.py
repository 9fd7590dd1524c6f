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


# --- bank case (cases/bank.ipynb): pyramid, smart bank, products, value matrix, scorecard, migration ---
TEXT.update({
    "tier.VIP": {"zh": "贵宾客户", "en": "VIP clients"},
    "tier.key": {"zh": "重点客户", "en": "Key clients"},
    "tier.ordinary": {"zh": "普通客户", "en": "Ordinary clients"},
    "tier.lost": {"zh": "已流失", "en": "Lost"},
    "bank.tier": {"zh": "层级", "en": "Tier"},
    "bank.clients": {"zh": "客户数", "en": "Clients"},
    "bank.client_share": {"zh": "客户占比", "en": "Share of clients"},
    "bank.profit": {"zh": "利润贡献（元）", "en": "Profit contribution (yuan)"},
    "bank.profit_share": {"zh": "利润占比", "en": "Share of profit"},
    "bank.mean_profit": {"zh": "人均贡献（元）", "en": "Contribution per client (yuan)"},
    # pyramid
    "pyr.title": {"zh": "客户金字塔：20% 的客户创造 80% 的利润？", "en": "The customer pyramid: do 20% of clients create 80% of profit?"},
    "pyr.vip": {"zh": "贵宾客户占比（按贡献排名）", "en": "VIP share of clients (by contribution rank)"},
    "pyr.key": {"zh": "重点客户占比", "en": "Key client share"},
    "pyr.year": {"zh": "年份", "en": "Year"},
    "pyr.left": {"zh": "客户金字塔（宽度 = 客户占比）", "en": "Customer pyramid (width = share of clients)"},
    "pyr.right": {"zh": "帕累托曲线", "en": "Pareto curve"},
    "pyr.note": {"zh": "客户 {clients:.0%} · 利润 {profit:.0%}", "en": "{clients:.0%} of clients · {profit:.0%} of profit"},
    "pyr.curve": {"zh": "利润累计占比", "en": "Cumulative share of profit"},
    "pyr.top20": {"zh": "前 20% 客户", "en": "Top 20% of clients"},
    "pyr.claim_line": {"zh": "来源：20% → 80%", "en": "Source: 20% → 80%"},
    "pyr.x": {"zh": "客户累计占比（按贡献从高到低）", "en": "Cumulative share of clients (by contribution, highest first)"},
    "pyr.y": {"zh": "利润累计占比", "en": "Cumulative share of profit"},
    "pyr.claim": {"zh": "{year} 年：贡献最高的 20% 客户创造了 {top:.1%} 的利润（汇丰的前提：80%）。",
                  "en": "{year}: the top 20% of clients by contribution created {top:.1%} of profit (HSBC's premise: 80%)."},
    "pyr.bad": {"zh": "贵宾与重点客户的占比之和必须小于 100%。", "en": "The VIP and key shares must add up to less than 100%."},
    # products, occupations (bank)
    "product.debit_card": {"zh": "借记卡", "en": "Debit card"},
    "product.time_deposit": {"zh": "定期存款", "en": "Time deposit"},
    "product.credit_card": {"zh": "信用卡", "en": "Credit card"},
    "product.card_instalment": {"zh": "信用卡分期", "en": "Card instalments"},
    "product.mortgage": {"zh": "房贷", "en": "Mortgage"},
    "product.car_loan": {"zh": "车贷", "en": "Car loan"},
    "product.fund": {"zh": "基金", "en": "Funds"},
    "product.forex": {"zh": "外汇", "en": "Forex"},
    "product.gold": {"zh": "黄金", "en": "Gold"},
    "product.consumer_loan": {"zh": "消费贷款", "en": "Consumer loan"},
    "occ.civil_servant": {"zh": "公务员", "en": "civil servant"},
    "occ.state_enterprise": {"zh": "国企职工", "en": "state-firm employee"},
    "occ.private_enterprise": {"zh": "民企职工", "en": "private-firm employee"},
    "occ.self_employed": {"zh": "个体经营", "en": "self-employed"},
    "occ.professional": {"zh": "专业人士", "en": "professional"},
    "occ.worker": {"zh": "工人", "en": "worker"},
    "occ.farmer": {"zh": "农民", "en": "farmer"},
    "occ.retired": {"zh": "退休", "en": "retired"},
    "occ.student": {"zh": "学生", "en": "student"},
    # smart bank
    "smart.title": {"zh": "智慧银行：普通、重点、贵宾客户与六步流程", "en": "The smart bank: ordinary, key and VIP clients and the six steps"},
    "smart.client": {"zh": "客户", "en": "Client"},
    "smart.path": {"zh": "客户 {client} 走过的六步", "en": "The six steps client {client} goes through"},
    "smart.right": {"zh": "各层的客户与利润占比", "en": "Clients and profit by tier"},
    "smart.step.identify": {"zh": "客户识别", "en": "Identify"},
    "smart.step.differentiate": {"zh": "差异化分析", "en": "Differentiate"},
    "smart.step.interact": {"zh": "保持良性接触", "en": "Interact"},
    "smart.step.customise": {"zh": "特色服务定制", "en": "Customise"},
    "smart.step.evaluate": {"zh": "客户服务评价", "en": "Evaluate"},
    "smart.step.optimise": {"zh": "客户服务优化", "en": "Optimise"},
    "smart.d.identify": {"zh": "{age} 岁<br>{occupation}<br>月收入 {income:,.0f} 元", "en": "{age} years<br>{occupation}<br>{income:,.0f} yuan/month"},
    "smart.d.differentiate": {"zh": "年贡献 {profit:,.0f} 元<br>→ {tier}<br>{experience}", "en": "{profit:,.0f} yuan a year<br>→ {tier}<br>{experience}"},
    "smart.d.interact": {"zh": "持有 {products} 种产品<br>在行 {years} 年", "en": "holds {products} products<br>{years} years with us"},
    "smart.d.customise": {"zh": "推荐：<br>{products}", "en": "offer:<br>{products}"},
    "smart.d.evaluate": {"zh": "贡献比上年<br>{growth:+.0%}", "en": "contribution<br>{growth:+.0%} on last year"},
    "smart.d.new": {"zh": "新客户：<br>尚无上年数据", "en": "new client:<br>no last year yet"},
    "smart.gap": {"zh": "再多贡献<br>{gap:,.0f} 元/年<br>可升为{tier}", "en": "{gap:,.0f} yuan/year more<br>to become<br>{tier}"},
    "smart.top": {"zh": "已在最高层：<br>保持并定制", "en": "top tier:<br>keep and customise"},
    "smart.none": {"zh": "（已全部持有或不适用）", "en": "(holds them all, or none fits)"},
    "smart.exp.basic": {"zh": "基本体验", "en": "basic experience"},
    "smart.exp.performance": {"zh": "绩效体验", "en": "performance experience"},
    "smart.exp.incentive": {"zh": "激励体验", "en": "incentive experience"},
    "smart.el.respect": {"zh": "个性尊重", "en": "Respect"},
    "smart.el.respect.text": {"zh": "尊重客户隐私，安全妥善地处理客户资料", "en": "respect the client's privacy, keep his data safe"},
    "smart.el.professional": {"zh": "专业服务", "en": "Professional service"},
    "smart.el.professional.text": {"zh": "可靠、专业，遵守公平的金融服务合约", "en": "reliable and expert, fair contracts"},
    "smart.el.convenient": {"zh": "便捷服务", "en": "Convenience"},
    "smart.el.convenient.text": {"zh": "快捷地满足客户需要", "en": "quick service for what he needs"},
    "smart.el.knowledge": {"zh": "知识获取", "en": "Knowledge"},
    "smart.el.knowledge.text": {"zh": "教会客户管理个人财富的方法和技巧", "en": "teach him to manage his wealth"},
    "smart.el.trend": {"zh": "时尚打造", "en": "Trend"},
    "smart.el.trend.text": {"zh": "新颖、引领潮流的金融产品和服务", "en": "new, trend-setting products and services"},
    "smart.el.brand": {"zh": "品牌塑造", "en": "Brand"},
    "smart.el.brand.text": {"zh": "让客户认可并依赖银行的服务品牌", "en": "a service brand he trusts and relies on"},
    "smart.el.innovation": {"zh": "服务创新", "en": "Innovation"},
    "smart.el.innovation.text": {"zh": "富有创新的整套金融产品服务组合", "en": "innovative, complete product bundles"},
    "smart.el.customised": {"zh": "产品定制", "en": "Customisation"},
    "smart.el.customised.text": {"zh": "按人生各阶段定制金融服务规划与产品", "en": "plans and products made for each stage of his life"},
    "smart.el.status": {"zh": "身份彰显", "en": "Status"},
    "smart.el.status.text": {"zh": "特殊待遇和回报，彰显不同一般的身份", "en": "special treatment that shows his standing"},
    # life-stage products
    "prod.title": {"zh": "按人生阶段匹配产品：青年要贷款，中年要理财", "en": "Products by life stage: the young borrow, the middle-aged invest"},
    "prod.young_age": {"zh": "“青年”的年龄上限（从 22 岁起）", "en": "Oldest 'young' age (from 22)"},
    "prod.income": {"zh": "“财富积累的中年客户”月收入下限（元）", "en": "Least monthly income of a middle-aged wealth builder (yuan)"},
    "prod.success": {"zh": "向现有客户推销的成功率", "en": "Success rate of an offer to an existing client"},
    "prod.left": {"zh": "推荐对象中已持有的比例 vs 其他客户", "en": "Share holding the product: targeted vs other clients"},
    "prod.right": {"zh": "尚未持有者带来的预期年利润", "en": "Expected yearly profit from those who lack it"},
    "prod.targeted": {"zh": "推荐对象", "en": "Targeted clients"},
    "prod.others": {"zh": "其他客户", "en": "Other clients"},
    "prod.opportunity": {"zh": "交叉销售机会（元/年）", "en": "Cross-sell opportunity (yuan a year)"},
    "prod.y_left": {"zh": "持有比例", "en": "Share holding it"},
    "prod.y_right": {"zh": "元/年", "en": "Yuan a year"},
    "prod.segment": {"zh": "客户群", "en": "Segment"},
    "prod.seg.young_borrowers": {"zh": "青年贷款客户", "en": "Young borrowers"},
    "prod.seg.wealth_builders": {"zh": "中年理财客户", "en": "Middle-aged wealth builders"},
    "prod.seg.all": {"zh": "合计", "en": "All"},
    "prod.clients": {"zh": "客户数", "en": "Clients"},
    "prod.recommended": {"zh": "推荐（客户×产品）", "en": "Offers (client × product)"},
    "prod.held": {"zh": "已持有", "en": "Already held"},
    "prod.match_rate": {"zh": "匹配率", "en": "Match rate"},
    "prod.gaps": {"zh": "缺口", "en": "Gaps"},
    "prod.opportunity_col": {"zh": "机会（元/年）", "en": "Opportunity (yuan a year)"},
    # value matrix and credit x contribution
    "vm.title": {"zh": "客户价值矩阵与“信用 × 贡献”分类", "en": "The customer value matrix and credit × contribution classes"},
    "vm.current_share": {"zh": "当前价值“高”：贡献排名前", "en": "High current value: top share by contribution"},
    "vm.potential_share": {"zh": "增值潜力“高”：潜力排名前", "en": "High growth potential: top share by potential"},
    "vm.credit_cut": {"zh": "信用“好”：信用评分不低于", "en": "Good credit: credit score at least"},
    "vm.contribution_cut": {"zh": "贡献“高”：年贡献不低于（元）", "en": "High contribution: yearly contribution at least (yuan)"},
    "vm.left": {"zh": "客户价值矩阵（每点一位客户，抽样显示）", "en": "Customer value matrix (one dot per client, a sample)"},
    "vm.right": {"zh": "重点 / 潜在 / 普通客户", "en": "Key / potential / ordinary clients"},
    "vm.x": {"zh": "当前价值：上年贡献（元，对数刻度）", "en": "Current value: last year's contribution (yuan, log scale)"},
    "vm.y": {"zh": "增值潜力：交叉销售的预期年利润（元）", "en": "Growth potential: expected yearly cross-sell profit (yuan)"},
    "vm.quadrant": {"zh": "{type} 类：{clients:,} 人（{share:.0%}）", "en": "Type {type}: {clients:,} ({share:.0%})"},
    "vm.type": {"zh": "类型", "en": "Type"},
    "vm.type.I": {"zh": "Ⅰ 类：当前价值低、潜力低", "en": "I: low value, low potential"},
    "vm.type.II": {"zh": "Ⅱ 类：潜力高、当前价值低", "en": "II: high potential, low value"},
    "vm.type.III": {"zh": "Ⅲ 类：当前价值高、潜力低", "en": "III: high value, low potential"},
    "vm.type.IV": {"zh": "Ⅳ 类：当前价值高、潜力高", "en": "IV: high value, high potential"},
    "vm.customers": {"zh": "客户数", "en": "Clients"},
    "vm.customer_share": {"zh": "客户占比", "en": "Share of clients"},
    "vm.mean_current_value": {"zh": "平均当前价值（元）", "en": "Mean current value (yuan)"},
    "vm.mean_potential": {"zh": "平均增值潜力（元）", "en": "Mean potential (yuan)"},
    "vm.strategy": {"zh": "建议的保持策略（本工作台的建议，来源此节为空）", "en": "Suggested retention strategy (the workbench's; the source leaves it blank)"},
    "vm.strategy.I": {"zh": "控制服务成本，引导到自助与电子渠道；长期亏损的客户不再投入", "en": "Cut the cost to serve, move to self-service channels; stop investing in lasting losses"},
    "vm.strategy.II": {"zh": "重点投入：客户经理主动接触，交叉销售推荐产品，争取其大部分价值", "en": "Invest: client managers reach out and cross-sell to win most of their value"},
    "vm.strategy.III": {"zh": "保持：维护满意度、防止被竞争对手挖走，服务成本适度", "en": "Maintain: keep them satisfied and out of competitors' reach at a moderate cost"},
    "vm.strategy.IV": {"zh": "优先保持：贵宾资源、一对一服务与定制产品", "en": "Retain first: VIP resources, one-to-one service, tailored products"},
    "vm.class.key": {"zh": "重点客户（信用好、贡献高）", "en": "Key (good credit, high contribution)"},
    "vm.class.potential": {"zh": "潜在客户（信用好、贡献低）", "en": "Potential (good credit, low contribution)"},
    "vm.class.ordinary": {"zh": "普通客户（信用差）", "en": "Ordinary (weaker credit)"},
    "vm.note": {"zh": "当前价值分界 {c:,.0f} 元，潜力分界 {p:,.0f} 元。", "en": "Current value cut {c:,.0f} yuan, potential cut {p:,.0f} yuan."},
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
