"""The registry of cases: every case package, its data, its tables' schemas and its questions.

A case is a package ``crm/cases/<name>/`` with a ``case`` module (its definition: ``NAME``,
``TITLE``, ``SUMMARY``, ``SOURCE``, ``DEFAULT_SEED``, ``FILES``, ``QUOTES``, ``ASSUMPTIONS``), a
``data`` module (its generator: ``generate(seed)`` and, optionally, ``MEASURED``), a ``schemas``
module (``SCHEMAS``) and a ``questions`` module (``questions(tables)``). :data:`CASES` holds one
:class:`Case` per package, read from those two modules. Adding a case is adding its package:
nothing here lists the cases. ``python -m crm.cases`` rewrites ``data/`` byte-identically from
the default seeds.
"""
from __future__ import annotations

import hashlib
import os
import pkgutil
from importlib import import_module
from pathlib import Path
from types import ModuleType
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

import numpy as np
import pandas as pd

from crm.cases.datasheet import render_datasheet
from crm.core.io import default_data_dir, read_tables, table_files, write_table
from crm.core.schemas import DataError, TableSchema
from crm.core.shared_results import keep, sharing

if TYPE_CHECKING:
    from crm.core.exercise import Question
    from crm.core.written import WrittenQuestion

_PACKAGE = "crm.cases"
_HERE = Path(__file__).resolve().parent


def draft_and_whole_packages() -> list[str]:
    """Every package under ``crm/cases/``, drafts included."""
    return sorted(info.name for info in pkgutil.iter_modules([str(_HERE)]) if info.ispkg and not info.name.startswith("_"))


def draft_cases() -> dict[str, str]:
    """The draft case packages (one whose ``__init__`` sets ``DRAFT``), each with what it still lacks."""
    return {name: draft for name in draft_and_whole_packages()
            if (draft := getattr(import_module(f"{_PACKAGE}.{name}"), "DRAFT", None))}


@dataclass(frozen=True)
class Case:
    """One case as the registry knows it: its definition (``crm.cases.<name>.case``) and its generator.

    The upper-case fields are the definition module's names, read from it; ``generate(seed)``
    and ``MEASURED`` (the assumptions the generated tables can be measured against, name →
    function of the tables) are the ``data`` module's.
    """

    NAME: str
    TITLE: str
    SUMMARY: str
    SOURCE: str
    DEFAULT_SEED: int
    FILES: Mapping[str, str]
    QUOTES: tuple[tuple[str, str, str], ...]
    ASSUMPTIONS: Mapping[str, tuple[Any, str]]
    generate: Callable[[int], dict[str, pd.DataFrame]]
    MEASURED: Mapping[str, Callable[[dict[str, pd.DataFrame]], Any]]
    definition: ModuleType


_DEFINED = ("NAME", "TITLE", "SUMMARY", "SOURCE", "DEFAULT_SEED", "FILES", "QUOTES", "ASSUMPTIONS")


def _cases(names: list[str]) -> dict[str, Case]:
    found = {}
    for name in names:
        definition = import_module(f"{_PACKAGE}.{name}.case")
        missing = [key for key in _DEFINED if not hasattr(definition, key)]
        if missing:
            raise RuntimeError(f"crm/cases/{name}/case.py does not define {', '.join(missing)}")
        generator = import_module(f"{_PACKAGE}.{name}.data")
        case = Case(**{key: getattr(definition, key) for key in _DEFINED}, generate=generator.generate,
                    MEASURED=getattr(generator, "MEASURED", {}), definition=definition)
        if case.NAME != name:
            raise RuntimeError(f"crm/cases/{name}/case.py names its case {case.NAME!r}, not {name!r}")
        found[name] = case
    return dict(sorted(found.items()))


def _schemas() -> dict[str, TableSchema]:
    found: dict[str, TableSchema] = {}
    for name in draft_and_whole_packages():  # (a draft's tables load typed too)
        for key, schema in import_module(f"{_PACKAGE}.{name}.schemas").SCHEMAS.items():
            if key in found:
                raise RuntimeError(f"table schema {key!r} defined twice ({name})")
            found[key] = schema
    return found


_DRAFT_NAMES = draft_cases()
#: Every case, by the name used in ``data/<name>/`` and ``load_case`` (drafts excepted).
CASES: dict[str, Case] = _cases([n for n in draft_and_whole_packages() if n not in _DRAFT_NAMES])
#: The draft cases (see :func:`draft_cases`): no app, exercise or gallery card yet.
DRAFTS: dict[str, Case] = _cases(sorted(_DRAFT_NAMES))
#: Every case whose data ``python -m crm.cases`` writes and the registry tests check: drafts included.
GENERATED: dict[str, Case] = dict(sorted({**CASES, **DRAFTS}.items()))
#: Every case table's schema, keyed ``<case>/<table>`` or, for the supermarket's, ``<table>``.
SCHEMAS: dict[str, TableSchema] = _schemas()


def questions_for(case: str) -> Callable[[dict[str, pd.DataFrame]], dict[str, Question]]:
    """The ``questions`` builder of a case (``crm.cases.<case>.questions``)."""
    return import_module(f"{_PACKAGE}.{case}.questions").questions


def written_for(case: str) -> Callable[[dict[str, pd.DataFrame]], dict[str, "WrittenQuestion"]] | None:
    """The ``written`` builder of a case (``crm.cases.<case>.written``), or None if it has no written questions."""
    try:
        return import_module(f"{_PACKAGE}.{case}.written").written
    except ModuleNotFoundError as err:
        if err.name != f"{_PACKAGE}.{case}.written":
            raise
        return None


def load_case(name: str, data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate every table of one case.

    Parameters
    ----------
    name : str
        The case folder under the data directory, e.g. ``"supermarket"``.
    data_dir : Path, optional
        Where the case folders live; defaults to :func:`default_data_dir`.

    Returns
    -------
    dict of str to DataFrame
        ``{table: DataFrame}`` for every ``<table>.csv`` or ``<table>.csv.gz``, sorted by
        name. A table with a schema (``SCHEMAS["<case>/<table>"]`` or else
        ``SCHEMAS["<table>"]``, from the cases' ``schemas`` modules) comes back validated and typed; others as pandas reads them.

    Raises
    ------
    DataError
        For an unknown case (listing the available ones), a case with no tables, or a
        table that fails its schema.

    Examples
    --------
    >>> tables = load_case("supermarket")  # doctest: +SKIP
    >>> sorted(tables)  # doctest: +SKIP
    ['customers', 'survey', 'transactions']
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    cases = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name[0] not in "._") \
        if root.is_dir() else []
    if name not in cases:
        listed = ", ".join(cases) or "(none)"
        raise DataError(f"没有名为“{name}”的案例。可用的案例：{'、'.join(cases) or '（无）'}。",
                        f"There is no case called '{name}'. Available cases: {listed}.")
    files = table_files(root / name)
    if _PRELOADED and (key := (name, _fingerprint(files))) in _PRELOADED:
        owner, kept = _PRELOADED[key]
        if sharing():  # an app template and its kernels: the kept, read-only values, shared by every call
            return {table: df.copy(deep=False) for table, df in kept.items()}
        if owner != os.getpid():  # a forked child: hand over its copy-on-write tables once, free
            del _PRELOADED[key]
            return kept
        return {table: df.copy() for table, df in kept.items()}
    if not files:
        raise DataError(f"案例“{name}”的文件夹中没有数据表（.csv）。请先运行 python -m crm.cases 生成数据。",
                        f"Case '{name}' has no tables (.csv). Run python -m crm.cases to generate them.")
    return read_tables(files, {table: SCHEMAS.get(f"{name}/{table}", SCHEMAS.get(table)) for table in files})


#: Tables kept in memory by :func:`preload_case`, by case name and file fingerprint.
_PRELOADED: dict[tuple, tuple[int, dict[str, pd.DataFrame]]] = {}


def _fingerprint(files: dict[str, Path]) -> tuple:
    # By content, not by path or time: the grader gives each submission its own copy.
    return tuple((path.name, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
                 for path in files.values())


def preload_case(name: str, data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Load a case once and keep it, so later :func:`load_case` calls on identical files copy it.

    The grader's kernel template process calls this before forking one kernel per
    submission, so that no submission pays for parsing and validating the tables: the
    first ``load_case`` in a forked child takes the kept tables themselves (they are
    that child's own copy-on-write pages), later calls read the files. A call on
    changed, missing or extra files reads them afresh as usual. In a process that shares
    results (an app template, :mod:`crm.core.shared_results`) every ``load_case`` of the case
    gets shallow copies of the kept tables, read-only, and heavy analytics of them are shared.
    """
    tables = _share_strings(load_case(name, data_dir))
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    _PRELOADED[(name, _fingerprint(table_files(root / name)))] = (os.getpid(), tables)
    keep(tables)  # the keys of shared results (crm.core.shared_results), where a process shares them
    return tables


def _share_strings(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with one new ``str`` object per distinct string of their object columns (same values, dtypes).

    For the kept tables of :func:`preload_case`. A forked kernel that only reads them still
    writes to the memory page of every Python object it passes over (CPython's reference
    counts), and each page it writes becomes its own copy. Read as they are, the 360,000
    customer ids of the supermarket's transactions are 360,000 objects over 20 MB of
    pages, and a groupby by customer copied all of them into every kernel. Here a case
    holds each distinct string once, all of them made one after the other (so they fill
    pages of their own, not the holes between older objects) with their hash computed.
    """
    columns = [(table, column) for table, df in tables.items()
               for column, dtype in df.dtypes.items() if dtype == object]
    lists = {key: tables[key[0]][key[1]].tolist() for key in columns}
    distinct = dict.fromkeys(v for values in lists.values() for v in values if type(v) is str)
    fresh = {v: "".join((v, "")) for v in distinct}  # a new object, not v itself
    for s in fresh.values():
        hash(s)  # kept in the object: the first hash would write to its page too
    out = {table: df.copy(deep=False) if any(t == table for t, _ in columns) else df for table, df in tables.items()}
    for (table, column), values in lists.items():
        shared = np.empty(len(values), dtype=object)
        shared[:] = [fresh[v] if type(v) is str else v for v in values]
        out[table][column] = pd.Series(shared, index=out[table].index, name=column, dtype=object)
    return out


def write_case(name: str, seed: int | None = None, data_dir: Path | None = None) -> Path:
    """Generate one case from ``seed`` (default: the case's own) and write its folder.

    Returns
    -------
    Path
        The folder written: ``data_dir / name`` with one file per table and
        ``datasheet.md``.
    """
    case = GENERATED[name]
    seed = case.DEFAULT_SEED if seed is None else seed
    out = Path(data_dir or default_data_dir()) / name
    out.mkdir(parents=True, exist_ok=True)
    tables = case.generate(seed)
    for table, df in tables.items():
        write_table(df, out / case.FILES[table])
    (out / "datasheet.md").write_text(render_datasheet(case, tables, seed, SCHEMAS), encoding="utf-8", newline="\n")
    return out


def case_catalogue() -> pd.DataFrame:
    """One row per case: its name, title, one-line summary, source and notebooks."""
    return pd.DataFrame([{"case": name, "title": case.TITLE, "summary": case.SUMMARY, "source": case.SOURCE,
                          "notebook": f"cases/{name}.ipynb", "exercise": f"exercises/{name}.ipynb"}
                         for name, case in sorted(CASES.items())]).set_index("case")
