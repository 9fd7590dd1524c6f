"""A model student's answers to exercises/bank.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "(lambda p: float(p.head(int(0.2 * len(p))).sum() / p.sum()))("
          "profits.loc[profits['year'] == 2014, 'profit'].sort_values(ascending=False))",
    "q2": "int((profits.loc[profits['year'] == 2014, 'profit'] >= 5000).sum())",
    "q3": "float(match_summary(clients[clients['left_year'].isna()], holdings).loc['young_borrowers', 'match_rate'])",
    "q4": "(lambda bad: auc(score(apps, fit_scorecard(apps, bad))['final_score'], bad))("
          "outcomes.set_index('application_id')['defaulted'].reindex(apps['application_id']).to_numpy())",
    "q5": "(lambda bad: float(bad[decide(score(apps, fit_scorecard(apps, bad))['final_score'], (560, 590, 620)) >= 2]"
          ".mean()))(outcomes.set_index('application_id')['defaulted'].reindex(apps['application_id']).to_numpy())",
    "q6": "float(transition_matrix(yearly_tiers(profits, {'VIP': 5000, 'key': 1200, 'ordinary': 0}), TIERS)"
          ".loc['VIP', 'lost'])",
    "q7": "(lambda y, m: float(tier_clv(transition_matrix(y, TIERS), m.groupby(y[2014].reindex(m.index), observed=True)"
          ".mean(), 0.08, 10)['key']))(yearly_tiers(profits, {'VIP': 5000, 'key': 1200, 'ordinary': 0}), "
          "profits[profits['year'] == 2014].set_index('customer_id')['profit'])",
    "q8": "(lambda f: list(f.loc[f['signals'] >= 3, 'loan_id']))(early_warnings(loans))",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {
    "q1": "1.5", "q2": "-1", "q3": "1.5", "q4": "0.1", "q5": "-1.0", "q6": "-1.0", "q7": "-1.0",
    "q8": "['L999999']",
}
