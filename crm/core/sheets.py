"""Reading workbooks a student uploads (.xlsx, .xlsm, .xlsb, .xls, .ods) in bounded time and memory.

The 50 MB upload limit counts compressed bytes; an .xlsx is a zip, and 1 MB of zip can
hold gigabytes of XML, or two cells far apart (``A1`` and ``XFD1048576``) that a reader
expands into a grid of 17 billion cells. So before any cell is parsed, :func:`check_zip`
reads the zip's directory (the declared sizes and compression ratios), then inflates
every member through :mod:`zipfile`, which stops at the declared size and checks the
CRC, counting the real bytes and, in the worksheets, the rows and the columns that the
cell references reach. Only a workbook within :class:`Limits` goes to the parser,
python-calamine (MIT; Rust; ~10x faster than openpyxl), which reads xlsx, xls and ods.

Everything here is pure: bytes in, a grid of cells (a list of rows) or a ``DataError`` out.
"""
from __future__ import annotations

import inspect
import io
import os
import pickle
import re
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable

from crm.core.schemas import DataError

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Limits:
    """What one upload may hold; beyond any of these it is refused before it is parsed."""

    uncompressed_bytes: int = 400 * 2**20  # the bytes inside a workbook (a full 3-column sheet is ~150 MB)
    compression_ratio: float = 500.0  # a member inflating more than this is a zip bomb (real sheets: 5-50x)
    cells: int = 12_000_000  # rows x columns of a sheet's grid (a full Excel sheet of 11 columns)
    rows: int = 2_000_000  # Excel's sheets stop at 1,048,576; a CSV may hold more
    columns: int = 1_000
    line_chars: int = 1_000_000  # one line of text (a CSV line of a million characters is no table)
    members: int = 10_000  # files inside a zip


def _human(n: float) -> str:
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} B"


def too_big(name: str, what_zh: str, what_en: str, found: float, limit: float, unit: str = "") -> DataError:
    """The refusal of a file beyond a limit, with the hint to keep only what is needed."""
    shown = (_human(found), _human(limit)) if unit == "bytes" else (f"{found:,.0f}", f"{limit:,.0f}")
    return DataError(
        f"文件 {name} 超出上传限制：{what_zh}为 {shown[0]}，上限为 {shown[1]}。"
        "请只保留需要的列和行（或另存为 CSV）后再上传。",
        f"File {name} is beyond the upload limits: {what_en} {shown[0]}, the limit is {shown[1]}. "
        "Keep only the columns and rows you need (or save it as CSV) and upload again.", file=name)


def damaged(name: str) -> DataError:
    return DataError(f"文件 {name} 已损坏或不是表格。请在 Excel 中打开并另存为 .xlsx 或 CSV 后再上传。",
                     f"File {name} is damaged or not a table. Open it in Excel, save it as .xlsx or CSV "
                     "and upload again.", file=name)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _SheetScan:
    """Rows and columns a worksheet's XML reaches, counted while it is inflated."""

    _ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
    _CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)(\d+)"')
    _DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')

    def __init__(self) -> None:
        self.rows = self.columns = self.row_tags = self.cell_tags = 0
        self.refd_rows = self.refd_cells = 0  # tags that carry their own reference (r="...")
        self.width = self.carry = 0  # most cells in one row; cells of the row still open at the piece's end
        self.tail = b""
        self.prefix: bytes | None = None

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self.tail + chunk
        cut = len(buf) if final else buf.rfind(b">") + 1
        piece, self.tail = buf[:cut], buf[cut:]
        if self.prefix is None and (root := re.search(rb"<(\w+:)?worksheet\b", piece)):
            self.prefix = root[1] or b""
        p = self.prefix or b""
        cell_tags = (b"<" + p + b"c ", b"<" + p + b"c>", b"<" + p + b"c/>")
        rows = piece.count(b"<" + p + b"row ") + piece.count(b"<" + p + b"row>")
        cells = sum(piece.count(tag) for tag in cell_tags)
        self.row_tags += rows
        self.cell_tags += cells
        # The usual spelling (r first) by a fast literal search; any other by the general pattern.
        found_rows = re.findall(b"<" + re.escape(p) + rb'row r="(\d+)"', piece)
        if len(found_rows) != rows:
            found_rows = self._ROW.findall(piece)
        fast_cells = re.findall(b"<" + re.escape(p) + rb'c r="([A-Z]+)', piece)
        # Any reference anywhere (a cell may carry two: a reader keeps the last), for the farthest column.
        self.columns = max(self.columns, max(map(_column_number, set(re.findall(rb'r="([A-Z]+)\d', piece))),
                                             default=0))
        if len(fast_cells) == cells:
            letters, refd = set(fast_cells), len(fast_cells)
        elif b"<" + p + b"c " not in piece:  # no cell has attributes, so none has a reference
            letters, refd = set(), 0
        else:
            general = self._CELL.findall(piece)
            letters, refd = {c for c, _ in general}, len(general)
        self.refd_rows += len(found_rows)
        self.refd_cells += refd
        if found_rows:
            self.rows = max(self.rows, max(map(int, found_rows)))
        if letters:
            self.columns = max(self.columns, max(map(_column_number, letters)))
        if refd < cells:  # cells placed one after another: count the widest row
            counts = [sum(seg.count(tag) for tag in cell_tags) for seg in piece.split(b"<" + p + b"row")]
            counts[0] += self.carry
            self.width, self.carry = max(self.width, max(counts)), counts[-1]
        for col, row in self._DIMENSION.findall(piece[:4096]) if self.row_tags == rows else ():
            self.rows, self.columns = max(self.rows, int(row)), max(self.columns, _column_number(col))

    def grid(self) -> tuple[int, int]:
        """(rows, columns) a reader's grid can reach: the farthest references, plus the tags without one
        (a reader places those after the previous row or cell)."""
        rows = self.rows + (self.row_tags - self.refd_rows)
        columns = self.columns + (self.width if self.refd_cells < self.cell_tags else 0)
        return rows, max(columns, 1 if self.cell_tags else 0)


def _ods_grid(xml: bytes) -> tuple[int, int, int]:
    """(rows, widest row, cells) an ODS content.xml expands to, counting repeated rows and cells that hold values."""
    rows = cells = widest = 0
    for row in re.finditer(rb"<table:table-row\b([^>]*?)(/?)>(.*?)(?:</table:table-row>|$)", xml, re.S) \
            if b"<table:table-row" in xml else ():
        repeat = int(m[1]) if (m := re.search(rb'number-rows-repeated="(\d+)"', row[1])) else 1
        width = filled = 0
        for cell in re.finditer(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>", row[3]):
            span = int(m[1]) if (m := re.search(rb'number-columns-repeated="(\d+)"', cell[1])) else 1
            width += span
            if b"value-type" in cell[1] or not cell[2]:
                filled = width  # a cell with content: the row's grid reaches here
        if filled:
            rows += repeat
            widest = max(widest, filled)
            cells += repeat * filled
    return rows, widest, cells


def check_zip(data: bytes, name: str, limits: Limits, progress: Progress | None = None) -> str:
    """Check a zip upload against ``limits`` before parsing; return its kind ("xlsx" or "ods").

    Raises ``DataError`` for a zip that is not a workbook, damaged, or beyond the limits.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise damaged(name) from None
    names = {info.filename for info in infos}
    if "xl/workbook.bin" in names:  # its binary sheets cannot be checked before a reader expands them
        raise DataError(f"文件 {name} 是 Excel 二进制工作簿（.xlsb），不能直接读取。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
                        f"File {name} is an Excel binary workbook (.xlsb), which is not read. Save it as .xlsx or "
                        "CSV in Excel and upload again.", file=name)
    if "xl/workbook.xml" in names:
        kind = "xlsx"
    elif "content.xml" in names and b"opendocument.spreadsheet" in (
            archive.open("mimetype").read(100) if "mimetype" in names else b""):
        kind = "ods"
    else:
        raise DataError(f"文件 {name} 不是可以读取的表格（是压缩包或 Word 等其他文档）。"
                        "请上传 CSV（.csv）或 Excel（.xlsx、.xls）、.ods 文件。",
                        f"File {name} is not a table we can read (a zip archive or another kind of document). "
                        "Please upload a CSV (.csv), Excel (.xlsx, .xls) or .ods file.", file=name)
    if len(infos) > limits.members:
        raise too_big(name, "压缩包内的文件数", "the number of files inside is", len(infos), limits.members)
    declared = sum(info.file_size for info in infos)
    if declared > limits.uncompressed_bytes:
        raise too_big(name, "解压后的大小", "its uncompressed size is", declared, limits.uncompressed_bytes, "bytes")
    for info in infos:
        if info.file_size > 2**20 and info.file_size > limits.compression_ratio * max(info.compress_size, 1):
            raise DataError(
                f"文件 {name} 中的 {info.filename} 压缩比异常（{info.file_size / max(info.compress_size, 1):,.0f} 倍，"
                f"上限 {limits.compression_ratio:,.0f} 倍），可能是“压缩炸弹”，不予读取。请上传由 Excel 正常保存的文件。",
                f"File {name}: {info.filename} is compressed {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"(the limit is {limits.compression_ratio:,.0f}), as a zip bomb is; it is not read. "
                "Upload a file saved by Excel in the usual way.", file=name)
    total = 0
    # Every XML part is scanned, not only xl/worksheets/: the workbook's relations may put a sheet anywhere.
    sheets = [info for info in infos if kind == "xlsx" and info.filename.endswith(".xml")]
    try:
        for info in infos:
            scan = _SheetScan() if info in sheets else None
            grids, start = 0, total
            ods = bytearray() if kind == "ods" and info.filename == "content.xml" else None
            with archive.open(info) as member:  # stops at the declared size; a wrong CRC raises
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > limits.uncompressed_bytes:
                        raise too_big(name, "解压后的大小", "its uncompressed size is", total,
                                      limits.uncompressed_bytes, "bytes")
                    if scan is not None:
                        scan.feed(chunk)
                        grids += 1
                        if grids % 8 == 0:  # refuse as soon as the sheet is, or will be, beyond the limits
                            rows, columns = scan.grid()
                            _check_grid(name, info.filename, rows, columns, limits)
                            share = (total - start) / max(info.file_size, 1)  # of this member read so far
                            if rows * columns > 1.5 * limits.cells * share:
                                _check_grid(name, info.filename, int(rows / share), columns, limits, projected=True)
                    if ods is not None:
                        ods += chunk
                    if progress is not None and declared:
                        progress(0.4 * min(total / declared, 1.0))
            if scan is not None:
                scan.feed(b"", final=True)
                _check_grid(name, info.filename, *scan.grid(), limits)
            if ods is not None:
                rows, width, _ = _ods_grid(bytes(ods))
                _check_grid(name, info.filename, rows, width, limits)
    except DataError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise damaged(name) from None  # a wrong CRC or size, an unknown compression, a password
    return kind


def _check_grid(name: str, part: str, rows: int, columns: int, limits: Limits, projected: bool = False) -> None:
    """Refuse a sheet whose grid (rows x columns, as a reader builds it) is beyond ``limits``.

    ``projected``: the rows are projected from the part read so far (the sheet's XML is as
    dense further on), which refuses a large sheet before all of it is inflated.
    """
    about_zh, about_en = ("按已读部分推算，约", "by the part read so far, about ") if projected else ("", "")
    if columns > limits.columns:
        raise too_big(name, f"工作表（{part}）的列数", f"a sheet ({part}) reaches column", columns, limits.columns)
    if rows > limits.rows and not projected:
        raise too_big(name, f"工作表（{part}）的行数", f"a sheet ({part}) reaches row", rows, limits.rows)
    if rows * columns > limits.cells:
        raise too_big(name, f"工作表（{part}）的单元格数（行 × 列）{about_zh}",
                      f"a sheet ({part}) spans cells (rows x columns) {about_en}", rows * columns, limits.cells)


def _columns(grid: list[list]) -> list[list]:
    """The grid's columns (row i of each is the sheet's row i + 1); dates, times and other cells as
    their text, which is what the schema reads from them (``str(v)``), and which moves between
    processes several times faster than date objects. The child runs this function's source."""
    plain = (str, float, int, bool)
    width = max(map(len, grid), default=0)
    if any(len(row) != width for row in grid):
        grid = [list(row) + [""] * (width - len(row)) for row in grid]
    return [[v if type(v) in plain else str(v) for v in column] for column in zip(*grid)]


def _sheets(book, name: str, limits: Limits, progress: Progress | None) -> list[tuple[str, int, list[list]]]:
    out = []
    names = book.sheet_names
    for i, sheet_name in enumerate(names):
        sheet = book.get_sheet_by_index(i)
        end = sheet.end if sheet.height and sheet.width else None
        rows, columns = (end[0] + 1, end[1] + 1 - sheet.start[1]) if end else (0, 0)
        _check_grid(name, sheet_name, rows, columns, limits)
        grid = []  # row i is the sheet's row i + 1 (calamine gives the empty rows above the first filled one)
        for row in sheet.iter_rows() if end else ():
            grid.append(row)
            if progress is not None and len(grid) % 100_000 == 0:
                progress(0.5 + 0.3 * (i + len(grid) / max(rows, 1)) / len(names))
        out.append((sheet_name, len(grid), _columns(grid)))
    return out


def _open(data: bytes, name: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise DataError(f"文件 {name} 设有密码，无法读取。请在 Excel 中取消密码后另存，再上传。",
                        f"File {name} is password protected and cannot be read. Remove the password in Excel, "
                        "save it and upload again.", file=name) from None


def read_sheets(data: bytes, name: str, limits: Limits, progress: Progress | None = None,
                isolated: bool = True) -> list[tuple[str, int, list[list]]]:
    """Every sheet of a workbook as (name, rows, columns of cells); row 0 of a column is the sheet's row 1.

    Cells are as python-calamine gives them: str (``""`` when empty), float, int, bool; dates
    and times as their text (``2024-03-01``, ``2024-03-01 09:30:00``, ``09:30:00``), which is
    what the schema reads from them. Raises ``DataError`` for a workbook that cannot be read.

    The workbook is read in a child process (``isolated``, the default) with bounded memory
    and time: a damaged or crafted file can make calamine abort the whole process, which
    would be the student's kernel. Seen: 6 bytes changed in an .xls asked for 515 GB; a cell
    written ``<c r="C20"r="XFD1048576">`` (a second reference the zip check's scan took as
    C20) asked for 549 GB. The zip check still runs first: it refuses the usual bombs at
    once and with a clear message, the child is the backstop for what it cannot foresee.
    """
    if isolated:
        return _read_in_child(data, name, limits, progress)
    try:
        return _sheets(_open(data, name), name, limits, progress)
    except DataError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # calamine's own errors, OS errors, and a Rust panic (a BaseException)
        raise damaged(name) from None


_CHILD_MEMORY = 3 * 2**30  # address space of the child reading a workbook
_CHILD_SECONDS = 120
_CHILD = inspect.getsource(_columns) + """
import io, pickle, sys
import python_calamine
cells, rows_max, columns_max = map(int, sys.argv[1:4])
out = ("ok", [])
data = sys.stdin.buffer.read()
try:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = book.sheet_names
    for i, sheet_name in enumerate(names):
        sheet = book.get_sheet_by_index(i)
        sys.stderr.write("P %.4f\\n" % (i / len(names)))
        sys.stderr.flush()
        end = sheet.end if sheet.height and sheet.width else None
        rows, columns = (end[0] + 1, end[1] + 1 - sheet.start[1]) if end else (0, 0)
        if rows > rows_max or columns > columns_max or rows * columns > cells:
            out = ("grid", (sheet_name, rows, columns))
            break
        grid = []
        for row in sheet.iter_rows() if end else ():
            grid.append(row)
            if len(grid) % 100000 == 0:
                sys.stderr.write("P %.4f\\n" % ((i + len(grid) / rows) / len(names)))
                sys.stderr.flush()
        out[1].append((sheet_name, len(grid), _columns(grid)))
except python_calamine.PasswordError:
    out = ("password", None)
except Exception:
    out = ("damaged", None)
sys.stderr.write("DONE\\n")
sys.stderr.flush()
sys.stdout.buffer.write(pickle.dumps(out, protocol=5))
"""  # only python-calamine: the child starts in ~0.1 s


class _CellsOnly(pickle.Unpickler):
    """Unpickles what the child sends (lists of str, numbers, dates and times), nothing else."""

    def find_class(self, module: str, name: str):
        if module == "datetime" and name in ("date", "datetime", "time", "timedelta"):
            return getattr(__import__("datetime"), name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell")


def _limit_child() -> None:  # pragma: no cover - runs in the child
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (_CHILD_MEMORY, _CHILD_MEMORY))
    except (ImportError, ValueError, OSError):
        pass


def _read_in_child(data: bytes, name: str, limits: Limits, progress: Progress | None = None
                   ) -> list[tuple[str, int, list[list]]]:
    """:func:`read_sheets` in a child process; its progress lines move ``progress`` from 0.5 to 0.8."""
    import threading

    child = subprocess.Popen(
        [sys.executable, "-I", "-c", _CHILD, str(limits.cells), str(limits.rows), str(limits.columns)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=_limit_child if os.name == "posix" else None)
    killed = threading.Event()

    def stop() -> None:
        killed.set()
        child.kill()
    timer = threading.Timer(_CHILD_SECONDS, stop)
    timer.start()
    try:
        try:
            child.stdin.write(data)  # the child reads all of it before it writes anything
            child.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        for line in child.stderr:  # progress lines, then DONE; a crash ends the stream early
            if line.startswith(b"DONE"):
                break
            if line.startswith(b"P ") and progress is not None:
                try:
                    progress(0.5 + 0.3 * float(line[2:]))
                except ValueError:
                    pass
        out = child.stdout.read()
        if progress is not None:
            progress(0.81)
        child.stderr.read()
        code = child.wait()
    finally:
        timer.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    if killed.is_set():
        raise DataError(f"读取文件 {name} 超过 {_CHILD_SECONDS} 秒，已停止。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
                        f"Reading file {name} took more than {_CHILD_SECONDS} s and was stopped. Save it as .xlsx "
                        "or CSV in Excel and upload again.", file=name)
    try:
        status, payload = _CellsOnly(io.BytesIO(out)).load() if code == 0 else ("crash", None)
    except Exception:
        status, payload = "crash", None
    if status == "ok":
        if progress is not None:
            progress(0.83)
        return payload
    if status == "grid":
        _check_grid(name, payload[0], payload[1], payload[2], limits)
    if status == "password":
        raise DataError(f"文件 {name} 设有密码，无法读取。请在 Excel 中取消密码后另存，再上传。",
                        f"File {name} is password protected and cannot be read. Remove the password in Excel, "
                        "save it and upload again.", file=name)
    raise damaged(name)
