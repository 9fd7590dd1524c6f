"""商业银行 · the bank case's views: the customer pyramid, the smart bank, life-stage products, the value matrix, the credit scorecard and early warnings, tier migration.

One module per view (``xxx_view(tables) -> widget``, built from a pure ``xxx_figure``); the
case's labels are in :mod:`widgets.bank.labels`, registered here so that every view of the
case finds them.
"""
from widgets.bank import labels  # noqa: F401  (registers the case's labels)
