"""One way to show a table or a key figure: formatted, bilingual, following the language switch.

A view or a case notebook never shows a raw pandas object (``dtype: int64``, snake_case
headers, ``0.173184``, ``NaN``, ``0 days 08:03:21``). It says what each column *is* and
this module formats it:

>>> show = data_table(df, {"customer_id": "code", "date": "date", "amount": "yuan2"})  # doctest: +SKIP
>>> key_figures({"customers": (30000, "int"), "spend": (31603958, "yuan")})           # doctest: +SKIP

Headers come from :mod:`widgets.i18n` (``labels[col]``, else ``col.<col>``; a column
without a label is refused when the table is built, so no snake_case reaches a page).
Missing values show as "—" and the table then carries a one-line legend saying what
"—" means. Both widgets relabel themselves when the notebook's language changes.

Text quoted from the source documents (Chinese whatever the language) is wrapped in
``<span class="crm-source">`` (:func:`quoted`); the browser tests exempt exactly that
class from the "no text in the other language" check.
"""
from __future__ import annotations

import html
from typing import Callable, Mapping

import ipywidgets as W
import numpy as np
import pandas as pd

from widgets.i18n import LANG, Language, on_language_change, t

MISSING = "—"

#: How each kind of column is written. A kind ``label:<prefix>`` translates the value
#: ``v`` with the i18n key ``<prefix>v`` (categories such as ``cause.`` or ``seg.``).
KINDS = ("text", "code", "int", "num1", "num2", "share", "share2", "yuan", "yuan2", "date",
         "datetime", "clock", "bool", "year")
NUMERIC = {"int", "num1", "num2", "share", "share2", "yuan", "yuan2", "year"}

CSS = ("<style>.crm-table{border-collapse:collapse;font-size:13px;margin:4px 0}"
       ".crm-table th,.crm-table td{border:1px solid #ddd;padding:4px 8px}"
       ".crm-table th,.crm-table td{text-align:left}.crm-table th{background:#f4f6f8;font-weight:600}"
       ".crm-table th.num,.crm-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
       ".crm-table caption{caption-side:bottom;text-align:left;color:#666;font-size:12px;padding-top:2px}"
       ".crm-cards{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0}"
       ".crm-card-kf{border:1px solid #dde3ea;border-radius:6px;padding:6px 12px;background:#f8fafc;min-width:110px}"
       ".crm-card-kf .v{font-size:20px;font-weight:600;color:#1f3b57;font-variant-numeric:tabular-nums}"
       ".crm-card-kf .k{font-size:12px;color:#555}</style>")


def quoted(text: str) -> str:
    """HTML for text quoted from a source document (shown as is in every language)."""
    return f'<span class="crm-source">{html.escape(text)}</span>'


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas' NA (never for an empty string or zero)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: not a scalar, not missing
        return False


def format_value(value: object, kind: str, lang: str | None = None) -> str:
    """``value`` written as a reader expects a ``kind`` (see :data:`KINDS`); missing → "—".

    >>> format_value(0.173184, "share"), format_value(31603958, "yuan"), format_value(None, "int")
    ('17.3%', '¥31,603,958', '—')
    """
    if is_missing(value):
        return MISSING
    if kind.startswith("label:"):
        return t(f"{kind[6:]}{value}", lang)
    if kind in ("text", "code"):
        return str(value)
    if kind == "bool":
        return t("tables.yes" if bool(value) else "tables.no", lang)
    if kind in ("date", "datetime"):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d" if kind == "date" or stamp == stamp.normalize() else "%Y-%m-%d %H:%M")
    if kind == "clock":  # a time of day stored as the time since midnight
        seconds = int(pd.Timedelta(value).total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    number = float(value)
    if kind == "int":
        return f"{round(number):,}"
    if kind == "year":
        return f"{round(number)}"
    if kind in ("num1", "num2"):
        return f"{number:,.{kind[-1]}f}"
    if kind in ("share", "share2"):
        return f"{number:.{1 if kind == 'share' else 2}%}"
    if kind in ("yuan", "yuan2"):
        sign = "-" if number < 0 else ""
        return f"{sign}¥{abs(number):,.{0 if kind == 'yuan' else 2}f}"
    raise ValueError(f"unknown column kind {kind!r}; use one of {KINDS} or 'label:<prefix>'")


def header(column: str, labels: Mapping[str, str] | None = None, lang: str | None = None) -> str:
    """The translated header of ``column``: ``labels[column]`` (an i18n key), else ``col.<column>``."""
    key = (labels or {}).get(column, f"col.{column}")
    try:
        return t(key, lang)
    except KeyError:
        raise KeyError(f"column {column!r} has no label: add {key!r} to widgets/i18n.py "
                       "or pass labels={column: key}") from None


def table_html(df: pd.DataFrame, columns: Mapping[str, str], lang: str | None = None,
               labels: Mapping[str, str] | None = None, index: str | None = None,
               missing_key: str = "tables.missing", view: str = "table") -> str:
    """``df`` as an HTML table: the ``columns`` given (column → kind), translated headers.

    ``index``, if given, is the kind of the index, shown as the first column and headed by
    ``labels[df.index.name]`` or ``col.<index name>``. When a cell is missing, a caption
    explains "—" (``missing_key``).
    """
    specs = ([(df.index.name or "index", index, list(df.index))] if index else []) + \
            [(c, kind, df[c].tolist()) for c, kind in columns.items()]
    num = ' class="num"'
    heads = "".join(f"<th{num if kind in NUMERIC else ''}>{html.escape(header(c, labels, lang))}</th>"
                    for c, kind, _ in specs)
    rows, missing = [], False
    for i in range(len(df)):
        cells = []
        for _, kind, values in specs:
            text = format_value(values[i], kind, lang)
            missing |= text == MISSING
            cls = ' class="num"' if kind in NUMERIC else ""
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = f"<caption>{MISSING} {html.escape(t(missing_key, lang))}</caption>" if missing else ""
    return (f'{CSS}<table class="crm-table" data-view="{html.escape(view)}">{caption}'
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def key_figures_html(figures: Mapping[str, tuple[object, str]], lang: str | None = None) -> str:
    """A row of small cards, one per key figure: ``{label_key: (value, kind)}``."""
    cards = "".join(f'<div class="crm-card-kf"><div class="v">{html.escape(format_value(v, kind, lang))}</div>'
                    f'<div class="k">{html.escape(t(key, lang))}</div></div>'
                    for key, (v, kind) in figures.items())
    return f'{CSS}<div class="crm-cards">{cards}</div>'


class _Relabelled(W.HTML):
    """An HTML widget whose content is re-rendered in the notebook's current language."""

    def __init__(self, render: Callable[[str], str], lang: Language, summary: str) -> None:
        super().__init__(render(lang.code))
        self._render, self._summary = render, summary
        on_language_change(lambda code: setattr(self, "value", self._render(code)), lang)

    def __repr__(self) -> str:
        return self._summary


def data_table(df: pd.DataFrame, columns: Mapping[str, str], labels: Mapping[str, str] | None = None,
               index: str | None = None, missing_key: str = "tables.missing", lang: Language = LANG,
               view: str = "table") -> W.HTML:
    """A table widget of ``df`` (see :func:`table_html`) that follows the language switch.

    Parameters
    ----------
    df : DataFrame
        The rows to show (e.g. ``tx.head()``); it is not changed.
    columns : mapping
        Column → kind, in display order: ``"int"``, ``"share"``, ``"yuan"``, ``"date"``,
        ``"clock"``, ``"label:cause."``, ... (:data:`KINDS`).
    labels : mapping, optional
        Column → i18n key for a header other than ``col.<column>``.
    index : str, optional
        The kind of the index, to show it as the first column.
    missing_key : str
        The i18n key saying what "—" means in this table.
    """
    df = df.copy()
    table_html(df, columns, LANG.code, labels, index, missing_key, view)  # refuse bad labels now
    return _Relabelled(lambda code: table_html(df, columns, code, labels, index, missing_key, view), lang,
                       f"Table({len(df)} rows: {', '.join(columns)})")


def key_figures(figures: Mapping[str, tuple[object, str]], lang: Language = LANG) -> W.HTML:
    """A row of key-figure cards (``{label_key: (value, kind)}``) that follows the language switch."""
    figures = {k: (v.item() if isinstance(v, np.generic) else v, kind) for k, (v, kind) in figures.items()}
    key_figures_html(figures, LANG.code)  # refuse unknown labels now
    summary = ", ".join(f"{k.split('.')[-1]}={format_value(v, kind, 'en')}" for k, (v, kind) in figures.items())
    return _Relabelled(lambda code: key_figures_html(figures, code), lang, f"KeyFigures({summary})")


__all__ = ["MISSING", "KINDS", "quoted", "is_missing", "format_value", "header", "table_html",
           "key_figures_html", "data_table", "key_figures"]
