"""天富期货 · the futures case's views: request routing, client roles, core clients and client scoring, callbacks, satisfaction.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure`` and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.futures.labels` (registered
when :mod:`widgets` is imported).
"""
