"""时风集团 · the credit case (seeds/002): rating a client (``rating``) and following its receivables
(``receivables``). Definition and constants in ``case``, the generator in ``data``, tables in ``schemas``,
the exercise in ``questions``.
"""
from crm.cases.credit.rating import band_of, grade_of, operating_assets, rate, rate_book, ratios, Rating
from crm.cases.credit.receivables import ageing, double_ten, due_today, open_on, stage, step_dates, warning_list

__all__ = ["band_of", "grade_of", "operating_assets", "rate", "rate_book", "ratios", "Rating", "ageing",
           "double_ten", "due_today", "open_on", "stage", "step_dates", "warning_list"]
