"""Deterministic writers for the upload corpus: CSV text, .xlsx, .xls and .ods from rows of cells.

The .xlsx and .ods writers are written out here (a zip of a few XML parts with fixed
timestamps) rather than by openpyxl, so that the same rows give the same bytes on
every run and so that the awkward files (merged headers, far-apart cells, zip bombs)
can be spelt exactly. The .xls writer is xlwt's (BSD), the only writer of real BIFF.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from crm.core.io import _column_letter

STAMP = (2024, 1, 1, 0, 0, 0)
_EPOCH = dt.datetime(1899, 12, 30)


def _zip(parts: Sequence[tuple[str, bytes]], stored: Sequence[str] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def csv_text(rows: Iterable[Sequence], sep: str = ",", newline: str = "\n") -> str:
    """Rows as delimited text; a cell holding the delimiter, a quote or a newline is quoted."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            text = "" if cell is None else str(cell)
            if any(ch in text for ch in (sep, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        out.append(sep.join(cells))
    return newline.join(out) + newline


# --- xlsx ---------------------------------------------------------------------------

_column = _column_letter  # A, B, …, Z, AA: the reader's own naming of columns


def _xlsx_cell(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (dt.datetime, dt.date)):
        stamp = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        serial = (stamp - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="1"><v>{serial:g}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: Iterable[Sequence], merged: Sequence[str] = ()) -> bytes:
    """A worksheet part: row i of ``rows`` is sheet row i + 1; None cells are left out."""
    body = []
    for i, row in enumerate(rows, start=1):
        cells = "".join(_xlsx_cell(f"{_column(j)}{i}", v) for j, v in enumerate(row))
        if cells:
            body.append(f'<row r="{i}">{cells}</row>')
    merges = (f'<mergeCells count="{len(merged)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merged)
              + "</mergeCells>") if merged else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxml'
            f'formats.org/spreadsheetml/2006/main"><sheetData>{"".join(body)}</sheetData>{merges}</worksheet>'
            ).encode("utf-8")


_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
       'types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
       '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles'
       '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
           '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')


def xlsx_parts(sheets: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """The parts of a workbook whose worksheets are the given XML parts, in order."""
    n = len(sheets)
    listed = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, name in enumerate(sheets, start=1))
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships"><sheets>{listed}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
    rels += (f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/styles" Target="styles.xml"/>')
    return [("[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(n=i) for i in range(1, n + 1)))
             .encode()),
            ("_rels/.rels", _RELS.encode()), ("xl/workbook.xml", workbook.encode()),
            ("xl/_rels/workbook.xml.rels", ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                                            'schemas.openxmlformats.org/package/2006/relationships">' + rels
                                            + "</Relationships>").encode()),
            ("xl/styles.xml", _STYLES.encode()),
            *((f"xl/worksheets/sheet{i}.xml", xml) for i, xml in enumerate(sheets.values(), start=1))]


def xlsx(sheets: dict[str, Sequence[Sequence]] | Sequence[Sequence], merged: Sequence[str] = ()) -> bytes:
    """An .xlsx of one sheet (rows) or several ({name: rows}); ``merged`` ranges on the first sheet."""
    if not isinstance(sheets, dict):
        sheets = {"Sheet1": sheets}
    xml = {name: sheet_xml(rows, merged if i == 0 else ()) for i, (name, rows) in enumerate(sheets.items())}
    return _zip(xlsx_parts(xml))


def repeated_deflate(chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """A raw deflate stream that inflates to ``head + chunk * times + tail``, built without compressing it all.

    Each piece is compressed on its own (a full flush empties the window), so the
    compressed copies of ``chunk`` can be laid end to end; ``tail`` closes the stream.
    """
    def alone(data: bytes, mode: int) -> bytes:
        one = zlib.compressobj(9, zlib.DEFLATED, -15)
        return one.compress(data) + one.flush(mode)
    return alone(head, zlib.Z_FULL_FLUSH) + alone(chunk, zlib.Z_FULL_FLUSH) * times + alone(tail, zlib.Z_FINISH)


def crafted_zip(parts: Sequence[tuple[str, bytes]], bomb_name: str, chunk: bytes, times: int,
                declared_size: int | None = None, crc: int | None = None, head: bytes = b"",
                tail: bytes = b"") -> bytes:
    """A zip of ``parts`` plus member ``bomb_name`` inflating to ``head + chunk * times + tail``.

    ``declared_size`` lets the directory lie about the size (a bomb that hides); the CRC
    is computed unless given (computing it reads the inflated size once).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
    packed = buffer.getvalue()
    # Re-open to append the crafted member by hand: local header, data, then a new central directory.
    archive = zipfile.ZipFile(io.BytesIO(packed))
    entries = [(info, packed[info.header_offset: info.header_offset + 30 + len(info.filename.encode())
                           + len(info.extra) + info.compress_size]) for info in archive.infolist()]
    data = repeated_deflate(chunk, times, head, tail)
    size = len(head) + len(chunk) * times + len(tail)
    if crc is None:
        crc = zlib.crc32(head)
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(tail, crc)
    shown = size if declared_size is None else declared_size
    name = bomb_name.encode()
    out = io.BytesIO()
    central = []
    import struct
    for info, local in entries:
        offset = out.tell()
        out.write(local)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5821, info.CRC,
                                   info.compress_size, info.file_size, len(info.filename.encode()), 0, 0, 0, 0,
                                   0o644 << 16, offset) + info.filename.encode())
    offset = out.tell()
    out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc, len(data), shown, len(name), 0)
              + name + data)
    central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5821, crc, len(data), shown,
                               len(name), 0, 0, 0, 0, 0o644 << 16, offset) + name)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


# --- xls and ods -----------------------------------------------------------------------

def xls(rows: Sequence[Sequence], sheet: str = "Sheet1") -> bytes:
    """A real Excel 97-2003 workbook (BIFF8), written by xlwt; dates get a date format."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                ws.write(i, j, value, date_style)
            else:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ods_cell(value, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{rep}/>"
    if isinstance(value, (dt.date, dt.datetime)):
        return (f'<table:table-cell{rep} office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f'<table:table-cell{rep} office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value!r}</text:p></table:table-cell>")
    return f'<table:table-cell{rep} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods(rows: Sequence[Sequence] | None = None, sheet: str = "Sheet1", raw_rows: str | None = None) -> bytes:
    """An OpenDocument spreadsheet of one sheet (``raw_rows``: the table's row XML as is)."""
    body = raw_rows if raw_rows is not None else "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows or ())
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="{escape(sheet)}">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    return _zip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                 ("content.xml", content.encode()), ("META-INF/manifest.xml", manifest.encode())],
                stored=("mimetype",))
