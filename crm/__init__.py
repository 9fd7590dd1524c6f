"""CRM Casebook analytics: pure functions, DataFrame in, DataFrame or dataclass out."""
