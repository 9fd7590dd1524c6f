"""扬州A超市 · the supermarket case's views: the member-day campaign, the express checkout, the survey.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure`` and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.supermarket.labels` (registered
when :mod:`widgets` is imported).
"""
