"""Interactive views (ipywidgets + plotly) built on the crm analytics package."""
import sys

# plotly imports nbformat, which imports jsonschema, which imports rfc3987_syntax if it is
# installed (it comes with jupyter-events). rfc3987-syntax 1.1.0 compiles a Lark grammar at
# import: 2 s on a fast machine, 8 s on a 2-core one (python-jsonschema/jsonschema#1392,
# #1521). A kernel never validates IRIs, so views block that import: jsonschema then skips
# the "iri" format check, and every notebook and Voila app starts 8 s sooner.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
