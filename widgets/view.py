"""The base of every view: it follows the language switch and shows a data error in both languages.

What each view used to wire by hand lives here once:

- :class:`View` registers the view with :func:`widgets.i18n.on_language_change`, so a switch of
  the notebook's language calls the view's :meth:`View.relabel` (which, unless the view
  relabels in place, is a full :meth:`View.refresh`);
- :meth:`View.show_error` puts a :class:`~crm.core.schemas.DataError` (or a message of the
  catalogue) in the view's ``message`` widget, in Chinese and English, and
  :meth:`View.clear_error` empties it once the numbers are good again;
- :func:`view_or_error` makes a ``xxx_view(tables)`` function return the bilingual error box,
  never a traceback, when its tables cannot be used.

A view builds its widgets (its ``message`` among them, where it shows errors) and then calls
``super().__init__(children, lang=lang)``; ``tests/widgets/test_view.py`` fails if a module
under ``widgets/`` wires the language or builds the error box itself.
"""
from __future__ import annotations

import functools
from typing import Callable, ParamSpec, TypeVar

import ipywidgets as W

from crm.core.schemas import DataError
from widgets.common import error_html
from widgets.i18n import LANG, Language, on_language_change, t

P = ParamSpec("P")
V = TypeVar("V", bound=W.Widget)


def error_box(error: DataError | str, **fmt: object) -> str:
    """The error box (HTML) of ``error`` in Chinese and English.

    ``error`` is a :class:`DataError` (its ``message_zh`` and ``message_en``) or the key of a
    message in :mod:`widgets.i18n`, formatted with ``fmt``.
    """
    if isinstance(error, DataError):
        return error_html(error.message_zh, error.message_en)
    return error_html(t(error, "zh", **fmt), t(error, "en", **fmt))


class View(W.VBox):
    """A box of widgets that follows the notebook's language and shows a data error in both languages.

    Parameters
    ----------
    children : sequence of widgets
        What the view shows, top to bottom.
    lang : Language
        The language state to follow (the notebook's :data:`widgets.i18n.LANG` by default).
    **kwargs
        Passed on to :class:`ipywidgets.VBox` (e.g. ``layout``).

    A subclass sets ``self.message`` (an ``HTML`` widget among its children) before it shows
    an error, and defines :meth:`refresh`, :meth:`relabel` or both.
    """

    message: W.HTML

    def __init__(self, children=(), lang: Language = LANG, **kwargs) -> None:
        super().__init__(children, **kwargs)
        on_language_change(lambda _: self.relabel(), lang)

    def refresh(self) -> None:
        """Redraw the view for its current controls and language."""
        raise NotImplementedError(f"{type(self).__name__} defines neither refresh nor relabel")

    def relabel(self) -> None:
        """Show every label in the current language; called on a language switch (by default a refresh)."""
        self.refresh()

    def show_error(self, error: DataError | str, after: str = "", **fmt: object) -> None:
        """Show ``error`` in ``message`` in both languages (see :func:`error_box`), then ``after`` (HTML)."""
        self.message.value = error_box(error, **fmt) + after

    def clear_error(self) -> None:
        """Empty ``message``: the numbers shown are good again."""
        self.message.value = ""

    @property
    def showing_error(self) -> bool:
        """Whether ``message`` shows an error box (which stays in both languages on a switch)."""
        return "crm-error" in self.message.value


def view_or_error(build: Callable[P, V]) -> Callable[P, V | W.HTML]:
    """Decorate a ``xxx_view(tables, ...)`` function: a :class:`DataError` while building gives the error box.

    The box names the problem in Chinese and English; the notebook goes on (no traceback).
    """
    @functools.wraps(build)
    def view(*args: P.args, **kwargs: P.kwargs) -> V | W.HTML:
        try:
            return build(*args, **kwargs)
        except DataError as err:
            return W.HTML(error_box(err))
    return view
