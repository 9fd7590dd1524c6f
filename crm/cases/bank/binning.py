"""Bins for a scorecard on a student's own file: proposed from the data, read back from text, applied.

A scorecard (:mod:`crm.cases.bank.scorecard`) needs each attribute cut into bins. For a file the
workbench has never seen, :func:`propose_bins` suggests them: quantile edges for a
numeric column, one bin per category for a text column (the rarest grouped once there
are many). A student edits them as plain text (:func:`bins_text`, :func:`parse_bins`):
``"18, 25, 40"`` are left-closed edges (below the first edge counts in the first bin);
``"own; mortgage; rent, family"`` are groups of categories, one bin per group.

:func:`label_bins` turns every chosen attribute into one bin label per row, with
**missing values in a bin of their own** (:data:`MISSING`), never in the top bin, so
:func:`crm.cases.bank.scorecard.fit_scorecard` and :func:`crm.cases.bank.scorecard.bin_applications` see plain
categories. :func:`outcome_flags` reads the outcome column the way the student says:
which values mean "bad"; rows whose outcome is missing are left out and counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from crm.core.schemas import DataError

#: The bin label of a missing value.
MISSING = "(missing)"
MAX_CATEGORY_BINS = 8  # a text column with more categories groups the rarest into one proposed bin
MAX_OUTCOME_VALUES = 20

Bins = tuple  # numeric: tuple of float edges; text: tuple of tuples of categories


def _present(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return values.notna() & text.ne("").fillna(False)


def numeric_values(values: pd.Series) -> pd.Series | None:
    """The column as floats (NaN where empty) if every filled cell is a number, else None."""
    present = _present(values)
    if not present.any():
        return None
    numbers = pd.to_numeric(values.where(present), errors="coerce")
    if numbers[present].isna().any() or not np.isfinite(numbers[present].to_numpy(dtype=float)).all():
        return None
    return numbers.astype(float)


def _edges_label(edges: Sequence[float], i: int) -> str:
    lo = edges[i]
    return f"{lo:g}+" if i == len(edges) - 1 else f"{lo:g}–{edges[i + 1]:g}"


def _round3(x: float) -> float:
    """``x`` to three significant figures (readable edges: 4,520 rather than 4,523.7)."""
    return 0.0 if x == 0 else float(f"{x:.3g}")


def propose_bins(values: pd.Series, max_bins: int = 5) -> Bins:
    """Bins for one attribute: quantile edges (numeric) or categories (text).

    Numeric: the distinct quantiles at 0, 1/k, ..., (k-1)/k of the filled values
    (``k = max_bins``; inner edges to three significant figures), so each bin holds
    about as many rows. Text: one bin per
    category, most frequent first; beyond :data:`MAX_CATEGORY_BINS` categories the
    rarest share the last bin.

    Examples
    --------
    >>> propose_bins(pd.Series([1, 2, 3, 4, 5, 6, 7, 8]), max_bins=4)
    (1.0, 2.75, 4.5, 6.25)
    >>> propose_bins(pd.Series([1000.0, 4523.7, 9000.0, 12345.0]), max_bins=2)
    (1000.0, 6760.0)
    >>> propose_bins(pd.Series(["rent", "own", "own", None]))
    (('own',), ('rent',))
    """
    numbers = numeric_values(values)
    if numbers is not None:
        filled = numbers.dropna().to_numpy()
        edges = np.quantile(filled, np.arange(max_bins) / max_bins)
        return tuple(sorted({_round3(e) for e in edges[1:]} | {float(edges[0])}))
    present = _present(values)
    counts = values[present].astype(str).str.strip().value_counts()
    if counts.empty:
        raise DataError(f"“{values.name}”列是空的，不能分箱。", f"Column '{values.name}' is empty; it cannot be binned.",
                        column=str(values.name))
    cats = sorted(counts.index, key=lambda c: (-counts[c], c))
    if len(cats) <= MAX_CATEGORY_BINS:
        return tuple((c,) for c in cats)
    return tuple((c,) for c in cats[: MAX_CATEGORY_BINS - 1]) + (tuple(cats[MAX_CATEGORY_BINS - 1:]),)


def is_numeric_bins(bins: Bins) -> bool:
    return len(bins) > 0 and not isinstance(bins[0], tuple)


def bins_text(bins: Bins) -> str:
    """The bins as the text a student edits (see the module docstring)."""
    if is_numeric_bins(bins):
        return ", ".join(f"{e:g}" for e in bins)
    return "; ".join(", ".join(group) for group in bins)


def parse_bins(text: str, numeric: bool, attribute: str = "") -> Bins:
    """Read bins back from a student's text; a clear error if they are not usable.

    Numeric: at least two distinct numbers (left-closed edges). Text: at least two
    groups separated by ``;``, categories in a group separated by ``,``, none twice.
    """
    where_zh, where_en = f"“{attribute}”的分箱", f"The bins of '{attribute}'"
    if numeric:
        parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
        try:
            edges = sorted({float(p) for p in parts})
        except ValueError:
            raise DataError(f"{where_zh}应为用逗号分隔的数字（分界点），例如 18, 25, 40；收到“{text}”。",
                            f"{where_en} must be numbers separated by commas (edges), e.g. 18, 25, 40; got '{text}'.",
                            column=attribute) from None
        if len(edges) < 2 or not np.isfinite(edges).all():
            raise DataError(f"{where_zh}至少需要两个不同的分界点。", f"{where_en} need at least two distinct edges.",
                            column=attribute)
        return tuple(edges)
    groups = [tuple(c.strip() for c in g.replace("，", ",").split(",") if c.strip())
              for g in text.replace("；", ";").split(";")]
    groups = [g for g in groups if g]
    flat = [c for g in groups for c in g]
    if len(groups) < 2 or len(set(flat)) != len(flat):
        raise DataError(f"{where_zh}至少需要两组类别，用分号分隔，组内用逗号分隔，每个类别只出现一次；收到“{text}”。",
                        f"{where_en} need at least two groups separated by ';' (categories in a group by ','), "
                        f"each category once; got '{text}'.", column=attribute)
    return tuple(groups)


def bin_names(bins: Bins) -> list[str]:
    """The label of each bin: "lo–hi" / "lo+" ranges, or the group's categories joined by " / "."""
    if is_numeric_bins(bins):
        return [_edges_label(bins, i) for i in range(len(bins))]
    return [" / ".join(group) for group in bins]


def _labels_of(values: pd.Series, bins: Bins, attribute: str) -> tuple[np.ndarray, list[str]]:
    names = bin_names(bins)
    present = _present(values).to_numpy()
    labels = np.full(len(values), MISSING, dtype=object)
    if is_numeric_bins(bins):
        numbers = numeric_values(values)
        if numbers is None:
            raise DataError(f"“{attribute}”列不全是数字，不能用数字分界点分箱。",
                            f"Column '{attribute}' is not all numbers; it cannot take numeric edges.", column=attribute)
        v = numbers.to_numpy(dtype=float)
        idx = np.clip(np.searchsorted(np.asarray(bins, dtype=float), v[present], side="right") - 1, 0, len(bins) - 1)
        labels[present] = np.asarray(names, dtype=object)[idx]
    else:
        lookup = {c: name for group, name in zip(bins, names) for c in group}
        text = values.astype(str).str.strip().to_numpy(dtype=object)
        mapped = np.array([lookup.get(c) for c in text[present]], dtype=object)
        unknown = pd.isna(mapped)
        if unknown.any():
            rows = (np.flatnonzero(present)[unknown][:5] + 2).tolist()
            found = list(dict.fromkeys(text[present][unknown]))[:5]
            raise DataError(f"“{attribute}”列第 {'、'.join(map(str, rows))} 行的类别 {found} 不在任何分箱中。请把它们加入一组。",
                            f"Column '{attribute}', rows {', '.join(map(str, rows))}: categories {found} are in no bin. "
                            "Add them to a group.", column=attribute, rows=rows)
        labels[present] = mapped
    levels = names + ([MISSING] if (~present).any() else [])
    return labels, levels


@dataclass(frozen=True)
class LabelledApplications:
    """A student's applications as bin labels, ready for :func:`crm.cases.bank.scorecard.fit_scorecard`.

    ``frame``: one text column of bin labels per attribute; ``bins``: attribute → its
    labels in order (the categories ``fit_scorecard`` bins by); ``bad``: the outcome
    of each kept row; ``dropped``: rows left out because their outcome is missing.
    """

    frame: pd.DataFrame
    bins: dict[str, tuple[str, ...]]
    bad: np.ndarray
    dropped: int


def outcome_flags(values: pd.Series, bad_values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(bad, known)``: which rows are bad (their value is one of ``bad_values``) and which have an outcome.

    Values compare as trimmed text, so ``1`` and ``"1"`` are the same; a missing outcome
    is unknown, never bad or good.
    """
    present = _present(values).to_numpy()
    text = values.astype(str).str.strip().to_numpy(dtype=object)
    bad = present & np.isin(text, [str(b).strip() for b in bad_values])
    return bad, present


def outcome_values(values: pd.Series) -> list[str]:
    """The distinct filled values of an outcome column, most frequent first (at most :data:`MAX_OUTCOME_VALUES`)."""
    counts = values[_present(values)].astype(str).str.strip().value_counts()
    if len(counts) > MAX_OUTCOME_VALUES:
        raise DataError(f"结果列“{values.name}”有 {len(counts)} 种不同的值；结果应只分好与坏（例如 0/1、good/bad）。",
                        f"Outcome column '{values.name}' has {len(counts)} distinct values; an outcome should only "
                        "say good or bad (e.g. 0/1, good/bad).", column=str(values.name))
    return sorted(counts.index, key=lambda c: (-counts[c], c))


def label_applications(table: pd.DataFrame, outcome: str, bad_values: Sequence[str],
                       bins: Mapping[str, Bins]) -> LabelledApplications:
    """Every attribute in ``bins`` as bin labels (missing in a bin of its own), and the outcome read explicitly.

    Raises
    ------
    DataError
        For an outcome without both bad and good rows, an attribute that is the outcome
        or not in the table, or values the bins do not cover.
    """
    if outcome not in table.columns:
        raise DataError(f"表中没有结果列“{outcome}”。", f"The table has no outcome column '{outcome}'.", column=outcome)
    if not bins:
        raise DataError("请至少选择一个属性。", "Choose at least one attribute.")
    bad, known = outcome_flags(table[outcome], bad_values)
    if not bad.any() or not (known & ~bad).any():
        raise DataError(f"结果列“{outcome}”中需要既有“坏”（{list(bad_values)}）也有“好”的行。",
                        f"Outcome column '{outcome}' needs both bad rows ({list(bad_values)}) and good rows.",
                        column=outcome)
    columns, levels = {}, {}
    for attribute, spec in bins.items():
        if attribute == outcome or attribute not in table.columns:
            raise DataError(f"属性“{attribute}”不能使用（它是结果列，或表中没有这一列）。",
                            f"Attribute '{attribute}' cannot be used (it is the outcome, or not in the table).",
                            column=attribute)
        labels, names = _labels_of(table[attribute].reset_index(drop=True), spec, attribute)
        columns[attribute], levels[attribute] = labels[known], tuple(names)
    return LabelledApplications(pd.DataFrame(columns), levels, bad[known], int((~known).sum()))
