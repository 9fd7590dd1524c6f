"""时风集团 · the credit case's views: rate a client (``rating``), follow the receivables (``receivables``).

One module per view (``xxx_view(tables) -> widget``); the case's labels are in :mod:`widgets.credit.labels`.
"""
