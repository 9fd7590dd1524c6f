"""Six kinds of lost customer and five strategies against churn (seeds/001).

The source names the six kinds (識別以下幾類客戶) and the five strategies (防範客戶流失的策略) and says no more:
no definition of a kind, no share or count, no pairing of a kind with a strategy. :func:`classify` therefore
reads a kind from the words of its own name: how the customer went (主動 of his own accord, 被 by someone
else, 被迫 forced, 其他原因 for other reasons) and what happened (放棄 gave up, 離開 left, 挖走 poached,
吸引 attracted). A pair of words the source does not name is refused in both languages. Which strategy meets
which kind is the named assumption ``lost_strategy`` (:data:`crm.cases.concepts.case.ASSUMPTIONS`).
"""
from __future__ import annotations

from dataclasses import dataclass

from crm.cases.concepts.case import _a
from crm.core.schemas import DataError

#: number → (how, what, the source's line for the kind), seeds/001.
KINDS: dict[int, tuple[str, str, str]] = {
    1: ("主動", "放棄", "1. 主動放棄的客戶"),
    2: ("主動", "離開", "2. 主動離開的客戶"),
    3: ("被", "挖走", "3. 被挖走的客戶"),
    4: ("被", "吸引", "4. 被吸引的客戶"),
    5: ("被迫", "離開", "5. 被迫離開的客戶"),
    6: ("其他原因", "離開", "6. 其他原因離開的客戶"),
}
#: number → the source's line for the strategy, seeds/001.
STRATEGIES: dict[int, str] = {
    1: "1. 實施全面質量管理",
    2: "2. 重視客戶抱怨管理",
    3: "3. 建立內部客戶體制,提公升員工滿意度",
    4: "4. 建立以客戶為中心的組織機構",
    5: "5. 建立客戶關係的評價體系",
}
#: The words a student can pick, in the source's order.
HOW = ("主動", "被", "被迫", "其他原因")
WHAT = ("放棄", "離開", "挖走", "吸引")
#: The source's one sentence that links a lost customer to what to do (retention management, item 3).
COMPLAINTS = "利用客戶投訴或抱怨,分析客戶流失原因,從而改進服務"


@dataclass(frozen=True)
class Lost:
    """A kind of lost customer, the source's line for it, and the strategy assumption ``lost_strategy`` pairs it with."""

    kind: int
    kind_line: str
    strategy: int
    strategy_line: str


def classify(how: str, what: str) -> Lost:
    """The kind the source names with these two words, and its strategy (assumption ``lost_strategy``).

    Examples
    --------
    >>> classify("被", "挖走").kind_line
    '3. 被挖走的客戶'
    """
    for kind, (h, w, line) in KINDS.items():
        if (h, w) == (how, what):
            strategy = int(_a("lost_strategy")[kind])
            return Lost(kind, line, strategy, STRATEGIES[strategy])
    names = "、".join(line.split(" ", 1)[1] for _, _, line in KINDS.values())
    raise DataError(f"来源的六类流失客户中没有“{how}{what}”的客户：六类是 {names}。",
                    f"The source's six kinds of lost customer have none that is “{how}{what}”: the six are {names}.")
