"""Small building blocks shared by the views: tables, colours, sliders, messages."""
from __future__ import annotations

import html
from typing import Callable, Mapping

import ipywidgets as W
import pandas as pd

from widgets.i18n import t
from widgets.tables import MISSING, is_missing

#: A horizontal legend at the foot of a figure, below its x-axis title (never over it): it is
#: placed against the figure's container, so give the figure a bottom margin of 80 px or more.
LEGEND_BELOW = dict(orientation="h", yref="container", y=0.01, yanchor="bottom", x=0, xanchor="left")
#: A log axis labelled with its magnitudes (1, 10, 100, 1,000, ...): plotly's default log ticks
#: label 20, 50, 200 as "2", "5", "2", which reads as noise.
LOG_AXIS = dict(type="log", dtick=1, tickformat=",")
#: A sequential blue for coloured bars on a white page: plotly's "Blues" starts at white,
#: so its lightest bars vanish; this one starts at a blue that stays visible.
BAR_BLUES = [[0.0, "#9ecae1"], [0.5, "#4292c6"], [1.0, "#08306b"]]
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
    ``col.<column>`` in :mod:`widgets.i18n`. A missing value (NaN, None, NA) shows as "—",
    and the table then says what "—" means.
    """
    def label(col: str) -> str:
        for key in ((labels or {}).get(col, ""), f"{view}.{col}", f"col.{col}"):
            try:
                return t(key, lang)
            except KeyError:
                continue
        return col

    def cell(value: object, fmt: str) -> str:
        return MISSING if is_missing(value) else fmt.format(value)

    head = "".join(f"<th>{html.escape(label(c))}</th>" for c in formats)
    first = f"<th>{html.escape(index_label or '')}</th>"
    rows = []
    columns = {c: df[c].tolist() for c in formats}  # tolist keeps ints as ints
    for i, idx in enumerate(df.index):
        name = index_names(idx) if index_names else str(idx)
        cells = "".join(f"<td>{cell(columns[c][i], fmt)}</td>" for c, fmt in formats.items())
        rows.append(f"<tr><td>{html.escape(name)}</td>{cells}</tr>")
    missing = any(is_missing(v) for values in columns.values() for v in values)
    caption = (f'<caption style="caption-side:bottom;text-align:left;color:#666;font-size:12px">'
               f"{MISSING} {html.escape(t('tables.missing', lang))}</caption>") if missing else ""
    return (f'{TABLE_CSS}<table class="crm-table" data-view="{view}">{caption}'
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



#: The house style of every app and notebook page, shown once by :func:`app_header`.
#: Why each rule: a long English description beside a fixed-width slider used to take the
#: whole row and leave the track 0 px wide, so a slider's label takes at most half the row
#: (its text wraps onto a second line) and the track keeps at least 140 px; labels, check
#: boxes and buttons wrap their text instead of cutting it; figure rows never grow wider
#: than their box. A notebook opened before Run All shows its views from the saved widget
#: state, with no kernel behind them: ipywidgets marks every control of such a view with a
#: broken-link icon; one mark per view says it (the view's outermost box), not one per control.
HOUSE_CSS = """<style>
.widget-hslider { min-width: 380px; max-width: 100%; height: auto; min-height: var(--jp-widgets-inline-height, 28px); }
.widget-hslider > .widget-label { max-width: 50%; white-space: normal; overflow: visible; height: auto;
  line-height: 1.25; display: flex; align-items: center; }
.widget-hslider > .slider-container { flex: 1 1 160px; min-width: 140px; }
.widget-checkbox { width: auto; max-width: 100%; height: auto; }
.widget-checkbox label, .widget-checkbox .widget-label-basic { white-space: normal; overflow: visible; height: auto; }
.widget-button, .widget-toggle-button { white-space: normal; overflow: visible; height: auto;
  min-height: var(--jp-widgets-inline-height, 28px); max-width: 100%; }
.widget-toggle-buttons { height: auto; max-width: 100%; }
.widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 80px; }
.widget-dropdown, .widget-upload { max-width: 100%; }
.widget-gridbox { max-width: 100%; }
.crm-side-by-side { flex-wrap: wrap; width: 100%; }
.crm-side-by-side > * { flex: 1 1 460px; min-width: 0; max-width: 100%; }
.jupyter-widgets-disconnected .jupyter-widgets-disconnected::before { display: none; }
</style>"""


class AppHeader(W.VBox):
    """The top of a case notebook or app: the house style and the 中文 / English switch."""

    def __repr__(self) -> str:
        return f"AppHeader(language={self.children[-1].value!r})"


def app_header(lang: "Language | None" = None) -> AppHeader:
    """The top of a case notebook or app: the house style (:data:`HOUSE_CSS`) and the language switch."""
    from widgets.i18n import LANG, language_picker

    header = AppHeader([W.HTML(HOUSE_CSS), language_picker(lang or LANG)])
    header.add_class("crm-app-header")
    return header


def side_by_side(*children: W.Widget) -> W.HBox:
    """Figures beside each other that share the row's width and stack when the row is narrow."""
    box = W.HBox(list(children), layout=W.Layout(width="100%"))
    box.add_class("crm-side-by-side")
    return box
