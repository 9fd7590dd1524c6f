"""A model student's answers to exercises/membership.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "sorted(members.loc[members['activation_order'].notna() & (members['activation_order'] % 100 == 0), 'member_id'])",
    "q2": "float(members['activated'].notna().mean())",
    "q3": "int(club.loc[club['quarter'].astype(str).str.startswith('2014'), 'lottery'].sum())",
    "q4": ("(lambda b: float(members.loc[members['member_id'].isin(b) & (members['age'] >= 40), 'thanks_booked'].mean()))"
           "(set(purchases.loc[pd.to_datetime(purchases['date']).dt.year == 2014, 'member_id']))"),
    "q5": "int((posts['copied_from'].notna() | (posts['chars'] < 15)).sum())",
    "q6": "(lambda s: float(s['users'] - s['others']))(churn_after(purchases, lines, 'O2', 6)['left_share'])",
    "q7": "float(simulate(tables).liability_yuan)",
    "q8": "int(simulate(tables, Rule(gift_ouyuan=0)).with_gift)",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "['nobody']", "q2": "-1.0", "q3": "-1", "q4": "-1.0", "q5": "-1", "q6": "-9.0", "q7": "-1.0",
         "q8": "-1"}
