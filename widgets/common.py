"""Small building blocks shared by the views: tables, colours, sliders, messages."""
from __future__ import annotations

import html
from typing import Callable, Mapping

import ipywidgets as W
import pandas as pd

from widgets.i18n import t

#: One colour per ABC class (and reused for ordered tiers in other cases).
CLASS_COLOURS = {"A": "#c0392b", "B": "#e67e22", "C": "#7f8c8d"}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")

TABLE_CSS = ("<style>.crm-table{border-collapse:collapse;font-size:13px}"
             ".crm-table th,.crm-table td{border:1px solid #ddd;padding:4px 8px;text-align:right}"
             ".crm-table th{background:#f4f6f8}.crm-table td:first-child{text-align:left}</style>")


def html_table(df: pd.DataFrame, formats: Mapping[str, str], view: str, lang: str | None = None,
               index_label: str | None = None, index_names: Callable[[object], str] | None = None,
               labels: Mapping[str, str] | None = None) -> str:
    """Render ``df`` as an HTML table with translated headers and fixed number formats.

    ``formats`` maps column → format, e.g. ``{"customers": "{:,}"}``; headers come
    from ``labels[column]`` (an i18n key) if given, else ``<view>.<column>``, else
    ``col.<column>`` in :mod:`widgets.i18n`.
    """
    def label(col: str) -> str:
        for key in ((labels or {}).get(col, ""), f"{view}.{col}", f"col.{col}"):
            try:
                return t(key, lang)
            except KeyError:
                continue
        return col

    head = "".join(f"<th>{html.escape(label(c))}</th>" for c in formats)
    first = f"<th>{html.escape(index_label or '')}</th>"
    rows = []
    columns = {c: df[c].tolist() for c in formats}  # tolist keeps ints as ints
    for i, idx in enumerate(df.index):
        name = index_names(idx) if index_names else str(idx)
        cells = "".join(f"<td>{fmt.format(columns[c][i])}</td>" for c, fmt in formats.items())
        rows.append(f"<tr><td>{html.escape(name)}</td>{cells}</tr>")
    return (f'{TABLE_CSS}<table class="crm-table" data-view="{view}">'
            f"<thead><tr>{first}{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def error_html(zh: str, en: str) -> str:
    """A visible error box that always shows both languages (never a traceback)."""
    return (f'<div class="crm-error" style="color:#a94442;background:#f2dede;padding:6px 10px;'
            f'border-radius:4px">⚠ {html.escape(zh)}<br>{html.escape(en)}</div>')


def info_html(text: str) -> str:
    """A quiet status line."""
    return f'<div class="crm-info" style="color:#31708f">{html.escape(text)}</div>'


def share_slider(value: float, key: str, lo: float = 0.05, hi: float = 0.99, step: float = 0.01) -> W.FloatSlider:
    """A percentage slider with a readable label and a wide description."""
    return W.FloatSlider(value=value, min=lo, max=hi, step=step, description=t(key),
                         readout_format=".0%", continuous_update=True,
                         style={"description_width": "initial"}, layout=W.Layout(width="520px"))

