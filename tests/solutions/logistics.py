"""A model student's answers to exercises/logistics.ipynb, as code (right on any data variant)."""

ANSWERS = {
    "q1": "float((parcels.loc[parcels['late'], 'delay_cause'] == 'carrier').mean())",
    "q2": "int((delays['detail'] == 'equipment_fault').sum())",
    "q3": "float(parcels.groupby(parcels['ship_date'].dt.month)['late'].mean().max())",
    "q4": "relief_effect(parcels, delays, complaints, port_relief(parcels, hubs, hub_days, 0.2, True))['late_removed']",
    "q5": "float(((complaints['answered_at'] - complaints['received_at']).dt.total_seconds() <= 24 * 3600).mean())",
    "q6": "float((complaints['calls'] - 1).mean())",
    "q7": "(lambda cfg: handle(complaint_draws(cfg, 0), cfg).summary['mean_hours'])"
          "(replace(config_from_complaints(complaints, 10_000), bound=BINDABLE))",
}

#: Answers of the right type that are wrong on every variant.
WRONG = {"q1": "1.5", "q2": "-1", "q3": "-1.0", "q4": "-1", "q5": "2.0", "q6": "-1.0", "q7": "-1.0"}
