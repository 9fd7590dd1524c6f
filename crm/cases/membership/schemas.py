"""The membership case's tables (欧珀莱): product lines, members, purchases, club quarters, forum posts."""
from __future__ import annotations

from crm.cases.membership.case import END, LINES, POST_KINDS, SEGMENTS, START, TIERS
from crm.core.schemas import Column, Kind, TableSchema


def _c(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_MEMBER = _c("member_id", "str", "会员编号。", "Member identifier.")
_DATE = dict(earliest=START, latest=END)

SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (
    TableSchema("membership/lines", (
        _c("line", "str", "产品系列（O1、O2：来源未列名的旧系列）。", "Product line (O1, O2: older series the source does not name).",
           unique=True),
        _c("aimed_at", "category", "面向的客户（来源）。", "Whom it is aimed at (the source).",
           allowed=("over_30", "all", "high_end", "young")),
        _c("launched", "date", "上市日期（数据期内；空：之前已有）。", "Day launched (within the data; empty: on sale before).",
           nullable=True, **_DATE),
        _c("withdrawn", "date", "撤下日期（空：仍在售）。", "Day withdrawn (empty: still on sale).", nullable=True, **_DATE),
        _c("replaced_by", "str", "取代它的新系列。", "The new series that replaced it.", nullable=True, required=False),
    ), "The product lines on sale in the data's years.", "数据期内的产品系列。"),
    TableSchema("membership/members", (
        _c("member_id", "str", "会员编号。", "Member identifier.", unique=True),
        _c("segment", "category", "客户群（白领、公务员、学生、其他）。", "Customer group (the source's four).", allowed=SEGMENTS),
        _c("age", "int", "年龄。", "Age.", min=15, max=80),
        _c("tier", "category", "普通会员或 VIP 会员。", "Ordinary or VIP member.", allowed=TIERS),
        _c("joined", "date", "入会日期。", "Day joined.", earliest="2009-01-01", latest=END),
        _c("usual_line", "category", "入会时惯用的系列。", "Her usual line when joining.", allowed=LINES),
        _c("activated", "date", "在俱乐部网站激活会员卡的日期（空：从未激活）。", "Day she activated her card on the club "
           "website (empty: never).", nullable=True, **_DATE),
        _c("activation_order", "int", "激活顺序（空：从未激活）。", "Order of activation (empty: never).", nullable=True, min=1),
        _c("thanks_booked", "bool", "2014 年在网上预约了答谢礼品。", "Booked the 2014 thank-you gift online."),
    ), "Members, one row each.", "会员，每人一行。"),
    TableSchema("membership/purchases", (
        _c("purchase_id", "str", "购买编号。", "Purchase identifier.", unique=True), _MEMBER,
        _c("date", "date", "购买日期。", "Day bought.", **_DATE),
        _c("line", "category", "所购系列。", "Line bought.", allowed=LINES),
        _c("amount", "float", "金额（元）。", "Amount (yuan).", min=0),
        _c("points", "int", "所得积分。", "Points earned.", min=0),
        _c("posted_date", "date", "积分可查询的日期。", "Day the points could be seen.", earliest=START, latest="2015-01-31"),
    ), "Purchases at the counters, one row each.", "专柜购买，每次一行。"),
    TableSchema("membership/club", (
        _MEMBER, _c("quarter", "str", "季度（如 2014Q1）。", "Quarter (e.g. 2014Q1)."),
        _c("logins", "int", "该季度登录俱乐部网站的次数。", "Logins to the club website in the quarter.", min=0),
        _c("lottery", "bool", "用了该季度的抽奖机会。", "Used the quarter's draw."),
        _c("posts", "int", "该季度在论坛的发帖与回帖数。", "Posts and replies in the forum in the quarter.", min=0),
    ), "Each activated member's quarters in the club.", "已激活会员在俱乐部的每个季度。"),
    TableSchema("membership/posts", (
        _c("post_id", "str", "帖子编号。", "Post identifier.", unique=True), _MEMBER,
        _c("date", "date", "发帖日期。", "Day posted.", **_DATE),
        _c("kind", "category", "发帖或回帖。", "Post or reply.", allowed=POST_KINDS),
        _c("chars", "int", "字数。", "Length in characters.", min=1),
        _c("copied_from", "str", "抄袭的原帖（空：原创）。", "The earlier post it copies (empty: its own).", nullable=True),
    ), "The club forum's posts and replies.", "俱乐部论坛的帖子与回帖。"),
)}
