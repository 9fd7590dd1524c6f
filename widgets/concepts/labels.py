"""The labels of the concepts case's views, in Chinese and English.

Registered with :mod:`widgets.i18n` when :mod:`widgets` is imported; a key defined twice is an error.
"""
from widgets.i18n import register

LABELS: dict[str, dict[str, str]] = {
    # retention calculator
    "cc.ret.title": {"zh": "客户保持的经济账：来源的数字（每 {per} 位客户）",
                     "en": "Retention economics: the sources' figures (per {per} customers)"},
    "cc.ret.new_vs_keep": {"zh": "发展一位新客户的成本是保持一位老客户的（倍，来源 5~10）",
                           "en": "A new customer costs × keeping one (source: 5–10)"},
    "cc.ret.told_unhappy": {"zh": "不满的客户告诉几个人（来源 8~10）", "en": "People an unhappy customer tells (source: 8–10)"},
    "cc.ret.told_happy": {"zh": "满意的客户告诉几个人（来源 2~3）", "en": "People a happy customer tells (source: 2–3)"},
    "cc.ret.figure": {"zh": "来源的数字", "en": "The source's figure"},
    "cc.ret.file": {"zh": "出处", "en": "File"},
    "cc.ret.result": {"zh": "每 {per} 位客户", "en": "Per {per} customers"},
    "cc.ret.row.cost": {"zh": "保持 {per} 位老客户的成本 {keep:,.0f} 单位；发展 {per} 位新客户 {win:,.0f} 单位（单位：保持一位客户的成本）",
                        "en": "Keeping {per} customers costs {keep:,.0f} units; winning {per} new ones {win:,.0f} units "
                              "(unit: the cost of keeping one)"},
    "cc.ret.row.cost_fig": {"zh": "新客户成本 {m:g} 倍（5~10 倍）", "en": "New customer {m:g}× (5–10×)"},
    "cc.ret.row.spend": {"zh": "向新客户推销的花费是向现有客户的 {s:g} 倍：每 1 元花在现有客户上，新客户要 {s:g} 元",
                         "en": "Selling to a new customer costs {s:g}× selling to an existing one: {s:g} yuan for every "
                               "yuan spent on an existing customer"},
    "cc.ret.row.spend_fig": {"zh": "推销花费 6 倍", "en": "Selling spend 6×"},
    "cc.ret.row.002": {"zh": "另一来源（中原石油）：开发新客户的费用是维护老客户的 6 倍：落在 5~10 倍之内",
                       "en": "Another source (the Zhongyuan fuel stations, seeds/002): developing a new customer costs 6× keeping one, inside 5–10×"},
    "cc.ret.row.002_fig": {"zh": "开发费用 6 倍", "en": "Development cost 6×"},
    "cc.ret.row.success": {"zh": "成交 {per} 笔：向新客户要推销约 {new:,.0f} 次，向现有客户 {old:,.0f} 次（{per} ÷ 15% 与 {per} ÷ 50%）",
                           "en": "To land {per} sales: about {new:,.0f} attempts on new customers, {old:,.0f} on existing "
                                 "ones ({per} ÷ 15 % and {per} ÷ 50 %)"},
    "cc.ret.row.success_fig": {"zh": "成功率 15% 与 50%", "en": "Success 15 % vs 50 %"},
    "cc.ret.row.stay": {"zh": "{per} 位对服务不满的客户，过失得到快速关注时 {stay:,.0f} 位继续合作；处理慢时留下多少，来源没有给出数字",
                        "en": "Of {per} dissatisfied customers, {stay:,.0f} stay when the failure gets fast attention; the "
                              "source gives no figure for a slow answer"},
    "cc.ret.row.stay_fig": {"zh": "快速关注 70% 继续合作", "en": "Fast attention: 70 % stay"},
    "cc.ret.row.told": {"zh": "{per} 位不满的客户告诉 {bad:,.0f} 人；{per} 位满意的客户告诉 {good:,.0f} 人：一位不满客户的话传到的人数，抵得上 {r:.1f} 位满意客户",
                        "en": "{per} unhappy customers tell {bad:,.0f} people, {per} happy ones {good:,.0f}: one unhappy "
                              "customer reaches as many people as {r:.1f} happy ones"},
    "cc.ret.row.told_fig": {"zh": "告诉 {u:g} 人与 {h:g} 人（8~10 与 2~3）", "en": "Tell {u:g} vs {h:g} (8–10 vs 2–3)"},
    "cc.ret.row.satisfaction": {"zh": "满意度提高 5%，利润增加一倍：来源只给了这一个点，0 与 5% 之间怎样变化没有数字，这里不作推算",
                                "en": "Satisfaction up 5 %, profit doubled: the source gives this one point; it gives no "
                                      "figure for what happens between 0 and 5 %, so nothing is computed between"},
    "cc.ret.row.satisfaction_fig": {"zh": "满意度 +5% → 利润 ×2", "en": "Satisfaction +5 % → profit ×2"},
    "cc.ret.fig_title": {"zh": "新客户（或不满的客户）是老客户（或满意的客户）的几倍", "en": "How many times the new (or the unhappy) against the existing (or the happy)"},
    "cc.ret.times": {"zh": "倍数", "en": "Times"},
    "cc.ret.bar.cost": {"zh": "获客成本", "en": "Cost to win"},
    "cc.ret.bar.attempts": {"zh": "推销次数", "en": "Sales attempts"},
    "cc.ret.bar.spend": {"zh": "推销花费", "en": "Selling spend"},
    "cc.ret.bar.told": {"zh": "口碑人数", "en": "People told"},
    "cc.ret.note": {"zh": "每个输入都是来源的数字：滑块只在来源给出的范围内移动，其余数字固定。“每 {per} 位客户”只是计算的单位，不是来源的数字（见数据说明）。",
                    "en": "Every input is a figure of the sources: a slider moves only within the source's range, the "
                          "other figures are fixed. \"Per {per} customers\" is only the unit of the sums, not a figure of "
                          "the sources (see the datasheet)."},
    # value matrix table
    "cc.vm.type": {"zh": "客户类型", "en": "Type"},
    "cc.vm.customers": {"zh": "客户数", "en": "Customers"},
    "cc.vm.current": {"zh": "当前价值（现值，元）", "en": "Current value (present value, yuan)"},
    "cc.vm.potential": {"zh": "增值潜力（现值，元）", "en": "Growth potential (present value, yuan)"},
    # give/get quadrant
    "cc.gg.title": {"zh": "得与给：顾客（C）与服务提供商（SP）的关系象限", "en": "Give and get: the quadrant of customer (C) and provider (SP)"},
    "cc.gg.customer": {"zh": "顾客（C）", "en": "Customer (C)"},
    "cc.gg.provider": {"zh": "服务提供商（SP）", "en": "Provider (SP)"},
    "cc.gg.axes": {"zh": "行：顾客（C）；列：服务提供商（SP）", "en": "Rows: customer (C); columns: provider (SP)"},
    "cc.gg.more": {"zh": "得 > 给", "en": "gets > gives"},
    "cc.gg.less": {"zh": "得 < 给", "en": "gets < gives"},
    "cc.gg.cell.win_win": {"zh": "双赢：双方都满意", "en": "Win–win: both satisfied"},
    "cc.gg.cell.customer_gains": {"zh": "顾客满意，SP 想降低付出或增加收获", "en": "The customer is satisfied; SP seeks to give less or get more"},
    "cc.gg.cell.golden_hen": {"zh": "顾客是金母鸡，但不甚满意", "en": "The customer is a golden hen, but not very satisfied"},
    "cc.gg.cell.both_lose": {"zh": "双方都想终结关系", "en": "Both want to end the relationship"},
    "cc.gg.source": {"zh": "来源的原话", "en": "The source's words"},
    "cc.gg.read.win_win": {"zh": "顾客与提供商得到的都多于付出。", "en": "C and SP are both satisfied, a double win: C is satisfied with SP as it is, and SP is glad of it."},
    "cc.gg.read.customer_gains": {"zh": "顾客得到的多于付出，提供商得到的少于付出。", "en": "The customer is satisfied; SP looks for ways to give less or get more."},
    "cc.gg.read.golden_hen": {"zh": "提供商得到的多于付出，顾客得到的少于付出。", "en": "The customer is a golden hen, but not very satisfied; SP wants to keep C so as to go on profiting."},
    "cc.gg.read.both_lose": {"zh": "顾客与提供商得到的都少于付出。", "en": "Both sides want to end the relationship; perhaps C and SP are both stuck in the present state."},
    # demand against capacity
    "cc.dc.title": {"zh": "服务的需求与产能：一天中每小时的需求", "en": "Service demand against capacity: each hour of one day"},
    "cc.dc.levers": {"zh": "（来源的两个手段：1. 调整服务产能；2. 管理顾客对服务的需求水准）",
                     "en": "(the source's two levers: 1. adjust the service capacity; 2. manage the level of demand)"},
    "cc.dc.capacity": {"zh": "1. 调整服务产能（每小时增减的客户数）", "en": "1. Adjust capacity (customers an hour added or removed)"},
    "cc.dc.shift": {"zh": "2. 管理需求：把高于最适产能的需求移到空闲时段的比例",
                    "en": "2. Manage demand: share of the demand above optimum moved to quiet hours"},
    "cc.dc.bar.within": {"zh": "最适产能内服务", "en": "Served within optimum"},
    "cc.dc.bar.above_optimum": {"zh": "超过最适产能服务", "en": "Served above optimum"},
    "cc.dc.bar.unmet": {"zh": "未满足（超过最大产能）", "en": "Unmet (above maximum)"},
    "cc.dc.optimum": {"zh": "最适产能", "en": "Optimum capacity"},
    "cc.dc.maximum": {"zh": "最大产能", "en": "Maximum capacity"},
    "cc.dc.before": {"zh": "调整需求之前的需求", "en": "Demand before the demand lever"},
    "cc.dc.fig_title": {"zh": "需求量与产能（假设的一天）", "en": "Quantity demanded against capacity (an assumed day)"},
    "cc.dc.time": {"zh": "时间", "en": "Time"},
    "cc.dc.quantity": {"zh": "需求量（每小时客户数）", "en": "Quantity demanded (customers an hour)"},
    "cc.dc.day": {"zh": "全天合计", "en": "The whole day"},
    "cc.dc.customers": {"zh": "客户数", "en": "Customers"},
    "cc.dc.total.demand": {"zh": "需求", "en": "Demand"},
    "cc.dc.total.served": {"zh": "得到服务", "en": "Served"},
    "cc.dc.total.unmet": {"zh": "未满足的需求（超过最大产能）", "en": "Unmet demand (above maximum capacity)"},
    "cc.dc.total.above_optimum": {"zh": "在最适产能与最大产能之间服务", "en": "Served between optimum and maximum capacity"},
    "cc.dc.total.idle": {"zh": "闲置的产能（最适产能中未用的部分）", "en": "Idle capacity (optimum capacity left unused)"},
    "cc.dc.total.moved": {"zh": "移到其他时段的需求", "en": "Demand moved to other hours"},
    "cc.dc.note": {"zh": "来源的图在抓取中丢失，只剩下“需求、最大产能、最适产能、过剩、需求量、时间”这些字：这一天每小时的需求、最适产能与最大产能都是本数据集的假设（见数据说明），不是来源的数字。",
                   "en": "The source's chart is lost in the scrape; only its words survive (demand, maximum capacity, optimum capacity, excess, quantity demanded, time). The hourly demand and both capacities are this data set's assumptions (see the datasheet), not figures of the source."},
}

register(LABELS, __name__)
