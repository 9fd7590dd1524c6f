"""Reading cells: text as written in a file turned into a column's typed values.

Each column of strings is read in two passes. A vectorised pass (numpy over Arrow's
buffers) takes the cells spelt the one way a generated file writes them (``2024-03-15``,
``09:30:00``, ``12.50``, ``member``, text without surrounding spaces); the general
parser, which strips every cell and tries each accepted spelling in turn, takes the rest.
Both give the same value for such a cell, so a value never depends on the pass that read
it. Any other column (Excel cells, numbers, datetimes) goes to the general parser alone.
:mod:`crm.core.schemas` decides what the values must be; this module only reads them.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc



class Column(Protocol):
    """What the parser needs of a column (:class:`crm.core.schemas.Column` has it): its kind and allowed values."""

    kind: str
    allowed: tuple | None

# Formats tried in order for a ``date`` column (Excel and Chinese exports included).
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日",
                "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M",
                "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S")
_DATE_RANGE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2199-12-31"))
_TRUE = {"true", "t", "yes", "y", "1", "是", "对"}
_FALSE = {"false", "f", "no", "n", "0", "否", "不是"}
# Messages for values that cannot be read as the column's kind ({a}/{s}: English agreement).
UNPARSEABLE = {
    "int": ("不是整数（值为{values}）：请填整数，例如 3",
            "{be} not {a}whole number{s} ({values}); write whole numbers such as 3"),
    "float": ("不是数字（值为{values}）：请只填数字，例如 12.50，不要带单位或千位分隔符",
              "{be} not {a}number{s} ({values}); write plain numbers such as 12.50, without units or "
              "thousands separators"),
    "date": ("无法识别为日期（值为{values}）：日期应写成 YYYY-MM-DD，例如 2024-03-15",
             "{be} not {a}date{s} ({values}); write dates as YYYY-MM-DD, e.g. 2024-03-15"),
    "time": ("无法识别为时间（值为{values}）：时间应写成 HH:MM:SS，例如 09:30:00",
             "{be} not {a}time{s} ({values}); write times as HH:MM:SS, e.g. 09:30:00"),
    "bool": ("不是是/否值（值为{values}）：请填 true/false、1/0 或 是/否",
             "{be} not {a}yes/no value{s} ({values}); use true/false, 1/0 or yes/no"),
    "category": ("的值不在允许范围内（值为{values}）：允许的值为 <allowed>",
                 "{be} not allowed ({values}); allowed values: <allowed>"),
}
# Every character str.strip() removes (c.isspace()), and the bytes its UTF-8 can start or end with.
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
          + "\u2028\u2029\u202f\u205f\u3000")
_SPACE_FIRST, _SPACE_LAST = np.zeros(256, dtype=bool), np.zeros(256, dtype=bool)
_SPACE_FIRST[[c.encode()[0] for c in SPACES]] = _SPACE_LAST[[c.encode()[-1] for c in SPACES]] = True
# Unsigned decimals of at most 15 characters: read exactly the same by pd.to_numeric and by Arrow.
_NUMBER_LENGTH = 15
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[list(b"0123456789")] = True
# Each month of the accepted date range: its first day (days since 1970-01-01) and its length.
_MONTHS = np.arange(f"{_DATE_RANGE[0].year}-01", f"{_DATE_RANGE[1].year + 1}-01", dtype="datetime64[M]")
_MONTH_FIRST_DAY = _MONTHS.astype("datetime64[D]").astype(np.int64)
_MONTH_LENGTH = np.diff(np.append(_MONTHS, _MONTHS[-1] + 1).astype("datetime64[D]").astype(np.int64))


# --- the general parser: any cell, every accepted spelling ---------------------------

_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-"})
_CURRENCY_BEFORE = re.compile(r"^(?:[¥$€£]|rmb|cny|人民币)\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:元|块|rmb|cny)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?")  # 1,234.50
_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d*)?")  # 1 234,50 and 1'234.50
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}")  # 1.234,50
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # 12,50 (never a thousands group: those have 3 digits)
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")  # days since 1899-12-30: 45366 is 2024-03-15
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def number_text(text: str) -> str:
    """A number as written by people and spreadsheets, in the plain spelling ``pd.to_numeric`` reads.

    Full-width digits (NFKC), minus-sign variants, a currency sign or unit (``¥12.50``,
    ``12.50元``), thousands separators (``1,234.50``, ``1 234,50``, ``1.234,50``), a decimal
    comma with one or two decimals (``12,50``) and accounting negatives (``(12.50)``).

    Examples
    --------
    >>> [number_text(t) for t in ["¥1,234.50", "１２.５", "−3", "12,50元", "(7)"]]
    ['1234.50', '12.5', '-3', '12.50', '-7']
    """
    s = unicodedata.normalize("NFKC", text).strip().translate(_MINUS)
    negative = s.startswith("(") and s.endswith(")")
    s = s[1:-1].strip() if negative else s
    sign = ""
    for _ in range(2):  # "-¥12.50" and "¥-12.50"
        s = _CURRENCY_AFTER.sub("", _CURRENCY_BEFORE.sub("", s))
        if s[:1] in ("+", "-") and not sign:
            sign, s = s[0], s[1:].strip()
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    elif _SPACED.fullmatch(s):
        s = re.sub(r"[ \u00a0\u202f']", "", s).replace(",", ".")
    elif _EUROPEAN.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    return ("-" if negative else "") + sign + s

def cell_text(series: pd.Series) -> pd.Series:
    """The cells as stripped strings (object dtype), ``None`` for missing; 1001.0 becomes '1001'.

    Examples
    --------
    >>> cell_text(pd.Series([" C1 ", "", 1001.0, None])).tolist()
    ['C1', None, '1001', None]
    """
    def other(v):
        if v is None or (not isinstance(v, (str, bytes)) and pd.isna(v)):
            return None
        if isinstance(v, (float, np.floating)) and float(v).is_integer() and abs(v) < 2**53:
            v = int(v)
        return str(v).strip() or None
    # The str branch first: a plain loop over Python strings beats vectorised string dtypes here.
    values = [(v.strip() or None) if type(v) is str else other(v) for v in series.to_numpy(dtype=object)]
    return pd.Series(values, index=series.index, dtype=object)


def _parse_stamps(text: pd.Series, todo: np.ndarray, formats: tuple[str, ...],
                  valid: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Series, np.ndarray]:
    """Parse ``text[todo]`` trying ``formats`` in turn; return (datetime64[ns], still unparsed)."""
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    todo = todo.copy()
    for fmt in formats:
        if not todo.any():
            break
        got = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = got.notna() & (got >= valid[0]) & (got <= valid[1])
        hit = np.flatnonzero(todo)[ok.to_numpy()]
        values.iloc[hit] = got[ok].astype("datetime64[ns]").to_numpy()
        todo[hit] = False
    return values, todo


def _parse_general(col: Column, raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Convert ``raw`` to ``col.kind`` cell by cell; return (values, missing, unparseable)."""
    numeric = pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw)
    if (col.kind in ("int", "float") and numeric) or (col.kind == "date" and pd.api.types.is_datetime64_any_dtype(raw)):
        text = pd.Series(index=raw.index, dtype=object)  # typed cells (a workbook's) need no text: missing is NaN/NaT
        missing = raw.isna().to_numpy()
    else:
        text = cell_text(raw)
        missing = text.isna().to_numpy()
    bad = np.zeros(len(text), dtype=bool)
    if col.kind in ("int", "float"):
        if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
            arr = raw.to_numpy(dtype="float64", na_value=np.nan)
        else:
            arr = np.array(pd.to_numeric(text, errors="coerce"), dtype="float64")  # a writable copy
            retry = np.flatnonzero(~missing & np.isnan(arr))
            if len(retry):  # "¥1,234.50", "12.50元", "−3", full-width digits: see number_text
                cleaned = pd.Series([number_text(t) for t in text.iloc[retry]], dtype=object)
                arr[retry] = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        bad = ~missing & ~np.isfinite(arr)
        if col.kind == "int":
            with np.errstate(invalid="ignore"):
                bad |= ~missing & ~bad & ((arr % 1 != 0) | (np.abs(arr) >= 2**62))
        values = pd.Series(arr, index=text.index)
    elif col.kind == "date":
        if pd.api.types.is_datetime64_any_dtype(raw):  # already dates (an Excel date cell): only the range
            stamps = raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) else raw
            values = pd.Series(stamps.to_numpy(dtype="datetime64[ns]"), index=text.index)
            bad = ~missing & ~((values >= _DATE_RANGE[0]) & (values <= _DATE_RANGE[1])).to_numpy()
            values[bad] = pd.NaT
            return values, missing, bad
        values, bad = _parse_stamps(text, ~missing, DATE_FORMATS, _DATE_RANGE)
        if bad.any():  # an Excel date saved as its serial number (a date cell formatted as a number)
            serial = np.zeros(len(text), dtype=bool)
            serial[bad] = text[bad].str.fullmatch(_EXCEL_SERIAL.pattern).to_numpy(dtype=bool)
            if serial.any():
                days = pd.to_numeric(text[serial]).to_numpy(dtype="float64")
                values.iloc[np.flatnonzero(serial)] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).round("s")
                bad &= ~serial
    elif col.kind == "time" and pd.api.types.is_timedelta64_dtype(raw):
        values = raw.astype("timedelta64[ns]")
        bad = ~missing & ((values < pd.Timedelta(0)) | (values >= pd.Timedelta(days=1))).to_numpy()
    elif col.kind == "time":
        stamps, bad = _parse_stamps(text, ~missing, TIME_FORMATS, (pd.Timestamp.min, pd.Timestamp.max))
        values = stamps - stamps.dt.normalize()  # time of day as a timedelta since midnight
    elif col.kind == "bool":
        key = text.str.casefold()
        values = key.map(lambda k: True if k in _TRUE else (False if k in _FALSE else None))
        bad = ~missing & values.isna().to_numpy()
    elif col.kind == "category":
        canon = {str(a).casefold(): a for a in (col.allowed or ())}
        values = text.map(lambda t: canon.get(t.casefold()) if t is not None else None)
        bad = ~missing & values.isna().to_numpy() if col.allowed else bad
        values = values if col.allowed else text
    else:
        values = text
    return values, missing, bad


# --- the vectorised pass: canonical spellings only -----------------------------------

def _strings(raw: pd.Series) -> pa.Array | None:
    """The cells as Arrow strings (null where missing), if every cell is a string or missing."""
    if raw.dtype == object:
        if pd.api.types.infer_dtype(raw, skipna=True) != "string":
            return None
    elif not isinstance(raw.dtype, pd.StringDtype) or not len(raw):
        return None
    try:
        arr = pa.array(raw, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks(memory_pool=pa.system_memory_pool())
    return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else None


def _layout(strings: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each string starts in Arrow's UTF-8 data, its length in bytes, and the data."""
    _, offsets, data = strings.buffers()
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    ends = np.frombuffer(offsets, dtype=width)[strings.offset: strings.offset + len(strings) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None and data.size else np.zeros(1, np.uint8)
    return ends[:-1], np.diff(ends), data


def _edges(strings: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each string's first and last byte (0 if it is empty) and its length in bytes."""
    start, length, data = _layout(strings)
    end = len(data) - 1
    first = np.where(length > 0, data[np.minimum(start, end)], 0)
    return first, np.where(length > 0, data[np.clip(start + length - 1, 0, end)], 0), length


def _spelt_like(strings: pa.Array, pattern: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Rows spelt exactly like ``pattern`` (``9`` is any ASCII digit), and their digits (n x k)."""
    start, length, data = _layout(strings)
    width, want = len(pattern), np.frombuffer(pattern, dtype=np.uint8)
    if (length == width).all():  # rows of one width lie back to back: view them as a matrix
        cells = data[start[0]: start[0] + len(start) * width].reshape(-1, width)
    else:
        at = np.minimum(start[:, None] + np.arange(width), len(data) - 1)
        cells = np.where(np.arange(width) < length[:, None], data[at], 0)
    digit = want == ord("9")
    digits = cells[:, digit] - np.uint8(ord("0"))  # wraps round below "0": only 0-9 stay <= 9
    ok = (length == width) & (digits <= 9).all(axis=1) & (cells[:, ~digit] == want[~digit]).all(axis=1)
    return ok & strings.is_valid().to_numpy(zero_copy_only=False), digits


def _number(digits: np.ndarray) -> np.ndarray:
    """The decimal number each row of single digits spells."""
    value = np.zeros(len(digits), dtype=np.int64)
    for column in digits.T:
        value = value * 10 + column
    return value


def _fast_text(strings: pa.Array, col: Column):
    """Text with nothing for ``str.strip()`` to remove is its own value."""
    first, last, length = _edges(strings)
    ok = (length > 0) & ~_SPACE_FIRST[first] & ~_SPACE_LAST[last]
    ok &= strings.is_valid().to_numpy(zero_copy_only=False)
    return strings.to_numpy(zero_copy_only=False, writable=True), ok


def _fast_numbers(strings: pa.Array, col: Column):
    """Unsigned decimals (``12.50``); None unless every cell is one, as to_numeric's type depends on all."""
    start, length, data = _layout(strings)
    first, last, _ = _edges(strings)
    ok = strings.is_valid().to_numpy(zero_copy_only=False)
    used = data[start[0]: start[-1] + length[-1]]  # every string's bytes, back to back
    if not ((_DIGIT[first] & _DIGIT[last] & (length <= _NUMBER_LENGTH)) | ~ok).all() or not (
            ((used - np.uint8(ord("0"))) <= 9) | (used == ord("."))).all():
        return None
    try:  # digits and dots only, a digit at each end: Arrow refuses two dots ("1.2.3") here
        values = pc.cast(strings, pa.float64()).to_numpy(zero_copy_only=False, writable=True)
    except pa.ArrowInvalid:
        return None
    if col.kind == "int" and (used == ord(".")).any() and (values[ok] % 1).any():
        return None  # "3.5" is no whole number
    return values, ok


def _fast_dates(strings: pa.Array, col: Column):
    """``YYYY-MM-DD``, a real day within the accepted range."""
    ok, digits = _spelt_like(strings, b"9999-99-99")
    year, month, day = _number(digits[:, :4]), _number(digits[:, 4:6]), _number(digits[:, 6:])
    at = (year - _DATE_RANGE[0].year) * 12 + month - 1  # the month's place in the accepted range
    ok &= (month >= 1) & (month <= 12) & (at >= 0) & (at < len(_MONTH_FIRST_DAY)) & (day >= 1)
    at = np.where(ok, at, 0)
    ok &= day <= _MONTH_LENGTH[at]  # the range ends on 31 Dec, so every day of its months is in it
    return ((_MONTH_FIRST_DAY[at] + day - 1) * 86_400 * 10**9).astype("datetime64[ns]"), ok


def _fast_times(strings: pa.Array, col: Column):
    """``HH:MM:SS`` from 00:00:00 to 23:59:59."""
    ok, digits = _spelt_like(strings, b"99:99:99")
    hour, minute, second = _number(digits[:, :2]), _number(digits[:, 2:4]), _number(digits[:, 4:])
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    return (((hour * 60 + minute) * 60 + second) * 10**9).astype("timedelta64[ns]"), ok


def _fast_categories(strings: pa.Array, col: Column):
    """An allowed value spelt exactly; the values come back as category codes."""
    allowed = list(col.allowed or ())
    folded = {a.casefold() for a in allowed if isinstance(a, str) and a and a.strip() == a}
    if not allowed or len(folded) < len(allowed):
        return None  # an exact match would not be the value the general parser picks
    codes = pc.index_in(strings, value_set=pa.array(allowed, type=strings.type))
    codes = pc.fill_null(codes, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, codes >= 0


_FAST = {"str": _fast_text, "int": _fast_numbers, "float": _fast_numbers, "date": _fast_dates,
         "time": _fast_times, "category": _fast_categories}
_NOTHING = {"str": None, "int": np.nan, "float": np.nan, "date": np.datetime64("NaT", "ns"),
            "time": np.timedelta64("NaT", "ns"), "category": -1}


def parse_column(col: Column, raw: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Read the cells of one column as ``col.kind``.

    Parameters
    ----------
    col : Column
        The schema column (its kind and, for a category, its allowed values).
    raw : Series
        The cells as read, with a RangeIndex; not modified.

    Returns
    -------
    values : Series
        The values (floats for ints, not yet checked against the column's range).
    missing, unparseable : ndarray of bool
        The empty cells, and the cells that cannot be read as ``col.kind``.
    """
    strings = _strings(raw) if col.kind in _FAST else None
    fast = _FAST[col.kind](strings, col) if strings is not None else None
    if fast is None:
        return _parse_general(col, raw)
    values, ok = fast
    values[~ok] = _NOTHING[col.kind]
    missing = strings.is_null().to_numpy(zero_copy_only=False, writable=True)
    bad = np.zeros(len(raw), dtype=bool)
    rest = np.flatnonzero(~ok & ~missing)
    if len(rest):  # the general parser reads each cell on its own, so a subset reads the same
        general, missing[rest], bad[rest] = _parse_general(col, raw.iloc[rest])
        if col.kind == "category":
            code = {a: i for i, a in enumerate(col.allowed)}
            values[rest] = [code.get(v, -1) if v is not None else -1 for v in general]
        else:
            values[rest] = general.to_numpy()
    if col.kind == "category":
        values = pd.Categorical.from_codes(values, categories=list(col.allowed))
    return pd.Series(values, index=raw.index, dtype=object if col.kind == "str" else None), missing, bad


def typed_column(col: Column, values: pd.Series, missing: np.ndarray) -> pd.Series:
    """Give checked ``values`` their final dtype (nullable ints and bools only when ``missing`` has gaps)."""
    if col.kind == "category":
        if isinstance(values.dtype, pd.CategoricalDtype):
            return values
        cats = list(col.allowed) if col.allowed else sorted(set(values.dropna()))
        return pd.Series(pd.Categorical(values, categories=cats), index=values.index)
    gaps = missing.any()
    dtype = {"int": "Int64" if gaps else "int64", "float": "float64", "str": object,
             "bool": "boolean" if gaps else "bool"}.get(col.kind)
    return values if dtype is None else values.astype(dtype)
