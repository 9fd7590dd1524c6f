"""A model student's answers to exercises/fuel.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "float((customers.loc[customers['first_visit'] >= fuel.START, 'file_stage'] == 'complete').mean())",
    "q2": "(lambda d: int((refuels[refuels['date'] < d].groupby('customer_id').size() >= 4).sum()))"
          "(refuels['date'].min() + pd.Timedelta(days=91))",
    "q3": "len(gap_flags(visit_gaps(refuels, learn_days=91, min_visits=4), 3))",
    "q4": "(lambda f: int(((f['kind'] == 'unit') & (f['litres'] >= DEFAULT_THRESHOLDS['unit']['A'])).sum())"
          " * len(occasions))(customers[customers['file_stage'] != 'plate'].assign("
          "litres=lambda c: c['customer_id'].map(refuels.groupby('customer_id')['litres'].sum()).fillna(0.0)))",
    "q5": "list(conformance(complaints, fuel.COMPLAINT_FLOW).query(\"deviation == 'skipped'\").index)",
    "q6": "simulate_keep_win(refuels.groupby('customer_id')['litres'].sum().reindex("
          "truth.loc[truth['on_file_at_start'], 'customer_id'], fill_value=0.0), 0.5, KeepWinConfig())"
          ".loc[5, 'cumulative_profit']",
    "q7": "float(((customers['station_id'] == 'S01') & (customers['file_stage'] != 'plate')).sum()"
          " / (staff['station_id'] == 'S01').sum())",
    "q8": "(lambda s, reg: (lambda alive, left: float((left & (alive < 0.5)).sum() / left.sum()))("
          "fit_bgnbd(s).p_alive(s).reindex(reg), truth.set_index('customer_id')['left'].reindex(reg).astype(bool)))"
          "(rfm_summary(refuels.assign(amount=refuels['litres'])), visit_gaps(refuels).customers['customer_id'])",
    "q9": "(lambda s: float(fit_bgnbd(s).expected_purchases(s, 30).reindex("
          "visit_gaps(refuels).customers['customer_id']).sum()))(rfm_summary(refuels.assign(amount=refuels['litres'])))",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "1.5", "q2": "-1", "q3": "-1", "q4": "-1", "q5": "['Q9999']", "q6": "-1.0", "q7": "-1.0", "q8": "1.5",
         "q9": "-1.0"}
