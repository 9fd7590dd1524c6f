"""车佰汇 · the car-care case's views: the channel mix, service recovery, the service-profit chain, SERVQUAL, the service network.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure``); the
case's labels are in :mod:`widgets.carcare.labels`, registered here so that every view of the
case finds them.
"""
from widgets.carcare import labels  # noqa: F401  (registers the case's labels)
