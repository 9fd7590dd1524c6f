"""A model student's answers to exercises/credit.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "float((clients['current_assets'] / clients['current_liabilities']).median())",
    "q2": "int(((clients['current_assets'] - clients['inventory']) / clients['current_liabilities'] < 1.0).sum())",
    "q3": "int((rate_book(clients, facts)['grade'] == 1).sum())",
    "q4": "float(rate_book(clients, facts)['limit'].sum())",
    "q5": "(lambda r: list(r.index[r['band'] == '3A']))(rate_book(clients, facts))",
    "q6": "float(due_today(invoices, '2012-12-31')['amount'].sum())",
    "q7": "(lambda o: float(o.loc[o['days_overdue'] >= 31, 'amount'].sum()))(open_on(invoices, '2012-12-31'))",
    "q8": "(lambda a, b: sorted(set(a.index) & set(b.index)))(*double_ten(invoices, '2012-12-31'))",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "-1.0", "q2": "-1", "q3": "-1", "q4": "-1.0", "q5": "['nobody']", "q6": "-1.0", "q7": "-1.0",
         "q8": "['nobody']"}
