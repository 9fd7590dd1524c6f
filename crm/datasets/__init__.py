"""One generator per case: ``generate(seed) -> dict of DataFrames``, plus the writer.

``python -m crm.datasets`` rewrites ``data/`` byte-identically from the default seeds.
"""
from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pandas as pd

from crm.datasets.datasheet import render_datasheet
from crm.io import default_data_dir, write_table


def _generators() -> dict[str, ModuleType]:
    # A case is a module of this package with NAME and generate(seed): adding a case
    # is adding its module, with no list to keep in step.
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):  # __main__ is the command line
            continue
        module = import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "generate"):
            found[module.NAME] = module
    return dict(sorted(found.items()))


#: Every case with a generator, by the name used in ``data/<name>/`` and ``load_case``.
CASES: dict[str, ModuleType] = _generators()


def write_case(name: str, seed: int | None = None, data_dir: Path | None = None) -> Path:
    """Generate one case from ``seed`` (default: the case's own) and write its folder.

    Returns
    -------
    Path
        The folder written: ``data_dir / name`` with one file per table and
        ``datasheet.md``.
    """
    case = CASES[name]
    seed = case.DEFAULT_SEED if seed is None else seed
    out = Path(data_dir or default_data_dir()) / name
    out.mkdir(parents=True, exist_ok=True)
    tables = case.generate(seed)
    for table, df in tables.items():
        write_table(df, out / case.FILES[table])
    (out / "datasheet.md").write_text(render_datasheet(case, tables, seed), encoding="utf-8", newline="\n")
    return out


def case_catalogue() -> pd.DataFrame:
    """One row per case: its name, title, one-line summary, source and notebooks."""
    return pd.DataFrame([{"case": name, "title": case.TITLE, "summary": case.SUMMARY, "source": case.SOURCE,
                          "notebook": f"cases/{name}.ipynb", "exercise": f"exercises/{name}.ipynb"}
                         for name, case in sorted(CASES.items())]).set_index("case")
