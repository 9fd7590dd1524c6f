"""欧珀莱 · the membership case (seeds/002): the 花之友 club's activities (``club``: the activation gift,
the quarterly draw, take-up, the forum), the points programme simulator (``points``: earn and burn,
liability, who stays) and churn after a product-line change (``churn``).

Definition and constants in ``case``, the generator in ``data``, tables in ``schemas``, the exercise in
``questions`` and ``written``, the notebook's Notices in ``notices``. A case imports :mod:`crm.core` and its
own modules only.
"""
from crm.cases.membership.churn import change_groups, change_of, churn_after, churn_by, withdrawn_lines
from crm.cases.membership.club import (activation_winners, eligible_for_thanks, forum_summary, lottery_by_quarter,
                                       post_quality, take_up)
from crm.cases.membership.points import Outcome, PointsBook, Rule, simulate

__all__ = ["change_groups", "change_of", "churn_after", "churn_by", "withdrawn_lines", "activation_winners",
           "eligible_for_thanks", "forum_summary", "lottery_by_quarter", "post_quality", "take_up", "Outcome",
           "PointsBook", "Rule", "simulate"]
