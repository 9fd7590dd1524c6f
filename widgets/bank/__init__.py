"""商业银行 · the bank case's views: the customer pyramid, the smart bank, life-stage products, the value matrix, the credit scorecard and early warnings, tier migration.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure`` and
:class:`widgets.view.View`); the case's labels are in :mod:`widgets.bank.labels` (registered
when :mod:`widgets` is imported).
"""
