"""Reading and writing tables: the case data in ``data/`` and the files a user brings.

``load_case`` reads a case's generated CSVs; ``read_upload`` turns whatever a student
uploads (CSV in UTF-8, UTF-8 with BOM, GBK/GB18030 or UTF-16; comma, semicolon or tab
delimited; an Excel workbook) into a validated table, or raises one ``DataError`` in
Chinese and English; ``write_table`` writes CSVs byte-identically for the generators.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from crm.schemas import SCHEMAS, UPLOAD_TRANSACTIONS, DataError, TableSchema

ENV_DATA_DIR = "CRM_CASEBOOK_DATA"
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
    return Path(env) if env else Path(__file__).resolve().parents[1] / "data"


def __getattr__(name: str) -> Any:
    # ``crm.io.DATA_DIR`` follows $CRM_CASEBOOK_DATA when it is read, not when this module was
    # imported: a grading kernel is forked from a template that imported it before the
    # variant's folder was known, and must see the variant like every other way to the data.
    if name == "DATA_DIR":
        return default_data_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Tables kept in memory by :func:`preload_case`, by case name and file fingerprint.
_PRELOADED: dict[tuple, tuple[int, dict[str, pd.DataFrame]]] = {}


def _fingerprint(files: dict[str, Path]) -> tuple:
    # By content, not by path or time: the grader gives each submission its own copy.
    return tuple((path.name, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
                 for path in files.values())


def preload_case(name: str, data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Load a case once and keep it, so later :func:`load_case` calls on identical files copy it.

    The grader's kernel template process calls this before forking one kernel per
    submission, so that no submission pays for parsing and validating the tables: the
    first ``load_case`` in a forked child takes the kept tables themselves (they are
    that child's own copy-on-write pages), later calls read the files. A call on
    changed, missing or extra files reads them afresh as usual.
    """
    tables = load_case(name, data_dir)
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    _PRELOADED[(name, _fingerprint(_table_files(root / name)))] = (os.getpid(), tables)
    return tables


def _table_files(case_dir: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(case_dir.iterdir()):
        for suffix in (".csv.gz", ".csv"):
            if path.is_file() and path.name.endswith(suffix):
                table = path.name[: -len(suffix)]
                if table in files:
                    raise DataError(f"案例文件夹 {case_dir} 中“{table}”表既有 .csv 又有 .csv.gz，请只保留一个。",
                                    f"Case folder {case_dir} has both {table}.csv and {table}.csv.gz; keep one.",
                                    file=path.name)
                files[table] = path
                break
    return files


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


def load_case(name: str, data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate every table of one case.

    Parameters
    ----------
    name : str
        The case folder under the data directory, e.g. ``"supermarket"``.
    data_dir : Path, optional
        Where the case folders live; defaults to :func:`default_data_dir`.

    Returns
    -------
    dict of str to DataFrame
        ``{table: DataFrame}`` for every ``<table>.csv`` or ``<table>.csv.gz``, sorted by
        name. A table with a schema (``SCHEMAS["<case>/<table>"]`` or else
        ``SCHEMAS["<table>"]``) comes back validated and typed; others as pandas reads them.

    Raises
    ------
    DataError
        For an unknown case (listing the available ones), a case with no tables, or a
        table that fails its schema.

    Examples
    --------
    >>> tables = load_case("supermarket")  # doctest: +SKIP
    >>> sorted(tables)  # doctest: +SKIP
    ['customers', 'survey', 'transactions']
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    cases = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name[0] not in "._") \
        if root.is_dir() else []
    if name not in cases:
        listed = ", ".join(cases) or "(none)"
        raise DataError(f"没有名为“{name}”的案例。可用的案例：{'、'.join(cases) or '（无）'}。",
                        f"There is no case called '{name}'. Available cases: {listed}.")
    files = _table_files(root / name)
    if _PRELOADED and (key := (name, _fingerprint(files))) in _PRELOADED:
        owner, kept = _PRELOADED[key]
        if owner != os.getpid():  # a forked child: hand over its copy-on-write tables once, free
            del _PRELOADED[key]
            return kept
        return {table: df.copy() for table, df in kept.items()}
    if not files:
        raise DataError(f"案例“{name}”的文件夹中没有数据表（.csv）。请先运行 python -m crm.datasets 生成数据。",
                        f"Case '{name}' has no tables (.csv). Run python -m crm.datasets to generate them.")
    schemas = {table: SCHEMAS.get(f"{name}/{table}", SCHEMAS.get(table)) for table in files}
    tables = {}
    with ThreadPoolExecutor(max_workers=1) as reader:  # unzip and parse (GIL-free) the next tables meanwhile
        raws = {table: reader.submit(_read_case_table, path) for table, path in files.items()
                if schemas[table] is not None}
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


def _not_a_table(name: str, detail_zh: str = "", detail_en: str = "") -> DataError:
    return DataError(f"文件 {name} 不是可以读取的表格{detail_zh}。请上传 CSV（.csv）或 Excel（.xlsx）文件。",
                     f"File {name} is not a table we can read{detail_en}. "
                     "Please upload a CSV (.csv) or Excel (.xlsx) file.", file=name)


def _read_excel(data: bytes, name: str) -> pd.DataFrame:
    if data.startswith(_OLE2_MAGIC):
        try:
            return pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="xlrd")
        except ImportError:
            raise DataError(f"文件 {name} 是旧版 Excel（.xls）格式。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
                            f"File {name} is in the old Excel (.xls) format. "
                            "Save it as .xlsx or CSV in Excel and upload again.", file=name) from None
    # The first sheet is the table; other sheets (notes, pivots) are ignored.
    return pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="openpyxl")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        encodings = ("utf-16",)
    else:
        if b"\x00" in data:
            raise _not_a_table(name, "（看起来是二进制文件）", " (it looks like a binary file)")
        encodings = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _not_a_table(name, "（无法识别文字编码，应为 UTF-8 或 GBK）",
                           " (its text encoding is not UTF-8 or GBK)")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in text or controls > max(2, len(text[:10000]) // 100):
        raise _not_a_table(name, "（看起来是二进制文件）", " (it looks like a binary file)")
    return text.lstrip("\ufeff")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same, largest number of fields."""
    size = 1 << 16  # split only the head of a large file
    while len(head := text[:size].splitlines()) <= 50 and size < len(text):
        size *= 4
    lines = [line for line in head[:50] if line.strip()]
    best, best_score = ",", (0.0, 0)
    for delim in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts or counts[0] < 2:
            continue
        score = (sum(c == counts[0] for c in counts) / len(counts), counts[0])
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_text_table(text: str, name: str) -> pd.DataFrame:
    """Parse CSV text; the index is ``line - 2`` so schema errors quote file line numbers."""
    body = text.lstrip("\r\n")
    skipped = text[: len(text) - len(body)].count("\n")  # blank lines above the header
    sep = _sniff_delimiter(body)
    try:
        grid = _arrow_cells(body.encode("utf-8"), sep, skip_blank_lines=False)
    except UnicodeEncodeError:
        grid = None
    try:
        # header=None: pandas then never mistakes a longer first data row for an index.
        grid = grid if grid is not None else pd.read_csv(
            io.StringIO(body), sep=sep, header=None, dtype=object, keep_default_na=False, na_values=[""],
            skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            want, line, saw = int(found[1]), int(found[2]) + skipped, found[3]
            raise DataError(f"文件 {name} 第 {line} 行有 {saw} 个字段，但表头只有 {want} 列。请检查该行是否多了分隔符。",
                            f"File {name}, line {line} has {saw} fields but the header has {want} columns. "
                            "Check that line for an extra delimiter.", file=name, rows=[line]) from None
        raise _not_a_table(name, "（CSV 格式有误，例如引号未闭合）",
                           " (its CSV is malformed, e.g. an unclosed quote)") from None
    headers, seen = [], {}
    for pos, cell in enumerate(grid.iloc[0]):
        header = f"Unnamed: {pos}" if pd.isna(cell) else str(cell)
        seen[header] = seen.get(header, -1) + 1
        headers.append(header if not seen[header] else f"{header}.{seen[header]}")
    df = grid.iloc[1:].set_axis(headers, axis=1)
    return df.set_axis(pd.RangeIndex(skipped, skipped + len(df)), axis=0)


def read_upload(source: Any, filename: str | None = None, schema: TableSchema | None = UPLOAD_TRANSACTIONS,
                max_bytes: int = 50 * 2**20) -> pd.DataFrame:
    """Read a CSV or Excel file a user brings and validate it.

    Parameters
    ----------
    source : path, bytes, memoryview, file-like, or an ipywidgets FileUpload entry
        The file. A FileUpload entry (a dict or object with ``name`` and ``content``)
        or a one-element ``FileUpload.value`` tuple is accepted as is.
    filename : str, optional
        Name used for the format guess and in messages; defaults to the source's name.
    schema : TableSchema or None
        Schema to validate against; ``None`` returns the table untyped (all strings).
    max_bytes : int
        Largest accepted file size, checked before parsing.

    Returns
    -------
    DataFrame
        The validated, typed table (see :meth:`TableSchema.validate`).

    Raises
    ------
    DataError
        Naming the file, for anything that is not a usable table: too large, empty,
        binary or unknown encoding, malformed, or failing the schema.

    Examples
    --------
    >>> read_upload(b"customer_id,date,amount\\nc1,2024-03-15,12.50\\n", "x.csv").amount.tolist()
    [12.5]
    """
    data, name = _source_bytes(source, filename, max_bytes)
    if not data.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"):
        raise DataError(f"文件 {name} 是空的。", f"File {name} is empty.", file=name)
    # Trust the bytes, not the name: some systems export tab-separated text as ".xls".
    is_excel = data.startswith((_ZIP_MAGIC, _OLE2_MAGIC))
    try:
        df = _read_excel(data, name) if is_excel else _read_text_table(_decode(data, name), name)
    except DataError:
        raise
    except pd.errors.EmptyDataError:
        raise DataError(f"文件 {name} 是空的。", f"File {name} is empty.", file=name) from None
    except Exception:  # openpyxl/zipfile/pandas raise many types on a damaged file
        raise _not_a_table(name, "（文件已损坏或不是表格）", " (it is damaged or not a table)") from None
    # Drop rows left entirely blank (keeping the index, so row numbers stay line numbers).
    blank = df.isna().all(axis=1).to_numpy() if len(df.columns) else np.zeros(len(df), dtype=bool)
    df = df.loc[~blank] if blank.any() else df
    return _object_text(df if schema is None else schema.validate(df, file=name))


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
