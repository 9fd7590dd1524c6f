"""天富期货 · the futures case's views: request routing, client roles, core clients and client scoring, callbacks, satisfaction.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure``); the
case's labels are in :mod:`widgets.futures.labels`, registered here so that every view of the
case finds them.
"""
from widgets.futures import labels  # noqa: F401  (registers the case's labels)
