"""The labels of the supermarket case's views (扬州A超市), in Chinese and English.

Registered with :mod:`widgets.i18n` when the case's views are imported; a key defined twice,
here or in another catalogue, is an error at import.
"""
from widgets.i18n import register

LABELS: dict[str, dict[str, str]] = {
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
    "camp.note": {"zh": "基于 {n} 次蒙特卡洛模拟；参数为建模假设，来源没有给出（数据说明中的 campaign.*，包括每月一次会员日）。",
                  "en": "From {n} Monte Carlo runs; the parameters are modelling assumptions the source does not give "
                        "(campaign.* in the datasheet, one member day a month included)."},
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
    "chk.capped": {"zh": "▲ ≥ {cap} 分钟（画在上限处）", "en": "▲ ≥ {cap} min (drawn at the cap)"},
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
    "kf.customers": {"zh": "客户", "en": "customers"},
    "kf.members": {"zh": "会员", "en": "members"},
    "kf.transactions": {"zh": "笔交易", "en": "transactions"},
    "kf.annual_spend": {"zh": "全年消费额", "en": "spend in the year"},
    "kf.mean_basket": {"zh": "平均客单价", "en": "mean basket"},
}

register(LABELS, __name__)
