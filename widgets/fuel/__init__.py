"""中原石油 · the fuel-station case's views: the acquisition funnel, keep vs win, visit-cycle anomalies, three-level care, the 1:15 managers.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure`` and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.fuel.labels` (registered
when :mod:`widgets` is imported).
"""
