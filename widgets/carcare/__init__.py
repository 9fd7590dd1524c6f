"""车佰汇 · the car-care case's views: the channel mix, service recovery, the service-profit chain, SERVQUAL, the service network.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure`` and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.carcare.labels` (registered
when :mod:`widgets` is imported).
"""
