"""A model student's answers to exercises/concepts.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "float((customers['annual_profit'] * (1 - 1.08 ** -customers['years']) / 0.08).sum())",
    "q2": "float((customers['annual_uplift'] * (1 - 1.08 ** -customers['years']) / 0.08).sum())",
    "q3": "int((value_table(customers)['value_type'] == 'IV').sum())",
    "q4": "(lambda v: list(v.index[v['value_type'] == 'II']))(value_table(customers))",
    "q5": "float((value_table(customers)['value_type'] == 'III').sum() * 0.70)",
    "q6": "int((value_table(customers)['value_type'] == 'I').sum() * 10)",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "-1.0", "q2": "-1.0", "q3": "-1", "q4": "['nobody']", "q5": "-1.0", "q6": "-1"}
