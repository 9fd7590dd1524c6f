"""The customer life cycle: seeds/002's four stages and seeds/003's two moves of life-cycle management.

seeds/002 (the power utility's paper) names the stages, 考察期、形成期、稳定期、衰退期 (exploration, formation,
stability, decline), and says the marketing staff set a different strategy for each customer's situation; it
defines no stage and gives no length, count or profit. seeds/003 (a drug maker's paper) gives two moves of
life-cycle management, 把客户请进来 (bring customers in) and 把客户留下来 (keep them). Neither pairs a move with a
stage: :func:`stage` pairs them by the named assumption ``lifecycle_actions``. No curve: neither source gives one.
"""
from __future__ import annotations

from dataclasses import dataclass

from crm.cases.concepts.case import _a, SEED_002, SEED_003
from crm.core.schemas import DataError

#: The four stages in seeds/002's order.
STAGES = ("考察期", "形成期", "稳定期", "衰退期")
#: seeds/002: the stages, and what to do in each (the same for all: a strategy for the customer's situation).
STAGES_LINE = (SEED_002, "具体对客户实施考察期、形成期、稳定期以及衰退期的考察,在工作中营销人员针对客户的具体情况制定不同的营销策略")
MONITOR_LINE = (SEED_002, "工作人员根据客户的实际情况的变化对资料库进行实时、有效的更新和维护,做好对客户的动态监测")
#: seeds/003: why a life cycle (the product's), and its two moves, each in the source's sentences.
WHY_LINE = (SEED_003, "一个产品有他的生命周期,从成长期到衰退期的过程是企业密切关注的")
ACTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "invite": ((SEED_003, "把客户请进来。企业采取招商、代理等方式请客户溶入企业中。进行品质融合、资源共享从而使双方获益"),
               (SEED_003, "在把客户请进来时,我们的企业应考虑到户的承受能力,是否愿意与自己承担市场风险,是否具有较高的生存能力及尽可能所延续的生命周期")),
    "keep": ((SEED_003, "把客户留下来。企业如果仅仅从利益的角度出发来刺激客户的积极性往往起不到预期效果"),
             (SEED_003, "一方面双方信任程度增强,另一方面客户生存能力增强并且生命周期也会相应的延续")),
}


@dataclass(frozen=True)
class Stage:
    """A stage, its place (1–4), and the move assumption ``lifecycle_actions`` pairs with it, with its sentences."""

    name: str
    number: int
    action: str
    lines: tuple[tuple[str, str], ...]


def stage(name: str) -> Stage:
    """The stage called ``name`` (one of :data:`STAGES`) and its paired move.

    Examples
    --------
    >>> stage("稳定期").action
    'keep'
    """
    if name not in STAGES:
        raise DataError(f"来源的客户生命周期只有四期：{'、'.join(STAGES)}；没有“{name}”。",
                        f"The source's customer life cycle has four stages only ({', '.join(STAGES)}); "
                        f"“{name}” is none of them.")
    action = _a("lifecycle_actions")[name]
    return Stage(name, STAGES.index(name) + 1, action, ACTIONS[action])


def next_stage(name: str) -> str:
    """The stage after ``name``; after decline the cycle is over and decline stays."""
    i = stage(name).number
    return STAGES[min(i, len(STAGES) - 1)]
