"""The cases: one package per case, and the registry that finds them.

``crm/cases/<case>/`` holds everything of one case that is not a view: ``data`` (the case's
definition, constants and its data generator), ``schemas`` (its tables), one module per
analytic, and ``questions`` (its exercise). ``__init__`` of each case names its public
analytics in ``__all__``. This package's own names are the registry:

- :data:`CASES`, :func:`case_catalogue`: every case, found from the packages here;
- :func:`load_case`, :func:`preload_case`: read and validate a case's tables;
- :func:`write_case` (``python -m crm.cases``): regenerate ``data/<case>/`` byte-identically;
- :data:`SCHEMAS`, :func:`questions_for`: every table's schema, a case's questions;
- :func:`written_for`: a case's written questions (marked by hand), if it has any.

A case imports :mod:`crm.core` and its own modules, never another case.
"""
from crm.cases.registry import (CASES, SCHEMAS, case_catalogue, load_case, preload_case, questions_for,
                                write_case, written_for)

__all__ = ["CASES", "SCHEMAS", "case_catalogue", "load_case", "preload_case", "questions_for", "write_case",
           "written_for"]
