"""欧珀莱 · the membership case's views: the points programme simulator (``points``) and churn after a
product-line change (``churn``).

One module per view (``xxx_view(tables) -> widget``); the case's labels are in :mod:`widgets.membership.labels`.
"""
