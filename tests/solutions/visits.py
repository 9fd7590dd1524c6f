"""A model student's answers to exercises/visits.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "(lambda o: int((clients['client_id'].isin(o) & (clients['vip_grade'] != 'none')).sum()))"
          "(set(orphan_clients(policies, agents)))",
    "q2": "int(((pd.Timestamp('2013-12-31') - clients['last_contact']).dt.days >= 365).sum())",
    "q3": "(lambda o, vip: int(np.ceil((np.flatnonzero(vip[o]).max() + 1) / (6 * 250 / 1000))))"
          "(priority_order(clients, 'vip_first'), (clients['vip_grade'] != 'none').to_numpy())",
    "q4": "float(VisitPlanner(clients).plan(2500, rule='premium').reached['orphan'])",
    "q5": "list(clients['client_id'].iloc[priority_order(clients, 'orphan_first')[:10]])",
    "q6": "float((survey.loc[survey['contact_score'] <= 7, 'overall'] == 10).mean())",
    "q7": "float(survey.loc[survey['least_satisfied'] == 'agent', 'contact_score'].mean())",
    "q8": "float((survey.loc[survey['least_satisfied'] == 'agent', 'overall'] < 8).mean())",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "-1", "q2": "-1", "q3": "-1", "q4": "-1.0", "q5": "['nobody']", "q6": "-1.0", "q7": "-1.0", "q8": "-1.0"}
