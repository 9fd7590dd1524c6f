"""Interactive views (ipywidgets + plotly) built on the crm analytics package.

- shared: :mod:`widgets.i18n` (the 中文 / English switch and the shared labels),
  :mod:`widgets.view` (the base of every view: the switch, the error line), :mod:`widgets.common`,
  :mod:`widgets.tables` (tables and key figures), :mod:`widgets.figure` (one plotly front end per
  page), :mod:`widgets.upload` (a student's own file), and the views every case uses
  (:mod:`widgets.abc`, :mod:`widgets.rfm`, :mod:`widgets.complaints`);
- ``widgets/<case>/``: the case's views, one module per view, and ``labels.py`` (its labels);
- :mod:`widgets.app`: the gallery, ``crm-publish`` and static pages.

Importing this package registers every case's labels (found from the folders here, so a new
case needs no list kept in step): a notebook's first table or key figure may use them before
any of the case's views is imported.
"""
# crm first: importing it blocks a slow, unused import (rfc3987_syntax, 8 s here) before
# plotly and ipywidgets pull in jsonschema; see crm/__init__.py.
import crm  # noqa: F401


def _register_case_labels() -> None:
    import pkgutil
    from importlib import import_module
    from pathlib import Path

    for info in pkgutil.iter_modules(__path__):
        if info.ispkg and (Path(__path__[0]) / info.name / "labels.py").is_file():
            import_module(f"{__name__}.{info.name}.labels")


_register_case_labels()


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where JupyterLab finds the casebook-lab extension (``jupyter labextension develop --overwrite widgets``).

    casebook-lab (``widgets/app/lab``, prebuilt) draws the saved widget outputs that JupyterLab's widget
    manager loses to its restore race on a notebook's first open. A plain install puts it into
    Jupyter's data folder itself (``pyproject.toml``); an editable one needs that command.
    """
    return [{"src": "app/lab/casebook-lab", "dest": "casebook-lab"}]
