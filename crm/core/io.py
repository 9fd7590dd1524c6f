"""Reading and writing tables: the case data in ``data/`` and the files a user brings.

``load_case`` reads a case's generated CSVs; ``read_upload`` turns whatever a student
uploads into a validated table, or raises one ``DataError`` in Chinese and English that
names the file, the column and the first rows, with what to do:

* text in UTF-8 (with or without BOM), UTF-16 (with or without BOM), GBK/GB18030, or
  Windows-1252/Latin-1 when the bytes are not plausible Chinese; comma, semicolon, tab or
  pipe delimited, Excel's ``sep=;`` first line honoured; mixed delimiters refused;
* workbooks (.xlsx, .xlsm, .xls, .ods) read by python-calamine after :mod:`crm.core.sheets` has
  bounded them (uncompressed bytes, compression ratio, rows, columns, cells); the sheet
  whose header names the schema's columns is read (several such sheets are refused);
* the header is looked for in the first 20 rows (title rows and merged header cells
  above it are skipped), two columns with the same header are refused;
* before the schema: total rows (合计, Total) and ids that Excel has mangled (scientific
  notation, more than 15 digits as a number, one id written two ways) are refused;
* bounded time and memory for any file (:class:`crm.core.sheets.Limits`), and progress.

``write_table`` writes CSVs byte-identically for the generators.
"""
from __future__ import annotations

import csv
import gzip
import io
import os
import re
import unicodedata
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from crm.core.parsing import cell_text
from crm.core.schemas import UPLOAD_TRANSACTIONS, DataError, TableSchema, normalize_header
from crm.core.sheets import Limits, Progress, check_zip, read_sheets, too_big

ENV_DATA_DIR = "CRM_CASEBOOK_DATA"
#: What :func:`read_upload` reads, for an upload button's ``accept`` list.
UPLOAD_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (BIFF) container
_DELIMITERS = (",", ";", "\t", "|")
_UTF8_BOM = b"\xef\xbb\xbf"
try:  # pandas' "str" dtype (>= 2.3): strings kept in Arrow, NaN where missing, as dtype=object reads them
    _TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
except TypeError:  # older pandas: the Arrow reader is not used
    _TEXT = None


def default_data_dir() -> Path:
    """The case data folder: ``$CRM_CASEBOOK_DATA`` if set, else the repo's ``data/``."""
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


def __getattr__(name: str) -> Any:
    # ``crm.core.io.DATA_DIR`` follows $CRM_CASEBOOK_DATA when it is read, not when this module was
    # imported: a grading kernel is forked from a template that imported it before the
    # variant's folder was known, and must see the variant like every other way to the data.
    if name == "DATA_DIR":
        return default_data_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _arrow_cells(data: bytes, sep: str, skip_blank_lines: bool) -> pd.DataFrame | None:
    """Every field of delimited UTF-8 ``data`` as a string (NaN if empty), read by Arrow.

    The grid pandas' C parser gives with ``header=None, dtype=object, keep_default_na=False,
    na_values=[""]`` (columns 0..n-1), several times faster; None where Arrow cannot read
    ``data`` or might read it differently: quotes, and with ``skip_blank_lines`` also a
    ``\\r``, a BOM or a line starting with a space or tab (pandas skips such lines its own
    way). The callers fall back to pandas then, so its results and errors stay the rule.
    """
    awkward = _TEXT is None or b'"' in data
    if skip_blank_lines:  # b"\n " in data is slow: look for lines starting with a blank if there are blanks
        awkward = awkward or b"\r" in data or data.startswith((b" ", b"\t", _UTF8_BOM)) or (
            (b" " in data or b"\t" in data) and re.search(rb"\n[ \t]", data) is not None)
    if awkward:
        return None
    width = max((line.count(sep.encode()) for line in data[: 1 << 16].splitlines()), default=0) + 1
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data), memory_pool=pa.system_memory_pool(),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                              ignore_empty_lines=skip_blank_lines),
            convert_options=pa_csv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(width)},
                                                  null_values=[""], strings_can_be_null=True))
    except pa.ArrowException:
        return None
    if not all(pa.types.is_string(t) for t in table.schema.types):
        return None  # more columns than guessed: pandas reads it
    return table.to_pandas(types_mapper=lambda t: _TEXT).set_axis(range(table.num_columns), axis=1)


def _object_text(df: pd.DataFrame) -> pd.DataFrame:
    """String columns as object dtype (str, NaN where empty), as read with ``dtype=object``."""
    text = [c for c, dtype in df.dtypes.items() if isinstance(dtype, pd.StringDtype)]
    return df.astype(dict.fromkeys(text, object)) if text else df


def _read_case_table(path: Path) -> pd.DataFrame:
    """A case CSV with every field as a string, as ``pd.read_csv(path, dtype=object, ...)`` reads it."""
    try:
        data = path.read_bytes()
        grid = _arrow_cells(gzip.decompress(data) if path.name.endswith(".gz") else data, ",", True)
    except (OSError, EOFError, zlib.error):  # pandas reports a damaged file its own way
        grid = None
    if grid is not None and len(grid) and grid.iloc[0].notna().all() and grid.iloc[0].is_unique:
        return grid.iloc[1:].set_axis(list(grid.iloc[0]), axis=1).reset_index(drop=True)
    return pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""], encoding="utf-8")


def table_files(folder: Path) -> dict[str, Path]:
    """Every ``<table>.csv`` or ``<table>.csv.gz`` of ``folder``, by table name, sorted by file name.

    Raises
    ------
    DataError
        If a table is there both as ``.csv`` and as ``.csv.gz``.
    """
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        for suffix in (".csv.gz", ".csv"):
            if path.is_file() and path.name.endswith(suffix):
                table = path.name[: -len(suffix)]
                if table in files:
                    raise DataError(f"案例文件夹 {folder} 中“{table}”表既有 .csv 又有 .csv.gz，请只保留一个。",
                                    f"Case folder {folder} has both {table}.csv and {table}.csv.gz; keep one.",
                                    file=path.name)
                files[table] = path
                break
    return files


def read_tables(files: Mapping[str, Path], schemas: Mapping[str, TableSchema | None]) -> dict[str, pd.DataFrame]:
    """Read ``files`` (as from :func:`table_files`); a table with a schema comes back validated and typed.

    Tables without a schema come back as pandas reads them. The next tables are unzipped
    and parsed (free of the GIL) while one is validated.
    """
    tables = {}
    with ThreadPoolExecutor(max_workers=1) as reader:
        raws = {table: reader.submit(_read_case_table, path) for table, path in files.items()
                if schemas.get(table) is not None}
        try:
            for table, path in files.items():
                if table in raws:
                    tables[table] = _object_text(schemas[table].validate(raws[table].result(), file=path.name))
                else:
                    tables[table] = pd.read_csv(path)
        finally:
            for raw in raws.values():
                raw.cancel()  # after an error, skip the tables not yet read
    return tables


def _too_large(name: str, size: int, max_bytes: int) -> DataError:
    def human(n: int) -> str:
        return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.1f} KB" if n >= 2**10 else f"{n} B"
    return DataError(f"文件 {name} 太大（{human(size)}），上限为 {human(max_bytes)}。请只保留需要的列或行后再上传。",
                     f"File {name} is too large ({human(size)}); the limit is {human(max_bytes)}. "
                     "Keep only the columns or rows you need and upload again.", file=name)


def _source_bytes(source: Any, filename: str | None, max_bytes: int) -> tuple[bytes, str]:
    """Read ``source`` into bytes, checking the size before reading where possible."""
    if isinstance(source, (list, tuple)) and len(source) == 1:  # FileUpload.value (ipywidgets 8)
        source = source[0]
    if isinstance(source, dict) and "content" in source:
        filename = filename or source.get("name")
        source = source["content"]
    elif hasattr(source, "content") and not hasattr(source, "read"):
        filename = filename or getattr(source, "name", None)
        source = source.content
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = filename or "upload"
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            if path.stat().st_size > max_bytes:
                raise _too_large(name, path.stat().st_size, max_bytes)
            data = path.read_bytes()
        except OSError:
            raise DataError(f"无法打开文件 {path}（不存在或没有权限）。",
                            f"File {path} cannot be opened (missing or not permitted).", file=name) from None
    elif hasattr(source, "read"):
        name = filename or os.path.basename(str(getattr(source, "name", "") or "")) or "upload"
        if getattr(source, "seekable", lambda: False)():  # learn the size without reading it all
            start = source.tell()
            size = source.seek(0, io.SEEK_END) - start
            source.seek(start)
            if size > max_bytes:
                raise _too_large(name, size, max_bytes)
        data = source.read(max_bytes + 1)
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    else:
        raise TypeError(f"read_upload needs a path, bytes or a file-like object, not {type(source).__name__}")
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data, name


def _empty(name: str, detail_zh: str = "", detail_en: str = "") -> DataError:
    return DataError(f"文件 {name} 是空的{detail_zh}。请确认选对了文件，或重新导出表格后再上传。",
                     f"File {name} is empty{detail_en}. Check that you chose the right file, or export the table "
                     "again and upload it.", file=name)


def _not_a_table(name: str, detail_zh: str = "", detail_en: str = "") -> DataError:
    return DataError(f"文件 {name} 不是可以读取的表格{detail_zh}。请上传 CSV（.csv）或 Excel（.xlsx）文件。",
                     f"File {name} is not a table we can read{detail_en}. "
                     "Please upload a CSV (.csv) or Excel (.xlsx) file.", file=name)


# --- text: encodings --------------------------------------------------------------

def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte of the head is zero (text with no BOM)."""
    head = data[:4000]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _looks_chinese(text: str) -> bool:
    """Whether text decoded as GB18030 reads as Chinese: its characters are mostly common (GB2312) ones.

    Latin-1 or Windows-1252 bytes (``Müller``: ``M\\xfcller``) often decode as GB18030 too, into
    rare characters (``M黮ler``) that a Chinese file almost never holds.
    """
    wide = [ch for ch in text[:20000] if ord(ch) > 0x7F]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    # Latin-1 letters before ASCII never pair into GB2312 (both bytes >= 0xA1): ~0 %; simplified
    # Chinese ~100 %; traditional characters in GBK share many common ones (的, 是, 人): > 30 %.
    return common >= 0.3 * len(wide)


def _decode(data: bytes, name: str) -> str:
    """The text of an upload: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GBK/GB18030,
    or Windows-1252/Latin-1 where the bytes are neither UTF-8 nor plausible Chinese."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        encodings: tuple[str, ...] = ("utf-16",)
    elif (utf16 := _utf16_without_bom(data)) is not None:
        encodings = (utf16,)
    else:
        if b"\x00" in data:
            raise _not_a_table(name, "（看起来是二进制文件）", " (it looks like a binary file)")
        encodings = ("utf-8-sig", "gb18030", "cp1252")  # GB18030 is a superset of GBK and GB2312
    text = None
    for encoding in encodings:
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _looks_chinese(candidate):
            continue  # Western European text (Latin-1 / Windows-1252) that happens to decode as GB18030
        text = candidate
        break
    if text is None:
        raise _not_a_table(name, "（无法识别文字编码，应为 UTF-8、GBK 或 UTF-16）。请在 Excel 中“另存为”"
                                 "“CSV UTF-8（逗号分隔）”",
                           " (its text encoding is not UTF-8, GBK or UTF-16). In Excel use Save As, "
                           "'CSV UTF-8 (Comma delimited)'")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in text or controls > max(2, len(text[:10000]) // 100):
        raise _not_a_table(name, "（看起来是二进制文件）", " (it looks like a binary file)")
    return text.lstrip("\ufeff")


# --- text: delimiters and the grid of cells ---------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEP_LINE = re.compile(r'"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)')  # Excel's first line naming the delimiter


def _numbered_head(text: str) -> list[tuple[int, str]]:
    """The first 50 non-blank lines of ``text`` and their positions (0 = the first line)."""
    size = 1 << 16  # split only the head of a large file
    # (at CSV line breaks only: str.splitlines also splits at \v, \f, \x1c-\x1e, \x85 and \u2028/9,
    # which the CSV readers keep inside a cell, so a header holding one got a wrong width)
    while len(head := _LINE_BREAK.split(text[:size].removesuffix("\n").removesuffix("\r"))) <= 50 and size < len(text):
        size *= 4
    if size < len(text) and head:
        head = head[:-1]  # the last line of the head may be cut short
    return [(i, line) for i, line in enumerate(head) if line.strip()][:50]


def _head_lines(text: str) -> list[str]:
    return [line for _, line in _numbered_head(text)]


def _mixed_delimiters(body: str, sep: str, name: str, skipped: int) -> None:
    """Refuse a file whose head lines are split by different delimiters (part pasted from another export)."""
    head = _numbered_head(body)
    counts = [len(row) for row in csv.reader([line for _, line in head], delimiter=sep)]
    wide = [c for c in counts if c >= 2]
    if not wide:
        return
    mode = max(set(wide), key=lambda c: (wide.count(c), c))
    first = next(k for k, c in enumerate(counts) if c == mode)  # the header, most likely: title lines above it are free
    odd = [(i, line) for k, ((i, line), c) in enumerate(zip(head, counts)) if c != mode and k > first]
    mixed = [i for i, line in odd if any(len(next(csv.reader([line], delimiter=d))) == mode
                                         for d in _DELIMITERS if d != sep)]
    if mixed:
        lines = [skipped + i + 1 for i in mixed[:5]]
        shown = {",": "逗号 ,", ";": "分号 ;", "\t": "制表符", "|": "竖线 |"}
        shown_en = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes"}
        raise DataError(
            f"文件 {name} 第 {'、'.join(map(str, lines))} 行用的分隔符与其他行（{shown[sep]}）不同。"
            "请统一使用一种分隔符后再上传（例如在 Excel 中打开并另存为 CSV）。",
            f"File {name}, line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))} use another delimiter "
            f"than the other lines ({shown_en[sep]}). Use one delimiter throughout (e.g. open the file in Excel "
            "and save it as CSV) and upload again.", file=name, rows=lines)


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits most of the first lines into the same, largest number of fields.

    The most common count decides, not the first line's, so a title line above the
    header ("销售报表", one field for every delimiter) does not hide the table's delimiter.
    """
    lines = _head_lines(text)
    best, best_score = ",", (0.0, 0)
    for delim in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        wide = [c for c in counts if c >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=lambda c: (wide.count(c), c))
        score = (counts.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def _check_lines(body: str, name: str, limits: Limits) -> None:
    """Refuse text with a line longer than ``limits.line_chars`` (no CSV has one) before parsing it.

    Every window of ``line_chars + 1`` characters must hold a line end; jumping from the
    last line end of one window to the next looks at a 50 MB file in about 50 steps.
    """
    pos, limit = 0, limits.line_chars
    while pos + limit < len(body):
        end = max(body.rfind("\n", pos, pos + limit + 1), body.rfind("\r", pos, pos + limit + 1))
        if end < 0:
            line = body.count("\n", 0, pos) + 1
            raise DataError(
                f"文件 {name} 第 {line} 行超过 {limit:,} 个字符（上限），不像 CSV 表格。"
                "请确认上传的是表格文件，并且每条记录占一行。",
                f"File {name}, line {line} is more than {limit:,} characters long (the limit); that is not a CSV "
                "table. Check that the file is a table with one record a line.", file=name, rows=[line])
        pos = end + 1


def _text_grid(text: str, name: str, limits: Limits) -> tuple[pd.DataFrame, int, str]:
    """Every field of CSV text as a string (columns 0..n-1), the lines above row 0, and the delimiter."""
    body = text.lstrip("\r\n")
    skipped = text[: len(text) - len(body)].count("\n")  # blank lines above the header
    sep = None
    if (declared := _SEP_LINE.match(body)) and declared[1] not in "\r\n\"":
        sep, body = declared[1], body[declared.end():]
        skipped += 1
    _check_lines(body, name, limits)
    sep = sep or _sniff_delimiter(body)
    _mixed_delimiters(body, sep, name, skipped)
    widths = [len(row) for row in csv.reader(_head_lines(body), delimiter=sep)] or [1]
    lines = body.count("\n") + 1
    if max(widths) > limits.columns:
        raise too_big(name, "列数", "the number of columns is", max(widths), limits.columns)
    if lines > limits.rows + 1:
        raise too_big(name, "行数", "the number of lines is", lines, limits.rows)
    if lines * max(widths) > limits.cells * 1.1:
        raise too_big(name, "单元格数（行 × 列）", "the number of cells (rows x columns) is", lines * max(widths),
                      limits.cells)
    try:
        grid = _arrow_cells(body.encode("utf-8"), sep, skip_blank_lines=False)
    except UnicodeEncodeError:
        grid = None
    if grid is None:
        try:
            # header=None: pandas then never mistakes a longer first data row for an index; the
            # widest head line sets the width, so a shorter title line above the header is kept.
            grid = pd.read_csv(io.StringIO(body), sep=sep, header=None, dtype=object, keep_default_na=False,
                               na_values=[""], skip_blank_lines=False,
                               names=range(max(widths)) if len(set(widths)) > 1 else None)
        except pd.errors.ParserError as exc:
            found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
            if found:
                raise _ragged(name, int(found[2]) + skipped, int(found[3]), int(found[1])) from None
            raise _not_a_table(name, "（CSV 格式有误，例如引号未闭合）",
                               " (its CSV is malformed, e.g. an unclosed quote)") from None
    return grid, skipped, sep


def _ragged(name: str, line: int, saw: int, want: int) -> DataError:
    return DataError(f"文件 {name} 第 {line} 行有 {saw} 个字段，但表头只有 {want} 列。请检查该行是否多了分隔符"
                     "（例如金额 1,234.50 中的逗号：请加引号或去掉千位分隔符）。",
                     f"File {name}, line {line} has {saw} fields but the header has {want} columns. "
                     "Check that line for an extra delimiter (e.g. the comma in an amount like 1,234.50: "
                     "quote it or drop the thousands separator).", file=name, rows=[line])


# --- the header: where it is, what it names ----------------------------------------

_HEADER_ROWS = 20  # the header is looked for in the first rows of a sheet or file


def _column_letter(pos: int) -> str:
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _header_text(cell: Any) -> str | None:
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip() or None


def _find_header(grid: pd.DataFrame, schema: TableSchema | None) -> tuple[int, int, int]:
    """(row of the header, required columns it names, required columns in all) in the first rows of ``grid``.

    The first row naming every required column; else the row naming most of them;
    else the first non-empty row.
    """
    head = grid.iloc[:_HEADER_ROWS].to_numpy(dtype=object)
    filled = [r for r in range(len(head)) if any(_header_text(c) is not None for c in head[r])]
    if not filled:
        return 0, 0, 0
    if schema is None:
        return filled[0], 0, 0
    required = [c for c in schema.columns if c.required]
    keys = {c.name: {normalize_header(k) for k in (c.name, *c.aliases)} for c in required}
    best, best_hits = filled[0], 0
    for r in filled:
        names = {normalize_header(h) for h in map(_header_text, head[r]) if h is not None}
        hits = sum(1 for col in required if keys[col.name] & names)
        if hits == len(required):
            return r, hits, len(required)
        if hits > best_hits:
            best, best_hits = r, hits
    return best, best_hits, len(required)


def _frame(grid: pd.DataFrame, header: int, first_line: int, name: str, schema: TableSchema | None,
           col_offset: int = 0) -> pd.DataFrame:
    """The table below ``grid``'s row ``header``, headed by it; the index is ``line - 2`` (line of the file/sheet).

    Two columns whose headers are the same (ignoring case and spaces) and name a schema
    column are refused: which one holds the values is a guess.
    """
    headers, seen, first = [], {}, {}
    schema_keys = {normalize_header(k): c.name for c in (schema.columns if schema else ())
                   for k in (c.name, *c.aliases)}
    for pos, cell in enumerate(grid.iloc[header]):
        text = _header_text(cell)
        header_name = f"Unnamed: {pos}" if text is None else text
        key = normalize_header(header_name)
        if text is not None and key in first and key in schema_keys:
            shown = [f"{first[key][1]}（{_column_letter(first[key][0] + col_offset)} 列）",
                     f"{header_name}（{_column_letter(pos + col_offset)} 列）"]
            shown_en = [f"'{first[key][1]}' (column {_column_letter(first[key][0] + col_offset)})",
                        f"'{header_name}' (column {_column_letter(pos + col_offset)})"]
            raise DataError(
                f"文件 {name} 有两列都叫“{header_name}”：{'和'.join(shown)}，不知道该用哪一列作为“{schema_keys[key]}”。"
                "请删除或改名其中一列后再上传。",
                f"File {name} has two columns called '{header_name}': {' and '.join(shown_en)}; which one is "
                f"'{schema_keys[key]}' is a guess. Delete or rename one of them and upload again.",
                file=name, column=schema_keys[key], rows=[first_line + header + 1])
        first.setdefault(key, (pos, header_name))
        seen[header_name] = seen.get(header_name, -1) + 1
        headers.append(header_name if not seen[header_name] else f"{header_name}.{seen[header_name]}")
    df = grid.iloc[header + 1:].set_axis(headers, axis=1)
    start = first_line + header
    return df.set_axis(pd.RangeIndex(start, start + len(df)), axis=0)


def _header_hint(grid: pd.DataFrame, header: int, hits: int, required: int, first_line: int,
                 schema: TableSchema | None) -> tuple[str, str]:
    """A sentence on where the header is, for a file that lacks a required column."""
    if schema is None or hits == required:
        return "", ""
    names = "、".join(c.name for c in schema.columns if c.required)
    names_en = ", ".join(c.name for c in schema.columns if c.required)
    line = first_line + header + 1
    if hits:
        return (f"表头按第 {line} 行读取（前 {_HEADER_ROWS} 行中它最像表头）。",
                f"The header was taken from line {line} (of the first {_HEADER_ROWS} lines, it looks most like one). ")
    return (f"前 {_HEADER_ROWS} 行中没有找到含 {names} 的表头行：请把列名写在表格的第一行"
            "（合并的表头单元格请拆开，每列一个列名）。",
            f"No line among the first {_HEADER_ROWS} names {names_en}: put the column names in the table's first "
            "row (unmerge merged header cells, one name per column). ")


# --- Excel and OpenDocument workbooks --------------------------------------------

def _sheet_frame(nrows: int, columns: list[list]) -> pd.DataFrame:
    """A sheet's columns as a DataFrame (NaN where empty), columns 0..n-1, each typed by what it holds:
    numbers as float64, text as strings, a mixture (a header above numbers, say) as objects."""
    frame = {}
    for pos, values in enumerate(columns):
        col = np.array(values, dtype=object) if values else np.full(nrows, np.nan, dtype=object)
        col[col == ""] = np.nan
        kind = pd.api.types.infer_dtype(col, skipna=True)
        if kind in ("floating", "integer", "mixed-integer-float"):
            frame[pos] = pd.Series(col.astype("float64"))
        elif kind == "string" and _TEXT is not None:
            frame[pos] = pd.Series(col, dtype=_TEXT)
        else:
            frame[pos] = pd.Series(col, dtype=object)
    return pd.DataFrame(frame, index=pd.RangeIndex(nrows))


def _read_excel(data: bytes, name: str, schema: TableSchema | None = None, limits: Limits | None = None,
                progress: Progress | None = None) -> pd.DataFrame:
    """The table of a workbook: the sheet whose header names the schema's columns (or the first filled one)."""
    limits = limits or Limits()
    if data.startswith(_OLE2_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        raise DataError(f"文件 {name} 设有密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx，再上传。",
                        f"File {name} is password protected (encrypted) and cannot be read. Remove the password in "
                        "Excel, save it as .xlsx and upload again.", file=name)
    if data.startswith(_ZIP_MAGIC):
        check_zip(data, name, limits, progress)  # sizes, ratios, rows and columns: before any parsing
    sheets = read_sheets(data, name, limits, progress)
    found = []
    for number, (sheet_name, nrows, columns) in enumerate(sheets, start=1):
        grid = _sheet_frame(nrows, columns)
        if progress is not None:
            progress(0.83 + 0.04 * number / len(sheets))
        if len(grid.columns) and grid.notna().to_numpy().any():
            found.append((sheet_name, grid, *_find_header(grid, schema)))
    if not found:
        raise _empty(name, "（没有任何单元格有内容）", " (no cell holds a value)")
    full = [f for f in found if f[4] and f[3] == f[4]]
    if len(full) > 1:
        listed = [f[0] for f in full]
        raise DataError(
            f"文件 {name} 有多个工作表都像交易表：{'、'.join(f'“{s}”' for s in listed)}。一次只能读取一个工作表，"
            "请把数据合并到一个工作表，或把其余工作表删掉（或另存为单独的文件）后再上传。",
            f"File {name} has several sheets that look like the table: {', '.join(repr(s) for s in listed)}. "
            "One sheet is read at a time: combine the data into one sheet, or delete the others (or save them "
            "as separate files) and upload again.", file=name)
    sheet_name, grid, header, hits, required = full[0] if full else found[0]
    df = _frame(grid, header, 0, name, schema)
    if schema is not None and not full:
        hint_zh, hint_en = _header_hint(grid, header, hits, required, 0, schema)
        others = [f[0] for f in found if f[0] != sheet_name]
        if len(sheets) > 1:
            rest_zh = f"，其他工作表：{'、'.join(others)}" if others else ""
            rest_en = f"; the other sheets are {', '.join(repr(o) for o in others)}" if others else ""
            hint_zh += f"读取的是工作表“{sheet_name}”{rest_zh}。请把交易表放在第一个工作表。"
            hint_en += f"Sheet '{sheet_name}' was read{rest_en}. Put the table on the first sheet."
        _raise_missing(df, schema, name, hint_zh, hint_en)
    return df


def _raise_missing(df: pd.DataFrame, schema: TableSchema, name: str, hint_zh: str, hint_en: str) -> None:
    """Raise the schema's missing-column error, with a hint on where the header or the table is."""
    headers = list(df.columns)
    found = schema._match_headers(headers, name)
    missing = [c for c in schema.columns if c.required and c.name not in found]
    if missing:
        err = schema._missing_error(missing, headers, found, name)
        raise DataError(err.message_zh + hint_zh, err.message_en + (" " + hint_en.strip() if hint_en else ""),
                        file=err.file, column=err.column, rows=err.rows)


# --- what a file may hold: checks before the schema ---------------------------------

_TOTAL = re.compile(r"(?i)^\s*(?:合\s*计|总\s*计|小\s*计|共\s*计|汇\s*总|总\s*和|累\s*计|合計|總計|小計|彙總|"
                    r"(?:grand\s*|sub\s*)?totals?|sum)\s*[:：]?\s*(?:[(（].*)?$")
_TOTAL_STARTS = "合总小共汇累總彙TtSsGg"
_SCIENTIFIC = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]\d+\s*$")  # Excel: 6.23457E+11, 1E+11 (not 2E10, a code)
_MAX_EXACT_ID = 1e15  # Excel keeps 15 significant digits of a number: a longer numeric id has lost some


def _rows_error(name: str, header: str, column: str | None, lines: np.ndarray, mask: np.ndarray, values: list,
                problem_zh: str, problem_en: str) -> DataError:
    idx = np.flatnonzero(mask)[:5]
    rows = [int(lines[i]) for i in idx]
    more = int(mask.sum()) - len(rows)
    shown = [str(values[i])[:30] for i in idx]
    rows_zh = "、".join(map(str, rows)) + (f" 等共 {int(mask.sum())} " if more else " ")
    rows_en = ("row " if len(rows) == 1 and not more else "rows ") + ", ".join(map(str, rows)) + \
        (f" and {more} more" if more else "")
    return DataError(f"文件 {name} 的“{header}”列第 {rows_zh}行（值为{'、'.join(f'“{v}”' for v in shown)}）{problem_zh}",
                     f"File {name}, column '{header}': {rows_en} ({', '.join(repr(v) for v in shown)}) {problem_en}",
                     file=name, column=column, rows=rows)


def _arrow_strings(col: pd.Series) -> pa.Array | None:
    """The column as Arrow strings if it is held as such (a CSV read by Arrow, a text column of a workbook)."""
    if not isinstance(col.dtype, pd.StringDtype):
        return None
    try:
        arr = pa.array(col, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else None


def _matches(col: pd.Series, pattern: re.Pattern, starts: str | None = None, holds: str | None = None) -> np.ndarray:
    """Rows of ``col`` holding text that ``pattern`` matches (Arrow's regex on Arrow strings, else on distinct values).

    ``starts``: the characters a match can begin with (after blanks); ``holds``: a letter every
    match holds (either case). Both are cheap first sieves before the regular expression.
    """
    if (arr := _arrow_strings(col)) is not None:
        hit = np.zeros(len(arr), dtype=bool)
        arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
        rows = None
        if starts is not None:  # by the first byte of each string (a blank may come first)
            first = np.zeros(256, dtype=bool)
            first[[c.encode()[0] for c in starts + " \t\u3000\u00a0"]] = True
            _, offsets, data = arr.buffers()
            width = np.int64 if pa.types.is_large_string(arr.type) else np.int32
            ends = np.frombuffer(offsets, dtype=width)[arr.offset: arr.offset + len(arr) + 1]
            data = np.frombuffer(data, dtype=np.uint8) if data is not None and data.size else np.zeros(1, np.uint8)
            lead = data[np.minimum(ends[:-1], len(data) - 1)]
            rows = np.flatnonzero(first[lead] & (ends[1:] > ends[:-1]))
            if not len(rows):
                return hit
            arr = arr.take(pa.array(rows))
        if rows is None:
            rows = np.arange(len(arr))
        if holds is not None:
            sieve = pc.fill_null(pc.match_substring(arr, holds, ignore_case=True), False).to_numpy(zero_copy_only=False)
            if not sieve.any():
                return hit
            rows, arr = rows[sieve], arr.filter(pa.array(sieve))
        matched = pc.fill_null(pc.match_substring_regex(arr, pattern.pattern), False)
        hit[rows] = matched.to_numpy(zero_copy_only=False)
        return hit
    values = col.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if not len(uniques):
        return np.zeros(len(values), dtype=bool)
    hit = np.fromiter((type(v) is str and pattern.match(v) is not None for v in uniques), dtype=bool,
                      count=len(uniques))
    return np.where(codes >= 0, hit[np.maximum(codes, 0)], False)


def _check_content(df: pd.DataFrame, schema: TableSchema, name: str, text: bool, width: int) -> None:
    """Refuse what a schema cannot see but would load wrongly: total rows, ids Excel has mangled,
    one id written two ways, lines split by another delimiter.

    The tests run on each column's distinct values, so a large file with repeating
    ids costs little.
    """
    lines = df.index.to_numpy() + 2
    headers = list(df.columns)
    if text and width >= 2 and len(df) and len(df.columns) >= 2:  # a line using another delimiter
        lone = df.iloc[:, 0].notna().to_numpy().copy()
        for pos in range(1, len(df.columns)):
            lone &= df.iloc[:, pos].isna().to_numpy()
            if not lone.any():
                break
        if lone.any():
            cells = df.iloc[:, 0].to_numpy(dtype=object)
            other = np.zeros(len(cells), dtype=bool)
            other[lone] = [max(str(c).count(d) for d in _DELIMITERS) >= width - 1 for c in cells[lone]]
            if other.any():
                raise _rows_error(name, str(headers[0]), None, lines, other, list(cells),
                                  "的整行都挤在第一列：这几行用的分隔符与表头不同。请统一使用一种分隔符（例如逗号）后再上传。",
                                  "hold the whole line in the first column: these lines use another delimiter than "
                                  "the header. Use one delimiter (e.g. commas) throughout and upload again.")
    for pos, header in enumerate(headers):  # a total row would become the top customer
        col = df.iloc[:, pos]
        if not (pd.api.types.is_object_dtype(col) or isinstance(col.dtype, pd.StringDtype)):
            continue
        mask = _matches(col, _TOTAL, _TOTAL_STARTS)
        if mask.any():
            raise _rows_error(name, str(header), None, lines, mask, list(col.to_numpy(dtype=object)),
                              "像是合计行（小计、总计）。合计行会被当成一位客户（而且是最大的客户）。"
                              "请删除所有合计、小计行后再上传。",
                              "look like total rows (totals, subtotals). A total row would count as a customer "
                              "(the largest one). Delete every total and subtotal row and upload again.")
    found = schema._match_headers(headers, name)
    for col in schema.columns:
        if col.name not in found or col.kind != "str" or not (col.name.endswith("_id") or col.name == "id"):
            continue
        raw = df.iloc[:, found[col.name]]
        header = str(headers[found[col.name]])
        values = raw.to_numpy(dtype=object) if not isinstance(raw.dtype, pd.StringDtype) else None
        sci = _matches(raw, _SCIENTIFIC, holds="e")
        if sci.any():
            raise _rows_error(name, header, col.name, lines, sci, list(raw.to_numpy(dtype=object)),
                              "是科学计数法：Excel 把长编号当成数字并截掉了后面的位数，这些编号已无法还原，"
                              "不同客户会被合并成一个。请在 Excel 中把编号列设为“文本”格式，重新导出后再上传。",
                              "are in scientific notation: Excel took the long ids for numbers and cut their digits, "
                              "so different customers would merge into one and the ids cannot be recovered from "
                              "this file. In Excel, format the id column as Text, export again and upload.")
        is_number = lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
        if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
            long = np.abs(raw.to_numpy(dtype="float64", na_value=np.nan)) >= _MAX_EXACT_ID
        elif pd.api.types.is_object_dtype(raw):
            long = np.fromiter((is_number(v) and abs(float(v)) >= _MAX_EXACT_ID for v in values), dtype=bool,
                               count=len(values))
        else:
            long = np.zeros(len(raw), dtype=bool)
        if long.any():
            raise _rows_error(name, header, col.name, lines, long, [
                f"{v:.15g}" if is_number(v) else v for v in values],
                "是超过 15 位的数字：Excel 只保留数字的 15 位有效数字，后面的位数已丢失。"
                "请在 Excel 中把编号列设为“文本”格式，重新输入或导出编号后再上传。",
                "are numbers of more than 15 digits: Excel keeps only 15 significant digits of a number, "
                "so the last digits are lost. Format the id column as Text in Excel, enter or export the ids "
                "again and upload.")
        _check_id_spellings(raw, header, col.name, lines, name)


def _id_key(text: str) -> str:
    """What an id means, ignoring how it is written: width, case and leading zeros of a number."""
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    return key.lstrip("0") or "0" if key.isdigit() else key


def _id_keys(spellings: pa.Array) -> pa.Array:
    """:func:`_id_key` of each spelling, in Arrow."""
    ascii = pc.all(pc.string_is_ascii(spellings)).as_py() is not False
    key = pc.utf8_lower(pc.utf8_trim_whitespace(spellings if ascii else pc.utf8_normalize(spellings, "NFKC")))
    trimmed = pc.utf8_ltrim(key, characters="0")
    return pc.if_else(pc.utf8_is_digit(key), pc.if_else(pc.equal(trimmed, ""), "0", trimmed), key)


def _check_id_spellings(raw: pd.Series, header: str, column: str, lines: np.ndarray, name: str) -> None:
    """Refuse one id written two ways (``000017`` as text and ``17`` as a number): two customers or one?"""
    if (arr := _arrow_strings(raw)) is not None:  # the usual case, all text: count distinct keys in Arrow
        spelt = pc.unique(pc.utf8_trim_whitespace(pc.unique(arr).drop_null()))
        if len(pc.unique(_id_keys(spelt))) == len(spelt):
            return
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    spelt = cell_text(pd.Series(uniques, dtype=object))  # 17.0 -> "17", as the schema reads it
    keys = pd.Series([_id_key(t) if t is not None else None for t in spelt], dtype=object)
    clash = keys.duplicated(keep=False).to_numpy() & keys.notna().to_numpy()
    clash &= ~spelt.duplicated(keep=False).to_numpy()  # " C1" and "C1" are one spelling once stripped
    if not clash.any():
        return
    key = keys[clash].iloc[0]
    members = [i for i in range(len(uniques)) if keys[i] == key]
    spellings = list(dict.fromkeys(spelt[i] for i in members))
    if len(spellings) < 2:
        return
    rows = [int(lines[np.flatnonzero(np.isin(codes, [i for i in members if spelt[i] == s]))[0]]) for s in spellings]
    order = np.argsort(rows)
    spellings, rows = [spellings[i] for i in order], [rows[i] for i in order]
    zh = "、".join(f"“{s}”（第 {r} 行）" for s, r in zip(spellings, rows))
    en = " and ".join(f"'{s}' (row {r})" for s, r in zip(spellings, rows))
    raise DataError(
        f"文件 {name} 的“{header}”列中 {zh} 像是同一个编号的不同写法（Excel 会去掉数字编号前面的 0，或全角/半角、"
        "大小写不同）。编号按文本读取，它们会被当成不同的客户。请在 Excel 中把编号列设为“文本”格式，"
        "统一编号的写法后再上传。",
        f"File {name}, column '{header}': {en} look like one id written two ways (Excel drops the leading "
        "zeros of a number; or full-width digits, or upper and lower case). Ids are read as text, so they "
        "would count as different customers. Format the id column as Text in Excel, write every id the same "
        "way and upload again.", file=name, column=column, rows=rows)


#: The last plausible day of anything a student uploads: the end of next year.
LATEST_UPLOAD_DATE = f"{date.today().year + 1}-12-31"


@lru_cache(maxsize=64)
def upload_schema(schema: TableSchema) -> TableSchema:
    """``schema`` with every date column bounded to plausible days (1900 to next year) unless it has bounds.

    A date in 2099 or 1899 in a file a student brings is a typo or another column; the case
    data (``load_case``) is not bounded this way. The transactions upload bounds its purchase
    date more tightly (1990 on).
    """
    columns = tuple(replace(c, earliest=c.earliest or "1900-01-01", latest=c.latest or LATEST_UPLOAD_DATE)
                    if c.kind == "date" else c for c in schema.columns)
    return replace(schema, columns=columns)


def _monotone(progress: Progress | None) -> Progress | None:
    """The callback, called with rising fractions only."""
    if progress is None:
        return None
    last = [-1.0]

    def report(fraction: float) -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if fraction > last[0]:
            last[0] = fraction
            progress(fraction)
    return report


def _not_a_web_page(text: str, name: str) -> None:
    """Refuse HTML or Excel 2003 XML (what some systems export as ".xls") with the way to convert it."""
    head = text[:2000].lstrip().lower()
    if not head.startswith("<"):
        return
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        what_zh, what_en = "Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet"
    elif any(tag in head for tag in ("<html", "<!doctype html", "<table", "<body")):
        what_zh, what_en = "网页（HTML）", "a web page (HTML)"
    else:
        return
    raise DataError(f"文件 {name} 其实是{what_zh}，只是扩展名像表格（有些系统这样导出 .xls）。"
                    "请在 Excel 中打开它，另存为 .xlsx 或 CSV 后再上传。",
                    f"File {name} is really {what_en}, only named like a table (some systems export .xls this way). "
                    "Open it in Excel, save it as .xlsx or CSV and upload again.", file=name)


def _read_text_table(text: str, name: str, schema: TableSchema | None = None,
                     limits: Limits | None = None) -> pd.DataFrame:
    """Parse CSV text; the index is ``line - 2`` so schema errors quote file line numbers.

    With a ``schema`` the header is the first of the first 20 lines naming its required
    columns (title lines above it are skipped); without, the first non-empty line.
    """
    limits = limits or Limits()
    grid, skipped, _ = _text_grid(text, name, limits)
    header, hits, required = _find_header(grid, schema) if len(grid) else (0, 0, 0)
    if not len(grid):
        raise pd.errors.EmptyDataError("no lines")
    df = _frame(grid, header, skipped, name, schema)
    if schema is not None and hits < required:
        _raise_missing(df, schema, name, *_header_hint(grid, header, hits, required, skipped, schema))
    named = [pos for pos, h in enumerate(grid.iloc[header]) if _header_text(h) is not None]
    width = named[-1] + 1 if named else 0
    if width and len(df.columns) > width and len(df):  # fields beyond the header's last name: a stray delimiter
        beyond = df.iloc[:, width:].notna().to_numpy()
        if beyond.any():
            row = int(np.flatnonzero(beyond.any(axis=1))[0])
            saw = int(np.flatnonzero(df.iloc[row].notna().to_numpy())[-1]) + 1
            raise _ragged(name, int(df.index[row]) + 2, saw, width)
    return df


def _check_size(df: pd.DataFrame, name: str, limits: Limits) -> None:
    if len(df.columns) > limits.columns:
        raise too_big(name, "列数", "the number of columns is", len(df.columns), limits.columns)
    if len(df) > limits.rows:
        raise too_big(name, "行数", "the number of rows is", len(df), limits.rows)
    if len(df) * len(df.columns) > limits.cells:
        raise too_big(name, "单元格数（行 × 列）", "the number of cells (rows x columns) is",
                      len(df) * len(df.columns), limits.cells)


def read_upload(source: Any, filename: str | None = None, schema: TableSchema | None = UPLOAD_TRANSACTIONS,
                max_bytes: int = 50 * 2**20, *, progress: Progress | None = None,
                limits: Limits | None = None) -> pd.DataFrame:
    """Read a CSV, Excel or OpenDocument file a user brings and validate it.

    Parameters
    ----------
    source : path, bytes, memoryview, file-like, or an ipywidgets FileUpload entry
        The file. A FileUpload entry (a dict or object with ``name`` and ``content``)
        or a one-element ``FileUpload.value`` tuple is accepted as is.
    filename : str, optional
        Name used in messages; defaults to the source's name. The format is told by the
        bytes, not the name.
    schema : TableSchema or None
        Schema to validate against; ``None`` returns the table untyped (all strings).
        With a schema, the header is found among the first 20 rows and the sheet of a
        workbook whose header names the schema's columns is read.
    max_bytes : int
        Largest accepted file size, checked before parsing.
    progress : callable, optional
        Called with rising fractions from 0 to 1 while the file is read (1 at the end,
        also when it is refused), e.g. to move a progress bar on a large file.
    limits : Limits, optional
        What one file may hold (uncompressed bytes, compression ratio, cells, rows,
        columns, line length); see :class:`crm.core.sheets.Limits`.

    Returns
    -------
    DataFrame
        The validated, typed table (see :meth:`TableSchema.validate`).

    Raises
    ------
    DataError
        Naming the file, for anything that is not a usable table: too large (packed or
        unpacked), empty, binary or unknown encoding, malformed, a total row, ids that
        Excel mangled or one id written two ways, ambiguous columns, or failing the schema.

    Examples
    --------
    >>> read_upload(b"customer_id,date,amount\\nc1,2024-03-15,12.50\\n", "x.csv").amount.tolist()
    [12.5]
    """
    limits = limits or Limits()
    report = _monotone(progress)
    try:
        return _read_upload(source, filename, schema, max_bytes, limits, report)
    finally:
        if report is not None:
            report(1.0)


def _read_upload(source: Any, filename: str | None, schema: TableSchema | None, max_bytes: int, limits: Limits,
                 report: Progress | None) -> pd.DataFrame:
    step = report or (lambda fraction: None)
    step(0.0)
    data, name = _source_bytes(source, filename, max_bytes)
    if not data.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"):
        raise _empty(name)
    # Trust the bytes, not the name: some systems export tab-separated text as ".xls".
    is_excel = data.startswith((_ZIP_MAGIC, _OLE2_MAGIC))
    try:
        if is_excel:
            df = _read_excel(data, name, schema, limits, report)
            width = 0
        else:
            text = _decode(data, name)
            _not_a_web_page(text, name)
            step(0.05)
            df = _read_text_table(text, name, schema, limits)
            step(0.35)
            width = len(df.columns)
    except DataError:
        raise
    except pd.errors.EmptyDataError:
        raise _empty(name) from None
    except Exception:  # zipfile/calamine/pandas raise many types on a damaged file
        raise _not_a_table(name, "（文件已损坏或不是表格）", " (it is damaged or not a table)") from None
    step(0.35 if not is_excel else 0.87)
    _check_size(df, name, limits)
    # Drop rows left entirely blank (keeping the index, so row numbers stay line numbers).
    blank = df.isna().all(axis=1).to_numpy() if len(df.columns) else np.zeros(len(df), dtype=bool)
    df = df.loc[~blank] if blank.any() else df
    if schema is None:
        return _object_text(df)
    schema = upload_schema(schema)
    _check_content(df, schema, name, text=not is_excel, width=width)
    start = 0.5 if not is_excel else 0.9
    step(start)
    return _object_text(schema.validate(df, file=name, progress=lambda f: step(start + (0.99 - start) * f)))


def write_table(df: pd.DataFrame, path: str | os.PathLike, float_format: str = "%.2f") -> Path:
    """Write ``df`` as a CSV that is byte-identical every time it is regenerated.

    UTF-8, ``\\n`` line endings, no index, floats in ``float_format``, dates as
    YYYY-MM-DD when they have no time of day, times of day (timedeltas) as HH:MM:SS.
    A ``.csv.gz`` path is gzipped with ``mtime=0`` and no file name in the header.

    Parameters
    ----------
    df : DataFrame
        The table to write; it is not modified.
    path : str or PathLike
        Destination ending in ``.csv`` or ``.csv.gz``; parent folders are created.
    float_format : str
        printf-style format for float columns, e.g. ``"%.2f"``.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_timedelta64_dtype(out[column]):
            secs = out[column].dt.total_seconds()
            out[column] = [None if pd.isna(s) else f"{int(s) // 3600:02d}:{int(s) % 3600 // 60:02d}:"
                           f"{int(s) % 60:02d}" for s in secs]
    text = out.to_csv(index=False, float_format=float_format, lineterminator="\n")
    payload = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        buffer = io.BytesIO()
        # filename="" and mtime=0 keep the gzip header free of the path and the clock. Level 6
        # (zlib's default) is 3× faster than 9 for 2% more bytes; the grader writes a variant per run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=6) as gz:
            gz.write(payload)
        payload = buffer.getvalue()
    path.write_bytes(payload)
    return path
