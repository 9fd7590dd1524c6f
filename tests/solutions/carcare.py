"""A model student's answers to exercises/carcare.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "(lambda s: float(s['spend'].sum() / s['customers'].sum()))("
          "spend[spend['month'].dt.year == visits['date'].dt.year.max()])",
    "q2": "(lambda s: float(np.polyfit(np.log(s['spend']), np.log(s['customers']), 1)[0]))("
          "spend[(spend['channel'] == 'car_show') & (spend['customers'] > 0)])",
    "q3": "(lambda c: float((c['outcome'] == 'stayed').mean()))(complaints[complaints['outcome'].isin(['stayed', 'left'])"
          " & ~complaints['complaint_id'].isin(set(log.loc[log['step'] == 'repair', 'complaint_id']))])",
    "q4": "(lambda c: float((c['outcome'] == 'stayed').mean()))(complaints[complaints['outcome'].isin(['stayed', 'left'])"
          " & (complaints['response_hours'] <= 24)])",
    "q5": "float(complaints['outcome'].size / 0.5)",
    "q6": "(lambda r: float(r['performance'].mean() - r['expectation'].mean()))("
          "servqual[servqual['dimension'] == 'reliability'])",
    "q7": "list(complaints.query(\"response_hours > 48 and outcome == 'left'\")['complaint_id'])",
    "q8": "float(employees['internal_service_quality'].corr(employees['satisfaction']))",
    "q9": "int((network_promise(centres, demand=1.2)['within_promise'] >= 0.9).sum())",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {
    "q1": "-1.0", "q2": "1.5", "q3": "-0.5", "q4": "2.0", "q5": "-10.0", "q6": "50.0", "q7": "['Q9999']",
    "q8": "-2.0", "q9": "-1",
}
