"""迅捷物流 · the logistics case's views: whose problem a complaint is, why parcels are late, the hotline's rules.

One module per view (``xxx_view(tables) -> widget``, built from pure ``xxx_figure`` functions and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.logistics.labels`.
"""
