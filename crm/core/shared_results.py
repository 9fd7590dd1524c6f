"""Heavy analytics of a case's own tables, computed once in an app template and shared by its kernels.

A published app's kernels are forked from one template process that holds the cases' tables
(:func:`crm.cases.preload_case`). Each visitor's notebook run would otherwise fit the same
models on the same tables again: half a second of CPU and 10-15 MB of memory of its own per
visitor for the supermarket's segment value alone. A function marked :func:`shared` keeps its
result for calls whose tables are those kept tables; the template calls it once (its warm-up
run of the notebooks) and every forked kernel reads the template's copy.

Only a process that called :func:`share_results` keeps anything (the app template:
``widgets.app.fork_kernels``, where no visitor can run code). Everywhere else (JupyterLab, the
grader's kernels, the tests) a shared function computes as it always did. A result is reused
only when every table argument is made of a kept table's values, in its layout (the table
itself or a shallow copy, which is what ``load_case`` hands out there): kept values are made
read-only when sharing starts, so nothing writes into them (a write into a shallow copy makes
pandas copy the values first), and a table with a value written, a column replaced, added,
dropped or reordered, or rows filtered or sorted, no longer matches and is computed afresh.
Any other argument must be a plain value (a number, a string, ``None``, a timestamp), a frozen
dataclass of them, or a tuple, list or dict of such values and tables (keyed by what it holds
at the call); a call with anything else computes afresh.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Any, Callable, TypeVar

import numpy as np
import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])

_SHARING = False
#: The arrays holding kept tables' values, by ``id`` (held here, so an id is never reused).
_KEPT: dict[int, Any] = {}
#: The kept tables' own arrays (views of those), made read-only with them.
_VIEWS: list[np.ndarray] = []
#: Results by (function, arguments' keys).
_RESULTS: dict[tuple, Any] = {}
_PLAIN = (bool, int, float, str, type(None), pd.Timestamp, pd.Timedelta)


def _arrays(values: Any) -> list[Any]:
    """The numpy arrays or immutable pyarrow arrays that hold one block or index of a table."""
    if isinstance(values, np.ndarray):
        return [values]
    inner = getattr(values, "_ndarray", None)  # datetimes, timedeltas, categoricals' codes
    if isinstance(inner, np.ndarray):
        return [inner]
    data, mask = getattr(values, "_data", None), getattr(values, "_mask", None)  # nullable integers, booleans
    if isinstance(data, np.ndarray) and isinstance(mask, np.ndarray):
        return [data, mask]
    arrow = getattr(values, "_pa_array", None)  # pyarrow-backed strings: immutable
    if arrow is not None:
        return [arrow]
    raise LookupError


def _root(array: np.ndarray) -> np.ndarray:
    while isinstance(array.base, np.ndarray):
        array = array.base
    return array


def _parts(df: pd.DataFrame) -> list[Any]:
    parts = [block.values for block in df._mgr.blocks]
    if not isinstance(df.index, pd.RangeIndex):
        parts.append(df.index._values)
    return parts


def _keep_array(array: Any) -> None:
    """Keep one array of a table or result: a key from now on, read-only where results are shared."""
    if not isinstance(array, np.ndarray):  # pyarrow: immutable
        _KEPT[id(array)] = array
        return
    root = _root(array)
    _KEPT[id(root)] = root
    _VIEWS.append(array)
    if _SHARING:
        array.flags.writeable = root.flags.writeable = False


def keep(tables: dict[str, pd.DataFrame]) -> None:
    """Mark a case's kept tables (from :func:`crm.cases.preload_case`) as keys of shared results."""
    for df in tables.values():
        for part in _parts(df):
            try:
                arrays = _arrays(part)
            except LookupError:
                continue
            for array in arrays:
                _keep_array(array)


def share_results() -> None:
    """Start keeping results in this process (the app template only); kept tables become read-only."""
    global _SHARING
    _SHARING = True
    # Each view of a kept array, not only its base: a view made writable before stays writable.
    for array in (*_VIEWS, *_KEPT.values()):
        if isinstance(array, np.ndarray):
            array.flags.writeable = False


def sharing() -> bool:
    """Whether this process keeps results (an app template and the kernels forked from it)."""
    return _SHARING


def _values_key(values: Any) -> tuple:
    keys = []
    for array in _arrays(values):
        if not isinstance(array, np.ndarray):
            if _KEPT.get(id(array)) is not array:
                raise LookupError
            keys.append(("arrow", id(array)))
            continue
        root = _root(array)
        if _KEPT.get(id(root)) is not root or array.flags.writeable:
            raise LookupError
        keys.append(("numpy", id(root), array.__array_interface__["data"][0], array.shape, array.strides,
                     array.dtype.str))
    return tuple(keys)


def _table_key(df: pd.DataFrame) -> tuple:
    """The same for every table made of the same kept values, in the same layout (a shallow copy too)."""
    index = df.index
    index_key = (("range", index.start, index.stop, index.step) if isinstance(index, pd.RangeIndex)
                 else _values_key(index._values))
    blocks = tuple((tuple(block.mgr_locs.as_array.tolist()), _values_key(block.values)) for block in df._mgr.blocks)
    return ("table", tuple(df.columns), tuple(index.names), index_key, blocks)


def _key(value: Any) -> Any:
    """A key for one argument, or raise ``LookupError`` if calls with it are not shared."""
    if isinstance(value, pd.DataFrame):
        return _table_key(value)
    if isinstance(value, _PLAIN):
        return (type(value).__name__, value)
    if isinstance(value, (tuple, list)):  # a list by what it holds now: the key is taken at each call
        return (type(value).__name__, tuple(_key(v) for v in value))
    if isinstance(value, dict):  # in its order (a function may depend on it), e.g. a case's tables
        return ("dict", tuple((_key(k), _key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        try:  # a frozen dataclass of plain values (a set of rules)
            hash(value)
        except TypeError:
            raise LookupError from None
        return ("dataclass", type(value).__module__, type(value).__qualname__, value)
    raise LookupError


def _kept_result(result: Any) -> Any:
    """A shared result's tables and arrays kept like a case's: read-only, and keys of further shared calls."""
    if isinstance(result, pd.DataFrame):
        keep({"result": result})
    elif isinstance(result, (pd.Series, np.ndarray)):  # a series has no key: only its values kept
        try:
            for array in _arrays(result.array if isinstance(result, pd.Series) else result):
                _keep_array(array)
        except LookupError:
            pass
    return result


def shared(func: F) -> F:
    """Keep ``func``'s result for calls on kept tables, where :func:`share_results` was called.

    ``func`` must be pure: its result depends only on its arguments. A table or series comes
    back as each caller's own shallow copy (written, pandas copies it first), an array
    read-only; their values are kept like a case's tables, so that a shared function of a
    shared result is shared too. Any other result is the shared object itself, which callers
    must not change.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        if not _SHARING:
            return func(*args, **kwargs)
        try:
            key = (name, tuple(_key(a) for a in args), tuple(sorted((k, _key(v)) for k, v in kwargs.items())))
        except LookupError:
            return func(*args, **kwargs)
        if key not in _RESULTS:
            _RESULTS[key] = _kept_result(func(*args, **kwargs))
        result = _RESULTS[key]
        # a table or series: each caller's own shallow copy (pandas copies its values before a write)
        return result.copy(deep=False) if isinstance(result, (pd.DataFrame, pd.Series)) else result

    return call  # type: ignore[return-value]
