"""中国人寿江苏 · the service-visits case's views: plan a year of visits (``plan``), read the survey (``survey``).

One module per view (``xxx_view(tables) -> widget``); the case's labels are in :mod:`widgets.visits.labels`.
"""
