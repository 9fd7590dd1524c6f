"""Interactive views (ipywidgets + plotly) built on the crm analytics package."""
# crm first: importing it blocks a slow, unused import (rfc3987_syntax, 8 s here) before
# plotly and ipywidgets pull in jsonschema; see crm/__init__.py.
import crm  # noqa: F401
