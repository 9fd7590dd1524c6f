"""扬州A超市 · the supermarket case's views: the member-day campaign, the express checkout, the survey.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure``); the
case's labels are in :mod:`widgets.supermarket.labels`, registered here so that every view of the
case finds them.
"""
from widgets.supermarket import labels  # noqa: F401  (registers the case's labels)
