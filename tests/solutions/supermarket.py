"""A model student's answers to exercises/supermarket.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "float(tx.merge(customers, on='customer_id').query(\"card_type == 'member'\")['amount'].sum()"
          " / tx['amount'].sum())",
    "q2": "(lambda s: float(s.head(int(0.2 * len(s))).sum() / s.sum()))("
          "tx.groupby('customer_id')['amount'].sum().sort_values(ascending=False))",
    "q3": "int((abc_classes(tx.groupby('customer_id')['amount'].sum(), (0.65, 0.85))['abc_class'] == 'A').sum())",
    "q4": "int((rfm_segments(rfm_scores(rfm_table(tx), 5)) == 'champions').sum())",
    "q5": "(lambda m: float(m[False] - m[True]))(survey.groupby('few_benefits')['satisfaction'].mean())",
    "q6": "break_even_uplift(campaign_base(tx, customers), CampaignConfig(), segment='A')",
    "q7": "(lambda r: mmc_metrics(float(r.arrivals_per_minute), 1 / (1.2 + 0.1 * float(r.mean_items)), 6).mean_wait)"
          "(peak_arrival_rates(tx).sort_values('arrivals_per_minute').iloc[-1])",
    "q8": "list(tx.groupby('customer_id')['amount'].sum().nlargest(10).index)",
    "q9": "(lambda s: (lambda clv, seg: float(clv[seg == 'champions'].sum() / clv.sum()))("
          "customer_lifetime_value(fit_bgnbd(s), fit_gamma_gamma(s), s, 12, 1.1 ** (1 / 12) - 1),"
          " rfm_segments(rfm_scores(rfm_table(tx), 5)).reindex(s.index)))(rfm_summary(tx))",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {
    "q1": "1.5", "q2": "0.0", "q3": "-1", "q4": "-1", "q5": "-100.0", "q6": "-5.0", "q7": "-1.0",
    "q8": "['C999999']", "q9": "1.5",
}
