"""The give/get quadrant between a customer (C) and a service provider (SP), seeds/004.

The source's four cells, in its words: each side either gets more than it gives (得>给) or less.
:func:`quadrant` places a relationship from the two comparisons; the reading of each cell is the
source's sentence (:data:`CELLS`), nothing else.
"""
from __future__ import annotations

from crm.core.schemas import DataError

#: (customer gets more, provider gets more) → the source's words for that cell (seeds/004).
CELLS: dict[tuple[bool, bool], str] = {
    (True, True): "C与SP都满意-双赢C满意于SP的现状,SP因此感到高兴",
    (True, False): "顾客满意;SP想办法降低付出或增加收获",
    (False, True): "顾客是金母鸡,但却不甚满意。SP想留住C以便继续从中获利",
    (False, False): "双方都想终结关系;可能C和SP都被现况困住了",
}
#: A short name for each cell (used for labels).
NAMES: dict[tuple[bool, bool], str] = {(True, True): "win_win", (True, False): "customer_gains",
                                       (False, True): "golden_hen", (False, False): "both_lose"}


def quadrant(customer_gets: float, customer_gives: float, provider_gets: float, provider_gives: float) -> str:
    """The name of the cell for what each side gets and gives (any one scale; a tie counts as 得<给).

    Examples
    --------
    >>> quadrant(8, 5, 3, 6)
    'customer_gains'
    """
    values = (customer_gets, customer_gives, provider_gets, provider_gives)
    if any(v != v or v < 0 for v in values):
        raise DataError("得与给都必须是非负数。", "What each side gets and gives must be non-negative numbers.")
    return NAMES[(customer_gets > customer_gives, provider_gets > provider_gives)]
