"""The service-visits case's tables (中国人寿江苏): agents, clients, policies, survey.

Every table of the case passes through these schemas (:mod:`crm.core.schemas`) when it is loaded.
"""
from __future__ import annotations

from dataclasses import replace

from crm.cases.visits.case import AGENT_ISSUES, FACTORS, POLICY_KINDS, VIP_GRADES
from crm.core.schemas import Column, Kind, TableSchema


def _c(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_CLIENT = _c("client_id", "str", "客户编号。", "Client identifier.")
_AGENT = _c("agent_id", "str", "代理人编号。", "Agent identifier.")
_SCORE = {"min": 0, "max": 10}
SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (
    TableSchema("visits/agents", (
        replace(_AGENT, unique=True),
        _c("active", "bool", "在职（False：已离职）。", "Still with the company (False: has left)."),
        _c("policies", "int", "样本中由其销售的保单数。", "Policies of the sample he sold.", min=0),
    ), "The agents who sold the sample's policies, one row each.", "样本保单的代理人，每人一行。"),
    TableSchema("visits/clients", (
        replace(_CLIENT, unique=True),
        _c("age", "int", "年龄。", "Age.", min=0, max=120),
        _c("gender", "category", "性别。", "Gender.", allowed=("f", "m")),
        _c("vip_grade", "category", "VIP 等级（名称为假设）。", "VIP grade (the names are assumed).", allowed=VIP_GRADES),
        _c("policies", "int", "有效保单数。", "Policies in force.", min=1),
        _c("annual_premium", "float", "年缴保费（元）。", "Annual premium (yuan).", min=0),
        _c("last_contact", "date", "最近一次与公司或代理人接触的日期。", "Last contact with the company or an agent.",
           earliest="2003-01-01", latest="2013-12-31"),
        _c("orphan", "bool", "孤儿客户：所有保单的代理人都已离职且尚未重新分配。",
           "Orphan: every policy's agent has left and no new agent is assigned."),
    ), "A 1-in-1,000 sample of the branch's 12.785 million clients.", "分公司 1278.5 万客户的千分之一样本。"),
    TableSchema("visits/policies", (
        _c("policy_id", "str", "保单号。", "Policy identifier.", unique=True), _CLIENT,
        _c("kind", "category", "险种。", "Kind of policy.", allowed=POLICY_KINDS), _AGENT,
        _c("start_date", "date", "生效日期。", "Start date.", earliest="1998-01-01", latest="2013-12-31"),
    ), "The sampled clients' policies in force, with the agent of each.", "样本客户的有效保单及其代理人。"),
    TableSchema("visits/survey", (
        _c("respondent_id", "str", "受访者编号。", "Respondent identifier.", unique=True),
        _c("overall", "int", "总体满意度（0–10 分）。", "Overall satisfaction (0–10).", **_SCORE),
        _c("agent_score", "int", "对代理人的总体评价（0–10 分）。", "Overall score of the agent (0–10).", **_SCORE),
        _c("contact_score", "int", "“定期与客户联系或沟通”满意度（0–10 分）。", "Satisfaction with regular contact (0–10).", **_SCORE),
        _c("least_satisfied", "category", "最不满意的因素。", "The least satisfying factor.", allowed=FACTORS),
        _c("agent_issue", "category", "对代理人最不满意之处（只对选择代理人者）。",
           "What about the agent (only for those naming the agent).", allowed=AGENT_ISSUES, nullable=True),
    ), "The 501 answers of the 2013 third-party survey (generated).", "2013 年第三方调查的 501 份回答（生成）。"),
)}
