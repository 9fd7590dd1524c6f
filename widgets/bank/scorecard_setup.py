"""The scorecard's setup for a student's own file: outcome, "bad" values, attributes, editable bins.

:class:`ScorecardSetup` holds an uploaded table (read by the shared upload control with
``UPLOAD_APPLICATIONS``: no column is required), proposes what to use (an outcome column
by its name, its "bad" values, every other column but ids as attributes, bins from
quantiles or categories, :mod:`crm.cases.bank.binning`), lets the student change each choice and fits
the scorecard (:func:`crm.cases.bank.scorecard.fit_scorecard`). A choice the data cannot carry (no bad
rows, a category in no bin, ...) is refused in both languages and the scorecard shown stays.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W
import pandas as pd

from crm.cases.bank.binning import (Bins, LabelledApplications, bins_text, is_numeric_bins, label_applications,
                                    numeric_values, outcome_values, parse_bins, propose_bins)
from crm.cases.bank.scorecard import BinnedApplications, bin_applications, fit_scorecard
from crm.core.schemas import DataError
from widgets.common import info_html
from widgets.i18n import LANG, LANGUAGES, Language, t
from widgets.view import View

#: Outcome columns and "bad" values guessed first in a student's file (he can choose others).
OUTCOME_NAMES = ("defaulted", "default", "bad", "outcome", "target", "label", "y", "class", "risk", "违约", "是否违约",
                 "结果", "逾期", "好坏")
BAD_VALUES = ("1", "true", "yes", "bad", "default", "defaulted", "是", "违约", "坏", "逾期")

Fitted = Callable[[LabelledApplications, pd.DataFrame, BinnedApplications], None]


def check_applications(table: pd.DataFrame) -> pd.DataFrame:
    """A file needs an outcome column and at least one attribute beside it."""
    if len([c for c in table.columns if c != "application_id"]) < 2:
        raise DataError("评分卡需要至少两列：一列结果（好/坏）和至少一列属性。",
                        "A scorecard needs at least two columns: an outcome (good/bad) and at least one attribute.")
    return table


def looks_like_an_id(values: pd.Series) -> bool:
    """A text column with a different value on every row (a name or an id): no use as an attribute."""
    return numeric_values(values) is None and values.nunique(dropna=True) == len(values) and len(values) > 20


class ScorecardSetup(View):
    """Outcome, bad values, attributes and bins of an uploaded table; :meth:`fit` hands the card to ``on_fitted``."""

    def __init__(self, on_fitted: Fitted, lang: Language = LANG) -> None:
        style = {"description_width": "initial"}
        self.on_fitted = on_fitted
        self.table: pd.DataFrame | None = None
        self.specs: dict[str, Bins] = {}
        self._syncing = False
        self._fitted: dict | None = None  # the numbers of the last fit, for the status line
        self.outcome = W.Dropdown(style=style)
        self.bad_values = W.SelectMultiple(rows=3, style=style, layout=W.Layout(width="260px"))
        self.attributes = W.SelectMultiple(rows=6, style=style, layout=W.Layout(width="320px"))
        self.edit_attr = W.Dropdown(style=style)
        self.bin_text = W.Text(continuous_update=False, style=style, layout=W.Layout(width="560px"))
        self.fit_button = W.Button(icon="check", button_style="primary")
        self.help, self.message = W.HTML(), W.HTML()
        self.outcome.observe(lambda _: self._on_outcome(), names="value")
        self.attributes.observe(lambda _: self._on_attributes(), names="value")
        self.edit_attr.observe(lambda _: self._show_spec(), names="value")
        self.bin_text.observe(lambda _: self._read_spec(), names="value")
        self.fit_button.on_click(lambda _: self.fit())
        super().__init__([W.HBox([W.VBox([self.outcome, self.bad_values]), self.attributes]),
                          W.HBox([self.edit_attr, self.bin_text]), self.help, W.HBox([self.fit_button, self.message])],
                         layout=W.Layout(display="none", border="1px solid #ddd", padding="6px"), lang=lang)
        self.relabel()

    def use_table(self, table: pd.DataFrame) -> bool:
        """Take a new table: propose outcome, bad values, attributes and bins, show the setup, and fit."""
        self.table = table
        columns = [c for c in table.columns if c != "application_id"]
        guess = next((c for c in columns if str(c).strip().casefold() in OUTCOME_NAMES), columns[-1])
        self._syncing = True
        try:
            self.outcome.options = columns
            self.outcome.value = guess
        finally:
            self._syncing = False
        self.specs = {}
        self._on_outcome()
        self.layout.display = "flex"
        return self.fit()

    def _on_outcome(self) -> None:
        if self._syncing or self.table is None:
            return
        table, outcome = self.table, self.outcome.value
        try:
            values = outcome_values(table[outcome])
        except DataError as err:
            values = []
            self.show_error(err)
        bad = [v for v in values if v.casefold() in BAD_VALUES] or values[-1:]
        self.bad_values.options = values
        self.bad_values.value = tuple(bad)
        others = [c for c in table.columns if c not in ("application_id", outcome)]
        self.attributes.options = others
        self.attributes.value = tuple(c for c in others if not looks_like_an_id(table[c]))
        self._on_attributes()  # also when the choice is the same as before (no change event then)

    def _on_attributes(self) -> None:
        if self.table is None:
            return
        for a in self.attributes.value:
            if a not in self.specs:
                self.specs[a] = propose_bins(self.table[a])
        current, chosen = self.edit_attr.value, list(self.attributes.value)
        self.edit_attr.options = chosen
        if chosen:  # a Dropdown does not pick an option by itself after its options change
            self.edit_attr.value = current if current in chosen else chosen[0]
        self._show_spec()

    def _show_spec(self) -> None:
        a = self.edit_attr.value
        if a is None or a not in self.specs:
            return
        self._syncing = True
        try:
            self.bin_text.value = bins_text(self.specs[a])
        finally:
            self._syncing = False
        self._show_help()

    def _read_spec(self) -> None:
        a = self.edit_attr.value
        if self._syncing or a is None or self.table is None:
            return
        try:
            self.specs[a] = parse_bins(self.bin_text.value, is_numeric_bins(self.specs[a]), a)
        except DataError as err:
            self.show_error(err)
            return
        self.clear_error()

    def _show_help(self) -> None:
        a = self.edit_attr.value
        numeric = a in self.specs and is_numeric_bins(self.specs[a])
        self.help.value = (f'<span style="color:#666;font-size:12px">'
                           f'{t("bank.sc.bins_numeric" if numeric else "bank.sc.bins_text")}</span>')

    def fit(self) -> bool:
        """Fit the scorecard with the chosen outcome, attributes and bins, and hand it on.

        On a problem (no bad or no good rows, a category in no bin, ...) nothing is handed
        on and the setup says why in both languages.
        """
        if self.table is None:
            return False
        try:
            labelled = label_applications(self.table, self.outcome.value, list(self.bad_values.value),
                                          {a: self.specs[a] for a in self.attributes.value})
            card = fit_scorecard(labelled.frame, labelled.bad, labelled.bins)
            binned = bin_applications(labelled.frame, card, labelled.bins)
        except DataError as err:
            kept = " / ".join(t("bank.sc.kept", code) for code in LANGUAGES)
            self.show_error(err, after=info_html(kept))
            return False
        self.on_fitted(labelled, card, binned)
        self._fitted = dict(rows=len(labelled.bad), bad=int(labelled.bad.sum()), dropped=labelled.dropped,
                            attributes=len(labelled.bins))
        self.message.value = info_html(t("bank.sc.fitted", **self._fitted))
        return True

    def relabel(self) -> None:
        """Show every label (and the last fit's summary) in the current language."""
        for w, key in ((self.outcome, "bank.sc.outcome"), (self.bad_values, "bank.sc.bad_values"),
                       (self.attributes, "bank.sc.attributes"), (self.edit_attr, "bank.sc.edit_bins"),
                       (self.bin_text, "bank.sc.bins"), (self.fit_button, "bank.sc.fit")):
            w.description = t(key)
        if self.table is not None:
            self._show_help()
        if self._fitted and not self.showing_error:
            self.message.value = info_html(t("bank.sc.fitted", **self._fitted))
