"""A model student's answers to exercises/futures.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "len(requests) - requests['problem_id'].nunique()",
    "q2": "(lambda c: int((c.sort_values(ascending=False).cumsum().shift(fill_value=0) < 0.8 * c.sum()).sum()))("
          "accounts[accounts['month'].dt.year == 2013].groupby('client_id')['commission'].sum())",
    "q3": "int((client_roles(clients, accounts, '2013-12-31')['role'] == 'lost').sum())",
    "q4": "(lambda m: int(((m['role_recorded'] == 'existing') & (m['status'] == 'left')).sum()))("
          "clients.merge(truth, on='client_id'))",
    "q5": "float(((requests['resolved_at'] - requests['raised_at']).dt.total_seconds() / 3600).mean())",
    "q6": "list(score_clients(client_indicators(clients, accounts), DEFAULT_WEIGHTS).index[:10])",
    "q7": "float((survey['overall'] <= 2).mean())",
    "q8": "complaints['complaint_id'].nunique() - complaints.loc[complaints['step'] == 'analysed', 'complaint_id'].nunique()",
    "q9": "int((calls_due(clients, accounts, callbacks, '2014-01-06')['reason'] == 'new_account').sum())",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {
    "q1": "-1", "q2": "-1", "q3": "-1", "q4": "-1", "q5": "-1.0", "q6": "['TF99999']", "q7": "2.0", "q8": "-1",
    "q9": "-1",
}
