"""One upload control for every view that classifies or scores customers.

A view gives :class:`UploadControl` the schema its table must meet
(:mod:`crm.core.schemas`), a ``prepare`` function that turns the validated table into what
the view draws (it may raise :class:`crm.core.schemas.DataError` too, e.g. "no customer has
two visits"), and an ``on_loaded`` callback that swaps the view's data in place. The
control reads the file with :func:`crm.core.io.read_upload`, so every view accepts the same
files (CSV in UTF-8 or GBK, Excel) with the same header aliases and the same messages.

A bad file changes nothing: the view keeps the data it had, and the control shows the
one message in Chinese and English plus which data stays loaded. The button, the line
naming the columns a file needs and the status of the last good load follow the
language switch.
"""
from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as W
import pandas as pd

import crm.core.io
from crm.core.io import read_upload
from crm.core.schemas import DataError, TableSchema
from widgets.common import info_html
from widgets.i18n import LANG, Language, LANGUAGES, t
from widgets.view import View


def accepted_suffixes() -> str:
    """The file types the reader reads (:data:`crm.core.io.UPLOAD_SUFFIXES`), as a FileUpload ``accept`` string."""
    return ",".join(crm.core.io.UPLOAD_SUFFIXES)


def columns_line(schema: TableSchema, lang: str | None = None, extra_key: str | None = None) -> str:
    """"Needs columns: customer_id (客户编号), date ..." for a schema, in ``lang``."""
    def shown(col) -> str:  # the header to write, as code: a name to type, not a label to read
        label = col.label_zh if (lang or LANG.code) == "zh" and col.label_zh else ""
        return f"<code>{html.escape(col.name)}</code>（{html.escape(label)}）" if label else \
            f"<code>{html.escape(col.name)}</code>"
    need = [shown(c) for c in schema.columns if c.required]
    optional = [shown(c) for c in schema.columns if not c.required]
    sep = "、" if (lang or LANG.code) == "zh" else ", "
    text = t("upload.needs", lang, columns=sep.join(need) or t("upload.none", lang))
    if optional:
        text += " " + t("upload.optional", lang, columns=sep.join(optional))
    if extra_key:
        text += " " + t(extra_key, lang)
    return text


class UploadControl(View):
    """A file button, the columns a file needs, and one status / error line.

    Parameters
    ----------
    schema : TableSchema
        What the uploaded table must meet; :func:`crm.core.io.read_upload` checks it.
    prepare : callable (DataFrame) -> anything
        Turns the validated table into the view's data; may raise ``DataError``.
    on_loaded : callable (data, name) -> None
        Puts the prepared data into the view (called only after ``prepare`` succeeded).
    summary : callable (data, table) -> dict, optional
        Numbers for the status line ``upload.loaded`` (default: rows).
    loaded_key : str
        i18n key of the status line after a good load, formatted with ``name`` and ``summary``.
    hint_key : str, optional
        i18n key of a sentence added to the "needs columns" line.
    """

    def __init__(self, schema: TableSchema, prepare: Callable[[pd.DataFrame], Any],
                 on_loaded: Callable[[Any, str], None], summary: Callable[[Any, pd.DataFrame], dict] | None = None,
                 loaded_key: str = "upload.loaded", hint_key: str | None = None, button_key: str = "upload.button",
                 lang: Language = LANG) -> None:
        self.schema, self.prepare, self.on_loaded = schema, prepare, on_loaded
        self.summary = summary or (lambda data, table: {"rows": len(table)})
        self.loaded_key, self.hint_key, self.button_key = loaded_key, hint_key, button_key
        self.source_name: str | None = None  # None: the case's own data
        self.data: Any = None
        self._status: tuple[str, dict] | None = None  # key and numbers of the last good load
        # Never squeezed by the line beside it: its label must show whole in both languages.
        self.button = W.FileUpload(accept=accepted_suffixes(), multiple=False,
                                   layout=W.Layout(width="auto", flex="0 0 auto"))
        self.needs = W.HTML()
        self.message = W.HTML()
        # Shown while a file is read (a full Excel sheet takes seconds); read_upload moves it.
        self.progress = W.FloatProgress(value=0.0, min=0.0, max=1.0, layout=W.Layout(width="120px",
                                                                                   visibility="hidden"))
        self.button.observe(self._on_upload, names="value")
        super().__init__([W.HBox([self.button, self.progress, self.needs]), self.message], lang=lang)
        self.relabel()

    def kept_name(self, lang: str) -> str:
        return self.source_name or t("upload.case_data", lang)

    def load(self, content: Any, name: str | None = None) -> bool:
        """Read, check and prepare a file; on success hand it to the view, else keep the old data and explain.

        ``content`` is bytes, a path or a FileUpload entry (see :func:`crm.core.io.read_upload`).
        """
        name = name or (content.get("name") if isinstance(content, dict) else None) or "upload"
        self.message.value = info_html(t("upload.reading", name=name))  # shown while a large file is read
        try:
            table = read_upload(content, filename=name, schema=self.schema, progress=self._show_progress)
        except DataError as err:
            self._show_progress(1.0)
            self._refuse(err)
            return False
        try:
            data = self.prepare(table)
        except DataError as err:  # the analytics do not know the file: name it
            if err.file is None:
                err = DataError(t("upload.in_file", "zh", name=name) + err.message_zh,
                                t("upload.in_file", "en", name=name) + err.message_en, name, err.column, err.rows)
            self._refuse(err)
            return False
        except Exception as exc:  # noqa: BLE001 - a student's file must never show a traceback
            self._refuse("upload.failed", name=name, kind=type(exc).__name__)
            return False
        self.on_loaded(data, name)
        self.data, self.source_name = data, name
        self._status = (self.loaded_key, {"name": name, **self.summary(data, table)})
        self._show_status()
        return True

    def _show_progress(self, fraction: float) -> None:
        self.progress.value = fraction
        self.progress.layout.visibility = "visible" if fraction < 1 else "hidden"

    def _refuse(self, error: DataError | str, **fmt: object) -> None:
        """Show why the file is refused (a DataError or a message key with ``fmt``) and which data stays."""
        kept = " / ".join(t("upload.kept", code, name=self.kept_name(code)) for code in LANGUAGES)
        self.show_error(error, after=info_html(kept), **fmt)

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if files:
            f = files[0]
            self.load(bytes(f["content"]), f["name"])

    def _show_status(self) -> None:
        if self._status is not None:
            key, numbers = self._status
            self.message.value = info_html(t(key, **numbers))

    def relabel(self) -> None:
        """Show the button, the columns line and the last status in the current language."""
        self.button.description = t(self.button_key)
        self.needs.value = f'<span style="color:#666;font-size:12px">{columns_line(self.schema, None, self.hint_key)}</span>'
        if not self.showing_error:  # an error stays in both languages
            self._show_status()
